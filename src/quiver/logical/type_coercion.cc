#include "quiver/logical/type_coercion.h"

#include <algorithm>

namespace quiver {

namespace {

int IntWidth(const DataType& t) { return t.bit_width(); }

DataTypePtr SignedOfWidth(int bits) {
  switch (bits) {
    case 8: return int8();
    case 16: return int16();
    case 32: return int32();
    default: return int64();
  }
}
DataTypePtr UnsignedOfWidth(int bits) {
  switch (bits) {
    case 8: return uint8();
    case 16: return uint16();
    case 32: return uint32();
    default: return uint64();
  }
}

DataTypePtr Unpack(const DataTypePtr& t) {
  return t->id() == TypeId::kDictionary ? t->value_type() : t;
}

DataTypePtr DecimalCoercion(const DataTypePtr& l, const DataTypePtr& r) {
  DataTypePtr a = l->is_integer() ? DecimalForInteger(*l) : l;
  DataTypePtr b = r->is_integer() ? DecimalForInteger(*r) : r;
  if (!a->is_decimal() || !b->is_decimal()) return nullptr;
  int32_t scale = std::max(a->scale(), b->scale());
  int32_t range = std::max(a->precision() - a->scale(), b->precision() - b->scale());
  bool wide = a->id() == TypeId::kDecimal256 || b->id() == TypeId::kDecimal256;
  int32_t max_p = wide ? 76 : 38;
  int32_t p = std::min(max_p, scale + range);
  return wide ? decimal256(p, scale) : decimal128(p, scale);
}

bool IsTemporalPoint(const DataType& t) {
  return t.id() == TypeId::kDate32 || t.id() == TypeId::kDate64 || t.id() == TypeId::kTimestamp;
}

DataTypePtr TemporalCoercion(const DataTypePtr& l, const DataTypePtr& r) {
  if (l->id() == TypeId::kTimestamp && r->id() == TypeId::kTimestamp) {
    TimeUnit unit = std::max(l->unit(), r->unit());
    std::string tz = !l->timezone().empty() ? l->timezone() : r->timezone();
    return timestamp(unit, tz);
  }
  if (l->id() == TypeId::kTimestamp && IsTemporalPoint(*r)) return l;
  if (r->id() == TypeId::kTimestamp && IsTemporalPoint(*l)) return r;
  if ((l->id() == TypeId::kDate32 || l->id() == TypeId::kDate64) &&
      (r->id() == TypeId::kDate32 || r->id() == TypeId::kDate64)) {
    return l->id() == TypeId::kDate64 || r->id() == TypeId::kDate64 ? date64() : date32();
  }
  if ((l->id() == TypeId::kTime32 || l->id() == TypeId::kTime64) && l->id() == r->id()) {
    return l->unit() >= r->unit() ? l : r;
  }
  return nullptr;
}

DataTypePtr StringCoercion(const DataTypePtr& l, const DataTypePtr& r) {
  if (!l->is_string() || !r->is_string()) return nullptr;
  if (l->id() == TypeId::kLargeUtf8 || r->id() == TypeId::kLargeUtf8) return large_utf8();
  if (l->id() == TypeId::kUtf8View && r->id() == TypeId::kUtf8View) return utf8_view();
  return utf8();
}

}  // namespace

DataTypePtr DecimalForInteger(const DataType& t) {
  switch (t.id()) {
    case TypeId::kInt8:
    case TypeId::kUInt8: return decimal128(3, 0);
    case TypeId::kInt16:
    case TypeId::kUInt16: return decimal128(5, 0);
    case TypeId::kInt32:
    case TypeId::kUInt32: return decimal128(10, 0);
    case TypeId::kInt64: return decimal128(20, 0);
    case TypeId::kUInt64: return decimal128(20, 0);
    default: return nullptr;
  }
}

DataTypePtr NumericCoercion(const DataTypePtr& l0, const DataTypePtr& r0) {
  DataTypePtr l = Unpack(l0), r = Unpack(r0);
  if (!l->is_numeric() || !r->is_numeric()) return nullptr;
  if (l->Equals(*r)) return l;
  if (l->is_floating() || r->is_floating()) {
    if (l->id() == TypeId::kFloat64 || r->id() == TypeId::kFloat64) return float64();
    if (l->is_decimal() || r->is_decimal()) return float64();
    const DataType& other = l->is_floating() ? *r : *l;
    if (other.is_floating() || (other.is_integer() && IntWidth(other) <= 16)) {
      return l->id() == TypeId::kFloat16 && r->id() == TypeId::kFloat16 ? float16() : float32();
    }
    return float64();
  }
  if (l->is_decimal() || r->is_decimal()) return DecimalCoercion(l, r);
  // Both integers.
  if (l->is_signed_integer() == r->is_signed_integer()) {
    int w = std::max(IntWidth(*l), IntWidth(*r));
    return l->is_signed_integer() ? SignedOfWidth(w) : UnsignedOfWidth(w);
  }
  const DataType& s = l->is_signed_integer() ? *l : *r;
  const DataType& u = l->is_signed_integer() ? *r : *l;
  if (IntWidth(s) > IntWidth(u)) return SignedOfWidth(IntWidth(s));
  if (IntWidth(u) < 64) return SignedOfWidth(IntWidth(u) * 2);
  return decimal128(20, 0);
}

DataTypePtr ComparisonCoercion(const DataTypePtr& l0, const DataTypePtr& r0) {
  if (l0->Equals(*r0)) return l0;
  DataTypePtr l = Unpack(l0), r = Unpack(r0);
  if (l->Equals(*r)) return l;
  if (l->id() == TypeId::kNull) return r;
  if (r->id() == TypeId::kNull) return l;
  // Decimal against float compares as decimal (the float as Decimal128(30, 15),
  // rounded), so `d BETWEEN 0.06 - 0.01 AND 0.06 + 0.01` keeps 0.05 and 0.07.
  if ((l->is_decimal() && r->is_floating()) || (l->is_floating() && r->is_decimal())) {
    return DecimalCoercion(l->is_decimal() ? l : r, decimal128(30, 15));
  }
  if (auto t = NumericCoercion(l, r)) return t;
  if (auto t = StringCoercion(l, r)) return t;
  if (auto t = TemporalCoercion(l, r)) return t;
  // A string meets a number, date or time as that type's textual form or
  // the other way round (DataFusion compares strings with numbers as strings).
  if (l->is_string() && r->is_numeric()) return l;
  if (r->is_string() && l->is_numeric()) return r;
  if (l->is_string() && r->is_temporal()) return r;
  if (r->is_string() && l->is_temporal()) return l;
  if (l->is_string() && r->id() == TypeId::kBoolean) return r;
  if (r->is_string() && l->id() == TypeId::kBoolean) return l;
  if (l->is_binary() && r->is_binary()) return binary();
  if ((l->is_binary() && r->is_string()) || (l->is_string() && r->is_binary())) return binary();
  if (l->is_list() && r->is_list()) {
    auto item = ComparisonCoercion(l->value_type(), r->value_type());
    if (!item) return nullptr;
    bool large = l->id() == TypeId::kLargeList || r->id() == TypeId::kLargeList;
    return large ? large_list(item) : list(item);
  }
  if (l->id() == TypeId::kInterval && r->id() == TypeId::kInterval) {
    return interval(IntervalUnit::kMonthDayNano);
  }
  return nullptr;
}

Result<DataTypePtr> CommonType(const std::vector<DataTypePtr>& types, const char* context) {
  DataTypePtr acc = null();
  for (const auto& t : types) {
    DataTypePtr next = ComparisonCoercion(acc, t);
    if (!next) {
      return Status::Plan(std::string("Cannot find a common type for ") + context + ": " +
                          acc->ToString() + " and " + t->ToString());
    }
    acc = next;
  }
  return acc;
}

Result<BinaryTypes> CoerceBinary(const DataTypePtr& l, Operator op, const DataTypePtr& r) {
  auto fail = [&](const char* what) -> Status {
    return Status::Plan(std::string("Cannot coerce ") + what + " expression " + l->ToString() +
                        " " + OperatorToString(op) + " " + r->ToString() + " to valid types");
  };
  if (IsComparisonOperator(op) || op == Operator::kIsDistinctFrom ||
      op == Operator::kIsNotDistinctFrom) {
    auto t = ComparisonCoercion(l, r);
    if (!t) {
      return Status::Plan("Cannot infer common argument type for comparison operation " +
                          l->ToString() + " " + OperatorToString(op) + " " + r->ToString());
    }
    return BinaryTypes{t, t, boolean()};
  }
  if (IsLogicalOperator(op)) {
    auto ok = [](const DataType& t) { return t.id() == TypeId::kBoolean || t.id() == TypeId::kNull; };
    if (!ok(*l) || !ok(*r)) {
      return Status::Plan("Cannot infer common argument type for logical boolean operation " +
                          l->ToString() + " " + OperatorToString(op) + " " + r->ToString());
    }
    return BinaryTypes{boolean(), boolean(), boolean()};
  }
  if (op == Operator::kStringConcat) {
    DataTypePtr t = (l->id() == TypeId::kLargeUtf8 || r->id() == TypeId::kLargeUtf8) ? large_utf8()
                                                                                   : utf8();
    return BinaryTypes{t, t, t};
  }
  if (op >= Operator::kRegexMatch && op <= Operator::kNotILikeMatch) {
    auto t = StringCoercion(Unpack(l)->id() == TypeId::kNull ? utf8() : Unpack(l),
                            Unpack(r)->id() == TypeId::kNull ? utf8() : Unpack(r));
    if (!t && op <= Operator::kRegexNotIMatch) {
      return Status::Plan("Cannot infer common argument type for regex operation " +
                          l->ToString() + " " + OperatorToString(op) + " " + r->ToString());
    }
    if (!t) return fail("string match");
    return BinaryTypes{t, t, boolean()};
  }
  if (op >= Operator::kBitwiseAnd && op <= Operator::kBitwiseShiftRight) {
    auto t = (l->id() == TypeId::kNull) ? r : (r->id() == TypeId::kNull ? l : NumericCoercion(l, r));
    if (!t || !(t->is_integer() || t->id() == TypeId::kNull)) return fail("bitwise");
    return BinaryTypes{t, t, t};
  }
  if (IsArithmeticOperator(op)) {
    DataTypePtr lu = Unpack(l), ru = Unpack(r);
    if (lu->id() == TypeId::kNull && ru->id() == TypeId::kNull) {
      return BinaryTypes{int64(), int64(), int64()};
    }
    if (lu->id() == TypeId::kNull) lu = ru;
    if (ru->id() == TypeId::kNull) ru = lu;
    // Temporal arithmetic.
    if (lu->is_temporal() || ru->is_temporal()) {
      bool interval_r = ru->id() == TypeId::kInterval || ru->id() == TypeId::kDuration;
      bool interval_l = lu->id() == TypeId::kInterval || lu->id() == TypeId::kDuration;
      if (IsTemporalPoint(*lu) && interval_r && (op == Operator::kPlus || op == Operator::kMinus)) {
        return BinaryTypes{lu, ru, lu};
      }
      if (IsTemporalPoint(*ru) && interval_l && op == Operator::kPlus) {
        return BinaryTypes{lu, ru, ru};
      }
      if (op == Operator::kMinus && lu->id() == TypeId::kTimestamp && ru->id() == TypeId::kTimestamp) {
        auto t = TemporalCoercion(lu, ru);
        return BinaryTypes{t, t, duration(t->unit())};
      }
      if (op == Operator::kMinus && (lu->id() == TypeId::kDate32 || lu->id() == TypeId::kDate64) &&
          lu->id() == ru->id()) {
        return BinaryTypes{lu, ru, interval(IntervalUnit::kMonthDayNano)};
      }
      if (interval_l && interval_r && (op == Operator::kPlus || op == Operator::kMinus)) {
        auto t = interval(IntervalUnit::kMonthDayNano);
        return BinaryTypes{t, t, t};
      }
      if (interval_l && ru->is_numeric() && (op == Operator::kMultiply || op == Operator::kDivide)) {
        return BinaryTypes{lu, int64(), lu};
      }
      if (interval_r && lu->is_numeric() && op == Operator::kMultiply) {
        return BinaryTypes{int64(), ru, ru};
      }
      return fail("arithmetic");
    }
    auto t = NumericCoercion(lu, ru);
    if (!t) return fail("arithmetic");
    if (!t->is_decimal()) return BinaryTypes{t, t, t};
    // Decimal arithmetic keeps each operand's own scale; the result type
    // follows DataFusion's precision/scale rules.
    DataTypePtr a = lu->is_integer() ? DecimalForInteger(*lu) : lu;
    DataTypePtr b = ru->is_integer() ? DecimalForInteger(*ru) : ru;
    int32_t p1 = a->precision(), s1 = a->scale(), p2 = b->precision(), s2 = b->scale();
    int32_t p, s;
    switch (op) {
      case Operator::kPlus:
      case Operator::kMinus:
        s = std::max(s1, s2);
        p = std::max(p1 - s1, p2 - s2) + s + 1;
        break;
      case Operator::kMultiply:
        p = p1 + p2 + 1;
        s = s1 + s2;
        break;
      case Operator::kDivide:
        s = std::max(6, s1 + p2 + 1);
        p = p1 - s1 + s2 + s;
        break;
      default:  // modulo
        s = std::max(s1, s2);
        p = std::min(p1 - s1, p2 - s2) + s;
        break;
    }
    bool wide = t->id() == TypeId::kDecimal256;
    int32_t max_p = wide ? 76 : 38;
    // Capped precision keeps the full scale (DataFusion; TPC-H sums stay exact).
    p = std::min(p, max_p);
    s = std::min(s, p);
    DataTypePtr result = wide ? decimal256(p, s) : decimal128(p, s);
    return BinaryTypes{a, b, result};
  }
  return fail("binary");
}

}  // namespace quiver
