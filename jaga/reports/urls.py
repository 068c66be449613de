from django.urls import path

from jaga.reports import views

app_name = "reports"
urlpatterns = [
    path("baru/", views.report_create, name="create"),
    path("saya/", views.report_own, name="own"),
    path("saya/<int:pk>/", views.report_own_status, name="own_status"),
    path("antrean/", views.queue, name="queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/verifikasi/", views.verify, name="verify"),
    path("<int:pk>/tutup/", views.close, name="close"),
    path("<int:pk>/lampiran/", views.attachment, name="attachment"),
]
