/* replay.c: run a fuzz harness once over files, without libFuzzer. `make check` links each
 * harness with this driver under ASan/UBSan and replays its seed corpus and its saved
 * crashes (tests/fuzz/corpus/NAME, tests/fuzz/crashes/NAME): deterministic and fast.
 * Arguments are files or folders (each file in a folder, in name order). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) { perror(path); return -1; }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) { uint8_t *b = realloc(buf, cap *= 2); if (!b) { free(buf); buf = NULL; } else buf = b; }
    }
    fclose(fp);
    if (!buf) { fprintf(stderr, "%s: out of memory\n", path); return -1; }
    /* an exact-size copy, so ASan catches a read one past the input's end */
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact) { free(buf); return -1; }
    memcpy(exact, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

int main(int argc, char **argv)
{
    int files = 0, bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) != 0) continue;          /* a harness with no saved crashes */
        if (!S_ISDIR(sb.st_mode)) { bad |= replay_file(argv[i]) < 0; files++; continue; }
        struct dirent **ents;
        int n = scandir(argv[i], &ents, NULL, by_name);
        for (int j = 0; j < n; j++) {
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", argv[i], ents[j]->d_name);
            if (ents[j]->d_name[0] != '.' && stat(p, &sb) == 0 && S_ISREG(sb.st_mode)) {
                bad |= replay_file(p) < 0;
                files++;
            }
            free(ents[j]);
        }
        free(ents);
    }
    printf("%s: %d inputs replayed\n", argv[0], files);
    return bad;
}
