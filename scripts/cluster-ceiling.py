#!/usr/bin/env python3
"""How far can any threshold clustering of Isnad's signals go on a gold-labelled set?

Offline, with the gold answer used to pick the threshold (so an upper bound for a method that
sees the whole set at once, not a fair score): agglomerative clustering (average and single
linkage) over a mix of the centered e5 cosine and a tf-idf cosine of the texts, every
threshold tried, best BCubed F1 reported; plus the F1 that perfectly pure clusters would reach
at the recall of Isnad's own assignments.

    ISNAD_DUMP_VECTORS=/tmp/v.tsv ISNAD_DUMP_ASSIGNMENTS=/tmp/a.tsv isnad eval clusters wikinews
    python3 scripts/cluster-ceiling.py /tmp/v.tsv /tmp/a.tsv ../shared/data/wikinewssum/cleaned_endataset.json

Needs numpy and scipy (not needed by Isnad itself).
"""
import collections
import json
import math
import re
import sys

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform


def bcubed(gold, predicted):
    gold_size, predicted_size = collections.Counter(gold), collections.Counter(predicted)
    both = collections.Counter(zip(gold, predicted))
    precision = sum(both[(g, p)] / predicted_size[p] for g, p in zip(gold, predicted)) / len(gold)
    recall = sum(both[(g, p)] / gold_size[g] for g, p in zip(gold, predicted)) / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def main(vectors_path, assignments_path, wikinews_path):
    rows = [line.rstrip("\n").split("\t") for line in open(vectors_path, encoding="utf-8")]
    gold = [row[1] for row in rows]
    vectors = np.array([[float(x) for x in row[2].split()] if row[2] else [0.0] * 384 for row in rows])
    texts = []
    for line in open(wikinews_path, encoding="utf-8"):
        for source in json.loads(line)["sources"]:
            texts.append((source.get("title") or "") + "\n" + (source.get("maintext") or ""))
    assert len(texts) == len(rows), "the vectors and the data set disagree"

    words = [set(re.findall(r"\w+", text.lower())) for text in texts]
    frequency = collections.Counter(w for ws in words for w in ws)
    n = len(words)
    weighted = []
    for ws in words:
        v = {w: math.log(n / frequency[w]) for w in ws if 1 < frequency[w] < 0.1 * n}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        weighted.append({w: x / norm for w, x in v.items()})
    lexical = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a, b = sorted((weighted[i], weighted[j]), key=len)
            lexical[i, j] = lexical[j, i] = sum(x * b.get(w, 0.0) for w, x in a.items())
    centered = vectors - vectors.mean(0)
    centered /= np.linalg.norm(centered, axis=1, keepdims=True) + 1e-9
    semantic = centered @ centered.T

    best = (0.0, None)
    for mix in (0.0, 0.5, 1.0, 2.0, 4.0):
        distance = np.clip(1 - (semantic + mix * lexical) / (1 + mix), 0, 3)
        np.fill_diagonal(distance, 0)
        condensed = squareform(distance, checks=False)
        for method in ("average", "single"):
            tree = linkage(condensed, method)
            for threshold in np.linspace(0.02, 1.5, 150):
                f1 = bcubed(gold, [str(x) for x in fcluster(tree, threshold, "distance")])[2]
                if f1 > best[0]:
                    best = (f1, f"{method} linkage, lexical mix {mix}, distance {threshold:.2f}")
    print(f"best offline threshold clustering (gold-picked): BCubed F1 {best[0]:.3f} ({best[1]})")

    assigned = [line.rstrip("\n").split("\t") for line in open(assignments_path, encoding="utf-8")]
    predicted = [row[1] for row in assigned]
    p, r, f = bcubed(gold, predicted)
    pure = bcubed(gold, [f"{x}|{g}" for x, g in zip(predicted, gold)])
    print(f"isnad: BCubed P {p:.3f} R {r:.3f} F1 {f:.3f}; with every story made pure at the same recall: F1 {pure[2]:.3f}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
