"""A small unit tree, one user per role, and API clients that authenticate as them."""

import datetime as dt
import json

import pytest
from django.test import Client

from duban import clock
from duban.api.models import ApiToken
from duban.ledger.models import Evidence, Extension, Item, Journal, Progress, Source, Subject, Unit, User

ROLES = ("anonymous", "liaison_a", "liaison_b", "leader", "officer", "admin")



@pytest.fixture
def units(db):
    district = Unit.objects.create(name="召陵区委区政府", kind=Unit.Kind.LEADERSHIP)
    town_a = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN, parent=district)
    community = Unit.objects.create(name="漓江路社区", kind=Unit.Kind.COMMUNITY, parent=town_a)
    town_b = Unit.objects.create(name="翟庄街道", kind=Unit.Kind.TOWN, parent=district)
    return {"district": district, "a": town_a, "community": community, "b": town_b}


@pytest.fixture
def people(units):
    def make(name, role, unit=None):
        return User.objects.create_user(name, password="pw-" + name, role=role, unit=unit)

    return {
        "liaison_a": make("liaison_a", User.Role.LIAISON, units["a"]),
        "liaison_b": make("liaison_b", User.Role.LIAISON, units["b"]),
        "leader": make("leader", User.Role.LEADER),
        "officer": make("officer", User.Role.OFFICER),
        "admin": make("admin", User.Role.ADMIN),
    }


class ApiClient:
    """Django's test client with JSON helpers; authenticates with a bearer token when given one."""

    def __init__(self, key=None, client=None):
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}

    def _send(self, method, path, data=None, **extra):
        kwargs = {"headers": {**self.headers, **extra.pop("headers", {})}, **extra}
        if data is not None and "content_type" not in kwargs and method != "get":
            return getattr(self.client, method)(path, json.dumps(data, default=str),
                                                content_type="application/json", **kwargs)
        return getattr(self.client, method)(path, data, **kwargs)

    def get(self, path, data=None, **extra):
        return self._send("get", path, data, **extra)

    def post(self, path, data=None, **extra):
        return self._send("post", path, data, **extra)

    def patch(self, path, data=None, **extra):
        return self._send("patch", path, data, **extra)

    def put(self, path, data=None, **extra):
        return self._send("put", path, data, **extra)

    def delete(self, path, data=None, **extra):
        return self._send("delete", path, data, **extra)


@pytest.fixture
def clients(people):
    """role -> ApiClient; the anonymous one sends no credentials."""
    result = {"anonymous": ApiClient()}
    for role, user in people.items():
        _, key = ApiToken.issue(user, name="tests")
        result[role] = ApiClient(key)
    return result


@pytest.fixture
def session_clients(people):
    """role -> ApiClient of a logged-in browser that sends its CSRF token, as the pages' scripts do."""
    result = {"anonymous": ApiClient(client=Client(enforce_csrf_checks=True))}
    for role, user in people.items():
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(user)
        client = ApiClient(client=browser)
        client.headers["X-CSRFToken"] = browser.get("/api/csrf").json()["csrftoken"]
        result[role] = client
    return result


@pytest.fixture
def future():
    return clock.today() + dt.timedelta(days=60)


@pytest.fixture
def make_item(units, future):
    def make(status=Item.Status.ASSIGNED, unit="a", **fields):
        fields.setdefault("text", "要对标群众需求,量身打造、常态化提供服务")
        fields.setdefault("deadline", future)
        item = Item.objects.create(status=status, lead_unit=units[unit] if unit else None, **fields)
        return item

    return make


def snapshot():
    """Everything a refused request must leave alone."""
    return {
        "items": list(Item.objects.order_by("pk").values_list(
            "pk", "status", "version", "text", "deadline", "lead_unit_id", "merged_into_id")),
        "co_units": list(Item.co_units.through.objects.order_by("pk").values_list("item_id", "unit_id")),
        "journal": Journal.objects.count(),
        "progress": Progress.objects.count(),
        "evidence": list(Evidence.objects.values_list("pk", "file")),
        "extensions": list(Extension.objects.order_by("pk").values_list("pk", "status", "new_deadline")),
        "sources": Source.objects.count(),
        "subjects": Subject.objects.count(),
        "tokens": list(ApiToken.objects.order_by("pk").values_list("pk", "revoked_at")),
    }
