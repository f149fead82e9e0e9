#!/usr/bin/env python3
"""Isnad's language identification against py3langid, on the same sentences.

    isnad eval language --dump /tmp/langid.tsv
    python3 scripts/langid-compare.py /tmp/langid.tsv
    python3 scripts/langid-compare.py --rank SENTENCES.tsv > RANKINGS.tsv


Needs py3langid==0.4.0 (`pip install py3langid==0.4.0`), the package whose model Isnad reads;
it is a tool for this comparison only, never a dependency of Isnad. Prints, per gold language,
the accuracy of py3langid, of Isnad's model alone (its best class) and of Isnad's decision
(model plus script rules), all folded as Isnad folds regional classes; the mean over the
languages other than ar/fa/ur/en (as `isnad eval language` reports it); and every sentence
whose best class differs between Isnad's model and py3langid.

--rank reads `lang<TAB>sentence` lines (header first) and writes each with py3langid's three
best classes (`lang<TAB>sentence<TAB>code:probability …`): the fixture
Tests/Fixtures/langid/py3langid-rankings.tsv that the tests hold Isnad's model to.
"""
import sys
from collections import defaultdict
from importlib.metadata import version

from py3langid.langid import MODEL_FILE, LanguageIdentifier

FOLDS = {"ary": "ar", "arz": "ar", "wuu": "zh", "yue": "zh", "nn": "no", "hbo": "he", "uzs": "uz",
         "sdh": "ku", "gug": "gn", "zxx": "und"}
CORE = {"ar", "fa", "ur", "en"}


def main(path):
    installed = version("py3langid")
    if installed != "0.4.0":
        print(f"warning: py3langid {installed} installed; Isnad reads the model of 0.4.0", file=sys.stderr)
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    rows = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            gold, source, isnad, model, text = line.rstrip("\n").split("\t", 4)
            ranking = [(c, float(p)) for c, p in (item.split(":") for item in model.split())]
            rows.append((gold, source, isnad, ranking, text))

    fold = lambda code: FOLDS.get(code, code)
    totals = defaultdict(int)
    correct = {name: defaultdict(int) for name in ("py3langid", "model", "isnad")}
    disagreements = []
    for gold, source, isnad, ranking, text in rows:
        ref = reference.rank(text)[:3]
        ours = ranking[0][0] if ranking else "und"
        totals[gold] += 1
        correct["py3langid"][gold] += fold(ref[0][0]) == gold
        correct["model"][gold] += fold(ours) == gold
        correct["isnad"][gold] += isnad == gold
        if ours != ref[0][0]:
            disagreements.append((gold, source, ranking, ref, text))

    names = ("py3langid", "model", "isnad")
    print(f"{'lang':5} {'n':>4}  " + "  ".join(f"{n:>9}" for n in names))
    for gold in sorted(totals):
        print(f"{gold:5} {totals[gold]:4}  " + "  ".join(f"{correct[n][gold] / totals[gold]:9.3f}" for n in names))
    other = [g for g in totals if g not in CORE]
    means = [sum(correct[n][g] / totals[g] for g in other) / max(1, len(other)) for n in names]
    print(f"mean over {len(other)} languages other than ar/fa/ur/en: "
          + ", ".join(f"{n} {m:.4f}" for n, m in zip(names, means)))
    agree = len(rows) - len(disagreements)
    print(f"best class of Isnad's model = py3langid's: {agree} of {len(rows)} sentences")
    for gold, source, ranking, ref, text in disagreements[:40]:
        show = lambda r: " ".join(f"{c}:{p:.3f}" for c, p in r)
        print(f"  [{gold} {source}] isnad model {show(ranking)} | py3langid {show(ref)} | {text[:90]}")


def rank(path):
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    with open(path, encoding="utf-8") as f:
        next(f)
        print("lang\tsentence\tpy3langid")
        for line in f:
            gold, text = line.rstrip("\n").split("\t", 1)
            ranking = " ".join(f"{c}:{p:.6f}" for c, p in reference.rank(text)[:3])
            print(f"{gold}\t{text}\t{ranking}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--rank":
        rank(sys.argv[2])
    elif len(sys.argv) == 2:
        main(sys.argv[1])
    else:
        sys.exit(__doc__)
