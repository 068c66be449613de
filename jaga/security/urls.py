from django.urls import path

from jaga.security import views

app_name = "security"
urlpatterns = [
    path("dua-langkah/", views.two_factor, name="two_factor"),
    path("dua-langkah/daftar/", views.two_factor_setup, name="two_factor_setup"),
    path("dua-langkah/kode-cadangan/", views.recovery_codes, name="recovery_codes"),
    path("dua-langkah/atur-ulang/", views.two_factor_reset, name="two_factor_reset"),
    path("kunci/", views.lockouts, name="lockouts"),
    path("kunci/buka/", views.lockout_unlock, name="lockout_unlock"),
]
