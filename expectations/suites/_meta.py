"""The meta every expectation carries so a result can be explained in one sentence."""

from __future__ import annotations

from typing import Any


def check_meta(check: str, noun: str, problem: str = "", **extra: Any) -> dict[str, Any]:
    """Meta for one expectation: its stable check name, what a row is, and what an offending row shows."""
    return {"check": check, "noun": noun, "problem": problem, **extra}
