"""Kinds of government bodies by name; the bodies in text are tested through detect_mentions in test_actors."""

from __future__ import annotations

import polars as pl

from flows.core.actor_bodies import government_body_kind_expr


def test_government_body_kinds_by_name():
    names = [
        "the ministry of defense",
        "defence ministry",
        "ministry of foreign affairs",
        "foreign office",
        "ministry of emergency situations",
        "armed forces",
        "army",
        "central bank",
        "police department",
        "department of state",
        "football club",
    ]
    kinds = pl.DataFrame({"name": names}).select(government_body_kind_expr(pl.col("name"))).to_series()
    assert kinds.to_list() == [
        "defence-ministry",
        "defence-ministry",
        "foreign-ministry",
        "foreign-ministry",
        "emergency-situations-ministry",
        "armed-forces",
        "army",
        "central-bank",
        None,  # a department is no ministry: US federal and city bodies are named so
        None,
        None,
    ]
