// Byte scanning for the text readers: the first of a few bytes (delimiter, quote, line ends) or
// the first non-ASCII byte, 16 bytes at a time with wasm simd128, SSE2 or plain C++, whichever the
// target has (the bitmask's lowest set bit is the first match, on every one of them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace retention {

// The first byte in [p, end) equal to one of a, b, c, d (repeat one to look for fewer), or end.
inline const char* find_first_of4(const char* p, const char* end, char a, char b, char c, char d) {
#if defined(__wasm_simd128__)
  const v128_t va = wasm_i8x16_splat(a), vb = wasm_i8x16_splat(b), vc = wasm_i8x16_splat(c), vd = wasm_i8x16_splat(d);
  for (; end - p >= 16; p += 16) {
    v128_t x = wasm_v128_load(p);
    v128_t hit = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(x, va), wasm_i8x16_eq(x, vb)),
                              wasm_v128_or(wasm_i8x16_eq(x, vc), wasm_i8x16_eq(x, vd)));
    if (uint32_t bits = wasm_i8x16_bitmask(hit)) return p + __builtin_ctz(bits);
  }
#elif defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c), vd = _mm_set1_epi8(d);
  for (; end - p >= 16; p += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
                               _mm_or_si128(_mm_cmpeq_epi8(x, vc), _mm_cmpeq_epi8(x, vd)));
    if (int bits = _mm_movemask_epi8(hit)) return p + __builtin_ctz(static_cast<unsigned>(bits));
  }
#endif
  // The tail (and the whole range without SIMD), byte by byte.
  for (; p < end; ++p)
    if (*p == a || *p == b || *p == c || *p == d) return p;
  return end;
}

// Bit i set when p[i] is one of a, b, c, d, for the 64 bytes from p (all readable).
inline uint64_t match_mask64(const char* p, char a, char b, char c, char d) {
#if defined(__wasm_simd128__)
  const v128_t va = wasm_i8x16_splat(a), vb = wasm_i8x16_splat(b), vc = wasm_i8x16_splat(c), vd = wasm_i8x16_splat(d);
  uint64_t mask = 0;
  for (int i = 0; i < 4; ++i) {
    v128_t x = wasm_v128_load(p + 16 * i);
    v128_t hit = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(x, va), wasm_i8x16_eq(x, vb)),
                              wasm_v128_or(wasm_i8x16_eq(x, vc), wasm_i8x16_eq(x, vd)));
    mask |= uint64_t{wasm_i8x16_bitmask(hit)} << (16 * i);
  }
  return mask;
#elif defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c), vd = _mm_set1_epi8(d);
  uint64_t mask = 0;
  for (int i = 0; i < 4; ++i) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
                               _mm_or_si128(_mm_cmpeq_epi8(x, vc), _mm_cmpeq_epi8(x, vd)));
    mask |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(hit))} << (16 * i);
  }
  return mask;
#else
  uint64_t mask = 0;
  for (int i = 0; i < 64; ++i)
    if (p[i] == a || p[i] == b || p[i] == c || p[i] == d) mask |= uint64_t{1} << i;
  return mask;
#endif
}

// The first byte in [p, end) equal to c, or end. The C library's memchr natively (vectorised in
// glibc); in wasm, where the C library's reads a word at a time, 64 bytes a step: the search for a
// NUL in every chunk was 1.3% of the 10M-row run's samples there (issue 11).
inline const char* find_byte(const char* p, const char* end, char c) {
#if defined(__wasm_simd128__)
  const v128_t vc = wasm_i8x16_splat(c);
  for (; end - p >= 64; p += 64) {
    const v128_t hit = wasm_v128_or(
        wasm_v128_or(wasm_i8x16_eq(wasm_v128_load(p), vc), wasm_i8x16_eq(wasm_v128_load(p + 16), vc)),
        wasm_v128_or(wasm_i8x16_eq(wasm_v128_load(p + 32), vc), wasm_i8x16_eq(wasm_v128_load(p + 48), vc)));
    if (wasm_v128_any_true(hit)) break;  // within these 64 bytes: found below
  }
  for (; p < end; ++p)
    if (*p == c) return p;
  return end;
#else
  const void* at = p < end ? std::memchr(p, c, static_cast<size_t>(end - p)) : nullptr;
  return at ? static_cast<const char*>(at) : end;
#endif
}

// The first byte in [p, end) at or above 0x80 (not ASCII), or end: an ASCII file is checked 16
// bytes at a time before its encoding is known.
inline const char* find_non_ascii(const char* p, const char* end) {
#if defined(__wasm_simd128__)
  for (; end - p >= 16; p += 16)
    if (uint32_t bits = wasm_i8x16_bitmask(wasm_v128_load(p))) return p + __builtin_ctz(bits);
#elif defined(__SSE2__)
  for (; end - p >= 16; p += 16)
    if (int bits = _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))))
      return p + __builtin_ctz(static_cast<unsigned>(bits));
#endif
  for (; p < end; ++p)
    if (static_cast<unsigned char>(*p) >= 0x80) return p;
  return end;
}

}  // namespace retention
