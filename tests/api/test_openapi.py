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
