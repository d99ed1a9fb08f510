#!/usr/bin/env bash
# Builds a Debian arm64 sysroot in DIR: the C library, libgcc and libstdc++ with their development
# files, which is what linking the NativeAOT node for 64-bit Pis needs on an x86-64 machine (clang
# --sysroot), and what qemu-user needs to run it (qemu-aarch64-static -L DIR).
#
#   deploy/arm64-sysroot.sh DIR
#
# The packages come from this machine's Debian release (the one Raspberry Pi OS of the same name is
# built on), downloaded with a private apt state under DIR.apt: nothing under /etc or /var/lib/dpkg
# changes (no `dpkg --add-architecture`), and root is not needed. A finished sysroot is reused.
set -euo pipefail

usage() { echo "usage: $0 DIR   (for example: $0 out/sysroot-arm64)" >&2; exit 2; }
[ $# = 1 ] || usage
case $1 in -h | --help) usage ;; esac
SYSROOT=$(realpath -m "$1")
APTDIR=$SYSROOT.apt
PACKAGES=(libc6 libc6-dev linux-libc-dev libgcc-s1 libgcc-12-dev libstdc++6 libstdc++-12-dev)
STAMP=$SYSROOT/.pineurons-sysroot

if [ -f "$STAMP" ] && [ "$(head -n 1 "$STAMP")" = "${PACKAGES[*]}" ]; then
  echo "arm64-sysroot: reusing $SYSROOT"
  exit 0
fi
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null ||
  { echo "arm64-sysroot: needs apt-get and dpkg-deb (a Debian or Raspberry Pi OS machine)" >&2; exit 1; }

host_fingerprint() {
  dpkg --print-foreign-architectures
  md5sum /var/lib/dpkg/status /var/lib/dpkg/arch 2>/dev/null || true
  ls -la --time-style=full-iso /etc/apt /etc/apt/sources.list.d 2>/dev/null || true
}
before=$(host_fingerprint)
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
rm -rf "$APTDIR" "$SYSROOT"
mkdir -p "$APTDIR/state/lists/partial" "$APTDIR/cache/archives/partial" "$APTDIR/etc/sources.list.d" "$APTDIR/debs"
: > "$APTDIR/state/status"
: > "$APTDIR/etc/sources.list"
# The system's Debian sources for this release (binary only, any architecture filter removed).
if [ -f /etc/apt/sources.list ]; then
  grep -E "^deb[[:space:]]" /etc/apt/sources.list | grep -F "$codename" | grep -F debian |
    sed -E 's/\[[^]]*\]//' >> "$APTDIR/etc/sources.list" || true
fi
for f in /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] || continue
  grep -E "^deb[[:space:]]" "$f" | grep -F "$codename" | grep -F debian |
    sed -E 's/\[[^]]*\]//' >> "$APTDIR/etc/sources.list" || true
done
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  awk -v codename="$codename" 'BEGIN { RS = ""; ORS = "\n\n" }
    /(^|\n)URIs:[^\n]*debian/ && /(^|\n)Suites:[^\n]*/ && index($0, codename) && !/(^|\n)Enabled:[[:space:]]*no/ {
      n = split($0, lines, "\n"); out = ""
      for (i = 1; i <= n; i++) {
        if (lines[i] ~ /^Architectures:/) continue
        if (lines[i] ~ /^Types:/) lines[i] = "Types: deb"
        out = out lines[i] "\n"
      }
      printf "%s\n", out
    }' "$f" > "$APTDIR/etc/sources.list.d/$(basename "$f")"
done
if ! grep -qsE '^(deb|URIs:)' "$APTDIR/etc/sources.list" "$APTDIR"/etc/sources.list.d/*; then
  echo "arm64-sysroot: no Debian $codename source found in /etc/apt; using deb.debian.org"
  cat > "$APTDIR/etc/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: http://deb.debian.org/debian
Suites: $codename $codename-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: $codename-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
fi
APT_OPTS=(
  -o "Dir::State=$APTDIR/state"
  -o "Dir::State::status=$APTDIR/state/status"
  -o "Dir::Cache=$APTDIR/cache"
  -o "Dir::Etc::SourceList=$APTDIR/etc/sources.list"
  -o "Dir::Etc::SourceParts=$APTDIR/etc/sources.list.d"
  -o "APT::Architecture=arm64"
  -o "APT::Architectures::=arm64"
)
# apt drops to the _apt user to download, which cannot write a private state owned by root.
[ "$(id -u)" = 0 ] && APT_OPTS+=(-o "APT::Sandbox::User=root")
echo "arm64-sysroot: downloading ${PACKAGES[*]} (arm64, $codename)"
apt-get "${APT_OPTS[@]}" -q update >/dev/null
(cd "$APTDIR/debs" && apt-get "${APT_OPTS[@]}" -q download "${PACKAGES[@]/%/:arm64}" >/dev/null)
mkdir -p "$SYSROOT"
for deb in "$APTDIR"/debs/*.deb; do
  dpkg-deb -x "$deb" "$SYSROOT"
done
[ -e "$SYSROOT/lib/ld-linux-aarch64.so.1" ] || { echo "arm64-sysroot: $SYSROOT has no lib/ld-linux-aarch64.so.1" >&2; exit 1; }
after=$(host_fingerprint)
[ "$before" = "$after" ] || { echo "arm64-sysroot: building the sysroot changed this machine's dpkg/apt configuration" >&2; exit 1; }
{ echo "${PACKAGES[*]}"; (cd "$APTDIR/debs" && ls ./*.deb); } > "$STAMP"
echo "arm64-sysroot: $SYSROOT ($(du -sh "$SYSROOT" | cut -f1)); this machine's dpkg and /etc/apt unchanged"
