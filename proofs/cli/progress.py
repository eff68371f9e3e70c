"""Progress of a long command (report, ledger) on stderr.

* stderr is a terminal: a bar (tqdm) naming the claim being decided, with one line per decided
  claim printed above it;
* not a terminal (a log, CI): one line per decided claim, as it is decided;
* ``--quiet``: nothing (errors are still reported by the command).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # the engine is imported when a command runs, not for --help
    from proofs.engine.claim import Claim
    from proofs.engine.report import Progress
    from proofs.engine.verdict import Verdict


def verdict_line(v: Verdict) -> str:
    from proofs.engine.report import verdict_line as line

    return line(v)


class Silent:
    """Says nothing."""

    def start(self, claim: Claim) -> None:
        pass

    def done(self, verdict: Verdict) -> None:
        pass


class Lines:
    """One line per decided claim (``seconds id verdict method``)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def start(self, claim: Claim) -> None:
        pass

    def done(self, verdict: Verdict) -> None:
        print(verdict_line(verdict), file=self.stream, flush=True)


class Bar:
    """A tqdm bar naming the claim being decided; decided claims are written above it. The bar
    is redrawn every ``tick`` seconds, so its clock runs during a long claim."""

    def __init__(self, total: int, stream: TextIO, tick: float = 1.0) -> None:
        from tqdm import tqdm

        self.bar: Any = tqdm(
            total=total, file=stream, unit="claim", dynamic_ncols=True, leave=False
        )
        self._stop = threading.Event()
        self._ticker = threading.Thread(target=self._tick, args=(tick,), daemon=True)
        self._ticker.start()

    def _tick(self, every: float) -> None:
        while not self._stop.wait(every):
            self.bar.refresh()

    def start(self, claim: Claim) -> None:
        self.bar.set_description_str(claim.id)

    def done(self, verdict: Verdict) -> None:
        self.bar.write(verdict_line(verdict), file=self.bar.fp)
        self.bar.update(1)

    def close(self) -> None:
        self._stop.set()
        self._ticker.join()
        self.bar.close()


def is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


@contextmanager
def progress(total: int, quiet: bool = False, stream: TextIO | None = None) -> Iterator[Progress]:
    """The progress observer for deciding ``total`` claims (see module docstring)."""
    out = sys.stderr if stream is None else stream
    if quiet:
        yield Silent()
    elif is_terminal(out):
        bar = Bar(total, out)
        try:
            yield bar
        finally:
            bar.close()
    else:
        yield Lines(out)
