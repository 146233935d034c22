#include "quiver/functions/chrono_format.h"

#include <cctype>
#include <optional>

#include "quiver/arrow/temporal.h"

namespace quiver::functions {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;

const char* const kMonths[] = {"January",   "February", "March",    "April",
                               "May",       "June",     "July",     "August",
                               "September", "October",  "November", "December"};
const char* const kWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday"};

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int Weekday(int64_t days) { return static_cast<int>(((days % 7) + 7 + 4) % 7); }  // Sunday = 0

/// ISO 8601 week number and week-based year.
void IsoWeek(int64_t days, int64_t* iso_year, int* week) {
  int64_t monday_based = (Weekday(days) + 6) % 7;
  int64_t thursday = days - monday_based + 3;
  temporal::CivilDate ty = temporal::CivilFromDays(thursday);
  *iso_year = ty.year;
  *week = static_cast<int>((thursday - temporal::DaysFromCivil(ty.year, 1, 1)) / 7 + 1);
}

void AppendNum(std::string* out, int64_t v, int width, char pad) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  if (v < 0) out->push_back('-');
  for (int i = static_cast<int>(digits.size()); i < width; ++i) {
    if (pad) out->push_back(pad);
  }
  out->append(digits);
}

void AppendOffset(std::string* out, int32_t offset, bool colon) {
  out->push_back(offset < 0 ? '-' : '+');
  int32_t a = offset < 0 ? -offset : offset;
  AppendNum(out, a / 3600, 2, '0');
  if (colon) out->push_back(':');
  AppendNum(out, (a / 60) % 60, 2, '0');
}

void AppendFraction(std::string* out, int64_t nanos, int digits, bool dot) {
  if (digits == 0) {  // automatic: 0, 3, 6 or 9 digits
    if (nanos == 0) return;
    digits = nanos % 1'000'000 == 0 ? 3 : nanos % 1'000 == 0 ? 6 : 9;
  }
  if (dot) out->push_back('.');
  int64_t v = nanos;
  for (int d = digits; d < 9; ++d) v /= 10;
  AppendNum(out, v, digits, '0');
}

}  // namespace

DateTimeFields FieldsFromUtcNanos(int64_t utc_nanos, int32_t offset_seconds) {
  DateTimeFields f;
  int64_t secs = FloorDiv(utc_nanos, kNanosPerSecond);
  f.nanos = utc_nanos - secs * kNanosPerSecond;
  int64_t local = secs + offset_seconds;
  f.days = FloorDiv(local, kSecondsPerDay);
  int64_t tod = local - f.days * kSecondsPerDay;
  temporal::CivilDate c = temporal::CivilFromDays(f.days);
  f.year = c.year;
  f.month = c.month;
  f.day = c.day;
  f.hour = static_cast<int32_t>(tod / 3600);
  f.minute = static_cast<int32_t>((tod / 60) % 60);
  f.second = static_cast<int32_t>(tod % 60);
  f.offset_seconds = offset_seconds;
  return f;
}

bool FormatDateTime(std::string_view fmt, const DateTimeFields& f, std::string* out) {
  for (size_t i = 0; i < fmt.size(); ++i) {
    char ch = fmt[i];
    if (ch != '%') {
      out->push_back(ch);
      continue;
    }
    if (++i >= fmt.size()) return false;
    // Padding modifiers: '-' none, '_' spaces, '0' zeros.
    std::optional<char> pad;
    if (fmt[i] == '-' || fmt[i] == '_' || fmt[i] == '0') {
      pad = fmt[i] == '-' ? '\0' : fmt[i] == '_' ? ' ' : '0';
      if (++i >= fmt.size()) return false;
    }
    auto num = [&](int64_t v, int width, char def) { AppendNum(out, v, width, pad.value_or(def)); };
    int hour12 = f.hour % 12 == 0 ? 12 : f.hour % 12;
    int64_t yday = f.days - temporal::DaysFromCivil(f.year, 1, 1);
    int wday = Weekday(f.days);
    switch (fmt[i]) {
      case 'Y': num(f.year, 4, '0'); break;
      case 'C': num(FloorDiv(f.year, 100), 2, '0'); break;
      case 'y': num(((f.year % 100) + 100) % 100, 2, '0'); break;
      case 'm': num(f.month, 2, '0'); break;
      case 'b':
      case 'h': out->append(kMonths[f.month - 1], 3); break;
      case 'B': out->append(kMonths[f.month - 1]); break;
      case 'd': num(f.day, 2, '0'); break;
      case 'e': num(f.day, 2, ' '); break;
      case 'a': out->append(kWeekdays[wday], 3); break;
      case 'A': out->append(kWeekdays[wday]); break;
      case 'w': num(wday, 1, '0'); break;
      case 'u': num(wday == 0 ? 7 : wday, 1, '0'); break;
      case 'U': num((yday + 7 - wday) / 7, 2, '0'); break;
      case 'W': num((yday + 7 - (wday + 6) % 7) / 7, 2, '0'); break;
      case 'G':
      case 'g':
      case 'V': {
        int64_t iso_year;
        int week;
        IsoWeek(f.days, &iso_year, &week);
        if (fmt[i] == 'V') {
          num(week, 2, '0');
        } else if (fmt[i] == 'G') {
          num(iso_year, 4, '0');
        } else {
          num(((iso_year % 100) + 100) % 100, 2, '0');
        }
        break;
      }
      case 'j': num(yday + 1, 3, '0'); break;
      case 'D':
      case 'x': FormatDateTime("%m/%d/%y", f, out); break;
      case 'F': FormatDateTime("%Y-%m-%d", f, out); break;
      case 'v': FormatDateTime("%e-%b-%Y", f, out); break;
      case 'H': num(f.hour, 2, '0'); break;
      case 'k': num(f.hour, 2, ' '); break;
      case 'I': num(hour12, 2, '0'); break;
      case 'l': num(hour12, 2, ' '); break;
      case 'P': out->append(f.hour < 12 ? "am" : "pm"); break;
      case 'p': out->append(f.hour < 12 ? "AM" : "PM"); break;
      case 'M': num(f.minute, 2, '0'); break;
      case 'S': num(f.second, 2, '0'); break;
      case 'f': AppendFraction(out, f.nanos, 9, false); break;
      case '.': {
        // %.f, %.3f, %.6f, %.9f
        if (i + 1 < fmt.size() && fmt[i + 1] == 'f') {
          AppendFraction(out, f.nanos, 0, true);
          i += 1;
        } else if (i + 2 < fmt.size() && fmt[i + 2] == 'f' &&
                   (fmt[i + 1] == '3' || fmt[i + 1] == '6' || fmt[i + 1] == '9')) {
          AppendFraction(out, f.nanos, fmt[i + 1] - '0', true);
          i += 2;
        } else {
          return false;
        }
        break;
      }
      case '3':
      case '6':
      case '9':
        if (i + 1 >= fmt.size() || fmt[i + 1] != 'f') return false;
        AppendFraction(out, f.nanos, fmt[i] - '0', false);
        i += 1;
        break;
      case 'R': FormatDateTime("%H:%M", f, out); break;
      case 'T':
      case 'X': FormatDateTime("%H:%M:%S", f, out); break;
      case 'r': FormatDateTime("%I:%M:%S %p", f, out); break;
      case 'Z': AppendOffset(out, f.offset_seconds, true); break;
      case 'z': AppendOffset(out, f.offset_seconds, false); break;
      case ':':
        if (i + 1 >= fmt.size() || fmt[i + 1] != 'z') return false;
        AppendOffset(out, f.offset_seconds, true);
        i += 1;
        break;
      case '#':
        if (i + 1 >= fmt.size() || fmt[i + 1] != 'z') return false;
        AppendOffset(out, f.offset_seconds, false);
        i += 1;
        break;
      case 'c': FormatDateTime("%a %b %e %H:%M:%S %Y", f, out); break;
      case '+': FormatDateTime("%Y-%m-%dT%H:%M:%S%.f%:z", f, out); break;
      case 's':
        num(f.days * kSecondsPerDay + f.hour * 3600 + f.minute * 60 + f.second - f.offset_seconds,
            1, '0');
        break;
      case 't': out->push_back('\t'); break;
      case 'n': out->push_back('\n'); break;
      case '%': out->push_back('%'); break;
      default: return false;
    }
  }
  return true;
}

// ---------------- parsing ----------------

namespace {

struct Parsed {
  std::optional<int64_t> year, month, day, ordinal, hour, hour12, minute, second, epoch;
  int64_t nanos = 0;
  std::optional<bool> pm;
  std::optional<int32_t> offset;
};

Status Invalid() { return Status::Execution("input contains invalid characters"); }
Status BadFormat() { return Status::Execution("bad or unsupported format string"); }
Status TooShort() { return Status::Execution("premature end of input"); }

class Parser {
 public:
  Parser(std::string_view in, Parsed* p) : in_(in), p_(p) {}

  Status Run(std::string_view fmt) {
    for (size_t i = 0; i < fmt.size(); ++i) {
      char ch = fmt[i];
      if (ch == ' ' || ch == '\t' || ch == '\n') {
        while (pos_ < in_.size() && std::isspace(static_cast<unsigned char>(in_[pos_]))) ++pos_;
        continue;
      }
      if (ch != '%') {
        if (pos_ >= in_.size()) return TooShort();
        if (in_[pos_] != ch) return Invalid();
        ++pos_;
        continue;
      }
      if (++i >= fmt.size()) return BadFormat();
      if (fmt[i] == '-' || fmt[i] == '_' || fmt[i] == '0') {
        if (++i >= fmt.size()) return BadFormat();
      }
      QUIVER_RETURN_NOT_OK(Spec(fmt, &i));
    }
    return Status::OK();
  }
  size_t pos() const { return pos_; }

 private:
  void SkipSpaces() {
    while (pos_ < in_.size() && in_[pos_] == ' ') ++pos_;
  }
  Status Number(int max_digits, bool sign, std::optional<int64_t>* out) {
    if (pos_ >= in_.size()) return TooShort();
    bool neg = false;
    if (sign && (in_[pos_] == '+' || in_[pos_] == '-')) {
      neg = in_[pos_] == '-';
      ++pos_;
    }
    int64_t v = 0;
    int n = 0;
    while (pos_ < in_.size() && n < max_digits &&
           std::isdigit(static_cast<unsigned char>(in_[pos_]))) {
      v = v * 10 + (in_[pos_] - '0');
      ++pos_;
      ++n;
    }
    if (n == 0) return pos_ >= in_.size() ? TooShort() : Invalid();
    *out = neg ? -v : v;
    return Status::OK();
  }
  Status Fraction(bool need_dot) {
    if (need_dot) {
      if (pos_ >= in_.size() || in_[pos_] != '.') return Status::OK();  // optional
      ++pos_;
    }
    int64_t v = 0;
    int n = 0;
    while (pos_ < in_.size() && std::isdigit(static_cast<unsigned char>(in_[pos_]))) {
      if (n < 9) v = v * 10 + (in_[pos_] - '0');
      ++pos_;
      ++n;
    }
    if (n == 0) return Invalid();
    for (int d = n; d < 9; ++d) v *= 10;
    p_->nanos = v;
    return Status::OK();
  }
  Status Name(const char* const* names, int count, std::optional<int64_t>* out) {
    for (int k = 0; k < count; ++k) {
      std::string_view full(names[k]);
      auto matches = [&](size_t len) {
        if (pos_ + len > in_.size()) return false;
        for (size_t j = 0; j < len; ++j) {
          if (std::tolower(static_cast<unsigned char>(in_[pos_ + j])) !=
              std::tolower(static_cast<unsigned char>(full[j]))) {
            return false;
          }
        }
        return true;
      };
      if (matches(full.size())) {
        pos_ += full.size();
      } else if (matches(3)) {
        pos_ += 3;
      } else {
        continue;
      }
      *out = k;
      return Status::OK();
    }
    return pos_ >= in_.size() ? TooShort() : Invalid();
  }
  Status Offset(bool allow_z) {
    if (pos_ >= in_.size()) return TooShort();
    if (allow_z && (in_[pos_] == 'Z' || in_[pos_] == 'z')) {
      ++pos_;
      p_->offset = 0;
      return Status::OK();
    }
    if (in_[pos_] != '+' && in_[pos_] != '-') return Invalid();
    bool neg = in_[pos_] == '-';
    ++pos_;
    auto two = [&](int64_t* v) {
      if (pos_ + 2 > in_.size() || !std::isdigit(static_cast<unsigned char>(in_[pos_])) ||
          !std::isdigit(static_cast<unsigned char>(in_[pos_ + 1]))) {
        return false;
      }
      *v = (in_[pos_] - '0') * 10 + (in_[pos_ + 1] - '0');
      pos_ += 2;
      return true;
    };
    int64_t h = 0, m = 0;
    if (!two(&h)) return Invalid();
    if (pos_ < in_.size() && in_[pos_] == ':') ++pos_;
    two(&m);  // minutes are optional
    int64_t off = h * 3600 + m * 60;
    p_->offset = static_cast<int32_t>(neg ? -off : off);
    return Status::OK();
  }

  Status Spec(std::string_view fmt, size_t* i) {
    char c = fmt[*i];
    switch (c) {
      case 'Y': SkipSpaces(); return Number(9, true, &p_->year);
      case 'C': {
        std::optional<int64_t> century;
        QUIVER_RETURN_NOT_OK(Number(2, false, &century));
        p_->year = *century * 100 + (p_->year ? *p_->year % 100 : 0);
        return Status::OK();
      }
      case 'y': {
        std::optional<int64_t> y;
        QUIVER_RETURN_NOT_OK(Number(2, false, &y));
        p_->year = *y < 70 ? 2000 + *y : 1900 + *y;
        return Status::OK();
      }
      case 'm': SkipSpaces(); return Number(2, false, &p_->month);
      case 'd':
      case 'e': SkipSpaces(); return Number(2, false, &p_->day);
      case 'j': SkipSpaces(); return Number(3, false, &p_->ordinal);
      case 'H':
      case 'k': SkipSpaces(); return Number(2, false, &p_->hour);
      case 'I':
      case 'l': SkipSpaces(); return Number(2, false, &p_->hour12);
      case 'M': SkipSpaces(); return Number(2, false, &p_->minute);
      case 'S': SkipSpaces(); return Number(2, false, &p_->second);
      case 'b':
      case 'h':
      case 'B': {
        std::optional<int64_t> m;
        QUIVER_RETURN_NOT_OK(Name(kMonths, 12, &m));
        p_->month = *m + 1;
        return Status::OK();
      }
      case 'a':
      case 'A': {
        std::optional<int64_t> w;
        return Name(kWeekdays, 7, &w);  // checked for form only
      }
      case 'u':
      case 'w': {
        std::optional<int64_t> w;
        return Number(1, false, &w);
      }
      case 'p':
      case 'P': {
        if (pos_ + 2 > in_.size()) return TooShort();
        char a = static_cast<char>(std::tolower(static_cast<unsigned char>(in_[pos_])));
        char b = static_cast<char>(std::tolower(static_cast<unsigned char>(in_[pos_ + 1])));
        if ((a != 'a' && a != 'p') || b != 'm') return Invalid();
        p_->pm = a == 'p';
        pos_ += 2;
        return Status::OK();
      }
      case 'f': return Fraction(false);
      case '.':
        if (*i + 1 < fmt.size() && fmt[*i + 1] == 'f') {
          *i += 1;
          return Fraction(true);
        }
        if (*i + 2 < fmt.size() && fmt[*i + 2] == 'f' &&
            (fmt[*i + 1] == '3' || fmt[*i + 1] == '6' || fmt[*i + 1] == '9')) {
          *i += 2;
          return Fraction(true);
        }
        return BadFormat();
      case '3':
      case '6':
      case '9':
        if (*i + 1 >= fmt.size() || fmt[*i + 1] != 'f') return BadFormat();
        *i += 1;
        return Fraction(false);
      case 'z': return Offset(false);
      case ':':
      case '#':
        if (*i + 1 >= fmt.size() || fmt[*i + 1] != 'z') return BadFormat();
        *i += 1;
        return Offset(c == '#');
      case 'Z': {
        // A zone name is accepted and ignored, as chrono does.
        size_t start = pos_;
        while (pos_ < in_.size() && (std::isalnum(static_cast<unsigned char>(in_[pos_])) ||
                                     in_[pos_] == '/' || in_[pos_] == '_')) {
          ++pos_;
        }
        return pos_ > start ? Status::OK() : Invalid();
      }
      case 's': return Number(19, true, &p_->epoch);
      case 'D':
      case 'x': return Run("%m/%d/%y");
      case 'F': return Run("%Y-%m-%d");
      case 'v': return Run("%e-%b-%Y");
      case 'R': return Run("%H:%M");
      case 'T':
      case 'X': return Run("%H:%M:%S");
      case 'r': return Run("%I:%M:%S %p");
      case 'c': return Run("%a %b %e %H:%M:%S %Y");
      case '+': {
        QUIVER_RETURN_NOT_OK(Run("%Y-%m-%d"));
        if (pos_ >= in_.size()) return TooShort();
        if (in_[pos_] != 'T' && in_[pos_] != 't' && in_[pos_] != ' ') return Invalid();
        ++pos_;
        QUIVER_RETURN_NOT_OK(Run("%H:%M:%S%.f"));
        return Offset(true);
      }
      case 't':
      case 'n':
        while (pos_ < in_.size() && std::isspace(static_cast<unsigned char>(in_[pos_]))) ++pos_;
        return Status::OK();
      case '%':
        if (pos_ >= in_.size()) return TooShort();
        if (in_[pos_] != '%') return Invalid();
        ++pos_;
        return Status::OK();
      default: return BadFormat();
    }
  }

  std::string_view in_;
  size_t pos_ = 0;
  Parsed* p_;
};

}  // namespace

Status ParseDateTime(std::string_view input, std::string_view format, int64_t* utc_nanos) {
  Parsed p;
  Parser parser(input, &p);
  QUIVER_RETURN_NOT_OK(parser.Run(format));
  if (parser.pos() < input.size()) return Status::Execution("trailing input");
  if (p.epoch) {
    int64_t ns;
    if (__builtin_mul_overflow(*p.epoch, kNanosPerSecond, &ns)) {
      return Status::Execution("input is out of range");
    }
    *utc_nanos = ns + p.nanos;
    return Status::OK();
  }
  if (!p.year || (!p.ordinal && (!p.month || !p.day))) {
    return Status::Execution("input is not enough for unique date and time");
  }
  int64_t days;
  if (p.ordinal) {
    days = temporal::DaysFromCivil(*p.year, 1, 1) + *p.ordinal - 1;
  } else {
    if (!temporal::IsValidDate(*p.year, static_cast<int32_t>(*p.month),
                               static_cast<int32_t>(*p.day))) {
      return Status::Execution("input is out of range");
    }
    days = temporal::DaysFromCivil(*p.year, static_cast<int32_t>(*p.month),
                                   static_cast<int32_t>(*p.day));
  }
  int64_t hour = p.hour.value_or(0);
  if (p.hour12) {
    if (*p.hour12 < 1 || *p.hour12 > 12) return Status::Execution("input is out of range");
    hour = *p.hour12 % 12 + (p.pm.value_or(false) ? 12 : 0);
  }
  int64_t minute = p.minute.value_or(0), second = p.second.value_or(0);
  if (hour > 23 || minute > 59 || second > 60) return Status::Execution("input is out of range");
  int64_t secs = days * kSecondsPerDay + hour * 3600 + minute * 60 + second - p.offset.value_or(0);
  *utc_nanos = secs * kNanosPerSecond + p.nanos;
  return Status::OK();
}

}  // namespace quiver::functions
