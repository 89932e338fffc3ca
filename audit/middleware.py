from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lib.acting import Actor, acting, source_of


class AuditMiddleware:
    """Makes the request's user the actor of every change made while it is handled."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting(Actor(source=source_of(request), request=request)):
            return self.get_response(request)
