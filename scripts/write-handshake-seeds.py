#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes corpus/fuzz/handshakes/: the handshake recordings' inputs
(corpus/policy/handshake/corpus.jsonl) in handshake_fuzzer's layout (fuzz/handshake_fuzzer.cpp),
one file per case named by its id, as the fuzzer's seeds and replay inputs. Cases with groups
or certificates outside the fuzzer's lists are left out."""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
BOUND = {"TLS1": 1, "TLS1.1": 2, "TLS1.2": 3, "TLS1.3": 4, "0": 5}
CERTS = ["rsa2048", "rsa1024", "rsa3072", "ecdsa-p256", "ecdsa-p384", "both"]
GROUPS = ["X25519", "P-256", "P-384", "P-521", "X448", "P-256:X25519", "ffdhe2048", "ffdhe3072",
          "X25519:P-384", "ffdhe2048:P-256", "P-384:P-256", "X448:P-521"]


def side(s):
    c = [0, 0, 0, 0]
    if "seclevel" in s:
        c[0] |= s["seclevel"] + 1
    if "ciphers" in s:
        c[0] |= 8
    if "ciphersuites" in s:
        c[0] |= 16
    if s.get("prefer_server"):
        c[0] |= 32
    if s.get("cert_first"):
        c[0] |= 64
    c[1] = BOUND.get(s.get("min"), 0) | BOUND.get(s.get("max"), 0) << 3
    if "groups" in s:
        if s["groups"] not in GROUPS:
            return None
        c[2] = 16 + (GROUPS.index(s["groups"]) - 16) % len(GROUPS)  # byte % 12 picks the list
    if s.get("cert", "rsa2048") not in CERTS:
        return None
    c[3] = CERTS.index(s.get("cert", "rsa2048"))
    text = lambda key: s.get(key, "").encode("utf-8", "surrogateescape")
    return bytes(c), text("ciphers"), text("ciphersuites")


def main():
    out = ROOT / "corpus" / "fuzz" / "handshakes"
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    source = ROOT / "corpus" / "policy" / "handshake" / "corpus.jsonl"
    for line in source.open(encoding="utf-8", errors="surrogateescape"):
        case = json.loads(line)
        client, server = side(case["client"]), side(case["server"])
        if client is None or server is None:
            continue
        data = b"".join([client[0], server[0], client[1], b"\0", client[2], b"\0", server[1],
                         b"\0", server[2]])
        (out / case["id"]).write_bytes(data)
        written += 1
    print(f"{written} seeds in {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
