#include "server/router.h"

namespace chiso::server {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool percent_decode(std::string_view text, std::string* out) {
  out->clear();
  out->reserve(text.size());
  for (std::size_t idx = 0; idx < text.size(); ++idx) {
    char c = text[idx];
    if (c == '%') {
      if (idx + 2 >= text.size()) return false;
      int high = hex_digit(text[idx + 1]), low = hex_digit(text[idx + 2]);
      if (high < 0 || low < 0) return false;
      c = static_cast<char>(high * 16 + low);
      idx += 2;
    }
    if (c == '\0') return false;
    out->push_back(c);
  }
  return true;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> params;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    auto eq = pair.find('=');
    std::string name_raw(pair.substr(0, eq));
    std::string value_raw(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    for (char& c : name_raw) c = c == '+' ? ' ' : c;
    for (char& c : value_raw) c = c == '+' ? ' ' : c;
    std::string name, value;
    if (percent_decode(name_raw, &name) && percent_decode(value_raw, &value) && !name.empty())
      params[name] = value;
  }
  return params;
}

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
  for (const Route& route : routes_) {
    std::vector<Segment> pattern;
    for (std::string_view part : split_path(route.pattern)) {
      Segment segment;
      auto open = part.find('{');
      if (open == std::string_view::npos) {
        segment.literal = std::string(part);
      } else {
        segment.literal = std::string(part.substr(0, open));
        segment.param = std::string(part.substr(open + 1, part.size() - open - 2));
      }
      pattern.push_back(std::move(segment));
    }
    patterns_.push_back(std::move(pattern));
  }
}

Router::Match Router::match(std::string_view method, std::string_view raw_path, const Route** route,
                            Params* params) const {
  const auto segments = split_path(raw_path);
  Match result = Match::no_path;
  for (std::size_t route_idx = 0; route_idx < routes_.size(); ++route_idx) {
    const auto& pattern = patterns_[route_idx];
    if (pattern.size() != segments.size()) continue;
    Params found;
    bool matched = true;
    for (std::size_t segment_idx = 0; segment_idx < segments.size() && matched; ++segment_idx) {
      const Segment& want = pattern[segment_idx];
      std::string_view have = segments[segment_idx];
      if (want.param.empty()) {
        matched = have == want.literal;
      } else if (have.size() > want.literal.size() && have.substr(0, want.literal.size()) == want.literal) {
        std::string decoded;
        matched = percent_decode(have.substr(want.literal.size()), &decoded) && !decoded.empty();
        if (matched) found[want.param] = std::move(decoded);
      } else {
        matched = false;
      }
    }
    if (!matched) continue;
    if (routes_[route_idx].method != method) {
      result = Match::no_method;
      continue;
    }
    *route = &routes_[route_idx];
    *params = std::move(found);
    return Match::found;
  }
  return result;
}

}  // namespace chiso::server
