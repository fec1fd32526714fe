"""The follow-up e-mail a tenant receives about overdue rent.

Seed 000: "Send a clear message to the tenant: what is needed, amount, due date, and how to ask
for help. Vague messages increase delay." So the message lists every overdue invoice with its
number, what it still asks for and its due date; the total; how to pay (bank transfer with the
lease's payment reference, and the portal where the agency offers it); and whom to contact.
Amounts and dates are formatted for the agency's locale.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import phonenumbers
from babel.dates import format_date
from babel.numbers import format_currency

from doorstep.collections.references import display_reference
from doorstep.core.schemas import minor_unit_digits


@dataclass(frozen=True)
class OverdueLine:
    number: int
    due_date: date
    outstanding: int
    days_overdue: int


@dataclass(frozen=True)
class BankDetails:
    account_name: str
    iban: str | None
    bic: str | None
    account_number: str | None


@dataclass(frozen=True)
class FollowUpContent:
    agency_name: str
    locale: str
    currency: str
    tenant_name: str
    place: str  # "Residence Louise, unit 1A"
    invoices: list[OverdueLine]
    payment_reference: str
    bank: BankDetails | None
    portal_url: str | None
    pay_online: bool
    contact_email: str | None
    contact_phone: str | None
    message: str | None = None

    @property
    def total(self) -> int:
        return sum(line.outstanding for line in self.invoices)


def money(amount: int, currency: str, locale: str) -> str:
    value = Decimal(amount).scaleb(-minor_unit_digits(currency))
    return format_currency(value, currency, locale=_babel_locale(locale))


def long_date(day: date, locale: str) -> str:
    return format_date(day, "long", locale=_babel_locale(locale))


def _babel_locale(locale: str) -> str:
    return locale.replace("-", "_")


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    text: str
    html: str


def render(content: FollowUpContent) -> RenderedMessage:
    """Plain text and HTML with the same content; the text version is what staff see recorded."""

    def fmt_money(amount: int) -> str:
        return money(amount, content.currency, content.locale)

    def fmt_date(day: date) -> str:
        return long_date(day, content.locale)

    count = len(content.invoices)
    what = "this invoice" if count == 1 else f"these {count} invoices"
    total = fmt_money(content.total)
    subject = _shorten(f"{content.agency_name}: {total} overdue for {content.place}", 250)
    reference = display_reference(content.payment_reference)

    invoice_lines = [
        f"Invoice {line.number}: {fmt_money(line.outstanding)} still due, "
        f"due on {fmt_date(line.due_date)} ({_days(line.days_overdue)} overdue)"
        for line in content.invoices
    ]
    pay_lines: list[str] = []
    if content.bank is not None:
        account = (
            f"IBAN {display_reference(content.bank.iban)}"
            if content.bank.iban
            else content.bank.account_number or ""
        )
        bic = f" (BIC {content.bank.bic})" if content.bank.iban and content.bank.bic else ""
        pay_lines.append(
            f"By bank transfer to {content.bank.account_name}, {account}{bic}, "
            f"with the reference {reference}. This reference tells us the money is for your "
            f"lease, so please quote it exactly."
        )
    if content.portal_url and content.pay_online:
        pay_lines.append(f"Online by card in your tenant portal: {content.portal_url}")
    elif content.portal_url:
        pay_lines.append(
            f"Your invoices and payments are in your tenant portal: {content.portal_url}"
        )
    phone = _phone(content.contact_phone) if content.contact_phone else None
    help_ways = [way for way in (content.contact_email, phone) if way]

    paragraphs = [
        f"Dear {content.tenant_name},",
        f"According to our records, {what}"
        f" for {content.place} {'is' if count == 1 else 'are'} past due and not yet paid:",
        "\n".join(f"- {line}" for line in invoice_lines),
        f"Total overdue: {total}. Please pay it as soon as possible.",
        *([content.message] if content.message else []),
        "How to pay\n" + "\n".join(f"- {line}" for line in pay_lines),
        "Need help?\nIf you have already paid, think an amount is wrong, or cannot pay in full, "
        f"contact us before the balance grows: {' or '.join(help_ways)}. "
        "We can discuss a payment arrangement.",
        f"Kind regards,\n{content.agency_name}",
    ]
    text = "\n\n".join(paragraphs) + "\n"

    esc = html.escape
    rows = "".join(
        f"<tr><td>Invoice {line.number}</td><td>{esc(fmt_date(line.due_date))}</td>"
        f'<td style="text-align:right">{esc(fmt_money(line.outstanding))}</td></tr>'
        for line in content.invoices
    )
    help_html = " or ".join(
        [
            *(
                [f'<a href="mailto:{esc(content.contact_email)}">{esc(content.contact_email)}</a>']
                if content.contact_email
                else []
            ),
            *([esc(phone)] if phone else []),
        ]
    )
    message_html = f"<p>{esc(content.message)}</p>" if content.message else ""
    html_body = (
        f"<p>Dear {esc(content.tenant_name)},</p>"
        f"<p>According to our records, {what}"
        f" for {esc(content.place)} {'is' if count == 1 else 'are'} past due and not yet paid:</p>"
        "<table><thead><tr><th>Invoice</th><th>Due date</th><th>Still due</th></tr></thead>"
        f"<tbody>{rows}</tbody>"
        f'<tfoot><tr><th colspan="2">Total overdue</th>'
        f'<th style="text-align:right">{esc(total)}</th></tr></tfoot></table>'
        "<p>Please pay it as soon as possible.</p>"
        f"{message_html}"
        "<h3>How to pay</h3><ul>"
        + "".join(f"<li>{_linked(esc(line), content.portal_url)}</li>" for line in pay_lines)
        + "</ul><h3>Need help?</h3>"
        "<p>If you have already paid, think an amount is wrong, or cannot pay in full, contact us "
        f"before the balance grows: {help_html}. We can discuss a payment arrangement.</p>"
        f"<p>Kind regards,<br>{esc(content.agency_name)}</p>"
    )
    return RenderedMessage(subject=subject, text=text, html=html_body)


def _phone(e164: str) -> str:
    """``+3225551234`` as people read it: ``+32 2 555 12 34``."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _days(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def _linked(escaped_line: str, url: str | None) -> str:
    if not url:
        return escaped_line
    escaped_url = html.escape(url)
    return escaped_line.replace(escaped_url, f'<a href="{escaped_url}">{escaped_url}</a>')
