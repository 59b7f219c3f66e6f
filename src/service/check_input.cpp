#include "service/check_input.h"

#include <fmt/format.h>

#include <map>

#include "check/checker.h"
#include "check/value_jump.h"

namespace chiso::service {

Result<std::shared_ptr<const check::CompiledPlan>> compile_plan(const Plan& plan) {
  auto compiled = check::compile(plan);
  if (!compiled) {
    Error error = compiled.error();
    error.message = "plan: " + error.message;
    error.kind = ErrorKind::bad_input;
    return error;
  }
  return compiled;
}

Result<CheckOutcome> check_input(const Plan& plan, std::shared_ptr<const check::CompiledPlan> compiled,
                                 const Input& input, const CheckOptions& options) {
  CheckOutcome outcome;
  CheckedTable& table = outcome.table;
  table.source_file = input.path.empty() ? input.name : input.path;
  table.period = options.default_period;
  std::vector<Finding> row_findings;
  std::vector<Finding> with_jumps;
  int jump_count = 0;
  std::map<std::string, std::size_t> kept_by_rule, more_by_rule;
  ScanOptions scan_options;
  scan_options.default_period = options.default_period;
  auto scan = scan_input(
      plan, std::move(compiled), input, scan_options, nullptr,
      [&](const UnitRow& row, std::span<const Finding> findings, EncodedCells*) -> Result<void> {
        if (options.previous != nullptr && !options.previous->empty() && row.role == RowRole::unit &&
            !row.unit_name.empty() && row.period == options.default_period) {
          with_jumps.assign(findings.begin(), findings.end());
          const std::size_t before = with_jumps.size();
          check::check_value_jumps(plan, row, options.previous->of_unit(row.unit_name), table.source_file,
                                   with_jumps);
          jump_count += static_cast<int>(with_jumps.size() - before);
          findings = with_jumps;
        }
        for (const Finding& finding : findings) {
          const bool listed = finding.severity >= options.kept_min_severity;
          if (listed && ++kept_by_rule[finding.rule_id] > options.findings_per_rule_max) {
            ++more_by_rule[finding.rule_id];
            ++outcome.findings_not_kept_by_severity[static_cast<int>(finding.severity)];
          } else if (listed && row_findings.size() < options.findings_kept_max) {
            row_findings.push_back(finding);
          } else {
            ++outcome.findings_not_kept_by_severity[static_cast<int>(finding.severity)];
            if (listed) ++outcome.findings_not_kept;
          }
        }
        if (table.rows.size() >= options.rows_kept_max) {
          ++outcome.rows_not_kept;
        } else if (options.keep_values) {
          table.rows.push_back(row);
        } else {
          UnitRow& kept = table.rows.emplace_back();
          kept.row_number = row.row_number;
          kept.raw_name = row.raw_name;
          kept.unit_name = row.unit_name;
          kept.period = row.period;
          kept.pos = row.pos;
          kept.unit_idx = row.unit_idx;
        }
        return {};
      });
  if (!scan) return scan.error();
  if (outcome.rows_not_kept > 0) {
    outcome.rows_not_kept += table.rows.size();
    table.rows.clear();
  }
  outcome.scan = std::move(*scan);
  outcome.scan.warning_count += jump_count;
  table.title_lines = outcome.scan.title_lines;
  table.note_lines = outcome.scan.note_lines;
  table.findings = outcome.scan.table_findings;
  table.findings.insert(table.findings.end(), std::make_move_iterator(row_findings.begin()),
                        std::make_move_iterator(row_findings.end()));
  for (const auto& [rule, more] : more_by_rule) {
    Finding finding;
    finding.severity = Severity::info;
    finding.rule_id = "findings.more";
    finding.file = table.source_file;
    finding.raw = rule;
    finding.message_vi = fmt::format("Quy tắc {} còn {} phát hiện nữa, không liệt kê (chỉ liệt kê {} phát hiện "
                                     "đầu của mỗi quy tắc); số lỗi và cảnh báo vẫn đếm đủ.",
                                     rule, more, options.findings_per_rule_max);
    finding.message_en = fmt::format("Rule {} has {} more findings, not listed (only the first {} of each rule "
                                     "are); the error and warning counts count them all.",
                                     rule, more, options.findings_per_rule_max);
    table.findings.push_back(std::move(finding));
  }
  if (outcome.scan.summaries.size() == 1) {
    table.summary = outcome.scan.summaries.begin()->second;
    if (table.period.empty()) table.period = outcome.scan.summaries.begin()->first;
  }
  return outcome;
}

}  // namespace chiso::service

#include "consolidate/summary.h"

namespace chiso::service {

Result<CheckedTable> check_file(const Plan& plan, const std::string& path, const std::string& period) {
  auto compiled = compile_plan(plan);
  if (!compiled) return compiled.error();
  CheckOptions options;
  options.default_period = period;
  auto checked = check_input(plan, *compiled, Input{path, "", std::nullopt}, options);
  if (!checked) return checked.error();
  CheckedTable table = std::move(checked->table);
  table.period = period;
  for (Finding& finding : table.findings)
    if (finding.period.empty()) finding.period = period;
  table.summary = summarize(plan, table.rows, table.findings);
  return table;
}

}  // namespace chiso::service
