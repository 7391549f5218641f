#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Fetch real libssl builds from Debian's archive for the differential tests.

usage: fetch-debian-libssl.py CACHE_DIR

Downloads, with a private apt configuration (its own source list, package lists and cache under
CACHE_DIR; the system's apt setup is read, never changed), the libssl of:

    1.1  bullseye      libssl1.1
    3.5  trixie        libssl3t64, openssl-provider-legacy, libc6 (its loader: 3.5+ needs glibc >= 2.38)
    3.6  sid           libssl3t64, openssl-provider-legacy, libc6
    4.0  experimental  libssl4, openssl-provider-legacy (when experimental has it), libc6 from sid

from the Debian mirror the machine's own apt sources name, unpacks each into CACHE_DIR/root/<suite>
and writes CACHE_DIR/manifest.tsv for the tests (one line per build: suite, libcrypto, libssl,
modules directory, loader, library path, package versions; '-' where none).

Exit status: 0 done (or already done), 77 the archive cannot be reached (the tests report
skipped), 1 anything else.
"""
import glob
import os
import re
import shutil
import subprocess
import sys

TARGETS = [
    # suite, libssl package, want legacy provider, libc6 suite (None = the system's C library)
    ('bullseye', 'libssl1.1', False, None),
    ('trixie', 'libssl3t64', True, 'trixie'),
    ('sid', 'libssl3t64', True, 'sid'),
    ('experimental', 'libssl4', True, 'sid'),
]
UNREACHABLE = 77


def system_mirror():
    """The Debian archive URI of the machine's apt sources (deb822 or one-line format)."""
    candidates = []
    for path in sorted(glob.glob('/etc/apt/sources.list.d/*.sources')):
        for block in open(path, encoding='utf-8', errors='replace').read().split('\n\n'):
            fields = {}
            for line in block.splitlines():
                if line.startswith('#') or ':' not in line:
                    continue
                key, value = line.split(':', 1)
                fields[key.strip().lower()] = value.strip()
            if fields.get('enabled', 'yes').lower() == 'no' or 'deb' not in fields.get('types', '').split():
                continue
            suites = fields.get('suites', '').split()
            for uri in fields.get('uris', '').split():
                candidates.append((uri, suites))
    for path in ['/etc/apt/sources.list'] + sorted(glob.glob('/etc/apt/sources.list.d/*.list')):
        if not os.path.exists(path):
            continue
        for line in open(path, encoding='utf-8', errors='replace'):
            m = re.match(r'\s*deb\s+(\[[^\]]*\]\s+)?(\S+)\s+(\S+)', line)
            if m:
                candidates.append((m.group(2), [m.group(3)]))
    # The main archive serves a plain release suite (not -security, not -updates).
    for uri, suites in candidates:
        if any(not re.search(r'-(security|updates|backports)$', s) for s in suites) and 'security' not in uri:
            if 'debian' in uri:
                return uri.rstrip('/')
    return None


def apt_options(cache):
    """apt-get options that keep every file apt touches under CACHE_DIR/apt."""
    state = os.path.join(cache, 'apt')
    return [
        '-o', f'Dir::Etc::SourceList={state}/sources.list',
        '-o', 'Dir::Etc::SourceParts=-',
        '-o', f'Dir::Etc::Preferences={state}/preferences',
        '-o', 'Dir::Etc::PreferencesParts=-',
        '-o', f'Dir::State={state}/state',
        '-o', f'Dir::State::Lists={state}/lists',
        '-o', f'Dir::State::status={state}/status',
        '-o', f'Dir::Cache={state}/cache',
        '-o', 'APT::Architecture=amd64',
        '-o', 'Acquire::Retries=2',
        '-o', 'Debug::NoLocking=1',
    ]


def apt(cache, *args, cwd=None):
    return subprocess.run(['apt-get', '-q'] + apt_options(cache) + list(args), capture_output=True, text=True,
                          cwd=cwd)


def main(argv):
    if len(argv) != 1 or argv[0] in ('-h', '--help'):
        print(__doc__)
        return 2
    cache = os.path.abspath(argv[0])
    manifest = os.path.join(cache, 'manifest.tsv')
    if os.path.exists(manifest):
        print(f'fetch-debian-libssl: already fetched ({manifest})')
        return 0
    mirror = system_mirror()
    if mirror is None:
        print('fetch-debian-libssl: no Debian mirror in the apt sources of this machine')
        return UNREACHABLE
    state = os.path.join(cache, 'apt')
    for d in ('state', 'lists/partial', 'cache/archives/partial'):
        os.makedirs(os.path.join(state, d), exist_ok=True)
    open(os.path.join(state, 'status'), 'w').close()
    open(os.path.join(state, 'preferences'), 'w').close()
    keyring = '/usr/share/keyrings/debian-archive-keyring.gpg'
    with open(os.path.join(state, 'sources.list'), 'w') as f:
        for suite in sorted({t[0] for t in TARGETS} | {t[3] for t in TARGETS if t[3]}):
            f.write(f'deb [signed-by={keyring}] {mirror} {suite} main\n')
    update = apt(cache, 'update')
    if update.returncode != 0 or 'Err:' in update.stdout:
        print(f'fetch-debian-libssl: cannot reach {mirror}:\n{update.stdout}{update.stderr}')
        shutil.rmtree(state, ignore_errors=True)
        return UNREACHABLE

    debs = os.path.join(cache, 'debs')
    os.makedirs(debs, exist_ok=True)

    def download(package, suite):
        if apt(cache, 'download', f'{package}/{suite}', cwd=debs).returncode != 0:
            return None
        found = sorted(glob.glob(os.path.join(debs, f'{package}_*.deb')), key=os.path.getmtime)
        return found[-1] if found else None

    lines = []
    for suite, package, want_legacy, libc_suite in TARGETS:
        root = os.path.join(cache, 'root', suite)
        shutil.rmtree(root, ignore_errors=True)
        os.makedirs(root)
        versions = []
        deb = download(package, suite)
        if deb is None:
            print(f'fetch-debian-libssl: {package} is not in {suite}; skipping that build')
            continue
        for pkg in [deb] + ([download('openssl-provider-legacy', suite)] if want_legacy else []):
            if pkg is None:
                continue
            subprocess.run(['dpkg-deb', '-x', pkg, root], check=True)
            versions.append(os.path.basename(pkg))
            os.remove(pkg)
        loader, library_path = '-', '-'
        libdir = os.path.join(root, 'usr/lib/x86_64-linux-gnu')
        if libc_suite:
            libc_root = os.path.join(cache, 'root', f'libc6-{libc_suite}')
            if not os.path.isdir(libc_root):
                libc = download('libc6', libc_suite)
                if libc is None:
                    print(f'fetch-debian-libssl: no libc6 in {libc_suite}; skipping {suite}')
                    continue
                subprocess.run(['dpkg-deb', '-x', libc, libc_root], check=True)
                os.remove(libc)
            versions.append(f'libc6 from {libc_suite}')
            loader = os.path.join(libc_root, 'usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2')
            library_path = f'{libdir}:{os.path.join(libc_root, "usr/lib/x86_64-linux-gnu")}'
        libssl = sorted(glob.glob(os.path.join(libdir, 'libssl.so.*')))
        libcrypto = sorted(glob.glob(os.path.join(libdir, 'libcrypto.so.*')))
        if not libssl or not libcrypto:
            print(f'fetch-debian-libssl: {package} from {suite} holds no libssl/libcrypto; skipping it')
            continue
        modules = os.path.join(libdir, 'ossl-modules')
        lines.append('\t'.join([suite, libcrypto[0], libssl[0], modules if os.path.isdir(modules) else '-',
                                loader, library_path, ' '.join(versions)]))
        print(f'fetch-debian-libssl: {suite}: {" ".join(versions)}')
    with open(manifest + '.tmp', 'w') as f:
        f.write('# suite\tlibcrypto\tlibssl\tmodules\tloader\tlibrary_path\tpackages\n')
        f.write(''.join(line + '\n' for line in lines))
    os.replace(manifest + '.tmp', manifest)
    return 0



if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as e:
        print(f'fetch-debian-libssl: {e}')
        sys.exit(1)
