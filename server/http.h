/* http.h: the HTTP side of docket-serve: routing, headers and the request log. */
#ifndef DOCKET_SERVE_HTTP_H
#define DOCKET_SERVE_HTTP_H

#include <microhttpd.h>

#include "address.h"
#include "api.h"

typedef struct http_config {
    api_index index;
    listen_address address;
    unsigned threads; /* requests handled at the same time */
} http_config;

/* Start serving requests on `config->address`. `config` must stay
 * valid until http_stop. Returns NULL after printing why when the address
 * cannot be bound; writes the bound port to `port_out`. */
struct MHD_Daemon *http_start(const http_config *config, unsigned *port_out);

/* Close the listening socket and every connection, and wait for the
 * request threads to finish; `daemon` may be NULL. */
void http_stop(struct MHD_Daemon *daemon);

#endif
