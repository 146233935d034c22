#include "record.h"

#include <cctype>

namespace quiver::slt {

std::string LeadingKeyword(const std::string& sql) {
  size_t i = 0;
  const size_t n = sql.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(sql[i]);
    if (std::isspace(c) || c == '(') {
      ++i;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      i = end == std::string::npos ? n : end + 2;
    } else {
      break;
    }
  }
  std::string word;
  while (i < n && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_')) {
    word.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i]))));
    ++i;
  }
  return word;
}

bool Record::IsExplain() const {
  return (kind == RecordKind::kQuery || kind == RecordKind::kStatement) &&
         LeadingKeyword(sql) == "EXPLAIN";
}

bool Record::ChangesState() const {
  if (kind != RecordKind::kQuery && kind != RecordKind::kStatement) return false;
  std::string kw = LeadingKeyword(sql);
  return !(kw == "SELECT" || kw == "WITH" || kw == "EXPLAIN" || kw == "VALUES" || kw == "SHOW" ||
           kw == "DESCRIBE" || kw == "DESC" || kw.empty());
}

std::string Record::Location() const { return file + ":" + std::to_string(line); }

}  // namespace quiver::slt
