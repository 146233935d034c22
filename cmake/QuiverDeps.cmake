# Every dependency comes from a Debian 12 -dev package (scripts/install-deps.sh).
find_package(ZLIB REQUIRED)
find_package(BZip2 REQUIRED)
find_package(LibLZMA REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(LZ4 REQUIRED IMPORTED_TARGET liblz4)
pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET libbrotlidec libbrotlienc)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
find_package(OpenSSL REQUIRED)
find_library(SNAPPY_LIB snappy REQUIRED)
find_library(READLINE_LIB readline REQUIRED)
find_path(FAST_FLOAT_INCLUDE fast_float/fast_float.h REQUIRED)

set(QUIVER_SHARED_DIR "${PROJECT_SOURCE_DIR}/../shared" CACHE PATH
    "Read-only shared test data (datafusion-tests, tpch, peers)")
get_filename_component(QUIVER_SHARED_DIR "${QUIVER_SHARED_DIR}" ABSOLUTE)
