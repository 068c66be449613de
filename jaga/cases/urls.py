from django.urls import path

from jaga.cases import views
from jaga.cases.views import breach

app_name = "cases"
urlpatterns = [
    path("", views.case_index, name="list"),
    path("kebocoran/", breach.breach_lookup, name="breach"),
    path("buka/<int:report_pk>/", views.case_open, name="open"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/identitas/", views.case_reveal, name="reveal"),
    path("<int:pk>/status/", views.case_transition, name="transition"),
    path("<int:pk>/ubah/", views.case_update, name="update"),
    path("<int:pk>/catatan/", views.case_note, name="note"),
    path("<int:pk>/orang/", views.person_add, name="person_add"),
    path("<int:pk>/orang/<int:person_pk>/ubah/", views.person_edit, name="person_edit"),
    path("<int:pk>/orang/<int:person_pk>/kebocoran/", breach.breach_person, name="breach_person"),
    path("<int:pk>/layanan/", views.service_add, name="service_add"),
    path("<int:pk>/tim/", views.member_add, name="member_add"),
    path("<int:pk>/tim/<int:member_pk>/keluar/", views.member_remove, name="member_remove"),
    path("<int:pk>/persetujuan/", views.consent_add, name="consent_add"),
    path(
        "<int:pk>/persetujuan/<int:consent_pk>/tarik/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<int:pk>/lampiran/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/lampiran/<int:attachment_pk>/", views.attachment_download, name="attachment"),
]
