// The written summary: the paragraphs a coordinator puts above the table, in
// Vietnamese or English, from the figures only. Paragraphs, in order:
// reporting, city-wide figures, strongest/weakest units, targets, findings.
// Every figure goes through number::format with the indicator's decimals, so
// the text says exactly what the table shows.
#include <cmath>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/number.h"
#include "consolidate/analysis.h"
#include "plan/period.h"
#include "plan/unit_validity.h"

namespace chiso {
namespace {

constexpr size_t kNamesListedMax = 6;  // longer lists end "và N đơn vị khác"

struct Writer {
  const Plan& plan;
  const CheckedTable& table;
  Lang lang;

  bool en() const { return lang == Lang::en; }
  // The plan's name of the whole area inside a sentence: "toàn thành phố",
  // "city-wide".
  std::string area() const {
    std::string label = en() ? plan.summary_row_en : plan.summary_row_vi;
    if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z') label[0] = static_cast<char>(label[0] - 'A' + 'a');
    return label;
  }
  const char* pick(const char* vi, const char* english) const { return en() ? english : vi; }

  std::string units(size_t count) const {
    if (!en()) return std::to_string(count) + " đơn vị";
    return std::to_string(count) + (count == 1 ? " unit" : " units");
  }

  // "A, B và C" / "A, B and C", cut after kNamesListedMax names.
  std::string names(const std::vector<std::string>& list) const {
    std::vector<std::string> shown(list.begin(),
                                   list.begin() + std::min(list.size(), kNamesListedMax));
    std::string rest;
    if (list.size() > shown.size()) {
      size_t others = list.size() - shown.size();
      rest = en() ? std::to_string(others) + (others == 1 ? " other unit" : " other units")
                  : std::to_string(others) + " đơn vị khác";
      shown.push_back(rest);
    }
    std::string out;
    for (size_t name_idx = 0; name_idx < shown.size(); ++name_idx) {
      if (name_idx > 0) out += name_idx + 1 == shown.size() ? pick(" và ", " and ") : ", ";
      out += shown[name_idx];
    }
    return out;
  }

  std::string label(const Indicator& indicator) const {
    std::string text = en() && !indicator.label_en.empty() ? indicator.label_en
                                                          : indicator.label_vi;
    const std::string suffix = " (%)";
    if (text.size() > suffix.size() && text.ends_with(suffix)) {
      text.resize(text.size() - suffix.size());
    }
    return text;
  }

  std::string figure(const Indicator& indicator, double value) const {
    return number::format(value, indicator.decimals, lang) +
           (indicator.kind == IndicatorKind::percent ? "%" : "");
  }

  static bool row_reported(const UnitRow& row) {
    for (const Value& value : row.values) {
      if (value.state != ValueState::blank) return true;
    }
    return false;
  }

  std::string reporting() const {
    std::vector<const UnitRow*> rows = period_rows(table);
    std::unordered_set<std::string> reported;
    std::vector<std::string> unregistered;
    for (const UnitRow* row : rows) {
      if (!row_reported(*row)) continue;
      if (plan.unit_index(row->unit_name) >= 0) {
        reported.insert(row->unit_name);
      } else {
        unregistered.push_back(shown_unit_name(plan, *row));
      }
    }
    std::vector<std::string> missing;
    size_t expected_units = 0;  // the registered units that exist in the period
    for (const UnitDef& unit : plan.units) {
      if (unit_presence(plan, unit, table.period) != UnitPresence::valid) continue;
      ++expected_units;
      if (!reported.count(unit.name)) missing.push_back(unit_name_in(plan, unit, table.period));
    }
    std::string out;
    if (!table.period.empty()) {
      out +=
          (lang == Lang::vi ? period_text_vi(table.period) : period_text_en(table.period)) +
          ": ";
    }
    const std::string count = std::to_string(reported.size());
    if (plan.units.empty()) {
      out += en() ? units(reported.size()) + " reported."
                  : units(reported.size()) + " đã báo cáo số liệu.";
    } else {
      out +=
          en() ? count + " of the " + std::to_string(expected_units) + " registered units reported."
               : count + "/" + std::to_string(expected_units) + " đơn vị đã báo cáo số liệu.";
    }
    if (!missing.empty()) {
      out += pick(" Chưa báo cáo: ", " Not reported: ") + names(missing) + ".";
    }
    if (!unregistered.empty()) {
      out += en() ? " " + std::to_string(unregistered.size()) +
                        (unregistered.size() == 1 ? " row names" : " rows name") +
                        " a unit that is not registered: " + names(unregistered) + "."
                  : " Có " + std::to_string(unregistered.size()) +
                        " dòng mang tên đơn vị chưa đăng ký: " + names(unregistered) + ".";
    }
    return out;
  }

  std::string city_figures() const {
    const std::string listed = figures_listed(table.summary);
    if (listed.empty()) return "";
    return (en() ? plan.summary_row_en + " figures: " : "Số liệu " + area() + ": ") + listed + ".";
  }

  // "label: figure; label: figure" of `figures` (indexed by indicator), as
  // the table's summary row shows them; "" when none has a figure.
  std::string figures_listed(const std::vector<SummaryValue>& figures) const {
    std::vector<std::string> parts;
    for (size_t indicator_idx = 0; indicator_idx < plan.indicators.size(); ++indicator_idx) {
      if (indicator_idx >= figures.size()) break;
      const Indicator& indicator = plan.indicators[indicator_idx];
      const SummaryValue& summary = figures[indicator_idx];
      if (indicator.consolidation == Consolidation::mark_count) {
        // As the table's city-wide cell shows it: yes/(yes+no+blank).
        int total = summary.yes + summary.no + summary.blank;
        if (total == 0) continue;
        parts.push_back(label(indicator) + ": " + std::to_string(summary.yes) + "/" +
                        std::to_string(total) + pick(" đơn vị có dấu x", " units marked x"));
        continue;
      }
      if (!summary.value || !std::isfinite(*summary.value)) continue;
      std::string part = label(indicator) + ": " + figure(indicator, *summary.value);
      if (indicator.consolidation == Consolidation::mean) {
        part += en() ? " (mean of " + units(static_cast<size_t>(summary.units_reporting)) + ")"
                     : " (trung bình của " +
                           units(static_cast<size_t>(summary.units_reporting)) + ")";
      } else if (indicator.consolidation == Consolidation::weighted_mean) {
        part += pick(" (bình quân gia quyền)", " (weighted mean)");
      }
      parts.push_back(part);
    }
    std::string out;
    for (size_t part_idx = 0; part_idx < parts.size(); ++part_idx) {
      if (part_idx > 0) out += "; ";
      out += parts[part_idx];
    }
    return out;
  }

  // The units a ranking lists apart, by name: a share of nothing and a value
  // under an error finding are said to be so, never silently dropped.
  std::string set_apart(const Ranking& ranking) const {
    std::string out;
    if (!ranking.not_applicable.empty()) {
      out += pick("; không áp dụng (không có số liệu để tính tỷ lệ): ",
                  "; not applicable (nothing to take a share of): ") +
             names(ranking.not_applicable);
    }
    if (!ranking.in_error.empty()) {
      std::vector<std::string> listed;
      for (const RankEntry& entry : ranking.in_error) listed.push_back(entry.unit);
      out += pick("; không xếp hạng vì số liệu có lỗi: ", "; not ranked, the figures have errors: ") +
             names(listed);
    }
    return out;
  }

  // The highest and lowest units on each share (ratio or mean) and each
  // index (a PAR index, a DDCI): of every unit, or of the units of `within`.
  std::string strongest_weakest(const UnitPart* within = nullptr) const {
    std::string out;
    for (const Indicator& indicator : plan.indicators) {
      const bool share = indicator.kind == IndicatorKind::percent &&
                         (indicator.consolidation == Consolidation::ratio ||
                          indicator.consolidation == Consolidation::mean);
      const bool index = indicator.kind == IndicatorKind::index &&
                         indicator.consolidation != Consolidation::none;
      if (!share && !index) continue;
      Ranking ranking = rank_units(plan, table, indicator.code, within);
      if (ranking.ranked.size() < 2) continue;
      int last_rank = ranking.ranked.back().rank;
      if (last_rank == 1) continue;  // all equal: nothing to single out
      std::vector<std::string> best, worst;
      for (const RankEntry& entry : ranking.ranked) {
        if (entry.rank == 1) best.push_back(entry.unit);
        if (entry.rank == last_rank) worst.push_back(entry.unit);
      }
      const bool lower = ranking.lower_is_better;
      std::string sentence = label(indicator) + ": ";
      sentence += lower ? pick("tốt nhất (thấp nhất) là ", "best (lowest) ")
                        : pick("cao nhất là ", "highest ");
      sentence += names(best) + " (" + figure(indicator, *ranking.ranked.front().value) + ")";
      sentence += lower ? pick("; kém nhất (cao nhất) là ", "; worst (highest) ")
                        : pick("; thấp nhất là ", "; lowest ");
      sentence += names(worst) + " (" + figure(indicator, *ranking.ranked.back().value) + ")";
      if (!ranking.not_reported.empty()) {
        sentence += en() ? "; " + units(ranking.not_reported.size()) + " without a value"
                         : "; " + units(ranking.not_reported.size()) + " không có số liệu";
      }
      sentence += set_apart(ranking);
      if (!out.empty()) out += " ";
      out += sentence + ".";
    }
    return out;
  }

  // One sentence group per group of units ([[unit_groups]]): its figures
  // and its highest and lowest units, as for the whole area.
  std::vector<std::string> groups() const {
    std::vector<std::string> out;
    for (const PartFigures& part : part_figures(plan, table)) {
      if (part.part.kind != UnitPart::Kind::group) continue;
      std::string paragraph = part_label(plan, part.part, lang) + " (" +
                              units(static_cast<size_t>(part.units)) + ")";
      const std::string listed = figures_listed(part.figures);
      paragraph += listed.empty() ? "." : ": " + listed + ".";
      const std::string ranked = strongest_weakest(&part.part);
      if (!ranked.empty()) paragraph += " " + ranked;
      out.push_back(std::move(paragraph));
    }
    return out;
  }

  std::string kind_phrase(const std::string& kind) const {
    if (kind == "department") return pick(" (các sở, ngành)", " (departments)");
    if (kind == "district") return pick(" (các quận, huyện)", " (districts)");
    if (kind == "agency") return pick(" (các cơ quan ngành dọc)", " (agencies)");
    for (const UnitKindDef& def : plan.unit_kinds) {  // the plan's own kinds
      if (def.id == kind)
        return " (" + (en() && !def.label_en.empty() ? def.label_en : def.label_vi) + ")";
    }
    return "";
  }

  std::string targets() const {
    std::string out;
    for (const TargetResult& result : evaluate_targets(plan, table)) {
      const Indicator& indicator = plan.indicators[result.indicator_idx];
      const Target& target = *result.target;
      std::string op = target.op == ">=" ? "≥" : target.op == "<=" ? "≤" : target.op;
      size_t evaluated = result.met.size() + result.not_met.size();
      std::string sentence = pick("Mục tiêu ", "Target ") + label(indicator) + " " + op + " " +
                             number::format_trimmed(target.bound, indicator.decimals, lang) +
                             (indicator.kind == IndicatorKind::percent ? "%" : "") +
                             kind_phrase(target.unit_kind);
      if (!target.source.empty()) sentence += pick(" (theo ", " (per ") + target.source + ")";
      sentence += en() ? ": met by " + std::to_string(result.met.size()) + " of " +
                             units(evaluated)
                       : ": " + std::to_string(result.met.size()) + "/" +
                             std::to_string(evaluated) + " đơn vị đạt";
      if (!result.not_met.empty() && result.not_met.size() <= kNamesListedMax) {
        sentence += pick(" (chưa đạt: ", " (not met: ") + names(result.not_met) + ")";
      }
      if (!result.not_reported.empty()) {
        sentence += en() ? ", " + units(result.not_reported.size()) + " without a value"
                         : ", " + units(result.not_reported.size()) + " không có số liệu";
      }
      if (!result.not_applicable.empty()) {
        sentence += en() ? ", " + units(result.not_applicable.size()) + " not applicable"
                         : ", " + units(result.not_applicable.size()) + " không áp dụng";
      }
      if (!result.in_error.empty()) {
        sentence += en() ? ", " + units(result.in_error.size()) + " not judged (errors in the figures)"
                         : ", " + units(result.in_error.size()) + " chưa đánh giá (số liệu có lỗi)";
      }
      if (result.city_wide_met) {
        sentence += "; " + area() +
                    (*result.city_wide_met ? pick(" đạt (", " met (") : pick(" chưa đạt (", " not met ("));
        sentence += figure(indicator, *result.city_wide) + ")";
      }
      if (!out.empty()) out += " ";
      out += sentence + ".";
    }
    return out;
  }

  std::string findings() const {
    struct Counts {
      int errors = 0;
      int warnings = 0;
    };
    std::vector<std::string> order;
    std::map<std::string, Counts> by_unit;
    int errors = 0, warnings = 0;
    for (const Finding& finding : table.findings) {
      if (!table.period.empty() && !finding.period.empty() && finding.period != table.period) {
        continue;
      }
      if (finding.severity == Severity::info) continue;
      // A registered unit as it was named in the finding's period.
      std::string where = finding.unit.empty()
                              ? std::string(pick("bảng chung", "the table as a whole"))
                              : unit_name_in(plan, finding.unit, -1, finding.period);
      auto [it, inserted] = by_unit.emplace(where, Counts{});
      if (inserted) order.push_back(where);
      if (finding.severity == Severity::error) {
        ++it->second.errors;
        ++errors;
      } else {
        ++it->second.warnings;
        ++warnings;
      }
    }
    if (errors == 0 && warnings == 0) {
      return pick("Không còn lỗi hay cảnh báo nào trong số liệu.",
                  "No errors or warnings remain in the figures.");
    }
    auto counts = [&](int error_count, int warning_count) {
      std::vector<std::string> parts;
      if (error_count > 0) {
        parts.push_back(std::to_string(error_count) +
                        (en() ? (error_count == 1 ? " error" : " errors") : " lỗi"));
      }
      if (warning_count > 0) {
        parts.push_back(std::to_string(warning_count) +
                        (en() ? (warning_count == 1 ? " warning" : " warnings") : " cảnh báo"));
      }
      std::string out;
      for (size_t part_idx = 0; part_idx < parts.size(); ++part_idx) {
        if (part_idx > 0) out += pick(" và ", " and ");
        out += parts[part_idx];
      }
      return out;
    };
    std::vector<std::string> places;
    for (const std::string& where : order) {
      places.push_back(where + " (" + counts(by_unit[where].errors, by_unit[where].warnings) +
                       ")");
    }
    std::string out = en() ? counts(errors, warnings) + " remain, in " + names(places) + "."
                           : "Còn " + counts(errors, warnings) + " cần xử lý, tại " +
                                 names(places) + ".";
    return out;
  }
};

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

}  // namespace

std::vector<std::string> group_summaries(const Plan& plan, const CheckedTable& table, Lang lang) {
  return Writer{plan, table, lang}.groups();
}

std::string written_summary(const Plan& plan, const CheckedTable& table, Lang lang) {
  Writer writer{plan, table, lang};
  std::string out;
  for (const std::string& paragraph :
       {writer.reporting(), writer.city_figures(), writer.strongest_weakest(),
        join(writer.groups(), " "), writer.targets(), writer.findings()}) {
    if (paragraph.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += paragraph;
  }
  return out;
}

}  // namespace chiso
