#!/usr/bin/env bash
# Full rebuild of a store's stories, this version against the whole-store replay that every
# ingest ran before incremental stories (commit f381ae5), on the same articles and signals in
# one run. Usage: [OLD_BIN=…] scripts/compare-recluster.sh STORE [OLD_COMMIT]
# STORE is a store made by this version, e.g. `isnad bench store --count 200000 --store S`.
# The old binary reads a copy whose schema is put back to the last migration it knows
# (v4-name-keys: later migrations only added tables, columns and indexes).
set -euo pipefail
STORE=${1:?usage: scripts/compare-recluster.sh STORE [OLD_COMMIT]}
OLD=${2:-f381ae5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'git -C "$ROOT" worktree remove --force "$WORK/old" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

# OLD_BIN: an old binary built before (else OLD_COMMIT is built in a temporary worktree).
OLD_BIN=${OLD_BIN:-}
if [ -z "$OLD_BIN" ]; then
  git -C "$ROOT" worktree add --detach "$WORK/old" "$OLD" >/dev/null
  (cd "$WORK/old" && swift build -c release --product isnad >/dev/null)
  OLD_BIN="$WORK/old/.build/release/isnad"
fi
(cd "$ROOT" && swift build -c release --product isnad >/dev/null)

cp "$STORE" "$WORK/old.sqlite"
cp "$STORE" "$WORK/new.sqlite"
sqlite3 "$WORK/old.sqlite" <<'SQL'
DELETE FROM grdb_migrations WHERE identifier NOT IN ('v1-articles', 'v2-stories', 'v3-fts-explicit-insert', 'v4-name-keys');
DROP INDEX IF EXISTS stories_latest; DROP INDEX IF EXISTS stories_mergedInto;
DROP INDEX IF EXISTS storyArticles_position; DROP INDEX IF EXISTS articleSignals_day;
DROP INDEX IF EXISTS articleSignals_withoutNameKeys;
DROP INDEX IF EXISTS copyBands_key; DROP INDEX IF EXISTS copyBands_position;
SQL

# Who said what is not part of the rebuild: an unreadable user lexicon leaves it queued.
mkdir -p "$WORK/lexicon" && echo "not a lexicon line" > "$WORK/lexicon/ar.tsv"
run() {  # label binary store
    sync
    local start end
    start=$(date +%s.%N)
    ISNAD_LEXICON="$WORK/lexicon" /usr/bin/time -f "%M" -o "$WORK/$1.rss" "$2" recluster --store "$3" >"$WORK/$1.out" 2>"$WORK/$1.err"
    end=$(date +%s.%N)
    python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$end" >"$WORK/$1.wall"
    echo "$1: $(tail -1 "$WORK/$1.out"); wall $(cat "$WORK/$1.wall") s; peak RSS $(( $(cat "$WORK/$1.rss") / 1024 )) MB"
}
run old "$OLD_BIN" "$WORK/old.sqlite"
run new "$ROOT/.build/release/isnad" "$WORK/new.sqlite"
n=$(sqlite3 "$STORE" "SELECT count(*) FROM articles")
python3 - "$n" "$(cat "$WORK/old.wall")" "$(cat "$WORK/new.wall")" "$OLD" <<'PY'
import sys
n, old, new = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"recluster-vs-replay  {old / new:.2f}  x  ({n} articles: {n / new:.0f} articles/s against {n / old:.0f} for {sys.argv[4]}'s replay; target >= 1.00)")
PY
