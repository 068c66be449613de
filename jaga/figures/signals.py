"""Marks what a change makes the figures count again, in the changing transaction (so a
crash loses nothing): a case's or report's old and new RT × month, or the case whose facts
changed. One INSERT per save; the recount itself happens on the next figure read, in the
task queued on commit, or in ``jaga refresh-figures``. (The figures app listens; the cases
and reports apps know nothing of it — layers go down.)"""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_save
from django.utils import timezone

from jaga.cases.models import Case, CaseEvent, CasePerson, CaseService
from jaga.core.periods import month_start
from jaga.figures import tasks
from jaga.figures.models import DirtyCase, DirtyCell
from jaga.referrals.models import Referral
from jaga.reports.models import Report

# The models whose rows sit in a cell of their own, and the moment that picks its month.
MOMENTS: dict[type[models.Model], str] = {Case: "reported_at", Report: "received_at"}

Cell = tuple[int, dt.date]


def _cell(rt_id: int | None, moment: dt.datetime | None) -> Cell | None:
    if rt_id is None or moment is None:
        return None
    return rt_id, month_start(timezone.localtime(moment).date())


def _cell_of(instance) -> Cell | None:
    return _cell(instance.rt_id, getattr(instance, MOMENTS[type(instance)]))


def _deferred(instance) -> tuple[str, str]:
    return "rt_id", MOMENTS[type(instance)]


def _remember(sender, instance, **kwargs) -> None:
    # The cell the row was loaded in: if a save moves it, the old cell is counted again too.
    # (Not read when deferred: reading it here would load the row, once per instance.)
    if not instance.get_deferred_fields() & set(_deferred(instance)):
        instance._figures_cell = _cell_of(instance)


def _before_save(sender, instance, **kwargs) -> None:
    # Loaded without its RT or date (``only``/``defer``) and saved: ask the database once.
    if instance.pk and not hasattr(instance, "_figures_cell"):
        fields = _deferred(instance)
        old = type(instance).objects.filter(pk=instance.pk).values_list(*fields).first()
        instance._figures_cell = old and _cell(*old)


def refresh_later() -> None:
    """Queue the recount of the marked cells (on the changing transaction's commit)."""
    tasks.refresh_figures.enqueue()


def _queue_refresh() -> None:
    # Once per transaction, however many rows it changes.
    connection = transaction.get_connection()
    if not any(func is refresh_later for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(refresh_later)


def _mark_cells(*cells: Cell | None) -> None:
    marks = [DirtyCell(rt_id=cell[0], month=cell[1]) for cell in set(cells) if cell]
    if marks:
        DirtyCell.objects.bulk_create(marks, ignore_conflicts=True)
        _queue_refresh()


def _report_cell(instance) -> Cell | None:
    # A case's opening acknowledges its report (when nothing else did): the report's cell
    # changes when the case comes or goes. A case keeps its report and opening time.
    return _cell_of(instance.report) if isinstance(instance, Case) and instance.report_id else None


def _saved(sender, instance, created: bool = False, **kwargs) -> None:
    report_cell = _report_cell(instance) if created else None
    _mark_cells(getattr(instance, "_figures_cell", None), _cell_of(instance), report_cell)
    instance._figures_cell = _cell_of(instance)


def _deleted(sender, instance, **kwargs) -> None:
    _mark_cells(_cell_of(instance), _report_cell(instance))


def _fact_changed(sender, instance, **kwargs) -> None:
    case_id = instance.pk if isinstance(instance, Case) else instance.case_id
    DirtyCase.objects.bulk_create([DirtyCase(case_id=case_id)], ignore_conflicts=True)
    _queue_refresh()


def _forms_changed(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, Case):
        _fact_changed(sender, instance)


def connect() -> None:
    for model in MOMENTS:
        name = model.__name__
        post_init.connect(_remember, sender=model, dispatch_uid=f"figures.{name}.remember")
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"figures.{name}.before_save")
        post_save.connect(_saved, sender=model, dispatch_uid=f"figures.{name}.saved")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"figures.{name}.deleted")
    for model in (CasePerson, CaseService, CaseEvent, Referral):
        name = model.__name__
        post_save.connect(_fact_changed, sender=model, dispatch_uid=f"figures.{name}.saved")
        post_delete.connect(_fact_changed, sender=model, dispatch_uid=f"figures.{name}.deleted")
    m2m_changed.connect(
        _forms_changed, sender=Case.violence_forms.through, dispatch_uid="figures.case.forms"
    )
