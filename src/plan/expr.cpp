// The expression language: a recursive-descent parser producing a flat node
// array (children by index), and a tree-walking evaluator over it. The node
// array keeps an expression in one allocation so that evaluating a rule over
// a row costs tens of nanoseconds and allocates nothing (digit_typo aside,
// which formats numbers and is only used in hints).
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

}  // namespace

struct Expr::Program {
  std::vector<Node> nodes;
  std::vector<int> args;
  int root = -1;
};

namespace {

constexpr double kEqualTolerance = 1e-9;

bool near_equal(double a, double b) {
  double scale = std::max({1.0, std::fabs(a), std::fabs(b)});
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
// Evaluation. `Source` gives a name's value and whether its cell is blank.

struct RowSource {
  const std::vector<Value>& values;
  ExprValue get(int name_idx, bool want_decimals) const {
    if (name_idx < 0 || static_cast<size_t>(name_idx) >= values.size()) return {};
    const Value& value = values[static_cast<size_t>(name_idx)];
    switch (value.state) {
      case ValueState::number:
        return ExprValue::of(value.number, want_decimals ? typed_decimals(value.raw) : -1);
      case ValueState::yes: return ExprValue::of_bool(true);
      case ValueState::no: return ExprValue::of_bool(false);
      case ValueState::blank:
      case ValueState::text: return {};
    }
    return {};
  }
  bool blank(int name_idx) const {
    if (name_idx < 0 || static_cast<size_t>(name_idx) >= values.size()) return true;
    return values[static_cast<size_t>(name_idx)].state == ValueState::blank;
  }
};

struct NumberSource {
  const std::vector<std::optional<double>>& numbers;
  ExprValue get(int name_idx, bool) const {
    if (name_idx < 0 || static_cast<size_t>(name_idx) >= numbers.size()) return {};
    const auto& number = numbers[static_cast<size_t>(name_idx)];
    return number ? ExprValue::of(*number) : ExprValue{};
  }
  bool blank(int name_idx) const { return get(name_idx, false).is_null(); }
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
      case Op::name: return source_.get(node.name_idx, node.want_decimals);
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
  expr.text_ = std::string(text);
  expr.program_ = std::move(program);
  return expr;
}

ExprValue Expr::eval(const std::vector<Value>& values) const {
  if (!program_) return {};
  RowSource source{values};
  return Evaluator<RowSource>(*program_, source).eval(program_->root);
}

ExprValue Expr::eval_numbers(const std::vector<std::optional<double>>& numbers) const {
  if (!program_) return {};
  NumberSource source{numbers};
  return Evaluator<NumberSource>(*program_, source).eval(program_->root);
}

}  // namespace chiso
