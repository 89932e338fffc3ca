"""A cached API token (accounts.actions.user_for_token) is forgotten as soon as its user is saved
(deactivated, renamed) or the token itself is changed or deleted."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .actions import forget_tokens
from .models import ApiToken, User


@receiver(post_save, sender=User)
def _user_changed(sender: type[User], instance: User, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # signing in changes nothing a token vouches for
    forget_tokens(*ApiToken.objects.filter(user_id=instance.pk).values_list("key_hash", flat=True))


@receiver(post_save, sender=ApiToken)
@receiver(post_delete, sender=ApiToken)
def _token_changed(sender: type[ApiToken], instance: ApiToken, **kwargs: Any) -> None:
    forget_tokens(instance.key_hash)
