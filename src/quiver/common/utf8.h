// UTF-8 encoding of single code points, shared by the JSON parsers and the
// string functions.
#pragma once

#include <cstdint>
#include <string>

namespace quiver {

/// Appends the UTF-8 bytes of code point `cp` (at most U+10FFFF).
void AppendUtf8(uint32_t cp, std::string* out);

}  // namespace quiver
