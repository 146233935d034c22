// Physical expressions: evaluated on whole RecordBatches with the compute
// kernels. Built from logical expressions by CreatePhysicalExpr, which also
// inserts the casts that type coercion calls for.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/record_batch.h"
#include "quiver/common/scalar_value.h"
#include "quiver/logical/operator.h"
#include "quiver/logical/udf.h"

namespace quiver {

class PhysicalExpr;
using PhysicalExprPtr = std::shared_ptr<const PhysicalExpr>;

class PhysicalExpr {
 public:
  PhysicalExpr(DataTypePtr type, bool nullable) : type_(std::move(type)), nullable_(nullable) {}
  virtual ~PhysicalExpr() = default;

  const DataTypePtr& type() const { return type_; }
  bool nullable() const { return nullable_; }
  /// The value for every row of `batch`: an array of batch.num_rows(), or a
  /// scalar (length-1, is_scalar) that stands for all rows.
  virtual Result<compute::Datum> Evaluate(const RecordBatch& batch) const = 0;
  /// Evaluate() expanded to a full array.
  Result<ArrayPtr> EvaluateToArray(const RecordBatch& batch) const;
  virtual std::string ToString() const = 0;
  virtual std::vector<PhysicalExprPtr> Children() const { return {}; }

 private:
  DataTypePtr type_;
  bool nullable_;
};

/// A Datum as an array of `num_rows` (scalars are repeated).
Result<ArrayPtr> DatumToArray(const compute::Datum& d, int64_t num_rows);

/// Column `index` of the input batch.
class ColumnExpr : public PhysicalExpr {
 public:
  ColumnExpr(std::string name, int index, DataTypePtr type, bool nullable)
      : PhysicalExpr(std::move(type), nullable), name_(std::move(name)), index_(index) {}
  Result<compute::Datum> Evaluate(const RecordBatch& batch) const override;
  std::string ToString() const override { return name_ + "@" + std::to_string(index_); }
  int index() const { return index_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  int index_;
};

class LiteralExpr : public PhysicalExpr {
 public:
  explicit LiteralExpr(ScalarValue value)
      : PhysicalExpr(value.type(), value.is_null()), value_(std::move(value)) {}
  Result<compute::Datum> Evaluate(const RecordBatch&) const override {
    return compute::Datum::Scalar(value_.array());
  }
  std::string ToString() const override { return value_.ValueToString(); }
  const ScalarValue& value() const { return value_; }

 private:
  ScalarValue value_;
};

/// left op right, operands already of their coerced types.
class BinaryExpr : public PhysicalExpr {
 public:
  BinaryExpr(PhysicalExprPtr left, Operator op, PhysicalExprPtr right, DataTypePtr type)
      : PhysicalExpr(std::move(type), left->nullable() || right->nullable()),
        left_(std::move(left)),
        op_(op),
        right_(std::move(right)) {}
  Result<compute::Datum> Evaluate(const RecordBatch& batch) const override;
  std::string ToString() const override;
  std::vector<PhysicalExprPtr> Children() const override { return {left_, right_}; }
  Operator op() const { return op_; }

 private:
  PhysicalExprPtr left_;
  Operator op_;
  PhysicalExprPtr right_;
};

enum class UnaryKind : uint8_t {
  kNot,
  kNegative,
  kIsNull,
  kIsNotNull,
  kIsTrue,
  kIsFalse,
  kIsUnknown,
  kIsNotTrue,
  kIsNotFalse,
  kIsNotUnknown
};

class UnaryExpr : public PhysicalExpr {
 public:
  UnaryExpr(UnaryKind kind, PhysicalExprPtr input, DataTypePtr type, bool nullable)
      : PhysicalExpr(std::move(type), nullable), kind_(kind), input_(std::move(input)) {}
  Result<compute::Datum> Evaluate(const RecordBatch& batch) const override;
  std::string ToString() const override;
  std::vector<PhysicalExprPtr> Children() const override { return {input_}; }
  UnaryKind kind() const { return kind_; }

 private:
  UnaryKind kind_;
  PhysicalExprPtr input_;
};

class CastExpr : public PhysicalExpr {
 public:
  CastExpr(PhysicalExprPtr input, DataTypePtr to, bool try_cast)
      : PhysicalExpr(std::move(to), input->nullable() || try_cast),
        input_(std::move(input)),
        try_cast_(try_cast) {}
  Result<compute::Datum> Evaluate(const RecordBatch& batch) const override;
  std::string ToString() const override;
  std::vector<PhysicalExprPtr> Children() const override { return {input_}; }
  bool try_cast() const { return try_cast_; }

 private:
  PhysicalExprPtr input_;
  bool try_cast_;
};

/// CASE [base] WHEN .. THEN .. [ELSE ..] END; branches evaluated only on
/// the rows that reach them, so a failing branch on other rows never errors.
class CaseExpr : public PhysicalExpr {
 public:
  CaseExpr(PhysicalExprPtr base, std::vector<PhysicalExprPtr> when,
           std::vector<PhysicalExprPtr> then, PhysicalExprPtr else_expr, DataTypePtr type)
      : PhysicalExpr(std::move(type), true),
        base_(std::move(base)),
        when_(std::move(when)),
        then_(std::move(then)),
        else_(std::move(else_expr)) {}
  Result<compute::Datum> Evaluate(const RecordBatch& batch) const override;
  std::string ToString() const override;

 private:
  PhysicalExprPtr base_;
  std::vector<PhysicalExprPtr> when_, then_;
  PhysicalExprPtr else_;
};

/// expr [NOT] IN (list), with SQL null semantics.
class InListExpr : public PhysicalExpr {
 public:
  InListExpr(PhysicalExprPtr input, std::vector<PhysicalExprPtr> list, bool negated)
      : PhysicalExpr(boolean(), true), input_(std::move(input)), list_(std::move(list)),
        negated_(negated) {}
  Result<compute::Datum> Evaluate(const RecordBatch& batch) const override;
  std::string ToString() const override;

 private:
  PhysicalExprPtr input_;
  std::vector<PhysicalExprPtr> list_;
  bool negated_;
};

class ScalarFunctionExpr : public PhysicalExpr {
 public:
  ScalarFunctionExpr(ScalarUDFPtr fn, std::vector<PhysicalExprPtr> args, DataTypePtr type)
      : PhysicalExpr(std::move(type), true), fn_(std::move(fn)), args_(std::move(args)) {}
  Result<compute::Datum> Evaluate(const RecordBatch& batch) const override;
  std::string ToString() const override;
  std::vector<PhysicalExprPtr> Children() const override { return args_; }

 private:
  ScalarUDFPtr fn_;
  std::vector<PhysicalExprPtr> args_;
};

/// [NOT] LIKE / ILIKE with an optional escape character.
class LikeExpr : public PhysicalExpr {
 public:
  LikeExpr(PhysicalExprPtr input, PhysicalExprPtr pattern, bool negated, bool case_insensitive,
           std::optional<char> escape)
      : PhysicalExpr(boolean(), true), input_(std::move(input)), pattern_(std::move(pattern)),
        negated_(negated), case_insensitive_(case_insensitive), escape_(escape) {}
  Result<compute::Datum> Evaluate(const RecordBatch& batch) const override;
  std::string ToString() const override;

 private:
  PhysicalExprPtr input_, pattern_;
  bool negated_, case_insensitive_;
  std::optional<char> escape_;
};

}  // namespace quiver
