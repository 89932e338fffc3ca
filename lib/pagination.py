"""Page numbers that never reach the database as an impossible offset.

A page past the last one is an empty page in the API (with the true count) and a 404 on the
pages that count nothing; `?page=99999999999999999999` is never a server error.
"""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja.pagination import PageNumberPagination, paginate

MAX_PAGE = 1_000_000  # deeper than any list goes; keeps an offset a database integer
PAGE_SIZE = 50  # rows of an API list page unless ?page_size= asks for another number
MAX_PAGE_SIZE = 200  # the most rows ?page_size= may ask for


class Pages(PageNumberPagination):
    """django-ninja's page numbers; past the last page, no items."""

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        page_size = self._get_page_size(pagination.page_size)
        count = self._items_count(queryset)
        offset = (pagination.page - 1) * page_size
        items = queryset[offset : offset + page_size] if offset < count else queryset[:0]
        return {self.items_attribute: items, "count": count}


def paged(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """An API list in `Pages` of PAGE_SIZE rows (?page_size= up to MAX_PAGE_SIZE)."""
    return paginate(Pages, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)(endpoint)


class Mapped:
    """A queryset the paginator slices first and converts after, so a page reads only its rows."""

    def __init__(self, queryset: Any, convert: Callable[[Any], Any]) -> None:
        self.queryset, self.convert = queryset, convert

    def all(self) -> Any:
        return self.queryset

    def __getitem__(self, part: slice) -> list[Any]:
        return [self.convert(item) for item in self.queryset[part]]


def page_number(raw: str | None) -> int:
    """?page= as a number from 1 (1 when it is not a number); 404 beyond any list."""
    try:
        page = max(1, int(raw or "1"))
    except ValueError:
        return 1
    if page > MAX_PAGE:
        raise Http404(_("There is no such page."))
    return page


def query_without_page(request: HttpRequest) -> str:
    """The request's query string without its page: what the links to the other pages add theirs to."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
