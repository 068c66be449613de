from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from jaga.core.sealed import ArchiveError
from jaga.security.backup import RestoreRefused, backup_restore


class Command(BaseCommand):
    help = "Restore an archive written by `jaga backup` into an EMPTY instance."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        if not archive.is_file():
            raise CommandError(_("Berkas %(path)s tidak ditemukan.") % {"path": archive})
        try:
            manifest = backup_restore(archive=archive)
        except RestoreRefused as refusal:
            raise CommandError(str(refusal)) from None
        except ArchiveError:
            raise CommandError(
                _("Arsip tidak dapat dibuka: JAGA_BACKUP_KEY salah atau arsip rusak/terpotong.")
            ) from None
        self.stdout.write(
            _("Dipulihkan dari cadangan %(when)s. Jalankan `jaga migrate` bila kode lebih baru.")
            % {"when": manifest["created_at"]}
        )
