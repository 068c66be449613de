from django.urls import path

from jaga.casework import views

app_name = "casework"
urlpatterns = [
    path("kasus/<int:pk>/asesmen/", views.assessment, name="assessment"),
    path("kasus/<int:pk>/tanda/", views.flags, name="flags"),
    path("kasus/<int:pk>/tanda/<int:flag_pk>/lepas/", views.flag_off, name="flag_off"),
]
