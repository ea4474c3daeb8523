"""A time budget for one piece of work on contributor text: past it, the work stops and is refused.

The limits on sizes keep every conversion fast; the budget is what holds when some input nobody
thought of is slow anyway. It counts the processor time the work takes, not the time on the clock, so
that a busy machine does not refuse what an idle one accepts. It interrupts the work with a timer
signal, which only the main thread of a process receives: elsewhere (a server's rebuild thread) the
work runs to its end, and is refused if it took longer than the budget.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class OverBudget(Exception):
    """The work took longer than its budget."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget in the work inside the block once it has taken `seconds` of processor time."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        started = time.thread_time()
        yield
        if time.thread_time() - started > seconds:
            raise OverBudget
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGVTALRM, expire)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
