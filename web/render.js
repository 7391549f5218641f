// SPDX-License-Identifier: Apache-2.0
// Turns the library's JSON documents (docs/json-output.md) into the page's DOM. Text goes in
// through textContent only: a cipher string is user input and must never become markup.
"use strict";

const CipherexplainRender = (() => {
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null) continue;
      node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
    }
    return node;
  }

  // Offsets in the documents count UTF-8 bytes; the page indexes UTF-16 code units.
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  function charIndex(input, byteOffset) {
    const bytes = encoder.encode(input);
    return decoder.decode(bytes.subarray(0, Math.min(byteOffset, bytes.length))).length;
  }

  // One display column per code unit, so the caret line lines up under any input.
  function printable(text) {
    return text.replace(/[\t\r\n\v\f]/g, " ").replace(/[\u0000-\u001f\u007f]/g, "\u00b7");
  }

  // The string (a window around the span when it is long) and a ^~~~ line under the span.
  const context = 48;
  function caretLines(input, offset, length) {
    const start = charIndex(input, offset);
    const end = Math.max(start, charIndex(input, offset + length));
    const from = Math.max(0, start - context);
    const to = Math.min(input.length, end + context);
    const lead = from > 0 ? "\u2026" : "";
    const line = lead + printable(input.slice(from, to)) + (to < input.length ? "\u2026" : "");
    const pad = " ".repeat(lead.length + start - from);
    const marks = "^" + "~".repeat(Math.max(0, end - start - 1));
    return { line, caret: pad + marks, column: start };
  }

  function findingNode(input, d) {
    const lines = caretLines(input, d.offset, d.length);
    return el("div", { class: "finding " + d.severity, "data-code": d.code,
                       "data-offset": d.offset, "data-length": d.length,
                       "data-column": lines.column },
      el("div", { class: "finding-head" },
        el("span", { class: "badge " + d.severity }, d.severity),
        el("span", { class: "message" }, d.message),
        el("code", { class: "code" }, d.code)),
      // No text to point into (a preset's or a protocol range's finding): no caret line.
      input === "" ? null : el("pre", { class: "caret" },
        el("span", { class: "caret-text" }, lines.line), "\n",
        el("span", { class: "caret-marks" }, lines.caret)),
      d.suggestion ? el("div", { class: "suggestion" }, "Suggestion: ",
                        el("code", {}, d.suggestion)) : null);
  }

  function findingsNode(input, diagnostics, omitted) {
    const box = el("div", {});
    if (diagnostics.length === 0) box.append(el("p", { class: "none" }, "No findings."));
    for (const d of diagnostics) box.append(findingNode(input, d));
    for (const [code, count] of Object.entries(omitted || {}))
      box.append(el("p", { class: "hint" }, `${count} more ${code} findings not shown.`));
    return box;
  }

  function ratingChip(rating) {
    return el("span", { class: "rating " + rating }, rating);
  }

  function suitesTable(table, ciphers) {
    table.replaceChildren(el("thead", {}, el("tr", {},
      ["#", "Suite", "IANA name", "Protocol", "Kx", "Au", "Enc", "Mac", "Bits", "Rating",
       "Usable"].map((h) => el("th", {}, h)))));
    const body = el("tbody", {});
    ciphers.forEach((c, i) => {
      body.append(el("tr", { class: "suite" + (c.usable ? "" : " unusable"), "data-name": c.name },
        el("td", { class: "num" }, i + 1),
        el("td", { class: "name" }, c.name),
        el("td", { class: "iana" }, c.iana === c.name ? "" : c.iana),
        el("td", {}, c.protocol), el("td", {}, c.kx), el("td", {}, c.au),
        el("td", {}, c.enc), el("td", {}, c.mac), el("td", { class: "num" }, c.bits),
        el("td", { title: (c.weaknesses || []).join(", ") }, ratingChip(c.rating)),
        el("td", { class: "usable" }, c.usable ? "yes" : "no: " + c.unusable_reason)));
    });
    if (ciphers.length === 0)
      body.append(el("tr", {}, el("td", { colspan: 11, class: "none" }, "No suites.")));
    table.append(body);
  }

  function names(list) {
    return list.length === 0 ? "\u2014" : list.join(" ");
  }

  function traceTable(table, input, steps, omitted) {
    table.replaceChildren(el("thead", {}, el("tr", {},
      ["#", "Rule", "Outcome", "Matched", "Added", "Removed (-)", "Killed (!)", "Moved",
       "List size"].map((h) => el("th", {}, h)))));
    const body = el("tbody", {});
    steps.forEach((s, i) => {
      body.append(el("tr", { class: "step " + s.outcome, "data-outcome": s.outcome },
        el("td", { class: "num" }, i + 1),
        el("td", { class: "rule" }, el("code", {}, s.kind === "rule" ? s.text : s.kind + ": " + s.text)),
        el("td", {}, s.outcome), el("td", { class: "num" }, s.matched),
        el("td", { class: "list" }, names(s.added)), el("td", { class: "list" }, names(s.removed)),
        el("td", { class: "list" }, names(s.killed)), el("td", { class: "list" }, names(s.moved)),
        el("td", { class: "num" }, s.list_size)));
    });
    table.append(body);
    if (omitted > 0)
      table.append(el("caption", {}, `${omitted} later steps not shown.`));
  }

  function configurationNode(input, config) {
    if (!config) return el("div", {});
    const cs = config.ciphersuites;
    const rows = [
      ["Cipher list accepted", config.list_ok ? "yes" : "no"],
      ["TLS 1.3 ciphersuites", cs === null ? "not set"
        : `${cs.ok ? "accepted" : "rejected"} (${cs.failure}): ${names(cs.listed)}`],
      ["Protocol range set", `${config.min_protocol || "no minimum"} \u2026 ${config.max_protocol || "no maximum"}`],
      ["Usable protocols", config.protocols.lowest === null ? `none (${config.protocols.problem})`
        : `${config.protocols.lowest} \u2026 ${config.protocols.highest}`],
      ["Security level", config.security_level],
      ["Supported suites", config.supported === null ? "none (SSL_get1_supported_ciphers: NULL)"
        : names(config.supported)],
    ];
    const box = el("div", { class: "configuration" }, el("h3", {}, "Configuration"),
      el("table", { class: "facts" }, el("tbody", {},
        rows.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, String(v)))))));
    if (config.diagnostics.length > 0) {
      // Offsets of the ciphersuites findings are into that string; the others have none.
      const text = cs ? cs.input : "";
      for (const d of config.diagnostics) box.append(findingNode(text, d));
    }
    return box;
  }

  function detail(doc, trace) {
    const verdict = doc.ok ? `accepted, verdict ${doc.verdict}` : `rejected (${doc.failure})`;
    document.getElementById("detail-title").textContent = `OpenSSL ${doc.openssl}: ${verdict}`;
    const summary = document.getElementById("detail-summary");
    summary.replaceChildren(
      el("span", { class: "verdict " + (doc.ok ? doc.verdict : "rejected"), id: "verdict" },
         doc.ok ? doc.verdict : "rejected"),
      ` ${doc.ciphers.length} suites listed, ${doc.ciphers.filter((c) => c.usable).length} usable;`
        + ` security level ${doc.security_level}; ${doc.options}.`);
    document.getElementById("configuration").replaceChildren(
      configurationNode(doc.input, doc.configuration));
    document.getElementById("findings").replaceChildren(
      findingsNode(doc.input, doc.diagnostics, doc.diagnostics_omitted));
    suitesTable(document.getElementById("suites"), doc.ciphers);
    const traceBox = document.getElementById("trace-box");
    traceBox.hidden = !trace;
    if (trace) traceTable(document.getElementById("trace"), doc.input, doc.steps || [],
                          doc.steps_omitted || 0);
    document.getElementById("detail").hidden = false;
  }

  function findingCounts(diagnostics) {
    const counts = {};
    for (const d of diagnostics) counts[d.severity] = (counts[d.severity] || 0) + 1;
    const parts = ["error", "warning", "note"].filter((k) => counts[k])
      .map((k) => `${counts[k]} ${k}${counts[k] > 1 ? "s" : ""}`);
    return parts.length > 0 ? parts.join(", ") : "none";
  }

  function comparison(doc) {
    const releases = doc.releases;
    const order = [];
    const seen = new Set();
    for (const r of releases) for (const n of r.ciphers) if (!seen.has(n)) { seen.add(n); order.push(n); }
    const table = document.getElementById("comparison");
    table.replaceChildren(el("thead", {},
      el("tr", {}, el("th", {}, "Suite"), releases.map((r) => el("th", { class: "num" }, r.openssl))),
      el("tr", { class: "outcome" }, el("th", {}, "Result"), releases.map((r) =>
        el("td", { class: r.ok ? "ok" : "rejected" },
           r.ok ? `${r.ciphers.length} suites` : `rejected (${r.failure})`))),
      el("tr", { class: "outcome" }, el("th", {}, "Findings"), releases.map((r) =>
        el("td", { title: r.diagnostics.map((d) => d.message).join("\n") },
           findingCounts(r.diagnostics))))));
    const body = el("tbody", {});
    for (const n of order) {
      body.append(el("tr", { class: "cmp", "data-name": n }, el("td", { class: "name" }, n),
        releases.map((r) => {
          const at = r.ciphers.indexOf(n);
          return el("td", { class: "num" + (at < 0 ? " absent" : "") }, at < 0 ? "" : at + 1);
        })));
    }
    table.append(body);
    const changes = document.getElementById("changes");
    changes.replaceChildren(...doc.changes.map((c) => el("li", {},
      `${c.from} \u2192 ${c.to}: `,
      c.added.length + c.removed.length + c.moved.length === 0 ? "the same list"
        : `${c.added.length} added, ${c.removed.length} removed, ${c.moved.length} moved`)));
    document.getElementById("comparison-box").hidden = false;
  }

  // preset show's document (docs/json-output.md, "Presets"): what the software calls and what
  // that leaves on the release; the list itself is the detailed view's.
  function preset(doc) {
    const on = doc.stands_in_for ? `OpenSSL ${doc.openssl}, standing in for the bundled `
      + doc.stands_in_for : `OpenSSL ${doc.openssl}`;
    document.getElementById("preset-title").textContent = `Preset ${doc.preset}: ${on}`;
    document.getElementById("preset-summary").replaceChildren(
      el("span", { class: "verdict " + (doc.ok ? "secure" : "rejected") }, doc.ok ? "ok" : "fails"),
      ` ${doc.description} (${doc.versions} of the data)` + (doc.failure ? `: ${doc.failure}` : ""));
    const set = doc.settings;
    const bound = (v) => v === null ? "no bound" : v;
    const rows = [
      ["Cipher string calls", set.cipher_calls.length === 0 ? "none (the library default)"
        : set.cipher_calls.join("  \u2192  ")],
      ["TLS 1.3 ciphersuites set", set.ciphersuites === null ? "not set" : set.ciphersuites],
      ["Options set", set.options === null ? "none" : set.options],
      ["SSL_CTX_get_options", `${doc.options} = ${names(doc.option_names)}`],
      ["Protocol range", `${bound(doc.min_protocol)} \u2026 ${bound(doc.max_protocol)}`],
      ["Usable protocols", names(doc.usable_protocols)],
      ["Security level", doc.security_level === null ? "none (before 1.1.0)" : doc.security_level],
      ["Server preference", set.server_preference ? "yes" : "no"],
      ["Suites", `${doc.ciphers.length} listed, ${doc.usable.length} usable`],
    ];
    if (doc.call) rows.splice(0, 0, ["Python context", `${doc.context}: ${doc.call}`]);
    if (set.method !== undefined)
      rows.push(["Verification", `${set.verify_mode}, check_hostname ${set.check_hostname}`]);
    rows.push(["Source", doc.source]);
    if (doc.notes) rows.push(["Notes", doc.notes]);
    const table = document.getElementById("preset-facts");
    table.replaceChildren(el("tbody", {}, rows.map(([k, v]) =>
      el("tr", {}, el("th", {}, k), el("td", { class: k === "Source" ? "list" : null }, String(v))))));
    table.dataset.ciphers = doc.ciphers.join(":");
    // The preset's own findings (options a release ignores, a failing call) have no place in
    // a string; the cipher string's are the detailed view's.
    document.getElementById("preset-findings").replaceChildren(
      ...doc.diagnostics.map((d) => findingNode("", d)));
    document.getElementById("preset-box").hidden = false;
  }

  function error(message) {
    const box = document.getElementById("error");
    box.replaceChildren(el("strong", {}, "Error: "), el("span", { id: "error-message" }, message));
    box.hidden = false;
  }

  return { detail, comparison, preset, error };
})();
