from django.urls import path

from jaga.casework.views import approvals, assessment, followups, plan, tasks, transfers

app_name = "casework"
urlpatterns = [
    path("kasus/<int:pk>/asesmen/", assessment.assessment, name="assessment"),
    path("kasus/<int:pk>/tanda/", assessment.flags, name="flags"),
    path("kasus/<int:pk>/tanda/<int:flag_pk>/lepas/", assessment.flag_off, name="flag_off"),
    path("kasus/<int:pk>/rencana/", plan.plan, name="plan"),
    path("kasus/<int:pk>/rencana/tinjau/", plan.review, name="plan_review"),
    path("kasus/<int:pk>/rencana/tujuan/", plan.goals_add, name="goals_add"),
    path("kasus/<int:pk>/rencana/tujuan/<int:goal_pk>/ubah/", plan.goal_edit, name="goal_edit"),
    path(
        "kasus/<int:pk>/rencana/tujuan/<int:goal_pk>/hasil/",
        plan.goal_outcome,
        name="goal_outcome",
    ),
    path("kasus/<int:pk>/persetujuan-kepala/", approvals.case_approvals, name="approvals"),
    path("kasus/<int:pk>/terminasi/", followups.closure, name="closure"),
    path("kasus/<int:pk>/tindak-lanjut/", followups.follow_ups, name="follow_ups"),
    path(
        "kasus/<int:pk>/tindak-lanjut/<int:follow_up_pk>/hasil/",
        followups.follow_up_done,
        name="follow_up_done",
    ),
    path("kasus/<int:pk>/pengalihan/", transfers.transfers, name="transfers"),
    path("pengalihan/<int:transfer_pk>/", transfers.transfer_answer_page, name="transfer_answer"),
    path("kasus/<int:pk>/pengalihan-kota/", transfers.city_transfer, name="city_transfer"),
    path(
        "pengalihan-kota/<int:transfer_pk>/",
        transfers.city_transfer_answer_page,
        name="city_transfer_answer",
    ),
    path("tugas/", tasks.tasks, name="tasks"),
    path("persetujuan/", approvals.approval_queue_page, name="approval_queue"),
    path("persetujuan/<int:approval_pk>/", approvals.decide, name="decide"),
    path("persetujuan/pengaturan/", approvals.requirement_page, name="requirements"),
    path("persetujuan/pengaturan/pemantauan/", approvals.monitoring_plan, name="monitoring_plan"),
]
