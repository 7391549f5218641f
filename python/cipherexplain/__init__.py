# SPDX-License-Identifier: Apache-2.0
"""OpenSSL cipher strings and TLS configurations, evaluated exactly as each OpenSSL release does.

>>> import cipherexplain
>>> e = cipherexplain.evaluate("DEFAULT:!3DES", openssl="3.0")
>>> e.ok, len(e.ciphers), e.ciphers[0].name
(True, 60, 'TLS_AES_256_GCM_SHA384')

Everything is computed by the cipherexplain C++ library compiled into this package; nothing is
looked up on the network or in the system's OpenSSL (except ``openssl="system"``, which asks the
libcrypto the library was built against for its version). See python/README.md.
"""

from __future__ import annotations

from typing import List, Sequence, Union

from ._cipherexplain import (
    Cipher,
    ConfigError,
    Configuration,
    ConfigurationError,
    Diagnostic,
    Error,
    Evaluation,
    Evaluator,
    Handshake,
    HandshakeFailure,
    LintFinding,
    LintReport,
    Preset,
    PresetFamily,
    PresetResult,
    Release,
    Step,
    SystemOpenSSL,
    UnknownNameError,
    UnknownReleaseError,
    __version__,
    configure,
    convert,
    diagnostic_codes,
    evaluate,
    library_version,
    lint,
    lint_text,
    negotiate,
    preset,
    preset_families,
    presets,
    release,
    releases,
    system_openssl,
)
from ._cipherexplain import _compare


class Comparison:
    """One cipher string on several releases (compare())."""

    __slots__ = ("evaluations", "_document")

    def __init__(self, evaluations: List[Evaluation], document: str) -> None:
        self.evaluations = evaluations
        self._document = document

    def json(self) -> str:
        """The document ``cipherexplain --openssl A,B --format json`` prints."""
        return self._document

    def __iter__(self):
        return iter(self.evaluations)

    def __len__(self) -> int:
        return len(self.evaluations)

    def __repr__(self) -> str:
        return "<Comparison %s>" % ", ".join(e.release for e in self.evaluations)


def compare(
    cipher_string: Union[str, bytes],
    openssl: Union[str, Sequence[str]] = "all",
    *,
    legacy_provider: bool = False,
) -> Comparison:
    """Evaluates one string on several releases: ``openssl`` is a list of releases, a
    comma-separated string, or "all" (every release compiled in)."""
    if isinstance(openssl, str):
        names = [r.name for r in releases()] if openssl == "all" else [
            part.strip() for part in openssl.split(",") if part.strip()]
    else:
        names = list(openssl)
    evaluations, document = _compare(cipher_string, names, legacy_provider=legacy_provider)
    return Comparison(evaluations, document)


__all__ = [
    "Cipher", "Comparison", "ConfigError", "Configuration", "ConfigurationError", "Diagnostic",
    "Error", "Evaluation", "Evaluator", "Handshake", "HandshakeFailure", "LintFinding",
    "LintReport", "Preset", "PresetFamily", "PresetResult", "Release", "Step", "SystemOpenSSL",
    "UnknownNameError", "UnknownReleaseError", "__version__", "compare", "configure", "convert",
    "diagnostic_codes", "evaluate", "library_version", "lint", "lint_text", "negotiate",
    "preset", "preset_families", "presets", "release", "releases", "system_openssl",
]
