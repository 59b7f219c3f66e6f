// FollowMap: what find() gives never depends on the order keys come in.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/follow_map.h"

namespace chiso {
namespace {

TEST(FollowMap, KeysInAnyOrderFindTheirOwnValues) {
  FollowMap<int> map;
  map.add("a", 1);
  map.add("b", 2);
  map.add("c", 3);
  // The order learnt (a → b → c), then others: after "a" comes "c", not "b".
  const std::vector<std::pair<std::string, int>> lookups = {
      {"a", 1}, {"b", 2}, {"c", 3}, {"a", 1}, {"c", 3}, {"b", 2}, {"a", 1}, {"c", 3}, {"c", 3}};
  for (const auto& [key, value] : lookups) {
    const int* found = map.find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value) << key;
  }
  EXPECT_EQ(map.find("d"), nullptr);
  EXPECT_EQ(map.find(""), nullptr);
  EXPECT_EQ(map.size(), 3u);
}

TEST(FollowMap, ClearForgetsKeysAndTheirFollowers) {
  FollowMap<int> map;
  map.add("a", 1);
  map.add("b", 2);
  ASSERT_NE(map.find("a"), nullptr);  // "b" is now expected next
  map.clear();
  EXPECT_EQ(map.find("b"), nullptr);
  map.add("b", 20);
  EXPECT_EQ(*map.find("b"), 20);
  EXPECT_EQ(map.find("a"), nullptr);
}

}  // namespace
}  // namespace chiso
