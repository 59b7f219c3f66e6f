#include "store/import_rows.h"

#include "store/store_common.h"

namespace chiso::store_detail {
namespace {

// Rows that wait for their units at most: the units of so many rows are
// added together (ImportRows::add_units).
constexpr std::size_t waiting_rows_max = 2048;

std::vector<std::string> indicator_codes(const Plan& plan) {
  std::vector<std::string> codes;
  codes.reserve(plan.indicators.size());
  for (const Indicator& indicator : plan.indicators) codes.push_back(indicator.code);
  return codes;
}

// Internal: a unit that add_units did not give an id.
Error unit_not_added_error(const std::string& name) {
  return make_error(ErrorKind::internal, "Không ghi được đơn vị " + name + " vào cơ sở dữ liệu.",
                    "Unit " + name + " could not be stored in the database.");
}

}  // namespace

ImportRows::ImportRows(const Plan& plan, const SourceFile& file, const ImportOptions& options)
    : plan_(plan),
      file_(file),
      options_(options),
      indicator_codes_(indicator_codes(plan)),
      encoder_(indicator_codes_) {}

Result<void> ImportRows::add_units(std::span<const UnitRow* const> rows) {
  return unit_not_added_error(rows.empty() ? std::string() : unit_name_of(*rows.front()));
}

Result<void> ImportRows::usable() const {
  if (committed_ || failed_) return writer_spent_error(committed_);
  return {};
}

Result<void> ImportRows::fail(Error error) {
  failed_ = true;
  return error;
}

Result<ImportPeriod*> ImportRows::period_state(std::string_view period) {
  if (last_state_ != nullptr && period == last_period_) return last_state_;
  std::string name(period);
  if (auto found = periods_.find(name); found != periods_.end()) {
    last_period_ = name;
    last_state_ = &found->second;
    return last_state_;
  }
  if (name.empty()) return no_period_error(file_.name);
  ImportPeriod state;
  state.name = name;
  if (auto started = start_period(state); !started) return started.error();
  last_state_ = &periods_.emplace(name, std::move(state)).first->second;
  last_period_ = std::move(name);
  return last_state_;
}

Result<void> ImportRows::add_row(const UnitRow& row, std::span<const Finding> findings) {
  encode_row(row, encoded_);
  return add_encoded_row(row, encoded_, findings);
}

void ImportRows::encode_row(const UnitRow& row, EncodedCells& out) const {
  // A row of another size is refused by add_encoded_row.
  if (row.values.size() == indicator_codes_.size()) encoder_.encode(row, out);
}

Result<void> ImportRows::add_encoded_row(const UnitRow& row, EncodedCells& encoded,
                                         std::span<const Finding> findings) {
  if (auto ok = usable(); !ok) return ok;
  if (row.values.size() != indicator_codes_.size()) return fail(row_size_error(row, indicator_codes_.size()));
  auto state = period_state(row.period);
  if (!state) return fail(state.error());
  if (waiting_rows_.empty()) {
    auto unit = unit_id(row);
    if (!unit) return fail(unit.error());
    if (unit->has_value()) {
      if (auto added = add_version(**state, **unit, unit_name_of(row), &row, &encoded, findings); !added)
        return fail(added.error());
      return {};
    }
  }
  waiting_rows_.push_back(
      WaitingRow{*state, row, std::move(encoded), std::vector<Finding>(findings.begin(), findings.end())});
  if (waiting_rows_.size() >= waiting_rows_max)
    if (auto added = add_waiting_rows(); !added) return fail(added.error());
  return {};
}

Result<void> ImportRows::add_waiting_rows() {
  if (waiting_rows_.empty()) return {};
  std::vector<WaitingRow> rows = std::move(waiting_rows_);
  waiting_rows_.clear();
  std::vector<const UnitRow*> new_units;
  for (const WaitingRow& waiting : rows) {
    auto unit = unit_id(waiting.row);
    if (!unit) return unit.error();
    if (!unit->has_value()) new_units.push_back(&waiting.row);
  }
  if (!new_units.empty())
    if (auto added = add_units(new_units); !added) return added;
  for (WaitingRow& waiting : rows) {
    auto unit = unit_id(waiting.row);
    if (!unit) return unit.error();
    if (!unit->has_value()) return unit_not_added_error(unit_name_of(waiting.row));
    if (auto added = add_version(*waiting.state, **unit, unit_name_of(waiting.row), &waiting.row, &waiting.cells,
                                 waiting.findings);
        !added)
      return added;
  }
  return {};
}

Result<void> ImportRows::add_version(ImportPeriod& state, std::int64_t unit_id, const std::string& unit_name,
                                     const UnitRow* row, EncodedCells* encoded,
                                     std::span<const Finding> findings) {
  const bool repeated = row != nullptr && state.touch(unit_id);
  auto known = state.current_of(unit_id, repeated, [&] { return read_back(state, unit_id); });
  if (!known) return known.error();
  ImportCurrent* current = *known;
  if (row != nullptr) {
    if (current != nullptr && !current->withdrawn && !repeated && current->cells == encoded->cells) {
      // The same values as the current version: nothing to write; its
      // findings, made from the same values, stay.
      ++state.outcome.unchanged_count;
      return {};
    }
  }
  const auto [errors, warnings] = count_findings(findings);
  state.count_version(repeated, row != nullptr, current, unit_name);
  if (current != nullptr)
    if (auto cleared = clear_current(*current); !cleared) return cleared;
  auto version_id = next_version_id();
  if (!version_id) return version_id.error();
  NewVersion version;
  version.id = *version_id;
  version.period_id = state.period_id;
  version.unit_id = unit_id;
  version.version = current != nullptr ? current->version + 1 : 1;
  version.row = row;
  version.cells = row != nullptr ? encoded : nullptr;
  version.error_count = errors;
  version.warning_count = warnings;
  if (auto written = write_version(version); !written) return written;
  state.replace(current, version.id, version.version, row != nullptr, errors, warnings);
  for (const Finding& finding : findings)
    if (auto written = write_finding(version.id, finding); !written) return written;
  return {};
}

Result<void> ImportRows::add_findings(std::string_view period, std::span<const Finding> findings) {
  if (auto ok = usable(); !ok) return ok;
  // After the rows before them, as they came.
  if (auto added = add_waiting_rows(); !added) return fail(added.error());
  auto state = period_state(period);
  if (!state) return fail(state.error());
  for (const Finding& table_finding : findings) {
    Finding finding = table_finding;
    finding.period = (*state)->name;  // a table's finding, told apart per period
    if (auto written = write_finding(0, finding); !written) return fail(written.error());
  }
  return {};
}

Result<void> ImportRows::add_summary(std::string_view period, std::vector<SummaryValue> summary) {
  if (auto ok = usable(); !ok) return ok;
  if (summary.size() != indicator_codes_.size()) return fail(summary_size_error(period));
  auto state = period_state(period);
  if (!state) return fail(state.error());
  (*state)->summary = std::move(summary);
  return {};
}

}  // namespace chiso::store_detail
