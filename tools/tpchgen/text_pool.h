// dbgen's comment text: a 300 MiB pool of pseudo-English sentences generated once
// from the grammar in dists.dss; every comment column is a random slice of it.
#pragma once

#include <cstdint>
#include <string_view>

namespace quiver::tpchgen {

class RandomStream;

inline constexpr int64_t kTextPoolSize = 300 * 1024 * 1024;

class TextPool {
 public:
  /// The shared pool, built on first use (about a second, 300 MiB).
  static const TextPool& Get();

  /// dbgen's TEXT(avg): two draws, an offset then a length in [0.4 avg, 1.6 avg].
  std::string_view Comment(RandomStream* stream, int average_length) const;

  std::string_view data() const { return {data_, static_cast<size_t>(kTextPoolSize)}; }

 private:
  TextPool();
  char* data_;
};

}  // namespace quiver::tpchgen
