// SPDX-License-Identifier: Apache-2.0
// One evaluator shared by many threads gives each the answer it gives one thread (issue 12.10:
// the headers promise it). CI runs this under ThreadSanitizer (CIPHEREXPLAIN_TSAN), where a
// data race fails the test even when the answers happen to agree.

#include <cipherexplain.hpp>

#include <gtest/gtest.h>

#include "oracle_data.hpp"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace cipherexplain;

constexpr int thread_count = 8;

struct answer {
  bool ok;
  std::vector<const cipher*> ciphers;
  std::vector<diagnostic> diagnostics;
  std::size_t steps;
  std::size_t events;
};

answer answer_of(const evaluator& e, const std::string& input, const evaluate_options& options) {
  const evaluation r = e.evaluate(input, options);
  std::size_t events = 0;
  for (const suite_history& h : r.histories) events += h.events.size();
  return {r.ok, r.ciphers, r.diagnostics, r.steps.size(), events};
}

bool same(const answer& a, const answer& b) {
  return a.ok == b.ok && a.ciphers == b.ciphers && a.diagnostics == b.diagnostics &&
         a.steps == b.steps && a.events == b.events;
}

// Under TSan the corpus is cut so that the run stays short; every line still runs on every
// thread.
std::vector<std::string> inputs() {
  std::vector<std::string> lines = cipherexplain::testing::corpus_lines();
  if (lines.size() > 300) lines.resize(300);
  // Unknown words: the nearest-name index is built on the first one, by whichever thread gets
  // there first.
  lines.insert(lines.begin(), {"HIHG:ALL", "ECDHE-RSA-AES128-GCM-SHA265", "aes128"});
  return lines;
}

TEST(evaluator, is_shared_by_threads) {
  const std::vector<std::string> lines = inputs();
  for (const char* name : {"1.1.1", "3.0", "4.0"}) {
    const catalog& c = *catalog::find(name);
    evaluate_options options;
    options.detail = detail_level::trace;
    options.follow = {c.find_cipher("AES128-SHA"), c.find_cipher("ECDHE-RSA-AES128-GCM-SHA256")};
    // The expected answers from a separate evaluator, one thread.
    const evaluator alone(c);
    std::vector<answer> expected;
    for (const std::string& line : lines) expected.push_back(answer_of(alone, line, options));

    const evaluator shared(c);  // fresh: its lazy parts are first built under contention
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; ++t) {
      threads.emplace_back([&, t] {
        // Each thread starts at a different line, so that different work overlaps.
        for (std::size_t k = 0; k < lines.size(); ++k) {
          const std::size_t i = (k + static_cast<std::size_t>(t) * 37) % lines.size();
          if (!same(answer_of(shared, lines[i], options), expected[i])) ++mismatches;
        }
      });
    }
    for (std::thread& th : threads) th.join();
    EXPECT_EQ(mismatches.load(), 0) << name;
  }
}

TEST(catalog, system_lookup_is_safe_from_threads) {
  std::vector<std::thread> threads;
  std::vector<const system_lookup*> seen(thread_count, nullptr);
  for (int t = 0; t < thread_count; ++t)
    threads.emplace_back([&, t] { seen[static_cast<std::size_t>(t)] = &catalog::system(); });
  for (std::thread& th : threads) th.join();
  for (const system_lookup* s : seen) EXPECT_EQ(s, seen.front());
}

}  // namespace
