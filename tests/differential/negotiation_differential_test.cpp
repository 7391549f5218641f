// SPDX-License-Identifier: Apache-2.0
// The handshake model against real handshakes of Debian's libssl builds (fetched by
// scripts/fetch-debian-libssl.py) and the system's: each side a handshake_probe process on
// its own build, the two joined by a socketpair, on generated client/server pairs - both sides
// on one release, and a client of one release against a server of another.

#include <cipherexplain.hpp>

#include "debian_builds.hpp"
#include "generated_handshakes.hpp"
#include "real_handshake.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

using namespace cipherexplain;
using namespace cipherexplain::testing;

struct debian_release {
  const char* suite;
  const char* release;  // the catalog recorded from that build
};
constexpr debian_release builds[] = {{"bullseye", "1.1.1w"},
                                     {"system", "3.0.19"},
                                     {"trixie", "3.5.9"},
                                     {"sid", "3.6.5"},
                                     {"experimental", "4.0.3"}};

struct pairing {
  int client, server;  // indexes into builds
};

std::string pairing_name(const ::testing::TestParamInfo<pairing>& info) {
  const auto name = [](const debian_release& b) {
    std::string out = b.release;
    for (char& c : out)
      if (c == '.') c = '_';
    return out;
  };
  return name(builds[info.param.client]) + "_client_" + name(builds[info.param.server]) + "_server";
}

[[maybe_unused]] void PrintTo(const pairing& p, std::ostream* os) {
  *os << builds[p.client].release << " -> " << builds[p.server].release;
}

std::string escaped(const std::string& s) {
  std::string out = "=";
  for (const char c : s) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\n')
      out += "\\n";
    else
      out.push_back(c);
  }
  return out;
}

std::string version_number(const std::string& v) {
  if (v == "TLS1") return "0x0301";
  if (v == "TLS1.1") return "0x0302";
  if (v == "TLS1.2") return "0x0303";
  if (v == "TLS1.3") return "0x0304";
  return "0";
}

// The probe's input line for one side (see handshake_probe.cpp).
std::string probe_line(const side_fields& fields, const std::string& cert_dir) {
  std::string level = "-", min = "-", max = "-", ciphers = "-", suites = "-", groups = "-",
              prefer = "0", certs = cert_dir + "/rsa2048", first = "0";
  for (const auto& [key, value] : fields) {
    if (key == "seclevel") level = value;
    if (key == "min") min = version_number(value);
    if (key == "max") max = version_number(value);
    if (key == "ciphers") ciphers = escaped(value);
    if (key == "ciphersuites") suites = escaped(value);
    if (key == "groups") groups = escaped(value);
    if (key == "prefer_server") prefer = value == "true" ? "1" : "0";
    if (key == "cert_first") first = value == "true" ? "1" : "0";
    if (key == "cert")
      certs = value == "both"   ? cert_dir + "/rsa2048," + cert_dir + "/ecdsa-p256"
              : value == "none" ? std::string("-")
                                : cert_dir + "/" + value;
  }
  return level + "\t" + min + "\t" + max + "\t" + ciphers + "\t" + suites + "\t" + groups + "\t" +
         prefer + "\t" + certs + "\t" + first;
}

// Starts one probe with `input` on stdin, `output` on stdout and `socket` as fd 3.
pid_t start_probe(const build& b, const std::string& role, int socket, const std::string& input,
                  const std::string& output) {
  std::vector<std::string> args = probe_command(b, CIPHEREXPLAIN_HANDSHAKE_PROBE);
  for (const std::string& a :
       {std::string("--libcrypto"), b.libcrypto, std::string("--libssl"), b.libssl,
        std::string("--role"), role, std::string("--fd"), std::string("3")})
    args.push_back(a);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, input.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, socket, 3);
  pid_t pid = -1;
  const int failed = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (failed != 0) throw std::runtime_error("cannot start " + args.front());
  return pid;
}

std::vector<std::vector<std::string>> output_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> out;
  for (std::string line; std::getline(in, line);) out.push_back(split(line, '\t'));
  return out;
}

// The recordings' outcome from the two sides' lines: setup failures first (the client's), then
// the side that failed first - the other one fails on the alert it receives.
std::string outcome_of(const std::vector<std::string>& c, const std::vector<std::string>& s) {
  const auto text = [](const std::string& f) { return f == "-" ? std::string() : f; };
  if (c.size() != 8 || s.size() != 8) return "probe error";
  if (c[2] == "setup") return "FAIL client setup " + c[1];
  if (s[2] == "setup") return "FAIL server setup " + s[1];
  if (c[2] == "done" && s[2] == "done")
    return "OK " + c[3] + " " + c[4] + " " + text(c[5]) + " " + text(c[6]) + " " + text(c[7]);
  const bool client_failed = c[2] == "failed", server_failed = s[2] == "failed";
  const bool client_on_alert = c[1].find("alert") != std::string::npos;
  if (client_failed && (!server_failed || !client_on_alert)) return "FAIL client handshake " + c[1];
  if (server_failed) return "FAIL server handshake " + s[1];
  return "FAIL none handshake (neither side failed)";
}

std::string line_of(const handshake_result& r) {
  if (r.ok) {
    const std::string sig =
        r.signature_type.empty() ? "" : r.signature_type + "+" + r.signature_hash;
    return "OK " + std::string(protocol_version_name(r.protocol)) + " " +
           std::string(r.suite->name) + " " + r.group + " " + r.server_key + " " + sig;
  }
  return "FAIL " + std::string(side_name(r.failure->side)) + " " +
         std::string(stage_name(r.failure->stage)) + " " + r.failure->reason;
}

tls_endpoint endpoint_of(const side_fields& fields) {
  tls_endpoint e;
  for (const auto& [key, value] : fields) {
    const auto why = set_endpoint_field(e, key, value);
    EXPECT_FALSE(why) << *why;
  }
  return e;
}

class negotiation_differential : public ::testing::TestWithParam<pairing> {};

TEST_P(negotiation_differential, model_matches_real_handshakes) {
  const pairing p = GetParam();
  std::string why_not;
  const auto client_build = find_build(builds[p.client].suite, why_not);
  const auto server_build =
      client_build ? find_build(builds[p.server].suite, why_not) : std::nullopt;
  if (!client_build || !server_build) GTEST_SKIP() << why_not;

  const auto dir = std::filesystem::temp_directory_path() /
                   ("cipherexplain-handshakes-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  write_certificates(dir.string());
  // CIPHEREXPLAIN_PAIRS and CIPHEREXPLAIN_SEED run more or other pairs by hand.
  const char* count = std::getenv("CIPHEREXPLAIN_PAIRS");
  const char* seed = std::getenv("CIPHEREXPLAIN_SEED");
  const auto pairs = generated_handshakes(count ? std::stoul(count) : 1000,
                                          (seed ? std::stoull(seed) : 20261202u) +
                                              97u * static_cast<unsigned>(p.client * 5 + p.server));
  std::string client_input, server_input;
  for (const auto& pair : pairs) {
    client_input += probe_line(pair.client, dir.string()) + "\n";
    server_input += probe_line(pair.server, dir.string()) + "\n";
  }
  const std::string files[] = {(dir / "client.in").string(), (dir / "server.in").string(),
                               (dir / "client.out").string(), (dir / "server.out").string()};
  std::ofstream(files[0]) << client_input;
  std::ofstream(files[1]) << server_input;

  int sv[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  // Above the standard descriptors and 3, so dup2 onto 3 always makes a new, inherited one.
  const int ends[2] = {fcntl(sv[0], F_DUPFD_CLOEXEC, 10), fcntl(sv[1], F_DUPFD_CLOEXEC, 10)};
  close(sv[0]);
  close(sv[1]);
  const pid_t client = start_probe(*client_build, "client", ends[0], files[0], files[2]);
  const pid_t server = start_probe(*server_build, "server", ends[1], files[1], files[3]);
  close(ends[0]);
  close(ends[1]);
  int client_status = 0, server_status = 0;
  waitpid(client, &client_status, 0);
  waitpid(server, &server_status, 0);
  ASSERT_TRUE(WIFEXITED(client_status) && WEXITSTATUS(client_status) == 0) << "client probe";
  ASSERT_TRUE(WIFEXITED(server_status) && WEXITSTATUS(server_status) == 0) << "server probe";
  const auto client_lines = output_lines(files[2]);
  const auto server_lines = output_lines(files[3]);
  ASSERT_EQ(client_lines.size(), pairs.size());
  ASSERT_EQ(server_lines.size(), pairs.size());

  const configuration_resolver client_release(*catalog::find(builds[p.client].release));
  const configuration_resolver server_release(*catalog::find(builds[p.server].release));
  int mismatches = 0, ok = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const std::string real = outcome_of(client_lines[i], server_lines[i]);
    const handshake_result model =
        negotiate(prepared_endpoint(client_release, endpoint_of(pairs[i].client)),
                  prepared_endpoint(server_release, endpoint_of(pairs[i].server)));
    ok += model.ok ? 1 : 0;
    if (line_of(model) != real && ++mismatches <= 25)
      ADD_FAILURE() << describe_pair(pairs[i]) << "\n  real:  " << real
                    << "\n  model: " << line_of(model);
  }
  std::filesystem::remove_all(dir);
  EXPECT_EQ(mismatches, 0) << "of " << pairs.size();
  EXPECT_GT(ok, static_cast<int>(pairs.size() / 5));
}

// Every build against itself, and the fleet upgrades the issue names in both directions.
INSTANTIATE_TEST_SUITE_P(builds, negotiation_differential,
                         ::testing::Values(pairing{0, 0}, pairing{1, 1}, pairing{2, 2},
                                           pairing{3, 3}, pairing{4, 4}, pairing{0, 1},
                                           pairing{1, 0}, pairing{1, 2}, pairing{2, 1},
                                           pairing{2, 4}, pairing{4, 2}, pairing{0, 4},
                                           pairing{4, 0}),
                         pairing_name);

}  // namespace
