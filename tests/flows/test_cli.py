"""The command line: every command documented, bad input named, annotate end to end."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import flows.cli
from flows.cli import app

runner = CliRunner()
COMMANDS = ["run", "backfill", "reextract", "serve", "annotate", "sample-site"]


def test_every_command_is_listed_with_help():
    listing = runner.invoke(app, ["--help"])
    assert listing.exit_code == 0
    for command in COMMANDS:
        assert command in listing.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_documents_itself(command):
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Usage:" in result.output
    assert len(result.output.splitlines()) > 5


def test_run_without_sources_says_what_to_give(tmp_path):
    result = runner.invoke(app, ["run", "--state-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "--sources" in result.output


def test_run_with_a_missing_sources_file_names_it(tmp_path):
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(
        app, ["run", "--sources", str(missing), "--state-dir", str(tmp_path)], env={"COLUMNS": "300"}
    )
    assert result.exit_code == 2
    assert "nope.yaml" in result.output


def test_backfill_refuses_a_window_that_ends_before_it_starts(tmp_path):
    result = runner.invoke(app, ["backfill", "--from", "2026-11-28", "--to", "2026-11-01", "--demo",
                                 "--state-dir", str(tmp_path)], env={"COLUMNS": "300"})  # fmt: skip
    assert result.exit_code == 2
    assert "before" in result.output


def test_reextract_passes_full_refresh_on_to_the_flow(tmp_path, monkeypatch):
    import flows.cli

    (tmp_path / "warehouse.duckdb").write_bytes(b"")
    seen = []

    def run_flow(settings, **options):
        seen.append((settings.full_refresh, options["reextract_archive"]))
        return 0

    monkeypatch.setattr(flows.cli, "_run_flow", run_flow)
    monkeypatch.setattr(flows.cli, "configure_environment", lambda settings: None)
    for arguments in ([], ["--full-refresh"]):
        result = runner.invoke(app, ["reextract", "--state-dir", str(tmp_path), *arguments])
        assert result.exit_code == 0, result.output
    assert seen == [(False, True), (True, True)]  # (full_refresh, reextract_archive) per invocation


def test_annotate_writes_actors_and_dates_per_document(tmp_path):
    documents = tmp_path / "docs.jsonl"
    documents.write_text(
        json.dumps(
            {
                "id": "seed",
                "text": "Baku said on Tuesday that Antony Blinken had called.",
                "published_at": "2023-09-20T10:37:00Z",
            }
        )
        + "\n"
    )
    output = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["annotate", "--input", str(documents), "--output", str(output)])
    assert result.exit_code == 0, result.output
    (annotated,) = [json.loads(line) for line in output.read_text().splitlines()]
    by_text = {mention["text"]: mention for mention in annotated["mentions"]}
    assert by_text["Baku"]["actor_id"] == "gov:AZE"
    assert by_text["Baku"]["type"] == "ORG"
    assert by_text["Antony Blinken"]["role"] == "Secretary of State"
    text = "Baku said on Tuesday that Antony Blinken had called."
    assert text[by_text["Antony Blinken"]["start"] : by_text["Antony Blinken"]["end"]] == "Antony Blinken"
    (tuesday,) = annotated["dates"]
    assert (tuesday["text"], tuesday["date"]) == ("on Tuesday", "2023-09-19")


def test_annotate_names_the_bad_line(tmp_path):
    documents = tmp_path / "docs.jsonl"
    documents.write_text('{"id": 1, "text": "fine"}\nnot json\n')
    result = runner.invoke(app, ["annotate", "--input", str(documents), "--output", str(tmp_path / "o.jsonl")],
                           env={"COLUMNS": "300"})  # fmt: skip
    assert result.exit_code == 2
    assert "docs.jsonl:2" in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "does not exist"),
        ('{"id": 1, "text": "x", "published_at": "yesterday"}\n', "docs.jsonl:1: published_at 'yesterday'"),
    ],
)
def test_annotate_refuses_a_missing_input_or_a_bad_date_without_a_traceback(tmp_path, content, expected):
    documents = tmp_path / "docs.jsonl"
    if content is not None:
        documents.write_text(content)
    result = runner.invoke(app, ["annotate", "--input", str(documents), "--output", str(tmp_path / "o.jsonl")],
                           env={"COLUMNS": "300"})  # fmt: skip
    assert result.exit_code == 2
    assert expected in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("command", [["run"], ["backfill", "--from", "2023-09-19", "--to", "2023-09-20"]])
def test_a_bad_sources_file_is_refused_before_anything_starts(tmp_path, command):
    sources = tmp_path / "sources.yaml"
    sources.write_text('sources:\n  - {name: x, kind: ftp, url: "ftp://a/b"}\n')
    result = runner.invoke(app, [*command, "--sources", str(sources), "--state-dir", str(tmp_path / "state")],
                           env={"COLUMNS": "300"})  # fmt: skip
    assert result.exit_code == 2
    assert "sources[0] is invalid: kind" in result.output
    assert not (tmp_path / "state").exists()  # no Prefect home, no warehouse: nothing started


@pytest.mark.parametrize(
    ("option", "make_path", "message"),
    [
        ("--state-dir", lambda tmp: (tmp / "afile").touch() or tmp / "afile", "is a file, not a folder"),
        ("--warehouse", lambda tmp: tmp, "is a directory, not a DuckDB file"),
    ],
)
def test_an_unusable_state_dir_or_warehouse_is_refused_before_anything_starts(
    tmp_path, option, make_path, message
):
    path = make_path(tmp_path)
    arguments = ["run", "--demo", option, str(path)]
    if option != "--state-dir":
        arguments += ["--state-dir", str(tmp_path / "state")]
    result = runner.invoke(app, arguments, env={"COLUMNS": "300"})
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        (None, 0),
        (SystemExit(None), 0),
        (SystemExit(0), 0),
        (SystemExit(2), 2),
        (SystemExit(256 + 3), 3),
        (SystemExit("a message"), 1),
        (RuntimeError("boom"), 1),
    ],
)
def test_the_entry_point_leaves_with_the_command_status(monkeypatch, outcome, status):
    handlers, calls = [], []
    monkeypatch.setattr(flows.cli.atexit, "register", lambda handler, *args: handlers.append((handler, args)))
    monkeypatch.setattr(flows.cli.logging, "shutdown", lambda: calls.append("logging shut down"))
    monkeypatch.setattr(flows.cli.os, "_exit", lambda code: calls.append(code))
    for name in ("stdout", "stderr"):
        monkeypatch.setattr(flows.cli.sys, name, _FlushRecorder(f"{name} flushed", calls))

    def command() -> None:
        if outcome is not None:
            raise outcome

    monkeypatch.setattr(flows.cli, "app", command)
    if outcome is None:
        flows.cli.main()
    else:
        with pytest.raises(type(outcome)):
            flows.cli.main()
    assert calls == []  # nothing happens before Python's own exit runs the handler
    ((handler, args),) = handlers
    handler(*args)
    assert calls == ["logging shut down", "stdout flushed", "stderr flushed", status]


class _FlushRecorder:
    def __init__(self, name: str, calls: list) -> None:
        self.name, self.calls = name, calls

    def flush(self) -> None:
        self.calls.append(self.name)


def test_an_interrupt_leaves_the_usual_way(monkeypatch):
    handlers, calls = [], []
    monkeypatch.setattr(flows.cli.atexit, "register", lambda handler, *args: handlers.append((handler, args)))
    monkeypatch.setattr(flows.cli.os, "_exit", lambda code: calls.append(code))

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(flows.cli, "app", interrupted)
    with pytest.raises(KeyboardInterrupt):
        flows.cli.main()
    ((handler, args),) = handlers
    handler(*args)
    assert calls == []


def test_the_installed_command_keeps_its_output_and_exit_status(tmp_path):
    newsdesk = Path(sys.executable).parent / "newsdesk"
    documents = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": str(number), "text": f"Baku said on Tuesday, number {number}."})
        for number in range(2000)
    ]
    documents.write_text("\n".join(lines) + "\n")
    output = tmp_path / "out.jsonl"
    done = subprocess.run([newsdesk, "annotate", "--input", documents, "--output", output],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "annotated 2000 documents" in done.stderr
    assert len(output.read_text().splitlines()) == 2000
    missing = tmp_path / "nope.yaml"
    refused = subprocess.run([newsdesk, "run", "--sources", missing, "--state-dir", tmp_path],
                             capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "300"})  # fmt: skip
    assert refused.returncode == 2
    assert "nope.yaml" in refused.stderr
    listing = subprocess.run([newsdesk, "--help"], capture_output=True, text=True, timeout=300)
    assert listing.returncode == 0
    assert all(command in listing.stdout for command in COMMANDS)
