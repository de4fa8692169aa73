"""Fixtures the chart kinds' test modules share."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.kinds.charts.areas import Built, build_deck
from tests.kinds.charts.rows import build_native

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


@pytest.fixture(scope="session")
def area_deck(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Built]:
    """An area family kind's deck in a theme (areas.DECKS), built once a session: the
    kind's own module and the family's (test__areas.py) test the same build."""
    built: dict[tuple[str, str], Built] = {}

    def get(kind: str, theme: str) -> Built:
        if (kind, theme) not in built:
            built[kind, theme] = build_deck(tmp_path_factory.mktemp(f"{kind}-{theme}"), kind, theme)
        return built[kind, theme]

    return get


@pytest.fixture(scope="session")
def native_rows(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, object]]:
    """A dot family kind's native chart over the rents (rows.SPECS): the deck and the
    chart's frame, built once a session for the kind's module and the family's."""
    built: dict[str, tuple[Path, object]] = {}

    def get(kind: str) -> tuple[Path, object]:
        if kind not in built:
            built[kind] = build_native(tmp_path_factory.mktemp(f"native-{kind}"), kind)
        return built[kind]

    return get
