#!/usr/bin/env bash
# Checks systemd/pineurons-node.service and the release units beside it offline, as CI does:
#  - `systemd-analyze verify` exits 0 even for unknown keys or bad values, so ANY output is a failure;
#  - `systemd-analyze security --offline=yes` must score at or below THRESHOLD (lower is safer). Its
#    --threshold is on a 0-100 scale, ten times the "exposure level" it prints (20 means 2.0).
set -euo pipefail
cd "$(dirname "$0")"
THRESHOLD=${THRESHOLD:-20}
unit=pineurons-node.service
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

# verify resolves ExecStart= and the unit's dependencies inside --root: a release as pineurons-release lays it out.
mkdir -p "$root/opt/pineurons/releases/0.0.0" "$root/etc/systemd/system" "$root/usr/lib" "$root/usr/local/sbin"
cp -r /usr/lib/systemd "$root/usr/lib/"
printf '#!/bin/sh\n' > "$root/opt/pineurons/releases/0.0.0/PiNeurons.Node" && chmod +x "$root/opt/pineurons/releases/0.0.0/PiNeurons.Node"
ln -s releases/0.0.0 "$root/opt/pineurons/current"
cp pineurons-release "$root/usr/local/sbin/"
units=("$unit" pineurons-rollback.service pineurons-release-check.service pineurons-release-check.timer)
cp "${units[@]}" "$root/etc/systemd/system/"

for u in "${units[@]}"; do
  out=$(systemd-analyze verify --root="$root" "/etc/systemd/system/$u" 2>&1 || true)
  if [ -n "$out" ]; then
    echo "systemd-analyze verify $u: FAILED" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "systemd-analyze verify $u: ok"
done

score=$(systemd-analyze security --offline=yes --root="$root" "/etc/systemd/system/$unit" --threshold=100 2>&1 \
  | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
systemd-analyze security --offline=yes --root="$root" --threshold="$THRESHOLD" "/etc/systemd/system/$unit" >/dev/null 2>&1 || {
  echo "systemd-analyze security $unit: exposure ${score:-?} is above the threshold $THRESHOLD/10" >&2
  systemd-analyze security --offline=yes --root="$root" "/etc/systemd/system/$unit" >&2 || true
  exit 1
}
echo "systemd-analyze security $unit: exposure $score (threshold $THRESHOLD/10): ok"
