"""The children's pages (/suara/): no account, nothing traceable kept."""

from django.urls import path

from jaga.voice.views import child, forums, results

app_name = "suara"
urlpatterns = [
    path("", child.start, name="start"),
    path("bantuan/", child.help_page, name="help"),
    path("hasil/", results.public_results, name="results"),
    path("usulan/", forums.public_proposals, name="proposals"),
    path("<str:code>/", child.session, name="session"),
    path("<str:code>/<str:age_band>/", child.answer, name="answer"),
]
