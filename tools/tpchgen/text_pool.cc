#include "tpchgen/text_pool.h"

#include <sys/mman.h>

#include <cstdlib>
#include <cstring>

#include "tpchgen/dists.h"
#include "tpchgen/random.h"

namespace quiver::tpchgen {
namespace {

constexpr int64_t kTextPoolSeed = 933588178;

// Appends a word and moves the cursor.
inline char* Put(char* out, std::string_view word) {
  std::memcpy(out, word.data(), word.size());
  return out + word.size();
}

// A noun or verb phrase: each token of the chosen form names a word list; any
// character after the token letter (a comma) follows the word; a space ends it.
char* Phrase(char* out, const Distribution& forms, RandomStream* rng) {
  const Distributions& d = Distributions::Get();
  std::string_view form = forms.PickText(rng);
  size_t i = 0;
  while (i < form.size()) {
    size_t end = form.find(' ', i);
    if (end == std::string_view::npos) end = form.size();
    const Distribution* words = nullptr;
    switch (form[i]) {
      case 'A': words = &d.articles; break;
      case 'J': words = &d.adjectives; break;
      case 'D': words = &d.adverbs; break;
      case 'N': words = &d.nouns; break;
      case 'V': words = &d.verbs; break;
      case 'X': words = &d.auxillaries; break;
    }
    if (words != nullptr) out = Put(out, words->PickText(rng));
    for (size_t k = i + 1; k < end; ++k) *out++ = form[k];
    *out++ = ' ';
    i = end + 1;
  }
  return out;
}

// One sentence from the grammar; returns its length. The terminator replaces
// the space that ends the previous phrase.
size_t Sentence(char* start, RandomStream* rng) {
  const Distributions& d = Distributions::Get();
  std::string_view syntax = d.grammar.PickText(rng);
  char* out = start;
  for (char token : syntax) {
    switch (token) {
      case 'V': out = Phrase(out, d.vp, rng); break;
      case 'N': out = Phrase(out, d.np, rng); break;
      case 'P':
        out = Put(out, d.prepositions.PickText(rng));
        out = Put(out, " the ");
        out = Phrase(out, d.np, rng);  // the preposition's object
        break;
      case 'T': out = Put(out - 1, d.terminators.PickText(rng)); break;
      default: break;
    }
  }
  return static_cast<size_t>(out - start);
}

}  // namespace

namespace {
// Comments are slices at random offsets: back the pool with huge pages where
// the kernel allows, so that each slice costs a cache miss but no TLB miss.
char* AllocatePool() {
  constexpr size_t kHugePage = 2 << 20;
  size_t bytes = (kTextPoolSize + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, bytes);
  if (p == nullptr) std::abort();
#ifdef MADV_HUGEPAGE
  ::madvise(p, bytes, MADV_HUGEPAGE);
#endif
  return static_cast<char*>(p);
}
}  // namespace

TextPool::TextPool() : data_(AllocatePool()) {
  RandomStream rng(kTextPoolSeed, 1);
  char sentence[1024];
  int64_t size = 0;
  while (size < kTextPoolSize) {
    size_t len = Sentence(sentence, &rng);
    int64_t needed = kTextPoolSize - size;
    if (needed >= static_cast<int64_t>(len) + 1) {
      std::memcpy(data_ + size, sentence, len);
      data_[size + len] = ' ';
      size += static_cast<int64_t>(len) + 1;
    } else {
      std::memcpy(data_ + size, sentence, needed);
      size += needed;
    }
  }
}

const TextPool& TextPool::Get() {
  static const TextPool* pool = new TextPool();
  return *pool;
}

std::string_view TextPool::Comment(RandomStream* stream, int average_length) const {
  int64_t min_len = static_cast<int64_t>(average_length * 0.4);
  int64_t max_len = static_cast<int64_t>(average_length * 1.6);
  int64_t offset = stream->Next(0, kTextPoolSize - max_len);
  int64_t length = stream->Next(min_len, max_len);
  const char* text = data_ + offset;
  // Fetch early: the row is formatted a little later.
  __builtin_prefetch(text);
  __builtin_prefetch(text + 64);
  return {text, static_cast<size_t>(length)};
}

}  // namespace quiver::tpchgen
