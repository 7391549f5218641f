// SPDX-License-Identifier: Apache-2.0
// A stand-in libcrypto for tests of catalog::system(): it answers OpenSSL_version_num() and
// OpenSSL_version() as the compile definitions say (a NULL text for a broken library).

extern "C" {

unsigned long OpenSSL_version_num() { return STUB_VERSION_NUMBER; }

const char* OpenSSL_version(int /*type*/) { return STUB_VERSION_TEXT; }
}
