// ImportWriter::encode_row and add_encoded_row, the two halves of add_row
// that a scan on two threads calls apart (service/file_scan.h): what they
// store is what add_row stores.
#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

TEST(EncodedRow, EncodedAheadIsStoredAsAddRowStoresIt) {
  const std::string path = fresh_db_path();
  auto store = open_or_die(path);
  const Plan plan = small_plan();
  const UnitRow row = make_row(1, "Sở Tư pháp", "2024-Q4", 12, 5, "41,67", true);
  auto writer = store->begin_import(plan, source_file("quy-4.tsv"), ImportOptions{});
  ASSERT_TRUE(writer.ok()) << writer.error().message;
  EncodedCells encoded;
  (*writer)->encode_row(row, encoded);
  // store/cells.h's form, written out by hand from make_row: line 5,
  // columns 3 to 6; the share typed as text is kept with a null value.
  EXPECT_EQ(encoded.cells,
            "{\"online_total\":[\"12\",12],\"online_full\":[\"5\",5],\"online_full_pct\":[\"41,67\",null],"
            "\"meeting_room_has\":[\"x\",true]}");
  EXPECT_EQ(encoded.positions, "3,4,5,6");
  ASSERT_TRUE((*writer)->add_encoded_row(row, encoded, {}).ok());
  // The same row by add_row into another period.
  UnitRow again = row;
  again.period = "2025-Q1";
  ASSERT_TRUE((*writer)->add_row(again, {}).ok());
  ASSERT_TRUE((*writer)->commit().ok());
  writer->reset();

  const std::string stored = "SELECT cells || ' ' || positions FROM unit_submission JOIN period p ON p.id = period_id "
                             "WHERE p.name = ";
  EXPECT_EQ(query_text(path, stored + "'2024-Q4'"),
            "{\"online_total\":[\"12\",12],\"online_full\":[\"5\",5],\"online_full_pct\":[\"41,67\",null],"
            "\"meeting_room_has\":[\"x\",true]} 3,4,5,6");
  EXPECT_EQ(query_text(path, stored + "'2025-Q1'"), query_text(path, stored + "'2024-Q4'"));
}

TEST(EncodedRow, ARowOfAnotherSizeIsRefusedAsByAddRow) {
  auto store = open_or_die(fresh_db_path());
  const Plan plan = small_plan();
  UnitRow row = make_row(1, "Sở Tư pháp", "2024-Q4", 12, 5, "41,67", true);
  row.values.pop_back();  // three values for a plan of four indicators
  auto writer = store->begin_import(plan, source_file("ngan.tsv"), ImportOptions{});
  ASSERT_TRUE(writer.ok()) << writer.error().message;
  EncodedCells encoded{"untouched", "untouched"};
  (*writer)->encode_row(row, encoded);
  EXPECT_EQ(encoded.cells, "untouched");
  EXPECT_FALSE((*writer)->add_encoded_row(row, encoded, {}).ok());
}

}  // namespace
}  // namespace chiso::store_test
