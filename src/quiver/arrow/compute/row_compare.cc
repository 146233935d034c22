#include "quiver/arrow/compute/row_compare.h"

#include "quiver/arrow/compute/kernel_util.h"
#include "quiver/arrow/float16.h"

namespace quiver::compute::internal {

namespace {

template <typename T>
int Three(const T& a, const T& b) {
  return (b < a) - (a < b);
}

template <typename T>
class FixedCmp : public RowComparator {
 public:
  FixedCmp(ArrayPtr l, ArrayPtr r)
      : RowComparator(std::move(l), std::move(r)),
        lv_(Values<T>(*left_)),
        rv_(Values<T>(*right_)) {}
  int CompareValues(int64_t i, int64_t j) const override {
    if constexpr (std::is_floating_point_v<T>) {
      return CompareFloat(lv_[i], rv_[j]);
    } else if constexpr (std::is_same_v<T, IntervalDayTime>) {
      if (lv_[i].days != rv_[j].days) return Three(lv_[i].days, rv_[j].days);
      return Three(lv_[i].milliseconds, rv_[j].milliseconds);
    } else if constexpr (std::is_same_v<T, IntervalMonthDayNano>) {
      if (lv_[i].months != rv_[j].months) return Three(lv_[i].months, rv_[j].months);
      if (lv_[i].days != rv_[j].days) return Three(lv_[i].days, rv_[j].days);
      return Three(lv_[i].nanoseconds, rv_[j].nanoseconds);
    } else {
      return Three(lv_[i], rv_[j]);
    }
  }

 private:
  const T* lv_;
  const T* rv_;
};

class HalfCmp : public RowComparator {
 public:
  using RowComparator::RowComparator;
  int CompareValues(int64_t i, int64_t j) const override {
    return CompareFloat(HalfToFloat(Values<uint16_t>(*left_)[i]),
                        HalfToFloat(Values<uint16_t>(*right_)[j]));
  }
};

// Timestamps of different units compare as instants.
class TimestampCmp : public RowComparator {
 public:
  TimestampCmp(ArrayPtr l, ArrayPtr r) : RowComparator(std::move(l), std::move(r)) {
    lm_ = 1000000000 / TimeUnitPerSecond(left_->type()->unit());
    rm_ = 1000000000 / TimeUnitPerSecond(right_->type()->unit());
  }
  int CompareValues(int64_t i, int64_t j) const override {
    Int128 a = static_cast<Int128>(Values<int64_t>(*left_)[i]) * lm_;
    Int128 b = static_cast<Int128>(Values<int64_t>(*right_)[j]) * rm_;
    return Three(a, b);
  }

 private:
  int64_t lm_, rm_;
};

class BoolCmp : public RowComparator {
 public:
  using RowComparator::RowComparator;
  int CompareValues(int64_t i, int64_t j) const override {
    bool a = static_cast<const BooleanArray&>(*left_).Value(i);
    bool b = static_cast<const BooleanArray&>(*right_).Value(j);
    return static_cast<int>(a) - static_cast<int>(b);
  }
};

class BytesCmp : public RowComparator {
 public:
  using RowComparator::RowComparator;
  int CompareValues(int64_t i, int64_t j) const override {
    int c = GetBinaryView(*left_, i).compare(GetBinaryView(*right_, j));
    return (c > 0) - (c < 0);
  }
};

class NullCmp : public RowComparator {
 public:
  using RowComparator::RowComparator;
  int CompareValues(int64_t, int64_t) const override { return 0; }
};

// Lists: element-wise, then shorter first.
class ListCmp : public RowComparator {
 public:
  ListCmp(ArrayPtr l, ArrayPtr r, std::unique_ptr<RowComparator> child)
      : RowComparator(std::move(l), std::move(r)), child_(std::move(child)) {}
  int CompareValues(int64_t i, int64_t j) const override {
    int64_t ls, ll, rs, rl;
    Range(*left_, i, &ls, &ll);
    Range(*right_, j, &rs, &rl);
    for (int64_t k = 0; k < std::min(ll, rl); ++k) {
      int c = child_->Compare(ls + k, rs + k);
      if (c != 0) return c;
    }
    return Three(ll, rl);
  }

 private:
  static void Range(const Array& a, int64_t i, int64_t* start, int64_t* len) {
    switch (a.type_id()) {
      case TypeId::kLargeList: {
        const auto& l = static_cast<const LargeListArray&>(a);
        *start = l.value_offset(i);
        *len = l.value_length(i);
        return;
      }
      case TypeId::kFixedSizeList: {
        const auto& l = static_cast<const FixedSizeListArray&>(a);
        *start = l.value_offset(i);
        *len = l.list_size();
        return;
      }
      default: {
        const auto& l = static_cast<const ListArray&>(a);
        *start = l.value_offset(i);
        *len = l.value_length(i);
        return;
      }
    }
  }
  std::unique_ptr<RowComparator> child_;
};

class StructCmp : public RowComparator {
 public:
  StructCmp(ArrayPtr l, ArrayPtr r, std::vector<std::unique_ptr<RowComparator>> children)
      : RowComparator(std::move(l), std::move(r)), children_(std::move(children)) {}
  int CompareValues(int64_t i, int64_t j) const override {
    for (const auto& c : children_) {
      int v = c->Compare(i, j);
      if (v != 0) return v;
    }
    return 0;
  }

 private:
  std::vector<std::unique_ptr<RowComparator>> children_;
};

ArrayPtr ListValues(const Array& a) {
  if (a.type_id() == TypeId::kFixedSizeList) {
    return static_cast<const FixedSizeListArray&>(a).values();
  }
  if (a.type_id() == TypeId::kLargeList) return static_cast<const LargeListArray&>(a).values();
  return static_cast<const ListArray&>(a).values();
}

}  // namespace

Result<std::unique_ptr<RowComparator>> MakeRowComparator(const ArrayPtr& left_in,
                                                         const ArrayPtr& right_in) {
  QUIVER_ASSIGN_OR_RAISE(auto left, DecodeDictionary(left_in));
  QUIVER_ASSIGN_OR_RAISE(auto right, DecodeDictionary(right_in));
  const DataType& lt = *left->type();
  const DataType& rt = *right->type();
  auto mismatch = [&]() {
    return ComputeError("Cannot compare " + lt.ToString() + " with " + rt.ToString());
  };
  if (lt.id() == TypeId::kNull || rt.id() == TypeId::kNull) {
    return std::unique_ptr<RowComparator>(new NullCmp(left, right));
  }
  if ((lt.is_string() && rt.is_string()) || (lt.is_binary() && rt.is_binary())) {
    return std::unique_ptr<RowComparator>(new BytesCmp(left, right));
  }
  if (lt.id() == TypeId::kTimestamp && rt.id() == TypeId::kTimestamp) {
    return std::unique_ptr<RowComparator>(new TimestampCmp(left, right));
  }
  if (lt.is_list() && rt.is_list()) {
    QUIVER_ASSIGN_OR_RAISE(auto child, MakeRowComparator(ListValues(*left), ListValues(*right)));
    return std::unique_ptr<RowComparator>(new ListCmp(left, right, std::move(child)));
  }
  if (lt.id() != rt.id()) return mismatch();
  switch (lt.id()) {
    case TypeId::kBoolean: return std::unique_ptr<RowComparator>(new BoolCmp(left, right));
    case TypeId::kFloat16: return std::unique_ptr<RowComparator>(new HalfCmp(left, right));
    case TypeId::kMap: {
      const auto& l = static_cast<const MapArray&>(*left);
      const auto& r = static_cast<const MapArray&>(*right);
      QUIVER_ASSIGN_OR_RAISE(auto child, MakeRowComparator(l.values(), r.values()));
      return std::unique_ptr<RowComparator>(new ListCmp(left, right, std::move(child)));
    }
    case TypeId::kStruct: {
      const auto& l = static_cast<const StructArray&>(*left);
      const auto& r = static_cast<const StructArray&>(*right);
      if (l.num_fields() != r.num_fields()) return mismatch();
      std::vector<std::unique_ptr<RowComparator>> children;
      for (int f = 0; f < l.num_fields(); ++f) {
        QUIVER_ASSIGN_OR_RAISE(auto c, MakeRowComparator(l.field(f), r.field(f)));
        children.push_back(std::move(c));
      }
      return std::unique_ptr<RowComparator>(new StructCmp(left, right, std::move(children)));
    }
    default: break;
  }
  std::unique_ptr<RowComparator> out;
  VisitFixedWidth(lt, [&](auto tag) {
    using T = typename decltype(tag)::type;
    out.reset(new FixedCmp<T>(left, right));
  });
  if (!out) return mismatch();
  return out;
}

}  // namespace quiver::compute::internal
