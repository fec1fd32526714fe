"""Issue 11, acceptance 3: every kind of e-mail, in English, French and Dutch, through the one
template — the HTML is well-formed, in the message's language, with the call to action linking
to the right page; the plain text has the link written out and no markup; no catalogue key or
placeholder is left; amounts and dates are written the locale's way; messages that ask for money
carry the bank details and the lease's reference."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from babel.dates import format_date
from babel.numbers import format_currency
from sqlalchemy import select

from doorstep.accounts import messages as account_messages
from doorstep.accounts.models import AccountToken
from doorstep.accounts.service import (
    confirm_email_change,
    request_email_change,
    request_password_reset,
)
from doorstep.agencies.models import Agency, StaffRole
from doorstep.collections import email_texts
from doorstep.collections.emails import (
    INVOICE_EMAIL,
    invoice_url,
    portal_url,
    proof_url,
    queue_invoice_emails,
    render_payment_link_email,
)
from doorstep.collections.messages import BankDetails, FollowUpContent, OverdueLine, render
from doorstep.collections.references import display_reference, lease_payment_reference
from doorstep.core.security import Audience
from doorstep.core.settings import get_settings
from doorstep.documents import i18n
from doorstep.documents.i18n import Texts
from doorstep.notifications.models import OutboxMessage
from doorstep.onboarding import assignment_messages
from doorstep.onboarding import messages as onboarding_messages
from doorstep.payments.ledger.service import RECEIPT_EMAIL
from doorstep.payments.proofs.service import (
    CONFIRMED_EMAIL,
    RECEIVED_EMAIL,
    REJECTION_EMAIL,
    Confirmation,
    confirm_proof,
    reject_proof,
)
from doorstep.recurring import messages as recurring_messages
from doorstep.recurring.transitions import FailureKind
from doorstep.tenants.models import Tenant
from tests.collections.builders import BIC, CONTACT_EMAIL, IBAN, named_tenant, ready_for_follow_ups
from tests.factories import PASSWORD, Factory

LOCALES = ["en-BE", "fr-BE", "nl-BE"]
AMOUNT = 123_456  # 1 234,56 €: grouping and decimal marks show the locale
PAY_URL = "https://doorstep.example/portal/pay/tok_abcdefghijklmnop0123"
ALL_KEYS = {
    key
    for catalogue in (
        i18n.CATALOGUE,
        email_texts.CATALOGUE,
        recurring_messages.CATALOGUE,
        onboarding_messages.CATALOGUE,
        assignment_messages.CATALOGUE,
        account_messages.CATALOGUE,
    )
    for language in catalogue.values()
    for key in language
    if "." in key
}
ENGLISH_ONLY = ("Dear ", "Kind regards", "Invoice no.", "Pay by bank transfer", "Beneficiary")


@dataclass(frozen=True)
class Mail:
    kind: str
    subject: str
    text: str
    html: str
    link: str | None  # where the call to action must go
    asks_for_money: bool = False


def _plain(value: str) -> str:
    return value.replace("\xa0", " ").replace("\u202f", " ")


def money(locale: str, minor: int) -> str:
    return _plain(
        format_currency(Decimal(minor).scaleb(-2), "EUR", locale=locale.replace("-", "_"))
    )


def long_date(locale: str, value: date) -> str:
    return _plain(format_date(value, format="long", locale=locale.replace("-", "_")))


async def _outbox(factory: Factory, kind: str) -> list[OutboxMessage]:
    return list(
        (
            await factory.session.scalars(
                select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
            )
        ).all()
    )


def _mail(message: OutboxMessage, link: str | None, *, asks_for_money: bool = False) -> Mail:
    assert message.html_body is not None, message.kind
    return Mail(
        message.kind,
        message.subject,
        message.text_body,
        message.html_body,
        link,
        asks_for_money,
    )


async def every_kind(factory: Factory, locale: str) -> tuple[list[Mail], dict[str, str]]:
    """Each kind, produced the way the application produces it."""
    agency = await factory.agency()
    agency.locale = locale
    agency.settings = {
        **agency.settings,
        "features": {
            **agency.settings.get("features", {}),
            "automated_messages": True,
            "payment_links": True,
            "online_payments": True,
        },
    }
    await ready_for_follow_ups(factory, agency)
    staff = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await named_tenant(factory, agency, "Bob", "Baker")
    lease = await factory.lease(agency, [tenant])
    now = factory.clock.now()
    invoice = await factory.invoice(agency, lease, staff, amount=AMOUNT)
    assert invoice.number is not None
    mails: list[Mail] = []

    # A new invoice: announced once, however often the tick runs.
    assert await queue_invoice_emails(factory.session, agency.id, now) == 1
    assert await queue_invoice_emails(factory.session, agency.id, now) == 0
    [issued] = await _outbox(factory, INVOICE_EMAIL)
    mails.append(_mail(issued, invoice_url(invoice.id), asks_for_money=True))

    # Transfer proofs: received, confirmed (with its receipt), rejected.
    confirmed = await factory.transfer_proof(agency, lease, tenant, amount=10_000, invoice=invoice)
    await confirm_proof(factory.session, agency, staff, confirmed.id, Confirmation(), now)
    rejected = await factory.transfer_proof(agency, lease, tenant, amount=20_000, invoice=invoice)
    await reject_proof(
        factory.session, agency, staff, rejected.id, "No such transfer on our account.", now
    )
    received = await _outbox(factory, RECEIVED_EMAIL)
    assert len(received) == 2
    mails.append(_mail(received[0], proof_url(confirmed.id)))
    [confirmation] = await _outbox(factory, CONFIRMED_EMAIL)
    mails.append(_mail(confirmation, invoice_url(invoice.id), asks_for_money=True))
    [rejection] = await _outbox(factory, REJECTION_EMAIL)
    mails.append(_mail(rejection, invoice_url(invoice.id), asks_for_money=True))
    [receipt] = await _outbox(factory, RECEIPT_EMAIL)
    mails.append(_mail(receipt, portal_url("payments/history")))

    # A payment link staff send.
    link_mail = await render_payment_link_email(
        factory.session, invoice, tenant.id, url=PAY_URL, expires_at=now + timedelta(days=14)
    )
    assert link_mail.html is not None
    mails.append(
        Mail("payment_link", link_mail.subject, link_mail.text, link_mail.html, PAY_URL, True)
    )

    texts = Texts.for_agency(locale, agency.timezone)
    # The overdue follow-up.
    portal = f"{get_settings().public_base_url.rstrip('/')}/portal/"
    follow_up = render(
        FollowUpContent(
            agency_name=agency.name,
            texts=texts,
            currency="EUR",
            tenant_name="Bob Baker",
            place="Residence Louise, 1A",
            invoices=[OverdueLine(invoice.number, invoice.due_date, AMOUNT, 3)],
            payment_reference=lease_payment_reference(lease.id),
            bank=BankDetails(agency.name, IBAN, BIC, None),
            portal_url=portal,
            pay_online=True,
            contact_email=CONTACT_EMAIL,
            contact_phone=None,
        )
    )
    mails.append(
        Mail("collections_follow_up", follow_up.subject, follow_up.text, follow_up.html, portal)
    )

    # The invite and its reminder.
    invite_link = "https://doorstep.example/portal/invite/abc123"
    for reminder in (False, True):
        invite = onboarding_messages.invite_email(
            locale=locale,
            timezone=agency.timezone,
            agency_name=agency.name,
            first_name="Bob",
            link=invite_link,
            expires_at=now + timedelta(days=7),
            reminder=reminder,
        )
        mails.append(Mail("invite", invite.subject, invite.text, invite.html, invite_link))

    # A task given to a tenant who has an account: a form, and a payment with its amount.
    task_link = "https://doorstep.example/portal/tasks/0190f0aa-0000-7000-8000-000000000001"
    for amount in (None, (AMOUNT, "EUR")):
        assigned = assignment_messages.task_assigned_email(
            locale=locale,
            timezone=agency.timezone,
            agency_name=agency.name,
            first_name="Bob",
            task_name="Key fob",
            amount=amount,
            link=task_link,
        )
        kind = "task_assigned_payment" if amount else "task_assigned"
        mails.append(Mail(kind, assigned.subject, assigned.text, assigned.html, task_link))

    mails += await account_kinds(factory, agency, staff.email, tenant)

    # Recurring payments: due soon, the pre-charge reminder, a charge that did not go through.
    context = recurring_messages.Context(
        texts=texts,
        agency_name=agency.name,
        tenant_name="Bob Baker",
        invoice_number=invoice.number,
        place="Residence Louise, 1A",
        currency="EUR",
        contact_email=CONTACT_EMAIL,
        contact_phone=None,
        instructions=None,
    )
    due_soon = recurring_messages.due_soon(
        context, amount=AMOUNT, due=invoice.due_date, portal_url=invoice_url(invoice.id)
    )
    mails.append(
        Mail("due_soon", due_soon.subject, due_soon.text, due_soon.html, invoice_url(invoice.id))
    )
    pre_charge = recurring_messages.pre_charge(
        context,
        amount=AMOUNT,
        agreed=AMOUNT,
        charge_on=invoice.due_date,
        method="card",
        label="Visa •••• 4242",
    )
    mails.append(Mail("pre_charge", pre_charge.subject, pre_charge.text, pre_charge.html, None))
    for failure in FailureKind:
        failed = recurring_messages.unsuccessful(
            context,
            failure=failure,
            amount=AMOUNT,
            reminded=AMOUNT - 100,
            due=invoice.due_date,
            pay_url=PAY_URL,
        )
        mails.append(
            Mail(f"unsuccessful_{failure}", failed.subject, failed.text, failed.html, PAY_URL)
        )

    facts = {
        "amount": money(locale, AMOUNT),
        "owed": money(locale, AMOUNT - 10_000),
        "due": long_date(locale, invoice.due_date),
        "reference": display_reference(lease_payment_reference(lease.id)),
        "iban": display_reference(IBAN),
        "agency": agency.name,
    }
    return mails, facts


async def account_kinds(
    factory: Factory, agency: Agency, staff_email: str, tenant: Tenant
) -> list[Mail]:
    """The account lifecycle's e-mails, queued by its service: a reset link for staff and for
    a tenant, the confirmation sent to a new address and the notice to the old one (its button
    writes to the agency, or, when the agency gives no address, opens the sign-in page), and
    the notices of two-step sign-in."""
    base = get_settings().public_base_url.rstrip("/")
    secret = get_settings().secret_key.get_secret_value()
    now = factory.clock.now()
    mails: list[Mail] = []
    for audience, email, app in (
        (Audience.STAFF, staff_email, "agency"),
        (Audience.TENANT, tenant.email, "portal"),
    ):
        await request_password_reset(
            factory.session,
            audience=audience,
            email=email,
            agency_id=agency.id,
            now=now,
            secret=secret,
            base_url=base,
        )
        [reset] = [
            m for m in await _outbox(factory, "account.password_reset") if m.to_address == email
        ]
        mails.append(_mail(reset, _link_in(reset, f"{base}/{app}/reset-password/")))

    old_email, new_email = tenant.email, f"new-{tenant.email}"
    await request_email_change(
        factory.session,
        tenant,
        Audience.TENANT,
        new_email=new_email,
        current_password=PASSWORD,
        now=now,
        secret=secret,
        base_url=base,
    )
    [confirmation] = await _outbox(factory, "account.email_confirmation")
    assert confirmation.to_address == new_email
    mails.append(_mail(confirmation, _link_in(confirmation, f"{base}/portal/confirm-email/")))
    token = await factory.session.scalar(
        select(AccountToken).where(AccountToken.new_email == new_email)
    )
    assert token is not None
    await confirm_email_change(factory.session, token, now, base_url=base)
    [notice] = await _outbox(factory, "account.email_changed")
    assert notice.to_address == old_email
    mails.append(_mail(notice, f"mailto:{CONTACT_EMAIL}"))
    assert new_email in notice.text_body

    without_contact = account_messages.email_changed_notice(
        locale=agency.locale,
        timezone=agency.timezone,
        agency_name=agency.name,
        audience="staff",
        first_name="Alice",
        new_email="alice@new.example",
        contact_email=None,
        sign_in_link=f"{base}/agency/login",
    )
    mails.append(
        Mail(
            "account.email_changed",
            without_contact.subject,
            without_contact.text,
            without_contact.html,
            f"{base}/agency/login",
        )
    )

    # Two-step sign-in: turned off (by oneself, or reset by an owner), a recovery code used.
    account_page = f"{base}/agency/account"
    for kind, rendered in (
        (
            "account.two_factor_off",
            account_messages.two_factor_off_email(
                locale=agency.locale,
                timezone=agency.timezone,
                agency_name=agency.name,
                first_name="Alice",
                by_name=None,
                link=account_page,
            ),
        ),
        (
            "account.two_factor_off",
            account_messages.two_factor_off_email(
                locale=agency.locale,
                timezone=agency.timezone,
                agency_name=agency.name,
                first_name="Alice",
                by_name="Olivia Owner",
                link=account_page,
            ),
        ),
        (
            "account.two_factor_recovery_code_used",
            account_messages.recovery_code_used_email(
                locale=agency.locale,
                timezone=agency.timezone,
                agency_name=agency.name,
                first_name="Alice",
                left=7,
                link=account_page,
            ),
        ),
    ):
        mails.append(Mail(kind, rendered.subject, rendered.text, rendered.html, account_page))
    return mails


def _link_in(message: OutboxMessage, prefix: str) -> str:
    """The link of ``message`` that starts with ``prefix`` (the page it must open)."""
    found = re.search(re.escape(prefix) + r"[A-Za-z0-9_\-]+", message.text_body)
    assert found, f"{message.kind}: no link to {prefix} in:\n{message.text_body}"
    return found.group(0)


def _anchors(root: ET.Element) -> list[ET.Element]:
    return [element for element in root.iter() if element.tag.endswith("}a") or element.tag == "a"]


@pytest.mark.parametrize("locale", LOCALES)
async def test_every_email_kind_in_each_language(factory: Factory, locale: str) -> None:
    mails, facts = await every_kind(factory, locale)
    language = locale[:2]
    assert len(mails) == 24

    for mail in mails:
        where = f"{mail.kind} ({locale})"
        text, html, subject = _plain(mail.text), _plain(mail.html), _plain(mail.subject)

        # The HTML is well-formed, in the message's language, and has the agency at the top.
        root = ET.fromstring(mail.html)  # noqa: S314 - our own output, parsed to check it
        assert root.get("lang") == language, where
        assert facts["agency"] in html, where
        assert 'name="viewport"' in html, where
        assert "max-width:600px" in html, where
        assert "sans-serif" in html, where

        # The call to action is a real link to the right page, written out in the text.
        hrefs = [anchor.get("href") for anchor in _anchors(root)]
        if mail.link is not None:
            buttons = [
                anchor
                for anchor in _anchors(root)
                if anchor.get("href") == mail.link and "background" in (anchor.get("style") or "")
            ]
            assert len(buttons) == 1, f"{where}: no button to {mail.link} in {hrefs}"
            assert (buttons[0].text or "").strip(), where
            assert mail.link in text, where
        assert all(href and href.startswith(("https://", "http://", "mailto:")) for href in hrefs)

        # The plain text is text: no markup, no entity, the agency's name and a sign-off.
        assert not re.search(r"</?[a-zA-Z][^>]*>", text), f"{where}: markup in text:\n{text}"
        assert not re.search(r"&(#\d+|[a-z]+);", text), where
        assert text.rstrip().endswith(facts["agency"]), where

        # Nothing left untranslated or unfilled.
        for part in (subject, text, html):
            for key in ALL_KEYS:
                assert key not in part, f"{where}: raw key {key!r}"
        assert "{" not in text, where
        assert "}" not in text, where
        assert "{" not in subject, where
        if language != "en":
            for english in ENGLISH_ONLY:
                assert english not in text, f"{where}: {english!r} left in:\n{text}"

        # Amounts and dates as the locale writes them (the invoice's amount and due date).
        if mail.kind == "task_assigned_payment":
            assert facts["amount"] in text, f"{where}: the amount not in:\n{text}"
            assert facts["amount"] in html, where
        if mail.kind in (INVOICE_EMAIL, "payment_link", "collections_follow_up", "due_soon"):
            # The link is sent after 100,00 was confirmed: it asks for what is still owed.
            amount = facts["owed"] if mail.kind == "payment_link" else facts["amount"]
            for fact in (amount, facts["due"]):
                assert fact in text, f"{where}: {fact!r} not in:\n{text}"
                assert fact in html, f"{where}: {fact!r} not in HTML"

        # Whatever asks for money says how to pay it by transfer.
        if mail.asks_for_money:
            for fact in (facts["iban"], BIC, facts["reference"]):
                assert fact in text, f"{where}: {fact!r} not in:\n{text}"
                assert fact in html, where


async def test_values_are_escaped_in_the_html(factory: Factory) -> None:
    """A tenant's or agency's name is data, never markup."""
    agency = await factory.agency(name="Acme <b>&</b> Co")
    await ready_for_follow_ups(factory, agency)
    staff = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await named_tenant(factory, agency, "<script>x</script>", "O'Hara")
    lease = await factory.lease(agency, [tenant])
    invoice = await factory.invoice(agency, lease, staff, amount=AMOUNT)
    mail = await render_payment_link_email(
        factory.session,
        invoice,
        tenant.id,
        url=PAY_URL + '"><script>',
        expires_at=factory.clock.now() + timedelta(days=1),
    )
    assert mail.html is not None
    ET.fromstring(mail.html)  # noqa: S314 - still well-formed
    assert "<script>" not in mail.html
    assert "&lt;script&gt;x&lt;/script&gt;" in mail.html
    assert "Acme &lt;b&gt;&amp;&lt;/b&gt; Co" in mail.html
    assert "<script>x</script>" in mail.text  # the text part is text, shown as it is


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_every_word_of_the_money_emails_is_translated(language: str) -> None:
    english = email_texts.CATALOGUE["en"]
    translated = email_texts.CATALOGUE[language]
    assert set(translated) == set(english)
    for key, text in english.items():
        placeholders = set(re.findall(r"\{(\w+)\}", text))
        assert set(re.findall(r"\{(\w+)\}", translated[key])) == placeholders, key
