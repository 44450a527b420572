"""What the place table costs: building it, loading it from the snapshot, matching sentences.

    python benchmarks/places.py [--articles ../shared/dev/articles] [--repeat 5]

Building runs once per machine (the snapshot keeps the result); matching
runs on every sentence the judge asks about, so its rate is the one that
matters at scale. Sentences are split naively on full stops: this measures
the matcher, not the sentencizer.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "dev" / "articles")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    os.environ["FACTCHECK_CACHE"] = tempfile.mkdtemp(prefix="factcheck-bench-")
    from factcheck.reference import UK2024
    from factcheck.reference.places import PlaceIndex, build_places, capitalised_aliases
    from factcheck.reference.uk2024 import FILES

    ref = UK2024(ROOT / "reference_data")  # validates and writes the snapshot
    import pandas as pd

    places = pd.read_csv(ref.data_dir / FILES["places"], encoding="utf-8-sig")
    seats = pd.read_csv(ref.data_dir / FILES["place_seats"], encoding="utf-8-sig")
    builds = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        rows = places.to_dict("records")
        PlaceIndex(build_places(rows, seats.to_dict("records"), ref.seats), [s.name for s in ref.seats.values()],
                   capitalised_aliases(rows))
        builds.append(time.perf_counter() - t)
    loads = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        UK2024(ROOT / "reference_data")
        loads.append(time.perf_counter() - t)

    sentences = []
    for path in sorted(args.articles.glob("*.txt")):
        sentences += [s for s in path.read_text(encoding="utf-8", errors="replace").split(". ") if s.strip()]
    index = ref.places
    t = time.perf_counter()
    found = sum(len(index.find_places(s)) for s in sentences)
    match = time.perf_counter() - t
    print(f"places: {len(index.places)}, place-seat rows: {len(seats)}")
    print(f"build the place index from the parsed tables: median {1000 * statistics.median(builds):.1f} ms")
    print(f"load the whole reference from the snapshot: median {1000 * statistics.median(loads):.1f} ms")
    print(f"find_places: {len(sentences)} sentences in {match:.3f} s "
          f"({len(sentences) / match:,.0f} sentences/s), {found} mentions")


if __name__ == "__main__":
    main()
