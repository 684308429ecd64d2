#!/usr/bin/env bash
# Whole-program timings of pyq with hyperfine, as recorded in the README.
# Usage: benches/hyperfine.sh   (needs hyperfine and GNU time; builds release)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
pyq="$PWD/target/release/pyq"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
# hyperfine with its JSON export, then the median of each command
bench() {
    n=$((n + 1))
    hyperfine "$@" --export-json "$work/run$n.json"
    python3 -c 'import json, sys, statistics
for r in json.load(open(sys.argv[1]))["results"]:
    print("  median %9.2f ms  %s" % (statistics.median(r["times"]) * 1000, r["command"]))' "$work/run$n.json"
}

echo "== lookup with the index built, against grep: a word, and a question"
# typed as a user types them; the index folder comes from the environment
"$pyq" --index-dir "$work/index" --reindex >/dev/null
PYQ_INDEX_DIR="$work/index" bench -N --warmup 20 --runs 300 \
    "$pyq gil" \
    "$pyq 'what is the difference between a module and a package'" \
    "grep -ri gil guides/" \
    "$pyq --index-dir $work/index gil"

echo "== the same, interleaved: 40 rounds of 10 runs of each, so that a machine whose speed drifts"
echo "   (a shared virtual machine) slows all three alike; medians over every run"
for round in $(seq 1 40); do
    PYQ_INDEX_DIR="$work/index" hyperfine -N --warmup 2 --runs 10 --style none \
        "$pyq gil" \
        "$pyq 'what is the difference between a module and a package'" \
        "grep -ri gil guides/" --export-json "$work/round$round.json" >/dev/null
done
python3 -c 'import glob, json, statistics, sys
times = {}
for path in glob.glob(sys.argv[1] + "/round*.json"):
    for r in json.load(open(path))["results"]:
        times.setdefault(r["command"], []).extend(r["times"])
grep = statistics.median(next(t for c, t in times.items() if c.startswith("grep")))
for command, t in times.items():
    m = statistics.median(t)
    print("  median %9.2f ms  %5.2f x grep  %s (%d runs)" % (m * 1000, m / grep, command, len(t)))' "$work"

echo "== on a terminal: highlighted code, against grep (both in a pseudo-terminal made by script)"
PYQ_INDEX_DIR="$work/index" bench -N --warmup 20 --runs 300 \
    "$pyq --color always gil" "grep -ri --color=always gil guides/"
bench --warmup 10 --runs 100 \
    "script -qec '$pyq --index-dir $work/index --no-pager gil' /dev/null" \
    "script -qec 'grep -ri --color=always gil guides/' /dev/null" \
    "script -qec true /dev/null"

echo "== first run: empty index directory, build + answer"
bench -N --warmup 3 --runs 30 --prepare "rm -rf $work/first" \
    "$pyq --index-dir $work/first gil"

echo "== 100 copies of the guides: index build, then lookup"
mkdir -p "$work/copies"
for i in $(seq -w 1 100); do
    for f in guides/*.md; do cp "$f" "$work/copies/copy$i-$(basename "$f")"; done
done
du -sh "$work/copies"
bench -N --warmup 1 --runs 5 \
    "$pyq --index-dir $work/big --guides $work/copies --reindex"
bench -N --warmup 10 --runs 100 \
    "$pyq --index-dir $work/big --guides $work/copies gil"

echo "== typo correction on a 300,000-word vocabulary: 32 unknown words against a plain lookup"
mkdir -p "$work/huge"
awk 'BEGIN { srand(42); print "# Known words\n\nThe zebrafish section is here."
    for (s = 0; s < 1000; s++) { printf "\n## Section %d\n\n", s
        for (w = 0; w < 300; w++) { n = 7 + int(rand() * 6); word = ""
            for (i = 0; i < n; i++) word = word sprintf("%c", 97 + int(rand() * 26))
            printf "%s%s", word, (w < 299 ? " " : "\n") } } }' > "$work/huge/huge.md"
unknown=$(awk 'BEGIN { srand(7); for (w = 0; w < 32; w++) { word = ""
    for (i = 0; i < 10; i++) word = word sprintf("%c", 97 + int(rand() * 26))
    printf "%sqz%s", word, (w < 31 ? " " : "") } }')
"$pyq" --index-dir "$work/huge-index" --guides "$work/huge" --reindex >/dev/null
bench -N -i --warmup 5 --runs 100 \
    "$pyq --index-dir $work/huge-index --guides $work/huge zebrafish" \
    "$pyq --index-dir $work/huge-index --guides $work/huge '$unknown'"

echo "== a guides folder of 20,000 small files: a lookup against one without it"
mkdir -p "$work/many"
for d in $(seq 0 39); do
    mkdir -p "$work/many/d$d"
    for k in $(seq 0 499); do
        i=$((d * 500 + k))
        printf '# Note %d\n\nSome words about topic%d and thing%d.\n' "$i" $((i % 97)) "$i" \
            > "$work/many/d$d/note$i.md"
    done
done
"$pyq" --index-dir "$work/many-index" --guides "$work/many" --reindex >/dev/null 2>&1
bench -N --warmup 10 --runs 100 \
    "$pyq --index-dir $work/many-index --guides $work/many gil" \
    "$pyq --index-dir $work/index gil"

echo "== peak memory of a lookup"
for dir in "$work/index" "$work/big --guides $work/copies"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "max RSS %M KB: pyq --index-dir $dir gil" "$pyq" --index-dir $dir gil >/dev/null
done
