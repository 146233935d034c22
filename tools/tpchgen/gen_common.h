// Pieces shared by the table generators: dbgen's fixed seeds and helpers.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "tpchgen/random.h"

namespace quiver::tpchgen {

// Dates: dbgen covers 1992-01-01 .. 1998-12-31 as day offsets from the start.
inline constexpr int kTotalDays = 2557;
inline constexpr int64_t kStartEpochDay = 8035;  // 1992-01-01
inline constexpr int kCurrentDay = 1263;         // 1995-06-17, dbgen's CURRENTDATE

/// "YYYY-MM-DD" of day offset `day` (0 = 1992-01-01).
std::string_view DateText(int day);

inline constexpr int kSuppPerPart = 4;
inline constexpr int kMaxLinesPerOrder = 7;

/// Retail price in cents of a part key (dbgen's rpb_routine).
inline int64_t RetailPrice(int64_t partkey) {
  return 90000 + ((partkey / 10) % 20001) + 100 * (partkey % 1000);
}

/// Supplier of the n-th (0..3) supplier slot of a part (dbgen's PART_SUPP_BRIDGE).
inline int64_t PartSupplier(int64_t partkey, int64_t n, int64_t suppliers) {
  return (partkey + n * (suppliers / kSuppPerPart + (partkey - 1) / suppliers)) % suppliers + 1;
}

/// Writes `value` as exactly `width` zero-padded digits; returns the end.
inline char* PutPadded(char* out, int64_t value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

/// `prefix` followed by `value` as 9 zero-padded digits ("Customer#000000001").
inline std::string_view KeyName(char* buf, std::string_view prefix, int64_t value) {
  std::memcpy(buf, prefix.data(), prefix.size());
  char* end = PutPadded(buf + prefix.size(), value, 9);
  return {buf, static_cast<size_t>(end - buf)};
}

/// dbgen's V_STR address: a length in [0.4 avg, 1.6 avg], then characters six
/// bits at a time, five per draw. `buf` needs 1.6 * avg bytes.
std::string_view RandomAlphaNum(char* buf, RandomStream* rng, int average_length);

/// dbgen's phone number "CC-AAA-EEE-NNNN" with country code 10 + nation key.
std::string_view Phone(char* buf, RandomStream* rng, int64_t nationkey);

}  // namespace quiver::tpchgen
