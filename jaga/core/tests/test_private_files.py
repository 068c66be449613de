"""Files are readable by Jaga's system user only (issue 19, item 8): ``var/`` is 0700 and
the SQLite database (with its session keys), the generated secrets, uploads and exports 0600."""

import io
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from django.test import SimpleTestCase

from jaga.cases.services import case_attachment_add
from jaga.cases.tests.helpers import open_case
from jaga.reports.tests.helpers import png_bytes
from jaga.testing import JagaTestCase

OPEN_DB = (
    "import django; django.setup(); from django.db import connection; "
    "connection.ensure_connection(); connection.cursor().execute('create table t (x int)')"
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


class FreshInstanceTests(SimpleTestCase):
    def test_var_is_0700_and_everything_in_it_0600(self):
        with tempfile.TemporaryDirectory() as tmp:
            var = Path(tmp) / "var"
            env = {k: v for k, v in os.environ.items() if not k.startswith("JAGA_")}
            env.update(JAGA_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="jaga.settings")
            subprocess.run([sys.executable, "-c", OPEN_DB], env=env, check=True, umask=0o022)
            self.assertEqual(mode(var), 0o700)
            files = [p for p in var.iterdir() if p.is_file()]
            self.assertIn("jaga.sqlite3", {p.name for p in files})
            for path in files:
                self.assertEqual(mode(path), 0o600, path.name)

    def test_an_older_open_var_is_tightened(self):
        with tempfile.TemporaryDirectory() as tmp:
            var = Path(tmp) / "var"
            var.mkdir(mode=0o755)
            (var / "jaga.sqlite3").touch(mode=0o644)
            env = {k: v for k, v in os.environ.items() if not k.startswith("JAGA_")}
            env.update(JAGA_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="jaga.settings")
            subprocess.run(
                [sys.executable, "-c", "import django; django.setup()"], env=env, check=True
            )
            self.assertEqual(mode(var), 0o700)
            self.assertEqual(mode(var / "jaga.sqlite3"), 0o600)


class UploadModeTests(JagaTestCase):
    def test_an_uploaded_file_is_0600(self):
        case = open_case(self)
        data = png_bytes()
        upload = io.BytesIO(data)
        upload.name = "foto.png"
        kept = case_attachment_add(case=case, by=self.manager, upload=upload, size=len(data))
        path = Path(kept.file.path)
        self.assertEqual(mode(path), 0o600)
        self.assertEqual(mode(path.parent), 0o700)
