#!/bin/sh
# /init of the VM stage's initramfs (.ci/vm-gpio.sh builds it): busybox only.
# Loads virtio-9p, overlayfs and the out-of-tree gpio-sim, mounts the host's root read-only with a
# tmpfs overlay on top, creates gpio-sim chips as a Pi 5 has them (gpio-sim.sh), prepares the overlay
# (user, group, unit, node, manifest, masks) and switches to the host's own systemd.
export PATH=/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
say() { echo "vm-init: $*" > /dev/console; }
fail() { say "FAIL: $*"; echo "VMCHECK RESULT FAIL (init: $*)" > /dev/console; poweroff -f; }
for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci netfs fscache \
         9pnet 9pnet_virtio 9p overlay configfs gpio-sim-oot; do
  insmod /modules/$m.ko || fail "insmod $m"
done
REPO=$(sed -n 's/.*pnrepo=\([^ ]*\).*/\1/p' /proc/cmdline)
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000 hostroot /lower || fail "9p mount"
mount -t tmpfs -o mode=0755 ov /ov; mkdir -p /ov/u /ov/w
mount -t overlay overlay -o lowerdir=/lower,upperdir=/ov/u,workdir=/ov/w /host || fail "overlay mount"

H=/host; V=$REPO/.ci/vm; N=$REPO/.ci/work/vm

# gpio-sim as an early Pi 5 kernel lays out its chips (gpio-sim.sh): a decoy first, the header's chip,
# labelled pinctrl-rp1, after it. The node finds the header's chip by that label; the LED is its line 3,
# the button its line 5 (idling high); the hardware adapter tests (tests/PiNeurons.Hardware.Tests/RealGpio)
# also use 6 and 7. guest-check.sh lays out other boards while it runs.
mount -t configfs none /sys/kernel/config
. $H$V/gpio-sim.sh
layout pi5 || fail "gpio-sim layout"
[ -c /dev/$HEADER ] && [ -c /dev/$DECOY ] || fail "no /dev/$HEADER or /dev/$DECOY"
say "gpio-sim: decoy $DECOY, header $HEADER '$LABEL' ($SIM)"

mkdir -p $H/etc/pineurons-ci $H/opt/pineurons-ci $H/etc/pineurons
echo "REPO=$REPO" > $H/etc/pineurons-ci/env
# The layout for guest-check.sh (the names gpio-sim.sh's layout sets).
for v in HEADER SIM LABEL BOARD DECOY DECOY_SIM; do eval "echo \"$v='\$$v'\"" >> $H/etc/pineurons-ci/env; done
DRV=$(sed -n 's/.*pndrivers=\([^ ]*\).*/\1/p' /proc/cmdline); [ "$DRV" = 1 ] && echo VM_DRIVERS=1 >> $H/etc/pineurons-ci/env
grep -q pnbisect=1 /proc/cmdline && echo VM_BISECT=1 >> $H/etc/pineurons-ci/env
grep -q pntests=1 /proc/cmdline && echo VM_TESTS=1 >> $H/etc/pineurons-ci/env
rm -f $H/.dockerenv   # else systemd thinks it runs in a container
echo pi-vm > $H/etc/hostname
# The node as the unit expects it: the NativeAOT bundle installed by pineurons-release as the first release,
# /opt/pineurons/current -> releases/<its VERSION>, as flash and the Ansible role install it.
mkdir -p $H/usr/local/sbin
cp $H$REPO/systemd/pineurons-release $H/usr/local/sbin/pineurons-release
chroot $H /usr/local/sbin/pineurons-release install $N/node > /dev/console || fail "install the node as the first release"
cp $H$V/cluster.yaml $H/etc/pineurons/cluster.yaml
cp $H$V/guest-check.sh $H/opt/pineurons-ci/guest-check.sh
cp $H$V/guest-bisect.sh $H/opt/pineurons-ci/guest-bisect.sh
cp $H$V/gpio-sim.sh $H/opt/pineurons-ci/gpio-sim.sh
[ -d $H$N/libgpiod3 ] && cp -a $H$N/libgpiod3 $H/opt/pineurons-ci/libgpiod3
# The real unit, verbatim, plus the VM drop-in; the check unit runs at boot, the node is started by it.
cp $H$REPO/systemd/pineurons-node.service $H$REPO/systemd/pineurons-rollback.service \
   $H$REPO/systemd/pineurons-release-check.service $H$REPO/systemd/pineurons-release-check.timer $H/etc/systemd/system/
mkdir -p $H/etc/systemd/system/pineurons-node.service.d $H/etc/systemd/system/multi-user.target.wants \
         $H/etc/systemd/system/timers.target.wants
ln -sf ../pineurons-release-check.timer $H/etc/systemd/system/timers.target.wants/pineurons-release-check.timer
cp $H$V/pineurons-node.service.d/*.conf $H/etc/systemd/system/pineurons-node.service.d/
cp $H$V/pineurons-vm-check.service $H/etc/systemd/system/
ln -sf ../pineurons-vm-check.service $H/etc/systemd/system/multi-user.target.wants/pineurons-vm-check.service
ln -sf /lib/systemd/system/mosquitto.service $H/etc/systemd/system/multi-user.target.wants/mosquitto.service
# The user and group the unit runs as, from the sysusers.d snippet flash and the Ansible role install (it creates
# gpio too); no udevd on this root, so set the chip's group here.
# systemd-sysusers syncs what it writes through /proc/self/fd, so the chroot needs /proc (without it: EINVAL).
mkdir -p $H/etc/sysusers.d
cp $H$REPO/systemd/pineurons.sysusers $H/etc/sysusers.d/pineurons.conf
mount -t proc proc $H/proc || fail "proc for systemd-sysusers"
chroot $H /usr/bin/systemd-sysusers /etc/sysusers.d/pineurons.conf > /dev/console 2>&1 || fail "systemd-sysusers"
umount $H/proc
chroot $H /usr/bin/id pineurons > /dev/console || fail "no user pineurons"
GID=$(chroot $H /usr/bin/getent group gpio | cut -d: -f3)
for c in /dev/gpiochip*; do chown 0:$GID $c && chmod 0660 $c || fail "chip permissions"; done
echo "GPIO_GID=$GID" >> $H/etc/pineurons-ci/env
# Units of this machine that are slow or pointless in the guest. systemd-tmpfiles-setup walks /tmp
# over 9p for minutes (real-environment.md section 1).
for u in systemd-tmpfiles-setup.service systemd-tmpfiles-clean.timer postgresql.service redis-server.service \
         cloud-init-local.service cloud-init.service cloud-config.service cloud-final.service \
         apt-daily.timer apt-daily-upgrade.timer man-db.timer e2scrub_all.timer e2scrub_reap.service \
         systemd-timesyncd.service getty@tty1.service serial-getty@ttyS0.service dpkg-db-backup.timer \
         fstrim.timer logrotate.timer ssh.service docker.service containerd.service; do
  ln -sf /dev/null $H/etc/systemd/system/$u
done
# Power-cut boots only (.ci/vm/powercut.sh adds the file): the state directory on an ext4 disk.
[ -f /powercut-init.sh ] && . /powercut-init.sh
umount /host/proc 2>/dev/null; umount /host/dev 2>/dev/null
say "switching to systemd"
exec switch_root /host /lib/systemd/systemd
