"""Pages for the public, without sign-in: report, and follow a report by its tracking code."""

from django.urls import path

from jaga.reports import views

app_name = "public_reports"
urlpatterns = [
    path("", views.public_report, name="form"),
    path("status/", views.public_status, name="status"),
]
