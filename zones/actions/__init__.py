"""Writes of the zones app, one function per action, grouped by subject. Each checks who may
act, validates (django ValidationError, nothing written), and writes in one transaction."""


class Conflict(Exception):
    """The request contradicts the records as they stand (answered with 409): a zone overlapping
    a contradictory one, a permit already decided, a zone already ended."""
