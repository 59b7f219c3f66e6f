// check_file: the whole way for one file — read, lay out, bind, check every
// row, consolidate.
#include <utility>

#include "check/checker.h"
#include "consolidate/summary.h"
#include "ingest/document.h"
#include "ingest/table_layout.h"
#include "plan/binding.h"

namespace chiso::check {

Result<CheckedTable> check_file(const Plan& plan, const std::string& path, const std::string& period) {
  auto compiled = compile(plan);
  if (!compiled.ok()) return make_error("plan: " + compiled.error().message);
  auto document = read_document(path);
  if (!document.ok()) return document.error();
  auto layout = lay_out(*document);
  if (!layout.ok()) return layout.error();
  auto binding = bind_table(plan, *document, *layout);
  if (!binding.ok()) return binding.error();

  CheckedTable table;
  table.source_file = path;
  table.period = period;
  table.title_lines = layout->title_lines;
  table.note_lines = layout->note_lines;
  table.findings = binding->findings;
  for (Finding& finding : table.findings) {
    if (finding.file.empty()) finding.file = path;
    if (finding.period.empty()) finding.period = period;
  }

  UnitMatcher units(plan);
  TableChecker checker(plan, *compiled, path);
  SummaryAccumulator summary(plan);
  for_each_row(plan, *document, *layout, *binding, units, period, [&](UnitRow& row) {
    checker.check_row(row, table.findings);
    if (row.role != RowRole::unit) return true;  // compared by the checker, not a unit
    summary.add(row);
    table.rows.push_back(std::move(row));
    return true;
  });
  checker.finish(table.findings);
  table.summary = summary.finish();
  return table;
}

}  // namespace chiso::check
