// Elementary and special functions for the lifetime-value models, and forward-mode dual numbers
// that carry exact gradients through them.
//
// The double functions are built only from IEEE-exact operations (+ - * / and the bits of the
// exponent), so they give the same bits natively and in wasm: glibc and Emscripten's musl disagree
// in the last bit of exp, log or lgamma now and then, and the native and the wasm CLI must print
// the same fitted parameters. Accuracy: a few ulp.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

namespace retention::clv::math {

double exp(double x);
double log(double x);
double log1p(double x);
double expm1(double x);
double lgamma(double x);   // x > 0
double digamma(double x);  // x > 0

// expm1(c) / c, and 1 at c = 0: (1 - y^k) / k = -log(y) expm1_over(k log y) has no 0/0 at k = 0.
double expm1_over(double c);

// log 2F1(a, b; c; z) for a, b, c > 0 and 0 <= z < 1 by its power series summed in logs, so that
// terms beyond the double range (large a or b) do no harm. NaN when it does not settle.
double log_hyp2f1_series(double a, double b, double c, double z);

// A value with its partial derivatives along N directions (forward-mode automatic
// differentiation): a likelihood written once, as a template, gives its gradient in the same
// pass, exact up to rounding.
template <size_t N>
struct Dual {
  double v = 0;
  std::array<double, N> d{};

  Dual() = default;
  Dual(double value) : v(value) {}  // NOLINT: a constant, converted implicitly like a double
  static Dual variable(double value, size_t i, double slope = 1) {
    Dual x(value);
    x.d[i] = slope;
    return x;
  }
  // The value and derivatives of f(x) from f(v) and f'(v).
  Dual chain(double fv, double slope) const {
    Dual r(fv);
    for (size_t i = 0; i < N; ++i) r.d[i] = slope * d[i];
    return r;
  }

  Dual& operator+=(const Dual& o) {
    v += o.v;
    for (size_t i = 0; i < N; ++i) d[i] += o.d[i];
    return *this;
  }
  Dual& operator-=(const Dual& o) {
    v -= o.v;
    for (size_t i = 0; i < N; ++i) d[i] -= o.d[i];
    return *this;
  }
  Dual& operator*=(const Dual& o) {
    for (size_t i = 0; i < N; ++i) d[i] = d[i] * o.v + v * o.d[i];
    v *= o.v;
    return *this;
  }
  Dual& operator/=(const Dual& o) {
    double q = v / o.v;
    for (size_t i = 0; i < N; ++i) d[i] = (d[i] - q * o.d[i]) / o.v;
    v = q;
    return *this;
  }
  Dual operator-() const { return chain(-v, -1); }
};

template <size_t N> Dual<N> operator+(Dual<N> a, const Dual<N>& b) { return a += b; }
template <size_t N> Dual<N> operator-(Dual<N> a, const Dual<N>& b) { return a -= b; }
template <size_t N> Dual<N> operator*(Dual<N> a, const Dual<N>& b) { return a *= b; }
template <size_t N> Dual<N> operator/(Dual<N> a, const Dual<N>& b) { return a /= b; }
template <size_t N> Dual<N> operator+(Dual<N> a, double b) { return a += Dual<N>(b); }
template <size_t N> Dual<N> operator-(Dual<N> a, double b) { return a -= Dual<N>(b); }
template <size_t N> Dual<N> operator*(Dual<N> a, double b) {
  a.v *= b;
  for (double& x : a.d) x *= b;
  return a;
}
template <size_t N> Dual<N> operator/(Dual<N> a, double b) { return a * (1 / b); }
template <size_t N> Dual<N> operator+(double a, const Dual<N>& b) { return b + a; }
template <size_t N> Dual<N> operator-(double a, const Dual<N>& b) { return -b + a; }
template <size_t N> Dual<N> operator*(double a, const Dual<N>& b) { return b * a; }
template <size_t N> Dual<N> operator/(double a, const Dual<N>& b) { return Dual<N>(a) / b; }

inline double value(double x) { return x; }
template <size_t N> double value(const Dual<N>& x) { return x.v; }
// The largest partial derivative, for convergence tests that must hold for the gradient too.
inline double max_slope(double) { return 0; }
template <size_t N> double max_slope(const Dual<N>& x) {
  double m = 0;
  for (double g : x.d) m = std::fmax(m, std::fabs(g));
  return m;
}

template <size_t N> Dual<N> exp(const Dual<N>& x) {
  double e = exp(x.v);
  return x.chain(e, e);
}
template <size_t N> Dual<N> log(const Dual<N>& x) { return x.chain(log(x.v), 1 / x.v); }
template <size_t N> Dual<N> log1p(const Dual<N>& x) { return x.chain(log1p(x.v), 1 / (1 + x.v)); }
template <size_t N> Dual<N> expm1(const Dual<N>& x) { return x.chain(expm1(x.v), exp(x.v)); }
template <size_t N> Dual<N> lgamma(const Dual<N>& x) { return x.chain(lgamma(x.v), digamma(x.v)); }

// f(params) as a double, or, when `gradient` is wanted, with duals seeded so that the derivatives
// are with respect to log(params) (d param / d log param = param).
template <size_t N, class F>
double with_log_gradient(const std::vector<double>& params, std::vector<double>* gradient, const F& f) {
  if (!gradient) {
    std::array<double, N> p;
    for (size_t i = 0; i < N; ++i) p[i] = params[i];
    return f(p);
  }
  std::array<Dual<N>, N> p;
  for (size_t i = 0; i < N; ++i) p[i] = Dual<N>::variable(params[i], i, params[i]);
  Dual<N> result = f(p);
  gradient->assign(result.d.begin(), result.d.end());
  return result.v;
}

// A sum over many terms whose value is compensated (Neumaier): the likelihood of a million
// customers keeps the digits that the optimiser's last steps compare.
template <class T>
class Sum {
 public:
  void add(const T& term) {
    double s = value(sum_), x = value(term), t = s + x;
    carry_ += std::fabs(s) >= std::fabs(x) ? (s - t) + x : (x - t) + s;
    sum_ += term;
  }
  T total() const { return sum_ + carry_; }

 private:
  T sum_ = T(0.0);
  double carry_ = 0;
};

// log(e^a + e^b) without overflow; -inf + -inf stays -inf.
template <class T>
T log_add_exp(const T& a, const T& b) {
  const T& hi = value(a) >= value(b) ? a : b;
  const T& lo = value(a) >= value(b) ? b : a;
  if (value(lo) == -HUGE_VAL) return hi;
  return hi + log1p(exp(lo - hi));
}

// log(e^a - e^b) for b <= a: -expm1 keeps the digits when b is close to a.
template <class T>
T log_sub_exp(const T& a, const T& b) {
  if (value(b) == -HUGE_VAL) return a;
  return a + log(-expm1(b - a));
}

// log 2F1(1, b; c; z) for c > b > 0 and 0 <= z < 1, by Gauss's continued fraction for
// 2F1(a+1, b; c+1; z) / 2F1(a, b; c; z) at a = 0 (Gauss 1813; it converges off [1, inf), Van Vleck
// 1901; DLMF section 15.7), evaluated with the modified Lentz method.
// Every partial numerator is positive, so no step cancels, and it converges where the power
// series crawls: about 60 steps at z = 0.98 against some 2,000 terms. Returns NaN (ok = false)
// when z is so close to 1 that even the fraction does not settle in kMaxSteps.
template <class T>
T log_hyp2f1_1bc(const T& b, const T& c, const T& z, bool& ok) {
  constexpr int kMaxSteps = 200000;
  const T c0 = c - 1.0;  // the fraction's c, for 2F1(1, b; c0 + 1; z)
  T f(1.0), C(1.0), D(0.0);
  for (int j = 1; j <= kMaxSteps; ++j) {
    // k_{2n+1} = (c+n)(b+n) / ((c+2n)(c+2n+1)),  k_{2n} = n(c-b+n) / ((c+2n-1)(c+2n))
    const double n = j / 2;
    const T numerator = j % 2 ? (c0 + n) * (b + n) : (c0 - b + n) * n;
    const T a = -(numerator / ((c0 + (j - 1)) * (c0 + j)) * z);
    D = 1.0 + a * D;
    C = 1.0 + a / C;
    D = 1.0 / D;
    const T delta = C * D;
    f *= delta;
    if (std::fabs(value(delta) - 1) < 1e-15 && max_slope(delta) < 1e-15) {
      ok = true;
      return -log(f);
    }
  }
  ok = false;
  return T(NAN);
}

}  // namespace retention::clv::math
