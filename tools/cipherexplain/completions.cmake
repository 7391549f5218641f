# SPDX-License-Identifier: Apache-2.0
# Shell completion scripts, written by the program just built (`cipherexplain completions
# SHELL`) so that they list exactly its options, releases and presets, and installed where each
# shell's package-wide completions are looked up.
#
# Included from tools/cipherexplain/CMakeLists.txt it adds the rules; run with
# `cmake -DCLI=... -DSHELL_NAME=... -DOUTPUT=... -P completions.cmake` (as the rules do) it writes
# one script. A script is written to a temporary file first, so a failed run leaves no
# truncated script behind for the install to pick up.

if(CMAKE_SCRIPT_MODE_FILE)
  execute_process(COMMAND "${CLI}" completions "${SHELL_NAME}"
                  OUTPUT_FILE "${OUTPUT}.tmp"
                  ERROR_VARIABLE errors
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    file(REMOVE "${OUTPUT}.tmp")
    message(FATAL_ERROR "${CLI} completions ${SHELL_NAME} failed (${status}): ${errors}")
  endif()
  file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
  return()
endif()

set(cipherexplain_completions_dir "${PROJECT_BINARY_DIR}/completions")
set(cipherexplain_completion_files
    "${cipherexplain_completions_dir}/cipherexplain.bash"
    "${cipherexplain_completions_dir}/_cipherexplain"
    "${cipherexplain_completions_dir}/cipherexplain.fish")
set(commands "")
foreach(shell_and_file IN ITEMS "bash;cipherexplain.bash" "zsh;_cipherexplain"
                                "fish;cipherexplain.fish")
  list(GET shell_and_file 0 shell)
  list(GET shell_and_file 1 file)
  list(APPEND commands
       COMMAND "${CMAKE_COMMAND}" "-DCLI=$<TARGET_FILE:cipherexplain-cli>" "-DSHELL_NAME=${shell}"
               "-DOUTPUT=${cipherexplain_completions_dir}/${file}"
               -P "${CMAKE_CURRENT_LIST_FILE}")
endforeach()
add_custom_command(
  OUTPUT ${cipherexplain_completion_files}
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${cipherexplain_completions_dir}"
  ${commands}
  DEPENDS cipherexplain-cli "${CMAKE_CURRENT_LIST_FILE}"
  COMMENT "Writing the bash, zsh and fish completions of cipherexplain"
  VERBATIM)
add_custom_target(cipherexplain-completions ALL DEPENDS ${cipherexplain_completion_files})

if(CIPHEREXPLAIN_INSTALL)
  install(FILES "${cipherexplain_completions_dir}/cipherexplain.bash"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions"
          RENAME cipherexplain
          COMPONENT tool)
  install(FILES "${cipherexplain_completions_dir}/_cipherexplain"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions"
          COMPONENT tool)
  install(FILES "${cipherexplain_completions_dir}/cipherexplain.fish"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d"
          COMPONENT tool)
endif()
