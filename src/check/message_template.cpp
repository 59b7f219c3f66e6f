#include "check/message_template.h"

#include <algorithm>
#include <cmath>

#include "common/number.h"

namespace chiso::check {

double round_decimals(double value, int decimals) {
  static constexpr double kPowers[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  double scale = kPowers[std::clamp(decimals, 0, 9)];
  double scaled = value * scale;
  return std::round(scaled + (scaled >= 0 ? 1e-7 : -1e-7)) / scale;
}

Result<MessageTemplate> MessageTemplate::parse(std::string_view text, const Expr::Resolver& resolve) {
  MessageTemplate out;
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) {
      out.pieces_.push_back(Piece{PieceKind::text, literal, Expr()});
      literal.clear();
    }
  };
  size_t pos = 0;
  while (pos < text.size()) {
    char c = text[pos];
    if (c == '{' && pos + 1 < text.size() && text[pos + 1] == '{') {
      literal.push_back('{');
      pos += 2;
      continue;
    }
    if (c == '}' && pos + 1 < text.size() && text[pos + 1] == '}') {
      literal.push_back('}');
      pos += 2;
      continue;
    }
    if (c != '{') {
      literal.push_back(c);
      ++pos;
      continue;
    }
    size_t close = text.find('}', pos + 1);
    if (close == std::string_view::npos) {
      return make_error("at " + std::to_string(pos + 1) + ": '{' is not closed; expected '}' (write {{ for a brace)");
    }
    std::string_view name = text.substr(pos + 1, close - pos - 1);
    Piece piece;
    if (name == "unit") {
      piece.kind = PieceKind::unit;
    } else if (name == "raw") {
      piece.kind = PieceKind::raw;
    } else if (name == "expected") {
      piece.kind = PieceKind::expected;
    } else if (name == "indicator") {
      piece.kind = PieceKind::indicator;
    } else if (!name.empty() && name.front() == '=') {
      auto expr = Expr::parse(name.substr(1), resolve);
      if (!expr.ok()) {
        return make_error("at " + std::to_string(pos + 1) + ": in {= …}: " + expr.error().message);
      }
      piece.kind = PieceKind::expression;
      piece.expr = std::move(expr.value());
    } else {
      return make_error("at " + std::to_string(pos + 1) + ": unknown placeholder {" + std::string(name) +
                        "}; expected {unit}, {raw}, {expected}, {indicator} or {= expression}");
    }
    flush();
    out.pieces_.push_back(std::move(piece));
    pos = close + 1;
  }
  flush();
  return out;
}

std::string MessageTemplate::render(const MessageContext& context, Lang lang) const {
  std::string out;
  for (const Piece& piece : pieces_) {
    switch (piece.kind) {
      case PieceKind::text: out += piece.text; break;
      case PieceKind::unit: out += context.unit; break;
      case PieceKind::raw:
        // An XLSX number cell holds "39.32": written as the reader writes it.
        out += number::display_raw(context.raw, lang == Lang::vi ? Lang::vi : Lang::en);
        break;
      case PieceKind::indicator: out += context.indicator_label; break;
      case PieceKind::expected:
        out += context.expected ? number::format_trimmed(*context.expected, context.expected_decimals, lang) : "—";
        break;
      case PieceKind::expression: {
        ExprValue value = context.values ? piece.expr.eval(*context.values) : ExprValue{};
        if (value.is_null()) {
          out += "—";
        } else if (value.kind == ExprValue::Kind::boolean) {
          out += value.truthy() ? (lang == Lang::vi ? "có" : "yes") : (lang == Lang::vi ? "không" : "no");
        } else {
          out += number::format_trimmed(value.number, 2, lang);
        }
        break;
      }
    }
  }
  return out;
}

}  // namespace chiso::check
