// SPDX-License-Identifier: Apache-2.0
// Cipher, Diagnostic, Release and SystemOpenSSL, and the lookups that return them: releases(),
// system_openssl(), convert(), diagnostic_codes().

#include "bindings.hpp"

#include <cipherexplain/rating.hpp>
#include <cipherexplain/suite_lookup.hpp>

#include <pybind11/stl.h>

#include <cstdio>

namespace cipherexplain::python {

namespace {

std::string repr_of(const suite_view& v) {
  std::string out = "<Cipher " + std::string(v.suite->name) + " " + id_hex(*v.suite);
  if (v.judged) out += v.unusable ? " unusable" : " usable";
  return out + ">";
}

py::list weaknesses(const cipher& suite) {
  py::list out;
  for (const weakness w : rate(suite).reasons) out.append(py::str(std::string(weakness_name(w))));
  return out;
}

void bind_cipher(py::module_& m) {
  py::class_<suite_view>(m, "Cipher",
                         "A cipher suite of one release's table, as `openssl ciphers -v` shows it, "
                         "with its rating and, in a judged list, whether a connection can use it.")
      .def_property_readonly(
          "name", [](const suite_view& v) { return v.suite->name; },
          "OpenSSL's name, e.g. ECDHE-RSA-AES128-GCM-SHA256")
      .def_property_readonly(
          "iana",
          [](const suite_view& v) -> std::optional<std::string_view> {
            if (v.suite->stdname.empty()) return std::nullopt;
            return v.suite->stdname;
          },
          "the IANA (RFC) name, or None where the release has none")
      .def_property_readonly(
          "id", [](const suite_view& v) { return v.suite->id; },
          "SSL_CIPHER_get_id(): 0x0300XXXX, XXXX the code point (as ssl's get_ciphers() 'id')")
      .def_property_readonly(
          "code_point", [](const suite_view& v) { return v.suite->code_point(); },
          "the two-byte code point, e.g. 0xC02F")
      .def_property_readonly(
          "hex", [](const suite_view& v) { return id_hex(*v.suite); },
          "the code point as text, e.g. '0xC02F'")
      .def_property_readonly(
          "protocol", [](const suite_view& v) { return protocol_name(*v.suite); },
          "the protocol column of `openssl ciphers -v`: 'TLSv1.3', 'TLSv1.2', 'TLSv1', 'SSLv3'")
      .def_property_readonly("kx", [](const suite_view& v) { return kx_name(*v.suite); })
      .def_property_readonly("au", [](const suite_view& v) { return au_name(*v.suite); })
      .def_property_readonly("enc", [](const suite_view& v) { return enc_name(*v.suite); })
      .def_property_readonly("mac", [](const suite_view& v) { return mac_name(*v.suite); })
      .def_property_readonly(
          "bits", [](const suite_view& v) { return static_cast<int>(v.suite->strength_bits); },
          "strength bits (SSL_CIPHER_get_bits)")
      .def_property_readonly(
          "alg_bits", [](const suite_view& v) { return static_cast<int>(v.suite->alg_bits); })
      .def_property_readonly(
          "rating", [](const suite_view& v) { return rating_name(rate(*v.suite).level); },
          "'recommended', 'secure', 'weak' or 'insecure' (docs/ratings.md)")
      .def_property_readonly(
          "weaknesses", [](const suite_view& v) { return weaknesses(*v.suite); },
          "what lowers the rating, strongest reason first")
      .def_property_readonly(
          "usable",
          [](const suite_view& v) -> std::optional<bool> {
            if (!v.judged) return std::nullopt;
            return !v.unusable;
          },
          "whether a client connection can use it (security level, protocol range, PSK/SRP "
          "set-up); None where the suite was not judged in a list")
      .def_property_readonly(
          "unusable_reason",
          [](const suite_view& v) -> std::optional<std::string_view> {
            if (!v.unusable) return std::nullopt;
            return reason_text(*v.unusable);
          },
          "why it is not usable, or None")
      .def("__repr__", &repr_of)
      .def("__eq__",
           [](const suite_view& a, const suite_view& b) {
             return a.suite == b.suite && a.judged == b.judged && a.unusable == b.unusable;
           })
      .def("__hash__", [](const suite_view& v) { return std::hash<const void*>{}(v.suite); });
}

void bind_diagnostic(py::module_& m) {
  py::class_<diagnostic_view>(m, "Diagnostic",
                              "A finding: what OpenSSL rejects or silently ignores, and where.")
      .def_property_readonly(
          "code", [](const diagnostic_view& d) { return code_name(d.finding.code); },
          "stable kebab-case name, e.g. 'unknown-name'")
      .def_property_readonly(
          "severity", [](const diagnostic_view& d) { return severity_name(d.finding.severity); },
          "'error' (OpenSSL rejects the string), 'warning' or 'note'")
      .def_property_readonly(
          "offset", [](const diagnostic_view& d) { return d.finding.offset; },
          "byte offset into the UTF-8 input")
      .def_property_readonly(
          "length", [](const diagnostic_view& d) { return d.finding.length; }, "bytes")
      .def_property_readonly(
          "message", [](const diagnostic_view& d) { return text_result(d.finding.message); })
      .def_property_readonly(
          "suggestion",
          [](const diagnostic_view& d) -> std::optional<py::str> {
            if (d.finding.suggestion.empty()) return std::nullopt;
            return text_result(d.finding.suggestion);
          },
          "what to write instead, or None")
      .def_property_readonly(
          "text", [](const diagnostic_view& d) { return text_result(d.text); },
          "the input text the finding is about")
      .def_property_readonly(
          "help", [](const diagnostic_view& d) { return code_info(d.finding.code).help; },
          "what the code means and what to do")
      .def("__repr__", [](const diagnostic_view& d) {
        return "<Diagnostic " + std::string(severity_name(d.finding.severity)) + " " +
               std::string(code_name(d.finding.code)) + " at " + std::to_string(d.finding.offset) +
               ">";
      });
}

struct release_view {
  const catalog* release = nullptr;
};

void bind_release(py::module_& m) {
  py::class_<release_view>(m, "Release", "An OpenSSL release compiled into the library.")
      .def_property_readonly("name", [](const release_view& r) { return r.release->release(); })
      .def_property_readonly("series", [](const release_view& r) { return r.release->series(); })
      .def_property_readonly(
          "build", [](const release_view& r) { return r.release->build(); },
          "which build the recordings describe (e.g. a Debian package) and what sets it apart")
      .def_property_readonly(
          "default_cipher_list",
          [](const release_view& r) { return r.release->default_cipher_list(); },
          "what DEFAULT stands for")
      .def_property_readonly(
          "default_security_level",
          [](const release_view& r) -> std::optional<int> {
            if (r.release->default_security_level() < 0) return std::nullopt;
            return r.release->default_security_level();
          },
          "a fresh context's security level; None before 1.1.0")
      .def_property_readonly(
          "tls13_default",
          [](const release_view& r) {
            std::vector<std::string_view> names;
            for (const cipher* s : r.release->tls13_default()) names.push_back(s->name);
            return names;
          },
          "the TLS 1.3 suites a fresh context offers (empty before 1.1.1)")
      .def_property_readonly(
          "build_options",
          [](const release_view& r) { return available_build_options(*r.release); },
          "the build options evaluate() takes for it, e.g. 'legacy-provider, security-level'")
      .def("__repr__", [](const release_view& r) {
        return "<Release " + std::string(r.release->release()) + ">";
      });
}

void bind_system(py::module_& m) {
  py::class_<system_openssl>(m, "SystemOpenSSL",
                             "The libcrypto of this system and the release standing in for it.")
      .def_readonly("version_text", &system_openssl::version_text)
      .def_readonly("release", &system_openssl::release)
      .def_readonly("series", &system_openssl::series)
      .def_property_readonly(
          "stand_in",
          [](const system_openssl& s) -> std::optional<release_view> {
            if (!s.stand_in) return std::nullopt;
            return release_view{s.stand_in};
          },
          "the recorded release that answers for it, or None")
      .def_readonly("exact", &system_openssl::exact, "the stand-in is the system's own release")
      .def("__repr__", [](const system_openssl& s) { return "<SystemOpenSSL " + s.release + ">"; });
}

}  // namespace

void bind_suites(py::module_& m) {
  bind_cipher(m);
  bind_diagnostic(m);
  bind_release(m);
  bind_system(m);

  m.def(
      "releases",
      [] {
        std::vector<release_view> out;
        for (const catalog* c : catalog::all()) out.push_back({c});
        return out;
      },
      "Every release compiled in, oldest first.");
  m.def(
      "release", [](const std::string& name) { return release_view{&release_named(name)}; },
      py::arg("name"),
      "A release by name: '3.0.19', a series ('3.0': its newest), 'latest' or 'system'. "
      "Raises UnknownReleaseError.");
  m.def(
      "system_openssl", []() -> std::optional<system_openssl> { return catalog::system().found; },
      "The OpenSSL the library was built against, as its libcrypto reports itself, or None when "
      "none can be loaded.");
  m.def(
      "convert",
      [](const py::object& name, const std::string& openssl) {
        const std::string text = text_argument(name, "name");
        const catalog& release = release_named(openssl);
        if (const cipher* s = find_suite(release, text)) return suite_view{s, false, {}};
        std::string message = "'" + text.substr(0, 80) + "' is not a suite of OpenSSL " +
                              std::string(release.release());
        const code_point_parse cp = parse_code_point(text);
        if (cp.looks_like_one && !cp.value)
          message += " (not a code point: " + cp.error + " at byte " +
                     std::to_string(cp.error_offset) + ")";
        const auto near = nearest_suite_names(release, text);
        for (std::size_t i = 0; i < near.size(); ++i)
          message +=
              (i == 0 ? "; did you mean " : ", ") + std::string("'") + std::string(near[i]) + "'";
        if (!near.empty()) message += "?";
        throw unknown_name(message);
      },
      py::arg("name"), py::arg("openssl") = "3.0",
      "A suite by OpenSSL name, IANA name (any case) or code point ('0xC02F', '0xC0,0x2F'). "
      "Raises UnknownNameError, with the nearest names.");
  m.def(
      "diagnostic_codes",
      [] {
        py::list out;
        for (const diagnostic_code_info& info : diagnostic_codes())
          out.append(py::make_tuple(info.name, severity_name(info.severity), info.summary));
        return out;
      },
      "Every diagnostic code as (name, severity, summary), in order of value.");
}

}  // namespace cipherexplain::python
