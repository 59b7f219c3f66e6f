// check::compile: every expression and message template of a plan, compiled
// once, with errors that name the rule or indicator, the field, and the
// position in the expression.
#include <string>

#include "check/checker.h"
#include "check/compiled_plan.h"
#include "plan/unit_facts.h"

namespace chiso::check {

namespace {

std::string rule_path(size_t rule_idx, const Rule& rule) {
  return "rules[" + std::to_string(rule_idx) + "] (" + rule.id + ")";
}

}  // namespace

Result<std::shared_ptr<const CompiledPlan>> compile(const Plan& plan) {
  auto compiled = std::make_shared<CompiledPlan>();
  // An indicator's code, else the unit's kind or group (unit_facts.h).
  Expr::Resolver resolve = [&plan, &compiled](std::string_view name) {
    const int indicator_idx = plan.indicator_index(name);
    if (indicator_idx >= 0) return indicator_idx;
    const int fact_idx = unit_fact_index(plan, name);
    if (fact_idx >= 0) compiled->uses_unit_facts = true;
    return fact_idx;
  };
  std::string errors;
  auto fail = [&errors](const std::string& where, const std::string& message) {
    if (!errors.empty()) errors += '\n';
    errors += where + ": " + message;
  };
  auto compile_expr = [&](const std::string& text, const std::string& where, Expr& out) {
    if (text.empty()) return;
    auto expr = Expr::parse(text, resolve);
    if (expr.ok()) {
      out = std::move(expr.value());
    } else {
      fail(where, expr.error().message + " in \"" + text + "\"");
    }
  };
  auto compile_message = [&](const std::string& text, const std::string& where, MessageTemplate& out) {
    auto message = MessageTemplate::parse(text, resolve);
    if (message.ok()) {
      out = std::move(message.value());
    } else {
      fail(where, message.error().message);
    }
  };

  compiled->formulas.resize(plan.indicators.size());
  for (size_t indicator_idx = 0; indicator_idx < plan.indicators.size(); ++indicator_idx) {
    const Indicator& indicator = plan.indicators[indicator_idx];
    if (indicator.formula.empty()) continue;
    std::string where = "indicators[" + std::to_string(indicator_idx) + "] (" + indicator.code + ").formula";
    Expr formula;
    compile_expr(indicator.formula, where, formula);
    if (formula.empty()) continue;
    for (int used : formula.names_used()) {
      if (used == static_cast<int>(indicator_idx)) fail(where, "the formula uses its own indicator");
    }
    compiled->formulas[indicator_idx] = formula;
    compiled->derived.push_back(CompiledDerived{static_cast<int>(indicator_idx), formula});
  }

  for (size_t rule_idx = 0; rule_idx < plan.rules.size(); ++rule_idx) {
    const Rule& rule = plan.rules[rule_idx];
    std::string path = rule_path(rule_idx, rule);
    CompiledRule out;
    out.id = rule.id;
    out.severity = rule.severity;
    if (!rule.indicator.empty()) {
      out.indicator_idx = plan.indicator_index(rule.indicator);
      if (out.indicator_idx < 0) {
        fail(path + ".indicator", "'" + rule.indicator + "' names no indicator; expected an indicator code");
      }
    }
    compile_expr(rule.when, path + ".when", out.when);
    if (rule.check.empty()) {
      fail(path + ".check", "missing; expected an expression that must hold");
    } else {
      compile_expr(rule.check, path + ".check", out.check);
    }
    compile_expr(rule.expected, path + ".expected", out.expected);
    compile_message(rule.message_vi, path + ".message_vi", out.message_vi);
    compile_message(rule.message_en, path + ".message_en", out.message_en);
    for (size_t hint_idx = 0; hint_idx < rule.hints.size(); ++hint_idx) {
      const RuleHint& hint = rule.hints[hint_idx];
      std::string hint_path = path + ".hints[" + std::to_string(hint_idx) + "]";
      CompiledHint compiled_hint;
      if (hint.when.empty()) {
        fail(hint_path + ".when", "missing; expected the condition under which the hint applies");
      } else {
        compile_expr(hint.when, hint_path + ".when", compiled_hint.when);
      }
      compile_message(hint.message_vi, hint_path + ".message_vi", compiled_hint.message_vi);
      compile_message(hint.message_en, hint_path + ".message_en", compiled_hint.message_en);
      out.hints.push_back(std::move(compiled_hint));
    }
    compiled->rules.push_back(std::move(out));
  }

  if (!errors.empty()) return make_error(errors);
  return std::shared_ptr<const CompiledPlan>(std::move(compiled));
}

}  // namespace chiso::check
