#!/usr/bin/env bash
# Trains the name taggers (Arabic, Persian, English) with Isnad's own trainer from the NER data
# in ../shared, when it is there. The data's licences (research use, non-commercial) allow a
# model built locally, never a shipped one: nothing here is committed. Without the data, names
# are found by rules, as the README says.
# Usage: scripts/train-taggers.sh BIN MODEL_DIR NER_DATA_DIR
set -euo pipefail
BIN=$1 OUT=$2 DATA=$3
EPOCHS=15
mkdir -p "$OUT"
train() {  # language files…
  local language=$1; shift
  local model="$OUT/$language.bin"
  for file in "$@"; do
    if [ ! -f "$file" ]; then echo "taggers: $language skipped ($file not found; names by rules)"; return 0; fi
  done
  # Up to date when newer than the binary that trains it and than its data.
  if [ -f "$model" ] && [ "$model" -nt "$BIN" ] && [ -z "$(find "$@" -newer "$model")" ]; then
    echo "taggers: $language up to date ($model)"; return 0
  fi
  "$BIN" train ner "$@" --language "$language" --epochs "$EPOCHS" --out "$model" | tail -1 | sed 's/^/taggers: /'
}
train ar "$DATA/ar-anercorp/dev.conll" "$DATA/ar-aqmar/train.conll" "$DATA/ar-aqmar/dev.conll"
train fa "$DATA/fa-peyma/train.conll" "$DATA/fa-peyma/dev.conll" "$DATA/fa-arman/all-folds.conll"
train en "$DATA/en-wikineural/train.conll"
