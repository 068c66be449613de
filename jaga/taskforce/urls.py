from django.urls import path

from jaga.taskforce.views import actions, meetings, minutes

app_name = "taskforce"
urlpatterns = [
    path("", meetings.home, name="home"),
    path("kalender.ics", meetings.calendar_feed, name="calendar"),
    path("<int:pk>/susunan/", meetings.composition, name="composition"),
    path("<int:pk>/susunan/anggota/", meetings.member_new, name="member_new"),
    path("<int:pk>/susunan/narahubung/", meetings.focal_new, name="focal_new"),
    path("<int:pk>/rapat/baru/", meetings.meeting_new, name="meeting_new"),
    path("rapat/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("rapat/<int:pk>/undang/", meetings.meeting_invite_view, name="invite"),
    path("rapat/<int:pk>/undangan.ics", meetings.meeting_ics, name="meeting_ics"),
    path("rapat/<int:pk>/acara/", meetings.agenda_new, name="agenda_new"),
    path("rapat/<int:pk>/hadir/", meetings.attendance, name="attendance"),
    path("acara/<int:pk>/hasil/", actions.outcome_new, name="outcome_new"),
    path("acara/<int:pk>/aksi/", actions.action_new, name="action_new"),
    path("rapat/<int:pk>/notulen/", minutes.minutes_edit, name="minutes_edit"),
    path("rapat/<int:pk>/notulen/kirim/", minutes.minutes_send, name="minutes_send"),
    path("rapat/<int:pk>/notulen/final/", minutes.minutes_final, name="minutes_final"),
    path(
        "rapat/<int:pk>/notulen/usul-koreksi/", minutes.minutes_suggest_view, name="minutes_suggest"
    ),
    path("rapat/<int:pk>/notulen/koreksi/", minutes.minutes_correct_view, name="minutes_correct"),
    path("rapat/<int:pk>/notulen.pdf", minutes.minutes_pdf_view, name="minutes_pdf"),
    path("angka/", actions.figures_page, name="figures"),
    path("aksi/", actions.action_index, name="actions"),
    path("aksi.xlsx", actions.action_export, name="actions_xlsx"),
    path("aksi/<int:pk>/", actions.action_detail, name="action"),
    path("aksi/<int:pk>/kemajuan/", actions.action_progress, name="action_progress"),
    path("aksi/<int:pk>/tutup/", actions.action_close, name="action_close"),
    path("aksi/<int:pk>/bukti.pdf", actions.action_document, name="action_evidence"),
    path(
        "aksi/<int:pk>/kemajuan/<int:progress_pk>.pdf",
        actions.action_document,
        name="progress_document",
    ),
]
