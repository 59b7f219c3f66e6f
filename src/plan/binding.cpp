// bind_table: each column of each part to a role (row number, unit name,
// period, an indicator) by its header text. The header is compared by
// text::fold_key with every wording the plan gives (label_vi, label_en,
// variants), each also without a trailing unit in brackets ("(%)", "(Số thủ
// tục)"); a wording shared by indicators of different groups is told apart by
// the column's group cell. A column that matches nothing, matches twice or
// repeats an indicator is reported as a Finding.
#include <algorithm>
#include <optional>
#include <unordered_map>

#include "common/text.h"
#include "plan/binding.h"
#include "plan/period.h"

namespace chiso {

namespace {

// "Tỷ lệ … (%)" → "Tỷ lệ …"; text without a trailing bracket is returned as is.
std::string_view strip_trailing_unit(std::string_view header) {
  std::string_view trimmed = text::trim(header);
  if (trimmed.empty() || trimmed.back() != ')') return trimmed;
  size_t open = trimmed.rfind('(');
  if (open == std::string_view::npos || open == 0) return trimmed;
  return text::trim(trimmed.substr(0, open));
}

class HeaderIndex {
 public:
  explicit HeaderIndex(const Plan& plan) : plan_(plan) {
    for (size_t indicator_idx = 0; indicator_idx < plan.indicators.size(); ++indicator_idx) {
      const Indicator& indicator = plan.indicators[indicator_idx];
      add(indicator.label_vi, indicator_idx);
      add(indicator.label_en, indicator_idx);
      for (const std::string& variant : indicator.variants) add(variant, indicator_idx);
    }
    for (const std::string& header : plan.row_number_headers) add_role(header, ColumnRole::row_number);
    for (const std::string& header : plan.unit_name_headers) add_role(header, ColumnRole::unit_name);
    for (const std::string& header : plan.period_headers) add_role(header, ColumnRole::period);
    // What chiso writes in English (report/table_model.cpp): its own files
    // read back.
    add_role("No.", ColumnRole::row_number);
    add_role("Unit", ColumnRole::unit_name);
    add_role("Period", ColumnRole::period);
  }

  // The role of a non-indicator column, unknown when none.
  ColumnRole role(std::string_view header) const {
    for (std::string_view form : {header, strip_trailing_unit(header)}) {
      auto found = roles_.find(text::fold_key(form));
      if (found != roles_.end()) return found->second;
    }
    return ColumnRole::unknown;
  }

  // The indicators whose wordings match the header, narrowed by the group
  // cell when more than one does.
  std::vector<int> indicators(std::string_view group, std::string_view label) const {
    std::vector<int> found = lookup(label);
    if (found.empty() && !group.empty()) {
      // A header written as one cell "group label" or split oddly.
      found = lookup(std::string(group) + " " + std::string(label));
    }
    if (found.size() > 1 && !group.empty()) {
      std::string group_key = text::fold_key(group);
      std::vector<int> in_group;
      for (int indicator_idx : found) {
        const Group* owner = plan_.group(plan_.indicators[indicator_idx].group);
        if (owner != nullptr && (text::fold_key(owner->label_vi) == group_key ||
                                 text::fold_key(owner->label_en) == group_key ||
                                 text::fold_key(owner->id) == group_key)) {
          in_group.push_back(indicator_idx);
        }
      }
      if (!in_group.empty()) found = std::move(in_group);
    }
    return found;
  }

 private:
  void add(const std::string& wording, size_t indicator_idx) {
    for (std::string_view form : {std::string_view(wording), strip_trailing_unit(wording)}) {
      std::string key = text::fold_key(form);
      if (key.empty()) continue;
      std::vector<int>& owners = wordings_[key];
      if (std::find(owners.begin(), owners.end(), static_cast<int>(indicator_idx)) == owners.end()) {
        owners.push_back(static_cast<int>(indicator_idx));
      }
    }
  }

  void add_role(const std::string& header, ColumnRole role) {
    std::string key = text::fold_key(header);
    if (!key.empty()) roles_.emplace(std::move(key), role);
  }

 public:
  // True when the part's headers are those of a table chiso writes beside
  // the appendix (report/xlsx_report.cpp, docx_pdf_layout.cpp): at least two
  // different words of its findings, comparison or targets tables, or a
  // period heading a column ("2024-Q3" over the previous period's values),
  // and no column that is an indicator's (a units' table that happens to
  // have a "Mục tiêu" and a "Thay đổi" column is read, not skipped).
  bool chiso_table(const TablePart& part) const {
    for (const ColumnHeader& column : part.columns) {
      if (!indicators(column.group, column.label).empty()) return false;
    }
    static const std::vector<std::string> kWords = [] {
      std::vector<std::string> words;
      for (const char* word :
           {"Mức độ", "Severity", "Quy tắc", "Rule", "Nội dung", "Message", "Giá trị đúng",
            "Expected", "Giá trị đã nhập", "Giá trị nhập", "Value entered", "Gợi ý sửa", "Gợi ý",
            "Likely correction", "Hint", "Vị trí", "Position", "Thay đổi", "Change", "Kỳ trước",
            "Previous period", "Kỳ này", "This period", "Mục tiêu", "Target", "Đơn vị đạt",
            "Units meeting it", "Đơn vị chưa đạt", "Units not meeting it"}) {
        words.push_back(text::fold_key(word));
      }
      return words;
    }();
    std::vector<std::string_view> seen;
    for (const ColumnHeader& column : part.columns) {
      for (const std::string* header : {&column.label, &column.group}) {
        std::string_view word = strip_trailing_unit(*header);
        if (word.empty()) continue;
        std::string key = text::fold_key(word);
        std::string_view marker;
        if (auto found = std::find(kWords.begin(), kWords.end(), key); found != kWords.end()) {
          marker = *found;
        } else if (normalize_period(word)) {
          marker = "period";
        } else {
          continue;
        }
        if (std::find(seen.begin(), seen.end(), marker) == seen.end()) seen.push_back(marker);
      }
    }
    return seen.size() >= 2;
  }

 private:

  std::vector<int> lookup(std::string_view header) const {
    // The exact wording first: "(%)" may be what tells two wordings apart.
    auto found = wordings_.find(text::fold_key(header));
    if (found != wordings_.end()) return found->second;
    found = wordings_.find(text::fold_key(strip_trailing_unit(header)));
    if (found != wordings_.end()) return found->second;
    return {};
  }

  const Plan& plan_;
  std::unordered_map<std::string, std::vector<int>> wordings_;
  std::unordered_map<std::string, ColumnRole> roles_;
};

// Where a header cell is: the lowest header row with text in this column.
CellPos header_pos(const Grid& grid, const TablePart& part, int col_idx) {
  int row = part.header_row_last;
  while (row > part.header_row_first && text::trim(grid.cell(row, col_idx)).empty()) --row;
  return CellPos{grid.source_idx, grid.source_row(row), col_idx + 1};
}

bool column_has_data(const Grid& grid, const TablePart& part, int col_idx) {
  for (int row = part.data_row_first; row <= part.data_row_last; ++row) {
    if (!text::trim(grid.cell(row, col_idx)).empty()) return true;
  }
  return false;
}

std::string where_vi(const CellPos& pos) {
  return "bảng " + std::to_string(pos.table_idx) + ", dòng " + std::to_string(pos.row_idx) +
         ", cột " + std::to_string(pos.col_idx);
}

std::string where_en(const CellPos& pos) {
  return "table " + std::to_string(pos.table_idx) + ", row " + std::to_string(pos.row_idx) +
         ", column " + std::to_string(pos.col_idx);
}

Finding header_finding(Severity severity, const char* rule_id, const Document& doc, CellPos pos,
                       const std::string& header) {
  Finding finding;
  finding.severity = severity;
  finding.rule_id = rule_id;
  finding.file = doc.path;
  finding.pos = pos;
  finding.raw = header;
  return finding;
}

// Rows listed one by one in a part that cannot be read; past this, the
// part's header.no_unit_column finding has said which rows they are.
constexpr int kUnplacedRowsListedMax = 100;

// A row.unplaced error at each non-blank data row of `part` (not its section
// rows), the row's first text as raw.
void add_unplaced_rows(const Document& doc, const Grid& grid, const TablePart& part,
                       std::vector<Finding>& out) {
  int listed = 0;
  for (int row = part.data_row_first; row <= part.data_row_last && listed < kUnplacedRowsListedMax; ++row) {
    if (std::find(part.section_rows.begin(), part.section_rows.end(), row) != part.section_rows.end()) continue;
    std::string first_text;
    for (int col = 0; col < grid.col_count(row) && first_text.empty(); ++col) {
      first_text = std::string(text::trim(grid.cell(row, col)));
    }
    if (first_text.empty()) continue;
    const CellPos pos{grid.source_idx, grid.source_row(row), 1};
    Finding finding = header_finding(Severity::error, "row.unplaced", doc, pos, first_text);
    finding.message_vi = "Dòng số liệu (" + where_vi(pos) + ", «" + first_text +
                         "») không gắn được với đơn vị nào: phần bảng này không có cột tên đơn vị; "
                         "số liệu của dòng không được đọc.";
    finding.message_en = "The data row (" + where_en(pos) + ", “" + first_text +
                         "”) cannot be tied to any unit: this part of the table has no unit name "
                         "column; its values are not read.";
    out.push_back(std::move(finding));
    ++listed;
  }
}

// period.invalid for each data row whose period cell is not a period. A
// first pass finds them (a history repeats each period over many rows, so
// the last cell's verdict is reused); only when there are some does a
// second pass number the data rows as the row walker does (the position
// among the data rows of the whole table, when no STT is printed).
void check_periods(const Plan& plan, const Document& doc, const TableLayout& layout,
                   const TableBinding& binding, std::vector<Finding>& out) {
  struct Bad {
    size_t part_idx;
    int grid_row;
  };
  std::vector<Bad> bad;
  std::vector<detail::PartColumns> columns_of_part(layout.parts.size());
  auto grid_of = [&](const TablePart& part) -> const Grid* {
    if (part.grid_idx < 0 || static_cast<size_t>(part.grid_idx) >= doc.grids.size()) return nullptr;
    return &doc.grids[static_cast<size_t>(part.grid_idx)];
  };
  const size_t part_count = std::min(layout.parts.size(), binding.parts.size());
  for (size_t part_idx = 0; part_idx < part_count; ++part_idx) {
    const TablePart& part = layout.parts[part_idx];
    const Grid* grid = grid_of(part);
    if (grid == nullptr) continue;
    columns_of_part[part_idx] =
        detail::part_columns(binding.parts[part_idx], plan.indicators.size());
    const detail::PartColumns& columns = columns_of_part[part_idx];
    if (columns.period_col < 0) continue;
    std::string_view last_cell;
    bool last_bad = false;
    bool have_last = false;
    for (int grid_row = std::max(part.data_row_first, 0);
         grid_row <= std::min(part.data_row_last, grid->row_count() - 1); ++grid_row) {
      const std::string_view cell = grid->cell(grid_row, columns.period_col);
      if (!have_last || cell != last_cell) {
        last_cell = cell;
        last_bad = detail::is_unreadable_period(cell);
        have_last = true;
      }
      if (last_bad && !detail::is_blank_row(*grid, grid_row, columns))
        bad.push_back({part_idx, grid_row});
    }
  }

  int position = 0;  // data rows up to the one at hand, as the walker counts them
  size_t bad_idx = 0;
  for (size_t part_idx = 0; part_idx < part_count && bad_idx < bad.size(); ++part_idx) {
    const TablePart& part = layout.parts[part_idx];
    const Grid* grid = grid_of(part);
    if (grid == nullptr) continue;
    const detail::PartColumns& columns = columns_of_part[part_idx];
    for (int grid_row = std::max(part.data_row_first, 0);
         grid_row <= std::min(part.data_row_last, grid->row_count() - 1) && bad_idx < bad.size();
         ++grid_row) {
      if (detail::is_blank_row(*grid, grid_row, columns)) continue;
      ++position;
      if (bad[bad_idx].part_idx != part_idx || bad[bad_idx].grid_row != grid_row) continue;
      ++bad_idx;
      const int printed = columns.number_col >= 0
                              ? detail::printed_row_number(grid->cell(grid_row, columns.number_col))
                              : 0;
      const CellPos pos{grid->source_idx, grid->source_row(grid_row), columns.period_col + 1};
      const std::string shown(text::trim(grid->cell(grid_row, columns.period_col)));
      Finding finding = header_finding(Severity::error, "period.invalid", doc, pos, shown);
      finding.row = printed > 0 ? printed : position;
      if (columns.name_col >= 0)
        finding.unit = std::string(text::trim(grid->cell(grid_row, columns.name_col)));
      finding.message_vi =
          "Ô kỳ báo cáo \"" + shown + "\" (" + where_vi(pos) +
          ") không phải một kỳ (tháng, quý, nửa năm hay năm, vd. 2025-03, Quý I/2025, "
          "2025); số liệu của dòng này không được đọc.";
      finding.message_en =
          "The period cell \"" + shown + "\" (" + where_en(pos) +
          ") is not a period (a month, quarter, half or year, e.g. 2025-03, 2025-Q1, "
          "2025); the row's values are not read.";
      out.push_back(std::move(finding));
    }
  }
}

// The period of a year column's heading ("Sơ bộ 2016" → "2016"); nullopt
// when the heading is not a year, or a year outside the plan's periods.
std::optional<std::string> year_period(std::string_view heading) {
  const std::optional<YearHeading> year = year_heading(heading);
  if (!year) return std::nullopt;
  return normalize_period(std::to_string(year->year));
}

// The plan's [[year_tables]] entry a table's title names (a title word found
// in a title line, both folded), else the entry without titles; -1 when none.
int year_table_indicator(const Plan& plan, const std::vector<std::string>& title_lines) {
  std::vector<std::string> folded_lines;
  for (const std::string& line : title_lines) folded_lines.push_back(text::fold_key(line));
  int fallback = -1;
  for (const YearTable& year_table : plan.year_tables) {
    if (year_table.titles.empty()) {
      if (fallback < 0) fallback = plan.indicator_index(year_table.indicator);
      continue;
    }
    for (const std::string& title : year_table.titles) {
      const std::string key = text::fold_key(title);
      if (key.empty()) continue;
      for (const std::string& line : folded_lines) {
        if (line.find(key) != std::string::npos) return plan.indicator_index(year_table.indicator);
      }
    }
  }
  return fallback;
}

}  // namespace

detail::PartColumns detail::part_columns(const PartBinding& part, size_t indicator_count) {
  PartColumns columns;
  for (const ColumnBinding& column : part.columns) {
    switch (column.role) {
      case ColumnRole::row_number:
        if (columns.number_col < 0) columns.number_col = column.col_idx;
        break;
      case ColumnRole::unit_name:
        if (columns.name_col < 0) columns.name_col = column.col_idx;
        break;
      case ColumnRole::period:
        if (columns.period_col < 0) columns.period_col = column.col_idx;
        break;
      case ColumnRole::indicator:
        if (column.indicator_idx >= 0 &&
            static_cast<size_t>(column.indicator_idx) < indicator_count) {
          columns.indicator_cols.emplace_back(column.col_idx, column.indicator_idx);
        }
        break;
      case ColumnRole::year:
        if (part.year_indicator_idx >= 0) columns.year_cols.emplace_back(column.col_idx, column.period);
        break;
      case ColumnRole::unknown:
        break;
    }
  }
  const bool by_year = std::any_of(part.columns.begin(), part.columns.end(),
                                   [](const ColumnBinding& column) { return column.role == ColumnRole::year; });
  if (!columns.year_cols.empty() && static_cast<size_t>(part.year_indicator_idx) < indicator_count) {
    columns.year_indicator_idx = part.year_indicator_idx;
  } else {
    columns.year_cols.clear();
    columns.unread = by_year;
  }
  return columns;
}

bool detail::is_blank_row(const Grid& grid, int grid_row, const PartColumns& columns) {
  if (columns.name_col >= 0 && !text::trim(grid.cell(grid_row, columns.name_col)).empty())
    return false;
  for (const auto& [col_idx, indicator_idx] : columns.indicator_cols) {
    if (!text::trim(grid.cell(grid_row, col_idx)).empty()) return false;
  }
  for (const auto& [col_idx, period] : columns.year_cols) {
    if (!text::trim(grid.cell(grid_row, col_idx)).empty()) return false;
  }
  return true;
}

bool detail::is_unreadable_period(std::string_view cell) {
  const std::string_view trimmed = text::trim(cell);
  return !trimmed.empty() && !normalize_period(trimmed);
}

Result<TableBinding> bind_table(const Plan& plan, const Document& doc, const TableLayout& layout) {
  HeaderIndex index(plan);
  TableBinding binding;
  std::vector<bool> indicator_seen(plan.indicators.size(), false);
  bool any_unit_column = false;

  for (const TablePart& part : layout.parts) {
    PartBinding part_binding;
    if (part.grid_idx < 0 || static_cast<size_t>(part.grid_idx) >= doc.grids.size()) {
      binding.parts.push_back(std::move(part_binding));
      continue;
    }
    const Grid& grid = doc.grids[static_cast<size_t>(part.grid_idx)];
    if (index.chiso_table(part)) {
      part_binding.chiso_table = true;
      CellPos pos{grid.source_idx, grid.source_row(part.header_row_first), 0};
      Finding finding = header_finding(Severity::info, "header.chiso_table", doc, pos, "");
      const std::string table = std::to_string(pos.table_idx);
      const std::string row = std::to_string(pos.row_idx);
      finding.message_vi = "Bảng có tiêu đề ở bảng " + table + ", dòng " + row +
                           " là bảng chiso lập kèm phụ lục (phát hiện, so sánh hoặc mục tiêu), "
                           "không phải số liệu đơn vị; bỏ qua.";
      finding.message_en = "The table headed at table " + table + ", row " + row +
                           " is one chiso writes beside the appendix (findings, comparison or "
                           "targets), not units' figures; skipped.";
      binding.findings.push_back(std::move(finding));
      binding.parts.push_back(std::move(part_binding));
      continue;
    }
    std::vector<int> column_of_indicator(plan.indicators.size(), -1);
    bool part_has_unit_column = false;
    // Laid out by year: the first column headed by a year that is no
    // indicator's wording; its unit names stand under a blank header before it.
    int first_year_col = -1;
    for (const ColumnHeader& header : part.columns) {
      if (!text::trim(header.group).empty() || !year_period(header.label)) continue;
      if (index.role(header.label) != ColumnRole::unknown || !index.indicators("", header.label).empty()) continue;
      first_year_col = header.col_idx;
      break;
    }

    for (const ColumnHeader& header : part.columns) {
      ColumnBinding column;
      column.col_idx = header.col_idx;
      // A single-level header cell spanning the header rows may come as a
      // group with no label below it.
      std::string_view group = text::trim(header.group);
      std::string_view label = text::trim(header.label);
      if (label.empty()) std::swap(group, label);
      column.header_text =
          group.empty() ? std::string(label) : std::string(group) + " / " + std::string(label);
      CellPos pos = header_pos(grid, part, header.col_idx);

      if (label.empty() && first_year_col > header.col_idx && !part_has_unit_column &&
          column_has_data(grid, part, header.col_idx)) {
        // A yearbook's blank header over the unit names.
        column.role = ColumnRole::unit_name;
        part_has_unit_column = true;
        part_binding.columns.push_back(std::move(column));
        continue;
      }
      if (label.empty()) {
        // No header at all: nothing to report unless the column holds data.
        if (column_has_data(grid, part, header.col_idx)) {
          Finding finding = header_finding(Severity::warning, "header.unknown", doc, pos, "");
          finding.message_vi = "Cột không có tiêu đề nhưng có số liệu (" + where_vi(pos) +
                               "); số liệu của cột không được đọc.";
          finding.message_en = "A column with no header holds data (" + where_en(pos) +
                               "); its values are not read.";
          binding.findings.push_back(std::move(finding));
        }
        part_binding.columns.push_back(std::move(column));
        continue;
      }

      ColumnRole role = index.role(label);
      if (role == ColumnRole::unknown && !group.empty()) role = index.role(column.header_text);
      if (role != ColumnRole::unknown) {
        column.role = role;
        part_has_unit_column = part_has_unit_column || role == ColumnRole::unit_name;
        part_binding.columns.push_back(std::move(column));
        continue;
      }

      std::vector<int> matches = index.indicators(group, label);
      if (first_year_col >= 0 && matches.empty() && group.empty()) {
        if (std::optional<std::string> period = year_period(label)) {
          column.role = ColumnRole::year;
          column.period = std::move(*period);
          part_binding.columns.push_back(std::move(column));
          continue;
        }
      }
      if (matches.size() == 1) {
        int indicator_idx = matches[0];
        int earlier_col = column_of_indicator[static_cast<size_t>(indicator_idx)];
        if (earlier_col >= 0) {
          const Indicator& indicator = plan.indicators[static_cast<size_t>(indicator_idx)];
          Finding finding =
              header_finding(Severity::warning, "header.duplicate", doc, pos, column.header_text);
          finding.indicator = indicator.code;
          finding.message_vi = "Cột \"" + column.header_text + "\" (" + where_vi(pos) +
                               ") lặp lại chỉ tiêu \"" + indicator.label_vi + "\" đã có ở cột " +
                               std::to_string(earlier_col + 1) + "; cột này không được đọc.";
          finding.message_en = "Column \"" + column.header_text + "\" (" + where_en(pos) +
                               ") repeats the indicator \"" +
                               (indicator.label_en.empty() ? indicator.code : indicator.label_en) +
                               "\" already in column " + std::to_string(earlier_col + 1) +
                               "; it is not read.";
          binding.findings.push_back(std::move(finding));
        } else {
          column.role = ColumnRole::indicator;
          column.indicator_idx = indicator_idx;
          column_of_indicator[static_cast<size_t>(indicator_idx)] = header.col_idx;
          indicator_seen[static_cast<size_t>(indicator_idx)] = true;
        }
      } else if (matches.size() > 1) {
        std::string codes;
        for (int indicator_idx : matches) {
          if (!codes.empty()) codes += ", ";
          codes += plan.indicators[static_cast<size_t>(indicator_idx)].code;
        }
        Finding finding =
            header_finding(Severity::warning, "header.ambiguous", doc, pos, column.header_text);
        finding.message_vi = "Tiêu đề cột \"" + column.header_text + "\" (" + where_vi(pos) +
                             ") khớp với nhiều chỉ tiêu (" + codes + "); cột này không được đọc.";
        finding.message_en = "The header \"" + column.header_text + "\" (" + where_en(pos) +
                             ") matches several indicators (" + codes + "); it is not read.";
        binding.findings.push_back(std::move(finding));
      } else {
        Finding finding =
            header_finding(Severity::warning, "header.unknown", doc, pos, column.header_text);
        finding.message_vi = "Tiêu đề cột \"" + column.header_text + "\" (" + where_vi(pos) +
                             ") không khớp với chỉ tiêu nào của kế hoạch; cột này không được đọc.";
        finding.message_en = "The header \"" + column.header_text + "\" (" + where_en(pos) +
                             ") matches no indicator of the plan; the column is not read.";
        binding.findings.push_back(std::move(finding));
      }
      part_binding.columns.push_back(std::move(column));
    }

    if (first_year_col >= 0) {
      part_binding.year_indicator_idx = year_table_indicator(plan, layout.title_lines);
      if (part_binding.year_indicator_idx >= 0) {
        indicator_seen[static_cast<size_t>(part_binding.year_indicator_idx)] = true;
      } else {
        const CellPos pos = header_pos(grid, part, first_year_col);
        Finding finding = header_finding(Severity::error, "year_table.no_indicator", doc, pos,
                                         std::string(text::trim(grid.cell(part.header_row_last, first_year_col))));
        const std::string title = layout.title_lines.empty() ? std::string() : layout.title_lines.back();
        finding.message_vi = "Bảng xếp theo năm (cột năm đầu tiên ở " + where_vi(pos) + (title.empty() ? "" : ", tên bảng «" + title + "»") +
                             ") nhưng kế hoạch không nói bảng này là chỉ tiêu nào; các cột năm không được đọc.";
        finding.message_en = "A table laid out by year (its first year column at " + where_en(pos) +
                             (title.empty() ? "" : ", titled “" + title + "”") +
                             ") but the plan says no indicator for it; its year columns are not read.";
        finding.hint_vi = "Thêm vào kế hoạch một mục [[year_tables]] với indicator = mã chỉ tiêu và titles = "
                          "lời trong tên bảng.";
        finding.hint_en = "Add a [[year_tables]] entry to the plan, with indicator = the indicator's code and "
                          "titles = words of the table's title.";
        binding.findings.push_back(std::move(finding));
      }
    }

    if (part_has_unit_column) {
      any_unit_column = true;
    } else if (part.data_row_last >= part.data_row_first) {
      CellPos pos{grid.source_idx, grid.source_row(part.header_row_first), 0};
      Finding finding = header_finding(Severity::error, "header.no_unit_column", doc, pos, "");
      const std::string table = std::to_string(pos.table_idx);
      const std::string row = std::to_string(pos.row_idx);
      const std::string first = std::to_string(grid.source_row(part.data_row_first));
      const std::string last = std::to_string(grid.source_row(part.data_row_last));
      finding.message_vi = "Phần bảng có tiêu đề ở bảng " + table + ", dòng " + row +
                           " không có cột tên đơn vị; các dòng số liệu " + first + "–" + last +
                           " không gắn được với đơn vị nào và không được đọc.";
      finding.message_en = "The part of the table headed at table " + table + ", row " + row +
                           " has no unit name column; its data rows " + first + "–" + last +
                           " cannot be tied to any unit and are not read.";
      binding.findings.push_back(std::move(finding));
      // With an indicator column the row walker gives each row (no unit
      // name: unit.unknown at its row); without one, each row is said here.
      const bool has_indicator =
          std::any_of(part_binding.columns.begin(), part_binding.columns.end(),
                      [](const ColumnBinding& column) { return column.role == ColumnRole::indicator; });
      if (!has_indicator) add_unplaced_rows(doc, grid, part, binding.findings);
    }
    binding.parts.push_back(std::move(part_binding));
  }

  if (!any_unit_column) {
    std::string expected;
    for (const std::string& header : plan.unit_name_headers) {
      if (!expected.empty()) expected += ", ";
      expected += "\"" + header + "\"";
    }
    return make_error(doc.path + ": không tìm thấy cột tên đơn vị (tiêu đề như " + expected +
                      ") / no unit name column found (a header such as " + expected + ")");
  }

  check_periods(plan, doc, layout, binding, binding.findings);

  for (size_t indicator_idx = 0; indicator_idx < plan.indicators.size(); ++indicator_idx) {
    if (indicator_seen[indicator_idx]) continue;
    const Indicator& indicator = plan.indicators[indicator_idx];
    Finding finding;
    finding.severity = Severity::info;
    finding.rule_id = "header.missing";
    finding.file = doc.path;
    finding.indicator = indicator.code;
    finding.message_vi = "Bảng không có cột \"" + indicator.label_vi +
                         "\"; chỉ tiêu này được coi là không báo cáo.";
    finding.message_en = "The table has no column \"" +
                         (indicator.label_en.empty() ? indicator.code : indicator.label_en) +
                         "\"; the indicator is taken as not reported.";
    binding.findings.push_back(std::move(finding));
  }
  return binding;
}

}  // namespace chiso
