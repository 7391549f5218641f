// versions: the releases this build knows, with their build notes.

#include "commands.hpp"
#include "exit_codes.hpp"
#include "options.hpp"
#include "releases.hpp"
#include "render.hpp"

#include <memory>
#include <string>

namespace cipherexplain::cli {

void add_versions_command(CLI::App& app, int& exit_status) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* versions = app.add_subcommand(
      "versions", "List the OpenSSL releases this build knows, with build notes.");
  add_format_option(*versions, *format);
  versions->callback([format, &exit_status] {
    print(*format == "json" ? releases_json(system_release())
                            : render_versions_text(system_release()));
    exit_status = exit_accepted;
  });
}

}  // namespace cipherexplain::cli
