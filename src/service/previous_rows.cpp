#include "service/previous_rows.h"

#include <algorithm>
#include <functional>

#include "consolidate/published_values.h"
#include "plan/period.h"
#include "service/period_table.h"

namespace chiso::service {

std::vector<std::string> earlier_periods(const std::vector<PeriodInfo>& stored, std::string_view period,
                                         std::size_t periods_max) {
  const PeriodKind kind = period_kind(period);
  const std::string sort_key = period_sort_key(period);
  std::vector<std::pair<std::string, std::string>> earlier;  // sort key, period
  for (const PeriodInfo& info : stored) {
    if (period_kind(info.period) != kind) continue;
    std::string key = period_sort_key(info.period);
    if (key < sort_key) earlier.emplace_back(std::move(key), info.period);
  }
  std::sort(earlier.begin(), earlier.end(), std::greater<>());
  if (earlier.size() > periods_max) earlier.resize(periods_max);
  std::vector<std::string> periods;
  for (auto& [key, name] : earlier) periods.push_back(std::move(name));
  return periods;
}

Result<std::vector<check::EarlierValues>> previous_rows(const Plan& plan, Store& store, std::string_view period,
                                                        std::string_view unit, std::size_t periods_max) {
  auto stored = store.periods();
  if (!stored) return stored.error();
  std::vector<check::EarlierValues> rows;
  for (const std::string& earlier : earlier_periods(*stored, period, periods_max)) {
    auto submission = store.load_unit(plan, earlier, unit);
    if (!submission) {
      if (submission.error().kind == ErrorKind::not_found) continue;
      return submission.error();
    }
    if (submission->state == SubmissionState::withdrawn) continue;
    CheckedTable table;
    table.period = earlier;
    table.rows.push_back(std::move(submission->row));
    table.findings = std::move(submission->findings);
    table = with_published_values(plan, std::move(table));
    rows.push_back({earlier, std::move(table.rows.front().values)});
  }
  return rows;
}

Result<PreviousPeriods> PreviousPeriods::load(const Plan& plan, Store& store, std::string_view period,
                                              std::size_t periods_max) {
  auto stored = store.periods();
  if (!stored) return stored.error();
  PreviousPeriods previous;
  for (const std::string& earlier : earlier_periods(*stored, period, periods_max)) {
    auto table = load_published_table(plan, store, earlier, false);
    if (!table) return table.error();
    table->period = earlier;
    auto& row_by_unit = previous.row_by_unit_.emplace_back();
    for (std::size_t row_idx = 0; row_idx < table->rows.size(); ++row_idx)
      row_by_unit.emplace(table->rows[row_idx].unit_name, row_idx);
    previous.tables_.push_back(std::move(*table));
  }
  return previous;
}

std::vector<check::EarlierValues> PreviousPeriods::of_unit(std::string_view unit) const {
  std::vector<check::EarlierValues> rows;
  for (std::size_t table_idx = 0; table_idx < tables_.size(); ++table_idx) {
    auto row = row_by_unit_[table_idx].find(std::string(unit));
    if (row != row_by_unit_[table_idx].end())
      rows.push_back({tables_[table_idx].period, tables_[table_idx].rows[row->second].values});
  }
  return rows;
}

}  // namespace chiso::service
