#!/usr/bin/env bash
# Benchmarks Berth against the reference registry (CNCF distribution 2.8, Debian `docker-registry`) in one
# run on this machine: same client, same scenarios, both on local filesystem storage without auth, plus this
# machine's limits (SHA-256, fsync'd writes, nginx sendfile on the same files). Writes docs/benchmarks.md.
# All traffic goes to 127.0.0.1. Run by hand: never part of the test suite.
#   bench/run.sh [--quick]      --quick: small sizes, a smoke run of the same code (~1 min)
# Ports: BERTH_PORT (default 18080), REF_PORT (18081), NGINX_PORT (18082).
# BENCH_NICE=-10 runs the servers, nginx, wrk and the client at that niceness (root only), for a machine that
# is busy with other work: it keeps the neighbours' CPU load off the measurements (their disk load stays).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
quick=""
[ "${1:-}" = "--quick" ] && quick="--quick"
berth_port=${BERTH_PORT:-18080}
ref_port=${REF_PORT:-18081}
nginx_port=${NGINX_PORT:-18082}
started=$(date +%s)
nice_level=${BENCH_NICE:-0}
[ "$nice_level" != 0 ] && renice -n "$nice_level" -p $$ >/dev/null

for tool in docker-registry nginx wrk openssl dd jq curl; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed (apt-get install docker-registry nginx-light wrk openssl jq curl)" >&2; exit 1; }
done

out=$root/bench/out
results=$out/results
rm -rf "$results"
mkdir -p "$results"
work=$(mktemp -d /tmp/berth-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== building (Release)"
dotnet publish src/Berth.Cli -c Release -o "$out/berth" -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet publish bench/Berth.Bench -c Release -o "$out/bench" -nologo -v quiet -clp:ErrorsOnly >/dev/null
bench=$out/bench/berth-bench

# wait_for URL SECONDS: until GET URL answers 200 (bounded).
wait_for() {
  for _ in $(seq 1 $(($2 * 10))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = 200 ] && return 0
    sleep 0.1
  done
  echo "run.sh: $1 did not come up within $2 s" >&2
  return 1
}

peak_rss_mib() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

stop() { kill "$1"; wait "$1" 2>/dev/null || true; }

echo "== machine limits"
# Each limit is the best of three tries: other work on the machine can only lower them.
best() { sort -g | tail -1; }
openssl_kbs=$(for _ in 1 2 3; do
  openssl speed -bytes 1048576 -seconds 2 sha256 2>/dev/null | awk '/^sha256/ { sub(/k$/, "", $NF); print $NF }'
done | best)
"$bench" sha256 --out "$work/sha.json" >/dev/null
# dd_rate FLAGS...: MiB/s of writing a new 512 MiB file (64 MiB with --quick) to the data disk. The files are
# kept until all tries are done: a registry writes new blobs into fresh page-cache memory, and on this VM
# that is slower than reusing the pages of a just-deleted file.
dd_rate() {
  local count=512 t0 t1 file
  [ -n "$quick" ] && count=64
  file=$(mktemp "$work/dd.XXXXXX")
  sync
  t0=$(date +%s.%N)
  dd if=/dev/zero of="$file" bs=1M count=$count "$@" status=none
  t1=$(date +%s.%N)
  echo "$count $t0 $t1" | awk '{ printf "%.1f", $1 / ($3 - $2) }'
}
fdatasync=$(for _ in 1 2 3; do dd_rate conv=fdatasync; echo; done | best)
dsync=$(for _ in 1 2 3; do dd_rate oflag=dsync; echo; done | best)
cached=$(for _ in 1 2 3; do dd_rate; echo; done | best)
# fsync latency: 200 synchronous 4 KiB writes (what each SQLite commit and blob commit waits for), bounded to 60 s.
t0=$(date +%s.%N)
timeout 60 dd if=/dev/zero of="$work/dd.sync" bs=4k count=200 oflag=dsync status=none || true
t1=$(date +%s.%N)
sync_ms=$(echo "$t0 $t1" | awk '{ printf "%.2f", ($2 - $1) * 1000 / 200 }')
rm -f "$work"/dd.*
jq --argjson o "$openssl_kbs" --argjson f "$fdatasync" --argjson d "$dsync" \
  --argjson c "$cached" --argjson l "$sync_ms" \
  '.Metrics += { sha256_openssl_mibs: ($o * 1000 / 1048576 | . * 100 | round / 100), dd_fdatasync_mibs: $f, dd_dsync_mibs: $d, dd_cached_mibs: $c, fsync_4k_ms: $l }' \
  "$work/sha.json" > "$results/machine.json"
jq -c .Metrics "$results/machine.json"

# --- servers: Berth, the reference (CNCF distribution 2.8), nginx serving Berth's blob files -------------
mkdir -p "$work/berth-data" "$work/ref-data" "$work/nginx"
# Berth has no switch to turn authentication off: the bench logs in as the bootstrapped Owner with Basic
# credentials on every request (verified once, then cached by the server). The reference runs without auth.
berth_password="Bench-$(openssl rand -hex 12)"
BERTH__Identity__InitialOwnerPassword="$berth_password" "$out/berth/berth" serve --listen "127.0.0.1:$berth_port" --data "$work/berth-data" >"$work/berth.log" 2>&1 &
berth_pid=$!
pids+=("$berth_pid")

cat >"$work/registry.yml" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/ref-data
  cache:
    blobdescriptor: inmemory
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$ref_port
YAML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
ref_pid=$!
pids+=("$ref_pid")

cat >"$work/nginx/nginx.conf" <<NGINX
user root;
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type application/octet-stream;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/berth-data;
    location = /ready { return 200; }
  }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" >"$work/nginx.log" 2>&1 &
nginx_pid=$!
pids+=("$nginx_pid")

for _ in $(seq 1 600); do grep -q "Berth is ready" "$work/berth.log" && break; sleep 0.1; done
grep -q "Berth is ready" "$work/berth.log" || { cat "$work/berth.log" >&2; exit 1; }
wait_for "http://127.0.0.1:$ref_port/v2/" 30
wait_for "http://127.0.0.1:$nginx_port/ready" 30
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

"$bench" compare --berth "http://127.0.0.1:$berth_port" --reference "http://127.0.0.1:$ref_port" \
  --nginx "http://127.0.0.1:$nginx_port" --out "$results" --berth-pid "$berth_pid" --reference-pid "$ref_pid" \
  --berth-auth "owner:$berth_password" $quick
berth_rss=$(peak_rss_mib "$berth_pid")
ref_rss=$(peak_rss_mib "$ref_pid")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
stop "$nginx_pid"
stop "$ref_pid"
stop "$berth_pid"

# --- report ------------------------------------------------------------------------------------------
for pair in "berth:$berth_rss" "reference:$ref_rss"; do
  f=$results/${pair%%:*}.json
  jq --argjson r "${pair#*:}" '.Metrics.peak_rss_mib = $r' "$f" >"$f.tmp" && mv "$f.tmp" "$f"
done
elapsed=$(( $(date +%s) - started ))
jq -n \
  --arg date "$(date -u '+%Y-%m-%d %H:%M UTC')" \
  --arg cpu "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
  --arg nproc "$(nproc)" \
  --arg memory "$(free -h | awk '/^Mem:/ { print $2 }')" \
  --arg kernel "$(uname -r)" \
  --arg disk "$(df -h "$work" | awk 'NR == 2 { print $1 " (" $2 ")" }')" \
  --arg berth "$(git rev-parse --short HEAD)" \
  --arg reference "$(docker-registry --version | awk '{ print $2 " " $3 }')" \
  --arg nginx "$(nginx -v 2>&1 | sed 's/.*: //')" \
  --arg wrk "$(wrk -v 2>&1 | awk 'NR == 1 { print "wrk " $2 }')" \
  --arg duration "$((elapsed / 60)) min $((elapsed % 60)) s" \
  --arg load "$load_before before, $load_after after" \
  --arg nice "$nice_level" \
  --arg auth "Berth: Basic credentials of the bootstrapped Owner on every request (Berth cannot run without auth), except the authentication-overhead scenario below; reference: no auth" \
  '$ARGS.named' >"$results/env.json"
doc=docs/benchmarks.md
[ -n "$quick" ] && doc=$out/benchmarks-quick.md
mkdir -p "$(dirname "$doc")"
"$bench" report --dir "$results" --doc "$doc"
mkdir -p "$out/history"
cp -r "$results" "$out/history/$(date -u +%Y%m%dT%H%M%SZ)"
echo "== done in $((elapsed / 60)) min $((elapsed % 60)) s"
