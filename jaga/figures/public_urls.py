from django.urls import path

from jaga.figures import views

app_name = "statistics"

urlpatterns = [path("", views.statistics, name="index")]
