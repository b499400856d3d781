"""The schema and the browsable docs are served; descriptions are Chinese; errors are {"detail": ...}."""

import pytest
from django.test import Client

from tests.api.conftest import snapshot

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_served():
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/items/{item_id}/assign" in schema["paths"]
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    item = schema["components"]["schemas"]["ItemOut"]["properties"]
    assert item["lead_unit"]["description"] == "责任单位"


def test_docs_page_is_served_without_a_cdn():
    response = Client().get("/api/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
    # Offices often run on intranets: Swagger UI must come from our own static files.
    assert b"cdn" not in response.content.lower()
    script = Client().get("/static/ninja/swagger-ui-bundle.js")
    assert script.status_code == 200


def test_health_needs_no_login():
    assert Client().get("/api/health").json() == {"status": "ok"}


def test_unknown_object_is_a_plain_404(clients):
    response = clients["officer"].get("/api/items/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到，或您无权查看。"}


def test_anonymous_gets_401_with_detail():
    response = Client().get("/api/items")
    assert response.status_code == 401 and "登录" in response.json()["detail"]


def test_unknown_api_path_answers_json(clients):
    response = clients["officer"].get("/api/items/abc")
    assert response.status_code == 404 and "/api/items/abc" in response.json()["detail"]


def test_malformed_json_is_a_clear_400(clients, make_item):
    item = make_item(status="proposed")
    before = snapshot()
    response = clients["officer"].post(f"/api/items/{item.pk}/accept", "{not json", content_type="application/json")
    assert response.status_code == 400 and "JSON" in response.json()["detail"]
    assert snapshot() == before


@pytest.mark.parametrize("body", ["[null, null]", "0", '"sign"', "null"])
def test_a_body_that_is_not_an_object_is_a_400(clients, make_item, body):
    # ninja reads attributes off whatever it gets: a list passed for a body whose fields are optional.
    item = make_item(status="submitted")
    before = snapshot()
    response = clients["officer"].post(f"/api/items/{item.pk}/close", body, content_type="application/json")
    assert response.status_code == 400 and "JSON" in response.json()["detail"]
    assert snapshot() == before


def schema():
    return Client().get("/api/openapi.json").json()


def test_every_operation_declares_the_errors_it_can_answer():
    for path, operations in schema()["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            where = f"{method.upper()} {path}"
            assert ("401" in codes) == bool(operation.get("security")), where
            assert ("422" in codes) == bool(operation.get("parameters") or operation.get("requestBody")), where
            if "{" in path:
                assert "404" in codes, where
            if method in ("post", "patch"):
                assert "400" in codes, where  # a body that cannot be parsed


def test_the_schema_states_the_ledgers_input_rules():
    paths, components = schema()["paths"], schema()["components"]["schemas"]

    def body(path, method="post"):
        ref = paths[path][method]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        return components[ref.rsplit("/", 1)[1]]

    for action in ("reject", "return", "reopen"):
        rule = body(f"/api/items/{{item_id}}/{action}")
        assert "reason" in rule["required"] and rule["properties"]["reason"]["minLength"] == 1
    assert "reason" not in body("/api/items/{item_id}/accept").get("required", [])
    split = body("/api/items/{item_id}/split")["properties"]["parts"]
    assert split["minItems"] == 2 and split["items"]["minLength"] == 1
    assert body("/api/sources/import/url")["properties"]["url"]["format"] == "uri"
    decide = body("/api/extensions/{extension_id}/decide")
    assert decide["then"]["required"] == ["reason"]  # denying needs a reason
    unit = next(p for p in paths["/api/items"]["get"]["parameters"] if p["name"] == "unit")
    assert unit["schema"]["anyOf"][0]["maximum"] == 2**53 - 1


def test_the_evidence_download_declares_its_file():
    answers = schema()["paths"]["/api/evidence/{evidence_id}"]["get"]["responses"]
    content = answers["200"]["content"]
    assert content["application/pdf"]["schema"] == {"type": "string", "format": "binary"}
    assert "application/octet-stream" in content and "404" in answers
