"""Task worker's part of the KLA evaluation."""

from django_tasks import task

# pack imports this module back (to enqueue): both take the other as a module.
from jaga.kla import pack


@task()
def build_evidence_pack(pack_id: int) -> str:
    """Build one requested evidence pack of a round."""
    return pack.pack_build(pack_id=pack_id).state
