import sys
import time

from django.core.management.base import BaseCommand, CommandError

from jaga.synthetic.services import SCALES, RealDataPresent, synthetic_generate


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
        parser.add_argument("--scale", choices=sorted(SCALES), default="city")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            for done in synthetic_generate(
                cases=options["cases"],
                scale=options["scale"],
                seed=options["seed"],
                batch_size=options["batch"],
            ):
                if not options["quiet"]:
                    rate = done / max(time.monotonic() - started, 0.001)
                    sys.stderr.write(f"\r{done:,} / {options['cases']:,} kasus ({rate:,.0f}/s)")
        except RealDataPresent as error:
            raise CommandError(str(error)) from None
        if not options["quiet"]:
            sys.stderr.write("\n")
        self.stdout.write(f"Selesai dalam {time.monotonic() - started:.1f} s.")
