"""The languages people's messages are written in, and the one rule choosing a message's locale.

The e-mails and generated documents have catalogues in these languages
(``documents.i18n.CATALOGUE`` and each module's e-mail catalogue, checked by
``tests/core/test_languages.py``). A tenant may choose one of them (``Tenant.language``);
everyone else reads the agency's locale.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from babel import Locale, UnknownLocaleError


class Language(StrEnum):
    """A language a tenant can receive their e-mails and documents in (ISO 639-1)."""

    EN = "en"
    FR = "fr"
    NL = "nl"


LANGUAGES: tuple[str, ...] = tuple(language.value for language in Language)


def _parse(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def message_locale(agency_locale: str, language: str | None) -> str:
    """The locale (BCP 47) of a message to someone who chose ``language`` (None: no choice),
    from an agency whose locale is ``agency_locale``.

    The person's language sets the words; the agency's region keeps its formats where CLDR
    has that language there (a fr-BE agency writing to a Dutch-speaking tenant: ``nl-BE``,
    so amounts and dates read as in Belgium). Without a choice, or when the choice is the
    agency's own language, the agency's locale is used as it is.
    """
    if language is None:
        return agency_locale
    agency = _parse(agency_locale)
    if agency is None:
        return language
    if agency.language == language:
        return agency_locale
    if agency.territory and _parse(f"{language}_{agency.territory}") is not None:
        return f"{language}-{agency.territory}"
    return language


class _Agency(Protocol):
    @property
    def locale(self) -> str: ...


class _Recipient(Protocol):
    @property
    def language(self) -> str | None: ...


def tenant_locale(agency: _Agency, tenant: _Recipient | None) -> str:
    """The locale of a message from ``agency`` to ``tenant``: the one call for every e-mail
    or document a tenant receives (None, or a staff recipient: the agency's locale)."""
    return message_locale(agency.locale, tenant.language if tenant is not None else None)
