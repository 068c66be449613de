from django.urls import path

from jaga.kla import document_views, fieldkit_views, instrument_views, pack_views, views

app_name = "kla"
urlpatterns = [
    path("", views.home, name="home"),
    path("buka/", views.open_round, name="open"),
    path("publik/", views.public, name="public"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/hitung/", views.refresh, name="refresh"),
    path("<int:pk>/kirim/", views.submit, name="submit"),
    path("<int:pk>/tenggat/", views.deadline, name="deadline"),
    path("<int:pk>/verifikasi-lapangan/", fieldkit_views.kit, name="kit"),
    path("<int:pk>/verifikasi-lapangan/<int:site_pk>/", fieldkit_views.kit_site, name="kit_site"),
    path("<int:pk>/paket/", pack_views.pack_page, name="pack"),
    path("<int:pk>/paket/susun/", pack_views.pack_request, name="pack_request"),
    path("<int:pk>/paket/unduh/", pack_views.pack_download, name="pack_download"),
    path("<int:pk>/indikator/<int:number>/", views.indicator, name="indicator"),
    path("bukti/<int:pk>/", views.evidence, name="evidence"),
    path("<int:pk>/angka-jaga.xlsx", document_views.computed_xlsx, name="computed_xlsx"),
    path("instrumen/<int:year>/", instrument_views.instrument_page, name="instrument"),
    path("instrumen/<int:year>/xlsx/", instrument_views.instrument_xlsx, name="instrument_xlsx"),
]
