"""Terminal output for the dev stack: progress lines and ANSI colours.

Everything the dev stack says goes through :func:`say` so that it is line-buffered, flushed at
once (children write to the same terminal) and easy to redirect in tests.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import TextIO

__all__ = ["COLOURS", "Printer", "colour_enabled", "paint", "say"]

# Foreground colours that read well on dark and light terminals, in the order children get them.
COLOURS: tuple[str, ...] = ("36", "35", "33", "32", "34", "91", "96", "95")

_RESET = "\x1b[0m"
_lock = threading.Lock()


def colour_enabled(stream: TextIO) -> bool:
    """Colour when the stream is a terminal, unless NO_COLOR is set; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, colour: str | None, *, enabled: bool) -> str:
    """Wrap ``text`` in an SGR colour code (e.g. ``"36"``, ``"1;32"``) when enabled."""
    if not enabled or not colour:
        return text
    return f"\x1b[{colour}m{text}{_RESET}"


class Printer:
    """Writes whole lines to a stream under one lock shared by every printer in the process."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream

    @property
    def stream(self) -> TextIO:
        # Looked up late so that pytest's capsys (which swaps sys.stdout) sees the output.
        return self._stream if self._stream is not None else sys.stdout

    @property
    def colour(self) -> bool:
        return colour_enabled(self.stream)

    def line(self, text: str) -> None:
        with _lock:
            stream = self.stream
            stream.write(text if text.endswith("\n") else text + "\n")
            stream.flush()


def say(message: str, *, stream: TextIO | None = None) -> None:
    """Print one progress line, prefixed so it stands apart from the children's output."""
    printer = Printer(stream)
    prefix = paint("doorstep", "1", enabled=printer.colour)
    printer.line(f"{prefix} | {message}")
