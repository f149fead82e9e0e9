#!/usr/bin/env python3
"""Peer for `make bench`: trafilatura's main-text extraction on the article-extraction benchmark.

Writes {"texts": {name: text}, "seconds": s, "pages": n, "passes": k} so that Isnad's
`eval extraction --compare` can score it and bench.sh can compare speed. Single thread,
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
start = time.perf_counter()
for _ in range(passes):
    for name, raw in pages.items():
        texts[name] = trafilatura.extract(raw, include_comments=False, include_tables=True) or ""
seconds = time.perf_counter() - start
json.dump({"texts": texts, "seconds": seconds, "pages": len(pages), "passes": passes,
           "version": trafilatura.__version__}, open(out, "w"))
print(f"html-extract-trafilatura  {len(pages) * passes / seconds:.1f}  pages/s  (trafilatura {trafilatura.__version__}, 1 thread)")
