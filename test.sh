#!/usr/bin/env bash
# The whole test suite: unit tests, and integration tests against a real Mosquitto that the tests
# start themselves on free loopback ports (installed with apt-get when missing and we are root).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends mosquitto mosquitto-clients
  else
    echo "test.sh: mosquitto is missing; install it: sudo apt-get install mosquitto mosquitto-clients" >&2
    exit 1
  fi
fi
dotnet build PiNeurons.sln -c Release
dotnet test PiNeurons.sln -c Release --no-build
