"""--executor dask: the same jobs on a Dask cluster (here a LocalCluster) give the same files."""

from __future__ import annotations

import pytest

pytest.importorskip("distributed")
# Dask's own shutdown may leave a socket for the collector: not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::DeprecationWarning")

from pptx import Presentation  # noqa: E402

from deckgen.batch import batch  # noqa: E402
from deckgen.pipeline import BuildOptions, build  # noqa: E402
from tests.helpers import HEADER, write_project  # noqa: E402

SLIDES = """\
  - kind: chart
    title: China leads
    chart: {type: bar, data: production, x: country, y: production_2023, highlight: China}
    share: [ig-square]
  - kind: stats
    title: Numbers
    items: [{value: 67%, label: agree}, {value: $90B, label: committed}]
"""


@pytest.fixture(scope="module")
def scheduler():
    """One local cluster for the module, reached by address as a real one would be."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:  # fmt: skip
        yield cluster.scheduler_address


def _pictures(deck):
    return [s.image.blob for slide in Presentation(str(deck)).slides
            for s in slide.shapes if s.shape_type == 13]  # fmt: skip


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    from deckgen.errors import ExportError
    from deckgen.render import dask

    monkeypatch.setattr(dask, "CONNECT_TIMEOUT", "1s")
    path = write_project(tmp_path, HEADER + SLIDES)
    options = BuildOptions(out_dir=tmp_path / "o", executor="dask", scheduler="tcp://127.0.0.1:9")
    with pytest.raises(ExportError, match="cannot reach the Dask scheduler"):
        build(path, options)


def test_a_build_on_a_dask_cluster_gives_the_same_deck_and_cards(tmp_path, scheduler):
    path = write_project(tmp_path, HEADER + SLIDES)
    local = build(path, BuildOptions(out_dir=tmp_path / "local"))
    remote = build(
        path, BuildOptions(out_dir=tmp_path / "dask", executor="dask", scheduler=scheduler)
    )
    assert remote.rendered == local.rendered > 0
    assert _pictures(remote.deck) == _pictures(local.deck)
    card = "deck/social/china-leads-ig-square.png"
    assert (tmp_path / "dask" / card).read_bytes() == (tmp_path / "local" / card).read_bytes()


def test_a_batch_on_a_dask_cluster_renders_and_assembles_there(tmp_path, scheduler):
    path = write_project(tmp_path, HEADER + SLIDES.replace("China leads", "'{{ row.country }}'"))
    options = BuildOptions(out_dir=tmp_path / "dask", executor="dask", scheduler=scheduler)
    result = batch(path, options, for_each="production", where=("country!=USA",))
    assert result.count("built") == 4 and not result.failed
    local = batch(path, BuildOptions(out_dir=tmp_path / "local"), for_each="production",
                  where=("country!=USA",))  # fmt: skip
    for row in local.rows:
        twin = tmp_path / "dask" / row.folder.name / "deck.pptx"
        assert _pictures(twin) == _pictures(row.folder / "deck.pptx")
