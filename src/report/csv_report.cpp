// CSV: UTF-8 with a BOM (so Excel shows Vietnamese), RFC 4180 quoting, CRLF.
// The header is laid out as the seed lays it out: with a two-level plan
// header, line 1 holds STT, the name, each group's text in its first column
// (empty cells after it) and the ungrouped labels; line 2 the labels under
// the groups. chiso reads such a file back.
//   ',' delimiter: numbers for machines, dot decimal ("74.05").
//   ';' delimiter: numbers for Vietnamese Excel, decimal comma ("74,05").
// Unit values are written as received; city-wide figures rounded to the
// indicator's decimals; a mark's city-wide figure is the number of units
// marked x (a text "25/30" would turn into a date in Excel).
// Text that Excel would run as a formula (= + - @ at the start) gets a
// leading apostrophe.
#include "common/number.h"
#include "report/csv_field.h"
#include "report/report.h"
#include "report/table_model.h"

#include <cmath>

namespace chiso::report {

void append_csv_field(std::string& out, std::string_view field, char delimiter) {
  bool quote = field.find_first_of(std::string{delimiter} + "\"\r\n") != std::string_view::npos;
  if (!quote) {
    out += field;
    return;
  }
  out += '"';
  for (char ch : field) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

std::string defuse_formula(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    return "'" + std::string(text);
  }
  return std::string(text);
}

namespace {

std::string number_text(double value, char delimiter) {
  std::string text = number::format_plain(value);
  if (delimiter == ';') {
    for (char& ch : text) {
      if (ch == '.') ch = ',';
    }
  }
  return text;
}

std::string cell_text(const DisplayCell& cell, bool city_wide, char delimiter) {
  switch (cell.kind) {
    case CellKind::blank:
      return "";
    case CellKind::not_applicable:  // a file for machines: the typed figure, no text
      return cell.number ? number_text(*cell.number, delimiter) : "";
    case CellKind::mark_yes: return "x";
    case CellKind::mark_no: return "0";
    case CellKind::text: return defuse_formula(cell.text);
    case CellKind::ratio: return number_text(cell.number.value_or(0), delimiter);
    case CellKind::number: {
      double value = *cell.number;
      if (city_wide) {
        double scale = std::pow(10.0, cell.decimals);
        value = std::round(value * scale) / scale;
      }
      return number_text(value, delimiter);
    }
  }
  return "";
}

void end_line(std::string& out) {
  out += "\r\n";
}

}  // namespace

std::string to_csv(const Plan& plan, const CheckedTable& table, const ReportOptions& options) {
  char delimiter = options.csv_delimiter == ';' ? ';' : ',';
  ModelOptions model_options;
  model_options.lang = options.lang;
  model_options.list_missing_units = options.list_missing_units;
  TableModel model = build_table_model(plan, table, model_options);

  int width = model.table_column_count();
  std::vector<std::vector<std::string>> header(static_cast<size_t>(model.header_levels),
                                               std::vector<std::string>(static_cast<size_t>(width)));
  for (const HeaderCell& cell : model.header) {
    header[static_cast<size_t>(cell.row)][static_cast<size_t>(cell.col)] = cell.text;
  }

  std::string out = "\xEF\xBB\xBF";
  auto write_line = [&](const std::vector<std::string>& fields) {
    for (size_t idx = 0; idx < fields.size(); ++idx) {
      if (idx > 0) out += delimiter;
      append_csv_field(out, fields[idx], delimiter);
    }
    end_line(out);
  };
  for (const auto& line : header) write_line(line);
  for (const ModelRow& row : model.rows) {
    std::vector<std::string> fields;
    fields.reserve(static_cast<size_t>(width));
    fields.push_back(row.city_wide || row.source == nullptr ? "" : std::to_string(row.row_number));
    fields.push_back(defuse_formula(row.name));
    for (const DisplayCell& cell : row.cells) fields.push_back(cell_text(cell, row.city_wide, delimiter));
    write_line(fields);
  }
  return out;
}

Result<void> write_csv(const Plan& plan, const CheckedTable& table, const ReportOptions& options,
                       const std::string& path) {
  if (options.csv_delimiter != ',' && options.csv_delimiter != ';') {
    return make_error(std::string("dấu phân cách CSV '") + options.csv_delimiter +
                      "' không được hỗ trợ; chỉ dùng ',' hoặc ';' (unsupported CSV delimiter)");
  }
  return write_file(path, to_csv(plan, table, options));
}

}  // namespace chiso::report
