# Shared by the scripts that run ecsops in the background (sourced, not run).
# work: a temporary directory; background_pids: processes to stop. Both are cleaned up on exit.
work=$(mktemp -d)
background_pids=()
cleanup() {
  for pid in "${background_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# wait_for_line FILE REGEX PID: waits (up to a minute) until FILE has a line matching REGEX; fails, showing FILE,
# if PID ends first.
wait_for_line() {
  local file=$1 pattern=$2 pid=$3
  for _ in $(seq 1 600); do
    grep -q "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$file" >&2; return 1; }
    sleep 0.1
  done
  cat "$file" >&2
  return 1
}
