// One table of words per enum: the word a value is stored, typed in a plan,
// and sent in JSON as ("warning", "percent", "mark_count"), and back. Each
// enum's table sits beside the enum; the functions below read any of them.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace chiso {

template <class E>
struct EnumWord {
  E value;
  const char* word;
};

// The word of `value`; the table's first word when `value` is not in it.
template <class E, std::size_t N>
constexpr const char* word_of(const EnumWord<E> (&table)[N], E value) {
  for (const EnumWord<E>& entry : table)
    if (entry.value == value) return entry.word;
  return table[0].word;
}

// The value whose word is `word` (exactly), or none.
template <class E, std::size_t N>
constexpr std::optional<E> value_of(const EnumWord<E> (&table)[N], std::string_view word) {
  for (const EnumWord<E>& entry : table)
    if (word == entry.word) return entry.value;
  return std::nullopt;
}

}  // namespace chiso
