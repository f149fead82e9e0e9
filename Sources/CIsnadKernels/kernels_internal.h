/* Per-level kernel entry points, shared by the dispatch code and the level files. */
#ifndef ISNAD_KERNELS_INTERNAL_H
#define ISNAD_KERNELS_INTERNAL_H
#include "isnad_kernels.h"

void isk_q8_quantize_scalar(const float *x, int rows, int nin, int8_t *q, float *d, int32_t *s);
void isk_q4q8_matmul_scalar(const isk_q4_matrix *m, const int8_t *q, const float *d, const int32_t *s,
                            int rows, int g0, int g1, float *y);
void isk_attention_scalar(const float *qkv, int L, int hidden, int head_dim, int h0, int h1,
                          float *ctx, float *scratch);
void isk_add_layernorm_scalar(float *x, const float *y, int rows, int hidden, const float *w,
                              const float *b, float eps);
void isk_gelu_scalar(float *x, size_t n);

#if defined(__x86_64__)
void isk_q8_quantize_avx2(const float *x, int rows, int nin, int8_t *q, float *d, int32_t *s);
void isk_q4q8_matmul_avx2(const isk_q4_matrix *m, const int8_t *q, const float *d, const int32_t *s,
                          int rows, int g0, int g1, float *y);
void isk_attention_avx2(const float *qkv, int L, int hidden, int head_dim, int h0, int h1,
                        float *ctx, float *scratch);
void isk_add_layernorm_avx2(float *x, const float *y, int rows, int hidden, const float *w,
                            const float *b, float eps);
void isk_gelu_avx2(float *x, size_t n);
#endif
#endif
