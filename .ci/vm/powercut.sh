#!/usr/bin/env bash
# Power cuts in the VM stage: an acknowledged `set` survives the power going off right after
# the acknowledgement, and a release switch just before the cut leaves a node that boots on one of the
# two releases. Run by .ci/vm-gpio.sh after its own boot, with its work directory:
#   bash .ci/vm/powercut.sh .ci/work/vm CYCLES
# Makes an ext4 image here (mkfs.ext4) and boots the VM stage's guest CYCLES + 1 times on it as a virtio
# disk, the node's /var/lib/pineurons (powercut-init.sh). Boot k reports the threshold the node came back
# with and whether it erred, sets a new one and cuts the power through sysrq the moment the reply arrives
# (qemu runs with -no-reboot, so it exits); the last boot only reports. The guest reports, this script
# judges: it fails, saying why, when a value is lost, an error event or a bad file shows up, a cut did
# not happen, or a boot does not report.
set -euo pipefail
W=$(cd "$1" && pwd); CYCLES=$2
V=$(cd "$(dirname "$0")" && pwd); REPO=$(cd "$V/../.." && pwd)
KV=$(ls "$W/kernel/lib/modules"); K=$W/kernel/lib/modules/$KV/kernel
command -v mkfs.ext4 >/dev/null || apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends e2fsprogs >/dev/null

# The boots' initramfs: the stage's own plus a second cpio archive (the kernel unpacks them in turn) with
# the block and ext4 modules and the hook init.sh sources.
P=$W/powercut; rm -rf "$P"; mkdir -p "$P/initrd/modules/powercut"
for m in lib/crc16 crypto/crc32c_generic fs/mbcache fs/jbd2/jbd2 fs/ext4/ext4 drivers/block/virtio_blk; do
  cp "$K/$m.ko" "$P/initrd/modules/powercut/"
done
cp "$V/powercut-init.sh" "$P/initrd/powercut-init.sh"
{ cat "$W/initrd.img"; (cd "$P/initrd" && find . | cpio -o -H newc --quiet | gzip -1); } > "$P/initrd.img"
# 64 MiB, mke2fs's defaults for ext4 (journal, metadata_csum): the node's files are a few kB.
mkfs.ext4 -q -F -L pnstate "$P/state.img" 64M >/dev/null

fail() { echo "vm-powercut: FAIL: $*" >&2; exit 1; }
# line LOG WORD: the value after "PNPOWERCUT WORD " in a boot's console log (the last one).
line() { grep -a "PNPOWERCUT $2 " "$1" | sed 's/\r$//; s/^.*PNPOWERCUT [A-Z]* //' | tail -1 || true; }
value() { echo "1.$1$1"; }   # the threshold cycle k sets: 1.11, 1.22, ... (the manifest's is 1)
expect=""; switched=""; sets=0; switches=0
for k in $(seq 0 "$CYCLES"); do
  # Odd cycles cut right after a release switch, the others right after a set: apart, so that the switch's
  # fsyncs cannot commit what a set's cut must be free to lose.
  set_to=""; switch=""
  if [ "$k" -lt "$CYCLES" ]; then
    if [ $((k % 2)) = 1 ]; then switch=1; else set_to=$(value $((k + 1))); fi
  fi
  LOG=$P/boot-$k.log; t0=$SECONDS
  set +e
  timeout 660 qemu-system-x86_64 -machine q35,accel=tcg -cpu max -smp 2 -m 2048 -nographic -no-reboot \
    -kernel "$W/kernel/boot/vmlinuz-$KV" -initrd "$P/initrd.img" \
    -append "console=ttyS0 quiet panic=-1 systemd.unit=multi-user.target systemd.show_status=0 pnrepo=$REPO pndrivers=0 pnbisect=0 pntests=0 pnpccycle=$k pnpcexpect=$expect pnpcset=$set_to pnpcswitch=$switch" \
    -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
    -drive file="$P/state.img",format=raw,if=virtio \
    </dev/null > "$LOG" 2>&1
  qrc=$?
  set -e
  grep -a 'PNPOWERCUT\|vm-init' "$LOG" | sed 's/\r$//; s/^.*\(PNPOWERCUT\|vm-init\)/\1/; s/^/  /' || true
  echo "vm-powercut: boot $k took $((SECONDS - t0)) s (qemu exit $qrc)"
  [ $qrc = 124 ] && fail "boot $k did not finish within 660 s (console log: $LOG)"
  grep -aq 'PNPOWERCUT BOOT' "$LOG" || { tail -40 "$LOG" >&2; fail "boot $k did not report (console log: $LOG)"; }
  r=$(line "$LOG" FAIL); [ -z "$r" ] || fail "boot $k: $r (console log: $LOG)"
  if [ "$k" -gt 0 ]; then
    seen=$(line "$LOG" SEEN); errors=$(line "$LOG" ERROREVENTS); files=$(line "$LOG" FILES)
    [ "$seen" = "threshold=$expect" ] || fail "boot $k: the node came back with ${seen:-no report}, but threshold=$expect was acknowledged before the cut"
    case $errors in "0 "*) ;; *) fail "boot $k: ${errors:-no count of} error event(s) since the start: $(line "$LOG" ERROR)" ;; esac
    case $files in ok:*) ;; *) fail "boot $k: state files: ${files:-no report}" ;; esac
    echo "vm-powercut: boot $k: threshold $expect survived the cut; no error event; files $files$([ -z "$switched" ] && echo "; marker $(line "$LOG" MARKER)")"
    if [ -n "$switched" ]; then
      # A release switch right before the cut: the node came up (the guest fails the boot otherwise) on one
      # of its two releases.
      release=$(line "$LOG" RELEASE); current=${release#current=}; current=${current%% *}
      case " $switched " in *" $current "*) ;; *) fail "boot $k: the node runs release '${current:-none}' after a cut during the switch $switched" ;; esac
      echo "vm-powercut: boot $k: came up on release $current after the cut during the switch $switched"
      switched=""
    fi
  fi
  if [ -n "$set_to" ]; then
    ack=$(line "$LOG" ACK)
    [ "$ack" = "threshold=$set_to; cutting the power" ] || fail "boot $k: no acknowledged set of threshold $set_to (${ack:-no ACK line})"
    # The reset's own console line, printed after ACK: the power went off there, not by a clean shutdown.
    sed -n '/PNPOWERCUT ACK/,$p' "$LOG" | grep -aq 'sysrq: Resetting' || fail "boot $k: no sysrq reset after the acknowledgement"
    grep -aq 'reboot: Power down' "$LOG" && fail "boot $k: powered down cleanly instead of being cut"
    expect=$set_to; sets=$((sets + 1))
  elif [ -n "$switch" ]; then
    sw=$(line "$LOG" SWITCHED)
    case $sw in *"; cutting the power") ;; *) fail "boot $k: no release switch before the cut (${sw:-no SWITCHED line})" ;; esac
    sed -n '/PNPOWERCUT SWITCHED/,$p' "$LOG" | grep -aq 'sysrq: Resetting' || fail "boot $k: no sysrq reset after the switch"
    switched=$(echo "${sw%%;*}" | sed 's/from=\([^ ]*\) to=\(.*\)/\1 \2/'); switches=$((switches + 1))
  else
    grep -aq 'PNPOWERCUT DONE' "$LOG" || fail "boot $k: did not finish its report"
  fi
done
# After the last, clean shutdown the file system must be clean too (each cut left a journal to replay).
fsck=$(e2fsck -fn "$P/state.img" 2>&1) || fail "e2fsck after the last boot: $fsck"
echo "vm-powercut: PASS ($sets cuts right after an acknowledged set, each value back after the reboot; $switches right after a release switch, each boot on one of its two releases; e2fsck clean)"
