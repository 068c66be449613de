"""Writes of case management, one module per subject. Each runs in one transaction, checks
everything before saving, refuses a case that moved on since the form was opened (the case's
version), and leaves a step on the case timeline and an audit event."""
