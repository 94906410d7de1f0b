"""`python -m flows.warehouse_scale [--articles N] [--new-articles N] [--workdir DIR] [--repeat N]`: time dbt
builds on a synthetic warehouse and print the figures (each night build timed N times, the best kept)."""

from __future__ import annotations

import argparse
from pathlib import Path

from flows.warehouse_scale.benchmark import main

parser = argparse.ArgumentParser(prog="python -m flows.warehouse_scale", description=__doc__)
parser.add_argument(
    "--articles", type=int, default=100_000, help="articles in the warehouse (default 100000)"
)
parser.add_argument(
    "--new-articles", type=int, default=1_000, help="articles of the timed night (default 1000)"
)
parser.add_argument("--workdir", type=Path, help="keep the warehouses here instead of a temporary folder")
parser.add_argument(
    "--repeat",
    type=int,
    default=3,
    help="time each night build this many times and keep the best of each (default 3; the machine is shared)",
)
arguments = parser.parse_args()
if arguments.repeat < 1:
    parser.error("--repeat must be at least 1")
main(
    arguments.articles,
    arguments.new_articles,
    arguments.workdir,
    keep=arguments.workdir is not None,
    repeat=arguments.repeat,
)
