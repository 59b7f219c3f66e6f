// The small expression language of plan files: derived formulas
// (`100 * online_full / online_total`), rule conditions and expected values.
// Documented in docs/plan-format.md ("Expressions and rules").
//
//   literals     12  1.5  yes  no  null  (true/false are yes/no)
//   names        indicator codes; a blank cell is null, a text cell (`86-96`)
//                is null, a mark is yes/no
//   arithmetic   + - * / and unary -   (null in → null out; x/0 → null)
//   comparison   == != < <= > >=   (null in → null; equal within 1e-9)
//   logic        and or not implies  (three-valued, Kleene: null and no → no,
//                null or yes → yes, otherwise null in → null)
//   functions    present(a, …)  every argument holds a value (a number or
//                               a mark; a text cell is not present)
//                blank(a)       the cell is blank (a text cell is not blank)
//                abs(x) min(a, b, …) max(a, b, …) round(x, digits)
//                agrees(typed, computed)  the typed share agrees with the
//                  computed one: equal after rounding or truncating the
//                  computed one to the typed value's decimals ("80,5" has 1,
//                  "100" has 0), or within 0.5 points
//                digit_typo(a, b)  a and b, written with a's decimals,
//                  differ by one digit changed (numbers of 2+ digits),
//                  dropped, added, or two neighbouring digits swapped
//   precedence   or < and < not < comparison < + - < * / < unary -
//
// A rule whose `check` evaluates to null is not applicable (no finding).
// Limits: text longer than limits::rule_length_bytes_max or nested deeper
// than limits::expression_depth_max is a parse error, never a stack overflow.
//
// Thread-safety: an Expr is immutable after parse(); eval() may be called
// from many threads at once. Copies share the compiled program.
//
// parse() compiles the text into a flat program of instructions over
// registers (names, literals and one register per instruction; and/or/implies
// as jumps), so that evaluating the plan's rules over a row costs a few
// hundred instructions and allocates nothing. A checker evaluating many
// expressions over one row reads the row once into an ExprRow.
// detail::eval_by_tree() is the plain tree walk the program must agree with;
// the tests compare the two.
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
  // Decimals as typed for a value read from a cell or a literal ("80,5" → 1);
  // -1 when computed. Used by agrees() and digit_typo().
  signed char decimals = -1;
  double number = 0;  // boolean: 1 or 0

  static ExprValue null_value() { return {}; }
  static ExprValue of(double v, int decimals = -1) {
    return {Kind::number, static_cast<signed char>(decimals), v};
  }
  static ExprValue of_bool(bool v) { return {Kind::boolean, -1, v ? 1.0 : 0.0}; }
  bool is_null() const { return kind == Kind::null; }
  bool truthy() const { return kind != Kind::null && number != 0; }
};

// The decimals a cell's raw text was typed with, read the way number::parse
// reads it: "80,5" → 1, "100" → 0, "99.5" → 1, "1.045" → 0, "74,05%" → 2.
int typed_decimals(std::string_view raw);

// The digit-typo relation used by digit_typo(): `a_digits` and `b_digits`
// are digit strings. Exposed for tests.
bool is_digit_typo(std::string_view a_digits, std::string_view b_digits);

class Expr;

namespace detail {
// One value as the compiled program holds it: an ExprValue without default
// member initialisers (so an array of them costs nothing to set up; each is
// written before it is read), and whether a name's cell is blank (blank()
// tells a blank cell from a text one, both null).
struct ExprSlot {
  ExprValue::Kind kind;
  signed char decimals;
  bool blank;
  double number;
};

// The reference evaluator: walks the parsed tree node by node. Gives the same
// answer as Expr::eval() for every expression and row (the tests check this
// on random ones); slower. For tests only.
ExprValue eval_by_tree(const Expr& expr, const std::vector<Value>& values);
}  // namespace detail

// A row's values as expressions read them, worked out once per row and
// shared by every expression evaluated over it (TableChecker: all the rules).
class ExprRow {
 public:
  // REQUIRES: `values` stays alive and unchanged while this ExprRow is used
  // (until the next assign()).
  void assign(const std::vector<Value>& values);
  const std::vector<Value>& values() const { return *values_; }

 private:
  friend class Expr;
  const std::vector<Value>* values_ = nullptr;
  std::vector<detail::ExprSlot> slots_;  // parallel to *values_
};

class Expr {
 public:
  // Resolves a name to an index into the values given to eval(); -1 = unknown
  // name (a parse error naming it).
  using Resolver = std::function<int(std::string_view name)>;

  // An empty expression: evaluates to null.
  Expr();

  // Errors say the position (1-based byte column) and what was expected:
  // "at 14: expected ')'".
  static Result<Expr> parse(std::string_view text, const Resolver& resolve);

  // Evaluates over a row's values (indexed as the resolver said). A name
  // whose index is past the end of `values` is null.
  ExprValue eval(const std::vector<Value>& values) const;
  // The same over a row read once: for many expressions over one row.
  // REQUIRES: row.assign() was called.
  ExprValue eval(const ExprRow& row) const;
  // Evaluates over plain numbers (city-wide sums); nullopt = null.
  ExprValue eval_numbers(const std::vector<std::optional<double>>& numbers) const;

  bool empty() const { return program_ == nullptr; }
  const std::string& text() const { return text_; }
  // Indices of the names used, in order of first use.
  const std::vector<int>& names_used() const { return names_; }

  struct Program;

 private:
  friend ExprValue detail::eval_by_tree(const Expr& expr, const std::vector<Value>& values);

  std::string text_;
  std::vector<int> names_;
  std::shared_ptr<const Program> program_;
};

}  // namespace chiso
