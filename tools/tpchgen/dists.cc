#include "tpchgen/dists.h"

#include <cstdlib>
#include <string>

#include "tpchgen/random.h"

namespace quiver::tpchgen {

Distribution::Distribution(const DistData& data) {
  int64_t total = 0;
  for (int i = 0; i < data.count; ++i) {
    total += data.entries[i].weight;
    texts_.emplace_back(data.entries[i].text);
    cumulative_.push_back(total);
  }
  // A direct table from draw to entry replaces dbgen's linear scan; draws are
  // 1..total, and weights sum to a few hundred at most.
  by_value_.reserve(total > 0 ? total : 0);
  int i = 0;
  for (int64_t v = 1; v <= total; ++v) {
    while (cumulative_[i] < v) ++i;
    by_value_.push_back(static_cast<uint16_t>(i));
  }
}

namespace {
const DistData& Find(std::string_view name) {
  for (const DistData& d : AllDistData()) {
    if (name == d.name) return d;
  }
  std::abort();  // the embedded data is fixed at build time
}
}  // namespace

const Distributions& Distributions::Get() {
  static const Distributions* dists = new Distributions{
      Distribution(Find("colors")),      Distribution(Find("p_types")),
      Distribution(Find("p_cntr")),      Distribution(Find("msegmnt")),
      Distribution(Find("nations")),     Distribution(Find("regions")),
      Distribution(Find("o_oprio")),     Distribution(Find("instruct")),
      Distribution(Find("smode")),       Distribution(Find("rflag")),
      Distribution(Find("grammar")),     Distribution(Find("np")),
      Distribution(Find("vp")),          Distribution(Find("nouns")),
      Distribution(Find("verbs")),       Distribution(Find("adjectives")),
      Distribution(Find("adverbs")),     Distribution(Find("prepositions")),
      Distribution(Find("auxillaries")), Distribution(Find("terminators")),
      Distribution(Find("articles")),
  };
  return *dists;
}

}  // namespace quiver::tpchgen
