#!/bin/sh
# Runs inside the VM (pineurons-vm-check.service) under the real systemd, as root: starts the real
# pineurons-node unit against gpio-sim's chips (laid out as a Pi 5's by init.sh, as other boards' by
# section 5) and Mosquitto, and prints one "VMCHECK PASS|FAIL <name>" line per assertion, then
# "VMCHECK RESULT PASS|FAIL".
. /etc/pineurons-ci/env                      # REPO, GPIO_GID, and the chip layout: HEADER, SIM, LABEL, BOARD, DECOY, DECOY_SIM
[ -n "$VM_BISECT" ] && exec sh /opt/pineurons-ci/guest-bisect.sh
. /opt/pineurons-ci/gpio-sim.sh
[ -d $SIMCFG ] || mount -t configfs none /sys/kernel/config
U=pineurons-node.service; T=pineurons/n1; B="-h 127.0.0.1"
LED=$SIM/sim_gpio3/value; BTN=$SIM/sim_gpio5/pull
W=/run/pineurons-ci; mkdir -p $W; FAILS=0
pass() { echo "VMCHECK PASS $*"; }
fail() { echo "VMCHECK FAIL $*"; FAILS=$((FAILS + 1)); }
up() { awk '{print $1}' /proc/uptime; }
prop() { systemctl show -p "$1" --value $U; }
# wait_for SECONDS COMMAND...: polls every 0.2 s until COMMAND succeeds.
wait_for() { n=$(($1 * 5)); shift; while [ $n -gt 0 ]; do "$@" && return 0; sleep 0.2; n=$((n - 1)); done; return 1; }
count() { grep -c "$1" $W/mqtt.log; }
echo "VMCHECK INFO uptime $(up) s, header $HEADER '$LABEL' ($SIM), decoy $DECOY, kernel $(uname -r)"
# said_gpio: the GPIO line the node's current run logged at start (it logs it before it connects).
said_gpio() { journalctl -u $U _SYSTEMD_INVOCATION_ID=$(prop InvocationID) --no-pager -o cat | grep -o 'GPIO: .*' | head -1; }
# check_gpio NAME MAJOR: the node's current run says it opened the header's chip with libgpiod MAJOR.x, and
# has that library mapped (libgpiod 1.x is libgpiod.so.2, 2.x libgpiod.so.3) and not the other.
check_gpio() {
  want="GPIO: libgpiod $2.x, chip $HEADER '$LABEL' ($BOARD)"
  wait_for 10 sh -c "journalctl -u $U _SYSTEMD_INVOCATION_ID=$(prop InvocationID) --no-pager -o cat | grep -q 'GPIO: '"
  said=$(said_gpio)
  [ "$said" = "$want" ] && pass "$1: node says \"$said\"" || fail "$1: node says \"$said\", not \"$want\""
  maps=/proc/$(prop MainPID)/maps; other=$(( $2 == 1 ? 3 : 2 ))
  grep -q "libgpiod.so.$(($2 + 1))" $maps && ! grep -q "libgpiod.so.$other" $maps \
    && pass "$1: node has libgpiod.so.$(($2 + 1)) loaded, not libgpiod.so.$other" \
    || fail "$1: node's libgpiod: $(grep -o 'libgpiod[^ ]*' $maps | sort -u | tr '\n' ' ')"
}
# watch_line FILE: from now on, polls FILE in the background (up to 60 s) and records whether it read 1, so
# that a check made after waiting for the fired event still sees a pulse that has already ended: under TCG
# on a busy machine the event can take longer to arrive than the 5 s the LED stays lit.
watch_line() { rm -f $W/high; ( wait_for 60 grep -qx 1 "$1" && touch $W/high ) & WATCH=$!; }
# went_high: waits for the watcher; true if it read 1.
went_high() { wait $WATCH; [ -f $W/high ]; }
# lit NAME: after a kick (with watch_line on the header's LED line before it), the LED line went to 1 and the
# decoy's stays 0.
lit() {
  went_high && pass "$1: kick -> line 3 of $HEADER '$LABEL' value 1" \
    || fail "$1: kick -> line 3 of $HEADER '$LABEL': $(cat $SIM/sim_gpio3/value)"
  grep -qx 0 $DECOY_SIM/sim_gpio3/value && pass "$1: line 3 of the decoy $DECOY stays 0" \
    || fail "$1: line 3 of the decoy $DECOY went to $(cat $DECOY_SIM/sim_gpio3/value)"
}
# with_lib MAJOR: the unit as shipped (1: this root's libgpiod.so.2 only), or with trixie's libgpiod.so.3
# (fetch-libgpiod3.sh) on its library path too (2), by a runtime drop-in; takes effect at the next start.
DROPIN=/run/systemd/system/$U.d/50-libgpiod3.conf
with_lib() {
  mkdir -p ${DROPIN%/*}
  if [ $1 = 2 ]; then printf '[Service]\nEnvironment=LD_LIBRARY_PATH=/opt/pineurons-ci/libgpiod3\n' > $DROPIN
  else rm -f $DROPIN; fi
  systemctl daemon-reload
}

wait_for 60 mosquitto_pub $B -t ci/ping -n -q 1 || fail "mosquitto reachable"
mosquitto_pub $B -t $T/status -r -n                  # no stale retained status
mosquitto_sub $B -v -t "$T/#" > $W/mqtt.log 2>&1 &
SUB=$!
sleep 1

# 1. Type=notify: `systemctl start` returns once the node sent READY=1, and by then it is online.
t0=$(up)
if systemctl start $U; then
  t1=$(up)
  grep -q "^$T/status online" $W/mqtt.log && st=online || st=""
  wait_for 60 grep -q "^$T/status online" $W/mqtt.log; t2=$(up)
  echo "VMCHECK INFO start took $(echo "$t1 $t0" | awk '{print $1-$2}') s; $(systemctl show -p Type,NotifyAccess,WatchdogUSec,ActiveState,SubState,NRestarts $U | tr '\n' ' ')"
  [ "$(prop ActiveState)/$(prop SubState)" = active/running ] && pass "unit active (running) after start" || fail "unit active (running) after start: $(prop ActiveState)/$(prop SubState)"
  [ "$(prop Type)" = notify ] && pass "unit is Type=notify" || fail "unit is Type=notify"
  # The node reports started (READY=1) only once every neuron is online, so start returns online.
  [ "$st" = online ] && pass "status online when start returned (READY after the MQTT connect)" \
    || fail "status online when start returned (online $(echo "$t2 $t1" | awk '{print $1-$2}') s later)"
  d=$(( $(prop ActiveEnterTimestampMonotonic) - $(prop ExecMainStartTimestampMonotonic) ))
  [ $d -gt 0 ] && pass "active only after READY: $((d / 1000)) ms from exec to active" || fail "active only after READY: $d us"
  [ "$(prop User)" = pineurons ] && pass "runs as User=pineurons" || fail "runs as User=pineurons"
  journalctl -b -u $U --no-pager | grep -q "Press Ctrl+C" && fail "node used the console lifetime (systemd not detected)" || pass "node used the systemd lifetime"
  # The shipped unit names no driver and the manifest no chip: auto found the header's chip past the decoy,
  # with libgpiod 1.x, the only one this root has.
  check_gpio "auto, Pi 5 layout, libgpiod 1.x" 1
else
  fail "systemctl start $U"
  systemctl status --no-pager -l $U; journalctl -b -u $U --no-pager | tail -40
fi

# 2. An MQTT kick fires the neuron: the LED line goes to 1 (refractoryMs 5000 keeps it lit 5 s).
[ "$(cat $LED)" = 0 ] && pass "LED line 3 is 0 before the kick" || fail "LED line 3 is 0 before the kick: $(cat $LED)"
f0=$(count '"type":"fired"')
watch_line $LED
mosquitto_pub $B -t $T/kick -n
if wait_for 10 sh -c "[ \$(grep -c '\"type\":\"fired\"' $W/mqtt.log) -gt $f0 ]"; then
  pass "kick -> fired event"
else
  fail "kick -> fired event"
fi
went_high && pass "kick -> LED line 3 value 1" || fail "kick -> LED line 3 value 1: $(cat $LED)"
grep -qx 0 $DECOY_SIM/sim_gpio3/value && pass "kick -> the decoy's line 3 ($DECOY) stays 0" || fail "kick -> the decoy's line 3 ($DECOY) went to $(cat $DECOY_SIM/sim_gpio3/value)"
wait_for 10 grep -qx 0 $LED && pass "LED line 3 back to 0 after the pulse" || fail "LED line 3 back to 0: $(cat $LED)"
sleep 1

# 3. Pressing the button (pull-up line pulled to GND) fires the neuron from "button".
# press NAME: the button pressed and released; the press gives a fired event from the button and lights the LED.
press() {
  b0=$(count '"from":"button"')
  watch_line $LED
  echo pull-down > $BTN
  if wait_for 10 sh -c "[ \$(grep -c '\"from\":\"button\"' $W/mqtt.log) -gt $b0 ] && grep '\"from\":\"button\"' $W/mqtt.log | tail -n +$((b0 + 1)) | grep -q '\"type\":\"fired\"'"; then
    pass "$1button press -> fired event from button"
  else
    fail "$1button press -> fired event from button"; grep button $W/mqtt.log | tail -5
  fi
  went_high && pass "$1button press -> LED line 3 value 1" || fail "$1button press -> LED value 1"
  echo pull-up > $BTN
}
press ""

# 4. A SIGSTOPped node stops feeding the watchdog: systemd kills and restarts it, and it comes back online.
# With VM_DRIVERS, libgpiod.so.3 goes on the unit's library path first, so the restart also shows auto
# taking libgpiod 2.x on this layout without a restart of its own (each costs most of a minute under TCG).
[ -n "$VM_DRIVERS" ] && with_lib 2
pid=$(prop MainPID); r0=$(prop NRestarts)
echo "VMCHECK INFO SIGSTOP $pid at $(up) s (WatchdogUSec=$(prop WatchdogUSec))"
kill -STOP $pid
if wait_for 180 sh -c "[ \$(systemctl show -p NRestarts --value $U) -gt $r0 ] && [ \$(systemctl is-active $U) = active ]"; then
  pass "watchdog restarted the stopped node (NRestarts $r0 -> $(prop NRestarts), pid $pid -> $(prop MainPID))"
else
  fail "watchdog restart (NRestarts $(prop NRestarts), $(prop ActiveState)/$(prop SubState))"
fi
journalctl -b -u $U --no-pager | grep -q 'Watchdog timeout' && pass "journal: watchdog timeout" || fail "journal: watchdog timeout"
journalctl -b -u $U --no-pager | grep -E 'Watchdog timeout|Scheduled restart|Main process exited' | sed 's/^/VMCHECK INFO journal: /'
wait_for 60 sh -c "[ \"\$(mosquitto_sub $B -t $T/status -C 1 -W 2 2>/dev/null)\" = online ]" && pass "node back online after the restart" || fail "node back online after the restart"
f0=$(count '"type":"fired"'); [ -n "$VM_DRIVERS" ] && watch_line $LED; mosquitto_pub $B -t $T/kick -n
wait_for 10 sh -c "[ \$(grep -c '\"type\":\"fired\"' $W/mqtt.log) -gt $f0 ]" && pass "restarted node fires on a kick" || fail "restarted node fires on a kick"
if [ -n "$VM_DRIVERS" ]; then
  lit "auto, Pi 5 layout, libgpiod 2.x"
  check_gpio "auto, Pi 5 layout, libgpiod 2.x" 2
  # The libgpiod 2.x driver reads edge events through a path of its own (an epoll array marshalled per
  # event), which the NativeAOT node must keep: a press once the kick's LED pulse is over.
  wait_for 10 grep -qx 0 $LED || fail "LED line 3 back to 0 after the kick's pulse"
  press "auto, Pi 5 layout, libgpiod 2.x: "
fi

# 9. Releases side by side (systemd/pineurons-release, docs/upgrades.md). init.sh installed the node as the first
# release. A release whose binary exits 1 is switched to on trial: systemd gives up on it after 3 starts, the
# unit's OnFailure= rollback unit takes the Pi back to the release before and marks the broken one bad, with the
# reason and the journal. A good release then passes a 10 s trial and is marked good.
R=/usr/local/sbin/pineurons-release; RS=/var/lib/pineurons-release
online_since() { [ $(grep -c "^$T/status online" $W/mqtt.log) -gt $1 ]; }
fire_answered() { mosquitto_rr $B -t $T/fire -e pineurons-replies/vm -m '' -W 20 2>/dev/null | grep -q '"type":"fired"'; }
A=$($R version)
[ -n "$A" ] && [ "$(readlink /proc/$(prop MainPID)/exe)" = /opt/pineurons/releases/$A/PiNeurons.Node ] \
  && pass "releases: the node runs release $A through /opt/pineurons/current" \
  || fail "releases: the node runs $(readlink /proc/$(prop MainPID)/exe), current is '$(readlink /opt/pineurons/current)'"
systemctl is-active --quiet pineurons-release-check.timer && pass "releases: the check timer is active" || fail "releases: the check timer is $(systemctl is-active pineurons-release-check.timer)"
rm -rf $W/relX; cp -a /opt/pineurons/current/. $W/relX; rm $W/relX/VERSION
$R install $W/relX > $W/noversion.log 2>&1 && fail "releases: a bundle without VERSION was installed" \
  || { grep -q "has no VERSION file" $W/noversion.log && pass "releases: a bundle without VERSION is refused: $(cat $W/noversion.log)" || fail "releases: without VERSION: $(cat $W/noversion.log)"; }
rm -rf $W/relB; cp -a /opt/pineurons/current/. $W/relB
printf '#!/bin/sh\necho "broken release: exits 1" >&2\nexit 1\n' > $W/relB/PiNeurons.Node; echo 0.0.1+broken > $W/relB/VERSION
$R install $W/relB > $W/release.log 2>&1 || fail "releases: install the broken release: $(cat $W/release.log)"
o0=$(count "^$T/status online"); t0=$(up)
$R switch 0.0.1+broken --trial 30 >> $W/release.log 2>&1
if wait_for 240 sh -c "[ \"\$($R version)\" = '$A' ] && [ \$(systemctl is-active $U) = active ] && [ \$(grep -c '^$T/status online' $W/mqtt.log) -gt $o0 ]"; then
  t1=$(up)
  pass "releases: a release whose node exits 1 is rolled back to $A, online again"
  echo "VMCHECK INFO releases: rollback took $(echo "$t1 $t0" | awk '{printf "%.1f", $1-$2}') s from the switch to online on $A"
else
  fail "releases: rollback from a broken release (current $($R version), node $(systemctl is-active $U))"
  cat $W/release.log; $R status; journalctl -b -u pineurons-rollback.service --no-pager | tail -20
fi
fire_answered && pass "releases: after the rollback a fire is answered by a fired event" || fail "releases: fire after the rollback"
[ "$(systemctl show -p Result --value pineurons-rollback.service)" = success ] && journalctl -b -u pineurons-rollback.service --no-pager | grep -q "rolled back from 0.0.1+broken to $A" \
  && pass "releases: the rollback unit ran (OnFailure=) and said so in its journal" || fail "releases: the rollback unit: $(systemctl show -p Result --value pineurons-rollback.service)"
$R status | grep -q "0.0.1+broken .*bad: the node failed on trial" && grep -q "broken release: exits 1" $RS/bad/0.0.1+broken \
  && pass "releases: the broken release is marked bad with the reason and the node's journal" || { fail "releases: bad mark"; $R status; cat $RS/bad/0.0.1+broken; }
[ ! -e /etc/systemd/system/$U.d/trial.conf ] && [ "$(prop StartLimitBurst)" = 10 ] \
  && pass "releases: the trial's start limit is gone after the rollback" || fail "releases: StartLimitBurst $(prop StartLimitBurst) after the rollback"
$R switch 0.0.1+broken > $W/refused.log 2>&1 && fail "releases: switching to the bad release again was not refused" \
  || { grep -q "was rolled back" $W/refused.log && pass "releases: switching to the bad release again is refused: $(cat $W/refused.log)" || fail "releases: refusal says: $(cat $W/refused.log)"; }
rm -rf $W/relC; cp -a /opt/pineurons/releases/$A/. $W/relC; echo 0.0.2+good > $W/relC/VERSION
$R install $W/relC >> $W/release.log 2>&1
o0=$(count "^$T/status online"); t0=$(up)
$R switch 0.0.2+good --trial 10 >> $W/release.log 2>&1
if wait_for 120 online_since $o0 && [ "$($R version)" = 0.0.2+good ]; then
  t1=$(up)
  pass "releases: a good release is current and online after its switch"
  echo "VMCHECK INFO releases: switch took $(echo "$t1 $t0" | awk '{printf "%.1f", $1-$2}') s from the switch to online"
else
  fail "releases: switch to a good release (current $($R version), node $(systemctl is-active $U))"
fi
[ "$(readlink /proc/$(prop MainPID)/exe)" = /opt/pineurons/releases/0.0.2+good/PiNeurons.Node ] && pass "releases: the node runs the new release's binary" || fail "releases: the node runs $(readlink /proc/$(prop MainPID)/exe)"
if wait_for 120 sh -c "$R check > /dev/null; [ -f $RS/good/0.0.2+good ]"; then
  pass "releases: the release passed its 10 s trial and is marked good"
else
  fail "releases: trial not passed: $($R status | tr '\n' ' ')"
fi
[ ! -e /etc/systemd/system/$U.d/trial.conf ] && [ "$(readlink /opt/pineurons/previous)" = releases/$A ] \
  && pass "releases: trial over, $A is the previous release" || fail "releases: after the trial: $($R status | tr '\n' ' ')"
fire_answered && pass "releases: on the new release a fire is answered by a fired event" || fail "releases: fire on the new release"
$R status | sed 's/^/VMCHECK INFO releases: /'

# 10. The Ansible role's rollout against this Pi (deploy/ansible with -c local: the guest is both the Pi and the
# controller), as an operator runs it. A bundle whose node exits 1 fails the health gate: the Pi ends on the release
# it ran, online, marked bad, and the rollout fails with the node's journal. Then the bundle deploy/publish-node.sh
# made passes the gate: its node answers the gate's query with the release's own version, and fires.
if command -v ansible-playbook > /dev/null; then
  C=$REPO/.ci/work/vm/cred; mkdir -p $W/ansible/tmp
  # A dead node would get the online wait's default 2 minutes; the gate's failure is the point here.
  ap() {
    ANSIBLE_HOME=$W/ansible ANSIBLE_LOCAL_TEMP=$W/ansible/tmp ANSIBLE_REMOTE_TEMP=$W/ansible/tmp \
    ANSIBLE_CONFIG=$REPO/deploy/ansible/ansible.cfg ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 \
    ansible-playbook -i $C/inventory.ini -c local -e ansible_python_interpreter=/usr/bin/python3 \
      -e pineurons_manifest=/etc/pineurons/cluster.yaml -e pineurons_online_retries=3 -e pineurons_online_delay=2 \
      --skip-tags packages "$@" $REPO/deploy/ansible/deploy.yml
  }
  before=$($R version)
  rm -rf $W/relD; cp -a /opt/pineurons/releases/$before/. $W/relD
  printf '#!/bin/sh\necho "broken release: exits 1" >&2\nexit 1\n' > $W/relD/PiNeurons.Node; echo 0.0.3+broken > $W/relD/VERSION
  t0=$(up); ap -e pineurons_bundle=$W/relD > $W/ansible-broken.log 2>&1; rc=$?; t1=$(up)
  echo "VMCHECK INFO ansible: the rollout of a broken release took $(echo "$t1 $t0" | awk '{printf "%.0f", $1-$2}') s, exit $rc"
  if [ $rc != 0 ] && grep -q "pi-vm failed the health gate of release 0.0.3+broken" $W/ansible-broken.log \
     && grep -q "broken release: exits 1" $W/ansible-broken.log; then
    pass "ansible: a broken release fails the health gate; the rollout stops and reports the node's journal"
  else
    fail "ansible: a broken release's rollout (exit $rc)"; tail -40 $W/ansible-broken.log | sed 's/^/VMCHECK INFO ansible: /'
  fi
  grep -o 'pi-vm failed the health gate.*' $W/ansible-broken.log | head -1 | cut -c1-400 | sed 's/^/VMCHECK INFO ansible: /'
  wait_for 120 sh -c "[ \"\$($R version)\" = '$before' ] && [ \$(systemctl is-active $U) = active ]" && fire_answered \
    && pass "ansible: the Pi is back on $before and fires" || fail "ansible: after the failed gate: current $($R version), node $(systemctl is-active $U)"
  $R status | grep -q "0.0.3+broken .*bad: " && pass "ansible: 0.0.3+broken is marked bad" || fail "ansible: 0.0.3+broken not marked bad: $($R status | tr '\n' ' ')"
  # The real bundle: the release its node was built as is installed already (init.sh) and not bad, so the gate
  # alone (`--tags wait`, as README's tags table offers) switches to it and judges it; the run above went through
  # every other task (each costs seconds under TCG).
  t0=$(up); ap --tags wait -e pineurons_bundle=$REPO/.ci/work/vm/node > $W/ansible-good.log 2>&1; rc=$?; t1=$(up)
  echo "VMCHECK INFO ansible: the rollout of $A took $(echo "$t1 $t0" | awk '{printf "%.0f", $1-$2}') s, exit $rc"
  if [ $rc = 0 ] && [ "$($R version)" = "$A" ] && grep -Eq '^pi-vm +: ok=[0-9]+ +changed=[0-9]+ +unreachable=0 +failed=0' $W/ansible-good.log; then
    pass "ansible: with --tags wait, the bundle deploy/publish-node.sh made is switched to and passes the gate: $A is current"
  else
    fail "ansible: the good rollout (exit $rc, current $($R version))"; tail -40 $W/ansible-good.log | sed 's/^/VMCHECK INFO ansible: /'
  fi
  # The slowest tasks of both runs (ansible.cfg's profile_tasks): under TCG every task costs seconds.
  for log in broken good; do
    grep -E -- '-{4,} [0-9.]+s$' $W/ansible-$log.log | head -4 | sed "s/^/VMCHECK INFO ansible ($log run), slowest: /"
  done
  [ ! -d /opt/pineurons/releases/0.0.1+broken ] && [ ! -d /opt/pineurons/releases/0.0.3+broken ] && [ -d /opt/pineurons/releases/$before ] \
    && pass "ansible: the rollout pruned the bad releases and kept the previous one" || fail "ansible: after prune: $(ls /opt/pineurons/releases | tr '\n' ' ')"
else
  fail "ansible: ansible-playbook is not installed on this root (.ci/vm-gpio.sh installs it)"
fi

# 5. Optional (VM_DRIVERS=1 in /etc/pineurons-ci/env): the shipped unit's auto rule on other layouts and
# with each libgpiod (the Pi 5 layout with 1.x is sections 1-3's, with 2.x section 4's). gpio-sim is laid
# out again in the running guest, with the node stopped so that no chip is held: a Pi 4's (the header,
# pinctrl-bcm2711, first, a decoy after it), then no header chip at all.
if [ -n "$VM_DRIVERS" ]; then
  # auto_run NAME MAJOR: restarts the unit with libgpiod MAJOR.x, checks what it says it opened, kicks.
  auto_run() {
    with_lib $2
    o0=$(count "^$T/status online")
    if systemctl restart $U; then
      wait_for 60 sh -c "[ \$(grep -c '^$T/status online' $W/mqtt.log) -gt $o0 ]" || fail "$1: node online"
      watch_line $SIM/sim_gpio3/value
      mosquitto_pub $B -t $T/kick -n
      lit "$1"
      check_gpio "$1" $2
    else
      fail "$1: unit start"; journalctl -b -u $U --no-pager | tail -20
    fi
  }
  # relayout NAME: the node stopped, gpio-sim laid out as NAME.
  relayout() {
    systemctl stop $U
    t0=$(up)
    if layout $1; then echo "VMCHECK INFO gpio-sim laid out as $1 in $(echo "$(up) $t0" | awk '{printf "%.1f", $1-$2}') s: ${CHIPS}"
    else fail "gpio-sim layout $1"; fi
  }
  relayout pi4
  auto_run "auto, Pi 4 layout, libgpiod 1.x" 1
  auto_run "auto, Pi 4 layout, libgpiod 2.x" 2
  # No header chip: the node exits 6 before READY with a message listing the chips. Restart=always would
  # retry until the start limit, so the start is not waited for: the first exit is what is checked.
  relayout none
  with_lib 1
  cur=$(journalctl -u $U -n 0 --show-cursor --no-pager | sed -n 's/^-- cursor: //p')
  systemctl start --no-block $U
  if wait_for 120 sh -c "journalctl -u $U --after-cursor='$cur' --no-pager -o cat | grep -q 'status=6/'"; then
    pass "no header chip: the unit's node exited with status 6 (GPIO unavailable)"
  else
    fail "no header chip: no exit with status 6 ($(prop ActiveState)/$(prop SubState), status $(prop ExecMainStatus))"
  fi
  msg=$(journalctl -u $U --after-cursor="$cur" --no-pager -o cat | grep -m 1 'pineurons-node: No GPIO chip to use')
  echo "VMCHECK INFO journal: $msg"
  case "$msg" in
    *"no chip carries the label of a Raspberry Pi header. GPIO chips found: $CHIPS."*"--gpio simulated"*)
      pass "no header chip: the journal lists the chips found and suggests --gpio simulated";;
    *) fail "no header chip: the journal does not list \"$CHIPS\"";;
  esac
  systemctl stop $U; systemctl reset-failed $U
  # Back to the boot's layout, and the unit as shipped, for the sections after this one.
  relayout pi5
  LED=$SIM/sim_gpio3/value; BTN=$SIM/sim_gpio5/pull
fi

systemctl stop $U
kill $SUB 2>/dev/null

# 7. The node's login as `pineurons flash` ships it (make-credentials.sh made the files on the host):
# a second Mosquitto, TLS on 8883 only, no anonymous clients, with the generated dynamic-security file
# on the plugin (Debian's path; the listeners as firmware-config/mosquitto.conf has them);
# the flashed user-data applied by cloud-init's own write_files (credentials root:root 0600 in a 0700
# folder, the unit's LoadCredential= drop-in); the unit comes online with each neuron's password from
# %d, and the node's user cannot read the originals. Sections 1-5 ran the unit without any drop-in,
# against an anonymous broker: that is the credential-free start.
C=$REPO/.ci/work/vm/cred; L=$W/locked; CRED=/etc/pineurons/credentials
if [ ! -s $C/boot/user-data ]; then
  fail "locked broker: no $C/boot/user-data (vm-gpio.sh runs make-credentials.sh before the boot)"
else
  mkdir -p $L
  cp $C/secrets/ca.crt $C/secrets/broker.crt $C/secrets/broker.key $C/secrets/dynamic-security.json $L/
  cat > $L/mosquitto.conf <<CONF
per_listener_settings false
plugin /usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so
plugin_opt_config_file $L/dynamic-security.json
allow_anonymous false
listener 8883 127.0.0.1
cafile $L/ca.crt
certfile $L/broker.crt
keyfile $L/broker.key
require_certificate false
listener 8884 127.0.0.1
cafile $L/ca.crt
certfile $L/broker.crt
keyfile $L/broker.key
require_certificate true
use_identity_as_username true
use_username_as_clientid true
log_dest stdout
CONF
  # Started as root, Mosquitto drops to its own user before it reads the key.
  chown -R mosquitto:mosquitto $L
  mosquitto -c $L/mosquitto.conf > $W/locked-broker.log 2>&1 &
  LB=$!
  TLS="-h 127.0.0.1 -p 8883 --cafile $C/secrets/ca.crt"
  # One operator login for the subscriber below and every publish: it is pinned to no client id.
  OP="$TLS -u operator -P $(head -n 1 $C/secrets/passwords/operator)"
  wait_for 30 mosquitto_pub $OP -t pineurons/ci-ping -n || fail "locked broker reachable as operator"
  # The broker really refuses anonymous clients: "online" below means the neurons logged in.
  if out=$(mosquitto_pub $TLS -t pineurons/n1/kick -n 2>&1); then fail "locked broker refuses an anonymous client"
  else pass "locked broker refuses an anonymous client ($out)"; fi
  # n1's login is pinned to the client id its node uses (pineurons-n1): with n2's, it is refused.
  if out=$(mosquitto_pub $TLS -u n1 -P "$(head -n 1 $C/secrets/passwords/n1)" -i pineurons-n2 -t pineurons/n1/status -n 2>&1)
  then fail "locked broker refuses n1's login with n2's client id"
  else pass "locked broker refuses n1's login with n2's client id ($out)"; fi

  CLOUD_INIT=${PINEURONS_CLOUD_INIT_DIR:-/opt/cloud-init-strict}/usr/lib/python3/dist-packages
  if PYTHONPATH=$CLOUD_INIT /usr/bin/python3 $REPO/.ci/vm/apply-user-data.py $C/boot/user-data; then
    pass "flashed user-data applied (write_files by cloud-init, then runcmd)"
  else
    fail "flashed user-data applied"
  fi
  st() { stat -c '%U:%G %a' "$1" 2>&1; }
  [ "$(st $CRED)" = "root:root 700" ] && pass "$CRED is root:root 0700" || fail "$CRED is root:root 0700: $(st $CRED)"
  for f in n1 n2 ca.crt; do
    [ "$(st $CRED/$f)" = "root:root 600" ] && pass "$CRED/$f is root:root 0600" || fail "$CRED/$f is root:root 0600: $(st $CRED/$f)"
  done
  # Each attempt must fail: "ok" printed by either would be a leak.
  ro=$(runuser -u pineurons -- sh -c "cat $CRED/n1 >/dev/null && echo ok; ls $CRED >/dev/null && echo ok" 2>&1)
  case "$ro" in *ok*) fail "user pineurons cannot read or list $CRED: $ro";;
    *) pass "user pineurons cannot read or list $CRED ($(echo "$ro" | tr '\n' ' '))";; esac
  echo "VMCHECK INFO drop-ins: $(prop DropInPaths)"

  mosquitto_sub $OP -v -t 'pineurons/#' > $W/locked.log 2>&1 &
  LSUB=$!
  sleep 1
  # The subscriber's own TCP connection: the same local port at the end means no publish of the same
  # login took its session over (mosquitto_sub would have reconnected from another port).
  sub_port() { ss -Htnp state established '( dport = :8883 )' | grep "pid=$LSUB," | awk '{print $3}'; }
  P0=$(sub_port)
  if systemctl restart $U; then
    if wait_for 90 sh -c "grep -q '^pineurons/n1/status online' $W/locked.log && grep -q '^pineurons/n2/status online' $W/locked.log"; then
      pass "unit online on the locked broker: n1 and n2 each logged in with its password from the credentials"
    else
      fail "n1 and n2 online on the locked broker"; grep status $W/locked.log | tail -5
    fi
    env=$(prop Environment)
    echo "VMCHECK INFO Environment=$env"
    echo "$env" | grep -q "PINEURONS_PASSWORD_DIR=/run/credentials/$U " && echo "$env" | grep -q "PINEURONS_CA_FILE=/run/credentials/$U/ca.crt" \
      && pass "%d expands to /run/credentials/$U" || fail "%d expands to /run/credentials/$U"
    # The copies systemd made: the node's user alone reads them, and only while the unit runs.
    cs=$(stat -c '%U %a %n' /run/credentials/$U/* 2>&1 | tr '\n' ';')
    echo "VMCHECK INFO credentials: $cs"
    [ "$(stat -c '%U:%a' /run/credentials/$U/n1 2>&1)" = "pineurons:400" ] && pass "the node's copy of n1 is pineurons 0400" || fail "the node's copy of n1: $cs"
    # n1 fires on the operator's kick and kicks n2 with its own login: its role lets it only because they are wired.
    mosquitto_pub $OP -t pineurons/n1/kick -n
    wait_for 20 grep -q '^pineurons/n1/events .*"type":"fired"' $W/locked.log && pass "locked broker: operator kick -> n1 fired" || fail "locked broker: operator kick -> n1 fired"
    wait_for 20 grep -q '^pineurons/n2/events .*"type":"fired"' $W/locked.log && pass "locked broker: n1 -> n2 fired" || fail "locked broker: n1 -> n2 fired"
  else
    fail "systemctl restart $U with the credentials drop-in"
    systemctl status --no-pager -l $U; journalctl -b -u $U --no-pager | tail -30
  fi
  systemctl stop $U
  [ -e /run/credentials/$U/n1 ] && fail "credentials gone after stop" || pass "credentials gone after stop"

  # Why the shipped unit has no LoadCredential=: on this systemd a missing source file fails the unit.
  mv $CRED/n2 $W/n2.moved
  # Restart=always retries until the start limit (10 in 5 min), so start returns after those retries.
  if timeout 180 systemctl start $U 2>/dev/null; then
    fail "a missing credential file fails the unit (it started)"
  else
    j=$(journalctl -b -u $U --no-pager | grep -E 'CREDENTIALS|credential' | tail -n 2 | tr '\n' ' ')
    echo "$j" | grep -q '243/CREDENTIALS' && pass "a missing credential file fails the unit: $j" || fail "a missing credential file: $j"
  fi
  systemctl stop $U; systemctl reset-failed $U
  mv $W/n2.moved $CRED/n2

  # 8. Certificate logins as flash ships them (secrets --auth certificate, same CA): the card's drop-in
  # replaces the password one; each neuron presents %d/<id>.crt on the certificate listener, 8884, where
  # its CN is its user name, so the same role holds it (the pin does not apply to a certificate login;
  # use_username_as_clientid on 8884 makes its client id the CN).
  if PYTHONPATH=$CLOUD_INIT /usr/bin/python3 $REPO/.ci/vm/apply-user-data.py $C/boot-cert/user-data > $W/apply-cert.log 2>&1; then
    pass "certificate user-data applied"
  else
    fail "certificate user-data applied"; sed 's/^/VMCHECK INFO /' $W/apply-cert.log | tail -5
  fi
  for f in n1.crt n1.key n2.crt n2.key; do
    [ "$(st $CRED/$f)" = "root:root 600" ] && pass "$CRED/$f is root:root 0600" || fail "$CRED/$f is root:root 0600: $(st $CRED/$f)"
  done
  o1=$(grep -c '^pineurons/n1/status online' $W/locked.log); o2=$(grep -c '^pineurons/n2/status online' $W/locked.log)
  f1=$(grep -c '^pineurons/n1/events .*"type":"fired"' $W/locked.log); f2=$(grep -c '^pineurons/n2/events .*"type":"fired"' $W/locked.log)
  if systemctl restart $U; then
    if wait_for 90 sh -c "[ \$(grep -c '^pineurons/n1/status online' $W/locked.log) -gt $o1 ] && [ \$(grep -c '^pineurons/n2/status online' $W/locked.log) -gt $o2 ]"; then
      pass "unit online with certificates: n1 and n2 each presented its own certificate from the credentials"
    else
      fail "n1 and n2 online with certificates"; journalctl -b -u $U --no-pager | tail -20
    fi
    env=$(prop Environment)
    echo "VMCHECK INFO Environment=$env"
    echo "$env" | grep -q "PINEURONS_CERT_DIR=/run/credentials/$U " && echo "$env" | grep -q "PINEURONS_BROKER=mqtts://127.0.0.1:8884" \
      && pass "certificate drop-in: --cert-dir %d and the broker's 8884" || fail "certificate drop-in environment: $env"
    # The broker's log is block-buffered in its file; the sockets say it now.
    n=$(ss -Htn state established '( dport = :8884 )' | wc -l)
    [ "$n" -ge 2 ] && pass "the node holds $n connections to the certificate listener" || fail "connections to 8884: $n ($(ss -Htn state established | tr '\n' ';'))"
    mosquitto_pub $OP -t pineurons/n1/kick -n
    wait_for 20 sh -c "[ \$(grep -c '^pineurons/n1/events .*\"type\":\"fired\"' $W/locked.log) -gt $f1 ]" \
      && pass "certificates: operator kick -> n1 fired" || fail "certificates: operator kick -> n1 fired"
    wait_for 20 sh -c "[ \$(grep -c '^pineurons/n2/events .*\"type\":\"fired\"' $W/locked.log) -gt $f2 ]" \
      && pass "certificates: n1 -> n2 fired (n1's CN may kick its connection)" || fail "certificates: n1 -> n2 fired"
  else
    fail "systemctl restart $U with the certificate drop-in"
    systemctl status --no-pager -l $U; journalctl -b -u $U --no-pager | tail -30
  fi
  systemctl stop $U
  P1=$(sub_port)
  [ -n "$P0" ] && [ "$P0" = "$P1" ] && pass "the operator's subscriber kept its one connection ($P0) through every publish of the same login"     || fail "the operator's subscriber kept its connection: before '$P0', after '$P1'"
  kill $LSUB $LB 2>/dev/null
fi

# 6. Optional (VM_TESTS=1): the hardware adapter tests (tests/PiNeurons.Hardware.Tests/RealGpio) on the
# header's chip of the Pi 5 layout (with its decoy), once per libgpiod driver, from the ReadyToRun publish the host made in .ci/work/vm/hwtests. The
# node is stopped, so the lines are free. One "VMCHECK TESTS <driver> ..." line each, which the host
# script judges on its own: passed > 0 and nothing failed or skipped.
if [ -n "$VM_TESTS" ]; then
  DLL=$REPO/.ci/work/vm/hwtests/PiNeurons.Hardware.Tests.dll
  # vstest keeps state under HOME and talks to its testhost over loopback (systemd brought lo up).
  mkdir -p $W/home
  for drv in libgpiod libgpiodv2; do
    # libgpiod.so.2 is this root's own; the v2 driver's libgpiod.so.3 comes from trixie (fetch-libgpiod3.sh).
    lib=""; [ $drv = libgpiodv2 ] && lib=/opt/pineurons-ci/libgpiod3
    t0=$(up)
    env HOME=$W/home DOTNET_CLI_HOME=$W/home DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
      DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 VSTEST_CONNECTION_TIMEOUT=300 LD_LIBRARY_PATH=$lib \
      PINEURONS_REAL_GPIO_CHIP=/dev/$HEADER PINEURONS_REAL_GPIO_DRIVER=$drv PINEURONS_REAL_GPIO_SIM=$SIM \
      PINEURONS_REAL_GPIO_LABEL=$LABEL \
      dotnet vstest "$DLL" --TestCaseFilter:FullyQualifiedName~RealGpio --ResultsDirectory:$W/tr-$drv \
        --logger:"trx;LogFileName=$drv.trx" > $W/tests-$drv.log 2>&1
    rc=$?
    # The trx counters, not the console text: a skipped test is "notExecuted" there.
    c=$(grep -o '<Counters [^>]*' $W/tr-$drv/$drv.trx 2>/dev/null)
    n() { echo "$c" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    total=$(n total); passed=$(n passed); failed=$(n failed); skipped=$(n notExecuted)
    echo "VMCHECK TESTS $drv rc=$rc total=${total:-0} passed=${passed:-0} failed=${failed:-0} skipped=${skipped:-0} seconds=$(echo "$(up) $t0" | awk '{printf "%.0f", $1-$2}')"
    if [ $rc = 0 ] && [ "${passed:-0}" -gt 0 ] && [ "${failed:-1}" = 0 ] && [ "${skipped:-1}" = 0 ] && [ "$passed" = "$total" ]; then
      pass "driver $drv: hardware adapter tests on $HEADER '$LABEL' ($passed passed)"
    else
      fail "driver $drv: hardware adapter tests on $HEADER '$LABEL'"
      grep -E 'Failed |Skipped |Error Message|Assert|Exception|^  +at PiNeurons|Total tests|error' $W/tests-$drv.log | head -40 | sed "s/^/VMCHECK INFO tests $drv: /"
    fi
  done
fi
if [ $FAILS -gt 0 ]; then
  echo "VMCHECK INFO --- node journal (tail) ---"; journalctl -b -u $U --no-pager | tail -40
  echo "VMCHECK INFO --- MQTT (tail) ---"; tail -20 $W/mqtt.log
  echo "VMCHECK RESULT FAIL ($FAILS failed)"
else
  echo "VMCHECK RESULT PASS"
fi
