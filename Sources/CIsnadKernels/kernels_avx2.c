/* AVX2 + FMA kernels, compiled for any x86-64 and called only when the CPU reports both. */
#include "kernels_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <math.h>
#include <string.h>

#define AVX2 __attribute__((target("avx2,fma")))
#define AVX2_INLINE static inline __attribute__((always_inline, target("avx2,fma")))

AVX2_INLINE float hsum(__m256 v) {
    __m128 x = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    x = _mm_add_ps(x, _mm_movehl_ps(x, x));
    x = _mm_add_ss(x, _mm_shuffle_ps(x, x, 1));
    return _mm_cvtss_f32(x);
}

AVX2_INLINE float hmax(__m256 v) {
    __m128 x = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    x = _mm_max_ps(x, _mm_movehl_ps(x, x));
    x = _mm_max_ss(x, _mm_shuffle_ps(x, x, 1));
    return _mm_cvtss_f32(x);
}

/* e^x for x in [-87, 88]: x = n ln2 + r, degree-6 polynomial for e^r, 2^n from exponent bits. */
AVX2_INLINE __m256 exp256(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.f)), _mm256_set1_ps(88.f));
    __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                               _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 p = _mm256_set1_ps(1.f / 720.f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.f / 120.f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.f / 24.f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.f / 6.f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.f));
    __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(p, _mm256_castsi256_ps(e));
}

/* ------------------------------------ quantization --------------------------------------- */

AVX2 void isk_q8_quantize_avx2(const float *x, int rows, int nin, int8_t *q, float *d, int32_t *s) {
    int nb = nin / ISK_QK;
    const __m256 abs_mask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF));
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    for (int t = 0; t < rows; t++) {
        for (int b = 0; b < nb; b++) {
            const float *v = x + (size_t)t * nin + b * ISK_QK;
            __m256 v0 = _mm256_loadu_ps(v), v1 = _mm256_loadu_ps(v + 8);
            __m256 v2 = _mm256_loadu_ps(v + 16), v3 = _mm256_loadu_ps(v + 24);
            __m256 m = _mm256_max_ps(_mm256_max_ps(_mm256_and_ps(v0, abs_mask), _mm256_and_ps(v1, abs_mask)),
                                     _mm256_max_ps(_mm256_and_ps(v2, abs_mask), _mm256_and_ps(v3, abs_mask)));
            float amax = hmax(m);
            float scale = amax / 127.f, inverse = scale > 0.f ? 1.f / scale : 0.f;
            __m256 inv = _mm256_set1_ps(inverse);
            const __m256i lo = _mm256_set1_epi32(-128), hi = _mm256_set1_epi32(127);
            __m256i i0 = _mm256_min_epi32(_mm256_max_epi32(_mm256_cvtps_epi32(_mm256_mul_ps(v0, inv)), lo), hi);
            __m256i i1 = _mm256_min_epi32(_mm256_max_epi32(_mm256_cvtps_epi32(_mm256_mul_ps(v1, inv)), lo), hi);
            __m256i i2 = _mm256_min_epi32(_mm256_max_epi32(_mm256_cvtps_epi32(_mm256_mul_ps(v2, inv)), lo), hi);
            __m256i i3 = _mm256_min_epi32(_mm256_max_epi32(_mm256_cvtps_epi32(_mm256_mul_ps(v3, inv)), lo), hi);
            __m256i total = _mm256_add_epi32(_mm256_add_epi32(i0, i1), _mm256_add_epi32(i2, i3));
            __m128i t4 = _mm_add_epi32(_mm256_castsi256_si128(total), _mm256_extracti128_si256(total, 1));
            t4 = _mm_add_epi32(t4, _mm_shuffle_epi32(t4, 0x4E));
            t4 = _mm_add_epi32(t4, _mm_shuffle_epi32(t4, 0xB1));
            __m256i packed = _mm256_packs_epi16(_mm256_packs_epi32(i0, i1), _mm256_packs_epi32(i2, i3));
            packed = _mm256_permutevar8x32_epi32(packed, order);
            _mm256_storeu_si256((__m256i *)(q + (size_t)t * nin + b * ISK_QK), packed);
            d[(size_t)t * nb + b] = scale;
            s[(size_t)t * nb + b] = _mm_cvtsi128_si32(t4);
        }
    }
}

/* ------------------------------------- matmul -------------------------------------------- */

/* One tile: MT tokens x NT groups of 8 outputs. Per 32-block, the unsigned nibbles of 8 rows
 * meet 4 broadcast activation bytes in maddubs; eight int16 partial sums per block cannot
 * overflow (|sum| <= 8 * 2 * 15 * 128 = 30720), so one madd per block widens them to int32
 * before the block's scales are applied in float. */
AVX2_INLINE void matmul_tile(const isk_q4_matrix *m, const int8_t *q, const float *d, const int32_t *s,
                             int t, int g, float *y, const int MT, const int NT) {
    const int nin = m->nin, nb = nin / ISK_QK;
    const __m256i ones = _mm256_set1_epi16(1);
    __m256 acc[8][3];
    for (int i = 0; i < MT; i++)
        for (int n = 0; n < NT; n++) acc[i][n] = _mm256_setzero_ps();
    for (int b = 0; b < nb; b++) {
        __m256i sum[8][3];
        for (int i = 0; i < MT; i++)
            for (int n = 0; n < NT; n++) sum[i][n] = _mm256_setzero_si256();
        const uint8_t *wb[3];
        for (int n = 0; n < NT; n++) wb[n] = m->nibbles + ((size_t)(g + n) * nb + b) * (ISK_GROUP * ISK_QK);
#pragma clang loop unroll(disable)
        for (int sub = 0; sub < 8; sub++) {
            __m256i w[3];
            for (int n = 0; n < NT; n++) w[n] = _mm256_load_si256((const __m256i *)(wb[n] + sub * 32));
            for (int i = 0; i < MT; i++) {
                int32_t four;
                memcpy(&four, q + (size_t)(t + i) * nin + b * ISK_QK + sub * 4, 4);
                __m256i a = _mm256_set1_epi32(four);
                for (int n = 0; n < NT; n++) sum[i][n] = _mm256_add_epi16(sum[i][n], _mm256_maddubs_epi16(w[n], a));
            }
        }
        __m256 dw[3];
        for (int n = 0; n < NT; n++) dw[n] = _mm256_load_ps(m->scales + ((size_t)(g + n) * nb + b) * ISK_GROUP);
        for (int i = 0; i < MT; i++) {
            __m256 da = _mm256_set1_ps(d[(size_t)(t + i) * nb + b]);
            __m256i corr = _mm256_set1_epi32(8 * s[(size_t)(t + i) * nb + b]);
            for (int n = 0; n < NT; n++) {
                __m256i dot = _mm256_sub_epi32(_mm256_madd_epi16(sum[i][n], ones), corr);
                acc[i][n] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(dot), _mm256_mul_ps(dw[n], da), acc[i][n]);
            }
        }
    }
    for (int n = 0; n < NT; n++) {
        int o = (g + n) * ISK_GROUP;
        __m256 bias = m->bias ? _mm256_loadu_ps(m->bias + o) : _mm256_setzero_ps();
        for (int i = 0; i < MT; i++)
            _mm256_storeu_ps(y + (size_t)(t + i) * m->nout + o, _mm256_add_ps(acc[i][n], bias));
    }
}

#ifndef TILE_M
#define TILE_M 3
#endif
#ifndef TILE_N
#define TILE_N 3
#endif

#ifndef TOKEN_BLOCK
#define TOKEN_BLOCK 48
#endif

/* Tokens in blocks of TOKEN_BLOCK (their activations stay in L1 while every output group's
 * weights stream past from L2), then output groups TILE_N at a time, then token tiles. */
AVX2 void isk_q4q8_matmul_avx2(const isk_q4_matrix *m, const int8_t *q, const float *d, const int32_t *s,
                               int rows, int g0, int g1, float *y) {
    for (int t0 = 0; t0 < rows; t0 += TOKEN_BLOCK) {
        int t1 = t0 + TOKEN_BLOCK < rows ? t0 + TOKEN_BLOCK : rows;
        int g = g0;
        for (; g + TILE_N <= g1; g += TILE_N) {
            int t = t0;
            for (; t + TILE_M <= t1; t += TILE_M) matmul_tile(m, q, d, s, t, g, y, TILE_M, TILE_N);
            for (; t < t1; t++) matmul_tile(m, q, d, s, t, g, y, 1, TILE_N);
        }
        for (; g < g1; g++) {
            int t = t0;
            for (; t + TILE_M <= t1; t += TILE_M) matmul_tile(m, q, d, s, t, g, y, TILE_M, 1);
            for (; t < t1; t++) matmul_tile(m, q, d, s, t, g, y, 1, 1);
        }
    }
}

/* ------------------------------------- attention ----------------------------------------- */

/* One head of one window; CH = head_dim / 8 is a constant so the accumulators stay in registers.
 * Scores are computed 16 keys at a time for every query (those keys' 2 KB stay in L1), then
 * each row is soft-maxed in place, then multiplied with the values two rows at a time. */
AVX2_INLINE void attention_head(const float *qkv, int L, int hidden, int h, float *ctx, float *scratch,
                                const int CH) {
    const int head_dim = CH * 8, stride = 3 * hidden, Lp = (L + 15) / 16 * 16;
    const float scale = 1.f / sqrtf((float)head_dim);
    float *kt = scratch;                        /* [Lp/16][head_dim][16] keys, transposed per 16 */
    float *vh = kt + (size_t)head_dim * Lp;     /* [L][head_dim] values */
    float *scores = vh + (size_t)head_dim * Lp; /* [L + 1][Lp] */
    for (int j = 0; j < Lp; j++) {
        float *column = kt + (size_t)(j / 16) * head_dim * 16 + (j % 16);
        if (j < L) {
            const float *row = qkv + (size_t)j * stride + h * head_dim;
            for (int e = 0; e < head_dim; e++) column[e * 16] = row[hidden + e];
            memcpy(vh + (size_t)j * head_dim, row + 2 * hidden, sizeof(float) * head_dim);
        } else {
            for (int e = 0; e < head_dim; e++) column[e * 16] = 0.f;
        }
    }
    const __m256 sc = _mm256_set1_ps(scale);
    for (int jb = 0; jb < Lp; jb += 16) {
        const float *block = kt + (size_t)(jb / 16) * head_dim * 16;
        int i = 0;
        for (; i + 2 <= L; i += 2) {
            const float *q0 = qkv + (size_t)i * stride + h * head_dim, *q1 = q0 + stride;
            __m256 a00 = _mm256_setzero_ps(), a01 = _mm256_setzero_ps(), a10 = _mm256_setzero_ps(), a11 = _mm256_setzero_ps();
            __m256 b00 = _mm256_setzero_ps(), b01 = _mm256_setzero_ps(), b10 = _mm256_setzero_ps(), b11 = _mm256_setzero_ps();
            for (int e = 0; e < head_dim; e += 2) {
                __m256 k0 = _mm256_loadu_ps(block + e * 16), k1 = _mm256_loadu_ps(block + e * 16 + 8);
                __m256 k2 = _mm256_loadu_ps(block + e * 16 + 16), k3 = _mm256_loadu_ps(block + e * 16 + 24);
                __m256 x0 = _mm256_set1_ps(q0[e]), x1 = _mm256_set1_ps(q1[e]);
                __m256 y0 = _mm256_set1_ps(q0[e + 1]), y1 = _mm256_set1_ps(q1[e + 1]);
                a00 = _mm256_fmadd_ps(x0, k0, a00); a01 = _mm256_fmadd_ps(x0, k1, a01);
                a10 = _mm256_fmadd_ps(x1, k0, a10); a11 = _mm256_fmadd_ps(x1, k1, a11);
                b00 = _mm256_fmadd_ps(y0, k2, b00); b01 = _mm256_fmadd_ps(y0, k3, b01);
                b10 = _mm256_fmadd_ps(y1, k2, b10); b11 = _mm256_fmadd_ps(y1, k3, b11);
            }
            float *s0 = scores + (size_t)i * Lp + jb, *s1 = s0 + Lp;
            _mm256_storeu_ps(s0, _mm256_mul_ps(_mm256_add_ps(a00, b00), sc));
            _mm256_storeu_ps(s0 + 8, _mm256_mul_ps(_mm256_add_ps(a01, b01), sc));
            _mm256_storeu_ps(s1, _mm256_mul_ps(_mm256_add_ps(a10, b10), sc));
            _mm256_storeu_ps(s1 + 8, _mm256_mul_ps(_mm256_add_ps(a11, b11), sc));
        }
        for (; i < L; i++) {
            const float *q0 = qkv + (size_t)i * stride + h * head_dim;
            __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
            for (int e = 0; e < head_dim; e++) {
                __m256 x0 = _mm256_set1_ps(q0[e]);
                a0 = _mm256_fmadd_ps(x0, _mm256_loadu_ps(block + e * 16), a0);
                a1 = _mm256_fmadd_ps(x0, _mm256_loadu_ps(block + e * 16 + 8), a1);
            }
            _mm256_storeu_ps(scores + (size_t)i * Lp + jb, _mm256_mul_ps(a0, sc));
            _mm256_storeu_ps(scores + (size_t)i * Lp + jb + 8, _mm256_mul_ps(a1, sc));
        }
    }
    for (int i = 0; i < L; i++) {
        float *pr = scores + (size_t)i * Lp;
        for (int j = L; j < Lp; j++) pr[j] = -INFINITY;
        __m256 mx = _mm256_set1_ps(-INFINITY);
        for (int j = 0; j < Lp; j += 8) mx = _mm256_max_ps(mx, _mm256_loadu_ps(pr + j));
        __m256 best = _mm256_set1_ps(hmax(mx)), total = _mm256_setzero_ps();
        for (int j = 0; j < Lp; j += 8) {
            __m256 raw = _mm256_loadu_ps(pr + j);
            __m256 e = exp256(_mm256_sub_ps(raw, best));
            if (j + 8 > L) /* padding columns contribute nothing */
                e = _mm256_blendv_ps(e, _mm256_setzero_ps(), _mm256_cmp_ps(raw, _mm256_set1_ps(-INFINITY), _CMP_EQ_OQ));
            total = _mm256_add_ps(total, e);
            _mm256_storeu_ps(pr + j, e);
        }
        __m256 inverse = _mm256_set1_ps(1.f / hsum(total));
        for (int j = 0; j < Lp; j += 8) _mm256_storeu_ps(pr + j, _mm256_mul_ps(_mm256_loadu_ps(pr + j), inverse));
    }
    for (int i = 0; i < L; i += 2) {
        __m256 c0[8], c1[8];
        for (int k = 0; k < CH; k++) c0[k] = c1[k] = _mm256_setzero_ps();
        const float *p0 = scores + (size_t)i * Lp, *p1 = i + 1 < L ? p0 + Lp : p0;
        for (int j = 0; j < L; j++) {
            __m256 b0 = _mm256_set1_ps(p0[j]), b1 = _mm256_set1_ps(p1[j]);
            const float *vj = vh + (size_t)j * head_dim;
            for (int k = 0; k < CH; k++) {
                __m256 v = _mm256_loadu_ps(vj + 8 * k);
                c0[k] = _mm256_fmadd_ps(b0, v, c0[k]);
                c1[k] = _mm256_fmadd_ps(b1, v, c1[k]);
            }
        }
        float *out0 = ctx + (size_t)i * hidden + h * head_dim;
        for (int k = 0; k < CH; k++) _mm256_storeu_ps(out0 + 8 * k, c0[k]);
        if (i + 1 < L)
            for (int k = 0; k < CH; k++) _mm256_storeu_ps(out0 + hidden + 8 * k, c1[k]);
    }
}

AVX2 void isk_attention_avx2(const float *qkv, int L, int hidden, int head_dim, int h0, int h1,
                             float *ctx, float *scratch) {
    for (int h = h0; h < h1; h++) {
        if (head_dim == 32) attention_head(qkv, L, hidden, h, ctx, scratch, 4);
        else if (head_dim == 64) attention_head(qkv, L, hidden, h, ctx, scratch, 8);
        else isk_attention_scalar(qkv, L, hidden, head_dim, h, h + 1, ctx, scratch);
    }
}

/* ----------------------------------- norm and GELU --------------------------------------- */

AVX2 void isk_add_layernorm_avx2(float *x, const float *y, int rows, int hidden, const float *w,
                                 const float *b, float eps) {
    for (int t = 0; t < rows; t++) {
        float *r = x + (size_t)t * hidden;
        __m256 total = _mm256_setzero_ps();
        for (int i = 0; i < hidden; i += 8) {
            __m256 v = _mm256_loadu_ps(r + i);
            if (y) v = _mm256_add_ps(v, _mm256_loadu_ps(y + (size_t)t * hidden + i));
            _mm256_storeu_ps(r + i, v);
            total = _mm256_add_ps(total, v);
        }
        float mean = hsum(total) / (float)hidden;
        __m256 mv = _mm256_set1_ps(mean), sq = _mm256_setzero_ps();
        for (int i = 0; i < hidden; i += 8) {
            __m256 c = _mm256_sub_ps(_mm256_loadu_ps(r + i), mv);
            sq = _mm256_fmadd_ps(c, c, sq);
        }
        float inverse = 1.f / sqrtf(hsum(sq) / (float)hidden + eps);
        __m256 iv = _mm256_set1_ps(inverse);
        for (int i = 0; i < hidden; i += 8) {
            __m256 c = _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(r + i), mv), iv);
            _mm256_storeu_ps(r + i, _mm256_fmadd_ps(c, _mm256_loadu_ps(w + i), _mm256_loadu_ps(b + i)));
        }
    }
}

/* erf by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7), sign restored after. */
AVX2_INLINE __m256 erf256(__m256 z) {
    const __m256 sign_mask = _mm256_castsi256_ps(_mm256_set1_epi32((int)0x80000000u));
    __m256 sign = _mm256_and_ps(z, sign_mask), a = _mm256_andnot_ps(sign_mask, z);
    __m256 t = _mm256_div_ps(_mm256_set1_ps(1.f), _mm256_fmadd_ps(_mm256_set1_ps(0.3275911f), a, _mm256_set1_ps(1.f)));
    __m256 poly = _mm256_set1_ps(1.061405429f);
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-1.453152027f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(1.421413741f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-0.284496736f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(0.254829592f));
    poly = _mm256_mul_ps(poly, t);
    __m256 e = exp256(_mm256_sub_ps(_mm256_setzero_ps(), _mm256_mul_ps(a, a)));
    __m256 result = _mm256_fnmadd_ps(poly, e, _mm256_set1_ps(1.f));
    return _mm256_or_ps(result, sign);
}

AVX2 void isk_gelu_avx2(float *x, size_t n) {
    size_t i = 0;
    const __m256 half = _mm256_set1_ps(0.5f), one = _mm256_set1_ps(1.f), root = _mm256_set1_ps(0.70710678118654752f);
    for (; i + 8 <= n; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i);
        __m256 g = _mm256_mul_ps(_mm256_mul_ps(half, v), _mm256_add_ps(one, erf256(_mm256_mul_ps(v, root))));
        _mm256_storeu_ps(x + i, g);
    }
    if (i < n) isk_gelu_scalar(x + i, n - i);
}
#endif
