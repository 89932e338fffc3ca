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
