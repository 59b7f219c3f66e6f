// The reference of the expression language (expr.cpp): a walk of the parse
// tree, detail::eval_by_tree(), which the compiled program is tested against.
#include "plan/expr_program.h"

namespace chiso {
namespace expr_detail {
namespace {

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
      case ValueState::not_applicable:
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
    return value == nullptr || value->state == ValueState::blank ||
           value->state == ValueState::not_applicable;
  }
};

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

}  // namespace
}  // namespace expr_detail

namespace detail {

ExprValue eval_by_tree(const Expr& expr, const std::vector<Value>& values) {
  if (!expr.program_) return {};
  expr_detail::RowSource source{values};
  return expr_detail::Evaluator<expr_detail::RowSource>(*expr.program_, source).eval(expr.program_->root);
}

}  // namespace detail
}  // namespace chiso
