// SPDX-License-Identifier: Apache-2.0
#pragma once
// The PEGTL grammar of OpenSSL cipher strings. Only lib/syntax/parse.cpp (and the
// grammar's own tests) include this header.
//
// The rules restate OpenSSL's tokenizer (ssl_cipher_process_rulestr): a rule is an optional
// operator and a name, or '+'-joined names, or '@' and a command word; rules are separated by
// ':' ',' ';' or space, and a rule that starts with an operator needs no separator before it.
// Where OpenSSL needs a name but finds none, the grammar records a zero-width `missing_name`
// instead of failing, so the tree keeps the position and the evaluator decides whether OpenSSL
// ever reaches it. Nothing here can fail on any input: the top rule consumes every byte.

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

// The grammar is internal to the library: hidden in every translation unit that includes it,
// the tests' default-visibility ones too, so no type here is more visible than another.
#pragma GCC visibility push(hidden)

namespace cipherexplain::grammar {

namespace pegtl = tao::pegtl;

// D is a dialect traits type with static constexpr bools: equals, underscore, case_insensitive,
// suiteb.

// clang-format off
struct separator : pegtl::one< ':', ',', ';', ' ' > {};
struct not_separator : pegtl::not_one< ':', ',', ';', ' ' > {};

// The bytes a name may hold, by dialect: letters, digits, '-' and '.', plus '=' (1.1.0+) and
// '_' (3.2+). Hidden by name as well: GCC gives a variable template's instantiations default
// visibility despite -fvisibility=hidden and the pragma, which would export them from
// libcipherexplain.so.
template< bool Equals, bool Underscore >
inline constexpr std::array< std::uint8_t, 256 > name_bytes [[gnu::visibility( "hidden" )]] = [] {
   std::array< std::uint8_t, 256 > t{};
   for( std::size_t c = 'A'; c <= 'Z'; ++c ) t[ c ] = t[ c - 'A' + 'a' ] = 1;
   for( std::size_t c = '0'; c <= '9'; ++c ) t[ c ] = 1;
   t[ '-' ] = t[ '.' ] = 1;
   t[ '=' ] = Equals ? 1 : 0;
   t[ '_' ] = Underscore ? 1 : 0;
   return t;
}();
inline constexpr std::array< std::uint8_t, 256 > non_separator_bytes = [] {
   std::array< std::uint8_t, 256 > t{};
   t.fill( 1 );
   t[ ':' ] = t[ ',' ] = t[ ';' ] = t[ ' ' ] = 0;
   return t;
}();

// A run of bytes from a table, as one primitive: names are most of every string, and matching
// them a byte at a time through plus<ranges<...>> cost 14 instructions per byte. Four bytes
// are tested per step while four remain.
template< const std::array< std::uint8_t, 256 >& Table, bool AtLeastOne >
struct byte_run
{
   using rule_t = byte_run;
   using subs_t = pegtl::empty_list;

   template< typename ParseInput >
   [[nodiscard]] static bool match( ParseInput& in ) noexcept
   {
      const auto* const begin = reinterpret_cast< const unsigned char* >( in.current() );
      const auto* const end = reinterpret_cast< const unsigned char* >( in.end() );
      const unsigned char* p = begin;
      while( end - p >= 4 && ( Table[ p[ 0 ] ] & Table[ p[ 1 ] ] & Table[ p[ 2 ] ] & Table[ p[ 3 ] ] ) != 0 ) p += 4;
      while( p != end && Table[ *p ] != 0 ) ++p;
      if( AtLeastOne && p == begin ) return false;
      in.bump( static_cast< std::size_t >( p - begin ) );
      return true;
   }
};

template< class D > struct word : byte_run< name_bytes< D::equals, D::underscore >, true > {};

// '-' removes, '+' moves to the end, '!' kills; one rule, so a rule costs one test here.
struct name_op : pegtl::one< '-', '+', '!' > {};
struct op_command : pegtl::one< '@' > {};

// Zero-width: the place where a name was required.
struct missing_name : pegtl::success {};
// Zero-width: a rule that starts with a byte that is neither operator, name nor separator.
struct junk_start : pegtl::at< not_separator > {};
// What OpenSSL discards up to the next separator.
struct tail : byte_run< non_separator_bytes, false > {};

struct chain_joiner : pegtl::one< '+' > {};
template< class D > struct chain_next : pegtl::seq< chain_joiner, pegtl::sor< word< D >, pegtl::seq< missing_name, tail > > > {};
template< class D > struct chain : pegtl::seq< word< D >, pegtl::star< chain_next< D > > > {};

template< class D > struct name_body : pegtl::sor< chain< D >, pegtl::seq< missing_name, tail > > {};
template< class D > struct stray : pegtl::seq< junk_start, missing_name, byte_run< non_separator_bytes, true > > {};
template< class D > struct command_rule : pegtl::seq< op_command, pegtl::sor< word< D >, missing_name >, tail > {};

// The first byte decides: an operator, a name, '@', or anything else (stray). Operators come
// before names because '-' is also a name byte; the common case, a name, is tried second.
template< class D > struct rule : pegtl::sor< pegtl::seq< name_op, name_body< D > >, chain< D >, command_rule< D >, stray< D > > {};

// A run of rules between separators: after a name chain the next byte may start another rule.
// (not_one fails at the end too, so one test stops the run at a separator or the end.)
template< class D > struct segment : pegtl::seq< rule< D >, pegtl::star< pegtl::at< not_separator >, rule< D > > > {};
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

namespace tao::pegtl {

// What pegtl::analyze needs to know of a run: whether it can succeed without consuming.
template <typename Name, const std::array<std::uint8_t, 256>& Table>
struct analyze_traits<Name, cipherexplain::grammar::byte_run<Table, true> > : analyze_any_traits<> {
};
template <typename Name, const std::array<std::uint8_t, 256>& Table>
struct analyze_traits<Name, cipherexplain::grammar::byte_run<Table, false> >
    : analyze_opt_traits<> {};

}  // namespace tao::pegtl

#pragma GCC visibility pop
