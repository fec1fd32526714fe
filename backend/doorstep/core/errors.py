"""Domain errors and their ``application/problem+json`` rendering (RFC 9457).

Services raise :class:`AppError` subclasses; one set of handlers turns them, request validation
failures and unexpected exceptions into problem documents. A client never sees a stack trace.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from doorstep.core.logging import route_template

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "urn:doorstep:problem:"

log = structlog.get_logger(__name__)


class FieldProblem(BaseModel):
    field: str = Field(description="Dotted path of the offending field, e.g. `rent.amount`.")
    message: str = Field(description="An English sentence for logs and API users.")
    code: str = Field(
        default="invalid",
        description=(
            "What is wrong, as a stable code the apps translate: `required`, `not_accepted`, "
            "`too_long`, `too_short`, `too_small`, `too_large`, `whole_number`, `not_a_number`, "
            "`not_an_option`, `invalid_characters`, `email_invalid`, `phone_invalid`, "
            "`phone_needs_country_code`, `date_invalid`, `date_out_of_range`, "
            "`currency_unknown`, `country_unknown`, `locale_unknown`, `timezone_unknown`, "
            "`invalid` (anything else), or a rule's own code named by the route."
        ),
    )


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldProblem] = Field(default_factory=list)
    code: str | None = Field(
        default=None,
        description="A stable reason a client can act on, for card and gateway problems: the "
        "processor's code (`card_declined`, `expired_card`, `incorrect_cvc`, "
        "`processing_error`, `authentication_required`, ...) or Doorstep's own "
        "(`rate_limited`, `gateway_unreachable`, `gateway_error`, `outcome_unknown`). "
        "Absent for other problems.",
    )
    decline_code: str | None = Field(
        default=None,
        description="For `card_declined`: the bank's reason when the processor gives one "
        "(`insufficient_funds`, `lost_card`, `do_not_honor`, ...).",
    )

    def body(self) -> dict[str, Any]:
        # The gateway members only appear on the problems that have them.
        return self.model_dump(
            mode="json",
            exclude={name for name in ("code", "decline_code") if not getattr(self, name)},
        )


class AppError(Exception):
    status_code: ClassVar[int] = 400
    slug: ClassVar[str] = "bad-request"
    title: ClassVar[str] = "Bad request"
    # A stable reason for card and gateway problems (``Problem.code``); None for the others.
    code: str | None = None
    decline_code: str | None = None

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: Sequence[FieldProblem] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.errors = list(errors)
        self.headers = headers or {}

    def to_problem(self) -> Problem:
        return Problem(
            type=PROBLEM_BASE + self.slug,
            title=self.title,
            status=self.status_code,
            detail=self.detail,
            errors=self.errors,
            code=self.code,
            decline_code=self.decline_code,
        )


class NotFound(AppError):
    status_code = 404
    slug = "not-found"
    title = "Not found"


class Unauthorized(AppError):
    status_code = 401
    slug = "unauthorized"
    title = "Authentication required"

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(AppError):
    status_code = 403
    slug = "forbidden"
    title = "Not allowed for your role"


class Conflict(AppError):
    status_code = 409
    slug = "conflict"
    title = "Conflict with the current state"


class InvalidInput(AppError):
    """Input that is well-formed but breaks a business rule, naming the offending field."""

    status_code = 422
    slug = "invalid-input"
    title = "Invalid input"

    def __init__(self, field: str, message: str, *, code: str = "invalid") -> None:
        super().__init__(message, errors=[FieldProblem(field=field, message=message, code=code)])


class TooManyRequests(AppError):
    status_code = 429
    slug = "too-many-requests"
    title = "Too many attempts"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            "Too many attempts. Try again later.",
            headers={"Retry-After": str(max(retry_after_seconds, 1))},
        )


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        problem.body(),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def _field_path(loc: Sequence[int | str]) -> str:
    # FastAPI prefixes the location with where the value came from (body, query, path, header).
    parts = [str(part) for part in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _validation_message(error: dict[str, Any]) -> str:
    if error.get("type") == "extra_forbidden":
        return "This field is not accepted here."
    message = str(error.get("msg", "Invalid value"))
    return message.removeprefix("Value error, ")


# Pydantic's error types, grouped into the stable codes a 422 carries per field (the apps
# translate the codes; pydantic's own texts are English and change between its versions).
# The validated value types of core.schemas raise their own codes (`email_invalid`...).
_CODES_BY_PYDANTIC_TYPE = {
    "missing": "required",
    "extra_forbidden": "not_accepted",
    "string_too_long": "too_long",
    "too_long": "too_long",
    "string_too_short": "too_short",
    "too_short": "too_short",
    "greater_than": "too_small",
    "greater_than_equal": "too_small",
    "less_than": "too_large",
    "less_than_equal": "too_large",
    "int_from_float": "whole_number",
    "int_type": "not_a_number",
    "int_parsing": "not_a_number",
    "int_parsing_size": "too_large",
    "float_type": "not_a_number",
    "float_parsing": "not_a_number",
    "decimal_type": "not_a_number",
    "decimal_parsing": "not_a_number",
    "enum": "not_an_option",
    "literal_error": "not_an_option",
    "string_pattern_mismatch": "invalid_characters",
    "date_type": "date_invalid",
    "date_parsing": "date_invalid",
    "date_from_datetime_parsing": "date_invalid",
    "date_from_datetime_inexact": "date_invalid",
    "datetime_type": "date_invalid",
    "datetime_parsing": "date_invalid",
    "datetime_from_date_parsing": "date_invalid",
    "timezone_aware": "date_invalid",
}
# Codes raised by core.schemas' validators (PydanticCustomError), passed through unchanged.
OWN_VALIDATION_CODES = frozenset(
    {
        "email_invalid",
        "phone_invalid",
        "phone_needs_country_code",
        "date_invalid",
        "date_out_of_range",
        "currency_unknown",
        "country_unknown",
        "locale_unknown",
        "timezone_unknown",
    }
)


def validation_code(error: dict[str, Any]) -> str:
    """The stable code of one pydantic error (`required`, `email_invalid`...)."""
    error_type = str(error.get("type", ""))
    if error_type in OWN_VALIDATION_CODES:
        return error_type
    if error_type == "string_too_short" and error.get("ctx", {}).get("min_length") == 1:
        return "required"
    return _CODES_BY_PYDANTIC_TYPE.get(error_type, "invalid")


async def _app_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return problem_response(exc.to_problem(), exc.headers)


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        FieldProblem(
            field=_field_path(err.get("loc", ())),
            message=_validation_message(err),
            code=validation_code(err),
        )
        for err in exc.errors()
    ]
    problem = Problem(
        type=PROBLEM_BASE + "validation-error",
        title="The request is not valid",
        status=422,
        detail="; ".join(f"{e.field}: {e.message}" for e in errors[:5]),
        errors=errors,
    )
    return problem_response(problem)


async def _http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    slug = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
    problem = Problem(
        type=PROBLEM_BASE + slug,
        title=str(exc.detail),
        status=exc.status_code,
    )
    return problem_response(problem, dict(exc.headers or {}))


async def _unexpected_handler(request: Request, exc: Exception) -> JSONResponse:
    # The route's template, not the path: a payment link's token is part of its path.
    log.exception("unhandled_error", method=request.method, route=route_template(request.scope))
    problem = Problem(
        type=PROBLEM_BASE + "internal-error",
        title="Something went wrong on our side",
        status=500,
    )
    return problem_response(problem)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_error_handler)
    app.add_exception_handler(Exception, _unexpected_handler)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting problem documents for the given statuses."""
    return {
        status: {
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
            "description": _STATUS_DESCRIPTIONS.get(status, "Problem"),
        }
        for status in statuses
    }


_STATUS_DESCRIPTIONS = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Not allowed for this role",
    404: "Not found",
    409: "Conflicts with the current state",
    422: "Invalid input",
    429: "Too many attempts",
}
