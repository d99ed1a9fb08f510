#!/usr/bin/env bash
# CI check of deploy/ansible: `ansible-lint` on the playbook and the role (production profile, no finding
# allowed), the role's argument spec against its defaults, then generates an inventory with `pineurons inventory`
# for a one-Pi test manifest whose host is this machine, and runs
#   ansible-playbook --syntax-check
#   ansible-playbook --check --diff -c local --skip-tags systemd,wait
# against localhost with a fake bundle: without a login, with the passwords of `pineurons secrets`, and
# with its client certificates (--auth certificate, mqtts:// broker). Check mode changes nothing on this machine (no package, user,
# group, file or unit); the tags `systemd` (systemd is not PID 1 on CI) and `wait` (no node runs) are
# skipped. A variable of the wrong type must fail at the role's argument validation, before any task.
# Exits non-zero on any failure and prints the wall time.
#
# Runs as root on Debian 12 with the .NET 10 SDK; installs `ansible` and `ansible-lint` with apt if missing.
# Everything it writes lives in .ci/work/ansible (git-ignored); ANSIBLE_HOME and the temp dirs point
# there so nothing lands in ~/.ansible.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
T0=$EPOCHREALTIME
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
trap 'rc=$?; echo "ansible-check: $([ $rc -eq 0 ] && echo ok || echo "FAILED (exit $rc)") in $(elapsed "$T0") s"' EXIT

export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORK=$REPO/.ci/work/ansible
rm -rf "$WORK/tmp" "$WORK/bundle"
mkdir -p "$WORK/tmp" "$WORK/bundle"
export ANSIBLE_HOME=$WORK/home ANSIBLE_LOCAL_TEMP=$WORK/tmp ANSIBLE_REMOTE_TEMP=$WORK/tmp
export ANSIBLE_CONFIG=$REPO/deploy/ansible/ansible.cfg ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0

missing=()
command -v ansible-playbook >/dev/null || missing+=(ansible)
command -v ansible-lint >/dev/null || missing+=(ansible-lint)
if [ ${#missing[@]} -gt 0 ]; then
  t=$EPOCHREALTIME
  apt-get install -y --no-install-recommends "${missing[@]}" >"$WORK/apt.log" 2>&1 \
    || { tail -n 30 "$WORK/apt.log"; exit 1; }
  echo "ansible-check: installed ${missing[*]} in $(elapsed "$t") s"
fi
# Not `| head -n 1`: head exits after a line, ansible gets EPIPE on the next one, and pipefail fails the script.
ansible-playbook --version | sed -n 1p

# The ecosystem's linter, at its strictest profile; --offline: it would otherwise fetch collections' metadata.
t=$EPOCHREALTIME
ansible-lint --version | sed -n 1p
(cd deploy/ansible && ansible-lint --offline --nocolor --profile production deploy.yml roles/pineurons_node) >"$WORK/lint.log" 2>&1 \
  || { cat "$WORK/lint.log"; echo "ansible-check: ansible-lint found problems"; exit 1; }
echo "ansible-check: ansible-lint ok in $(elapsed "$t") s"

# Every setting of defaults/main.yml is in meta/argument_specs.yml with the same default, so ansible-doc and the
# argument check describe what the role really does.
python3 - deploy/ansible/roles/pineurons_node <<'PY'
import sys, yaml
role = sys.argv[1]
defaults = yaml.safe_load(open(f"{role}/defaults/main.yml"))
options = yaml.safe_load(open(f"{role}/meta/argument_specs.yml"))["argument_specs"]["main"]["options"]
problems = [f"{name}: not in meta/argument_specs.yml" for name in defaults if name not in options]
problems += [f"{name}: default {options[name].get('default')!r} in meta/argument_specs.yml, {value!r} in defaults/main.yml"
             for name, value in defaults.items() if name in options and options[name].get("default") != value]
problems += [f"{name}: neither required nor given a default" for name, o in options.items()
             if not o.get("required") and "default" not in o]
for p in problems:
    print(f"ansible-check: {p}")
sys.exit(1 if problems else 0)
PY
echo "ansible-check: meta/argument_specs.yml has every default of defaults/main.yml"

# A one-Pi manifest with two neurons (the comma list); the host name is arbitrary, the connection is local.
cat >"$WORK/cluster.yaml" <<'YAML'
version: 1
root: pineurons-ci
broker: mqtt://127.0.0.1:1883
hosts:
  ci-pi:
    neurons:
      a:
        connections: [b]
      b:
        weights: { a: 1 }
YAML

# A fake linux-arm64 bundle: the check copies it in diff mode, nothing runs it.
printf '#!/bin/sh\necho fake node\n' >"$WORK/bundle/PiNeurons.Node"
chmod 0755 "$WORK/bundle/PiNeurons.Node"
echo 0.0.0+ci >"$WORK/bundle/VERSION"
echo '{}' >"$WORK/bundle/PiNeurons.Node.runtimeconfig.json"
chmod 0644 "$WORK/bundle/PiNeurons.Node.runtimeconfig.json"

t=$EPOCHREALTIME
dotnet build src/PiNeurons.Cli -c Release -o "$WORK/cli" -v q -nologo >"$WORK/build.log" 2>&1 \
  || { tail -n 30 "$WORK/build.log"; exit 1; }
dotnet "$WORK/cli/pineurons.dll" inventory --manifest "$WORK/cluster.yaml" --domain "" >"$WORK/inventory.ini"
echo "ansible-check: built the CLI and generated the inventory in $(elapsed "$t") s"
cat "$WORK/inventory.ini"

# ansible_host stays the generated one; -c local and the interpreter make it this machine. The bundle and
# the manifest are given relative to the repository, where this runs, as an operator would: copy looks
# for a relative src beside the playbook unless the role makes it absolute.
LOCAL=(-i "$WORK/inventory.ini" -c local -e ansible_python_interpreter=/usr/bin/python3
       -e "pineurons_bundle=${WORK#"$REPO"/}/bundle" -e "pineurons_manifest=${WORK#"$REPO"/}/cluster.yaml")

t=$EPOCHREALTIME
ansible-playbook "${LOCAL[@]}" deploy/ansible/deploy.yml --syntax-check
echo "ansible-check: syntax check ok in $(elapsed "$t") s"

# A wrong type fails at the role's argument validation, naming the variable, with only the facts gathered before
# it (ok=1): no task of the role ran.
t=$EPOCHREALTIME
if ansible-playbook "${LOCAL[@]}" deploy/ansible/deploy.yml --check --skip-tags systemd,wait \
     -e pineurons_keep_releases=abc >"$WORK/wrong-type.log" 2>&1; then
  cat "$WORK/wrong-type.log"; echo "ansible-check: -e pineurons_keep_releases=abc did not fail the play"; exit 1
fi
grep -q "^fatal: \[ci-pi\]: FAILED! => .*argument 'pineurons_keep_releases' is of type <class 'str'> and we were unable to convert to int" "$WORK/wrong-type.log" \
  && grep -q "^TASK \[pineurons_node : Validating arguments against arg spec 'main'" "$WORK/wrong-type.log" \
  && grep -Eq '^ci-pi +: ok=1 +changed=0 +unreachable=0 +failed=1 ' "$WORK/wrong-type.log" \
  || { cat "$WORK/wrong-type.log"; echo "ansible-check: -e pineurons_keep_releases=abc did not fail at the argument validation"; exit 1; }
echo "ansible-check: a wrong variable type fails at the argument validation, before any task, in $(elapsed "$t") s"

snapshot() {
  local path
  for path in /opt/pineurons /etc/pineurons /etc/systemd/system/pineurons-node.service /etc/systemd/system/pineurons-node.service.d \
              /usr/local/sbin/pineurons-release /etc/systemd/system/pineurons-rollback.service /var/tmp/pineurons-bundle \
              /etc/systemd/system/pineurons-release-check.service /etc/systemd/system/pineurons-release-check.timer \
              /etc/sysusers.d/pineurons.conf; do
    [ -e "$path" ] && echo "exists $path"
  done
  getent passwd pineurons || true
  getent group pineurons gpio || true
  dpkg-query -W -f '${Package} ${Status}\n' mosquitto-clients libgpiod2 libgpiod3 2>/dev/null || true
}
snapshot >"$WORK/before.txt"

t=$EPOCHREALTIME
ansible-playbook "${LOCAL[@]}" deploy/ansible/deploy.yml --check --diff --skip-tags systemd,wait | tee "$WORK/check.log"
grep -Eq '^ci-pi +: ok=[0-9]+ +changed=[0-9]+ +unreachable=0 +failed=0 ' "$WORK/check.log" \
  || { echo "ansible-check: the recap does not show ci-pi with failed=0"; exit 1; }
echo "ansible-check: check mode ok in $(elapsed "$t") s"

# Check mode again, each neuron logging in as itself with the passwords `pineurons secrets` made: the
# diff must show the unit's drop-in loading exactly this Pi's neurons' passwords as credentials, and no
# password may reach the output.
rm -rf "$WORK/secrets"
dotnet "$WORK/cli/pineurons.dll" secrets --manifest "$WORK/cluster.yaml" --out "$WORK/secrets" >/dev/null
t=$EPOCHREALTIME
ansible-playbook "${LOCAL[@]}" deploy/ansible/deploy.yml --check --diff --skip-tags systemd,wait \
  -e "pineurons_secrets_dir=$WORK/secrets" -e pineurons_mqtt_insecure=true | tee "$WORK/check-credentials.log"
grep -Eq '^ci-pi +: ok=[0-9]+ +changed=[0-9]+ +unreachable=0 +failed=0 ' "$WORK/check-credentials.log" \
  || { echo "ansible-check: with pineurons_secrets_dir, the recap does not show ci-pi with failed=0"; exit 1; }
for line in '+LoadCredential=a:/etc/pineurons/credentials/a' '+LoadCredential=b:/etc/pineurons/credentials/b' \
            '+Environment=PINEURONS_PASSWORD_DIR=%d' '+Environment=PINEURONS_INSECURE=true'; do
  grep -qxF -- "$line" "$WORK/check-credentials.log" || { echo "ansible-check: the drop-in diff lacks $line"; exit 1; }
done
for file in "$WORK"/secrets/passwords/*; do
  if grep -qF -- "$(head -n 1 "$file")" "$WORK/check-credentials.log"; then
    echo "ansible-check: the password of $(basename "$file") is in the output"; exit 1
  fi
done
echo "ansible-check: check mode with credentials ok in $(elapsed "$t") s"

# Check mode with certificate logins (`pineurons secrets --auth certificate`), which need an mqtts://
# broker: the same manifest, its inventory made with an mqtts:// broker. The drop-in must load each
# neuron's certificate and key and the CA, point the node at them and at the certificate port, and name
# no password; no private key may reach the output.
dotnet "$WORK/cli/pineurons.dll" inventory --manifest "$WORK/cluster.yaml" --domain "" --broker mqtts://127.0.0.1:8883 >"$WORK/inventory-tls.ini"
rm -rf "$WORK/secrets-cert"
dotnet "$WORK/cli/pineurons.dll" secrets --manifest "$WORK/cluster.yaml" --out "$WORK/secrets-cert" --auth certificate >/dev/null
TLS=(-i "$WORK/inventory-tls.ini" "${LOCAL[@]:2}")
t=$EPOCHREALTIME
ansible-playbook "${TLS[@]}" deploy/ansible/deploy.yml --check --diff --skip-tags systemd,wait \
  -e "pineurons_secrets_dir=$WORK/secrets-cert" | tee "$WORK/check-certificates.log"
grep -Eq '^ci-pi +: ok=[0-9]+ +changed=[0-9]+ +unreachable=0 +failed=0 ' "$WORK/check-certificates.log" \
  || { echo "ansible-check: with certificates, the recap does not show ci-pi with failed=0"; exit 1; }
for line in '+LoadCredential=a.crt:/etc/pineurons/credentials/a.crt' '+LoadCredential=a.key:/etc/pineurons/credentials/a.key' \
            '+LoadCredential=b.crt:/etc/pineurons/credentials/b.crt' '+LoadCredential=b.key:/etc/pineurons/credentials/b.key' \
            '+LoadCredential=ca.crt:/etc/pineurons/credentials/ca.crt' '+Environment=PINEURONS_CERT_DIR=%d' \
            '+Environment=PINEURONS_BROKER=mqtts://127.0.0.1:8884' '+Environment=PINEURONS_CA_FILE=%d/ca.crt'; do
  grep -qxF -- "$line" "$WORK/check-certificates.log" || { echo "ansible-check: the certificate drop-in diff lacks $line"; exit 1; }
done
if grep -E '^\+(LoadCredential=(a|b):|Environment=PINEURONS_(PASSWORD|USERNAME))' "$WORK/check-certificates.log"; then
  echo "ansible-check: the certificate drop-in names a password"; exit 1
fi
# Every base64 line of every private key pineurons secrets wrote (the clients', the CA's, the broker's).
for key in "$WORK"/secrets-cert/clients/*.key "$WORK"/secrets-cert/ca.key "$WORK"/secrets-cert/broker.key; do
  if grep -v -e '-----' -e '^$' "$key" | grep -qFf - "$WORK/check-certificates.log"; then
    echo "ansible-check: the private key ${key#"$WORK"/} is in the output"; exit 1
  fi
done
echo "ansible-check: check mode with certificates ok in $(elapsed "$t") s"

# Check mode must not have touched this machine: the same paths, users, groups and packages after as before.
snapshot >"$WORK/after.txt"
diff -u "$WORK/before.txt" "$WORK/after.txt" || { echo "ansible-check: the check-mode run changed this machine"; exit 1; }
