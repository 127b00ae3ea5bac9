"""How fast one authority's profile is (issue 17: under 1 s).

* ``oa.profile(authority, topic)`` with the tables already loaded (what a notebook or a script
  that draws several profiles pays for each), for every topic (ours and LAIT's) of a few
  authorities, among them a tiny one, an abolished one and a new one;
* the same with the tables read from the store inside the call (what one call from a fresh
  script pays after importing pandas);
* ``ofsted-analysis profile NAME --topic TOPIC`` in a fresh process (interpreter start and
  imports included).

Usage: python benchmarks/bench_profile.py [--repeat 5] [--data DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from _timing import timed  # a sibling module: scripts here run from this folder

AUTHORITIES = ("Leeds", "Isles of Scilly", "Cumbria", "Cumberland", "Birmingham")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data", default=None)
    args = parser.parse_args()
    import ofsted_analysis as oa
    from ofsted_analysis.outcomes.profile import profile_topics, topic_measures

    o, j = oa.load_outcomes(args.data), oa.load(args.data)
    topics = profile_topics()  # ours and LAIT's
    sizes = {t: len(topic_measures(t)) for t in topics}
    results: dict[str, list[float]] = {}
    oa.profile("Leeds", topics[0], outcomes=o, judgements=j, data=args.data)  # warm imports
    for _ in range(args.repeat):
        took = []
        for who in AUTHORITIES:
            for t in topics:
                s = time.perf_counter()
                oa.profile(who, t, outcomes=o, judgements=j, data=args.data)
                took.append(time.perf_counter() - s)
        results.setdefault("profile, tables loaded: median authority x topic", []).append(
            statistics.median(took)
        )
        results.setdefault("profile, tables loaded: slowest authority x topic", []).append(
            max(took)
        )
        s = time.perf_counter()
        oa.profile("Leeds", "children looked after", data=args.data)
        results.setdefault("profile of Leeds, tables read in the call", []).append(
            time.perf_counter() - s
        )
        cli = [sys.executable, "-m", "ofsted_analysis", "profile", "Leeds", "--topic"]
        cli += ["children looked after"] + (["--data", args.data] if args.data else [])
        results.setdefault("ofsted-analysis profile Leeds (fresh process)", []).append(
            timed(cli, dict(os.environ))
        )
    print(
        f"{os.cpu_count()} cores; median of {args.repeat} runs; {len(o):,} outcome rows; "
        f"{len(AUTHORITIES)} authorities x {len(topics)} topics of {min(sizes.values())} to "
        f"{max(sizes.values())} measures"
    )
    print(f"{'what':52} {'median s':>9} {'min s':>7} {'max s':>7}")
    for what, times in results.items():
        print(f"{what:52} {statistics.median(times):9.3f} {min(times):7.3f} {max(times):7.3f}")


if __name__ == "__main__":
    main()
