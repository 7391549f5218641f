#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Fetch real servers from Debian 12 (bookworm) for the `servers` tests.

usage: fetch-debian-servers.py CACHE_DIR

Downloads, with a private apt configuration (its own source list, package lists and cache
under CACHE_DIR/apt; the system's apt setup and dpkg status are read, never changed), the .debs
of the servers whose check and dump modes the tests run (docs/research/server-dump-modes.md):

    nginx apache2-bin haproxy postfix dovecot-core lighttpd lighttpd-mod-openssl
    mariadb-server-core postgresql-15 stunnel4 openvpn

plus the libraries they need that this machine does not have (what `apt-get install -s` of
them against a copy of the machine's dpkg status would install, libraries only: no
maintainer-script helpers, no Perl, not the LLVM that only PostgreSQL's JIT loads). Each .deb
is unpacked with `dpkg-deb -x` into CACHE_DIR/root: nothing is installed, nothing needs root.

Writes CACHE_DIR/servers.tsv for the tests, one line per program:
    name, path of the binary, library path, package version, missing libraries ('-' if none)
where the missing libraries are what `ldd` still cannot find (the tests skip that server and
say so).

Exit status: 0 done (or already done), 77 the archive cannot be reached (the tests report
skipped), 1 anything else.
"""
import glob
import importlib.util
import os
import re
import shutil
import subprocess
import sys

SUITE = 'bookworm'
# name, package, binary inside the package (what the tests run), libraries it loads itself
PROGRAMS = [
    ('nginx', 'nginx', 'usr/sbin/nginx', []),
    ('apache2', 'apache2-bin', 'usr/sbin/apache2',
     ['usr/lib/apache2/modules/mod_ssl.so', 'usr/lib/apache2/modules/mod_info.so',
      'usr/lib/apache2/modules/mod_mpm_event.so']),
    ('haproxy', 'haproxy', 'usr/sbin/haproxy', []),
    ('postconf', 'postfix', 'usr/sbin/postconf', []),
    ('doveconf', 'dovecot-core', 'usr/bin/doveconf', []),
    ('lighttpd', 'lighttpd', 'usr/sbin/lighttpd', []),
    ('lighttpd-mod-openssl', 'lighttpd-mod-openssl', 'usr/lib/lighttpd/mod_openssl.so', []),
    ('mariadbd', 'mariadb-server-core', 'usr/sbin/mariadbd', []),
    ('postgres', 'postgresql-15', 'usr/lib/postgresql/15/bin/postgres', []),
    ('stunnel', 'stunnel4', 'usr/bin/stunnel4', []),
    ('openvpn', 'openvpn', 'usr/sbin/openvpn', []),
]
# Dependencies the check modes never load (PostgreSQL's JIT) or that are not libraries.
SKIPPED = re.compile(r'^libllvm|-perl$|^libclang')
LIBRARY_DIRS = ['usr/lib/x86_64-linux-gnu', 'lib/x86_64-linux-gnu', 'usr/lib/postfix',
                'usr/lib/dovecot', 'usr/lib/x86_64-linux-gnu/mariadb19']
UNREACHABLE = 77


def libssl_script():
    """scripts/fetch-debian-libssl.py, whose mirror and apt helpers are shared."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fetch-debian-libssl.py')
    spec = importlib.util.spec_from_file_location('fetch_debian_libssl', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv):
    if len(argv) != 1 or argv[0] in ('-h', '--help'):
        print(__doc__)
        return 2
    cache = os.path.abspath(argv[0])
    table = os.path.join(cache, 'servers.tsv')
    if os.path.exists(table):
        print(f'fetch-debian-servers: already fetched ({table})')
        return 0
    shared = libssl_script()
    mirror = shared.system_mirror()
    if mirror is None:
        print('fetch-debian-servers: no Debian mirror in the apt sources of this machine')
        return UNREACHABLE
    state = os.path.join(cache, 'apt')
    for d in ('state', 'lists/partial', 'cache/archives/partial'):
        os.makedirs(os.path.join(state, d), exist_ok=True)
    # The machine's dpkg status, copied: apt then lists only what this machine lacks.
    status = os.path.join(state, 'status')
    if os.path.exists('/var/lib/dpkg/status'):
        shutil.copyfile('/var/lib/dpkg/status', status)
    else:
        open(status, 'w').close()
    open(os.path.join(state, 'preferences'), 'w').close()
    keyring = '/usr/share/keyrings/debian-archive-keyring.gpg'
    with open(os.path.join(state, 'sources.list'), 'w') as f:
        f.write(f'deb [signed-by={keyring}] {mirror} {SUITE} main\n')
    update = shared.apt(cache, 'update')
    if update.returncode != 0 or 'Err:' in update.stdout:
        print(f'fetch-debian-servers: cannot reach {mirror}:\n{update.stdout}{update.stderr}')
        shutil.rmtree(state, ignore_errors=True)
        return UNREACHABLE

    packages = [p[1] for p in PROGRAMS]
    simulated = shared.apt(cache, '-s', 'install', '--no-install-recommends', *packages)
    if simulated.returncode != 0:
        print(f'fetch-debian-servers: apt cannot resolve the servers:\n{simulated.stdout}{simulated.stderr}')
        return 1
    wanted = list(packages)
    for line in simulated.stdout.splitlines():
        # "Inst NAME (VERSION ...)" installs; "Inst NAME [OLD] (NEW ...)" upgrades what the
        # machine has, which is kept.
        m = re.match(r'Inst (\S+) (\[[^\]]*\] )?\(', line)
        if m and not m.group(2) and m.group(1).startswith('lib') and not SKIPPED.search(m.group(1)):
            wanted.append(m.group(1).split(':')[0])

    debs = os.path.join(cache, 'debs')
    root = os.path.join(cache, 'root')
    shutil.rmtree(debs, ignore_errors=True)
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(debs)
    os.makedirs(root)
    download = shared.apt(cache, 'download', *[f'{p}/{SUITE}' for p in wanted], cwd=debs)
    if download.returncode != 0:
        print(f'fetch-debian-servers: download failed:\n{download.stdout}{download.stderr}')
        return UNREACHABLE if 'Err:' in download.stdout or 'Failed to fetch' in download.stderr else 1
    versions = {}
    for deb in sorted(glob.glob(os.path.join(debs, '*.deb'))):
        subprocess.run(['dpkg-deb', '-x', deb, root], check=True)
        name, version = os.path.basename(deb).split('_')[:2]
        versions[name] = version.replace('%3a', ':')
    print(f'fetch-debian-servers: unpacked {len(versions)} packages: {" ".join(sorted(versions))}')
    shutil.rmtree(debs)

    library_path = ':'.join(os.path.join(root, d) for d in LIBRARY_DIRS)
    env = dict(os.environ, LD_LIBRARY_PATH=library_path)
    lines = []
    for name, package, binary, modules in PROGRAMS:
        path = os.path.join(root, binary)
        missing = set()
        if not os.path.exists(path):
            missing.add(f'{binary} (not in {package})')
        for file in [binary] + modules:
            if not os.path.exists(os.path.join(root, file)):
                continue
            ldd = subprocess.run(['ldd', os.path.join(root, file)], capture_output=True, text=True, env=env)
            missing.update(m.group(1) for m in re.finditer(r'^\s*(\S+) => not found', ldd.stdout, re.M))
        lines.append('\t'.join([name, path, library_path, versions.get(package, '-'),
                                ','.join(sorted(missing)) or '-']))
        print(f'fetch-debian-servers: {name} {versions.get(package, "-")}'
              + (f' MISSING {",".join(sorted(missing))}' if missing else ''))
    with open(table + '.tmp', 'w') as f:
        f.write('# name\tbinary\tlibrary_path\tversion\tmissing\n')
        f.write(''.join(line + '\n' for line in lines))
    os.replace(table + '.tmp', table)
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as e:
        print(f'fetch-debian-servers: {e}')
        sys.exit(1)
