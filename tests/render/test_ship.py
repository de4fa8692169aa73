"""Jobs sent to another machine carry the files they name, and draw the same bytes."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from deckgen.render.ship import Parcel, pack, run_parcel, unpack

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True)
class _Job:
    font: Path
    folder: Path
    label: str


def _read(job: _Job) -> bytes:
    return job.font.read_bytes()


def test_a_job_arrives_with_its_files_and_not_our_paths(tmp_path):
    font = tmp_path / "brand" / "Heading.ttf"
    font.parent.mkdir()
    font.write_bytes(b"not really a font")
    parcel = pack(_Job(font, tmp_path, "x"))
    font.unlink()  # the worker's machine has no such file
    job = unpack(parcel, tmp_path / "worker")
    assert job.font.read_bytes() == b"not really a font"
    assert job.font.parent == tmp_path / "worker" and job.font.suffix == ".ttf"
    assert job.folder == tmp_path and job.label == "x"  # a folder is not a file: left as is


def test_a_file_is_written_once_per_worker(tmp_path):
    font = tmp_path / "a.otf"
    font.write_bytes(b"abc")
    first = unpack(pack(_Job(font, tmp_path, "1")), tmp_path / "w").font
    stamp = first.stat().st_mtime_ns
    second = unpack(pack(_Job(font, tmp_path, "2")), tmp_path / "w").font
    assert first == second and second.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in (tmp_path / "w").iterdir()) == [first.name]


def test_a_file_that_does_not_match_its_digest_is_refused(tmp_path):
    font = tmp_path / "a.ttf"
    font.write_bytes(b"abc")
    parcel = pack(_Job(font, tmp_path, "1"))
    (digest,) = parcel.files
    forged = Parcel(parcel.payload, {digest: b"abd"}, parcel.suffixes)
    with pytest.raises(pickle.UnpicklingError, match="does not match its digest"):
        unpack(forged, tmp_path / "w")


def test_a_parcel_runs_its_function_with_its_argument(tmp_path):
    font = tmp_path / "a.ttf"
    font.write_bytes(b"abc")
    assert run_parcel(pack((_read, _Job(font, tmp_path, "1")))) == b"abc"
