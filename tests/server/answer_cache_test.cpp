// The answer cache alone: an answer is given out only at the change count it
// was made at, a newer one is never replaced by an older, and the byte
// budget drops the answer used least recently.
#include "server/answer_cache.h"

#include <gtest/gtest.h>

namespace chiso::server {
namespace {

std::shared_ptr<const std::string> text(std::string value) {
  return std::make_shared<const std::string>(std::move(value));
}

TEST(AnswerCache, GivesAnAnswerOnlyAtTheCountItWasMadeAt) {
  AnswerCache cache(1000);
  EXPECT_EQ(cache.find("table 2025-Q1", 7), nullptr);
  cache.put("table 2025-Q1", 7, text("at seven"));
  ASSERT_NE(cache.find("table 2025-Q1", 7), nullptr);
  EXPECT_EQ(*cache.find("table 2025-Q1", 7), "at seven");
  // A write since (count 8): made again, never the old one.
  EXPECT_EQ(cache.find("table 2025-Q1", 8), nullptr);
  EXPECT_EQ(cache.find("table 2025-Q2", 7), nullptr);
}

TEST(AnswerCache, AnOlderAnswerDoesNotReplaceANewerOne) {
  AnswerCache cache(1000);
  cache.put("status 2025-Q1", 9, text("nine"));
  cache.put("status 2025-Q1", 8, text("eight"));  // a slow reader finishing late
  EXPECT_EQ(cache.find("status 2025-Q1", 8), nullptr);
  EXPECT_EQ(*cache.find("status 2025-Q1", 9), "nine");
  cache.put("status 2025-Q1", 10, text("ten!"));
  EXPECT_EQ(*cache.find("status 2025-Q1", 10), "ten!");
  EXPECT_EQ(cache.bytes(), 4u);
}

TEST(AnswerCache, TheBudgetDropsTheLeastRecentlyUsedAnswer) {
  AnswerCache cache(10);
  cache.put("a", 1, text("aaaa"));
  cache.put("b", 1, text("bbbb"));
  ASSERT_NE(cache.find("a", 1), nullptr);  // "a" used last: "b" goes first
  cache.put("c", 1, text("cccc"));
  EXPECT_NE(cache.find("a", 1), nullptr);
  EXPECT_EQ(cache.find("b", 1), nullptr);
  EXPECT_NE(cache.find("c", 1), nullptr);
  EXPECT_EQ(cache.bytes(), 8u);
  // Larger than the whole budget: not kept, nothing else dropped.
  cache.put("d", 1, text("ddddddddddd"));
  EXPECT_EQ(cache.find("d", 1), nullptr);
  EXPECT_EQ(cache.bytes(), 8u);
}

}  // namespace
}  // namespace chiso::server
