// SPDX-License-Identifier: Apache-2.0
// diff A B: what changes from string A's list to string B's on one release.

#include "commands.hpp"
#include "exit_codes.hpp"
#include "input.hpp"
#include "options.hpp"
#include "render.hpp"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cipherexplain::cli {
namespace {

struct diff_options {
  shared_options shared;
  std::vector<std::string> strings;
  std::vector<std::string> files;
  std::vector<std::string> presets;
  std::string context;
};

// One side of the comparison: a cipher string, or a preset's whole configuration on the
// release (its list is what SSL_CTX_get_ciphers returns after all its calls).
struct operand {
  std::string text;  // the string, or "preset:NAME"
  std::optional<evaluation> given;
};

operand preset_operand(const catalog& release, const std::string& name,
                       const std::string& context) {
  std::string error;
  const auto p = find_preset(name, context, error);
  if (!p) throw CLI::ValidationError("--preset", error);
  const preset_result r = resolve_preset(*p, release);
  evaluation e;
  e.ok = !r.failure;
  e.ciphers = r.resolved.ciphers;
  e.security_level = r.resolved.security_level;
  return {"preset:" + p->name, std::move(e)};
}

// The string as echoed: escaped for the terminal, and cut when long (a 16 MiB file).
std::string echoed(const std::string& text) {
  constexpr std::size_t shown = 60;
  if (text.size() <= shown) return fmt::format("'{}'", printable(text));
  return fmt::format("'{}...' ({} bytes)", printable(whole_characters(text, shown)), text.size());
}

std::string verdict_line(const std::string& label, const std::string& text, const evaluation& e) {
  return e.ok ? fmt::format("{} {}: accepted, {} suites\n", label, echoed(text), e.ciphers.size())
              : fmt::format("{} {}: rejected (SSL_CTX_set_cipher_list returns 0)\n", label,
                            echoed(text));
}

// Exit 0 when the lists are the same, 1 when they differ (as diff(1) does).
int run_diff(const evaluator& release, const operand& left, const operand& right,
             const std::string& format, const style& colours) {
  // Only the lists are compared: no findings are computed.
  const std::string& a = left.text;
  const std::string& b = right.text;
  const evaluation first = left.given ? *left.given : release.evaluate(a, detail_level::result);
  const evaluation second = right.given ? *right.given : release.evaluate(b, detail_level::result);
  static const std::vector<const cipher*> none;
  const list_diff d =
      diff_lists(first.ok ? first.ciphers : none, second.ok ? second.ciphers : none);
  if (format == "json") {
    print(string_diff_json(release, a, first, b, second, d));
  } else {
    std::string out = fmt::format("OpenSSL {}:\n", release.release().release());
    out += verdict_line("A", a, first);
    out += verdict_line("B", b, second);
    out += "\nFrom A to B:\n";
    if (!first.ok && !second.ok) {
      out +=
          "Nothing to compare: OpenSSL rejects both strings, so neither gives a list (run each "
          "alone to see why).\n";
    } else {
      out += render_list_diff_text(d, colours, first.ok ? first.ciphers : none,
                                   second.ok ? second.ciphers : none);
    }
    print(out);
  }
  return d.empty() && first.ok == second.ok ? exit_accepted : exit_rejected;
}

}  // namespace

void add_diff_command(CLI::App& app, const shared_options& before, int& exit_status) {
  auto o = std::make_shared<diff_options>();
  CLI::App* diff = app.add_subcommand(
      "diff",
      "Compare the lists two strings give on one release: added, removed, moved.\n"
      "Exit status 0 when they are the same, 1 when they differ.");
  diff->footer(
      "Examples:\n"
      "  cipherexplain diff 'HIGH:!aNULL' 'DEFAULT'\n"
      "  cipherexplain diff --openssl 1.1.1 --format json 'HIGH' 'HIGH:!SHA1'\n"
      "  cipherexplain diff --file old.txt --file new.txt   strings too long for arguments\n"
      "  cipherexplain diff --preset python-3.6.15 --preset python-3.11.7 --openssl 3.0\n"
      "  cipherexplain diff --preset python-3.11.7 'DEFAULT'   a preset (A) against a string\n"
      "\n"
      "Exit status: 0 the lists are the same, 1 they differ (or one string is rejected and the\n"
      "other is not; both rejected counts as the same), 2 usage error, 5 the output could not\n"
      "be written, 6 a file could not be read.");
  o->shared.add_release(*diff, false);
  o->shared.add_format(*diff);
  diff->add_option("STRINGS", o->strings,
                   "The two cipher strings, A then B ('-' reads one from stdin)")
      ->expected(1, 2);
  diff->add_option("--file", o->files,
                   "Read a string from FILE ('-': stdin), less one final line feed; twice for A "
                   "and B, or once for B after one STRING")
      ->type_name("FILE")
      ->allow_extra_args(false);
  diff->add_option("--preset", o->presets,
                   "Compare a preset's whole configuration (its list on the release, see `preset "
                   "show`): once for A, twice for A and B")
      ->type_name("NAME");
  diff->add_option("--context", o->context, "Python's context for --preset (default client)");
  o->shared.add_color(*diff);
  o->shared.add_build(*diff);
  diff->callback([&app, &before, diff, o, &exit_status] {
    const shared_options s =
        effective_options(app, before, *diff, o->shared,
                          takes::release | takes::format | takes::color | takes::build);
    const catalog& c = one_release(s.release_spec, "diff");
    const std::size_t given = o->strings.size() + o->files.size() + o->presets.size();
    if (given != 2) {
      throw CLI::ValidationError(fmt::format(
          "diff compares two lists: give two of STRING, --file and --preset (got {})", given));
    }
    std::vector<operand> sides;
    for (const std::string& name : o->presets) sides.push_back(preset_operand(c, name, o->context));
    for (const std::string& text : o->strings)
      sides.push_back({text == "-" ? read_string("-") : text, std::nullopt});
    for (const std::string& path : o->files) sides.push_back({read_string(path), std::nullopt});
    exit_status = run_diff(evaluator(c, s.flags.for_release(c, true)), sides[0], sides[1], s.format,
                           style::from_mode(s.color));
  });
}

}  // namespace cipherexplain::cli
