// Phase 3 of the expression language (expr.cpp): the machine that runs a
// compiled program over a row, and Expr's eval() entry points.
#include <memory>

#include "plan/expr_program.h"

namespace chiso {
namespace expr_detail {
namespace {

using expr_detail::slot_of;  // of an ExprValue, beside this file's of a cell

// A name past the end of the row: null and blank.
constexpr ExprSlot kMissingName{ExprValue::Kind::null, -1, true, 0};

ExprSlot slot_of(const Value& value) {
  switch (value.state) {
    case ValueState::number: return slot_number(value.number);
    case ValueState::yes: return slot_bool(true);
    case ValueState::no: return slot_bool(false);
    // Not applicable is nothing to report, as a blank is: blank() holds.
    case ValueState::blank:
    case ValueState::not_applicable: return kMissingName;
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
}  // namespace expr_detail

using namespace expr_detail;

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

}  // namespace chiso
