"""The API's one error format, as the OpenAPI document shows it: {"detail": message} and, for
input that is not valid, "errors" with a message per field (phongdich/api.py writes them)."""

from ninja import Schema


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut] = []
