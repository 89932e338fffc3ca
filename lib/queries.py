"""Query helpers that know no app."""

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def one_or_404(records: QuerySet[M], message: str, **lookup: Any) -> M:
    """The record `lookup` finds among `records`, or Http404 with the message: given the records
    a user may see, one outside them looks the same as one that does not exist."""
    found = records.filter(**lookup).first()
    if found is None:
        raise Http404(message)
    return found
