from django.test import SimpleTestCase

from jaga.access.policy import AREA_SCOPES
from jaga.areas.models import AreaKind


class AreaScopeTests(SimpleTestCase):
    def test_every_area_scope_names_an_area_kind(self):
        # The policy (a layer below areas) reaches up by the scope's value: it must be a kind.
        self.assertLessEqual({scope.value for scope in AREA_SCOPES}, set(AreaKind.values))
