"""``jaga periodic``: the once-a-minute jobs, each run by one machine of the deployment only
(jaga.core.periodic), whichever of them calls first in the minute. `scripts/serve` calls it
every minute on every machine."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from jaga.core.periodic import claim, forget_old_runs, logger, this_minute

# Commands by name (a low layer does not import the feature apps that define them).
JOBS: list[tuple[str, list[str]]] = [
    ("escalate", []),
    ("deliver_outbox", []),
    ("expire_exports", []),
    # A signed checkpoint of the audit chain when one is due (JAGA_AUDIT_CHECKPOINT_MINUTES).
    ("audit_checkpoint", ["--if-due"]),
]


class Command(BaseCommand):
    help = "Run the once-a-minute jobs that no other machine has run this minute."

    def handle(self, *args, **options):
        minute = this_minute()
        verbosity = options["verbosity"]
        for job, job_args in JOBS:
            if not claim(job, minute):
                continue
            try:
                call_command(job, *job_args, verbosity=verbosity)
            except Exception:
                # One failing job must not keep the others from running; it runs again next
                # minute. The traceback names code, never personal data.
                logger.exception("periodic job %s failed", job)
        forget_old_runs(minute)
