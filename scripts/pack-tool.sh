#!/usr/bin/env bash
# Packs ecsops as a .NET tool (artifacts/nupkg/EcsOps.<version>.nupkg), installs it from there into a private tool
# path (artifacts/tool/), and runs the smoke check (scripts/smoke-ecsops.sh) with the installed command.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf artifacts/nupkg artifacts/tool

echo "== dotnet pack src/EcsOps.Cli"
dotnet pack src/EcsOps.Cli -c Release -o artifacts/nupkg -nologo
package=$(ls artifacts/nupkg/EcsOps.*.nupkg | head -1)
version=$(basename "$package" .nupkg | sed 's/^EcsOps\.//')
echo "   $package"

echo "== dotnet tool install --tool-path artifacts/tool EcsOps $version"
dotnet tool install EcsOps --version "$version" --tool-path artifacts/tool --add-source artifacts/nupkg
artifacts/tool/ecsops --help >/dev/null

echo "== smoke check of the installed tool"
scripts/smoke-ecsops.sh artifacts/tool/ecsops
