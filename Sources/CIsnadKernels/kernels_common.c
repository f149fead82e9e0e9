/* Packing, dispatch and the portable (scalar) kernels. */
#include "isnad_kernels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kernels_internal.h"

float isk_fp16_to_fp32(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
    uint32_t exponent = (h >> 10) & 0x1Fu;
    uint32_t mantissa = h & 0x3FFu;
    uint32_t bits;
    if (exponent == 0) {
        if (mantissa == 0) {
            bits = sign;
        } else { /* subnormal: renormalize */
            int shift = 0;
            while (!(mantissa & 0x400u)) { mantissa <<= 1; shift++; }
            mantissa &= 0x3FFu;
            bits = sign | ((uint32_t)(127 - 15 + 1 - shift) << 23) | (mantissa << 13);
        }
    } else if (exponent == 31) {
        bits = sign | 0x7F800000u | (mantissa << 13);
    } else {
        bits = sign | ((exponent - 15 + 127) << 23) | (mantissa << 13);
    }
    float out;
    memcpy(&out, &bits, sizeof out);
    return out;
}

isk_level isk_detect_level(void) {
    const char *forced = getenv("ISNAD_KERNELS");
    isk_level best = ISK_SCALAR;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) best = ISK_AVX2;
#endif
    if (forced && strcmp(forced, "scalar") == 0) return ISK_SCALAR;
    return best;
}

const char *isk_level_name(isk_level level) {
    switch (level) {
    case ISK_AVX2: return "avx2";
    default: return "scalar";
    }
}

/* ----------------------------------------------------------------------------------------- */

enum { Q4_BLOCK_BYTES = 18 };

void isk_q4_dequant_row(const uint8_t *q4row, int nin, float *out) {
    for (int b = 0; b < nin / ISK_QK; b++) {
        const uint8_t *block = q4row + (size_t)b * Q4_BLOCK_BYTES;
        float d = isk_fp16_to_fp32((uint16_t)(block[0] | (block[1] << 8)));
        for (int j = 0; j < 16; j++) {
            out[b * ISK_QK + j] = (float)((block[2 + j] & 0x0F) - 8) * d;
            out[b * ISK_QK + j + 16] = (float)((block[2 + j] >> 4) - 8) * d;
        }
    }
}

int isk_q4_pack(const uint8_t *q4, int nout, int nin, const float *bias, isk_q4_matrix *m) {
    memset(m, 0, sizeof *m);
    if (nout <= 0 || nin <= 0 || nout % ISK_GROUP || nin % ISK_QK) return -1;
    int nb = nin / ISK_QK, groups = nout / ISK_GROUP;
    size_t nibble_bytes = (size_t)nout * nin;
    m->nibbles = aligned_alloc(64, (nibble_bytes + 63) / 64 * 64);
    m->scales = aligned_alloc(64, ((size_t)nout * nb * sizeof(float) + 63) / 64 * 64);
    if (!m->nibbles || !m->scales) { isk_q4_free(m); return -1; }
    m->nout = nout; m->nin = nin; m->bias = bias;
    for (int g = 0; g < groups; g++) {
        for (int b = 0; b < nb; b++) {
            uint8_t *dst = m->nibbles + ((size_t)g * nb + b) * (ISK_GROUP * ISK_QK);
            float *scale = m->scales + ((size_t)g * nb + b) * ISK_GROUP;
            for (int r = 0; r < ISK_GROUP; r++) {
                const uint8_t *block = q4 + ((size_t)(g * ISK_GROUP + r) * nb + b) * Q4_BLOCK_BYTES;
                scale[r] = isk_fp16_to_fp32((uint16_t)(block[0] | (block[1] << 8)));
                uint8_t w[ISK_QK];
                for (int j = 0; j < 16; j++) { w[j] = block[2 + j] & 0x0F; w[j + 16] = block[2 + j] >> 4; }
                for (int sub = 0; sub < 8; sub++)
                    memcpy(dst + sub * 32 + r * 4, w + sub * 4, 4);
            }
        }
    }
    return 0;
}

void isk_q4_free(isk_q4_matrix *m) {
    free(m->nibbles);
    free(m->scales);
    m->nibbles = NULL;
    m->scales = NULL;
}

/* ------------------------------------ scalar kernels ------------------------------------- */

void isk_q8_quantize_scalar(const float *x, int rows, int nin, int8_t *q, float *d, int32_t *s) {
    int nb = nin / ISK_QK;
    for (int t = 0; t < rows; t++) {
        for (int b = 0; b < nb; b++) {
            const float *v = x + (size_t)t * nin + b * ISK_QK;
            float amax = 0.f;
            for (int j = 0; j < ISK_QK; j++) { float a = fabsf(v[j]); if (a > amax) amax = a; }
            float scale = amax / 127.f, inverse = scale > 0.f ? 1.f / scale : 0.f;
            int8_t *out = q + (size_t)t * nin + b * ISK_QK;
            int32_t sum = 0;
            for (int j = 0; j < ISK_QK; j++) {
                long r = lrintf(v[j] * inverse);
                if (r > 127) r = 127; else if (r < -128) r = -128;
                out[j] = (int8_t)r;
                sum += (int32_t)r;
            }
            d[(size_t)t * nb + b] = scale;
            s[(size_t)t * nb + b] = sum;
        }
    }
}

void isk_q4q8_matmul_scalar(const isk_q4_matrix *m, const int8_t *q, const float *d, const int32_t *s,
                            int rows, int g0, int g1, float *y) {
    int nin = m->nin, nb = nin / ISK_QK;
    for (int t = 0; t < rows; t++) {
        const int8_t *a = q + (size_t)t * nin;
        for (int g = g0; g < g1; g++) {
            float acc[ISK_GROUP] = {0};
            for (int b = 0; b < nb; b++) {
                const uint8_t *w = m->nibbles + ((size_t)g * nb + b) * (ISK_GROUP * ISK_QK);
                const float *scale = m->scales + ((size_t)g * nb + b) * ISK_GROUP;
                float da = d[(size_t)t * nb + b];
                int32_t sa = s[(size_t)t * nb + b];
                for (int r = 0; r < ISK_GROUP; r++) {
                    int32_t dot = 0;
                    for (int sub = 0; sub < 8; sub++)
                        for (int j = 0; j < 4; j++)
                            dot += (int32_t)w[sub * 32 + r * 4 + j] * a[b * ISK_QK + sub * 4 + j];
                    acc[r] += (float)(dot - 8 * sa) * (scale[r] * da);
                }
            }
            for (int r = 0; r < ISK_GROUP; r++) {
                int o = g * ISK_GROUP + r;
                y[(size_t)t * m->nout + o] = (m->bias ? m->bias[o] : 0.f) + acc[r];
            }
        }
    }
}

size_t isk_attention_scratch(int L, int head_dim) {
    size_t padded = ((size_t)L + 15) / 16 * 16;
    return padded * (size_t)head_dim * 2 + padded * (padded + 1) + 64;
}

void isk_attention_scalar(const float *qkv, int L, int hidden, int head_dim, int h0, int h1,
                          float *ctx, float *scratch) {
    int stride = 3 * hidden;
    float scale = 1.f / sqrtf((float)head_dim);
    for (int h = h0; h < h1; h++) {
        for (int i = 0; i < L; i++) {
            const float *qi = qkv + (size_t)i * stride + h * head_dim;
            float best = -INFINITY;
            for (int j = 0; j < L; j++) {
                const float *kj = qkv + (size_t)j * stride + hidden + h * head_dim;
                float dot = 0.f;
                for (int e = 0; e < head_dim; e++) dot += qi[e] * kj[e];
                scratch[j] = dot * scale;
                if (scratch[j] > best) best = scratch[j];
            }
            float sum = 0.f;
            for (int j = 0; j < L; j++) { scratch[j] = expf(scratch[j] - best); sum += scratch[j]; }
            float inverse = 1.f / sum;
            float *out = ctx + (size_t)i * hidden + h * head_dim;
            for (int e = 0; e < head_dim; e++) out[e] = 0.f;
            for (int j = 0; j < L; j++) {
                const float *vj = qkv + (size_t)j * stride + 2 * hidden + h * head_dim;
                float p = scratch[j] * inverse;
                for (int e = 0; e < head_dim; e++) out[e] += p * vj[e];
            }
        }
    }
}

void isk_add_layernorm_scalar(float *x, const float *y, int rows, int hidden, const float *w,
                              const float *b, float eps) {
    for (int t = 0; t < rows; t++) {
        float *r = x + (size_t)t * hidden;
        if (y) for (int i = 0; i < hidden; i++) r[i] += y[(size_t)t * hidden + i];
        float mean = 0.f;
        for (int i = 0; i < hidden; i++) mean += r[i];
        mean /= (float)hidden;
        float var = 0.f;
        for (int i = 0; i < hidden; i++) { float c = r[i] - mean; var += c * c; }
        var /= (float)hidden;
        float inverse = 1.f / sqrtf(var + eps);
        for (int i = 0; i < hidden; i++) r[i] = (r[i] - mean) * inverse * w[i] + b[i];
    }
}

void isk_gelu_scalar(float *x, size_t n) {
    for (size_t i = 0; i < n; i++) x[i] = 0.5f * x[i] * (1.f + erff(x[i] * 0.70710678118654752f));
}

/* ------------------------------------- dispatch ------------------------------------------ */

#if defined(__x86_64__)
#define ISK_HAS_AVX2_BUILD 1
#else
#define ISK_HAS_AVX2_BUILD 0
#endif

void isk_q8_quantize(isk_level level, const float *x, int rows, int nin, int8_t *q, float *d, int32_t *s) {
#if ISK_HAS_AVX2_BUILD
    if (level == ISK_AVX2) { isk_q8_quantize_avx2(x, rows, nin, q, d, s); return; }
#endif
    (void)level;
    isk_q8_quantize_scalar(x, rows, nin, q, d, s);
}

void isk_q4q8_matmul(isk_level level, const isk_q4_matrix *m, const int8_t *q, const float *d,
                     const int32_t *s, int rows, int g0, int g1, float *y) {
#if ISK_HAS_AVX2_BUILD
    if (level == ISK_AVX2) { isk_q4q8_matmul_avx2(m, q, d, s, rows, g0, g1, y); return; }
#endif
    (void)level;
    isk_q4q8_matmul_scalar(m, q, d, s, rows, g0, g1, y);
}

void isk_attention(isk_level level, const float *qkv, int L, int hidden, int head_dim, int h0, int h1,
                   float *ctx, float *scratch) {
#if ISK_HAS_AVX2_BUILD
    if (level == ISK_AVX2 && head_dim % 8 == 0 && head_dim <= 64) {
        isk_attention_avx2(qkv, L, hidden, head_dim, h0, h1, ctx, scratch);
        return;
    }
#endif
    (void)level;
    isk_attention_scalar(qkv, L, hidden, head_dim, h0, h1, ctx, scratch);
}

void isk_add_layernorm(isk_level level, float *x, const float *y, int rows, int hidden, const float *w,
                       const float *b, float eps) {
#if ISK_HAS_AVX2_BUILD
    if (level == ISK_AVX2 && hidden % 8 == 0) { isk_add_layernorm_avx2(x, y, rows, hidden, w, b, eps); return; }
#endif
    (void)level;
    isk_add_layernorm_scalar(x, y, rows, hidden, w, b, eps);
}

void isk_gelu(isk_level level, float *x, size_t n) {
#if ISK_HAS_AVX2_BUILD
    if (level == ISK_AVX2) { isk_gelu_avx2(x, n); return; }
#endif
    (void)level;
    isk_gelu_scalar(x, n);
}
