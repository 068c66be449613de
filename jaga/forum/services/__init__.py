"""Writes of the FP2ATBM forum, one module per subject: ``chapters`` (chapters, activists,
trainings, invitations), ``sessions`` (education sessions, coordination meetings),
``accompaniment`` (visits on cases), ``reports`` (the monthly report) and ``pulse``."""
