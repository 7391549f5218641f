// SPDX-License-Identifier: Apache-2.0
// The grammar, element by element, and every diagnostic the parser gives, compared as the full
// rendered text a user sees.

#include <cipherexplain.hpp>

#include "syntax/grammar.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <tao/pegtl/contrib/analyze.hpp>

#include <random>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;

// A compact picture of a tree: "segment:op word+word [tail]" per rule, '|' between rules.
std::string dump(const tree& t) {
  std::string out;
  if (t.suiteb() != suiteb_prefix::none)
    out += fmt::format("SUITEB<{}> ", t.text(t.suiteb_range()));
  if (t.default_prefix()) out += fmt::format("DEFAULT<{}> ", t.text(*t.default_prefix()));
  bool first = true;
  for (const rule& r : t.rules()) {
    if (!first) out += " | ";
    first = false;
    out += fmt::format("{}:{}", r.segment, op_text(r.op));
    bool first_word = true;
    for (const source_range w : t.words(r)) {
      if (!first_word) out += '+';
      first_word = false;
      out += w.length == 0 ? std::string("<missing>") : std::string(t.text(w));
    }
    if (r.tail.length != 0) out += fmt::format(" [{}]", t.text(r.tail));
  }
  return out;
}

std::string rendered(const tree& t) {
  std::string out;
  for (const diagnostic& d : t.diagnostics()) out += render(d, t.source());
  return out;
}

constexpr dialect openssl_1_0() {
  dialect d;
  d.equals_in_names = false;
  d.seclevel_command = false;
  return d;
}
constexpr dialect openssl_3_2() {
  dialect d;
  d.underscore_in_names = true;
  return d;
}

TEST(parser, reads_an_empty_string_as_no_rules) {
  const tree t = parse("");
  EXPECT_TRUE(t.rules().empty());
  EXPECT_TRUE(t.ok());
  EXPECT_EQ(rendered(t), "");
}

TEST(parser, reads_names_and_aliases_as_add_rules) {
  EXPECT_EQ(dump(parse("HIGH")), "0:HIGH");
  EXPECT_EQ(dump(parse("ECDHE-RSA-AES128-GCM-SHA256")), "0:ECDHE-RSA-AES128-GCM-SHA256");
}

TEST(parser, reads_each_operator) {
  EXPECT_EQ(dump(parse("!aNULL")), "0:!aNULL");
  EXPECT_EQ(dump(parse("-RSA")), "0:-RSA");
  EXPECT_EQ(dump(parse("+RC4")), "0:+RC4");
  EXPECT_EQ(dump(parse("@STRENGTH")), "0:@STRENGTH");
}

TEST(parser, joins_names_with_plus_into_one_rule) {
  EXPECT_EQ(dump(parse("ECDHE+AESGCM+SHA384")), "0:ECDHE+AESGCM+SHA384");
  EXPECT_EQ(dump(parse("!kRSA+SHA1")), "0:!kRSA+SHA1");
}

TEST(parser, separates_rules_at_colon_comma_semicolon_and_space) {
  EXPECT_EQ(dump(parse("A:B,C;D E")), "0:A | 1:B | 2:C | 3:D | 4:E");
  const tree t = parse("A:B,C;D E");
  ASSERT_EQ(t.separators().size(), 4u);
  EXPECT_EQ(t.separators()[3], (source_range{7, 1}));
}

TEST(parser, keeps_empty_items_between_separators_as_separators_only) {
  EXPECT_EQ(dump(parse("::A::")), "2:A");
  EXPECT_EQ(parse("::A::").separators().size(), 4u);
}

TEST(parser, starts_a_new_rule_at_an_operator_without_a_separator) {
  EXPECT_EQ(dump(parse("ALL!aNULL-MD5")), "0:ALL | 0:!aNULL-MD5");
  EXPECT_EQ(dump(parse("ALL!aNULL:-MD5")), "0:ALL | 0:!aNULL | 1:-MD5");
  EXPECT_EQ(dump(parse("ECDHE@STRENGTH")), "0:ECDHE | 0:@STRENGTH");
}

TEST(parser, treats_a_dash_inside_or_after_an_operator_as_part_of_the_name) {
  EXPECT_EQ(dump(parse("!-AES")), "0:!-AES");
  EXPECT_EQ(dump(parse("--AES")), "0:--AES");
  EXPECT_EQ(dump(parse("HIGH-AES")), "0:HIGH-AES");
}

TEST(parser, reads_commands_and_keeps_what_follows_them_as_tail) {
  EXPECT_EQ(dump(parse("@SECLEVEL=2")), "0:@SECLEVEL=2");
  EXPECT_EQ(dump(parse("@STRENGTH+X$:HIGH")), "0:@STRENGTH [+X$] | 1:HIGH");
}

TEST(parser, recognises_default_only_as_a_seven_byte_prefix) {
  EXPECT_EQ(dump(parse("DEFAULT")), "DEFAULT<DEFAULT> ");
  EXPECT_EQ(dump(parse("DEFAULT:!RC4")), "DEFAULT<DEFAULT:> 1:!RC4");
  EXPECT_EQ(dump(parse("DEFAULTX")), "DEFAULT<DEFAULT> 1:X");
  EXPECT_EQ(dump(parse("DEFAULT+AES")), "DEFAULT<DEFAULT> 1:+AES");
  EXPECT_EQ(dump(parse("DEFAULT::HIGH")), "DEFAULT<DEFAULT:> 2:HIGH");
  EXPECT_EQ(dump(parse("HIGH:DEFAULT")), "0:HIGH | 1:DEFAULT");
  EXPECT_EQ(dump(parse("default")), "0:default");
}

TEST(parser, reads_suiteb_prefixes_longest_first_and_ignores_the_rest) {
  EXPECT_EQ(dump(parse("SUITEB128ONLY")), "SUITEB<SUITEB128ONLY> ");
  EXPECT_EQ(dump(parse("SUITEB128C2:HIGH")), "SUITEB<SUITEB128C2> ");
  EXPECT_EQ(dump(parse("SUITEB128X")), "SUITEB<SUITEB128> ");
  EXPECT_EQ(dump(parse("SUITEB192")), "SUITEB<SUITEB192> ");
  EXPECT_EQ(parse("SUITEB192").suiteb(), suiteb_prefix::b192);
  EXPECT_EQ(dump(parse("HIGH:SUITEB128")), "0:HIGH | 1:SUITEB128");
  dialect no_suiteb;
  no_suiteb.suiteb_prefixes = false;
  EXPECT_EQ(dump(parse("SUITEB128", no_suiteb)), "0:SUITEB128");
}

TEST(parser, follows_the_name_characters_of_the_dialect) {
  EXPECT_EQ(dump(parse("HIGH_")), "0:HIGH | 0:<missing> [_]");
  EXPECT_EQ(dump(parse("HIGH_", openssl_3_2())), "0:HIGH_");
  EXPECT_EQ(dump(parse("@SECLEVEL=1", openssl_1_0())), "0:@SECLEVEL [=1]");
  EXPECT_EQ(dump(parse("TLS_AES_128_GCM_SHA256")), "0:TLS | 0:<missing> [_AES_128_GCM_SHA256]");
}

TEST(parser, keeps_a_stray_byte_after_a_name_as_a_rule_with_a_missing_name) {
  // Whether OpenSSL reaches it depends on whether AES is known, so it is not an error yet.
  const tree t = parse("ALL:AES$x:HIGH");
  EXPECT_EQ(dump(t), "0:ALL | 1:AES | 1:<missing> [$x] | 2:HIGH");
  EXPECT_TRUE(t.ok());
}

TEST(parser, keeps_a_dangling_plus_as_a_missing_name) {
  const tree t = parse("AES+:HIGH");
  EXPECT_EQ(dump(t), "0:AES+<missing> | 1:HIGH");
  EXPECT_TRUE(t.ok());
  EXPECT_EQ(dump(parse("AES+!X")), "0:AES+<missing> [!X]");
}

TEST(parser, reports_an_operator_without_a_name) {
  const tree t = parse("ALL:!:HIGH");
  EXPECT_EQ(dump(t), "0:ALL | 1:!<missing> | 2:HIGH");
  EXPECT_FALSE(t.ok());
  EXPECT_EQ(rendered(t),
            "input:1:6: error: expected a cipher name after '!', found ':' [missing-name]\n"
            "ALL:!:HIGH\n"
            "     ^\n");
}

TEST(parser, reports_an_operator_at_the_end) {
  EXPECT_EQ(rendered(parse("ALL:-")),
            "input:1:6: error: expected a cipher name after '-', found the end of the string "
            "[missing-name]\n"
            "ALL:-\n"
            "     ^\n");
}

TEST(parser, reports_two_operators_in_a_row) {
  EXPECT_EQ(rendered(parse("!!aNULL")),
            "input:1:2: error: expected a cipher name after '!', found '!' [missing-name]\n"
            "!!aNULL\n"
            " ^\n");
}

TEST(parser, reports_a_stray_byte_at_the_start_of_a_rule) {
  EXPECT_EQ(rendered(parse("HIGH:$")),
            "input:1:6: error: expected a cipher name, found '$'; names are ASCII letters, digits, "
            "'-' and "
            "'.' [missing-name]\n"
            "HIGH:$\n"
            "     ^\n");
}

// Control bytes are echoed as \xHH, as every echo of input is (printable()), and the caret marks
// the whole escape.
TEST(parser, names_control_bytes_and_shows_them_escaped) {
  EXPECT_EQ(rendered(parse("\tHIGH")),
            "input:1:1: error: expected a cipher name, found a tab (0x09); names are ASCII "
            "letters, digits, "
            "'-' and '.' [missing-name]\n"
            "\\x09HIGH\n"
            "^~~~\n");
}

TEST(parser, names_non_ascii_characters_by_code_point) {
  EXPECT_EQ(rendered(parse("ALL:\xc3\xa9")),
            "input:1:5: error: expected a cipher name, found '\xc3\xa9' (U+00E9); names are ASCII "
            "letters, "
            "digits, '-' and '.' [missing-name]\n"
            "ALL:\xc3\xa9\n"
            "    ^\n");
  EXPECT_EQ(rendered(parse("\xff")),
            "input:1:1: error: expected a cipher name, found byte 0xFF (not UTF-8); names are "
            "ASCII letters, "
            "digits, '-' and '.' [missing-name]\n"
            "\\xFF\n"
            "^~~~\n");
}

TEST(parser, reports_a_command_without_a_name) {
  EXPECT_EQ(rendered(parse("@:HIGH")),
            "input:1:2: error: expected a command after '@', found ':' [missing-name]\n"
            "@:HIGH\n"
            " ^\n");
}

TEST(parser, reports_an_unknown_command) {
  EXPECT_EQ(
      rendered(parse("HIGH:@strength")),
      "input:1:6: error: unknown command '@strength'; the commands are @STRENGTH and @SECLEVEL=n "
      "(n = 0..5) [unknown-command]\n"
      "HIGH:@strength\n"
      "     ^~~~~~~~~\n");
  EXPECT_EQ(rendered(parse("@SECLEVEL=1", openssl_1_0())),
            "input:1:1: error: unknown command '@SECLEVEL'; the commands are only @STRENGTH "
            "[unknown-command]\n"
            "@SECLEVEL=1\n"
            "^~~~~~~~~\n");
}

TEST(parser, reports_a_bad_security_level) {
  EXPECT_EQ(rendered(parse("ALL:@SECLEVEL=6")),
            "input:1:5: error: '@SECLEVEL=6' is not a security level: write @SECLEVEL= and one "
            "digit from 0 "
            "to 5 [bad-security-level]\n"
            "ALL:@SECLEVEL=6\n"
            "    ^~~~~~~~~~~\n");
  EXPECT_FALSE(parse("@SECLEVEL=05").ok());
  EXPECT_FALSE(parse("@SECLEVEL=").ok());
  EXPECT_FALSE(parse("@SECLEVEL").ok());
  EXPECT_TRUE(parse("@SECLEVEL=5").ok());
}

TEST(parser, reports_only_errors_that_do_not_depend_on_the_words) {
  // After an unknown word OpenSSL skips to the next separator, so these may never be read.
  EXPECT_TRUE(parse("FOO!").ok());
  EXPECT_TRUE(parse("FOO@BAR").ok());
  EXPECT_TRUE(parse("AES+").ok());
}

TEST(parser, stops_at_a_nul_byte_as_openssl_does) {
  const tree t = parse(std::string("HIGH\0:!RC4", 10));
  EXPECT_EQ(dump(t), "0:HIGH");
  ASSERT_TRUE(t.nul_offset().has_value());
  EXPECT_EQ(*t.nul_offset(), 4u);
  EXPECT_EQ(
      rendered(t),
      "input:1:5: warning: OpenSSL reads the string only up to this NUL byte; the rest is ignored "
      "[text-after-nul]\n"
      "HIGH\\x00:!RC4\n"
      "    ^~~~~~~~~\n");
}

TEST(parser, renders_positions_on_later_lines_and_windows_long_lines) {
  diagnostic d{diagnostic_code::missing_name, severity::error, "here", 6, 1};
  EXPECT_EQ(render(d, "ALL\nAB$D", "cfg"), "cfg:2:3: error: here [missing-name]\nAB$D\n  ^\n");
  const std::string long_line = std::string(200, 'A') + "$" + std::string(200, 'B');
  const std::string text =
      render({diagnostic_code::missing_name, severity::error, "here", 200, 1}, long_line);
  EXPECT_EQ(text, "input:1:201: error: here [missing-name]\n..." + std::string(36, 'A') + "$" +
                      std::string(35, 'B') + "...\n" + std::string(39, ' ') + "^\n");
}

// A renderer for many findings finds the lines once and renders each finding as render() does,
// on every line, at line starts and ends, and past the end of the input.
TEST(parser, diagnostic_renderer_renders_as_render_does) {
  const std::string input = "ALL\n\nAB$D\nX\n" + std::string(300, 'Q') + "\n";
  const diagnostic_renderer renderer(input, "cfg");
  for (std::size_t offset = 0; offset <= input.size() + 1; ++offset) {
    for (std::size_t length : {0u, 1u, 5u}) {
      const diagnostic d{diagnostic_code::missing_name, severity::error, "here", offset, length};
      EXPECT_EQ(renderer(d), render(d, input, "cfg")) << offset << " " << length;
    }
  }
  EXPECT_EQ(renderer({diagnostic_code::missing_name, severity::error, "here", 7, 1}),
            "cfg:3:3: error: here [missing-name]\nAB$D\n  ^\n");
}

// The parts a front end styles are the rendered text taken apart, not something it must
// re-read: the message and the input stay whole whatever they hold.
TEST(parser, diagnostic_renderer_gives_the_parts_render_joins) {
  const std::string input = "help:HIGH\n@STRENGTH+\nX";
  const diagnostic d{
      diagnostic_code::skipped_text, severity::note, "ignores '+\nX'", 19, 3, "put a separator"};
  const rendered_diagnostic parts = diagnostic_renderer(input, "cfg").parts(d);
  EXPECT_EQ(parts.location, "cfg:2:10");
  EXPECT_EQ(parts.level, severity::note);
  EXPECT_EQ(parts.message, "ignores '+\nX'");
  EXPECT_EQ(parts.code, "skipped-text");
  EXPECT_EQ(parts.source_line, "@STRENGTH+");
  EXPECT_EQ(parts.marker_line, "         ^");  // the range ends with its line
  EXPECT_EQ(parts.help, "put a separator");
  EXPECT_EQ(parts.text(), render(d, input, "cfg"));
  EXPECT_EQ(parts.text(),
            "cfg:2:10: note: ignores '+\nX' [skipped-text]\n@STRENGTH+\n         ^\nhelp: put a "
            "separator\n");
}

// The caret line decodes UTF-8 as the messages do: an overlong or surrogate sequence is not a
// character, so each of its bytes is drawn as \xHH (and a message calls it not UTF-8); so is a
// C1 control (U+009B is CSI to a terminal), while other UTF-8 stays as it is.
TEST(parser, renders_bytes_that_are_not_utf8_and_c1_controls_escaped) {
  const std::string input = "HIGH\xe0\x80\x80:\xed\xa0\x80:\xc3\xa9:\xc2\x9b$";
  const tree t = parse(input);
  const std::string text =
      render({diagnostic_code::missing_name, severity::error, "here", 4, 1}, input);
  EXPECT_EQ(text,
            "input:1:5: error: here [missing-name]\n"
            "HIGH\\xE0\\x80\\x80:\\xED\\xA0\\x80:\xc3\xa9:\\xC2\\x9B$\n"
            "    ^~~~\n");
  ASSERT_FALSE(t.diagnostics().empty());
  EXPECT_NE(t.diagnostics().front().message.find("found byte 0xED (not UTF-8)"), std::string::npos)
      << t.diagnostics().front().message;
}

TEST(line_index, gives_line_and_column_of_every_offset) {
  const std::string text = "ab\n\ncd\n";
  const line_index lines(text);
  EXPECT_EQ(lines.line_count(), 4u);
  const std::vector<line_column> expected{{1, 1}, {1, 2}, {1, 3}, {2, 1}, {3, 1},
                                          {3, 2}, {3, 3}, {4, 1}, {4, 1}, {4, 1}};
  for (std::size_t offset = 0; offset < expected.size(); ++offset) {
    EXPECT_EQ(lines.at(offset), expected[offset]) << offset;
  }
  EXPECT_EQ(to_string(lines.at(5)), "3:2");
  EXPECT_EQ(lines.line_start(3), 4u);
  EXPECT_EQ(lines.line_end(3), 6u);
  EXPECT_EQ(lines.line_end(4), text.size());
  EXPECT_EQ(line_index("").at(0), (line_column{1, 1}));
}

// Only the bytes near the caret are decoded; a window that starts inside a multi-byte
// character steps back to its first byte instead of showing a replacement character.
TEST(parser, windows_long_lines_of_multibyte_characters_on_character_boundaries) {
  std::string e_acute_run;
  for (int i = 0; i < 1000; ++i) e_acute_run += "\xc3\xa9";
  const std::string input = e_acute_run + "$" + e_acute_run;
  const std::string text =
      render({diagnostic_code::missing_name, severity::error, "here", 2000, 1}, input);
  std::string before, after;
  for (int i = 0; i < 36; ++i) before += "\xc3\xa9";
  for (int i = 0; i < 35; ++i) after += "\xc3\xa9";
  EXPECT_EQ(text, "input:1:2001: error: here [missing-name]\n..." + before + "$" + after + "...\n" +
                      std::string(39, ' ') + "^\n");
  // At the end of a megabyte-long line the same window shows, ending with the caret.
  const std::string huge(1 << 20, 'A');
  const std::string end_text =
      render({diagnostic_code::missing_name, severity::error, "here", huge.size(), 0}, huge);
  EXPECT_EQ(end_text, "input:1:1048577: error: here [missing-name]\n..." + std::string(71, 'A') +
                          "\n" + std::string(74, ' ') + "^\n");
}

// Every byte belongs to exactly one of: prefix, separator, rule text, tail, or the text after a
// NUL; this is what lets the tree explain everything OpenSSL did with the input.
TEST(parser, covers_every_byte_of_any_input_exactly_once) {
  std::mt19937 rng(7);
  const std::string alphabet = "AHILS-+!@:,; .=_$\t\xc3\xa9" + std::string(1, '\0');
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    const int length = std::uniform_int_distribution<int>(0, 24)(rng);
    for (int i = 0; i < length; ++i) {
      input += alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
    }
    if (round % 7 == 0) input = "DEFAULT" + input;
    if (round % 11 == 0) input = "SUITEB128" + input;
    for (const dialect& d : {dialect::openssl_3_0(), openssl_1_0(), openssl_3_2()}) {
      const tree t = parse(input, d);
      std::vector<int> owner(input.size(), 0);
      auto claim = [&](source_range s) {
        for (std::uint32_t i = s.offset; i < s.end(); ++i) ++owner[i];
      };
      if (t.default_prefix()) claim(*t.default_prefix());
      if (t.suiteb() != suiteb_prefix::none) {
        claim({t.suiteb_range().offset, static_cast<std::uint32_t>(t.nul_offset().value_or(
                                            static_cast<std::uint32_t>(input.size()))) -
                                            t.suiteb_range().offset});
      }
      for (const source_range s : t.separators()) claim(s);
      for (const rule& r : t.rules()) {
        claim(r.text);
        claim(r.tail);
      }
      if (t.nul_offset())
        claim({*t.nul_offset(), static_cast<std::uint32_t>(input.size()) - *t.nul_offset()});
      for (std::size_t i = 0; i < input.size(); ++i) {
        ASSERT_EQ(owner[i], 1) << "byte " << i << " of '" << input << "': " << dump(t);
      }
    }
  }
}

TEST(parser, parses_a_megabyte_without_trouble) {
  std::string input;
  while (input.size() < (1u << 20)) input += "ECDHE+AESGCM:!aNULL:";
  const tree t = parse(input);
  EXPECT_TRUE(t.ok());
  EXPECT_EQ(t.rules().size(), 2 * (input.size() / 20));
}

TEST(parser, grammar_has_no_rule_that_can_loop_without_consuming_input) {
  namespace g = cipherexplain::grammar;
  EXPECT_EQ((tao::pegtl::analyze<g::cipher_string<g::dialect_traits<true, false, false, true>>>(0)),
            0u);
  EXPECT_EQ(
      (tao::pegtl::analyze<g::cipher_string<g::dialect_traits<false, false, false, false>>>(0)),
      0u);
  EXPECT_EQ((tao::pegtl::analyze<g::cipher_string<g::dialect_traits<true, true, true, true>>>(0)),
            0u);
}

TEST(parser, parse_into_reuses_a_tree) {
  tree t = parse("A:B:C");
  parse_into(t, "!X");
  EXPECT_EQ(dump(t), "0:!X");
  EXPECT_TRUE(t.separators().empty());
}

TEST(parser, memory_bytes_counts_the_object_and_what_it_holds) {
  const tree small = parse("HIGH", dialect{});
  EXPECT_GE(small.memory_bytes(), sizeof(tree) + sizeof(rule) + sizeof(source_range));
  std::string long_text;
  for (int i = 0; i < 100; ++i) long_text += "ECDHE-RSA-AES128-GCM-SHA256:";
  const tree big = parse(long_text, dialect{});
  // The copied input, 100 rules, 100 words and 100 separators at least.
  EXPECT_GE(big.memory_bytes(),
            sizeof(tree) + long_text.size() + 100 * (sizeof(rule) + 2 * sizeof(source_range)));
}

}  // namespace
