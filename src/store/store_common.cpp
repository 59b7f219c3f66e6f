#include "store/store_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "plan/unit_validity.h"
#include "store/cells.h"
#include "store/pg_connection.h"

namespace chiso {
namespace store_detail {
namespace {

const char* state_word_vi(SubmissionState state) {
  switch (state) {
    case SubmissionState::draft: return "bản nháp";
    case SubmissionState::submitted: return "đã nộp";
    case SubmissionState::returned: return "bị trả lại";
    case SubmissionState::approved: return "đã duyệt";
    case SubmissionState::withdrawn: return "đã rút";
  }
  return "";
}

}  // namespace

Error period_not_stored(std::string_view period) {
  return make_error(ErrorKind::not_found, "Kỳ báo cáo '" + std::string(period) + "' chưa có trong cơ sở dữ liệu.",
                    "Period '" + std::string(period) + "' is not stored.");
}

Error locked_error(std::string_view period) {
  return make_error(ErrorKind::conflict,
                    "Kỳ " + std::string(period) + " đã khoá: không sửa được. Quản trị viên mở khoá kỳ trước, kèm lý do.",
                    "Period " + std::string(period) + " is locked: nothing in it can change. An administrator must "
                    "unlock it first, with a reason.");
}

Error stale_error(std::string_view unit, int based_on, int current) {
  return make_error(ErrorKind::conflict,
                    fmt::format("Số liệu của {} đã được người khác sửa: bạn sửa trên lần nộp {}, hiện là lần nộp {}. "
                                "Hãy xem số liệu hiện tại rồi sửa lại.",
                                unit, based_on, current),
                    fmt::format("{}'s figures were changed by someone else: your change is based on version {}, the "
                                "current one is version {}. Look at the current figures and change them again.",
                                unit, based_on, current));
}

Error no_submission_error(std::string_view period, std::string_view unit) {
  return make_error(ErrorKind::not_found,
                    "Đơn vị '" + std::string(unit) + "' chưa có số liệu trong kỳ " + std::string(period) + ".",
                    "Unit '" + std::string(unit) + "' has no submission in period " + std::string(period) + ".");
}

Error unit_not_in_plan(std::string_view unit) {
  return make_error(ErrorKind::not_found, "Đơn vị '" + std::string(unit) + "' không có trong kế hoạch.",
                    "Unit '" + std::string(unit) + "' is not in the plan.");
}

Error approved_error(std::string_view unit) {
  return make_error(ErrorKind::conflict,
                    "Số liệu của " + std::string(unit) + " đã được duyệt: đầu mối trả lại thì mới sửa được.",
                    std::string(unit) +
                        "'s figures are approved: the coordinator must return them before they can change.");
}

Error move_error(std::string_view unit, SubmissionState from, SubmissionState to) {
  return make_error(ErrorKind::conflict,
                    fmt::format("Không chuyển được số liệu của {} từ trạng thái \"{}\" sang \"{}\".", unit,
                                state_word_vi(from), state_word_vi(to)),
                    fmt::format("{}'s figures cannot move from {} to {}.", unit, submission_state_name(from),
                                submission_state_name(to)));
}

Result<int> check_unit_write(const Plan& plan, const UnitWrite& write) {
  const std::string& unit = write.row.unit_name;
  const int unit_idx = plan.unit_index(unit);
  if (unit_idx < 0) return unit_not_in_plan(unit);
  if (write.row.values.size() != plan.indicators.size())
    return make_error(ErrorKind::internal, "Số giá trị không khớp số chỉ tiêu của kế hoạch.",
                      "The number of values does not match the plan's indicators.");
  if (write.state != SubmissionState::draft && write.state != SubmissionState::submitted)
    return make_error(ErrorKind::bad_input, "Một lần lưu chỉ tạo bản nháp hoặc bản đã nộp.",
                      "A save makes a draft or a submitted version only.");
  return unit_idx;
}

Result<void> check_move(std::string_view unit, SubmissionState current, SubmissionState to, const Provenance& who) {
  if (!allowed_move(current, to)) return move_error(unit, current, to);
  if (to == SubmissionState::returned && who.comment.empty())
    return make_error(ErrorKind::bad_input, "Trả lại số liệu cần có lý do (nhận xét) để đơn vị biết phải sửa gì.",
                      "Returning figures needs a comment, so that the unit knows what to correct.");
  return {};
}

Error unlock_needs_reason() {
  return make_error(ErrorKind::bad_input, "Mở khoá một kỳ cần có lý do.", "Unlocking a period needs a reason.");
}

Error locked_comment_error(std::string_view period) {
  return make_error(ErrorKind::conflict, "Kỳ " + std::string(period) + " đã khoá: không thêm ý kiến được.",
                    "Period " + std::string(period) + " is locked: no comment can be added.");
}

bool allowed_move(SubmissionState from, SubmissionState to) {
  switch (to) {
    case SubmissionState::submitted: return from == SubmissionState::draft || from == SubmissionState::returned;
    case SubmissionState::returned: return from == SubmissionState::submitted || from == SubmissionState::approved;
    case SubmissionState::approved: return from == SubmissionState::submitted;
    default: return false;
  }
}

Severity severity_from_name(std::string_view name) {
  return value_of(kSeverityWords, name).value_or(Severity::error);
}

std::unordered_map<std::string, int> plan_index_by_code(const Plan& plan) {
  std::unordered_map<std::string, int> index;
  for (std::size_t indicator_idx = 0; indicator_idx < plan.indicators.size(); ++indicator_idx)
    index.emplace(plan.indicators[indicator_idx].code, static_cast<int>(indicator_idx));
  return index;
}

Error damaged_values(const Error& error, std::string_view period, std::string_view unit) {
  return make_error(ErrorKind::internal,
                    "Kỳ " + std::string(period) + ", đơn vị " + std::string(unit) + ": " + error.message,
                    "Period " + std::string(period) + ", unit " + std::string(unit) + ": " + error.text(true));
}

void add_tally_row(PeriodInfo& info, std::int64_t units, std::int64_t submissions, std::string_view last_change_utc,
                   std::string_view last_source, std::int64_t errors, std::int64_t warnings, std::int64_t changes) {
  info.unit_count += static_cast<int>(units);
  info.submission_count += static_cast<int>(submissions);
  info.error_count += static_cast<int>(errors);
  info.warning_count += static_cast<int>(warnings);
  info.change_count += changes;
  if (last_change_utc > info.last_change_utc) {
    info.last_change_utc = last_change_utc;
    info.last_source = last_source;
  }
}

std::string now_utc_iso8601() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return text;
}

FindingCounts count_findings(std::span<const Finding> findings) {
  FindingCounts counts;
  for (const Finding& finding : findings) {
    if (finding.severity == Severity::error) ++counts.errors;
    if (finding.severity == Severity::warning) ++counts.warnings;
  }
  return counts;
}

PeriodTableBuilder::PeriodTableBuilder(const Plan& plan, std::string_view period)
    : plan_(plan), period_(period), plan_index_(plan_index_by_code(plan)) {}

Result<void> PeriodTableBuilder::add_row(std::string_view unit, bool registered, int row_number,
                                         std::string_view raw_name, CellPos pos, std::string_view cells,
                                         std::string_view positions, std::string_view file) {
  Loaded& item = loaded_.emplace_back();
  UnitRow& row = item.row;
  row.row_number = row_number;
  row.raw_name = raw_name;
  row.pos = pos;
  row.period = period_;
  int unit_idx = registered ? plan_.unit_index(unit) : -1;
  if (registered) row.unit_name = unit;
  row.unit_idx = unit_idx;
  item.order = unit_idx >= 0 ? unit_idx : static_cast<int>(plan_.units.size() + loaded_.size());
  row.values.resize(plan_.indicators.size());
  if (!file.empty() && std::find(files_.begin(), files_.end(), file) == files_.end()) files_.emplace_back(file);
  if (auto decoded = decode_cells(cells, positions, row.pos, plan_index_, plan_.indicators, row.values); !decoded)
    return damaged_values(decoded.error(), period_, unit);
  return {};
}

CheckedTable PeriodTableBuilder::finish() {
  CheckedTable table;
  table.period = period_;
  std::stable_sort(loaded_.begin(), loaded_.end(), [](const Loaded& a, const Loaded& b) { return a.order < b.order; });
  table.rows.reserve(loaded_.size());
  for (Loaded& item : loaded_) table.rows.push_back(std::move(item.row));
  for (std::size_t file_idx = 0; file_idx < files_.size(); ++file_idx)
    table.source_file += (file_idx > 0 ? ", " : "") + files_[file_idx];
  table.summary.assign(plan_.indicators.size(), SummaryValue{});
  return table;
}

Result<void> fill_unit_row(const Plan& plan, std::string_view period, std::string_view unit, bool registered,
                           std::string_view cells, std::string_view positions, UnitRow& row) {
  row.period = period;
  if (registered) row.unit_name = unit;
  row.unit_idx = registered ? plan.unit_index(unit) : -1;
  row.values.resize(plan.indicators.size());
  if (auto decoded = decode_cells(cells, positions, row.pos, plan_index_by_code(plan), plan.indicators, row.values);
      !decoded)
    return damaged_values(decoded.error(), period, unit);
  return {};
}

std::vector<UnitStatus> list_statuses(const Plan& plan, std::string_view period, std::vector<UnitStatus> stored) {
  std::vector<UnitStatus> statuses(plan.units.size());
  for (std::size_t unit_idx = 0; unit_idx < plan.units.size(); ++unit_idx) {
    statuses[unit_idx].unit = plan.units[unit_idx].name;
    statuses[unit_idx].reported = false;
  }
  std::vector<UnitStatus> others;
  for (UnitStatus& status : stored) {
    status.reported = status.state != SubmissionState::withdrawn;
    int unit_idx = status.registered ? plan.unit_index(status.unit) : -1;
    if (unit_idx >= 0) {
      statuses[static_cast<std::size_t>(unit_idx)] = std::move(status);
    } else {
      others.push_back(std::move(status));
    }
  }
  // A registered unit that did not exist in the period and sent nothing is
  // not waited for (a district dissolved before it, a commune set up after).
  std::vector<UnitStatus> listed;
  listed.reserve(statuses.size() + others.size());
  for (std::size_t unit_idx = 0; unit_idx < statuses.size(); ++unit_idx) {
    if (statuses[unit_idx].version == 0 && unit_presence(plan, plan.units[unit_idx], period) != UnitPresence::valid)
      continue;
    listed.push_back(std::move(statuses[unit_idx]));
  }
  for (UnitStatus& other : others) listed.push_back(std::move(other));
  return listed;
}

StoredPlan stored_plan(std::string_view id, std::string_view indicator_codes) {
  return StoredPlan{std::string(id), split_indicator_codes(indicator_codes)};
}

}  // namespace store_detail

Result<std::unique_ptr<Store>> open_store(const std::string& db) {
  if (is_postgresql_db(db)) return open_postgresql_store(db);
  return open_sqlite_store(db);
}

bool is_postgresql_db(std::string_view db) { return pg::is_postgresql_uri(db); }

std::string db_display_name(std::string_view db) {
  return is_postgresql_db(db) ? pg::redacted_conninfo(db) : std::string(db);
}

}  // namespace chiso
