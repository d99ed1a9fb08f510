# Sourced by init.sh (the VM stage's /init) when the initramfs carries it, which only the power-cut
# boots of .ci/vm/powercut.sh do: it puts the node's state directory on an ext4 virtio disk, where a
# power cut can lose what was not synced (on the usual tmpfs overlay it could only lose everything),
# and runs guest-powercut.sh instead of guest-check.sh. Uses init.sh's H, V, fail and say.

# Debian builds these as modules (virtio and virtio_ring are loaded already). No modprobe here, so
# crc32c_generic is loaded by hand: ext4 and jbd2 ask the crypto API for "crc32c" (metadata_csum).
for m in crc16 crc32c_generic mbcache jbd2 ext4 virtio_blk; do
  insmod /modules/powercut/$m.ko || fail "insmod $m"
done
# virtio_blk creates the node as it binds the device; wait for it, bounded.
n=50; while [ ! -b /dev/vda ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
[ -b /dev/vda ] || fail "power cut: no /dev/vda"
# Default ext4 options, as on a Pi's card: data=ordered, a journal commit every 5 s.
mkdir -p $H/mnt/pnstate $H/var/lib/pineurons
mount -t ext4 /dev/vda $H/mnt/pnstate || fail "power cut: mount /dev/vda"
# The state directory is a subdirectory, so the control marker (guest-powercut.sh) lives on the same
# file system but outside what the node reads.
mkdir -p $H/mnt/pnstate/pineurons
mount -o bind $H/mnt/pnstate/pineurons $H/var/lib/pineurons || fail "power cut: bind /var/lib/pineurons"
# The node's releases and their state on the same disk, so a cut right after a release switch is a cut on the
# disk the switch wrote (guest-powercut.sh): the first boot installs the release init.sh installed on the overlay.
mkdir -p $H/mnt/pnstate/opt $H/mnt/pnstate/release $H/var/lib/pineurons-release
mount -o bind $H/mnt/pnstate/opt $H/opt/pineurons || fail "power cut: bind /opt/pineurons"
mount -o bind $H/mnt/pnstate/release $H/var/lib/pineurons-release || fail "power cut: bind /var/lib/pineurons-release"
chroot $H /usr/local/sbin/pineurons-release install $N/node > /dev/console || fail "power cut: install the node's release"
pc() { sed -n "s/.*pnpc$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
{ echo "PC_CYCLE=$(pc cycle)"; echo "PC_EXPECT=$(pc expect)"; echo "PC_SET=$(pc set)"; echo "PC_SWITCH=$(pc switch)"; } >> $H/etc/pineurons-ci/env
cp $H$V/guest-powercut.sh $H/opt/pineurons-ci/guest-powercut.sh
mkdir -p $H/etc/systemd/system/pineurons-vm-check.service.d
printf '[Service]\nExecStart=\nExecStart=/bin/sh /opt/pineurons-ci/guest-powercut.sh\n' \
  > $H/etc/systemd/system/pineurons-vm-check.service.d/50-powercut.conf
say "power cut: /dev/vda (ext4) on /var/lib/pineurons, cycle $(pc cycle)"
