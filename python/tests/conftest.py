# SPDX-License-Identifier: Apache-2.0
"""Shared by the package's tests: where the corpus is (the tests read the project's corpus/,
recorded from real OpenSSL builds, never ../shared), and its lines as bytes."""

import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def corpus_lines(path=CORPUS / "corpus.txt"):
    """Each line as bytes (only \\n ends one), exactly as the recordings read them."""
    data = path.read_bytes()
    lines = data.split(b"\n")
    return lines[:-1] if data.endswith(b"\n") else lines


def jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def recorded_releases(folder=CORPUS, prefix="openssl-"):
    return sorted(p.name[len(prefix):] for p in folder.glob(prefix + "*") if p.is_dir())


@pytest.fixture(scope="session")
def corpus():
    return corpus_lines()
