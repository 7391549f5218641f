# SPDX-License-Identifier: Apache-2.0
# Installs both libraries, the headers, the CMake package (find_package(cipherexplain)) and
# cipherexplain.pc. Components: `library` is what a program needs at run time (the shared
# object), `development` what building against it needs.
include(CMakePackageConfigHelpers)

set(cipherexplain_library_targets cipherexplain_static)
if(TARGET cipherexplain_shared)
  list(APPEND cipherexplain_library_targets cipherexplain_shared)
endif()
install(TARGETS ${cipherexplain_library_targets} EXPORT cipherexplain-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT library
                NAMELINK_COMPONENT development)
install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development
        FILES_MATCHING PATTERN "*.hpp" PATTERN "*.def")
install(FILES "${PROJECT_BINARY_DIR}/include/cipherexplain/version.hpp"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/cipherexplain COMPONENT development)
install(EXPORT cipherexplain-targets NAMESPACE cipherexplain::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/cipherexplain COMPONENT development)
configure_package_config_file(cmake/cipherexplain-config.cmake.in
  "${PROJECT_BINARY_DIR}/cipherexplain-config.cmake"
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/cipherexplain)
write_basic_package_version_file("${PROJECT_BINARY_DIR}/cipherexplain-config-version.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/cipherexplain-config.cmake"
              "${PROJECT_BINARY_DIR}/cipherexplain-config-version.cmake"
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/cipherexplain COMPONENT development)

# pkg-config: relative to the .pc file, so a prefix can be moved (or be DESTDIR'ed) whole.
# `pkg-config --static` adds Libs.private for linking libcipherexplain.a.
file(RELATIVE_PATH cipherexplain_pc_prefix "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" cipherexplain_pc_prefix "${cipherexplain_pc_prefix}")
set(cipherexplain_pc_libs_private "")
foreach(lib IN LISTS CMAKE_DL_LIBS)
  string(APPEND cipherexplain_pc_libs_private " -l${lib}")
endforeach()
string(STRIP "${cipherexplain_pc_libs_private}" cipherexplain_pc_libs_private)
configure_file(cmake/cipherexplain.pc.in "${PROJECT_BINARY_DIR}/cipherexplain.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/cipherexplain.pc"
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT development)
