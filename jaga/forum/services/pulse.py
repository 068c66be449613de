"""Flagging the kelurahan the pulse finds silent, and telling the kelurahan officer and
DP3AKB once per flag."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from jaga.access.roles import Role
from jaga.areas.models import Area
from jaga.forum.figures import PULSE_MONTHS, pulse_silent
from jaga.forum.models import PulseFlag
from jaga.notifications.selectors import recipients_with_role
from jaga.notifications.services import notify


@transaction.atomic
def pulse_flag(*, area: Area, month: dt.date) -> list[PulseFlag]:
    """Flag every kelurahan inside ``area`` silent for two months running up to ``month``
    and notify its kelurahan officers and the city administrators (DP3AKB). Idempotent: a
    kelurahan is flagged and notified once per ``month``; returns the new flags."""
    new = []
    for kelurahan in pulse_silent(area, month):
        flag, created = PulseFlag.objects.get_or_create(kelurahan=kelurahan, month=month)
        if not created:
            continue
        new.append(flag)
        recipients = list(
            recipients_with_role(Role.KELURAHAN_OFFICER, area_code=kelurahan.code)
        ) + list(recipients_with_role(Role.CITY_ADMIN, area_code=kelurahan.code))
        notify(
            recipients=recipients,
            kind="forum.pulse",
            title=_("Kelurahan %(name)s senyap %(months)s bulan berturut-turut")
            % {"name": kelurahan.name, "months": PULSE_MONTHS},
            body=_(
                "Tidak ada laporan nihil RT, tidak ada kegiatan FP2ATBM dan tidak ada laporan "
                "masuk. Periksa dan hubungi RT serta aktivis setempat."
            ),
            link=reverse("forum:reach", args=[kelurahan.code]) + f"?bulan={month:%Y-%m}",
            subject_type="forum.pulseflag",
            subject_id=flag.pk,
            key=f"forum:pulse:{kelurahan.code}:{month:%Y-%m}",
        )
    return new
