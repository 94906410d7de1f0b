"""Failpoints: named places where a test can make the process die, to prove a crash loses nothing.

Set NEWSDESK_FAILPOINT=<name> and the process kills itself with SIGKILL the first time it reaches that
place: no cleanup, no `finally`, exactly like a power cut or the OOM killer. Names: discover, fetch,
extract, normalize, load, dbt, validate, report, publish. Unset (the default) it does nothing.
"""

from __future__ import annotations

import os
import signal

ENV_VAR = "NEWSDESK_FAILPOINT"
NAMES = ("discover", "fetch", "extract", "normalize", "load", "dbt", "validate", "report", "publish")


def reach(name: str) -> None:
    """Die here by SIGKILL when the failpoint `name` is armed; raise ValueError for an unknown name."""
    if name not in NAMES:
        raise ValueError(f"unknown failpoint {name!r}; known: {', '.join(NAMES)}")
    if os.environ.get(ENV_VAR) == name:
        os.kill(os.getpid(), signal.SIGKILL)
