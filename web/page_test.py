#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The page in a real browser (ctest web_page): serves WEB_DIR on a free local port, loads
views by their URL fragment in headless Chromium, checks the DOM the page rendered, and saves
a screenshot (WEB_DIR/web-page.png, a test artifact).

    page_test.py [--chromium PATH] [--corpus DIR] [--screenshot PNG] WEB_DIR

The expected suites come from the corpus (lists recorded from real OpenSSL builds), never
from the page. Chromium's exit status is 0 even when the page fails, so only the DOM and the
console lines on its stderr count. Exit status 77 (a ctest skip): no Chromium found.
"""
import argparse
import functools
import html.parser
import http.server
import json
import os
import pathlib
import shutil
import struct
import subprocess
import sys
import tempfile
import threading

SKIP = 77
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.parts = [], []

    def text(self):
        return "".join(p if isinstance(p, str) else p.text() for p in self.parts)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def find_all(self, tag=None, cls=None, **attrs):
        for n in self.walk():
            if tag and n.tag != tag:
                continue
            if cls and cls not in n.attrs.get("class", "").split():
                continue
            if all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                yield n

    def by_id(self, ident):
        return next(self.find_all(id=ident), None)


class Dom(html.parser.HTMLParser):
    """The dumped DOM as a tree: enough to find elements by id/class and read their text."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.open = self.root
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.open)
        self.open.children.append(node)
        self.open.parts.append(node)
        if tag not in VOID:
            self.open = node

    def handle_endtag(self, tag):
        n = self.open
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.open = n.parent

    def handle_data(self, data):
        self.open.parts.append(data)


class Failures:
    def __init__(self):
        self.count = 0

    def check(self, ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        self.count += 0 if ok else 1
        return ok


def find_chromium(given):
    candidates = [given] if given and not given.endswith("-NOTFOUND") else []
    candidates += ["chromium-headless-shell", "chromium", "chromium-browser"]
    for c in candidates:
        path = shutil.which(c) or (c if os.path.isfile(c) and os.access(c, os.X_OK) else None)
        if path:
            return path
    return None


# Served by the test only (never shipped): drives the form of index.html in a same-origin
# frame as a person would, then reports what the page did.
HARNESS = b"""<!DOCTYPE html><html><body><pre id="out">pending</pre>
<iframe id="f" src="index.html#s=HIGH&r=3.0" width="1200" height="800"></iframe><script>
const f = document.getElementById("f");
f.onload = () => {
  const d = f.contentDocument, $ = (id) => d.getElementById(id);
  const t = setInterval(() => {
    if (d.body.dataset.ready !== "1") return;
    clearInterval(t);
    $("cipher-string").value = "ECDHE+AESGCM:FOO";
    $("rel-1.1.1w").checked = true;
    $("releases").dispatchEvent(new Event("change"));
    $("opt-trace").checked = true;
    $("opt-cs-set").checked = true;
    $("opt-cs-set").dispatchEvent(new Event("change"));
    $("opt-cs").value = "TLS_AES_128_GCM_SHA256";
    $("evaluate").click();
    setTimeout(() => {
      document.getElementById("out").textContent = JSON.stringify({
        hash: f.contentWindow.location.hash, share: $("share").getAttribute("href"),
        first: d.querySelector("#suites tr.suite").dataset.name,
        comparison: !$("comparison-box").hidden,
        steps: d.querySelectorAll("#trace tr.step").length});
    }, 500);
  }, 50);
};
</script></body></html>"""


def serve(root, requested):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            requested.append(self.path)
            if self.path != "/test-harness.html":
                return super().do_GET()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(HARNESS)))
            self.end_headers()
            self.wfile.write(HARNESS)
            return None

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Browser:
    def __init__(self, binary, base, profile, failures):
        self.binary, self.base, self.profile, self.failures = binary, base, profile, failures

    def run(self, fragment, *extra, page="index.html"):
        args = [self.binary, "--no-sandbox", "--disable-gpu", "--no-first-run",
                f"--user-data-dir={self.profile}", "--virtual-time-budget=10000", *extra,
                self.base + page + fragment]
        if "headless-shell" not in os.path.basename(self.binary):
            args.insert(1, "--headless")
        done = subprocess.run(args, capture_output=True, text=True, timeout=120)
        console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
        bad = [line for line in console if "Uncaught" in line or "Aborted(" in line]
        self.failures.check(not bad, f"no uncaught error or abort in the console for {fragment}"
                            + ("".join("\n       " + b for b in bad)))
        return done.stdout

    def view(self, fragment):
        dom = Dom(self.run(fragment, "--dump-dom")).root
        body = next(dom.find_all("body"), None)
        ready = body is not None and body.attrs.get("data-ready") == "1"
        self.failures.check(ready, f"the page finished rendering {fragment}")
        return dom


def recorded(corpus, release, string):
    with open(corpus / f"openssl-{release}" / "results.jsonl", encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            if entry["input"] == string:
                return entry
    raise SystemExit(f"{corpus}/openssl-{release}/results.jsonl has no {string!r}")


def shown(section):
    return section is not None and section.attrs.get("hidden") is None


def suites_listed(dom):
    table = dom.by_id("suites")
    return [] if table is None else [r.attrs["data-name"] for r in table.find_all("tr", "suite")]


def check_known_list(browser, fail, corpus):
    # A string whose list OpenSSL 3.0.19 recorded; "3.0" names that series' newest release.
    string = "ECDH+AESGCM:DH+AESGCM:!aNULL"
    expected = recorded(corpus, "3.0.19", string)
    dom = browser.view("#s=" + string + "&r=3.0")
    title = dom.by_id("detail-title")
    fail.check(title is not None and title.text().startswith("OpenSSL 3.0.19: accepted"),
               f"the detailed view is of 3.0.19 and accepted: {title.text() if title else None!r}")
    got = suites_listed(dom)
    fail.check(got == expected["ciphers"],
               f"{string!r} on 3.0.19 lists the {len(expected['ciphers'])} recorded suites in "
               f"order (page: {len(got)})")
    rows = list(dom.by_id("suites").find_all("tr", "suite")) if dom.by_id("suites") else []
    rated = all(next(r.find_all("span", "rating"), None) is not None for r in rows)
    usable = all(next(r.find_all("td", "usable"), None) is not None for r in rows)
    fail.check(bool(rows) and rated and usable, "every suite has a rating and a usability")
    fail.check(not shown(dom.by_id("comparison-box")), "one release: no comparison table")


def check_finding(browser, fail):
    string = "HIGH:!aNULL:ECDHE-RSA-AES128-GCM-SHA265"  # a typo: SHA265 for SHA256
    word = "ECDHE-RSA-AES128-GCM-SHA265"
    dom = browser.view("#s=" + string + "&r=3.0&trace=1")
    findings = list(dom.find_all("div", "finding", data_code="unknown-name"))
    if not fail.check(len(findings) == 1, f"one unknown-name finding for {string!r}"):
        return
    f = findings[0]
    offset = string.encode().index(word.encode())
    fail.check(f.attrs.get("data-offset") == str(offset)
               and f.attrs.get("data-length") == str(len(word)),
               f"the finding spans the word: offset {offset}, length {len(word)} "
               f"(page: {f.attrs.get('data-offset')}, {f.attrs.get('data-length')})")
    line = next(f.find_all("span", "caret-text")).text()
    marks = next(f.find_all("span", "caret-marks")).text()
    fail.check(marks.strip() == "^" + "~" * (len(word) - 1) and marks.index("^") == line.index(word),
               f"the caret line is under the word:\n       {line}\n       {marks}")
    fail.check("ECDHE-RSA-AES128-GCM-SHA256" in f.text(),
               "the finding suggests the name meant")
    trace = dom.by_id("trace-box")
    steps = list(dom.by_id("trace").find_all("tr", "step")) if dom.by_id("trace") else []
    fail.check(shown(trace) and [s.attrs.get("data-outcome") for s in steps]
               == ["applied", "applied", "unknown-name"],
               f"the trace has the three rules, the last an unknown name "
               f"({[s.attrs.get('data-outcome') for s in steps]})")


def check_comparison(browser, fail, corpus):
    string = "DEFAULT"
    dom = browser.view("#s=" + string + "&r=3.0,1.0.2")
    box = dom.by_id("comparison-box")
    if not fail.check(shown(box), "two releases: the comparison table is shown"):
        return
    table = dom.by_id("comparison")
    first_row = next(next(table.find_all("thead")).find_all("tr"))
    heads = [th.text() for th in first_row.find_all("th")][1:]
    fail.check(heads == ["1.0.2u", "3.0.19"], f"its columns are 1.0.2u and 3.0.19, oldest first "
               f"({heads})")
    rows = list(table.find_all("tr", "cmp"))
    for column, release in enumerate(["1.0.2u", "3.0.19"]):
        placed = []
        for r in rows:
            cell = [c for c in r.children if c.tag == "td"][column + 1].text()
            if cell:
                placed.append((int(cell), r.attrs["data-name"]))
        got = [name for _, name in sorted(placed)]
        expected = recorded(corpus, release, string)["ciphers"]
        fail.check(got == expected, f"the {release} column places the {len(expected)} recorded "
                   f"suites of {string!r} in order (page: {len(got)})")
    fail.check(len(list(dom.by_id("changes").find_all("li"))) == 1, "one change line between them")


def check_configuration(browser, fail):
    dom = browser.view("#s=ECDHE+AESGCM&r=3.0&cs=TLS_CHACHA20_POLY1305_SHA256&min=TLSv1.2")
    config = dom.by_id("configuration")
    text = config.text() if config else ""
    fail.check("Usable protocols" in text and "TLSv1.2" in text,
               "a configuration shows its protocol range")
    got = suites_listed(dom)
    fail.check(got[:1] == ["TLS_CHACHA20_POLY1305_SHA256"],
               f"the ciphersuites head the list ({got[:2]})")


def check_errors(browser, fail):
    for fragment, needle in [("#s=HIGH&r=9.9", "unknown release '9.9'"),
                             ("#s=HIGH&r=3.0&min=TLSv9", "'TLSv9' is not a protocol version")]:
        dom = browser.view(fragment)
        box = dom.by_id("error")
        text = box.text() if box is not None else ""
        fail.check(shown(box) and needle in text, f"{fragment} shows the error: {text!r}")
        fail.check(not shown(dom.by_id("detail")), f"{fragment} shows no result")
    dom = browser.view("#s=HIGH&r=1.0.2&legacy=1&level=3")
    status = dom.by_id("status")
    fail.check(shown(dom.by_id("detail")) and status is not None
               and "no legacy provider" in status.text() and "no security levels" in status.text(),
               f"options a release lacks are left out and named ({status.text() if status else None!r})")
    dom = browser.view("#s=HIGH:@SECLEVEL=9&r=3.0")
    title = dom.by_id("detail-title")
    fail.check(title is not None and "rejected" in title.text()
               and next(dom.find_all("div", "finding", data_code="bad-security-level"), None)
               is not None, "a string OpenSSL rejects says so, with its error finding")


def check_form(browser, fail):
    dom = Dom(browser.run("", "--dump-dom", page="test-harness.html")).root
    out = dom.by_id("out")
    try:
        got = json.loads(out.text()) if out is not None else {}
    except ValueError:
        got = {}
    want = "#s=ECDHE+AESGCM:FOO&r=1.1.1w,3.0.19&d=3.0.19&trace=1&cs=TLS_AES_128_GCM_SHA256"
    fail.check(got.get("hash") == want and got.get("share") == want,
               f"the form writes its state to the fragment and the link ({got.get('hash')!r})")
    fail.check(got.get("first") == "TLS_AES_128_GCM_SHA256" and got.get("comparison") is True
               and got.get("steps") == 2,
               f"submitting the form renders the new view ({got})")


# tests/preset_test.cpp's mapping from the recorded calls to the presets' contexts.
# (This interpreter's contexts all list the same suites; create_default_context() stands for them.)
PYTHON_CONTEXTS = {"create_default_context()": "client"}


def check_presets(browser, fail, corpus, requested):
    del requested[:]
    browser.view("#s=HIGH&r=3.0")
    fail.check(not any(p.startswith("/presets/") for p in requested),
               "a view without a preset fetches no preset data")
    # Debian's python3 3.11.2 on OpenSSL 3.0.19, recorded (corpus/python/README.md).
    recorded_python = json.loads((corpus / "python" / "python-debian-3.11.2.json").read_text())
    for call, context in PYTHON_CONTEXTS.items():
        expected = recorded_python["contexts"][call]
        del requested[:]
        dom = browser.view(f"#p=python-debian-3.11.2&ctx={context}&r=3.0.19")
        if context == "client":
            fail.check({"/presets/index.json", "/presets/python.tsv",
                        "/presets/profiles/mozilla.tsv"} <= set(requested),
                       "a preset view fetches presets/ from the page's own directory")
        got = suites_listed(dom)
        fail.check(got == expected["ciphers"],
                   f"python-debian-3.11.2 ({call}) on 3.0.19 lists the {len(expected['ciphers'])} "
                   f"suites the interpreter reported, in order (page: {len(got)})")
        facts = dom.by_id("preset-facts")
        text = facts.text() if facts is not None else ""
        fail.check(shown(dom.by_id("preset-box")) and f"{expected['options']} =" in text
                   and f"Security level{expected['security_level']}" in text,
                   f"its options integer {expected['options']} and security level "
                   f"{expected['security_level']} are shown")
        fail.check(facts is not None and facts.attrs.get("data-ciphers", "").split(":") == got,
                   "the preset's own list and the detailed view's agree")
    rows = list(dom.by_id("suites").find_all("tr", "suite")) if dom.by_id("suites") else []
    fail.check(bool(rows) and all(next(r.find_all("span", "rating"), None) for r in rows),
               "the preset's suites are rated")
    dom = browser.view("#s=ECDHE+AESGCM&p=python-debian-3.11.2&mine=1&r=3.0")
    got = suites_listed(dom)
    fail.check(bool(got) and got[0].startswith("TLS_")
               and all(n.startswith("TLS_") or "ECDHE" in n for n in got),
               f"'mine=1' evaluates the form's string in the preset's configuration ({got[:4]})")
    dom = browser.view("#p=mozilla-intermediate-5.8&r=3.0")
    title = dom.by_id("preset-title")
    fail.check(title is not None and "mozilla-intermediate-5.8" in title.text()
               and bool(suites_listed(dom)), "a Mozilla guideline renders")
    dom = browser.view("#p=nosuchsoftware-1.0&r=3.0")
    box = dom.by_id("error")
    fail.check(shown(box) and "unknown preset" in box.text(),
               f"an unknown preset is an error ({box.text() if box else None!r})")


def check_screenshot(browser, fail, path):
    path.unlink(missing_ok=True)
    browser.run("#s=HIGH&r=1.1.1,3.0&p=python-debian-3.11.2&ctx=client",
                "--hide-scrollbars", "--window-size=1280,1700", f"--screenshot={path}")
    data = path.read_bytes() if path.is_file() else b""
    png = data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24]) if png else (0, 0)
    fail.check(png and (width, height) == (1280, 1700) and len(data) > 30000,
               f"screenshot {path}: PNG {width}x{height}, {len(data):,} bytes")
    print(f"screenshot: {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("web_dir", type=pathlib.Path)
    parser.add_argument("--chromium", help="the browser binary (default: found on PATH)")
    parser.add_argument("--corpus", type=pathlib.Path,
                        default=pathlib.Path(__file__).resolve().parent.parent / "corpus")
    parser.add_argument("--screenshot", type=pathlib.Path)
    args = parser.parse_args()
    chromium = find_chromium(args.chromium)
    if chromium is None:
        print("SKIP: no headless Chromium found (Debian: apt-get install chromium-headless-shell)")
        return SKIP
    if not (args.web_dir / "cipherexplain.wasm").is_file():
        print(f"FAIL: {args.web_dir} has no cipherexplain.wasm (build the web target first)")
        return 1
    print(f"browser: {chromium}")
    fail = Failures()
    requested = []
    server = serve(args.web_dir, requested)
    try:
        with tempfile.TemporaryDirectory(prefix="cipherexplain-chromium-") as profile:
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            browser = Browser(chromium, base, profile, fail)
            check_known_list(browser, fail, args.corpus)
            check_finding(browser, fail)
            check_comparison(browser, fail, args.corpus)
            check_configuration(browser, fail)
            check_errors(browser, fail)
            check_form(browser, fail)
            check_presets(browser, fail, args.corpus, requested)
            check_screenshot(browser, fail, args.screenshot or args.web_dir / "web-page.png")
    finally:
        server.shutdown()
    print(f"{fail.count} check(s) failed" if fail.count else "all checks passed")
    return 1 if fail.count else 0


if __name__ == "__main__":
    sys.exit(main())
