#!/usr/bin/env bash
# `make smoke`: the product as users get it, checked end to end (CI runs it after the tests).
#  1. build the wheel and install it in a fresh venv in a temporary folder; run its --self-test
#  2. build the one-folder bundle once (make package) and run its --self-test offscreen
#  3. on the demo store, the bundle's `vendors reachable --at ... --json` and `export --format json`
#     must equal the source install's, byte for byte
# Each step prints its time. Nothing is cached outside the checkout; the temporary folder goes.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}                     # makes the fresh venv, as a user's Python would
BUILD_PYTHON=${BUILD_PYTHON:-.venv/bin/python}  # has hatchling (the test extra): no build-time fetch
SOURCE_WARROOM=${SOURCE_WARROOM:-$PWD/.venv/bin/warroom}
BUNDLE_WARROOM=$PWD/dist/warroom/warroom
AT="2013-12-24T10:00+01:00"

work=$(mktemp -d "${TMPDIR:-/tmp}/warroom-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen WARROOM_KEYRING=memory
export WARROOM_CONFIG_DIR="$work/config" WARROOM_DATA_DIR="$work/data" WARROOM_STATE_DIR="$work/state"

step() {  # step NAME COMMAND...: run it, say how long it took, stop the smoke on failure
  local name=$1 started=$SECONDS
  shift
  echo "== smoke: $name"
  if ! "$@"; then
    echo "== smoke: $name FAILED after $((SECONDS - started)) s" >&2
    exit 1
  fi
  echo "== smoke: $name ok ($((SECONDS - started)) s)"
}

build_wheel() {
  "$BUILD_PYTHON" -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir "$work/wheel" .
}

install_wheel() {
  "$PYTHON" -m venv "$work/venv"
  "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$work"/wheel/warroom-*.whl
}

wheel_self_test() {
  (cd "$work" && "$work/venv/bin/warroom" --self-test)
}

bundle_self_test() {
  (cd "$work" && "$BUNDLE_WARROOM" --self-test)
}

same_output() {
  local db="$work/demo.sqlite"
  "$SOURCE_WARROOM" --db "$db" demo >/dev/null
  for who in source bundle; do
    local exe=$SOURCE_WARROOM
    [ "$who" = bundle ] && exe=$BUNDLE_WARROOM
    "$exe" --db "$db" vendors reachable --at "$AT" --json >"$work/reachable-$who.json"
    "$exe" --db "$db" export INC-1 --format json -o "$work/incident-$who.json" >/dev/null
  done
  cmp "$work/reachable-source.json" "$work/reachable-bundle.json"
  cmp "$work/incident-source.json" "$work/incident-bundle.json"
  echo "bundle and source install agree on vendors reachable and export --format json"
}

total=$SECONDS
step "build the wheel" build_wheel
step "install it in a fresh venv" install_wheel
step "the wheel's --self-test" wheel_self_test
step "build the one-folder bundle (make package)" make --no-print-directory package
step "the bundle's --self-test" bundle_self_test
step "bundle output equals the source install's" same_output
echo "== smoke: all passed in $((SECONDS - total)) s"
