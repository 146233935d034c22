#include "tpchgen/text_pool.h"

#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "tpchgen/dists.h"
#include "tpchgen/random.h"

namespace quiver::tpchgen {
namespace {

constexpr int64_t kTextPoolSeed = 933588178;

// The grammar, compiled once: words padded to fixed slots so that copying one
// is a single 16-byte move, and phrase forms pre-parsed into word lists.
constexpr size_t kWordSlot = 16;

struct WordList {
  const Distribution* dist = nullptr;
  std::vector<std::array<char, kWordSlot>> words;
  std::vector<uint8_t> lengths;

  explicit WordList(const Distribution* d) : dist(d) {
    for (int i = 0; i < d->size(); ++i) {
      std::array<char, kWordSlot> w{};
      std::string_view t = d->text(i);
      if (t.size() > kWordSlot) std::abort();  // fixed by dists.dss
      std::memcpy(w.data(), t.data(), t.size());
      words.push_back(w);
      lengths.push_back(static_cast<uint8_t>(t.size()));
    }
  }

  // Appends a weighted pick; may write up to kWordSlot bytes past the word.
  char* Put(char* out, RandomStream* rng) const {
    int i = dist->Pick(rng);
    std::memcpy(out, words[i].data(), kWordSlot);
    return out + lengths[i];
  }
};

// A phrase form such as "J, J N": word lists, each with optional punctuation.
struct PhraseForm {
  std::vector<std::pair<const WordList*, std::string>> slots;
};

class Grammar {
 public:
  Grammar()
      : d_(Distributions::Get()),
        nouns_(&d_.nouns),
        verbs_(&d_.verbs),
        adjectives_(&d_.adjectives),
        adverbs_(&d_.adverbs),
        auxiliaries_(&d_.auxillaries),
        articles_(&d_.articles),
        prepositions_(&d_.prepositions),
        terminators_(&d_.terminators),
        np_(Compile(d_.np)),
        vp_(Compile(d_.vp)) {}

  // One sentence; returns its length. A preposition is followed by "the" and a
  // noun phrase; the terminator replaces the space after the last phrase.
  size_t Sentence(char* start, RandomStream* rng) const {
    std::string_view syntax = d_.grammar.PickText(rng);
    char* out = start;
    for (char token : syntax) {
      switch (token) {
        case 'V': out = Phrase(out, vp_, d_.vp, rng); break;
        case 'N': out = Phrase(out, np_, d_.np, rng); break;
        case 'P':
          out = prepositions_.Put(out, rng);
          std::memcpy(out, " the ", 5);
          out = Phrase(out + 5, np_, d_.np, rng);
          break;
        case 'T': out = terminators_.Put(out - 1, rng); break;
        default: break;
      }
    }
    return static_cast<size_t>(out - start);
  }

 private:
  // Each token letter names a word list; characters after it (a comma) follow
  // the word; a space ends every word.
  std::vector<PhraseForm> Compile(const Distribution& forms) const {
    std::vector<PhraseForm> result;
    for (int f = 0; f < forms.size(); ++f) {
      PhraseForm form;
      std::string_view text = forms.text(f);
      size_t i = 0;
      while (i < text.size()) {
        size_t end = std::min(text.find(' ', i), text.size());
        const WordList* list = nullptr;
        switch (text[i]) {
          case 'A': list = &articles_; break;
          case 'J': list = &adjectives_; break;
          case 'D': list = &adverbs_; break;
          case 'N': list = &nouns_; break;
          case 'V': list = &verbs_; break;
          case 'X': list = &auxiliaries_; break;
          default: std::abort();  // fixed by dists.dss
        }
        form.slots.emplace_back(list, std::string(text.substr(i + 1, end - i - 1)) + " ");
        i = end + 1;
      }
      result.push_back(std::move(form));
    }
    return result;
  }

  static char* Phrase(char* out, const std::vector<PhraseForm>& forms, const Distribution& dist,
                      RandomStream* rng) {
    for (const auto& [list, tail] : forms[dist.Pick(rng)].slots) {
      out = list->Put(out, rng);
      std::memcpy(out, tail.data(), tail.size());
      out += tail.size();
    }
    return out;
  }

  const Distributions& d_;
  WordList nouns_, verbs_, adjectives_, adverbs_, auxiliaries_, articles_, prepositions_,
      terminators_;
  std::vector<PhraseForm> np_, vp_;
};

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
  Grammar grammar;
  char sentence[1024];
  int64_t size = 0;
  while (size < kTextPoolSize) {
    size_t len = grammar.Sentence(sentence, &rng);
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
