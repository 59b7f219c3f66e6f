// The expression language: a recursive-descent parser producing a flat node
// array (children by index), then a compiler that lowers the node tree into a
// register program run by a small machine. The program is what eval() runs
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

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "common/limits.h"

namespace chiso {

namespace {

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

}  // namespace

struct Expr::Program {
  // The parse tree.
  std::vector<Node> nodes;
  std::vector<int> args;
  int root = -1;
  // The compiled program; `result` is where the value ends up.
  std::vector<Instr> code;
  std::vector<ExprSlot> literals;
  std::vector<Operand> operands;
  Operand result;
  int names_end = 0;  // 1 + the largest name index used; 0 = none
};

namespace {

constexpr double kEqualTolerance = 1e-9;

bool near_equal(double a, double b) {
  // max(1, |a|, |b|), the first of equals (as std::max({…}) picks), without
  // the initializer list: this runs for every comparison of every row.
  double scale = 1.0;
  if (scale < std::fabs(a)) scale = std::fabs(a);
  if (scale < std::fabs(b)) scale = std::fabs(b);
  return std::fabs(a - b) <= kEqualTolerance * scale;
}

double pow10(int digits) {
  static constexpr double kPowers[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  digits = std::clamp(digits, 0, 9);
  return kPowers[digits];
}

// Half away from zero, with a nudge so 54.285 (stored as 54.28499…) rounds up
// as a person rounding the printed number would.
double round_to(double value, int digits) {
  double scale = pow10(digits);
  double scaled = value * scale;
  return std::round(scaled + (scaled >= 0 ? 1e-7 : -1e-7)) / scale;
}

double truncate_to(double value, int digits) {
  double scale = pow10(digits);
  double scaled = value * scale;
  return std::trunc(scaled + (scaled >= 0 ? 1e-7 : -1e-7)) / scale;
}

bool is_whole(double value) { return std::fabs(value - std::round(value)) < 1e-9; }

// |value| written with `digits` decimals, without the point and leading zeros.
std::string digit_string(double value, int digits) {
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

// ---------------------------------------------------------------------------
// Parser

const char* function_name(Op op) {
  switch (op) {
    case Op::present: return "present";
    case Op::blank: return "blank";
    case Op::abs: return "abs";
    case Op::min: return "min";
    case Op::max: return "max";
    case Op::round: return "round";
    case Op::agrees: return "agrees";
    case Op::digit_typo: return "digit_typo";
    default: return "?";
  }
}

bool function_op(std::string_view name, Op& op) {
  static constexpr std::pair<std::string_view, Op> kFunctions[] = {
      {"present", Op::present}, {"blank", Op::blank},   {"abs", Op::abs},
      {"min", Op::min},         {"max", Op::max},       {"round", Op::round},
      {"agrees", Op::agrees},   {"digit_typo", Op::digit_typo},
  };
  for (const auto& [known, known_op] : kFunctions) {
    if (known == name) {
      op = known_op;
      return true;
    }
  }
  return false;
}

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Parser {
 public:
  Parser(std::string_view text, const Expr::Resolver& resolve, Expr::Program& program,
         std::vector<int>& names)
      : text_(text), resolve_(resolve), program_(program), names_(names) {}

  // Returns the root node, or -1 with error() set.
  int parse_all() {
    int root = parse_or();
    if (root < 0) return -1;
    skip_space();
    if (pos_ < text_.size()) return fail("expected an operator or the end of the expression");
    return root;
  }

  const std::string& error() const { return error_; }

 private:
  // --- lexing helpers
  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool at_end() {
    skip_space();
    return pos_ >= text_.size();
  }
  // Consumes `symbol` when it is next (operators).
  bool accept(std::string_view symbol) {
    skip_space();
    if (text_.substr(pos_, symbol.size()) != symbol) return false;
    pos_ += symbol.size();
    return true;
  }
  // The identifier starting at pos_ ("" when none), not consumed.
  std::string_view peek_word() {
    skip_space();
    size_t end = pos_;
    if (end < text_.size() && is_ident_start(text_[end])) {
      while (end < text_.size() && is_ident_char(text_[end])) ++end;
    }
    return text_.substr(pos_, end - pos_);
  }
  bool accept_word(std::string_view word) {
    if (peek_word() != word) return false;
    pos_ += word.size();
    return true;
  }
  std::string found() {
    skip_space();
    if (pos_ >= text_.size()) return "the end of the expression";
    std::string_view word = peek_word();
    if (!word.empty()) return "'" + std::string(word) + "'";
    // One whole UTF-8 character, so a Vietnamese letter shows as itself.
    size_t length = 1;
    unsigned char lead = static_cast<unsigned char>(text_[pos_]);
    if (lead >= 0xF0) {
      length = 4;
    } else if (lead >= 0xE0) {
      length = 3;
    } else if (lead >= 0xC0) {
      length = 2;
    }
    return "'" + std::string(text_.substr(pos_, length)) + "'";
  }

  int fail(const std::string& what) {
    if (error_.empty()) error_ = "at " + std::to_string(pos_ + 1) + ": " + what;
    return -1;
  }
  int expected(const std::string& what) {
    std::string message = "expected ";
    message += what;
    message += ", found ";
    message += found();
    return fail(message);
  }

  int add_node(Node node) {
    program_.nodes.push_back(node);
    return static_cast<int>(program_.nodes.size()) - 1;
  }
  int binary(Op op, int lhs, int rhs) {
    Node node;
    node.op = op;
    node.lhs = lhs;
    node.rhs = rhs;
    return add_node(node);
  }

  struct DepthGuard {
    explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }
    ~DepthGuard() { --depth_; }
    int& depth_;
  };
  bool too_deep() {
    if (depth_ <= limits::expression_depth_max) return false;
    fail("the expression is nested deeper than " + std::to_string(limits::expression_depth_max) +
         " levels; expected a simpler expression");
    return true;
  }

  // --- grammar
  int parse_or() {
    DepthGuard guard(depth_);
    if (too_deep()) return -1;
    int lhs = parse_and();
    while (lhs >= 0) {
      if (accept_word("or")) {
        int rhs = parse_and();
        if (rhs < 0) return -1;
        lhs = binary(Op::logic_or, lhs, rhs);
      } else if (accept_word("implies")) {
        int rhs = parse_and();
        if (rhs < 0) return -1;
        lhs = binary(Op::implies, lhs, rhs);
      } else {
        break;
      }
    }
    return lhs;
  }

  int parse_and() {
    int lhs = parse_not();
    while (lhs >= 0 && accept_word("and")) {
      int rhs = parse_not();
      if (rhs < 0) return -1;
      lhs = binary(Op::logic_and, lhs, rhs);
    }
    return lhs;
  }

  int parse_not() {
    if (accept_word("not")) {
      DepthGuard guard(depth_);
      if (too_deep()) return -1;
      int operand = parse_not();
      if (operand < 0) return -1;
      return binary(Op::logic_not, operand, -1);
    }
    return parse_comparison();
  }

  int parse_comparison() {
    int lhs = parse_additive();
    if (lhs < 0) return -1;
    static constexpr std::pair<std::string_view, Op> kComparisons[] = {
        {"==", Op::eq}, {"!=", Op::ne}, {"<=", Op::le}, {">=", Op::ge}, {"<", Op::lt}, {">", Op::gt},
    };
    for (const auto& [symbol, op] : kComparisons) {
      if (accept(symbol)) {
        int rhs = parse_additive();
        if (rhs < 0) return -1;
        skip_space();
        if (pos_ < text_.size() && (text_[pos_] == '<' || text_[pos_] == '>' || text_[pos_] == '=' ||
                                    text_[pos_] == '!')) {
          return fail("comparisons cannot be chained; expected 'and' between two comparisons");
        }
        return binary(op, lhs, rhs);
      }
    }
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '=') {
      return fail("'=' is not an operator; expected '==' to compare");
    }
    return lhs;
  }

  int parse_additive() {
    int lhs = parse_multiplicative();
    while (lhs >= 0) {
      if (accept("+")) {
        int rhs = parse_multiplicative();
        if (rhs < 0) return -1;
        lhs = binary(Op::add, lhs, rhs);
      } else if (accept("-")) {
        int rhs = parse_multiplicative();
        if (rhs < 0) return -1;
        lhs = binary(Op::sub, lhs, rhs);
      } else {
        break;
      }
    }
    return lhs;
  }

  int parse_multiplicative() {
    int lhs = parse_unary();
    while (lhs >= 0) {
      if (accept("*")) {
        int rhs = parse_unary();
        if (rhs < 0) return -1;
        lhs = binary(Op::mul, lhs, rhs);
      } else if (accept("/")) {
        int rhs = parse_unary();
        if (rhs < 0) return -1;
        lhs = binary(Op::div, lhs, rhs);
      } else {
        break;
      }
    }
    return lhs;
  }

  int parse_unary() {
    if (accept("-")) {
      DepthGuard guard(depth_);
      if (too_deep()) return -1;
      int operand = parse_unary();
      if (operand < 0) return -1;
      return binary(Op::negate, operand, -1);
    }
    return parse_primary();
  }

  int parse_number() {
    size_t start = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    int decimals = 0;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      size_t fraction_start = pos_;
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
      if (pos_ == fraction_start) return expected("digits after the decimal point");
      decimals = static_cast<int>(pos_ - fraction_start);
    }
    if (pos_ < text_.size() && (text_[pos_] == ',' && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1]))) {
      return fail("a number in an expression uses a dot for decimals (1.5, not 1,5)");
    }
    std::string digits(text_.substr(start, pos_ - start));
    Node node;
    node.op = Op::literal;
    node.literal = ExprValue::of(std::strtod(digits.c_str(), nullptr), std::min(decimals, 9));
    return add_node(node);
  }

  int parse_primary() {
    skip_space();
    if (pos_ >= text_.size()) return expected("a number, a name or '('");
    char c = text_[pos_];
    if (is_digit(c) || c == '.') {
      if (c == '.') return expected("a digit before the decimal point");
      return parse_number();
    }
    if (c == '(') {
      ++pos_;
      int inner = parse_or();
      if (inner < 0) return -1;
      if (!accept(")")) return expected("')'");
      return inner;
    }
    std::string_view word = peek_word();
    if (word.empty()) return expected("a number, a name or '('");
    size_t word_pos = pos_;
    pos_ += word.size();
    if (word == "yes" || word == "true") return literal(ExprValue::of_bool(true));
    if (word == "no" || word == "false") return literal(ExprValue::of_bool(false));
    if (word == "null") return literal(ExprValue::null_value());
    if (word == "and" || word == "or" || word == "not" || word == "implies") {
      pos_ = word_pos;
      return expected("a number, a name or '('");
    }
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '(') {
      Op op;
      if (!function_op(word, op)) {
        pos_ = word_pos;
        return fail("'" + std::string(word) +
                    "' is not a function; expected present, blank, abs, min, max, round, agrees "
                    "or digit_typo");
      }
      ++pos_;
      return parse_call(op, word_pos);
    }
    int name_idx = resolve_ ? resolve_(word) : -1;
    if (name_idx < 0) {
      pos_ = word_pos;
      return fail("unknown name '" + std::string(word) + "'; expected an indicator code");
    }
    if (std::find(names_.begin(), names_.end(), name_idx) == names_.end()) names_.push_back(name_idx);
    Node node;
    node.op = Op::name;
    node.name_idx = name_idx;
    return add_node(node);
  }

  int literal(ExprValue value) {
    Node node;
    node.op = Op::literal;
    node.literal = value;
    return add_node(node);
  }

  int parse_call(Op op, size_t call_pos) {
    DepthGuard guard(depth_);
    if (too_deep()) return -1;
    std::vector<int> args;
    if (!accept(")")) {
      while (true) {
        int arg = parse_or();
        if (arg < 0) return -1;
        args.push_back(arg);
        if (accept(")")) break;
        if (!accept(",")) return expected("',' or ')'");
      }
    }
    auto arity_error = [&](const std::string& wanted) {
      pos_ = call_pos;
      return fail(std::string(function_name(op)) + " takes " + wanted + ", found " +
                  std::to_string(args.size()));
    };
    switch (op) {
      case Op::present:
        if (args.empty()) return arity_error("one or more arguments");
        break;
      case Op::min:
      case Op::max:
        if (args.size() < 2) return arity_error("two or more arguments");
        break;
      case Op::blank:
      case Op::abs:
        if (args.size() != 1) return arity_error("one argument");
        break;
      case Op::round:
      case Op::agrees:
      case Op::digit_typo:
        if (args.size() != 2) return arity_error("two arguments");
        break;
      default:
        break;
    }
    if (op == Op::agrees || op == Op::digit_typo) {
      for (int arg : args) {
        if (program_.nodes[static_cast<size_t>(arg)].op == Op::name) {
          program_.nodes[static_cast<size_t>(arg)].want_decimals = true;
        }
      }
    }
    Node node;
    node.op = op;
    node.arg_first = static_cast<int>(program_.args.size());
    node.arg_count = static_cast<int>(args.size());
    program_.args.insert(program_.args.end(), args.begin(), args.end());
    return add_node(node);
  }

  std::string_view text_;
  const Expr::Resolver& resolve_;
  Expr::Program& program_;
  std::vector<int>& names_;
  size_t pos_ = 0;
  int depth_ = 0;
  std::string error_;
};

// ---------------------------------------------------------------------------
// The tree walk: detail::eval_by_tree(), the reference the compiled program
// is tested against. A `Source` gives a name's value (decimals -1), the
// decimals its cell was typed with (-1 for anything but a typed number), and
// whether its cell is blank.

struct RowSource {
  const std::vector<Value>& values;
  const Value* cell(int name_idx) const {
    if (name_idx < 0 || static_cast<size_t>(name_idx) >= values.size()) return nullptr;
    return &values[static_cast<size_t>(name_idx)];
  }
  ExprValue get(int name_idx) const {
    const Value* value = cell(name_idx);
    if (value == nullptr) return {};
    switch (value->state) {
      case ValueState::number: return ExprValue::of(value->number);
      case ValueState::yes: return ExprValue::of_bool(true);
      case ValueState::no: return ExprValue::of_bool(false);
      case ValueState::blank:
      case ValueState::text: return {};
    }
    return {};
  }
  int decimals(int name_idx) const {
    const Value* value = cell(name_idx);
    if (value == nullptr || value->state != ValueState::number) return -1;
    return typed_decimals(value->raw);
  }
  bool blank(int name_idx) const {
    const Value* value = cell(name_idx);
    return value == nullptr || value->state == ValueState::blank;
  }
};


ExprValue logic_and(const ExprValue& a, const ExprValue& b) {
  if ((!a.is_null() && !a.truthy()) || (!b.is_null() && !b.truthy())) return ExprValue::of_bool(false);
  if (a.is_null() || b.is_null()) return {};
  return ExprValue::of_bool(true);
}

ExprValue logic_or(const ExprValue& a, const ExprValue& b) {
  if (a.truthy() || b.truthy()) return ExprValue::of_bool(true);
  if (a.is_null() || b.is_null()) return {};
  return ExprValue::of_bool(false);
}

ExprValue logic_not(const ExprValue& a) {
  if (a.is_null()) return {};
  return ExprValue::of_bool(!a.truthy());
}

bool agrees(const ExprValue& typed, const ExprValue& computed) {
  if (std::fabs(typed.number - computed.number) <= 0.5 + 1e-9) return true;
  if (typed.decimals < 0) return near_equal(typed.number, computed.number);
  return near_equal(typed.number, round_to(computed.number, typed.decimals)) ||
         near_equal(typed.number, truncate_to(computed.number, typed.decimals));
}

bool digit_typo(const ExprValue& a, const ExprValue& b) {
  int digits = a.decimals;
  if (digits < 0) digits = b.decimals;
  if (digits < 0) digits = is_whole(a.number) && is_whole(b.number) ? 0 : 2;
  return is_digit_typo(digit_string(a.number, digits), digit_string(b.number, digits));
}

template <class Source>
class Evaluator {
 public:
  Evaluator(const Expr::Program& program, const Source& source) : program_(program), source_(source) {}

  ExprValue eval(int node_idx) const {
    const Node& node = program_.nodes[static_cast<size_t>(node_idx)];
    switch (node.op) {
      case Op::literal: return node.literal;
      case Op::name: {
        ExprValue value = source_.get(node.name_idx);
        if (node.want_decimals) value.decimals = static_cast<signed char>(source_.decimals(node.name_idx));
        return value;
      }
      case Op::negate: {
        ExprValue operand = eval(node.lhs);
        if (operand.is_null()) return {};
        return ExprValue::of(-operand.number, operand.decimals);
      }
      case Op::add:
      case Op::sub:
      case Op::mul:
      case Op::div: {
        ExprValue lhs = eval(node.lhs);
        if (lhs.is_null()) return {};
        ExprValue rhs = eval(node.rhs);
        if (rhs.is_null()) return {};
        switch (node.op) {
          case Op::add: return ExprValue::of(lhs.number + rhs.number);
          case Op::sub: return ExprValue::of(lhs.number - rhs.number);
          case Op::mul: return ExprValue::of(lhs.number * rhs.number);
          default:
            if (rhs.number == 0) return {};
            return ExprValue::of(lhs.number / rhs.number);
        }
      }
      case Op::eq:
      case Op::ne:
      case Op::lt:
      case Op::le:
      case Op::gt:
      case Op::ge: {
        ExprValue lhs = eval(node.lhs);
        if (lhs.is_null()) return {};
        ExprValue rhs = eval(node.rhs);
        if (rhs.is_null()) return {};
        bool equal = near_equal(lhs.number, rhs.number);
        switch (node.op) {
          case Op::eq: return ExprValue::of_bool(equal);
          case Op::ne: return ExprValue::of_bool(!equal);
          case Op::lt: return ExprValue::of_bool(!equal && lhs.number < rhs.number);
          case Op::le: return ExprValue::of_bool(equal || lhs.number < rhs.number);
          case Op::gt: return ExprValue::of_bool(!equal && lhs.number > rhs.number);
          default: return ExprValue::of_bool(equal || lhs.number > rhs.number);
        }
      }
      case Op::logic_and: {
        ExprValue lhs = eval(node.lhs);
        if (!lhs.is_null() && !lhs.truthy()) return ExprValue::of_bool(false);
        return logic_and(lhs, eval(node.rhs));
      }
      case Op::logic_or: {
        ExprValue lhs = eval(node.lhs);
        if (lhs.truthy()) return ExprValue::of_bool(true);
        return logic_or(lhs, eval(node.rhs));
      }
      case Op::logic_not: return logic_not(eval(node.lhs));
      case Op::implies: {
        ExprValue lhs = logic_not(eval(node.lhs));
        if (lhs.truthy()) return ExprValue::of_bool(true);
        return logic_or(lhs, eval(node.rhs));
      }
      case Op::present: {
        for (int arg_idx = 0; arg_idx < node.arg_count; ++arg_idx) {
          if (eval(arg(node, arg_idx)).is_null()) return ExprValue::of_bool(false);
        }
        return ExprValue::of_bool(true);
      }
      case Op::blank: {
        const Node& operand = program_.nodes[static_cast<size_t>(arg(node, 0))];
        if (operand.op == Op::name) return ExprValue::of_bool(source_.blank(operand.name_idx));
        return ExprValue::of_bool(eval(arg(node, 0)).is_null());
      }
      case Op::abs: {
        ExprValue operand = eval(arg(node, 0));
        if (operand.is_null()) return {};
        return ExprValue::of(std::fabs(operand.number), operand.decimals);
      }
      case Op::min:
      case Op::max: {
        ExprValue best = eval(arg(node, 0));
        if (best.is_null()) return {};
        for (int arg_idx = 1; arg_idx < node.arg_count; ++arg_idx) {
          ExprValue next = eval(arg(node, arg_idx));
          if (next.is_null()) return {};
          if (node.op == Op::min ? next.number < best.number : next.number > best.number) best = next;
        }
        return best;
      }
      case Op::round: {
        ExprValue value = eval(arg(node, 0));
        ExprValue digits = eval(arg(node, 1));
        if (value.is_null() || digits.is_null()) return {};
        int digit_count = std::clamp(static_cast<int>(std::lround(digits.number)), 0, 9);
        return ExprValue::of(round_to(value.number, digit_count), digit_count);
      }
      case Op::agrees:
      case Op::digit_typo: {
        ExprValue a = eval(arg(node, 0));
        if (a.is_null()) return {};
        ExprValue b = eval(arg(node, 1));
        if (b.is_null()) return {};
        return ExprValue::of_bool(node.op == Op::agrees ? agrees(a, b) : digit_typo(a, b));
      }
    }
    return {};
  }

 private:
  int arg(const Node& node, int arg_idx) const {
    return program_.args[static_cast<size_t>(node.arg_first + arg_idx)];
  }

  const Expr::Program& program_;
  const Source& source_;
};

// ---------------------------------------------------------------------------
// The compiler: parse tree → register program.

ExprSlot slot_null() { return ExprSlot{ExprValue::Kind::null, -1, false, 0}; }
ExprSlot slot_number(double number, int decimals = -1) {
  return ExprSlot{ExprValue::Kind::number, static_cast<signed char>(decimals), false, number};
}
ExprSlot slot_bool(bool value) { return ExprSlot{ExprValue::Kind::boolean, -1, false, value ? 1.0 : 0.0}; }
ExprSlot slot_of(const ExprValue& value) { return ExprSlot{value.kind, value.decimals, false, value.number}; }
ExprValue value_of(const ExprSlot& slot) {
  ExprValue value;
  value.kind = slot.kind;
  value.decimals = slot.decimals;
  value.number = slot.number;
  return value;
}
bool is_null(const ExprSlot& slot) { return slot.kind == ExprValue::Kind::null; }
bool truthy(const ExprSlot& slot) { return slot.kind != ExprValue::Kind::null && slot.number != 0; }

class Compiler {
 public:
  explicit Compiler(Expr::Program& program) : program_(program) {}

  void compile() {
    program_.code.clear();
    program_.literals.clear();
    program_.operands.clear();
    program_.literals.push_back(slot_null());  // literal 0: see Operand
    program_.result = operand(program_.root);
  }

 private:
  const Node& node(int node_idx) const { return program_.nodes[static_cast<size_t>(node_idx)]; }
  int arg(const Node& call, int arg_idx) const {
    return program_.args[static_cast<size_t>(call.arg_first + arg_idx)];
  }

  // Where the value of `node_idx` will be: a leaf is read where it is;
  // anything else is computed into a temporary first.
  Operand operand(int node_idx) {
    const Node& leaf = node(node_idx);
    if (leaf.op == Op::literal) {
      const ExprValue& value = leaf.literal;
      program_.literals.push_back(ExprSlot{value.kind, value.decimals, false, value.number});
      return {Operand::From::literal, static_cast<int>(program_.literals.size()) - 1};
    }
    if (leaf.op == Op::name) {
      program_.names_end = std::max(program_.names_end, leaf.name_idx + 1);
      return {Operand::From::name, leaf.name_idx};
    }
    return emit_node(node_idx);
  }

  Operand emit(Code code, Operand a, Operand b = {}) {
    program_.code.push_back({code, a, b, 0, 0});
    return {Operand::From::temp, static_cast<int>(program_.code.size()) - 1};
  }
  Operand unary(Code code, int operand_node) { return emit(code, operand(operand_node)); }
  Operand binary(Code code, int lhs_node, int rhs_node) {
    Operand a = operand(lhs_node);
    Operand b = operand(rhs_node);
    return emit(code, a, b);
  }
  // At most one instruction: a leaf, or an operator or function (not
  // and/or/implies) of leaves.
  bool is_cheap(int node_idx) const {
    const Node& current = node(node_idx);
    switch (current.op) {
      case Op::literal:
      case Op::name: return true;
      case Op::logic_and:
      case Op::logic_or:
      case Op::implies: return false;
      case Op::present:
      case Op::blank:
      case Op::abs:
      case Op::min:
      case Op::max:
      case Op::round:
      case Op::agrees:
      case Op::digit_typo:
        for (int arg_idx = 0; arg_idx < current.arg_count; ++arg_idx) {
          Op arg_op = node(arg(current, arg_idx)).op;
          if (arg_op != Op::literal && arg_op != Op::name) return false;
        }
        return true;
      default:
        for (int operand_idx : {current.lhs, current.rhs}) {
          if (operand_idx >= 0 && node(operand_idx).op != Op::literal && node(operand_idx).op != Op::name) {
            return false;
          }
        }
        return true;
    }
  }

  // `lhs` is computed; the jump skips the right side and the combining
  // instruction when lhs alone decides. A right side of one instruction is
  // cheaper to run than to jump over: then no jump (the result is the same).
  Operand short_circuit(Code jump, Code combine, Operand lhs, int rhs_node) {
    if (is_cheap(rhs_node)) {
      Operand rhs = operand(rhs_node);
      return emit(combine, lhs, rhs);
    }
    size_t jump_at = program_.code.size();
    program_.code.push_back({jump, lhs, {}, 0, 0});
    Operand rhs = operand(rhs_node);
    Operand result = emit(combine, lhs, rhs);
    program_.code[jump_at].count = static_cast<int>(program_.code.size());
    return result;
  }
  Operand variadic(Code code, const Node& call) {
    std::vector<Operand> args;
    for (int arg_idx = 0; arg_idx < call.arg_count; ++arg_idx) args.push_back(operand(arg(call, arg_idx)));
    Instr instr{code, {}, {}, static_cast<int>(program_.operands.size()), call.arg_count};
    program_.operands.insert(program_.operands.end(), args.begin(), args.end());
    program_.code.push_back(instr);
    return {Operand::From::temp, static_cast<int>(program_.code.size()) - 1};
  }

  Operand emit_node(int node_idx) {
    const Node& current = node(node_idx);
    switch (current.op) {
      case Op::literal:
      case Op::name: return operand(node_idx);
      case Op::negate: return unary(Code::negate, current.lhs);
      case Op::logic_not: return unary(Code::logic_not, current.lhs);
      case Op::add: return binary(Code::add, current.lhs, current.rhs);
      case Op::sub: return binary(Code::sub, current.lhs, current.rhs);
      case Op::mul: return binary(Code::mul, current.lhs, current.rhs);
      case Op::div: return binary(Code::div, current.lhs, current.rhs);
      case Op::eq: return binary(Code::eq, current.lhs, current.rhs);
      case Op::ne: return binary(Code::ne, current.lhs, current.rhs);
      case Op::lt: return binary(Code::lt, current.lhs, current.rhs);
      case Op::le: return binary(Code::le, current.lhs, current.rhs);
      case Op::gt: return binary(Code::gt, current.lhs, current.rhs);
      case Op::ge: return binary(Code::ge, current.lhs, current.rhs);
      case Op::logic_and:
        return short_circuit(Code::and_jump, Code::logic_and, operand(current.lhs), current.rhs);
      case Op::logic_or:
        return short_circuit(Code::or_jump, Code::logic_or, operand(current.lhs), current.rhs);
      case Op::implies:  // a implies b = (not a) or b
        return short_circuit(Code::or_jump, Code::logic_or, unary(Code::logic_not, current.lhs), current.rhs);
      case Op::present: return variadic(Code::present, current);
      case Op::min: return variadic(Code::min, current);
      case Op::max: return variadic(Code::max, current);
      case Op::blank: return unary(Code::blank, arg(current, 0));
      case Op::abs: return unary(Code::abs, arg(current, 0));
      case Op::round: return binary(Code::round, arg(current, 0), arg(current, 1));
      case Op::agrees: return binary(Code::agrees, arg(current, 0), arg(current, 1));
      case Op::digit_typo: return binary(Code::digit_typo, arg(current, 0), arg(current, 1));
    }
    return {};
  }

  Expr::Program& program_;
};

// ---------------------------------------------------------------------------
// The machine.


// A name past the end of the row: null and blank.
constexpr ExprSlot kMissingName{ExprValue::Kind::null, -1, true, 0};

ExprSlot slot_of(const Value& value) {
  switch (value.state) {
    case ValueState::number: return slot_number(value.number);
    case ValueState::yes: return slot_bool(true);
    case ValueState::no: return slot_bool(false);
    case ValueState::blank: return kMissingName;
    case ValueState::text: return slot_null();
  }
  return slot_null();
}

// A small array of slots: on the C stack when it fits, else on the heap.
// Its slots are left unset.
class SlotArray {
 public:
  explicit SlotArray(size_t size) {
    if (size > kInlineSize) {
      heap_.resize(size);
      data_ = heap_.data();
    }
  }
  SlotArray(const SlotArray&) = delete;
  SlotArray& operator=(const SlotArray&) = delete;
  ExprSlot* data() { return data_; }

 private:
  static constexpr size_t kInlineSize = 64;
  ExprSlot inline_[kInlineSize];
  std::vector<ExprSlot> heap_;
  ExprSlot* data_ = inline_;
};

// REQUIRES: `names` holds every name index the program uses. `cells` (for
// the typed decimals) is the row the names were read from, or null.
ExprValue run(const Expr::Program& program, const ExprSlot* names, const std::vector<Value>* cells) {
  // One temporary per instruction, on the C stack unless the program is long.
  constexpr size_t kInlineTemps = 64;
  ExprSlot inline_temps[kInlineTemps];  // left unset: each is written before it is read
  std::unique_ptr<ExprSlot[]> heap_temps;
  ExprSlot* temps = inline_temps;
  if (program.code.size() > kInlineTemps) {
    heap_temps = std::make_unique<ExprSlot[]>(program.code.size());
    temps = heap_temps.get();
  }
  // Indexed by Operand::From.
  const ExprSlot* const files[] = {temps, program.literals.data(), names};
  auto read = [&files](const Operand& operand) -> const ExprSlot& {
    return files[static_cast<int>(operand.from)][operand.index];
  };
  // A name's cell text gives its typed decimals; a computed value or a
  // literal carries its own.
  auto typed = [cells](const Operand& operand, const ExprSlot& slot) {
    ExprValue value = value_of(slot);
    if (operand.from == Operand::From::name) {
      value.decimals = -1;
      if (cells != nullptr && static_cast<size_t>(operand.index) < cells->size()) {
        const Value& cell = (*cells)[static_cast<size_t>(operand.index)];
        if (cell.state == ValueState::number) value.decimals = static_cast<signed char>(typed_decimals(cell.raw));
      }
    }
    return value;
  };

  const Instr* const code = program.code.data();
  const size_t code_size = program.code.size();
  size_t pc = 0;
  while (pc < code_size) {
    const Instr& instr = code[pc];
    const ExprSlot& a = read(instr.a);
    const ExprSlot& b = read(instr.b);
    // Asked by the operators of two operands only.
    auto either_null = [&a, &b] { return is_null(a) || is_null(b); };
    ExprSlot& out = temps[pc];
    ++pc;
    switch (instr.code) {
      case Code::negate: out = is_null(a) ? slot_null() : slot_number(-a.number, a.decimals); break;
      case Code::abs: out = is_null(a) ? slot_null() : slot_number(std::fabs(a.number), a.decimals); break;
      case Code::logic_not: out = is_null(a) ? slot_null() : slot_bool(!truthy(a)); break;
      case Code::blank: out = slot_bool(instr.a.from == Operand::From::name ? a.blank : is_null(a)); break;
      case Code::add: out = either_null() ? slot_null() : slot_number(a.number + b.number); break;
      case Code::sub: out = either_null() ? slot_null() : slot_number(a.number - b.number); break;
      case Code::mul: out = either_null() ? slot_null() : slot_number(a.number * b.number); break;
      case Code::div:
        out = either_null() || b.number == 0 ? slot_null() : slot_number(a.number / b.number);
        break;
      case Code::eq: out = either_null() ? slot_null() : slot_bool(near_equal(a.number, b.number)); break;
      case Code::ne: out = either_null() ? slot_null() : slot_bool(!near_equal(a.number, b.number)); break;
      case Code::lt:
        out = either_null() ? slot_null() : slot_bool(!near_equal(a.number, b.number) && a.number < b.number);
        break;
      case Code::le:
        out = either_null() ? slot_null() : slot_bool(near_equal(a.number, b.number) || a.number < b.number);
        break;
      case Code::gt:
        out = either_null() ? slot_null() : slot_bool(!near_equal(a.number, b.number) && a.number > b.number);
        break;
      case Code::ge:
        out = either_null() ? slot_null() : slot_bool(near_equal(a.number, b.number) || a.number > b.number);
        break;
      case Code::round:
        if (either_null()) {
          out = slot_null();
        } else {
          int digit_count = std::clamp(static_cast<int>(std::lround(b.number)), 0, 9);
          out = slot_number(round_to(a.number, digit_count), digit_count);
        }
        break;
      case Code::agrees:
        if (either_null()) {
          out = slot_null();
        } else if (std::fabs(a.number - b.number) <= 0.5 + 1e-9) {
          out = slot_bool(true);  // within 0.5 points: agrees whatever the decimals
        } else {
          out = slot_bool(agrees(typed(instr.a, a), value_of(b)));
        }
        break;
      case Code::digit_typo:
        out = either_null() ? slot_null() : slot_bool(digit_typo(typed(instr.a, a), typed(instr.b, b)));
        break;
      case Code::and_jump:
        if (!is_null(a) && !truthy(a)) {
          temps[instr.count - 1] = slot_bool(false);
          pc = static_cast<size_t>(instr.count);
        }
        break;
      case Code::or_jump:
        if (truthy(a)) {
          temps[instr.count - 1] = slot_bool(true);
          pc = static_cast<size_t>(instr.count);
        }
        break;
      case Code::logic_and: out = slot_of(logic_and(value_of(a), value_of(b))); break;
      case Code::logic_or: out = slot_of(logic_or(value_of(a), value_of(b))); break;
      case Code::present: {
        bool all_present = true;
        for (int arg_idx = 0; arg_idx < instr.count; ++arg_idx) {
          if (is_null(read(program.operands[static_cast<size_t>(instr.first + arg_idx)]))) all_present = false;
        }
        out = slot_bool(all_present);
        break;
      }
      case Code::min:
      case Code::max: {
        ExprSlot best = read(program.operands[static_cast<size_t>(instr.first)]);
        for (int arg_idx = 1; arg_idx < instr.count && !is_null(best); ++arg_idx) {
          const ExprSlot& next = read(program.operands[static_cast<size_t>(instr.first + arg_idx)]);
          if (is_null(next)) {
            best = slot_null();
          } else if (instr.code == Code::min ? next.number < best.number : next.number > best.number) {
            best = next;
          }
        }
        out = best;
        out.blank = false;
        break;
      }
    }
  }
  return value_of(read(program.result));
}

}  // namespace

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
  Parser parser(text, resolve, *program, expr.names_);
  int root = parser.parse_all();
  if (root < 0) return make_error(parser.error());
  program->root = root;
  Compiler(*program).compile();
  expr.text_ = std::string(text);
  expr.program_ = std::move(program);
  return expr;
}

void ExprRow::assign(const std::vector<Value>& values) {
  values_ = &values;
  slots_.resize(values.size());
  for (size_t value_idx = 0; value_idx < values.size(); ++value_idx) slots_[value_idx] = slot_of(values[value_idx]);
}

ExprValue Expr::eval(const ExprRow& row) const {
  if (!program_) return {};
  // A row shorter than the names used: the names past its end are null.
  if (static_cast<size_t>(program_->names_end) > row.slots_.size()) {
    return row.values_ != nullptr ? eval(*row.values_) : eval(std::vector<Value>());
  }
  return run(*program_, row.slots_.data(), row.values_);
}

ExprValue Expr::eval(const std::vector<Value>& values) const {
  if (!program_) return {};
  SlotArray names(static_cast<size_t>(program_->names_end));
  for (int name_idx : names_) {
    names.data()[name_idx] =
        static_cast<size_t>(name_idx) < values.size() ? slot_of(values[static_cast<size_t>(name_idx)]) : kMissingName;
  }
  return run(*program_, names.data(), &values);
}

ExprValue Expr::eval_numbers(const std::vector<std::optional<double>>& numbers) const {
  if (!program_) return {};
  SlotArray names(static_cast<size_t>(program_->names_end));
  for (int name_idx : names_) {
    bool known = static_cast<size_t>(name_idx) < numbers.size() && numbers[static_cast<size_t>(name_idx)];
    names.data()[name_idx] = known ? slot_number(*numbers[static_cast<size_t>(name_idx)]) : kMissingName;
  }
  return run(*program_, names.data(), nullptr);
}

namespace detail {

ExprValue eval_by_tree(const Expr& expr, const std::vector<Value>& values) {
  if (!expr.program_) return {};
  RowSource source{values};
  return Evaluator<RowSource>(*expr.program_, source).eval(expr.program_->root);
}

}  // namespace detail

}  // namespace chiso
