#!/usr/bin/env bash
# Name tagger figures on the development data of ../shared (the test splits are held out):
# each model is trained with `isnad train ner` on one part and scored with `isnad eval ner`
# (names through the who-said-what step, as in articles) on another.
#   ANERcorp: trained on its first 80% and AQMAR train, scored on its last 20%
#   AQMAR:    the same model, scored on AQMAR dev
#   PEYMA:    trained on PEYMA train and ArmanPersoNER, scored on PEYMA dev
#   WikiNEuRal English: trained on the first 80% of its file, scored on the rest
# Usage: scripts/eval-ner.sh [BIN]   (ISNAD_SHARED: the shared folder, default ../shared)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/.build/release/isnad}
D=${ISNAD_SHARED:-$ROOT/../shared}/data/ner
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 - "$D/ar-anercorp/dev.conll" "$WORK/anercorp-80.conll" <<'PY'
import sys
sentences = open(sys.argv[1], encoding="utf-8").read().strip("\n").split("\n\n")
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(sentences[:round(len(sentences) * 0.8)]) + "\n")
PY
"$BIN" train ner "$WORK/anercorp-80.conll" "$D/ar-aqmar/train.conll" --language ar --epochs 15 --out "$WORK/ar.bin" >/dev/null
"$BIN" train ner "$D/fa-peyma/train.conll" "$D/fa-arman/all-folds.conll" --language fa --epochs 15 --out "$WORK/fa.bin" >/dev/null
"$BIN" train ner "$D/en-wikineural/train.conll" --language en --take 0.8 --epochs 15 --out "$WORK/en.bin" >/dev/null
# The rules alone: every installed model file but the taggers.
MODELS=${ISNAD_MODELS:-$HOME/.cache/isnad/models}
mkdir -p "$WORK/rules"
for entry in "$MODELS"/*; do [ "$(basename "$entry")" = ner ] || ln -s "$entry" "$WORK/rules/"; done
score() {  # label model file [options]
  local label=$1 model=$2 file=$3; shift 3
  echo "$label  tagger: $("$BIN" eval ner "$file" --tagger "$model" "$@" | sed -n 2p)"
  echo "$label  rules:  $(ISNAD_MODELS="$WORK/rules" "$BIN" eval ner "$file" "$@" | sed -n 2p)"
}
score ar-anercorp "$WORK/ar.bin" "$D/ar-anercorp/dev.conll" --skip 0.8
score ar-aqmar "$WORK/ar.bin" "$D/ar-aqmar/dev.conll"
score fa-peyma "$WORK/fa.bin" "$D/fa-peyma/dev.conll"
score en-wikineural "$WORK/en.bin" "$D/en-wikineural/train.conll" --skip 0.8
