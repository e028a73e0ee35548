/* main.c: docket-serve, a read-only search page and JSON API over an index. */
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "cli/msg.h"
#include "cli/options.h"
#include "docket/search.h"
#include "http.h"
#include "log.h"

#define DEFAULT_THREADS 4
#define MAX_THREADS 64
/* The limits of docket-search for the same options. */
#define MAX_SHARDS 256
#define MAX_TIMEOUT_MS 3600000
/* docket-serve could not listen: the address is in use or not allowed. */
#define EXIT_LISTEN 1

typedef struct settings {
    char default_index[PATH_MAX];   /* when no -d is given */
    const char *shards[MAX_SHARDS]; /* the -d options */
    size_t shard_count;
    http_config http;
} settings;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: docket-serve [OPTION]...\n"
            "Serve a docket index read-only over HTTP: a search page at / and JSON at\n"
            "/api/search?q=QUERY and /api/record/ID (see docs/serve.md).\n"
            "\n"
            "  -d, --index=PATH       index folder, Xapian stub file, or tcp://HOST:PORT of\n"
            "                         an xapian-tcpsrv; repeat to search shards as one\n"
            "                         (default: $DOCKET_INDEX, else\n"
            "                         ${XDG_DATA_HOME:-~/.local/share}/docket/index)\n"
            "      --timeout=MS       limit for each operation on a remote shard\n"
            "                         (default 10000)\n"
            "      --allow-partial    search the shards that respond when others are down,\n"
            "                         logging a warning naming each missing one\n"
            "  -l, --listen=ADDRESS   IPV4:PORT, [IPV6]:PORT or localhost:PORT to listen on\n"
            "                         (default %s); port 0 picks a free port\n"
            "      --threads=N        requests handled at the same time (default %d,\n"
            "                         at most %d)\n"
            "  -q, --quiet            print errors only, no request lines\n"
            "  -v, --verbose          print notes as well\n"
            "  -h, --help             print this help and exit\n"
            "  -V, --version          print the version and exit\n"
            "\n"
            "Stops on SIGINT or SIGTERM. Exit status: 0 stopped by a signal, 1 cannot\n"
            "listen on the address, 2 invalid usage.\n",
            ADDRESS_DEFAULT, DEFAULT_THREADS, MAX_THREADS);
}

static int invalid(const char *option, const char *value, const char *expected)
{
    msg_error("invalid %s: %s: expected %s", option, value, expected);
    return EXIT_USAGE;
}

static int add_shard(const char *arg, settings *s)
{
    if (!*arg) {
        msg_error("invalid --index: empty path");
        return EXIT_USAGE;
    }
    if (s->shard_count == MAX_SHARDS)
        return invalid("--index", arg, "at most 256 indexes or shards");
    s->shards[s->shard_count++] = arg;
    return 0;
}

/* Handle one option; returns 0 or an exit code. */
static int apply_option(int c, const char *arg, settings *s)
{
    docket_open_options *open = &s->http.index.options;
    switch (c) {
    case 'd': return add_shard(arg, s);
    case 'T':
        if (!options_parse_unsigned(arg, MAX_TIMEOUT_MS, &open->timeout_ms) ||
            open->timeout_ms == 0)
            return invalid("--timeout", arg, "milliseconds from 1 to 3600000");
        return 0;
    case 'P': open->allow_partial = true; return 0;
    case 'l':
        if (!address_parse(arg, &s->http.address))
            return invalid("--listen", arg,
                           "IPV4:PORT, [IPV6]:PORT or localhost:PORT with PORT from 0 to 65535");
        return 0;
    case 't':
        if (!options_parse_unsigned(arg, MAX_THREADS, &s->http.threads) || s->http.threads == 0)
            return invalid("--threads", arg, "a number from 1 to 64");
        return 0;
    case 'q': msg_set_level(MSG_QUIET); return 0;
    case 'v': msg_set_level(MSG_VERBOSE); return 0;
    case 'h': usage(stdout); exit(EXIT_SUCCESS);
    case 'V': printf("docket-serve %s\n", DOCKET_VERSION); exit(EXIT_SUCCESS);
    default: return EXIT_USAGE; /* parse_options reported it */
    }
}

static int parse_options(int argc, char **argv, settings *s)
{
    static const struct option long_options[] = {
        {"index", required_argument, NULL, 'd'},  {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'}, {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},      {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},      {"timeout", required_argument, NULL, 'T'},
        {"allow-partial", no_argument, NULL, 'P'}, {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:l:qvhV", long_options, NULL)) != -1) {
        if (c == '?' || c == ':') {
            msg_error("%s: %s; try 'docket-serve --help'",
                      c == ':' ? "missing value for option" : "invalid option", argv[optind - 1]);
            return EXIT_USAGE;
        }
        int code = apply_option(c, optarg, s);
        if (code != 0)
            return code;
    }
    if (optind < argc) {
        msg_error("unexpected argument: %s; try 'docket-serve --help'", argv[optind]);
        return EXIT_USAGE;
    }
    if (s->shard_count == 0 && options_index_path(NULL, s->default_index, sizeof s->default_index))
        s->shards[s->shard_count++] = s->default_index;
    if (s->shard_count == 0) {
        msg_error("no index path: give -d PATH or set DOCKET_INDEX or HOME");
        return EXIT_USAGE;
    }
    s->http.index.paths = s->shards;
    s->http.index.count = s->shard_count;
    return 0;
}

/* Say at startup whether the index can be read. The server starts either
 * way, because docket-index may build the index later. */
static void check_index(const api_index *index)
{
    docket_searcher *searcher = NULL;
    docket_error err;
    docket_status status = docket_searcher_open_shards(index->paths, index->count,
                                                       &index->options, &searcher, &err);
    if (status == DOCKET_OK)
        msg_note("index: %s%s", index->paths[0], index->count > 1 ? " and more shards" : "");
    else if (status == DOCKET_ERR_INDEX_NOT_FOUND)
        msg_warning("%s; until then, searches return 503", err.message);
    else
        msg_warning("%s", err.message);
    docket_searcher_free(searcher);
}

/* Serve until SIGINT or SIGTERM. The signals are blocked before the
 * request threads start, so the threads inherit the mask and only
 * sigwait below receives them. */
static int serve(settings *s)
{
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
    signal(SIGPIPE, SIG_IGN);

    unsigned port = address_port(&s->http.address);
    struct MHD_Daemon *daemon = http_start(&s->http, &port);
    char url[ADDRESS_URL_SIZE];
    address_url(&s->http.address, port, url, sizeof url);
    if (!daemon) {
        msg_error("cannot listen on %s: the address is in use or not available", url);
        return EXIT_LISTEN;
    }
    LOG_LOCKED(msg_info("listening on %s", url));
    if (!s->http.address.loopback)
        LOG_LOCKED(msg_warning("%s is not a loopback address: everyone who can reach it can "
                               "read the index", url));

    int received = 0;
    sigwait(&stop_signals, &received);
    LOG_LOCKED(msg_info("stopping on %s", received == SIGINT ? "SIGINT" : "SIGTERM"));
    http_stop(daemon);
    return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
    settings s;
    memset(&s, 0, sizeof s);
    msg_init("docket-serve");
    address_parse(ADDRESS_DEFAULT, &s.http.address);
    s.http.threads = DEFAULT_THREADS;

    int code = parse_options(argc, argv, &s);
    if (code != 0)
        return code;
    check_index(&s.http.index);
    return serve(&s);
}
