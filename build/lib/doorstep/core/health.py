"""Liveness and readiness probes (outside /api/v1: they are for load balancers)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError

from doorstep.core.db import Database
from doorstep.core.migrations import schema_is_current

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: bool
    redis: bool
    schema_current: bool


@router.get("/healthz")
async def healthz() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get("/readyz", responses={503: {"model": Readiness, "description": "Not ready"}})
async def readyz(request: Request) -> JSONResponse:
    """PostgreSQL and Redis answer, and the database schema is the one this code expects."""
    database: Database = request.app.state.db
    database_ok = schema_ok = redis_ok = False
    try:
        async with database.engine.connect() as connection:
            schema_ok = await schema_is_current(connection)
            database_ok = True
    except (SQLAlchemyError, OSError):
        database_ok = False
    try:
        redis_ok = bool(await request.app.state.redis.ping())
    except (RedisError, OSError):
        redis_ok = False
    ready = database_ok and redis_ok and schema_ok
    body = Readiness(
        status="ready" if ready else "not ready",
        database=database_ok,
        redis=redis_ok,
        schema_current=schema_ok,
    )
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)
