import threading

from django.db import connection
from django.test import TestCase, TransactionTestCase, skipUnlessDBFeature

from jaga.core.models import Sequence
from jaga.core.services import sequence_next


class SequenceTests(TestCase):
    def test_counts_up_per_name(self):
        self.assertEqual([sequence_next("a"), sequence_next("a"), sequence_next("b")], [1, 2, 1])


class ConcurrentSequenceTests(TransactionTestCase):
    @skipUnlessDBFeature("has_select_for_update")
    def test_parallel_callers_never_share_a_value(self):
        Sequence.objects.create(name="case:2026")
        values, errors = [], []

        def take():
            try:
                for _ in range(10):
                    values.append(sequence_next("case:2026"))
            except Exception as error:  # surfaced below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=take) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(sorted(values), list(range(1, 61)))
