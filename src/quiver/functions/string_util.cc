#include "quiver/functions/string_util.h"

#include <locale.h>
#include <clocale>
#include <cwctype>

namespace quiver::functions {

int64_t Utf8Length(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

size_t Utf8Advance(std::string_view s, int64_t chars) {
  size_t pos = 0;
  while (chars > 0 && pos < s.size()) {
    ++pos;
    while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
    --chars;
  }
  return pos;
}

uint32_t Utf8Decode(std::string_view s, size_t* pos) {
  auto c = static_cast<unsigned char>(s[*pos]);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (*pos + extra >= s.size() + (extra ? 0 : 1) && extra) extra = 0;
  uint32_t cp = extra == 0 ? c : c & (0x3F >> extra);
  ++*pos;
  for (int k = 0; k < extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[(*pos)++]) & 0x3F);
  return cp;
}

// Case mapping uses the C library's Unicode tables through a private UTF-8
// locale object, so the process locale is never touched.
static locale_t Utf8Locale() {
  static locale_t loc = [] {
    locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    return l;
  }();
  return loc;
}

uint32_t ToLowerCp(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  locale_t l = Utf8Locale();
  return l ? static_cast<uint32_t>(towlower_l(static_cast<wint_t>(cp), l)) : cp;
}

uint32_t ToUpperCp(uint32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
  locale_t l = Utf8Locale();
  return l ? static_cast<uint32_t>(towupper_l(static_cast<wint_t>(cp), l)) : cp;
}

bool IsAlnumCp(uint32_t cp) {
  if (cp < 0x80) return std::isalnum(static_cast<int>(cp)) != 0;
  locale_t l = Utf8Locale();
  return l ? iswalnum_l(static_cast<wint_t>(cp), l) != 0 : false;
}

std::vector<uint32_t> Utf8CodePoints(std::string_view s) {
  std::vector<uint32_t> out;
  size_t pos = 0;
  while (pos < s.size()) out.push_back(Utf8Decode(s, &pos));
  return out;
}

}  // namespace quiver::functions
