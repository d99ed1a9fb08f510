#!/usr/bin/env bash
# Publishes the node bundle that `pineurons flash --bundle` and the Ansible role install on a Pi.
#
#   deploy/publish-node.sh                      # 64-bit Pi (linux-arm64), NativeAOT, into out/arm64
#   deploy/publish-node.sh --rid linux-x64      # an x86-64 machine (the VM check, a test broker host)
#   deploy/publish-node.sh --jit                # 64-bit Pi, self-contained JIT runtime instead
#
# NativeAOT compiles the node ahead of time into one executable (about 19 MB) that starts in tens of
# milliseconds and needs less than half the memory of the JIT runtime: the Pi runs no compiler. Building it
# for arm64 on an x86-64 machine links with clang and lld against a Debian arm64 sysroot
# (deploy/arm64-sysroot.sh, built once into out/sysroot-arm64 with no change to this machine's apt).
# 32-bit Raspberry Pi OS runs the node as a container image with the JIT runtime instead (docs/armv7.md).
# Options: --rid linux-arm64|linux-x64, --jit, -o|--output DIR, --sysroot DIR, -h|--help.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)

usage() { # usage CODE: the header above; on stderr when it answers a mistake
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&"$(( $1 == 0 ? 1 : 2 ))"
  exit "$1"
}
RID=linux-arm64
MODE=aot
OUT=""
SYSROOT=$REPO/out/sysroot-arm64
while [ $# -gt 0 ]; do
  case $1 in
    --rid) RID=${2:?--rid needs a runtime identifier: linux-arm64 or linux-x64}; shift 2 ;;
    --jit) MODE=jit; shift ;;
    -o | --output) OUT=${2:?$1 needs a folder}; shift 2 ;;
    --sysroot) SYSROOT=${2:?--sysroot needs a folder}; shift 2 ;;
    -h | --help) usage 0 ;;
    *) echo "publish-node: unknown argument '$1'" >&2; usage 2 ;;
  esac
done
case $RID in
  linux-arm64) OUT=${OUT:-$REPO/out/arm64} ;;
  linux-x64) OUT=${OUT:-$REPO/out/x64} ;;
  linux-arm)
    echo "publish-node: 32-bit Raspberry Pi OS runs the node as a container image with the JIT runtime" \
      "(there is no NativeAOT for linux-arm here): see docs/armv7.md" >&2
    exit 2 ;;
  *) echo "publish-node: --rid $RID: expected linux-arm64 or linux-x64" >&2; exit 2 ;;
esac

# Folders given on the command line are the caller's; the publish itself runs from the repository.
OUT=$(realpath -m "$OUT")
SYSROOT=$(realpath -m "$SYSROOT")
cd "$REPO"
ARGS=(src/PiNeurons.Node -c Release -r "$RID" -o "$OUT" -nologo)
if [ "$MODE" = jit ]; then
  ARGS+=(--self-contained true)
else
  ARGS+=(-p:PublishAot=true)
  # clang links (and cross-links) the native code; llvm-objcopy splits its debug symbols off.
  missing=()
  for tool in clang ld.lld llvm-objcopy; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends clang lld llvm >/dev/null
    else
      echo "publish-node: NativeAOT needs ${missing[*]}: sudo apt-get install clang lld llvm (or publish with --jit)" >&2
      exit 1
    fi
  fi
  host=$(uname -m)
  if [ "$RID" = linux-arm64 ] && [ "$host" != aarch64 ]; then
    bash deploy/arm64-sysroot.sh "$SYSROOT"
    ARGS+=(-p:SysRoot="$SYSROOT" -p:LinkerFlavor=lld)
  elif [ "$RID" = linux-x64 ] && [ "$host" != x86_64 ]; then
    echo "publish-node: a linux-x64 NativeAOT build needs an x86-64 machine; publish with --jit here" >&2
    exit 1
  fi
fi

echo "publish-node: $RID, $([ "$MODE" = aot ] && echo NativeAOT || echo 'self-contained JIT') -> $OUT"
# A previous bundle is replaced whole (a JIT publish leaves hundreds of files an AOT one would not
# overwrite); any other non-empty folder is left alone.
if [ -d "$OUT" ] && [ -n "$(ls -A "$OUT")" ]; then
  [ -e "$OUT/PiNeurons.Node" ] || { echo "publish-node: $OUT is not empty and holds no node bundle; choose another folder with -o" >&2; exit 1; }
  rm -rf "$OUT"
fi
dotnet publish "${ARGS[@]}"
[ -x "$OUT/PiNeurons.Node" ] || { echo "publish-node: the publish left no $OUT/PiNeurons.Node" >&2; exit 1; }
echo "publish-node: $OUT/PiNeurons.Node ready ($(du -sh "$OUT" | cut -f1)); install it with pineurons flash --bundle $OUT or the Ansible role (pineurons_bundle=$OUT)"
