#!/usr/bin/env bash
# Fetches Debian trixie's libgpiod3 (libgpiod v2.x, libgpiod.so.3) into $1/libgpiod3, for the VM
# stage's libgpiodv2 driver check, with a private apt state: the host's apt and dpkg are untouched.
# Trixie's library needs at most GLIBC 2.33, so it runs on bookworm (real-environment.md section 1).
set -euo pipefail
W=$(readlink -f "$1"); A=$W/apt-trixie
URI=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
mkdir -p "$A"/{state/lists/partial,cache/archives/partial,parts} "$W/libgpiod3"; touch "$A/state/status"
cat > "$A/parts/trixie.sources" <<SRC
Types: deb
URIs: ${URI:-http://deb.debian.org/debian}
Suites: trixie
Components: main
Architectures: amd64
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
O=(-o "Dir::State=$A/state" -o "Dir::Cache=$A/cache" -o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$A/parts"
   -o "Dir::State::status=$A/state/status" -o APT::Architecture=amd64 -o APT::Architectures::=amd64)
apt-get "${O[@]}" -q update >/dev/null
(cd "$A" && rm -f libgpiod3_*.deb && apt-get "${O[@]}" -q download libgpiod3 2>/dev/null)
rm -rf "$A/x"; dpkg-deb -x "$A"/libgpiod3_*.deb "$A/x"
cp -a "$A"/x/usr/lib/x86_64-linux-gnu/libgpiod.so.3* "$W/libgpiod3/"
# The package ships only the real file; ldconfig would make the soname link, so make it here.
[ -e "$W/libgpiod3/libgpiod.so.3" ] || ln -s "$(cd "$W/libgpiod3" && ls libgpiod.so.3.* | head -1)" "$W/libgpiod3/libgpiod.so.3"
ls "$W/libgpiod3"
