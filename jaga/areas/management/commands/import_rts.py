from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jaga.areas.services import rts_import
from jaga.core.tabular import ImportRejected, read_rows


class Command(BaseCommand):
    help = (
        "Impor RT dari CSV/XLSX (kolom kode_kelurahan, nomor_rt, nama). "
        "Semua atau tidak sama sekali."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        try:
            rows = read_rows(path.read_bytes(), path.name, ["kode_kelurahan", "nomor_rt"])
            result = rts_import(rows=rows)
        except ImportRejected as rejected:
            raise CommandError("\n".join(str(p) for p in rejected.problems)) from None
        self.stdout.write(f"RT: {result.created} baru, {result.unchanged} sudah ada.")
