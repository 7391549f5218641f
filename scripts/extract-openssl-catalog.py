#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Extract one OpenSSL release's cipher catalog and alias table into TSV data.

Usage:
  extract-openssl-catalog.py --git-dir DIR --tag TAG --release NAME \
      [--oracle DIR] --out DIR [--stdname-tag TAG]

  --git-dir   bare OpenSSL git repository (read with `git show TAG:PATH`)
  --tag       tag (or commit) whose sources describe the release
  --release   release folder name, e.g. openssl-3.0.19; selects the build
              description (which OPENSSL_NO_* macros the recorded build had)
  --oracle    folder holding catalog.tsv / aliases.jsonl recorded from that
              build; when given, the extracted data is checked against it and
              the exit status is non-zero on any disagreement
  --out       folder that receives ciphers.tsv and aliases.tsv
  --stdname-tag
              1.0.x/1.1.0 only: later tag whose table supplies informational
              IANA names (those releases have no such field); default
              OpenSSL_1_1_1w

Only facts (names, ids, bit names, numbers) are written; the sources are read
through a small preprocessor model: comments removed, object-like #defines
collected from the SSL headers, #if/#ifdef/#ifndef/#elif/#else evaluated
against the build description.
"""

import argparse
import json
import os
import re
import subprocess
import sys

# ---------------------------------------------------------------------------
# Build descriptions: the OPENSSL_NO_* macros each recorded build defined.
# Table entries are guarded by only a few features (GUARD_FEATURES); a guard
# naming any other feature stops the run, so that a new guard in a later
# release cannot be silently treated as "enabled".

GUARD_FEATURES = set("ARIA CAMELLIA CHACHA EC ECDH GOST IDEA "
                     "INTEGRITY_ONLY_CIPHERS KRB5 POLY1305 PSK RSA SEED SRP "
                     "SSL2 WEAK_SSL_CIPHERS".split())

# Upstream 1.0.x / 1.1.0 lists: the "features disabled by the configure run"
# recorded in the oracle's build.txt (no-shared does not define a macro).
_UPSTREAM_101 = ("EC_NISTP_64_GCC_128 GMP JPAKE KRB5 MD2 RC5 RFC3779 SCTP "
                 "SSL2 STORE UNIT_TEST WEAK_SSL_CIPHERS ZLIB ZLIB_DYNAMIC")
_UPSTREAM_102 = _UPSTREAM_101 + " LIBUNBOUND SSL_TRACE"
_UPSTREAM_110 = ("ASAN CRYPTO_MDEBUG CRYPTO_MDEBUG_BACKTRACE DYNAMIC_ENGINE "
                 "EC_NISTP_64_GCC_128 EGD FUZZ_AFL FUZZ_LIBFUZZER HEARTBEATS "
                 "MD2 MSAN RC5 SCTP SSL_TRACE SSL3 SSL3_METHOD UBSAN "
                 "UNIT_TEST WEAK_SSL_CIPHERS ZLIB ZLIB_DYNAMIC")
# Debian 12's libssl-dev 3.0.19 <openssl/configuration.h>, complete.
_DEBIAN_300 = ("ACVP_TESTS ASAN CAPIENG CRYPTO_MDEBUG CRYPTO_MDEBUG_BACKTRACE "
               "DEVCRYPTOENG EGD EXTERNAL_TESTS FIPS_SECURITYCHECKS FUZZ_AFL "
               "FUZZ_LIBFUZZER HEARTBEATS IDEA MD2 MDC2 MSAN RC5 RDRAND SCTP "
               "SSL3 SSL3_METHOD STATIC_ENGINE TRACE UBSAN UPLINK "
               "WEAK_SSL_CIPHERS")
# Other builds: only the table-relevant part is listed.  Upstream 3.x default
# Configure disables weak-ssl-ciphers; Debian adds no-idea (and options such
# as no-mdc2/no-rc5/no-ssl3 that guard no table entry).
_UPSTREAM_3 = "WEAK_SSL_CIPHERS"
_DEBIAN = "IDEA WEAK_SSL_CIPHERS"

BUILDS = {
    "openssl-1.0.1u": ("upstream default configuration", _UPSTREAM_101),
    "openssl-1.0.2u": ("upstream default configuration", _UPSTREAM_102),
    "openssl-1.1.0l": ("upstream default configuration", _UPSTREAM_110),
    "openssl-1.1.1w": ("Debian 11 package 1.1.1w-0+deb11u1", _DEBIAN),
    "openssl-3.0.19": ("Debian 12 package 3.0.19-1~deb12u2", _DEBIAN_300),
    "openssl-3.1.8": ("upstream default configuration", _UPSTREAM_3),
    "openssl-3.2.6": ("upstream default configuration", _UPSTREAM_3),
    "openssl-3.3.7": ("upstream default configuration", _UPSTREAM_3),
    "openssl-3.4.6": ("upstream default configuration", _UPSTREAM_3),
    "openssl-3.5.9": ("Debian 13 package 3.5.9-1~deb13u1", _DEBIAN),
    "openssl-3.6.5": ("Debian unstable package 3.6.5-1", _DEBIAN),
    "openssl-4.0.3": ("Debian experimental package 4.0.3-1", _DEBIAN),
}

# ---------------------------------------------------------------------------
# Canonical symbols.  Several releases spell the same algorithm differently
# (kEDH vs kDHE, kEECDH vs kECDHE); downstream code wants one spelling.

KX = [("kRSA", ["SSL_kRSA"]), ("kDHr", ["SSL_kDHr"]), ("kDHd", ["SSL_kDHd"]),
      ("kDHE", ["SSL_kDHE", "SSL_kEDH"]), ("kECDHr", ["SSL_kECDHr"]),
      ("kECDHe", ["SSL_kECDHe"]), ("kECDHE", ["SSL_kECDHE", "SSL_kEECDH"]),
      ("kKRB5", ["SSL_kKRB5"]), ("kPSK", ["SSL_kPSK"]), ("kSRP", ["SSL_kSRP"]),
      ("kGOST", ["SSL_kGOST"]), ("kRSAPSK", ["SSL_kRSAPSK"]),
      ("kECDHEPSK", ["SSL_kECDHEPSK"]), ("kDHEPSK", ["SSL_kDHEPSK"]),
      ("kGOST18", ["SSL_kGOST18"]), ("kFZA", ["SSL_kFZA"])]
AU = [("aRSA", ["SSL_aRSA"]), ("aDSS", ["SSL_aDSS"]), ("aNULL", ["SSL_aNULL"]),
      ("aDH", ["SSL_aDH"]), ("aECDH", ["SSL_aECDH"]), ("aKRB5", ["SSL_aKRB5"]),
      ("aECDSA", ["SSL_aECDSA"]), ("aPSK", ["SSL_aPSK"]),
      ("aGOST94", ["SSL_aGOST94"]), ("aGOST01", ["SSL_aGOST01"]),
      ("aGOST12", ["SSL_aGOST12"]), ("aSRP", ["SSL_aSRP"]),
      ("aFZA", ["SSL_aFZA"])]
ENC = [("DES", ["SSL_DES"]), ("3DES", ["SSL_3DES"]), ("RC4", ["SSL_RC4"]),
       ("RC2", ["SSL_RC2"]), ("IDEA", ["SSL_IDEA"]), ("eNULL", ["SSL_eNULL"]),
       ("AES128", ["SSL_AES128"]), ("AES256", ["SSL_AES256"]),
       ("CAMELLIA128", ["SSL_CAMELLIA128"]), ("CAMELLIA256", ["SSL_CAMELLIA256"]),
       ("GOST89", ["SSL_eGOST2814789CNT"]),
       ("GOST8912", ["SSL_eGOST2814789CNT12"]), ("SEED", ["SSL_SEED"]),
       ("AES128GCM", ["SSL_AES128GCM"]), ("AES256GCM", ["SSL_AES256GCM"]),
       ("AES128CCM", ["SSL_AES128CCM"]), ("AES256CCM", ["SSL_AES256CCM"]),
       ("AES128CCM8", ["SSL_AES128CCM8"]), ("AES256CCM8", ["SSL_AES256CCM8"]),
       ("CHACHA20POLY1305", ["SSL_CHACHA20POLY1305"]),
       ("ARIA128GCM", ["SSL_ARIA128GCM"]), ("ARIA256GCM", ["SSL_ARIA256GCM"]),
       ("MAGMA", ["SSL_MAGMA"]), ("KUZNYECHIK", ["SSL_KUZNYECHIK"]),
       ("SM4GCM", ["SSL_SM4GCM"]), ("SM4CCM", ["SSL_SM4CCM"]),
       ("eFZA", ["SSL_eFZA"])]
MAC = [("MD5", ["SSL_MD5"]), ("SHA1", ["SSL_SHA1", "SSL_SHA"]),
       ("GOST94", ["SSL_GOST94"]), ("GOST89MAC", ["SSL_GOST89MAC"]),
       ("SHA256", ["SSL_SHA256"]), ("SHA384", ["SSL_SHA384"]),
       ("GOST12_256", ["SSL_GOST12_256"]), ("GOST89MAC12", ["SSL_GOST89MAC12"]),
       ("GOST12_512", ["SSL_GOST12_512"]), ("AEAD", ["SSL_AEAD"]),
       ("MAGMAOMAC", ["SSL_MAGMAOMAC"]),
       ("KUZNYECHIKOMAC", ["SSL_KUZNYECHIKOMAC"]), ("SM3", ["SSL_SM3"])]
STRENGTH = ["NOT_EXP", "EXPORT", "EXP40", "EXP56", "STRONG_NONE", "LOW",
            "MEDIUM", "HIGH", "FIPS", "NOT_DEFAULT"]
CATEGORIES = {"kx": KX, "au": AU, "enc": ENC, "mac": MAC}
# The value 0 in these fields spells "any algorithm" only through these macros;
# a literal 0 (SCSVs, unused alias fields) means "nothing".
ANY_MACROS = {"kx": "SSL_kANY", "au": "SSL_aANY"}

TLS_VERSIONS = {0x0300: "SSLv3", 0x0301: "TLSv1", 0x0302: "TLSv1.1",
                0x0303: "TLSv1.2", 0x0304: "TLSv1.3"}
DTLS_VERSIONS = {0x0100: "DTLSbad", 0xFEFF: "DTLSv1", 0xFEFD: "DTLSv1.2"}
# 1.0.x algorithm_ssl bits; TLSv1 shares the SSLv3 bit there.
SSL_BITS = [(0x1, "SSLv2"), (0x2, "SSLv3"), (0x4, "TLSv1.2")]

# SSL_CIPHER_description() wording, used only to check against the oracle.
# Keys are the '|'-joined symbol field as written in ciphers.tsv.
DESC_KX = {"kRSA": "RSA", "kDHE": "DH", "kECDHE": "ECDH", "kPSK": "PSK",
           "kRSAPSK": "RSAPSK", "kECDHEPSK": "ECDHEPSK", "kDHEPSK": "DHEPSK",
           "kSRP": "SRP", "kGOST": "GOST", "kGOST18": "GOST18", "any": "any",
           "kDHr": "DH/RSA", "kDHd": "DH/DSS", "kECDHr": "ECDH/RSA",
           "kECDHe": "ECDH/ECDSA", "kKRB5": "KRB5", "-": "any"}
DESC_AU = {"aRSA": "RSA", "aDSS": "DSS", "aNULL": "None", "aECDSA": "ECDSA",
           "aPSK": "PSK", "aSRP": "SRP", "aGOST01": "GOST01",
           "aGOST01|aGOST12": "GOST12", "aGOST12": "unknown", "any": "any",
           "aDH": "DH", "aECDH": "ECDH", "aKRB5": "KRB5", "aGOST94": "GOST94",
           "-": "any"}
DESC_ENC = {"DES": "DES(56)", "3DES": "3DES(168)", "RC4": "RC4(128)",
            "RC2": "RC2(128)", "IDEA": "IDEA(128)", "eNULL": "None",
            "AES128": "AES(128)", "AES256": "AES(256)",
            "AES128GCM": "AESGCM(128)", "AES256GCM": "AESGCM(256)",
            "AES128CCM": "AESCCM(128)", "AES256CCM": "AESCCM(256)",
            "AES128CCM8": "AESCCM8(128)", "AES256CCM8": "AESCCM8(256)",
            "CAMELLIA128": "Camellia(128)", "CAMELLIA256": "Camellia(256)",
            "ARIA128GCM": "ARIAGCM(128)", "ARIA256GCM": "ARIAGCM(256)",
            "SEED": "SEED(128)", "GOST89": "GOST89(256)",
            "GOST8912": "GOST89(256)", "MAGMA": "MAGMA",
            "KUZNYECHIK": "KUZNYECHIK", "CHACHA20POLY1305":
            "CHACHA20/POLY1305(256)", "SM4GCM": "SM4GCM", "SM4CCM": "SM4CCM",
            "-": "unknown"}
DESC_MAC = {"MD5": "MD5", "SHA1": "SHA1", "SHA256": "SHA256",
            "SHA384": "SHA384", "AEAD": "AEAD", "GOST89MAC": "GOST89",
            "GOST89MAC12": "GOST89", "GOST94": "GOST94",
            "GOST12_256": "GOST2012", "GOST12_512": "GOST2012",
            "MAGMAOMAC": "unknown", "KUZNYECHIKOMAC": "unknown",
            "-": "unknown"}
DESC_VERSION = {"SSLv3": "SSLv3", "TLSv1": "TLSv1", "TLSv1.1": "TLSv1.1",
                "TLSv1.2": "TLSv1.2", "TLSv1.3": "TLSv1.3", "-": "unknown",
                "SSLv2": "SSLv2"}
# SSL_CIPHER_get_version() wording for min_tls (1.1.0+).
GETVERSION = {"SSLv3": "SSLv3", "TLSv1": "TLSv1.0", "TLSv1.1": "TLSv1.1",
              "TLSv1.2": "TLSv1.2", "TLSv1.3": "TLSv1.3", "-": "unknown"}

HEADER_CANDIDATES = [
    "ssl/ssl_local.h", "ssl/ssl_locl.h",
    "ssl/ssl.h", "ssl/ssl2.h", "ssl/ssl3.h", "ssl/tls1.h", "ssl/dtls1.h",
    "ssl/kssl.h",
    "include/openssl/ssl.h", "include/openssl/ssl.h.in",
    "include/openssl/ssl2.h", "include/openssl/ssl3.h",
    "include/openssl/tls1.h", "include/openssl/dtls1.h",
    "include/openssl/prov_ssl.h",
]


class ExtractError(Exception):
    pass


# ---------------------------------------------------------------------------
# Source access and lexical helpers


def git_show(git_dir, tag, path):
    r = subprocess.run(["git", "--git-dir", git_dir, "show", "%s:%s" % (tag, path)],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if r.returncode != 0:
        return None
    return r.stdout.decode("utf-8", "replace")


def git_commit(git_dir, tag):
    r = subprocess.run(["git", "--git-dir", git_dir, "rev-parse", tag + "^{commit}"],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return r.stdout.decode().strip() if r.returncode == 0 else "?"


def strip_comments(text):
    """Blank out comments but keep newlines, so directives stay on their lines."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "/" and i + 1 < n and text[i + 1] == "*":
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(" " + "\n" * text.count("\n", i, j))
            i = j
        elif c == "/" and i + 1 < n and text[i + 1] == "/":
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def logical_lines(text):
    """Comment-free lines with backslash continuations joined."""
    lines = strip_comments(text).split("\n")
    out, buf = [], ""
    for ln in lines:
        if ln.endswith("\\"):
            buf += ln[:-1] + " "
            continue
        out.append(buf + ln)
        buf = ""
    if buf:
        out.append(buf)
    return out


TOKEN_RE = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|(0[xX][0-9a-fA-F]+|\d+)[uUlL]*'
                      r'|([A-Za-z_]\w*)|(<<|>>|&&|\|\||==|!=|<=|>=|[-+~!|&()<>,*/]))')


def tokenize(expr):
    toks, pos = [], 0
    expr = expr.strip()
    while pos < len(expr):
        m = TOKEN_RE.match(expr, pos)
        if not m or m.end() == pos:
            if expr[pos:].strip() == "":
                break
            raise ExtractError("cannot tokenize %r" % expr)
        pos = m.end()
        s, num, ident, op = m.groups()
        if s is not None:
            toks.append(("str", s))
        elif num is not None:
            toks.append(("num", int(num, 0) if not re.fullmatch(r"0\d+", num) else int(num, 8)))
        elif ident is not None:
            toks.append(("id", ident))
        else:
            toks.append(("op", op))
    return toks


class Macros:
    """Object-like #defines; a name defined twice with different bodies is
    only an error if it is actually used."""

    def __init__(self):
        self.bodies = {}

    def add_text(self, text):
        for ln in logical_lines(text):
            m = re.match(r"\s*#\s*define\s+(\w+)(\(?)(.*)$", ln)
            if not m or m.group(2):
                continue
            name, body = m.group(1), " ".join(m.group(3).split())
            if name.startswith("OPENSSL_NO_"):
                # the build description, not header logic, decides these
                continue
            self.bodies.setdefault(name, [])
            if body not in self.bodies[name]:
                self.bodies[name].append(body)

    def defined(self, name):
        return name in self.bodies

    def body(self, name):
        b = self.bodies.get(name)
        if b is None:
            return None
        if len(b) > 1:
            raise ExtractError("macro %s has conflicting definitions: %r" % (name, b))
        return b[0]

    def expand(self, toks, depth=0):
        if depth > 50:
            raise ExtractError("macro recursion too deep")
        out = []
        for kind, val in toks:
            if kind == "id" and val in self.bodies and val != "defined":
                out.extend(self.expand(tokenize(self.body(val)), depth + 1))
            else:
                out.append((kind, val))
        return out


class Evaluator:
    """Integer expressions of the C preprocessor / constant initializers."""

    BINARY = [["||"], ["&&"], ["|"], ["&"], ["==", "!="], ["<", ">", "<=", ">="],
              ["<<", ">>"], ["+", "-"], ["*", "/"]]

    def __init__(self, toks, undefined_is_zero):
        self.toks = toks
        self.pos = 0
        self.undef0 = undefined_is_zero

    def peek(self):
        return self.toks[self.pos] if self.pos < len(self.toks) else (None, None)

    def take(self):
        t = self.peek()
        self.pos += 1
        return t

    def parse(self):
        v = self.binary(0)
        if self.pos != len(self.toks):
            raise ExtractError("trailing tokens in expression %r" % (self.toks,))
        return v

    def binary(self, level):
        if level == len(self.BINARY):
            return self.unary()
        v = self.binary(level + 1)
        while True:
            kind, op = self.peek()
            if kind != "op" or op not in self.BINARY[level]:
                return v
            self.take()
            r = self.binary(level + 1)
            v = {"||": lambda a, b: int(bool(a) or bool(b)),
                 "&&": lambda a, b: int(bool(a) and bool(b)),
                 "|": lambda a, b: a | b, "&": lambda a, b: a & b,
                 "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b),
                 "<": lambda a, b: int(a < b), ">": lambda a, b: int(a > b),
                 "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b),
                 "<<": lambda a, b: a << b, ">>": lambda a, b: a >> b,
                 "+": lambda a, b: a + b, "-": lambda a, b: a - b,
                 "*": lambda a, b: a * b, "/": lambda a, b: a // b}[op](v, r)

    def unary(self):
        kind, val = self.take()
        if kind == "op" and val == "!":
            return int(not self.unary())
        if kind == "op" and val == "~":
            return ~self.unary() & 0xFFFFFFFF
        if kind == "op" and val == "-":
            return -self.unary()
        if kind == "op" and val == "(":
            v = self.binary(0)
            if self.take() != ("op", ")"):
                raise ExtractError("unbalanced parentheses")
            return v
        if kind == "num":
            return val
        if kind == "id" and self.undef0:
            return 0
        raise ExtractError("unexpected token %r in expression" % (val,))


def eval_int(expr, macros):
    return Evaluator(macros.expand(tokenize(expr)), False).parse() & 0xFFFFFFFF


def eval_string(expr, macros):
    toks = macros.expand(tokenize(expr))
    if toks in ([("id", "NULL")], [("num", 0)]):
        return None
    if not toks or any(k != "str" for k, _ in toks):
        raise ExtractError("not a string constant: %r" % expr)
    return "".join(bytes(v[1:-1], "utf-8").decode("unicode_escape") for _, v in toks)


def cond_value(expr, build_no, macros):
    """Evaluate an #if expression: OPENSSL_NO_* come from the build description."""
    toks = tokenize(expr)
    out, i = [], 0
    while i < len(toks):
        kind, val = toks[i]
        if kind == "id" and val == "defined":
            if toks[i + 1] == ("op", "("):
                name, i = toks[i + 2][1], i + 4
            else:
                name, i = toks[i + 1][1], i + 2
            if name.startswith("OPENSSL_NO_"):
                _known_feature(name, build_no)
                out.append(("num", int(name in build_no)))
            else:
                out.append(("num", int(macros.defined(name))))
            continue
        if kind == "id" and val.startswith("OPENSSL_NO_"):
            _known_feature(val, build_no)
            out.append(("num", int(val in build_no)))
        else:
            out.extend(macros.expand([(kind, val)]))
        i += 1
    return bool(Evaluator(out, True).parse())


def _known_feature(macro, build_no):
    if macro not in build_no and macro[len("OPENSSL_NO_"):] not in GUARD_FEATURES:
        raise ExtractError("build description does not classify %s" % macro)


def cond_names(expr):
    return [w for w in re.findall(r"[A-Za-z_]\w*", expr) if w != "defined"]


# ---------------------------------------------------------------------------
# Array extraction with preprocessor state


def directive(line):
    m = re.match(r"\s*#\s*(\w+)\s*(.*)$", line)
    return (m.group(1), m.group(2).strip()) if m else (None, None)


def split_top(s, sep=","):
    parts, depth, cur, i = [], 0, [], 0
    while i < len(s):
        c = s[i]
        if c == '"':
            j = i + 1
            while s[j] != '"':
                j += 2 if s[j] == "\\" else 1
            cur.append(s[i:j + 1])
            i = j + 1
            continue
        if c in "({[":
            depth += 1
        elif c in ")}]":
            depth -= 1
        if c == sep and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    parts.append("".join(cur).strip())
    if parts and parts[-1] == "":
        parts.pop()
    return parts


def extract_array(text, name):
    """Return [(initializer_text, [(cond_expr, wanted_truth), ...])] for the
    top-level brace entries of array NAME, in source order."""
    lines = logical_lines(text)
    stack = []          # frames: {"prev": [exprs], "cur": [(expr, bool)]}
    start_re = re.compile(r"\b%s\s*\[\s*\]\s*=\s*\{" % re.escape(name))
    entries, in_array, depth, buf, entry_conds = [], False, 0, [], None
    found = False

    def active():
        return [c for f in stack for c in f["cur"]]

    for ln in lines:
        d, arg = directive(ln)
        if d in ("if", "ifdef", "ifndef"):
            expr = {"if": arg, "ifdef": "defined(%s)" % arg,
                    "ifndef": "!defined(%s)" % arg}[d]
            stack.append({"prev": [expr], "cur": [(expr, True)]})
        elif d == "elif":
            f = stack[-1]
            f["cur"] = [(e, False) for e in f["prev"]] + [(arg, True)]
            f["prev"].append(arg)
        elif d == "else":
            f = stack[-1]
            f["cur"] = [(e, False) for e in f["prev"]]
        elif d == "endif":
            stack.pop()
        if d is not None:
            if in_array and depth > 1:
                raise ExtractError("%s: conditional inside an entry" % name)
            continue
        if not in_array:
            m = start_re.search(ln)
            if not m:
                continue
            if found:
                raise ExtractError("array %s defined twice" % name)
            found, in_array, depth = True, True, 1
            ln = ln[m.end():]
        i = 0
        while i < len(ln) and in_array:
            c = ln[i]
            if c == '"':
                j = i + 1
                while ln[j] != '"':
                    j += 2 if ln[j] == "\\" else 1
                if depth >= 2:
                    buf.append(ln[i:j + 1])
                i = j + 1
                continue
            if c == "{":
                depth += 1
                if depth == 2:
                    buf, entry_conds = [], list(active())
                    i += 1
                    continue
            elif c == "}":
                depth -= 1
                if depth == 1:
                    entries.append(("".join(buf), entry_conds))
                    i += 1
                    continue
                if depth == 0:
                    in_array = False
                    break
            if depth >= 2:
                buf.append(c)
            i += 1
        if depth >= 2:
            buf.append(" ")
    if not found:
        return None
    return entries


def struct_fields(text):
    m = re.search(r"struct\s+ssl_cipher_st\s*\{([^}]*)\}", strip_comments(text))
    if not m:
        return None
    fields = []
    for decl in m.group(1).split(";"):
        w = re.findall(r"\w+", decl)
        if w:
            fields.append(w[-1])
    return fields


# ---------------------------------------------------------------------------
# Turning initializer fields into symbols


class Release:
    def __init__(self, git_dir, tag, release):
        self.git_dir, self.tag, self.release = git_dir, tag, release
        if release not in BUILDS:
            raise ExtractError("no build description for %s" % release)
        self.build_desc, nolist = BUILDS[release]
        self.build_no = {"OPENSSL_NO_" + x for x in nolist.split()}
        self.macros = Macros()
        self.fields = None
        self.headers = []
        for path in HEADER_CANDIDATES:
            t = git_show(git_dir, tag, path)
            if t is None:
                continue
            self.headers.append(path)
            self.macros.add_text(t)
            if self.fields is None:
                self.fields = struct_fields(t)
        if self.fields is None:
            raise ExtractError("struct ssl_cipher_st not found")
        self.legacy = "algorithm_ssl" in self.fields
        self.has_stdname = "stdname" in self.fields
        self.added_symbols = {}
        self.sources = {}
        for path in ("ssl/s3_lib.c", "ssl/s2_lib.c", "ssl/ssl_ciph.c"):
            t = git_show(git_dir, tag, path)
            if t is not None:
                self.sources[path] = t
                self.macros.add_text(t)
        self.canon = {}
        for cat, table in CATEGORIES.items():
            for sym, names in table:
                for n in names:
                    self.canon[n] = (cat, sym)

    def option_for(self, conds):
        """None if compiled in this build; "" if no build option can compile
        it (e.g. #if 0); otherwise the Configure option(s) that would."""
        opts = []
        for expr, want in conds:
            if cond_value(expr, self.build_no, self.macros) == want:
                continue
            found = False
            for n in cond_names(expr):
                if n in self.build_no:
                    opts.append(n[len("OPENSSL_NO_"):].lower().replace("_", "-"))
                    found = True
                elif want and not n.startswith("OPENSSL_NO_") and not self.macros.defined(n):
                    # compiler-flag switches, not Configure features
                    opts.append("-D" + n)
                    found = True
            if not found:
                return ""
        if not opts:
            return None
        return ",".join(dict.fromkeys(opts))

    def symbols(self, expr, cat, allow_any=True):
        """Expand a bit-field initializer into canonical symbols of CAT."""
        expr = expr.strip()
        toks = tokenize(expr)
        if toks == [("num", 0)]:
            return []
        if len(toks) == 1 and toks[0][1] == ANY_MACROS.get(cat):
            if eval_int(expr, self.macros) != 0:
                raise ExtractError("%s is not 0" % toks[0][1])
            return ["any"] if allow_any else []
        if toks[0] == ("op", "~"):
            inner = self.symbols(expr[1:], cat)
            if len(inner) != 1:
                raise ExtractError("complement of a group: %r" % expr)
            if eval_int(expr, self.macros) != (~eval_int(expr[1:], self.macros) & 0xFFFFFFFF):
                raise ExtractError("bad complement %r" % expr)
            return ["~" + inner[0]]
        out, value = self._expand(expr, cat, 0)
        if value != eval_int(expr, self.macros):
            raise ExtractError("symbol expansion of %r lost bits" % expr)
        order = [s for s, _ in CATEGORIES[cat]]
        uniq = list(dict.fromkeys(out))
        return sorted(uniq, key=lambda s: (order.index(s) if s in order else len(order), s))

    def _expand(self, expr, cat, depth):
        if depth > 20:
            raise ExtractError("expansion too deep: %r" % expr)
        expr = expr.strip()
        while expr.startswith("(") and expr.endswith(")") and _balanced(expr[1:-1]):
            expr = expr[1:-1].strip()
        terms = split_top(expr, "|")
        if len(terms) > 1:
            syms, val = [], 0
            for t in terms:
                s, v = self._expand(t, cat, depth + 1)
                syms += s
                val |= v
            return syms, val
        t = terms[0]
        if re.fullmatch(r"\w+", t):
            if t in self.canon:
                c, sym = self.canon[t]
                if c != cat:
                    raise ExtractError("%s used as %s" % (t, cat))
                v = eval_int(t, self.macros)
                if v == 0 or v & (v - 1):
                    raise ExtractError("%s is not a single bit" % t)
                return [sym], v
            body = self.macros.body(t)
            if body is None:
                if re.fullmatch(r"(0[xX][0-9a-fA-F]+|\d+)[uUlL]*", t):
                    v = eval_int(t, self.macros)
                    if v:
                        raise ExtractError("raw number %s in %s field" % (t, cat))
                    return [], 0
                raise ExtractError("unknown macro %s" % t)
            if re.fullmatch(r"(0[xX][0-9a-fA-F]+|\d+)[uUlL]*", body):
                v = eval_int(body, self.macros)
                if v == 0:
                    return [], 0
                sym = t[4:] if t.startswith("SSL_") else t
                self.added_symbols[sym] = (cat, t)
                self.canon[t] = (cat, sym)
                return [sym], v
            return self._expand(body, cat, depth + 1)
        raise ExtractError("cannot expand %r" % t)

    def flags(self, expr, depth=0):
        """algo_strength as written in the source, SSL_ prefix dropped; a
        composite mask (1.0.1m-s use SSL_EXP_MASK) is spelled out."""
        out = []
        expr = expr.strip()
        while expr.startswith("(") and expr.endswith(")") and _balanced(expr[1:-1]):
            expr = expr[1:-1].strip()
        for t in split_top(expr, "|"):
            t = t.strip()
            if t in ("0", ""):
                continue
            if t.startswith("SSL_") and t[4:] in STRENGTH:
                out.append(t[4:])
            elif self.macros.body(t) is not None and depth < 5:
                body = self.macros.body(t)
                if re.fullmatch(r"(0[xX][0-9a-fA-F]+|\d+)[uUlL]*", body):
                    v = eval_int(body, self.macros)
                    out += [f for f in STRENGTH if self.macros.defined("SSL_" + f)
                            and eval_int("SSL_" + f, self.macros) & v
                            == eval_int("SSL_" + f, self.macros)]
                else:
                    out += self.flags(body, depth + 1)
            else:
                raise ExtractError("unknown strength flag %s" % t)
        if eval_int(" | ".join(["0"] + ["SSL_" + f for f in out]), self.macros) != \
                eval_int(expr or "0", self.macros):
            raise ExtractError("strength flags of %r lost bits" % expr)
        return out

    def handshake(self, expr):
        hs = [t.strip() for t in split_top(expr.strip(), "|")
              if t.strip().startswith("SSL_HANDSHAKE_MAC_")]
        if len(hs) > 1:
            raise ExtractError("two handshake digests in %r" % expr)
        if hs:
            eval_int(hs[0], self.macros)
            return hs[0][len("SSL_HANDSHAKE_MAC_"):]
        return "-"

    def version(self, expr, table):
        v = eval_int(expr, self.macros)
        if v == 0:
            return "-"
        if v not in table:
            raise ExtractError("unknown protocol version 0x%X" % v)
        return table[v]

    def ssl_bits(self, expr):
        if expr.strip().startswith("~"):
            # some 1.0.x letter releases match "anything but SSLv2"
            inner = self.ssl_bits(expr.strip()[1:])
            if "|" in inner or inner == "-":
                raise ExtractError("complement of a group: %r" % expr)
            return "~" + inner
        v = eval_int(expr, self.macros)
        out = [n for b, n in SSL_BITS if v & b]
        if sum(b for b, _ in SSL_BITS if v & b) != v:
            raise ExtractError("unknown algorithm_ssl bits 0x%X" % v)
        return "|".join(out) or "-"

    def record(self, init):
        vals = split_top(init)
        if len(vals) > len(self.fields):
            raise ExtractError("too many initializers: %r" % init)
        rec = dict(zip(self.fields, vals + ["0"] * (len(self.fields) - len(vals))))
        return rec

    # -- tables ------------------------------------------------------------

    def cipher_tables(self):
        specs = [("tls13", "ssl/s3_lib.c", "tls13_ciphers"),
                 ("ssl3", "ssl/s3_lib.c", "ssl3_ciphers"),
                 ("scsv", "ssl/s3_lib.c", "ssl3_scsvs"),
                 ("ssl2", "ssl/s2_lib.c", "ssl2_ciphers")]
        rows, counts = [], {}
        for table, path, arr in specs:
            if path not in self.sources:
                continue
            entries = extract_array(self.sources[path], arr)
            if entries is None:
                continue
            counts[table] = [0, 0, []]
            for seq, (init, conds) in enumerate(entries):
                opt = self.option_for(conds)
                counts[table][0] += 1
                if opt == "":
                    rec = self.record(init)
                    counts[table][2].append("%s(0x%08X)" % (
                        eval_string(rec["name"], self.macros), eval_int(rec["id"], self.macros)))
                    continue
                if opt is None:
                    counts[table][1] += 1
                row = self.cipher_row(self.record(init), table)
                row["option"] = opt or "-"
                row["_order"] = (["tls13", "ssl3", "scsv", "ssl2"].index(table), seq)
                rows.append(row)
        rows.sort(key=lambda r: (r["_idnum"], r["_order"]))
        return rows, counts

    def cipher_row(self, rec, table):
        r = {"table": table}
        r["name"] = eval_string(rec["name"], self.macros)
        if "stdname" in rec:
            s = eval_string(rec["stdname"], self.macros)
            r["stdname"] = s if s else "-"
        else:
            r["stdname"] = None
        r["_idnum"] = eval_int(rec["id"], self.macros)
        r["id"] = "0x%08X" % r["_idnum"]
        for cat, field in (("kx", "algorithm_mkey"), ("au", "algorithm_auth"),
                           ("enc", "algorithm_enc"), ("mac", "algorithm_mac")):
            syms = self.symbols(rec[field], cat, allow_any=(table == "tls13"))
            r[cat] = "|".join(syms) or "-"
        if self.legacy:
            r["min_tls"], r["max_tls"] = self.ssl_bits(rec["algorithm_ssl"]), "-"
            r["min_dtls"] = r["max_dtls"] = "-"
        else:
            r["min_tls"] = self.version(rec["min_tls"], TLS_VERSIONS)
            r["max_tls"] = self.version(rec["max_tls"], TLS_VERSIONS)
            r["min_dtls"] = self.version(rec["min_dtls"], DTLS_VERSIONS)
            r["max_dtls"] = self.version(rec["max_dtls"], DTLS_VERSIONS)
        r["strength"] = "|".join(self.flags(rec["algo_strength"])) or "-"
        r["handshake"] = self.handshake(rec["algorithm2"])
        r["strength_bits"] = str(eval_int(rec["strength_bits"], self.macros))
        r["alg_bits"] = str(eval_int(rec["alg_bits"], self.macros))
        r["valid"] = str(eval_int(rec["valid"], self.macros))
        return r

    def alias_table(self):
        entries = extract_array(self.sources["ssl/ssl_ciph.c"], "cipher_aliases")
        rows = []
        for init, conds in entries:
            opt = self.option_for(conds)
            if opt == "":
                continue
            rec = self.record(init)
            r = {"alias": eval_string(rec["name"], self.macros)}
            for cat, field in (("kx", "algorithm_mkey"), ("au", "algorithm_auth"),
                               ("enc", "algorithm_enc"), ("mac", "algorithm_mac")):
                r[cat] = "|".join(self.symbols(rec[field], cat, allow_any=False)) or "-"
            if self.legacy:
                r["version"] = self.ssl_bits(rec["algorithm_ssl"])
            else:
                r["version"] = self.version(rec["min_tls"], TLS_VERSIONS)
                for f in ("max_tls", "min_dtls", "max_dtls"):
                    if eval_int(rec[f], self.macros):
                        raise ExtractError("alias %s uses %s" % (r["alias"], f))
            r["strength"] = "|".join(self.flags(rec["algo_strength"])) or "-"
            for f in ("id", "algorithm2", "strength_bits", "alg_bits"):
                if eval_int(rec[f], self.macros):
                    raise ExtractError("alias %s uses %s" % (r["alias"], f))
            r["option"] = opt or "-"
            rows.append(r)
        return rows


def _balanced(s):
    depth = 0
    for c in s:
        depth += (c == "(") - (c == ")")
        if depth < 0:
            return False
    return depth == 0


# ---------------------------------------------------------------------------
# Output

CIPHER_COLS = ["name", "stdname", "id", "kx", "au", "enc", "mac", "min_tls",
               "max_tls", "min_dtls", "max_dtls", "strength", "handshake",
               "strength_bits", "alg_bits", "valid", "table", "option"]
ALIAS_COLS = ["alias", "kx", "au", "enc", "mac", "version", "strength", "option"]


def write_tsv(path, comments, cols, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for c in comments:
            f.write("# " + c + "\n")
        f.write("\t".join(cols) + "\n")
        for r in rows:
            vals = [str(r[c]) for c in cols]
            for v in vals:
                if "\t" in v or "\n" in v or v == "":
                    raise ExtractError("unwritable value %r" % v)
            f.write("\t".join(vals) + "\n")


# ---------------------------------------------------------------------------
# Oracle checks


def check_build(rel, oracle_dir):
    """Where build.txt lists the Configure run's disabled features, the
    table-relevant ones must be exactly those of our build description."""
    path = os.path.join(oracle_dir, "build.txt")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        for ln in f:
            if ln.startswith("features disabled by the configure run:"):
                recorded = {m.upper().replace("-", "_") for m in
                            re.findall(r"\bno-([\w-]+)\[", ln)}
                ours = {m[len("OPENSSL_NO_"):] for m in rel.build_no}
                if recorded & GUARD_FEATURES != ours & GUARD_FEATURES:
                    return ["build.txt disables %s, build description %s" % (
                        sorted(recorded & GUARD_FEATURES), sorted(ours & GUARD_FEATURES))]
    return []


def check_oracle(rel, rows, aliases, oracle_dir):
    errors = check_build(rel, oracle_dir)
    cat_path = os.path.join(oracle_dir, "catalog.tsv")
    with open(cat_path, encoding="utf-8") as f:
        lines = [ln.rstrip("\n").split("\t") for ln in f if ln.strip()]
    head, body = lines[0], lines[1:]
    orc = [dict(zip(head, ln)) for ln in body]
    ours = [r for r in rows if r["option"] == "-"]
    by_name = {}
    for r in ours:
        if r["name"] in by_name:
            errors.append("duplicate compiled name %s" % r["name"])
        by_name[r["name"]] = r
    onames = [o["name"] for o in orc]
    if sorted(onames) != sorted(by_name):
        errors.append("name sets differ: only oracle %s; only extracted %s" % (
            sorted(set(onames) - set(by_name)), sorted(set(by_name) - set(onames))))
    for o in orc:
        r = by_name.get(o["name"])
        if r is None:
            continue
        pre = "%s: " % o["name"]
        if not rel.has_stdname:
            pass  # informational only where the struct has no such field
        elif o["stdname"] != ("" if r["stdname"] == "-" else r["stdname"]):
            errors.append(pre + "stdname %r vs %r" % (r["stdname"], o["stdname"]))
        for k in ("id", "strength_bits", "alg_bits"):
            if o[k] != r[k]:
                errors.append(pre + "%s %s vs oracle %s" % (k, r[k], o[k]))
        if rel.legacy:
            want = {3: "TLSv1/SSLv3", 2: "SSLv2"}.get(r["_idnum"] >> 24, "unknown")
        else:
            want = GETVERSION[r["min_tls"]]
        if o["version"] != want:
            errors.append(pre + "version %s expected %s" % (o["version"], want))
        desc = o["description"].split()
        if desc[0] != o["name"]:
            errors.append(pre + "description does not start with the name")
        d = dict(x.split("=", 1) for x in desc[2:] if "=" in x)
        dver = DESC_VERSION.get(r["min_tls"], "?")
        if desc[1] != dver:
            errors.append(pre + "description version %s, expected %s" % (desc[1], dver))
        for key, col, table in (("Kx", "kx", DESC_KX), ("Au", "au", DESC_AU),
                                ("Enc", "enc", DESC_ENC), ("Mac", "mac", DESC_MAC)):
            exp = table.get(r[col])
            if exp is None:
                errors.append(pre + "no description mapping for %s=%s" % (col, r[col]))
            elif d.get(key) != exp:
                errors.append(pre + "%s=%s but %s=%s expected from %s" % (
                    key, d.get(key), key, exp, r[col]))
        if r["valid"] != "1" and o.get("reachable") == "all":
            errors.append(pre + "invalid entry is reachable")
    errors += check_aliases(rel, rows, aliases, orc, oracle_dir)
    return errors


def _field_match(pattern, have):
    if pattern == "-":
        return True
    have = set(have.split("|")) - {"-"}
    pats = pattern.split("|")
    if pats[0].startswith("~"):
        return bool(have - {p[1:] for p in pats})
    return bool(have & set(pats))


STRENGTH_CLASSES = [{"NOT_EXP", "EXPORT"},
                    {"STRONG_NONE", "EXP40", "EXP56", "LOW", "MEDIUM", "HIGH", "FIPS"},
                    {"NOT_DEFAULT"}]


def alias_selects(rel, a, r):
    for col in ("kx", "au", "enc", "mac"):
        if not _field_match(a[col], r[col]):
            return False
    if a["version"] != "-":
        if rel.legacy:
            if not set(a["version"].split("|")) & set(r["min_tls"].split("|")):
                return False
        elif a["version"] != r["min_tls"]:
            return False
    if a["strength"] != "-":
        want, have = set(a["strength"].split("|")), set(r["strength"].split("|"))
        for cls in STRENGTH_CLASSES:
            if want & cls and not (want & cls & have):
                return False
    return True


def check_aliases(rel, rows, aliases, orc, oracle_dir):
    """Each alias keyword alone must select exactly the available suites its
    fields match (order ignored; TLS 1.3 suites are prepended by the library
    and are not subject to cipher strings)."""
    errors = []
    path = os.path.join(oracle_dir, "aliases.jsonl")
    if not os.path.exists(path):
        return errors
    avail = {o["name"] for o in orc if o.get("reachable") == "all"}
    tls13 = {r["name"] for r in rows if r["table"] == "tls13"}
    by_name = {r["name"]: r for r in rows if r["option"] == "-"}
    compiled = [a for a in aliases if a["option"] == "-"]
    exact = {a["alias"]: a for a in compiled}
    folded = {}
    for a in compiled:
        folded.setdefault(a["alias"].lower(), a)
    case_insensitive = rel.release.startswith("openssl-4.")
    seen = set()
    with open(path, encoding="utf-8") as f:
        for ln in f:
            j = json.loads(ln)
            kw = j["alias"]
            if kw == "DEFAULT":
                continue
            a = exact.get(kw)
            if a is None and case_insensitive:
                if any(n.lower() == kw.lower() for n in by_name):
                    continue
                a = folded.get(kw.lower())
            if a is None:
                if j["ok"]:
                    errors.append("alias %s works in the oracle but is not in the table" % kw)
                continue
            seen.add(a["alias"])
            want = {n for n, r in by_name.items()
                    if n in avail and n not in tls13 and alias_selects(rel, a, r)}
            got = set(j["ciphers"]) - tls13 if j["ok"] else set()
            if want != got:
                errors.append("alias %s: extracted fields select %d suites, oracle %d "
                              "(only extracted %s; only oracle %s)" % (
                                  kw, len(want), len(got), sorted(want - got)[:5],
                                  sorted(got - want)[:5]))
    missing = [a["alias"] for a in compiled if a["alias"] not in seen]
    if missing and not case_insensitive:
        errors.append("aliases not exercised by the oracle: %s" % missing)
    return errors


# ---------------------------------------------------------------------------


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--git-dir", required=True)
    ap.add_argument("--tag", required=True)
    ap.add_argument("--release", required=True)
    ap.add_argument("--oracle")
    ap.add_argument("--out", required=True)
    ap.add_argument("--stdname-tag", default="OpenSSL_1_1_1w")
    args = ap.parse_args(argv)

    try:
        rel = Release(args.git_dir, args.tag, args.release)
        rows, counts = rel.cipher_tables()
        aliases = rel.alias_table()
        if not rel.has_stdname:
            later = Release(args.git_dir, args.stdname_tag, "openssl-1.1.1w")
            std = {}
            for r in later.cipher_tables()[0]:
                if r["stdname"] not in (None, "-"):
                    std.setdefault(r["_idnum"], r["stdname"])
            for r in rows:
                r["stdname"] = std.get(r["_idnum"], "-")
    except ExtractError as e:
        print("error: %s" % e, file=sys.stderr)
        return 2

    commit = git_commit(args.git_dir, args.tag)
    common = ["%s: extracted by scripts/extract-openssl-catalog.py from tag %s (commit %s)"
              % (args.release, args.tag, commit),
              "build: %s; option '-' = compiled in that build, otherwise the "
              "Configure option(s) that would compile the entry" % rel.build_desc]
    ccom = list(common)
    if not rel.has_stdname:
        ccom.append("stdname is informational here (this release has no such field): "
                    "IANA name of the same id in %s, '-' if none" % args.stdname_tag)
    if rel.legacy:
        ccom.append("min_tls holds the algorithm_ssl bits (TLSv1 shares the SSLv3 bit)")
    os.makedirs(args.out, exist_ok=True)
    write_tsv(os.path.join(args.out, "ciphers.tsv"), ccom, CIPHER_COLS, rows)
    write_tsv(os.path.join(args.out, "aliases.tsv"), common, ALIAS_COLS, aliases)

    n_def = sum(1 for r in rows if r["option"] == "-")
    print("%s: %d cipher rows (%d in build, %d option-only), %d aliases" % (
        args.release, len(rows), n_def, len(rows) - n_def, len(aliases)))
    for t, (tot, comp, never) in counts.items():
        print("  %s: %d entries, %d compiled, %d never compilable (dropped)%s" % (
            t, tot, comp, len(never), (": " + " ".join(never)) if never else ""))
    for sym, (cat, macro) in sorted(rel.added_symbols.items()):
        print("  added symbol %s (%s, from %s)" % (sym, cat, macro))

    if args.oracle:
        errors = check_oracle(rel, rows, aliases, args.oracle)
        for e in errors:
            print("MISMATCH: " + e, file=sys.stderr)
        if errors:
            print("%d mismatches against %s" % (len(errors), args.oracle), file=sys.stderr)
            return 1
        print("  oracle check passed (%s)" % args.oracle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
