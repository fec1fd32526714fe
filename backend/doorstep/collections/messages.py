"""The follow-up e-mail a tenant receives about overdue rent.

Seed 000: "Send a clear message to the tenant: what is needed, amount, due date, and how to ask
for help. Vague messages increase delay." So the message lists every overdue invoice with its
number, what it still asks for and its due date; the total; how to pay (bank transfer with the
lease's payment reference, and the portal where the agency offers it); and whom to contact.
The words are in the agency's language and amounts and dates in its locale
(:mod:`doorstep.documents.i18n`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import phonenumbers

from doorstep.collections.references import display_reference
from doorstep.documents.i18n import Texts
from doorstep.notifications.template import (
    Action,
    EmailContent,
    Heading,
    Paragraph,
    Table,
    render_email,
)


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
    texts: Texts
    currency: str
    tenant_name: str
    place: str  # "Residence Louise, unit 1A", from :func:`place_of`
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


def place_of(texts: Texts, property_name: str, unit_name: str) -> str:
    return texts("follow_up.place", property=property_name, unit=unit_name)


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    text: str
    html: str


def render(content: FollowUpContent) -> RenderedMessage:
    """Plain text and HTML (the one e-mail template) with the same content; the text version,
    with each invoice's days overdue, is what staff see recorded."""
    t = content.texts

    def fmt_money(amount: int) -> str:
        return t.money(amount, content.currency)

    count = len(content.invoices)
    total = fmt_money(content.total)
    subject = _shorten(
        t("follow_up.subject", agency=content.agency_name, total=total, place=content.place), 250
    )
    reference = display_reference(content.payment_reference)
    intro_key = "follow_up.intro.one" if count == 1 else "follow_up.intro.many"

    invoice_lines = [
        t(
            "follow_up.line",
            number=line.number,
            amount=fmt_money(line.outstanding),
            date=t.date(line.due_date),
            days=_days(t, line.days_overdue),
        )
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
            t(
                "follow_up.bank",
                name=content.bank.account_name,
                account=account,
                bic=bic,
                reference=reference,
            )
        )
    if content.portal_url and content.pay_online:
        pay_lines.append(t("follow_up.pay_online", url=content.portal_url))
    elif content.portal_url:
        pay_lines.append(t("follow_up.portal", url=content.portal_url))
    phone = _phone(content.contact_phone) if content.contact_phone else None
    help_ways = [way for way in (content.contact_email, phone) if way]

    paragraphs = [
        t("email.greeting", name=content.tenant_name),
        t(intro_key, count=count, place=content.place),
        "\n".join(f"- {line}" for line in invoice_lines),
        t("follow_up.total", total=total),
        *([content.message] if content.message else []),
        t("follow_up.how_to_pay") + "\n" + "\n".join(f"- {line}" for line in pay_lines),
        t("follow_up.help_title")
        + "\n"
        + t("follow_up.help", contact=t("follow_up.or").join(help_ways)),
        f"{t('email.signoff')}\n{content.agency_name}",
    ]
    text = "\n\n".join(paragraphs) + "\n"

    table = Table(
        headers=[
            t("follow_up.column.invoice"),
            t("follow_up.column.due_date"),
            t("follow_up.column.still_due"),
        ],
        rows=[
            [
                t("follow_up.invoice", number=line.number),
                t.date(line.due_date),
                fmt_money(line.outstanding),
            ]
            for line in content.invoices
        ],
        numeric=frozenset({2}),
        footer=(t("follow_up.total_label"), total),
    )
    action = None
    if content.portal_url:
        action = Action(
            t("follow_up.action.pay" if content.pay_online else "follow_up.action.portal"),
            content.portal_url,
        )
    rendered = render_email(
        EmailContent(
            lang=t.language,
            agency_name=content.agency_name,
            subject=subject,
            greeting=t("email.greeting", name=content.tenant_name),
            blocks=[
                Paragraph(t(intro_key, count=count, place=content.place)),
                table,
                Paragraph(t("follow_up.pay_soon")),
                *([Paragraph(content.message)] if content.message else []),
                Heading(t("follow_up.how_to_pay")),
                Paragraph("\n".join(f"- {line}" for line in pay_lines)),
            ],
            action=action,
            after=[
                Heading(t("follow_up.help_title")),
                Paragraph(t("follow_up.help", contact=t("follow_up.or").join(help_ways))),
            ],
            signoff=t("email.signoff"),
        )
    )
    html_body = rendered.html
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


def _days(t: Texts, days: int) -> str:
    return t("follow_up.days.one") if days == 1 else t("follow_up.days.many", count=days)
