"""The API refuses before it reads the input, always in the one JSON error shape, and its
schema documents every answer an operation may give (issue 19, item 9)."""

import json
from collections import Counter
from importlib import import_module

from ninja import Schema

from jaga.cases.tests.helpers import open_case
from jaga.core.api import ERROR_CODES
from jaga.testing import JagaTestCase


class ApiRefusalTests(JagaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = open_case(cls)

    def move(self, body):
        url = f"/api/kasus/{self.case.pk}/status"
        return self.client.post(url, json.dumps(body), content_type="application/json")

    def test_no_rule_is_refused_before_the_body_is_read(self):
        self.login(self.rt_officer)
        for body in ({"to_status": "bukan-status"}, {}, {"version": "x"}):
            response = self.move(body)
            self.assertEqual(response.status_code, 403, body)
            self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
            self.assertEqual(response.json()["detail"], "Anda tidak berwenang untuk tindakan ini.")

    def test_signed_out_is_told_in_indonesian(self):
        response = self.move({"to_status": "verified", "version": 1})
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["detail"], "Silakan masuk terlebih dahulu.")

    def test_a_refusal_on_the_record_is_json_not_an_html_page(self):
        self.login(self.manager2)  # sees every case of the city, edits only its team's
        response = self.move({"to_status": "verified", "version": self.case.version})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["detail"], "Anda tidak berwenang untuk tindakan ini.")

    def test_input_outside_the_schema_names_each_field_in_indonesian(self):
        self.login(self.manager)
        response = self.move({"to_status": "bukan-status"})
        self.assertEqual(response.status_code, 422)
        body = response.json()
        self.assertEqual(
            body["fields"], {"to_status": ["Pilihan tidak dikenal."], "version": ["Wajib diisi."]}
        )
        self.assertTrue(body["detail"].startswith("Data yang dikirim tidak sesuai"))

    def test_an_unknown_record_is_a_json_404(self):
        self.login(self.manager)
        response = self.client.get("/api/kasus/999999")
        self.assertEqual(
            (response.status_code, response.json()), (404, {"detail": "Tidak ditemukan."})
        )


class ApiSchemaTests(JagaTestCase):
    def test_every_operation_documents_the_error_shape(self):
        schema = self.client.get("/api/openapi.json").json()
        self.assertIn("ErrorOut", schema["components"]["schemas"])
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                documented = {int(code) for code in operation["responses"]}
                self.assertLessEqual(set(ERROR_CODES), documented, f"{method} {path}")

    def test_choices_are_enums_in_the_schema(self):
        schemas = self.client.get("/api/openapi.json").json()["components"]["schemas"]
        self.assertIn("CaseStatus", schemas)
        self.assertIn("assessed", schemas["CaseStatus"]["enum"])

    def test_required_texts_and_code_lists_say_what_the_services_accept(self):
        schemas = self.client.get("/api/openapi.json").json()["components"]["schemas"]
        for schema, name in [("DeclineIn", "reason"), ("ServiceIn", "note")]:
            field = schemas[schema]["properties"][name]
            self.assertEqual((field["minLength"], field["pattern"]), (1, r"\S"), schema)
        shared = schemas["ReferralIn"]["properties"]["shared_fields"]["items"]
        self.assertIn("identity", schemas[shared["$ref"].split("/")[-1]]["enum"])

    def test_every_app_says_its_bounds_and_choices(self):
        schemas = self.client.get("/api/openapi.json").json()["components"]["schemas"]

        def field(schema, name):
            found = schemas[schema]["properties"][name]
            ref = found.get("$ref") or (found.get("allOf") or [{}])[0].get("$ref")
            return schemas[ref.split("/")[-1]] if ref else found

        report = schemas["ReportIn"]["properties"]
        self.assertEqual(report["violence_forms"]["minItems"], 1)
        forms = report["violence_forms"]["items"]["$ref"].split("/")[-1]
        self.assertIn("fisik", schemas[forms]["enum"])
        self.assertIn("rumah_tangga", field("ReportIn", "place")["enum"])
        self.assertNotIn("public", field("ReportIn", "channel")["enum"])
        self.assertEqual(report["victim_name"]["maxLength"], 160)
        self.assertEqual(report["victim_age"]["anyOf"][0]["maximum"], 120)
        self.assertIn("duplicate", field("ReportCloseIn", "reason")["enum"])
        self.assertEqual(field("TargetIn", "amount")["minimum"], 1)
        self.assertIn("working_days", field("TargetIn", "unit")["enum"])
        self.assertIn("posyandu", field("EducationSessionIn", "place_kind")["enum"])
        self.assertEqual(schemas["EducationSessionIn"]["properties"]["topics"]["minItems"], 1)
        self.assertIn("represented", field("MarkIn", "status")["enum"])
        self.assertEqual(field("MarkIn", "attendee_name")["maxLength"], 160)
        for schema, name in [("ProgressIn", "note"), ("ActionCloseIn", "evidence")]:
            self.assertEqual(
                (field(schema, name)["minLength"], field(schema, name)["maxLength"]), (1, 4000)
            )
        self.assertEqual(field("SurveySessionIn", "helper_name")["pattern"], r"\S")
        self.assertIn("reported", field("ReturnIn", "kind")["enum"])

    def test_no_two_api_schemas_share_a_name(self):
        # The schema keys each model by its class name: a second one of the same name replaces
        # the first, and an operation would then document another operation's body.
        import_module("jaga.api")  # every app's API module, with its schemas
        names = Counter(
            model.__name__
            for model in _subclasses(Schema)
            if model.__module__.startswith("jaga.") and ".api" in model.__module__
        )
        self.assertEqual([name for name, count in names.items() if count > 1], [])


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)
