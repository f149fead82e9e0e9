/* Peak multiply-accumulate rates of one core, for `make bench` to say what fraction of it the
 * encoder's kernels reach: int8 (AVX2 maddubs, 32 u8×s8 products per instruction, the
 * instruction the encoder's matrix kernel is built on) and fp32 (AVX2 FMA, 8 per instruction).
 * Twelve independent accumulators hide the latencies. Build: cc -O2 cpu-peak.c */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

#define CHAINS 12
__attribute__((target("avx2,fma"))) int main(void) {
    const long rounds = 100000000;
    __m256i a[CHAINS];
    for (int i = 0; i < CHAINS; i++) a[i] = _mm256_set1_epi8((char)(i + 1));
    __m256i w = _mm256_set1_epi8(3);
    double start = now();
    for (long k = 0; k < rounds; k++) {
        for (int i = 0; i < CHAINS; i++) a[i] = _mm256_maddubs_epi16(w, a[i]);
        __asm__ volatile("" : "+x"(a[0]), "+x"(a[1]), "+x"(a[2]), "+x"(a[3]), "+x"(a[4]), "+x"(a[5]),
                              "+x"(a[6]), "+x"(a[7]), "+x"(a[8]), "+x"(a[9]), "+x"(a[10]), "+x"(a[11]));
    }
    double int8 = rounds * CHAINS * 32.0 / (now() - start);
    __m256 f[CHAINS];
    for (int i = 0; i < CHAINS; i++) f[i] = _mm256_set1_ps((float)i);
    __m256 x = _mm256_set1_ps(0.999f);
    start = now();
    for (long k = 0; k < rounds; k++) {
        for (int i = 0; i < CHAINS; i++) f[i] = _mm256_fmadd_ps(f[i], x, x);
        __asm__ volatile("" : "+x"(f[0]), "+x"(f[1]), "+x"(f[2]), "+x"(f[3]), "+x"(f[4]), "+x"(f[5]),
                              "+x"(f[6]), "+x"(f[7]), "+x"(f[8]), "+x"(f[9]), "+x"(f[10]), "+x"(f[11]));
    }
    double fp32 = rounds * CHAINS * 8.0 / (now() - start);
    int sink = _mm256_extract_epi16(a[0], 0) + (int)_mm256_cvtss_f32(f[0]);
    printf("%.1f %.1f %d\n", int8 / 1e9, fp32 / 1e9, sink & 1);
    return 0;
}
