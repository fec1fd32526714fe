"""A conversation as a plain-text file (seed 002: the archive "protects both parties in case
of disputes"): the lease, both parties, every message oldest first with its author and time on
the agency's clock, and when each was read. Plain UTF-8 text opens anywhere, can be attached
to a letter or printed, and holds exactly what the portal shows."""

from __future__ import annotations

from datetime import datetime

from doorstep.agencies.models import Agency
from doorstep.documents.i18n import Texts
from doorstep.messages.models import ConversationStatus
from doorstep.messages.service import ConversationView, MessageView

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "title": "Conversation: {subject}",
        "agency": "Agency: {agency}",
        "tenant": "Tenant: {tenant}",
        "home": "Home: {home}",
        "started": "Started: {when}",
        "closed": "Closed: {when}",
        "exported": "Exported: {when}",
        "count": "{count} message(s), oldest first.",
        "from": "{name} ({side}), {when}",
        "side.tenant": "tenant",
        "side.staff": "agency",
        "read_by": "Read by {name}, {when}",
        "read": "Read by the tenant, {when}",
        "unread": "Not read yet",
    },
    "fr": {
        "title": "Conversation : {subject}",
        "agency": "Agence : {agency}",
        "tenant": "Locataire : {tenant}",
        "home": "Logement : {home}",
        "started": "Commencée : {when}",
        "closed": "Clôturée : {when}",
        "exported": "Exportée : {when}",
        "count": "{count} message(s), du plus ancien au plus récent.",
        "from": "{name} ({side}), {when}",
        "side.tenant": "locataire",
        "side.staff": "agence",
        "read_by": "Lu par {name}, {when}",
        "read": "Lu par le locataire, {when}",
        "unread": "Pas encore lu",
    },
    "nl": {
        "title": "Gesprek: {subject}",
        "agency": "Kantoor: {agency}",
        "tenant": "Huurder: {tenant}",
        "home": "Woning: {home}",
        "started": "Begonnen: {when}",
        "closed": "Afgesloten: {when}",
        "exported": "Geëxporteerd: {when}",
        "count": "{count} bericht(en), oudste eerst.",
        "from": "{name} ({side}), {when}",
        "side.tenant": "huurder",
        "side.staff": "kantoor",
        "read_by": "Gelezen door {name}, {when}",
        "read": "Gelezen door de huurder, {when}",
        "unread": "Nog niet gelezen",
    },
}


def conversation_text(
    agency: Agency, view: ConversationView, messages: list[MessageView], now: datetime
) -> str:
    texts = Texts.for_agency(agency.locale, agency.timezone)
    words = CATALOGUE.get(texts.language, CATALOGUE["en"])

    def w(key: str, **values: object) -> str:
        return words[key].format(**values)

    conversation = view.conversation
    lines = [
        w("title", subject=conversation.subject),
        w("agency", agency=agency.name),
        w("tenant", tenant=view.tenant_name),
        w("home", home=f"{view.property_name}, {view.unit_name}"),
        w("started", when=texts.instant(conversation.started_at)),
    ]
    if conversation.status is ConversationStatus.CLOSED and conversation.closed_at:
        lines.append(w("closed", when=texts.instant(conversation.closed_at)))
    lines += [w("exported", when=texts.instant(now)), w("count", count=len(messages)), ""]
    for message in messages:
        side = w("side.tenant") if message.from_tenant else w("side.staff")
        lines.append("-" * 72)
        lines.append(
            w("from", name=message.author_name, side=side, when=texts.instant(message.sent_at))
        )
        if message.read_at is None:
            lines.append(w("unread"))
        elif message.from_tenant:
            lines.append(
                w("read_by", name=message.read_by_name or "", when=texts.instant(message.read_at))
            )
        else:
            lines.append(w("read", when=texts.instant(message.read_at)))
        lines.append("")
        lines.extend(message.body.splitlines() or [""])
        lines.append("")
    return "\n".join(lines) + "\n"
