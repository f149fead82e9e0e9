/* Isnad's numeric kernels for the sentence encoder: 4-bit weight x 8-bit activation matrix
 * products, attention, layer norm and GELU. Each kernel has a portable C version and an AVX2
 * version; the one used is chosen at run time from the CPU's features (or forced with
 * ISNAD_KERNELS=scalar|avx2), so the same binary runs on any x86-64 or ARM machine. */
#ifndef ISNAD_KERNELS_H
#define ISNAD_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Kernel families, in order of preference. */
typedef enum {
    ISK_SCALAR = 0,
    ISK_AVX2 = 1,
} isk_level;

/* The best level this CPU supports. */
isk_level isk_detect_level(void);
/* A human-readable name for a level ("scalar", "avx2"). */
const char *isk_level_name(isk_level level);

/* Output rows are packed in groups of this many; nout must be a multiple of it. */
#define ISK_GROUP 8
/* Quantization block length along the input dimension (Q4_0 / Q8_0). */
#define ISK_QK 32

/* A Q4_0 weight matrix [nout][nin] repacked for the kernels: nibbles widened to bytes,
 * arranged so one 32-byte load holds 4 consecutive inputs of 8 consecutive output rows. */
typedef struct {
    int nout, nin;
    uint8_t *nibbles; /* [nout/8][nin/32][8 subgroups][8 rows][4] unsigned 0..15 */
    float *scales;    /* [nout/8][nin/32][8 rows] fp32 block scales */
    const float *bias; /* [nout] or NULL, not owned */
} isk_q4_matrix;

/* Repacks `nout` rows of Q4_0 blocks (18 bytes each: fp16 scale, 16 nibble bytes) into `m`.
 * Returns 0, or -1 when the shapes are not multiples of 8 and 32 or memory ran out. */
int isk_q4_pack(const uint8_t *q4, int nout, int nin, const float *bias, isk_q4_matrix *m);
void isk_q4_free(isk_q4_matrix *m);

/* Dequantizes one Q4_0 row of `nin` weights (embedding lookup). */
void isk_q4_dequant_row(const uint8_t *q4row, int nin, float *out);

/* Quantizes rows of activations x[rows][nin] to Q8_0 per 32-block: q (int8), d (scale), s (sum). */
void isk_q8_quantize(isk_level level, const float *x, int rows, int nin,
                     int8_t *q, float *d, int32_t *s);

/* y[t][o] = bias[o] + sum_b dw[o,b] * da[t,b] * (<nib, q> - 8 * s[t,b]), for output groups
 * [g0, g1) (units of 8 rows) and all `rows` tokens. y has row stride m->nout. */
void isk_q4q8_matmul(isk_level level, const isk_q4_matrix *m, const int8_t *q, const float *d,
                     const int32_t *s, int rows, int g0, int g1, float *y);

/* Softmax attention of one window for heads [h0, h1): qkv rows hold q, k, v side by side
 * (stride 3*hidden); ctx[t][hidden] receives the context. scratch must hold
 * isk_attention_scratch(L, head_dim) floats. */
size_t isk_attention_scratch(int L, int head_dim);
void isk_attention(isk_level level, const float *qkv, int L, int hidden, int head_dim,
                   int h0, int h1, float *ctx, float *scratch);

/* x[t] = LayerNorm(x[t] + y[t]) * w + b over `hidden` values (y may be NULL). */
void isk_add_layernorm(isk_level level, float *x, const float *y, int rows, int hidden,
                       const float *w, const float *b, float eps);

/* In place exact-form GELU: 0.5 x (1 + erf(x / sqrt 2)). */
void isk_gelu(isk_level level, float *x, size_t n);

/* Half-precision bits to float. */
float isk_fp16_to_fp32(uint16_t h);

#ifdef __cplusplus
}
#endif
#endif
