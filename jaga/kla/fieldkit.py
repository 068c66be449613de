"""The field-verification kit: the sites the city shows the ministry's verifiers — in person
or by live video — each with its agency, contact and what will be asked there, in the order
of the day. DP3AKB keeps it; everyone who sees the round reads it."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jaga.core.checks import Problems, check_plain_text
from jaga.kla.models import Round, RoundStatus, SiteMode, VerificationSite
from jaga.people.models import Membership, Organisation, Person


def _refuse_final(kla_round: Round) -> None:
    if kla_round.status == RoundStatus.FINAL:
        raise ValidationError(_("Putaran ini sudah final; jadwal verifikasi tidak diubah lagi."))


@transaction.atomic
def site_add(
    *,
    kla_round: Round,
    name: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    mode: str,
    organisation: Organisation | None = None,
    contact: Person | None = None,
    asks: str = "",
) -> VerificationSite:
    kla_round = Round.objects.select_for_update().select_related("city").get(pk=kla_round.pk)
    _refuse_final(kla_round)
    problems = Problems()
    name = problems.check("name", check_plain_text, name.strip()) or ""
    asks = problems.check("asks", check_plain_text, asks.strip()) or ""
    if not name:
        problems.add("name", _("Tuliskan nama lokasinya."))
    if ends_at <= starts_at:
        problems.add("ends_at", _("Waktu selesai harus sesudah waktu mulai."))
    if mode not in SiteMode.values:
        problems.add("mode", _("Pilih dikunjungi langsung atau siaran video."))
    if organisation is not None and not organisation.area.code.startswith(kla_round.city.code):
        problems.add("organisation", _("Pilih organisasi di kota ini."))
    if contact is not None and not _works_for(contact, organisation, kla_round):
        problems.add("contact", _("Narahubung harus anggota organisasi penanggung jawab."))
    problems.raise_any()
    return VerificationSite.objects.create(
        round=kla_round,
        name=name,
        organisation=organisation,
        contact=contact,
        starts_at=starts_at,
        ends_at=ends_at,
        mode=mode,
        asks=asks,
    )


def _works_for(person: Person, organisation: Organisation | None, kla_round: Round) -> bool:
    """The contact serves the responsible agency (or, without one, an agency of the city)."""
    memberships = Membership.objects.active().filter(person=person)
    if organisation is not None:
        return memberships.filter(organisation=organisation).exists()
    return memberships.filter(organisation__area__code__startswith=kla_round.city.code).exists()


@transaction.atomic
def site_ready(*, site: VerificationSite, ready: bool) -> VerificationSite:
    _refuse_final(site.round)
    site.ready = ready
    site.save(update_fields=["ready"])
    return site


@transaction.atomic
def site_remove(*, site: VerificationSite) -> None:
    _refuse_final(site.round)
    site.delete()
