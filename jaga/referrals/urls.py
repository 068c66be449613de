from django.urls import path

from jaga.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.referral_index, name="list"),
    path("kasus/<int:case_pk>/baru/", views.referral_create, name="create"),
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("<int:pk>/terima/", views.referral_accept, name="accept"),
    path("<int:pk>/tolak/", views.referral_decline, name="decline"),
    path("<int:pk>/layanan/", views.referral_service, name="service"),
    path("<int:pk>/selesai/", views.referral_complete, name="complete"),
    path("<int:pk>/surat.pdf", views.referral_letter, name="letter"),
]
