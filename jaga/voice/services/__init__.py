"""Writes of the children's voice, by subject: ``forums`` and ``survey``."""
