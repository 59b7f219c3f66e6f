// Phase 2 of the expression language (expr.cpp): the parse tree lowered
// into the register program the machine runs.
#include "plan/expr_program.h"

namespace chiso::expr_detail {
namespace {

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

}  // namespace

void compile_program(Expr::Program& program) { Compiler(program).compile(); }

}  // namespace chiso::expr_detail
