"""The cache is shared by every server process: a per-process cache would let each gunicorn
worker count the public report limit on its own (issue 19, item 7)."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import TestCase


class SharedCacheTests(TestCase):
    def test_the_default_cache_is_the_database_table_made_by_migrate(self):
        self.assertEqual(
            settings.CACHES["default"]["BACKEND"], "django.core.cache.backends.db.DatabaseCache"
        )
        cache.set("jaga:probe", 3, 60)
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM jaga_cache")
            self.assertEqual(cursor.fetchone()[0], 1)
