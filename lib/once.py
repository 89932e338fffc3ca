"""Things a loop command does once however many runs overlap: a reminder per deadline, per day…"""

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, models, transaction


def record_once(model: type[models.Model], then: Callable[[], None], **key: Any) -> bool:
    """Record `key` in `model` and run `then` once the transaction commits; False, and nothing
    run, when another run recorded it first (the model's unique constraint on the key)."""
    try:
        with transaction.atomic():
            model._default_manager.create(**key)
            transaction.on_commit(then)
    except IntegrityError:
        return False
    return True
