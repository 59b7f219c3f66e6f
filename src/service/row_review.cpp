#include "service/row_review.h"

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/limits.h"

namespace chiso::service {
namespace {

Error field_error(const char* field, std::string message_vi, std::string message_en) {
  Error error = make_error(ErrorKind::bad_input, std::move(message_vi), std::move(message_en));
  error.field = field;
  return error;
}

Result<void> known_indicator(const Plan& plan, const std::string& indicator) {
  if (indicator.empty() || plan.indicator_index(indicator) >= 0) return {};
  return field_error("indicator", "Kế hoạch không có chỉ tiêu '" + indicator + "'.",
                     "The plan has no indicator '" + indicator + "'.");
}

Result<void> note_within_limit(const char* field, const std::string& text) {
  if (text.size() <= limits::note_bytes_max) return {};
  return field_error(field,
                     fmt::format("Nội dung dài {} byte, quá giới hạn {} byte.", text.size(), limits::note_bytes_max),
                     fmt::format("The text is {} bytes long, over the limit of {} bytes.", text.size(),
                                 limits::note_bytes_max));
}

// A submit needs the current version without errors, each warning explained.
Result<void> ready_to_submit(const Plan& plan, Store& store, const RowMove& move) {
  auto current = store.load_unit(plan, move.period, move.unit);
  if (!current) return current.error();
  int error_count = 0;
  std::vector<std::string> missing;
  for (const Finding& finding : current->findings) {
    if (finding.severity == Severity::error) ++error_count;
    if (finding.severity != Severity::warning) continue;
    const std::string key = finding_key(finding);
    auto explained = move.who.explanations.find(key);
    const bool blank = explained == move.who.explanations.end() ||
                       explained->second.find_first_not_of(" \t\r\n") == std::string::npos;
    if (blank && std::find(missing.begin(), missing.end(), key) == missing.end()) missing.push_back(key);
  }
  if (error_count > 0)
    return make_error(ErrorKind::bad_input, fmt::format("Chưa nộp được: còn {} lỗi.", error_count),
                      fmt::format("Not submitted: {} errors remain.", error_count));
  if (missing.empty()) return {};
  std::string keys;
  for (const std::string& key : missing) keys += (keys.empty() ? "" : ", ") + key;
  Error error = field_error("explanations",
                            fmt::format("Chưa nộp được: cần giải thích cho {} cảnh báo ({}).", missing.size(), keys),
                            fmt::format("Not submitted: {} warnings need an explanation ({}).", missing.size(), keys));
  error.detail = nlohmann::json({{"missing", missing}}).dump();
  return error;
}

}  // namespace

std::string finding_key(const Finding& finding) {
  return finding.indicator.empty() ? finding.rule_id : finding.indicator;
}

Result<void> move_unit_row(const Plan& plan, Store& store, const RowMove& move) {
  if (auto known = known_indicator(plan, move.who.indicator); !known) return known;
  if (auto fits = note_within_limit("comment", move.who.comment); !fits) return fits;
  if (move.to == SubmissionState::returned && move.who.comment.find_first_not_of(" \t\r\n") == std::string::npos)
    return field_error("comment", "Trả lại số liệu cần có lý do (nhận xét) để đơn vị biết phải sửa gì.",
                       "Returning figures needs a comment, so that the unit knows what to correct.");
  if (move.who.explanations.size() > limits::explanations_per_row_max)
    return field_error("explanations",
                       fmt::format("Quá nhiều giải thích: {} (tối đa {}).", move.who.explanations.size(),
                                   limits::explanations_per_row_max),
                       fmt::format("Too many explanations: {} (at most {}).", move.who.explanations.size(),
                                   limits::explanations_per_row_max));
  for (const auto& [key, text] : move.who.explanations)
    if (auto fits = note_within_limit("explanations", text); !fits) return fits;
  if (move.to == SubmissionState::submitted) {
    if (auto ready = ready_to_submit(plan, store, move); !ready) return ready;
  }
  return store.set_state(move.period, move.unit, move.based_on_version, move.to, move.who);
}

Result<RowComment> comment_on_row(const Plan& plan, Store& store, const std::string& period, const std::string& unit,
                                  const RowComment& comment) {
  if (auto known = known_indicator(plan, comment.indicator); !known) return known.error();
  if (comment.text.find_first_not_of(" \t\r\n") == std::string::npos)
    return field_error("text", "Ý kiến trống: cần vài chữ.", "The comment is empty: a few words are needed.");
  if (auto fits = note_within_limit("text", comment.text); !fits) return fits.error();
  return store.add_comment(plan, period, unit, comment);
}

}  // namespace chiso::service
