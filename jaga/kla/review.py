"""The round between the city and the province: deadlines for the agencies' answers with
reminders, and the verifier's comments per item that DP3AKB and the agency answer. The
first comment of the province's verifier on a submitted round starts its verification."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.roles import Role
from jaga.cases.identity_check import identity_in
from jaga.clocks.services import add_reminder_source
from jaga.core.checks import Problems, check_plain_text
from jaga.kla.models import Answer, Assignment, Comment, Item, Round, RoundStatus
from jaga.notifications.selectors import recipients_with_role
from jaga.notifications.services import notify
from jaga.people.models import Person
from jaga.taskforce.models import FocalPerson, MemberRole

COMMENT_MAX = 2000
# Reminders to an agency whose items are not all answered: a week and a day before its
# deadline, and the day after it passed.
REMINDER_DAYS = (7, 1, -1)


@transaction.atomic
def deadline_set(*, kla_round: Round, due_on: dt.date, today: dt.date | None = None) -> int:
    """Every indicator of the round is due on ``due_on``; returns how many. A date already
    past is refused: a deadline set there would only send an overdue reminder."""
    kla_round = Round.objects.select_for_update().get(pk=kla_round.pk)
    if not kla_round.is_open:
        raise ValidationError(_("Putaran ini sudah dikirim; tenggat tidak dapat diubah."))
    if due_on < (today or timezone.localdate()):
        raise ValidationError({"due_on": [_("Tenggat tidak boleh sebelum hari ini.")]})
    return Assignment.objects.filter(round=kla_round).update(due_on=due_on)


def _involved(assignment: Assignment, city: str) -> list[Person]:
    """Who hears of a comment: the city's DP3AKB, the indicator's agency, its cluster's
    coordinators on the task force, the verifiers."""
    people = list(recipients_with_role(Role.CITY_ADMIN, area_code=city))
    if assignment.organisation_id:
        people += recipients_with_role(
            Role.TASKFORCE_MEMBER, organisation=assignment.organisation_id
        )
    coordinators = FocalPerson.objects.filter(
        member__taskforce__area__code=city,
        member__cluster=assignment.indicator.cluster,
        role=MemberRole.CLUSTER_COORDINATOR,
        person__is_active=True,
    ).values("person_id")
    people += Person.objects.filter(pk__in=coordinators)
    people += recipients_with_role(Role.KLA_VERIFIER, area_code=city)
    return list({p.pk: p for p in people}.values())


@transaction.atomic
def comment_add(*, assignment: Assignment, item: Item, text: str, by: Person) -> Comment:
    """A remark on an item of the indicator, refused when it names someone Jaga protects (a
    comment travels with the round, outside the case files)."""
    kla_round = Round.objects.select_for_update().select_related("city").get(pk=assignment.round_id)
    if kla_round.status == RoundStatus.FINAL:
        raise ValidationError(_("Putaran ini sudah final; komentar ditutup."))
    if item.indicator_id != assignment.indicator_id:
        raise ValidationError(_("Butir ini bukan bagian dari indikator ini."))
    problems = Problems()
    text = text.strip()
    if not text:
        problems.add("text", _("Tuliskan komentarnya."))
    elif len(text) > COMMENT_MAX:
        problems.add("text", _("Komentar paling banyak %(n)s karakter.") % {"n": COMMENT_MAX})
    else:
        problems.check("text", check_plain_text, text)
    problems.raise_any()
    if identity_in(text) is not None:
        raise ValidationError(
            {"text": [_("Komentar ditolak: berisi NIK atau nama yang tercatat di Jaga.")]}
        )
    by_verifier = by.memberships.active().filter(role=Role.KLA_VERIFIER).exists()
    comment = Comment.objects.create(
        round=kla_round, item=item, author=by, text=text, by_verifier=by_verifier
    )
    if by_verifier and kla_round.status == RoundStatus.SUBMITTED:
        kla_round.status = RoundStatus.VERIFICATION
        kla_round.save(update_fields=["status"])
    notify(
        recipients=[p for p in _involved(assignment, kla_round.city.code) if p.pk != by.pk],
        kind="kla.comment",
        title=_("Komentar verifikasi KLA %(code)s") % {"code": item.code},
        body=_("Butir %(code)s evaluasi KLA %(year)s mendapat komentar.")
        % {"code": item.code, "year": kla_round.year},
        link=assignment.get_absolute_url(),
        subject_type="kla.comment",
        subject_id=comment.pk,
        key=f"kla.comment:{comment.pk}",
    )
    return comment


def _unanswered(assignments: list[Assignment]) -> dict[int, int]:
    """Per assignment, how many of its typed items have no answer yet. Two queries."""
    indicators = {a.indicator_id for a in assignments}
    typed = dict(
        Item.objects.filter(indicator__in=indicators, computation="")
        .values("indicator")
        .annotate(n=Count("pk"))
        .values_list("indicator", "n")
    )
    answered = {
        (row["round"], row["item__indicator"]): row["n"]
        for row in Answer.objects.filter(
            round__in={a.round_id for a in assignments},
            item__indicator__in=indicators,
            item__computation="",
        )
        .values("round", "item__indicator")
        .annotate(n=Count("pk"))
    }
    return {
        a.pk: typed.get(a.indicator_id, 0) - answered.get((a.round_id, a.indicator_id), 0)
        for a in assignments
    }


def assignments_remind(now: dt.datetime) -> int:
    """Remind the agencies of open rounds whose items are not all answered, a week and a day
    before their deadline and the day after it (each once: the notification key holds the
    deadline, so a moved deadline reminds again). Run by ``jaga escalate``."""
    today = timezone.localdate(now)
    days = {today + dt.timedelta(days=d): d for d in REMINDER_DAYS}
    due = list(
        Assignment.objects.filter(
            round__status=RoundStatus.SELF_ASSESSMENT,
            due_on__in=list(days),
            organisation__isnull=False,
        ).select_related("indicator")
    )
    missing = _unanswered(due)
    sent = 0
    for assignment in due:
        if assignment.due_on and missing[assignment.pk] > 0:
            _remind(assignment, days[assignment.due_on], missing[assignment.pk])
            sent += 1
    return sent


def _remind(assignment: Assignment, days_left: int, missing: int) -> None:
    due = f"{assignment.due_on:%d-%m-%Y}"
    if days_left < 0:
        title = _("Tenggat evaluasi KLA terlewat: indikator %(n)s") % {
            "n": assignment.indicator.number
        }
    else:
        title = _("Pengingat evaluasi KLA: indikator %(n)s") % {"n": assignment.indicator.number}
    notify(
        recipients=recipients_with_role(
            Role.TASKFORCE_MEMBER, organisation=assignment.organisation_id
        ),
        kind="kla.reminder",
        title=title,
        body=_("Tenggat %(due)s; %(missing)s butir belum dijawab.")
        % {"due": due, "missing": missing},
        link=assignment.get_absolute_url(),
        subject_type="kla.assignment",
        subject_id=assignment.pk,
        urgent=days_left < 0,
        key=f"kla.assignment:{assignment.pk}:{due}:{days_left}",
    )


add_reminder_source(assignments_remind)
