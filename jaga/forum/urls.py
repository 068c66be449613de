from django.urls import path

from jaga.forum.views import accompaniment, chapters, imports, reach, sessions

app_name = "forum"
urlpatterns = [
    path("", chapters.index, name="index"),
    path("kelurahan/<str:code>/", chapters.chapter, name="chapter"),
    path("kelurahan/<str:code>/bentuk/", chapters.chapter_new, name="chapter_new"),
    path("kelurahan/<str:code>/simpan/", chapters.chapter_form, name="chapter_form"),
    path("kelurahan/<str:code>/aktivis/", chapters.activist_add, name="activist_add"),
    path("kelurahan/<str:code>/pelatihan/", chapters.training_add, name="training_add"),
    path("aktivis/<int:pk>/aktif/", chapters.activist_active, name="activist_active"),
    path("aktivis/<int:pk>/undang/", chapters.activist_invite, name="activist_invite"),
    path("impor/", imports.import_view, name="import"),
    path("impor/templat.xlsx", imports.import_template, name="import_template"),
    path("sosialisasi/baru/", sessions.session_new, name="session_new"),
    path("sosialisasi/<int:pk>/foto/", sessions.session_photo, name="session_photo"),
    path("rapat/baru/", sessions.meeting_add, name="meeting_add"),
    path("pendampingan/", accompaniment.my_cases, name="my_cases"),
    path("pendampingan/kasus/<int:pk>/", accompaniment.accompany, name="accompany"),
    path("transport/", accompaniment.transport, name="transport"),
    path("laporan/", reach.report, name="report"),
    path("laporan/senyap/", reach.silent_chapters, name="silent_chapters"),
    path("cakupan/", reach.reach_index, name="reach_index"),
    path("cakupan/<str:code>/", reach.reach, name="reach"),
    path("cakupan/<str:code>/ekspor.xlsx", reach.export_xlsx, name="export_xlsx"),
    path("cakupan/<str:code>/ekspor.pdf", reach.export_pdf, name="export_pdf"),
]
