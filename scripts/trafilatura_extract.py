#!/usr/bin/env python3
"""Peer for `make bench`: trafilatura's main-text extraction on the article-extraction benchmark.

Writes {"texts": {name: text}, "seconds": s, "pages": n, "passes": k} so that Isnad's
`eval extraction --compare` can score it and bench.sh can compare speed (median pass). Single thread,
extraction only (pages are read and decompressed before the clock starts).
"""
import gzip
import json
import os
import sys
import time

import trafilatura

shared = os.environ.get("ISNAD_SHARED", "../shared")
root = os.path.join(shared, "data/article-extraction-benchmark")
out = sys.argv[1]
passes = int(sys.argv[2]) if len(sys.argv) > 2 else 1
truth = json.load(open(os.path.join(root, "ground-truth.json")))
pages = {}
for name in sorted(truth):
    with gzip.open(os.path.join(root, "html", name + ".html.gz")) as f:
        pages[name] = f.read()
texts = {}
rates = []
for _ in range(passes):
    start = time.perf_counter()
    for name, raw in pages.items():
        texts[name] = trafilatura.extract(raw, include_comments=False, include_tables=True) or ""
    rates.append(len(pages) / (time.perf_counter() - start))
rate = sorted(rates)[len(rates) // 2]  # the median pass, as for Isnad
seconds = len(pages) / rate
json.dump({"texts": texts, "seconds": seconds, "pages": len(pages), "passes": passes,
           "version": trafilatura.__version__}, open(out, "w"))
print(f"html-extract-trafilatura  {rate:.1f}  pages/s  (trafilatura {trafilatura.__version__}, 1 thread, median of {passes} passes)")
