/* main.c: docket-search, the command line that queries an index. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/msg.h"
#include "cli/options.h"
#include "docket/search.h"
#include "print.h"

#define DEFAULT_LIMIT 20
#define MAX_LIMIT 10000
#define MAX_QUERY_BYTES 8192
#define MAX_OFFSET 1000000000
#define MAX_SHARDS 256
#define MAX_TIMEOUT_MS 3600000

typedef struct settings {
    char index_path[PATH_MAX];     /* the default index, when no -d is given */
    const char *shards[MAX_SHARDS]; /* the -d options */
    size_t shard_count;
    docket_open_options open;
    char query_text[MAX_QUERY_BYTES];
    docket_query query;
    print_format format;
    print_output output;
    bool count_only;
    bool timing;
    const char *show_id;
} settings;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: docket-search [OPTION]... QUERY...\n"
            "Search a docket index. QUERY is free text with AND, OR, NOT, -word,\n"
            "\"phrases\", NEAR, wildcards (secur*) and fields such as doc:, spec:, by:,\n"
            "company:, meeting:, wg:, status:, decision:, type:, action:, title:, date:.\n"
            "\n"
            "  -d, --index=PATH       index folder, Xapian stub file, or tcp://HOST:PORT of\n"
            "                         an xapian-tcpsrv; repeat to search shards as one\n"
            "                         (default: $DOCKET_INDEX, else\n"
            "                         ${XDG_DATA_HOME:-~/.local/share}/docket/index)\n"
            "      --timeout=MS       limit for each operation on a remote shard\n"
            "                         (default 10000)\n"
            "      --allow-partial    search the shards that answer when others are down,\n"
            "                         with a warning naming each missing one\n"
            "  -f, --format=FORMAT    text (default), json or jsonl\n"
            "  -n, --limit=N          results to print (default %d, at most %d)\n"
            "      --offset=N         results to skip first (default 0)\n"
            "      --sort=ORDER       relevance (default), date (oldest first) or -date\n"
            "      --facets=LIST      facets to count, comma-separated, from type, meeting,\n"
            "                         wg, status, year, body, company, contributor, spec\n"
            "                         (default %s)\n"
            "      --facet-limit=N    values to print per facet (default all)\n"
            "      --or               match any word instead of all words\n"
            "      --collapse         one result per contribution number\n"
            "  -c, --count            print the number of matching records only\n"
            "      --output=WHAT      records (default), docs (contribution numbers) or\n"
            "                         paths (source files), one per line\n"
            "      --show=ID          print the whole record with this id\n"
            "      --timing           print on stderr the milliseconds from opening the\n"
            "                         index to the end of the output\n"
            "  -q, --quiet            print errors only\n"
            "  -v, --verbose          print notes as well\n"
            "  -h, --help             print this help and exit\n"
            "  -V, --version          print the version and exit\n"
            "\n"
            "Exit status: 0 at least one match, 1 no match, 2 invalid usage or query,\n"
            "3 index missing, unreadable or of another version, 75 index busy.\n",
            DEFAULT_LIMIT, MAX_LIMIT, DOCKET_DEFAULT_FACETS);
}

static bool parse_choice(const char *value, const char *const *names, int *out)
{
    for (int i = 0; names[i]; i++) {
        if (strcmp(value, names[i]) == 0) {
            *out = i;
            return true;
        }
    }
    return false;
}

static int invalid(const char *option, const char *value, const char *expected)
{
    msg_error("invalid %s: %s: expected %s", option, value, expected);
    return EXIT_USAGE;
}

/* Handle one option; returns 0 or an exit code. */
static int apply_option(int c, const char *arg, settings *s)
{
    static const char *const formats[] = {"text", "json", "jsonl", NULL};
    static const char *const sorts[] = {"relevance", "date", "-date", NULL};
    static const char *const outputs[] = {"records", "docs", "paths", NULL};
    int choice = 0;

    switch (c) {
    case 'd':
        if (!*arg) {
            msg_error("invalid --index: empty path");
            return EXIT_USAGE;
        }
        if (s->shard_count == MAX_SHARDS)
            return invalid("--index", arg, "at most 256 indexes or shards");
        s->shards[s->shard_count++] = arg;
        return 0;
    case 't':
        if (!options_parse_unsigned(arg, MAX_TIMEOUT_MS, &s->open.timeout_ms) ||
            s->open.timeout_ms == 0)
            return invalid("--timeout", arg, "milliseconds from 1 to 3600000");
        return 0;
    case 'P': s->open.allow_partial = true; return 0;
    case 'f':
        if (!parse_choice(arg, formats, &choice))
            return invalid("--format", arg, "text, json or jsonl");
        s->format = (print_format)choice;
        return 0;
    case 'n':
        if (!options_parse_unsigned(arg, MAX_LIMIT, &s->query.limit))
            return invalid("--limit", arg, "a number from 0 to 10000");
        return 0;
    case 'o':
        if (!options_parse_unsigned(arg, MAX_OFFSET, &s->query.offset))
            return invalid("--offset", arg, "a number from 0 to 1000000000");
        return 0;
    case 's':
        if (!parse_choice(arg, sorts, &choice))
            return invalid("--sort", arg, "relevance, date or -date");
        s->query.sort = (docket_sort)choice;
        return 0;
    case 'F': s->query.facets = arg; return 0;
    case 'L':
        if (!options_parse_unsigned(arg, MAX_LIMIT, &s->query.facet_limit))
            return invalid("--facet-limit", arg, "a number from 0 to 10000");
        return 0;
    case 'O': s->query.match_any = true; return 0;
    case 'C': s->query.collapse = true; return 0;
    case 'c': s->count_only = true; return 0;
    case 'u':
        if (!parse_choice(arg, outputs, &choice))
            return invalid("--output", arg, "records, docs or paths");
        s->output = (print_output)choice;
        return 0;
    case 'S': s->show_id = arg; return 0;
    case 'T': s->timing = true; return 0;
    case 'q': msg_set_level(MSG_QUIET); return 0;
    case 'v': msg_set_level(MSG_VERBOSE); return 0;
    case 'h': usage(stdout); exit(EXIT_SUCCESS);
    case 'V': printf("docket-search %s\n", DOCKET_VERSION); exit(EXIT_SUCCESS);
    default: return EXIT_USAGE; /* parse_options reported it */
    }
}

/* Join the remaining arguments into the query string. */
static int join_query(int argc, char **argv, settings *s)
{
    size_t n = 0;
    for (int i = optind; i < argc; i++) {
        int written = snprintf(s->query_text + n, sizeof s->query_text - n, "%s%s",
                               i > optind ? " " : "", argv[i]);
        if (written < 0 || (size_t)written >= sizeof s->query_text - n) {
            msg_error("query too long: at most %d bytes", MAX_QUERY_BYTES - 1);
            return EXIT_USAGE;
        }
        n += (size_t)written;
    }
    s->query.text = s->query_text;
    /* An empty argument ("") is a query that lists every record. */
    if (optind >= argc && !s->show_id) {
        msg_error("no QUERY given; try 'docket-search --help'");
        return EXIT_USAGE;
    }
    return 0;
}

static int parse_options(int argc, char **argv, settings *s)
{
    static const struct option long_options[] = {
        {"index", required_argument, NULL, 'd'},   {"format", required_argument, NULL, 'f'},
        {"limit", required_argument, NULL, 'n'},   {"offset", required_argument, NULL, 'o'},
        {"sort", required_argument, NULL, 's'},    {"facets", required_argument, NULL, 'F'},
        {"facet-limit", required_argument, NULL, 'L'}, {"or", no_argument, NULL, 'O'},
        {"collapse", no_argument, NULL, 'C'},      {"count", no_argument, NULL, 'c'},
        {"output", required_argument, NULL, 'u'},  {"show", required_argument, NULL, 'S'},
        {"quiet", no_argument, NULL, 'q'},         {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},          {"version", no_argument, NULL, 'V'},
        {"timeout", required_argument, NULL, 't'}, {"allow-partial", no_argument, NULL, 'P'},
        {"timing", no_argument, NULL, 'T'},        {NULL, 0, NULL, 0},
    };
    bool limit_given = false;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:f:n:cqvhV", long_options, NULL)) != -1) {
        if (c == '?' || c == ':') {
            msg_error("%s: %s; try 'docket-search --help'",
                      c == ':' ? "missing value for option" : "invalid option", argv[optind - 1]);
            return EXIT_USAGE;
        }
        limit_given = limit_given || c == 'n';
        int code = apply_option(c, optarg, s);
        if (code != 0)
            return code;
    }
    /* A count needs neither results nor facets. */
    if (s->count_only) {
        s->query.limit = 0;
        s->query.facets = "";
    }
    /* Lists for pipes contain every match unless --limit is given. */
    if (s->output != PRINT_RECORDS && !limit_given)
        s->query.limit = MAX_LIMIT;
    if (s->shard_count == 0 && options_index_path(NULL, s->index_path, sizeof s->index_path))
        s->shards[s->shard_count++] = s->index_path;
    if (s->shard_count == 0) {
        msg_error("no index path: give -d PATH or set DOCKET_INDEX or HOME");
        return EXIT_USAGE;
    }
    return join_query(argc, argv, s);
}

static int exit_code(docket_status status)
{
    switch (status) {
    case DOCKET_OK: return EXIT_SUCCESS;
    case DOCKET_ERR_USAGE:
    case DOCKET_ERR_QUERY_SYNTAX: return EXIT_USAGE;
    case DOCKET_ERR_INDEX_BUSY: return EXIT_BUSY;
    case DOCKET_ERR_NO_MEMORY:
    case DOCKET_ERR_IO:
    case DOCKET_ERR_UNSUPPORTED:
    case DOCKET_ERR_INVALID_INPUT:
    case DOCKET_ERR_TOO_LARGE:
    case DOCKET_ERR_INDEX_NOT_FOUND:
    case DOCKET_ERR_INDEX_CORRUPT:
    case DOCKET_ERR_INDEX_VERSION:
    case DOCKET_ERR_INDEX: return EXIT_INDEX;
    }
    return EXIT_INDEX;
}

static int show_record(docket_searcher *searcher, const settings *s)
{
    json_t *record = NULL;
    docket_status status = docket_search_record(searcher, s->show_id, &record);
    if (status != DOCKET_OK) {
        msg_error("%s", docket_searcher_error(searcher));
        return status == DOCKET_ERR_USAGE ? EXIT_NOTHING : exit_code(status);
    }
    bool ok = print_record(stdout, record, s->format);
    json_decref(record);
    return ok ? EXIT_SUCCESS : EXIT_INDEX;
}

static int run_query(docket_searcher *searcher, const settings *s)
{
    json_t *result = NULL;
    docket_status status = docket_search(searcher, &s->query, &result);
    if (status != DOCKET_OK) {
        if (status == DOCKET_ERR_QUERY_SYNTAX)
            msg_error("invalid query: %s: %s", s->query.text, docket_searcher_error(searcher));
        else
            msg_error("%s", docket_searcher_error(searcher));
        return exit_code(status);
    }

    json_int_t total = json_integer_value(json_object_get(result, "total"));
    bool ok = true;
    if (s->count_only)
        ok = printf("%lld\n", (long long)total) > 0;
    else
        ok = print_results(stdout, result, s->format, s->output, isatty(STDOUT_FILENO));
    json_decref(result);
    if (!ok || fflush(stdout) != 0) {
        msg_error("writing results: output failed");
        return EXIT_INDEX;
    }
    return total > 0 ? EXIT_SUCCESS : EXIT_NOTHING;
}

static void warn_skipped(const char *path, const char *reason, void *data)
{
    (void)data;
    msg_warning("shard left out of the search: %s: %s", path, reason);
}

static double monotonic_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec * 1000.0 + (double)now.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    settings s;
    memset(&s, 0, sizeof s);
    s.query.limit = DEFAULT_LIMIT;
    msg_init("docket-search");
    int code = parse_options(argc, argv, &s);
    if (code != 0)
        return code;

    /* --timing leaves out the start-up of the process and the closing of
     * the index, so that it measures the search alone. */
    double started = monotonic_ms();
    docket_searcher *searcher = NULL;
    docket_error err;
    s.open.on_skip = warn_skipped;
    docket_status status =
        docket_searcher_open_shards(s.shards, s.shard_count, &s.open, &searcher, &err);
    if (status != DOCKET_OK) {
        msg_error("%s", err.message);
        return exit_code(status);
    }
    code = s.show_id ? show_record(searcher, &s) : run_query(searcher, &s);
    if (s.timing)
        msg_measurement("time: %.3f ms", monotonic_ms() - started);
    docket_searcher_free(searcher);
    return code;
}
