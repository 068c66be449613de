"""Task worker's part of the figures app."""

from django_tasks import task

# services imports this module back (to enqueue): both take the other as a module.
from jaga.figures import rollups, services


@task()
def build_simfoni_export(export_id: int) -> str:
    """Build one requested SIMFONI-PPA export file."""
    return services.simfoni_export_build(export_id=export_id).state


@task()
def refresh_figures() -> int:
    """Recount the figure cells changes have marked (queued on the change's commit)."""
    return rollups.refresh()
