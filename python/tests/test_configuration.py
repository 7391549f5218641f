# SPDX-License-Identifier: Apache-2.0
"""configure() against the recorded configurations of real libssl builds
(corpus/policy/supported: set_security_level, set_cipher_list, set_ciphersuites, min/max
protocol, then SSL_get1_supported_ciphers)."""

import json

import pytest

import cipherexplain as c
from conftest import CORPUS, corpus_lines, jsonl, recorded_releases

SUPPORTED = CORPUS / "policy" / "supported"


def bound(text):
    return None if text == "0" else text


@pytest.mark.parametrize("release", recorded_releases(SUPPORTED))
def test_every_recorded_configuration_gives_the_recorded_lists(release):
    lines = corpus_lines(SUPPORTED / "corpus.txt")
    records = jsonl(SUPPORTED / f"openssl-{release}" / "results.jsonl")
    assert len(lines) == len(records)
    for line, r in zip(lines, records):
        fields = line.decode("utf-8", "surrogateescape").split("\t")
        cfg = c.configure(fields[0], fields[4] if len(fields) > 4 else None, openssl=release,
                          security_level=None if fields[3] == "-" else int(fields[3]),
                          min_protocol=bound(fields[1]), max_protocol=bound(fields[2]))
        where = f"{release}: {line!r}"
        assert cfg.list_ok == r["ok"], where
        assert (cfg.min_ok, cfg.max_ok) == (r["min_ok"], r["max_ok"]), where
        if "ciphersuites_ok" in r:
            assert cfg.ciphersuites_ok == r["ciphersuites_ok"], where
        assert cfg.security_level == r["seclevel_after"], where
        assert [s.name for s in cfg.ciphers] == r["ciphers"], where
        if r["supported"] is None:
            assert cfg.supported is None, where
        else:
            assert [s.name for s in cfg.supported] == r["supported"], where
            assert [s.name for s in cfg.ciphers if s.usable] == r["supported"], where


def test_a_configuration_reports_each_setting():
    cfg = c.configure("HIGH:!aNULL", "TLS_AES_128_GCM_SHA256:NOPE", min_protocol="TLSv1.2",
                      security_level=3, trace=True)
    assert cfg.ok and cfg.release == "3.0.19"
    assert cfg.tls13_count == 1 and cfg.ciphers[0].name == "TLS_AES_128_GCM_SHA256"
    assert cfg.protocols == ("TLSv1.2", "TLSv1.3")
    assert cfg.min_protocol == "TLSv1.2" and cfg.max_protocol is None
    assert cfg.ciphersuite_elements == [("TLS_AES_128_GCM_SHA256", "added", "TLS_AES_128_GCM_SHA256"),
                                        ("NOPE", "unknown", None)]
    assert any(d.text == "NOPE" for d in cfg.diagnostics)
    assert cfg.cipher_list.ok and cfg.cipher_list.steps
    assert cfg.settings["security_level"] == 3
    doc = json.loads(cfg.json())
    assert [x["name"] for x in doc["ciphers"]] == [s.name for s in cfg.ciphers]
    # Level 3 wants forward secrecy: every plain-RSA suite is unusable.
    assert all(s.usable is False for s in cfg.ciphers if s.kx == "RSA")


def test_protocols_keep_only_the_versions_named():
    cfg = c.configure("DEFAULT", protocols=["TLSv1.2"], openssl="3.5")
    assert cfg.protocols == ("TLSv1.2", "TLSv1.2")
    assert all(s.usable is False for s in cfg.ciphers if s.protocol == "TLSv1.3")


def test_setters_a_release_lacks_are_refused():
    with pytest.raises(c.ConfigurationError, match="1.0.2"):
        c.configure("HIGH", "TLS_AES_128_GCM_SHA256", openssl="1.0.2")
    with pytest.raises(c.ConfigurationError, match="unknown protocol version 'TLSv9'"):
        c.configure("HIGH", min_protocol="TLSv9")
    with pytest.raises(c.ConfigurationError):
        c.configure("HIGH", security_level=6)
