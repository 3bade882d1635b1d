"""The OpenAPI schema tells the truth: distinct names per schema, documented errors, bounded numbers."""

import datetime
import typing

from django.test import SimpleTestCase
from pydantic import BaseModel

from capuy.api import api
from capuy.core import inputs


def _operations():
    for bound_router in api._get_bound_routers():
        for path, path_view in bound_router.path_operations.items():
            for operation in path_view.operations:
                yield path, operation


def _models(annotation, found):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found:
            return
        found.add(annotation)
        for field in annotation.model_fields.values():
            _models(field.annotation, found)
        return
    for arg in typing.get_args(annotation):
        _models(arg, found)


def _root(model):
    """A bounded input model counts as the schema it was made from (same name, same fields)."""
    while model.__bases__ and getattr(model.__bases__[0], "__name__", None) == model.__name__:
        model = model.__bases__[0]
    return model


class OpenApiSchemaTests(SimpleTestCase):
    def test_no_two_apps_share_a_schema_name(self):
        found: set = set()
        for _, operation in _operations():
            for model in operation.models:
                _models(model, found)
            for model in operation.response_models.values():
                if isinstance(model, type):
                    _models(model, found)
        by_name: dict[str, set] = {}
        for model in found:
            by_name.setdefault(model.__name__, set()).add(_root(model))
        clashes = {name: sorted(m.__module__ for m in models) for name, models in by_name.items()
                   if len(models) > 1 and not name.startswith(("NinjaResponseSchema", "BodyParams", "QueryParams",
                                                                "PathParams", "FormParams", "FileParams"))}
        self.assertEqual(clashes, {})

    def test_every_operation_documents_its_error_responses(self):
        schema = api.get_openapi_schema()
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                with self.subTest(path=path, method=method):
                    self.assertTrue({"400", "403", "404", "422"} <= {str(s) for s in operation["responses"]})
        self.assertIn("ErrorOut", schema["components"]["schemas"])

    def test_every_integer_parameter_is_bounded(self):
        schema = api.get_openapi_schema()
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                for parameter in operation.get("parameters", []):
                    options = parameter["schema"].get("anyOf", [parameter["schema"]])
                    for option in options:
                        if option.get("type") == "integer":
                            with self.subTest(path=path, method=method, parameter=parameter["name"]):
                                self.assertIn("minimum", option)
                                self.assertIn("maximum", option)

    def test_bounds_follow_the_field_name(self):
        self.assertIs(inputs.bound_for("presenter_id"), inputs.Id)
        self.assertIs(inputs.bound_for("candidate_ids"), inputs.Id)
        self.assertIs(inputs.bound_for("offset"), inputs.Offset)
        self.assertIs(inputs.bound_for("year"), inputs.Year)
        self.assertIs(inputs.bound_for("order"), inputs.Int)

    def test_page_query_numbers_outside_their_bounds_are_ignored(self):
        cases = [(inputs.query_id, "12", 12), (inputs.query_id, "0", None), (inputs.query_id, "-3", None),
                 (inputs.query_id, "9" * 30, None), (inputs.query_id, "²", None), (inputs.query_id, None, None),
                 (inputs.query_year, "2023", 2023), (inputs.query_year, "-1", None), (inputs.query_year, "46957", None),
                 (inputs.query_date, "2023-10-05", datetime.date(2023, 10, 5)),
                 (inputs.query_date, "0001-01-01", None), (inputs.query_date, "hôm qua", None)]
        for function, value, expected in cases:
            with self.subTest(function=function.__name__, value=value):
                self.assertEqual(function(value), expected)
