"""Permission matrix: every page URL and every API operation × every role.

The routes come from the URL conf and the API's OpenAPI schema, so a new route without a
rule here fails ``test_every_route_has_a_rule``. For each (route, role) the answer must be
one of the allowed statuses; a refused request must leave every row and file unchanged;
and nothing liaison B receives may contain unit A's item.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from duban import clock
from tests.ops.world import LEADER_NAME, MARKER, build_world, fingerprint

pytestmark = pytest.mark.django_db

OK, MOVED, DENY, HIDE = {200}, {302}, {403}, {404}
DONE = {200, 201, 302, 400, 409}  # the action ran into the business rules, not a permission refusal
LOGIN = "login"  # pages: redirect to the login page; API: 401
REFUSALS = {401, 403, 404, 405}
FUTURE = (clock.today() + dt.timedelta(days=90)).isoformat()


def rule(method="GET", data=None, *, anonymous=LOGIN, liaison_a=OK, liaison_b=OK, leader=OK, officer=OK,
         admin=OK, multipart=False):
    return {"method": method, "data": data, "multipart": multipart,
            "expect": {"anonymous": anonymous, "liaison_a": liaison_a, "liaison_b": liaison_b, "leader": leader,
                       "officer": officer, "admin": admin}}


def user_page(**kw):  # any signed-in user; liaisons see only their own items in it
    return rule(**kw)


def item_page(**kw):  # an item of unit A: hidden (404, no existence leak) from unit B
    return rule(**{"liaison_b": HIDE, **kw})


def overview_page(**kw):  # leaders and the office
    return rule(**{"liaison_a": DENY, "liaison_b": DENY, **kw})


def office_page(**kw):
    return rule(**{"liaison_a": DENY, "liaison_b": DENY, "leader": DENY, **kw})


# Page URL name -> rule. POST rules send valid data, so the permission check (not form
# validation) decides.
PAGE_RULES = {
    "login": rule(anonymous=OK, liaison_a=MOVED, liaison_b=MOVED, leader=MOVED, officer=MOVED, admin=MOVED),
    "logout": rule("POST", anonymous=MOVED, liaison_a=MOVED, liaison_b=MOVED, leader=MOVED, officer=MOVED,
                   admin=MOVED),
    "set_language": rule("POST", {"language": "en", "next": "/"}, anonymous=MOVED, liaison_a=MOVED,
                         liaison_b=MOVED, leader=MOVED, officer=MOVED, admin=MOVED),
    "password-change": user_page(),  # one's own password: every signed-in user, nobody else
    "home": user_page(liaison_a=MOVED, liaison_b=MOVED, leader=MOVED, officer=MOVED, admin=MOVED),
    "dashboard": overview_page(),
    "bulletin": overview_page(),
    "assessment": overview_page(),
    "assessment-export": overview_page(),
    "import": office_page(),
    "import-manual": office_page(),
    "import-xlsx": office_page(),
    "sources": office_page(),
    "source-withdraw": office_page(method="POST", data={"reason": "矩阵测试"}, officer=DONE, admin=DONE),
    "source": overview_page(),
    "review": office_page(),
    "review-act": office_page(method="POST", data=lambda w: {"action": "accept", "ids": [w.proposal.pk]},
                              officer=DONE, admin=DONE),
    "ledger": user_page(),
    "ledger-export": user_page(),
    "item": item_page(),
    "item-edit": item_page(method="POST", data={"text": "被篡改的事项", "topic": "综合"}, liaison_a=DENY,
                           leader=DENY, officer=DONE, admin=DONE),
    "item-progress": item_page(method="POST", data={"text": "矩阵测试进展", "percent": "70"}, liaison_a=DONE,
                               leader=DENY, officer=DONE, admin=DONE),
    "item-extension": item_page(method="POST", data={"new_deadline": FUTURE, "reason": "矩阵测试"},
                                liaison_a=DONE, leader=DENY, officer=DONE, admin=DONE),
    "item-action": item_page(method="POST", data={"reason": "矩阵测试"}, liaison_a=DONE, leader=DENY,
                             officer=DENY, admin=DENY),  # action "submit": the lead unit's step
    "item-notice": item_page(),  # the 交办单: whoever sees the item
    "item-closing-report": item_page(),
    "unit-notice": office_page(),  # the 督办通知单 is the office's to send
    "item-urge": item_page(method="POST", data={"note": "矩阵测试"}, liaison_a=DENY, leader=DENY, officer=DONE,
                           admin=DONE),
    "ledger-urge": office_page(method="POST", data=lambda w: {"ids": [w.item.pk], "note": "矩阵测试"},
                               officer=DONE, admin=DONE),
    # 批示: leaders, and the office for a named leader; 呈批: the office; 圈阅: leaders only.
    "item-instruct": item_page(method="POST", data=lambda w: {"text": "矩阵测试", "leader": w.users["leader"].pk},
                               liaison_a=DENY, leader=DONE, officer=DONE, admin=DONE),
    "item-present": item_page(method="POST", data=lambda w: {"leader": w.users["leader"].pk}, liaison_a=DENY,
                              leader=DENY, officer=DONE, admin=DONE),
    "item-read": item_page(method="POST", liaison_a=DENY, leader=DONE, officer=DENY, admin=DENY),
    "ledger-read": rule("POST", lambda w: {"ids": [w.item.pk]}, liaison_a=DENY, liaison_b=DENY, leader=DONE,
                        officer=DENY, admin=DENY),
    "extension-decide": item_page(method="POST", data={"approve": "1", "reason": "同意"}, liaison_a=DENY,
                                  leader=DENY, officer=DONE, admin=DONE),
    "evidence": item_page(),
    "evidence-preview": item_page(),
    "evidence-thumbnail": item_page(),
    "unit": user_page(liaison_b={403, 404}),
    "units": overview_page(),  # the unit tree
    "unit-search": overview_page(),  # the unit pickers' JSON
    "subject": user_page(),
    "leader": user_page(),
    "areas:subjects": user_page(),
    "areas:subject": item_page(),
    "areas:subject_merge": office_page(method="POST", data={"target": "不存在的对象", "reason": "矩阵测试"},
                                       officer=DONE, admin=DONE),
    "areas:project_create": office_page(method="POST", officer=DONE, admin=DONE),
    "areas:projects": user_page(),
    "areas:project": item_page(),
    "areas:project_stage": office_page(method="POST", data={"stage": "signed", "actual": "2026-11-01",
                                                            "note": "矩阵测试"}, officer=DONE, admin=DONE),
    "areas:project_plan": office_page(method="POST", data={"description": "矩阵测试"}, officer=DONE, admin=DONE),
    "areas:stars": user_page(),
    "areas:star_unit": item_page(),
    "areas:star_rate": office_page(method="POST", data={"year": "2026"}, officer=DONE, admin=DONE),
    "areas:star_tie": office_page(method="POST", officer=DONE, admin=DONE),
    # The 政务公开 board is off unless DUBAN_PUBLIC_BOARD (tests/board tests it switched on).
    **{f"board:{name}": rule(anonymous=HIDE, liaison_a=HIDE, liaison_b=HIDE, leader=HIDE, officer=HIDE, admin=HIDE)
       for name in ("board", "feed", "embed")},
    # Directory sign-ins are off unless configured (tests/sso tests them switched on).
    **{f"sso:{name}": rule(anonymous=HIDE, liaison_a=HIDE, liaison_b=HIDE, leader=HIDE, officer=HIDE, admin=HIDE)
       for name in ("cas-login", "cas-logout", "oidc-authenticate", "oidc-callback")},
    "notify:mine": user_page(),
    "board:publish": office_page(method="POST", data={"public": "1"}, officer=DONE, admin=DONE),
    "api:api-root": rule(anonymous=HIDE, liaison_a=HIDE, liaison_b=HIDE, leader=HIDE, officer=HIDE, admin=HIDE),
    "api:openapi-json": rule(anonymous=OK),
    "api:openapi-view": rule(anonymous=OK),
    "api/^(?P<rest>.*)$": rule(anonymous=HIDE, liaison_a=HIDE, liaison_b=HIDE, leader=HIDE, officer=HIDE, admin=HIDE),
}
# Unnamed patterns cannot be reversed: the URL each one is tried with.
PAGE_URLS = {"api/^(?P<rest>.*)$": "/api/no-such-route"}
PAGE_QUERIES = {"bulletin": "?number=1&since=2026-01-01&until=2026-12-31"}

# URL parameters: which record of the world each named route points at.
PAGE_KWARGS = {
    "source": lambda w: {"pk": w.source.pk}, "review": lambda w: {"pk": w.source.pk},
    "review-act": lambda w: {"pk": w.source.pk}, "source-withdraw": lambda w: {"pk": w.source.pk},
    "item": lambda w: {"pk": w.item.pk}, "item-edit": lambda w: {"pk": w.item.pk},
    "item-progress": lambda w: {"pk": w.item.pk}, "item-extension": lambda w: {"pk": w.item.pk},
    "item-urge": lambda w: {"pk": w.item.pk}, "item-notice": lambda w: {"pk": w.item.pk},
    "item-closing-report": lambda w: {"pk": w.item.pk}, "unit-notice": lambda w: {"pk": w.unit_a.pk},
    **{name: (lambda w: {"pk": w.item.pk}) for name in ("item-instruct", "item-present", "item-read")},
    "item-action": lambda w: {"pk": w.item.pk, "action": "submit"},
    "extension-decide": lambda w: {"pk": w.extension.pk}, "evidence": lambda w: {"pk": w.evidence.pk},
    "evidence-preview": lambda w: {"pk": w.evidence.pk}, "evidence-thumbnail": lambda w: {"pk": w.evidence.pk},
    "unit": lambda w: {"pk": w.unit_a.pk}, "subject": lambda w: {"pk": w.subject.pk},
    "leader": lambda w: {"name": LEADER_NAME},
    "board:publish": lambda w: {"pk": w.item.pk},
    "areas:subject": lambda w: {"pk": w.subject.pk}, "areas:subject_merge": lambda w: {"pk": w.subject.pk},
    **{f"areas:{name}": (lambda w: {"subject_id": w.subject.pk})
       for name in ("project_create", "project", "project_stage", "project_plan")},
    **{f"areas:{name}": (lambda w: {"unit_id": w.community.pk}) for name in ("star_unit", "star_rate", "star_tie")},
}

TRANSITION = {"reason": "矩阵测试"}
API_RULES = {
    "GET /api/health": rule(anonymous=OK),
    "GET /api/csrf": rule(anonymous=OK),
    "GET /api/me": rule(),
    "GET /api/units": rule(),
    "GET /api/subjects": rule(),
    "GET /api/dashboard": rule(),  # counts over the caller's own items
    "GET /api/assessment": overview_page(),  # units compared: the office and leaders only
    "GET /api/items": rule(),
    "GET /api/items/{item_id}": item_page(),
    "PATCH /api/items/{item_id}": item_page(method="PATCH", data=lambda w: {"text": "被篡改的事项",
                                                                          "version": w.item.version}, liaison_a=DENY,
                                            leader=DENY, officer=DONE, admin=DONE),
    "GET /api/items/{item_id}/journal": item_page(),
    "GET /api/items/{item_id}/notice.docx": item_page(),
    "GET /api/items/{item_id}/closing-reports": item_page(),
    "GET /api/items/{item_id}/closing-report.docx": item_page(),
    "GET /api/units/{unit_id}/notice.docx": office_page(),
    "GET /api/items/{item_id}/progress": item_page(),
    "POST /api/items/{item_id}/progress": item_page(method="POST", data={"text": "矩阵测试进展", "percent": "70"},
                                                    multipart=True, liaison_a=DONE, leader=DENY, officer=DONE,
                                                    admin=DONE),
    "GET /api/items/{item_id}/extensions": item_page(),
    "POST /api/items/{item_id}/extensions": item_page(method="POST", data={"new_deadline": FUTURE, "reason": "x"},
                                                      liaison_a=DONE, leader=DENY, officer=DONE, admin=DONE),
    "GET /api/extensions": rule(),
    "POST /api/extensions/{extension_id}/decide": item_page(method="POST", data={"approve": True, "reason": "同意"},
                                                            liaison_a=DENY, leader=DENY, officer=DONE, admin=DONE),
    "GET /api/evidence/{evidence_id}": item_page(),
    "GET /api/evidence/{evidence_id}/preview": item_page(),
    "GET /api/evidence/{evidence_id}/thumbnail": item_page(),
    "POST /api/items/{item_id}/urge": item_page(method="POST", data={"note": "矩阵测试"}, liaison_a=DENY,
                                                leader=DENY, officer=DONE, admin=DONE),
    "POST /api/items/{item_id}/instructions": item_page(
        method="POST", data=lambda w: {"text": "矩阵测试", "leader_id": w.users["leader"].pk}, liaison_a=DENY,
        leader=DONE, officer=DONE, admin=DONE),
    "POST /api/items/{item_id}/submit-to-leader": item_page(
        method="POST", data=lambda w: {"leader_id": w.users["leader"].pk}, liaison_a=DENY, leader=DENY,
        officer=DONE, admin=DONE),
    "POST /api/items/{item_id}/read": item_page(method="POST", liaison_a=DENY, leader=DONE, officer=DENY,
                                                admin=DENY),
    "GET /api/leaders": rule(),
    "POST /api/items/{item_id}/split": item_page(method="POST", data={"parts": ["一", "二"]}, liaison_a=DENY,
                                                 leader=DENY, officer=DONE, admin=DONE),
    "POST /api/items/merge": rule("POST", lambda w: {"ids": [w.item.pk], "into": w.proposal.pk},
                                  liaison_a={403, 404}, liaison_b={403, 404}, leader=DENY, officer=DONE, admin=DONE),
    "POST /api/sources/import/text": office_page(method="POST", data={"text": "10月19日，区委书记调研。他要求，要抓好安全生产。"},
                                                 officer=DONE, admin=DONE),
    "POST /api/sources/import/url": office_page(method="POST", data={"url": "http://127.0.0.1:9/"},
                                                officer=DONE, admin=DONE),
    "POST /api/sources/import/file": office_page(method="POST", data=lambda w: {"file": SimpleUploadedFile(
        "report.txt", "10月19日，区委书记调研。他要求，要抓好安全生产。".encode())}, multipart=True,
                                                 officer=DONE, admin=DONE),
    "GET /api/sources": rule(),  # the reports behind the caller's items
    "GET /api/sources/{source_id}": item_page(),
}
# Workflow transitions on unit A's in-progress item: who may try them (the workflow then
# decides whether the item's status allows it).
for action, actor in [("accept", "office"), ("reject", "office"), ("assign", "office"), ("sign", "lead"),
                      ("start", "lead"), ("submit", "lead"), ("close", "office"), ("return", "office"),
                      ("reopen", "office"), ("withdraw", "office"), ("restore", "office"), ("decline", "lead")]:
    lead = actor == "lead"
    API_RULES[f"POST /api/items/{{item_id}}/{action}"] = item_page(
        method="POST", data=TRANSITION, liaison_a=DONE if lead else DENY, leader=DENY,
        officer=DENY if lead else DONE, admin=DENY if lead else DONE)

API_PARAMS = {"item_id": lambda w: w.item.pk, "evidence_id": lambda w: w.evidence.pk,
              "extension_id": lambda w: w.extension.pk, "source_id": lambda w: w.source.pk,
              "unit_id": lambda w: w.unit_a.pk}


# --- discovering routes ---------------------------------------------------------------------

def page_routes() -> dict[str, str]:
    """Rule key -> route for every URL pattern outside the admin site (tested below) and
    the API operations (tested from the OpenAPI schema). The key is the URL name, or the
    route itself for an unnamed pattern."""
    found = {}

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = ":".join(filter(None, [namespace, pattern.namespace]))
                walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = ":".join(filter(None, [namespace, pattern.name])) if pattern.name else route
                found[name] = route

    walk(get_resolver().url_patterns, "", None)
    api_paths = set(api_operations())
    return {name: route for name, route in found.items()
            if not route.startswith("admin/") and as_openapi_path(route) not in api_paths}


def as_openapi_path(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def api_operations() -> dict[str, list[str]]:
    from duban.api.api import api

    schema = api.get_openapi_schema()
    return {path: [m.upper() for m in ops] for path, ops in schema["paths"].items()}


def api_keys() -> set[str]:
    return {f"{method} {path}" for path, methods in api_operations().items() for method in methods}


def test_every_route_has_a_rule():
    pages, apis = set(page_routes()), api_keys()
    assert sorted(pages - set(PAGE_RULES)) == [], "page routes without a permission rule"
    assert sorted(apis - set(API_RULES)) == [], "API operations without a permission rule"
    assert sorted(set(PAGE_RULES) - pages) == [] and sorted(set(API_RULES) - apis) == [], "rules for missing routes"


# --- running the matrix ---------------------------------------------------------------------

ROLES = ("anonymous", "liaison_a", "liaison_b", "leader", "officer", "admin")
CASES = [(key, role) for key in sorted(PAGE_RULES) for role in ROLES] + \
        [(key, role) for key in sorted(API_RULES) for role in ROLES]


def request_for(key: str, world):
    if key in PAGE_RULES:
        spec = PAGE_RULES[key]
        if key in PAGE_URLS:
            return spec, PAGE_URLS[key], False
        kwargs = PAGE_KWARGS.get(key, lambda w: {})(world)
        return spec, reverse(key, kwargs=kwargs) + PAGE_QUERIES.get(key, ""), False
    spec = API_RULES[key]
    method, path = key.split(" ", 1)
    for name, value in API_PARAMS.items():
        path = path.replace("{" + name + "}", str(value(world)))
    return spec, path, True


def send(client, spec, url, world, is_api):
    data = spec["data"](world) if callable(spec["data"]) else spec["data"]
    method = spec["method"].lower()
    if method == "get":
        return client.get(url)
    if is_api and not spec["multipart"]:
        return getattr(client, method)(url, data=data or {}, content_type="application/json")
    return getattr(client, method)(url, data=data or {})


def expected_statuses(expect, is_api):
    if expect == LOGIN:
        return {401} if is_api else {302}
    return expect


@pytest.mark.parametrize(("key", "role"), CASES, ids=[f"{k}|{r}" for k, r in CASES])
def test_matrix(key, role, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "evidence"
    world = build_world()
    spec, url, is_api = request_for(key, world)
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    expect = spec["expect"][role]
    allowed = expected_statuses(expect, is_api)
    refused = expect == LOGIN or not (set(allowed) - REFUSALS)
    before = fingerprint() if refused else None

    response = send(client, spec, url, world, is_api)

    assert response.status_code in allowed, f"{spec['method']} {url} as {role}: {response.status_code}"
    if expect == LOGIN and not is_api:
        assert response["Location"].startswith(reverse("login")), response["Location"]
    if refused:
        assert fingerprint() == before, f"refused {spec['method']} {url} as {role} changed data"
    if role == "liaison_b" and response.status_code == 200 and not response.streaming:
        assert MARKER not in response.content.decode("utf-8", "replace"), f"{url} leaks unit A's item"


ADMIN_ROLES = ("anonymous", "liaison_a", "leader", "officer")


def admin_urls() -> list[str]:
    """Every admin URL, with a placeholder object id (the staff check comes before the lookup)."""
    urls = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                for converter in pattern.pattern.converters:
                    route = route.replace(f"<{converter}>", "1").replace(f"<path:{converter}>", "1")
                urls.append("/" + route.replace("^", "").replace("$", ""))

    from django.contrib import admin

    walk(admin.site.get_urls(), "admin/")
    return sorted(u for u in urls if "<" not in u and "(?P" not in u)


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_admin_site_is_for_admins_only(role, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "evidence"
    world = build_world()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    before = fingerprint()
    for url in admin_urls():
        if url.endswith(("/login/", "/logout/")):
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (302, 404), f"{method} {url} as {role}: {response.status_code}"
            if response.status_code == 302:
                assert "/admin/login/" in response["Location"]
    assert fingerprint() == before


def test_admin_cannot_alter_the_journal(client, settings, tmp_path):
    from duban.ledger.models import Journal

    settings.MEDIA_ROOT = tmp_path / "evidence"
    world = build_world()
    client.force_login(world.users["admin"])
    entry = Journal.objects.first()
    before = fingerprint()
    assert client.get(reverse("admin:ledger_journal_changelist")).status_code == 200
    assert client.get(reverse("admin:ledger_journal_add")).status_code == 403
    assert client.post(reverse("admin:ledger_journal_change", args=[entry.pk]), {"new": "x"}).status_code == 403
    assert client.post(reverse("admin:ledger_journal_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert client.post(reverse("admin:ledger_journal_changelist"),
                       {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}).status_code \
        in (200, 302, 403)
    assert fingerprint() == before
