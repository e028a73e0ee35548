/* http.c: the HTTP side of docket-serve: routing, headers and the request log. */
#include "http.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "assets.h"
#include "log.h"
#include "reply.h"
#include "text.h"
#include "url.h"

#define CONNECTION_LIMIT 64
#define CONNECTION_TIMEOUT_SECONDS 30
/* Memory for the request line and headers of one connection, which caps
 * their size; bodies are never read. It leaves room for a query of
 * API_MAX_QUERY_BYTES percent-encoded in full, so that docket-serve, not
 * libmicrohttpd, rejects a longer one. */
#define CONNECTION_MEMORY_BYTES (64 * 1024)

#define RECORD_PREFIX "/api/record/"

/* No inline script or style, and nothing loaded from elsewhere. */
#define CONTENT_SECURITY_POLICY                                                          \
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "      \
    "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/* One request, from the request line to the end of the response. */
typedef struct request {
    char *target;          /* request target as sent: path and query string */
    struct timespec start; /* CLOCK_MONOTONIC */
    char method[16];       /* cut to fit; only GET and HEAD are served */
    bool headers_seen;     /* the first call of handle_request is over */
    unsigned status;       /* 0 until a response is queued */
} request;

/* Called by libmicrohttpd once per request with the target before
 * decoding; what it returns is the request's context (*req_cls). */
static void *begin_request(void *cls, const char *target, struct MHD_Connection *connection)
{
    request *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->target = strdup(target);
    if (!r->target) {
        free(r);
        return NULL;
    }
    clock_gettime(CLOCK_MONOTONIC, &r->start);
    return r;
}

/* ---- Routing ---------------------------------------------------------- */

static void handle_search(const http_config *config, const char *query, reply *out)
{
    url_params params;
    url_status status = url_parse_query(query, &params);
    if (status == URL_OK) {
        api_search(&config->index, &params, out);
        url_params_clear(&params);
    } else if (status == URL_TOO_MANY_PARAMS) {
        reply_error(out, 400, "too many parameters: at most %d", URL_MAX_PARAMS);
    } else if (status == URL_INVALID_ENCODING) {
        reply_error(out, 400, "invalid percent-encoding in the query string");
    } else {
        reply_error(out, 500, "out of memory");
    }
}

static void handle_record(const http_config *config, const char *encoded_id, reply *out)
{
    char *id = NULL;
    url_status status = url_decode(encoded_id, strlen(encoded_id), false, &id);
    if (status == URL_INVALID_ENCODING)
        reply_error(out, 400, "invalid percent-encoding in the record id");
    else if (status != URL_OK)
        reply_error(out, 500, "out of memory");
    else if (!*id)
        reply_error(out, 404, "no record id given: use /api/record/ID");
    else
        api_record(&config->index, id, out);
    free(id);
}

/* Fill `out` for `path` (still percent-encoded) and `query`. Paths are compared
 * as sent, so "/%2e%2e/" is as unknown as "/../"; only a record id is
 * decoded, because ids contain '/' and '#'. */
static void dispatch(const http_config *config, const char *path, const char *query,
                        reply *out)
{
    asset page_file;
    if (strcmp(path, "/api/search") == 0) {
        handle_search(config, query, out);
    } else if (strncmp(path, RECORD_PREFIX, strlen(RECORD_PREFIX)) == 0) {
        handle_record(config, path + strlen(RECORD_PREFIX), out);
    } else if (assets_find(path, &page_file)) {
        reply_static(out, 200, page_file.content_type, page_file.data, page_file.size);
    } else {
        char quoted[3 * TEXT_QUOTE_MAX + 4];
        text_quote(path, TEXT_QUOTE_MAX, quoted, sizeof quoted);
        reply_error(out, 404, "not found: %s", quoted);
    }
}

/* Reject at the first call the requests that are never served: methods
 * other than GET and HEAD, and requests with a body, which is never read. */
static bool reject_early(const request *r, struct MHD_Connection *connection, reply *out)
{
    char quoted[3 * TEXT_QUOTE_MAX + 4];
    if (strcmp(r->method, MHD_HTTP_METHOD_GET) != 0 && strcmp(r->method, MHD_HTTP_METHOD_HEAD) != 0) {
        text_quote(r->method, TEXT_QUOTE_MAX, quoted, sizeof quoted);
        reply_error(out, 405, "method not allowed: %s; docket-serve accepts GET and HEAD only",
                    quoted);
        return true;
    }
    const char *length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
    const char *encoding = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                                       MHD_HTTP_HEADER_TRANSFER_ENCODING);
    if ((length && strcmp(length, "0") != 0) || encoding) {
        reply_error(out, 400, "request body not allowed: GET and HEAD requests have none");
        return true;
    }
    return false;
}

static void route(const http_config *config, const request *r, struct MHD_Connection *connection,
                  reply *out)
{
    const char *host = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                                   MHD_HTTP_HEADER_HOST);
    if (config->address.loopback && host && !address_host_is_loopback(host)) {
        char quoted[3 * TEXT_QUOTE_MAX + 4];
        text_quote(host, TEXT_QUOTE_MAX, quoted, sizeof quoted);
        reply_error(out, 400, "invalid Host header: %s; this server listens on a loopback "
                    "address and accepts only localhost, 127.0.0.1 or [::1]", quoted);
        return;
    }

    /* Split the target at '?'; a '#' fragment is not sent by clients, and
     * is dropped if one is. */
    size_t path_length = strcspn(r->target, "?#");
    char *path = strndup(r->target, path_length);
    const char *query = r->target[path_length] == '?' ? r->target + path_length + 1 : "";
    char *query_copy = strndup(query, strcspn(query, "#"));
    if (!path || !query_copy)
        reply_error(out, 500, "out of memory");
    else
        dispatch(config, path, query_copy, out);
    free(path);
    free(query_copy);
}

/* ---- Responses -------------------------------------------------------- */

static bool add_headers(struct MHD_Response *response, const reply *out)
{
    char seconds[16];
    snprintf(seconds, sizeof seconds, "%u", out->retry_after);
    return MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, out->content_type) &&
           MHD_add_response_header(response, "Content-Security-Policy",
                                   CONTENT_SECURITY_POLICY) &&
           MHD_add_response_header(response, "X-Content-Type-Options", "nosniff") &&
           MHD_add_response_header(response, "Referrer-Policy", "no-referrer") &&
           MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache") &&
           (out->retry_after == 0 ||
            MHD_add_response_header(response, MHD_HTTP_HEADER_RETRY_AFTER, seconds)) &&
           (out->status != MHD_HTTP_METHOD_NOT_ALLOWED ||
            MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW, "GET, HEAD"));
}

/* Queue `out` on `connection`; the response takes over its body. */
static enum MHD_Result respond(struct MHD_Connection *connection, reply *out)
{
    struct MHD_Response *response = NULL;
    if (out->owned_body) {
        response = MHD_create_response_from_buffer(out->length, out->owned_body,
                                                   MHD_RESPMEM_MUST_FREE);
        if (response)
            out->owned_body = NULL;
    } else {
        response = MHD_create_response_from_buffer(out->length, (void *)out->body,
                                                   MHD_RESPMEM_PERSISTENT);
    }
    if (!response)
        return MHD_NO;

    enum MHD_Result result = MHD_NO;
    if (add_headers(response, out))
        result = MHD_queue_response(connection, out->status, response);
    MHD_destroy_response(response);
    return result;
}

/* Queue `out` and remember its status for the request log. */
static enum MHD_Result finish(request *r, struct MHD_Connection *connection, reply *out)
{
    enum MHD_Result result = respond(connection, out);
    r->status = result == MHD_YES ? out->status : 0;
    reply_free(out);
    return result;
}

/* Called by libmicrohttpd once the headers are in, then once per piece of
 * body, then once more with *upload_data_size 0. A response queued at the
 * first call makes libmicrohttpd close the connection, so requests that
 * are served get their response at the last call and the connection can be
 * kept alive. */
static enum MHD_Result handle_request(void *cls, struct MHD_Connection *connection,
                                      const char *url, const char *method, const char *version,
                                      const char *upload_data, size_t *upload_data_size,
                                      void **req_cls)
{
    request *r = *req_cls;
    if (!r)
        return MHD_NO; /* begin_request ran out of memory: close the connection */
    reply out;
    if (r->status != 0) {
        *upload_data_size = 0; /* a body after the response was queued */
        return MHD_YES;
    }
    if (!r->headers_seen) {
        r->headers_seen = true;
        snprintf(r->method, sizeof r->method, "%s", method);
        return reject_early(r, connection, &out) ? finish(r, connection, &out) : MHD_YES;
    }
    if (*upload_data_size != 0) {
        reply_error(&out, 400, "request body not allowed: GET and HEAD requests have none");
        return finish(r, connection, &out);
    }
    route(cls, r, connection, &out);
    return finish(r, connection, &out);
}

/* ---- Request log ------------------------------------------------------ */

static const char *termination_text(enum MHD_RequestTerminationCode code)
{
    switch (code) {
    case MHD_REQUEST_TERMINATED_COMPLETED_OK: return "";
    case MHD_REQUEST_TERMINATED_WITH_ERROR: return " (sending the response failed)";
    case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED: return " (connection timed out)";
    case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN: return " (server stopping)";
    case MHD_REQUEST_TERMINATED_READ_ERROR: return " (reading the request failed)";
    case MHD_REQUEST_TERMINATED_CLIENT_ABORT: return " (client closed the connection)";
    }
    return "";
}

/* Print "TIME METHOD PATH STATUS DURATION ms" for a finished request. The
 * query string is left out: it holds what people searched for. */
static void log_request(const request *r, enum MHD_RequestTerminationCode code)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long ms = (long long)(now.tv_sec - r->start.tv_sec) * 1000 +
                   (now.tv_nsec - r->start.tv_nsec) / 1000000;

    char stamp[32];
    time_t wall = time(NULL);
    struct tm utc;
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&wall, &utc));

    /* One byte past the quoted length, so that text_quote marks a cut. */
    char path[TEXT_QUOTE_MAX + 2];
    snprintf(path, sizeof path, "%.*s", (int)strcspn(r->target, "?#"), r->target);
    char quoted_path[3 * TEXT_QUOTE_MAX + 4];
    char quoted_method[64];
    text_quote(path, TEXT_QUOTE_MAX, quoted_path, sizeof quoted_path);
    text_quote(r->method[0] ? r->method : "-", sizeof r->method, quoted_method,
               sizeof quoted_method);

    char status[16] = "-";
    if (r->status != 0)
        snprintf(status, sizeof status, "%u", r->status);
    LOG_LOCKED(msg_info("%s %s %s %s %lld ms%s", stamp, quoted_method, quoted_path, status, ms,
                        termination_text(code)));
}

static void end_request(void *cls, struct MHD_Connection *connection, void **req_cls,
                        enum MHD_RequestTerminationCode code)
{
    request *r = *req_cls;
    if (!r)
        return;
    log_request(r, code);
    free(r->target);
    free(r);
    *req_cls = NULL;
}

/* libmicrohttpd's own errors, such as a failed bind or accept. */
static void log_library_error(void *cls, const char *format, va_list args)
{
    char message[512];
    vsnprintf(message, sizeof message, format, args);
    message[strcspn(message, "\n")] = '\0';
    LOG_LOCKED(msg_warning("libmicrohttpd: %s", message));
}

/* ---- Daemon ----------------------------------------------------------- */

struct MHD_Daemon *http_start(const http_config *config, unsigned *port_out)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    if (config->address.ipv6)
        flags |= MHD_USE_IPv6;

    struct MHD_Daemon *daemon = MHD_start_daemon(
        flags, (uint16_t)address_port(&config->address), NULL, NULL, handle_request, (void *)config,
        MHD_OPTION_EXTERNAL_LOGGER, log_library_error, NULL,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&config->address.storage,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)config->threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)CONNECTION_LIMIT,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)CONNECTION_TIMEOUT_SECONDS,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY_BYTES,
        MHD_OPTION_URI_LOG_CALLBACK, begin_request, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, end_request, NULL,
        MHD_OPTION_END);
    if (!daemon)
        return NULL;

    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    *port_out = info ? info->port : 0;
    return daemon;
}

void http_stop(struct MHD_Daemon *daemon)
{
    if (daemon)
        MHD_stop_daemon(daemon);
}
