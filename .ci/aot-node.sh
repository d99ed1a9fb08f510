#!/usr/bin/env bash
# The node Pis run is the NativeAOT build. This stage publishes it for linux-x64 the way a bundle is made
# (deploy/publish-node.sh, into .ci/work/aot-x64, which the VM stage then installs) and runs the node's
# whole test project against that binary: every test that starts a node process (protocol rows, XOR
# across processes, kill -9 and the will, broker restarts, durability, TLS and logins, bad input,
# Python, Node-RED and Home Assistant clients) starts this executable instead of the JIT build.
# Run after test.sh, which builds the test project; as root it installs clang, lld and llvm.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
OUT=.ci/work/aot-x64
t0=$SECONDS
bash deploy/publish-node.sh --rid linux-x64 -o "$OUT"
echo "aot-node: published in $((SECONDS - t0)) s"
# Each unit's Documentation= names a page inside the release (file:/opt/pineurons/current/...): the bundle must hold it.
for doc in $(grep -ho 'file:/opt/pineurons/current/[^ ]*' systemd/*.service systemd/*.timer | sort -u); do
  [ -s "$OUT/${doc#file:/opt/pineurons/current/}" ] || { echo "aot-node: FAIL, the bundle has no ${doc#file:/opt/pineurons/current/} for the units' $doc" >&2; exit 1; }
done
t1=$SECONDS
PINEURONS_TEST_NODE=$PWD/$OUT/PiNeurons.Node dotnet test tests/PiNeurons.Node.Tests -c Release --no-build -maxcpucount:1
echo "aot-node: PASS, the node's tests against $OUT/PiNeurons.Node in $((SECONDS - t1)) s"
