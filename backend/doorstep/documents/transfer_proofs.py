"""The e-mail telling a tenant why the proof of a transfer they sent was rejected: written here,
queued by ``payments.proofs`` through the outbox (this module imports payments, never the
reverse)."""

from __future__ import annotations

import html
import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.agencies.settings import read_settings
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Invoice, InvoiceStatus
from doorstep.documents.i18n import Texts
from doorstep.notifications.service import ComposedEmail, register_composer
from doorstep.payments.proofs.models import TransferProof
from doorstep.payments.proofs.service import REJECTION_EMAIL
from doorstep.tenants.models import Tenant


async def compose_proof_rejection(
    session: AsyncSession, proof_ref: str, now: datetime
) -> ComposedEmail:
    """Seed 000: a rejected proof is explained to the tenant — why, in the agency's language,
    with what the invoice it named still asks for and whom to ask for help."""
    proof = await session.get_one(TransferProof, uuid.UUID(proof_ref))
    agency = await session.get_one(Agency, proof.agency_id)
    tenant = await session.get_one(Tenant, proof.tenant_id)
    t = Texts.for_agency(agency.locale, agency.timezone)
    settings = read_settings(agency.settings)
    paragraphs = [
        t("email.greeting", name=f"{tenant.first_name} {tenant.last_name}"),
        t(
            "proof.rejected.body",
            amount=t.money(proof.amount, proof.currency),
            date=t.date(proof.paid_on),
            reference=proof.reference,
        ),
        t("proof.rejected.reason", reason=proof.rejection_reason),
    ]
    if proof.invoice_id is not None:
        invoice = await session.get_one(Invoice, proof.invoice_id)
        outstanding = (await invoice_amounts(session, [invoice.id]))[invoice.id].outstanding
        if invoice.status is InvoiceStatus.OPEN and outstanding > 0:
            paragraphs.append(
                t(
                    "proof.rejected.owed",
                    number=invoice.number,
                    amount=t.money(outstanding, invoice.currency),
                    date=t.date(invoice.due_date),
                )
            )
    help_ways = [way for way in (settings.contact_email, settings.contact_phone) if way]
    paragraphs.append(
        t("proof.rejected.help", contact=" / ".join(help_ways))
        if help_ways
        else t("proof.rejected.help_reply")
    )
    paragraphs.append(f"{t('email.signoff')}\n{agency.name}")
    text = "\n\n".join(paragraphs) + "\n"
    markup = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return ComposedEmail(
        to=tenant.email,
        subject=t("proof.rejected.subject", agency=agency.name),
        text=text,
        html=f'<!doctype html><html lang="{t.language}"><body>{markup}</body></html>',
        from_name=agency.name,
    )


register_composer(REJECTION_EMAIL, compose_proof_rejection)
