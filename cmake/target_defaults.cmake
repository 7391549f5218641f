# The project's warning set; CIPHEREXPLAIN_WERROR turns it into errors (as CI does).
function(cipherexplain_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wsign-conversion)
  if(CIPHEREXPLAIN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
