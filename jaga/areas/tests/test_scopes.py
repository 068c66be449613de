from importlib import import_module

from django.apps import apps
from django.test import SimpleTestCase

from jaga.access.paths import NATIONAL_CODE, within
from jaga.access.policy import AREA_SCOPES
from jaga.areas.models import Area, AreaKind
from jaga.testing import JagaTestCase


class AreaScopeTests(SimpleTestCase):
    def test_every_area_scope_names_an_area_kind(self):
        # The policy (a layer below areas) reaches up by the scope's value: it must be a kind.
        self.assertLessEqual({scope.value for scope in AREA_SCOPES}, set(AreaKind.values))


class NationalAreaTests(JagaTestCase):
    """The national area holds every area, and is held by no level below it: a national
    membership is never cut down to a province's code by accident."""

    def test_ancestor_codes(self):
        national = Area.objects.get(code=NATIONAL_CODE)
        for kind in AreaKind.values:
            with self.subTest(kind=kind):
                expected = NATIONAL_CODE if kind == AreaKind.COUNTRY else None
                self.assertEqual(national.ancestor_code(kind), expected)
        self.assertEqual(self.rt1.ancestor_code(AreaKind.COUNTRY), NATIONAL_CODE)
        self.assertEqual(self.rt1.ancestor_code(AreaKind.PROVINCE), "64")

    def test_contains_and_within(self):
        national = Area.objects.get(code=NATIONAL_CODE)
        self.assertTrue(national.contains(self.rt1))
        self.assertTrue(national.contains(national))
        self.assertFalse(self.city.parent.contains(national))
        inside = Area.objects.filter(within(NATIONAL_CODE))
        self.assertEqual(inside.count(), Area.objects.count())
        self.assertFalse(Area.objects.filter(within("64"), code=NATIONAL_CODE).exists())

    def test_provinces_lie_under_it_after_the_import_and_the_migration(self):
        province = self.city.parent
        self.assertEqual(province.parent.code, NATIONAL_CODE)
        Area.objects.filter(kind=AreaKind.PROVINCE).update(parent=None)
        migration = import_module("jaga.areas.migrations.0002_national_area")
        migration.add_national_area(apps, None)
        province.refresh_from_db()
        self.assertEqual(province.parent.code, NATIONAL_CODE)
        self.assertEqual(Area.objects.filter(kind=AreaKind.COUNTRY).count(), 1)
