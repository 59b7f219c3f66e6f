// An import larger than what a store writes at once: PostgreSQL's writer
// streams its versions through COPY statements that end at a size, at each
// new period and before each other statement (pg_import_writer.h), SQLite's
// inserts them in groups. Whatever the pieces, every version, its findings
// and its values are stored as one import of the rows in their order.
#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class LargeImport : public StoreTest {};

constexpr int kUnits = 15000;

std::string unit_name(int unit_idx) { return "Đơn vị số " + std::to_string(unit_idx); }

TEST_P(LargeImport, EveryVersionAndFindingIsStoredAcrossTheWritersPieces) {
  const std::string db = fresh_db();
  auto store = open_or_die(db);
  ASSERT_NE(store, nullptr);
  const Plan plan = small_plan();
  auto writer = store->begin_import(plan, source_file("lich-su.txt"), ImportOptions{});
  ASSERT_TRUE(writer.ok()) << writer.error().message;
  // Two periods of kUnits units each, unit i with online_total = i; a
  // finding on every 100th row; in the second period unit 7 comes again
  // last, with 777: the later row is its current version.
  int row_number = 0;
  auto add = [&](const std::string& period, int unit_idx, double total) {
    ++row_number;
    UnitRow row = make_row(row_number, unit_name(unit_idx), period, total, 1, "50", unit_idx % 2 == 0);
    std::vector<Finding> findings;
    if (unit_idx % 100 == 0) {
      Finding finding;
      finding.rule_id = "value.negative";
      finding.unit = row.unit_name;
      finding.row = row_number;
      finding.indicator = "online_total";
      finding.message_vi = "Số âm";
      finding.message_en = "A negative number";
      finding.period = period;
      findings.push_back(finding);
    }
    return (*writer)->add_row(row, findings);
  };
  for (const char* period : {"2025-01", "2025-02"})
    for (int unit_idx = 0; unit_idx < kUnits; ++unit_idx) ASSERT_TRUE(add(period, unit_idx, unit_idx).ok());
  ASSERT_TRUE(add("2025-02", 7, 777).ok());
  auto committed = (*writer)->commit();
  ASSERT_TRUE(committed.ok()) << committed.error().message;
  EXPECT_EQ((*committed)["2025-01"].new_count, kUnits);
  EXPECT_EQ((*committed)["2025-02"].new_count, kUnits);
  EXPECT_EQ((*committed)["2025-02"].repeated_count, 1);
  writer->reset();
  store.reset();

  // Read back with plain SQL, as another program would.
  EXPECT_EQ(count_rows(db, "unit_submission"), 2 * kUnits + 1);
  EXPECT_EQ(count_rows(db, "unit_submission WHERE is_current = 1"), 2 * kUnits);
  EXPECT_EQ(count_rows(db, "unit"), kUnits);
  // 0 + 1 + … + 14999 in each period; in the second, unit 7 counts 777.
  EXPECT_EQ(query_text(db, "SELECT CAST(sum(value) AS BIGINT) FROM current_value "
                           "WHERE period = '2025-01' AND indicator = 'online_total'"),
            "112492500");
  EXPECT_EQ(query_text(db, "SELECT CAST(sum(value) AS BIGINT) FROM current_value "
                           "WHERE period = '2025-02' AND indicator = 'online_total'"),
            std::to_string(112492500 - 7 + 777));
  const std::string unit_7 = "FROM submission_value WHERE period = '2025-02' AND unit = '" + unit_name(7) +
                             "' AND indicator = 'online_total'";
  EXPECT_EQ(query_text(db, "SELECT raw " + unit_7 + " AND version = 1 AND is_current = 0"), "7");
  EXPECT_EQ(query_text(db, "SELECT raw " + unit_7 + " AND version = 2 AND is_current = 1"), "777");
  // 150 findings a period, each on the version of the unit it names.
  EXPECT_EQ(count_rows(db, "finding"), 300);
  EXPECT_EQ(count_rows(db, "finding f JOIN unit_submission s ON s.id = f.unit_submission_id "
                           "JOIN unit u ON u.id = s.unit_id JOIN period p ON p.id = s.period_id "
                           "WHERE f.unit = u.name AND f.period = p.name"),
            300);
}

INSTANTIATE_STORE_TESTS(LargeImport);

}  // namespace
}  // namespace chiso::store_test
