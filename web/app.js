// SPDX-License-Identifier: Apache-2.0
// The page's state: the form, the URL fragment that reproduces it, and the calls into the
// module (cipherexplain_web.cpp). The fragment is the only state, so a link shows the view.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const protocols = ["", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
  const defaults = { s: "HIGH:!aNULL:!MD5", r: ["latest"] };
  let module = null;
  let releases = [];  // releases_json: oldest first

  // Fragment: s=STRING&r=3.0,1.1.1w&d=DETAIL&trace=1&legacy=1&level=2&cs=SUITES&min=&max=.
  // Read by hand rather than with URLSearchParams, which turns '+' (common in cipher strings)
  // into a space.
  function readFragment() {
    const out = {};
    const hash = location.hash.replace(/^#/, "");
    for (const part of hash.split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      const key = eq < 0 ? part : part.slice(0, eq);
      try {
        out[key] = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1));
      } catch (e) {
        out[key] = part.slice(eq + 1);  // a stray '%': keep the text as written
      }
    }
    return out;
  }

  // ':', '+', '!', '@', ',' and '=' are safe in a fragment: kept readable in shared links.
  function encode(text) {
    return encodeURIComponent(text).replace(/%(3A|2B|40|2C|3D)/g,
      (m, hex) => String.fromCharCode(parseInt(hex, 16)));
  }

  function writeFragment(state) {
    const parts = [`s=${encode(state.s)}`, `r=${state.r.join(",")}`];
    if (state.d) parts.push(`d=${state.d}`);
    if (state.trace) parts.push("trace=1");
    if (state.legacy) parts.push("legacy=1");
    if (state.level !== "") parts.push(`level=${state.level}`);
    if (state.cs !== null) parts.push(`cs=${encode(state.cs)}`);
    if (state.min) parts.push(`min=${state.min}`);
    if (state.max) parts.push(`max=${state.max}`);
    return "#" + parts.join("&");
  }

  // A release as the fragment names it: exact ("3.0.19"), a series ("3.0": its newest), or
  // "latest".
  function findRelease(name) {
    if (name === "latest") return releases[releases.length - 1];
    const exact = releases.find((r) => r.release === name);
    if (exact) return exact;
    const series = releases.filter((r) => r.series === name);
    return series.length > 0 ? series[series.length - 1] : null;
  }

  function stateFromFragment() {
    const f = readFragment();
    const unknown = [];
    const chosen = [];
    for (const name of (f.r !== undefined ? f.r.split(",") : defaults.r)) {
      if (name === "") continue;
      const r = findRelease(name);
      if (r === null) unknown.push(name);
      else if (!chosen.includes(r.release)) chosen.push(r.release);
    }
    if (chosen.length === 0 && unknown.length === 0) chosen.push(findRelease("latest").release);
    // Oldest first, as the checkboxes: the comparison reads left to right in time.
    const rank = (name) => releases.findIndex((x) => x.release === name);
    chosen.sort((a, b) => rank(a) - rank(b));
    const detail = f.d !== undefined && findRelease(f.d) ? findRelease(f.d).release : "";
    return {
      s: f.s !== undefined ? f.s : defaults.s,
      r: chosen, unknown, d: chosen.includes(detail) ? detail : "",
      trace: f.trace === "1", legacy: f.legacy === "1",
      level: /^[0-5]$/.test(f.level || "") ? f.level : "",
      cs: f.cs !== undefined ? f.cs : null,
      min: f.min || "", max: f.max || "",
    };
  }

  function stateFromForm() {
    const r = releases.filter((x) => $("rel-" + x.release).checked).map((x) => x.release);
    const d = $("detail-release").value;
    return {
      s: $("cipher-string").value, r, unknown: [], d: r.includes(d) ? d : "",
      trace: $("opt-trace").checked, legacy: $("opt-legacy").checked,
      level: $("opt-level").value,
      cs: $("opt-cs-set").checked ? $("opt-cs").value : null,
      min: $("opt-min").value, max: $("opt-max").value,
    };
  }

  function fillDetailChoice(chosen, detail) {
    const select = $("detail-release");
    select.replaceChildren(...chosen.map((name) => new Option(name, name)));
    select.value = detail || chosen[chosen.length - 1] || "";
  }

  function showForm(state) {
    $("cipher-string").value = state.s;
    for (const r of releases) $("rel-" + r.release).checked = state.r.includes(r.release);
    fillDetailChoice(state.r, state.d);
    $("opt-trace").checked = state.trace;
    $("opt-legacy").checked = state.legacy;
    $("opt-level").value = state.level;
    $("opt-cs-set").checked = state.cs !== null;
    $("opt-cs").value = state.cs !== null ? state.cs : "";
    $("opt-cs").disabled = state.cs === null;
    $("opt-min").value = protocols.includes(state.min) ? state.min : "";
    $("opt-max").value = protocols.includes(state.max) ? state.max : "";
  }

  function call(name, types, args) {
    const text = module.ccall(name, "string", types, args);
    const doc = JSON.parse(text);
    if (doc.error) throw new Error(doc.error);
    return doc;
  }

  function render(state) {
    $("error").hidden = true;
    $("detail").hidden = true;
    $("comparison-box").hidden = true;
    $("trace-box").hidden = true;
    const known = releases.map((r) => r.release).join(", ");
    const problems = state.unknown.map((n) =>
      `unknown release '${n}': name one of ${known}, a series such as 3.0, or latest`);
    const flags = (state.trace ? 1 : 0) | (state.legacy ? 2 : 0);
    const level = state.level === "" ? -1 : Number(state.level);
    const detailRelease = state.d || state.r[state.r.length - 1];
    // As in the comparison, an option applies where the release has it, and the page says
    // where it does not, rather than refusing the whole view.
    const notes = [];
    const has = (name, option) => {
      const r = findRelease(name);
      return r !== null && r.build_options.split(", ").includes(option);
    };
    let detailFlags = flags;
    let detailLevel = level;
    if (state.legacy && !has(detailRelease, "legacy-provider")) {
      detailFlags &= ~2;
      notes.push(`${detailRelease} has no legacy provider (3.0+)`);
    }
    if (level >= 0 && !has(detailRelease, "security-level")) {
      detailLevel = -1;
      notes.push(`${detailRelease} has no security levels (1.1.0+)`);
    }
    try {
      if (problems.length > 0) throw new Error(problems.join("; "));
      if (state.r.length === 0) throw new Error("choose a release");
      const doc = call("ce_evaluate_json",
        ["string", "string", "string", "string", "string", "number", "number"],
        [detailRelease, state.s, state.cs, state.min, state.max, detailFlags, detailLevel]);
      CipherexplainRender.detail(doc, state.trace);
      if (state.r.length > 1) {
        CipherexplainRender.comparison(call("ce_compare_json",
          ["string", "string", "number", "number"], [state.r.join(","), state.s, flags, level]));
      }
      $("status").textContent = `Evaluated on ${state.r.length} release${state.r.length > 1 ? "s" : ""}.`
        + (notes.length > 0 ? ` Not applied: ${notes.join("; ")}.` : "");
    } catch (e) {
      CipherexplainRender.error(e.message);
      $("status").textContent = "Could not evaluate.";
    }
    $("share").href = writeFragment(state);
    document.body.dataset.ready = "1";
  }

  function buildForm() {
    const box = $("releases");
    box.replaceChildren();
    for (const r of releases) {
      const input = document.createElement("input");
      input.type = "checkbox";
      input.id = "rel-" + r.release;
      input.value = r.release;
      const label = document.createElement("label");
      label.className = "check";
      label.title = `${r.build}; default security level ${r.security_level}`;
      label.append(input, " " + r.release);
      box.append(label);
    }
    for (const id of ["opt-min", "opt-max"]) {
      $(id).replaceChildren(...protocols.map((p) => new Option(p === "" ? "not set" : p, p)));
    }
  }

  // Submitting writes the fragment; the hashchange then renders, so Back replays views.
  function submit(event) {
    if (event) event.preventDefault();
    const state = stateFromForm();
    const hash = writeFragment(state);
    if (location.hash === hash) render(state);
    else location.hash = hash;
  }

  function start(m) {
    module = m;
    releases = call("ce_releases_json", [], []);
    buildForm();
    $("query").addEventListener("submit", submit);
    $("opt-cs-set").addEventListener("change", () => {
      $("opt-cs").disabled = !$("opt-cs-set").checked;
    });
    $("releases").addEventListener("change", () => {
      const chosen = releases.filter((x) => $("rel-" + x.release).checked).map((x) => x.release);
      fillDetailChoice(chosen, $("detail-release").value);
    });
    $("cipher-string").addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey) submit(e);  // a cipher string is one line
    });
    window.addEventListener("hashchange", () => {
      const state = stateFromFragment();
      showForm(state);
      render(state);
    });
    const state = stateFromFragment();
    showForm(state);
    render(state);
  }

  createCipherexplain().then(start, (e) => {
    $("status").textContent = "The library could not be loaded.";
    CipherexplainRender.error("the WebAssembly module could not be loaded: " + e);
    document.body.dataset.ready = "failed";
  });
})();
