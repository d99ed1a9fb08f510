#!/usr/bin/python3
"""VM stage, in the guest: applies a user-data made by `pineurons flash` as cloud-init does on the Pi.

write_files goes through cloud-init's own module, so paths, owners, modes and decoding are cloud-init's,
not a copy of them: the cloud-init on PYTHONPATH (guest-check.sh puts the sid cloud-init that
tests/PiNeurons.Cli.Tests/Flash/setup-flash-tools.sh unpacks there, close to the Pi's), else this root's; then runcmd, command by command, except
the ones for sshd, which the guest does not run. Prints one "VMCHECK INFO" line per step; exits non-zero
on the first command that fails.

With --root DIR (make-credentials.sh, on the host) it writes the files under DIR instead and runs no
command: a copy of what the Pi would get, for an offline `systemd-analyze verify`.

Usage: python3 apply-user-data.py [--root DIR] USER-DATA
"""
import subprocess
import sys

import yaml
from cloudinit import version
from cloudinit.config.cc_write_files import write_files


def main(args):
    root = None
    if args[0] == "--root":
        root, args = args[1], args[2:]
    with open(args[0], encoding="utf-8") as f:
        config = yaml.safe_load(f)
    print(f"VMCHECK INFO user-data applied with cloud-init {version.version_string()}", flush=True)
    files = config.get("write_files", [])
    if root is not None:
        write_files("write_files", [dict(e, path=root + e["path"]) for e in files], "root:root")
        return 0
    write_files("write_files", files, "root:root")
    for entry in files:
        print(f"VMCHECK INFO user-data wrote {entry['path']} {entry.get('owner')} {entry.get('permissions')}", flush=True)
    for command in config.get("runcmd", []):
        argv = [str(a) for a in command] if isinstance(command, list) else ["sh", "-c", command]
        # sshd is not run in the guest; `enable` acts only at the next boot, and costs a daemon-reload.
        if "ssh" in argv or argv[:2] == ["systemctl", "enable"]:
            print(f"VMCHECK INFO user-data runcmd skipped (no sshd, no next boot in the guest): {argv}", flush=True)
            continue
        rc = subprocess.run(argv, check=False).returncode
        print(f"VMCHECK INFO user-data runcmd rc={rc}: {argv}", flush=True)
        if rc != 0:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
