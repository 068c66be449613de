from django.urls import path

from jaga.clocks import views

app_name = "clocks"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("target/", views.targets, name="targets"),
    path("libur/", views.holiday_add, name="holiday_add"),
    path("libur/<int:pk>/hapus/", views.holiday_remove, name="holiday_remove"),
]
