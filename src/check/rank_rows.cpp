// RankRows: the rows' ranks and scores kept per period, compared at finish.
#include "check/rank_rows.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "common/number.h"

namespace chiso::check {

namespace {

struct Ranked {
  int row_number = 0;
  std::string unit;   // what the finding is about (Finding::unit)
  std::string shown;  // the name its message gives
  double score = 0;
  Value rank;
  CellPos row_pos;
};

// One rank indicator: its index and the index of what it ranks by.
struct RankColumn {
  int rank_idx = -1;
  int score_idx = -1;
  bool ascending = false;
};

}  // namespace

struct RankRows::State {
  const Plan& plan;
  std::string file;
  std::vector<RankColumn> columns;
  // period → per column, the rows with both a score and a whole rank ≥ 1.
  std::map<std::string, std::vector<std::vector<Ranked>>> by_period;

  State(const Plan& plan_in, std::string file_in) : plan(plan_in), file(std::move(file_in)) {
    for (size_t indicator_idx = 0; indicator_idx < plan.indicators.size(); ++indicator_idx) {
      const Indicator& indicator = plan.indicators[indicator_idx];
      if (indicator.kind != IndicatorKind::rank) continue;
      const int score_idx = plan.indicator_index(indicator.rank_of);
      if (score_idx < 0) continue;
      columns.push_back({static_cast<int>(indicator_idx), score_idx, indicator.rank_ascending});
    }
  }
};

RankRows::RankRows(const Plan& plan, std::string file)
    : state_(std::make_unique<State>(plan, std::move(file))) {}

RankRows::~RankRows() = default;

bool RankRows::active() const { return !state_->columns.empty(); }

void RankRows::add(const UnitRow& row, const std::string& unit, const std::string& shown) {
  if (state_->columns.empty()) return;
  auto& columns = state_->by_period[row.period];
  columns.resize(state_->columns.size());
  for (size_t column_idx = 0; column_idx < state_->columns.size(); ++column_idx) {
    const RankColumn& column = state_->columns[column_idx];
    if (static_cast<size_t>(std::max(column.rank_idx, column.score_idx)) >= row.values.size())
      continue;
    const Value& score = row.values[static_cast<size_t>(column.score_idx)];
    const Value& rank = row.values[static_cast<size_t>(column.rank_idx)];
    if (score.state != ValueState::number) continue;
    Ranked ranked;
    ranked.row_number = row.row_number;
    ranked.unit = unit;
    ranked.shown = shown;
    ranked.score = score.number;
    ranked.rank = rank;
    ranked.row_pos = row.pos;
    columns[column_idx].push_back(std::move(ranked));
  }
}

void RankRows::finish(std::vector<Finding>& out) {
  const Plan& plan = state_->plan;
  for (const auto& [period, columns] : state_->by_period) {
    for (size_t column_idx = 0; column_idx < columns.size(); ++column_idx) {
      const RankColumn& column = state_->columns[column_idx];
      const Indicator& indicator = plan.indicators[static_cast<size_t>(column.rank_idx)];
      const Indicator& by = plan.indicators[static_cast<size_t>(column.score_idx)];
      const std::vector<Ranked>& rows = columns[column_idx];
      for (const Ranked& ranked : rows) {
        const Value& rank = ranked.rank;
        if (rank.state != ValueState::number || rank.number < 1 ||
            rank.number != std::floor(rank.number)) {
          continue;  // blank, not applicable, or refused by value.rank_invalid
        }
        int better = 0;
        for (const Ranked& other : rows) {
          const double margin = 1e-9 * std::max(1.0, std::abs(ranked.score));
          if (column.ascending ? other.score < ranked.score - margin
                               : other.score > ranked.score + margin) {
            ++better;
          }
        }
        const int expected = better + 1;
        if (static_cast<int>(rank.number) == expected) continue;
        Finding finding;
        finding.severity = Severity::error;
        finding.rule_id = "rank.mismatch";
        finding.unit = ranked.unit;
        finding.row = ranked.row_number;
        finding.indicator = indicator.code;
        finding.raw = rank.raw;
        finding.expected = std::to_string(expected);
        finding.file = state_->file;
        finding.pos = rank.pos.col_idx != 0 ? rank.pos : ranked.row_pos;
        finding.period = period;
        const int tied =
            static_cast<int>(std::count_if(rows.begin(), rows.end(), [&](const Ranked& other) {
              return std::abs(other.score - ranked.score) <=
                     1e-9 * std::max(1.0, std::abs(ranked.score));
            }));
        const std::string score_vi = number::format(ranked.score, by.decimals, Lang::vi);
        const std::string score_en = number::format(ranked.score, by.decimals, Lang::en);
        finding.message_vi = fmt::format(
            "«{}» của {} ghi hạng {}, nhưng theo «{}» ({}) thì {} đứng hạng {}{}.",
            indicator.label_vi, ranked.shown, rank.raw, by.label_vi, score_vi, ranked.shown, expected,
            tied > 1 ? fmt::format(" (đồng hạng với {} đơn vị khác)", tied - 1) : "");
        finding.message_en = fmt::format(
            "“{}” for {} is typed {}, but by “{}” ({}) {} ranks {}{}.", indicator.label_en,
            ranked.shown, rank.raw, by.label_en, score_en, ranked.shown, expected,
            tied > 1 ? fmt::format(" (tied with {} other units)", tied - 1) : "");
        finding.hint_vi = fmt::format("Có lẽ đúng là hạng {}.", expected);
        finding.hint_en = fmt::format("The likely rank is {}.", expected);
        out.push_back(std::move(finding));
      }
    }
  }
}

}  // namespace chiso::check
