/* fsutil.h: file-system helpers of the library. */
#ifndef DOCKET_FSUTIL_H
#define DOCKET_FSUTIL_H

/* Remove `path` and everything under it, without following symlinks.
 * Returns 0, or -1 with errno set by the first failure. */
int docket_remove_tree(const char *path);

#endif
