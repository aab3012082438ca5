/* replay.c — runs a fuzz target's LLVMFuzzerTestOneInput over files, without
 * libFuzzer, so any C compiler can replay a corpus or a crash:
 *     cc ... tests/fuzz/fuzz_markdown.c tests/fuzz/replay.c <objects>
 *     ./replay FILE...
 * Prints each file's time in ms when REPLAY_TIMES is set (to find slow inputs). */
#include "leafpress.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    bool times = getenv("REPLAY_TIMES") != NULL;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        size_t cap = 1 << 16, n = 0;
        uint8_t *buf = malloc(cap);
        size_t got;
        while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap) {
                uint8_t *p = realloc(buf, cap *= 2);
                if (!p) free(buf);
                buf = p;
            }
        }
        fclose(f);
        if (!buf) return 1;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        LLVMFuzzerTestOneInput(buf, n);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (times)
            printf("%8.2f ms %s\n", (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
                   argv[i]);
        free(buf);
    }
    return 0;
}
