// diff A B: what changes from string A's list to string B's on one release.

#include "commands.hpp"
#include "exit_codes.hpp"
#include "options.hpp"
#include "render.hpp"

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

namespace cipherexplain::cli {
namespace {

struct diff_options {
  shared_options shared;
  std::vector<std::string> strings;
};

std::string verdict_line(const std::string& label, const std::string& text, const evaluation& e) {
  return e.ok ? fmt::format("{} '{}': accepted, {} suites\n", label, text, e.ciphers.size())
              : fmt::format("{} '{}': rejected (SSL_CTX_set_cipher_list returns 0)\n", label, text);
}

// Exit 0 when the lists are the same, 1 when they differ (as diff(1) does).
int run_diff(const evaluator& release, const std::string& a, const std::string& b,
             const std::string& format, const style& colours) {
  const evaluation first = release.evaluate(a);
  const evaluation second = release.evaluate(b);
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
    out += render_list_diff_text(d, colours, first.ok ? first.ciphers : none,
                                 second.ok ? second.ciphers : none);
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
      "\n"
      "Exit status: 0 the lists are the same, 1 they differ (or one string is rejected and the\n"
      "other is not), 2 usage error, 5 the output could not be written.");
  o->shared.add_release(*diff, false);
  o->shared.add_format(*diff);
  diff->add_option("STRINGS", o->strings, "The two cipher strings, A then B")
      ->expected(2)
      ->required();
  o->shared.add_color(*diff);
  o->shared.add_build(*diff);
  diff->callback([&app, &before, diff, o, &exit_status] {
    const shared_options s =
        effective_options(app, before, *diff, o->shared,
                          takes::release | takes::format | takes::color | takes::build);
    const catalog& c = one_release(s.release_spec, "diff");
    exit_status = run_diff(evaluator(c, s.flags.for_release(c, true)), o->strings[0], o->strings[1],
                           s.format, style::from_mode(s.color));
  });
}

}  // namespace cipherexplain::cli
