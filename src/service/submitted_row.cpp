#include "service/submitted_row.h"

#include <fmt/core.h>

#include "plan/period.h"

namespace chiso::service {
namespace {

// What a version in `state` is, in words, for the refusal.
std::pair<const char*, const char*> state_words(SubmissionState state) {
  switch (state) {
    case SubmissionState::draft:
      return {"còn là bản nháp, chưa nộp", "is a draft, not submitted"};
    case SubmissionState::returned:
      return {"đã bị trả lại để sửa", "was returned for changes"};
    case SubmissionState::withdrawn:
      return {"đã rút khỏi kỳ", "was withdrawn from the period"};
    case SubmissionState::submitted:
    case SubmissionState::approved:
      break;
  }
  return {"", ""};
}

Error not_submitted(std::string_view unit, std::string_view period, const char* why_vi,
                    const char* why_en) {
  return make_error(
      ErrorKind::conflict,
      fmt::format("{} chưa có bản đã nộp hoặc đã duyệt của {} ({}): {}. Nộp báo cáo trước rồi "
                  "mới tải được văn bản để ký.",
                  unit, period_text_vi(period), period, why_vi),
      fmt::format("{} has no submitted or approved row for {} ({}): {}. Submit the report first, "
                  "then download the document to sign.",
                  unit, period_text_en(period), period, why_en));
}

}  // namespace

Result<SubmittedRow> load_submitted_row(const Plan& plan, Store& store, std::string_view period,
                                        std::string_view unit) {
  auto statuses = store.status(plan, period);
  if (!statuses) return statuses.error();
  const UnitStatus* status = nullptr;
  for (const UnitStatus& each : *statuses) {
    if (each.unit == unit) status = &each;
  }
  if (status == nullptr || !status->reported) {
    if (status != nullptr && status->version > 0) {
      auto [why_vi, why_en] = state_words(SubmissionState::withdrawn);
      return not_submitted(unit, period, why_vi, why_en);
    }
    return not_submitted(unit, period, "đơn vị chưa nhập số liệu kỳ này",
                         "the unit has entered nothing yet");
  }
  if (status->state != SubmissionState::submitted && status->state != SubmissionState::approved) {
    auto [why_vi, why_en] = state_words(status->state);
    return not_submitted(
        unit, period, fmt::format("bản hiện tại (lần {}) {}", status->version, why_vi).c_str(),
        fmt::format("the current version ({}) {}", status->version, why_en).c_str());
  }
  auto loaded = store.load_unit(plan, period, unit);
  if (!loaded) return loaded.error();

  SubmittedRow out;
  out.unit = loaded->unit;
  out.version = loaded->version;
  out.state = loaded->state;
  out.submitted_at_utc = loaded->written_at_utc;
  out.submitted_by = loaded->provenance.author;
  HistoryQuery query;
  query.unit = out.unit;
  auto history = store.history(period, query);
  if (!history) return history.error();
  for (const Change& change : *history) {
    if (!change.indicator.empty() || change.new_version != out.version) continue;
    if (change.new_state == "submitted" && change.old_state != "") {
      out.submitted_at_utc = change.changed_at_utc;
      out.submitted_by = change.author;
    } else if (change.new_state == "approved") {
      out.approved_at_utc = change.changed_at_utc;
    }
  }
  if (out.state != SubmissionState::approved) out.approved_at_utc.clear();

  out.table.period = std::string(period);
  out.table.rows.push_back(std::move(loaded->row));
  out.table.rows.back().period = out.table.period;
  out.table.findings = std::move(loaded->findings);
  return out;
}

}  // namespace chiso::service
