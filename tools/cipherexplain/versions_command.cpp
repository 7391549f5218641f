// SPDX-License-Identifier: Apache-2.0
// versions: the releases this build knows, with their build notes.

#include "commands.hpp"
#include "exit_codes.hpp"
#include "options.hpp"
#include "releases.hpp"
#include "render.hpp"

#include <memory>
#include <string>

namespace cipherexplain::cli {

void add_versions_command(CLI::App& app, const shared_options& before, int& exit_status) {
  auto mine = std::make_shared<shared_options>();
  CLI::App* versions = app.add_subcommand(
      "versions", "List the OpenSSL releases this build knows, with build notes.");
  versions->footer(
      "Examples:\n"
      "  cipherexplain versions\n"
      "  cipherexplain versions --format json\n"
      "\n"
      "Exit status: 0, 2 usage error, 5 the output could not be written.");
  mine->add_format(*versions);
  versions->callback([&app, &before, versions, mine, &exit_status] {
    const shared_options s = effective_options(app, before, *versions, *mine, takes::format);
    print(s.format == "json" ? releases_json(system_release())
                             : render_versions_text(system_release()));
    exit_status = exit_accepted;
  });
}

}  // namespace cipherexplain::cli
