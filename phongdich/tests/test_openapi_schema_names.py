"""Every response and request shape has its own name in the OpenAPI document.

django-ninja files each shape under its class name; two classes of the same name overwrite each
other and the document then describes one endpoint with the other's fields.
"""

from typing import Any
from unittest import mock

from django.test import SimpleTestCase
from ninja.openapi.schema import OpenAPISchema

from phongdich.api import api


class SchemaNamesTests(SimpleTestCase):
    def test_no_two_shapes_share_a_name(self) -> None:
        clashes: set[str] = set()
        original = OpenAPISchema.add_schema_definitions

        def add(schema: OpenAPISchema, definitions: dict[str, Any]) -> None:
            clashes.update(name for name, body in definitions.items() if schema.schemas.get(name, body) != body)
            original(schema, definitions)

        with mock.patch.object(OpenAPISchema, "add_schema_definitions", add):
            api.get_openapi_schema()
        self.assertEqual(clashes, set())

    def test_public_violation_documents_the_unit_level(self) -> None:
        document = api.get_openapi_schema()
        self.assertIn("level", document["components"]["schemas"]["UnitRefOut"]["properties"])

    def test_every_operation_documents_the_error_format(self) -> None:
        document = api.get_openapi_schema()
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                for status in (400, 404, 413, 422):
                    with self.subTest(operation=f"{method} {path}", status=status):
                        body = operation["responses"][status]["content"]["application/json"]["schema"]
                        refs = [body.get("$ref")] + [choice.get("$ref") for choice in body.get("anyOf", [])]
                        self.assertIn("#/components/schemas/ErrorOut", refs)

    def test_an_import_documents_both_of_its_422_bodies(self) -> None:
        document = api.get_openapi_schema()
        body = document["paths"]["/api/v1/cases/import"]["post"]["responses"][422]["content"]["application/json"]
        refs = {choice["$ref"] for choice in body["schema"]["anyOf"]}
        self.assertEqual(refs, {"#/components/schemas/ImportOut", "#/components/schemas/ErrorOut"})
