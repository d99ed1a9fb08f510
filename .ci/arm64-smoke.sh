#!/usr/bin/env bash
# CI smoke test for the 64-bit Raspberry Pi bundle: publishes PiNeurons.Node with NativeAOT for
# linux-arm64 (deploy/publish-node.sh, what `flash` copies), runs it under qemu-user (qemu-aarch64-static -L <sysroot>) with
# simulated GPIO against a private Mosquitto on loopback, and checks that the neuron comes online,
# fires on an external kick, and goes offline on SIGTERM.
#
# Runs as root on Debian 12 with the .NET 10 SDK; mosquitto and mosquitto-clients must be installed.
# Everything it builds lives in .ci/work/arm64 (git-ignored) and is reused by the next run.
# The arm64 sysroot the publish links against and qemu runs with (deploy/arm64-sysroot.sh) is
# downloaded with a private apt state: nothing under /etc or /var/lib/dpkg changes.
# GPIO ioctls are not translated by qemu-user, so real GPIO is not covered here.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DEBIAN_FRONTEND=noninteractive

WORK=$REPO/.ci/work/arm64
SYSROOT=$WORK/sysroot
BUNDLE=$WORK/bundle
NEURON=a
ROOT_TOPIC=pineurons
ONLINE_TIMEOUT=${ARM64_SMOKE_ONLINE_TIMEOUT:-120}
FIRE_TIMEOUT=${ARM64_SMOKE_FIRE_TIMEOUT:-60}
STOP_TIMEOUT=${ARM64_SMOKE_STOP_TIMEOUT:-60}

T0=$EPOCHREALTIME
STEP_NAME=""
STEP_T0=""
RUN_DIR=""
NODE_PID=""
MOSQ_PID=""
SUB_PID=""

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
step() { # step "name": ends the current step (printing its time) and starts the next
  if [ -n "$STEP_NAME" ]; then echo "   ($STEP_NAME took $(elapsed "$STEP_T0") s)"; fi
  STEP_NAME=$1
  STEP_T0=$EPOCHREALTIME
  if [ -n "$STEP_NAME" ]; then echo "== arm64-smoke: $STEP_NAME"; fi
}
pass() { echo "PASS arm64-smoke: $*"; }

dump_logs() {
  if [ -n "$RUN_DIR" ] && [ -f "$RUN_DIR/node.log" ]; then
    echo "---- node output (qemu-aarch64-static, last 200 lines) ----"
    tail -n 200 "$RUN_DIR/node.log" || true
    echo "---- end of node output ----"
  fi
  if [ -n "$RUN_DIR" ] && [ -f "$RUN_DIR/mosquitto.log" ]; then
    echo "---- mosquitto output (last 50 lines) ----"
    tail -n 50 "$RUN_DIR/mosquitto.log" || true
    echo "---- end of mosquitto output ----"
  fi
}
fail() {
  echo "FAIL arm64-smoke: $*"
  dump_logs
  exit 1
}

stop_pid() { # stop_pid PID SECONDS: TERM, wait up to SECONDS, then KILL; reaps it
  local pid=$1 secs=$2 i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  set +e
  stop_pid "$SUB_PID" 2
  stop_pid "$NODE_PID" 10
  stop_pid "$MOSQ_PID" 5
  if [ -n "$RUN_DIR" ]; then rm -rf "$RUN_DIR"; fi
  if [ "$rc" -ne 0 ]; then
    echo "FAIL arm64-smoke: exit code $rc after $(elapsed "$T0") s"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || fail "must run as root (it installs qemu-user-static)"
command -v mosquitto_sub >/dev/null && command -v mosquitto_pub >/dev/null ||
  fail "mosquitto-clients is not installed"
MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)
[ -x "$MOSQUITTO" ] || fail "mosquitto is not installed"
mkdir -p "$WORK"

# ---------------------------------------------------------------------------------------------
step "1/6 qemu-user-static"
if command -v qemu-aarch64-static >/dev/null; then
  echo "already installed"
else
  if ! apt-cache show qemu-user-static >/dev/null 2>&1; then apt-get update -q; fi
  apt-get install -y -q -o Dpkg::Use-Pty=0 --no-install-recommends qemu-user-static
fi
qemu-aarch64-static --version | head -n 1

# ---------------------------------------------------------------------------------------------
step "2/6 arm64 sysroot (deploy/arm64-sysroot.sh: private apt state)"
bash deploy/arm64-sysroot.sh "$SYSROOT"
sed -n '2,$p' "$SYSROOT/.pineurons-sysroot"

# ---------------------------------------------------------------------------------------------
step "3/6 NativeAOT linux-arm64 bundle (deploy/publish-node.sh)"
BUNDLE_STAMP=$WORK/bundle.stamp
APP=$BUNDLE/PiNeurons.Node
newer_sources() {
  find src deploy Directory.Build.props Directory.Packages.props global.json -newer "$BUNDLE_STAMP" \
    -type f ! -path '*/bin/*' ! -path '*/obj/*' -print -quit 2>/dev/null
}
if [ -f "$BUNDLE_STAMP" ] && [ -x "$APP" ] && [ -z "$(newer_sources)" ]; then
  echo "reusing $BUNDLE (no source file is newer than the last publish)"
else
  rm -f "$BUNDLE_STAMP"
  bash deploy/publish-node.sh --rid linux-arm64 --sysroot "$SYSROOT" -o "$BUNDLE"
  touch "$BUNDLE_STAMP"
fi
[ -x "$APP" ] || fail "publish produced no $APP"
# ELF header: e_machine (offset 18, little-endian) 0xb7 = EM_AARCH64.
machine=$(od -An -tx1 -j18 -N2 "$APP" | tr -d ' \n')
[ "$machine" = "b700" ] || fail "$APP is not an aarch64 ELF (e_machine $machine)"
# A NativeAOT executable carries no managed assemblies: a JIT publish would have PiNeurons.Node.dll.
[ ! -e "$BUNDLE/PiNeurons.Node.dll" ] || fail "$BUNDLE holds PiNeurons.Node.dll: a JIT publish, not NativeAOT"
pass "bundle is a NativeAOT aarch64 executable ($(ls "$BUNDLE" | paste -sd ' '), $(du -sh "$BUNDLE" | cut -f1))"

# ---------------------------------------------------------------------------------------------
step "4/6 private Mosquitto on loopback"
RUN_DIR=$(mktemp -d "$WORK/run.XXXXXX")
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=""
for ((attempt = 0; attempt < 20; attempt++)); do
  candidate=$((20000 + RANDOM % 20000))
  port_in_use "$candidate" && continue
  printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n' "$candidate" \
    > "$RUN_DIR/mosquitto.conf"
  "$MOSQUITTO" -c "$RUN_DIR/mosquitto.conf" > "$RUN_DIR/mosquitto.log" 2>&1 &
  MOSQ_PID=$!
  for ((i = 0; i < 50; i++)); do
    kill -0 "$MOSQ_PID" 2>/dev/null || break
    port_in_use "$candidate" && { PORT=$candidate; break; }
    sleep 0.1
  done
  [ -n "$PORT" ] && break
  stop_pid "$MOSQ_PID" 2 # lost a race for the port: try another
  MOSQ_PID=""
done
[ -n "$PORT" ] || fail "could not start Mosquitto on a free loopback port"
pass "mosquitto (pid $MOSQ_PID) listening on 127.0.0.1:$PORT"
SUB=(mosquitto_sub -h 127.0.0.1 -p "$PORT")
PUB=(mosquitto_pub -h 127.0.0.1 -p "$PORT" -q 1)

# ---------------------------------------------------------------------------------------------
step "5/6 node under qemu-aarch64-static: online, kick, fired"
mkdir -p "$RUN_DIR/state"
qemu-aarch64-static -L "$SYSROOT" "$APP" --neurons "$NEURON" --gpio simulated \
  --broker "mqtt://127.0.0.1:$PORT" --state-dir "$RUN_DIR/state" > "$RUN_DIR/node.log" 2>&1 &
NODE_PID=$!
status=""
deadline=$((SECONDS + ONLINE_TIMEOUT))
while [ "$SECONDS" -lt "$deadline" ]; do
  kill -0 "$NODE_PID" 2>/dev/null || { wait "$NODE_PID" && rc=0 || rc=$?; NODE_PID=""; fail "node exited with code $rc before coming online"; }
  status=$("${SUB[@]}" -t "$ROOT_TOPIC/$NEURON/status" -C 1 -W 2 2>/dev/null || true)
  [ "$status" = online ] && break
  sleep 0.5
done
[ "$status" = online ] || fail "$ROOT_TOPIC/$NEURON/status is '${status:-<nothing>}' after ${ONLINE_TIMEOUT} s, not 'online'"
pass "$ROOT_TOPIC/$NEURON/status is retained 'online' $(elapsed "$STEP_T0") s after start"

# Subscribe to the events, and make sure the subscription is live (a probe message on a private
# topic comes back) before kicking: events are not retained.
PROBE_TOPIC="arm64-smoke/probe/$$"
"${SUB[@]}" -v -t "$ROOT_TOPIC/$NEURON/events" -t "$PROBE_TOPIC" > "$RUN_DIR/events.log" 2>&1 &
SUB_PID=$!
subscribed=""
for ((i = 0; i < 100; i++)); do
  "${PUB[@]}" -t "$PROBE_TOPIC" -m probe || true
  if grep -qF "$PROBE_TOPIC probe" "$RUN_DIR/events.log"; then subscribed=1; break; fi
  sleep 0.1
done
[ -n "$subscribed" ] || fail "the events subscription did not come up"
"${PUB[@]}" -t "$ROOT_TOPIC/$NEURON/kick" -n || fail "could not publish the kick"
KICK_T0=$EPOCHREALTIME
fired=""
deadline=$((SECONDS + FIRE_TIMEOUT))
while [ "$SECONDS" -lt "$deadline" ]; do
  if grep -E "^$ROOT_TOPIC/$NEURON/events .*\"type\": ?\"fired\"" "$RUN_DIR/events.log" > "$RUN_DIR/fired.log"; then
    fired=1
    break
  fi
  kill -0 "$NODE_PID" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$fired" ]; then
  echo "---- events received ----"
  cat "$RUN_DIR/events.log"
  fail "no \"type\":\"fired\" event on $ROOT_TOPIC/$NEURON/events within ${FIRE_TIMEOUT} s of an empty kick"
fi
pass "fired $(elapsed "$KICK_T0") s after the kick: $(head -n 1 "$RUN_DIR/fired.log" | cut -d' ' -f2-)"
stop_pid "$SUB_PID" 2
SUB_PID=""

# ---------------------------------------------------------------------------------------------
step "6/6 SIGTERM: clean exit, retained offline"
kill -TERM "$NODE_PID"
for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
  kill -0 "$NODE_PID" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$NODE_PID" 2>/dev/null; then
  fail "node still running ${STOP_TIMEOUT} s after SIGTERM"
fi
wait "$NODE_PID" && rc=0 || rc=$?
NODE_PID=""
[ "$rc" = 0 ] || fail "node exited with code $rc after SIGTERM (expected 0)"
pass "node exited with code 0 $(elapsed "$STEP_T0") s after SIGTERM"
status=$("${SUB[@]}" -t "$ROOT_TOPIC/$NEURON/status" -C 1 -W 5 2>/dev/null || true)
[ "$status" = offline ] || fail "$ROOT_TOPIC/$NEURON/status is '${status:-<nothing>}' after stop, not retained 'offline'"
pass "$ROOT_TOPIC/$NEURON/status is retained 'offline' after stop"

step ""
echo "PASS arm64-smoke: linux-arm64 bundle starts, comes online, fires and stops under qemu-user (total $(elapsed "$T0") s)"
