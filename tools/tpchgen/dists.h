// TPC-H word lists and weighted distributions (from dists.dss, embedded at build time).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "tpchgen/random.h"

namespace quiver::tpchgen {

/// One raw entry of dists.dss: a token and its (non-cumulative) weight.
struct DistEntry {
  const char* text;
  int32_t weight;
};

struct DistData {
  const char* name;
  const DistEntry* entries;
  int count;
};

/// Every distribution of dists.dss, in file order (generated dists_data.cc).
std::span<const DistData> AllDistData();

/// A distribution ready for sampling: dbgen's pick_str draws a value in
/// [1, total weight] and takes the first entry whose cumulative weight reaches it.
class Distribution {
 public:
  explicit Distribution(const DistData& data);

  int size() const { return static_cast<int>(texts_.size()); }
  std::string_view text(int i) const { return texts_[i]; }
  /// Cumulative weight up to and including entry i (dbgen's stored weight).
  int64_t cumulative_weight(int i) const { return cumulative_[i]; }

  /// Index of a weighted pick; consumes one random number of `stream`.
  int Pick(RandomStream* stream) const {
    return by_value_[stream->Next(1, cumulative_.back()) - 1];
  }
  std::string_view PickText(RandomStream* stream) const { return texts_[Pick(stream)]; }

 private:
  std::vector<std::string_view> texts_;
  std::vector<int64_t> cumulative_;
  std::vector<uint16_t> by_value_;  // draw value - 1 -> entry index
};

/// The distributions the generator uses, parsed once.
struct Distributions {
  Distribution colors, p_types, p_cntr, msegmnt, nations, regions, o_oprio, instruct, smode, rflag;
  // Sentence grammar for the text pool.
  Distribution grammar, np, vp, nouns, verbs, adjectives, adverbs, prepositions, auxillaries,
      terminators, articles;

  static const Distributions& Get();
};

}  // namespace quiver::tpchgen
