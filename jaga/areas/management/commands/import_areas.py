from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jaga.areas.services import BALIKPAPAN, areas_import_reference
from jaga.core.tabular import ImportRejected


class Command(BaseCommand):
    help = (
        "Muat wilayah resmi (provinsi sampai kelurahan/desa) dari CSV rujukan. "
        "Bawaan: Kota Balikpapan (64.71)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--prefix",
            default=BALIKPAPAN,
            help="Kode wilayah yang dimuat beserta isinya; kosong = seluruh Indonesia.",
        )
        parser.add_argument("--all", action="store_true", help="Muat seluruh Indonesia.")
        parser.add_argument(
            "--file", type=Path, help="CSV lain dengan kolom code,name,kind,parent_code."
        )

    def handle(self, *args, **options):
        prefix = "" if options["all"] else options["prefix"]
        try:
            result = areas_import_reference(prefix=prefix, path=options["file"])
        except ImportRejected as rejected:
            raise CommandError("\n".join(str(p) for p in rejected.problems)) from None
        self.stdout.write(f"Wilayah: {result.created} baru, {result.unchanged} sudah ada.")
