#!/usr/bin/env bash
# The clustered broker: the tests that run real ejabberd clusters (Debian's ejabberd 23.01; private nodes on loopback,
# never the package's service), which test.sh leaves out by their trait Requires=ejabberd: the cluster tests
# (tests/PiNeurons.Cluster.Tests) and those of `pineurons secrets --broker-kind ejabberd` on a real cluster
# (tests/PiNeurons.Cli.Tests). Runs alone or after test.sh; as root, since Debian's ejabberdctl runs only as root (or as
# the ejabberd user), and installs ejabberd when it is missing.
# Every node and epmd the tests start keeps its pid file under one folder of this run (PINEURONS_EJABBERD_ROOT): on the
# way out, pass or fail, whatever a test run left running there is killed by that pid, and the folder removed.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
t0=$SECONDS
if [ "$(id -u)" != 0 ]; then
  echo "broker-cluster: run as root: Debian's ejabberdctl, which the tests start their nodes with, runs only as root" >&2
  exit 1
fi
if ! command -v ejabberdctl >/dev/null 2>&1 && [ ! -x /usr/sbin/ejabberdctl ]; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ejabberd
  # Only the package's files are wanted: where the install started its service (a machine with systemd and no
  # policy-rc.d), that service is stopped and disabled at once. Best effort: it shares no port or epmd with the tests.
  if [ -d /run/systemd/system ]; then
    systemctl disable --now ejabberd >/dev/null 2>&1 || true
  else
    /etc/init.d/ejabberd stop >/dev/null 2>&1 || true
  fi
fi

PINEURONS_EJABBERD_ROOT=$(mktemp -d /tmp/pineurons-broker-cluster.XXXXXX)
export PINEURONS_EJABBERD_ROOT
# The nodes run as the ejabberd user, who must reach their folders.
chmod 0755 "$PINEURONS_EJABBERD_ROOT"
cleanup() {
  local pidfile pid
  for pidfile in "$PINEURONS_EJABBERD_ROOT"/*/n*/ejabberd.pid "$PINEURONS_EJABBERD_ROOT"/*/epmd.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    # Only the process the file names, and only while it is still ours: a node's command line names its folder under
    # this run's, an epmd's is the cluster's own `epmd -port N`.
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qE "$PINEURONS_EJABBERD_ROOT|^(/[^ ]*/)?epmd -port [0-9]+ "; then
      echo "broker-cluster: killing $(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-60)... (pid $pid, left by $pidfile)" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$PINEURONS_EJABBERD_ROOT"
}
trap cleanup EXIT

dotnet build tests/PiNeurons.Cluster.Tests -c Release
dotnet build tests/PiNeurons.Cli.Tests -c Release
status=0
# One project at a time, like test.sh: each test class starts its own 2-node cluster.
rm -rf tests/PiNeurons.Cluster.Tests/bin/cluster-report
dotnet test tests/PiNeurons.Cluster.Tests -c Release --no-build -maxcpucount:1 || status=$?
# The failover times the tests measured: figures, not assertions.
cat tests/PiNeurons.Cluster.Tests/bin/cluster-report/*.txt 2>/dev/null || true
dotnet test tests/PiNeurons.Cli.Tests -c Release --no-build -maxcpucount:1 --filter "Requires=ejabberd" || status=$?
if [ "$status" = 0 ]; then
  echo "broker-cluster: PASS, the ejabberd cluster tests in $((SECONDS - t0)) s"
else
  echo "broker-cluster: FAIL (exit $status) after $((SECONDS - t0)) s" >&2
fi
exit "$status"
