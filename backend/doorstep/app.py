"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from arq.connections import ArqRedis
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.routing import APIRoute, iter_route_contexts
from redis.asyncio import Redis
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import configure_mappers

from doorstep.accounts.router import portal_router as portal_account_router
from doorstep.accounts.router import public_router as account_links_router
from doorstep.accounts.router import staff_router as account_router
from doorstep.agencies.router import router as agency_router
from doorstep.audit.router import router as approvals_router
from doorstep.auth.router import router as auth_router
from doorstep.billing.router import router as billing_router
from doorstep.collections import emails as collections_emails  # noqa: F401 - outbox messages
from doorstep.collections.reconciliation import MAX_STATEMENT_BYTES
from doorstep.collections.router import reconciliation_router
from doorstep.collections.router import router as collections_router
from doorstep.core.api_docs import mount_api_docs
from doorstep.core.body_limits import BodyLimitMiddleware
from doorstep.core.clock import Clock, SystemClock
from doorstep.core.collector import set_collector_for_serving
from doorstep.core.compression import JsonCompressionMiddleware
from doorstep.core.db import Database, DatabaseBusy, DatabaseConnectionLost, waited_too_long
from doorstep.core.errors import (
    Conflict,
    FieldProblem,
    Problem,
    install_error_handlers,
    problem_response,
)
from doorstep.core.health import router as health_router
from doorstep.core.logging import RequestContextMiddleware, configure_logging
from doorstep.core.security import AccessTokens
from doorstep.core.security_headers import (
    SecurityHeadersMiddleware,
    front_end_policy,
    portal_policy,
)
from doorstep.core.settings import Environment, Settings, get_settings
from doorstep.core.static import mount_front_end
from doorstep.customers.router import router as customers_router
from doorstep.dashboard.router import router as dashboard_router
from doorstep.documents import registered  # noqa: F401 - the outbox's messages and PDFs
from doorstep.documents.router import lease_router as lease_documents_router
from doorstep.documents.router import portal_router as portal_documents_router
from doorstep.documents.router import staff_router as documents_router
from doorstep.documents.service import MAX_FILE_BYTES as MAX_DOCUMENT_BYTES
from doorstep.incidents import emails as incident_emails  # noqa: F401 - outbox messages
from doorstep.incidents.router import contractors_router
from doorstep.incidents.router import portal_router as portal_incidents_router
from doorstep.incidents.router import routes_router as incident_routes_router
from doorstep.incidents.router import staff_router as incidents_router
from doorstep.incidents.service import MAX_PHOTO_BYTES, MAX_PHOTOS
from doorstep.leases.router import router as leases_router
from doorstep.messages import emails as message_emails  # noqa: F401 - outbox messages
from doorstep.messages.router import portal_router as portal_conversations_router
from doorstep.messages.router import staff_router as conversations_router
from doorstep.notifications.devmailbox import router as dev_mailbox_router
from doorstep.notifications.router import portal_router as portal_push_router
from doorstep.onboarding.assignment_router import portal_router as portal_tasks_router
from doorstep.onboarding.assignment_router import staff_router as task_assignments_router
from doorstep.onboarding.router import portal_router as portal_onboarding_router
from doorstep.onboarding.router import public_router as invite_links_router
from doorstep.onboarding.router import staff_router as onboarding_router
from doorstep.onboarding.steps import MAX_UPLOAD_BYTES
from doorstep.payments.cards.router import portal_router as portal_payments_router
from doorstep.payments.cards.router import public_router as pay_links_router
from doorstep.payments.cards.router import staff_router as payment_links_router
from doorstep.payments.cards.router import webhooks_router as payment_webhooks_router
from doorstep.payments.ledger.router import router as payments_router
from doorstep.payments.proofs.router import portal_router as portal_proofs_router
from doorstep.payments.proofs.router import staff_router as transfer_proofs_router
from doorstep.payments.proofs.service import MAX_PROOF_BYTES
from doorstep.portal.router import router as portal_router
from doorstep.properties.router import router as properties_router
from doorstep.readiness.router import router as readiness_router
from doorstep.recurring.router import portal_router as portal_recurring_router
from doorstep.recurring.router import staff_router as recurring_router
from doorstep.scheduler.router import router as scheduler_router
from doorstep.tenants.router import router as tenants_router

API_PREFIX = "/api/v1"
# Connections reserved for work that commits beside the request's own transaction (card
# payments' steps, payments.cards.dependencies.side_database): a request already holds one
# connection of the main pool, and a burst waiting for a second one could starve it.
CLAIMS_POOL_SIZE = 4

DESCRIPTION = """Doorstep's REST API: the agency's book (properties, units, tenants, leases),
the tenant portal, and sign-in. Errors are `application/problem+json` documents naming the
offending fields. Lists are paged with `cursor` and `limit`."""


# What a multipart form carries besides its file: the other fields and the parts' headers.
MULTIPART_ALLOWANCE = 64 * 1024
# Stripe's events are a few kilobytes; the route is unauthenticated until the signature is
# checked, so it takes no more than a generous event.
MAX_WEBHOOK_BYTES = 512 * 1024
# Routes whose bodies may be larger (or must be smaller) than a JSON request's default cap
# (core.body_limits), each at its documented size.
# A document sent as JSON: its base64 text (4 characters per 3 bytes) plus its name and type.
MAX_JSON_DOCUMENT_BODY = 4 * -(-MAX_UPLOAD_BYTES // 3) + MULTIPART_ALLOWANCE
BODY_LIMITS = {
    ("POST", API_PREFIX + "/portal/transfer-proofs"): MAX_PROOF_BYTES + MULTIPART_ALLOWANCE,
    (
        "PUT",
        API_PREFIX + "/portal/onboarding/{invite_id}/steps/{position}/document",
    ): MAX_JSON_DOCUMENT_BODY,
    ("PUT", API_PREFIX + "/portal/tasks/{assignment_id}/document"): MAX_JSON_DOCUMENT_BODY,
    ("POST", API_PREFIX + "/reconciliation/statements"): MAX_STATEMENT_BYTES + MULTIPART_ALLOWANCE,
    ("POST", API_PREFIX + "/webhooks/stripe"): MAX_WEBHOOK_BYTES,
    ("POST", API_PREFIX + "/portal/incidents"): MAX_PHOTOS * MAX_PHOTO_BYTES + MULTIPART_ALLOWANCE,
    ("POST", API_PREFIX + "/leases/{lease_id}/documents"): MAX_DOCUMENT_BYTES + MULTIPART_ALLOWANCE,
}


def operation_id(route: APIRoute) -> str:
    """Stable operation ids, ``<tag>_<function name>``: the generated clients call them."""
    tag = str(route.tags[0]) if route.tags else "default"
    return f"{tag}_{route.name}"


# Every router under /api/v1, in the order the API document lists them.
DOCUMENTED_ROUTERS = (
    auth_router,
    account_links_router,
    account_router,
    portal_account_router,
    agency_router,
    dashboard_router,
    properties_router,
    tenants_router,
    leases_router,
    billing_router,
    payments_router,
    approvals_router,
    collections_router,
    reconciliation_router,
    portal_router,
    documents_router,
    lease_documents_router,
    portal_documents_router,
    portal_payments_router,
    payment_links_router,
    pay_links_router,
    payment_webhooks_router,
    transfer_proofs_router,
    portal_proofs_router,
    recurring_router,
    portal_recurring_router,
    scheduler_router,
    onboarding_router,
    customers_router,
    invite_links_router,
    portal_onboarding_router,
    task_assignments_router,
    portal_tasks_router,
    readiness_router,
    incidents_router,
    contractors_router,
    incident_routes_router,
    portal_incidents_router,
    conversations_router,
    portal_conversations_router,
    portal_push_router,
)
# FastAPI tries a request's path against the routes one by one, with enough bookkeeping per
# route that trying a hundred of them cost more than the rest of a small read. The busiest
# reads (the tenant portal, staff invoices) are tried first; no two routes share a template,
# so the order never changes which route answers, and the document keeps its own order.
_FIRST_MATCHED = (portal_router, billing_router)


def include_api(app: FastAPI) -> None:
    """Every router under /api/v1, each included in the app itself: before matching a
    request inside an included router, FastAPI walks all the routes beneath it to see whether
    any changed, so one /api/v1 router holding the others had every API route walked (twice)
    on every request; a router of its own is walked alone."""
    for router in _FIRST_MATCHED + tuple(r for r in DOCUMENTED_ROUTERS if r not in _FIRST_MATCHED):
        app.include_router(router, prefix=API_PREFIX)


def documented_paths() -> list[str]:
    """The API's paths in the document's order."""
    return [
        API_PREFIX + str(getattr(route, "path", ""))
        for router in DOCUMENTED_ROUTERS
        for route in router.routes
    ]


async def _lost_connection(request: Request, exc: Exception) -> JSONResponse:
    # A connection that broke under a request (the database restarted mid-flight): the pool
    # has dropped it, so the same request works when retried.
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        lost = DatabaseConnectionLost()
        return problem_response(lost.to_problem(), headers=lost.headers)
    if waited_too_long(exc):
        return _busy()
    raise exc


def _busy() -> JSONResponse:
    busy = DatabaseBusy()
    return problem_response(busy.to_problem(), headers=busy.headers)


async def _pool_exhausted(request: Request, exc: Exception) -> JSONResponse:
    # Every pooled connection was busy for the pool's whole time-out: a queue, not a fault.
    return _busy()


async def _integrity_error(request: Request, exc: Exception) -> JSONResponse:
    # Concurrent requests can both pass a service's check and collide on a unique constraint.
    return problem_response(
        Conflict(
            "This conflicts with a change made at the same time. Reload and retry."
        ).to_problem()
    )


def create_app(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    database: Database | None = None,
    redis: Redis | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_json)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if database is None:
            await app.state.db.dispose()
        await app.state.claims_db.dispose()
        if redis is None:
            await app.state.redis.aclose()
        if (gateway := getattr(app.state, "payment_gateway", None)) is not None:
            await gateway.close()  # made on first use (payments.cards.dependencies.Gateways)

    app = FastAPI(
        title="Doorstep",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        docs_url=None,  # core.api_docs serves it, with a CSP of what it loads
        redoc_url=None,
        openapi_url="/openapi.json",
        # Doorstep sets up no OpenTelemetry; FastAPI would otherwise ask OpenTelemetry's
        # global providers on every request whether someone has since.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.clock = clock or SystemClock()
    app.state.redis = redis or Redis.from_url(settings.redis_url)
    # arq's client over the same connection pool: jobs enqueued after commit (core.jobs).
    app.state.job_queue = ArqRedis(connection_pool=app.state.redis.connection_pool)
    app.state.db = database or Database.from_url(
        settings.database_url, pool_size=settings.pool_size, job_queue=app.state.job_queue
    )
    app.state.claims_db = Database.from_url(
        app.state.db.engine.url.render_as_string(hide_password=False),
        pool_size=CLAIMS_POOL_SIZE,
        job_queue=app.state.job_queue,
    )
    app.state.access_tokens = AccessTokens(
        settings.secret_key.get_secret_value(),
        timedelta(seconds=settings.access_token_ttl_seconds),
    )
    install_error_handlers(app)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(DBAPIError, _lost_connection)
    app.add_exception_handler(PoolTimeout, _pool_exhausted)
    app.add_middleware(BodyLimitMiddleware, limits=BODY_LIMITS)
    app.add_middleware(JsonCompressionMiddleware)
    app.add_middleware(RequestContextMiddleware)  # outside the body limit: a 413 is logged too
    app.add_middleware(
        SecurityHeadersMiddleware,
        policies={
            "/agency/": front_end_policy(),
            "/portal/": portal_policy(settings.stripe_js_url, settings.stripe_api_base),
        },
    )
    app.include_router(health_router)
    mount_api_docs(app, "/docs", app.openapi_url or "/openapi.json")
    include_api(app)
    if settings.env is Environment.DEVELOPMENT:
        app.include_router(dev_mailbox_router)  # /dev/mailbox: what the local SMTP sink got

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse("/agency/")

    mount_front_end(app, "/portal", settings.portal_dist, "The tenant portal", "portal-pwa")
    mount_front_end(app, "/agency", settings.agency_dist, "The agency app", "agency-spa")
    _add_problem_schemas(app)
    return app


def create_served_app() -> FastAPI:
    """The app as ``doorstep api`` serves it: ``create_app`` made ready for its first request,
    then the cycle collector set for serving (``core.collector``: what start-up built is set
    aside, young collections are rarer). FastAPI builds each included route's handler when it
    first matches a request and SQLAlchemy configures the mappings on their first use, so both
    are done here first, to be set aside with the rest."""
    app = create_app()
    for _ in iter_route_contexts(app.routes):
        pass  # builds the route's handler, as its first request would
    configure_mappers()
    set_collector_for_serving()
    return app


def _in_documented_order(paths: dict[str, Any]) -> dict[str, Any]:
    """The API's paths where the first of them stood, in ``DOCUMENTED_ROUTERS``' order."""
    order = {path: index for index, path in enumerate(documented_paths())}
    names = list(paths)
    first = next((i for i, name in enumerate(names) if name in order), len(names))
    api = sorted((name for name in names if name in order), key=order.__getitem__)
    others = [name for name in names if name not in order]
    return {name: paths[name] for name in others[:first] + api + others[first:]}


def _add_problem_schemas(app: FastAPI) -> None:
    """Routes document their errors as ``Problem``; put it in the components once."""
    build_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build_openapi()
            schema["paths"] = _in_documented_order(schema.get("paths", {}))
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for model in (Problem, FieldProblem):
                components[model.__name__] = model.model_json_schema(
                    ref_template="#/components/schemas/{model}"
                )
                components[model.__name__].pop("$defs", None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
