// SPDX-License-Identifier: Apache-2.0
// Handshake, HandshakeFailure and negotiate(): which protocol and suite a client and a server
// (each a configuration on its own release) agree on, or why they fail.

#include "bindings.hpp"

#include <cipherexplain/json.hpp>
#include <cipherexplain/negotiation.hpp>
#include <cipherexplain/preset.hpp>

#include <pybind11/stl.h>

#include <memory>

namespace cipherexplain::python {

namespace {

// The Python name of each cause: the enumerator, kebab-cased (stable, like the code names).
std::string_view cause_name(failure_cause c) {
  switch (c) {
    case failure_cause::not_configurable:
      return "not-configurable";
    case failure_cause::cipher_list_rejected:
      return "cipher-list-rejected";
    case failure_cause::ciphersuites_rejected:
      return "ciphersuites-rejected";
    case failure_cause::groups_rejected:
      return "groups-rejected";
    case failure_cause::certificate_too_small:
      return "certificate-too-small";
    case failure_cause::no_protocols:
      return "no-protocols";
    case failure_cause::protocol_range_invalid:
      return "protocol-range-invalid";
    case failure_cause::no_ciphers:
      return "no-ciphers";
    case failure_cause::no_groups:
      return "no-groups";
    case failure_cause::no_key_share:
      return "no-key-share";
    case failure_cause::unsupported_protocol:
      return "unsupported-protocol";
    case failure_cause::no_shared_cipher:
      return "no-shared-cipher";
    case failure_cause::no_shared_group:
      return "no-shared-group";
    case failure_cause::no_shared_signatures:
      return "no-shared-signatures";
    case failure_cause::no_signature_algorithm:
      return "no-signature-algorithm";
    case failure_cause::legacy_signature:
      return "legacy-signature";
    case failure_cause::key_too_small_in_handshake:
      return "key-too-small-in-handshake";
    case failure_cause::dh_key_too_small:
      return "dh-key-too-small";
    case failure_cause::wrong_curve:
      return "wrong-curve";
  }
  return "";
}

struct side {
  const catalog* release = nullptr;
  tls_endpoint endpoint;
};

// A preset as the side's starting point (as the CLI's SPEC reads it): the preset's endpoint on
// the release it runs on, with the SPEC's other pairs over it.
void start_from_preset(side& out, const endpoint_spec& parsed, const std::string& text,
                       const catalog* asked, std::string_view role) {
  const bool python = parsed.preset->starts_with("python");
  const std::string context = parsed.context ? *parsed.context
                              : python       ? std::string(role)
                                             : std::string();
  std::string error;
  const auto p = find_preset(*parsed.preset, context, error);
  if (!p) throw unknown_name(std::string(role) + ": " + error);
  const catalog* release = parsed.release ? &release_named(*parsed.release)
                           : asked        ? asked
                                          : preset_release(*p);
  if (!release) release = &release_named("3.0");
  const preset_result result = resolve_preset(*p, *release);
  if (result.failure)
    throw configuration_error(std::string(role) + ": " + p->description +
                              " cannot make this context on OpenSSL " +
                              std::string(release->release()) + ": " + *result.failure);
  endpoint_spec over;
  over.endpoint = preset_endpoint(*p, result);
  if (auto why = parse_endpoint_spec(text, over))
    throw configuration_error(std::string(role) + ": " + *why);
  out.release = release;
  out.endpoint = std::move(over.endpoint);
}

side read_side(const py::handle& value, const catalog* asked, std::string_view role) {
  std::string text;
  if (py::isinstance<py::dict>(value)) {
    // {"openssl": "3.5", "ciphers": "HIGH", "prefer_server": True}: the SPEC's pairs.
    for (const auto& [key, v] : py::reinterpret_borrow<py::dict>(value)) {
      const std::string k = py::str(key);
      std::string item = py::isinstance<py::bool_>(v) ? (v.cast<bool>() ? "true" : "false")
                         : py::isinstance<py::str>(v) || py::isinstance<py::bytes>(v)
                             ? text_argument(v, "endpoint value")
                             : std::string(py::str(v));
      if (!text.empty()) text += ",";
      text += k + "=" + item;
    }
  } else {
    text = text_argument(value, std::string(role).c_str());
    // A bare preset name ("python-3.11") is a SPEC of one pair.
    std::string error;
    if (!text.empty() && text.find('=') == std::string::npos &&
        text.find(',') == std::string::npos &&
        find_preset(text, text.starts_with("python") ? "client" : "", error))
      text = "preset=" + text;
  }
  endpoint_spec parsed;
  if (auto why = parse_endpoint_spec(text, parsed))
    throw configuration_error(std::string(role) + ": " + *why);
  side out;
  if (parsed.preset) {
    start_from_preset(out, parsed, text, asked, role);
    return out;
  }
  if (parsed.context) throw configuration_error(std::string(role) + ": context= goes with preset=");
  out.release = parsed.release ? &release_named(*parsed.release)
                : asked        ? asked
                               : &release_named("3.0");
  out.endpoint = std::move(parsed.endpoint);
  return out;
}

struct handshake_view {
  std::shared_ptr<const configuration_resolver> client_release, server_release;
  std::unique_ptr<prepared_endpoint> client, server;
  handshake_result result;
  std::optional<negotiation_why> why;
};

py::dict why_dict(const negotiation_why& w) {
  py::dict out;
  out["version"] = text_result(w.version);
  out["order"] = side_name(w.order);
  out["choice"] = text_result(w.choice);
  py::list passed;
  for (const passed_suite& p : w.passed_over)
    passed.append(py::make_tuple(std::string(p.suite->name), text_result(p.reason)));
  out["passed_over"] = passed;
  out["key_exchange"] = text_result(w.key_exchange);
  out["signature"] = text_result(w.signature);
  return out;
}

}  // namespace

void bind_negotiation(py::module_& m) {
  py::class_<handshake_failure>(m, "HandshakeFailure", "Why a handshake fails, as OpenSSL says it.")
      .def_property_readonly(
          "side", [](const handshake_failure& f) { return side_name(f.side); },
          "'client' or 'server': the side that fails first")
      .def_property_readonly(
          "stage", [](const handshake_failure& f) { return stage_name(f.stage); },
          "'setup' (a setter failed) or 'handshake'")
      .def_property_readonly("cause",
                             [](const handshake_failure& f) { return cause_name(f.cause); })
      .def_property_readonly(
          "reason", [](const handshake_failure& f) { return text_result(f.reason); },
          "ERR_reason_error_string of the first error, e.g. 'no shared cipher'")
      .def_property_readonly("step", [](const handshake_failure& f) { return f.step; })
      .def_property_readonly("explanation",
                             [](const handshake_failure& f) { return text_result(f.explanation); })
      .def("__repr__", [](const handshake_failure& f) {
        return "<HandshakeFailure " + std::string(side_name(f.side)) + ": " + f.reason + ">";
      });

  using view = std::shared_ptr<const handshake_view>;
  py::class_<handshake_view, std::shared_ptr<handshake_view>>(
      m, "Handshake",
      "The outcome of a modelled handshake (checked against real handshakes of each release).")
      .def_property_readonly("ok", [](const view& h) { return h->result.ok; })
      .def_property_readonly("protocol",
                             [](const view& h) -> std::optional<std::string_view> {
                               if (!h->result.ok) return std::nullopt;
                               return protocol_version_name(h->result.protocol);
                             })
      .def_property_readonly("suite",
                             [](const view& h) -> std::optional<suite_view> {
                               if (!h->result.suite) return std::nullopt;
                               return suite_view{h->result.suite, false, {}};
                             })
      .def_property_readonly(
          "group", [](const view& h) { return h->result.group; },
          "the key exchange group as the client's release names it")
      .def_property_readonly("server_key", [](const view& h) { return h->result.server_key; })
      .def_property_readonly("signature_type",
                             [](const view& h) { return h->result.signature_type; })
      .def_property_readonly("signature_hash",
                             [](const view& h) { return h->result.signature_hash; })
      .def_property_readonly("hello_retry", [](const view& h) { return h->result.hello_retry; })
      .def_property_readonly("failure", [](const view& h) { return h->result.failure; })
      .def_property_readonly("notes", [](const view& h) { return h->result.notes; })
      .def_property_readonly("client_release",
                             [](const view& h) { return h->client->release().release(); })
      .def_property_readonly("server_release",
                             [](const view& h) { return h->server->release().release(); })
      .def_property_readonly(
          "why",
          [](const view& h) -> std::optional<py::dict> {
            if (!h->why) return std::nullopt;
            return why_dict(*h->why);
          },
          "with why=True: how the version, suite, group and signature were chosen")
      .def(
          "what_selects",
          [](const view& h, const std::string& suite) {
            return text_result(what_selects(*h->client, *h->server, suite));
          },
          py::arg("suite"), "What it would take to negotiate `suite` between the two sides.")
      .def(
          "json",
          [](const view& h) {
            return text_result(
                negotiation_json(*h->client, *h->server, h->result, h->why ? &*h->why : nullptr));
          },
          "The document `cipherexplain negotiate --format json` prints.")
      .def("__bool__", [](const view& h) { return h->result.ok; })
      .def("__repr__", [](const view& h) {
        if (!h->result.ok)
          return std::string("<Handshake failed: ") +
                 (h->result.failure ? h->result.failure->reason : std::string()) + ">";
        return "<Handshake " + std::string(protocol_version_name(h->result.protocol)) + " " +
               std::string(h->result.suite ? h->result.suite->name : "") + ">";
      });

  m.def(
      "negotiate",
      [](const py::object& client, const py::object& server,
         const std::optional<std::string>& openssl, bool why) {
        const catalog* asked = openssl ? &release_named(*openssl) : nullptr;
        side c = read_side(client, asked, "client");
        side s = read_side(server, asked, "server");
        auto out = std::make_shared<handshake_view>();
        out->client_release =
            std::make_shared<const configuration_resolver>(shared_evaluator(*c.release, {}));
        out->server_release =
            std::make_shared<const configuration_resolver>(shared_evaluator(*s.release, {}));
        {
          const py::gil_scoped_release unlocked;
          out->client = std::make_unique<prepared_endpoint>(*out->client_release, c.endpoint);
          out->server = std::make_unique<prepared_endpoint>(*out->server_release, s.endpoint);
          out->result = negotiate(*out->client, *out->server);
          if (why) out->why = explain_negotiation(*out->client, *out->server, out->result);
        }
        return out;
      },
      py::arg("client"), py::arg("server"), py::arg("openssl") = py::none(), py::kw_only(),
      py::arg("why") = false,
      "Negotiates a client against a server. Each side is a SPEC as the CLI takes it "
      "('openssl=3.5,ciphers=HIGH:!aNULL,min=TLSv1.2,level=2,cert=ecdsa-p256,prefer-server'), a "
      "preset name ('python-3.11', 'mozilla-modern', with its own release), or a dict of the "
      "same pairs. openssl: the release of sides that name none (default: 3.0, or a preset's "
      "own). Raises ConfigurationError for a bad SPEC, UnknownNameError for an unknown preset.");
}

}  // namespace cipherexplain::python
