"""The post of a form page (`lib.forms.submit`): the status of each outcome, where an action's
refusal shows on the form, and the message of success."""

from typing import Any

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.test import RequestFactory, SimpleTestCase

from lib.forms import submit
from lib.uploads import FileTooLarge


class NameForm(forms.Form):
    name = forms.CharField()
    latitude = forms.CharField(required=False)


class Busy(Exception):
    pass


def _request(method: str, data: dict[str, str] | None = None) -> HttpRequest:
    factory = RequestFactory()
    request = factory.post("/", data or {}) if method == "POST" else factory.get("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def _raise(error: Exception) -> Any:
    def action(data: dict[str, Any]) -> Any:
        raise error

    return action


class SubmitTests(SimpleTestCase):
    def test_before_a_post_nothing_runs(self) -> None:
        sent = submit(_request("GET"), NameForm(), _raise(AssertionError("ran")))
        self.assertEqual((sent.done, sent.status), (False, 200))
        with self.assertRaises(ValueError):
            sent.result  # noqa: B018 - reading it is the test

    def test_a_form_that_is_not_valid_is_the_status_asked(self) -> None:
        request = _request("POST")
        self.assertEqual(submit(request, NameForm(request.POST), _raise(AssertionError("ran"))).status, 400)
        self.assertEqual(submit(request, NameForm(request.POST), lambda data: None, invalid=422).status, 422)

    def test_success_gives_the_result_and_the_message(self) -> None:
        request = _request("POST", {"name": "Thôn 1"})
        sent = submit(request, NameForm(request.POST), lambda data: data["name"].upper(), lambda name: f"{name} saved")
        self.assertEqual((sent.done, sent.status, sent.result), (True, 200, "THÔN 1"))
        self.assertEqual([str(m) for m in get_messages(request)], ["THÔN 1 saved"])

    def test_an_action_error_shows_at_its_field_or_on_top(self) -> None:
        request = _request("POST", {"name": "x"})
        form = NameForm(request.POST)
        refusal = ValidationError({"name": "Taken.", "code": "Unknown.", "location": "Outside."})
        sent = submit(request, form, _raise(refusal), at={"location": "latitude"})
        self.assertEqual(sent.status, 400)
        self.assertEqual(form.errors["name"], ["Taken."])
        self.assertEqual(form.errors["latitude"], ["Outside."])
        self.assertEqual(form.non_field_errors(), ["code: Unknown."])
        form = NameForm(request.POST)
        submit(request, form, _raise(ValidationError({"code": "Unknown."})), name_unknown=False)
        self.assertEqual(form.non_field_errors(), ["Unknown."])

    def test_a_file_too_large_is_413(self) -> None:
        request = _request("POST", {"name": "x"})
        form = NameForm(request.POST)
        self.assertEqual(submit(request, form, _raise(FileTooLarge("Too large."))).status, 413)
        self.assertEqual(form.non_field_errors(), ["Too large."])

    def test_a_refusal_of_a_named_kind_has_its_status(self) -> None:
        request = _request("POST", {"name": "x"})
        form = NameForm(request.POST)
        sent = submit(request, form, _raise(Busy("Taken by now.")), refused={Busy: 409}, refused_field="name")
        self.assertEqual(sent.status, 409)
        self.assertEqual(form.errors["name"], ["Taken by now."])
        with self.assertRaises(KeyError):
            submit(request, NameForm(request.POST), _raise(KeyError("other")), refused={Busy: 409})

    def test_a_page_may_show_the_errors_itself(self) -> None:
        request = _request("POST", {"name": "x"})
        shown: list[str] = []
        sent = submit(
            request, NameForm(request.POST), _raise(ValidationError("No.")), show=lambda e: shown.extend(e.messages)
        )
        self.assertEqual((sent.status, shown), (400, ["No."]))
