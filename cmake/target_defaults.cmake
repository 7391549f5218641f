# SPDX-License-Identifier: Apache-2.0
# Per-target defaults: the project's warning set (CIPHEREXPLAIN_WERROR turns it into errors, as
# CI does) and, with CIPHEREXPLAIN_SANITIZE, ASan + UBSan (with CIPHEREXPLAIN_TSAN, TSan). Per target rather than global so that
# helpers which must run under another C library's loader can stay uninstrumented.
function(cipherexplain_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wsign-conversion)
  if(CIPHEREXPLAIN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(CIPHEREXPLAIN_TSAN)
    target_compile_options(${target} PRIVATE -fsanitize=thread -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=thread)
  endif()
  if(CIPHEREXPLAIN_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=all
                                             -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
