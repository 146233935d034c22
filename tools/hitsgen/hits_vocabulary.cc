#include "hitsgen/hits_vocabulary.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace quiver::hitsgen {

int64_t HitsRng::Skewed(int64_t n) {
  if (n <= 1) return 0;
  double r = std::exp(Unit() * std::log(static_cast<double>(n) + 1.0)) - 1.0;
  return std::clamp<int64_t>(static_cast<int64_t>(r), 0, n - 1);
}

namespace {

// Invented vocabulary for paths, titles and search phrases.
constexpr std::array<std::string_view, 96> kWords = {
    "weather",  "news",    "market",  "travel",   "football",  "music",   "recipe",    "cars",
    "photo",    "video",   "online",  "free",     "download",  "map",     "hotel",     "flight",
    "movie",    "series",  "game",    "price",    "review",    "sale",    "apartment", "rent",
    "job",      "school",  "bank",    "credit",   "phone",     "laptop",  "tablet",    "camera",
    "garden",   "kitchen", "sofa",    "shoes",    "dress",     "jacket",  "watch",     "gift",
    "city",     "river",   "lake",    "mountain", "beach",     "island",  "forum",     "blog",
    "forecast", "tickets", "concert", "theatre",  "museum",    "library", "history",   "science",
    "health",   "doctor",  "clinic",  "pharmacy", "fitness",   "yoga",    "dog",       "cat",
    "horse",    "fishing", "hunting", "boat",     "bicycle",   "motor",   "engine",    "tyres",
    "repair",   "build",   "house",   "window",   "door",      "roof",    "paint",     "tools",
    "english",  "german",  "lesson",  "course",   "exam",      "answers", "lyrics",    "chords",
    "anime",    "comics",  "poems",   "quotes",   "horoscope", "dream",   "wedding",   "baby"};

// Site names; google appears with and without a subdomain so that both
// URL LIKE '%google%' and URL NOT LIKE '%.google.%' select rows.
constexpr std::array<std::string_view, 40> kSites = {"yandex.ru",
                                                     "mail.ru",
                                                     "vk.com",
                                                     "ok.ru",
                                                     "avito.ru",
                                                     "google.com",
                                                     "www.google.ru",
                                                     "news.example.org",
                                                     "market.example.com",
                                                     "auto.example.net",
                                                     "kino.example.ru",
                                                     "pogoda.example.ru",
                                                     "sport.example.com",
                                                     "music.example.net",
                                                     "maps.google.com",
                                                     "shop.example.org",
                                                     "forum.example.ru",
                                                     "blog.example.com",
                                                     "travel.example.net",
                                                     "job.example.ru",
                                                     "realty.example.com",
                                                     "games.example.org",
                                                     "tv.example.ru",
                                                     "health.example.net",
                                                     "kids.example.com",
                                                     "food.example.org",
                                                     "tech.example.ru",
                                                     "photo.example.net",
                                                     "edu.example.com",
                                                     "bank.example.org",
                                                     "google.de",
                                                     "cars.example.ru",
                                                     "home.example.net",
                                                     "fashion.example.com",
                                                     "pets.example.org",
                                                     "books.example.ru",
                                                     "lyrics.example.net",
                                                     "weather.example.com",
                                                     "city.example.org",
                                                     "dating.example.ru"};

std::string_view Word(HitsRng& r) { return kWords[static_cast<size_t>(r.Skewed(kWords.size()))]; }

std::string MakeUrl(HitsRng& r, bool referer) {
  std::string s = r.Chance(0.7) ? "https://" : "http://";
  std::string_view site = kSites[static_cast<size_t>(r.Skewed(kSites.size()))];
  if (referer && r.Chance(0.3) && site.find('.') == site.rfind('.')) s += "www.";
  s += site;
  s += '/';
  int segments = static_cast<int>(r.Below(4));
  for (int i = 0; i < segments; ++i) {
    s += Word(r);
    s += '/';
  }
  if (r.Chance(0.5)) {
    s += Word(r);
    s += '-';
    s += std::to_string(r.Below(100000));
    s += ".html";
  }
  if (r.Chance(0.3)) {  // query strings make some URLs long
    s += "?id=" + std::to_string(r.Below(1000000));
    int params = static_cast<int>(r.Skewed(24));
    for (int i = 0; i < params; ++i) {
      s += '&';
      s += Word(r);
      s += '=';
      s += std::to_string(r.Next() % 1000000007ULL);
    }
  }
  return s;
}

std::string MakePhrase(HitsRng& r) {
  std::string s(Word(r));
  int words = static_cast<int>(r.Below(4));
  for (int i = 0; i < words; ++i) {
    s += ' ';
    s += Word(r);
  }
  return s;
}

std::string MakeTitle(HitsRng& r, const std::string& url) {
  if (r.Chance(0.2)) return "";
  std::string s;
  int words = 2 + static_cast<int>(r.Below(7));
  for (int i = 0; i < words; ++i) {
    std::string_view w = Word(r);
    if (i > 0) s += ' ';
    s += static_cast<char>(w[0] - 'a' + 'A');
    s += w.substr(1);
  }
  if (url.find("google") != std::string::npos || r.Chance(0.04)) {
    s += " - Google";
  } else {
    s += " - ";
    s += std::to_string(r.Below(1000));
  }
  return s;
}

int64_t Clamp(int64_t v, int64_t lo, int64_t hi) { return std::clamp(v, lo, hi); }

}  // namespace

HitsVocabulary HitsVocabulary::Make(int64_t rows, uint64_t seed) {
  HitsVocabulary v;
  v.num_users = Clamp(rows / 8, 64, 4'000'000);
  v.num_counters = Clamp(rows / 500, 64, 100'000);
  const int64_t num_urls = Clamp(rows / 16, 64, 1'000'000);
  const int64_t num_referers = Clamp(rows / 32, 64, 500'000);
  const int64_t num_phrases = Clamp(rows / 64, 64, 200'000);
  HitsRng r(Mix64(seed ^ 0x5eedULL));
  v.urls.reserve(num_urls);
  for (int64_t i = 0; i < num_urls; ++i) {
    v.urls.push_back(MakeUrl(r, false));
    v.titles.push_back(MakeTitle(r, v.urls.back()));
    v.url_hashes.push_back(static_cast<int64_t>(Mix64(seed * 31 + static_cast<uint64_t>(i))));
  }
  for (int64_t i = 0; i < num_referers; ++i) {
    v.referers.push_back(MakeUrl(r, true));
    v.referer_hashes.push_back(
        static_cast<int64_t>(Mix64(seed * 37 + static_cast<uint64_t>(i) + (1ULL << 40))));
  }
  // The hash constants ClickBench's queries filter on belong to the most
  // frequent page and referer, so those filters select rows.
  v.url_hashes[0] = 2868770270353813622LL;
  v.referer_hashes[0] = 3594120000172545465LL;
  for (int64_t i = 0; i < num_phrases; ++i) v.phrases.push_back(MakePhrase(r));
  for (int i = 0; i < 1000; ++i) v.order_ids.push_back(std::to_string(100000 + r.Below(900000)));
  return v;
}

}  // namespace quiver::hitsgen
