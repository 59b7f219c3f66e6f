// The parsed and compiled form of an expression, and the arithmetic every
// phase shares (expr.cpp's file comment lists the phases). Internal to
// src/plan: nothing outside the expression language includes it. The small
// helpers are inline because the machine calls them for every row.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "plan/expr.h"

namespace chiso {
namespace expr_detail {

enum class Op : std::uint8_t {
  literal, name, negate, add, sub, mul, div,
  eq, ne, lt, le, gt, ge,
  logic_and, logic_or, logic_not, implies,
  present, blank, abs, min, max, round, agrees, digit_typo,
};

struct Node {
  Op op = Op::literal;
  bool want_decimals = false;  // name: compute the typed decimals from raw
  ExprValue literal;           // Op::literal
  int name_idx = -1;           // Op::name
  int lhs = -1;                // unary and binary operators
  int rhs = -1;
  int arg_first = 0;           // functions: Program::args[arg_first, +arg_count)
  int arg_count = 0;
};

// The compiled program's instructions. Each writes its own temporary
// (temps[instruction index]), except the jumps.
enum class Code : std::uint8_t {
  negate, abs, logic_not, blank,           // f(a)
  add, sub, mul, div, eq, ne, lt, le, gt, ge,
  round, agrees, digit_typo,               // f(a, b)
  and_jump, or_jump,                       // a decides alone: write it to temps[target - 1], go to target
  logic_and, logic_or,                     // f(a, b) after the jump did not decide
  present, min, max,                       // f(Program::operands[first, +count))
};

// Where an instruction reads an operand: a register file and an index in it.
// An operand an instruction does not use reads literal 0, always null, so
// that every read is of a value that was written.
struct Operand {
  enum class From : std::uint8_t { temp, literal, name } from = From::literal;
  int index = 0;
};

struct Instr {
  Code code = Code::negate;
  Operand a;
  Operand b;
  int first = 0;   // present/min/max: the first operand in Program::operands
  int count = 0;   // present/min/max: the number of operands; jumps: the target
};

using detail::ExprSlot;

}  // namespace expr_detail

struct Expr::Program {
  // The parse tree.
  std::vector<expr_detail::Node> nodes;
  std::vector<int> args;
  int root = -1;
  // The compiled program; `result` is where the value ends up.
  std::vector<expr_detail::Instr> code;
  std::vector<detail::ExprSlot> literals;
  std::vector<expr_detail::Operand> operands;
  expr_detail::Operand result;
  int names_end = 0;  // 1 + the largest name index used; 0 = none
};

namespace expr_detail {

// The arithmetic and logic of the language, the same in the tree walk and
// the machine.

inline constexpr double kEqualTolerance = 1e-9;

inline bool near_equal(double a, double b) {
  // max(1, |a|, |b|), the first of equals (as std::max({…}) picks), without
  // the initializer list: this runs for every comparison of every row.
  double scale = 1.0;
  if (scale < std::fabs(a)) scale = std::fabs(a);
  if (scale < std::fabs(b)) scale = std::fabs(b);
  return std::fabs(a - b) <= kEqualTolerance * scale;
}

inline double pow10(int digits) {
  static constexpr double kPowers[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  digits = std::clamp(digits, 0, 9);
  return kPowers[digits];
}

// Half away from zero, with a nudge so 54.285 (stored as 54.28499…) rounds up
// as a person rounding the printed number would.
inline double round_to(double value, int digits) {
  double scale = pow10(digits);
  double scaled = value * scale;
  return std::round(scaled + (scaled >= 0 ? 1e-7 : -1e-7)) / scale;
}

inline double truncate_to(double value, int digits) {
  double scale = pow10(digits);
  double scaled = value * scale;
  return std::trunc(scaled + (scaled >= 0 ? 1e-7 : -1e-7)) / scale;
}

inline bool is_whole(double value) { return std::fabs(value - std::round(value)) < 1e-9; }

// |value| written with `digits` decimals, without the point and leading zeros.
inline std::string digit_string(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", std::clamp(digits, 0, 9),
                std::fabs(round_to(value, digits)));
  std::string out;
  for (const char* cursor = buffer; *cursor != '\0'; ++cursor) {
    if (*cursor >= '0' && *cursor <= '9') out.push_back(*cursor);
  }
  size_t first = out.find_first_not_of('0');
  if (first == std::string::npos) return "0";
  return out.substr(first);
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }


inline ExprValue logic_and(const ExprValue& a, const ExprValue& b) {
  if ((!a.is_null() && !a.truthy()) || (!b.is_null() && !b.truthy())) return ExprValue::of_bool(false);
  if (a.is_null() || b.is_null()) return {};
  return ExprValue::of_bool(true);
}

inline ExprValue logic_or(const ExprValue& a, const ExprValue& b) {
  if (a.truthy() || b.truthy()) return ExprValue::of_bool(true);
  if (a.is_null() || b.is_null()) return {};
  return ExprValue::of_bool(false);
}

inline ExprValue logic_not(const ExprValue& a) {
  if (a.is_null()) return {};
  return ExprValue::of_bool(!a.truthy());
}

inline bool agrees(const ExprValue& typed, const ExprValue& computed) {
  if (std::fabs(typed.number - computed.number) <= 0.5 + 1e-9) return true;
  if (typed.decimals < 0) return near_equal(typed.number, computed.number);
  return near_equal(typed.number, round_to(computed.number, typed.decimals)) ||
         near_equal(typed.number, truncate_to(computed.number, typed.decimals));
}

inline bool digit_typo(const ExprValue& a, const ExprValue& b) {
  int digits = a.decimals;
  if (digits < 0) digits = b.decimals;
  if (digits < 0) digits = is_whole(a.number) && is_whole(b.number) ? 0 : 2;
  return is_digit_typo(digit_string(a.number, digits), digit_string(b.number, digits));
}

// The machine's values.

inline ExprSlot slot_null() { return ExprSlot{ExprValue::Kind::null, -1, false, 0}; }
inline ExprSlot slot_number(double number, int decimals = -1) {
  return ExprSlot{ExprValue::Kind::number, static_cast<signed char>(decimals), false, number};
}
inline ExprSlot slot_bool(bool value) { return ExprSlot{ExprValue::Kind::boolean, -1, false, value ? 1.0 : 0.0}; }
inline ExprSlot slot_of(const ExprValue& value) { return ExprSlot{value.kind, value.decimals, false, value.number}; }
inline ExprValue value_of(const ExprSlot& slot) {
  ExprValue value;
  value.kind = slot.kind;
  value.decimals = slot.decimals;
  value.number = slot.number;
  return value;
}
inline bool is_null(const ExprSlot& slot) { return slot.kind == ExprValue::Kind::null; }
inline bool truthy(const ExprSlot& slot) { return slot.kind != ExprValue::Kind::null && slot.number != 0; }

// Phase 1 (expr_parse.cpp): the tree of `text` into program.nodes and
// program.args, each name's index added to `names` in order of first use.
// Returns the root node, or -1 with `error` set ("at 14: expected ')'").
int parse_tree(std::string_view text, const Expr::Resolver& resolve, Expr::Program& program,
               std::vector<int>& names, std::string& error);

// Phase 2 (expr_compile.cpp): the tree lowered into program.code.
void compile_program(Expr::Program& program);

}  // namespace expr_detail
}  // namespace chiso
