// XLSX (libxlsxwriter): the appendix as the seed lays it out, then a sheet
// listing the findings.
//
// Sheet 1 ("Phụ lục" / "Appendix"), top to bottom:
//   the title lines, bold, merged across the table;   rows 0..T-1
//   an empty row;
//   the header, one or two levels, merged as the TableModel says;
//   one row per unit, then the city-wide row (bold);
//   an empty row, the notes, then how each city-wide figure is made.
// Numbers are stored as numbers with the indicator's decimals as their format
// ("#,##0", "#,##0.00": the viewer's locale shows its separators, 5.178,00
// in Vietnamese); a share of nothing as "không áp dụng"; marks as the
// text "x"/"0"; a cell with findings is filled (light red for an error,
// yellow for a warning, light blue for info) and carries a comment with the
// messages. Times New Roman 12 (header 11 bold, wrapped), thin borders, the
// header frozen (panes below it and right of the name column). Print: A4
// landscape, fit to one page wide, header rows repeated on every page.
// Sheet 2 ("Phát hiện" / "Findings"): one row per finding.
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "report/compare_table.h"
#include "report/report.h"
#include "report/table_model.h"

namespace chiso::report {
namespace {

constexpr const char* kFont = "Times New Roman";
constexpr lxw_color_t kErrorFill = 0xFFC7CE;
constexpr lxw_color_t kWarningFill = 0xFFEB9C;
constexpr lxw_color_t kInfoFill = 0xDDEBF7;
constexpr lxw_color_t kHeaderFill = 0xEEF1F5;
// Excel refuses longer strings (32,767 characters); keep well under it.
constexpr size_t kCellBytesMax = 32000;
constexpr size_t kCommentBytesMax = 8000;
// Excel's sheet has 1,048,576 rows; keep room for titles, header and notes.
constexpr size_t kSheetRowsMax = 1'048'576 - 100;

// Cuts `text` to at most `bytes_max` bytes on a UTF-8 character boundary.
std::string clip_utf8(std::string_view text, size_t bytes_max) {
  if (text.size() <= bytes_max) return std::string(text);
  size_t cut = bytes_max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

size_t codepoints(std::string_view text) {
  size_t count = 0;
  for (char ch : text) count += (static_cast<unsigned char>(ch) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

enum class Role { title, header, stt, name, number, mark, text, note, finding_header, finding, change,
                  not_applicable };

struct FormatKey {
  Role role;
  int decimals;
  int severity;  // -1 = none
  bool bold;
  auto tie() const { return std::tie(role, decimals, severity, bold); }
  bool operator<(const FormatKey& other) const { return tie() < other.tie(); }
};

class Formats {
 public:
  Formats(lxw_workbook* workbook, Lang lang) : workbook_(workbook), lang_(lang) {}

  lxw_format* get(Role role, int decimals = 0, std::optional<Severity> severity = {},
                  bool bold = false) {
    FormatKey key{role, decimals, severity ? static_cast<int>(*severity) : -1, bold};
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    lxw_format* format = workbook_add_format(workbook_);
    format_set_font_name(format, kFont);
    format_set_font_size(format, 12);
    format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
    switch (role) {
      case Role::title:
        format_set_bold(format);
        format_set_font_size(format, 13);
        format_set_align(format, LXW_ALIGN_CENTER);
        break;
      case Role::header:
      case Role::finding_header:
        format_set_bold(format);
        format_set_font_size(format, 11);
        format_set_text_wrap(format);
        format_set_align(format, LXW_ALIGN_CENTER);
        format_set_border(format, LXW_BORDER_THIN);
        format_set_bg_color(format, kHeaderFill);
        break;
      case Role::not_applicable: {
        // Any number shows as the words: the typed 0 of "0 of 0" is kept.
        const std::string words = lang_ == Lang::vi ? "\"không áp dụng\"" : "\"n/a\"";
        const std::string pattern = words + ";" + words + ";" + words;
        format_set_num_format(format, pattern.c_str());
        format_set_italic(format);
        format_set_align(format, LXW_ALIGN_CENTER);
        format_set_border(format, LXW_BORDER_THIN);
        break;
      }
      case Role::stt:
      case Role::mark:
        format_set_align(format, LXW_ALIGN_CENTER);
        format_set_border(format, LXW_BORDER_THIN);
        break;
      case Role::name:
      case Role::text:
        format_set_border(format, LXW_BORDER_THIN);
        format_set_text_wrap(format);
        break;
      case Role::number: {
        // "#,##0" / "#,##0.00": Excel shows its reader's separators
        // (5.178 in Vietnamese, 5,178 in English), never "5178".
        std::string pattern = "#,##0";
        if (decimals > 0) pattern += "." + std::string(static_cast<size_t>(decimals), '0');
        format_set_num_format(format, pattern.c_str());
        format_set_align(format, LXW_ALIGN_RIGHT);
        format_set_border(format, LXW_BORDER_THIN);
        break;
      }
      case Role::change: {
        // A sign on every change: "+4.29", "-3.00", "0" (the viewer's locale
        // shows the decimal comma).
        std::string digits = "#,##0";
        if (decimals > 0) digits += "." + std::string(static_cast<size_t>(decimals), '0');
        std::string pattern = "+" + digits + ";-" + digits + ";0";
        format_set_num_format(format, pattern.c_str());
        format_set_align(format, LXW_ALIGN_RIGHT);
        format_set_border(format, LXW_BORDER_THIN);
        break;
      }
      case Role::note:
        format_set_italic(format);
        format_set_text_wrap(format);
        format_set_align(format, LXW_ALIGN_LEFT);
        break;
      case Role::finding:
        format_set_font_size(format, 11);
        format_set_text_wrap(format);
        format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
        format_set_border(format, LXW_BORDER_THIN);
        break;
    }
    if (bold) format_set_bold(format);
    if (severity) {
      format_set_bg_color(format, *severity == Severity::error     ? kErrorFill
                                  : *severity == Severity::warning ? kWarningFill
                                                                   : kInfoFill);
    }
    cache_.emplace(key, format);
    return format;
  }

 private:
  lxw_workbook* workbook_;
  Lang lang_;
  std::map<FormatKey, lxw_format*> cache_;
};

// Writes text, or a formatted blank when the text is empty.
void put_text(lxw_worksheet* sheet, int row, int col, std::string_view text, lxw_format* format) {
  if (text.empty()) {
    worksheet_write_blank(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), format);
  } else {
    worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                           clip_utf8(text, kCellBytesMax).c_str(), format);
  }
}

void put_merged(lxw_worksheet* sheet, int row, int col, int row_span, int col_span,
                std::string_view text, lxw_format* format) {
  if (row_span <= 1 && col_span <= 1) {
    put_text(sheet, row, col, text, format);
    return;
  }
  worksheet_merge_range(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                        static_cast<lxw_row_t>(row + row_span - 1),
                        static_cast<lxw_col_t>(col + col_span - 1),
                        clip_utf8(text, kCellBytesMax).c_str(), format);
}

std::string comment_text(const TableModel& model, const DisplayCell& cell) {
  std::string text;
  for (int finding_idx : cell.findings) {
    const Finding& finding = *model.findings[static_cast<size_t>(finding_idx)].finding;
    if (!text.empty()) text += "\n";
    text += "[" + std::to_string(finding_idx + 1) + "] " +
            std::string(severity_label(finding.severity, model.lang)) + ": " +
            finding_message(finding, model.lang);
    if (!finding.expected.empty()) {
      text += (model.lang == Lang::vi ? " (đúng là: " : " (expected: ") + expected_display(finding, model.lang) + ")";
    }
    const std::string& hint = finding_hint(finding, model.lang);
    if (!hint.empty()) text += (model.lang == Lang::vi ? " Gợi ý: " : " Hint: ") + hint;
  }
  return clip_utf8(text, kCommentBytesMax);
}

void put_comment(lxw_worksheet* sheet, int row, int col, const TableModel& model,
                 const DisplayCell& cell) {
  if (cell.findings.empty()) return;
  std::string text = comment_text(model, cell);
  lxw_comment_options options{};
  options.author = const_cast<char*>("chiso");
  options.x_scale = 2.2;
  options.y_scale = 1.6;
  worksheet_write_comment_opt(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                              text.c_str(), &options);
}

void put_cell(lxw_worksheet* sheet, Formats& formats, int row, int col, const TableModel& model,
              const ModelColumn& column, const DisplayCell& cell, bool bold) {
  lxw_row_t xrow = static_cast<lxw_row_t>(row);
  lxw_col_t xcol = static_cast<lxw_col_t>(col);
  switch (cell.kind) {
    case CellKind::number:
      worksheet_write_number(sheet, xrow, xcol, *cell.number,
                             formats.get(Role::number, cell.decimals, cell.severity, bold));
      break;
    case CellKind::mark_yes:
    case CellKind::mark_no:
    case CellKind::ratio:
      put_text(sheet, row, col, cell.text, formats.get(Role::mark, 0, cell.severity, bold));
      break;
    case CellKind::text:
      put_text(sheet, row, col, cell.text, formats.get(Role::text, 0, cell.severity, bold));
      break;
    case CellKind::not_applicable:
      // The typed figure stays the cell's value (a reader of the file gets
      // what the unit sent); its format shows people "không áp dụng".
      if (cell.number) {
        worksheet_write_number(sheet, xrow, xcol, *cell.number,
                               formats.get(Role::not_applicable, 0, cell.severity, bold));
      } else {
        put_text(sheet, row, col, cell.text, formats.get(Role::mark, 0, cell.severity, bold));
      }
      break;
    case CellKind::blank:
      put_text(sheet, row, col, "",
               formats.get(column.kind == IndicatorKind::mark ? Role::mark : Role::number, 0,
                           cell.severity, bold));
      break;
  }
  put_comment(sheet, row, col, model, cell);
}

double column_width(const ModelColumn& column) {
  return column.kind == IndicatorKind::mark ? 11 : 12;
}

// Characters: the longest name (bold rows a tenth wider) and two for the
// padding, between 12 and 32.
double name_column_width(const TableModel& model) {
  double longest = 0;
  for (const ModelRow& row : model.rows) {
    double chars = static_cast<double>(codepoints(row.name_cell.text.empty() ? row.name : row.name_cell.text));
    longest = std::max(longest, row.city_wide ? chars * 1.1 : chars);
  }
  return std::clamp(longest + 2, 12.0, 32.0);
}

void write_table_sheet(lxw_worksheet* sheet, Formats& formats, const TableModel& model) {
  int width = model.table_column_count();
  int row = 0;
  for (const std::string& line : model.title_lines) {
    put_merged(sheet, row, 0, 1, width, line, formats.get(Role::title));
    worksheet_set_row(sheet, static_cast<lxw_row_t>(row), 20, nullptr);
    ++row;
  }
  ++row;  // an empty row between the titles and the table
  int header_first = row;

  // STT is hidden when it would repeat the rank (rows_repeat_rank), not
  // removed: chiso reads the workbook back, and the findings sheet's rows
  // point at it. The name column is as wide as its longest name, up to 32
  // characters (a ranking of short province names leaves the room to the
  // figures, as the appendix does).
  lxw_row_col_options hidden{};
  hidden.hidden = 1;
  worksheet_set_column_opt(sheet, 0, 0, 5, nullptr, rows_repeat_rank(model) ? &hidden : nullptr);
  const double name_width = name_column_width(model);
  worksheet_set_column(sheet, 1, 1, name_width, nullptr);
  for (size_t idx = 0; idx < model.columns.size(); ++idx) {
    lxw_col_t col = static_cast<lxw_col_t>(2 + idx);
    worksheet_set_column(sheet, col, col, column_width(model.columns[idx]), nullptr);
  }

  // Header heights from the longest wrapped label on each level.
  std::vector<double> lines(static_cast<size_t>(model.header_levels), 1);
  for (const HeaderCell& cell : model.header) {
    double chars_per_line = cell.col == 1 ? name_width - 2 : cell.col == 0 ? 4 : 10.5 * cell.col_span;
    double needed = static_cast<double>(codepoints(cell.text)) / chars_per_line + 1;
    size_t level = static_cast<size_t>(cell.row + cell.row_span - 1);
    lines[level] = std::max(lines[level], needed / cell.row_span);
  }
  for (int level = 0; level < model.header_levels; ++level) {
    double height = std::min(240.0, 15.0 * static_cast<int>(lines[static_cast<size_t>(level)]));
    worksheet_set_row(sheet, static_cast<lxw_row_t>(header_first + level), height, nullptr);
  }
  for (const HeaderCell& cell : model.header) {
    put_merged(sheet, header_first + cell.row, cell.col, cell.row_span, cell.col_span, cell.text,
               formats.get(Role::header));
  }
  row = header_first + model.header_levels;
  int data_first = row;

  for (const ModelRow& model_row : model.rows) {
    bool bold = model_row.city_wide;
    if (model_row.source && !model_row.city_wide) {
      worksheet_write_number(sheet, static_cast<lxw_row_t>(row), 0, model_row.row_number,
                             formats.get(Role::stt, 0, {}, bold));
    } else {
      put_text(sheet, row, 0, "", formats.get(Role::stt, 0, {}, bold));
    }
    put_text(sheet, row, 1, model_row.name,
             formats.get(Role::name, 0, model_row.name_cell.severity, bold));
    put_comment(sheet, row, 1, model, model_row.name_cell);
    for (size_t idx = 0; idx < model_row.cells.size(); ++idx) {
      put_cell(sheet, formats, row, static_cast<int>(2 + idx), model, model.columns[idx],
               model_row.cells[idx], bold);
    }
    ++row;
  }

  ++row;
  auto put_note = [&](const std::string& text) {
    put_merged(sheet, row, 0, 1, width, text, formats.get(Role::note));
    double note_lines = static_cast<double>(codepoints(text)) / (12.0 * width) + 1;
    worksheet_set_row(sheet, static_cast<lxw_row_t>(row), 16.0 * static_cast<int>(note_lines), nullptr);
    ++row;
  };
  for (const std::string& note : model.notes) put_note(note);
  if (!model.footnotes.empty()) {
    put_note(model.lang == Lang::vi ? "Cách tính số liệu toàn thành phố:"
                                    : "How the city-wide figures are made:");
    for (const std::string& footnote : model.footnotes) put_note("- " + footnote);
  }
  if (!model.group_lines.empty()) {
    put_note(model.lang == Lang::vi ? "Theo nhóm đơn vị:" : "By group of units:");
    for (const std::string& line : model.group_lines) put_note("- " + line);
  }

  worksheet_freeze_panes(sheet, static_cast<lxw_row_t>(data_first), 2);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_set_landscape(sheet);
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_repeat_rows(sheet, static_cast<lxw_row_t>(header_first),
                        static_cast<lxw_row_t>(data_first - 1));
  worksheet_set_margins(sheet, 0.6, 0.6, 0.8, 0.8);
}

void write_findings_sheet(lxw_worksheet* sheet, Formats& formats, const TableModel& model) {
  bool vi = model.lang == Lang::vi;
  struct Column {
    const char* vi;
    const char* en;
    double width;
  };
  const Column columns[] = {
      {"Số", "No.", 5},           {"Mức độ", "Severity", 11},
      {"Đơn vị có phát hiện", "Unit concerned", 30},
      {"STT", "Row", 6},          {"Chỉ tiêu", "Indicator", 32}, {"Quy tắc", "Rule", 20},
      {"Nội dung", "Message", 60}, {"Giá trị nhập", "Raw", 12}, {"Giá trị đúng", "Expected", 12},
      {"Gợi ý", "Hint", 40},       {"Vị trí", "Position", 28},
  };
  // The unit column is not headed "Đơn vị": chiso reading this workbook back
  // must not take the findings for a second part of the table.
  int col = 0;
  for (const Column& column : columns) {
    put_text(sheet, 0, col, vi ? column.vi : column.en, formats.get(Role::finding_header));
    worksheet_set_column(sheet, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), column.width, nullptr);
    ++col;
  }
  int row = 1;
  size_t listed = std::min(model.findings.size(), kSheetRowsMax);
  for (size_t idx = 0; idx < listed; ++idx) {
    const ModelFinding& placed = model.findings[idx];
    const Finding& finding = *placed.finding;
    lxw_format* plain = formats.get(Role::finding);
    std::string indicator = finding.indicator;
    if (placed.model_col >= 0) indicator = model.flat_label(placed.model_col);
    std::string position;
    if (!finding.file.empty()) position = finding.file;
    auto add = [&](const char* word, int value) {
      if (value <= 0) return;
      if (!position.empty()) position += ", ";
      position += std::string(word) + " " + std::to_string(value);
    };
    add(vi ? "bảng" : "table", finding.pos.table_idx);
    add(vi ? "dòng" : "line", finding.pos.row_idx);
    add(vi ? "cột" : "column", finding.pos.col_idx);

    lxw_row_t xrow = static_cast<lxw_row_t>(row);
    worksheet_write_number(sheet, xrow, 0, static_cast<double>(idx + 1), plain);
    put_text(sheet, row, 1, severity_label(finding.severity, model.lang),
             formats.get(Role::finding, 0, finding.severity));
    put_text(sheet, row, 2, finding_unit(model, placed), plain);
    if (finding.row > 0) {
      worksheet_write_number(sheet, xrow, 3, finding.row, plain);
    } else {
      put_text(sheet, row, 3, "", plain);
    }
    put_text(sheet, row, 4, indicator, plain);
    put_text(sheet, row, 5, finding.rule_id, plain);
    put_text(sheet, row, 6, finding_message(finding, model.lang), plain);
    put_text(sheet, row, 7, raw_display(finding, model.lang), plain);
    if (auto expected = expected_number(finding)) {
      worksheet_write_number(sheet, xrow, 8, *expected,
                             formats.get(Role::number, decimals_needed(*expected, 4)));
    } else {
      put_text(sheet, row, 8, finding.expected, plain);
    }
    put_text(sheet, row, 9, finding_hint(finding, model.lang), plain);
    put_text(sheet, row, 10, position, plain);
    ++row;
  }
  if (listed < model.findings.size()) {
    std::string more = std::to_string(model.findings.size() - listed);
    put_text(sheet, row++, 6,
             vi ? "… và " + more + " phát hiện nữa (quá số dòng của một trang tính)"
                : "… and " + more + " more findings (past the rows of a sheet)",
             formats.get(Role::note));
  }
  worksheet_freeze_panes(sheet, 1, 0);
  if (!model.findings.empty()) {
    worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(row - 1), 10);
  }
  worksheet_set_paper(sheet, 9);
  worksheet_set_landscape(sheet);
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_repeat_rows(sheet, 0, 0);
}

// Sheet 3 ("So sánh" / "Comparison", only with options.previous): the title
// "So sánh với kỳ P" (row 1), then a two-level header (rows 3–4: the unit
// column, and per indicator its label merged over previous / current /
// change), one row per unit and the city-wide row (bold). Values are numbers
// with the indicator's decimals; changes carry a sign ("+0.00;-0.00;0"),
// in points for shares and counts for counts; blank when either side is
// missing. The header is frozen.
void write_compare_sheet(lxw_worksheet* sheet, Formats& formats, const Plan& plan,
                         const CheckedTable& table, const CheckedTable& previous, Lang lang) {
  const bool vi = lang == Lang::vi;
  CompareTable compared = build_compare_table(plan, table, previous);
  const int columns = 1 + 3 * static_cast<int>(compared.indicators.size());
  put_merged(sheet, 0, 0, 1, columns, compare_title(previous.period, lang),
             formats.get(Role::title));
  const int header_first = 2;
  lxw_format* header = formats.get(Role::header);
  put_merged(sheet, header_first, 0, 2, 1, vi ? "Đơn vị" : "Unit", header);
  worksheet_set_column(sheet, 0, 0, 32, nullptr);
  auto period_head = [&](const std::string& period, const char* vi_word, const char* en_word) {
    return period.empty() ? std::string(vi ? vi_word : en_word) : period_words(period, lang);
  };
  for (size_t col = 0; col < compared.indicators.size(); ++col) {
    const Indicator& indicator = plan.indicators[static_cast<size_t>(compared.indicators[col])];
    const int first = 1 + 3 * static_cast<int>(col);
    put_merged(sheet, header_first, first, 1, 3,
               vi || indicator.label_en.empty() ? indicator.label_vi : indicator.label_en, header);
    std::string change = vi ? "Thay đổi" : "Change";
    if (indicator.kind == IndicatorKind::percent) change += vi ? " (điểm)" : " (points)";
    put_text(sheet, header_first + 1, first, period_head(previous.period, "Kỳ trước", "Previous"), header);
    put_text(sheet, header_first + 1, first + 1, period_head(table.period, "Kỳ này", "This period"), header);
    put_text(sheet, header_first + 1, first + 2, change, header);
    worksheet_set_column(sheet, static_cast<lxw_col_t>(first), static_cast<lxw_col_t>(first + 2), 11, nullptr);
  }
  worksheet_set_row(sheet, static_cast<lxw_row_t>(header_first), 60, nullptr);
  int row = header_first + 2;
  for (const CompareRow& compare_row : compared.rows) {
    const bool bold = compare_row.city_wide;
    put_text(sheet, row, 0, compare_row.city_wide ? compare_city_label(plan, lang) : compare_row.unit,
             formats.get(Role::name, 0, {}, bold));
    for (size_t col = 0; col < compared.indicators.size(); ++col) {
      const Indicator& indicator = plan.indicators[static_cast<size_t>(compared.indicators[col])];
      const int decimals = indicator.kind == IndicatorKind::count ? 0 : std::max(0, indicator.decimals);
      const CompareCell& cell = compare_row.cells[col];
      const int first = 1 + 3 * static_cast<int>(col);
      const auto xrow = static_cast<lxw_row_t>(row);
      auto put_number = [&](int at, const std::optional<double>& value, lxw_format* format) {
        if (value) {
          worksheet_write_number(sheet, xrow, static_cast<lxw_col_t>(at), *value, format);
        } else {
          worksheet_write_blank(sheet, xrow, static_cast<lxw_col_t>(at), format);
        }
      };
      lxw_format* number = formats.get(Role::number, decimals, {}, bold);
      put_number(first, cell.previous, number);
      put_number(first + 1, cell.current, number);
      std::optional<double> delta = cell.delta;
      if (delta) {
        // The change as shown: rounded to the indicator's decimals (no -0).
        const double scale = std::pow(10.0, decimals);
        *delta = std::round(*delta * scale) / scale;
        if (*delta == 0) *delta = 0.0;
      }
      put_number(first + 2, delta, formats.get(Role::change, decimals, {}, bold));
    }
    ++row;
  }
  worksheet_freeze_panes(sheet, static_cast<lxw_row_t>(header_first + 2), 1);
  worksheet_set_paper(sheet, 9);
  worksheet_set_landscape(sheet);
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_repeat_rows(sheet, static_cast<lxw_row_t>(header_first),
                        static_cast<lxw_row_t>(header_first + 1));
}

}  // namespace

Result<void> write_xlsx(const Plan& plan, const CheckedTable& table, const ReportOptions& options,
                        const std::string& path) {
  ModelOptions model_options;
  model_options.lang = options.lang;
  model_options.list_missing_units = options.list_missing_units;
  TableModel model = build_table_model(plan, table, model_options);

  if (model.rows.size() > kSheetRowsMax) {
    return make_error("không ghi được " + path + ": bảng có " + std::to_string(model.rows.size()) +
                      " dòng, quá số dòng của một trang tính Excel (1.048.576); hãy xuất theo "
                      "từng kỳ hoặc dùng CSV / the table has more rows than an Excel sheet holds; "
                      "write one period at a time or use CSV");
  }
  lxw_workbook_options workbook_options{};
  workbook_options.constant_memory = LXW_FALSE;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &workbook_options);
  if (workbook == nullptr) {
    return make_error("không tạo được tệp XLSX " + path + " (cannot create the XLSX file)");
  }
  std::string title;
  for (const std::string& line : model.title_lines) title += (title.empty() ? "" : " — ") + line;
  lxw_doc_properties properties{};
  properties.title = const_cast<char*>(title.c_str());
  properties.author = const_cast<char*>("chiso");
  workbook_set_properties(workbook, &properties);

  bool vi = options.lang == Lang::vi;
  Formats formats(workbook, model.lang);
  lxw_worksheet* table_sheet = workbook_add_worksheet(workbook, vi ? "Phụ lục" : "Appendix");
  lxw_worksheet* findings_sheet = workbook_add_worksheet(workbook, vi ? "Phát hiện" : "Findings");
  write_table_sheet(table_sheet, formats, model);
  write_findings_sheet(findings_sheet, formats, model);
  if (options.previous) {
    lxw_worksheet* compare_sheet = workbook_add_worksheet(workbook, vi ? "So sánh" : "Comparison");
    write_compare_sheet(compare_sheet, formats, plan, table, *options.previous, options.lang);
  }

  lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) {
    return make_error("không ghi được tệp XLSX " + path + ": " + lxw_strerror(error) +
                      " (cannot write the XLSX file)");
  }
  return {};
}

}  // namespace chiso::report
