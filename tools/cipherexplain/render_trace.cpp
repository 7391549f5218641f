// --trace and --why: what each rule did, and what happened to one suite, from the evaluation's
// steps (the evaluator records them; nothing is evaluated again here).

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>

#include "render.hpp"

namespace cipherexplain::cli {
namespace {

std::string_view outcome_text(rule_outcome o) {
  switch (o) {
    case rule_outcome::not_reached:
      return "never read: OpenSSL stopped earlier";
    case rule_outcome::applied:
      return "applied";
    case rule_outcome::unknown_name:
      return "ignored: unknown name, and OpenSSL skips to the next separator";
    case rule_outcome::conflict:
      return "ignored: its '+' parts cannot match together";
    case rule_outcome::skipped:
      return "skipped: an earlier rule in the same segment was ignored";
    case rule_outcome::command_done:
      return "command carried out";
    case rule_outcome::command_failed:
      return "bad command: the call will fail";
    case rule_outcome::missing_name:
      return "a name is missing here: OpenSSL fails";
  }
  return "";
}

// The rule's text as the user wrote it, with control bytes made visible.
std::string shown(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    const auto b = static_cast<unsigned char>(ch);
    out += b < 0x20 || b == 0x7f ? fmt::format("\\x{:02X}", b) : std::string(1, ch);
  }
  return out;
}

}  // namespace

std::string render_trace(const evaluator& release, std::string_view input, const evaluation& result,
                         const style& c) {
  std::string out = c.bold("What each rule did:") + "\n";
  const line_index lines(input);
  std::size_t number = 0;
  for (const step& s : result.steps) {
    const std::string_view text =
        input.substr(std::min<std::size_t>(s.text.offset, input.size()), s.text.length);
    std::string head;
    if (s.what == step::kind::default_prefix) {
      head = fmt::format("'{}' at 1:1: DEFAULT, that is '{}'", shown(text),
                         release.release().default_cipher_list());
    } else if (s.what == step::kind::suiteb_prefix) {
      head = fmt::format("'{}' at 1:1: a Suite B keyword replaces the whole string", shown(text));
    } else {
      head = fmt::format("'{}' at {}: {}", shown(text), to_string(lines.at(s.text.offset)),
                         outcome_text(s.outcome));
    }
    out += fmt::format("{:>3}. {}\n", ++number, head);
    if (s.what == step::kind::rule && s.outcome == rule_outcome::applied) {
      out += fmt::format("     matched {}{}\n", s.matched.size(),
                         s.matched.empty() ? "" : ": " + suite_names(s.matched));
    }
    if (!s.added.empty())
      out += fmt::format("     added {}: {}\n", s.added.size(), suite_names(s.added));
    if (!s.removed.empty()) {
      out += fmt::format("     removed {} (a later rule may add them back): {}\n", s.removed.size(),
                         suite_names(s.removed));
    }
    if (!s.killed.empty())
      out += fmt::format("     removed for good {}: {}\n", s.killed.size(), suite_names(s.killed));
    if (!s.moved.empty())
      out += fmt::format("     moved {}: {}\n", s.moved.size(), suite_names(s.moved));
    out +=
        c.dim(fmt::format("     list: {} suite{}", s.list.size(), s.list.size() == 1 ? "" : "s")) +
        "\n";
  }
  if (result.steps.empty()) out += "   (no rules)\n";
  return out;
}

std::string render_why(const evaluator& release, std::string_view input, const evaluation& result,
                       std::string_view name) {
  const cipher* suite = release.release().find_cipher(name);
  if (suite == nullptr) {
    throw CLI::ValidationError("--why", fmt::format("OpenSSL {} has no suite named '{}'",
                                                    release.release().release(), name));
  }
  std::string out = fmt::format(
      "Why {} is{} in the list:\n", suite->name,
      std::find(result.ciphers.begin(), result.ciphers.end(), suite) != result.ciphers.end() &&
              result.ok
          ? ""
          : " not");
  if (suite->table == cipher_table::tls13) {
    out +=
        "  It is a TLS 1.3 suite: every list starts with the TLS 1.3 suites the context allows, and cipher\n"
        "  strings never add, move or remove them (SSL_CTX_set_ciphersuites() does).\n";
    return out;
  }
  const auto order = release.preference_order();
  if (std::find(order.begin(), order.end(), suite) == order.end()) {
    out += fmt::format(
        "  OpenSSL {} with this build never considers it: {}.\n", release.release().release(),
        suite->option.empty() ? "its algorithms are not available"
                              : "it needs the build option " + std::string(suite->option));
    return out;
  }
  bool touched = false;
  const line_index lines(input);
  auto has = [suite](const std::vector<const cipher*>& v) {
    return std::find(v.begin(), v.end(), suite) != v.end();
  };
  for (const step& s : result.steps) {
    std::string what;
    if (has(s.added))
      what = s.what == step::kind::rule ? "added it" : "brought it in";
    else if (has(s.killed))
      what = "removed it for good";
    else if (has(s.removed))
      what = "removed it (a later rule may add it back)";
    else if (has(s.moved))
      what = "moved it";
    else if (has(s.matched))
      what = "matched it but changed nothing for it";
    if (what.empty()) continue;
    touched = true;
    const auto pos = std::find(s.list.begin(), s.list.end(), suite);
    const std::string_view text =
        input.substr(std::min<std::size_t>(s.text.offset, input.size()), s.text.length);
    out += fmt::format(
        "  '{}' at {} {}{}\n", shown(text), to_string(lines.at(s.text.offset)), what,
        pos == s.list.end() ? "" : fmt::format(" (now at position {})", pos - s.list.begin() + 1));
  }
  if (!touched) out += "  No rule matched it.\n";
  if (!result.ok) out += "  OpenSSL rejects the string, so no list results from it.\n";
  return out;
}

}  // namespace cipherexplain::cli
