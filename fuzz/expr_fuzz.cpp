// The expression language: Expr::parse on any text (an error names its
// position, never a crash or a deep recursion); when it parses, the compiled
// program (over the values and over an ExprRow) and the reference tree walk
// (detail::eval_by_tree) give the same kind, decimals and number.
//
// Input: the expression text, then after the first NUL byte the row: up to
// eight cells separated by '\t' (blank, a number typed the Vietnamese way,
// "x" or text), which the names are spread over.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "common/limits.h"
#include "common/number.h"
#include "fuzz/fuzz_check.h"
#include "plan/expr.h"

namespace {

constexpr int kNames = 8;

// Every name is a column (so the plans' own rules are seeds), but for names
// starting with "zz": unknown, to reach the parser's error path.
int resolve(std::string_view name) {
  if (name.rfind("zz", 0) == 0) return -1;
  unsigned sum = 0;
  for (char c : name) sum += static_cast<unsigned char>(c);
  return static_cast<int>(sum % kNames);
}

chiso::Value cell_value(std::string_view cell) {
  chiso::Value value;
  value.raw = std::string(cell);
  if (cell.empty()) return value;
  if (cell == "x") {
    value.state = chiso::ValueState::yes;
    value.number = 1;
  } else if (const auto number = chiso::number::parse(cell)) {
    value.state = chiso::ValueState::number;
    value.number = *number;
  } else {
    value.state = chiso::ValueState::text;
  }
  return value;
}

bool same(const chiso::ExprValue& a, const chiso::ExprValue& b) {
  if (a.kind != b.kind || a.decimals != b.decimals) return false;
  if (std::isnan(a.number) && std::isnan(b.number)) return true;
  return std::memcmp(&a.number, &b.number, sizeof(double)) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string_view text = input.substr(0, nul);
  auto expr = chiso::Expr::parse(text, resolve);
  if (!expr) {
    chiso::fuzz::require(text.size() > chiso::limits::rule_length_bytes_max ||
                             expr.error().message.rfind("at ", 0) == 0,
                         "a parse error that does not say where", input);
    return 0;
  }
  std::vector<chiso::Value> row;
  if (nul != std::string_view::npos) {
    std::string_view rest = input.substr(nul + 1);
    while (static_cast<int>(row.size()) < kNames) {
      const size_t tab = rest.find('\t');
      row.push_back(cell_value(rest.substr(0, tab)));
      if (tab == std::string_view::npos) break;
      rest = rest.substr(tab + 1);
    }
  }
  const chiso::ExprValue tree = chiso::detail::eval_by_tree(*expr, row);
  chiso::ExprRow expr_row;
  expr_row.assign(row);
  chiso::fuzz::require(same(expr->eval(row), tree),
                       "the compiled program and the tree walk disagree", input);
  chiso::fuzz::require(same(expr->eval(expr_row), tree),
                       "the compiled program over an ExprRow and the tree walk disagree", input);
  std::vector<std::optional<double>> numbers;
  for (const chiso::Value& value : row) {
    numbers.push_back(value.has_number() ? std::optional<double>(value.number) : std::nullopt);
  }
  (void)expr->eval_numbers(numbers);
  return 0;
}
