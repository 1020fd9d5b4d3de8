#!/usr/bin/env bash
# The one command that runs every test, on a fresh machine that has only the .NET SDK.
# It installs what the tests need beyond NuGet (idempotently), restores, builds, runs every test
# project, and fails on any failed test or when no test ran. Its last line is the summary.
set -euo pipefail
cd "$(dirname "$0")"

configuration="${CONFIGURATION:-Release}"
results="artifacts/test-results"

# --- what the tests need beyond NuGet -------------------------------------------------------
need_apt=()
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} (needed by the queue tests)..."
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  # The tests start their own servers on loopback; the packaged service is not needed.
  $sudo systemctl disable --now redis-server >/dev/null 2>&1 || true
fi

# --- build once, then test ------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
rm -rf "$results"
dotnet restore EmuEdit.Cloud.sln
dotnet build EmuEdit.Cloud.sln -c "$configuration" --no-restore

set +e
dotnet test EmuEdit.Cloud.sln -c "$configuration" --no-build \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
test_rc=$?
set -e

# --- summary from the TRX files: the runner's own exit code alone misses "no test ran" -------
total=0 passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0; }
  total=$((total + $(get total)))
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$total" -eq 0 ] || [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
if [ "$failed" -ne 0 ] || [ "$test_rc" -ne 0 ]; then
  exit 1
fi
