# SPDX-License-Identifier: Apache-2.0
"""evaluate(), Evaluator, the objects they return, and the recorded results of every release."""

import json

import pytest

import cipherexplain as c
from conftest import CORPUS, corpus_lines, jsonl, recorded_releases


def test_done_when_default_without_3des_gives_60_suites_on_3_0():
    e = c.evaluate("DEFAULT:!3DES", openssl="3.0")
    assert e.ok and e.failure is None and bool(e)
    assert len(e.ciphers) == 60
    assert e.release == "3.0.19"
    assert e.security_level == 2


@pytest.mark.parametrize("release", recorded_releases())
def test_every_corpus_line_reproduces_the_recorded_results_of_every_release(release):
    lines = corpus_lines()
    records = jsonl(CORPUS / f"openssl-{release}" / "results.jsonl")
    assert len(records) == len(lines)
    ev = c.Evaluator(release)
    for line, record in zip(lines, records):
        e = ev.evaluate(line)
        assert e.ok == record["ok"], line
        if record["ok"]:
            assert [s.name for s in e.ciphers] == record["ciphers"], line


def test_state_after_a_failure_is_what_the_context_keeps():
    # A syntax failure keeps the previous (DEFAULT) list; nothing selected leaves TLS 1.3 only.
    default = [s.name for s in c.evaluate("DEFAULT").ciphers]
    syntax = c.evaluate("HIGH:+")
    assert not syntax.ok and syntax.failure == "syntax"
    assert [s.name for s in syntax.ciphers] == default
    nothing = c.evaluate("FOO")
    assert nothing.failure == "no-cipher-selected"
    assert [s.name for s in nothing.ciphers] == [s for s in default if s.startswith("TLS_")]


def test_cipher_fields_match_the_catalog_row():
    e = c.evaluate("ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA", openssl="3.0")
    gcm, cbc = e.ciphers[3], e.ciphers[4]
    assert gcm.name == "ECDHE-RSA-AES128-GCM-SHA256"
    assert gcm.iana == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
    assert gcm.id == 0x0300C02F and gcm.code_point == 0xC02F and gcm.hex == "0xC02F"
    assert (gcm.protocol, gcm.kx, gcm.au, gcm.enc, gcm.mac) == (
        "TLSv1.2", "ECDH", "RSA", "AESGCM(128)", "AEAD")
    assert gcm.bits == 128 and gcm.alg_bits == 128
    assert gcm.rating == "recommended" and gcm.weaknesses == []
    assert gcm.usable is True and gcm.unusable_reason is None
    assert cbc.protocol == "SSLv3" and cbc.rating == "weak"
    assert cbc.weaknesses[0] == "no-forward-secrecy"


def test_usability_follows_the_security_level():
    e = c.evaluate("aNULL+AESGCM:AES128-SHA", security_level=1)
    anonymous = [s for s in e.ciphers if s.au == "None"]
    assert anonymous and all(s.usable is False for s in anonymous)
    assert all("aNULL" in s.unusable_reason for s in anonymous)
    assert c.evaluate("AES128-SHA", security_level=0).ciphers[-1].usable is True
    assert c.evaluate("AES128-SHA:@SECLEVEL=4").security_level == 4


def test_diagnostics_carry_code_severity_place_and_suggestion():
    text = "ECDHE+AESGCM:-aRSA:SHA512"
    e = c.evaluate(text)
    [d] = e.diagnostics
    assert (d.code, d.severity) == ("unknown-name", "warning")
    assert text[d.offset:d.offset + d.length] == "SHA512" == d.text
    assert "SHA512" in d.message and "3.0.19" in d.message
    assert d.suggestion is not None and "SHA1" in d.suggestion
    assert d.help


def test_trace_records_one_step_per_rule():
    e = c.evaluate("HIGH:!aNULL:-SHA1:+AES128", trace=True)
    assert [s.text for s in e.steps] == ["HIGH", "!aNULL", "-SHA1", "+AES128"]
    assert [s.outcome for s in e.steps] == ["applied"] * 4
    assert e.steps[1].killed and not e.steps[1].added
    assert e.steps[-1].list == [s.name for s in e.ciphers if not s.name.startswith("TLS_")]
    assert c.evaluate("HIGH").steps == []


@pytest.mark.parametrize("blob", [b"", b"\x00", b"HIGH\x00LOW", b"\xff\xfe:HIGH", bytes(range(256)),
                                  b"A" * 100000, "DEFAULT:é".encode()])
def test_any_bytes_are_accepted_and_str_round_trips_through_surrogateescape(blob):
    e = c.evaluate(blob)
    assert e.input == blob
    assert isinstance(e.ok, bool)
    for d in e.diagnostics:
        assert 0 <= d.offset <= len(blob) and d.offset + d.length <= len(blob)
        assert d.text.encode("utf-8", "surrogateescape") == blob[d.offset:d.offset + d.length]
    as_str = blob.decode("utf-8", "surrogateescape")
    again = c.evaluate(as_str)
    assert again.input == blob and again.ok == e.ok
    assert [s.name for s in again.ciphers] == [s.name for s in e.ciphers]
    assert c.evaluate(bytearray(blob)).input == blob and c.evaluate(memoryview(blob)).input == blob


def test_json_is_the_cli_document():
    e = c.evaluate("HIGH:FOO", openssl="1.1.1", trace=True)
    doc = json.loads(e.json())
    assert doc["openssl"] == "1.1.1w" and doc["input"] == "HIGH:FOO" and doc["ok"] is True
    assert [d["code"] for d in doc["diagnostics"]] == [d.code for d in e.diagnostics]
    assert "unknown-name" in [d.code for d in e.diagnostics]
    assert [x["name"] for x in doc["ciphers"]] == [s.name for s in e.ciphers]
    assert [x["usable"] for x in doc["ciphers"]] == [s.usable for s in e.ciphers]
    assert len(doc["steps"]) == 2


def test_build_options_and_their_refusals():
    plain = c.evaluate("SEED", openssl="3.0")
    legacy = c.evaluate("SEED", openssl="3.0", legacy_provider=True)
    assert not plain.ok and legacy.ok and all("SEED" in s.name for s in legacy.ciphers[3:])
    with pytest.raises(c.ConfigurationError, match="legacy"):
        c.evaluate("RC4", openssl="1.1.1", legacy_provider=True)
    with pytest.raises(ValueError):
        c.evaluate("HIGH", security_level=9)
    assert c.Evaluator("3.0", default_security_level=1).evaluate("HIGH").security_level == 1


def test_errors_are_python_exceptions_with_clear_messages():
    with pytest.raises(c.UnknownReleaseError, match=r"unknown OpenSSL release '2\.9'; known: 1\.0\.1u"):
        c.evaluate("HIGH", openssl="2.9")
    with pytest.raises(LookupError):
        c.Evaluator("nope")
    with pytest.raises(TypeError, match="cipher_string must be str or bytes, not int"):
        c.evaluate(42)
    assert issubclass(c.UnknownReleaseError, c.Error)
    assert issubclass(c.ConfigurationError, ValueError)


def test_releases_convert_and_codes():
    names = [r.name for r in c.releases()]
    assert names[0] == "1.0.1u" and names[-1] == c.release("latest").name and "3.0.19" in names
    r = c.release("3.0")
    assert r.series == "3.0" and r.default_security_level == 2 and r.default_cipher_list
    assert c.release("1.0.2").default_security_level is None and c.release("1.0.2").tls13_default == []
    assert c.convert("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").name == "ECDHE-RSA-AES128-GCM-SHA256"
    assert c.convert("0xC0,0x2F").iana == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
    assert c.convert("ecdhe-rsa-aes128-gcm-sha256", openssl="1.0.2").id == 0x0300C02F
    with pytest.raises(c.UnknownNameError, match="did you mean 'ECDHE-RSA-AES128-GCM-SHA256'"):
        c.convert("ECDHE-RSA-AES128-GCM-SHA265")
    codes = {name for name, _, _ in c.diagnostic_codes()}
    assert {"unknown-name", "missing-name"} <= codes


def test_compare_evaluates_each_release_and_writes_the_comparison_document():
    cmp = c.compare("ECDHE+AESGCM:!aNULL:CHACHA20", ["1.0.1", "3.0"])
    assert [e.release for e in cmp] == ["1.0.1u", "3.0.19"]
    assert [e.ok for e in cmp] == [c.evaluate("ECDHE+AESGCM:!aNULL:CHACHA20", openssl=r).ok
                                   for r in ("1.0.1", "3.0")]
    doc = json.loads(cmp.json())
    assert doc["input"] == "ECDHE+AESGCM:!aNULL:CHACHA20"
    assert len(c.compare("HIGH")) == len(c.releases())
