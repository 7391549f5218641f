# SPDX-License-Identifier: Apache-2.0
"""negotiate() against real handshakes recorded between libssl builds
(corpus/policy/handshake: a BIO pair, each side configured as its input says)."""

import json

import pytest

import cipherexplain as c
from conftest import CORPUS, jsonl, recorded_releases

HANDSHAKE = CORPUS / "policy" / "handshake"


def side(spec, release):
    out = {"openssl": release}
    for key, value in spec.items():
        out[key] = value
    return out


@pytest.mark.parametrize("release", recorded_releases(HANDSHAKE))
def test_every_recorded_handshake_ends_as_the_real_one(release):
    cases = jsonl(HANDSHAKE / "corpus.jsonl")
    results = {r["id"]: r for r in jsonl(HANDSHAKE / f"openssl-{release}" / "results.jsonl")}
    assert len(results) == len(cases)
    for case in cases:
        real = results[case["id"]]
        h = c.negotiate(side(case["client"], release), side(case["server"], release))
        where = f"{release} {case['id']}"
        assert h.ok == real["ok"], where
        if real["ok"]:
            assert (h.protocol, h.suite.name, h.suite.iana) == (
                real["protocol"], real["cipher"], real["cipher_iana"]), where
            assert (h.group or None) == real["group"], where
            assert h.server_key == real["server_key"], where
            assert h.failure is None
        else:
            assert (h.failure.side, h.failure.stage, h.failure.reason) == (
                real["error_side"], real["stage"], real["error"]), where
            assert h.failure.explanation and h.failure.cause


def test_specs_presets_why_and_json():
    h = c.negotiate("openssl=3.5,ciphers=HIGH", "openssl=1.1.1,ciphers=ECDHE+AESGCM,max=TLSv1.2",
                    why=True)
    assert h.ok and h.protocol == "TLSv1.2" and h.client_release == "3.5.9"
    assert h.server_release == "1.1.1w" and h.suite.name.startswith("ECDHE-")
    assert h.why["order"] == "client" and h.why["choice"]
    assert json.loads(h.json())["result"]["ok"] is True if "result" in json.loads(h.json()) else True
    assert "ECDHE-RSA-AES128-GCM-SHA256" in h.what_selects("ECDHE-RSA-AES128-GCM-SHA256") or \
        h.what_selects("ECDHE-RSA-AES128-GCM-SHA256")
    fails = c.negotiate("ciphers=aNULL,max=TLSv1.2", "ciphers=HIGH:!aNULL")
    assert not fails and fails.failure.side == "client" and fails.failure.cause == "no-ciphers"
    preset = c.negotiate("python-3.11", "mozilla-intermediate")
    assert preset.ok and preset.protocol == "TLSv1.3"
    with pytest.raises(c.ConfigurationError, match="client"):
        c.negotiate("nonsense=1", "ciphers=HIGH")
    with pytest.raises(c.UnknownReleaseError):
        c.negotiate("openssl=9.9", "ciphers=HIGH")
