#include "hitsgen/hits_columns.h"

#include <vector>

#include "hitsgen/hitsgen.h"

namespace quiver {
namespace hitsgen {

namespace {
// Names and physical types as in ClickBench's hits.parquet.
constexpr HitsColumnInfo kColumns[kNumHitsColumns] = {
    {"WatchID", HitsType::kInt64},
    {"JavaEnable", HitsType::kInt16},
    {"Title", HitsType::kUtf8},
    {"GoodEvent", HitsType::kInt16},
    {"EventTime", HitsType::kInt64},
    {"EventDate", HitsType::kUInt16},
    {"CounterID", HitsType::kInt32},
    {"ClientIP", HitsType::kInt32},
    {"RegionID", HitsType::kInt32},
    {"UserID", HitsType::kInt64},
    {"CounterClass", HitsType::kInt16},
    {"OS", HitsType::kInt16},
    {"UserAgent", HitsType::kInt16},
    {"URL", HitsType::kUtf8},
    {"Referer", HitsType::kUtf8},
    {"IsRefresh", HitsType::kInt16},
    {"RefererCategoryID", HitsType::kInt16},
    {"RefererRegionID", HitsType::kInt32},
    {"URLCategoryID", HitsType::kInt16},
    {"URLRegionID", HitsType::kInt32},
    {"ResolutionWidth", HitsType::kInt16},
    {"ResolutionHeight", HitsType::kInt16},
    {"ResolutionDepth", HitsType::kInt16},
    {"FlashMajor", HitsType::kInt16},
    {"FlashMinor", HitsType::kInt16},
    {"FlashMinor2", HitsType::kUtf8},
    {"NetMajor", HitsType::kInt16},
    {"NetMinor", HitsType::kInt16},
    {"UserAgentMajor", HitsType::kInt16},
    {"UserAgentMinor", HitsType::kUtf8},
    {"CookieEnable", HitsType::kInt16},
    {"JavascriptEnable", HitsType::kInt16},
    {"IsMobile", HitsType::kInt16},
    {"MobilePhone", HitsType::kInt16},
    {"MobilePhoneModel", HitsType::kUtf8},
    {"Params", HitsType::kUtf8},
    {"IPNetworkID", HitsType::kInt32},
    {"TraficSourceID", HitsType::kInt16},
    {"SearchEngineID", HitsType::kInt16},
    {"SearchPhrase", HitsType::kUtf8},
    {"AdvEngineID", HitsType::kInt16},
    {"IsArtifical", HitsType::kInt16},
    {"WindowClientWidth", HitsType::kInt16},
    {"WindowClientHeight", HitsType::kInt16},
    {"ClientTimeZone", HitsType::kInt16},
    {"ClientEventTime", HitsType::kInt64},
    {"SilverlightVersion1", HitsType::kInt16},
    {"SilverlightVersion2", HitsType::kInt16},
    {"SilverlightVersion3", HitsType::kInt32},
    {"SilverlightVersion4", HitsType::kInt16},
    {"PageCharset", HitsType::kUtf8},
    {"CodeVersion", HitsType::kInt32},
    {"IsLink", HitsType::kInt16},
    {"IsDownload", HitsType::kInt16},
    {"IsNotBounce", HitsType::kInt16},
    {"FUniqID", HitsType::kInt64},
    {"OriginalURL", HitsType::kUtf8},
    {"HID", HitsType::kInt32},
    {"IsOldCounter", HitsType::kInt16},
    {"IsEvent", HitsType::kInt16},
    {"IsParameter", HitsType::kInt16},
    {"DontCountHits", HitsType::kInt16},
    {"WithHash", HitsType::kInt16},
    {"HitColor", HitsType::kUtf8},
    {"LocalEventTime", HitsType::kInt64},
    {"Age", HitsType::kInt16},
    {"Sex", HitsType::kInt16},
    {"Income", HitsType::kInt16},
    {"Interests", HitsType::kInt16},
    {"Robotness", HitsType::kInt16},
    {"RemoteIP", HitsType::kInt32},
    {"WindowName", HitsType::kInt32},
    {"OpenerName", HitsType::kInt32},
    {"HistoryLength", HitsType::kInt16},
    {"BrowserLanguage", HitsType::kUtf8},
    {"BrowserCountry", HitsType::kUtf8},
    {"SocialNetwork", HitsType::kUtf8},
    {"SocialAction", HitsType::kUtf8},
    {"HTTPError", HitsType::kInt16},
    {"SendTiming", HitsType::kInt32},
    {"DNSTiming", HitsType::kInt32},
    {"ConnectTiming", HitsType::kInt32},
    {"ResponseStartTiming", HitsType::kInt32},
    {"ResponseEndTiming", HitsType::kInt32},
    {"FetchTiming", HitsType::kInt32},
    {"SocialSourceNetworkID", HitsType::kInt16},
    {"SocialSourcePage", HitsType::kUtf8},
    {"ParamPrice", HitsType::kInt64},
    {"ParamOrderID", HitsType::kUtf8},
    {"ParamCurrency", HitsType::kUtf8},
    {"ParamCurrencyID", HitsType::kInt16},
    {"OpenstatServiceName", HitsType::kUtf8},
    {"OpenstatCampaignID", HitsType::kUtf8},
    {"OpenstatAdID", HitsType::kUtf8},
    {"OpenstatSourceID", HitsType::kUtf8},
    {"UTMSource", HitsType::kUtf8},
    {"UTMMedium", HitsType::kUtf8},
    {"UTMCampaign", HitsType::kUtf8},
    {"UTMContent", HitsType::kUtf8},
    {"UTMTerm", HitsType::kUtf8},
    {"FromTag", HitsType::kUtf8},
    {"HasGCLID", HitsType::kInt16},
    {"RefererHash", HitsType::kInt64},
    {"URLHash", HitsType::kInt64},
    {"CLID", HitsType::kInt32},
};
}  // namespace

const HitsColumnInfo* HitsColumns() { return kColumns; }

}  // namespace hitsgen

SchemaPtr HitsSchema() {
  std::vector<FieldPtr> fields;
  for (const auto& c : hitsgen::kColumns) {
    DataTypePtr t;
    switch (c.type) {
      case hitsgen::HitsType::kInt16: t = int16(); break;
      case hitsgen::HitsType::kInt32: t = int32(); break;
      case hitsgen::HitsType::kInt64: t = int64(); break;
      case hitsgen::HitsType::kUInt16: t = uint16(); break;
      case hitsgen::HitsType::kUtf8: t = utf8(); break;
    }
    fields.push_back(field(std::string(c.name), t));
  }
  return schema(std::move(fields));
}

}  // namespace quiver
