#!/usr/bin/env bash
# Installs what the Flash tests need, on Debian 12 (bookworm), as root:
#  - mtools + dosfstools: `flash --image` writes into a FAT image with mcopy; the test makes one with mkfs.vfat;
#  - netplan.io: `netplan generate --root-dir` validates network-config with wifis (cloud-init's own
#    network schema does not know wifis);
#  - a STRICT cloud-init: Debian 12's cloud-init 22.4 accepts unknown keys, so the pure-Python
#    cloud-init from Debian sid is unpacked into $CLOUD_INIT_DIR (default /opt/cloud-init-strict) and run
#    with bookworm's /usr/bin/python3; its Python deps come from bookworm's python3-* packages.
#    The download uses a private apt state: nothing under /etc or /var/lib/apt changes.
# The tests find it at $PINEURONS_CLOUD_INIT_DIR, else /opt/cloud-init-strict.
set -euo pipefail
DEST="${CLOUD_INIT_DIR:-/opt/cloud-init-strict}"
SUITE="${CLOUD_INIT_SUITE:-sid}"   # sid knows the Raspberry Pi `rpi:` module; trixie (25.1) does not
export DEBIAN_FRONTEND=noninteractive

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }
if ! have mcopy || ! have mkfs.vfat || ! have netplan || ! /usr/bin/python3 -c 'import jsonschema, yaml, jinja2, configobj' 2>/dev/null; then
  # Another apt run (CI step, unattended upgrade) may hold the lock: wait for it instead of failing.
  apt-get -o DPkg::Lock::Timeout=600 update -q
  # The strict cloud-init's Python dependencies, not bookworm's cloud-init itself: installing that
  # package would enable its first-boot services on a developer's machine.
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends mtools dosfstools netplan.io \
    python3-configobj python3-jinja2 python3-jsonpatch python3-jsonschema python3-netifaces python3-oauthlib \
    python3-requests python3-serial python3-yaml
fi

if [ ! -d "$DEST/usr/lib/python3/dist-packages/cloudinit" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work"/state/lists/partial "$work"/cache/archives/partial "$work"/parts
  touch "$work"/state/status
  cat > "$work"/parts/newer.sources <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: $SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  A=(-o "Dir::State=$work/state" -o "Dir::Cache=$work/cache" -o Dir::Etc::SourceList=/dev/null
     -o "Dir::Etc::SourceParts=$work/parts" -o "Dir::State::status=$work/state/status")
  apt-get "${A[@]}" update -q
  (cd "$work" && apt-get "${A[@]}" download "cloud-init/$SUITE")
  mkdir -p "$DEST"
  dpkg-deb -x "$work"/cloud-init_*_all.deb "$DEST"
fi

PYTHONPATH="$DEST/usr/lib/python3/dist-packages" /usr/bin/python3 -c 'import cloudinit.version as v; print("strict cloud-init", v.version_string())'
