#!/usr/bin/env bash
# Runs the whole Candor test suite: every storage test on SQLite and on a throwaway PostgreSQL server
# (started by the tests themselves), CLI tests against the real executable, and browser tests in
# Debian's Chromium. Installs the PostgreSQL server and Chromium from Debian's packages when missing.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The demo ads are full of emoji; without a font for them the browser tests' screenshots show empty boxes.
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]} from Debian packages"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Candor.slnx -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
status=0
# One test project after the other: the browser tests are timing-sensitive and should not share the two cores
# with the storage tests' servers.
for project in tests/Candor.Tests tests/Candor.Browser.Tests; do
  dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee -a "$log" || status=$?
done

# Stop any throwaway PostgreSQL a test process could not stop itself (its exit handlers do not always run).
pg_ctl="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/pg_ctl"
for folder in "${TMPDIR:-/tmp}"/candor-pg-*; do
  [ -d "$folder" ] || continue
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$pg_ctl" -D "$folder" -m immediate stop >/dev/null 2>&1 || true
  else "$pg_ctl" -D "$folder" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$folder"
done
rm -rf "${TMPDIR:-/tmp}/candor-tests" "${TMPDIR:-/tmp}/candor-browser-tests"

# One plain closing line for CI: the totals over every test project.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then echo "test.sh: no test ran" >&2; exit 1; fi
exit "$status"
