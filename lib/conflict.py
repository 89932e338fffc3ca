"""The one kind of refusal that is neither a permission nor bad input: the record is not in a
state that allows this (an inspection already recorded, a permit already decided). Each app
raises its own subclass; a page shows the message, the API answers 409 with it (phongdich/api.py)."""


class Conflict(Exception):
    """The record is not in a state that allows this (HTTP 409)."""
