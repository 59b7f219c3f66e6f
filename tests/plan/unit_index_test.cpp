// Plan::unit_index on a plan of many units (its table of names, plan.h:
// UnitNameIndex): the first unit of a name, -1 for a name no unit has, and
// the same answers after the units change, without anything cleared. The
// expected indexes are the places the test itself put the names at.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "plan/plan.h"

namespace chiso {
namespace {

Plan plan_of(int unit_count) {
  Plan plan;
  for (int idx = 0; idx < unit_count; ++idx) {
    UnitDef unit;
    unit.name = "UBND xã số " + std::to_string(idx);
    plan.units.push_back(unit);
  }
  return plan;
}

TEST(UnitIndex, FindsEveryUnitOfALargePlanAndNoOther) {
  const Plan plan = plan_of(1000);
  for (int idx = 0; idx < 1000; ++idx) EXPECT_EQ(plan.unit_index("UBND xã số " + std::to_string(idx)), idx);
  EXPECT_EQ(plan.unit_index("UBND xã số 1000"), -1);
  EXPECT_EQ(plan.unit_index(""), -1);
}

TEST(UnitIndex, SmallAndLargePlansGiveTheFirstOfTwoUnitsNamedAlike) {
  for (int count : {5, 200}) {
    Plan plan = plan_of(count);
    plan.units[count - 1].name = "UBND xã số 2";  // places 2 and count - 1 named alike
    EXPECT_EQ(plan.unit_index("UBND xã số 2"), 2) << count << " units";
  }
}

TEST(UnitIndex, UnitsRenamedAddedOrRemovedAfterALookupAreFoundAsTheyAreNow) {
  Plan plan = plan_of(100);
  ASSERT_EQ(plan.unit_index("UBND xã số 40"), 40);
  plan.units[40].name = "UBND phường Lê Chân";
  EXPECT_EQ(plan.unit_index("UBND xã số 40"), -1);
  EXPECT_EQ(plan.unit_index("UBND phường Lê Chân"), 40);
  UnitDef added;
  added.name = "Đặc khu Cát Hải";
  plan.units.push_back(added);
  EXPECT_EQ(plan.unit_index("Đặc khu Cát Hải"), 100);
  plan.units.erase(plan.units.begin());  // every later unit one place earlier
  EXPECT_EQ(plan.unit_index("UBND xã số 99"), 98);
  EXPECT_EQ(plan.unit_index("Đặc khu Cát Hải"), 99);
  EXPECT_EQ(plan.unit_index("UBND xã số 0"), -1);
  plan.units.resize(10);
  EXPECT_EQ(plan.unit_index("Đặc khu Cát Hải"), -1);
  EXPECT_EQ(plan.unit_index("UBND xã số 10"), 9);
}

TEST(UnitIndex, ACopyFindsItsOwnUnits) {
  Plan plan = plan_of(100);
  ASSERT_EQ(plan.unit_index("UBND xã số 7"), 7);
  Plan copy = plan;
  copy.units[7].name = "UBND xã An Lão";
  EXPECT_EQ(copy.unit_index("UBND xã An Lão"), 7);
  EXPECT_EQ(plan.unit_index("UBND xã số 7"), 7);
  EXPECT_EQ(plan.unit_index("UBND xã An Lão"), -1);
}

TEST(UnitIndex, ThreadsLookingUpAtOnceAllGetTheRightPlaces) {
  const Plan plan = plan_of(500);
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int thread_idx = 0; thread_idx < 4; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      for (int idx = 0; idx < 500; ++idx) {
        const int unit_idx = (idx * 7 + thread_idx * 13) % 500;
        if (plan.unit_index("UBND xã số " + std::to_string(unit_idx)) != unit_idx) ++wrong[thread_idx];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace chiso
