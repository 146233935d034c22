#include "quiver/datasource/csv/tokenizer.h"

#include <algorithm>
#include <cstring>

namespace quiver::csv::internal {

Tokenizer::Tokenizer(const CsvReadOptions& options, int num_cols)
    : delimiter_(options.delimiter),
      quote_(options.quote),
      escape_(options.escape && *options.escape != options.quote
                  ? static_cast<uint8_t>(*options.escape)
                  : -1),
      comment_(options.comment ? static_cast<uint8_t>(*options.comment) : -1),
      truncated_rows_(options.truncated_rows),
      num_cols_(num_cols) {
  std::memset(cls_, 0, sizeof(cls_));
  std::memset(qcls_, 0, sizeof(qcls_));
  cls_[static_cast<uint8_t>('\r')] = 3;
  cls_[static_cast<uint8_t>('\n')] = 2;
  cls_[static_cast<uint8_t>(delimiter_)] = 1;
  if (escape_ >= 0) qcls_[escape_] = 2;
  qcls_[static_cast<uint8_t>('\n')] = 3;
  qcls_[static_cast<uint8_t>(quote_)] = 1;
}

std::string Tokenizer::LineText(int64_t line) const {
  std::string s = "line " + std::to_string(line);
  if (!location_note_.empty()) s += " " + location_note_;
  return s;
}

Status Tokenizer::FieldCountError(int64_t line, int64_t got) const {
  return Status::Arrow("Csv error: incorrect number of fields for " + LineText(line) +
                       ", expected " + std::to_string(num_cols_) + " got " + std::to_string(got));
}

bool Tokenizer::SkipIgnorable(char** pp, char* end, bool eof) {
  char* p = *pp;
  for (;;) {
    if (p >= end) break;
    if (*p == '\n') {
      ++line_;
      ++p;
    } else if (*p == '\r' && p + 1 < end && p[1] == '\n') {
      ++line_;
      p += 2;
    } else if (*p == '\r' && p + 1 == end) {
      if (!eof) return false;
      ++p;
    } else if (comment_ >= 0 && *p == static_cast<char>(comment_)) {
      auto* nl = static_cast<char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
      if (nl == nullptr) {
        if (!eof) return false;
        p = end;
      } else {
        ++line_;
        p = nl + 1;
      }
    } else {
      break;
    }
  }
  *pp = p;
  return true;
}

Tokenizer::RowResult Tokenizer::ScanRow(char* base, char* p, char* end, bool eof, FieldSpan* spans,
                                        int cap, int* nfields, char** next, int64_t* newlines,
                                        bool* bad_quote) {
  int n = 0;
  int64_t nl = 0;
  for (;;) {
    char* f = p;
    uint32_t flags = 0;
    if (*p == quote_ && p < end) {
      flags = kSpanQuoted;
      ++p;
      for (;;) {
        while (!qcls_[static_cast<uint8_t>(*p)]) ++p;
        uint8_t c = qcls_[static_cast<uint8_t>(*p)];
        if (c == 3) {
          if (p >= end) {
            if (!eof) return kRowIncomplete;
            *bad_quote = true;
            return kRowEnd;
          }
          ++nl;
          ++p;
        } else if (c == 2) {
          if (p + 1 >= end) {
            if (!eof) return kRowIncomplete;
            *bad_quote = true;
            return kRowEnd;
          }
          if (p[1] == '\n') ++nl;
          flags = kSpanComplex;
          p += 2;
        } else {
          // A quote: doubled (literal) or closing; the next byte decides.
          if (p + 1 >= end && !eof) return kRowIncomplete;
          if (p + 1 < end && p[1] == quote_) {
            flags = kSpanComplex;
            p += 2;
          } else {
            ++p;
            break;
          }
        }
      }
      // Text between the closing quote and the delimiter is kept as is.
      if (!cls_[static_cast<uint8_t>(*p)]) flags = kSpanComplex;
    }
    for (;;) {
      while (!cls_[static_cast<uint8_t>(*p)]) ++p;
      uint8_t c = cls_[static_cast<uint8_t>(*p)];
      if (c == 1) {
        if (n < cap)
          spans[n] = {static_cast<uint32_t>(f - base) | flags, static_cast<uint32_t>(p - base)};
        ++n;
        ++p;
        break;
      }
      char* fe = p;
      if (c == 2) {
        if (p >= end) {
          if (!eof) return kRowIncomplete;
          *next = end;
        } else {
          ++nl;
          *next = p + 1;
        }
      } else {
        // '\r': a terminator before '\n' or at the very end, else data.
        if (p + 1 >= end && !eof) return kRowIncomplete;
        if (p + 1 < end && p[1] != '\n') {
          ++p;
          continue;
        }
        if (p + 1 < end) {
          ++nl;
          *next = p + 2;
        } else {
          *next = end;
        }
      }
      if (n < cap)
        spans[n] = {static_cast<uint32_t>(f - base) | flags, static_cast<uint32_t>(fe - base)};
      ++n;
      *nfields = n;
      *newlines = nl;
      return kRowDone;
    }
  }
}

Result<Tokenizer::Outcome> Tokenizer::Scan(char* begin, char* end, bool eof, int64_t max_rows,
                                           int64_t stop, TokenizedRows* out, int64_t* consumed) {
  *end = '\n';  // sentinel: every scanning loop stops here
  const int ncols = num_cols_;
  const int64_t need = (out->num_rows + max_rows) * ncols + 1;
  if (static_cast<int64_t>(out->spans.size()) < need) out->spans.resize(need);
  if (static_cast<int64_t>(out->lines.size()) < out->num_rows + max_rows) {
    out->lines.resize(out->num_rows + max_rows);
  }
  char* p = begin;
  for (int64_t rows = 0; rows < max_rows; ++rows) {
    char* row_begin = p;
    int64_t saved_line = line_;
    if (p - begin >= stop) break;
    if (!SkipIgnorable(&p, end, eof)) {
      line_ = saved_line;
      *consumed = row_begin - begin;
      return Outcome::kNeedMore;
    }
    if (p - begin >= stop) break;
    if (p >= end) {
      *consumed = p - begin;
      return eof ? Outcome::kEnd : Outcome::kNeedMore;
    }
    FieldSpan* spans = out->spans.data() + out->num_rows * ncols;
    int nf = 0;
    char* next = nullptr;
    int64_t nl = 0;
    bool bad_quote = false;
    RowResult r = ScanRow(begin, p, end, eof, spans, ncols, &nf, &next, &nl, &bad_quote);
    if (r == kRowIncomplete) {
      *consumed = p - begin;
      return Outcome::kNeedMore;
    }
    if (bad_quote) {
      return Status::Arrow("Csv error: unterminated quoted field starting at " + LineText(line_));
    }
    if (nf != ncols) {
      if (nf > ncols || !truncated_rows_) return FieldCountError(line_, nf);
      for (int i = nf; i < ncols; ++i) spans[i] = {kSpanMissing, 0};
    }
    if (p - begin < stop && next - begin > stop) {
      // The row crossing the range end: a newline inside it past the boundary
      // would make the next range start mid-row.
      char* from = std::max(p, begin + stop - 1);
      char* to = next[-1] == '\n' ? next - 1 : next;
      if (from < to && std::memchr(from, '\n', static_cast<size_t>(to - from)) != nullptr) {
        return Status::Arrow(
            "Csv error: a quoted value with a newline crosses a byte range boundary at " +
            LineText(line_) + "; read this file as a single range (newlines_in_values)");
      }
    }
    out->lines[out->num_rows] = line_;
    ++out->num_rows;
    line_ += nl;
    p = next;
  }
  *consumed = p - begin;
  if (p - begin >= stop) return Outcome::kEnd;
  return Outcome::kRowLimit;
}

Result<Tokenizer::Outcome> Tokenizer::ReadRecord(char* begin, char* end, bool eof,
                                                 std::vector<std::string>* fields,
                                                 int64_t* consumed) {
  *end = '\n';
  char* p = begin;
  int64_t saved_line = line_;
  if (!SkipIgnorable(&p, end, eof)) {
    line_ = saved_line;
    *consumed = 0;
    return Outcome::kNeedMore;
  }
  if (p >= end) {
    *consumed = p - begin;
    fields->clear();
    return eof ? Outcome::kEnd : Outcome::kNeedMore;
  }
  std::vector<FieldSpan> spans(64);
  for (;;) {
    int nf = 0;
    char* next = nullptr;
    int64_t nl = 0;
    bool bad_quote = false;
    RowResult r = ScanRow(begin, p, end, eof, spans.data(), static_cast<int>(spans.size()), &nf,
                          &next, &nl, &bad_quote);
    if (r == kRowIncomplete) {
      line_ = saved_line;
      *consumed = 0;
      return Outcome::kNeedMore;
    }
    if (bad_quote) {
      return Status::Arrow("Csv error: unterminated quoted field starting at " + LineText(line_));
    }
    if (nf > static_cast<int>(spans.size())) {
      spans.resize(nf);
      continue;
    }
    fields->clear();
    std::string scratch;
    for (int i = 0; i < nf; ++i) fields->emplace_back(FieldText(begin, spans[i], &scratch));
    line_ += nl;
    *consumed = next - begin;
    return Outcome::kRowLimit;
  }
}

std::string_view Tokenizer::Unescape(const char* p, const char* end, std::string* scratch) const {
  scratch->clear();
  bool in_quotes = false;
  if (p < end && *p == quote_) {
    in_quotes = true;
    ++p;
  }
  while (p < end) {
    char c = *p;
    if (in_quotes) {
      if (escape_ >= 0 && c == static_cast<char>(escape_) && p + 1 < end) {
        scratch->push_back(p[1]);
        p += 2;
        continue;
      }
      if (c == quote_) {
        if (p + 1 < end && p[1] == quote_) {
          scratch->push_back(quote_);
          p += 2;
        } else {
          in_quotes = false;
          ++p;
        }
        continue;
      }
    }
    scratch->push_back(c);
    ++p;
  }
  return *scratch;
}

}  // namespace quiver::csv::internal
