#include "ingest/money.hpp"

#include <cstdint>
#include <limits>

#include "ingest/text.hpp"

namespace retention {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Currency symbols and codes around a number: anything that is not a digit, sign, separator or paren.
bool is_currency_byte(char c) {
  return !is_digit(c) && c != '-' && c != '+' && c != '.' && c != ',' && c != '(' && c != ')';
}

std::string_view strip_currency(std::string_view s) {
  while (!s.empty() && (is_currency_byte(s.front()) || is_space(s.front()))) s.remove_prefix(1);
  while (!s.empty() && (is_currency_byte(s.back()) || is_space(s.back()))) s.remove_suffix(1);
  return s;
}

// Exactly three digits at `pos`, then no further digit: `1,234.5` groups, `12,00` does not.
bool is_thousands_group(std::string_view s, size_t pos) {
  if (pos + 3 > s.size()) return false;
  for (size_t i = pos; i < pos + 3; ++i)
    if (!is_digit(s[i])) return false;
  return pos + 3 == s.size() || !is_digit(s[pos + 3]);
}

}  // namespace

namespace {

// French and Swiss exports group thousands with a no-break space (U+00A0, U+202F): read as a space.
std::string_view plain_spaces(std::string_view text, std::string& scratch) {
  if (text.find('\xC2') == std::string_view::npos && text.find('\xE2') == std::string_view::npos) return text;
  scratch.clear();
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\xC2\xA0") == 0) {
      scratch += ' ';
      i += 1;
    } else if (text.compare(i, 3, "\xE2\x80\xAF") == 0) {
      scratch += ' ';
      i += 2;
    } else {
      scratch += text[i];
    }
  }
  return scratch;
}

}  // namespace

std::optional<Money> parse_money(std::string_view text, char decimal) {
  std::string scratch;
  std::string_view s = strip_currency(trim(plain_spaces(text, scratch)));
  bool negative = false;
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    negative = true;
    s = strip_currency(s.substr(1, s.size() - 2));
  }
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = negative != (s.front() == '-');
    s = strip_currency(s.substr(1));
  } else if (!s.empty() && s.back() == '-') {
    negative = !negative;
    s = strip_currency(s.substr(0, s.size() - 1));
  }
  if (s.empty()) return {};

  const char group = decimal == '.' ? ',' : '.';
  uint64_t units = 0;  // whole part
  uint64_t micros = 0;
  int fraction_digits = 0;
  bool seen_decimal = false, any_digit = false, round_up = false;
  char previous = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (is_digit(c)) {
      any_digit = true;
      unsigned digit = static_cast<unsigned>(c - '0');
      if (!seen_decimal) {
        if (units > (std::numeric_limits<int64_t>::max() / kMoneyScale - 9) / 10) return {};  // overflow
        units = units * 10 + digit;
      } else if (fraction_digits < 6) {
        micros = micros * 10 + digit;
        ++fraction_digits;
      } else if (fraction_digits == 6) {
        round_up = digit >= 5;
        ++fraction_digits;
      }
    } else if (c == decimal && !seen_decimal) {
      seen_decimal = true;
    } else if ((c == group || c == ' ' || c == '\'') && !seen_decimal && is_digit(previous) &&
               is_thousands_group(s, i + 1)) {
      // a thousands separator: between digits of the whole part, before exactly three digits
    } else {
      return {};
    }
    previous = c;
  }
  if (!any_digit) return {};
  for (int i = fraction_digits; i < 6; ++i) micros *= 10;
  int64_t value = static_cast<int64_t>(units) * kMoneyScale + static_cast<int64_t>(micros) + (round_up ? 1 : 0);
  return negative ? -value : value;
}

DecimalHint decimal_hint(std::string_view text) {
  std::string scratch;
  std::string_view s = strip_currency(trim(plain_spaces(text, scratch)));
  size_t dots = 0, commas = 0, last_dot = 0, last_comma = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') ++dots, last_dot = i;
    if (s[i] == ',') ++commas, last_comma = i;
  }
  if (!dots && !commas) return DecimalHint::none;
  if (dots && commas) return last_dot > last_comma ? DecimalHint::dot : DecimalHint::comma;
  if (dots > 1) return DecimalHint::comma;  // 1.234.567: dots group thousands
  if (commas > 1) return DecimalHint::dot;
  size_t at = dots ? last_dot : last_comma;
  DecimalHint self = dots ? DecimalHint::dot : DecimalHint::comma;
  size_t after = 0, before = 0;
  while (at + 1 + after < s.size() && is_digit(s[at + 1 + after])) ++after;
  while (before < at && is_digit(s[at - 1 - before])) ++before;
  // Only `d,ddd` .. `ddd,ddd` without a leading zero can be a thousands group.
  if (after != 3 || before == 0 || before > 3 || s[at - before] == '0') return self;
  return DecimalHint::ambiguous;
}

std::optional<Money> multiply_money(Money a, Money b) {
  __extension__ typedef __int128 Wide;  // a product of two millionths needs 128 bits before rescaling
  Wide product = static_cast<Wide>(a) * b;
  Wide half = kMoneyScale / 2;
  Wide rounded = (product >= 0 ? product + half : product - half) / kMoneyScale;
  if (rounded > std::numeric_limits<int64_t>::max() || rounded < std::numeric_limits<int64_t>::min()) return {};
  return static_cast<Money>(rounded);
}

}  // namespace retention
