// Phase 1 of the expression language (expr.cpp): a recursive-descent
// parser producing a flat node array, children by index.
#include <string>
#include <string_view>

#include "common/limits.h"
#include "plan/expr_program.h"

namespace chiso::expr_detail {
namespace {

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

}  // namespace

int parse_tree(std::string_view text, const Expr::Resolver& resolve, Expr::Program& program,
               std::vector<int>& names, std::string& error) {
  Parser parser(text, resolve, program, names);
  int root = parser.parse_all();
  if (root < 0) error = parser.error();
  return root;
}

}  // namespace chiso::expr_detail
