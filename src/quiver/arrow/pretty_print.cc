#include "quiver/arrow/pretty_print.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "quiver/arrow/float16.h"
#include "quiver/arrow/record_batch.h"
#include "quiver/arrow/temporal.h"

namespace quiver {

namespace {

void AppendHex(std::string_view bytes, std::string* out) {
  static const char kDigits[] = "0123456789abcdef";
  for (unsigned char c : bytes) {
    out->push_back(kDigits[c >> 4]);
    out->push_back(kDigits[c & 15]);
  }
}

template <typename T>
void AppendInt(T v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

void AppendIntervalDayTime(int32_t days, int64_t ms, std::string* out) {
  int64_t secs = ms / 1000;
  int64_t mins = secs / 60;
  int64_t hours = mins / 60;
  secs -= mins * 60;
  mins -= hours * 60;
  int64_t frac = ms % 1000;
  char buf[160];
  int n = std::snprintf(buf, sizeof buf,
                        "0 years 0 mons %d days %lld hours %lld mins %s%lld.%03lld secs", days,
                        static_cast<long long>(hours), static_cast<long long>(mins),
                        (secs < 0 || frac < 0) ? "-" : "", static_cast<long long>(std::llabs(secs)),
                        static_cast<long long>(std::llabs(frac)));
  out->append(buf, n);
}

void AppendIntervalMonthDayNano(const IntervalMonthDayNano& v, std::string* out) {
  int64_t secs = v.nanoseconds / 1000000000;
  int64_t mins = secs / 60;
  int64_t hours = mins / 60;
  secs -= mins * 60;
  mins -= hours * 60;
  int64_t frac = v.nanoseconds % 1000000000;
  char buf[200];
  int n = std::snprintf(buf, sizeof buf,
                        "0 years %d mons %d days %lld hours %lld mins %s%lld.%09lld secs", v.months,
                        v.days, static_cast<long long>(hours), static_cast<long long>(mins),
                        (secs < 0 || frac < 0) ? "-" : "", static_cast<long long>(std::llabs(secs)),
                        static_cast<long long>(std::llabs(frac)));
  out->append(buf, n);
}

// ISO 8601 duration as chrono prints it: `PT1.5S`, `-PT3S`, `P0D`.
void AppendDuration(int64_t value, TimeUnit unit, std::string* out) {
  int64_t secs, nanos;
  bool neg = value < 0;
  unsigned long long mag = neg ? 0ULL - static_cast<unsigned long long>(value) : value;
  int64_t per = TimeUnitPerSecond(unit);
  secs = static_cast<int64_t>(mag / per);
  nanos = static_cast<int64_t>(mag % per) * (1000000000 / per);
  if (neg) out->push_back('-');
  out->push_back('P');
  if (secs == 0 && nanos == 0) {
    out->append("0D");
    return;
  }
  out->push_back('T');
  AppendInt(secs, out);
  if (nanos > 0) {
    int figures = 9;
    while (nanos % 10 == 0) {
      nanos /= 10;
      --figures;
    }
    char buf[16];
    int n = std::snprintf(buf, sizeof buf, ".%0*lld", figures, static_cast<long long>(nanos));
    out->append(buf, n);
  }
  out->push_back('S');
}

void AppendTemporal(const Array& a, int64_t i, std::string* out) {
  const DataType& t = *a.type();
  switch (t.id()) {
    case TypeId::kDate32:
      temporal::AppendDate(static_cast<const Int32Array&>(a).Value(i), out);
      return;
    case TypeId::kDate64:
      temporal::AppendTimestamp(static_cast<const Int64Array&>(a).Value(i), TimeUnit::kMillisecond,
                                nullptr, out);
      return;
    case TypeId::kTime32:
    case TypeId::kTime64: {
      int64_t v = t.id() == TypeId::kTime32 ? static_cast<const Int32Array&>(a).Value(i)
                                            : static_cast<const Int64Array&>(a).Value(i);
      int64_t secs, nanos;
      temporal::SplitSeconds(v, t.unit(), &secs, &nanos);
      temporal::AppendTimeOfDay(secs, nanos, out);
      return;
    }
    case TypeId::kTimestamp: {
      int64_t v = static_cast<const Int64Array&>(a).Value(i);
      if (t.timezone().empty()) {
        temporal::AppendTimestamp(v, t.unit(), nullptr, out);
      } else {
        auto tz = temporal::TimeZone::Parse(t.timezone());
        if (!tz.ok()) {
          out->append("<invalid timezone>");
          return;
        }
        temporal::AppendTimestamp(v, t.unit(), &*tz, out);
      }
      return;
    }
    case TypeId::kDuration:
      AppendDuration(static_cast<const Int64Array&>(a).Value(i), t.unit(), out);
      return;
    case TypeId::kInterval:
      switch (t.interval_unit()) {
        case IntervalUnit::kYearMonth: {
          int32_t m = static_cast<const Int32Array&>(a).Value(i);
          char buf[96];
          int n = std::snprintf(buf, sizeof buf, "%d years %d mons 0 days 0 hours 0 mins 0.00 secs",
                                m / 12, m % 12);
          out->append(buf, n);
          return;
        }
        case IntervalUnit::kDayTime: {
          auto v = static_cast<const PrimitiveArray<IntervalDayTime>&>(a).Value(i);
          AppendIntervalDayTime(v.days, v.milliseconds, out);
          return;
        }
        case IntervalUnit::kMonthDayNano:
          AppendIntervalMonthDayNano(
              static_cast<const PrimitiveArray<IntervalMonthDayNano>&>(a).Value(i), out);
          return;
      }
      return;
    default: return;
  }
}

template <typename ListT>
void AppendList(const ListT& list, int64_t i, std::string* out) {
  out->push_back('[');
  auto start = list.value_offset(i);
  auto len = list.value_length(i);
  const Array& values = *list.values();
  for (decltype(len) k = 0; k < len; ++k) {
    if (k) out->append(", ");
    if (values.IsValid(start + k)) AppendValue(values, start + k, out);
  }
  out->push_back(']');
}

}  // namespace

void AppendDouble(double v, std::string* out) {
  if (std::isnan(v)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(v)) {
    out->append(v < 0 ? "-inf" : "inf");
    return;
  }
  char buf[400];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  std::string_view s(buf, r.ptr - buf);
  out->append(s);
  if (s.find('.') == std::string_view::npos) out->append(".0");
}

void AppendValue(const Array& a, int64_t i, std::string* out) {
  if (a.IsNull(i)) return;
  switch (a.type_id()) {
    case TypeId::kNull: return;
    case TypeId::kBoolean:
      out->append(static_cast<const BooleanArray&>(a).Value(i) ? "true" : "false");
      return;
    case TypeId::kInt8: AppendInt(static_cast<const Int8Array&>(a).Value(i), out); return;
    case TypeId::kInt16: AppendInt(static_cast<const Int16Array&>(a).Value(i), out); return;
    case TypeId::kInt32: AppendInt(static_cast<const Int32Array&>(a).Value(i), out); return;
    case TypeId::kInt64: AppendInt(static_cast<const Int64Array&>(a).Value(i), out); return;
    case TypeId::kUInt8: AppendInt(static_cast<const UInt8Array&>(a).Value(i), out); return;
    case TypeId::kUInt16: AppendInt(static_cast<const UInt16Array&>(a).Value(i), out); return;
    case TypeId::kUInt32: AppendInt(static_cast<const UInt32Array&>(a).Value(i), out); return;
    case TypeId::kUInt64: AppendInt(static_cast<const UInt64Array&>(a).Value(i), out); return;
    case TypeId::kFloat16:
      AppendDouble(HalfToFloat(static_cast<const UInt16Array&>(a).Value(i)), out);
      return;
    case TypeId::kFloat32: {
      // Shortest form of the float itself, not of its widened double.
      char buf[64];
      float f = static_cast<const Float32Array&>(a).Value(i);
      if (std::isnan(f) || std::isinf(f)) {
        AppendDouble(f, out);
        return;
      }
      auto r = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::fixed);
      std::string_view s(buf, r.ptr - buf);
      out->append(s);
      if (s.find('.') == std::string_view::npos) out->append(".0");
      return;
    }
    case TypeId::kFloat64: AppendDouble(static_cast<const Float64Array&>(a).Value(i), out); return;
    case TypeId::kDecimal128:
      out->append(
          Decimal128ToString(static_cast<const Decimal128Array&>(a).Value(i), a.type()->scale()));
      return;
    case TypeId::kDecimal256:
      out->append(
          Decimal256ToString(static_cast<const Decimal256Array&>(a).Value(i), a.type()->scale()));
      return;
    case TypeId::kUtf8: out->append(static_cast<const StringArray&>(a).GetView(i)); return;
    case TypeId::kLargeUtf8:
      out->append(static_cast<const LargeStringArray&>(a).GetView(i));
      return;
    case TypeId::kUtf8View: out->append(static_cast<const BinaryViewArray&>(a).GetView(i)); return;
    case TypeId::kBinary: AppendHex(static_cast<const BinaryArray&>(a).GetView(i), out); return;
    case TypeId::kLargeBinary:
      AppendHex(static_cast<const LargeBinaryArray&>(a).GetView(i), out);
      return;
    case TypeId::kBinaryView:
      AppendHex(static_cast<const BinaryViewArray&>(a).GetView(i), out);
      return;
    case TypeId::kFixedSizeBinary:
      AppendHex(static_cast<const FixedSizeBinaryArray&>(a).GetView(i), out);
      return;
    case TypeId::kDate32:
    case TypeId::kDate64:
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration:
    case TypeId::kInterval: AppendTemporal(a, i, out); return;
    case TypeId::kList: AppendList(static_cast<const ListArray&>(a), i, out); return;
    case TypeId::kLargeList: AppendList(static_cast<const LargeListArray&>(a), i, out); return;
    case TypeId::kFixedSizeList: {
      const auto& l = static_cast<const FixedSizeListArray&>(a);
      out->push_back('[');
      for (int32_t k = 0; k < l.list_size(); ++k) {
        if (k) out->append(", ");
        AppendValue(*l.values(), l.value_offset(i) + k, out);
      }
      out->push_back(']');
      return;
    }
    case TypeId::kStruct: {
      const auto& s = static_cast<const StructArray&>(a);
      out->push_back('{');
      for (int f = 0; f < s.num_fields(); ++f) {
        if (f) out->append(", ");
        out->append(a.type()->field(f)->name());
        out->append(": ");
        const auto& child = a.data()->children[f];
        AppendValue(*MakeArray(child), a.offset() + i, out);
      }
      out->push_back('}');
      return;
    }
    case TypeId::kMap: {
      const auto& m = static_cast<const MapArray&>(a);
      auto keys = m.keys();
      auto items = m.items();
      out->push_back('{');
      for (int32_t k = 0; k < m.value_length(i); ++k) {
        if (k) out->append(", ");
        AppendValue(*keys, m.value_offset(i) + k, out);
        out->append(": ");
        AppendValue(*items, m.value_offset(i) + k, out);
      }
      out->push_back('}');
      return;
    }
    case TypeId::kDictionary: {
      const auto& d = static_cast<const DictionaryArray&>(a);
      AppendValue(*d.dictionary(), d.GetValueIndex(i), out);
      return;
    }
  }
}

std::string FormatValue(const Array& a, int64_t i) {
  std::string out;
  AppendValue(a, i, &out);
  return out;
}

std::string PrettyPrintArray(const Array& a) {
  std::string out = "[\n";
  for (int64_t i = 0; i < a.length(); ++i) {
    out += "  ";
    if (a.IsNull(i)) {
      out += "null";
    } else {
      AppendValue(a, i, &out);
    }
    out += i + 1 < a.length() ? ",\n" : "\n";
  }
  return out + "]";
}

namespace {
// Display width: code points, not bytes, so that non-ASCII text lines up.
size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

std::string PrettyFormatBatches(const std::vector<std::shared_ptr<RecordBatch>>& batches) {
  if (batches.empty()) return "++\n++\n";
  const Schema& s = *batches[0]->schema();
  const int ncols = s.num_fields();
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> widths(ncols);
  for (int c = 0; c < ncols; ++c) widths[c] = DisplayWidth(s.field(c)->name());
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b->num_rows(); ++r) {
      std::vector<std::string> row(ncols);
      for (int c = 0; c < ncols; ++c) {
        AppendValue(*b->column(c), r, &row[c]);
        widths[c] = std::max(widths[c], DisplayWidth(row[c]));
      }
      cells.push_back(std::move(row));
    }
  }
  std::string rule = "+";
  for (int c = 0; c < ncols; ++c) rule += std::string(widths[c] + 2, '-') + "+";
  rule += "\n";
  auto line = [&](const std::vector<std::string>& row) {
    std::string out = "|";
    for (int c = 0; c < ncols; ++c) {
      out += " " + row[c] + std::string(widths[c] - DisplayWidth(row[c]), ' ') + " |";
    }
    return out + "\n";
  };
  std::string out = rule + line(s.field_names()) + rule;
  for (const auto& row : cells) out += line(row);
  return out + rule;
}

bool ValuesEqual(const Array& a, int64_t i, const Array& b, int64_t j) {
  const DataType& t = *a.type();
  if (t.id() == TypeId::kNull) return true;
  if (t.is_string() || t.is_binary() || t.is_nested() || t.id() == TypeId::kDictionary ||
      t.id() == TypeId::kBoolean) {
    return FormatValue(a, i) == FormatValue(b, j);
  }
  int width = t.bit_width() / 8;
  const uint8_t* pa = a.data()->buffers[1]->data() + (a.offset() + i) * width;
  const uint8_t* pb = b.data()->buffers[1]->data() + (b.offset() + j) * width;
  return std::memcmp(pa, pb, width) == 0;
}

}  // namespace quiver
