from django.urls import path

from jaga.sections import views

app_name = "sections"
urlpatterns = [
    path("", views.index, name="index"),
    path("cakupan/<str:code>/", views.coverage, name="coverage"),
    path("cakupan/<str:code>/ekspor.xlsx", views.export_xlsx, name="export_xlsx"),
    path("cakupan/<str:code>/ekspor.pdf", views.export_pdf, name="export_pdf"),
    path("senyap/", views.silent_index, name="silent_index"),
    path("senyap/<str:code>/", views.silent, name="silent"),
    path("nihil/", views.zero_report, name="zero_report"),
    path("impor/", views.import_view, name="import"),
    path("impor/templat.xlsx", views.import_template, name="import_template"),
    path("rt/<str:code>/", views.detail, name="detail"),
    path("rt/<str:code>/seksi/", views.section_edit, name="section_edit"),
    path("rt/<str:code>/anggota/", views.member_add, name="member_add"),
    path("rt/<str:code>/pelatihan/", views.training_add, name="training_add"),
    path("anggota/<int:pk>/aktif/", views.member_active, name="member_active"),
    path("anggota/<int:pk>/undang/", views.member_invite, name="member_invite"),
]
