// SPDX-License-Identifier: Apache-2.0
// lint [--root DIR] [--openssl R...] [--policy P] PATH...: the TLS settings of real
// configuration files, the configuration each block forms, resolved, with every finding on the
// line and column of the file it is about - as text, JSON or SARIF.

#include "commands.hpp"
#include "exit_codes.hpp"
#include "options.hpp"
#include "releases.hpp"
#include "style.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cipherexplain::cli {
namespace {

struct lint_cli_options {
  shared_options shared;
  std::vector<std::string> paths;
  std::string root, policy, format = "text", format_of, server_version, sarif_base;
  bool werror = false;
};

// The lines of the files findings are in, read once each, for the excerpt under a finding.
class file_lines {
 public:
  [[nodiscard]] std::string_view line(const std::string& file, std::uint32_t n) {
    auto it = files_.find(file);
    if (it == files_.end()) {
      std::vector<std::string> lines;
      std::ifstream in(file, std::ios::binary);
      for (std::string l; std::getline(in, l);) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        lines.push_back(std::move(l));
      }
      it = files_.emplace(file, std::move(lines)).first;
    }
    if (n == 0 || n > it->second.size()) return {};
    return it->second[n - 1];
  }

 private:
  std::map<std::string, std::vector<std::string>> files_;
};

// The excerpt line and a caret under columns [from, to) (code points), tabs kept so that
// the caret lines up.
std::string excerpt(std::string_view line, std::uint32_t from, std::uint32_t to) {
  if (line.empty() || from == 0) return {};
  std::string under;
  std::uint32_t column = 1;
  std::size_t i = 0;
  for (; i < line.size() && column < from; ++i) {
    if (i + 1 < line.size() && !starts_column(line[i], line[i + 1])) continue;
    under += line[i] == '\t' ? '\t' : ' ';
    ++column;
  }
  under += '^';
  for (std::uint32_t k = from + 1; k < to; ++k) under += '~';
  return fmt::format("    {}\n    {}\n", line, under);
}

std::string text_report(const lint_report& r, const style& c) {
  std::string out;
  file_lines lines;
  for (const lint_finding& f : r.findings) {
    const diagnostic& d = f.finding;
    const std::string place = f.file.empty() ? std::string("(default)")
                              : f.line == 0  ? f.file
                                             : fmt::format("{}:{}:{}", f.file, f.line,
                                                           std::max<std::uint32_t>(f.column, 1));
    out += fmt::format("{}: {}: {} [{}]\n", c.bold(place),
                       c.for_severity(d.severity, severity_name(d.severity)), d.message,
                       code_name(d.code));
    if (f.line > 0) {
      const std::uint32_t to = f.end_line == f.line ? f.end_column : 0;
      out += excerpt(lines.line(f.file, f.line), f.column, to);
    }
    if (!f.releases.empty() && f.releases.size() < r.releases.size()) {
      std::string on;
      for (const std::string& name : f.releases) on += (on.empty() ? "" : ", ") + name;
      out += fmt::format("  on: {}\n", on);
    }
    if (!d.suggestion.empty()) out += fmt::format("  suggestion: {}\n", d.suggestion);
  }
  if (!r.findings.empty()) out += '\n';
  for (const lint_unit& u : r.units) {
    const config_read_result& config = r.configs[u.config];
    out +=
        fmt::format("{} {}\n", c.bold(config.files.empty() ? "" : config.files.front()), u.label);
    for (std::size_t k = 0; k < u.sources.size(); ++k) {
      const unit_source& s = u.sources[k];
      if (!s.setting && s.preset.empty()) continue;
      const std::string_view kind = setting_kind_name(static_cast<setting_kind>(k));
      if (s.setting) {
        const tls_setting& t = config.settings[*s.setting];
        out += fmt::format("  {:<14} {}  {}\n", kind, t.value,
                           c.dim(fmt::format("({}:{})", t.file, t.line)));
      } else {
        out += fmt::format("  {:<14} {}  {}\n", kind, s.value,
                           c.dim(fmt::format("(default: preset {})", s.preset)));
      }
    }
    for (std::size_t i = 0; i < u.results.size() && i < r.releases.size(); ++i) {
      const configuration_result* found = unit_result(r, u, i);
      if (found == nullptr) continue;
      const configuration_result& res = *found;
      std::size_t usable = 0;
      for (const suite_use& s : res.suites) usable += s.unusable ? 0u : 1u;
      const std::string window =
          res.protocols.usable()
              ? fmt::format("{} to {}", protocol_version_name(res.protocols.lowest),
                            protocol_version_name(res.protocols.highest))
              : "no protocol";
      out += fmt::format("  on {:<8} {} suites, {} usable, {}, level {}{}\n", r.releases[i],
                         res.ciphers.size(), usable, window, res.security_level,
                         u.prefer_server ? ", server order" : ", client order");
    }
  }
  std::size_t settings = 0, files = 0;
  for (const config_read_result& config : r.configs) {
    settings += config.settings.size();
    files += config.files.size();
  }
  std::size_t counts[3] = {0, 0, 0};
  for (const lint_finding& f : r.findings) ++counts[static_cast<int>(f.finding.severity)];
  out += fmt::format(
      "{} file{}, {} TLS setting{}, {} configuration{}: {} error{}, {} warning{}, {} note{}\n",
      files, files == 1 ? "" : "s", settings, settings == 1 ? "" : "s", r.units.size(),
      r.units.size() == 1 ? "" : "s", counts[2], counts[2] == 1 ? "" : "s", counts[1],
      counts[1] == 1 ? "" : "s", counts[0], counts[0] == 1 ? "" : "s");
  return out;
}

int status_of(const lint_report& r, bool werror, bool unreadable) {
  bool error = false, warning = false, policy = false;
  for (const lint_finding& f : r.findings) {
    if (f.finding.code == diagnostic_code::policy_violation) {
      policy = true;
    } else if (f.finding.severity == severity::error) {
      error = true;
    } else if (f.finding.severity == severity::warning) {
      warning = true;
    }
  }
  if (unreadable) return exit_input;
  if (error || (werror && warning)) return exit_rejected;
  if (policy) return exit_policy;
  return exit_accepted;
}

}  // namespace

void add_lint_command(CLI::App& app, const shared_options& before, int& exit_status) {
  auto o = std::make_shared<lint_cli_options>();
  CLI::App* cmd = app.add_subcommand(
      "lint",
      "Reads the TLS settings out of server configuration files - nginx, Apache, HAProxy,\n"
      "Postfix (main.cf, master.cf), Dovecot, stunnel, lighttpd, OpenVPN, MySQL/MariaDB,\n"
      "PostgreSQL, openssl.cnf - following includes, and checks the configuration each block\n"
      "forms with what it inherits and the server's defaults, on the releases asked for.\n"
      "Every finding is placed on the line and column of the file it is about.");
  cmd->footer(
      "Each PATH is a main configuration file; what it includes is read too, as the server\n"
      "reads it (nginx: relative to the main file's directory; Apache: to ServerRoot). With\n"
      "--root DIR, absolute paths inside the files are looked up under DIR, so a copy of /etc\n"
      "can be linted: cipherexplain lint --root copy copy/etc/nginx/nginx.conf.\n"
      "The format is told by the file's name, else by its contents; --format-of names it.\n"
      "Settings no file makes are taken from the server's preset (cipherexplain preset show\n"
      "nginx); --server-version picks the preset row of that version.\n"
      "\n"
      "Examples:\n"
      "  cipherexplain lint /etc/nginx/nginx.conf\n"
      "  cipherexplain lint --openssl 1.1.1,3.0,3.5 --policy mozilla-intermediate /etc/apache2/apache2.conf\n"
      "  cipherexplain lint --format sarif --root . etc/postfix/main.cf > lint.sarif\n"
      "  cipherexplain lint --format-of nginx site.conf\n"
      "\n"
      "--format json: {\"settings\", \"errors\", \"units\", \"findings\"} (docs/json-output.md);\n"
      "--format sarif: SARIF 2.1.0 for GitHub code scanning, URIs relative to --sarif-base\n"
      "(default: the current directory).\n"
      "\n"
      "Exit status: 0 nothing above a note (warnings too, unless --werror), 1 an error: a file\n"
      "the server refuses, a string OpenSSL rejects, nothing usable (or a warning with\n"
      "--werror), 2 usage error, 3 only the --policy is broken, 5 the output could not be\n"
      "written, 6 a PATH could not be read.");
  o->shared.add_release(*cmd, true);
  o->shared.add_color(*cmd);
  cmd->add_option("PATH", o->paths, "Main configuration files")->required();
  cmd->add_option("--root", o->root, "Look up absolute paths inside the files under DIR")
      ->type_name("DIR");
  cmd->add_option("--policy", o->policy, "Check each configuration against a profile")
      ->type_name("PROFILE");
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  std::vector<std::string> formats;
  for (config_format f : config_formats()) formats.emplace_back(config_format_name(f));
  cmd->add_option("--format-of", o->format_of, "The format of every PATH")
      ->check(CLI::IsMember(formats))
      ->type_name("FORMAT");
  cmd->add_option("--server-version", o->server_version,
                  "The server's version, for its defaults (e.g. 1.22.1)");
  cmd->add_option("--sarif-base", o->sarif_base,
                  "SARIF URIs are relative to DIR (default: the current directory)")
      ->type_name("DIR");
  cmd->add_flag("--werror", o->werror, "Warnings count as errors in the exit status");
  cmd->callback([&app, &before, cmd, o, &exit_status] {
    const shared_options s =
        effective_options(app, before, *cmd, o->shared, takes::releases | takes::color);
    lint_options options;
    options.releases = resolve_releases(s.release_spec);
    options.server_version = o->server_version;
    if (!o->policy.empty()) {
      options.policy = find_profile(o->policy);
      if (!options.policy) throw CLI::ValidationError("--policy: no profile " + o->policy);
    }
    config_read_options read;
    if (!o->format_of.empty()) read.format = parse_config_format(o->format_of);
    const filesystem_tree tree(o->root);
    std::vector<config_read_result> configs;
    bool unreadable = false;
    for (const std::string& path : o->paths) {
      configs.push_back(read_config(tree, path, read));
      const auto& errors = configs.back().errors;
      unreadable = unreadable || (!errors.empty() && errors.front().line == 0 &&
                                  errors.front().file == path && configs.back().files.empty());
    }
    const lint_report report = lint(std::move(configs), options);
    if (o->format == "json") {
      print(lint_json(report));
    } else if (o->format == "sarif") {
      std::string base = o->sarif_base;
      if (base.empty()) base = std::filesystem::current_path().string();
      print(lint_sarif(report, std::filesystem::absolute(base).lexically_normal().string()));
    } else {
      print(text_report(report, style::from_mode(s.color)));
    }
    exit_status = status_of(report, o->werror, unreadable);
  });
}

}  // namespace cipherexplain::cli
