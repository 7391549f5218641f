#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the seeds of the config_*_fuzzer targets into corpus/fuzz/configs/: every
configuration file under tests/configs/ (Debian's shipped files and the hand-made trees), each
as its family's input layout: one byte choosing the format within the family (the order of
family() in fuzz/config_reader_fuzzer.cpp), then the file.

Usage: scripts/write-config-seeds.py   (from anywhere; rewrites the folder)
"""
import pathlib
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
FAMILIES = {
    "braces": ["nginx", "lighttpd"],
    "apache": ["apache"],
    "lines": ["postfix-main", "postfix-master", "dovecot", "stunnel", "mysql", "postgresql",
              "openssl-cnf"],
    "options": ["haproxy", "openvpn"],
}
# The format of a file, by the package folder it is in (and Postfix's by its name).
PACKAGES = {
    "nginx-common": "nginx", "nginx": "nginx", "lighttpd": "lighttpd",
    "lighttpd-mod-openssl": "lighttpd", "apache2": "apache", "dovecot-core": "dovecot",
    "stunnel4": "stunnel", "mariadb-server": "mysql", "mariadb-common": "mysql",
    "mysql-common": "mysql", "postgresql-15": "postgresql", "openssl": "openssl-cnf",
    "haproxy": "haproxy", "openvpn": "openvpn",
}


def format_of(path):
    rel = path.relative_to(ROOT / "tests" / "configs").parts
    package = rel[1] if len(rel) > 2 else ""
    if package == "postfix":
        return "postfix-master" if path.name.startswith("master.cf") else "postfix-main"
    return PACKAGES.get(package)


def main():
    out = ROOT / "corpus" / "fuzz" / "configs"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    count = 0
    for path in sorted((ROOT / "tests" / "configs").rglob("*")):
        if not path.is_file() or path.suffix == ".md":
            continue
        fmt = format_of(path)
        if fmt is None:
            continue
        for family, formats in FAMILIES.items():
            if fmt not in formats:
                continue
            data = path.read_bytes()
            if len(data) > 65536:
                continue
            rel = str(path.relative_to(ROOT / "tests" / "configs"))
            name = f"{family}-" + re.sub(r"[^A-Za-z0-9._-]", "_", rel)
            (out / name).write_bytes(bytes([formats.index(fmt)]) + data)
            count += 1
    print(f"wrote {count} seeds to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
