#!/usr/bin/env bash
# Checks systemd/pineurons-node.service and the release units beside it offline, as CI does:
#  - `systemd-analyze verify` exits 0 even for unknown keys or bad values, so ANY output is a failure;
#  - `systemd-analyze security --offline=yes` must score at or below THRESHOLD (lower is safer). Its
#    --threshold is on a 0-100 scale, ten times the "exposure level" it prints (20 means 2.0);
#  - `systemd-sysusers --root` applies pineurons.sysusers to an empty root and to one with the user of an older
#    install: the unit's user must come out a system user with no home and no login, in group gpio.
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

# The user the unit runs as (User=, SupplementaryGroups=), from the snippet flash and Ansible install.
sysusers=$PWD/pineurons.sysusers
check_user() {
  local root=$1 what=$2 entry gid
  entry=$(grep '^pineurons:' "$root/etc/passwd" || true)
  IFS=: read -r _ _ uid gid _ home shell <<<"$entry"
  if [ -z "$entry" ] || [ "$uid" -ge 1000 ] || [ "$shell" != /usr/sbin/nologin ] || { [ "$home" != / ] && [ "$what" = new ]; } \
     || ! grep -Eq '^gpio:[^:]*:[0-9]+:(.*,)?pineurons(,.*)?$' "$root/etc/group" \
     || ! grep -Eq "^pineurons:[^:]*:$gid:" "$root/etc/group"; then
    echo "systemd-sysusers pineurons.sysusers ($what): FAILED" >&2
    cat "$root/etc/passwd" "$root/etc/group" >&2
    exit 1
  fi
}
mkdir -p "$root/empty/etc" "$root/older/etc"
systemd-sysusers --root="$root/empty" "$sysusers" >/dev/null 2>&1
check_user "$root/empty" new
# An older install's user (useradd --system --no-create-home ...): kept as it is, and put in gpio if it was not.
printf 'pineurons:x:998:998::/home/pineurons:/usr/sbin/nologin\n' >"$root/older/etc/passwd"
printf 'gpio:x:997:pi\npineurons:x:998:\n' >"$root/older/etc/group"
systemd-sysusers --root="$root/older" "$sysusers" >/dev/null 2>&1
check_user "$root/older" older
echo "systemd-sysusers pineurons.sysusers: a system user pineurons, no home, nologin, in gpio: ok"
