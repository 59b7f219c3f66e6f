// The report a person reads in a terminal after `chiso check FILE`: the file,
// the units read, the findings grouped by row with the cell position, then
// the counts. Vietnamese by default, English with Lang::en.
#include <map>

#include "common/number.h"
#include "consolidate/analysis.h"
#include "report/report.h"
#include "report/table_model.h"

namespace chiso::report {
namespace {

struct Words {
  const char* file;
  const char* period;
  const char* units_read;
  const char* registered;
  const char* unregistered;
  const char* none;
  const char* table_level;
  const char* row;
  const char* line;
  const char* column;
  const char* table;
  const char* raw;
  const char* expected;
  const char* hint;
  const char* total;
  const char* errors;
  const char* warnings;
  const char* infos;
  const char* blank;
  const char* none_listed;
  const char* not_listed;
};

constexpr Words kVi{"Tệp", "Kỳ báo cáo", "Đã đọc", "đã đăng ký", "chưa đăng ký",
                    "Không có phát hiện nào.", "Toàn bảng", "STT", "dòng", "cột", "bảng",
                    "giá trị nhập", "đúng là", "gợi ý", "Tổng cộng", "lỗi", "cảnh báo",
                    "thông tin", "(trống)",
                    "Không có phát hiện nào ở mức đã chọn.", "không liệt kê"};
constexpr Words kEn{"File", "Period", "Read", "registered", "not registered",
                    "No findings.", "Whole table", "row", "line", "column", "table",
                    "typed", "expected", "hint", "Total", "errors", "warnings", "info", "(blank)",
                    "No findings at the chosen severity.", "not listed"};

std::string position(const CellPos& pos, const Words& words) {
  std::string out;
  if (pos.table_idx > 1) out += std::string(words.table) + " " + std::to_string(pos.table_idx) + ", ";
  if (pos.row_idx > 0) out += std::string(words.line) + " " + std::to_string(pos.row_idx);
  if (pos.col_idx > 0) {
    if (pos.row_idx > 0) out += ", ";
    out += std::string(words.column) + " " + std::to_string(pos.col_idx);
  }
  return out;
}

}  // namespace

std::string to_text(const Plan& plan, const CheckedTable& table, const ReportOptions& options) {
  const Words& words = options.lang == Lang::vi ? kVi : kEn;
  ModelOptions model_options;
  model_options.lang = options.lang;
  model_options.city_wide_row = false;
  TableModel model = build_table_model(plan, table, model_options);

  std::string out;
  if (!table.source_file.empty()) out += std::string(words.file) + ": " + table.source_file + "\n";
  if (!table.period.empty())
    out += std::string(words.period) + ": " + period_words(table.period, options.lang) + "\n";
  int registered = 0;
  for (const ModelRow& row : model.rows) registered += row.registered ? 1 : 0;
  int unit_count = static_cast<int>(model.rows.size()) + options.rows_not_given;
  out += std::string(words.units_read) + " " + std::to_string(unit_count) +
         (options.lang == Lang::vi ? " đơn vị" : unit_count == 1 ? " unit" : " units");
  if (options.rows_not_given == 0) {
    out += " (" + std::to_string(registered) + " " + words.registered;
    if (unit_count > registered) {
      out += ", " + std::to_string(unit_count - registered) + " " + words.unregistered;
    }
    out += ")";
  }
  out += ".\n\n";

  std::map<Severity, int> counts;
  int previous_row = -2;
  int hidden = 0;
  for (const ModelFinding& placed : model.findings) {
    const Finding& finding = *placed.finding;
    ++counts[finding.severity];
    if (static_cast<int>(finding.severity) < static_cast<int>(options.text_min_severity)) {
      ++hidden;
      continue;
    }
    if (placed.model_row != previous_row) {
      previous_row = placed.model_row;
      if (placed.model_row < 0) {
        out += std::string(words.table_level) + ":\n";
      } else {
        const ModelRow& row = model.rows[static_cast<size_t>(placed.model_row)];
        out += std::string(words.row) + " " + std::to_string(row.row_number) + " — " + row.name + ":\n";
      }
    }
    out += "  [" + std::string(severity_label(finding.severity, options.lang)) + "] ";
    std::string where = position(finding.pos, words);
    if (!where.empty()) out += where + ": ";
    if (placed.model_col >= 0) out += model.columns[static_cast<size_t>(placed.model_col)].label + " — ";
    out += finding_message(finding, options.lang);
    out += "\n";
    if (!finding.raw.empty() || !finding.expected.empty()) {
      out += "      " + std::string(words.raw) + ": " + (finding.raw.empty() ? std::string(words.blank) : raw_display(finding, options.lang));
      if (!finding.expected.empty()) out += " → " + std::string(words.expected) + ": " + expected_display(finding, options.lang);
      out += "\n";
    }
    const std::string& hint = finding_hint(finding, options.lang);
    if (!hint.empty()) out += "      " + std::string(words.hint) + ": " + hint + "\n";
  }
  if (model.findings.empty()) {
    out += std::string(words.none) + "\n";
  } else if (hidden == static_cast<int>(model.findings.size())) {
    out += std::string(words.none_listed) + "\n";
  } else {
    out += "\n";
  }
  for (Severity severity : {Severity::info, Severity::warning, Severity::error}) {
    int not_given = options.findings_not_given[static_cast<int>(severity)];
    counts[severity] += not_given;
    hidden += not_given;
  }
  out += std::string(words.total) + ": " + std::to_string(counts[Severity::error]) + " " +
         words.errors + ", " + std::to_string(counts[Severity::warning]) + " " + words.warnings +
         ", " + std::to_string(counts[Severity::info]) + " " + words.infos + ".";
  if (hidden > 0) out += " (" + std::to_string(hidden) + " " + words.not_listed + ")";
  out += "\n";
  // Each group of units: its figures, its highest and lowest units.
  const std::vector<std::string> groups = group_summaries(plan, table, options.lang);
  if (!groups.empty()) {
    out += options.lang == Lang::vi ? "\nTheo nhóm đơn vị:\n" : "\nBy group of units:\n";
    for (const std::string& line : groups) out += "  " + line + "\n";
  }
  return out;
}

}  // namespace chiso::report
