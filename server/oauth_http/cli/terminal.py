"""The authorization flows' user interaction on a terminal, or on piped standard input.

On a terminal, prompts go to stderr and secrets are read with `getpass` (hidden). When stdin is
not a terminal, each question reads one line of stdin, in the order asked; end of input cancels.
A confirmation (`confirm`) agrees only to `yes`.
Messages meant for the user (the authorize address, the outcome) go to stdout, errors to stderr.
"""

from __future__ import annotations

import getpass
import sys
import webbrowser
from collections.abc import Sequence
from typing import TextIO

from oauth_http.oauth.interaction import PickChoice


class TerminalInteraction:
    def __init__(
        self,
        *,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        open_browser: bool = True,
    ) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.open_browser = open_browser

    @property
    def interactive(self) -> bool:
        return self.stdin.isatty()

    def _read_line(self, prompt: str, *, masked: bool) -> str | None:
        if masked and self.interactive:
            try:
                return getpass.getpass(prompt, stream=self.stderr)
            except EOFError:
                return None
        self.stderr.write(prompt)
        self.stderr.flush()
        line = self.stdin.readline()
        if not line:
            return None
        if not self.interactive:
            self.stderr.write("\n")
        return line.rstrip("\r\n")

    async def ask_text(
        self,
        title: str,
        prompt: str,
        *,
        masked: bool = False,
        placeholder: str = "",
        value: str = "",
    ) -> str | None:
        """One line; an empty line takes the prefilled `value`; end of input cancels."""
        default = f" [{value}]" if value else ""
        answer = self._read_line(f"{prompt}{default}: ", masked=masked)
        if answer is None:
            return None
        return answer if answer.strip() or not value else value

    async def pick(self, title: str, items: Sequence[PickChoice]) -> str | None:
        self.stderr.write(f"{title}\n")
        for number, item in enumerate(items, start=1):
            note = f" ({item.description})" if item.description else ""
            self.stderr.write(f"  {number}. {item.label}{note}\n")
        answer = self._read_line("Number: ", masked=False)
        if answer is None or not answer.strip().isdigit():
            return None
        index = int(answer.strip()) - 1
        return items[index].id if 0 <= index < len(items) else None

    async def open_url(self, url: str) -> bool:
        if not self.open_browser:
            return False
        try:
            return webbrowser.open(url)
        except webbrowser.Error:
            return False

    async def choose(self, text: str, actions: Sequence[str]) -> str | None:
        """The text, printed; a terminal offers no buttons, so the answer is None at once."""
        print(text, file=self.stdout, flush=True)
        return None

    async def confirm(self, text: str, action: str) -> bool:
        """The text on stderr, then one line: only `yes` agrees; anything else, or the end of
        input, refuses."""
        print(text, file=self.stderr, flush=True)
        answer = self._read_line(f"{action}? Type yes to agree: ", masked=False)
        return answer is not None and answer.strip().lower() == "yes"

    async def show_info(self, text: str) -> None:
        print(text, file=self.stdout, flush=True)

    async def show_error(self, text: str) -> None:
        print(text, file=self.stderr, flush=True)


class TerminalProgress:
    """Says on stderr what the flow waits for; cancelling on a terminal is Ctrl-C."""

    def __init__(self, stderr: TextIO | None = None) -> None:
        self.stderr = stderr or sys.stderr

    async def begin(self, title: str, message: str) -> None:
        print(message, file=self.stderr, flush=True)

    async def report(self, message: str) -> None:
        print(message, file=self.stderr, flush=True)

    async def end(self, message: str) -> None:
        if message:
            print(message, file=self.stderr, flush=True)

    @property
    def cancelled(self) -> bool:
        return False
