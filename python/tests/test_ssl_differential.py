# SPDX-License-Identifier: Apache-2.0
"""The package against the real thing: this interpreter's ssl module (SSLContext.set_ciphers +
get_ciphers, i.e. SSL_CTX_set_cipher_list + SSL_get_ciphers of the OpenSSL it links) on every
corpus line, with the release that stands in for that OpenSSL.

Out of scope, by ssl's own API: lines holding a NUL byte (set_ciphers raises ValueError:
embedded null character) and lines that are not UTF-8 (set_ciphers takes str; OpenSSL never sees
such bytes from Python). Both are counted and the rest must be the whole corpus but those."""

import os
import ssl
import subprocess
import sys
import textwrap

import pytest

import cipherexplain as c
from conftest import corpus_lines


def linked_release():
    """The recorded release for ssl's OpenSSL: its own when recorded, else its series' newest
    (the test then says so: point releases of a series agree on the corpus, see
    docs/research/python-package.md)."""
    major, minor, patch = ssl.OPENSSL_VERSION_INFO[:3]
    series = f"{major}.{minor}" if major >= 3 else f"{major}.{minor}.{patch}"
    names = [r.name for r in c.releases()]
    for name in names:
        if name == f"{series}.{patch}" or (major < 3 and name.startswith(series)):
            return name
    return c.release(series).name


def ssl_result(context_factory, text):
    ctx = context_factory()
    try:
        ctx.set_ciphers(text)
        ok = True
    except ssl.SSLError as e:
        assert e.args == ("No cipher can be selected.",)
        ok = False
    return ok, ctx.get_ciphers()


def comparable_lines():
    lines, skipped = [], 0
    for raw in corpus_lines():
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            skipped += 1
            continue
        if "\0" in text:
            skipped += 1
            continue
        lines.append(text)
    return lines, skipped


def fresh_context():
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def test_a_fresh_context_holds_what_its_default_string_gives():
    # A context starts from ssl's _DEFAULT_CIPHERS: OpenSSL's DEFAULT in Debian's python3
    # (--with-ssl-default-suites=openssl), Python's own string in an upstream build.
    suites = fresh_context().get_ciphers()
    expected = c.evaluate(ssl._ssl._DEFAULT_CIPHERS, openssl=linked_release())
    assert expected.ok and [s["name"] for s in suites] == [s.name for s in expected.ciphers]


def test_every_corpus_line_gives_what_ssl_gives():
    release = linked_release()
    evaluator = c.Evaluator(release)
    lines, skipped = comparable_lines()
    assert len(lines) + skipped == len(corpus_lines()) and len(lines) > 900
    mismatches = []
    for text in lines:
        # The context's state after a failure is compared too: a fresh one before each call.
        ok, suites = ssl_result(fresh_context, text)
        e = evaluator.evaluate(text)
        names = [s["name"] for s in suites]
        if e.ok != ok or [s.name for s in e.ciphers] != names:
            mismatches.append((text, ok, e.ok, names[:5], [s.name for s in e.ciphers][:5]))
    assert not mismatches, f"{len(mismatches)} of {len(lines)} differ on {release}: {mismatches[:5]}"


def test_every_suite_field_matches_ssl_get_ciphers():
    release = linked_release()
    text = "ALL:COMPLEMENTOFALL"
    ok, suites = ssl_result(fresh_context, text)
    e = c.evaluate(text, openssl=release)
    assert ok and e.ok and len(suites) == len(e.ciphers) > 100
    for real, ours in zip(suites, e.ciphers):
        assert real["name"] == ours.name
        assert real["id"] == ours.id
        assert real["strength_bits"] == ours.bits and real["alg_bits"] == ours.alg_bits
        # get_ciphers says TLSv1.0 where the description (and openssl ciphers -v) says TLSv1.
        assert real["protocol"].replace("TLSv1.0", "TLSv1") == ours.protocol
        columns = dict(field.split("=", 1) for field in real["description"].split()[2:])
        assert (columns["Kx"], columns["Au"], columns["Enc"], columns["Mac"]) == (
            ours.kx, ours.au, ours.enc, ours.mac), real["description"]


# With the legacy provider loaded by a configuration file (what OpenSSL 3 users do), ssl's
# lists are those of legacy_provider=True. Run in a child: the provider is loaded once, at
# OpenSSL's initialisation.
LEGACY_CNF = textwrap.dedent("""\
    openssl_conf = openssl_init
    [openssl_init]
    providers = provider_sect
    [provider_sect]
    default = default_sect
    legacy = legacy_sect
    [default_sect]
    activate = 1
    [legacy_sect]
    activate = 1
    """)

CHILD = textwrap.dedent("""\
    import json, ssl, sys
    out = []
    for text in json.load(sys.stdin):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        try:
            ctx.set_ciphers(text); ok = True
        except ssl.SSLError:
            ok = False
        out.append([ok, [s["name"] for s in ctx.get_ciphers()]])
    json.dump(out, sys.stdout)
    """)


def test_with_the_legacy_provider_loaded_every_line_gives_what_ssl_gives(tmp_path):
    import json
    release = linked_release()
    if not c.release(release).build_options.count("legacy-provider"):
        pytest.skip(f"OpenSSL {release} has no legacy provider (3.0+ only)")
    cnf = tmp_path / "legacy.cnf"
    cnf.write_text(LEGACY_CNF)
    lines, _ = comparable_lines()
    child = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(lines), text=True,
                           capture_output=True, env={**os.environ, "OPENSSL_CONF": str(cnf)},
                           check=True)
    real = json.loads(child.stdout)
    evaluator = c.Evaluator(release, legacy_provider=True)
    differ = [text for text, (ok, names) in zip(lines, real)
              if (evaluator.evaluate(text).ok, [s.name for s in evaluator.evaluate(text).ciphers])
              != (ok, names)]
    assert not differ, differ[:5]
    # The provider made a difference somewhere, or the test would prove nothing.
    plain = c.Evaluator(release)
    assert any([s.name for s in plain.evaluate(t).ciphers] != names
               for t, (_, names) in zip(lines, real))
