# SPDX-License-Identifier: Apache-2.0
"""lint() and lint_text(): configuration files read as the server reads them, findings placed
at file:line:column."""

import json

import pytest

import cipherexplain as c
from conftest import ROOT

NGINX = ROOT / "tests" / "configs" / "hand-made" / "nginx"


def position(path, needle):
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def test_a_file_tree_is_linted_with_its_includes():
    main = NGINX / "etc" / "nginx" / "nginx.conf"
    report = c.lint(str(main), root=str(NGINX), openssl=["3.0", "1.1.1"])
    assert report.releases == ["3.0.19", "1.1.1w"]
    assert len(report.files) > 1 and report.units >= 1
    line, column = position(main, "NOPE")
    found = [f for f in report.findings if f.code == "unknown-name" and f.line == line]
    assert found and found[0].column == column and found[0].file.endswith("nginx.conf")
    assert report.worst_severity in ("warning", "error")
    doc = json.loads(report.json())
    assert len(doc["findings"]) == len(report.findings)
    sarif = json.loads(report.sarif(base=str(ROOT)))
    assert sarif["version"] == "2.1.0"


def test_text_in_memory_and_paths_as_pathlike():
    report = c.lint_text("ssl_ciphers HIGH:SHA512;\nssl_protocols TLSv1 TLSv1.2;\n", "nginx",
                         name="site.conf")
    codes = {(f.line, f.code) for f in report.findings}
    assert (1, "unknown-name") in codes and all(f.file == "site.conf" for f in report.findings
                                                if f.file)
    assert c.lint(NGINX / "etc" / "nginx" / "nginx.conf", root=str(NGINX)).findings


def test_unreadable_files_and_bad_arguments():
    report = c.lint("/nonexistent/nginx.conf", format="nginx")
    assert report.errors and "No such file" in report.errors[0].message
    with pytest.raises(c.ConfigurationError, match="unknown configuration format 'nope'; known: nginx"):
        c.lint_text("x", "nope")
    with pytest.raises(c.UnknownNameError):
        c.lint_text("ssl_ciphers HIGH;", "nginx", policy="no-such-profile")
