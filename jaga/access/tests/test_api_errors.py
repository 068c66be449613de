"""The API refuses before it reads the input, always in the one JSON error shape, and its
schema documents every answer an operation may give (issue 19, item 9)."""

import json

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
