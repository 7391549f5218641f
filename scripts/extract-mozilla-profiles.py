#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes profiles/mozilla.tsv from Mozilla's server-side TLS guideline JSON.

    scripts/extract-mozilla-profiles.py MIRROR [--commit REV] > profiles/mozilla.tsv

MIRROR is a git directory of mozilla/ssl-config-generator (the search tool's fetch gives one);
each guideline is read from src/static/guidelines/<version>.json at REV (default HEAD), and
every row says which commit of which file it came from. Guidelines 4.0 and 5.0 name their
TLS 1.2 suites only by OpenSSL name; their IANA names are looked up in this repository's
catalogs (catalogs/*/ciphers.tsv, newest release first), and the row says so.

After 'source' come the rest of each configuration, as published: server_preferred_order
(absent from 4.0, whose row has '-'), tls_curves, ecdh_param_size, dh_param_size,
certificate_types, certificate_curves and rsa_key_size; '-' stands for a JSON null, an empty
list or an absent key.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

VERSIONS = ["4.0", "5.0", "5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "5.7", "5.8", "6.0"]
ROOT = Path(__file__).resolve().parent.parent
PATH = "src/static/guidelines/{}.json"


def git(mirror, *args):
    return subprocess.run(["git", "--git-dir", mirror, *args], check=True, capture_output=True,
                          text=True).stdout


def cell(value):
    """A JSON value as a TSV cell: lists ':'-joined, booleans lower-case, null/absent/empty '-'."""
    if value is None or value == [] or value == "":
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ":".join(value)
    return str(value)


# Keys appended after 'source', in column order (each a JSON key of a configuration).
EXTRA = ["server_preferred_order", "tls_curves", "ecdh_param_size", "dh_param_size",
         "certificate_types", "certificate_curves", "rsa_key_size"]


def iana_names():
    """OpenSSL name -> IANA name, from the catalogs, the newest release's naming winning."""
    names = {}
    for tsv in sorted((ROOT / "catalogs").glob("*/ciphers.tsv")):
        header = None
        for line in tsv.read_text().splitlines():
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            row = dict(zip(header, cells))
            if row["stdname"] != "-":
                names[row["name"]] = row["stdname"]
    return names


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mirror")
    parser.add_argument("--commit", default="HEAD")
    args = parser.parse_args()
    by_name = iana_names()
    out = sys.stdout
    out.write("# Mozilla server-side TLS guidelines, extracted by scripts/extract-mozilla-profiles.py\n"
              "# from mozilla/ssl-config-generator; 'source' is the file and commit each row comes from.\n"
              "# Lists are ':'-separated. iana_from: 'guideline' when it gives IANA names, else the\n"
              "# OpenSSL names were mapped with this repository's catalogs. ciphersuites: the TLS 1.3\n"
              "# suites (4.0 has none; its JSON 'ciphersuites' key is its TLS 1.2 list). The columns\n"
              "# after 'source' are the configuration's keys of the same names; '-' is null, empty or\n"
              "# absent (4.0 has no server_preferred_order).\n")
    out.write("\t".join(["version", "level", "tls_versions", "ciphersuites", "ciphers_iana",
                         "cipher_string", "iana_from", "source", *EXTRA]) + "\n")
    for version in VERSIONS:
        path = PATH.format(version)
        commit = git(args.mirror, "log", "-1", "--format=%H", args.commit, "--", path).strip()
        data = json.loads(git(args.mirror, "show", f"{commit}:{path}"))
        for level, c in data["configurations"].items():
            tls_versions = ":".join(c["tls_versions"])
            if "ciphers" in c:  # 5.1 and later
                ciphersuites = c["ciphersuites"]
                iana = c["ciphers"]["iana"]
                string = ":".join(c["ciphers"]["openssl"])
                iana_from = "guideline"
            elif "openssl_ciphers" in c:  # 5.0
                ciphersuites = c["openssl_ciphersuites"]
                openssl = c["openssl_ciphers"]
                iana = [by_name[n] for n in openssl]
                string = ":".join(openssl)
                iana_from = "catalogs"
            else:  # 4.0: "ciphersuites" are the TLS 1.2 suites, and the string is separate
                ciphersuites = []
                iana = [by_name[n] for n in c["ciphersuites"]]
                string = c["openssl_ciphersuites"]
                iana_from = "catalogs"
            out.write("\t".join([version, level, tls_versions, ":".join(ciphersuites) or "-",
                                 ":".join(iana) or "-", string or "-", iana_from,
                                 f"{path}@{commit}", *(cell(c.get(key)) for key in EXTRA)]) +
                      "\n")


if __name__ == "__main__":
    main()
