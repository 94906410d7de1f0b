"""Large task inputs reach their task without Prefect walking every item of them."""

from __future__ import annotations

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.nightly import unvisited


class ItemsCounted(dict):
    """A dict that counts how often something walks its items (Prefect's input walk does)."""

    walks = 0

    def items(self):  # type: ignore[override]
        ItemsCounted.walks += 1
        return super().items()


@task(cache_policy=NO_CACHE)  # as the nightly's tasks: a cache key would hash the inputs
def count_pages(pages: list[dict]) -> int:
    return len(pages)


@flow
def hand_over(is_unvisited: bool) -> int:
    pages = [ItemsCounted(page=index) for index in range(100)]
    return count_pages(unvisited(pages) if is_unvisited else pages)


def test_an_unvisited_input_reaches_its_task_unwalked() -> None:
    ItemsCounted.walks = 0
    assert hand_over(is_unvisited=True) == 100  # unwrapped: the task sees the list itself
    assert ItemsCounted.walks == 0

    assert hand_over(is_unvisited=False) == 100
    assert ItemsCounted.walks >= 100  # without it, Prefect walks every item
