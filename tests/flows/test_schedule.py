"""The nightly's schedule: prefect.yaml read with Prefect's own models, the schedule builder, serve's refusals,
and (slow) a real `prefect deploy` against a temporary `prefect server start` on loopback."""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from flows.schedule import (
    DEFAULT_CRON,
    DEFAULT_TIMEZONE,
    DEPLOYMENT_NAME,
    WORK_POOL_NAME,
    NoPrefectServer,
    ScheduleError,
    build_nightly_schedule,
    next_run_times,
    require_prefect_server,
    scheduled_parameters,
    serve_nightly,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
PREFECT_YAML = REPO_ROOT / "prefect.yaml"
PREFECT_BIN = Path(sys.executable).with_name("prefect")


def _prefect_file() -> dict:
    return yaml.safe_load(PREFECT_YAML.read_text(encoding="utf-8"))


def _nightly_deployment() -> dict:
    (deployment,) = [d for d in _prefect_file()["deployments"] if d["name"] == DEPLOYMENT_NAME]
    return deployment


def _yaml_schedule() -> dict:
    (schedule,) = _nightly_deployment()["schedules"]
    return schedule


# prefect.yaml ------------------------------------------------------------------------------------


def test_prefect_yaml_parses_with_prefects_own_deployment_model():
    from prefect.cli.deploy._models import PrefectYamlModel

    model = PrefectYamlModel.model_validate(_prefect_file())
    (deployment,) = model.deployments
    assert deployment.name == DEPLOYMENT_NAME
    assert deployment.work_pool is not None
    assert deployment.work_pool.name == WORK_POOL_NAME


def test_the_schedule_in_prefect_yaml_is_the_default_of_newsdesk_serve():
    schedule = _yaml_schedule()
    assert (schedule["cron"], schedule["timezone"]) == (DEFAULT_CRON, DEFAULT_TIMEZONE)
    assert schedule.get("active", True) is True


def test_the_schedule_in_prefect_yaml_is_a_valid_prefect_cron_schedule():
    from prefect.client.schemas.schedules import CronSchedule

    schedule = _yaml_schedule()
    parsed = CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"])
    assert parsed.timezone == "UTC"


def test_the_prefect_yaml_schedule_fires_at_half_past_two_utc_every_night():
    schedule = _yaml_schedule()
    cron = build_nightly_schedule(schedule["cron"], schedule["timezone"])
    times = next_run_times(cron, after=dt.datetime(2026, 3, 28, 12, 0, tzinfo=dt.UTC), count=3)
    assert [moment.astimezone(dt.UTC) for moment in times] == [
        dt.datetime(2026, 3, 29, 2, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 30, 2, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 31, 2, 30, tzinfo=dt.UTC),
    ]


def test_the_entrypoint_names_the_nightly_flow_function_in_an_existing_file():
    # Statically, so the fast suite need not import the whole pipeline (about 13 s); the slow deploy
    # test below loads it through Prefect.
    path, function = _nightly_deployment()["entrypoint"].split(":")
    module = ast.parse((REPO_ROOT / path).read_text(encoding="utf-8"))
    (definition,) = [
        node for node in module.body if isinstance(node, ast.FunctionDef) and node.name == function
    ]
    decorators = [ast.unparse(decorator) for decorator in definition.decorator_list]
    assert any(decorator.startswith("flow(name='newsdesk-nightly'") for decorator in decorators), decorators


def test_the_deployment_runs_this_checkout_without_git_or_network_pull_steps():
    prefect_file = _prefect_file()
    (pull,) = prefect_file["pull"]
    assert list(pull) == ["prefect.deployments.steps.set_working_directory"]
    (build,) = prefect_file["build"]
    assert build["prefect.deployments.steps.run_shell_script"]["script"] == "pwd"
    assert prefect_file.get("push") is None
    lines = PREFECT_YAML.read_text(encoding="utf-8").splitlines()
    configuration = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    for word in ("git", "pull_from_", "pip_install", "http://", "https://", "image"):
        assert word not in configuration, word


def test_the_deployment_passes_settings_as_a_dict_and_never_fixes_the_run_date():
    deployment = _nightly_deployment()
    assert deployment["parameters"] == {"settings": {}}
    assert deployment["concurrency_limit"]["limit"] == 1


# the schedule builder ----------------------------------------------------------------------------


def test_the_default_schedule_is_half_past_two_utc():
    schedule = build_nightly_schedule()
    assert (schedule.cron, schedule.timezone) == ("30 2 * * *", "UTC")


def _utc_run_times(cron: str, timezone: str, after: dt.datetime, count: int) -> list[dt.datetime]:
    schedule = build_nightly_schedule(cron, timezone)
    return [moment.astimezone(dt.UTC) for moment in next_run_times(schedule, after=after, count=count)]


def test_a_local_timezone_keeps_local_wall_time_and_fires_once_on_a_spring_forward_night():
    # Berlin springs forward on 2026-03-29 at 02:00 → 03:00: 02:30 does not exist, the run comes at 03:30.
    after = dt.datetime(2026, 3, 27, 12, 0, tzinfo=dt.UTC)
    assert _utc_run_times("30 2 * * *", "Europe/Berlin", after, 4) == [
        dt.datetime(2026, 3, 28, 1, 30, tzinfo=dt.UTC),  # 02:30 CET
        dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC),  # 03:30 CEST
        dt.datetime(2026, 3, 30, 0, 30, tzinfo=dt.UTC),  # 02:30 CEST
        dt.datetime(2026, 3, 31, 0, 30, tzinfo=dt.UTC),
    ]


def test_a_local_timezone_fires_once_on_a_fall_back_night():
    # Berlin falls back on 2026-10-25 at 03:00 → 02:00: 02:30 happens twice, the nightly runs once.
    after = dt.datetime(2026, 10, 23, 12, 0, tzinfo=dt.UTC)
    assert _utc_run_times("30 2 * * *", "Europe/Berlin", after, 4) == [
        dt.datetime(2026, 10, 24, 0, 30, tzinfo=dt.UTC),  # 02:30 CEST
        dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC),  # the first 02:30, still CEST
        dt.datetime(2026, 10, 26, 1, 30, tzinfo=dt.UTC),  # 02:30 CET
        dt.datetime(2026, 10, 27, 1, 30, tzinfo=dt.UTC),
    ]


@pytest.mark.parametrize("cron", ["", "30 2 * *", "61 2 * * *", "H 2 * * *", "every night"])
def test_a_bad_cron_is_refused_naming_it(cron):
    with pytest.raises(ScheduleError, match="invalid cron expression") as raised:
        build_nightly_schedule(cron, "UTC")
    assert repr(cron.strip()) in str(raised.value)


@pytest.mark.parametrize("timezone", ["Mars/Olympus", "CEST", "Europe/Berlin "[:-1] + "x"])
def test_an_unknown_timezone_is_refused_naming_it(timezone):
    with pytest.raises(ScheduleError, match="unknown timezone") as raised:
        build_nightly_schedule("30 2 * * *", timezone)
    assert repr(timezone) in str(raised.value)


def test_an_empty_timezone_is_refused_instead_of_silently_meaning_utc():
    with pytest.raises(ScheduleError, match="empty timezone"):
        build_nightly_schedule("30 2 * * *", "  ")


# scheduled settings ------------------------------------------------------------------------------


def test_scheduled_parameters_are_json_with_paths_as_strings(tmp_path):
    parameters = scheduled_parameters({"sources_file": tmp_path / "sources.yaml", "per_host_delay_s": 2})
    assert parameters == {"settings": {"sources_file": str(tmp_path / "sources.yaml"), "per_host_delay_s": 2}}
    assert json.loads(json.dumps(parameters)) == parameters


def test_a_fixed_run_date_is_refused_on_a_schedule():
    with pytest.raises(ScheduleError, match="run_date"):
        scheduled_parameters({"run_date": dt.date(2026, 1, 1)})


def test_an_unknown_or_bad_setting_is_refused_naming_it():
    with pytest.raises(ScheduleError, match="sources_fle"):
        scheduled_parameters({"sources_fle": "x.yaml"})
    with pytest.raises(ScheduleError, match="max_attempts"):
        scheduled_parameters({"max_attempts": 0})


# serve refuses without a long-lived server -------------------------------------------------------


@contextlib.contextmanager
def _prefect_api_url(url: str) -> Iterator[None]:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(
        updates={PREFECT_API_URL: url} if url else None, restore_defaults={PREFECT_API_URL}
    ):
        yield


def test_serve_refuses_without_a_prefect_api_url():
    with _prefect_api_url(""), pytest.raises(NoPrefectServer, match="prefect server start"):
        serve_nightly({}, cron=DEFAULT_CRON, timezone=DEFAULT_TIMEZONE)


def test_serve_refuses_a_server_that_does_not_answer():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api"
    with _prefect_api_url(url), pytest.raises(NoPrefectServer, match="does not answer") as raised:
        require_prefect_server()
    assert url in str(raised.value)


def test_serve_checks_the_schedule_before_the_server():
    with _prefect_api_url(""), pytest.raises(ScheduleError, match="Mars/Olympus"):
        serve_nightly({}, cron=DEFAULT_CRON, timezone="Mars/Olympus")


# a real deploy (slow) ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deploy_env(prefect_api_url, tmp_path_factory) -> dict[str, str]:
    """The environment of a `prefect` command that talks to the session's `prefect server start`
    (the `prefect_api_url` fixture of tests/flows/conftest.py), with no NEWSDESK_* leaking in."""
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith("NEWSDESK_")},
        "PREFECT_API_URL": prefect_api_url,
        "PREFECT_HOME": str(tmp_path_factory.mktemp("prefect-cli-home")),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }


def _prefect(env: dict[str, str], *args: str) -> str:
    started = time.monotonic()
    done = subprocess.run(
        [str(PREFECT_BIN), "--no-prompt", *args],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"prefect {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    print(f"prefect {' '.join(args)}: {time.monotonic() - started:.1f} s")
    return done.stdout


@pytest.mark.slow
def test_prefect_deploy_all_registers_the_nightly_with_its_schedule(deploy_env):
    env = deploy_env
    _prefect(env, "work-pool", "create", WORK_POOL_NAME, "--type", "process")
    _prefect(env, "deploy", "--all")
    inspected = _prefect(
        env, "deployment", "inspect", f"newsdesk-nightly/{DEPLOYMENT_NAME}", "--output", "json"
    )
    deployment = json.loads(inspected)

    assert deployment["entrypoint"] == "flows/nightly.py:nightly"
    assert deployment["work_pool_name"] == WORK_POOL_NAME
    assert deployment["parameters"] == {"settings": {}}
    assert deployment["pull_steps"] == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(REPO_ROOT)}}
    ]
    (schedule,) = deployment["schedules"]
    assert schedule["active"] is True
    assert schedule["schedule"] == {"cron": DEFAULT_CRON, "timezone": DEFAULT_TIMEZONE, "day_or": True}
    assert deployment["global_concurrency_limit"]["limit"] == 1


@pytest.mark.slow
def test_the_deployment_entrypoint_loads_the_real_flow_object():
    from prefect.flows import load_flow_from_entrypoint

    from flows.nightly import nightly

    loaded = load_flow_from_entrypoint(str(REPO_ROOT / _nightly_deployment()["entrypoint"]))
    assert loaded.name == nightly.name == "newsdesk-nightly"
    assert loaded.fn.__code__.co_filename == nightly.fn.__code__.co_filename
