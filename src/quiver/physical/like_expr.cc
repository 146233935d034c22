#include "quiver/physical/physical_expr.h"

#if __has_include("quiver/functions/like.h")
#include "quiver/functions/like.h"
#define QUIVER_HAVE_LIKE 1
#endif

namespace quiver {

Result<compute::Datum> LikeExpr::Evaluate(const RecordBatch& batch) const {
#ifdef QUIVER_HAVE_LIKE
  QUIVER_ASSIGN_OR_RAISE(auto in, input_->Evaluate(batch));
  QUIVER_ASSIGN_OR_RAISE(auto pat, pattern_->Evaluate(batch));
  QUIVER_ASSIGN_OR_RAISE(auto out, functions::LikeMatch(in, pat, case_insensitive_, escape_, negated_));
  bool scalar = in.is_scalar && pat.is_scalar;
  return scalar ? compute::Datum::Scalar(out) : compute::Datum::Array(out);
#else
  return Status::NotImplemented("LIKE");
#endif
}

std::string LikeExpr::ToString() const {
  return input_->ToString() + (negated_ ? " NOT" : "") + (case_insensitive_ ? " ILIKE " : " LIKE ") +
         pattern_->ToString();
}

}  // namespace quiver
