"""The base class's query-count assertion: exact, and on a mismatch it lists the SQL."""

from jaga.people.models import Person
from jaga.testing import JagaTestCase


class QueryCountTests(JagaTestCase):
    def test_an_exact_count_passes(self):
        with self.assert_query_count(1):
            Person.objects.count()

    def test_a_mismatch_fails_listing_every_query(self):
        with self.assertRaises(AssertionError) as raised, self.assert_query_count(1):
            Person.objects.count()
            list(Person.objects.filter(username="admin"))
        message = str(raised.exception)
        self.assertIn("2 queries, expected 1", message)
        self.assertIn("1. SELECT COUNT(*)", message)
        self.assertIn('2. SELECT "people_person"', message)
