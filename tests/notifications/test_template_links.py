"""Running text in an e-mail makes its URLs and addresses links: the template skips Jinja's
urlize for lines that hold nothing a link could be made of, and must give what urlize gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from doorstep.notifications.template import _environment

WITH_LINKS = _environment.from_string("{{ line | links }}")
WITH_URLIZE = _environment.from_string("{{ line | urlize }}")

FRAGMENTS = [
    "Pay now:",
    "https://doorstep.example/portal/pay/abc?x=1&y=2",
    "http://example.org.",
    "www.example.com,",
    "agence@example.be",
    "(mailto:someone@example.net)",
    "example.com",
    "Tom & Jerry <b>",
    "l'agence « Immo »",
    "RF47 1234 5678 9012",
    "1 250,00 €",
    "n° 12",
    '"quoted"',
]


def test_a_line_with_links_and_one_without() -> None:
    linked = WITH_LINKS.render(line="Questions? agence@example.be or https://a.example/x")
    assert 'href="mailto:agence@example.be"' in linked
    assert 'href="https://a.example/x"' in linked
    assert WITH_LINKS.render(line="Rent <due> & more") == "Rent &lt;due&gt; &amp; more"


@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=8))
def test_the_same_as_urlize(words: list[str]) -> None:
    line = " ".join(words)
    assert WITH_LINKS.render(line=line) == WITH_URLIZE.render(line=line)
