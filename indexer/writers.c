/* writers.c: indexing a run's files with one writer, or with two at once.
 *
 * Xapian lets one writer change a database, and a run of docket-index
 * spends about half its time in that writer. So on a machine with two
 * cores, the files that changed are shared between the index and a second
 * database beside it. The index takes files from the front of the run's
 * order and the second database from the back, until they meet. The
 * second one therefore gets the later files; as it reads them last to
 * first, it keeps the first record it gets of each id. Compaction then
 * copies both into one database, in which the later files win, as with
 * one writer. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "writers.h"

#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/msg.h"
#include "cli/options.h"
#include "docket/extract.h"

/* Below this many bytes of changed files, a second writer costs more
 * (its thread, its database, the merge) than it saves. */
#define TWO_WRITERS_MIN_BYTES (8ull << 20)

bool file_list_add(file_list *files, const char *path)
{
    if (files->count == files->capacity) {
        size_t capacity = files->capacity ? files->capacity * 2 : 256;
        char **paths = realloc(files->paths, capacity * sizeof *paths);
        if (!paths)
            return false;
        files->paths = paths;
        files->capacity = capacity;
    }
    char *copy = strdup(path);
    if (!copy)
        return false;
    files->paths[files->count++] = copy;
    return true;
}

void file_list_free(file_list *files)
{
    for (size_t i = 0; i < files->count; i++)
        free(files->paths[i]);
    free(files->paths);
    files->paths = NULL;
    files->count = files->capacity = 0;
}

/* The changed files, shared by the two writers. */
typedef struct queue {
    pthread_mutex_t lock;
    const char **paths;
    size_t front; /* next file of the first writer */
    size_t back;  /* one past the next file of the second writer */
    bool stop;
} queue;

static const char *take(queue *q, bool from_back)
{
    const char *path = NULL;
    pthread_mutex_lock(&q->lock);
    if (!q->stop && q->front < q->back)
        path = from_back ? q->paths[--q->back] : q->paths[q->front++];
    pthread_mutex_unlock(&q->lock);
    return path;
}

static void stop(queue *q)
{
    pthread_mutex_lock(&q->lock);
    q->stop = true;
    pthread_mutex_unlock(&q->lock);
}

/* The second writer: its own run counts and its own database. */
typedef struct second {
    run r;
    queue *q;
    docket_index_options options;
    char path[sizeof(((shard_set *)0)->path) + 32];
    bool done; /* every file it took is in its database, committed */
} second;

static void *second_main(void *data)
{
    second *s = data;
    shard_plan plan = {1, -1};
    s->r.fatal = shards_open(&s->r.shards, s->path, &plan, &s->options);
    const char *path;
    while (!s->r.fatal && (path = take(s->q, true)) != NULL)
        run_index_file(&s->r, path);
    if (!s->r.fatal)
        s->r.fatal = shards_finish(&s->r.shards, false);
    s->done = !s->r.fatal;
    if (!s->done)
        stop(s->q);
    return NULL;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void index_in_order(run *r, const char *const *paths, size_t count)
{
    for (size_t i = 0; i < count && !r->fatal; i++)
        run_index_file(r, paths[i]);
}

/* Share `paths` between this thread and a second writer, then hand the
 * second database to the index. */
static void index_twice(run *r, const char **paths, size_t count,
                        const docket_index_options *options)
{
    queue q = {PTHREAD_MUTEX_INITIALIZER, paths, 0, count, false};
    second *s = calloc(1, sizeof *s);
    if (!s) {
        index_in_order(r, paths, count);
        return;
    }
    s->q = &q;
    s->options = *options;
    s->options.synonyms_path = NULL; /* the index stores them */
    s->options.keep_first = true;
    s->options.positions = docket_index_has_positions(r->shards.indexes[0]) ? DOCKET_POSITIONS_ON
                                                                             : DOCKET_POSITIONS_OFF;
    s->options.on_member_data = &s->r;
    snprintf(s->path, sizeof s->path, "%s.part-%ld", r->shards.path, (long)getpid());

    pthread_t thread;
    bool started = pthread_create(&thread, NULL, second_main, s) == 0;
    const char *path;
    while (!r->fatal && (path = take(&q, false)) != NULL)
        run_index_file(r, path);
    if (r->fatal)
        stop(&q);
    if (started)
        pthread_join(thread, NULL);

    docket_index *index = r->shards.indexes[0];
    if (!r->fatal && s->done && docket_index_merge(index, s->path) == DOCKET_OK) {
        msg_note("a second writer indexed %zu of the %zu changed files", count - q.back, count);
        run_add(r, &s->r);
    } else {
        /* The second writer failed, or never started: the index reads the
         * files no writer took and those the second one took, in order. */
        if (!r->fatal && started)
            msg_info("the second writer stopped; the index reads the rest of the files");
        shards_free(&s->r.shards);
        remove_tree(s->path);
        index_in_order(r, paths + q.front, count - q.front);
    }
    shards_free(&s->r.shards);
    free(s);
}

void writers_index(run *r, const file_list *files, unsigned writers,
                   const docket_index_options *options)
{
    bool plain = r->shards.open == 1 && r->shards.plan.count == 1 && r->shards.plan.only < 0;
    if (writers < 2 || !plain) {
        index_in_order(r, (const char *const *)files->paths, files->count);
        return;
    }

    /* Unchanged files are counted here; only changed ones are shared. */
    const char **changed = calloc(files->count ? files->count : 1, sizeof *changed);
    if (!changed) {
        index_in_order(r, (const char *const *)files->paths, files->count);
        return;
    }
    docket_index *index = r->shards.indexes[0];
    size_t count = 0;
    unsigned long long bytes = 0;
    for (size_t i = 0; i < files->count; i++) {
        const char *path = files->paths[i];
        bool unchanged = false;
        if (docket_extract_format(path) &&
            docket_index_unchanged(index, path, &unchanged) == DOCKET_OK && unchanged) {
            r->unchanged++;
            msg_note("%s: unchanged", path);
            continue;
        }
        struct stat st;
        if (stat(path, &st) == 0)
            bytes += (unsigned long long)st.st_size;
        changed[count++] = path;
    }
    if (count >= 2 && bytes >= TWO_WRITERS_MIN_BYTES)
        index_twice(r, changed, count, options);
    else
        index_in_order(r, changed, count);
    free(changed);
}
