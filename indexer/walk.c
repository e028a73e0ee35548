/* walk.c: visiting the files under the paths given to docket-index. */
#include "walk.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int skip_hidden(const struct dirent *entry)
{
    return entry->d_name[0] != '.';
}

static int walk_path(const char *path, bool top, walk_fn fn, void *data);

static int walk_folder(const char *path, walk_fn fn, void *data)
{
    struct dirent **entries = NULL;
    int count = scandir(path, &entries, skip_hidden, alphasort);
    if (count < 0)
        return fn(path, WALK_ERROR, errno, data);

    int result = 0;
    for (int i = 0; i < count; i++) {
        if (result == 0) {
            size_t size = strlen(path) + strlen(entries[i]->d_name) + 2;
            char *child = malloc(size);
            if (!child) {
                result = fn(path, WALK_ERROR, ENOMEM, data);
            } else {
                bool slash = path[strlen(path) - 1] == '/';
                snprintf(child, size, slash ? "%s%s" : "%s/%s", path, entries[i]->d_name);
                result = walk_path(child, false, fn, data);
                free(child);
            }
        }
        free(entries[i]);
    }
    free(entries);
    return result;
}

static int walk_path(const char *path, bool top, walk_fn fn, void *data)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return fn(path, WALK_ERROR, errno, data);

    if (S_ISLNK(st.st_mode)) {
        if (stat(path, &st) != 0)
            return fn(path, WALK_ERROR, errno, data);
        if (S_ISDIR(st.st_mode) && !top)
            return 0; /* not followed: see walk.h */
    }
    if (S_ISDIR(st.st_mode))
        return walk_folder(path, fn, data);
    if (S_ISREG(st.st_mode))
        return fn(path, WALK_FILE, 0, data);
    return fn(path, WALK_SPECIAL, 0, data);
}

int walk_tree(const char *root, walk_fn fn, void *data)
{
    return walk_path(root, true, fn, data);
}
