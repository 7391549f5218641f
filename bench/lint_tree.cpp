// SPDX-License-Identifier: Apache-2.0
// A large configuration tree linted, against the linked libssl doing the part of a server's
// start-up that touches the same settings.
//
// The tree (written once per run into a temporary directory): an nginx.conf whose http block
// includes conf.d/*.conf, and CIPHEREXPLAIN_BENCH_LINT_FILES - 1 (default 9,999) site files of
// 100 lines each - 10,000 files, 1,000,000 lines by default - each a server block with comments,
// listen/server_name/location lines and its TLS settings drawn from a pool of real-world
// strings (Mozilla's, Debian's, old ones), some repeated, as real fleets repeat them.
//
// lint_tree/cipherexplain: read_config (the files from disk) + lint on one release, what
// `cipherexplain lint` does. lint_tree/openssl: for each server block of the same tree (as
// read), SSL_CTX_set_cipher_list + SSL_CTX_set_ciphersuites + SSL_CTX_set_min_proto_version on
// one SSL_CTX, the calls nginx makes per server at start-up - without reading any file, so the
// comparison favours OpenSSL. lint_tree/cli-peak-rss runs the CLI on the tree once and reports
// its peak RSS next to the tree's size and its largest file.

#include "lint_tree.hpp"

#include <cipherexplain.hpp>

#include <benchmark/benchmark.h>
#include <openssl/ssl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace cipherexplain::bench {

namespace {

struct tls_pick {
  const char* ciphers;
  const char* suites;  // "" for none
  const char* protocols;
};

// Strings people run: Mozilla intermediate/modern/old (5.x), Debian's apache and nginx
// defaults, and a few habits of older guides.
constexpr std::array<tls_pick, 6> picks{{
    {"ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
     "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
     "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384",
     "", "TLSv1.2 TLSv1.3"},
    {"HIGH:!aNULL:!MD5", "", "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3"},
    {"HIGH:!aNULL", "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256", "TLSv1.2 TLSv1.3"},
    {"EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH", "", "TLSv1.2"},
    {"ALL:!EXPORT:!LOW:!aNULL:!eNULL:!SSLv2:RC4+RSA:+HIGH:+MEDIUM", "", "TLSv1 TLSv1.1 TLSv1.2"},
    {"ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL", "TLS_AES_128_GCM_SHA256", "TLSv1.3"},
}};

struct tree {
  std::filesystem::path dir;
  std::string main;
  std::size_t files = 0, lines = 0, bytes = 0, largest = 0;
};

std::size_t file_count() {
  const char* env = std::getenv("CIPHEREXPLAIN_BENCH_LINT_FILES");
  const std::size_t n = env != nullptr ? std::strtoull(env, nullptr, 10) : 10000;
  return n < 2 ? 2 : n;
}

std::filesystem::path& created() {
  static std::filesystem::path dir;
  return dir;
}

const tree& the_tree() {
  static const tree t = [] {
    tree out;
    out.dir = std::filesystem::temp_directory_path() /
              ("cipherexplain-lint-bench-" + std::to_string(::getpid()));
    created() = out.dir;
    std::filesystem::create_directories(out.dir / "conf.d");
    out.main = (out.dir / "nginx.conf").string();
    {
      std::ofstream m(out.main);
      m << "events { worker_connections 1024; }\nhttp {\n    include conf.d/*.conf;\n}\n";
      out.lines += 4;
    }
    const std::size_t n = file_count();
    for (std::size_t i = 1; i < n; ++i) {
      const tls_pick& p = picks[(i * 7) % picks.size()];
      std::string text = "# site " + std::to_string(i) + ", generated for the lint benchmark\n";
      text +=
          "server {\n    listen 443 ssl;\n    server_name site" + std::to_string(i) + ".example;\n";
      text += "    ssl_ciphers '" + std::string(p.ciphers) + "';\n";
      text += "    ssl_protocols " + std::string(p.protocols) + ";\n";
      if (*p.suites != '\0')
        text += "    ssl_conf_command Ciphersuites " + std::string(p.suites) + ";\n";
      text += "    ssl_prefer_server_ciphers on;\n";
      std::size_t lines = 0;
      for (char c : text) lines += c == '\n' ? 1u : 0u;
      for (std::size_t k = 0; lines < 99; ++k, ++lines) {
        text += k % 3 == 0   ? "    # a comment line, as real files have many\n"
                : k % 3 == 1 ? "    location /app" + std::to_string(k) +
                                   "/ { proxy_pass http://127.0.0.1:8080; }\n"
                             : "    add_header X-Frame-Options DENY;\n";
      }
      text += "}\n";
      ++lines;
      const std::filesystem::path f = out.dir / "conf.d" / ("site" + std::to_string(i) + ".conf");
      std::ofstream(f) << text;
      out.lines += lines;
      out.bytes += text.size();
      out.largest = std::max(out.largest, text.size());
    }
    out.files = n;
    return out;
  }();
  return t;
}

const catalog& release() {
  static const catalog* c = catalog::find("3.0.19");
  return *c;
}

void cipherexplain_lint(benchmark::State& state) {
  const tree& t = the_tree();
  const filesystem_tree fs;
  lint_options options;
  options.releases = {&release()};
  std::size_t findings = 0, units = 0;
  for (auto _ : state) {
    std::vector<config_read_result> read;
    read.push_back(read_config(fs, t.main));
    const lint_report r = lint(std::move(read), options);
    findings = r.findings.size();
    units = r.units.size();
    benchmark::DoNotOptimize(findings);
  }
  state.counters["files"] = static_cast<double>(t.files);
  state.counters["lines"] = static_cast<double>(t.lines);
  state.counters["units"] = static_cast<double>(units);
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["lines_per_second"] = benchmark::Counter(
      static_cast<double>(t.lines), benchmark::Counter::kIsIterationInvariantRate);
}

void openssl_setters(benchmark::State& state) {
  const tree& t = the_tree();
  const filesystem_tree fs;
  const config_read_result read = read_config(fs, t.main);
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  for (auto _ : state) {
    int ok = 0;
    for (const tls_setting& s : read.settings) {
      if (s.kind == setting_kind::cipher_list) ok += SSL_CTX_set_cipher_list(ctx, s.value.c_str());
      if (s.kind == setting_kind::ciphersuites)
        ok += SSL_CTX_set_ciphersuites(ctx, s.value.c_str());
      if (s.kind == setting_kind::protocols)
        ok += static_cast<int>(SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION));
    }
    benchmark::DoNotOptimize(ok);
  }
  SSL_CTX_free(ctx);
  state.counters["settings"] = static_cast<double>(read.settings.size());
}

// The CLI on the tree, once: its peak RSS against the tree's size and largest file.
void cli_peak_rss(benchmark::State& state, std::string cli) {
  const tree& t = the_tree();
  long peak_kb = 0;
  for (auto _ : state) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      std::freopen("/dev/null", "w", stdout);
      ::execl(cli.c_str(), cli.c_str(), "lint", "--openssl", "3.0.19", "--format", "json",
              t.main.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    int status = 0;
    rusage usage{};
    ::wait4(pid, &status, 0, &usage);
    peak_kb = usage.ru_maxrss;
    if (!WIFEXITED(status) || WEXITSTATUS(status) == 127)
      state.SkipWithError("the CLI did not run");
  }
  state.counters["peak_rss_MB"] = static_cast<double>(peak_kb) / 1024.0;
  state.counters["tree_MB"] = static_cast<double>(t.bytes) / (1024.0 * 1024.0);
  state.counters["largest_file_KB"] = static_cast<double>(t.largest) / 1024.0;
}

}  // namespace

void register_lint_tree(const std::string& cli) {
  benchmark::RegisterBenchmark("lint_tree/cipherexplain", cipherexplain_lint)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("lint_tree/openssl", openssl_setters)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("lint_tree/cli-peak-rss", cli_peak_rss, cli)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1);
}

void remove_lint_tree() {
  if (created().empty()) return;  // no benchmark of it ran
  std::error_code ec;
  std::filesystem::remove_all(created(), ec);
}

}  // namespace cipherexplain::bench
