#include "store/pg_store.h"

#include <fmt/format.h>

#include "store/pg_accounts.h"
#include "store/pg_import_writer.h"
#include "store/pg_schema.h"
#include "store/schema_guard.h"
#include "store/store_common.h"
#include "store/store_sql.h"

namespace chiso {

Result<std::unique_ptr<Store>> open_postgresql_store(const std::string& conninfo) {
  auto connection = pg::PgConnection::open(conninfo);
  if (!connection) return connection.error();
  std::shared_ptr<pg::PgConnection> shared(std::move(*connection));
  if (auto migrated = store_detail::pg_migrate(*shared); !migrated) return migrated.error();
  // Migrated (or found migrated) by this program: from now on each
  // transaction holds off a newer one's migration and refuses what it left.
  shared->guard_schema(store_detail::pg_schema_version_latest());
  return std::unique_ptr<Store>(new store_detail::PgStore(std::move(shared)));
}

namespace store_detail {

std::optional<std::string> param(std::optional<double> value) {
  if (!value) return std::nullopt;
  return fmt::format("{}", *value);
}

Error pg_period_held_error(std::string_view period, bool waited) {
  Error held = waited
                   ? make_error(ErrorKind::busy,
                                fmt::format("Kỳ {} đang được một lệnh khác ghi (nhập số liệu, khoá hoặc mở khoá) và "
                                            "chưa xong sau thời gian chờ; hãy thử lại sau.",
                                            period),
                                fmt::format("Period {} is being written by another command (an import, a lock or an "
                                            "unlock), still at it after the wait; try again later.",
                                            period))
                   : make_error(ErrorKind::busy,
                                fmt::format("Kỳ {} đang được nhập số liệu, khoá hoặc mở khoá; hãy lưu lại sau ít giây.",
                                            period),
                                fmt::format("Period {} is being imported, locked or unlocked; save again in a few "
                                            "seconds.",
                                            period));
  held.field = "period";
  return held;
}

PgStore::PgStore(std::shared_ptr<pg::PgConnection> connection) : connection_(std::move(connection)) {}

PgStore::~PgStore() = default;

Accounts& PgStore::accounts() {
  if (!accounts_) accounts_ = make_pg_accounts(*connection_);
  return *accounts_;
}

Result<void> PgStore::backup_to(const std::string&, bool) {
  return make_error(ErrorKind::bad_input,
                    "Cơ sở dữ liệu PostgreSQL được sao lưu bằng công cụ của PostgreSQL: pg_dump (ví dụ "
                    "pg_dump -Fc -f chiso.dump TÊN_CSDL), không bằng chiso backup.",
                    "A PostgreSQL database is backed up with PostgreSQL's own tools: pg_dump (e.g. "
                    "pg_dump -Fc -f chiso.dump DBNAME), not with chiso backup.");
}

Result<std::pair<std::int64_t, PeriodState>> PgStore::find_period(std::string_view period, bool for_update) {
  auto rows = for_update ? connection_->prepared("find_period_no_key_update",
                                                 std::string(sql::find_period) + " FOR NO KEY UPDATE", {param(period)})
                         : connection_->prepared("find_period", sql::find_period, {param(period)});
  if (!rows) return rows.error();
  if (rows->rows() == 0) return period_not_stored(period);
  return std::pair{rows->integer(0, 0), rows->text(0, 1) == "locked" ? PeriodState::locked : PeriodState::open};
}

Result<std::unique_ptr<ImportWriter>> PgStore::begin_import(const Plan& plan, const SourceFile& file,
                                                           const ImportOptions& options) {
  return PgImportWriter::begin(connection_, plan, file, options);
}

Result<std::vector<PeriodInfo>> PgStore::periods() {
  auto rows = connection_->prepared("periods", sql::periods, {});
  if (!rows) return rows.error();
  std::vector<PeriodInfo> infos;
  for (int row = 0; row < rows->rows(); ++row) {
    PeriodInfo& info = infos.emplace_back();
    info.period = rows->text(row, 0);
    info.state = rows->text(row, 1) == "locked" ? PeriodState::locked : PeriodState::open;
    info.deadline = rows->text(row, 2);
    info.unit_count = static_cast<int>(rows->integer(row, 3));
    info.submission_count = static_cast<int>(rows->integer(row, 4));
    info.last_change_utc = rows->text(row, 5);
    info.last_source = rows->text(row, 6);
    info.error_count = static_cast<int>(rows->integer(row, 7));
    info.warning_count = static_cast<int>(rows->integer(row, 8));
  }
  return infos;
}

Result<PeriodInfo> PgStore::period(std::string_view period) {
  auto rows = connection_->prepared("period_by_name", sql::period_by_name, {param(period)});
  if (!rows) return rows.error();
  if (rows->rows() == 0) return period_not_stored(period);
  PeriodInfo info;
  info.period = rows->text(0, 0);
  info.state = rows->text(0, 1) == "locked" ? PeriodState::locked : PeriodState::open;
  info.deadline = rows->text(0, 2);
  for (int row = 0; row < rows->rows(); ++row)
    add_tally_row(info, rows->integer(row, 3), rows->integer(row, 4), rows->text(row, 5), rows->text(row, 6),
                  rows->integer(row, 7), rows->integer(row, 8), rows->integer(row, 9));
  return info;
}

namespace {

void read_findings(const pg::PgRows& rows, std::vector<Finding>& out) {
  for (int row = 0; row < rows.rows(); ++row)
    out.push_back(read_finding_columns([&](int col) { return std::string(rows.text(row, col)); },
                                       [&](int col) { return rows.integer(row, col); }, 0));
}

}  // namespace

Result<CheckedTable> PgStore::load_period(const Plan& plan, std::string_view period) {
  auto found = find_period(period);
  if (!found) return found.error();
  auto rows = connection_->prepared("period_rows", sql::period_rows, {param(found->first)});
  if (!rows) return rows.error();
  PeriodTableBuilder builder(plan, period);
  for (int row = 0; row < rows->rows(); ++row) {
    auto added = builder.add_row(
        rows->text(row, 1), rows->integer(row, 2) != 0, static_cast<int>(rows->integer(row, 3)), rows->text(row, 4),
        CellPos{static_cast<int>(rows->integer(row, 5)), static_cast<int>(rows->integer(row, 6)),
                static_cast<int>(rows->integer(row, 7))},
        rows->text(row, 8), rows->text(row, 9), rows->text(row, 11) == "file" ? rows->text(row, 10) : "");
    if (!added) return added.error();
  }
  CheckedTable table = builder.finish();
  auto findings = connection_->prepared("period_findings", sql::period_findings, {param(found->first), param(period)});
  if (!findings) return findings.error();
  read_findings(*findings, table.findings);
  return table;
}

Result<UnitSubmission> PgStore::load_unit(const Plan& plan, std::string_view period, std::string_view unit) {
  auto found = find_period(period);
  if (!found) return found.error();
  auto rows = connection_->prepared("unit_current", sql::unit_current, {param(found->first), param(unit)});
  if (!rows) return rows.error();
  if (rows->rows() == 0) return no_submission_error(period, unit);
  UnitSubmission submission;
  const std::int64_t version_id = rows->integer(0, 0);
  submission.period = period;
  submission.unit = rows->text(0, 1);
  submission.registered = rows->integer(0, 2) != 0;
  submission.version = static_cast<int>(rows->integer(0, 3));
  submission.state = submission_state_from_name(rows->text(0, 4)).value_or(SubmissionState::submitted);
  UnitRow& row = submission.row;
  row.row_number = static_cast<int>(rows->integer(0, 5));
  row.raw_name = rows->text(0, 6);
  row.pos = CellPos{static_cast<int>(rows->integer(0, 7)), static_cast<int>(rows->integer(0, 8)),
                    static_cast<int>(rows->integer(0, 9))};
  if (auto filled = fill_unit_row(plan, period, submission.unit, submission.registered, rows->text(0, 10),
                                  rows->text(0, 11), row);
      !filled)
    return filled.error();
  submission.provenance.comment = rows->text(0, 12);
  submission.provenance.author = rows->text(0, 13);
  submission.written_at_utc = rows->text(0, 14);
  submission.provenance.file = rows->text(0, 15);
  submission.provenance.file_sha256 = rows->text(0, 16);
  submission.provenance.page = rows->text(0, 17);
  auto findings = connection_->prepared("version_findings", sql::version_findings, {param(version_id)});
  if (!findings) return findings.error();
  read_findings(*findings, submission.findings);
  return submission;
}

Result<std::vector<UnitStatus>> PgStore::status(const Plan& plan, std::string_view period) {
  auto found = find_period(period);
  if (!found) return found.error();
  auto rows = connection_->prepared("status", sql::status, {param(found->first)});
  if (!rows) return rows.error();
  std::vector<UnitStatus> stored;
  for (int row = 0; row < rows->rows(); ++row) {
    UnitStatus& status = stored.emplace_back();
    status.unit = rows->text(row, 0);
    status.registered = rows->integer(row, 1) != 0;
    status.version = static_cast<int>(rows->integer(row, 2));
    status.state = submission_state_from_name(rows->text(row, 3)).value_or(SubmissionState::submitted);
    status.written_at_utc = rows->text(row, 4);
    status.author = rows->text(row, 5);
    status.source = rows->text(row, 6);
    status.error_count = static_cast<int>(rows->integer(row, 7));
    status.warning_count = static_cast<int>(rows->integer(row, 8));
  }
  return list_statuses(plan, period, std::move(stored));
}

Result<std::vector<StoredUnit>> PgStore::units() {
  auto rows = connection_->prepared("units", sql::units, {});
  if (!rows) return rows.error();
  std::vector<StoredUnit> units;
  for (int row = 0; row < rows->rows(); ++row)
    units.push_back(StoredUnit{std::string(rows->text(row, 0)), std::string(rows->text(row, 1)),
                               static_cast<int>(rows->integer(row, 2))});
  return units;
}

Result<std::vector<StoredPlan>> PgStore::plans() {
  auto rows = connection_->prepared("plans", sql::plans, {});
  if (!rows) return rows.error();
  std::vector<StoredPlan> plans;
  for (int row = 0; row < rows->rows(); ++row) plans.push_back(stored_plan(rows->text(row, 0), rows->text(row, 1)));
  return plans;
}

Result<std::vector<Change>> PgStore::history(std::string_view period, const HistoryQuery& query) {
  auto found = find_period(period);
  if (!found) return found.error();
  pg::Params params = {param(found->first)};
  if (!query.unit.empty()) params.push_back(param(query.unit));
  std::string versions_sql = sql::history_versions;
  if (!query.unit.empty()) versions_sql += sql::and_unit_named;
  versions_sql += " ORDER BY s.unit_id, s.version";
  auto rows = connection_->query(versions_sql, params);
  if (!rows) return rows.error();
  std::vector<HistoryVersion> versions;
  versions.reserve(static_cast<std::size_t>(rows->rows()));
  for (int row = 0; row < rows->rows(); ++row) {
    HistoryVersion& version = versions.emplace_back();
    version.id = rows->integer(row, 0);
    version.unit_id = rows->integer(row, 1);
    version.unit = rows->text(row, 2);
    version.number = static_cast<int>(rows->integer(row, 3));
    version.state = rows->text(row, 4);
    version.cells = rows->text(row, 5);
    version.author = rows->text(row, 6);
    version.at_utc = rows->text(row, 7);
    version.source = rows->text(row, 8);
    version.comment = rows->text(row, 9);
  }
  auto diffed = changes_of_versions(period, query, versions);
  if (!diffed) return diffed.error();
  std::vector<Change> changes = std::move(*diffed);
  if (query.with_states && query.indicator.empty()) {
    std::string events_sql = sql::history_events;
    if (!query.unit.empty()) events_sql += sql::and_unit_named;
    events_sql += " ORDER BY e.id";
    auto events = connection_->query(events_sql, params);
    if (!events) return events.error();
    for (int row = 0; row < events->rows(); ++row) {
      Change& change = changes.emplace_back();
      change.period = period;
      change.unit = events->text(row, 0);
      change.old_version = change.new_version = static_cast<int>(events->integer(row, 1));
      change.old_state = events->text(row, 2);
      change.new_state = events->text(row, 3);
      change.author = events->text(row, 4);
      change.changed_at_utc = events->text(row, 5);
      change.comment = events->text(row, 6);
      change.source = events->text(row, 7);
    }
  }
  sort_changes(changes);
  return changes;
}

Result<std::int64_t> PgStore::period_change_count(std::string_view period) {
  auto rows = connection_->prepared("change_count", sql::change_count, {param(period)});
  if (!rows) return rows.error();
  if (rows->rows() == 0) return period_not_stored(period);
  return rows->integer(0, 0);
}

Result<int> PgStore::schema_version() {
  auto rows = connection_->prepared(
      "schema_version", "SELECT version FROM schema_version WHERE application = 'chiso'", {});
  if (!rows) return rows.error();
  const int version = rows->rows() > 0 ? static_cast<int>(rows->integer(0, 0)) : 0;
  if (version > pg_schema_version_latest())
    return newer_schema_than_opened(connection_->name(), version, pg_schema_version_latest());
  return version;
}

Result<std::optional<std::vector<SummaryValue>>> PgStore::cached_summary(const Plan& plan, std::string_view period) {
  auto found = find_period(period);
  if (!found) return found.error();
  auto rows = connection_->prepared("cached_summary", sql::cached_summary,
                                    {param(found->first), param(compute_store_sha256(plan))});
  if (!rows) return rows.error();
  const auto plan_index = plan_index_by_code(plan);
  std::vector<SummaryValue> summary(plan.indicators.size());
  std::size_t matched = 0;
  for (int row = 0; row < rows->rows(); ++row) {
    auto indicator = plan_index.find(std::string(rows->text(row, 0)));
    if (indicator == plan_index.end()) continue;
    SummaryValue& value = summary[static_cast<std::size_t>(indicator->second)];
    value.value = rows->optional_number(row, 1);
    value.units_reporting = static_cast<int>(rows->integer(row, 2));
    value.yes = static_cast<int>(rows->integer(row, 3));
    value.no = static_cast<int>(rows->integer(row, 4));
    value.blank = static_cast<int>(rows->integer(row, 5));
    ++matched;
  }
  if (matched != plan.indicators.size()) return std::optional<std::vector<SummaryValue>>();
  return std::optional<std::vector<SummaryValue>>(std::move(summary));
}

Result<std::map<std::string, SummaryValue, std::less<>>> PgStore::cached_indicator_summaries(
    const Plan& plan, std::string_view indicator_code) {
  auto rows = connection_->prepared("cached_indicator_summaries", sql::cached_indicator_summaries,
                                    {param(compute_store_sha256(plan)), param(indicator_code)});
  if (!rows) return rows.error();
  std::map<std::string, SummaryValue, std::less<>> kept;
  for (int row = 0; row < rows->rows(); ++row) {
    SummaryValue& value = kept[std::string(rows->text(row, 0))];
    value.value = rows->optional_number(row, 1);
    value.units_reporting = static_cast<int>(rows->integer(row, 2));
    value.yes = static_cast<int>(rows->integer(row, 3));
    value.no = static_cast<int>(rows->integer(row, 4));
    value.blank = static_cast<int>(rows->integer(row, 5));
  }
  return kept;
}

Result<void> pg_write_summary(pg::PgConnection& connection, std::int64_t period_id, std::string_view plan_sha256,
                              std::int64_t change_count, const Plan& plan, const std::vector<SummaryValue>& summary) {
  if (auto removed = connection.prepared("delete_summary", sql::delete_summary, {param(period_id)}); !removed)
    return removed.error();
  for (std::size_t indicator_idx = 0; indicator_idx < summary.size(); ++indicator_idx) {
    const SummaryValue& value = summary[indicator_idx];
    auto inserted = connection.prepared(
        "insert_summary", sql::insert_summary,
        {param(period_id), param(plan_sha256), param(change_count), param(plan.indicators[indicator_idx].code),
         param(value.value), param(std::int64_t{value.units_reporting}), param(std::int64_t{value.yes}),
         param(std::int64_t{value.no}), param(std::int64_t{value.blank})});
    if (!inserted) return inserted.error();
  }
  return {};
}

Result<void> PgStore::put_summary(const Plan& plan, std::string_view period, std::int64_t change_count,
                                  const std::vector<SummaryValue>& summary) {
  if (summary.size() != plan.indicators.size())
    return make_error(ErrorKind::internal, "Bảng tổng hợp không khớp kế hoạch.", "The summary does not fit the plan.");
  pg::PgTransaction transaction(*connection_);
  if (auto begun = transaction.begin(); !begun) return begun;
  // Only the summary of the period as it still is. Its row locked: two
  // summaries of it are not written at once. A save may still land
  // meanwhile (it does not take the period's row); the summary then keeps
  // a change count the period has left, and no reader takes it. A row
  // another holds (an import for as long as it runs, a lock, another
  // summary) is not waited for: the reader that came to keep its figures
  // answers now, and the next one keeps them.
  auto found = connection_->prepared("find_period_to_summarize",
                                     std::string(sql::find_period) + " FOR NO KEY UPDATE SKIP LOCKED", {param(period)});
  if (!found) return found.error();
  if (found->rows() == 0) return {};  // held by another, or not stored: nothing kept
  const std::int64_t period_id = found->integer(0, 0);
  auto current = connection_->prepared("change_count_by_id", sql::change_count_by_id, {param(period_id)});
  if (!current) return current.error();
  if (current->integer(0, 0) != change_count) return {};
  if (auto written = pg_write_summary(*connection_, period_id, compute_store_sha256(plan), change_count, plan,
                                      summary);
      !written)
    return written;
  return transaction.commit();
}

}  // namespace store_detail
}  // namespace chiso
