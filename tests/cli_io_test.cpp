// SPDX-License-Identifier: Apache-2.0
// The command line under hostile conditions (issue 12): a batch that streams gigabytes in
// bounded memory, every mode's lost writes and unreadable inputs reported with their exit
// status, and no input byte that could drive a terminal echoed raw on any path.

#include "run_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

namespace {

using cipherexplain::testing::process_result;
using cipherexplain::testing::run_process;

process_result shell(const std::string& script, const std::string& input = {}) {
  return run_process("/bin/sh", {"-c", script, CIPHEREXPLAIN_CLI}, input);
}

process_result cli(const std::vector<std::string>& args, const std::string& input = {}) {
  return run_process(CIPHEREXPLAIN_CLI, args, input);
}

// 1 GiB of 12-byte lines through batch in a 300 MB address space (before: RSS followed the
// input, and 400 MB aborted with std::bad_alloc). The output goes through a pipe, as a reader
// would take it.
TEST(cli_io, batch_streams_a_gigabyte_in_bounded_memory) {
  if (CIPHEREXPLAIN_SANITIZED) {
    GTEST_SKIP() << "out of scope under ASan, which reserves more address space than the limit";
  }
  const process_result r = shell(
      "ulimit -v 300000; { yes 'FOO:BAR:BAZ' | head -c 1073741824 | \"$0\" batch; "
      "echo \"rc=$?\" >&2; } | wc -l");
  EXPECT_EQ(r.err, "rc=0\n");
  // 89,478,485 whole lines and the last 4 bytes, "FOO:", as a line without its '\n'.
  EXPECT_EQ(r.out, "89478486\n");
}

// A line past the longest string the parser reads is answered as input-too-long without being
// held: 64 MiB in a 150 MB address space, and the next line is answered as usual.
TEST(cli_io, batch_answers_a_line_longer_than_the_limit_in_bounded_memory) {
  if (CIPHEREXPLAIN_SANITIZED) {
    GTEST_SKIP() << "out of scope under ASan, which reserves more address space than the limit";
  }
  const process_result r = shell(
      "ulimit -v 150000; { head -c 67108864 /dev/zero | tr '\\0' 'A'; echo; echo HIGH; } | "
      "\"$0\" batch");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::size_t nl = r.out.find('\n');
  ASSERT_NE(nl, std::string::npos);
  const auto first = nlohmann::ordered_json::parse(r.out.substr(0, nl));
  EXPECT_EQ(first["input"].get<std::string>(), std::string((1u << 24) + 1, 'A'));
  EXPECT_EQ(first["input_bytes"], 67108864);
  EXPECT_EQ(first["ok"], false);
  EXPECT_TRUE(first["ciphers"].empty());
  const auto second = nlohmann::ordered_json::parse(r.out.substr(nl + 1));
  EXPECT_EQ(second["input"], "HIGH");
  EXPECT_EQ(second["ok"], true);
  EXPECT_FALSE(second.contains("input_bytes"));
}

// Every mode, every way a write is lost: a full device, a closed stdout, a reader gone with
// SIGPIPE ignored. Each is exit 5 with the reason on stderr, never a silent success.
TEST(cli_io, every_mode_reports_a_lost_write) {
  const std::vector<std::string> modes{
      "\"$0\" DEFAULT",
      "\"$0\" --format json DEFAULT",
      "\"$0\" --trace DEFAULT",
      "\"$0\" --why AES128-SHA DEFAULT",
      "\"$0\" --openssl all DEFAULT",
      "\"$0\" --openssl all --format json DEFAULT",
      "\"$0\" diff HIGH DEFAULT",
      "\"$0\" diff --format json HIGH DEFAULT",
      "\"$0\" convert AES128-SHA",
      "\"$0\" versions",
      "\"$0\" --help",
      "echo HIGH | \"$0\" batch",
      "echo HIGH | \"$0\" batch --openssl all",
  };
  const std::vector<std::pair<std::string, std::string>> sinks{
      {" >/dev/full", "No space left on device"},
      {" >&-", "Bad file descriptor"},
  };
  // Asked for JSON, the error is JSON too.
  auto expected = [](const std::string& mode, const std::string& reason) {
    return mode.find("--format json") == std::string::npos
               ? "cipherexplain: cannot write to stdout: " + reason + "\n"
               : "{\"error\": {\"kind\": \"output\", \"message\": \"cannot write to stdout: " +
                     reason + "\", \"exit_status\": 5}}\n";
  };
  for (const std::string& mode : modes) {
    for (const auto& [redirect, reason] : sinks) {
      const std::string script = mode + redirect;
      const process_result r = shell(script);
      EXPECT_EQ(r.exit_code, 5) << script;
      EXPECT_EQ(r.err, expected(mode, reason)) << script;
    }
    // The reader is gone before the tool writes; the tool's own status goes to stderr.
    const std::string script =
        "trap '' PIPE; { sleep 0.2; " + mode + "; echo \"rc=$?\" >&2; } | true";
    const process_result piped = shell(script);
    EXPECT_EQ(piped.err, expected(mode, "Broken pipe") + "rc=5\n") << script;
  }
}

// Every mode that reads input, every way a read fails: a directory (EISDIR), a closed stdin
// (EBADF), a missing file. Each is exit 6 naming what could not be read.
TEST(cli_io, every_mode_reports_an_input_it_cannot_read) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"\"$0\" --file /", "cannot read '/': Is a directory"},
      {"\"$0\" --format json --file /", "cannot read '/': Is a directory"},
      {"\"$0\" --trace --file /", "cannot read '/': Is a directory"},
      {"\"$0\" --openssl all --file /", "cannot read '/': Is a directory"},
      {"\"$0\" - < /", "cannot read stdin: Is a directory"},
      {"\"$0\" --file - < /", "cannot read stdin: Is a directory"},
      {"\"$0\" - <&-", "cannot read stdin: Bad file descriptor"},
      {"\"$0\" --why AES128-SHA --file - <&-", "cannot read stdin: Bad file descriptor"},
      {"\"$0\" diff --file / HIGH", "cannot read '/': Is a directory"},
      {"\"$0\" diff HIGH - < /", "cannot read stdin: Is a directory"},
      {"\"$0\" diff HIGH --file - <&-", "cannot read stdin: Bad file descriptor"},
      {"\"$0\" diff HIGH --file /no/such", "cannot open '/no/such': No such file or directory"},
      {"\"$0\" batch /", "cannot read '/': Is a directory"},
      {"\"$0\" batch < /", "cannot read stdin: Is a directory"},
      {"\"$0\" batch <&-", "cannot read stdin: Bad file descriptor"},
      {"\"$0\" batch --openssl all - <&-", "cannot read stdin: Bad file descriptor"},
  };
  for (const auto& [script, message] : cases) {
    const process_result r = shell(script);
    EXPECT_EQ(r.exit_code, 6) << script;
    EXPECT_EQ(r.err, script.find("--format json") == std::string::npos
                         ? "cipherexplain: " + message + "\n"
                         : "{\"error\": {\"kind\": \"input\", \"message\": \"" + message +
                               "\", \"exit_status\": 6}}\n")
        << script;
  }
}

// What a terminal would obey in `text`: a C0 control other than '\n', DEL, a byte that is not
// UTF-8 (a raw 0x9B is CSI to an 8-bit terminal) or a C1 control. Empty when there is none.
std::string terminal_control_in(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b < 0x20 && b != '\n') || b == 0x7f) return "byte " + std::to_string(b);
    if (b < 0x80) continue;
    std::size_t n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0;
    if (n == 0 || i + n > text.size()) return "byte " + std::to_string(b) + " (not UTF-8)";
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0u) != 0x80u)
        return "byte " + std::to_string(b) + " (not UTF-8)";
    }
    if (b == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0) return "a C1 control";
    i += n - 1;
  }
  return {};
}

// ESC and BEL (an OSC title sequence), a raw 0x9B, U+009B (C1 CSI in UTF-8), DEL and a NUL.
const std::string hostile = std::string(
                                "HIGH:\x1b]0;PWNED\a:\x9b"
                                "31m:\xc2\x9b"
                                "2J:\x7f:FOO") +
                            std::string(1, '\0') + "X";

TEST(cli_io, no_input_byte_reaches_the_terminal_raw_on_any_path) {
  const std::vector<std::vector<std::string>> runs{
      {hostile},
      {"--trace", hostile},
      {"--why", "AES128-SHA", hostile},
      {"--openssl", "all", hostile},
      {"--openssl", "1.1.1,3.0", "--policy", "mozilla-old", hostile},
      {"diff", hostile, "HIGH"},
      {"diff", "HIGH", hostile},
      {"convert", hostile, "0xC0,\x1b[2J", "\x9b"},
      {"--openssl", hostile, "HIGH"},
      {"--why", hostile, "HIGH"},
      {"--hide", hostile, "HIGH"},
      {"--policy", hostile, "HIGH"},
      {"--color", hostile, "HIGH"},
      {"--" + hostile, "HIGH"},
      {"diff", "--openssl", hostile, "A", "B"},
      {"batch", "/no/such/\x1b]0;x\a"},
  };
  for (const std::vector<std::string>& args : runs) {
    const process_result r = cli(args);
    std::string shown;
    // Appended piecewise: "[" + std::string trips GCC 12's -Wrestrict false positive at -O2.
    for (const std::string& a : args) {
      shown += '[';
      shown.append(a, 0, 12);
      shown += "] ";
    }
    EXPECT_EQ(terminal_control_in(r.out), "") << shown << r.out;
    EXPECT_EQ(terminal_control_in(r.err), "") << shown << r.err;
    EXPECT_FALSE(r.out.empty() && r.err.empty()) << shown;
  }
  // And what is escaped is readable: each byte as \xHH, in the caret line as everywhere.
  const std::string echoed = "HIGH:\\x1B]0;PWNED\\x07:\\x9B31m:\\xC2\\x9B2J:\\x7F:FOO";
  for (const std::vector<std::string>& args : {std::vector<std::string>{hostile},
                                               {"--trace", hostile},
                                               {"--why", "AES128-SHA", hostile}}) {
    const process_result r = cli(args);
    EXPECT_NE(r.out.find("\n" + echoed + "\n"), std::string::npos) << r.out;
  }
  const process_result diffed = cli({"diff", "--", std::string("HIGH:\x1b]0;PWNED\a"), "HIGH"});
  EXPECT_NE(diffed.out.find("A 'HIGH:\\x1B]0;PWNED\\x07': rejected"), std::string::npos)
      << diffed.out;
}

std::string repeated(std::string_view unit, std::size_t bytes) {
  std::string out;
  while (out.size() + unit.size() <= bytes) out += unit;
  return out;
}

std::string file_with(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// What a person reads stays readable however long the string: identical findings grouped, five
// different ones per code, the rest counted; the trace and --why cut with counts. Output for
// 1 MiB of a repeated mistake is about that for 16 KiB (before: 23 MB of text for 1 MB of
// 'ALL:@STRENGTH:+AES:+SHA:').
TEST(cli_io, output_does_not_grow_with_repeated_findings) {
  for (const char* unit : {"ALL:@STRENGTH:+AES:+SHA:", "ALL:-HIGH:", "HIGH:!aNULL:", "FOO:BAR:"}) {
    const std::string small = file_with("small.txt", repeated(unit, 16 << 10));
    const std::string large = file_with("large.txt", repeated(unit, 1 << 20));
    for (const std::vector<std::string>& options :
         {std::vector<std::string>{}, {"--trace"}, {"--why", "AES128-SHA"}, {"--openssl", "all"}}) {
      std::vector<std::string> a = options, b = options;
      a.insert(a.end(), {"--file", small});
      b.insert(b.end(), {"--file", large});
      const process_result r16k = cli(a), r1m = cli(b);
      ASSERT_LE(r1m.exit_code, 1) << unit << r1m.err;
      // Only positions (longer numbers) and counts differ.
      EXPECT_LT(r1m.out.size(), r16k.out.size() * 3 / 2 + 4096)
          << unit << " " << (options.empty() ? "" : options[0]) << ": " << r16k.out.size()
          << " bytes for 16 KiB, " << r1m.out.size() << " for 1 MiB";
    }
    // JSON echoes the input, and adds at most its 1000 findings per code.
    const process_result json = cli({"--format", "json", "--file", large});
    const process_result json_small = cli({"--format", "json", "--file", small});
    EXPECT_LT(json.out.size(), (1u << 20) + json_small.out.size() * 2) << unit;
  }
}

// --why named a thousand times asks once (before: 210 s and 734 MB on 100 KB).
TEST(cli_io, why_repeated_is_asked_once) {
  std::vector<std::string> args;
  for (int i = 0; i < 1000; ++i)
    args.insert(args.end(), {"--why", i % 2 ? "AES128-SHA" : "0x002F"});
  args.insert(args.end(), {"--file", file_with("why.txt", repeated("HIGH:!aNULL:", 100 << 10))});
  const process_result r = cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::size_t asked = 0;
  for (std::size_t at = r.out.find("Why AES128-SHA"); at != std::string::npos;
       at = r.out.find("Why AES128-SHA", at + 1))
    ++asked;
  EXPECT_EQ(asked, 1u);
  // Each of the 8,533 'HIGH' touched it: the first and last 500 are kept, the middle counted,
  // and the kept repeats of one rule doing the same are one line each.
  EXPECT_NE(
      r.out.find("  'HIGH' at 1:13 matched it but changed nothing for it (now at position 121)\n"
                 "    (the same 498 more times: at 1:25, 1:37, 1:49 and 495 more)\n"
                 "  ... 7533 more rules touched it here (not shown; the last 500 follow)\n"),
      std::string::npos)
      << r.out.substr(0, 3000);
}

// Strings longer than an argument may be (128 KiB on Linux) come from files; only the lists are
// computed, and the echo of each string is cut.
TEST(cli_io, diff_reads_strings_too_long_for_arguments_from_files) {
  const std::string a = file_with("a.txt", repeated("HIGH:!aNULL:", 2 << 20));
  const std::string b = file_with("b.txt", repeated("HIGH:!aNULL:", 2 << 20) + "!SHA1");
  const process_result r = cli({"diff", "--file", a, "--file", b});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("A 'HIGH:!aNULL:HIGH:!aNULL:HIGH:!aNULL:HIGH:!aNULL:HIGH:!aNULL:...' "
                       "(2097144 bytes): accepted, 128 suites\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("removed 30: "), std::string::npos) << r.out;
  EXPECT_LT(r.out.size(), 4096u);
  // One string and one file, in that order; anything but two strings is refused.
  EXPECT_EQ(cli({"diff", "HIGH:!aNULL", "--file", a}).exit_code, 0);
  const process_result one = cli({"diff", "--file", a});
  EXPECT_EQ(one.exit_code, 2);
  EXPECT_EQ(one.err,
            "cipherexplain: diff compares two lists: give two of STRING, --file and --preset (got "
            "1)\nRun 'cipherexplain --help' for usage.\n");
}

// Two rejected strings give no lists: that is said, not "the lists are the same".
TEST(cli_io, diff_says_when_both_strings_are_rejected) {
  const process_result r = cli({"diff", "FOO$", "BAR$"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Nothing to compare: OpenSSL rejects both strings, so neither gives a list"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("The lists are the same"), std::string::npos) << r.out;
}

// "--color= HIGH" took HIGH as the colour (and then refused it); an empty value is named.
TEST(cli_io, an_option_with_an_empty_value_is_refused_by_name) {
  const process_result r = cli({"--color=", "HIGH"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "cipherexplain: '--color=' has no value after '=': write --color=VALUE, or leave the "
            "option out\nRun 'cipherexplain --help' for usage.\n");
}

// A 100 KB argument (as a script may pass by mistake) gives a short error, not 100 KB on stderr;
// the value's start and length are named.
TEST(cli_io, a_huge_argument_gives_a_short_error) {
  const std::string big(100'000, 'A');
  const std::vector<std::vector<std::string>> runs{
      {"--why", big, "HIGH"},
      {"--hide", big, "HIGH"},
      {"--policy", big, "HIGH"},
      {"--color", big, "HIGH"},
      {"--openssl", big, "HIGH"},
      {"--security-level", big, "HIGH"},
      {"--file", "/" + big},
      {"batch", "/" + big},
      {"diff", "--file", "/" + big, "A"},
      {"--" + big, "HIGH"},
      {"--format", "json", "--why", big, "HIGH"},
  };
  for (const std::vector<std::string>& args : runs) {
    const process_result r = cli(args);
    EXPECT_GE(r.exit_code, 2) << args[0];
    EXPECT_LT(r.err.size(), 1000u) << args[0] << ": " << r.err.substr(0, 300);
    EXPECT_NE(r.err.find("AAAA"), std::string::npos) << args[0] << ": " << r.err;
  }
  // Output echoes are cut too (convert's table), while JSON keeps every byte.
  const process_result table = cli({"convert", big});
  EXPECT_NE(table.out.find("AAAA... (100000 bytes)"), std::string::npos);
  EXPECT_LT(table.out.size(), 1000u);
  EXPECT_GT(cli({"convert", "--format", "json", big}).out.size(), big.size());
}

// A cipher string is JSON-escaped in JSON (never \xHH): what a program reads is the input.
TEST(cli_io, json_keeps_the_input_bytes) {
  const process_result r = cli({"--format", "json", std::string("HIGH:\x1b[2J")});
  const auto j = nlohmann::ordered_json::parse(r.out);
  EXPECT_EQ(j["input"], std::string("HIGH:\x1b[2J"));
  EXPECT_EQ(terminal_control_in(r.out), "");
}

}  // namespace
