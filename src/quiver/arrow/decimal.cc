#include "quiver/arrow/decimal.h"

#include <algorithm>

namespace quiver {

Int256 Int256::FromInt128(Int128 v) {
  Int256 out;
  auto u = static_cast<unsigned __int128>(v);
  out.words[0] = static_cast<uint64_t>(u);
  out.words[1] = static_cast<uint64_t>(u >> 64);
  uint64_t fill = v < 0 ? ~uint64_t{0} : 0;
  out.words[2] = fill;
  out.words[3] = fill;
  return out;
}

Int256 Int256::Negate() const {
  Int256 out;
  unsigned carry = 1;
  for (int i = 0; i < 4; ++i) {
    uint64_t w = ~words[i];
    out.words[i] = w + carry;
    carry = (carry && out.words[i] == 0) ? 1 : 0;
  }
  return out;
}

bool Int256::operator==(const Int256& o) const { return std::equal(words, words + 4, o.words); }

bool Int256::operator<(const Int256& o) const {
  if (is_negative() != o.is_negative()) return is_negative();
  for (int i = 3; i >= 0; --i) {
    if (words[i] != o.words[i]) return words[i] < o.words[i];
  }
  return false;
}

std::string Int256::ToString() const {
  bool neg = is_negative();
  Int256 mag = neg ? Negate() : *this;
  std::string digits;
  // Repeated division of the 256-bit magnitude by 10, most significant word first.
  while (mag.words[0] | mag.words[1] | mag.words[2] | mag.words[3]) {
    unsigned __int128 rem = 0;
    for (int i = 3; i >= 0; --i) {
      unsigned __int128 cur = (rem << 64) | mag.words[i];
      mag.words[i] = static_cast<uint64_t>(cur / 10);
      rem = cur % 10;
    }
    digits.push_back(static_cast<char>('0' + static_cast<int>(rem)));
  }
  if (digits.empty()) digits = "0";
  if (neg) digits.push_back('-');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

std::string Int128ToString(Int128 v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  auto mag = neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string digits;
  while (mag) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(mag % 10)));
    mag /= 10;
  }
  if (neg) digits.push_back('-');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

std::string FormatDecimal(const std::string& unscaled, int32_t scale) {
  bool neg = !unscaled.empty() && unscaled[0] == '-';
  std::string digits = neg ? unscaled.substr(1) : unscaled;
  if (scale <= 0) {
    if (digits != "0") digits.append(static_cast<size_t>(-scale), '0');
    return (neg ? "-" : "") + digits;
  }
  if (digits.size() <= static_cast<size_t>(scale)) {
    digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
  }
  digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  return (neg ? "-" : "") + digits;
}

std::string Decimal128ToString(Int128 unscaled, int32_t scale) {
  return FormatDecimal(Int128ToString(unscaled), scale);
}

std::string Decimal256ToString(const Int256& unscaled, int32_t scale) {
  return FormatDecimal(unscaled.ToString(), scale);
}

}  // namespace quiver
