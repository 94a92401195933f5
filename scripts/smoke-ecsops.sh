#!/usr/bin/env bash
# Checks one ecsops build end to end on its own embedded sandbox: discovery, exec with the remote exit status,
# binary-safe stdin/stdout, doctor's verdicts (exit 1 for the exec-disabled worker, 0 for web) and a port forward.
# Usage: scripts/smoke-ecsops.sh ECSOPS [ARGS...]   e.g.  scripts/smoke-ecsops.sh artifacts/aot/ecsops
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 ECSOPS [ARGS...]" >&2; exit 2; }
ecsops=("$@")
source "$(dirname "$0")/lib/background.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

"${ecsops[@]}" sandbox --port 0 --data-dir "$work/data" >"$work/sandbox.out" 2>&1 &
background_pids+=($!)
wait_for_line "$work/sandbox.out" '^export AWS_REGION=' "${background_pids[-1]}" || fail "the sandbox did not start"
eval "$(grep '^export ' "$work/sandbox.out")"
export HOME="$work" XDG_CACHE_HOME="$work/cache" AWS_CONFIG_FILE="$work/none" AWS_SHARED_CREDENTIALS_FILE="$work/none"

# A loaded machine may still be starting the world's tasks: ask again (afresh) for up to a minute.
web_ready() {
  "${ecsops[@]}" ls -o json --refresh >"$work/ls.json" &&
    python3 -c 'import json,sys; rows=json.load(open(sys.argv[1])); sys.exit(0 if any(r["cluster"]=="dev-web" and r["execReady"] for r in rows) else 1)' "$work/ls.json"
}
for _ in $(seq 1 60); do web_ready && break; sleep 1; done
web_ready || fail "ls did not list the web container as exec-ready: $(cat "$work/ls.json")"
echo "ok: ls"

set +e
out=$("${ecsops[@]}" exec dev-web/web -- sh -c 'echo smoke-$((6*7)); exit 3')
status=$?
set -e
[ "$status" = 3 ] && [ "$out" = "smoke-42" ] || fail "exec: exit $status, output '$out'"
echo "ok: exec exit status and output"

head -c 262144 /dev/urandom >"$work/random.bin"
"${ecsops[@]}" exec dev-web/web -- cat <"$work/random.bin" >"$work/back.bin"
cmp -s "$work/random.bin" "$work/back.bin" || fail "exec: bytes through cat differ"
echo "ok: exec binary-safe"

set +e
"${ecsops[@]}" doctor dev-web/worker >"$work/doctor-worker.txt"; worker=$?
"${ecsops[@]}" doctor dev-web/web -o json >"$work/doctor-web.json"; web=$?
set -e
[ "$worker" = 1 ] && grep -q '^FAIL  ECS Exec enabled on the task' "$work/doctor-worker.txt" || fail "doctor worker: exit $worker"
[ "$web" = 0 ] && python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["ok"]' "$work/doctor-web.json" || fail "doctor web: exit $web"
echo "ok: doctor"

"${ecsops[@]}" forward dev-web/web 0:80 >"$work/forward.out" 2>&1 &
background_pids+=($!)
wait_for_line "$work/forward.out" '^forwarding ' "${background_pids[-1]}" || fail "forward ended"
address=$(sed -n 's/^forwarding \([0-9.:]*\) .*/\1/p' "$work/forward.out" | head -1)
python3 - "$address" <<'PY' || fail "GET through the forward"
import sys, urllib.request
with urllib.request.urlopen(f"http://{sys.argv[1]}/", timeout=30) as response:
    assert response.status == 200
PY
echo "ok: forward"
echo "smoke passed: ${ecsops[*]}"
