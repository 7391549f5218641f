# SPDX-License-Identifier: Apache-2.0
# The library and the tool as users get them (ctest -L package): installed to a prefix under
# the build tree, then used from there by consumers that see no PEGTL or fmt
# (tests/package/consumers.py), the shared library's exports checked, the installed tool, its
# man pages and completions run, and the .deb packages built, inspected and installed into a
# fresh root (tests/package/deb_test.py).
if(NOT CIPHEREXPLAIN_INSTALL OR NOT CIPHEREXPLAIN_BUILD_TOOLS OR NOT TARGET cipherexplain_shared)
  return()
endif()

set(package_dir "${CMAKE_CURRENT_BINARY_DIR}/package")
set(package_prefix "${package_dir}/prefix")
set(package_example "${CMAKE_CURRENT_BINARY_DIR}/readme_example.cpp")
set(package_driver "${CMAKE_CURRENT_SOURCE_DIR}/package/consumers.py")
set(package_common --example "${package_example}" --readme "${PROJECT_SOURCE_DIR}/README.md")

# A consumer of a sanitized build links the same runtime; otherwise it gets no extra flags.
set(package_env "CXX=${CMAKE_CXX_COMPILER}")
if(CIPHEREXPLAIN_SANITIZE)
  list(APPEND package_env "CXXFLAGS=-fsanitize=address,undefined" "LDFLAGS=-fsanitize=address,undefined")
endif()

add_test(NAME package_exports
         COMMAND Python3::Interpreter "${CMAKE_CURRENT_SOURCE_DIR}/package/check_exports.py"
                 "$<TARGET_FILE:cipherexplain_shared>" "$<TARGET_FILE:cipherexplain_static>" 0)

add_test(NAME package_install
         COMMAND sh -c "rm -rf \"$1\" && \"$2\" --install \"$3\" --prefix \"$1\"" sh
                 "${package_prefix}" "${CMAKE_COMMAND}" "${PROJECT_BINARY_DIR}")
set_tests_properties(package_install PROPERTIES FIXTURES_SETUP package_prefix)

foreach(target IN ITEMS cipherexplain cipherexplain_static)
  add_test(NAME package_find_package_${target}
           COMMAND Python3::Interpreter "${package_driver}" find-package
                   --prefix "${package_prefix}" --target cipherexplain::${target}
                   --work "${package_dir}/find_package_${target}" ${package_common})
  set_tests_properties(package_find_package_${target} PROPERTIES FIXTURES_REQUIRED package_prefix
                       ENVIRONMENT "${package_env}")
endforeach()

foreach(kind IN ITEMS shared static)
  set(static_flag "")
  if(kind STREQUAL "static")
    set(static_flag --static)
  endif()
  add_test(NAME package_pkg_config_${kind}
           COMMAND Python3::Interpreter "${package_driver}" pkg-config ${static_flag}
                   --prefix "${package_prefix}" --libdir "${CMAKE_INSTALL_LIBDIR}"
                   --work "${package_dir}/pkg_config_${kind}" ${package_common})
  set_tests_properties(package_pkg_config_${kind} PROPERTIES FIXTURES_REQUIRED package_prefix
                       ENVIRONMENT "${package_env}")
endforeach()

# As a subproject the library is compiled again, from source, with the parent's settings (no
# build type: -O0, no sanitizer): nothing of this build is used, so the sanitizer builds skip it
# rather than compile the library a fourth time.
if(NOT CIPHEREXPLAIN_SANITIZE)
  add_test(NAME package_subdirectory
           COMMAND Python3::Interpreter "${package_driver}" subdirectory
                   --source "${PROJECT_SOURCE_DIR}" --work "${package_dir}/subdirectory"
                   ${package_common})
  # The slowest test (the library compiled again, ~95 s): a high COST starts it first, beside
  # the others, rather than alone at the end.
  set_tests_properties(package_subdirectory PROPERTIES ENVIRONMENT "CXX=${CMAKE_CXX_COMPILER}"
                       TIMEOUT 900 COST 10000)
endif()

add_test(NAME package_installed_cli
         COMMAND Python3::Interpreter "${CMAKE_CURRENT_SOURCE_DIR}/package/installed_cli.py"
                 --prefix "${package_prefix}" --bindir "${CMAKE_INSTALL_BINDIR}"
                 --libdir "${CMAKE_INSTALL_LIBDIR}" --mandir "${CMAKE_INSTALL_MANDIR}"
                 --datadir "${CMAKE_INSTALL_DATADIR}" --docdir "${CMAKE_INSTALL_DOCDIR}"
                 --build-cli "$<TARGET_FILE:cipherexplain-cli>" --work "${package_dir}/installed_cli")
set_tests_properties(package_installed_cli PROPERTIES FIXTURES_REQUIRED package_prefix)

set_tests_properties(package_exports package_install package_find_package_cipherexplain
                     package_find_package_cipherexplain_static package_pkg_config_shared
                     package_pkg_config_static package_installed_cli PROPERTIES LABELS package)
if(TEST package_subdirectory)
  set_tests_properties(package_subdirectory PROPERTIES LABELS package)
endif()

# The .deb packages: cpack, dpkg-deb, lintian, dpkg -i into a fresh root. Not in the sanitizer
# builds: a package of an instrumented build is not one anybody installs.
if(NOT CIPHEREXPLAIN_SANITIZE AND NOT CIPHEREXPLAIN_TSAN)
  add_test(NAME package_deb
           COMMAND Python3::Interpreter "${CMAKE_CURRENT_SOURCE_DIR}/package/deb_test.py"
                   --build "${PROJECT_BINARY_DIR}" --work "${package_dir}/deb"
                   --version "${PROJECT_VERSION}")
  # cpack installs every component again and runs dpkg-shlibdeps: alone, so the others keep
  # their cores.
  set_tests_properties(package_deb PROPERTIES LABELS package RUN_SERIAL ON TIMEOUT 900)
endif()
