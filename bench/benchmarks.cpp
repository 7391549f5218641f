// SPDX-License-Identifier: Apache-2.0
// cipherexplain against OpenSSL's own cipher-list resolution, measured in the same run.
//
// Benchmarks come in pairs, openssl/<case> and cipherexplain/<case>: the linked libssl's
// SSL_CTX_set_cipher_list + SSL_CTX_get_ciphers on an existing context, and cipherexplain's
// parse + evaluate for the same release giving the same ordered list (checked before timing).
// openssl_config/<case> and cipherexplain_config/<case> (configuration_pairs.cpp) do the same for
// a whole configuration: cipher string, ciphersuites, security level, protocol range, and the
// suites SSL_get1_supported_ciphers() gives a client.
// scripts/bench-report.py turns --benchmark_format=json output into the table of
// bench/README.md.

#include <cipherexplain.hpp>

#include "configuration_pairs.hpp"
#include "lint_tree.hpp"
#include "negotiation_pairs.hpp"
#include "path_scaling.hpp"
#include "preset_pairs.hpp"

#include <benchmark/benchmark.h>
#include <openssl/crypto.h>
#include <openssl/ssl.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;

struct bench_case {
  std::string name;
  std::string text;
};

std::string repeat_to(std::string_view unit, std::size_t size) {
  std::string out;
  while (out.size() + unit.size() <= size) out += unit;
  return out;
}

std::vector<bench_case> cases() {
  std::string forty;
  const char* rules[] = {
      "ECDHE+AESGCM", "ECDHE+CHACHA20", "DHE+AESGCM", "DHE+CHACHA20", "ECDHE+AES256",
      "DHE+AES256",   "ECDHE+AES128",   "DHE+AES",    "ECDHE+HIGH",   "DHE+HIGH",
      "RSA+AESGCM",   "RSA+AES",        "RSA+HIGH",   "!aNULL",       "!eNULL",
      "!MD5",         "!3DES",          "!RC4",       "!DSS",         "!PSK",
      "!SRP",         "-SHA1",          "+AES256",    "CAMELLIA",     "-CAMELLIA128",
      "ARIA",         "!ARIA128",       "+CHACHA20",  "AES128-SHA",   "AES256-SHA",
      "-kRSA",        "kRSA+AESGCM",    "+ECDSA",     "!aDSS",        "ECDHE-RSA-AES128-SHA",
      "HIGH",         "!SHA",           "@STRENGTH",  "+AESGCM",      "!AESCCM"};
  for (const char* r : rules) {
    if (!forty.empty()) forty += ':';
    forty += r;
  }
  return {
      {"DEFAULT", "DEFAULT"},
      // Python 3.5.3-3.6 and 3.10+ default strings, Mozilla 5.8 intermediate (corpus.txt).
      {"python3.6",
       "ECDH+AESGCM:ECDH+CHACHA20:DH+AESGCM:DH+CHACHA20:ECDH+AES256:DH+AES256:ECDH+AES128:DH+AES:"
       "ECDH+HIGH:DH+HIGH:RSA+AESGCM:RSA+AES:RSA+HIGH:!aNULL:!eNULL:!MD5:!3DES"},
      {"python3.10",
       "@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM"},
      {"mozilla-intermediate",
       "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
       "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"},
      {"HIGH:!aNULL:!MD5", "HIGH:!aNULL:!MD5"},
      {"ALL:COMPLEMENTOFALL:@STRENGTH", "ALL:COMPLEMENTOFALL:@STRENGTH"},
      {"2KB", repeat_to("ECDHE-RSA-AES128-GCM-SHA256:!aNULL:", 2048)},
      {"40-rules", forty},
  };
}

const catalog& release_3_0() { return *catalog::find("3.0"); }

std::vector<std::string> openssl_names(SSL_CTX* ctx, const std::string& text) {
  std::vector<std::string> out;
  if (SSL_CTX_set_cipher_list(ctx, text.c_str()) != 1) return out;
  const STACK_OF(SSL_CIPHER)* list = SSL_CTX_get_ciphers(ctx);
  for (int i = 0; i < sk_SSL_CIPHER_num(list); ++i)
    out.emplace_back(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(list, i)));
  return out;
}

void openssl_resolve(benchmark::State& state, const std::string& text) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_method());
  for (auto _ : state) {
    const int ok = SSL_CTX_set_cipher_list(ctx, text.c_str());
    const STACK_OF(SSL_CIPHER)* list = SSL_CTX_get_ciphers(ctx);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(list);
  }
  SSL_CTX_free(ctx);
}

void cipherexplain_resolve(benchmark::State& state, const std::string& text) {
  const evaluator eval(release_3_0());
  tree parsed;
  evaluation result;
  for (auto _ : state) {
    parse_into(parsed, text, eval.release().dialect());
    eval.evaluate_into(result, parsed, detail_level::result);
    benchmark::DoNotOptimize(result.ciphers.data());
  }
}

void parse_only(benchmark::State& state, const std::string& text) {
  const dialect& rules = release_3_0().dialect();
  tree parsed;
  for (auto _ : state) {
    parse_into(parsed, text, rules);
    benchmark::DoNotOptimize(parsed.rules().data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  state.counters["tree_bytes"] = static_cast<double>(parsed.memory_bytes());
}

void evaluate_only(benchmark::State& state, const std::string& text) {
  const evaluator eval(release_3_0());
  const tree parsed = parse(text, eval.release().dialect());
  evaluation result;
  for (auto _ : state) {
    eval.evaluate_into(result, parsed, detail_level::result);
    benchmark::DoNotOptimize(result.ciphers.data());
  }
  state.counters["evaluation_bytes"] = static_cast<double>(result.memory_bytes());
}

std::vector<std::string> corpus_lines() {
  std::ifstream in(std::string(CIPHEREXPLAIN_CORPUS_DIR) + "/corpus.txt", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::vector<std::string> lines;
  std::string text = s.str();
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl - start));
    start = nl == std::string::npos ? text.size() : nl + 1;
  }
  return lines;
}

// Every corpus line on every release: what a differential fuzzer or a fleet audit does.
void corpus_all_releases(benchmark::State& state) {
  const std::vector<std::string> lines = corpus_lines();
  std::vector<evaluator> releases;
  for (const catalog* c : catalog::all()) releases.emplace_back(*c);
  tree parsed;
  evaluation result;
  for (auto _ : state) {
    for (const evaluator& e : releases) {
      for (const std::string& line : lines) {
        parse_into(parsed, line, e.release().dialect());
        e.evaluate_into(result, parsed, detail_level::result);
        benchmark::DoNotOptimize(result.ciphers.data());
      }
    }
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<std::int64_t>(lines.size() * releases.size()));
}

// Time against input length: the same rules repeated to 1 KB, 64 KB and 1 MB.
void scaling(benchmark::State& state) {
  const std::string text =
      repeat_to("ECDHE+AESGCM:!aNULL:-SHA1:AES256-SHA:", static_cast<std::size_t>(state.range(0)));
  const evaluator eval(release_3_0());
  tree parsed;
  evaluation result;
  for (auto _ : state) {
    parse_into(parsed, text, eval.release().dialect());
    eval.evaluate_into(result, parsed, detail_level::result);
    benchmark::DoNotOptimize(result.ciphers.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}

}  // namespace

int main(int argc, char** argv) {
  // First, while this process is small (see path_scaling.hpp).
  cipherexplain::bench::start_cli_spawner();
  // As the oracle was recorded: no configuration file.
  setenv("OPENSSL_CONF", "/dev/null", 1);
  // For the report: what was compared, built how.
  benchmark::AddCustomContext("openssl", OpenSSL_version(OPENSSL_VERSION));
#if defined(__clang__)
  benchmark::AddCustomContext("compiler", "Clang " __clang_version__);
#else
  benchmark::AddCustomContext("compiler", "GCC " __VERSION__);
#endif
  benchmark::AddCustomContext("cipherexplain", std::string(library_version));
  SSL_CTX* check = SSL_CTX_new(TLS_method());
  const evaluator eval(release_3_0());
  for (const bench_case& c : cases()) {
    // Only compare what gives the same answer.
    const evaluation mine = eval.evaluate(c.text, detail_level::result);
    std::vector<std::string> names;
    if (mine.ok) {
      for (const cipher* s : mine.ciphers) names.emplace_back(s->name);
    }
    if (names != openssl_names(check, c.text)) {
      std::fprintf(stderr, "case %s: cipherexplain and %s disagree\n", c.name.c_str(),
                   OpenSSL_version(OPENSSL_VERSION));
      return 1;
    }
    benchmark::RegisterBenchmark(("openssl/" + c.name).c_str(), openssl_resolve, c.text);
    benchmark::RegisterBenchmark(("cipherexplain/" + c.name).c_str(), cipherexplain_resolve,
                                 c.text);
  }
  SSL_CTX_free(check);
  // Whole configurations, checked the same way (configuration_pairs.cpp).
  if (!cipherexplain::bench::register_configuration_pairs()) return 1;
  // Handshakes, checked the same way (negotiation_pairs.cpp).
  if (!cipherexplain::bench::register_negotiation_pairs()) return 1;
  // Presets: the context the software makes, checked the same way (preset_pairs.cpp).
  if (!cipherexplain::bench::register_preset_pairs()) return 1;
  for (const bench_case& c : cases()) {
    benchmark::RegisterBenchmark(("parse/" + c.name).c_str(), parse_only, c.text);
    benchmark::RegisterBenchmark(("evaluate/" + c.name).c_str(), evaluate_only, c.text);
  }
  benchmark::RegisterBenchmark("corpus/all-releases", corpus_all_releases)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("scaling", scaling)
      ->Arg(1 << 10)
      ->Arg(1 << 16)
      ->Arg(1 << 20)
      ->Unit(benchmark::kMicrosecond);
  // Every CLI path from 1 KiB to 16 MiB (CIPHEREXPLAIN_BENCH_SCALE_MAX bytes lowers the top).
  const char* max = std::getenv("CIPHEREXPLAIN_BENCH_SCALE_MAX");
  cipherexplain::bench::register_path_scaling(
      CIPHEREXPLAIN_CLI, max != nullptr ? std::strtoull(max, nullptr, 10) : std::size_t{1} << 24);
  // A configuration tree of 10,000 files linted (lint_tree.cpp).
  cipherexplain::bench::register_lint_tree(CIPHEREXPLAIN_CLI);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  cipherexplain::bench::remove_lint_tree();
  return cipherexplain::bench::any_path_failed() ? 1 : 0;
}
