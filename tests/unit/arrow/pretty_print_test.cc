#include "quiver/arrow/pretty_print.h"

#include <gtest/gtest.h>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/record_batch.h"

namespace quiver {
namespace {

// Columns are padded by code points, so multi-byte UTF-8 text stays aligned.
TEST(PrettyFormatBatchesTest, AlignsNonAsciiText) {
  auto names = *ArrayFromVector<std::string>(utf8(), {"héllo", "ab"});
  auto schema = std::make_shared<Schema>(std::vector<FieldPtr>{field("naïve", utf8())});
  auto batch = RecordBatch::Make(schema, 2, {names});
  EXPECT_EQ(PrettyFormatBatches({batch}),
            "+-------+\n"
            "| naïve |\n"
            "+-------+\n"
            "| héllo |\n"
            "| ab    |\n"
            "+-------+\n");
}

}  // namespace
}  // namespace quiver
