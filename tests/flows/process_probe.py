"""Functions to send to a worker process in tests: this module imports nothing, so sending them (a worker
imports the module of what it runs) loads nothing into the process."""

import os
import sys


def has_imported(module: str) -> bool:
    """Whether this process has imported `module`."""
    return module in sys.modules


def process_id() -> int:
    return os.getpid()
