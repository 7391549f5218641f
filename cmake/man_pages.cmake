# SPDX-License-Identifier: Apache-2.0
# Writes the man pages from the built tool's own --help (cmake -P, at build time): cipherexplain.1
# and one cipherexplain-<subcommand>.1 per subcommand the help lists, so they never disagree
# with the tool. help2man reads `--help`; a subcommand is run through a one-line wrapper named
# after its page. The pages are gzipped (-n: no name or time stamp, so builds are reproducible).
#   -DCLI=path -DHELP2MAN=path -DOUTPUT_DIR=dir -DVERSION=x.y.z -DSTAMP=file
foreach(var CLI HELP2MAN OUTPUT_DIR VERSION STAMP)
  if(NOT ${var})
    message(FATAL_ERROR "man_pages.cmake: ${var} is not set")
  endif()
endforeach()

execute_process(COMMAND "${CLI}" --help OUTPUT_VARIABLE help RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${CLI} --help failed (${status})")
endif()

# CLI11 lists subcommands under "SUBCOMMANDS:" (or "Subcommands:"), one per line:
# two spaces, the name, its description.
string(REPLACE ";" "\\;" help "${help}")
string(REPLACE "\n" ";" help_lines "${help}")
set(in_subcommands FALSE)
set(subcommands "")
foreach(line IN LISTS help_lines)
  if(line MATCHES "^(SUBCOMMANDS|Subcommands):")
    set(in_subcommands TRUE)
  elseif(in_subcommands AND line MATCHES "^  ([a-z][a-z0-9-]*)( +(.*))?$")
    list(APPEND subcommands "${CMAKE_MATCH_1}")
    set(summary_${CMAKE_MATCH_1} "${CMAKE_MATCH_3}")
  elseif(in_subcommands AND NOT line MATCHES "^ ")
    set(in_subcommands FALSE)
  endif()
endforeach()
if(NOT subcommands)
  message(FATAL_ERROR "no subcommands found in ${CLI} --help")
endif()

file(REMOVE_RECURSE "${OUTPUT_DIR}")
file(MAKE_DIRECTORY "${OUTPUT_DIR}/wrappers")

set(see_also "")
foreach(sub IN LISTS subcommands)
  list(APPEND see_also "\\fBcipherexplain-${sub}\\fR(1)")
endforeach()
list(JOIN see_also ",\n" see_also)
file(WRITE "${OUTPUT_DIR}/wrappers/main.h2m"
     "[SEE ALSO]\n${see_also}\n\nThe documentation in /usr/share/doc/cipherexplain (README.md, docs/).\n")
file(WRITE "${OUTPUT_DIR}/wrappers/sub.h2m"
     "[SEE ALSO]\n\\fBcipherexplain\\fR(1): the default command, the cipher-string syntax, the releases and\nthe exit status.\n")

function(write_page program name include page)
  execute_process(
    COMMAND "${HELP2MAN}" --no-info --no-discard-stderr --section=1
            "--version-string=${VERSION}" "--source=cipherexplain ${VERSION}"
            "--name=${name}" "--include=${include}" --output=${OUTPUT_DIR}/${page} "${program}"
    RESULT_VARIABLE status ERROR_VARIABLE errors)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "help2man failed for ${page}: ${errors}")
  endif()
  execute_process(COMMAND gzip -9nf "${OUTPUT_DIR}/${page}" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "gzip failed for ${page}")
  endif()
endfunction()

write_page("${CLI}" "what an OpenSSL cipher string really selects, release by release"
           "${OUTPUT_DIR}/wrappers/main.h2m" "cipherexplain.1")
foreach(sub IN LISTS subcommands)
  set(wrapper "${OUTPUT_DIR}/wrappers/cipherexplain-${sub}")
  file(WRITE "${wrapper}" "#!/bin/sh\nexec '${CLI}' ${sub} \"$@\"\n")
  file(CHMOD "${wrapper}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  set(summary "${summary_${sub}}")
  if(NOT summary)
    set(summary "the ${sub} subcommand of cipherexplain")
  endif()
  string(REGEX REPLACE "\\.$" "" summary "${summary}")
  write_page("${wrapper}" "${summary}" "${OUTPUT_DIR}/wrappers/sub.h2m" "cipherexplain-${sub}.1")
endforeach()
file(REMOVE_RECURSE "${OUTPUT_DIR}/wrappers")
list(LENGTH subcommands count)
math(EXPR count "${count} + 1")
file(WRITE "${STAMP}" "${count} pages: cipherexplain ${subcommands}\n")
