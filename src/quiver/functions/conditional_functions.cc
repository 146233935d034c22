// Conditional functions: coalesce, nullif, nvl/ifnull, nvl2, greatest, least.
// Each decides per row which argument to take, then gathers in one pass.
#include "quiver/functions/function_util.h"
#include "quiver/functions/scalar_families.h"
#include "quiver/logical/type_coercion.h"

namespace quiver::functions {
namespace {

/// Whether row i of d is valid (scalars broadcast).
class ValidityReader {
 public:
  explicit ValidityReader(const Datum& d)
      : bitmap_(d.array->null_bitmap_data()),
        offset_(d.array->offset()),
        stride_(d.is_scalar ? 0 : 1),
        all_null_(d.type()->id() == TypeId::kNull) {}
  bool IsValid(int64_t i) const {
    return bitmap_ ? bit_util::GetBit(bitmap_, offset_ + i * stride_) : !all_null_;
  }

 private:
  const uint8_t* bitmap_;
  int64_t offset_;
  int64_t stride_;
  bool all_null_;
};

/// All arguments to one common type.
Result<std::vector<DataTypePtr>> CoerceCommon(const std::string& name,
                                              const std::vector<DataTypePtr>& args, size_t min_args,
                                              size_t max_args) {
  if (args.size() < min_args || args.size() > max_args) {
    return SignatureError(name, args, {"Any, .., Any"});
  }
  auto common = CommonType(args, name.c_str());
  if (!common.ok()) return SignatureError(name, args, {"Any, .., Any"});
  return std::vector<DataTypePtr>(args.size(), *common);
}

class Coalesce : public ScalarUDF {
 public:
  Coalesce(std::string name, std::vector<std::string> aliases, size_t min_args, size_t max_args)
      : name_(std::move(name)), aliases_(std::move(aliases)), min_(min_args), max_(max_args) {}
  std::string name() const override { return name_; }
  std::vector<std::string> aliases() const override { return aliases_; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    return CoerceCommon(name_, a, min_, max_);
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& a) const override { return a[0]; }
  Result<Datum> Invoke(const std::vector<Datum>& args, int64_t num_rows) const override {
    int64_t n = OutputLength(args, num_rows);
    std::vector<ValidityReader> readers(args.begin(), args.end());
    std::vector<int32_t> which(n, -1);
    for (int64_t i = 0; i < n; ++i) {
      for (size_t k = 0; k < readers.size(); ++k) {
        if (readers[k].IsValid(i)) {
          which[i] = static_cast<int32_t>(k);
          break;
        }
      }
    }
    QUIVER_ASSIGN_OR_RAISE(auto out, Choose(args, which));
    return Wrap(std::move(out), args);
  }

 private:
  std::string name_;
  std::vector<std::string> aliases_;
  size_t min_;
  size_t max_;
};

class NullIf : public ScalarUDF {
 public:
  std::string name() const override { return "nullif"; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    return CoerceCommon("nullif", a, 2, 2);
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& a) const override { return a[0]; }
  Result<Datum> Invoke(const std::vector<Datum>& args, int64_t num_rows) const override {
    int64_t n = OutputLength(args, num_rows);
    std::vector<int32_t> which(n, 0);
    if (args[0].type()->id() != TypeId::kNull) {
      QUIVER_ASSIGN_OR_RAISE(auto eq, compute::Compare(compute::CompareOp::kEq, args[0], args[1]));
      BoolReader r(Datum{eq, AllScalar(args)});
      for (int64_t i = 0; i < n; ++i) {
        if (!r.IsNull(i) && r.Get(i)) which[i] = -1;
      }
    }
    QUIVER_ASSIGN_OR_RAISE(auto out, Choose({args[0]}, which));
    return Wrap(std::move(out), args);
  }
};

class Nvl2 : public ScalarUDF {
 public:
  std::string name() const override { return "nvl2"; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    if (a.size() != 3) return SignatureError("nvl2", a, {"Any, Any, Any"});
    QUIVER_ASSIGN_OR_RAISE(auto rest, CoerceCommon("nvl2", {a[1], a[2]}, 2, 2));
    return std::vector<DataTypePtr>{a[0], rest[0], rest[1]};
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& a) const override { return a[1]; }
  Result<Datum> Invoke(const std::vector<Datum>& args, int64_t num_rows) const override {
    int64_t n = OutputLength(args, num_rows);
    ValidityReader test(args[0]);
    std::vector<int32_t> which(n);
    for (int64_t i = 0; i < n; ++i) which[i] = test.IsValid(i) ? 0 : 1;
    QUIVER_ASSIGN_OR_RAISE(auto out, Choose({args[1], args[2]}, which));
    return Wrap(std::move(out), args);
  }
};

/// greatest / least: the largest (smallest) non-null argument.
class Extreme : public ScalarUDF {
 public:
  explicit Extreme(bool greatest) : greatest_(greatest) {}
  std::string name() const override { return greatest_ ? "greatest" : "least"; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    if (a.empty()) {
      return Status::Plan(name() + " was called without any arguments. It requires at least 1.");
    }
    return CoerceCommon(name(), a, 1, SIZE_MAX);
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& a) const override { return a[0]; }
  Result<Datum> Invoke(const std::vector<Datum>& args, int64_t num_rows) const override {
    int64_t n = OutputLength(args, num_rows);
    bool scalar = AllScalar(args);
    // Fold left: acc holds the best so far as a column of n rows.
    Datum acc = args[0];
    if (args[0].type()->id() == TypeId::kNull) return Wrap(args[0].array, args);
    for (size_t k = 1; k < args.size(); ++k) {
      const Datum& next = args[k];
      QUIVER_ASSIGN_OR_RAISE(auto better, compute::Compare(greatest_ ? compute::CompareOp::kGt
                                                                     : compute::CompareOp::kLt,
                                                           next, acc));
      BoolReader cmp(Datum{better, scalar});
      ValidityReader acc_valid(acc);
      ValidityReader next_valid(next);
      std::vector<int32_t> which(n);
      for (int64_t i = 0; i < n; ++i) {
        bool take_next =
            next_valid.IsValid(i) && (!acc_valid.IsValid(i) || (!cmp.IsNull(i) && cmp.Get(i)));
        which[i] = take_next ? 1 : 0;
      }
      QUIVER_ASSIGN_OR_RAISE(auto chosen, Choose({acc, next}, which));
      acc = Datum{chosen, scalar};
    }
    return Wrap(acc.array, args);
  }

 private:
  bool greatest_;
};

}  // namespace

void RegisterConditionalFunctions(FunctionRegistry* r) {
  r->Register(std::make_shared<Coalesce>("coalesce", std::vector<std::string>{}, 1, SIZE_MAX));
  r->Register(std::make_shared<Coalesce>("nvl", std::vector<std::string>{"ifnull"}, 2, 2));
  r->Register(std::make_shared<NullIf>());
  r->Register(std::make_shared<Nvl2>());
  r->Register(std::make_shared<Extreme>(true));
  r->Register(std::make_shared<Extreme>(false));
}

}  // namespace quiver::functions
