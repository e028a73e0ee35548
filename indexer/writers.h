/* writers.h: indexing a run's files with one writer, or with two at once. */
#ifndef DOCKET_WRITERS_H
#define DOCKET_WRITERS_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/index.h"
#include "run.h"

/* The regular files a run found, in the order of the walk. */
typedef struct file_list {
    char **paths;
    size_t count;
    size_t capacity;
} file_list;

/* Append a copy of `path`; false when out of memory. */
bool file_list_add(file_list *files, const char *path);

void file_list_free(file_list *files);

/* Index `files` into the index of `r`, in order. With `writers` 2 and a
 * plain index (no shards), the files that changed are shared between two
 * writers: this thread takes them from the front, a second thread from
 * the back into a database beside the index, which the index takes in
 * when it is compacted (docket_index_merge). `options` are those the
 * index was opened with. */
void writers_index(run *r, const file_list *files, unsigned writers,
                   const docket_index_options *options);

#endif
