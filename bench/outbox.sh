#!/usr/bin/env bash
# Event outbox benchmark: small-image push throughput of a build without the outbox (BASE_REV, default main's
# merge base with this tree) against this tree's build, and this build again with one webhook that receives every
# push. The three servers run at the same time on fresh data directories; the client pushes to them in turn,
# round by round, alternating the order. All traffic on 127.0.0.1. Run by hand: never part of the test suite.
#   bench/outbox.sh [BASE_REV]        IMAGES (300), CLIENTS (8), ROUNDS (8) from the environment
# BENCH_NICE=-10 runs the servers and the client at that niceness (root only), as bench/run.sh does.
# Ports: OUTBOX_PORT (default 18470) for the base build, +1 outbox, +2 outbox + webhook, +3 the webhook receiver;
# a port something else already answers on stops the run (it would measure the wrong server).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
base=${1:-$(git merge-base HEAD main)}
password=bench-owner-password
p0=${OUTBOX_PORT:-18470}
out=$root/bench/out/outbox
work=$(mktemp -d /tmp/berth-outbox.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  mkdir -p "$out/logs" && cp "$work"/log-* "$out/logs/" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
nice_level=${BENCH_NICE:-0}

echo "== building base $(git rev-parse --short "$base") and this tree $(git rev-parse --short HEAD) (Release)"
mkdir -p "$work/base-src" "$out"
git archive "$base" | tar -x -C "$work/base-src"
dotnet publish "$work/base-src/src/Berth.Cli" -c Release -o "$work/base" -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet publish src/Berth.Cli -c Release -o "$out/berth" -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet publish bench/Berth.Bench -c Release -o "$out/bench" -nologo -v quiet -clp:ErrorsOnly >/dev/null

[ "$nice_level" != 0 ] && renice -n "$nice_level" -p $$ >/dev/null

# serve DLL PORT [ENV...]: starts a server on a fresh data directory.
serve() {
  local dll=$1 port=$2
  shift 2
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "outbox.sh: something already listens on port $port; set OUTBOX_PORT" >&2
    exit 1
  fi
  env BERTH__IDENTITY__INITIALOWNERPASSWORD=$password "$@" \
    dotnet "$dll" serve --listen "127.0.0.1:$port" --data "$work/data-$port" >"$work/log-$port" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/" || true)" = 401 ] && return 0
    sleep 0.1
  done
  echo "outbox.sh: server on $port did not come up" >&2
  cat "$work/log-$port" >&2
  exit 1
}

serve "$work/base/berth.dll" "$p0"
serve "$out/berth/berth.dll" $((p0 + 1))
serve "$out/berth/berth.dll" $((p0 + 2)) BERTH__WEBHOOKS__ALLOWLOOPBACK=true
curl -sf -u "owner:$password" -H 'Content-Type: application/json' -o /dev/null \
  -d "{\"name\":\"benchhook1\",\"serviceUri\":\"http://127.0.0.1:$((p0 + 3))/hook\",\"actions\":[\"push\"]}" \
  "http://127.0.0.1:$((p0 + 2))/api/v1/registries/default/webhooks"

echo "== pushing ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$out/bench/berth-bench" image-push --auth "owner:$password" --receiver-port $((p0 + 3)) \
  --targets "base=http://127.0.0.1:$p0,outbox=http://127.0.0.1:$((p0 + 1)),outbox+webhook=http://127.0.0.1:$((p0 + 2))" \
  --images "${IMAGES:-300}" --clients "${CLIENTS:-8}" --rounds "${ROUNDS:-8}"
delivered=$(curl -sf -u "owner:$password" "http://127.0.0.1:$((p0 + 2))/api/v1/registries/default/webhooks/benchhook1/events?n=1000" | jq '[.[] | select(.status == "delivered")] | length')
echo "webhook log: $delivered of the last 1000 deliveries delivered; load average after $(cut -d' ' -f1-3 /proc/loadavg)"
