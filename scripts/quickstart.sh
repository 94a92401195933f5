#!/usr/bin/env bash
# The main job of ecsops on the embedded sandbox, no AWS account needed: start the sandbox, discover the
# containers, run a command and get its real exit code, forward a port and talk through it.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== building ecsops"
dotnet build src/EcsOps.Cli -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
ecsops=(dotnet "$PWD/src/EcsOps.Cli/bin/Release/net10.0/ecsops.dll")
source scripts/lib/background.sh

echo "== starting the sandbox (local ECS, SSM, STS, S3, Logs on 127.0.0.1)"
"${ecsops[@]}" sandbox --port 0 --data-dir "$work/data" >"$work/sandbox.out" 2>&1 &
background_pids+=($!)
wait_for_line "$work/sandbox.out" '^export AWS_REGION=' "${background_pids[-1]}" || exit 1
eval "$(grep '^export ' "$work/sandbox.out")"
export XDG_CACHE_HOME="$work/cache"
export XDG_STATE_HOME="$work/state"
echo "   AWS_ENDPOINT_URL=$AWS_ENDPOINT_URL"

echo
echo "== ecsops ls            (every container the credentials can reach)"
"${ecsops[@]}" ls

echo
echo "== ecsops exec dev-web/web -- sh -c '...; exit 3'   (stdout and stderr apart, the remote exit code returned)"
set +e
"${ecsops[@]}" exec dev-web/web -- sh -c 'echo "hello from the web container, pid $$"; echo "a warning" >&2; exit 3'
status=$?
set -e
echo "   -> remote exit code: $status"

echo
echo "== binary-safe: 1 MiB of random bytes through cat"
head -c 1048576 /dev/urandom >"$work/random.bin"
"${ecsops[@]}" exec dev-web/web -- cat <"$work/random.bin" >"$work/back.bin"
sha256sum "$work/random.bin" "$work/back.bin" | awk '{print "   " $1}'
cmp -s "$work/random.bin" "$work/back.bin" && echo "   -> identical"

echo
echo "== ecsops forward dev-web/web 0:80   (the container's web server on a free local port)"
"${ecsops[@]}" forward dev-web/web 0:80 >"$work/forward.out" 2>&1 &
forward_pid=$!
background_pids+=("$forward_pid")
wait_for_line "$work/forward.out" '^forwarding ' "$forward_pid" || exit 1
cat "$work/forward.out"
address=$(sed -n 's/^forwarding \([0-9.:]*\) .*/\1/p' "$work/forward.out" | head -1)
python3 - "$address" <<'PY'
import sys, urllib.request
with urllib.request.urlopen(f"http://{sys.argv[1]}/", timeout=30) as response:
    print(f"   GET / through the forward -> HTTP {response.status}, {len(response.read())} bytes")
PY
kill "$forward_pid"
wait "$forward_pid" 2>/dev/null || true

echo
echo "== ecsops audit tail; ecsops audit verify   (each action was recorded before it ran, in a hash-chained file)"
"${ecsops[@]}" audit tail
"${ecsops[@]}" audit verify

echo
echo "done: discovery, exec with its real exit code, binary-safe output, a port forward and the audit trail all ran on the sandbox."
