#!/usr/bin/env bash
# The whole test suite: unit tests, and integration tests against a real Mosquitto that the tests
# start themselves on free loopback ports, and the offline checks of the systemd unit. Missing tools
# (mosquitto, systemd-analyze, promtool) are installed with apt-get when run as root, npm dev tools with npm ci.
set -euo pipefail
cd "$(dirname "$0")"
need() { # command, Debian package
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] && return 0
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $2 # several packages, word-split on purpose
  else
    echo "test.sh: $1 is missing; install it: sudo apt-get install $2" >&2
    exit 1
  fi
}
need mosquitto "mosquitto mosquitto-clients"
# npm ci below installs the pinned Dockerfile linter and Node-RED (Node.js 18 or later).
need npm "nodejs npm"
# The page's browser tests drive the distribution's Chromium (Playwright never downloads one here).
need chromium chromium
need systemd-analyze systemd
# A client that is not .NET: Debian's paho-mqtt for Debian's own python3 (tests/PiNeurons.Node.Tests/Python).
if ! /usr/bin/python3 -c 'import paho.mqtt.client' 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-paho-mqtt
  else
    echo "test.sh: Python's paho-mqtt is missing; install it: sudo apt-get install python3-paho-mqtt" >&2
    exit 1
  fi
fi
# promtool checks the aggregator's whole /metrics page (tests/PiNeurons.Aggregator.Tests). Debian ships it only in the
# prometheus package, whose install also starts a Prometheus server and enables it at boot: only the tool is wanted,
# so the server is stopped and disabled at once.
if ! command -v promtool >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus
    # Best effort: a server left running changes no test, and a failure to stop it must not stop the suite.
    if [ -d /run/systemd/system ]; then
      systemctl disable --now prometheus || true
    else
      /etc/init.d/prometheus stop >/dev/null 2>&1 || true
      update-rc.d prometheus disable >/dev/null 2>&1 || true
    fi
  else
    echo "test.sh: promtool is missing; install it: sudo apt-get install prometheus (then sudo systemctl disable --now prometheus)" >&2
    exit 1
  fi
fi
# The docs' commands (tests/PiNeurons.Docs.Tests) run as written in a network namespace of their own (unshare,
# ip), with the tools the docs use besides mosquitto's.
need unshare util-linux
need ip iproute2
need curl curl
need jq jq
# The PostgreSQL store's tests start their own throwaway server from the packaged binaries, which are not on PATH.
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql
  else
    echo "test.sh: PostgreSQL server binaries are missing; install them: sudo apt-get install postgresql" >&2
    exit 1
  fi
fi
# flash's checks: mtools/dosfstools for --image, netplan, and a strict cloud-init schema validator.
if [ "$(id -u)" = 0 ]; then
  bash tests/PiNeurons.Cli.Tests/Flash/setup-flash-tools.sh
fi
# dockerfile-utils lints Dockerfile.armv7 (tests/PiNeurons.Deploy.Tests); Node-RED loads and runs
# docs/node-red/pineurons-flow.json (tests/PiNeurons.Node.Tests/NodeRed). Both pinned in package-lock.json.
if [ ! -x node_modules/.bin/dockerfile-utils ] || [ ! -x node_modules/.bin/node-red ]; then
  npm ci --no-audit --no-fund
fi

dotnet build PiNeurons.sln -c Release
docs_reports=tests/PiNeurons.Docs.Tests/bin/docs-report
rm -rf "$docs_reports"
status=0
# One test project at a time: several start real node processes, Mosquitto, PostgreSQL and Chromium,
# and the XOR tests decide within a 150 ms integration window, which a machine running every project at
# once can stretch. The tests on real ejabberd clusters (trait Requires=ejabberd: tests/PiNeurons.Cluster.Tests,
# and the ejabberd ones of tests/PiNeurons.Cli.Tests) need Debian's ejabberd and root: .ci/broker-cluster.sh runs them.
dotnet test PiNeurons.sln -c Release --no-build -maxcpucount:1 --filter "Requires!=ejabberd" || status=$?
# What the docs run did, block by block, and the demo's hints (dotnet test shows a test's output only when it fails).
cat "$docs_reports"/*.txt 2>/dev/null || echo "test.sh: the docs tests wrote no report to $docs_reports" >&2
[ "$status" = 0 ] || exit "$status"
# The node's unit file, checked offline by systemd itself.
systemd/verify.sh
