# SPDX-License-Identifier: Apache-2.0
"""preset(): Python's ssl defaults against real interpreters - the one running this test, and
the interpreters recorded in corpus/python/ - plus the other families' data."""

import json
import ssl
import sys
import warnings

import pytest

import cipherexplain as c
from conftest import CORPUS

# How corpus/python/ and Python itself name the ways of making a context.
CONTEXTS = {
    "SSLContext(PROTOCOL_SSLv23)": "sslcontext",
    "create_default_context()": "client",
    "create_default_context(Purpose.CLIENT_AUTH)": "server",
    "SSLContext(PROTOCOL_TLS_CLIENT)": "tls-client",
    "SSLContext(PROTOCOL_TLS_SERVER)": "tls-server",
    "_create_unverified_context()": "unverified",
}


def recorded_interpreters():
    return sorted((CORPUS / "python").glob("python-*.json"))


@pytest.mark.parametrize("path", recorded_interpreters(), ids=lambda p: p.stem)
def test_every_context_of_every_recorded_interpreter(path):
    recorded = json.loads(path.read_text())
    for call, context in recorded["contexts"].items():
        p = c.preset(path.stem, CONTEXTS[call], openssl="3.0.19")
        assert p.ok, (path.stem, call)
        assert p.options == context["options"], (path.stem, call)
        if context["ciphers"] is not None:
            assert [s.name for s in p.ciphers] == context["ciphers"], (path.stem, call)
        if "security_level" in context:
            assert p.security_level == context["security_level"], (path.stem, call)


def live_context(call):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return eval(call, vars(ssl))


def this_interpreters_preset():
    version = "%d.%d.%d" % sys.version_info[:3]
    debian = ssl._ssl._DEFAULT_CIPHERS == "ALL:!COMPLEMENTOFDEFAULT:!eNULL"
    return f"python-debian-{version}" if debian else f"python-{version}"


def test_this_interpreter_makes_the_contexts_its_preset_says():
    name = this_interpreters_preset()
    release = c.release("system").name
    checked = 0
    for call, context in CONTEXTS.items():
        try:
            p = c.preset(name, context, openssl=release)
        except c.UnknownNameError as e:
            pytest.fail(f"no preset for this interpreter ({name}): {e}")
        real = live_context(call)
        assert p.options == real.options, call
        assert [s.name for s in p.ciphers] == [s["name"] for s in real.get_ciphers()], call
        if hasattr(real, "security_level"):
            assert p.security_level == real.security_level, call
        minimum = None if real.minimum_version == ssl.TLSVersion.MINIMUM_SUPPORTED else \
            real.minimum_version.name.replace("TLSv1_", "TLSv1.")
        assert p.min_protocol == minimum, call
        checked += 1
    assert checked == len(CONTEXTS)


def test_families_presets_and_results():
    families = {f.name: f for f in c.preset_families()}
    assert {"python", "mozilla", "nginx"} <= set(families)
    assert "modern" in families["mozilla"].variants
    rows = c.presets("python")
    assert rows and rows[0].family == "python" and all(r.source for r in rows)
    modern = c.preset("mozilla-modern")
    assert modern.ok and modern.protocols == ("TLSv1.3", "TLSv1.3")
    assert [s.name for s in modern.ciphers if s.usable] == modern.settings["ciphersuites"].split(":")
    assert json.loads(modern.json())
    p = c.preset("python-3.6.15", "server", openssl="1.1.1")
    assert p.release == "1.1.1w" and p.preset.variant == "server"
    with pytest.raises(c.UnknownNameError, match="not a Python context"):
        c.preset("python-3.6.15", "nonsense")
    with pytest.raises(c.UnknownNameError):
        c.presets("nonsense")
