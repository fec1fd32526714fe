"""The one look of every e-mail: an HTML part and a plain-text part made from the same content.

Composers (``documents``, ``collections``, ``onboarding``, ``recurring``) say *what* a message
says — already in the reader's language, amounts and dates formatted for their locale — as an
:class:`EmailContent`; this module alone decides how it looks. The HTML part is one responsive,
accessible template (Jinja2, every value autoescaped): a single column at most 600px wide that
fits a phone, the system font stack, the agency's name at the top, one call-to-action button that
is a real link, tables with header cells and padding, the message's ``lang`` and text colours
that keep at least 4.5:1 contrast. The plain-text part has the same words, with the link written
out and no markup. Both are well-formed (XHTML-style tags), so a test can parse them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_eval_context, select_autoescape
from jinja2.nodes import EvalContext
from markupsafe import Markup, escape


@dataclass(frozen=True)
class Paragraph:
    """Running text; each line break starts a new line, and URLs in it become links."""

    text: str
    kind: Literal["Paragraph"] = field(default="Paragraph", init=False)


@dataclass(frozen=True)
class Heading:
    text: str
    kind: Literal["Heading"] = field(default="Heading", init=False)


@dataclass(frozen=True)
class Table:
    """Rows under column headers; the columns listed in ``numeric`` are aligned right
    (amounts). ``footer`` is a total row: its first cell spans the columns before its last."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    numeric: frozenset[int] = frozenset()
    footer: tuple[str, str] | None = None
    caption: str | None = None
    kind: Literal["Table"] = field(default="Table", init=False)


@dataclass(frozen=True)
class Facts:
    """Labelled values (e.g. the bank details of a transfer), one per row; shown so that each
    value can be copied on its own."""

    title: str
    items: Sequence[tuple[str, str]]
    note: str | None = None
    kind: Literal["Facts"] = field(default="Facts", init=False)


Block = Paragraph | Heading | Table | Facts


@dataclass(frozen=True)
class Action:
    """The message's one call to action: a button in HTML, ``label: url`` in plain text."""

    label: str
    url: str


@dataclass(frozen=True)
class EmailContent:
    """What one e-mail says, in its reader's language (``lang``: en, fr, nl...)."""

    lang: str
    agency_name: str
    subject: str
    greeting: str
    blocks: Sequence[Block]
    signoff: str
    action: Action | None = None
    # Blocks shown after the button (how to pay by transfer, whom to ask for help).
    after: Sequence[Block] = ()


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


_environment = Environment(
    loader=PackageLoader("doorstep.notifications", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    # The templates ship with the code: checking their files for changes at every message
    # is wasted work.
    auto_reload=False,
)

# Jinja's urlize can only make a link of a word holding one of these (a scheme, www., an
# e-mail address, a bare .com/.net/.org domain).
_LINK_HINTS = ("http", "www.", "@", ".com", ".net", ".org", "mailto:")


@pass_eval_context
def _links(eval_ctx: EvalContext, text: str) -> Markup | str:
    """``urlize`` for running text, with the same output: a line with nothing that could be a
    link is only escaped, as urlize would leave it. urlize tries its patterns on every word,
    which was most of the time spent writing a message (a tick writes thousands)."""
    lowered = text.lower()
    if any(hint in lowered for hint in _LINK_HINTS):
        urlize = _environment.filters["urlize"]
        return urlize(eval_ctx, text)  # type: ignore[no-any-return]
    escaped = escape(text)
    return escaped if eval_ctx.autoescape else str(escaped)


_environment.filters["links"] = _links


def render_email(content: EmailContent) -> RenderedEmail:
    """The subject, the plain-text part and the HTML part of one message."""
    _check_single_line("subject", content.subject)
    html = _environment.get_template("email.html").render(
        content=content, lines=_lines, preheader=_preheader(content)
    )
    return RenderedEmail(subject=content.subject, text=render_text(content), html=html)


def render_text(content: EmailContent) -> str:
    """The plain-text part: the same words, the link written out, nothing of the markup."""
    parts = [content.agency_name, content.greeting]
    parts += [_block_text(block) for block in content.blocks]
    if content.action is not None:
        parts.append(f"{content.action.label}:\n{content.action.url}")
    parts += [_block_text(block) for block in content.after]
    parts.append(f"{content.signoff}\n{content.agency_name}")
    return "\n\n".join(part.strip("\n") for part in parts if part.strip()) + "\n"


def _block_text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Heading):
        return block.text
    if isinstance(block, Facts):
        lines = [block.title, *(f"- {label}: {value}" for label, value in block.items)]
        if block.note:
            lines.append(block.note)
        return "\n".join(lines)
    lines = [block.caption] if block.caption else []
    for row in block.rows:
        cells = [f"{header}: {cell}" for header, cell in zip(block.headers, row, strict=True)]
        lines.append("- " + "; ".join(cells))
    if block.footer is not None:
        lines.append(f"{block.footer[0]}: {block.footer[1]}")
    return "\n".join(lines)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _preheader(content: EmailContent) -> str:
    """The line a mail app shows under the subject in the inbox: the first paragraph."""
    for block in content.blocks:
        if isinstance(block, Paragraph):
            return block.text.replace("\n", " ")[:200]
    return content.subject


def _check_single_line(name: str, value: str) -> None:
    if "\r" in value or "\n" in value:
        raise ValueError(f"{name} must be a single line")
