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
  // The preset list (preset_list_json) once the files are in the module; null before. The
  // files (presets/, ~600 KB) are fetched only when the preset part is used, so the first
  // view costs the module alone.
  let presetList = null;
  let presetLoading = null;
  // Python's contexts, in the library's order (python_contexts()); "" is create_default_context().
  const pythonContexts = ["sslcontext", "client", "server", "tls-client", "tls-server", "unverified"];

  // Fragment: s=STRING&r=3.0,1.1.1w&d=DETAIL&trace=1&legacy=1&level=2&cs=SUITES&min=&max=
  // &p=PRESET&ctx=CONTEXT&mine=1.
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
    if (state.p) parts.push(`p=${encode(state.p)}`);
    if (state.p && state.ctx) parts.push(`ctx=${encode(state.ctx)}`);
    if (state.p && state.mine) parts.push("mine=1");
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
      p: f.p || "", ctx: f.ctx || "", mine: f.mine === "1",
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
      p: $("preset").value.trim(), ctx: $("preset-context").value, mine: $("preset-mine").checked,
    };
  }

  // Python's contexts for a python-* name, else the family's variants (from the list).
  function fillContextChoice(name, chosen) {
    const lowered = name.toLowerCase();
    let variants = [];
    if (lowered.startsWith("python")) variants = pythonContexts;
    else if (presetList) {
      const family = presetList.families.filter((f) => lowered.startsWith(f.family))
        .sort((a, b) => b.family.length - a.family.length)[0];
      if (family) variants = family.variants;
    }
    const select = $("preset-context");
    select.replaceChildren(new Option("default", ""), ...variants.map((v) => new Option(v, v)));
    if (chosen && !variants.includes(chosen)) select.append(new Option(chosen, chosen));
    select.value = chosen || "";
  }

  function fillPresetNames() {
    const list = $("preset-names");
    list.replaceChildren();
    for (const f of presetList.families) {
      for (const p of f.presets) {
        const option = new Option(p.name);
        option.label = `${f.title}: ${p.versions}`;
        list.append(option);
      }
    }
  }

  // Fetches presets/ (same directory) once and hands it to the module (ce_stage_preset_file,
  // ce_provide_presets): the library takes the data once, before its first preset call.
  function loadPresets() {
    if (presetLoading) return presetLoading;
    $("status").textContent = "Loading the presets…";
    const text = (path) => fetch(path).then((r) => {
      if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
      return r.text();
    });
    presetLoading = text("presets/index.json").then((index) => {
      const names = JSON.parse(index).files;
      return Promise.all(names.map((n) => text("presets/" + n))).then((texts) => {
        names.forEach((n, i) => call("ce_stage_preset_file", ["string", "string"], [n, texts[i]]));
        call("ce_provide_presets", [], []);
        presetList = call("ce_preset_list_json", [], []);
        fillPresetNames();
        fillContextChoice($("preset").value, $("preset-context").value);
      });
    });
    presetLoading.catch(() => { presetLoading = null; });  // a failed fetch may be retried
    return presetLoading;
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
    $("preset").value = state.p;
    fillContextChoice(state.p, state.ctx);
    $("preset-mine").checked = state.mine;
  }

  function call(name, types, args) {
    const text = module.ccall(name, "string", types, args);
    const doc = JSON.parse(text);
    if (doc.error) throw new Error(doc.error);
    return doc;
  }

  function render(state) {
    if (state.p && presetList === null) {
      loadPresets().then(() => render(state), (e) => {
        CipherexplainRender.error("the presets could not be loaded: " + e.message);
        $("status").textContent = "Could not load the presets.";
        document.body.dataset.ready = "1";
      });
      return;
    }
    $("error").hidden = true;
    $("preset-box").hidden = true;
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
      let doc;
      let compared = state.s;
      if (state.p) {
        // The preset's configuration on the detailed view's release: its own calls, options,
        // protocol range and level; the form's configuration options do not apply.
        const shown = call("ce_preset_json",
          ["string", "string", "string", "string", "number"],
          [state.p, state.ctx, detailRelease, state.mine ? state.s : null, detailFlags]);
        CipherexplainRender.preset(shown.preset);
        doc = shown.evaluation;
        compared = doc.input;
        if (state.cs !== null || state.min || state.max || level >= 0)
          notes.push("the preset sets its own ciphersuites, protocol range and security level");
      } else {
        doc = call("ce_evaluate_json",
          ["string", "string", "string", "string", "string", "number", "number"],
          [detailRelease, state.s, state.cs, state.min, state.max, detailFlags, detailLevel]);
      }
      CipherexplainRender.detail(doc, state.trace);
      if (state.r.length > 1) {
        CipherexplainRender.comparison(call("ce_compare_json",
          ["string", "string", "number", "number"], [state.r.join(","), compared, flags, level]));
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
    // The preset part loads its data when first used, not with the page.
    $("preset").addEventListener("focus", () => { loadPresets().catch(() => {}); });
    $("preset").addEventListener("change", () => fillContextChoice($("preset").value, ""));
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
