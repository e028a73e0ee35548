/* walk.h: visiting the files under the paths given to docket-index. */
#ifndef DOCKET_WALK_H
#define DOCKET_WALK_H

/* What the walker found at a path. */
typedef enum walk_kind {
    WALK_FILE,    /* a regular file, or a symlink to one */
    WALK_SPECIAL, /* a FIFO, socket or device: never opened */
    WALK_ERROR    /* could not be read; errno_value gives the cause */
} walk_kind;

/* Called for each entry in sorted order; a non-zero return stops the walk. */
typedef int (*walk_fn)(const char *path, walk_kind kind, int errno_value, void *data);

/* Visit `root` (a file or a folder, recursively). Names starting with '.'
 * inside folders are skipped, and symlinks to folders are not followed,
 * so that a symlink loop cannot trap the walk. Returns the last non-zero
 * value of `fn`, or 0. */
int walk_tree(const char *root, walk_fn fn, void *data);

#endif
