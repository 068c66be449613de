from django.urls import path

from jaga.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/buka/", views.open_notification, name="open"),
    path("<int:pk>/baca/", views.mark_read, name="read"),
    path("baca-semua/", views.mark_all_read, name="read_all"),
    path("jumlah/", views.badge, name="badge"),
    path("pengaturan/", views.preferences, name="preferences"),
    path("gagal/", views.failed, name="failed"),
    path("gagal/<int:pk>/kirim-ulang/", views.retry, name="retry"),
]
