"""Task worker's part of the figures app."""

from django_tasks import task

from jaga.figures.services import simfoni_export_build


@task()
def build_simfoni_export(export_id: int) -> str:
    """Build one requested SIMFONI-PPA export file."""
    return simfoni_export_build(export_id=export_id).state
