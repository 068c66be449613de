"""Staff pages of the children's voice (/suara-anak/)."""

from django.urls import path

from jaga.voice.views import forums, results, survey

app_name = "voice"
urlpatterns = [
    path("", survey.index, name="sessions"),
    path("putaran/", survey.rounds, name="rounds"),
    path("sesi/baru/", survey.session_new, name="session_new"),
    path("sesi/<int:pk>/", survey.session_detail, name="session"),
    path("sesi/<int:pk>/tutup/", survey.session_end, name="session_end"),
    path("sesi/<int:pk>/kertas/<str:age_band>/", survey.paper_entry, name="paper"),
    path("kuesioner.pdf", survey.questionnaire_download, name="questionnaire_pdf"),
    path("hasil/", results.staff_results, name="results"),
    path("forum/", forums.forums, name="forums"),
    path("forum/<int:pk>/", forums.forum_detail, name="forum"),
    path("usulan/", forums.proposals, name="proposals"),
    path("usulan/<int:pk>/", forums.proposal_detail, name="proposal"),
]
