// Encoded answers kept for the next reader: a period's consolidated table
// and its status, which are computed from every unit's current version and
// read far more often than they change.
//
// The key of freshness comes from the database, not from this process: an
// answer is kept with the period's change count (Store::period_change_count,
// which every write into the period raises in its own transaction) and is
// given out only to a request that read the same count. So a save through
// another server on the same database (issue 17) makes the next read here
// compute the answer again, as a save through this one does.
//
// REQUIRES of the caller, for an answer never older than its count: read the
// count before the data the answer is made of (a write in between makes the
// answer newer than its count, never older, and the count already read is
// then seen by no later request).
//
// Thread-safe: shared by the store threads. Bounded by bytes
// (limits::answer_cache_bytes_max); the answer used least recently goes first.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace chiso::server {

class AnswerCache {
 public:
  explicit AnswerCache(std::size_t bytes_max);

  // The answer kept under `key` for `change_count`; null when there is none,
  // or it was made at another count.
  std::shared_ptr<const std::string> find(std::string_view key, std::int64_t change_count);
  // Keeps `body` under `key` for `change_count`, unless an answer of a
  // higher count is kept already. A body over the whole budget is not kept.
  void put(std::string_view key, std::int64_t change_count,
           std::shared_ptr<const std::string> body);

  std::size_t bytes() const;

 private:
  struct Entry {
    std::string key;
    std::int64_t change_count = 0;
    std::shared_ptr<const std::string> body;
  };
  void evict_until(std::size_t bytes_needed);  // REQUIRES: mutex_ held

  mutable std::mutex mutex_;
  std::size_t bytes_max_ = 0;
  std::size_t bytes_ = 0;
  std::list<Entry> recent_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
};

}  // namespace chiso::server
