"""Capping glibc's malloc arenas: for this process through mallopt, for its children through the environment."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

from flows.allocator import ARENA_ENV, limit_malloc_arenas

IS_GLIBC = platform.libc_ver()[0] == "glibc"


def test_the_cap_is_set_here_and_handed_to_child_processes(monkeypatch):
    monkeypatch.delenv(ARENA_ENV, raising=False)
    assert limit_malloc_arenas(2) is IS_GLIBC
    assert os.environ[ARENA_ENV] == "2"
    child = subprocess.run(
        [sys.executable, "-c", f"import os; print(os.environ['{ARENA_ENV}'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert child.stdout.strip() == "2"


def test_an_operators_own_cap_wins(monkeypatch):
    monkeypatch.setenv(ARENA_ENV, "4")
    assert limit_malloc_arenas(2) is False
    assert os.environ[ARENA_ENV] == "4"
