// The JSON of `chiso check --format json` and `chiso report --format json`.
// Shape (docs/reports.md):
//   {"period"?: "...",
//    "units": [{"row", "name", "name_in_period"?, "values": {code: number | true | false | null}}],
//    ("name_in_period" only for a unit named otherwise in the row's period),
//    "findings": [{"severity", "unit", "row", "indicator", "rule", "message",
//                  "raw", "expected", + extras}],
//    "summary": {code: number | null},
//    "summary_detail": {code: {"value", "units_reporting", "method", ...}},
//    "summary_by_group"?: {group id: {"label", "units", "summary": {code: …}}},
//    "summary_by_parent"?: {parent unit: {"label", "units", "summary": {…}}}}
// ("summary_by_group" only for a plan with [[unit_groups]]; "summary_by_parent"
// only when units of a parent have rows: the subtotal by parent).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/number.h"
#include "common/text.h"
#include "consolidate/summary.h"
#include "consolidate/unit_parts.h"
#include "report/findings_json.h"
#include "report/report.h"
#include "report/table_model.h"

namespace chiso::report {
namespace {

using nlohmann::ordered_json;

// Integral values as JSON integers (66, not 66.0); others as doubles.
template <class Json = ordered_json>
Json number_json(double value) {
  if (!std::isfinite(value)) return nullptr;
  if (std::fabs(value) < 9e15 && value == std::floor(value)) return static_cast<int64_t>(value);
  return value;
}

double round_to(double value, int decimals) {
  double scale = std::pow(10.0, std::clamp(decimals, 0, 9));
  return std::round(value * scale) / scale;
}

// One finding as both writers give it (to_json's key order with
// ordered_json, the server's sorted keys with json).
template <class Json>
Json finding_json(const Finding& finding) {
  Json expected = nullptr;
  if (auto value = expected_number(finding)) expected = number_json<Json>(*value);
  Json item = {
      {"severity", severity_name(finding.severity)},
      {"unit", finding.unit},
      {"row", finding.row},
      {"indicator", finding.indicator},
      {"rule", finding.rule_id},
      {"message", finding.message_vi},
      {"raw", finding.raw},
      {"expected", std::move(expected)},
      {"message_en", finding.message_en},
      {"hint", finding.hint_vi},
      {"hint_en", finding.hint_en},
      {"file", finding.file},
      {"table", finding.pos.table_idx},
      {"line", finding.pos.row_idx},
      {"column", finding.pos.col_idx},
  };
  if (!finding.period.empty()) item["period"] = finding.period;
  return item;
}

// Each group's figures (and each parent's), consolidated as the city-wide
// ones are (the same values left out) over the unit rows of its registered
// units (consolidate/unit_parts.h): {id or parent name: {"label", "units",
// "summary"}}.
ordered_json part_json(const Plan& plan, const CheckedTable& table, UnitPart::Kind kind) {
  ordered_json out = ordered_json::object();
  for (const PartFigures& part : part_figures(plan, table)) {
    if (part.part.kind != kind) continue;
    ordered_json values = ordered_json::object();
    for (size_t idx = 0; idx < plan.indicators.size() && idx < part.figures.size(); ++idx) {
      const Indicator& indicator = plan.indicators[idx];
      const SummaryValue& figure = part.figures[idx];
      ordered_json value = nullptr;
      if (indicator.consolidation == Consolidation::mark_count) {
        if (figure.yes + figure.no + figure.blank > 0) value = figure.yes;
      } else if (figure.value && std::isfinite(*figure.value)) {
        value = number_json(round_to(*figure.value, indicator.decimals));
      }
      values[indicator.code] = std::move(value);
    }
    const size_t index = static_cast<size_t>(part.part.index);
    const std::string& key =
        kind == UnitPart::Kind::group ? plan.unit_groups[index].id : plan.units[index].name;
    out[key] = {{"label", part_label(plan, part.part, Lang::vi)},
                {"units", part.units},
                {"summary", std::move(values)}};
  }
  return out;
}

// The document is written as it goes, one unit or finding at a time, each
// with nlohmann's pretty printing (indent 2) shifted to its depth: the bytes
// are those of the whole document's dump(2), without the tree of every
// unit's values in memory at once beside the text (a period of 10,000 units
// is a few MB of text; its tree was many times that).
class PrettyWriter {
 public:
  explicit PrettyWriter(std::string& out) : out_(out) { out_ += '{'; }

  // "key": <value>, at the top level.
  void member(std::string_view key, const ordered_json& value) {
    open_member(key);
    append(value, 2);
  }
  // "key": [ … ] with the items given one at a time by item().
  void begin_array(std::string_view key) {
    open_member(key);
    out_ += '[';
    items_ = 0;
  }
  void item(const ordered_json& value) {
    out_ += items_++ == 0 ? "\n    " : ",\n    ";
    append(value, 4);
  }
  void end_array() { out_ += items_ == 0 ? "]" : "\n  ]"; }
  void finish() { out_ += members_ == 0 ? "}\n" : "\n}\n"; }

 private:
  void open_member(std::string_view key) {
    out_ += members_++ == 0 ? "\n  \"" : ",\n  \"";
    out_ += key;  // the writer's own keys: no escaping needed
    out_ += "\": ";
  }
  // Invalid UTF-8 cannot reach here (ingest converts to NFC, replacing bad
  // sequences), but never throw on it: replace.
  void append(const ordered_json& value, std::size_t depth) {
    const std::string text = value.dump(2, ' ', false, ordered_json::error_handler_t::replace);
    std::size_t line_start = 0;
    for (std::size_t newline = text.find('\n'); newline != std::string::npos;
         newline = text.find('\n', line_start)) {
      out_.append(text, line_start, newline + 1 - line_start);
      out_.append(depth, ' ');
      line_start = newline + 1;
    }
    out_.append(text, line_start, std::string::npos);
  }

  std::string& out_;
  int members_ = 0;
  int items_ = 0;
};

ordered_json unit_json(const Plan& plan, const CheckedTable& table, const ModelRow& row) {
  ordered_json values = ordered_json::object();
  for (size_t idx = 0; idx < plan.indicators.size(); ++idx) {
    ordered_json value = nullptr;
    if (idx < row.source->values.size()) {
      const Value& cell = row.source->values[idx];
      switch (cell.state) {
        case ValueState::number: value = number_json(cell.number); break;
        case ValueState::yes: value = true; break;
        case ValueState::no: value = false; break;
        case ValueState::text:
          // A grade is its text ("Tốt"); any other text has no value.
          if (plan.indicators[idx].kind == IndicatorKind::grade) value = cell.raw;
          break;
        case ValueState::blank:
        case ValueState::not_applicable: break;
      }
    }
    values[plan.indicators[idx].code] = std::move(value);
  }
  // "name" is the registered name, the key findings and the store use (and
  // pages match them by); a unit named otherwise in the row's period (a
  // `names` entry of the plan) has that name beside it.
  const std::string& registered = row.source->unit_name.empty() ? row.name : row.source->unit_name;
  ordered_json unit = {{"row", row.source->row_number}, {"name", registered}};
  if (registered != row.name) unit["name_in_period"] = row.name;
  if (!row.source->period.empty() && row.source->period != table.period) {
    unit["period"] = row.source->period;
  }
  unit["values"] = std::move(values);
  return unit;
}

}  // namespace

std::string to_json(const Plan& plan, const CheckedTable& table) {
  ModelOptions model_options;
  model_options.city_wide_row = false;
  model_options.layout_only = true;
  TableModel model = build_table_model(plan, table, model_options);

  std::string out;
  PrettyWriter doc(out);
  if (!table.period.empty()) doc.member("period", table.period);

  doc.begin_array("units");
  bool first_unit = true;
  for (const ModelRow& row : model.rows) {
    if (row.source == nullptr) continue;
    const std::size_t before = out.size();
    doc.item(unit_json(plan, table, row));
    if (first_unit) {
      // Room for the rest at the first unit's size: the text is not copied
      // again and again as it grows (memory not written is never touched).
      out.reserve(out.size() + (out.size() - before + 64) * model.rows.size() + 512 * model.findings.size());
      first_unit = false;
    }
  }
  doc.end_array();

  doc.begin_array("findings");
  for (const ModelFinding& placed : model.findings) doc.item(finding_json<ordered_json>(*placed.finding));
  doc.end_array();

  ordered_json summary = ordered_json::object();
  ordered_json detail = ordered_json::object();
  for (size_t idx = 0; idx < plan.indicators.size(); ++idx) {
    const Indicator& indicator = plan.indicators[idx];
    SummaryValue figure = idx < table.summary.size() ? table.summary[idx] : SummaryValue{};
    ordered_json value = nullptr;
    ordered_json item = ordered_json::object();
    if (indicator.consolidation == Consolidation::mark_count) {
      // A mark's city-wide figure is the number of units marked x; the
      // detail gives yes/no/blank.
      if (figure.yes + figure.no + figure.blank > 0) value = figure.yes;
      item["value"] = value;
      item["yes"] = figure.yes;
      item["no"] = figure.no;
      item["blank"] = figure.blank;
    } else {
      if (figure.value && std::isfinite(*figure.value)) {
        value = number_json(round_to(*figure.value, indicator.decimals));
        item["value"] = number_json(*figure.value);
      } else {
        item["value"] = nullptr;
      }
    }
    item["units_reporting"] = figure.units_reporting;
    item["method"] = word_of(kConsolidationWords, indicator.consolidation);
    if (!indicator.formula.empty()) item["formula"] = indicator.formula;
    if (!indicator.weight.empty()) item["weight"] = indicator.weight;
    summary[indicator.code] = std::move(value);
    detail[indicator.code] = std::move(item);
  }
  doc.member("summary", summary);
  doc.member("summary_detail", detail);
  if (!plan.unit_groups.empty()) doc.member("summary_by_group", part_json(plan, table, UnitPart::Kind::group));
  ordered_json by_parent = part_json(plan, table, UnitPart::Kind::parent);
  if (!by_parent.empty()) doc.member("summary_by_parent", by_parent);
  doc.finish();
  return out;
}

namespace {

// to_json's order (build_table_model) for a table of this one row:
// findings not at the row first, then the row's, by the plan's column (the
// row's own, at no indicator, before them), each group as given.
std::vector<const Finding*> placed_findings(const Plan& plan, const UnitRow& row,
                                            const std::vector<Finding>& findings) {
  auto column_of = [&](const Finding& finding) {
    if (finding.row == 0 || finding.row != row.row_number) return -2;  // not at the row
    return finding.indicator.empty() ? -1 : plan.indicator_index(finding.indicator);
  };
  std::vector<std::pair<int, const Finding*>> placed;
  placed.reserve(findings.size());
  for (const Finding& finding : findings) placed.emplace_back(column_of(finding), &finding);
  std::stable_sort(placed.begin(), placed.end(),
                   [](const auto& left, const auto& right) { return left.first < right.first; });
  std::vector<const Finding*> order;
  order.reserve(placed.size());
  for (const auto& [column, finding] : placed) order.push_back(finding);
  return order;
}

void append_finding_text(std::string& out, const Finding& finding) {
  // nlohmann::json's keys, sorted (finding_json's members).
  out += "{\"column\":";
  append_json_integer(out, finding.pos.col_idx);
  out += ",\"expected\":";
  const std::optional<double> expected = expected_number(finding);
  if (!expected || !std::isfinite(*expected)) {
    out += "null";
  } else if (std::fabs(*expected) < 9e15 && *expected == std::floor(*expected)) {
    append_json_integer(out, static_cast<std::int64_t>(*expected));  // number_json's integer
  } else {
    append_json_double(out, *expected);
  }
  out += ",\"file\":";
  append_json_string(out, finding.file);
  out += ",\"hint\":";
  append_json_string(out, finding.hint_vi);
  out += ",\"hint_en\":";
  append_json_string(out, finding.hint_en);
  out += ",\"indicator\":";
  append_json_string(out, finding.indicator);
  out += ",\"line\":";
  append_json_integer(out, finding.pos.row_idx);
  out += ",\"message\":";
  append_json_string(out, finding.message_vi);
  out += ",\"message_en\":";
  append_json_string(out, finding.message_en);
  if (!finding.period.empty()) {
    out += ",\"period\":";
    append_json_string(out, finding.period);
  }
  out += ",\"raw\":";
  append_json_string(out, finding.raw);
  out += ",\"row\":";
  append_json_integer(out, finding.row);
  out += ",\"rule\":";
  append_json_string(out, finding.rule_id);
  out += ",\"severity\":";
  append_json_string(out, severity_name(finding.severity));
  out += ",\"table\":";
  append_json_integer(out, finding.pos.table_idx);
  out += ",\"unit\":";
  append_json_string(out, finding.unit);
  out += '}';
}

}  // namespace

nlohmann::json findings_json(const Plan& plan, const UnitRow& row, const std::vector<Finding>& findings) {
  nlohmann::json out = nlohmann::json::array();
  for (const Finding* finding : placed_findings(plan, row, findings))
    out.push_back(finding_json<nlohmann::json>(*finding));
  return out;
}

std::string findings_json_text(const Plan& plan, const UnitRow& row, const std::vector<Finding>& findings) {
  std::string out = "[";
  for (const Finding* finding : placed_findings(plan, row, findings)) {
    if (out.size() > 1) out += ',';
    append_finding_text(out, *finding);
  }
  out += ']';
  return out;
}

void append_json_string(std::string& out, std::string_view text) {
  // nlohmann's escapes, ensure_ascii off: the two-letter ones, \u00XX for
  // the other control characters, every other character as it is.
  if (!text::valid_utf8(text)) {
    // Invalid UTF-8 (ingest replaces it; never seen here): nlohmann's own
    // replacement, whole.
    out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  std::size_t plain_from = 0;  // the bytes since are copied as they are, in one go
  for (std::size_t at = 0; at < text.size();) {
    const unsigned char byte = static_cast<unsigned char>(text[at]);
    // A multi-byte character's bytes (0x80 and above) are copied as they are.
    if (byte >= 0x20 && byte != '"' && byte != '\\') {
      ++at;
      continue;
    }
    out.append(text, plain_from, at - plain_from);
    plain_from = at + 1;
    switch (byte) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte <= 0x1F) {
          static constexpr char hex[] = "0123456789abcdef";
          out += "\\u00";
          out += hex[byte >> 4];
          out += hex[byte & 0xF];
        }
    }
    ++at;
  }
  out.append(text, plain_from, text.size() - plain_from);
  out += '"';
}

void append_json_integer(std::string& out, std::int64_t value) {
  char digits[24];
  char* end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, static_cast<std::size_t>(end - digits));
}

void append_json_double(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char digits[64];  // nlohmann's serializer's number buffer
  char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, static_cast<std::size_t>(end - digits));
}

}  // namespace chiso::report
