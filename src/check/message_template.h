// The message texts of plan rules and hints, compiled once. A template is
// plain text with placeholders:
//   {unit}        the unit's canonical name (raw name when not registered)
//   {raw}         the cell's text as typed; a number in the machines' form
//                 (an XLSX number cell: "39.32") in the message's language
//   {expected}    the expected value, Vietnamese style in message_vi ("54,29"),
//                 dot decimal in message_en ("54.29"); "—" when none
//   {indicator}   the indicator's label (label_vi / label_en)
//   {= EXPR}      an expression over the row, formatted like {expected}
//   {{ and }}     literal braces
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/lang.h"
#include "common/model.h"
#include "common/result.h"
#include "plan/expr.h"

namespace chiso::check {

struct MessageContext {
  std::string_view unit;
  std::string_view raw;
  std::string_view indicator_label;
  std::optional<double> expected;
  int expected_decimals = 2;
  const std::vector<Value>* values = nullptr;  // for {= EXPR}
};

class MessageTemplate {
 public:
  MessageTemplate() = default;

  // Errors give the position in the text and what was expected.
  static Result<MessageTemplate> parse(std::string_view text, const Expr::Resolver& resolve);

  std::string render(const MessageContext& context, Lang lang) const;

 private:
  enum class PieceKind { text, unit, raw, expected, indicator, expression };
  struct Piece {
    PieceKind kind = PieceKind::text;
    std::string text;
    Expr expr;
  };
  std::vector<Piece> pieces_;
};


// Rounds half away from zero to `decimals` (0–9).
double round_decimals(double value, int decimals);

}  // namespace chiso::check
