// Generates rows [first, first + count) of the hits table as one batch.
#pragma once

#include <cstdint>

#include "hitsgen/hits_vocabulary.h"
#include "quiver/arrow/record_batch.h"

namespace quiver::hitsgen {

Status GenerateHitsBatch(const HitsVocabulary& vocab, uint64_t seed, int64_t first, int64_t count,
                         const SchemaPtr& schema, RecordBatchPtr* out);

}  // namespace quiver::hitsgen
