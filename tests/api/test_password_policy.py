"""One password policy for staff and tenants, wherever a password is set (issue 9, item 14)."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffRole
from doorstep.auth.passwords import WeakPassword, check_password
from doorstep.seed import demo_logins
from doorstep.tenants.service import set_portal_password
from tests.factories import Factory


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("a", "at least 10 characters"),
        ("aaaaaaaaaa", "too easy to guess"),
        ("Password123!", "too easy to guess"),
        ("qwertyuiop", "too easy to guess"),
        ("x" * 201, "at most 200 characters"),
    ],
)
def test_short_common_or_guessable_passwords_are_refused(password: str, reason: str) -> None:
    with pytest.raises(WeakPassword, match=reason) as refused:
        check_password(password, email="sam@example.com")
    problem = refused.value.to_problem()
    assert (problem.status, problem.type) == (422, "urn:doorstep:problem:weak-password")
    assert [error.field for error in problem.errors] == ["password"]


def test_a_password_made_of_the_persons_own_name_and_email_is_refused() -> None:
    own = "Vandersloot2026"
    check_password(own, email="tara@example.com", names=("Tara", "Tenant"))
    with pytest.raises(WeakPassword):
        check_password(own, email="wilhelmina@vandersloot.be", names=("Wilhelmina", "Vandersloot"))


def test_the_published_demo_passwords_pass_the_policy() -> None:
    for login in demo_logins():
        check_password(login.password, email=login.email)


async def test_staff_creation_refuses_a_weak_password(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency, StaffRole.OWNER))
    new_colleague = {
        "email": "new.colleague@example.com",
        "first_name": "New",
        "last_name": "Colleague",
        "role": "viewer",
    }

    weak = await client.post(
        "/api/v1/staff", json=new_colleague | {"password": "aaaaaaaaaa"}, headers=headers
    )
    assert weak.status_code == 422
    assert weak.headers["content-type"] == "application/problem+json"
    assert weak.json()["type"] == "urn:doorstep:problem:weak-password"
    assert weak.json()["errors"][0]["field"] == "password"

    strong = await client.post(
        "/api/v1/staff",
        json=new_colleague | {"password": "plum orchard by the canal"},
        headers=headers,
    )
    assert strong.status_code == 201


async def test_a_tenant_portal_password_meets_the_same_policy(
    factory: Factory, session: AsyncSession
) -> None:
    tenant = await factory.tenant(await factory.agency(), portal=False)
    with pytest.raises(WeakPassword):
        await set_portal_password(session, tenant, "a")
    assert tenant.password_hash is None
    await set_portal_password(session, tenant, "plum orchard by the canal")
    assert tenant.password_hash is not None
