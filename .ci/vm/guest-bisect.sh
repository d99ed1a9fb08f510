#!/bin/sh
# Diagnosis only (VM_BISECT=1 bash .ci/vm-gpio.sh): starts the node's binary in transient units with
# the real unit's hardening minus one group at a time, to name the line that stops it in the guest.
U=/etc/systemd/system/pineurons-node.service
ALL=$(sed -n '/^\[Service\]/,/^\[Install\]/p' $U | grep -E '^(User|Group|SupplementaryGroups|DevicePolicy|DeviceAllow|MemoryDenyWriteExecute|NoNewPrivileges|CapabilityBoundingSet|AmbientCapabilities|Protect[A-Za-z]*|PrivateTmp|Restrict[A-Za-z]*|LockPersonality|RemoveIPC|SystemCall[A-Za-z]*|UMask|StateDirectory[A-Za-z]*|Environment)=')
try() { # try NAME EXCLUDE-REGEX [extra -p]
  name=$1; ex=$2; shift 2
  set -- "$@"; props=""
  echo "$ALL" | grep -Ev "${ex:-^$}" > /run/bisect.props
  args=""; while IFS= read -r l; do args="$args -p '$l'"; done < /run/bisect.props
  out=$(eval systemd-run --quiet --wait --collect --pipe $args "$@" /opt/pineurons/current/PiNeurons.Node --help 2>&1 | head -3 | tr '\n' ' ')
  case "$out" in *Usage:*) echo "VMCHECK INFO bisect $name: OK";; *) echo "VMCHECK INFO bisect $name: FAIL $out";; esac
}
try "all hardening" ""
try "no SystemCallFilter" '^SystemCall'
try "no ~@privileged @resources" '^SystemCallFilter=~'
try "no Protect*" '^Protect'
try "no ProtectProc" '^ProtectProc'
try "no DevicePolicy" '^Device'
try "no Restrict*" '^Restrict'
try "no PrivateTmp/RemoveIPC" '^(PrivateTmp|RemoveIPC)'
try "no CapabilityBoundingSet/NoNewPrivileges" '^(CapabilityBoundingSet|AmbientCapabilities|NoNewPrivileges)'
try "all, W^X off" "" -p Environment=DOTNET_EnableWriteXorExecute=0
try "all + SystemCallFilter=sched_setaffinity" "" -p SystemCallFilter=sched_setaffinity
try "~@resources only (no ~@privileged)" "^SystemCallFilter=~" -p "SystemCallFilter=~@resources"
try "~@privileged only" "^SystemCallFilter=~" -p "SystemCallFilter=~@privileged"
echo "VMCHECK RESULT FAIL (bisect only)"
