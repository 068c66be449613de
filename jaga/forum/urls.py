from django.urls import path

from jaga.forum.views import chapters, sessions

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
    path("sosialisasi/baru/", sessions.session_new, name="session_new"),
    path("sosialisasi/<int:pk>/foto/", sessions.session_photo, name="session_photo"),
    path("rapat/baru/", sessions.meeting_add, name="meeting_add"),
]
