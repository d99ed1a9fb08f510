#!/bin/sh
# Runs inside the VM in place of guest-check.sh on the boots of .ci/vm/powercut.sh (powercut-init.sh
# sets that up): one boot of the power-cut cycle, with /var/lib/pineurons on an ext4 virtio disk.
# Starts the real node unit, reports the threshold it came back with (PC_EXPECT is what the previous
# boot had acknowledged; the host compares), any error event and the state files; then, with PC_SET,
# sends a `set` with a response topic and, the moment the reply arrives, resets the machine through
# sysrq: no sync, no unmount, what the kernel had not written to the disk is gone. With PC_SWITCH instead, it
# switches the node's release (the symlink /opt/pineurons/current, on the same disk) and cuts right after.
# Every report is a "PNPOWERCUT ..." console line; the host judges them, the guest only reports.
. /etc/pineurons-ci/env                      # PC_CYCLE, PC_EXPECT, PC_SET, PC_SWITCH (empty: none)
U=pineurons-node.service; T=pineurons/n1; B="-h 127.0.0.1"
S=/var/lib/pineurons; DISK=/mnt/pnstate
W=/run/pineurons-ci; mkdir -p $W
# Through printk, which writes the serial console synchronously: a line that only went to the unit's
# stdout reaches the console through journald, later, and the reset would swallow it. <2> passes `quiet`.
say() { echo "<2>PNPOWERCUT $*" > /dev/kmsg; }
# wait_for SECONDS COMMAND...: polls every 0.2 s until COMMAND succeeds.
wait_for() { n=$(($1 * 5)); shift; while [ $n -gt 0 ]; do "$@" && return 0; sleep 0.2; n=$((n - 1)); done; return 1; }
finish() { say "FAIL $*"; journalctl -b -u $U --no-pager | tail -30 | sed 's/^/PNPOWERCUT INFO journal: /'; exit 1; }
# names DIR SUFFIX: the names of DIR's files that end in SUFFIX, on one line; empty when there are none.
names() { for x in "$1"/*"$2"; do [ -e "$x" ] && printf '%s ' "${x##*/}"; done; }
threshold() { sed -n 's/.*"config":{"threshold":\([-0-9.eE+]*\).*/\1/p' "$1" | head -1; }
say "BOOT cycle=$PC_CYCLE expect=${PC_EXPECT:--} set=${PC_SET:--} switch=${PC_SWITCH:--}"

# The marker the previous boot wrote, unsynced, just before it cut the power: the control that the cut
# dropped what was not synced. Reported, not judged (a journal commit may land in between).
if [ "$PC_CYCLE" -gt 0 ]; then
  m=$DISK/marker-$((PC_CYCLE - 1))
  if [ ! -e $m ]; then say "MARKER lost (no $m)"
  elif [ ! -s $m ]; then say "MARKER empty (the name survived, the data did not)"
  else say "MARKER survived ($(cat $m))"; fi
fi

wait_for 60 mosquitto_pub $B -t ci/ping -n -q 1 || finish "mosquitto not reachable"
# Everything of the neuron from before its start, so an error event at start (a config that fell back
# to the last good copy or to the manifest) is seen; the probe shows when the subscription is in place.
mosquitto_sub $B -v -t "$T/#" -t ci/powercut/probe > $W/mqtt.log 2>&1 &
wait_for 30 sh -c "mosquitto_pub $B -t ci/powercut/probe -m up -q 1; grep -q '^ci/powercut/probe up' $W/mqtt.log" \
  || finish "subscriber not ready"
systemctl start $U || finish "systemctl start $U"
wait_for 120 grep -q "^$T/status online" $W/mqtt.log || finish "node not online"
R=/usr/local/sbin/pineurons-release
say "RELEASE current=$($R version) runs=$(readlink /proc/$(systemctl show -p MainPID --value $U)/exe)"

mosquitto_rr $B -t $T/query -e ci/powercut/query -m '{"include":["log"]}' -W 60 > $W/query.json 2>&1 \
  || finish "no reply to a query: $(cat $W/query.json)"
say "SEEN threshold=$(threshold $W/query.json)"
# Counted, not parsed: the live events are one line each, the query's log is one JSON document.
live=$(grep -c '"type":"error"' $W/mqtt.log); logged=$(grep -o '"type":"error"' $W/query.json | wc -l)
say "ERROREVENTS $((live + logged)) (live $live, in the log $logged)"
grep '"type":"error"' $W/mqtt.log | head -3 | while read -r e; do say "ERROR $e"; done
grep -o '"type":"error","at":"[^"]*","reason":"[^"]*"' $W/query.json | head -3 | while read -r e; do say "ERROR $e"; done

# The state files. The current config holds the value (the node read it: no error event above) and none
# was set aside as corrupt. The seq counters exist (the first boot's config event reserved a block
# before its reply). No *.tmp is left: every write of the node ends before its reply with a rename and
# the directory's fsync, and nothing else writes here, so a leftover temp file is a rename that did not
# reach the disk (without that fsync the counters' was lost, which would let a seq repeat). Listed too.
ls -la $S | sed 's/^/PNPOWERCUT INFO state: /'
if [ "$PC_CYCLE" -gt 0 ]; then
  f=$S/n1.json
  got=$(grep -o '"threshold": *[-0-9.eE+]*' $f 2>/dev/null | head -1 | sed 's/.*: *//')
  if [ ! -s $f ]; then say "FILES bad: $f missing or empty"
  elif [ "$got" != "$PC_EXPECT" ]; then say "FILES bad: $f has threshold ${got:-none}, expected $PC_EXPECT"
  elif [ ! -s $S/n1.counters.json ]; then say "FILES bad: $S/n1.counters.json missing or empty"
  elif [ -n "$(names $S .corrupt)" ]; then say "FILES bad: set aside as corrupt: $(names $S .corrupt)"
  elif [ -n "$(names $S .tmp)" ]; then say "FILES bad: a rename did not reach the disk, left: $(names $S .tmp)"
  else say "FILES ok: $(names $S '')"; fi
fi

if [ -n "$PC_SET" ]; then
  # The set's reply is the node's acknowledgement: it comes only after the config file was written,
  # fsynced, renamed and its directory fsynced.
  mosquitto_rr $B -t $T/set -e ci/powercut/set -m "{\"threshold\":$PC_SET}" -W 60 > $W/set.json 2>&1 \
    || finish "no reply to the set: $(cat $W/set.json)"
  acked=$(threshold $W/set.json)
  [ "$acked" = "$PC_SET" ] || finish "set not acknowledged with threshold $PC_SET: $(cat $W/set.json)"
  # Written through the page cache only: the node's fsyncs are over, nothing syncs this one.
  echo "cycle $PC_CYCLE" > $DISK/marker-$PC_CYCLE
  say "ACK threshold=$acked; cutting the power"
  echo b > /proc/sysrq-trigger
  finish "still running after the sysrq reset"
fi
if [ -n "$PC_SWITCH" ]; then
  # A cut right after a release switch (docs/upgrades.md), in a cycle of its own: the switch's fsyncs would
  # otherwise commit what the set's cut must be free to lose. The next boot must come up on the release
  # before it or the one after it, never on none; the node keeps running the old binary until the cut.
  old=$($R version); new=0.0.$PC_CYCLE+powercut
  rm -rf $W/rel; cp -a /opt/pineurons/current/. $W/rel; echo $new > $W/rel/VERSION
  $R install $W/rel > /dev/null || finish "install $new"
  $R switch $new --no-restart > /dev/null || finish "switch to $new"
  say "SWITCHED from=$old to=$new; cutting the power"
  echo b > /proc/sysrq-trigger
  finish "still running after the sysrq reset"
fi
systemctl stop $U
say "DONE"
