#!/usr/bin/env bash
# VM stage: the node on real GPIO under real systemd.
# Boots this machine's own root filesystem (virtio-9p, read-only, tmpfs overlay) under
# qemu-system-x86_64 (TCG) with Debian's kernel and a gpio-sim module built here out of tree from
# Debian's linux-source, switches to the real systemd and runs .ci/vm/guest-check.sh there: the
# pineurons-node unit (systemd/pineurons-node.service, verbatim, plus .ci/vm's watchdog drop-in)
# via libgpiod on gpio-sim chips labelled as a Pi's (.ci/vm/gpio-sim.sh), with Mosquitto in the guest.
# Run as root on Debian 12 with the .NET SDK:   bash .ci/vm-gpio.sh
# Work files (kernel, sources, module, initramfs, published node, console log) go to .ci/work/vm
# (git-ignored; kernel sources are never committed). VM_DRIVERS=0 skips the per-driver checks of the
# node; VM_TESTS=0 skips the hardware adapter tests (tests/PiNeurons.Hardware.Tests/RealGpio), which
# otherwise run in the guest on the header's chip once with the libgpiod driver and once with libgpiodv2.
# Then .ci/vm/powercut.sh cuts the guest's power VM_POWERCUT times (default 3, 0 skips): right after an
# acknowledged `set`, then right after a release switch, in turn, and checks the value is back after the
# reboot and the node came up on one of the switch's two releases.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD; V=$REPO/.ci/vm; W=$REPO/.ci/work/vm
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
START=$SECONDS
step() { echo "== vm-gpio [$((SECONDS - START)) s] $*"; }
mkdir -p "$W"/{debs,kernel,mod}

step "packages"
abi() { apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/.*Depends: linux-image-\(.*\)-amd64$/\1/p' | head -1; }
ABI=$(abi); [ -n "$ABI" ] || { apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null; ABI=$(abi); }
[ -n "$ABI" ] || { echo "vm-gpio: no linux-image-amd64 in apt's lists (apt-get update?)" >&2; exit 1; }
# ansible: the guest runs the Ansible role's rollout against itself (guest-check.sh, section 10).
PKGS="qemu-system-x86 busybox-static gpiod cpio libgpiod2 mosquitto mosquitto-clients ansible linux-headers-$ABI-amd64"
# shellcheck disable=SC2086
if ! dpkg -s $PKGS >/dev/null 2>&1; then
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $PKGS >/dev/null
fi
SRCPKG=$(apt-cache depends "linux-headers-$ABI-amd64" | sed -n 's/.*Depends: linux-kbuild-\(.*\)$/linux-source-\1/p' | head -1)
ls "$W"/debs/linux-image-"$ABI"-amd64_*.deb >/dev/null 2>&1 || (cd "$W/debs" && apt-get download -q "linux-image-$ABI-amd64" >/dev/null 2>&1)
ls "$W"/debs/"$SRCPKG"_*.deb >/dev/null 2>&1 || (cd "$W/debs" && apt-get download -q "$SRCPKG" >/dev/null 2>&1)

step "kernel $ABI and gpio-sim"
if [ ! -d "$W/kernel/lib/modules" ]; then dpkg-deb -x "$W"/debs/linux-image-"$ABI"-amd64_*.deb "$W/kernel"; fi
KV=$(ls "$W/kernel/lib/modules"); K=$W/kernel/lib/modules/$KV/kernel
if [ ! -f "$W/mod/gpio-sim-oot.ko" ] || [ "$(cat "$W/mod/kv" 2>/dev/null)" != "$KV" ]; then
  # Debian's kernels do not build gpio-sim: take it and irq_sim from Debian's own source package.
  rm -rf "$W/ksrc" "$W/mod"; mkdir -p "$W/ksrc" "$W/mod"
  dpkg-deb --fsys-tarfile "$W"/debs/"$SRCPKG"_*.deb | tar -xO --wildcards './usr/src/linux-source-*.tar.xz' \
    | tar -xJ -C "$W/ksrc" --wildcards '*/drivers/gpio/gpio-sim.c' '*/drivers/gpio/gpiolib.h' '*/kernel/irq/irq_sim.c'
  cp "$W"/ksrc/*/drivers/gpio/gpio-sim.c "$W"/ksrc/*/drivers/gpio/gpiolib.h "$W"/ksrc/*/kernel/irq/irq_sim.c "$W/mod/"
  # irq_to_desc is not exported to modules; generic_handle_irq does the same lookup.
  sed -i 's/handle_simple_irq(irq_to_desc(irqnum));/generic_handle_irq(irqnum);/' "$W/mod/irq_sim.c"
  grep -q 'generic_handle_irq(irqnum);' "$W/mod/irq_sim.c" || { echo "vm-gpio: irq_sim.c patch did not apply" >&2; exit 1; }
  printf 'obj-m := gpio-sim-oot.o\ngpio-sim-oot-y := gpio-sim.o irq_sim.o\n' > "$W/mod/Makefile"
  make -s -C "/lib/modules/$KV/build" M="$W/mod" modules
  echo "$KV" > "$W/mod/kv"; rm -rf "$W/ksrc"
fi

step "libgpiod3 (trixie) for the libgpiod v2 driver"
if { [ "${VM_DRIVERS:-1}" = 1 ] || [ "${VM_TESTS:-1}" = 1 ]; } && [ ! -e "$W/libgpiod3/libgpiod.so.3" ]; then
  bash "$V/fetch-libgpiod3.sh" "$W" >/dev/null || echo "vm-gpio: no libgpiod3, the libgpiodv2 check will fail" >&2
fi

step "node (the NativeAOT bundle a Pi gets, deploy/publish-node.sh)"
# VM_NODE names a bundle already published and tested (.ci/run passes .ci/aot-node.sh's); otherwise it is
# published here. The -r linux-x64 restore rewrites the projects' obj/ restore output, so run this stage
# after the test suite.
if [ -n "${VM_NODE:-}" ]; then
  [ -x "$VM_NODE/PiNeurons.Node" ] || { echo "vm-gpio: VM_NODE=$VM_NODE has no PiNeurons.Node" >&2; exit 1; }
  rm -rf "$W/node"; cp -a "$VM_NODE" "$W/node"
else
  bash deploy/publish-node.sh --rid linux-x64 -o "$W/node" >/dev/null
fi

if [ "${VM_TESTS:-1}" = 1 ]; then
  step "hardware adapter tests (ReadyToRun publish for the guest)"
  # The guest runs this output with `dotnet vstest`; ReadyToRun for the same reason as the node: xunit,
  # the testhost and the adapters would otherwise be JIT-compiled under TCG, twice.
  rm -rf "$W/hwtests"
  dotnet publish tests/PiNeurons.Hardware.Tests -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$W/hwtests" -v q -nologo >/dev/null
fi

step "credentials for the locked-broker check (pineurons secrets, pineurons flash --secrets)"
bash "$V/make-credentials.sh" "$W"

step "initramfs"
I=$W/initrd; rm -rf "$I"; mkdir -p "$I"/{bin,proc,sys,dev,host,lower,ov,modules}
cp /bin/busybox "$I/bin/"
for t in sh mount umount mkdir echo cat cp ln chmod chown cut sed insmod poweroff chroot switch_root sleep; do ln -s busybox "$I/bin/$t"; done
for m in drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci_legacy_dev \
         drivers/virtio/virtio_pci fs/netfs/netfs fs/fscache/fscache net/9p/9pnet net/9p/9pnet_virtio fs/9p/9p \
         fs/overlayfs/overlay fs/configfs/configfs; do
  cp "$K/$m.ko" "$I/modules/"
done
cp "$W/mod/gpio-sim-oot.ko" "$I/modules/"
cp "$V/init.sh" "$I/init"; chmod +x "$I/init"
(cd "$I" && find . | cpio -o -H newc --quiet | gzip -1 > "$W/initrd.img")

step "boot (qemu TCG, real systemd; console in $W/console.log)"
LOG=$W/console.log
set +e
# The check boot runs sections 1-7 of guest-check.sh and the adapter tests twice: about 7 min on a quiet
# 2-core machine under TCG; 900 s leaves room for a busy one.
timeout 1200 qemu-system-x86_64 -machine q35,accel=tcg -cpu max -smp 2 -m 2048 -nographic -no-reboot \
  -kernel "$W/kernel/boot/vmlinuz-$KV" -initrd "$W/initrd.img" \
  -append "console=ttyS0 quiet panic=-1 systemd.unit=multi-user.target systemd.show_status=0 pnrepo=$REPO pndrivers=${VM_DRIVERS:-1} pnbisect=${VM_BISECT:-0} pntests=${VM_TESTS:-1}" \
  -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
  </dev/null > "$LOG" 2>&1
QRC=$?
set -e
grep -a 'VMCHECK\|vm-init' "$LOG" | sed 's/\r$//; s/^.*\(VMCHECK\|vm-init\)/\1/' || true
step "done (qemu exit $QRC)"
# The adapter tests are judged here too, from the counts the guest reports, so a run in which they did
# not run at all (no result line, or every test skipped because the environment did not reach them) fails.
TESTS_OK=1
if [ "${VM_TESTS:-1}" = 1 ]; then
  for drv in libgpiod libgpiodv2; do
    r=$(grep -a "VMCHECK TESTS $drv " "$LOG" | sed 's/\r$//; s/^.*VMCHECK TESTS [^ ]* //' | tail -1 || true)
    get() { echo " $r" | sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }
    if [ -n "$r" ] && [ "$(get rc)" = 0 ] && [ "$(get passed)" -gt 0 ] 2>/dev/null && [ "$(get failed)" = 0 ] && [ "$(get skipped)" = 0 ]; then
      echo "vm-gpio: adapter tests with $drv: PASS ($r)"
    else
      echo "vm-gpio: adapter tests with $drv: FAIL (${r:-no result from the guest})" >&2; TESTS_OK=0
    fi
  done
fi
# Power cuts right after an acknowledged set or a release switch, on an ext4 disk (.ci/vm/powercut.sh):
# VM_POWERCUT cycles, 0 skips.
POWERCUT_OK=1
if [ "${VM_POWERCUT:-3}" != 0 ]; then
  step "power cuts (${VM_POWERCUT:-3} cycles; console logs in $W/powercut)"
  bash "$V/powercut.sh" "$W" "${VM_POWERCUT:-3}" || POWERCUT_OK=0
fi
if [ $POWERCUT_OK = 1 ] && [ $TESTS_OK = 1 ] && grep -aq 'VMCHECK RESULT PASS' "$LOG" && ! grep -aq 'VMCHECK FAIL' "$LOG"; then
  echo "vm-gpio: PASS"; exit 0
fi
[ $QRC = 124 ] && echo "vm-gpio: FAIL: the guest did not finish within 1200 s" >&2
echo "vm-gpio: FAIL (console log: $LOG)" >&2
tail -60 "$LOG" >&2
exit 1
