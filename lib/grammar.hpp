#pragma once
// The PEGTL grammar of OpenSSL cipher strings. Only lib/parse.cpp includes this header.
//
// The rules restate OpenSSL's tokenizer (ssl_cipher_process_rulestr): a rule is an optional
// operator and a name, or '+'-joined names, or '@' and a command word; rules are separated by
// ':' ',' ';' or space, and a rule that starts with an operator needs no separator before it.
// Where OpenSSL needs a name but finds none, the grammar records a zero-width `missing_name`
// instead of failing, so the tree keeps the position and the evaluator decides whether OpenSSL
// ever reaches it. Nothing here can fail on any input: the top rule consumes every byte.

#include <tao/pegtl.hpp>

namespace cipherexplain::grammar {

namespace pegtl = tao::pegtl;

// D is a dialect traits type with static constexpr bools: equals, underscore, case_insensitive,
// suiteb.

// clang-format off
struct separator : pegtl::one< ':', ',', ';', ' ' > {};
struct not_separator : pegtl::not_one< ':', ',', ';', ' ' > {};

// '-' and '.' are adjacent in ASCII, so the range '-'..'.' holds exactly those two.
template< bool Equals, bool Underscore > struct name_char_set;
template<> struct name_char_set< false, false > : pegtl::ranges< 'A', 'Z', 'a', 'z', '0', '9', '-', '.' > {};
template<> struct name_char_set< true, false > : pegtl::ranges< 'A', 'Z', 'a', 'z', '0', '9', '-', '.', '=' > {};
template<> struct name_char_set< true, true > : pegtl::ranges< 'A', 'Z', 'a', 'z', '0', '9', '-', '.', '=', '=', '_' > {};
template<> struct name_char_set< false, true > : pegtl::ranges< 'A', 'Z', 'a', 'z', '0', '9', '-', '.', '_' > {};

template< class D > struct name_char : name_char_set< D::equals, D::underscore > {};
template< class D > struct word : pegtl::plus< name_char< D > > {};

struct op_remove : pegtl::one< '-' > {};
struct op_move_to_end : pegtl::one< '+' > {};
struct op_kill : pegtl::one< '!' > {};
struct op_command : pegtl::one< '@' > {};
struct name_op : pegtl::sor< op_remove, op_move_to_end, op_kill > {};

// Zero-width: the place where a name was required.
struct missing_name : pegtl::success {};
// Zero-width: a rule that starts with a byte that is neither operator, name nor separator.
struct junk_start : pegtl::at< not_separator > {};
// What OpenSSL discards up to the next separator.
struct tail : pegtl::star< not_separator > {};

struct chain_joiner : pegtl::one< '+' > {};
template< class D > struct chain_next : pegtl::seq< chain_joiner, pegtl::sor< word< D >, pegtl::seq< missing_name, tail > > > {};
template< class D > struct chain : pegtl::seq< word< D >, pegtl::star< chain_next< D > > > {};

template< class D > struct name_body : pegtl::sor< chain< D >, pegtl::seq< missing_name, tail > > {};
template< class D > struct stray : pegtl::seq< junk_start, missing_name, pegtl::plus< not_separator > > {};
template< class D > struct names_rule : pegtl::sor< pegtl::seq< name_op, name_body< D > >, chain< D >, stray< D > > {};
template< class D > struct command_rule : pegtl::seq< op_command, pegtl::sor< word< D >, missing_name >, tail > {};

struct rule_begin : pegtl::success {};
template< class D > struct rule : pegtl::seq< rule_begin, pegtl::sor< command_rule< D >, names_rule< D > > > {};

// A run of rules between separators: after a name chain the next byte may start another rule.
template< class D > struct segment : pegtl::seq< rule< D >, pegtl::star< pegtl::not_at< separator >, pegtl::not_at< pegtl::eof >, rule< D > > > {};
template< class D > struct rule_list : pegtl::star< pegtl::sor< separator, segment< D > > > {};

template< bool CaseInsensitive, char... Cs > struct keyword;
template< char... Cs > struct keyword< false, Cs... > : pegtl::string< Cs... > {};
template< char... Cs > struct keyword< true, Cs... > : pegtl::istring< Cs... > {};

// OpenSSL compares only these 7 bytes: "DEFAULTX" is DEFAULT followed by the rule "X".
template< class D > struct default_keyword : keyword< D::case_insensitive, 'D', 'E', 'F', 'A', 'U', 'L', 'T' > {};
template< class D > struct default_prefix : pegtl::seq< default_keyword< D >, pegtl::opt< pegtl::one< ':' > > > {};

// Tested in this order by OpenSSL; each is a prefix test, and the rest of the string is unused.
template< class D > struct suiteb_128_only : keyword< D::case_insensitive, 'S', 'U', 'I', 'T', 'E', 'B', '1', '2', '8', 'O', 'N', 'L', 'Y' > {};
template< class D > struct suiteb_128_c2 : keyword< D::case_insensitive, 'S', 'U', 'I', 'T', 'E', 'B', '1', '2', '8', 'C', '2' > {};
template< class D > struct suiteb_128 : keyword< D::case_insensitive, 'S', 'U', 'I', 'T', 'E', 'B', '1', '2', '8' > {};
template< class D > struct suiteb_192 : keyword< D::case_insensitive, 'S', 'U', 'I', 'T', 'E', 'B', '1', '9', '2' > {};
template< class D > struct suiteb_keyword : pegtl::sor< suiteb_128_only< D >, suiteb_128_c2< D >, suiteb_128< D >, suiteb_192< D > > {};
struct replaced_text : pegtl::star< pegtl::any > {};
template< class D > struct suiteb_string : pegtl::seq< suiteb_keyword< D >, replaced_text > {};

template< class D > struct plain_string : pegtl::seq< pegtl::opt< default_prefix< D > >, rule_list< D > > {};
template< class D, bool SuiteB = D::suiteb > struct cipher_string_body : plain_string< D > {};
template< class D > struct cipher_string_body< D, true > : pegtl::sor< suiteb_string< D >, plain_string< D > > {};

/// The whole input (up to the first NUL byte, which the caller cuts off).
template< class D > struct cipher_string : pegtl::seq< cipher_string_body< D >, pegtl::eof > {};
// clang-format on

/// Compile-time dialect flags.
template <bool Equals, bool Underscore, bool CaseInsensitive, bool SuiteB>
struct dialect_traits {
  static constexpr bool equals = Equals;
  static constexpr bool underscore = Underscore;
  static constexpr bool case_insensitive = CaseInsensitive;
  static constexpr bool suiteb = SuiteB;
};

}  // namespace cipherexplain::grammar
