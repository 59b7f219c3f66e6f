// The small expression language of plan files: derived formulas
// (`100 * online_full / online_total`), rule conditions and expected values.
// Documented in docs/plan-format.md.
//
//   literals     12  1.5  yes  no  null
//   names        indicator codes; a blank cell is null, a mark is yes/no
//   arithmetic   + - * /   (null in → null out; x/0 → null)
//   comparison   == != < <= > >=   (null in → null)
//   logic        and or not  (three-valued: null and no → no)
//   functions    present(a, …)  all given cells hold a number or a mark
//                blank(a)       the cell is blank
//                abs(x) min(a,b) max(a,b) round(x, digits)
//                agrees(typed, computed)  typed share agrees with the computed
//                  one: equal after rounding or truncating to the typed
//                  decimals, or within 0.5 points
//                digit_typo(a, b)  a and b differ by one digit changed,
//                  dropped, added, or two neighbouring digits swapped
//
// A rule whose `check` evaluates to null is not applicable (no finding).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"
#include "common/result.h"

namespace chiso {

struct ExprValue {
  enum class Kind : unsigned char { null, number, boolean } kind = Kind::null;
  double number = 0;  // boolean: 1 or 0
  static ExprValue null_value() { return {}; }
  static ExprValue of(double v) { return {Kind::number, v}; }
  static ExprValue of_bool(bool v) { return {Kind::boolean, v ? 1.0 : 0.0}; }
  bool is_null() const { return kind == Kind::null; }
  bool truthy() const { return kind != Kind::null && number != 0; }
};

class Expr {
 public:
  // Resolves a name to an index into the values given to eval(); -1 = unknown
  // name (a parse error naming it).
  using Resolver = std::function<int(std::string_view name)>;

  // Errors say the position and what was expected: "at 14: expected ')'".
  static Result<Expr> parse(std::string_view text, const Resolver& resolve);

  // Evaluates over a row's values (indexed as the resolver said).
  ExprValue eval(const std::vector<Value>& values) const;
  // Evaluates over plain numbers (city-wide sums); nullopt = null.
  ExprValue eval_numbers(const std::vector<std::optional<double>>& numbers) const;

  const std::string& text() const { return text_; }
  // Indices of the names used, in order of first use.
  const std::vector<int>& names_used() const { return names_; }

  struct Node;

 private:
  std::string text_;
  std::vector<int> names_;
  std::shared_ptr<const Node> root_;
};

}  // namespace chiso
