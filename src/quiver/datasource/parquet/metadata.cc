#include "quiver/datasource/parquet/metadata.h"

#include <type_traits>

#include "quiver/datasource/parquet/thrift_compact.h"

namespace quiver::parquet {

using thrift::CompactReader;
using thrift::CompactWriter;
using thrift::CType;
using thrift::FieldHeader;
using thrift::ListHeader;

namespace {

Status TypeMismatch(int16_t id) {
  return Status::IO("corrupt Parquet metadata (thrift): unexpected type for field " +
                    std::to_string(id));
}

// ------------------------------------------------------------ decoding

// Each struct decoder calls `on_field(header)`; it returns true when it read
// the field, false to have the field skipped.
template <typename F>
Status ReadStruct(CompactReader& r, F&& on_field) {
  QUIVER_RETURN_NOT_OK(r.BeginStruct());
  while (true) {
    FieldHeader fh;
    QUIVER_RETURN_NOT_OK(r.ReadFieldHeader(&fh));
    if (fh.type == CType::kStop) break;
    Result<bool> handled = on_field(fh);
    if (!handled.ok()) return handled.status();
    if (!*handled) QUIVER_RETURN_NOT_OK(r.Skip(fh.type));
  }
  return r.EndStruct();
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, int8_t* out) {
  if (fh.type != CType::kByte) return TypeMismatch(fh.id);
  return r.ReadI8(out);
}
Status ReadValue(CompactReader& r, const FieldHeader& fh, int16_t* out) {
  if (fh.type != CType::kI16 && fh.type != CType::kByte) return TypeMismatch(fh.id);
  if (fh.type == CType::kByte) {
    int8_t v;
    QUIVER_RETURN_NOT_OK(r.ReadI8(&v));
    *out = v;
    return Status::OK();
  }
  return r.ReadI16(out);
}
Status ReadValue(CompactReader& r, const FieldHeader& fh, int32_t* out) {
  if (fh.type != CType::kI32 && fh.type != CType::kI16) return TypeMismatch(fh.id);
  return r.ReadI32(out);
}
Status ReadValue(CompactReader& r, const FieldHeader& fh, int64_t* out) {
  if (fh.type != CType::kI64 && fh.type != CType::kI32) return TypeMismatch(fh.id);
  return r.ReadI64(out);
}
Status ReadValue(CompactReader& r, const FieldHeader& fh, bool* out) {
  if (fh.type != CType::kTrue && fh.type != CType::kFalse) return TypeMismatch(fh.id);
  *out = fh.bool_value;
  return Status::OK();
}
Status ReadValue(CompactReader& r, const FieldHeader& fh, std::string* out) {
  if (fh.type != CType::kBinary) return TypeMismatch(fh.id);
  return r.ReadBinary(out);
}
template <typename E>
requires std::is_enum_v<E> Status ReadValue(CompactReader& r, const FieldHeader& fh, E* out) {
  int32_t v;
  QUIVER_RETURN_NOT_OK(ReadValue(r, fh, &v));
  *out = static_cast<E>(v);
  return Status::OK();
}

// Struct decoders, declared so that containers can recurse into them.
Status ReadValue(CompactReader& r, const FieldHeader& fh, Statistics* out);
Status ReadValue(CompactReader& r, const FieldHeader& fh, LogicalType* out);
Status ReadValue(CompactReader& r, const FieldHeader& fh, SchemaElement* out);
Status ReadValue(CompactReader& r, const FieldHeader& fh, KeyValue* out);
Status ReadValue(CompactReader& r, const FieldHeader& fh, SortingColumn* out);
Status ReadValue(CompactReader& r, const FieldHeader& fh, PageEncodingStats* out);
Status ReadValue(CompactReader& r, const FieldHeader& fh, SizeStatistics* out);
Status ReadValue(CompactReader& r, const FieldHeader& fh, ColumnMetaData* out);
Status ReadValue(CompactReader& r, const FieldHeader& fh, ColumnChunk* out);
Status ReadValue(CompactReader& r, const FieldHeader& fh, RowGroup* out);
Status ReadValue(CompactReader& r, const FieldHeader& fh, PageLocation* out);
Status ReadValue(CompactReader& r, const FieldHeader& fh, DataPageHeader* out);
Status ReadValue(CompactReader& r, const FieldHeader& fh, DictionaryPageHeader* out);
Status ReadValue(CompactReader& r, const FieldHeader& fh, DataPageHeaderV2* out);

template <typename T>
Status ReadValue(CompactReader& r, const FieldHeader& fh, std::optional<T>* out) {
  out->emplace();
  return ReadValue(r, fh, &**out);
}

template <typename T>
Status ReadValue(CompactReader& r, const FieldHeader& fh, std::vector<T>* out) {
  if (fh.type != CType::kList && fh.type != CType::kSet) return TypeMismatch(fh.id);
  ListHeader lh;
  QUIVER_RETURN_NOT_OK(r.ReadListHeader(&lh));
  out->clear();
  out->reserve(lh.size);
  FieldHeader elem{fh.id, lh.elem_type, false};
  for (int32_t i = 0; i < lh.size; ++i) {
    if constexpr (std::is_same_v<T, bool>) {
      if (lh.elem_type != CType::kTrue && lh.elem_type != CType::kFalse) {
        return TypeMismatch(fh.id);
      }
      bool b;
      QUIVER_RETURN_NOT_OK(r.ReadBool(&b));
      out->push_back(b);
    } else {
      T v{};
      QUIVER_RETURN_NOT_OK(ReadValue(r, elem, &v));
      out->push_back(std::move(v));
    }
  }
  return Status::OK();
}

// Whether a wire type can hold a field of C++ type T. Fields whose wire type
// does not match are skipped like unknown ones (some writers reused ids).
template <typename T>
bool Matches(CType t) {
  if constexpr (std::is_same_v<T, int8_t>) {
    return t == CType::kByte;
  } else if constexpr (std::is_same_v<T, int16_t>) {
    return t == CType::kI16 || t == CType::kByte;
  } else if constexpr (std::is_same_v<T, int32_t> || std::is_enum_v<T>) {
    return t == CType::kI32 || t == CType::kI16;
  } else if constexpr (std::is_same_v<T, int64_t>) {
    return t == CType::kI64 || t == CType::kI32;
  } else if constexpr (std::is_same_v<T, bool>) {
    return t == CType::kTrue || t == CType::kFalse;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return t == CType::kBinary;
  } else {
    return t == CType::kStruct;
  }
}
template <typename T>
bool Matches(CType t, std::optional<T>*) {
  return Matches<T>(t);
}
template <typename T>
bool Matches(CType t, std::vector<T>*) {
  return t == CType::kList || t == CType::kSet;
}
template <typename T>
bool Matches(CType t, T*) {
  return Matches<T>(t);
}

// Reads field `fh` into `*out` and reports it handled.
template <typename T>
Result<bool> Take(CompactReader& r, const FieldHeader& fh, T* out) {
  if (!Matches(fh.type, out)) return false;
  QUIVER_RETURN_NOT_OK(ReadValue(r, fh, out));
  return true;
}

Status ExpectStruct(const FieldHeader& fh) {
  return fh.type == CType::kStruct ? Status::OK() : TypeMismatch(fh.id);
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, Statistics* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    switch (f.id) {
      case 1: return Take(r, f, &out->max);
      case 2: return Take(r, f, &out->min);
      case 3: return Take(r, f, &out->null_count);
      case 4: return Take(r, f, &out->distinct_count);
      case 5: return Take(r, f, &out->max_value);
      case 6: return Take(r, f, &out->min_value);
      case 7: return Take(r, f, &out->is_max_value_exact);
      case 8: return Take(r, f, &out->is_min_value_exact);
      default: return false;
    }
  });
}

// TimeUnit union: the member id is the unit.
Status ReadTimeUnit(CompactReader& r, const FieldHeader& fh, TimeUnit* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    if (f.id >= 1 && f.id <= 3 && f.type == CType::kStruct) *out = static_cast<TimeUnit>(f.id);
    return false;  // the member struct is empty; skip it
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, LogicalType* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    if (f.type != CType::kStruct) return false;
    out->kind = f.id;
    switch (f.id) {
      case LogicalType::kDecimal:
        QUIVER_RETURN_NOT_OK(ReadStruct(r, [&](const FieldHeader& g) -> Result<bool> {
          if (g.id == 1) return Take(r, g, &out->decimal_scale);
          if (g.id == 2) return Take(r, g, &out->decimal_precision);
          return false;
        }));
        return true;
      case LogicalType::kTime:
      case LogicalType::kTimestamp:
        QUIVER_RETURN_NOT_OK(ReadStruct(r, [&](const FieldHeader& g) -> Result<bool> {
          if (g.id == 1) return Take(r, g, &out->is_adjusted_to_utc);
          if (g.id == 2) {
            QUIVER_RETURN_NOT_OK(ReadTimeUnit(r, g, &out->unit));
            return true;
          }
          return false;
        }));
        return true;
      case LogicalType::kInteger:
        QUIVER_RETURN_NOT_OK(ReadStruct(r, [&](const FieldHeader& g) -> Result<bool> {
          if (g.id == 1) return Take(r, g, &out->bit_width);
          if (g.id == 2) return Take(r, g, &out->is_signed);
          return false;
        }));
        return true;
      default: return false;  // members without parameters (or unknown ones): skip the body
    }
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, SchemaElement* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    switch (f.id) {
      case 1: return Take(r, f, &out->type);
      case 2: return Take(r, f, &out->type_length);
      case 3: return Take(r, f, &out->repetition_type);
      case 4: return Take(r, f, &out->name);
      case 5: return Take(r, f, &out->num_children);
      case 6: return Take(r, f, &out->converted_type);
      case 7: return Take(r, f, &out->scale);
      case 8: return Take(r, f, &out->precision);
      case 9: return Take(r, f, &out->field_id);
      case 10: return Take(r, f, &out->logical_type);
      default: return false;
    }
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, KeyValue* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    if (f.id == 1) return Take(r, f, &out->key);
    if (f.id == 2) return Take(r, f, &out->value);
    return false;
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, SortingColumn* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    if (f.id == 1) return Take(r, f, &out->column_idx);
    if (f.id == 2) return Take(r, f, &out->descending);
    if (f.id == 3) return Take(r, f, &out->nulls_first);
    return false;
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, PageEncodingStats* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    if (f.id == 1) return Take(r, f, &out->page_type);
    if (f.id == 2) return Take(r, f, &out->encoding);
    if (f.id == 3) return Take(r, f, &out->count);
    return false;
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, SizeStatistics* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    if (f.id == 1) return Take(r, f, &out->unencoded_byte_array_data_bytes);
    if (f.id == 2) return Take(r, f, &out->repetition_level_histogram);
    if (f.id == 3) return Take(r, f, &out->definition_level_histogram);
    return false;
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, ColumnMetaData* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    switch (f.id) {
      case 1: return Take(r, f, &out->type);
      case 2: return Take(r, f, &out->encodings);
      case 3: return Take(r, f, &out->path_in_schema);
      case 4: return Take(r, f, &out->codec);
      case 5: return Take(r, f, &out->num_values);
      case 6: return Take(r, f, &out->total_uncompressed_size);
      case 7: return Take(r, f, &out->total_compressed_size);
      case 8: return Take(r, f, &out->key_value_metadata);
      case 9: return Take(r, f, &out->data_page_offset);
      case 10: return Take(r, f, &out->index_page_offset);
      case 11: return Take(r, f, &out->dictionary_page_offset);
      case 12: return Take(r, f, &out->statistics);
      case 13: return Take(r, f, &out->encoding_stats);
      case 14: return Take(r, f, &out->bloom_filter_offset);
      case 15: return Take(r, f, &out->bloom_filter_length);
      case 16: return Take(r, f, &out->size_statistics);
      default: return false;
    }
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, ColumnChunk* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    switch (f.id) {
      case 1: return Take(r, f, &out->file_path);
      case 2: return Take(r, f, &out->file_offset);
      case 3: return Take(r, f, &out->meta_data);
      case 4: return Take(r, f, &out->offset_index_offset);
      case 5: return Take(r, f, &out->offset_index_length);
      case 6: return Take(r, f, &out->column_index_offset);
      case 7: return Take(r, f, &out->column_index_length);
      case 8:
      case 9: out->encrypted = true; return false;
      default: return false;
    }
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, RowGroup* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    switch (f.id) {
      case 1: return Take(r, f, &out->columns);
      case 2: return Take(r, f, &out->total_byte_size);
      case 3: return Take(r, f, &out->num_rows);
      case 4: return Take(r, f, &out->sorting_columns);
      case 5: return Take(r, f, &out->file_offset);
      case 6: return Take(r, f, &out->total_compressed_size);
      case 7: return Take(r, f, &out->ordinal);
      default: return false;
    }
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, PageLocation* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    if (f.id == 1) return Take(r, f, &out->offset);
    if (f.id == 2) return Take(r, f, &out->compressed_page_size);
    if (f.id == 3) return Take(r, f, &out->first_row_index);
    return false;
  });
}

// A list of ColumnOrder unions; member 1 (TYPE_ORDER) is the only known one.
Status ReadColumnOrders(CompactReader& r, const FieldHeader& fh, std::vector<bool>* out) {
  if (fh.type != CType::kList) return TypeMismatch(fh.id);
  ListHeader lh;
  QUIVER_RETURN_NOT_OK(r.ReadListHeader(&lh));
  if (lh.elem_type != CType::kStruct) return TypeMismatch(fh.id);
  for (int32_t i = 0; i < lh.size; ++i) {
    bool type_order = false;
    QUIVER_RETURN_NOT_OK(ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
      if (f.id == 1) type_order = true;
      return false;
    }));
    out->push_back(type_order);
  }
  return Status::OK();
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, FileMetaData* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    switch (f.id) {
      case 1: return Take(r, f, &out->version);
      case 2: return Take(r, f, &out->schema);
      case 3: return Take(r, f, &out->num_rows);
      case 4: return Take(r, f, &out->row_groups);
      case 5: return Take(r, f, &out->key_value_metadata);
      case 6: return Take(r, f, &out->created_by);
      case 7: QUIVER_RETURN_NOT_OK(ReadColumnOrders(r, f, &out->column_orders)); return true;
      case 8: out->encrypted = true; return false;
      default: return false;
    }
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, DataPageHeader* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    switch (f.id) {
      case 1: return Take(r, f, &out->num_values);
      case 2: return Take(r, f, &out->encoding);
      case 3: return Take(r, f, &out->definition_level_encoding);
      case 4: return Take(r, f, &out->repetition_level_encoding);
      case 5: return Take(r, f, &out->statistics);
      default: return false;
    }
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, DictionaryPageHeader* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    if (f.id == 1) return Take(r, f, &out->num_values);
    if (f.id == 2) return Take(r, f, &out->encoding);
    if (f.id == 3) return Take(r, f, &out->is_sorted);
    return false;
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, DataPageHeaderV2* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    switch (f.id) {
      case 1: return Take(r, f, &out->num_values);
      case 2: return Take(r, f, &out->num_nulls);
      case 3: return Take(r, f, &out->num_rows);
      case 4: return Take(r, f, &out->encoding);
      case 5: return Take(r, f, &out->definition_levels_byte_length);
      case 6: return Take(r, f, &out->repetition_levels_byte_length);
      case 7: return Take(r, f, &out->is_compressed);
      case 8: return Take(r, f, &out->statistics);
      default: return false;
    }
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, PageHeader* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    switch (f.id) {
      case 1: return Take(r, f, &out->type);
      case 2: return Take(r, f, &out->uncompressed_page_size);
      case 3: return Take(r, f, &out->compressed_page_size);
      case 4: return Take(r, f, &out->crc);
      case 5: return Take(r, f, &out->data_page_header);
      case 6: out->has_index_page_header = true; return false;
      case 7: return Take(r, f, &out->dictionary_page_header);
      case 8: return Take(r, f, &out->data_page_header_v2);
      default: return false;
    }
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, ColumnIndex* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    switch (f.id) {
      case 1: return Take(r, f, &out->null_pages);
      case 2: return Take(r, f, &out->min_values);
      case 3: return Take(r, f, &out->max_values);
      case 4: return Take(r, f, &out->boundary_order);
      case 5: return Take(r, f, &out->null_counts);
      case 6: return Take(r, f, &out->repetition_level_histograms);
      case 7: return Take(r, f, &out->definition_level_histograms);
      default: return false;
    }
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, OffsetIndex* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    if (f.id == 1) return Take(r, f, &out->page_locations);
    if (f.id == 2) return Take(r, f, &out->unencoded_byte_array_data_bytes);
    return false;
  });
}

// A union whose single member is an empty struct: reports whether member 1 is set.
Status ReadUnitUnion(CompactReader& r, const FieldHeader& fh, bool* member1) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    if (f.id == 1) *member1 = true;
    return false;
  });
}

Status ReadValue(CompactReader& r, const FieldHeader& fh, BloomFilterHeader* out) {
  QUIVER_RETURN_NOT_OK(ExpectStruct(fh));
  return ReadStruct(r, [&](const FieldHeader& f) -> Result<bool> {
    switch (f.id) {
      case 1: return Take(r, f, &out->num_bytes);
      case 2: QUIVER_RETURN_NOT_OK(ReadUnitUnion(r, f, &out->algorithm_block)); return true;
      case 3: QUIVER_RETURN_NOT_OK(ReadUnitUnion(r, f, &out->hash_xxhash)); return true;
      case 4:
        QUIVER_RETURN_NOT_OK(ReadUnitUnion(r, f, &out->compression_uncompressed));
        return true;
      default: return false;
    }
  });
}

// Decodes one top-level struct with `fn(reader, synthetic header, out)`.
template <typename T>
Result<T> DecodeTop(const uint8_t* data, int64_t size, int64_t* consumed) {
  CompactReader r(data, size);
  T out;
  FieldHeader top{0, CType::kStruct, false};
  QUIVER_RETURN_NOT_OK(ReadValue(r, top, &out));
  if (consumed) *consumed = r.position();
  return out;
}

// ------------------------------------------------------------ encoding

void Put(CompactWriter& w, int16_t id, int32_t v) { w.FieldI32(id, v); }
void Put(CompactWriter& w, int16_t id, int64_t v) { w.FieldI64(id, v); }
void Put(CompactWriter& w, int16_t id, int16_t v) {
  w.WriteFieldHeader(id, CType::kI16);
  w.WriteI16(v);
}
void Put(CompactWriter& w, int16_t id, int8_t v) {
  w.WriteFieldHeader(id, CType::kByte);
  w.WriteI8(v);
}
void Put(CompactWriter& w, int16_t id, bool v) { w.WriteBoolField(id, v); }
void Put(CompactWriter& w, int16_t id, const std::string& v) { w.FieldBinary(id, v); }
template <typename E>
requires std::is_enum_v<E>
void Put(CompactWriter& w, int16_t id, E v) { w.FieldI32(id, static_cast<int32_t>(v)); }

void Write(CompactWriter& w, const Statistics& v);
void Write(CompactWriter& w, const LogicalType& v);
void Write(CompactWriter& w, const SchemaElement& v);
void Write(CompactWriter& w, const KeyValue& v);
void Write(CompactWriter& w, const SortingColumn& v);
void Write(CompactWriter& w, const PageEncodingStats& v);
void Write(CompactWriter& w, const SizeStatistics& v);
void Write(CompactWriter& w, const ColumnMetaData& v);
void Write(CompactWriter& w, const ColumnChunk& v);
void Write(CompactWriter& w, const RowGroup& v);
void Write(CompactWriter& w, const PageLocation& v);
void Write(CompactWriter& w, const DataPageHeader& v);
void Write(CompactWriter& w, const DictionaryPageHeader& v);
void Write(CompactWriter& w, const DataPageHeaderV2& v);

template <typename T>
concept StructLike = requires(CompactWriter& w, const T& v) {
  Write(w, v);
};

template <StructLike T>
void Put(CompactWriter& w, int16_t id, const T& v) {
  w.WriteFieldHeader(id, CType::kStruct);
  Write(w, v);
}
template <typename T>
void Put(CompactWriter& w, int16_t id, const std::optional<T>& v) {
  if (v) Put(w, id, *v);
}

template <typename T>
void PutElem(CompactWriter& w, const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    w.WriteBool(v);
  } else if constexpr (std::is_same_v<T, int64_t>) {
    w.WriteI64(v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    w.WriteBinary(v);
  } else if constexpr (std::is_enum_v<T>) {
    w.WriteI32(static_cast<int32_t>(v));
  } else {
    Write(w, v);
  }
}
template <typename T>
constexpr CType ElemType() {
  if constexpr (std::is_same_v<T, bool>) return CType::kTrue;
  if constexpr (std::is_same_v<T, int64_t>) return CType::kI64;
  if constexpr (std::is_same_v<T, std::string>) return CType::kBinary;
  if constexpr (std::is_enum_v<T>) return CType::kI32;
  return CType::kStruct;
}
template <typename T>
void PutList(CompactWriter& w, int16_t id, const std::vector<T>& v, bool skip_empty = true) {
  if (skip_empty && v.empty()) return;
  w.WriteFieldHeader(id, CType::kList);
  w.WriteListHeader(ElemType<T>(), static_cast<int32_t>(v.size()));
  for (const auto& e : v) PutElem(w, e);
}

void Write(CompactWriter& w, const Statistics& v) {
  w.BeginStruct();
  Put(w, 1, v.max);
  Put(w, 2, v.min);
  Put(w, 3, v.null_count);
  Put(w, 4, v.distinct_count);
  Put(w, 5, v.max_value);
  Put(w, 6, v.min_value);
  Put(w, 7, v.is_max_value_exact);
  Put(w, 8, v.is_min_value_exact);
  w.EndStruct();
}

void WriteEmptyStruct(CompactWriter& w, int16_t id) {
  w.WriteFieldHeader(id, CType::kStruct);
  w.BeginStruct();
  w.EndStruct();
}

void Write(CompactWriter& w, const LogicalType& v) {
  w.BeginStruct();
  switch (v.kind) {
    case LogicalType::kNone: break;
    case LogicalType::kDecimal:
      w.WriteFieldHeader(v.kind, CType::kStruct);
      w.BeginStruct();
      Put(w, 1, v.decimal_scale);
      Put(w, 2, v.decimal_precision);
      w.EndStruct();
      break;
    case LogicalType::kTime:
    case LogicalType::kTimestamp:
      w.WriteFieldHeader(v.kind, CType::kStruct);
      w.BeginStruct();
      Put(w, 1, v.is_adjusted_to_utc);
      w.WriteFieldHeader(2, CType::kStruct);
      w.BeginStruct();
      WriteEmptyStruct(w, static_cast<int16_t>(v.unit));
      w.EndStruct();
      w.EndStruct();
      break;
    case LogicalType::kInteger:
      w.WriteFieldHeader(v.kind, CType::kStruct);
      w.BeginStruct();
      Put(w, 1, v.bit_width);
      Put(w, 2, v.is_signed);
      w.EndStruct();
      break;
    default: WriteEmptyStruct(w, v.kind); break;
  }
  w.EndStruct();
}

void Write(CompactWriter& w, const SchemaElement& v) {
  w.BeginStruct();
  Put(w, 1, v.type);
  Put(w, 2, v.type_length);
  Put(w, 3, v.repetition_type);
  Put(w, 4, v.name);
  Put(w, 5, v.num_children);
  Put(w, 6, v.converted_type);
  Put(w, 7, v.scale);
  Put(w, 8, v.precision);
  Put(w, 9, v.field_id);
  Put(w, 10, v.logical_type);
  w.EndStruct();
}

void Write(CompactWriter& w, const KeyValue& v) {
  w.BeginStruct();
  Put(w, 1, v.key);
  Put(w, 2, v.value);
  w.EndStruct();
}

void Write(CompactWriter& w, const SortingColumn& v) {
  w.BeginStruct();
  Put(w, 1, v.column_idx);
  Put(w, 2, v.descending);
  Put(w, 3, v.nulls_first);
  w.EndStruct();
}

void Write(CompactWriter& w, const PageEncodingStats& v) {
  w.BeginStruct();
  Put(w, 1, v.page_type);
  Put(w, 2, v.encoding);
  Put(w, 3, v.count);
  w.EndStruct();
}

void Write(CompactWriter& w, const SizeStatistics& v) {
  w.BeginStruct();
  Put(w, 1, v.unencoded_byte_array_data_bytes);
  PutList(w, 2, v.repetition_level_histogram);
  PutList(w, 3, v.definition_level_histogram);
  w.EndStruct();
}

void Write(CompactWriter& w, const ColumnMetaData& v) {
  w.BeginStruct();
  Put(w, 1, v.type);
  PutList(w, 2, v.encodings, false);
  PutList(w, 3, v.path_in_schema, false);
  Put(w, 4, v.codec);
  Put(w, 5, v.num_values);
  Put(w, 6, v.total_uncompressed_size);
  Put(w, 7, v.total_compressed_size);
  PutList(w, 8, v.key_value_metadata);
  Put(w, 9, v.data_page_offset);
  Put(w, 10, v.index_page_offset);
  Put(w, 11, v.dictionary_page_offset);
  Put(w, 12, v.statistics);
  PutList(w, 13, v.encoding_stats);
  Put(w, 14, v.bloom_filter_offset);
  Put(w, 15, v.bloom_filter_length);
  Put(w, 16, v.size_statistics);
  w.EndStruct();
}

void Write(CompactWriter& w, const ColumnChunk& v) {
  w.BeginStruct();
  Put(w, 1, v.file_path);
  Put(w, 2, v.file_offset);
  Put(w, 3, v.meta_data);
  Put(w, 4, v.offset_index_offset);
  Put(w, 5, v.offset_index_length);
  Put(w, 6, v.column_index_offset);
  Put(w, 7, v.column_index_length);
  w.EndStruct();
}

void Write(CompactWriter& w, const RowGroup& v) {
  w.BeginStruct();
  PutList(w, 1, v.columns, false);
  Put(w, 2, v.total_byte_size);
  Put(w, 3, v.num_rows);
  PutList(w, 4, v.sorting_columns);
  Put(w, 5, v.file_offset);
  Put(w, 6, v.total_compressed_size);
  Put(w, 7, v.ordinal);
  w.EndStruct();
}

void Write(CompactWriter& w, const PageLocation& v) {
  w.BeginStruct();
  Put(w, 1, v.offset);
  Put(w, 2, v.compressed_page_size);
  Put(w, 3, v.first_row_index);
  w.EndStruct();
}

void Write(CompactWriter& w, const DataPageHeader& v) {
  w.BeginStruct();
  Put(w, 1, v.num_values);
  Put(w, 2, v.encoding);
  Put(w, 3, v.definition_level_encoding);
  Put(w, 4, v.repetition_level_encoding);
  Put(w, 5, v.statistics);
  w.EndStruct();
}

void Write(CompactWriter& w, const DictionaryPageHeader& v) {
  w.BeginStruct();
  Put(w, 1, v.num_values);
  Put(w, 2, v.encoding);
  Put(w, 3, v.is_sorted);
  w.EndStruct();
}

void Write(CompactWriter& w, const DataPageHeaderV2& v) {
  w.BeginStruct();
  Put(w, 1, v.num_values);
  Put(w, 2, v.num_nulls);
  Put(w, 3, v.num_rows);
  Put(w, 4, v.encoding);
  Put(w, 5, v.definition_levels_byte_length);
  Put(w, 6, v.repetition_levels_byte_length);
  Put(w, 7, v.is_compressed);
  Put(w, 8, v.statistics);
  w.EndStruct();
}

}  // namespace

Result<FileMetaData> DecodeFileMetaData(const uint8_t* data, int64_t size) {
  return DecodeTop<FileMetaData>(data, size, nullptr);
}
Result<PageHeader> DecodePageHeader(const uint8_t* data, int64_t size, int64_t* consumed) {
  return DecodeTop<PageHeader>(data, size, consumed);
}
Result<ColumnIndex> DecodeColumnIndex(const uint8_t* data, int64_t size) {
  return DecodeTop<ColumnIndex>(data, size, nullptr);
}
Result<OffsetIndex> DecodeOffsetIndex(const uint8_t* data, int64_t size) {
  return DecodeTop<OffsetIndex>(data, size, nullptr);
}
Result<BloomFilterHeader> DecodeBloomFilterHeader(const uint8_t* data, int64_t size,
                                                  int64_t* consumed) {
  return DecodeTop<BloomFilterHeader>(data, size, consumed);
}

std::string EncodeFileMetaData(const FileMetaData& v) {
  CompactWriter w;
  w.BeginStruct();
  Put(w, 1, v.version);
  PutList(w, 2, v.schema, false);
  Put(w, 3, v.num_rows);
  PutList(w, 4, v.row_groups, false);
  PutList(w, 5, v.key_value_metadata);
  Put(w, 6, v.created_by);
  if (!v.column_orders.empty()) {
    w.WriteFieldHeader(7, CType::kList);
    w.WriteListHeader(CType::kStruct, static_cast<int32_t>(v.column_orders.size()));
    for (bool type_order : v.column_orders) {
      w.BeginStruct();
      if (type_order) WriteEmptyStruct(w, 1);
      w.EndStruct();
    }
  }
  w.EndStruct();
  return w.Finish();
}

std::string EncodePageHeader(const PageHeader& v) {
  CompactWriter w;
  w.BeginStruct();
  Put(w, 1, v.type);
  Put(w, 2, v.uncompressed_page_size);
  Put(w, 3, v.compressed_page_size);
  Put(w, 4, v.crc);
  Put(w, 5, v.data_page_header);
  if (v.has_index_page_header) WriteEmptyStruct(w, 6);
  Put(w, 7, v.dictionary_page_header);
  Put(w, 8, v.data_page_header_v2);
  w.EndStruct();
  return w.Finish();
}

std::string EncodeColumnIndex(const ColumnIndex& v) {
  CompactWriter w;
  w.BeginStruct();
  PutList(w, 1, v.null_pages, false);
  PutList(w, 2, v.min_values, false);
  PutList(w, 3, v.max_values, false);
  Put(w, 4, v.boundary_order);
  PutList(w, 5, v.null_counts);
  PutList(w, 6, v.repetition_level_histograms);
  PutList(w, 7, v.definition_level_histograms);
  w.EndStruct();
  return w.Finish();
}

std::string EncodeOffsetIndex(const OffsetIndex& v) {
  CompactWriter w;
  w.BeginStruct();
  PutList(w, 1, v.page_locations, false);
  PutList(w, 2, v.unencoded_byte_array_data_bytes);
  w.EndStruct();
  return w.Finish();
}

std::string EncodeBloomFilterHeader(const BloomFilterHeader& v) {
  CompactWriter w;
  w.BeginStruct();
  Put(w, 1, v.num_bytes);
  for (auto [id, set] : {std::pair<int16_t, bool>{2, v.algorithm_block},
                         {3, v.hash_xxhash},
                         {4, v.compression_uncompressed}}) {
    w.WriteFieldHeader(id, CType::kStruct);
    w.BeginStruct();
    if (set) WriteEmptyStruct(w, 1);
    w.EndStruct();
  }
  w.EndStruct();
  return w.Finish();
}

const char* PhysicalTypeName(PhysicalType t) {
  switch (t) {
    case PhysicalType::kBoolean: return "BOOLEAN";
    case PhysicalType::kInt32: return "INT32";
    case PhysicalType::kInt64: return "INT64";
    case PhysicalType::kInt96: return "INT96";
    case PhysicalType::kFloat: return "FLOAT";
    case PhysicalType::kDouble: return "DOUBLE";
    case PhysicalType::kByteArray: return "BYTE_ARRAY";
    case PhysicalType::kFixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY";
  }
  return "UNKNOWN";
}

const char* EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kPlain: return "PLAIN";
    case Encoding::kPlainDictionary: return "PLAIN_DICTIONARY";
    case Encoding::kRle: return "RLE";
    case Encoding::kBitPacked: return "BIT_PACKED";
    case Encoding::kDeltaBinaryPacked: return "DELTA_BINARY_PACKED";
    case Encoding::kDeltaLengthByteArray: return "DELTA_LENGTH_BYTE_ARRAY";
    case Encoding::kDeltaByteArray: return "DELTA_BYTE_ARRAY";
    case Encoding::kRleDictionary: return "RLE_DICTIONARY";
    case Encoding::kByteStreamSplit: return "BYTE_STREAM_SPLIT";
  }
  return "UNKNOWN";
}

const char* CompressionName(Compression c) {
  switch (c) {
    case Compression::kUncompressed: return "UNCOMPRESSED";
    case Compression::kSnappy: return "SNAPPY";
    case Compression::kGzip: return "GZIP";
    case Compression::kLzo: return "LZO";
    case Compression::kBrotli: return "BROTLI";
    case Compression::kLz4: return "LZ4";
    case Compression::kZstd: return "ZSTD";
    case Compression::kLz4Raw: return "LZ4_RAW";
  }
  return "UNKNOWN";
}

}  // namespace quiver::parquet
