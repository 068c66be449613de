"""``jaga periodic JOB...``: once-a-minute jobs, each run by one machine of the deployment only
(jaga.core.periodic), whichever of them calls first in the minute. A job is a command line
(``"audit-checkpoint --if-due"``); `scripts/serve` names them and calls this every minute on
every machine."""

import shlex

from django.core.management import call_command
from django.core.management.base import BaseCommand

from jaga.core.periodic import claim, forget_old_runs, logger, this_minute


class Command(BaseCommand):
    help = "Run each job (a jaga command line) unless another machine ran it this minute."

    def add_arguments(self, parser):
        parser.add_argument("jobs", nargs="+", metavar="JOB")

    def handle(self, *args, **options):
        minute = this_minute()
        for job in options["jobs"]:
            if not claim(job, minute):
                continue
            name, *job_args = shlex.split(job)
            try:
                call_command(name.replace("-", "_"), *job_args, verbosity=options["verbosity"])
            except Exception:
                # One failing job must not keep the others from running; it runs again next
                # minute. The traceback names code, never personal data.
                logger.exception("periodic job %s failed", job)
        forget_old_runs(minute)
