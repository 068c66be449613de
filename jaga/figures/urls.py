from django.urls import path

from jaga.figures import views

app_name = "figures"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ekspor/<slug:key>.<slug:file_format>", views.export_table, name="export"),
    path("simfoni/", views.simfoni, name="simfoni"),
    path("simfoni/<int:pk>/unduh/", views.simfoni_download, name="simfoni_download"),
]
