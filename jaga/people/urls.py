from django.urls import path

from jaga.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_index, name="list"),
    path("undang/", views.person_invite_view, name="invite"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/peran/", views.membership_add, name="membership_add"),
    path(
        "<int:pk>/peran/<int:membership_pk>/akhiri/",
        views.membership_end_view,
        name="membership_end",
    ),
    path("<int:pk>/status/", views.person_active, name="active"),
    path("organisasi/", views.organisation_index, name="organisations"),
    path("organisasi/baru/", views.organisation_edit, name="organisation_new"),
    path("organisasi/<int:pk>/", views.organisation_edit, name="organisation_edit"),
]
