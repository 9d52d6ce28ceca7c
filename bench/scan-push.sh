#!/usr/bin/env bash
# Push throughput with scanning on against scanning off (issue 5, target: on >= 0.9 x off). Starts two Release
# builds of berth on loopback with fresh data directories (identical but for Berth:Scanning:Enabled), runs
# `berth-bench scan-push` against both, prints the figures. Run by hand; never part of the test suite.
#   bench/scan-push.sh [IMAGES] [CLIENTS] [ROUNDS]     defaults 200 8 3
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
images=${1:-200}
clients=${2:-8}
rounds=${3:-3}
out=$root/bench/out
work=$(mktemp -d /tmp/berth-scanbench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish src/Berth.Cli -c Release -o "$out/berth" -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet publish bench/Berth.Bench -c Release -o "$out/bench" -nologo -v quiet -clp:ErrorsOnly >/dev/null

start() { # start PORT ENABLED
  BERTH__Identity__InitialOwnerPassword=bench-owner-password BERTH__Scanning__Enabled=$2 BERTH__Gc__Enabled=false \
    "$out/berth/berth" serve --listen "127.0.0.1:$1" --data "$work/data-$1" >"$work/log-$1" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/v2/" || true)" = 401 ] && return 0
    sleep 0.1
  done
  echo "scan-push.sh: berth on port $1 did not start" >&2; cat "$work/log-$1" >&2; exit 1
}
start 18090 true
start 18091 false
"$out/bench/berth-bench" scan-push --on http://127.0.0.1:18090 --off http://127.0.0.1:18091 --auth owner:bench-owner-password \
  --images "$images" --clients "$clients" --rounds "$rounds" --out "$out/scan-push.json"
