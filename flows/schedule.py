"""Nightly scheduling: the cron schedule of the nightly, and a long-running process that serves it.

Two ways to run the nightly on a schedule share the schedule built here: the `newsdesk-nightly`
deployment in `prefect.yaml` (run by `prefect worker start --pool newsdesk`), and `serve_nightly`
(`newsdesk serve`). Both need a long-lived `prefect server start`: with no PREFECT_API_URL Prefect
starts a temporary server for the life of one process, and its schedules never fire.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import typing
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prefect.client.schemas.schedules import CronSchedule

DEFAULT_CRON = "30 2 * * *"
DEFAULT_TIMEZONE = "UTC"
WORK_POOL_NAME = "newsdesk"
DEPLOYMENT_NAME = "newsdesk-nightly"
# A served deployment gets its own name so that it never replaces the worker deployment of prefect.yaml.
SERVED_DEPLOYMENT_NAME = "newsdesk-nightly-served"


class ScheduleError(ValueError):
    """A cron expression, timezone or scheduled setting that cannot be used; the message names the value."""


class NoPrefectServer(RuntimeError):
    """Scheduling was asked for with no reachable long-lived Prefect server configured."""


def build_nightly_schedule(cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE) -> CronSchedule:
    """Build the cron schedule of the nightly, in an IANA timezone (`Europe/Berlin`, `UTC`).

    Raises ScheduleError naming the value for a cron expression that is not five (or six, with seconds)
    valid fields, a random/hashed (`H`, `R`) expression, or an empty or unknown timezone.
    """
    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    cron = cron.strip()
    timezone = timezone.strip()
    # Prefect accepts an empty timezone and silently schedules in UTC; say so instead.
    if not timezone:
        raise ScheduleError("empty timezone: give an IANA name such as 'UTC' or 'Europe/Berlin'")
    try:
        return CronSchedule(cron=cron, timezone=timezone)
    except ValidationError as error:
        fields = {str(detail["loc"][0]) for detail in error.errors() if detail["loc"]}
        if "cron" in fields:
            raise ScheduleError(
                f"invalid cron expression {cron!r}: expected 5 fields 'minute hour day month weekday', "
                f"for example {DEFAULT_CRON!r} (02:30 every day)"
            ) from None
        raise ScheduleError(
            f"unknown timezone {timezone!r}: give an IANA name such as 'UTC' or 'Europe/Berlin'"
        ) from None


def next_run_times(schedule: CronSchedule, *, after: dt.datetime, count: int = 3) -> list[dt.datetime]:
    """Return the next `count` times the Prefect scheduler will create runs for, after `after`.

    Uses the Prefect server's own schedule code, so daylight-saving days come out as the server plans
    them. A naive `after` is read in the schedule's timezone.
    """
    from prefect.server.schemas.schedules import CronSchedule as ServerCronSchedule

    server_schedule = ServerCronSchedule(
        cron=schedule.cron, timezone=schedule.timezone, day_or=schedule.day_or
    )
    dates = asyncio.run(server_schedule.get_dates(n=count, start=after))
    return [dt.datetime.fromtimestamp(date.timestamp(), tz=date.tzinfo) for date in dates]


def scheduled_parameters(settings_overrides: dict[str, Any]) -> dict[str, Any]:
    """Turn settings overrides into the JSON parameters of a scheduled run: `{"settings": {...}}`.

    Every scheduled run validates these into Settings at its start; fields not given come from
    NEWSDESK_* in the environment of the process that runs the flow, and `run_date` from the UTC day
    the run starts. Raises ScheduleError for `run_date` (a schedule must not repeat one night forever)
    and for unknown fields or bad values, naming them.
    """
    from pydantic import ValidationError
    from pydantic_core import to_jsonable_python

    from flows.settings import Settings

    if "run_date" in settings_overrides:
        raise ScheduleError(
            "run_date cannot be fixed on a schedule: each run takes the UTC day it starts on; "
            "run one given night with `newsdesk run --run-date D`"
        )
    try:
        Settings(**settings_overrides)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in detail['loc'])}: {detail['msg']}" for detail in error.errors()
        )
        raise ScheduleError(f"invalid settings for the scheduled nightly: {problems}") from None
    return {"settings": to_jsonable_python(settings_overrides)}


def require_prefect_server() -> str:
    """Return the configured PREFECT_API_URL after checking that the server answers.

    Raises NoPrefectServer when no API URL is configured (Prefect would start a temporary server whose
    schedules never fire) or when the server at that URL does not answer its health check.
    """
    from prefect.client.orchestration import get_client
    from prefect.settings import get_current_settings

    api_url = get_current_settings().api.url
    if not api_url:
        raise NoPrefectServer(
            "no Prefect server configured: schedules never fire on the temporary server Prefect starts "
            "without one. Start one with `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (see docs/operations.md)."
        )
    with get_client(sync_client=True) as client:
        error = client.api_healthcheck()
    if error is not None:
        raise NoPrefectServer(
            f"the Prefect server at PREFECT_API_URL={api_url} does not answer ({type(error).__name__}: "
            f"{error}); is `prefect server start` running?"
        )
    return api_url


def serve_nightly(
    settings_overrides: dict[str, Any],
    *,
    cron: str,
    timezone: str,
    deployment_name: str = SERVED_DEPLOYMENT_NAME,
) -> None:
    """Serve the nightly flow on its cron schedule until interrupted (a long-running process).

    Registers the deployment `newsdesk-nightly/<deployment_name>` on the Prefect server named by
    PREFECT_API_URL and runs each scheduled night in a subprocess, one at a time, with
    `settings_overrides` as the run's settings (the rest from NEWSDESK_* in this process's environment).
    Raises ScheduleError for a bad cron, timezone or setting, and NoPrefectServer when no long-lived
    server is configured or reachable; both before anything is registered.
    """
    schedule = build_nightly_schedule(cron, timezone)
    parameters = scheduled_parameters(settings_overrides)
    require_prefect_server()

    from flows.nightly import nightly

    # Prefect 3.9.1 hands a served flow to each run's process pickled by value, and the string annotations
    # of a module with `from __future__ import annotations` do not resolve there (the run fails with
    # "`NightlyModel` is not fully defined; you should define `Settings`"). Worker runs load the file and
    # are not affected. Resolving them here, in this process, makes served runs validate their settings.
    nightly.fn.__annotations__ = typing.get_type_hints(nightly.fn)

    upcoming = next_run_times(schedule, after=dt.datetime.now(dt.UTC), count=3)
    print(
        f"newsdesk: serving {nightly.name}/{deployment_name} on {schedule.cron!r} ({schedule.timezone}); "
        "next runs: " + ", ".join(moment.isoformat() for moment in upcoming)
    )
    nightly.serve(
        name=deployment_name,
        schedules=[schedule],
        parameters=parameters,
        description=f"The newsdesk nightly, served by `newsdesk serve` on {schedule.cron} ({schedule.timezone}).",
        tags=["newsdesk", "served"],
        # Two runs at once would race on the warehouse's build copy.
        limit=1,
        pause_on_shutdown=True,
    )
