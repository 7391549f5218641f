# SPDX-License-Identifier: Apache-2.0
# CPack: three Debian packages from the install components, as Debian itself would split them.
#   libcipherexplain0     library     libcipherexplain.so.0
#   libcipherexplain-dev  development headers, libcipherexplain.a, the .so link, CMake and
#                                     pkg-config files
#   cipherexplain         tool        the command (linked statically), its man pages,
#                                     completions and docs
# `cpack --config build/CPackConfig.cmake` writes them to build/packages/. Depends come from
# dpkg-shlibdeps, plus libssl3: catalog::system() loads its libcrypto.so.3 with dlopen, which
# dpkg-shlibdeps cannot see. tests/package/deb_test.py checks and installs them.
# A placeholder in the reserved .example domain (RFC 2606): whoever ships the packages sets
# theirs (-DCIPHEREXPLAIN_PACKAGE_CONTACT="Name <address>").
set(CIPHEREXPLAIN_PACKAGE_CONTACT "cipherexplain maintainers <maintainers@cipherexplain.example>"
    CACHE STRING "Maintainer field of the .deb packages")

set(CPACK_PACKAGE_NAME cipherexplain)
set(CPACK_PACKAGE_VENDOR "the cipherexplain authors")
set(CPACK_PACKAGE_CONTACT "${CIPHEREXPLAIN_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL library development tool)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

set(CPACK_DEBIAN_LIBRARY_PACKAGE_NAME libcipherexplain0)
set(CPACK_DEBIAN_LIBRARY_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIBRARY_PACKAGE_DEPENDS "libssl3")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_LIBRARY_PACKAGE_CONTROL_EXTRA "${PROJECT_SOURCE_DIR}/cmake/debian/triggers"
    "${PROJECT_SOURCE_DIR}/cmake/debian/postinst" "${PROJECT_SOURCE_DIR}/cmake/debian/postrm")
set(CPACK_DEBIAN_LIBRARY_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_COMPONENT_LIBRARY_DESCRIPTION
    "OpenSSL cipher strings explained - shared library\n"
    "The cipher tables of OpenSSL 1.0.1 to 4.0 as data, and an evaluator that\n"
    "returns what SSL_CTX_set_cipher_list() and SSL_CTX_get_ciphers() of each\n"
    "release return, with findings, ratings, TLS configurations, negotiation\n"
    "and configuration-file readers.")

set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libcipherexplain-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEVELOPMENT_DEPENDS library)
set(CPACK_COMPONENT_DEVELOPMENT_DESCRIPTION
    "OpenSSL cipher strings explained - development files\n"
    "Headers, the static library, and the CMake (find_package(cipherexplain))\n"
    "and pkg-config (cipherexplain.pc) files of libcipherexplain.")

set(CPACK_DEBIAN_TOOL_PACKAGE_NAME cipherexplain)
set(CPACK_DEBIAN_TOOL_PACKAGE_SECTION utils)
# The tool holds the library (linked statically) and, like it, loads libcrypto.so.3 for
# --openssl system.
set(CPACK_DEBIAN_TOOL_PACKAGE_DEPENDS "libssl3")
set(CPACK_COMPONENT_TOOL_DESCRIPTION
    "OpenSSL cipher strings explained - command-line tool\n"
    "cipherexplain shows exactly which cipher suites an OpenSSL cipher string\n"
    "selects, in order, on each OpenSSL release, and explains why; it simulates\n"
    "TLS configurations and handshakes and lints server configuration files.")

# Debian wants a copyright file and a changelog in each package's doc directory. They are
# installed only for the packages (EXCLUDE_FROM_ALL: not by a plain cmake --install).
string(TIMESTAMP cipherexplain_changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
foreach(component IN ITEMS library development tool)
  string(TOUPPER "${component}" upper)
  set(package "${CPACK_DEBIAN_${upper}_PACKAGE_NAME}")
  set(dir "${PROJECT_BINARY_DIR}/debian-doc/${package}")
  file(MAKE_DIRECTORY "${dir}")
  set(version "${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")
  set(contact "${CIPHEREXPLAIN_PACKAGE_CONTACT}")
  set(date "${cipherexplain_changelog_date}")
  configure_file("${PROJECT_SOURCE_DIR}/cmake/debian/changelog.template" "${dir}/changelog.Debian" @ONLY)
  execute_process(COMMAND gzip -9nf "${dir}/changelog.Debian" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "gzip failed on ${dir}/changelog.Debian")
  endif()
  install(FILES "${PROJECT_SOURCE_DIR}/cmake/debian/copyright" "${dir}/changelog.Debian.gz"
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${package} COMPONENT ${component}
          EXCLUDE_FROM_ALL)
endforeach()

include(CPack)
