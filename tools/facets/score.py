#!/usr/bin/env python3
"""Scores pyq's topics and difficulties against a judged sample.

usage: score.py JUDGED.tsv PYQ.json [--errors]

JUDGED.tsv has the columns id, topic, difficulty, alt_topic, note (a topic
counts as right when it is `topic` or `alt_topic`); PYQ.json is the output
of `pyq --json` (every document). Prints topic accuracy, difficulty exact and adjacent
accuracy, the number of off-by-two errors (beginner <-> advanced), a
confusion matrix of difficulties (rows: judged, columns: pyq) and the share
of each level over every document. --errors lists the disagreements.
"""
import csv
import json
import sys
from collections import Counter

LEVELS = ["beginner", "intermediate", "advanced"]


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    with open(argv[1], newline="") as f:
        judged = list(csv.DictReader(f, delimiter="\t"))
    with open(argv[2]) as f:
        docs = {d["id"]: d for d in json.load(f)}
    show_errors = "--errors" in argv

    missing = [j["id"] for j in judged if j["id"] not in docs]
    if missing:
        print(f"not in pyq's output ({len(missing)}): {' '.join(missing)}")
    rows = [(j, docs[j["id"]]) for j in judged if j["id"] in docs]
    n = len(rows)
    topic_ok = exact = adjacent = off_by_two = 0
    confusion = Counter()
    errors = []
    for j, d in rows:
        t_ok = d["topic"] in (j["topic"], j.get("alt_topic") or j["topic"])
        gap = abs(LEVELS.index(d["difficulty"]) - LEVELS.index(j["difficulty"]))
        topic_ok += t_ok
        exact += gap == 0
        adjacent += gap <= 1
        off_by_two += gap == 2
        confusion[(j["difficulty"], d["difficulty"])] += 1
        if not t_ok or gap:
            errors.append((j, d, t_ok, gap))

    print(f"documents judged: {n}")
    print(f"topic right:            {topic_ok / n:.3f} ({topic_ok}/{n})")
    print(f"difficulty exact:       {exact / n:.3f} ({exact}/{n})")
    print(f"difficulty adjacent:    {adjacent / n:.3f} ({adjacent}/{n})")
    print(f"off by two:             {off_by_two}")
    print("\njudged \\ pyq   " + "".join(f"{lv:>14}" for lv in LEVELS))
    for a in LEVELS:
        print(f"{a:<15}" + "".join(f"{confusion[(a, b)]:>14}" for b in LEVELS))
    share = Counter(d["difficulty"] for d in docs.values())
    print(
        "\nall documents: "
        + ", ".join(f"{lv} {share[lv] / len(docs):.1%} ({share[lv]})" for lv in LEVELS)
    )
    if show_errors:
        print()
        for j, d, t_ok, gap in errors:
            what = []
            if not t_ok:
                alt = f"/{j['alt_topic']}" if j.get("alt_topic") else ""
                what.append(f"topic {d['topic']} (judged {j['topic']}{alt})")
            if gap:
                what.append(f"level {d['difficulty']} (judged {j['difficulty']})")
            print(f"{j['id']}: {'; '.join(what)}  -- {j.get('note', '')}")


if __name__ == "__main__":
    main(sys.argv)
