#include "hitsgen/hits_batch.h"

#include <algorithm>
#include <array>
#include <memory>
#include <string_view>
#include <type_traits>
#include <vector>

#include "hitsgen/hits_columns.h"
#include "quiver/arrow/builder.h"

namespace quiver::hitsgen {
namespace {

// 2013-07-01 00:00:00 UTC; events span the 31 days of July.
constexpr int64_t kJulyStart = 1372636800;
constexpr int64_t kMonthSeconds = 31 * 86400;
// ClickBench's queries look at counter 62 and at this user.
constexpr int64_t kMainCounter = 62;
constexpr int64_t kNamedUserRank = 5000;
constexpr int64_t kNamedUser = 435090932899640449LL;
// URLHash / RefererHash of an empty string (any fixed value will do).
constexpr int64_t kEmptyHash = 6202628419148573758LL;

template <typename T, size_t N>
T Pick(HitsRng& r, const std::array<T, N>& a) {
  return a[static_cast<size_t>(r.Skewed(N))];
}

constexpr std::array<std::string_view, 12> kPhoneModels = {
    "iPad",     "iPhone", "Galaxy S4", "Galaxy Note", "Lumia 920", "Nexus 7",
    "Xperia Z", "One X",  "Optimus G", "Kindle Fire", "Desire",    "Galaxy Tab"};
constexpr std::array<std::array<int16_t, 2>, 12> kResolutions = {{{1920, 1080},
                                                                  {1366, 768},
                                                                  {1280, 1024},
                                                                  {1440, 900},
                                                                  {1600, 900},
                                                                  {1024, 768},
                                                                  {1280, 800},
                                                                  {1680, 1050},
                                                                  {2560, 1440},
                                                                  {360, 640},
                                                                  {768, 1024},
                                                                  {0, 0}}};
constexpr std::array<int16_t, 20> kTraficSources = {-1, 0, 0, 0, 0, 0, 1, 1, 2, 2,
                                                    2,  2, 3, 3, 3, 4, 5, 6, 6, 7};
constexpr std::array<int16_t, 8> kAdvEngines = {2, 12, 27, 13, 3, 1, 58, 42};
constexpr std::array<std::string_view, 4> kHitColors = {"5", "E", "D", "F"};
constexpr std::array<std::string_view, 3> kCharsets = {"utf-8", "windows-1251", ""};
constexpr std::array<std::string_view, 6> kLanguages = {"ru", "en", "uk", "de", "tr", ""};
constexpr std::array<std::string_view, 7> kCountries = {"ru", "ua", "by", "kz", "us", "de", "tr"};
constexpr std::array<std::string_view, 5> kAgentMinors = {"0", "1", "5", "a", "10"};
constexpr std::array<std::string_view, 4> kFlashMinors = {"", "0", "1", "2"};
constexpr std::array<std::string_view, 5> kSocial = {"vk", "facebook", "twitter", "ok", "lj"};
constexpr std::array<std::string_view, 4> kCurrencies = {"RUB", "USD", "EUR", ""};
constexpr std::array<std::string_view, 5> kUtmSources = {"yandex", "google", "email", "vk",
                                                         "partner"};
constexpr std::array<std::string_view, 4> kUtmMediums = {"cpc", "banner", "email", "social"};

}  // namespace

Status GenerateHitsBatch(const HitsVocabulary& vocab, uint64_t seed, int64_t first, int64_t count,
                         const SchemaPtr& schema, RecordBatchPtr* out) {
  const HitsColumnInfo* columns = HitsColumns();
  // Numbers are collected as int64 per column and narrowed at the end.
  std::vector<std::vector<int64_t>> ints(kNumHitsColumns);
  std::vector<std::unique_ptr<StringBuilder>> strings(kNumHitsColumns);
  for (int c = 0; c < kNumHitsColumns; ++c) {
    if (columns[c].type == HitsType::kUtf8) {
      strings[c] = std::make_unique<StringBuilder>(utf8());
      QUIVER_RETURN_NOT_OK(strings[c]->Reserve(count));
    } else {
      ints[c].resize(static_cast<size_t>(count));
    }
  }
  std::array<int64_t, kNumHitsColumns> iv{};
  std::array<std::string_view, kNumHitsColumns> sv{};
  const int64_t num_urls = static_cast<int64_t>(vocab.urls.size());
  const int64_t num_refs = static_cast<int64_t>(vocab.referers.size());
  const int64_t num_phrases = static_cast<int64_t>(vocab.phrases.size());

  for (int64_t i = 0; i < count; ++i) {
    const uint64_t row = static_cast<uint64_t>(first + i);
    HitsRng r(Mix64(seed) ^ Mix64(row));
    iv.fill(0);
    sv.fill(std::string_view());

    // Who, where and when.
    const int64_t user_rank = r.Skewed(vocab.num_users);
    const uint64_t user_key = Mix64(seed * 7919 + static_cast<uint64_t>(user_rank));
    iv[kUserID] = user_rank == kNamedUserRank ? kNamedUser : static_cast<int64_t>(user_key);
    iv[kCounterID] = r.Chance(0.3) ? kMainCounter : 1 + r.Skewed(vocab.num_counters);
    const int64_t t = kJulyStart + r.Below(kMonthSeconds);
    iv[kEventTime] = t;
    iv[kEventDate] = t / 86400;
    iv[kClientTimeZone] = r.Chance(0.5) ? -1 : r.Below(27) - 12;
    iv[kClientEventTime] = t + r.Below(120) - 60;
    iv[kLocalEventTime] = t + 3 * 3600 + r.Below(60);
    iv[kClientIP] =
        r.Chance(0.8) ? static_cast<int32_t>(user_key >> 32) : static_cast<int32_t>(r.Next());
    iv[kIPNetworkID] = (static_cast<uint32_t>(iv[kClientIP]) >> 8) & 0xffffff;
    iv[kRemoteIP] = static_cast<int32_t>(r.Next());
    iv[kRegionID] = 1 + r.Skewed(5000);
    iv[kWatchID] = static_cast<int64_t>(Mix64(row * 2654435761ULL + seed));

    // Page, referer and search.
    if (r.Chance(0.95)) {
      int64_t u = r.Skewed(num_urls);
      sv[kURL] = vocab.urls[static_cast<size_t>(u)];
      sv[kTitle] = vocab.titles[static_cast<size_t>(u)];
      iv[kURLHash] = vocab.url_hashes[static_cast<size_t>(u)];
      if (r.Chance(0.1)) sv[kOriginalURL] = sv[kURL];
    } else {
      iv[kURLHash] = kEmptyHash;
    }
    if (r.Chance(0.55)) {
      int64_t f = r.Skewed(num_refs);
      sv[kReferer] = vocab.referers[static_cast<size_t>(f)];
      iv[kRefererHash] = vocab.referer_hashes[static_cast<size_t>(f)];
    } else {
      iv[kRefererHash] = kEmptyHash;
    }
    if (r.Chance(0.13)) {
      sv[kSearchPhrase] = vocab.phrases[static_cast<size_t>(r.Skewed(num_phrases))];
      iv[kSearchEngineID] = 1 + r.Skewed(30);
    } else if (r.Chance(0.02)) {
      iv[kSearchEngineID] = 1 + r.Skewed(30);
    }
    iv[kAdvEngineID] = r.Chance(0.96) ? 0 : Pick(r, kAdvEngines);
    iv[kTraficSourceID] = kTraficSources[static_cast<size_t>(r.Below(kTraficSources.size()))];
    iv[kRefererCategoryID] = r.Below(20);
    iv[kURLCategoryID] = r.Below(20);
    iv[kRefererRegionID] = r.Chance(0.5) ? 0 : 1 + r.Skewed(5000);
    iv[kURLRegionID] = r.Chance(0.5) ? 0 : 1 + r.Skewed(5000);

    // Browser and device.
    const auto& res = kResolutions[static_cast<size_t>(r.Skewed(kResolutions.size()))];
    iv[kResolutionWidth] = res[0];
    iv[kResolutionHeight] = res[1];
    iv[kResolutionDepth] = r.Chance(0.8) ? 24 : 32;
    iv[kWindowClientWidth] = res[0] > 0 ? res[0] - r.Below(std::min<int64_t>(res[0], 400)) : 0;
    iv[kWindowClientHeight] = res[1] > 0 ? res[1] - r.Below(std::min<int64_t>(res[1], 300)) : 0;
    iv[kOS] = r.Skewed(50);
    iv[kUserAgent] = r.Skewed(60);
    iv[kUserAgentMajor] = r.Skewed(40);
    sv[kUserAgentMinor] = Pick(r, kAgentMinors);
    iv[kFlashMajor] = r.Chance(0.4) ? 0 : 9 + r.Below(3);
    iv[kFlashMinor] = r.Below(3);
    sv[kFlashMinor2] = Pick(r, kFlashMinors);
    iv[kNetMajor] = r.Below(4);
    iv[kNetMinor] = r.Below(10);
    iv[kJavaEnable] = r.Chance(0.7);
    iv[kCookieEnable] = r.Chance(0.95);
    iv[kJavascriptEnable] = r.Chance(0.95);
    if (r.Chance(0.12)) {
      int64_t m = r.Skewed(kPhoneModels.size());
      sv[kMobilePhoneModel] = kPhoneModels[static_cast<size_t>(m)];
      iv[kMobilePhone] = 1 + m + (r.Chance(0.2) ? 20 : 0);
      iv[kIsMobile] = 1;
    }
    iv[kSilverlightVersion1] = r.Below(6);
    iv[kSilverlightVersion2] = r.Below(2);
    iv[kSilverlightVersion3] = r.Chance(0.7) ? 0 : r.Below(60000);
    iv[kSilverlightVersion4] = r.Below(3);
    sv[kPageCharset] = Pick(r, kCharsets);
    sv[kBrowserLanguage] = Pick(r, kLanguages);
    sv[kBrowserCountry] = Pick(r, kCountries);
    iv[kCodeVersion] = r.Skewed(1000);
    iv[kWindowName] = r.Chance(0.6) ? -1 : r.Below(1 << 30);
    iv[kOpenerName] = r.Chance(0.8) ? -1 : r.Below(1 << 30);
    iv[kHistoryLength] = r.Below(22) - 1;

    // Flags.
    iv[kGoodEvent] = r.Chance(0.99);
    iv[kIsRefresh] = r.Chance(0.1);
    iv[kDontCountHits] = r.Chance(0.03);
    iv[kIsLink] = r.Chance(0.08);
    iv[kIsDownload] = r.Chance(0.01);
    iv[kIsNotBounce] = r.Chance(0.3);
    iv[kIsArtifical] = r.Chance(0.01);
    iv[kIsOldCounter] = r.Chance(0.05);
    iv[kIsEvent] = r.Chance(0.02);
    iv[kIsParameter] = r.Chance(0.02);
    iv[kWithHash] = r.Chance(0.03);
    iv[kHasGCLID] = r.Chance(0.01);
    iv[kCounterClass] = r.Below(4);
    iv[kHTTPError] = r.Chance(0.99) ? 0 : (r.Chance(0.7) ? 404 : 500);
    sv[kHitColor] = Pick(r, kHitColors);

    // Visitor profile and timings.
    iv[kAge] = r.Below(6);
    iv[kSex] = r.Below(3);
    iv[kIncome] = r.Below(5);
    iv[kInterests] = r.Chance(0.5) ? 0 : r.Below(16000);
    iv[kRobotness] = r.Chance(0.97) ? 0 : r.Below(100);
    iv[kFUniqID] = r.Chance(0.5) ? 0 : static_cast<int64_t>(user_key >> 1);
    iv[kHID] = static_cast<int32_t>(r.Next());
    iv[kCLID] = r.Chance(0.95) ? 0 : r.Below(1000000);
    if (r.Chance(0.6)) {
      iv[kSendTiming] = r.Skewed(2000);
      iv[kDNSTiming] = r.Skewed(500);
      iv[kConnectTiming] = r.Skewed(800);
      iv[kResponseStartTiming] = r.Skewed(3000);
      iv[kResponseEndTiming] = iv[kResponseStartTiming] + r.Skewed(3000);
      iv[kFetchTiming] = r.Skewed(5000);
    }

    // Rarely filled strings.
    if (r.Chance(0.05)) sv[kParams] = vocab.phrases[static_cast<size_t>(r.Below(num_phrases))];
    if (r.Chance(0.02)) {
      sv[kSocialNetwork] = Pick(r, kSocial);
      sv[kSocialAction] = r.Chance(0.5) ? "like" : "share";
      sv[kSocialSourcePage] = vocab.referers[static_cast<size_t>(r.Below(num_refs))];
      iv[kSocialSourceNetworkID] = 1 + r.Below(5);
    }
    if (r.Chance(0.01)) {
      sv[kParamOrderID] = vocab.order_ids[static_cast<size_t>(r.Below(vocab.order_ids.size()))];
      iv[kParamPrice] = r.Below(1000000);
    }
    sv[kParamCurrency] = Pick(r, kCurrencies);
    iv[kParamCurrencyID] = r.Below(4);
    if (r.Chance(0.01)) {
      sv[kOpenstatServiceName] = "direct";
      sv[kOpenstatCampaignID] = vocab.order_ids[static_cast<size_t>(r.Below(100))];
      sv[kOpenstatAdID] = vocab.order_ids[static_cast<size_t>(r.Below(1000))];
      sv[kOpenstatSourceID] = Pick(r, kSocial);
    }
    if (r.Chance(0.03)) {
      sv[kUTMSource] = Pick(r, kUtmSources);
      sv[kUTMMedium] = Pick(r, kUtmMediums);
      sv[kUTMCampaign] = vocab.phrases[static_cast<size_t>(r.Skewed(num_phrases))];
      if (r.Chance(0.5)) sv[kUTMContent] = vocab.order_ids[static_cast<size_t>(r.Below(50))];
      if (r.Chance(0.5)) sv[kUTMTerm] = vocab.phrases[static_cast<size_t>(r.Skewed(num_phrases))];
    }
    if (r.Chance(0.02)) sv[kFromTag] = Pick(r, kUtmSources);

    for (int c = 0; c < kNumHitsColumns; ++c) {
      if (strings[c]) {
        QUIVER_RETURN_NOT_OK(strings[c]->Append(sv[c]));
      } else {
        ints[c][static_cast<size_t>(i)] = iv[c];
      }
    }
  }

  std::vector<ArrayPtr> arrays;
  arrays.reserve(kNumHitsColumns);
  for (int c = 0; c < kNumHitsColumns; ++c) {
    ArrayPtr a;
    const std::vector<int64_t>& v = ints[c];
    auto narrow = [&](auto&& builder) -> Status {
      using T = std::remove_reference_t<decltype(*builder.mutable_values())>;
      std::vector<T> tmp(v.begin(), v.end());
      QUIVER_RETURN_NOT_OK(builder.AppendValues(tmp.data(), count));
      QUIVER_ASSIGN_OR_RAISE(a, builder.Finish());
      return Status::OK();
    };
    switch (columns[c].type) {
      case HitsType::kUtf8: {
        QUIVER_ASSIGN_OR_RAISE(a, strings[c]->Finish());
        break;
      }
      case HitsType::kInt16: QUIVER_RETURN_NOT_OK(narrow(Int16Builder(int16()))); break;
      case HitsType::kInt32: QUIVER_RETURN_NOT_OK(narrow(Int32Builder(int32()))); break;
      case HitsType::kInt64: QUIVER_RETURN_NOT_OK(narrow(Int64Builder(int64()))); break;
      case HitsType::kUInt16:
        QUIVER_RETURN_NOT_OK(narrow(PrimitiveBuilder<uint16_t>(uint16())));
        break;
    }
    arrays.push_back(std::move(a));
  }
  *out = RecordBatch::Make(schema, count, std::move(arrays));
  return Status::OK();
}

}  // namespace quiver::hitsgen
