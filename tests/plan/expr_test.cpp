// The expression language: literals, names, arithmetic, three-valued logic,
// functions, and the errors and limits for bad plan text.
#include "plan/expr.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include <string>
#include <vector>

#include "common/limits.h"

namespace chiso {
namespace {

// Names a..e map to indices 0..4.
int resolve(std::string_view name) {
  if (name.size() == 1 && name[0] >= 'a' && name[0] <= 'e') return name[0] - 'a';
  if (name == "online_total") return 5;
  return -1;
}

Value number(double v, std::string raw) {
  Value value;
  value.state = ValueState::number;
  value.number = v;
  value.raw = std::move(raw);
  return value;
}
Value mark(bool yes) {
  Value value;
  value.state = yes ? ValueState::yes : ValueState::no;
  value.number = yes ? 1 : 0;
  value.raw = yes ? "x" : "0";
  return value;
}
Value blank() { return Value{}; }
Value text(std::string raw) {
  Value value;
  value.state = ValueState::text;
  value.raw = std::move(raw);
  return value;
}

ExprValue run(const std::string& text, const std::vector<Value>& values) {
  auto expr = Expr::parse(text, resolve);
  EXPECT_TRUE(expr.ok()) << text << ": " << (expr.ok() ? "" : expr.error().message);
  if (!expr.ok()) return {};
  return expr->eval(values);
}

// Expected: 1 = yes, 0 = no, -1 = null.
int truth(const std::string& text, const std::vector<Value>& values = {}) {
  ExprValue value = run(text, values);
  if (value.is_null()) return -1;
  return value.truthy() ? 1 : 0;
}

double num(const std::string& text, const std::vector<Value>& values = {}) {
  ExprValue value = run(text, values);
  EXPECT_FALSE(value.is_null()) << text;
  return value.number;
}

std::string parse_error(const std::string& text) {
  auto expr = Expr::parse(text, resolve);
  if (expr.ok()) return "(parsed)";
  return expr.error().message;
}

TEST(ExprTest, ArithmeticAndPrecedence) {
  EXPECT_DOUBLE_EQ(num("1 + 2 * 3"), 7);
  EXPECT_DOUBLE_EQ(num("(1 + 2) * 3"), 9);
  EXPECT_DOUBLE_EQ(num("10 - 4 - 3"), 3);
  EXPECT_DOUBLE_EQ(num("12 / 4 / 3"), 1);
  EXPECT_DOUBLE_EQ(num("-2 * -3"), 6);
  EXPECT_DOUBLE_EQ(num("1.5 + 0.25"), 1.75);
  // 76 of 140 services: 100 * 76 / 140 = 54.2857…
  std::vector<Value> row = {number(76, "76"), number(140, "140")};
  EXPECT_NEAR(num("100 * a / b", row), 54.285714, 1e-6);
}

TEST(ExprTest, NullPropagatesAndDivisionByZeroIsNull) {
  std::vector<Value> row = {number(5, "5"), blank(), text("86-96"), number(0, "0")};
  EXPECT_EQ(truth("a + b", row), -1);
  EXPECT_EQ(truth("c * 2", row), -1);  // a text cell has no number
  EXPECT_EQ(truth("a / d", row), -1);  // x / 0
  EXPECT_EQ(truth("a == b", row), -1);
  EXPECT_EQ(truth("e > 1", row), -1);  // past the row's end: null
  EXPECT_EQ(truth("null"), -1);
}

TEST(ExprTest, Comparisons) {
  EXPECT_EQ(truth("1 < 2"), 1);
  EXPECT_EQ(truth("2 <= 2"), 1);
  EXPECT_EQ(truth("2 > 2"), 0);
  EXPECT_EQ(truth("2 >= 3"), 0);
  EXPECT_EQ(truth("3 != 3"), 0);
  // 100 - 70.68 is 29.320000000000007 in binary; equal within 1e-9.
  EXPECT_EQ(truth("100 - 70.68 == 29.32"), 1);
}

TEST(ExprTest, ThreeValuedLogic) {
  EXPECT_EQ(truth("null and no"), 0);
  EXPECT_EQ(truth("no and null"), 0);
  EXPECT_EQ(truth("null and yes"), -1);
  EXPECT_EQ(truth("null or yes"), 1);
  EXPECT_EQ(truth("yes or null"), 1);
  EXPECT_EQ(truth("null or no"), -1);
  EXPECT_EQ(truth("not null"), -1);
  EXPECT_EQ(truth("not yes"), 0);
  EXPECT_EQ(truth("not not yes"), 1);
  EXPECT_EQ(truth("no implies null"), 1);
  EXPECT_EQ(truth("yes implies no"), 0);
  EXPECT_EQ(truth("true and false"), 0);
  // not binds looser than comparison: not (1 > 2).
  EXPECT_EQ(truth("not 1 > 2"), 1);
  // and binds tighter than or.
  EXPECT_EQ(truth("yes or no and no"), 1);
}

TEST(ExprTest, MarksAreYesAndNo) {
  std::vector<Value> row = {mark(true), number(0, "0"), mark(false), number(3, "3")};
  EXPECT_EQ(truth("a == yes and b == 0", row), 1);
  EXPECT_EQ(truth("c == no and d > 0", row), 1);
  EXPECT_EQ(truth("a", row), 1);
  EXPECT_EQ(truth("c", row), 0);
}

TEST(ExprTest, PresentAndBlank) {
  std::vector<Value> row = {number(5, "5"), blank(), text("86-96"), mark(false)};
  EXPECT_EQ(truth("present(a)", row), 1);
  EXPECT_EQ(truth("present(a, d)", row), 1);  // a mark `0` is present
  EXPECT_EQ(truth("present(a, b)", row), 0);
  EXPECT_EQ(truth("present(c)", row), 0);     // text is not a value
  EXPECT_EQ(truth("blank(b)", row), 1);
  EXPECT_EQ(truth("blank(c)", row), 0);       // text is not blank either
  EXPECT_EQ(truth("blank(a)", row), 0);
  EXPECT_EQ(truth("blank(a + b)", row), 1);   // an expression: blank = null
}

TEST(ExprTest, Functions) {
  EXPECT_DOUBLE_EQ(num("abs(3 - 5)"), 2);
  EXPECT_DOUBLE_EQ(num("min(4, 2, 3)"), 2);
  EXPECT_DOUBLE_EQ(num("max(4, 2, 7)"), 7);
  EXPECT_EQ(truth("min(1, null)"), -1);
  EXPECT_DOUBLE_EQ(num("round(54.285714, 2)"), 54.29);
  EXPECT_DOUBLE_EQ(num("round(82.795698, 2)"), 82.8);
  EXPECT_DOUBLE_EQ(num("round(40.625, 1)"), 40.6);
  EXPECT_DOUBLE_EQ(num("round(2.5, 0)"), 3);     // half away from zero
  EXPECT_DOUBLE_EQ(num("round(-2.5, 0)"), -3);
  EXPECT_DOUBLE_EQ(num("round(54.285, 2)"), 54.29);  // 54.28499… in binary
}

TEST(ExprTest, TypedDecimals) {
  EXPECT_EQ(typed_decimals("80,5"), 1);
  EXPECT_EQ(typed_decimals("100"), 0);
  EXPECT_EQ(typed_decimals("74,05"), 2);
  EXPECT_EQ(typed_decimals("99.5"), 1);
  EXPECT_EQ(typed_decimals("1.045"), 0);  // dot thousands
  EXPECT_EQ(typed_decimals("1.234,5"), 1);
  EXPECT_EQ(typed_decimals(" 95% "), 0);
  EXPECT_EQ(typed_decimals("39,32\xC2\xA0"), 2);
}

// agrees() on the seed's own cases, each worked by hand.
TEST(ExprTest, AgreesWithTheSeed) {
  auto agrees = [](double typed, const std::string& raw, double computed) {
    std::vector<Value> row = {number(typed, raw), number(computed, "")};
    return truth("agrees(a, b)", row);
  };
  // Row 8: 137/170 = 80.588…; typed 80,5 → truncation to 1 decimal.
  EXPECT_EQ(agrees(80.5, "80,5", 100.0 * 137 / 170), 1);
  // Row 22: 182/255 = 71.37…; typed 71 → truncation to 0 decimals.
  EXPECT_EQ(agrees(71, "71", 100.0 * 182 / 255), 1);
  // Row 27: 200/223 = 89.69…; typed 90 → rounding.
  EXPECT_EQ(agrees(90, "90", 100.0 * 200 / 223), 1);
  // Row 4: 117/158 = 74.0506…; typed 74,05.
  EXPECT_EQ(agrees(74.05, "74,05", 100.0 * 117 / 158), 1);
  // Row 2: 76/140 = 54.29; typed 93.
  EXPECT_EQ(agrees(93, "93", 100.0 * 76 / 140), 0);
  // Row 10: 77/93 = 82.80; typed 81: rounds to 83, truncates to 82, 1.8 away.
  EXPECT_EQ(agrees(81, "81", 100.0 * 77 / 93), 0);
  // Row 11: 39/133 = 29.32; typed 39,32.
  EXPECT_EQ(agrees(39.32, "39,32", 100.0 * 39 / 133), 0);
  // Within 0.5 points but neither rounding nor truncating: 70.2 vs 70.6.
  EXPECT_EQ(agrees(70.2, "70,2", 70.6), 1);
  // Just past 0.5 points with a decimal typed: 70.0 (1 decimal) vs 70.51.
  EXPECT_EQ(agrees(70.0, "70,0", 70.51), 0);
  // Truncation at 0 decimals: 89 vs 89.99 (0.99 away) agrees.
  EXPECT_EQ(agrees(89, "89", 89.99), 1);
  // Null when either side is null.
  std::vector<Value> row = {blank(), number(5, "5")};
  EXPECT_EQ(truth("agrees(a, b)", row), -1);
  EXPECT_EQ(truth("agrees(b, a)", row), -1);
  // Literals carry their decimals: 80.5 has 1.
  EXPECT_EQ(truth("agrees(80.5, 80.588)"), 1);
}

TEST(ExprTest, DigitTypoRelation) {
  EXPECT_TRUE(is_digit_typo("3932", "2932"));   // one digit changed
  EXPECT_TRUE(is_digit_typo("96", "94"));
  EXPECT_FALSE(is_digit_typo("4", "1"));        // a single digit says nothing
  EXPECT_TRUE(is_digit_typo("1234", "1243"));   // neighbours swapped
  EXPECT_FALSE(is_digit_typo("1234", "4231"));  // far swap
  EXPECT_TRUE(is_digit_typo("150", "1500"));    // digit added
  EXPECT_TRUE(is_digit_typo("1500", "150"));    // digit dropped
  EXPECT_TRUE(is_digit_typo("5", "15"));
  EXPECT_FALSE(is_digit_typo("269", "257"));    // two digits changed
  EXPECT_FALSE(is_digit_typo("57", "57"));
}

TEST(ExprTest, DigitTypoUsesTheTypedDecimals) {
  // Row 11: typed 39,32 vs computed 29.3233… → "3932" vs "2932".
  std::vector<Value> row = {number(39.32, "39,32"), number(39, "39"), number(133, "133")};
  EXPECT_EQ(truth("digit_typo(a, 100 * b / c)", row), 1);
  // Row 2: typed 93 vs 54.29 → "93" vs "54".
  std::vector<Value> row2 = {number(93, "93"), number(76, "76"), number(140, "140")};
  EXPECT_EQ(truth("digit_typo(a, 100 * b / c)", row2), 0);
  // Counts: 96 typed where 94 adds up.
  EXPECT_EQ(truth("digit_typo(96, 57 + 37)"), 1);
  EXPECT_EQ(truth("digit_typo(null, 3)"), -1);
}

TEST(ExprTest, NamesUsedInOrder) {
  auto expr = Expr::parse("100 * c / a + c - b", resolve);
  ASSERT_TRUE(expr.ok());
  EXPECT_EQ(expr->names_used(), (std::vector<int>{2, 0, 1}));
  EXPECT_EQ(expr->text(), "100 * c / a + c - b");
}

TEST(ExprTest, EvalNumbers) {
  auto expr = Expr::parse("100 * a / b", resolve);
  ASSERT_TRUE(expr.ok());
  std::vector<std::optional<double>> sums = {3, 4};
  EXPECT_DOUBLE_EQ(expr->eval_numbers(sums).number, 75);
  sums[1] = std::nullopt;
  EXPECT_TRUE(expr->eval_numbers(sums).is_null());
  EXPECT_TRUE(Expr().eval_numbers(sums).is_null());
}

TEST(ExprTest, ParseErrorsSayWhereAndWhat) {
  EXPECT_EQ(parse_error("(a + b"), "at 7: expected ')', found the end of the expression");
  EXPECT_EQ(parse_error("a +"), "at 4: expected a number, a name or '(', found the end of the expression");
  EXPECT_EQ(parse_error("a + zz"), "at 5: unknown name 'zz'; expected an indicator code");
  EXPECT_EQ(parse_error("a = b"), "at 3: '=' is not an operator; expected '==' to compare");
  EXPECT_EQ(parse_error("a b"), "at 3: expected an operator or the end of the expression");
  EXPECT_EQ(parse_error("sqrt(a)"), "at 1: 'sqrt' is not a function; expected present, blank, abs, "
                                    "min, max, round, agrees or digit_typo");
  EXPECT_EQ(parse_error("round(a)"), "at 1: round takes two arguments, found 1");
  EXPECT_EQ(parse_error("1 < 2 < 3"),
            "at 7: comparisons cannot be chained; expected 'and' between two comparisons");
  EXPECT_EQ(parse_error("1,5 * a"), "at 2: a number in an expression uses a dot for decimals (1.5, not 1,5)");
  EXPECT_EQ(parse_error(""), "at 1: expected a number, a name or '(', found the end of the expression");
  EXPECT_EQ(parse_error("a and"), "at 6: expected a number, a name or '(', found the end of the expression");
  EXPECT_EQ(parse_error("present()"), "at 1: present takes one or more arguments, found 0");
  EXPECT_EQ(parse_error("a + đ"), "at 5: expected a number, a name or '(', found 'đ'");
  EXPECT_EQ(parse_error("!a"), "at 1: expected a number, a name or '(', found '!'");
}

TEST(ExprTest, DepthAndLengthLimitsGiveErrorsNotCrashes) {
  std::string deep(100000, '(');
  deep += "1";
  deep += std::string(100000, ')');
  // Longer than the length limit.
  EXPECT_NE(parse_error(deep).find("bytes long; expected at most"), std::string::npos);
  // Short enough, but nested past the depth limit.
  int levels = limits::expression_depth_max + 5;
  std::string nested = std::string(static_cast<size_t>(levels), '(') + "1" +
                       std::string(static_cast<size_t>(levels), ')');
  EXPECT_NE(parse_error(nested).find("nested deeper than"), std::string::npos) << parse_error(nested);
  std::string nots;
  for (int idx = 0; idx < 1000; ++idx) nots += "not ";
  nots += "yes";
  EXPECT_NE(parse_error(nots).find("nested deeper than"), std::string::npos);
  std::string minus(2000, '-');
  minus += "1";
  EXPECT_NE(parse_error(minus).find("nested deeper than"), std::string::npos);
  // Within the limit parses.
  std::string fine = std::string(20, '(') + "1" + std::string(20, ')');
  EXPECT_EQ(parse_error(fine), "(parsed)");
}


// Random token soup: every input either parses or gives an error with a
// position; whatever parses evaluates without crashing.
TEST(ExprTest, RandomInputNeverCrashes) {
  static const char* kTokens[] = {"a", "b", "c", "1", "0", "2.5", "+", "-", "*", "/", "(", ")", ",",
                                  "==", "!=", "<", ">=", "and", "or", "not", "implies", "yes", "null",
                                  "present(", "blank(", "agrees(", "digit_typo(", "round(", "min(", "=",
                                  "!", "đ", "1,5", ".", "zz"};
  std::vector<Value> row = {number(39.32, "39,32"), blank(), number(0, "0")};
  unsigned state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7fff;
  };
  int parsed = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    int length = 1 + static_cast<int>(next() % 12);
    for (int token = 0; token < length; ++token) {
      text += kTokens[next() % (sizeof kTokens / sizeof kTokens[0])];
      text += ' ';
    }
    auto expr = Expr::parse(text, resolve);
    if (expr.ok()) {
      ++parsed;
      (void)expr->eval(row);
    } else {
      EXPECT_EQ(expr.error().message.rfind("at ", 0), 0u) << text << " → " << expr.error().message;
    }
  }
  EXPECT_GT(parsed, 100);
}

// The compiled program, over the row's values or over an ExprRow, and the
// tree walk (detail::eval_by_tree) agree: the same kind, decimals and number,
// bit for bit.
void expect_same(const std::string& text, const std::vector<Value>& row) {
  auto expr = Expr::parse(text, resolve);
  ASSERT_TRUE(expr.ok()) << text << ": " << expr.error().message;
  ExprValue tree = detail::eval_by_tree(*expr, row);
  ExprRow expr_row;
  expr_row.assign(row);
  for (ExprValue fast : {expr->eval(row), expr->eval(expr_row)}) {
    EXPECT_EQ(fast.kind, tree.kind) << text;
    EXPECT_EQ(fast.decimals, tree.decimals) << text;
    if (!(std::isnan(fast.number) && std::isnan(tree.number))) {
      EXPECT_EQ(fast.number, tree.number) << text;
    }
  }
}

// Hand-written cases for each way the program reads an operand: a name or a
// literal in place, a computed value from a temporary, a name whose typed
// decimals agrees()/digit_typo() need, and the jumps of and/or/implies.
TEST(ExprTest, CompiledProgramMatchesTheTreeWalkByHand) {
  std::vector<Value> row = {number(80.5, "80,5"), number(137, "137"), number(170, "170"),
                            mark(true), blank(), text("86-96")};  // a..e, online_total
  for (const char* text : {
           "a", "7", "null", "yes", "-a", "-(a + 1)", "a + b", "(a + b) * (c - 1)", "100 * b / c",
           "b / 0", "a / e", "online_total + 1", "not d", "not (a > b)", "d and a > 1", "e and no", "no and e",
           "e or yes", "yes or e", "e or no", "e implies no", "no implies e", "a > 1 implies e",
           "present(a, b, c)", "present(a, e)", "present(online_total)", "blank(e)", "blank(online_total)", "blank(a + e)",
           "blank(7)", "abs(-a)", "abs(e)", "min(a, b, c)", "max(a, b + 1, c)", "min(a, e)",
           "round(100 * b / c, 1)", "round(a, e)", "agrees(a, 100 * b / c)", "agrees(100 * b / c, a)",
           "agrees(a, 81.2)", "agrees(80.5, 80.588)", "agrees(abs(a), 81.2)", "agrees(e, 1)",
           "digit_typo(a, 85.0)", "digit_typo(b, 173)", "digit_typo(-b, 173)", "digit_typo(96, 57 + 37)",
           "a == 80.5 and (b < c or e) and not blank(online_total)", "present(a, b) and agrees(a, 100 * b / c)",
           // The jumps taken: the right side is skipped.
           "no and (a > 1 or e)", "yes or (a > 1 and e)", "no implies (a > 1 and e)", "a < 0 and (e or b > c)",
       }) {
    expect_same(text, row);
  }
  // A name past the end of the row is null, read in place or computed on.
  expect_same("e + 1", {number(1, "1")});
  expect_same("present(a, b)", {number(1, "1")});
  expect_same("blank(c)", {});
}

// More instructions, or a larger name index, than the machine keeps room for
// on the C stack: its registers go on the heap, with the same answers.
TEST(ExprTest, LongProgramsAndManyNamesUseTheHeap) {
  std::string present = "present(";
  for (int arg_idx = 0; arg_idx < 80; ++arg_idx) present += arg_idx == 0 ? "a + 1" : ", a + 1";
  present += ")";
  std::vector<Value> row = {number(2, "2")};
  EXPECT_EQ(truth(present, row), 1);
  EXPECT_EQ(truth(present, {}), 0);
  expect_same(present, row);
  expect_same("min(" + present.substr(8), row);

  // Names n0..n99 are indices 0..99.
  auto resolve_many = [](std::string_view name) {
    if (name.size() < 2 || name[0] != 'n') return -1;
    return std::stoi(std::string(name.substr(1)));
  };
  std::vector<Value> wide;
  for (int value_idx = 0; value_idx < 100; ++value_idx) wide.push_back(number(value_idx, std::to_string(value_idx)));
  auto expr = Expr::parse("n99 - n3 == 96 and agrees(n70, 70.4)", resolve_many);
  ASSERT_TRUE(expr.ok());
  EXPECT_TRUE(expr->eval(wide).truthy());
  ExprRow expr_row;
  expr_row.assign(wide);
  EXPECT_TRUE(expr->eval(expr_row).truthy());
  EXPECT_TRUE(detail::eval_by_tree(*expr, wide).truthy());
  // A row shorter than the names: null, whichever way it is read.
  std::vector<Value> narrow(wide.begin(), wide.begin() + 10);
  expr_row.assign(narrow);
  EXPECT_TRUE(expr->eval(narrow).is_null());
  EXPECT_TRUE(expr->eval(expr_row).is_null());
}

TEST(ExprTest, EvalNumbersNullsAndBlanks) {
  auto expr = Expr::parse("blank(b) or a > 1", resolve);
  ASSERT_TRUE(expr.ok());
  EXPECT_TRUE(expr->eval_numbers({0.5}).truthy());            // b past the end: blank
  EXPECT_FALSE(expr->eval_numbers({0.5, 2.0}).truthy());      // b known, a not > 1
  EXPECT_TRUE(expr->eval_numbers({std::nullopt, std::nullopt}).truthy());
  auto typo = Expr::parse("digit_typo(a, b)", resolve);
  ASSERT_TRUE(typo.ok());
  EXPECT_TRUE(typo->eval_numbers({96, 94}).truthy());  // sums carry no typed decimals
}

// Random well-formed expressions over random rows: the program and the tree
// walk always agree.
TEST(ExprTest, CompiledProgramMatchesTheTreeWalkOnRandomExpressions) {
  unsigned state = 2024;
  auto next = [&state](unsigned bound) {
    state = state * 1103515245u + 12345u;
    return ((state >> 16) & 0x7fff) % bound;
  };
  const std::vector<Value> cells = {number(80.5, "80,5"), number(100, "100"), number(0, "0"),
                                    number(39.32, "39,32"), number(-3, "-3"), number(1045, "1.045"),
                                    number(29.3233, ""), mark(true), mark(false), blank(), text("86-96")};
  static const char* kLeaves[] = {"a", "b", "c", "d", "e", "0", "1", "2.5", "100", "80.5", "yes", "no", "null"};
  static const char* kBinary[] = {"+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=", "and", "or", "implies"};
  static const char* kCalls[] = {"present", "blank", "abs", "min", "max", "round", "agrees", "digit_typo"};
  std::function<std::string(int)> generate = [&](int depth) -> std::string {
    if (depth == 0 || next(10) < 3) return kLeaves[next(sizeof kLeaves / sizeof kLeaves[0])];
    switch (next(4)) {
      case 0: return (next(2) ? "-(" : "not (") + generate(depth - 1) + ")";
      case 1:
      case 2:
        return "(" + generate(depth - 1) + ") " + kBinary[next(sizeof kBinary / sizeof kBinary[0])] + " (" +
               generate(depth - 1) + ")";
      default: {
        std::string name = kCalls[next(sizeof kCalls / sizeof kCalls[0])];
        int arg_count = name == "blank" || name == "abs" ? 1
                        : name == "round" || name == "agrees" || name == "digit_typo" ? 2
                        : name == "present" ? 1 + static_cast<int>(next(3))
                                            : 2 + static_cast<int>(next(2));
        std::string call = name + "(";
        for (int arg_idx = 0; arg_idx < arg_count; ++arg_idx) {
          if (arg_idx > 0) call += ", ";
          call += generate(depth - 1);
        }
        return call + ")";
      }
    }
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text = generate(5);
    std::vector<Value> row;
    size_t row_size = next(7);
    for (size_t cell_idx = 0; cell_idx < row_size; ++cell_idx) row.push_back(cells[next(cells.size())]);
    expect_same(text, row);
  }
}

}  // namespace
}  // namespace chiso
