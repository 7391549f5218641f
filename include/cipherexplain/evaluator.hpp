// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// Resolves a cipher string against a release: the ordered list OpenSSL's
/// SSL_CTX_set_cipher_list() + SSL_CTX_get_ciphers() produce, and whether the call succeeds.

#include <cipherexplain/build_options.hpp>
#include <cipherexplain/catalog.hpp>
#include <cipherexplain/cipher.hpp>
#include <cipherexplain/evaluation.hpp>
#include <cipherexplain/export.hpp>
#include <cipherexplain/syntax.hpp>

#include <memory>
#include <span>
#include <string_view>

namespace cipherexplain {

namespace detail {
struct evaluator_state;
}

/// A release prepared for fast evaluation: the cipher table collected and ordered, aliases and
/// DEFAULT precomputed. Cheap to copy (shared, immutable).
///
/// Thread safety: an evaluator and its copies may be used from any number of threads at once
/// (every member function is const and the shared state is immutable once built; the
/// nearest-name index built on the first unknown word is built once under std::call_once).
/// An evaluation object is not shared: each thread evaluates into its own. Checked under
/// ThreadSanitizer by the test evaluator.is_shared_by_threads.
class CIPHEREXPLAIN_API evaluator {
 public:
  /// Prepares a release with the given build options.
  /// @throws std::invalid_argument when check_build_options() rejects them
  /// @throws std::logic_error for a catalog the evaluator cannot model: one whose DEFAULT
  ///   string fails, or that collects more than 256 suites. Never for the embedded catalogs
  ///   (catalog_test prepares every one with every build option); only a hand-made catalog
  ///   can do it. evaluate() itself never throws but std::bad_alloc.
  explicit evaluator(const catalog& release, const build_options& options = {});

  /// Parses (with the release's dialect) and evaluates a cipher string.
  [[nodiscard]] evaluation evaluate(std::string_view cipher_string,
                                    detail_level detail = detail_level::findings) const;
  /// Evaluates a parsed string. A tree parsed with another dialect is parsed again first.
  [[nodiscard]] evaluation evaluate(const tree& parsed,
                                    detail_level detail = detail_level::findings) const;
  /// Same, with limits and suites to follow (--why).
  [[nodiscard]] evaluation evaluate(std::string_view cipher_string,
                                    const evaluate_options& options) const;
  [[nodiscard]] evaluation evaluate(const tree& parsed, const evaluate_options& options) const;
  /// Same, reusing the storage of `out`. With detail_level::result nothing is allocated once
  /// its vectors have grown.
  void evaluate_into(evaluation& out, const tree& parsed,
                     detail_level detail = detail_level::findings) const;
  void evaluate_into(evaluation& out, const tree& parsed, const evaluate_options& options) const;

  [[nodiscard]] const catalog& release() const noexcept;
  [[nodiscard]] const build_options& options() const noexcept;
  /// The suites a string can select, in the order OpenSSL's preference passes leave them
  /// (the order in which ALL appends them).
  [[nodiscard]] std::span<const cipher* const> preference_order() const noexcept;

 private:
  std::shared_ptr<const detail::evaluator_state> impl_;
};

}  // namespace cipherexplain
