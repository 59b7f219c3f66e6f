// Matching unit names to the registered units.
#include <algorithm>
#include <cstdint>
#include <numeric>

#include "common/text.h"
#include "plan/binding.h"

namespace chiso {

UnitMatcher::UnitMatcher(const Plan& plan) : plan_(&plan), loose_(std::make_shared<LooseKeys>()) {
  size_t name_count = 0;
  for (const UnitDef& unit : plan.units) name_count += 1 + unit.variants.size();
  // The loader's keys when they were folded from these names: each unit's
  // name, then its variants, as below.
  const std::vector<std::string>* name_keys = &plan.unit_name_keys;
  if (plan.unit_name_keys.size() != name_count || plan.unit_name_keys_hash != unit_names_hash(plan.units)) {
    auto own = std::make_shared<std::vector<std::string>>();
    own->reserve(name_count);
    for (const UnitDef& unit : plan.units) {
      own->push_back(text::fold_key(unit.name));
      for (const std::string& variant : unit.variants) own->push_back(text::fold_key(variant));
    }
    name_keys = own.get();
    own_keys_ = std::move(own);
  }
  keys_.reserve(name_count);
  size_t name_idx = 0;
  for (size_t unit_idx = 0; unit_idx < plan.units.size(); ++unit_idx) {
    const UnitDef& unit = plan.units[unit_idx];
    auto add = [&](const std::string& name) {
      const std::string& key = (*name_keys)[name_idx++];
      if (key.empty()) return;
      keys_.emplace_back(key, static_cast<int>(unit_idx));
      loose_->names.emplace_back(&name, static_cast<int>(unit_idx));
    };
    add(unit.name);
    for (const std::string& variant : unit.variants) add(variant);
  }
  // Before sorting, keys_[idx] is the key of loose_->names[idx]. Sorted by
  // key, stably: the loader guarantees a key belongs to one unit, and if a
  // hand-built plan repeats one, the first unit keeps it (as lookup() finds
  // the first of equal keys).
  std::vector<std::uint32_t> order(keys_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [this](std::uint32_t a, std::uint32_t b) { return keys_[a].first < keys_[b].first; });
  std::vector<std::pair<std::string_view, int>> sorted;
  sorted.reserve(keys_.size());
  // exact_ gives what the key look-up gives: the unit of the first entry
  // with that key.
  exact_.reserve(keys_.size());
  name_match_.assign(plan.units.size(), -2);
  int owner = -1;
  for (const std::uint32_t key_idx : order) {
    const auto& entry = keys_[key_idx];
    if (sorted.empty() || entry.first != sorted.back().first) owner = entry.second;
    sorted.push_back(entry);
    const std::string* name = loose_->names[key_idx].first;
    // The first emplace of a name stays: it is what match() finds.
    const int matched = exact_.emplace(*name, owner).first->second;
    const UnitDef& unit = plan.units[static_cast<std::size_t>(entry.second)];
    if (name == &unit.name) name_match_[static_cast<std::size_t>(entry.second)] = matched;
  }
  keys_ = std::move(sorted);
}

int UnitMatcher::lookup(std::string_view key) const {
  if (key.empty()) return -1;
  auto found = std::lower_bound(keys_.begin(), keys_.end(), key,
                                [](const auto& entry, std::string_view k) { return entry.first < k; });
  if (found == keys_.end() || found->first != key) return -1;
  return found->second;
}

int UnitMatcher::match(std::string_view raw_name) const {
  if (auto exact = exact_.find(raw_name); exact != exact_.end()) return exact->second;
  return lookup(text::fold_key(raw_name));
}

int UnitMatcher::match(std::string_view raw_name, int previous) const {
  const std::size_t next = static_cast<std::size_t>(previous + 1);
  if (previous >= -1 && next < name_match_.size() && name_match_[next] != -2 &&
      plan_->units[next].name == raw_name)
    return name_match_[next];
  return match(raw_name);
}

namespace {

// The candidates max: a name with many abbreviations of several meanings
// does not multiply without end.
constexpr std::size_t kSpellingsMax = 64;

// `raw_name` and the ways of writing out its abbreviations: words split at
// white space, "&" a word of its own ("KH&ĐT" → "KH & ĐT").
std::vector<std::string> spellings(
    std::string_view raw_name,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& abbreviations) {
  std::vector<std::string> words;
  std::string word;
  auto end_word = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (char c : raw_name) {
    if (c == ' ' || c == '\t') {
      end_word();
    } else if (c == '&') {
      end_word();
      words.emplace_back("&");
    } else {
      word.push_back(c);
    }
  }
  end_word();
  std::vector<std::string> written{std::string(raw_name)};
  std::vector<std::string> partial{""};
  bool expanded = false;
  for (const std::string& one : words) {
    const std::string key = one == "&" ? "&" : text::loose_key(one);
    const std::vector<std::string>* expansions = nullptr;
    for (const auto& [short_key, words_for] : abbreviations) {
      if (short_key == key) expansions = &words_for;
    }
    std::vector<std::string> next;
    for (const std::string& start : partial) {
      const std::string lead = start.empty() ? "" : start + " ";
      if (expansions == nullptr) {
        next.push_back(lead + one);
        continue;
      }
      for (const std::string& expansion : *expansions) {
        if (next.size() < kSpellingsMax) next.push_back(lead + expansion);
      }
    }
    expanded = expanded || expansions != nullptr;
    partial = std::move(next);
  }
  if (expanded) written.insert(written.end(), partial.begin(), partial.end());
  return written;
}

}  // namespace

std::vector<std::string> UnitMatcher::suggestions(std::string_view raw_name) const {
  std::call_once(loose_->once, [this] {
    loose_->keys.reserve(loose_->names.size());
    for (const auto& [name, unit_idx] : loose_->names) {
      loose_->keys.emplace_back(text::loose_key(*name), unit_idx);
    }
    for (const std::string& entry : plan_->unit_abbreviations) {
      if (auto abbreviation = parse_unit_abbreviation(entry)) {
        const std::string key =
            abbreviation->short_form == "&" ? "&" : text::loose_key(abbreviation->short_form);
        loose_->abbreviations.emplace_back(key, std::move(abbreviation->expansions));
      }
    }
  });
  const std::vector<std::pair<std::string, int>>& loose_keys = loose_->keys;
  if (loose_keys.empty()) return {};
  // The best distance of any spelling, each spelling held to its own
  // allowance: close means a few typos, at most a quarter of the name's
  // letters, and at least 2 so short names still get a suggestion for one slip.
  int best_distance = -1;
  std::vector<int> best_units;
  for (const std::string& spelling : spellings(raw_name, loose_->abbreviations)) {
    const std::string key = text::loose_key(spelling);
    if (key.empty()) continue;
    const int length = static_cast<int>(std::max(key.size(), size_t{8}));
    const int allowed = std::max(2, length / 4);
    for (const auto& [candidate, unit_idx] : loose_keys) {
      const int distance = text::edit_distance(key, candidate);
      if (distance > allowed || (best_distance >= 0 && distance > best_distance)) continue;
      if (distance < best_distance || best_distance < 0) best_units.clear();
      best_distance = distance;
      if (std::find(best_units.begin(), best_units.end(), unit_idx) == best_units.end()) {
        best_units.push_back(unit_idx);
      }
    }
  }
  std::sort(best_units.begin(), best_units.end());
  std::vector<std::string> names;
  for (int unit_idx : best_units) names.push_back(plan_->units[static_cast<size_t>(unit_idx)].name);
  return names;
}

std::string UnitMatcher::suggest(std::string_view raw_name) const {
  std::vector<std::string> names = suggestions(raw_name);
  return names.empty() ? std::string() : names.front();
}

}  // namespace chiso
