#include "normalize.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace quiver::slt {

std::string RoundPlainDecimal(std::string_view plain, int digits) {
  bool negative = false;
  size_t i = 0;
  if (i < plain.size() && (plain[i] == '-' || plain[i] == '+')) {
    negative = plain[i] == '-';
    ++i;
  }
  std::string int_part, frac_part;
  size_t dot = plain.find('.', i);
  if (dot == std::string_view::npos) {
    int_part = std::string(plain.substr(i));
  } else {
    int_part = std::string(plain.substr(i, dot - i));
    frac_part = std::string(plain.substr(dot + 1));
  }
  if (int_part.empty()) int_part = "0";
  if (static_cast<int>(frac_part.size()) > digits) {
    bool round_up = frac_part[digits] >= '5';
    frac_part.resize(digits);
    if (round_up) {
      // Propagate the carry through the fraction, then the integer part.
      std::string all = int_part + frac_part;
      int k = static_cast<int>(all.size()) - 1;
      while (k >= 0 && all[k] == '9') all[k--] = '0';
      if (k >= 0) {
        ++all[k];
      } else {
        all.insert(all.begin(), '1');
      }
      int_part = all.substr(0, all.size() - frac_part.size());
      frac_part = all.substr(all.size() - frac_part.size());
    }
  }
  while (!frac_part.empty() && frac_part.back() == '0') frac_part.pop_back();
  size_t nz = int_part.find_first_not_of('0');
  int_part = nz == std::string::npos ? "0" : int_part.substr(nz);
  std::string out;
  if (negative && !(int_part == "0" && frac_part.empty())) out.push_back('-');
  out += int_part;
  if (!frac_part.empty()) out += "." + frac_part;
  return out;
}

namespace {

template <typename F>
std::string FormatFloat(F v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  // Shortest round-trip digits come from scientific form; fixed form would
  // print every exact digit of large values (1e37 -> 99999999999999995...).
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  if (res.ec != std::errc()) return "NaN";
  std::string_view sci(buf, res.ptr - buf);
  bool negative = !sci.empty() && sci[0] == '-';
  if (negative) sci.remove_prefix(1);
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exp10 = e == std::string_view::npos ? 0 : std::atoi(std::string(sci.substr(e + 1)).c_str());
  // digits = d1 d2 d3 ... with the point after d1, times 10^exp10.
  int point = 1 + exp10;  // position of the decimal point within digits
  std::string plain;
  if (point <= 0) {
    plain = "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (static_cast<size_t>(point) >= digits.size()) {
    plain = digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    plain = digits.substr(0, point) + "." + digits.substr(point);
  }
  if (negative) plain.insert(plain.begin(), '-');
  return RoundPlainDecimal(plain);
}

}  // namespace

std::string FormatFloat64(double v) { return FormatFloat(v); }
std::string FormatFloat32(float v) { return FormatFloat(v); }

std::string FormatDecimalDigits(bool negative, std::string_view digits, int32_t scale) {
  std::string d(digits);
  if (d.empty()) d = "0";
  std::string plain;
  if (scale <= 0) {
    plain = d + std::string(static_cast<size_t>(-static_cast<int64_t>(scale)), '0');
  } else {
    size_t s = static_cast<size_t>(scale);
    if (d.size() <= s) d.insert(0, s - d.size() + 1, '0');
    plain = d.substr(0, d.size() - s) + "." + d.substr(d.size() - s);
  }
  if (negative) plain.insert(plain.begin(), '-');
  return RoundPlainDecimal(plain);
}

std::string FormatDecimal128(__int128 unscaled, int32_t scale) {
  bool negative = unscaled < 0;
  // Through unsigned so that the most negative value has a magnitude too.
  unsigned __int128 mag = negative ? ~static_cast<unsigned __int128>(unscaled) + 1
                                   : static_cast<unsigned __int128>(unscaled);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(mag % 10)));
    mag /= 10;
  } while (mag != 0);
  return FormatDecimalDigits(negative, std::string(digits.rbegin(), digits.rend()), scale);
}

std::string FormatText(std::string_view s) {
  // Only a truly empty string is "(empty)"; "\n" prints as nothing, as in the corpus.
  if (s.empty()) return "(empty)";
  while (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  return std::string(s);
}

}  // namespace quiver::slt
