"""Writes of the task force, one module per subject: ``composition``, ``meetings``,
``actions``, ``minutes``. Each is keyword-only, in one transaction, audited."""
