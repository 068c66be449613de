"""Reads of the children's voice, by subject: ``forums``, ``sessions`` and ``results`` (the
only reader of survey answers, aggregates only)."""
