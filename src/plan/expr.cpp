// The expression language, in phases, a file each:
//   1. expr_parse.cpp    text → a flat array of nodes (children by index),
//                        names resolved to value indices;
//   2. expr_compile.cpp  the node tree → a register program;
//   3. expr_run.cpp      the machine that runs the program over a row
//                        (Expr::eval);
//   expr_tree.cpp        the reference: a walk of the tree, for the tests;
//   expr_program.h       the parsed and compiled form and the arithmetic
//                        all of them share.
// This file: Expr::parse (phases 1 and 2) and the reading of typed decimals
// and digit typos. The program is what eval() runs
// on every row: a plan evaluates tens of expressions per row, and the tree
// walk (a recursive call and a 16-byte copy per node, each name's cell
// re-read at every use, the typed decimals of a cell worked out from its text
// at every load) cost more than all the other checks together. The tree walk
// is kept as detail::eval_by_tree(), the reference the tests hold the
// program to.
//
// The program reads three register files, all ExprSlots: the names (a row's
// values, read once per row into an ExprRow or once per eval()), the
// literals (in the program), and one temporary per instruction, which that
// instruction writes. So an operand is (file, index) and is read without a
// branch; a name or literal operand costs no instruction of its own.
// and/or/implies compute their left side, then a jump instruction decides
// the result alone when it can (no and …, yes or …), writes it where the
// combining instruction would have, and skips the right side.
// Evaluation has no side effects, so evaluating an operand the tree walk
// would have skipped (the right side of 1/null, say) cannot change a result.
// A cell's typed decimals are read from its text only when agrees() or
// digit_typo() need them (agrees(): only when the values are 0.5 apart).
#include "plan/expr.h"

#include <string>

#include "common/limits.h"
#include "plan/expr_program.h"

namespace chiso {

using expr_detail::is_digit;

int typed_decimals(std::string_view raw) {
  // Trim ASCII spaces, NBSP (C2 A0) and a trailing '%'.
  auto trim = [](std::string_view& text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (true) {
      if (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '%')) {
        text.remove_suffix(1);
      } else if (text.size() >= 2 && static_cast<unsigned char>(text[text.size() - 2]) == 0xC2 &&
                 static_cast<unsigned char>(text.back()) == 0xA0) {
        text.remove_suffix(2);
      } else {
        break;
      }
    }
    while (text.size() >= 2 && static_cast<unsigned char>(text[0]) == 0xC2 &&
           static_cast<unsigned char>(text[1]) == 0xA0) {
      text.remove_prefix(2);
    }
  };
  trim(raw);
  auto digits_after = [&](size_t separator) {
    int count = 0;
    for (size_t idx = separator + 1; idx < raw.size() && is_digit(raw[idx]); ++idx) ++count;
    return count;
  };
  size_t comma = raw.rfind(',');
  if (comma != std::string_view::npos) return digits_after(comma);
  size_t dot = raw.find('.');
  if (dot == std::string_view::npos || raw.find('.', dot + 1) != std::string_view::npos) return 0;
  int after = digits_after(dot);
  return after == 3 ? 0 : after;
}

bool is_digit_typo(std::string_view a, std::string_view b) {
  if (a == b || a.empty() || b.empty()) return false;
  if (a.size() == b.size()) {
    size_t first_diff = std::string_view::npos;
    int diff_count = 0;
    for (size_t idx = 0; idx < a.size(); ++idx) {
      if (a[idx] != b[idx]) {
        if (diff_count == 0) first_diff = idx;
        ++diff_count;
      }
    }
    if (diff_count == 1) return a.size() >= 2;  // any single digit "differs by one digit"
    if (diff_count == 2 && first_diff + 1 < a.size() && a[first_diff + 1] != b[first_diff + 1] &&
        a[first_diff] == b[first_diff + 1] && a[first_diff + 1] == b[first_diff]) {
      return true;
    }
    return false;
  }
  std::string_view longer = a.size() > b.size() ? a : b;
  std::string_view shorter = a.size() > b.size() ? b : a;
  if (longer.size() != shorter.size() + 1) return false;
  size_t prefix = 0;
  while (prefix < shorter.size() && longer[prefix] == shorter[prefix]) ++prefix;
  return longer.substr(prefix + 1) == shorter.substr(prefix);
}

Expr::Expr() = default;

Result<Expr> Expr::parse(std::string_view text, const Resolver& resolve) {
  if (text.size() > limits::rule_length_bytes_max) {
    return make_error("the expression is " + std::to_string(text.size()) + " bytes long; expected at most " +
                      std::to_string(limits::rule_length_bytes_max));
  }
  auto program = std::make_shared<Program>();
  Expr expr;
  std::string error;
  int root = expr_detail::parse_tree(text, resolve, *program, expr.names_, error);
  if (root < 0) return make_error(error);
  program->root = root;
  expr_detail::compile_program(*program);
  expr.text_ = std::string(text);
  expr.program_ = std::move(program);
  return expr;
}

}  // namespace chiso
