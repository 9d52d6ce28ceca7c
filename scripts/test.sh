#!/usr/bin/env bash
# Runs the whole Berth test suite on a fresh Debian machine: installs what the tests need, builds,
# runs every test project, and ends with one summary line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

# netavark explicitly: podman only depends on "a network stack" and may otherwise get CNI plugins,
# while the interop fixture configures network_backend = "netavark" (see engine.md).
# rpm (rpmbuild + sqlite rpmdb), golang-go and binutils (objcopy): the inventory tests build real package
# databases and binaries with them.
packages=(podman runc netavark skopeo umoci busybox-static uidmap fuse-overlayfs rpm golang-go binutils)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing Debian packages: ${missing[*]} (run as root or install them)" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Berth.slnx -c Release -nologo -clp:ErrorsOnly

results=TestResults
rm -rf "$results"
status=0
dotnet test Berth.slnx -c Release --no-build --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" -- RunConfiguration.TestSessionTimeout=3600000 || status=$?

passed=0; failed=0; skipped=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$((total + $(get total))); passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get total) - $(get executed)))
done
if [ "$total" -eq 0 ]; then
  echo "test.sh: no tests ran" >&2
  status=1
fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
