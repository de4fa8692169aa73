"""Derive deckgen/kinds/charts/us_states.json, the U.S. state shapes and tile grid.

python tools/make_us_states.py [OUT]

Reads the public-domain Census cartographic boundary file that ships inside the PyPI
package plotly-geo (read with pyshp; both are needed here only, never by deckgen),
projects it as the usual "Albers USA" composite, simplifies the outlines and writes
compact, byte-for-byte deterministic JSON. Shared borders are split into arcs and each arc
is simplified once, so neighbouring states keep exactly the same edge: no slivers or gaps.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
from collections.abc import Callable, Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import shapefile

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "deckgen" / "kinds" / "charts" / "us_states.json"
SHAPEFILE = "cb_2016_us_state_500k"
WIDTH = 1000  # output frame width; height follows from the map's aspect ratio
MARGIN = 4
TOLERANCE = 0.8  # Douglas-Peucker distance in output units: ~3.6 km in the lower 48
MIN_AREA = 4.0  # islands smaller than this (output units²) would be specks: dropped
HI_WEST = -161.0  # the Northwestern Hawaiian Islands would stretch the inset across the map

# The NPR / Washington Post style tile grid: one row per string, one column per token.
TILE_ROWS = (
    "AK .. .. .. .. .. .. .. .. .. .. ME",
    ".. .. .. .. .. .. WI .. .. .. VT NH",
    ".. WA ID MT ND MN IL MI .. NY MA ..",
    ".. OR NV WY SD IA IN OH PA NJ CT RI",
    ".. CA UT CO NE MO KY WV VA MD DE ..",
    ".. .. AZ NM KS AR TN NC SC DC .. ..",
    ".. .. .. .. OK LA MS AL GA .. .. ..",
    "HI .. .. .. TX .. .. .. .. FL .. ..",
)
TILES = {c: (r, col) for r, row in enumerate(TILE_ROWS) for col, c in enumerate(row.split())}
del TILES[".."]

Point = tuple[float, float]
Projection = Callable[[float, float], Point]


def albers(lon0: float, lat0: float, lat1: float, lat2: float) -> Projection:
    """Spherical Albers equal-area conic (Snyder, Map Projections, p. 100); y grows north."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    n = (math.sin(phi1) + math.sin(phi2)) / 2
    c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
    rho0 = math.sqrt(c - 2 * n * math.sin(math.radians(lat0))) / n

    def project(lon: float, lat: float) -> Point:
        rho = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
        theta = n * math.radians(lon - lon0)
        return rho * math.sin(theta), rho0 - rho * math.cos(theta)

    return project


# (projection, scale, anchor lon/lat, where the anchor lands relative to the lower 48's
# anchor, y down): d3.geoAlbersUsa's constants, so the insets sit where readers expect.
INSETS: dict[str, tuple[Projection, float, Point, Point]] = {
    "": (albers(-96, 37.5, 29.5, 45.5), 1.0, (-96.6, 38.7), (0.0, 0.0)),
    "AK": (albers(-154, 50, 55, 65), 0.35, (-156, 58.5), (-0.307, 0.201)),
    "HI": (albers(-157, 3, 8, 18), 1.0, (-160, 19.9), (-0.205, 0.212)),
}


def to_frame(code: str) -> Callable[[float, float], Point]:
    """Map lon/lat to the composite's unit frame (y down) for one state."""
    project, scale, (alon, alat), (ox, oy) = INSETS.get(code, INSETS[""])
    ax, ay = project(alon, alat)

    def place(lon: float, lat: float) -> Point:
        x, y = project(lon, lat)
        return ox + scale * (x - ax), oy - scale * (y - ay)

    return place


def read_states(shp: Path) -> list[tuple[str, str, str, list[list[Point]]]]:
    """(fips, code, name, rings in lon/lat without closing points) for the 50 states + DC."""
    states = []
    with shapefile.Reader(str(shp)) as reader:
        for item in reader.iterShapeRecords():
            code = item.record["STUSPS"]
            if code not in TILES:  # Puerto Rico and the island areas
                continue
            pts, bounds = item.shape.points, [*item.shape.parts, len(item.shape.points)]
            rings = []
            for a, b in itertools.pairwise(bounds):
                ring = [(float(x), float(y)) for x, y in pts[a : b - 1]]
                if code == "AK":  # the Aleutians west of 180° come as +lon: make it one piece
                    ring = [(x - 360 if x > 0 else x, y) for x, y in ring]
                if code == "HI" and min(x for x, _ in ring) < HI_WEST:
                    continue
                rings.append(ring)
            states.append((item.record["STATEFP"], code, item.record["NAME"], rings))
    return sorted(states, key=lambda s: s[1])


def junctions(rings: list[list[Point]]) -> set[Point]:
    """Points where borders meet or part: a vertex seen with more than one pair of neighbours.

    Census boundaries share exact vertices along common borders, so cutting every ring at
    these points gives arcs that are identical in each state that uses them.
    """
    seen: dict[Point, set[frozenset[Point]]] = {}
    for ring in rings:
        for i, p in enumerate(ring):
            seen.setdefault(p, set()).add(frozenset((ring[i - 1], ring[(i + 1) % len(ring)])))
    return {p for p, pairs in seen.items() if len(pairs) > 1}


def split_ring(ring: list[Point], cuts: set[Point]) -> list[tuple[Point, ...]]:
    """The ring as arcs between junctions; a ring with none is one closed arc."""
    first = next((i for i, p in enumerate(ring) if p in cuts), 0)
    loop = ring[first:] + ring[:first] + [ring[first]]
    arcs, current = [], [loop[0]]
    for p in loop[1:]:
        current.append(p)
        if p in cuts:
            arcs.append(tuple(current))
            current = [p]
    return arcs if current == [loop[-1]] else [*arcs, tuple(current)]


def douglas_peucker(pts: list[Point], tol: float) -> list[Point]:
    """Keep the ends and every point farther than tol from the simplified line (iterative,
    since Alaska's coast has arcs far longer than Python's recursion limit)."""
    if pts[0] == pts[-1] and len(pts) > 2:  # closed: split at the farthest point first
        x0, y0 = pts[0]
        far = max(range(len(pts)), key=lambda i: math.hypot(pts[i][0] - x0, pts[i][1] - y0))
        return douglas_peucker(pts[: far + 1], tol)[:-1] + douglas_peucker(pts[far:], tol)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = pts[a], pts[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy) or 1.0
        best, far = tol, -1
        for i in range(a + 1, b):
            d = abs(dy * (pts[i][0] - ax) - dx * (pts[i][1] - ay)) / norm
            if d > best:
                best, far = d, i
        if far >= 0:
            keep[far] = True
            stack += [(a, far), (far, b)]
    return [p for p, k in zip(pts, keep, strict=True) if k]


def area(ring: Sequence[tuple[float, float]]) -> float:
    """Unsigned shoelace area."""
    pairs = zip(ring, [*ring[1:], ring[0]], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2


def build(shp: Path) -> dict[str, Any]:
    states = read_states(shp)
    frame: dict[Point, Point] = {}
    for _, code, _, rings in states:
        place = to_frame(code)
        frame.update((p, place(*p)) for ring in rings for p in ring)
    xs, ys = [x for x, _ in frame.values()], [y for _, y in frame.values()]
    left, top = min(xs), min(ys)
    k = (WIDTH - 2 * MARGIN) / (max(xs) - left)
    pos = {p: ((x - left) * k, (y - top) * k) for p, (x, y) in frame.items()}

    cuts = junctions([r for _, _, _, rings in states for r in rings])
    # Each state's largest ring is kept whatever happens; a ring only a few units across
    # (DC) needs a finer tolerance than TOLERANCE to stay more than a triangle. Tolerance
    # is per arc (the finest any ring using it asks for), so neighbours still agree.
    tolerance: dict[tuple[Point, ...], float] = {}
    mains: list[int] = []
    for _, _, _, rings in states:
        sizes = [area([pos[p] for p in ring]) for ring in rings]
        mains.append(sizes.index(max(sizes)))
        for i, ring in enumerate(rings):
            tol = min(TOLERANCE, math.sqrt(sizes[i]) / 8) if i == mains[-1] else TOLERANCE
            for piece in split_ring(ring, cuts):
                canon = min(piece, piece[::-1])
                tolerance[canon] = min(tol, tolerance.get(canon, tol))
    simplified: dict[tuple[Point, ...], list[Point]] = {}

    def arc(raw: tuple[Point, ...]) -> list[Point]:
        # One result per arc whichever way a ring runs along it, so neighbours agree exactly.
        canon = min(raw, raw[::-1])
        if canon not in simplified:
            simplified[canon] = douglas_peucker([pos[p] for p in canon], tolerance[canon])
        return simplified[canon] if canon == raw else simplified[canon][::-1]

    out: list[dict[str, Any]] = []
    for (fips, code, name, rings), main in zip(states, mains, strict=True):
        paths = []
        for i, ring in enumerate(rings):
            pts: list[tuple[int, int]] = []
            for piece in split_ring(ring, cuts):
                for x, y in arc(piece)[:-1]:
                    q = (round(x), round(y))
                    if not pts or pts[-1] != q:
                        pts.append(q)
            while len(pts) > 1 and pts[0] == pts[-1]:
                pts.pop()
            # Islands that shrank to specks go; the largest piece stays (DC, RI).
            if i == main or (len(pts) >= 3 and area(pts) >= MIN_AREA):
                paths.append(pts)
        out.append({"fips": fips, "code": code, "name": name, "paths": paths})

    # Shift so the kept shapes start at the margin (dropped specks may have set the bbox).
    x0 = min(x for s in out for p in s["paths"] for x, _ in p) - MARGIN
    y0 = min(y for s in out for p in s["paths"] for _, y in p) - MARGIN
    for s in out:
        s["paths"] = [[[x - x0, y - y0] for x, y in p] for p in s["paths"]]
        s["tile"] = list(TILES[s["code"]])
    return {
        "source": f"U.S. Census Bureau cartographic boundary file {SHAPEFILE} (1:500,000), "
        f"from the package data of plotly-geo {metadata.version('plotly-geo')}",
        "licence": "public domain (U.S. Census Bureau cartographic boundary files, "
        "via the plotly-geo package)",
        "projection": "Albers equal-area conic on a sphere (lower 48: standard parallels "
        "29.5 and 45.5, central meridian -96, latitude of origin 37.5); Alaska (parallels "
        "55/65, meridian -154, scale 0.35) and Hawaii (parallels 8/18, meridian -157) as "
        "insets at the lower left as in d3.geoAlbersUsa; y grows downward",
        "width": max(x for s in out for p in s["paths"] for x, _ in p) + MARGIN,
        "height": max(y for s in out for p in s["paths"] for _, y in p) + MARGIN,
        "states": out,
    }


def dump(data: dict[str, Any]) -> str:
    """Compact JSON with sorted keys, one state per line so diffs stay readable."""

    def compact(v: object) -> str:
        return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    states = "[\n" + ",\n".join(map(compact, data["states"])) + "\n]"
    fields = [
        f"{compact(k)}:{states if k == 'states' else compact(v)}" for k, v in sorted(data.items())
    ]
    return "{" + ",\n".join(fields) + "}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=OUT)
    args = parser.parse_args()
    shp = resources.files("_plotly_geo") / "package_data" / f"{SHAPEFILE}.shp"
    data = dump(build(Path(str(shp)))).encode("utf-8")
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
