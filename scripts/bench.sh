#!/usr/bin/env bash
# make bench: speed and memory of the foundation, with the peers measured in the same run.
# Prints one line per figure: name  value  unit  (peer value, ratio).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/isnad
WORK=${BENCH_DIR:-$(mktemp -d /tmp/isnad-bench.XXXXXX)}
ARTICLES=${BENCH_ARTICLES:-10000}
GB_FILES=${BENCH_GB_FILES:-40000}
GB_SIZE=${BENCH_GB_SIZE:-25000}
TRAFILATURA="trafilatura==2.3.1 lxml-html-clean==0.4.6"
trap 'rm -rf "$WORK"' EXIT

echo "# isnad bench $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; work folder $WORK"

# 1. Plain-text ingest: 10,000 generated 3 KB articles into a fresh store.
"$BIN" bench generate "$WORK/txt" --count "$ARTICLES" --size 3000 >/dev/null
sync  # let the kernel write the generated files out before the clock starts
start=$(date +%s.%N)
"$BIN" ingest "$WORK/txt" --store "$WORK/txt.sqlite" >/dev/null
end=$(date +%s.%N)
python3 -c "import sys; n=int(sys.argv[1]); s=float(sys.argv[3])-float(sys.argv[2]); print(f'ingest-txt  {n/s:.0f}  articles/s  ({n} articles of 3 KB, {s:.1f} s; target >= 1000)')" "$ARTICLES" "$start" "$end"

# 2. HTML extraction against trafilatura on the 181 real pages of the extraction benchmark.
sync
python3 -c "import trafilatura" 2>/dev/null || python3 -m pip install -q --disable-pip-version-check $TRAFILATURA >/dev/null 2>&1
isnad_line=$("$BIN" bench html --passes 7)
traf_line=$(python3 scripts/trafilatura_extract.py "$WORK/trafilatura.json" 3)
isnad_rate=$(echo "$isnad_line" | awk '{print $2}')
traf_rate=$(echo "$traf_line" | awk '{print $2}')
python3 -c "import sys; a=float(sys.argv[1]); b=float(sys.argv[2]); print(f'html-extract  {a:.1f}  pages/s  (trafilatura {b:.1f} pages/s, ratio {a/b:.1f}x; target >= 10x; one thread each, median passes)')" "$isnad_rate" "$traf_rate"
"$BIN" eval extraction --compare "$WORK/trafilatura.json" | sed 's/^/  /'

# 3. Peak memory while ingesting about 1 GB of files.
"$BIN" bench generate "$WORK/gb" --count "$GB_FILES" --size "$GB_SIZE" --per-folder 2000 >/dev/null
bytes=$(du -sb "$WORK/gb" | cut -f1)
sync
/usr/bin/time -v "$BIN" ingest "$WORK/gb" --store "$WORK/gb.sqlite" >/dev/null 2>"$WORK/time.txt" || true
rss_kb=$(grep "Maximum resident set size" "$WORK/time.txt" | awk '{print $NF}')
wall=$(grep "Elapsed (wall clock)" "$WORK/time.txt" | awk '{print $NF}')
python3 -c "import sys; kb=int(sys.argv[1]); b=int(sys.argv[2]); print(f'ingest-1gb-peak-rss  {kb/1024:.0f}  MB  ({b/1e9:.2f} GB in {sys.argv[3]} files, wall {sys.argv[4]}; target < 300 MB)')" "$rss_kb" "$bytes" "$GB_FILES" "$wall"
