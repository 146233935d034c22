// Statement parsing and the public entry points.
#include "quiver/sql/parser.h"

#include <algorithm>
#include <cctype>

#include "quiver/sql/parser_internal.h"

namespace quiver::sql {
namespace internal {

namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

// ---------------------------------------------------------------- helpers

bool Parser::ConsumeKeyword(std::string_view kw) {
  if (!PeekKeyword(kw)) return false;
  Next();
  return true;
}

bool Parser::ConsumeKeywords(std::initializer_list<std::string_view> kws) {
  size_t i = 0;
  for (std::string_view kw : kws) {
    if (!PeekKeyword(kw, i++)) return false;
  }
  pos_ += kws.size();
  return true;
}

bool Parser::ConsumeOp(std::string_view op) {
  if (!PeekOp(op)) return false;
  Next();
  return true;
}

Status Parser::ExpectKeyword(std::string_view kw) {
  if (ConsumeKeyword(kw)) return Status::OK();
  return Expected(kw);
}

Status Parser::ExpectKeywords(std::initializer_list<std::string_view> kws) {
  for (std::string_view kw : kws) QUIVER_RETURN_NOT_OK(ExpectKeyword(kw));
  return Status::OK();
}

Status Parser::ExpectOp(std::string_view op) {
  if (ConsumeOp(op)) return Status::OK();
  return Expected(op);
}

Status Parser::Expected(std::string_view what) const {
  return ErrorAt(Peek(), "Expected " + std::string(what) + ", found: " + Peek().Display());
}

Status Parser::ErrorAt(const Token& tok, std::string msg) const {
  return Status::Parse(std::move(msg), tok.loc);
}

Status Parser::CheckDepth() const {
  if (depth_ >= opts_.max_depth) return ErrorAt(Peek(), "recursion limit exceeded");
  return Status::OK();
}

Status Parser::ExpectEnd(const char* what) {
  if (AtEnd()) return Status::OK();
  return Expected(what);
}

Ident Parser::MakeIdent(const Token& tok) const {
  Ident id;
  id.loc = tok.loc;
  id.quote = tok.quote;
  id.value = tok.text;
  if (!tok.quote && opts_.normalize_identifiers) {
    for (char& c : id.value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return id;
}

Result<Ident> Parser::ParseIdent() {
  if (Peek().type != TokenType::kWord) return Expected("identifier");
  return MakeIdent(Next());
}

Result<Ident> Parser::ParseAliasIdent() {
  if (Peek().type == TokenType::kString) {
    const Token& t = Next();
    return Ident{t.text, '\'', t.loc};
  }
  return ParseIdent();
}

Result<ObjectName> Parser::ParseObjectName() {
  ObjectName name;
  do {
    QUIVER_ASSIGN_OR_RAISE(Ident id, ParseIdent());
    name.push_back(std::move(id));
  } while (ConsumeOp("."));
  return name;
}

Result<std::vector<Ident>> Parser::ParseParenthesizedIdents() {
  QUIVER_RETURN_NOT_OK(ExpectOp("("));
  std::vector<Ident> out;
  if (ConsumeOp(")")) return out;
  do {
    QUIVER_ASSIGN_OR_RAISE(Ident id, ParseIdent());
    out.push_back(std::move(id));
  } while (ConsumeOp(","));
  QUIVER_RETURN_NOT_OK(ExpectOp(")"));
  return out;
}

// ------------------------------------------------------------- statements

namespace {

// `REFERENCES table [(columns)]` of a foreign key.
Status ParseReferences(Parser* p) {
  if (!p->ConsumeKeyword("REFERENCES")) return p->Expected("REFERENCES");
  QUIVER_RETURN_NOT_OK(p->ParseObjectName().status());
  if (p->PeekOp("(")) QUIVER_RETURN_NOT_OK(p->ParseParenthesizedIdents().status());
  return Status::OK();
}

// Foreign keys parse (so the statement is known) but are not kept.
Status ForeignKeysUnsupported() {
  return Status::Plan("Foreign key constraints are not currently supported");
}

// Column definitions and table constraints of CREATE [EXTERNAL] TABLE.
Status ParseColumns(Parser* p, std::vector<ColumnDef>* columns,
                    std::vector<TableConstraint>* constraints) {
  QUIVER_RETURN_NOT_OK(p->ExpectOp("("));
  if (p->ConsumeOp(")")) return Status::OK();
  do {
    TableConstraint c;
    if (p->ConsumeKeyword("CONSTRAINT")) {
      QUIVER_ASSIGN_OR_RAISE(Ident name, p->ParseIdent());
      c.name = std::move(name);
    }
    if (p->PeekKeyword("PRIMARY") && p->PeekKeyword("KEY", 1)) {
      p->pos_ += 2;
      c.kind = TableConstraintKind::kPrimaryKey;
    } else if (p->PeekKeyword("UNIQUE") && (p->PeekOp("(", 1) || p->PeekKeyword("KEY", 1))) {
      p->Next();
      p->ConsumeKeyword("KEY");
      c.kind = TableConstraintKind::kUnique;
    } else if (p->PeekKeyword("CHECK") && p->PeekOp("(", 1)) {
      p->Next();
      p->Next();
      c.kind = TableConstraintKind::kCheck;
      QUIVER_ASSIGN_OR_RAISE(c.check, p->ParseExpr());
      QUIVER_RETURN_NOT_OK(p->ExpectOp(")"));
      constraints->push_back(std::move(c));
      continue;
    } else if (p->PeekKeyword("FOREIGN") && p->PeekKeyword("KEY", 1)) {
      p->pos_ += 2;
      QUIVER_RETURN_NOT_OK(p->ParseParenthesizedIdents().status());
      QUIVER_RETURN_NOT_OK(ParseReferences(p));
      return ForeignKeysUnsupported();
    } else if (c.name) {
      return p->Expected("PRIMARY, UNIQUE, FOREIGN, or CHECK");
    } else {
      ColumnDef col;
      col.loc = p->Peek().loc;
      QUIVER_ASSIGN_OR_RAISE(col.name, p->ParseIdent());
      QUIVER_ASSIGN_OR_RAISE(col.type, p->ParseDataType());
      while (true) {
        ColumnOption opt;
        if (p->ConsumeKeywords({"NOT", "NULL"})) {
          opt.kind = ColumnOptionKind::kNotNull;
        } else if (p->ConsumeKeyword("NULL")) {
          opt.kind = ColumnOptionKind::kNull;
        } else if (p->ConsumeKeyword("DEFAULT")) {
          opt.kind = ColumnOptionKind::kDefault;
          QUIVER_ASSIGN_OR_RAISE(opt.expr, p->ParseExpr());
        } else if (p->ConsumeKeywords({"PRIMARY", "KEY"})) {
          opt.kind = ColumnOptionKind::kPrimaryKey;
        } else if (p->ConsumeKeyword("UNIQUE")) {
          opt.kind = ColumnOptionKind::kUnique;
        } else if (p->PeekKeyword("CHECK") && p->PeekOp("(", 1)) {
          p->pos_ += 2;
          opt.kind = ColumnOptionKind::kCheck;
          QUIVER_ASSIGN_OR_RAISE(opt.expr, p->ParseExpr());
          QUIVER_RETURN_NOT_OK(p->ExpectOp(")"));
        } else if (p->PeekKeyword("REFERENCES")) {
          QUIVER_RETURN_NOT_OK(ParseReferences(p));
          return ForeignKeysUnsupported();
        } else if (p->ConsumeKeyword("COMMENT")) {
          opt.kind = ColumnOptionKind::kComment;
          QUIVER_ASSIGN_OR_RAISE(opt.expr, p->ParseLiteralValue());
        } else {
          break;
        }
        col.options.push_back(std::move(opt));
      }
      columns->push_back(std::move(col));
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(c.columns, p->ParseParenthesizedIdents());
    constraints->push_back(std::move(c));
  } while (p->ConsumeOp(",") && !p->PeekOp(")"));  // a trailing comma is accepted
  return p->ExpectOp(")");
}

// `OPTIONS (key value, ...)`: keys are strings or dotted words, kept as written.
Status ParseOptions(Parser* p, std::vector<SqlOption>* options) {
  QUIVER_RETURN_NOT_OK(p->ExpectOp("("));
  if (p->ConsumeOp(")")) return Status::OK();
  do {
    SqlOption opt;
    const Token& k = p->Peek();
    if (k.type == TokenType::kString) {
      opt.key = p->Next().text;
    } else if (k.type == TokenType::kWord) {
      opt.key = p->Next().text;
      while (p->PeekOp(".") && p->Peek(1).type == TokenType::kWord) {
        p->Next();
        opt.key += "." + p->Next().text;
      }
    } else {
      return p->Expected("option key");
    }
    QUIVER_ASSIGN_OR_RAISE(opt.value, p->ParseLiteralValue());
    options->push_back(std::move(opt));
  } while (p->ConsumeOp(","));
  return p->ExpectOp(")");
}

Status Unexpected(Parser* p) {
  return p->ErrorAt(p->Peek(), "Unexpected token " + p->Peek().Display());
}

bool AtStatementEnd(Parser* p) { return p->AtEnd() || p->PeekOp(";"); }

Result<Statement> ParseCreateExternalTable(Parser* p, CreateExternalTable t) {
  if (p->ConsumeKeywords({"IF", "NOT", "EXISTS"})) t.if_not_exists = true;
  QUIVER_ASSIGN_OR_RAISE(t.name, p->ParseObjectName());
  if (p->PeekOp("(")) QUIVER_RETURN_NOT_OK(ParseColumns(p, &t.columns, &t.constraints));
  bool stored = false, location = false, partitioned = false, options = false;
  bool header = false, delimiter = false, compression = false;
  auto once = [&](bool* seen, const char* what) -> Status {
    if (*seen) return Status::Parse(std::string(what) + " specified more than once", p->Peek().loc);
    *seen = true;
    return Status::OK();
  };
  while (!AtStatementEnd(p)) {
    SourceLocation loc = p->Peek().loc;
    if (p->ConsumeKeyword("STORED")) {
      QUIVER_RETURN_NOT_OK(once(&stored, "STORED AS"));
      QUIVER_RETURN_NOT_OK(p->ExpectKeyword("AS"));
      QUIVER_ASSIGN_OR_RAISE(Ident fmt, p->ParseIdent());
      t.file_type = Upper(fmt.value);
    } else if (p->ConsumeKeyword("LOCATION")) {
      QUIVER_RETURN_NOT_OK(once(&location, "LOCATION"));
      if (p->Peek().type != TokenType::kString) return p->Expected("string literal");
      t.location = p->Next().text;
    } else if (p->ConsumeKeyword("PARTITIONED")) {
      QUIVER_RETURN_NOT_OK(once(&partitioned, "PARTITIONED BY"));
      QUIVER_RETURN_NOT_OK(p->ExpectKeyword("BY"));
      QUIVER_RETURN_NOT_OK(p->ExpectOp("("));
      do {
        ColumnDef col;
        col.loc = p->Peek().loc;
        QUIVER_ASSIGN_OR_RAISE(col.name, p->ParseIdent());
        if (!p->PeekOp(",") && !p->PeekOp(")")) {
          QUIVER_ASSIGN_OR_RAISE(col.type, p->ParseDataType());
        }
        t.partition_columns.push_back(std::move(col));
      } while (p->ConsumeOp(","));
      QUIVER_RETURN_NOT_OK(p->ExpectOp(")"));
    } else if (p->ConsumeKeyword("WITH")) {
      if (p->ConsumeKeyword("ORDER")) {
        QUIVER_RETURN_NOT_OK(p->ExpectOp("("));
        QUIVER_ASSIGN_OR_RAISE(std::vector<OrderByExpr> order, p->ParseOrderByList());
        QUIVER_RETURN_NOT_OK(p->ExpectOp(")"));
        t.order_exprs.push_back(std::move(order));
      } else {
        QUIVER_RETURN_NOT_OK(p->ExpectKeyword("HEADER"));
        QUIVER_RETURN_NOT_OK(p->ExpectKeyword("ROW"));
        QUIVER_RETURN_NOT_OK(once(&header, "WITH HEADER ROW"));
        t.has_header = true;
      }
    } else if (p->ConsumeKeyword("DELIMITER")) {
      QUIVER_RETURN_NOT_OK(once(&delimiter, "DELIMITER"));
      const Token& d = p->Peek();
      if (d.type != TokenType::kString || d.text.size() != 1) {
        return p->Expected("a single character delimiter");
      }
      t.delimiter = p->Next().text[0];
    } else if (p->ConsumeKeyword("COMPRESSION")) {
      QUIVER_RETURN_NOT_OK(once(&compression, "COMPRESSION TYPE"));
      QUIVER_RETURN_NOT_OK(p->ExpectKeyword("TYPE"));
      QUIVER_ASSIGN_OR_RAISE(Ident c, p->ParseIdent());
      t.compression = Upper(c.value);
    } else if (p->ConsumeKeyword("OPTIONS")) {
      QUIVER_RETURN_NOT_OK(once(&options, "OPTIONS"));
      QUIVER_RETURN_NOT_OK(ParseOptions(p, &t.options));
    } else {
      return Unexpected(p);
    }
    (void)loc;
  }
  if (!stored) {
    return Status::Parse("Missing STORED AS clause in CREATE EXTERNAL TABLE statement",
                         p->Peek().loc);
  }
  if (!location) {
    return Status::Parse("Missing LOCATION clause in CREATE EXTERNAL TABLE statement",
                         p->Peek().loc);
  }
  return Statement{std::move(t), {}, {}};
}

Result<Statement> ParseCreate(Parser* p) {
  bool or_replace = p->ConsumeKeywords({"OR", "REPLACE"});
  bool temporary = p->ConsumeKeyword("TEMPORARY") || p->ConsumeKeyword("TEMP");
  bool unbounded = p->ConsumeKeyword("UNBOUNDED");
  if (p->ConsumeKeyword("EXTERNAL")) {
    QUIVER_RETURN_NOT_OK(p->ExpectKeyword("TABLE"));
    CreateExternalTable t;
    t.or_replace = or_replace;
    t.temporary = temporary;
    t.unbounded = unbounded;
    return ParseCreateExternalTable(p, std::move(t));
  }
  if (p->ConsumeKeyword("TABLE")) {
    CreateTable t;
    t.or_replace = or_replace;
    t.temporary = temporary;
    t.unbounded = unbounded;
    t.if_not_exists = p->ConsumeKeywords({"IF", "NOT", "EXISTS"});
    QUIVER_ASSIGN_OR_RAISE(t.name, p->ParseObjectName());
    if (p->PeekOp("(") && !p->StartsQuery(1)) {
      QUIVER_RETURN_NOT_OK(ParseColumns(p, &t.columns, &t.constraints));
    }
    if (p->ConsumeKeyword("AS")) {
      QUIVER_ASSIGN_OR_RAISE(t.query, p->ParseQuery());
    } else if (p->StartsQuery()) {
      QUIVER_ASSIGN_OR_RAISE(t.query, p->ParseQuery());
    }
    return Statement{std::move(t), {}, {}};
  }
  if (p->ConsumeKeyword("VIEW")) {
    CreateView v;
    v.or_replace = or_replace;
    v.temporary = temporary;
    v.if_not_exists = p->ConsumeKeywords({"IF", "NOT", "EXISTS"});
    QUIVER_ASSIGN_OR_RAISE(v.name, p->ParseObjectName());
    if (p->PeekOp("(")) {
      QUIVER_ASSIGN_OR_RAISE(v.columns, p->ParseParenthesizedIdents());
    }
    QUIVER_RETURN_NOT_OK(p->ExpectKeyword("AS"));
    QUIVER_ASSIGN_OR_RAISE(v.query, p->ParseQuery());
    return Statement{std::move(v), {}, {}};
  }
  for (auto [word, kind] :
       {std::pair{"SCHEMA", ObjectKind::kSchema}, std::pair{"DATABASE", ObjectKind::kDatabase},
        std::pair{"CATALOG", ObjectKind::kCatalog}}) {
    if (p->ConsumeKeyword(word)) {
      CreateSchema s;
      s.object = kind;
      s.if_not_exists = p->ConsumeKeywords({"IF", "NOT", "EXISTS"});
      QUIVER_ASSIGN_OR_RAISE(s.name, p->ParseObjectName());
      return Statement{std::move(s), {}, {}};
    }
  }
  if (p->ConsumeKeyword("FUNCTION")) {
    CreateFunction f;
    f.or_replace = or_replace;
    f.temporary = temporary;
    QUIVER_ASSIGN_OR_RAISE(f.name, p->ParseObjectName());
    QUIVER_RETURN_NOT_OK(p->ExpectOp("("));
    if (!p->ConsumeOp(")")) {
      do {
        FunctionParam param;
        // `name type` or just `type`.
        if (p->Peek().type == TokenType::kWord && p->Peek(1).type == TokenType::kWord) {
          param.name = p->MakeIdent(p->Next());
        }
        QUIVER_ASSIGN_OR_RAISE(param.type, p->ParseDataType());
        if (p->ConsumeKeyword("DEFAULT") || p->ConsumeOp("=")) {
          QUIVER_ASSIGN_OR_RAISE(param.default_value, p->ParseExpr());
        }
        f.params.push_back(std::move(param));
      } while (p->ConsumeOp(","));
      QUIVER_RETURN_NOT_OK(p->ExpectOp(")"));
    }
    if (p->ConsumeKeyword("RETURNS")) {
      QUIVER_ASSIGN_OR_RAISE(f.return_type, p->ParseDataType());
    }
    while (!AtStatementEnd(p)) {
      if (p->ConsumeKeyword("LANGUAGE")) {
        QUIVER_ASSIGN_OR_RAISE(Ident lang, p->ParseIdent());
        f.language = std::move(lang);
      } else if (p->ConsumeKeyword("AS")) {
        QUIVER_ASSIGN_OR_RAISE(f.as_body, p->ParseExpr());
      } else if (p->ConsumeKeyword("RETURN")) {
        QUIVER_ASSIGN_OR_RAISE(f.return_expr, p->ParseExpr());
      } else {
        return Unexpected(p);
      }
    }
    return Statement{std::move(f), {}, {}};
  }
  return p->Expected("an object type after CREATE");
}

Result<Statement> ParseDrop(Parser* p) {
  Drop d;
  if (p->ConsumeKeyword("TABLE")) {
    d.object = ObjectKind::kTable;
  } else if (p->ConsumeKeyword("VIEW")) {
    d.object = ObjectKind::kView;
  } else if (p->ConsumeKeyword("SCHEMA")) {
    d.object = ObjectKind::kSchema;
  } else if (p->ConsumeKeyword("DATABASE")) {
    d.object = ObjectKind::kDatabase;
  } else if (p->ConsumeKeyword("CATALOG")) {
    d.object = ObjectKind::kCatalog;
  } else if (p->ConsumeKeyword("FUNCTION")) {
    d.object = ObjectKind::kFunction;
  } else {
    return p->Expected("TABLE, VIEW, SCHEMA, DATABASE or FUNCTION after DROP");
  }
  d.if_exists = p->ConsumeKeywords({"IF", "EXISTS"});
  do {
    QUIVER_ASSIGN_OR_RAISE(ObjectName n, p->ParseObjectName());
    d.names.push_back(std::move(n));
  } while (p->ConsumeOp(","));
  if (p->ConsumeKeyword("CASCADE")) {
    d.cascade = true;
  } else if (p->ConsumeKeyword("RESTRICT")) {
    d.restrict = true;
  }
  return Statement{std::move(d), {}, {}};
}

Result<Statement> ParseShow(Parser* p) {
  Show s;
  s.extended = p->ConsumeKeyword("EXTENDED");
  s.full = p->ConsumeKeyword("FULL");
  if (p->ConsumeKeyword("TABLES")) {
    s.kind = ShowKind::kTables;
    if (p->ConsumeKeyword("FROM") || p->ConsumeKeyword("IN")) {
      QUIVER_ASSIGN_OR_RAISE(s.name, p->ParseObjectName());
    }
  } else if (p->ConsumeKeyword("COLUMNS") || p->ConsumeKeyword("FIELDS")) {
    s.kind = ShowKind::kColumns;
    if (!p->ConsumeKeyword("FROM") && !p->ConsumeKeyword("IN")) {
      return p->Expected("one of FROM or IN");
    }
    QUIVER_ASSIGN_OR_RAISE(s.name, p->ParseObjectName());
  } else if (p->ConsumeKeywords({"CREATE", "TABLE"})) {
    s.kind = ShowKind::kCreateTable;
    QUIVER_ASSIGN_OR_RAISE(s.name, p->ParseObjectName());
  } else if (p->ConsumeKeyword("FUNCTIONS")) {
    s.kind = ShowKind::kFunctions;
  } else if (p->ConsumeKeywords({"TIME", "ZONE"})) {
    s.kind = ShowKind::kVariable;
    s.time_zone = true;
    s.name.push_back(Ident{"timezone", 0, {}});
    s.verbose = p->ConsumeKeyword("VERBOSE");
    return Statement{std::move(s), {}, {}};
  } else {
    s.kind = ShowKind::kVariable;
    QUIVER_ASSIGN_OR_RAISE(s.name, p->ParseObjectName());
    s.verbose = p->ConsumeKeyword("VERBOSE");
    return Statement{std::move(s), {}, {}};
  }
  if (p->ConsumeKeyword("LIKE")) {
    QUIVER_ASSIGN_OR_RAISE(s.filter, p->ParseLiteralValue());
  } else if (s.kind == ShowKind::kColumns && p->ConsumeKeyword("WHERE")) {
    QUIVER_ASSIGN_OR_RAISE(s.filter, p->ParseExpr());
  }
  return Statement{std::move(s), {}, {}};
}

Result<Statement> ParseSet(Parser* p) {
  SetVariable s;
  if (p->ConsumeKeyword("LOCAL")) {
    s.local = true;
  } else if (p->ConsumeKeyword("SESSION")) {
    s.session = true;
  }
  if (p->ConsumeKeywords({"TIME", "ZONE"})) {
    s.time_zone = true;
    s.name.push_back(Ident{"timezone", 0, {}});
    if (p->ConsumeKeyword("TO")) {
      s.uses_to = true;
    } else {
      p->ConsumeOp("=");
    }
  } else {
    QUIVER_ASSIGN_OR_RAISE(s.name, p->ParseObjectName());
    if (p->ConsumeKeyword("TO")) {
      s.uses_to = true;
    } else if (!p->ConsumeOp("=")) {
      return p->Expected("equals sign or TO");
    }
  }
  QUIVER_ASSIGN_OR_RAISE(s.values, p->ParseExprList());
  return Statement{std::move(s), {}, {}};
}

Result<Statement> ParseCopy(Parser* p) {
  Copy c;
  if (p->ConsumeOp("(")) {
    QUIVER_ASSIGN_OR_RAISE(c.source_query, p->ParseQuery());
    QUIVER_RETURN_NOT_OK(p->ExpectOp(")"));
  } else {
    QUIVER_ASSIGN_OR_RAISE(c.source_table, p->ParseObjectName());
  }
  QUIVER_RETURN_NOT_OK(p->ExpectKeyword("TO"));
  if (p->Peek().type != TokenType::kString) return p->Expected("string literal");
  c.target = p->Next().text;
  bool stored = false, partitioned = false, options = false;
  auto once = [&](bool* seen, const char* what) -> Status {
    if (*seen) return Status::Parse(std::string(what) + " specified more than once", p->Peek().loc);
    *seen = true;
    return Status::OK();
  };
  while (!AtStatementEnd(p)) {
    if (p->ConsumeKeyword("STORED")) {
      QUIVER_RETURN_NOT_OK(once(&stored, "STORED AS"));
      QUIVER_RETURN_NOT_OK(p->ExpectKeyword("AS"));
      QUIVER_ASSIGN_OR_RAISE(Ident fmt, p->ParseIdent());
      c.stored_as = Upper(fmt.value);
    } else if (p->ConsumeKeyword("PARTITIONED")) {
      QUIVER_RETURN_NOT_OK(once(&partitioned, "PARTITIONED BY"));
      QUIVER_RETURN_NOT_OK(p->ExpectKeyword("BY"));
      QUIVER_ASSIGN_OR_RAISE(c.partitioned_by, p->ParseParenthesizedIdents());
    } else if (p->ConsumeKeyword("OPTIONS")) {
      QUIVER_RETURN_NOT_OK(once(&options, "OPTIONS"));
      QUIVER_RETURN_NOT_OK(ParseOptions(p, &c.options));
    } else {
      return Unexpected(p);
    }
  }
  return Statement{std::move(c), {}, {}};
}

}  // namespace

Result<Statement> Parser::ParseStatement() {
  QUIVER_RETURN_NOT_OK(CheckDepth());
  DepthGuard guard(this);
  const Token& first = Peek();
  SourceLocation loc = first.loc;
  uint32_t start = first.offset;
  Result<Statement> result = Status::Internal("unset");
  if (first.IsKeyword("SELECT") || first.IsKeyword("WITH") || first.IsKeyword("VALUES") ||
      first.IsOp("(")) {
    QUIVER_ASSIGN_OR_RAISE(QueryPtr q, ParseQuery());
    result = Statement{QueryStatement{std::move(q)}, {}, {}};
  } else if (ConsumeKeyword("EXPLAIN")) {
    Explain e;
    e.analyze = ConsumeKeyword("ANALYZE");
    e.verbose = ConsumeKeyword("VERBOSE");
    if (ConsumeKeyword("FORMAT")) {
      QUIVER_ASSIGN_OR_RAISE(Ident fmt, ParseIdent());
      e.format = fmt.value;
    }
    QUIVER_ASSIGN_OR_RAISE(Statement inner, ParseStatement());
    e.statement = std::make_shared<Statement>(std::move(inner));
    result = Statement{std::move(e), {}, {}};
  } else if (ConsumeKeyword("CREATE")) {
    result = ParseCreate(this);
  } else if (ConsumeKeyword("DROP")) {
    result = ParseDrop(this);
  } else if (PeekKeyword("INSERT")) {
    Next();
    Insert ins;
    if (ConsumeKeyword("OVERWRITE")) {
      ins.overwrite = true;
    } else {
      QUIVER_RETURN_NOT_OK(ExpectKeyword("INTO"));
    }
    ins.table_keyword = ConsumeKeyword("TABLE");
    QUIVER_ASSIGN_OR_RAISE(ins.table, ParseObjectName());
    if (PeekOp("(") && !StartsQuery(1)) {
      QUIVER_ASSIGN_OR_RAISE(ins.columns, ParseParenthesizedIdents());
    }
    QUIVER_ASSIGN_OR_RAISE(ins.source, ParseQuery());
    result = Statement{std::move(ins), {}, {}};
  } else if (ConsumeKeyword("UPDATE")) {
    Update u;
    QUIVER_ASSIGN_OR_RAISE(u.table, ParseTableWithJoins());
    QUIVER_RETURN_NOT_OK(ExpectKeyword("SET"));
    do {
      Assignment a;
      QUIVER_ASSIGN_OR_RAISE(a.target, ParseObjectName());
      QUIVER_RETURN_NOT_OK(ExpectOp("="));
      QUIVER_ASSIGN_OR_RAISE(a.value, ParseExpr());
      u.assignments.push_back(std::move(a));
    } while (ConsumeOp(","));
    if (ConsumeKeyword("FROM")) {
      QUIVER_ASSIGN_OR_RAISE(TableWithJoins from, ParseTableWithJoins());
      u.from = std::move(from);
    }
    if (ConsumeKeyword("WHERE")) {
      QUIVER_ASSIGN_OR_RAISE(u.selection, ParseExpr());
    }
    result = Statement{std::move(u), {}, {}};
  } else if (ConsumeKeyword("DELETE")) {
    Delete d;
    QUIVER_RETURN_NOT_OK(ExpectKeyword("FROM"));
    QUIVER_ASSIGN_OR_RAISE(d.table, ParseObjectName());
    if (ConsumeKeyword("WHERE")) {
      QUIVER_ASSIGN_OR_RAISE(d.selection, ParseExpr());
    }
    result = Statement{std::move(d), {}, {}};
  } else if (ConsumeKeyword("TRUNCATE")) {
    Truncate t;
    t.table_keyword = ConsumeKeyword("TABLE");
    do {
      QUIVER_ASSIGN_OR_RAISE(ObjectName n, ParseObjectName());
      t.names.push_back(std::move(n));
    } while (ConsumeOp(","));
    result = Statement{std::move(t), {}, {}};
  } else if (ConsumeKeyword("COPY")) {
    result = ParseCopy(this);
  } else if (ConsumeKeyword("DESCRIBE") || ConsumeKeyword("DESC")) {
    Describe d;
    ConsumeKeyword("TABLE");
    QUIVER_ASSIGN_OR_RAISE(d.table, ParseObjectName());
    result = Statement{std::move(d), {}, {}};
  } else if (ConsumeKeyword("SHOW")) {
    result = ParseShow(this);
  } else if (ConsumeKeyword("SET")) {
    result = ParseSet(this);
  } else if (ConsumeKeyword("RESET")) {
    ResetVariable r;
    if (!ConsumeKeyword("ALL")) {
      QUIVER_ASSIGN_OR_RAISE(r.name, ParseObjectName());
    }
    result = Statement{std::move(r), {}, {}};
  } else if (ConsumeKeyword("PREPARE")) {
    Prepare pr;
    QUIVER_ASSIGN_OR_RAISE(pr.name, ParseIdent());
    if (ConsumeOp("(")) {
      if (!PeekOp(")")) {
        do {
          QUIVER_ASSIGN_OR_RAISE(DataTypePtr t, ParseDataType());
          pr.data_types.push_back(std::move(t));
        } while (ConsumeOp(","));
      }
      QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    }
    QUIVER_RETURN_NOT_OK(ExpectKeyword("AS"));
    QUIVER_ASSIGN_OR_RAISE(Statement inner, ParseStatement());
    pr.statement = std::make_shared<Statement>(std::move(inner));
    result = Statement{std::move(pr), {}, {}};
  } else if (ConsumeKeyword("EXECUTE")) {
    Execute ex;
    QUIVER_ASSIGN_OR_RAISE(ex.name, ParseIdent());
    if (ConsumeOp("(")) {
      ex.has_parens = true;
      if (!PeekOp(")")) {
        QUIVER_ASSIGN_OR_RAISE(ex.params, ParseExprList());
      }
      QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    }
    result = Statement{std::move(ex), {}, {}};
  } else if (ConsumeKeyword("DEALLOCATE")) {
    Deallocate d;
    d.prepare_keyword = ConsumeKeyword("PREPARE");
    QUIVER_ASSIGN_OR_RAISE(d.name, ParseIdent());
    result = Statement{std::move(d), {}, {}};
  } else if (PeekKeyword("BEGIN") || PeekKeyword("START") || PeekKeyword("COMMIT") ||
             PeekKeyword("ROLLBACK")) {
    Transaction t;
    const Token& w = Next();
    t.kind = w.IsKeyword("BEGIN")    ? TransactionKind::kBegin
             : w.IsKeyword("START")  ? TransactionKind::kStart
             : w.IsKeyword("COMMIT") ? TransactionKind::kCommit
                                     : TransactionKind::kRollback;
    if (t.kind == TransactionKind::kStart) {
      QUIVER_RETURN_NOT_OK(ExpectKeyword("TRANSACTION"));
      t.transaction_keyword = true;
    } else {
      t.transaction_keyword = ConsumeKeyword("TRANSACTION") || ConsumeKeyword("WORK");
    }
    result = Statement{std::move(t), {}, {}};
  } else {
    return Expected("an SQL statement");
  }
  if (!result.ok()) return result;
  result->loc = loc;
  uint32_t end = pos_ > 0 ? toks_[pos_ - 1].end : start;
  if (end > start) result->text = std::string(text_.substr(start, end - start));
  return result;
}

Result<std::vector<Statement>> Parser::ParseStatements() {
  std::vector<Statement> out;
  bool expecting = false;  // a ';' was just seen or nothing parsed yet
  while (true) {
    while (ConsumeOp(";")) expecting = true;
    if (AtEnd()) break;
    if (!out.empty() && !expecting) return Expected("end of statement");
    QUIVER_ASSIGN_OR_RAISE(Statement s, ParseStatement());
    out.push_back(std::move(s));
    expecting = false;
  }
  return out;
}

}  // namespace internal

namespace {

Result<internal::Parser> MakeParser(std::string_view text, const ParserOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(std::vector<Token> tokens, Tokenize(text));
  return internal::Parser(std::move(tokens), text, options);
}

}  // namespace

Result<std::vector<Statement>> ParseSql(std::string_view text, const ParserOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(internal::Parser p, MakeParser(text, options));
  return p.ParseStatements();
}

Result<Statement> ParseStatement(std::string_view text, const ParserOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(std::vector<Statement> stmts, ParseSql(text, options));
  if (stmts.size() != 1) {
    return Status::Parse("Expected exactly one statement, found: " + std::to_string(stmts.size()));
  }
  return std::move(stmts[0]);
}

Result<ExprPtr> ParseExpr(std::string_view text, const ParserOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(internal::Parser p, MakeParser(text, options));
  QUIVER_ASSIGN_OR_RAISE(ExprPtr e, p.ParseExpr());
  QUIVER_RETURN_NOT_OK(p.ExpectEnd("end of expression"));
  return e;
}

Result<DataTypePtr> ParseDataType(std::string_view text, const ParserOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(internal::Parser p, MakeParser(text, options));
  QUIVER_ASSIGN_OR_RAISE(DataTypePtr t, p.ParseDataType());
  QUIVER_RETURN_NOT_OK(p.ExpectEnd("end of data type"));
  return t;
}

}  // namespace quiver::sql
