"""Marks what a change makes the figures count again, in the changing transaction (so a
crash loses nothing): a case's old and new RT × month, or the case whose facts changed.
One INSERT per save; the recount itself happens on the next figure read, in the task
queued on commit, or in ``jaga refresh-figures``. (The figures app listens; the cases app
knows nothing of it — layers go down.)"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_save
from django.utils import timezone

from jaga.cases.models import Case, CaseEvent, CasePerson, CaseService
from jaga.core.periods import month_start
from jaga.figures import tasks
from jaga.figures.models import DirtyCase, DirtyCell
from jaga.referrals.models import Referral


def _cell(case: Case) -> tuple[int, object] | None:
    if case.rt_id is None or case.reported_at is None:
        return None
    return case.rt_id, month_start(timezone.localtime(case.reported_at).date())


DEFERRED = ("rt_id", "reported_at")


def _remember(sender, instance: Case, **kwargs) -> None:
    # The cell the case was loaded in: if a save moves it, the old cell is counted again too.
    # (Not read when deferred: reading it here would load the row, once per instance.)
    if not instance.get_deferred_fields() & set(DEFERRED):
        instance._figures_cell = _cell(instance)  # type: ignore[attr-defined]


def _before_save(sender, instance: Case, **kwargs) -> None:
    # Loaded without its RT or date (``only``/``defer``) and saved: ask the database once.
    if instance.pk and not hasattr(instance, "_figures_cell"):
        old = Case.objects.filter(pk=instance.pk).values(*DEFERRED).first()
        instance._figures_cell = old and _cell(Case(**old))  # type: ignore[attr-defined]


def _enqueue() -> None:
    tasks.refresh_figures.enqueue()


def _queue_refresh() -> None:
    # Once per transaction, however many rows it changes.
    connection = transaction.get_connection()
    if not any(func is _enqueue for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(_enqueue)


def _mark_cells(*cells) -> None:
    marks = [DirtyCell(rt_id=rt_id, month=month) for rt_id, month in set(cells) if rt_id]
    if marks:
        DirtyCell.objects.bulk_create(marks, ignore_conflicts=True)
        _queue_refresh()


def _case_saved(sender, instance: Case, **kwargs) -> None:
    _mark_cells(*(c for c in (getattr(instance, "_figures_cell", None), _cell(instance)) if c))
    instance._figures_cell = _cell(instance)  # type: ignore[attr-defined]


def _case_deleted(sender, instance: Case, **kwargs) -> None:
    _mark_cells(*(c for c in (_cell(instance),) if c))


def _fact_changed(sender, instance, **kwargs) -> None:
    case_id = instance.pk if isinstance(instance, Case) else instance.case_id
    DirtyCase.objects.bulk_create([DirtyCase(case_id=case_id)], ignore_conflicts=True)
    _queue_refresh()


def _forms_changed(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, Case):
        _fact_changed(sender, instance)


def connect() -> None:
    post_init.connect(_remember, sender=Case, dispatch_uid="figures.case.remember")
    pre_save.connect(_before_save, sender=Case, dispatch_uid="figures.case.before_save")
    post_save.connect(_case_saved, sender=Case, dispatch_uid="figures.case.saved")
    post_delete.connect(_case_deleted, sender=Case, dispatch_uid="figures.case.deleted")
    for model in (CasePerson, CaseService, CaseEvent, Referral):
        name = model.__name__
        post_save.connect(_fact_changed, sender=model, dispatch_uid=f"figures.{name}.saved")
        post_delete.connect(_fact_changed, sender=model, dispatch_uid=f"figures.{name}.deleted")
    m2m_changed.connect(
        _forms_changed, sender=Case.violence_forms.through, dispatch_uid="figures.case.forms"
    )
