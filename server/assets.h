/* assets.h: the files of the search page, compiled into docket-serve. */
#ifndef DOCKET_SERVE_ASSETS_H
#define DOCKET_SERVE_ASSETS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct asset {
    const char *path;         /* request path that serves it, such as "/app.js" */
    const char *content_type;
    const unsigned char *data;
    size_t size;
} asset;

/* Find the asset served at exactly `path`; false when there is none. The
 * map is fixed at build time, so no request path reaches the file system. */
bool assets_find(const char *path, asset *out);

#endif
