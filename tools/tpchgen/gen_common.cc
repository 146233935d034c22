#include "tpchgen/gen_common.h"

#include <array>

namespace quiver::tpchgen {
namespace {

struct DateTable {
  std::array<std::array<char, 10>, kTotalDays> text;
  DateTable() {
    static constexpr int kMonthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year = 1992, month = 0, day = 1;
    for (int i = 0; i < kTotalDays; ++i) {
      char* p = text[i].data();
      PutPadded(p, year, 4);
      p[4] = '-';
      PutPadded(p + 5, month + 1, 2);
      p[7] = '-';
      PutPadded(p + 8, day, 2);
      bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
      int days_in_month = kMonthDays[month] + (month == 1 && leap ? 1 : 0);
      if (++day > days_in_month) {
        day = 1;
        if (++month == 12) {
          month = 0;
          ++year;
        }
      }
    }
  }
};

// 64 characters indexed by six random bits.
constexpr char kAlphaNum[] = "0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,";

}  // namespace

std::string_view DateText(int day) {
  static const DateTable* table = new DateTable();
  return {table->text[day].data(), 10};
}

std::string_view RandomAlphaNum(char* buf, RandomStream* rng, int average_length) {
  int64_t min_len = static_cast<int64_t>(average_length * 0.4);
  int64_t max_len = static_cast<int64_t>(average_length * 1.6);
  int64_t len = rng->Next(min_len, max_len);
  int64_t bits = 0;
  for (int64_t i = 0; i < len; ++i) {
    // dbgen computes this draw's range, 2^31, in 32-bit arithmetic, where it
    // wraps to -2^31: the draw is negative and shifts arithmetically.
    if (i % 5 == 0) bits = rng->NextScaled(0, -2147483648.0);
    buf[i] = kAlphaNum[bits & 63];
    bits >>= 6;
  }
  return {buf, static_cast<size_t>(len)};
}

std::string_view Phone(char* buf, RandomStream* rng, int64_t nationkey) {
  int64_t area = rng->Next(100, 999);
  int64_t exchange = rng->Next(100, 999);
  int64_t number = rng->Next(1000, 9999);
  char* p = PutPadded(buf, 10 + nationkey % 90, 2);
  *p++ = '-';
  p = PutPadded(p, area, 3);
  *p++ = '-';
  p = PutPadded(p, exchange, 3);
  *p++ = '-';
  p = PutPadded(p, number, 4);
  return {buf, static_cast<size_t>(p - buf)};
}

}  // namespace quiver::tpchgen
