#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Copy the recorded OpenSSL behaviour the tests need from the oracle into corpus/.

usage: refresh-corpus.py ORACLE_DIR [RELEASE ...]
  ORACLE_DIR  a folder laid out like ../shared/oracle (corpus.txt, openssl-<release>/...)
  RELEASE     folder names such as openssl-3.0.19; default: every openssl-* folder that has a
              catalog under catalogs/

Writes corpus/corpus.txt and, per release, corpus/<release>/ with results.jsonl (input, ok,
ciphers: the exact shape `cipherexplain batch` prints), supported.jsonl (1.1.0+: one
{"supported": [...]} per corpus line, what SSL_get1_supported_ciphers kept), state.jsonl,
catalog.tsv, aliases.jsonl and build.txt.
"""
import json
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(argv):
    if not argv or argv[0] in ('-h', '--help'):
        print(__doc__)
        return 2
    oracle, releases = argv[0], argv[1:]
    if not releases:
        releases = sorted(d for d in os.listdir(os.path.join(ROOT, 'catalogs')) if d.startswith('openssl-'))
    out_root = os.path.join(ROOT, 'corpus')
    shutil.copyfile(os.path.join(oracle, 'corpus.txt'), os.path.join(out_root, 'corpus.txt'))
    for release in releases:
        src = os.path.join(oracle, release)
        dst = os.path.join(out_root, release)
        os.makedirs(dst, exist_ok=True)
        # Cut the text rather than re-encode it, so every line keeps the oracle's own escaping
        # and `cipherexplain batch` output can be compared with it byte for byte.
        with open(os.path.join(src, 'results.jsonl'), 'rb') as f, open(os.path.join(dst, 'results.jsonl'), 'wb') as g:
            for line in f:
                record = json.loads(line.decode('utf-8', 'surrogateescape'))
                cut = line.rindex(b', "supported": ') if 'supported' in record else len(line.rstrip(b'\n')) - 1
                slim = line[:cut] + b'}\n'
                assert json.loads(slim.decode('utf-8', 'surrogateescape')) == {
                    'input': record['input'], 'ok': record['ok'], 'ciphers': record['ciphers']}
                g.write(slim)
        # What SSL_get1_supported_ciphers kept of each accepted list, line by line (1.1.0+).
        supported_lines = []
        with open(os.path.join(src, 'results.jsonl'), encoding='utf-8', errors='surrogateescape') as f:
            for line in f:
                record = json.loads(line)
                if 'supported' in record:
                    supported_lines.append(json.dumps({'supported': record['supported']}) + '\n')
        if supported_lines:
            with open(os.path.join(dst, 'supported.jsonl'), 'w', encoding='utf-8') as g:
                g.writelines(supported_lines)
        for name in ('state.jsonl', 'catalog.tsv', 'aliases.jsonl', 'build.txt'):
            shutil.copyfile(os.path.join(src, name), os.path.join(dst, name))
        print(f'{release}: copied')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
