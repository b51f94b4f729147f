// Writes COUNT files of SIZE bytes into DIR three ways and prints the median MiB/s of each, so the
// kernel's own answer can be compared with Ferry's (ferry-bench/README.md, "Files"):
//   step     one io_uring, each file's open, write, [fsync], close submitted when the one before
//            completed, up to 256 files in flight (Ferry's AsyncFile four-call path, in C)
//   chain    one io_uring, each file's steps submitted at once as a linked chain through a direct
//            descriptor (Ferry's AsyncFile.writeFile on io_uring, in C)
//   threads  THREADS plain threads, each taking the next file and making the syscalls itself
// Each round runs the three in a rotated order on emptied files; the first two rounds are not counted.
// Build and run with uring-vs-threads.sh. Linux, liburing 2.2 or later.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define IN_FLIGHT 256
#define MAX_ROUNDS 64

static int count, size, direct, dosync, workers, nthreads, defer;
static void *data;
static char (*paths)[512];

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int open_flags(void) { return O_WRONLY | O_CREAT | O_TRUNC | (direct ? O_DIRECT : 0); }

static void die(const char *what, int err) {
    fprintf(stderr, "%s: %s\n", what, strerror(err));
    exit(1);
}

static void ring_init(struct io_uring *r, unsigned entries) {
    struct io_uring_params p = {0};
    if (defer) {
        p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_SUBMIT_ALL;
    }
    int e = io_uring_queue_init_params(entries, r, &p);
    if (e < 0) die("io_uring_queue_init_params", -e);
    if (workers > 0) {
        unsigned bounds[2] = {workers, 0};
        e = io_uring_register_iowq_max_workers(r, bounds);
        if (e < 0) die("io_uring_register_iowq_max_workers", -e);
    }
}

// Stages: 0 open, 1 write, 2 fsync, 3 close, 4 done.
static double run_step(void) {
    struct io_uring r;
    ring_init(&r, 2 * IN_FLIGHT);
    int *fd = calloc(count, sizeof(int)), *stage = calloc(count, sizeof(int));
    int next = 0, active = 0, done = 0;
    double t0 = now();
    while (done < count) {
        while (next < count && active < IN_FLIGHT) {
            struct io_uring_sqe *s = io_uring_get_sqe(&r);
            io_uring_prep_openat(s, AT_FDCWD, paths[next], open_flags(), 0644);
            s->user_data = next++;
            active++;
        }
        io_uring_submit_and_wait(&r, 1);
        struct io_uring_cqe *c;
        unsigned head, seen = 0;
        io_uring_for_each_cqe(&r, head, c) {
            int i = (int) c->user_data;
            seen++;
            if (c->res < 0) die(paths[i], -c->res);
            if (stage[i] == 0) fd[i] = c->res;
            stage[i] += (stage[i] == 1 && !dosync) ? 2 : 1;
            if (stage[i] == 4) {
                done++;
                active--;
                continue;
            }
            struct io_uring_sqe *s = io_uring_get_sqe(&r);
            if (stage[i] == 1) io_uring_prep_write(s, fd[i], data, size, 0);
            else if (stage[i] == 2) io_uring_prep_fsync(s, fd[i], 0);
            else io_uring_prep_close(s, fd[i]);
            s->user_data = i;
        }
        io_uring_cq_advance(&r, seen);
    }
    double t = now() - t0;
    io_uring_queue_exit(&r);
    free(fd);
    free(stage);
    return t;
}

static double run_chain(void) {
    struct io_uring r;
    ring_init(&r, 4 * IN_FLIGHT);
    int e = io_uring_register_files_sparse(&r, IN_FLIGHT);
    if (e < 0) die("io_uring_register_files_sparse", -e);
    int free_slots[IN_FLIGHT], nfree = IN_FLIGHT, *left = calloc(count, sizeof(int)), *slot = calloc(count, sizeof(int));
    for (int i = 0; i < IN_FLIGHT; i++) free_slots[i] = i;
    int next = 0, done = 0;
    double t0 = now();
    while (done < count) {
        while (next < count && nfree > 0) {
            int sl = free_slots[--nfree];
            slot[next] = sl;
            left[next] = dosync ? 4 : 3;
            struct io_uring_sqe *s = io_uring_get_sqe(&r);
            io_uring_prep_openat_direct(s, AT_FDCWD, paths[next], open_flags(), 0644, sl);
            s->flags |= IOSQE_IO_LINK;
            s->user_data = next;
            s = io_uring_get_sqe(&r);
            io_uring_prep_write(s, sl, data, size, 0);
            s->flags |= IOSQE_FIXED_FILE | IOSQE_IO_LINK;
            s->user_data = next;
            if (dosync) {
                s = io_uring_get_sqe(&r);
                io_uring_prep_fsync(s, sl, 0);
                s->flags |= IOSQE_FIXED_FILE | IOSQE_IO_HARDLINK;
                s->user_data = next;
            }
            s = io_uring_get_sqe(&r);
            io_uring_prep_close_direct(s, sl);
            s->user_data = next++;
        }
        io_uring_submit_and_wait(&r, 1);
        struct io_uring_cqe *c;
        unsigned head, seen = 0;
        io_uring_for_each_cqe(&r, head, c) {
            int i = (int) c->user_data;
            seen++;
            if (c->res < 0) die(paths[i], -c->res);
            if (--left[i] == 0) {
                done++;
                free_slots[nfree++] = slot[i];
            }
        }
        io_uring_cq_advance(&r, seen);
    }
    double t = now() - t0;
    io_uring_queue_exit(&r);
    free(left);
    free(slot);
    return t;
}

static atomic_int next_file;

static void *writer(void *unused) {
    (void) unused;
    for (int i; (i = atomic_fetch_add(&next_file, 1)) < count;) {
        int fd = open(paths[i], open_flags(), 0644);
        if (fd < 0) die(paths[i], errno);
        if (pwrite(fd, data, size, 0) != size) die("pwrite", errno);
        if (dosync && fsync(fd) != 0) die("fsync", errno);
        close(fd);
    }
    return NULL;
}

static double run_threads(void) {
    pthread_t t[256];
    atomic_store(&next_file, 0);
    double t0 = now();
    for (int i = 0; i < nthreads; i++) pthread_create(&t[i], NULL, writer, NULL);
    for (int i = 0; i < nthreads; i++) pthread_join(t[i], NULL);
    return now() - t0;
}

static void empty(void) {
    for (int i = 0; i < count; i++) unlink(paths[i]);
    sync();
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 10) {
        fprintf(stderr, "usage: %s DIR COUNT SIZE DIRECT(0|1) FSYNC(0|1) IOWQ_WORKERS(0=default) THREADS "
                "ROUNDS DEFER_TASKRUN(0|1)\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1];
    count = atoi(argv[2]);
    size = atoi(argv[3]);
    direct = atoi(argv[4]);
    dosync = atoi(argv[5]);
    workers = atoi(argv[6]);
    nthreads = atoi(argv[7]);
    int rounds = atoi(argv[8]);
    defer = atoi(argv[9]);
    if (count < 1 || size < 1 || nthreads < 1 || nthreads > 256 || rounds < 3 || rounds > MAX_ROUNDS) {
        fprintf(stderr, "need COUNT, SIZE >= 1, THREADS 1..256, ROUNDS 3..%d\n", MAX_ROUNDS);
        return 2;
    }
    mkdir(dir, 0755);
    if (posix_memalign(&data, 4096, size) != 0) die("posix_memalign", ENOMEM);
    memset(data, 7, size);
    paths = calloc(count, sizeof *paths);
    for (int i = 0; i < count; i++) snprintf(paths[i], sizeof paths[i], "%s/file-%d", dir, i);
    const char *names[3] = {"step", "chain", "threads"};
    double mib[3][MAX_ROUNDS];
    int measured = 0;
    for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < 3; k++) {
            int m = (r + k) % 3;
            empty();
            double t = m == 0 ? run_step() : m == 1 ? run_chain() : run_threads();
            if (r >= 2) mib[m][r - 2] = (double) count * size / t / (1 << 20);
        }
        measured = r >= 2 ? r - 1 : 0;
    }
    empty();
    printf("%d x %d bytes%s%s, io-wq workers %s, %s ring, %d threads, median of %d rounds:\n", count, size,
           direct ? ", O_DIRECT" : "", dosync ? " + fsync" : "", workers ? argv[6] : "default",
           defer ? "DEFER_TASKRUN" : "plain", nthreads, measured);
    for (int m = 0; m < 3; m++) {
        qsort(mib[m], measured, sizeof(double), by_value);
        printf("  %-8s %8.0f MiB/s\n", names[m], mib[m][measured / 2]);
    }
    return 0;
}
