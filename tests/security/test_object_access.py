"""Object-level access, proven over every route the app has.

Routes are enumerated from the app itself, so a route added later is covered without editing
this file: each must be public on purpose, or belong to staff or tenants, and then:
- another agency's staff get 404 for every object of this agency, and their lists never show it;
- a viewer gets 403 on every write;
- a tenant cannot reach another tenant's lease, and neither kind of token opens the other's
  routes.
Request bodies are generated from the OpenAPI schema so the only reason to fail is access.
"""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from PIL import Image

from doorstep.agencies.models import StaffRole
from doorstep.auth.dependencies import current_staff, staff_identity, tenant_identity
from doorstep.documents import service as documents
from doorstep.documents.models import DocumentKind
from doorstep.incidents import service as incidents
from doorstep.incidents.models import IncidentCategory
from doorstep.messages import service as messages
from doorstep.notifications import push
from doorstep.onboarding.assignments import assign_task
from doorstep.readiness.models import ReadinessAction, ReadinessOverride
from tests.collections.builders import world_objects
from tests.factories import Factory
from tests.onboarding.helpers import onboarding_world
from tests.recurring.builders import recurring_setup

PUBLIC_ROUTES = {
    ("POST", "/api/v1/auth/staff/login"),
    ("POST", "/api/v1/auth/staff/refresh"),
    ("POST", "/api/v1/auth/staff/logout"),
    ("POST", "/api/v1/auth/tenant/login"),
    ("POST", "/api/v1/auth/tenant/refresh"),
    ("POST", "/api/v1/auth/tenant/logout"),
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    # Web push: the VAPID public key, which every page that subscribes carries anyway.
    ("GET", "/api/v1/portal/push/key"),
    # Payment links: the token in the path is the credential (throttled per client).
    ("GET", "/api/v1/pay/{token}"),
    ("POST", "/api/v1/pay/{token}/setup"),
    ("POST", "/api/v1/pay/{token}/payments"),
    # Stripe's webhook: verified by its signature.
    ("POST", "/api/v1/webhooks/stripe"),
    # Onboarding invite links: the token in the path is the credential (throttled per client).
    ("GET", "/api/v1/invites/{token}"),
    ("POST", "/api/v1/invites/{token}/accept"),
    # Forgotten password: the request answers the same for any address (throttled per client
    # and per address); the reset and e-mail confirmation links carry their token in the path
    # (unknown ones throttled per client).
    ("POST", "/api/v1/auth/staff/password-reset"),
    ("POST", "/api/v1/auth/tenant/password-reset"),
    ("GET", "/api/v1/auth/staff/password-reset/{token}"),
    ("GET", "/api/v1/auth/tenant/password-reset/{token}"),
    ("POST", "/api/v1/auth/staff/password-reset/{token}"),
    ("POST", "/api/v1/auth/tenant/password-reset/{token}"),
    ("POST", "/api/v1/auth/staff/email-change/{token}"),
    ("POST", "/api/v1/auth/tenant/email-change/{token}"),
    # The second step of a staff sign-in: the challenge from the right password is the
    # credential (wrong codes throttled like passwords).
    ("POST", "/api/v1/auth/staff/login/two-factor"),
}
# Writes to the caller's own account, which every role may make (a viewer changes their own
# password too): they take no path parameter, so they reach no one else (checked below).
SELF_SERVICE_ROUTES = {
    ("POST", "/api/v1/me/password"),
    ("POST", "/api/v1/me/email-change"),
    ("POST", "/api/v1/me/sign-out-everywhere"),
    ("POST", "/api/v1/me/two-factor/setup"),
    ("POST", "/api/v1/me/two-factor/confirm"),
    ("POST", "/api/v1/me/two-factor/recovery-codes"),
    ("POST", "/api/v1/me/two-factor/disable"),
    ("POST", "/api/v1/portal/me/password"),
    ("POST", "/api/v1/portal/me/email-change"),
    ("POST", "/api/v1/portal/me/sign-out-everywhere"),
}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, format="PNG")
    return buffer.getvalue()


def _calls(dependant: Dependant) -> set[Any]:
    found = {dependant.call}
    for sub in dependant.dependencies:
        found |= _calls(sub)
    return found


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    audience: str  # "staff", "tenant" or "public"
    dependant: Dependant


def endpoints(app: FastAPI) -> list[Endpoint]:
    found = []
    for route in iter_route_contexts(app.routes):
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
            continue
        dependant: Dependant = route.dependant
        calls = _calls(dependant)
        # Every authenticated route reads its caller through one of these (current_tenant
        # builds on tenant_identity; current_staff makes staff_identity's check in its own read).
        audience = (
            "staff"
            if staff_identity in calls or current_staff in calls
            else "tenant"
            if tenant_identity in calls
            else "public"
        )
        for method in sorted(route.methods or ()):
            found.append(Endpoint(method, str(route.path), audience, dependant))
    return found


@dataclass
class World:
    objects: dict[str, dict[str, str]]  # agency key -> path parameter -> id
    staff: dict[tuple[str, StaffRole], dict[str, str]]
    tenant_headers: dict[str, dict[str, str]]


@pytest.fixture
async def world(factory: Factory) -> World:
    objects: dict[str, dict[str, str]] = {}
    staff: dict[tuple[str, StaffRole], dict[str, str]] = {}
    tenant_headers: dict[str, dict[str, str]] = {}
    for key in ("a", "b"):
        agency = await factory.agency(f"Agency {key.upper()}")
        for role in StaffRole:
            staff[(key, role)] = await factory.headers(await factory.staff(agency, role))
        colleague = await factory.staff(agency, StaffRole.MANAGER)
        prop = await factory.property(agency)
        unit = await factory.unit(agency, prop)
        # First gets their portal account from the invite of onboarding_world.
        first = await factory.tenant(agency, portal=False, first_name="First")
        second = await factory.tenant(agency, first_name="Second")
        lease = await factory.lease(agency, [first], unit=unit)
        await factory.lease(agency, [second], unit=await factory.unit(agency, prop, name="2B"))
        tenant_headers[f"{key}-first"] = await factory.headers(first)
        tenant_headers[f"{key}-second"] = await factory.headers(second)
        invoice = await factory.invoice(agency, lease, colleague, amount=120_000)
        payment = await factory.payment(agency, lease, first, colleague, amount=20_000)
        approval = await factory.credit_note_for_approval(agency, invoice, colleague)
        proof = await factory.transfer_proof(agency, lease, first, invoice=invoice)
        collections = await world_objects(factory, agency, colleague, lease)
        onboarding = await onboarding_world(factory, agency, colleague, first)
        # A task given to the first tenant once their account exists.
        assignment = await assign_task(
            factory.session,
            agency,
            colleague,
            first.id,
            task_id=uuid.UUID(onboarding["task_id"]),
            amount=None,
            lease_id=None,
            now=factory.clock.now(),
            base_url="http://doorstep.test",
        )
        setup = await recurring_setup(factory, agency, lease, first)
        # A send despite the readiness review: the overrides list must not leak it either.
        override = ReadinessOverride(
            agency_id=agency.id,
            action=ReadinessAction.PAYMENT_LINK_EMAIL,
            subject_id=uuid.uuid4(),
            tenant_id=first.id,
            lease_id=lease.id,
            reason="Sent anyway",
            blocking=[],
            overridden_by_id=colleague.id,
            overridden_at=factory.clock.now(),
        )
        factory.session.add(override)
        await factory.session.flush()
        contractor = await incidents.create_contractor(
            factory.session,
            agency,
            incidents.ContractorFields("Plumber", [IncidentCategory.PLUMBING], None, None, None),
        )
        incident = await incidents.report_incident(
            factory.session,
            agency,
            first,
            incidents.NewIncident(lease.id, IncidentCategory.PLUMBING, "Leak", "Drips", None),
            [incidents.PhotoUpload("leak.png", _png())],
            factory.clock.now(),
        )
        (incident_view,) = await incidents.incident_views(factory.session, [incident])
        # Routed once the report is in, which stays for staff to take up.
        await incidents.set_route(
            factory.session,
            agency.id,
            IncidentCategory.PLUMBING,
            contractor.id,
            factory.clock.now(),
        )
        conversation = await messages.start_by_tenant(
            factory.session,
            agency,
            first,
            messages.NewConversation(lease.id, "Deposit", "When is it paid back?"),
            factory.clock.now(),
        )
        document = await documents.publish_document(
            factory.session,
            agency,
            colleague,
            lease.id,
            documents.NewDocument(
                DocumentKind.SIGNED_LEASE, "Signed lease", None, "lease.pdf", b"%PDF-1.4\n%%EOF\n"
            ),
            factory.clock.now(),
        )
        # A browser of the first tenant that receives push notifications.
        device = await push.subscribe(
            factory.session,
            agency_id=agency.id,
            tenant_id=first.id,
            endpoint=f"https://fcm.googleapis.com/fcm/send/world-{key}",
            p256dh=_P256DH,
            auth="AAAAAAAAAAAAAAAAAAAAAA",
            device_label=None,
        )
        objects[key] = {
            "statement_id": str(collections.statement_id),
            "line_id": str(collections.line_id),
            "follow_up_id": str(collections.follow_up_id),
            "property_id": str(prop.id),
            "unit_id": str(unit.id),
            "tenant_id": str(first.id),
            "lease_id": str(lease.id),
            "staff_id": str(colleague.id),
            "invoice_id": str(invoice.id),
            # A move of a payment's allocation names invoices in its body.
            "from_invoice_id": str(invoice.id),
            "to_invoice_id": str(invoice.id),
            "payment_id": str(payment.id),
            "approval_id": str(approval.id),
            "proof_id": str(proof.id),
            **onboarding,
            "assignment_id": str(assignment.id),
            "setup_id": str(setup.id),
            "override_id": str(override.id),
            "incident_id": str(incident.id),
            "photo_id": str(incident_view.photos[0].id),
            "contractor_id": str(contractor.id),
            "conversation_id": str(conversation.id),
            "document_id": str(document.id),
            # The payment above gives the lease a statement for this year.
            "year": str(factory.clock.now().year),
            "subscription_id": str(device.id),
            # A saved card at the gateway: only its owner's customer holds it.
            "payment_method_id": f"pm_world{key}card",
        }
    return World(objects=objects, staff=staff, tenant_headers=tenant_headers)


# A browser's push key: a point on P-256 (the generator), uncompressed and base64url.
_P256DH = "BGsX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKWT-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU"


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        return _resolve(options[0], spec)
    return schema


_SAMPLE_STRINGS = {
    "country": "BE",
    "currency": "EUR",
    "phone": "+32470123456",
    "timezone": "Europe/Brussels",
    "locale": "en-BE",
    "postal_code": "1000",
    "password": "a long enough password",
    "payment_method_id": "pm_sample_card",
}


def sample(name: str, schema: dict[str, Any], spec: dict[str, Any], ids: dict[str, str]) -> Any:
    """A valid value for ``schema``; ids named like path parameters come from ``ids``."""
    schema = _resolve(schema, spec)
    if "enum" in schema:
        return schema["enum"][-1]
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        return {key: sample(key, properties[key], spec, ids) for key in schema.get("required", [])}
    if kind == "array":
        singular = name.removesuffix("s")
        return [sample(singular, schema["items"], spec, ids)]
    if kind == "integer":
        return max(schema.get("minimum", 1), schema.get("exclusiveMinimum", 0) + 1, 1)
    if kind == "boolean":
        return True
    fmt = schema.get("format")
    if fmt == "uuid":
        return ids.get(name, str(uuid.uuid4()))
    if fmt == "email":
        return f"sample-{uuid.uuid4().hex[:8]}@example.com"
    if fmt == "date":
        return "2031-01-01"
    if fmt == "date-time":
        return "2031-01-01T09:00:00Z"
    return _SAMPLE_STRINGS.get(name, f"Sample {name}")


def build_request(
    endpoint: Endpoint, spec: dict[str, Any], path_ids: dict[str, str], body_ids: dict[str, str]
) -> tuple[str, dict[str, Any]]:
    """The path with the world's ids, and the body as ``client.request`` takes it: JSON, or a
    multipart form (its fields sampled, its files a small PDF) for an upload."""
    path = endpoint.path
    for param in endpoint.dependant.path_params:
        if param.name not in path_ids:
            pytest.fail(f"{endpoint.method} {endpoint.path}: teach the world about {param.name!r}")
        path = path.replace("{" + param.name + "}", path_ids[param.name])
    operation = spec["paths"][endpoint.path][endpoint.method.lower()]
    contents = operation.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in contents:
        form = _resolve(contents["multipart/form-data"]["schema"], spec)
        data, files = {}, {}
        for key in form.get("required", []):
            field = _resolve(form["properties"][key], spec)
            if field.get("format") == "binary" or field.get("contentMediaType"):
                files[key] = ("sample.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
            else:
                data[key] = str(sample(key, field, spec, body_ids))
        return path, {"data": data, "files": files}
    content = contents.get("application/json")
    return path, {"json": sample("body", content["schema"], spec, body_ids) if content else None}


def test_every_route_is_classified(app: FastAPI) -> None:
    public = {(e.method, e.path) for e in endpoints(app) if e.audience == "public"}
    assert public == PUBLIC_ROUTES, "a route without authentication must be listed on purpose"


async def test_other_agencies_staff_get_404_on_every_object(
    app: FastAPI, client: httpx.AsyncClient, world: World
) -> None:
    spec = app.openapi()
    checked = 0
    for endpoint in endpoints(app):
        if endpoint.audience != "staff" or not endpoint.dependant.path_params:
            continue
        path, payload = build_request(endpoint, spec, world.objects["a"], world.objects["b"])
        response = await client.request(
            endpoint.method, path, **payload, headers=world.staff[("b", StaffRole.OWNER)]
        )
        assert response.status_code == 404, f"{endpoint.method} {path}: {response.text}"
        assert response.headers["content-type"] == "application/problem+json"
        checked += 1
    assert checked >= 12


async def test_lists_never_show_another_agencys_objects(
    app: FastAPI, client: httpx.AsyncClient, world: World
) -> None:
    a_ids = set(world.objects["a"].values())
    checked = 0
    for endpoint in endpoints(app):
        if endpoint.audience != "staff" or endpoint.method != "GET":
            continue
        if endpoint.dependant.path_params:
            continue
        query = {
            p.name: world.objects["a"][p.name]
            for p in endpoint.dependant.query_params
            if p.name in world.objects["a"]
        }
        own = await client.get(
            endpoint.path, params=query, headers=world.staff[("a", StaffRole.VIEWER)]
        )
        assert own.status_code == 200, f"{endpoint.path}: {own.text}"
        response = await client.get(
            endpoint.path, params=query, headers=world.staff[("b", StaffRole.OWNER)]
        )
        assert response.status_code == 200, f"{endpoint.path}: {response.text}"
        leaked = a_ids & set(_strings(_body(response)))
        assert not leaked, f"GET {endpoint.path} shows agency A's {leaked}"
        checked += 1
    assert checked >= 6


def _body(response: httpx.Response) -> Any:
    """What a list answered: its JSON, or the text of a file (a CSV export)."""
    if response.headers["content-type"].startswith("application/json"):
        return response.json()
    return response.text


def _strings(value: Any) -> list[str]:
    return [token for token in json.dumps(value).replace('"', " ").split()]


async def test_viewers_get_403_on_every_write(
    app: FastAPI, client: httpx.AsyncClient, world: World
) -> None:
    spec = app.openapi()
    checked = 0
    for endpoint in endpoints(app):
        if endpoint.audience != "staff" or endpoint.method not in WRITE_METHODS:
            continue
        if (endpoint.method, endpoint.path) in SELF_SERVICE_ROUTES:
            continue  # the viewer's own account: see test_self_service_reaches_only_the_caller
        path, payload = build_request(endpoint, spec, world.objects["a"], world.objects["a"])
        response = await client.request(
            endpoint.method, path, **payload, headers=world.staff[("a", StaffRole.VIEWER)]
        )
        assert response.status_code == 403, f"{endpoint.method} {path}: {response.text}"
        checked += 1
    assert checked >= 14


async def test_tenants_reach_only_their_own_records(
    app: FastAPI, client: httpx.AsyncClient, world: World
) -> None:
    spec = app.openapi()
    own_lease = await client.get(
        f"/api/v1/portal/leases/{world.objects['a']['lease_id']}",
        headers=world.tenant_headers["a-first"],
    )
    assert own_lease.status_code == 200
    checked = 0
    for endpoint in endpoints(app):
        if endpoint.audience != "tenant":
            continue
        if (endpoint.method, endpoint.path) in SELF_SERVICE_ROUTES:
            continue  # the intruder's own account: see test_self_service_reaches_only_the_caller
        path, payload = build_request(endpoint, spec, world.objects["a"], world.objects["a"])
        for intruder in ("a-second", "b-first"):
            response = await client.request(
                endpoint.method, path, **payload, headers=world.tenant_headers[intruder]
            )
            if endpoint.dependant.path_params:
                assert response.status_code == 404, f"{endpoint.method} {path}: {response.text}"
            else:
                # The second tenant lives in the same building: only the first's own records count.
                private = {
                    world.objects["a"][k]
                    for k in (
                        "tenant_id",
                        "lease_id",
                        "unit_id",
                        "invoice_id",
                        "payment_id",
                        "proof_id",
                        "incident_id",
                        "conversation_id",
                        "document_id",
                    )
                }
                leaked = private & set(_strings(response.json()))
                assert not leaked, f"{endpoint.method} {path} shows {leaked} to {intruder}"
        checked += 1
    assert checked >= 4


async def test_self_service_reaches_only_the_caller(
    app: FastAPI, client: httpx.AsyncClient, world: World
) -> None:
    """Each route on one's own account takes no path parameter and is open to every role;
    used by one person (signing out everywhere, the most sweeping), it leaves everyone else's
    sessions as they were."""
    spec = app.openapi()
    found = {
        (e.method, e.path): e for e in endpoints(app) if (e.method, e.path) in SELF_SERVICE_ROUTES
    }
    assert set(found) == SELF_SERVICE_ROUTES
    viewer = world.staff[("a", StaffRole.VIEWER)]
    others = [
        ("/api/v1/me", world.staff[("a", StaffRole.OWNER)]),
        ("/api/v1/me", world.staff[("b", StaffRole.VIEWER)]),
        ("/api/v1/portal/me", world.tenant_headers["a-second"]),
        ("/api/v1/portal/me", world.tenant_headers["b-first"]),
    ]
    # Sign-outs last: they end the caller's own session.
    for (method, path), endpoint in sorted(found.items(), key=lambda i: "sign-out" in i[0][1]):
        assert not endpoint.dependant.path_params, f"{method} {path} must act on the caller only"
        headers = viewer if endpoint.audience == "staff" else world.tenant_headers["a-first"]
        _, payload = build_request(endpoint, spec, world.objects["a"], world.objects["a"])
        response = await client.request(method, path, **payload, headers=headers)
        assert response.status_code != 403, f"{method} {path}: {response.text}"
        assert response.status_code < 500, f"{method} {path}: {response.text}"
    for me, headers in others:
        assert (await client.get(me, headers=headers)).status_code == 200
    assert (await client.get("/api/v1/me", headers=viewer)).status_code == 401
    tenant = world.tenant_headers["a-first"]
    assert (await client.get("/api/v1/portal/me", headers=tenant)).status_code == 401


async def test_tokens_only_open_their_own_side(
    app: FastAPI, client: httpx.AsyncClient, world: World
) -> None:
    spec = app.openapi()
    for endpoint in endpoints(app):
        if endpoint.audience == "public":
            continue
        path, payload = build_request(endpoint, spec, world.objects["a"], world.objects["a"])
        wrong_side = (
            world.tenant_headers["a-first"]
            if endpoint.audience == "staff"
            else world.staff[("a", StaffRole.OWNER)]
        )
        for headers in (wrong_side, {}):
            response = await client.request(endpoint.method, path, **payload, headers=headers)
            assert response.status_code == 401, f"{endpoint.method} {path}: {response.text}"
