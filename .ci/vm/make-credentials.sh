#!/usr/bin/env bash
# VM stage, on the host before the boot: makes what the guest's locked-broker check (guest-check.sh,
# section 7) installs, with the real CLI, so the guest tests what `pineurons flash` ships:
#   $1/cred/secrets  `pineurons secrets` for cluster-locked.yaml (CA, broker certificate, passwords,
#                    Mosquitto's dynamic-security file);
#   $1/cred/boot     `pineurons flash --node pi-vm --secrets` from it (user-data with the credentials
#                    and the unit's drop-in);
#   $1/cred/secrets-cert, $1/cred/boot-cert  the same with `secrets --auth certificate` (same CA);
#   $1/cred/inventory.ini  `pineurons inventory` of .ci/vm/cluster.yaml, for section 10's Ansible rollout;
# and `systemd-analyze verify` of the unit with that drop-in, offline as systemd/verify.sh does (the
# guest runs this same root's systemd 252): any output fails.
# Usage: bash .ci/vm/make-credentials.sh .ci/work/vm
set -euo pipefail
cd "$(dirname "$0")/../.."
W=$1; C=$W/cred; M=.ci/vm/cluster-locked.yaml
rm -rf "$C"; mkdir -p "$C"
dotnet build src/PiNeurons.Cli -c Release -o "$C/cli" -v q -nologo >"$C/build.log" 2>&1 || { tail -n 30 "$C/build.log" >&2; exit 1; }
dotnet "$C/cli/pineurons.dll" secrets --manifest "$M" --out "$C/secrets" >/dev/null
# The inventory of the guest's own manifest (anonymous broker), for the Ansible rollout the guest runs on itself.
dotnet "$C/cli/pineurons.dll" inventory --manifest .ci/vm/cluster.yaml --domain "" >"$C/inventory.ini"
# flash wants the operator's SSH key; the guest never starts sshd, so any well-formed public key does.
{ printf 'ssh-ed25519 '; { printf '\0\0\0\013ssh-ed25519\0\0\0\040'; head -c 32 /dev/zero; } | base64 -w0; printf ' vm-check\n'; } >"$C/vm.pub"
dotnet "$C/cli/pineurons.dll" flash --manifest "$M" --node pi-vm --secrets "$C/secrets" --ssh-key "$C/vm.pub" --no-bundle --out "$C/boot" >/dev/null
test -s "$C/boot/user-data"
# The same cluster with certificate logins (secrets --auth certificate, signed by the same CA, so the
# guest's broker trusts both): flash installs each neuron's <id>.crt/.key and points the node at 8884.
dotnet "$C/cli/pineurons.dll" secrets --manifest "$M" --out "$C/secrets-cert" --auth certificate \
  --ca-cert "$C/secrets/ca.crt" --ca-key "$C/secrets/ca.key" >/dev/null
dotnet "$C/cli/pineurons.dll" flash --manifest "$M" --node pi-vm --secrets "$C/secrets-cert" --ssh-key "$C/vm.pub" --no-bundle --out "$C/boot-cert" >/dev/null
test -s "$C/boot-cert/user-data"

R=$C/verify-root
mkdir -p "$R/opt/pineurons/releases/0.0.0" "$R/usr/lib"
cp -r /usr/lib/systemd "$R/usr/lib/"
# A release as pineurons-release lays it out (flash's user-data brings the tool and the rollback unit).
printf '#!/bin/sh\n' >"$R/opt/pineurons/releases/0.0.0/PiNeurons.Node" && chmod +x "$R/opt/pineurons/releases/0.0.0/PiNeurons.Node"
ln -s releases/0.0.0 "$R/opt/pineurons/current"
PYTHONPATH=${PINEURONS_CLOUD_INIT_DIR:-/opt/cloud-init-strict}/usr/lib/python3/dist-packages \
  /usr/bin/python3 .ci/vm/apply-user-data.py --root "$R" "$C/boot/user-data" >/dev/null
test -s "$R/etc/systemd/system/pineurons-node.service.d/credentials.conf"
out=$(systemd-analyze verify --root="$R" /etc/systemd/system/pineurons-node.service 2>&1 || true)
if [ -n "$out" ]; then
  echo "make-credentials: systemd-analyze verify of the unit with flash's drop-in: FAILED" >&2; echo "$out" >&2; exit 1
fi
echo "make-credentials: systemd-analyze verify of the unit with flash's drop-in: ok"
