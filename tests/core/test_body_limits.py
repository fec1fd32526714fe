"""Request bodies are capped by route while they are read: a huge upload or webhook is
refused after about its cap, never read whole."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts

from doorstep.app import BODY_LIMITS, MAX_JSON_DOCUMENT_BODY, MAX_WEBHOOK_BYTES
from doorstep.core.body_limits import DEFAULT_MAX_BODY_BYTES
from doorstep.payments.cards import router as card_router
from doorstep.payments.proofs.service import MAX_PROOF_BYTES
from tests.factories import Factory

MIB = 1024 * 1024
CHUNK = 256 * 1024
BOUNDARY = "doorstep-test-boundary"


@dataclass
class Sent:
    """A request body made as it is read, counting what the server took."""

    prefix: bytes
    total: int
    consumed: int = field(default=0)

    async def chunks(self) -> AsyncIterator[bytes]:
        self.consumed += len(self.prefix)
        yield self.prefix
        while self.consumed < self.total:
            chunk = b"0" * min(CHUNK, self.total - self.consumed)
            self.consumed += len(chunk)
            yield chunk


def _multipart_start(lease_id: str) -> bytes:
    fields = {"lease_id": lease_id, "amount": "95000", "paid_on": "2026-11-20", "reference": "R"}
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        'filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-'
    )
    return "".join(parts).encode()


def _assert_refused(response: httpx.Response, max_bytes: int) -> None:
    assert response.status_code == 413, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "urn:doorstep:problem:body-too-large"
    assert problem["detail"] == f"This route accepts at most {max_bytes} bytes."


async def test_a_60_mb_upload_is_refused_without_being_read_whole(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    body = Sent(_multipart_start(str(lease.id)), total=60 * MIB)

    response = await client.post(
        "/api/v1/portal/transfer-proofs",
        content=body.chunks(),  # no Content-Length: counted as it is read
        headers=await factory.headers(tenant)
        | {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )

    cap = BODY_LIMITS[("POST", "/api/v1/portal/transfer-proofs")]
    _assert_refused(response, cap)
    assert MAX_PROOF_BYTES < cap < 11 * MIB
    assert body.consumed <= cap + CHUNK


async def test_a_50_mb_webhook_is_refused_before_its_signature_is_checked(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[bytes] = []

    def parse_webhook(payload: bytes, *args: object) -> None:
        checked.append(payload)
        raise AssertionError("the signature check must not see this body")

    monkeypatch.setattr(card_router, "parse_webhook", parse_webhook)
    body = Sent(b'{"id": "evt_1", "data": "', total=50 * MIB)

    response = await client.post(
        "/api/v1/webhooks/stripe",
        content=body.chunks(),
        headers={"Content-Type": "application/json", "Stripe-Signature": "t=1,v1=00"},
    )

    _assert_refused(response, MAX_WEBHOOK_BYTES)
    assert body.consumed <= MAX_WEBHOOK_BYTES + CHUNK
    assert checked == []


async def test_a_declared_length_above_the_cap_is_refused_before_a_byte_is_read(
    client: httpx.AsyncClient,
) -> None:
    body = Sent(b"{", total=60 * MIB)

    response = await client.post(
        "/api/v1/webhooks/stripe",
        content=body.chunks(),
        headers={"Content-Type": "application/json", "Content-Length": str(60 * MIB)},
    )

    _assert_refused(response, MAX_WEBHOOK_BYTES)
    assert body.consumed == 0


async def test_a_json_route_takes_a_small_body_and_refuses_a_large_one(
    client: httpx.AsyncClient,
) -> None:
    small = await client.post(
        "/api/v1/auth/staff/login", json={"email": "a@example.com", "password": "x" * 100}
    )
    large = await client.post(
        "/api/v1/auth/staff/login",
        json={"email": "a@example.com", "password": "x" * DEFAULT_MAX_BODY_BYTES},
    )

    assert small.status_code == 401, small.text
    _assert_refused(large, DEFAULT_MAX_BODY_BYTES)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/portal/onboarding/6f1c2d3e-0000-4000-8000-000000000001/steps/3/document",
        "/api/v1/portal/tasks/6f1c2d3e-0000-4000-8000-000000000002/document",
    ],
)
async def test_a_document_sent_as_json_may_be_as_large_as_promised(
    client: httpx.AsyncClient, path: str
) -> None:
    """The upload steps take documents of up to 5 MiB, sent as base64 in JSON: their routes
    (templates with ids in them) take such a body, and refuse one past it."""
    near_cap = b'{"content_base64": "' + b"A" * (MAX_JSON_DOCUMENT_BODY - 100) + b'"}'
    taken = await client.put(path, content=near_cap, headers={"content-type": "application/json"})
    too_large = await client.put(
        path,
        content=b"A" * (MAX_JSON_DOCUMENT_BODY + 1),
        headers={"content-type": "application/json"},
    )

    # Not signed in: the body was read whole and the route itself answered.
    assert taken.status_code == 401, taken.text
    _assert_refused(too_large, MAX_JSON_DOCUMENT_BODY)
    # The template stands for one segment per id, no more.
    longer = await client.put(path + "/extra", content=b"A" * (DEFAULT_MAX_BODY_BYTES + 1))
    _assert_refused(longer, DEFAULT_MAX_BODY_BYTES)


def test_every_capped_route_exists(app: FastAPI) -> None:
    # A renamed route would silently fall back to the small default cap.
    routes = {
        (method, str(context.path))
        for context in iter_route_contexts(app.routes)
        for method in getattr(context.original_route, "methods", ())
    }
    assert set(BODY_LIMITS) <= routes
