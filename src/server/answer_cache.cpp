#include "server/answer_cache.h"

namespace chiso::server {

AnswerCache::AnswerCache(std::size_t bytes_max) : bytes_max_(bytes_max) {}

std::shared_ptr<const std::string> AnswerCache::find(std::string_view key,
                                                     std::int64_t change_count) {
  std::lock_guard lock(mutex_);
  auto found = by_key_.find(std::string(key));
  if (found == by_key_.end() || found->second->change_count != change_count) return nullptr;
  recent_.splice(recent_.begin(), recent_, found->second);
  return found->second->body;
}

void AnswerCache::put(std::string_view key, std::int64_t change_count,
                      std::shared_ptr<const std::string> body) {
  if (!body || body->size() > bytes_max_) return;
  std::lock_guard lock(mutex_);
  auto found = by_key_.find(std::string(key));
  if (found != by_key_.end()) {
    if (found->second->change_count > change_count) return;
    bytes_ -= found->second->body->size();
    recent_.erase(found->second);
    by_key_.erase(found);
  }
  evict_until(body->size());
  bytes_ += body->size();
  recent_.push_front(Entry{std::string(key), change_count, std::move(body)});
  by_key_.emplace(recent_.front().key, recent_.begin());
}

std::size_t AnswerCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

void AnswerCache::evict_until(std::size_t bytes_needed) {
  while (!recent_.empty() && bytes_ + bytes_needed > bytes_max_) {
    bytes_ -= recent_.back().body->size();
    by_key_.erase(recent_.back().key);
    recent_.pop_back();
  }
}

}  // namespace chiso::server
