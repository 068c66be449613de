import sys
import time

from django.core.management.base import BaseCommand, CommandError

from jaga.synthetic.services import (
    SCALES,
    RealDataPresent,
    synthetic_audit_top_up,
    synthetic_generate,
)


class Command(BaseCommand):
    help = (
        "Buat data SINTETIS berlabel (demo) untuk uji beban: skala kota (Balikpapan, ~1.700 RT, "
        "~2.000 akun) atau nasional (514 kota). Menolak basis data yang berisi data nyata."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--cases",
            type=int,
            default=50_000,
            help="jumlah kasus yang dituju (ditambah sampai sejumlah ini)",
        )
        parser.add_argument(
            "--audit-events",
            type=int,
            default=0,
            help="jumlah peristiwa jejak audit yang dituju (ditambah dengan pembacaan kasus "
            "sintetis sampai sejumlah ini)",
        )
        parser.add_argument("--scale", choices=sorted(SCALES), default="city")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            self._progress(
                synthetic_generate(
                    cases=options["cases"],
                    scale=options["scale"],
                    seed=options["seed"],
                    batch_size=options["batch"],
                ),
                options["cases"],
                "kasus",
                options["quiet"],
            )
            if options["audit_events"]:
                self._progress(
                    synthetic_audit_top_up(events=options["audit_events"], seed=options["seed"]),
                    options["audit_events"],
                    "peristiwa audit",
                    options["quiet"],
                )
        except RealDataPresent as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Selesai dalam {time.monotonic() - started:.1f} s.")

    def _progress(self, totals, wanted: int, unit: str, quiet: bool) -> None:
        """Run ``totals`` to the end, showing the running total and rate on stderr."""
        started = time.monotonic()
        shown = False
        for done in totals:
            if not quiet:
                rate = done / max(time.monotonic() - started, 0.001)
                sys.stderr.write(f"\r{done:,} / {wanted:,} {unit} ({rate:,.0f}/s)")
                shown = True
        if shown:
            sys.stderr.write("\n")
