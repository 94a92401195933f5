#!/usr/bin/env bash
# Publishes ecsops as one NativeAOT binary (linux-x64 unless RID is set) into artifacts/aot/, then runs the smoke
# check (scripts/smoke-ecsops.sh) with that binary: its own sandbox, ls, exec, doctor, forward. Takes a few minutes
# (the native compile alone is about two on two cores), so it is a script, not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
rid=${RID:-linux-x64}
out=artifacts/aot/$rid

echo "== dotnet publish src/EcsOps.Cli -c Release -r $rid -p:PublishAot=true"
start=$(date +%s)
dotnet publish src/EcsOps.Cli -c Release -r "$rid" -p:PublishAot=true -o "$out" -nologo
echo "   published in $(( $(date +%s) - start )) s: $out/ecsops, $(du -h "$out/ecsops" | cut -f1)"
file "$out/ecsops" 2>/dev/null || true

echo "== smoke check of the native binary"
scripts/smoke-ecsops.sh "$out/ecsops"
