#include "ingest/money.hpp"

#include <cstdint>
#include <limits>
#include <utility>

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

namespace {

// ISO 4217 codes in use (and a few common historical ones still seen in exports), upper case, sorted.
constexpr std::string_view kIsoCodes =
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD "
    "CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD "
    "GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD "
    "KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK "
    "NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS "
    "SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF "
    "XCD XOF XPF YER ZAR ZMW ZWL";

bool is_iso_code(std::string_view s) {
  if (s.size() != 3) return false;
  char code[3];
  for (size_t i = 0; i < 3; ++i) {
    char c = s[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') return false;
    code[i] = c;
  }
  for (size_t i = 0; i + 3 <= kIsoCodes.size(); i += 4)
    if (kIsoCodes.compare(i, 3, std::string_view(code, 3)) == 0) return true;
  return false;
}

// One currency symbol: `$` (optionally after up to three capitals: US$, C$, NZ$, R$), a Unicode
// currency sign (U+00A2..U+00A5, U+058F, U+060B, U+09F2, U+09F3, U+0E3F, U+17DB, U+20A0..U+20CF,
// U+FDFC, U+FE69, U+FF04, U+FFE0, U+FFE1, U+FFE5, U+FFE6), or a local sign written in letters.
bool is_currency_symbol(std::string_view s) {
  static constexpr std::string_view kLetterSigns[] = {"kr", "kr.", "Kr", "Kr.", "zł", "Kč", "Ft", "Rp", "RM",
                                                      "Rs", "Rs.", "Fr.", "lei", "лв", "руб", "руб.", "₽"};
  for (std::string_view sign : kLetterSigns)
    if (s == sign) return true;
  if (!s.empty() && s.back() == '$') {
    std::string_view letters = s.substr(0, s.size() - 1);
    if (letters.size() > 3) return false;
    for (char c : letters)
      if (c < 'A' || c > 'Z') return false;
    return true;
  }
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  if (s.size() == 2) {
    unsigned cp = ((byte(0) & 0x1Fu) << 6) | (byte(1) & 0x3Fu);
    return (byte(0) & 0xE0) == 0xC0 && (byte(1) & 0xC0) == 0x80 &&
           ((cp >= 0xA2 && cp <= 0xA5) || cp == 0x58F || cp == 0x60B || cp == 0x9F2 || cp == 0x9F3);
  }
  if (s.size() == 3) {
    if ((byte(0) & 0xF0) != 0xE0 || (byte(1) & 0xC0) != 0x80 || (byte(2) & 0xC0) != 0x80) return false;
    unsigned cp = ((byte(0) & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
    return cp == 0x9F2 || cp == 0x9F3 || cp == 0xE3F || cp == 0x17DB || (cp >= 0x20A0 && cp <= 0x20CF) ||
           cp == 0xFDFC || cp == 0xFE69 || cp == 0xFF04 || cp == 0xFFE0 || cp == 0xFFE1 || cp == 0xFFE5 ||
           cp == 0xFFE6;
  }
  return false;
}

bool is_currency(std::string_view s) { return is_iso_code(s) || is_currency_symbol(s); }

// What may stand around the number: signs, parentheses, spaces and one currency. Reads `side`
// (the text before or after the number) into those parts; false (with `why`) for anything else.
struct Surround {
  int signs = 0;
  bool minus = false;
  int open = 0, close = 0;
  int currencies = 0;
};

bool read_side(std::string_view side, bool before, Surround& out, std::string& why) {
  size_t i = 0;
  while (i < side.size()) {
    char c = side[i];
    if (is_space(c)) {
      ++i;
    } else if (c == '-' || c == '+') {
      ++out.signs;
      out.minus = out.minus != (c == '-');
      ++i;
    } else if (c == '(' && before) {
      ++out.open;
      ++i;
    } else if (c == ')' && !before) {
      ++out.close;
      ++i;
    } else {
      size_t end = i;
      while (end < side.size() && !is_space(side[end]) && side[end] != '-' && side[end] != '+' && side[end] != '(' &&
             side[end] != ')')
        ++end;
      std::string_view token = side.substr(i, end - i);
      if (!is_currency(token)) {
        why = quote_value(token) + (before ? " before" : " after") +
              " the number is not a currency (an amount is digits with an optional sign, separators, "
              "parentheses for negatives and at most one currency symbol or three-letter code)";
        return false;
      }
      ++out.currencies;
      i = end;
    }
  }
  return true;
}

}  // namespace

std::optional<Money> read_money(std::string_view text, char decimal, std::string& why) {
  std::string scratch;
  std::string_view s = trim(plain_spaces(text, scratch));
  const char group = decimal == '.' ? ',' : '.';
  // The number runs from its first digit (or a decimal separator right before one) to its last digit
  // (and a decimal separator right after it); everything around it is checked by read_side.
  size_t first = 0;
  while (first < s.size() && !is_digit(s[first])) ++first;
  if (first == s.size()) {
    why = "it holds no digits";
    return {};
  }
  if (first > 0 && s[first - 1] == decimal) --first;
  size_t last = s.size();
  while (!is_digit(s[last - 1])) --last;
  if (last < s.size() && s[last] == decimal) ++last;
  Surround around;
  if (!read_side(s.substr(0, first), true, around, why) || !read_side(s.substr(last), false, around, why))
    return {};
  // a trailing minus (`12.00-`, as SAP writes) counts as the sign
  if (around.signs > 1) {
    why = "it has more than one sign";
    return {};
  }
  if (around.open != around.close || around.open > 1) {
    why = "its parentheses do not match";
    return {};
  }
  if (around.open && around.signs) {
    why = "it has both a sign and parentheses (which already mean a negative amount)";
    return {};
  }
  if (around.currencies > 1) {
    why = "it has a currency both before and after the number";
    return {};
  }
  bool negative = around.minus || around.open;
  std::string_view number = s.substr(first, last - first);

  uint64_t units = 0;  // whole part
  uint64_t micros = 0;
  int fraction_digits = 0;
  bool seen_decimal = false, round_up = false;
  char previous = 0;
  for (size_t i = 0; i < number.size(); ++i) {
    char c = number[i];
    if (is_digit(c)) {
      unsigned digit = static_cast<unsigned>(c - '0');
      if (!seen_decimal) {
        if (units > (std::numeric_limits<int64_t>::max() / kMoneyScale - 9) / 10) {
          why = "the number is too large";
          return {};
        }
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
               is_thousands_group(number, i + 1)) {
      // a thousands separator: between digits of the whole part, before exactly three digits
    } else {
      why = std::string("'") + c + "' is not where a separator can be (decimal separator '" + decimal + "')";
      return {};
    }
    previous = c;
  }
  for (int i = fraction_digits; i < 6; ++i) micros *= 10;
  int64_t value = static_cast<int64_t>(units) * kMoneyScale + static_cast<int64_t>(micros) + (round_up ? 1 : 0);
  return negative ? -value : value;
}

namespace {

// Symbols that name one currency. `$`, `¥` (yen and yuan), `kr` (Danish, Norwegian, Swedish, Icelandic)
// and `Rs` (Indian, Pakistani, Sri Lankan ...) are shared and stay as written.
constexpr std::pair<std::string_view, std::string_view> kSymbolCodes[] = {
    {"€", "EUR"},   {"£", "GBP"},   {"₹", "INR"},  {"₩", "KRW"},  {"₽", "RUB"},  {"руб", "RUB"}, {"руб.", "RUB"},
    {"zł", "PLN"},  {"Kč", "CZK"},  {"₺", "TRY"},  {"₪", "ILS"},  {"₫", "VND"},  {"₱", "PHP"},   {"฿", "THB"},
    {"₴", "UAH"},   {"₦", "NGN"},   {"Ft", "HUF"}, {"lei", "RON"}, {"лв", "BGN"}, {"US$", "USD"}, {"C$", "CAD"},
    {"CA$", "CAD"}, {"A$", "AUD"},  {"AU$", "AUD"}, {"NZ$", "NZD"}, {"R$", "BRL"}, {"HK$", "HKD"}, {"S$", "SGD"},
    {"MX$", "MXN"}, {"RM", "MYR"},  {"Rp", "IDR"}, {"Fr.", "CHF"}, {"￡", "GBP"}};

// A space, or the no-break spaces French and Swiss exports write (U+00A0, U+202F): its length in bytes.
size_t space_at(std::string_view s, size_t i) {
  if (is_space(s[i])) return 1;
  if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
  if (s.compare(i, 3, "\xE2\x80\xAF") == 0) return 3;
  return 0;
}

std::string_view canonical_currency(std::string_view token) {
  if (is_iso_code(token)) {
    for (size_t i = 0; i + 3 <= kIsoCodes.size(); i += 4) {
      std::string_view code = kIsoCodes.substr(i, 3);
      bool same = true;
      for (size_t k = 0; k < 3; ++k) same = same && (token[k] == code[k] || token[k] - 'a' + 'A' == code[k]);
      if (same) return code;
    }
  }
  for (const auto& [symbol, code] : kSymbolCodes)
    if (token == symbol) return code;
  return token;
}

}  // namespace

std::string_view amount_currency(std::string_view text) {
  // The tokens around the number, as read_money reads them: between spaces, signs and parentheses.
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (size_t space = space_at(text, i)) {
      i += space;
    } else if (is_digit(c) || c == '-' || c == '+' || c == '(' || c == ')' || c == '.' || c == ',' || c == '\'') {
      ++i;
    } else {
      size_t end = i;
      while (end < text.size() && !space_at(text, end) && !is_digit(text[end]) && text[end] != '-' &&
             text[end] != '+' && text[end] != '(' && text[end] != ')')
        ++end;
      std::string_view token = text.substr(i, end - i);
      if (is_currency(token)) return canonical_currency(token);
      i = end;
    }
  }
  return {};
}

std::optional<Money> parse_money(std::string_view text, char decimal) {
  std::string why;
  return read_money(text, decimal, why);
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

char first_decimal_separator(std::initializer_list<std::string_view> texts, bool& ambiguous) {
  for (std::string_view text : texts) {
    DecimalHint hint = decimal_hint(text);
    if (hint == DecimalHint::dot || hint == DecimalHint::comma) return hint == DecimalHint::dot ? '.' : ',';
    ambiguous = ambiguous || hint == DecimalHint::ambiguous;
  }
  return 0;
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
