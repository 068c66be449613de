"""Signals the cases app sends for the apps built on it, which it may not import."""

from django.dispatch import Signal

# Sent inside the transaction of ``consent_withdraw`` with ``consent`` and ``by``: the
# referrals app notes on the timeline which partners' sharing that ends at once.
consent_withdrawn = Signal()
