/* main.c: docket-index, the command line that brings an index up to date. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/msg.h"
#include "cli/options.h"
#include "docket/index.h"
#include "run.h"
#include "shards.h"
#include "walk.h"
#include "writers.h"

#define DEFAULT_LOCK_TIMEOUT 30
#define MAX_WRITERS 2
#define TWO_WRITERS_COMMIT_FILES 100
#define TWO_WRITERS_COMMIT_BYTES (32ull << 20)
typedef struct settings {
    char index_path[PATH_MAX];
    const char *aliases;
    const char *synonyms;
    unsigned lock_timeout;
    unsigned commit_every;
    bool compact;
    bool full;
    bool prune;
    shard_plan plan;
    unsigned writers; /* 0: one per core, at most MAX_WRITERS */
    docket_positions positions;
} settings;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: docket-index [OPTION]... PATH...\n"
            "Index the documents under each PATH (files or folders) into a docket index.\n"
            "Files indexed before are skipped when their size and modification time\n"
            "(or, failing that, their content) are unchanged; changed files are\n"
            "re-read and their records replaced.\n"
            "\n"
            "  -d, --index=PATH        index folder (default: $DOCKET_INDEX, else\n"
            "                          ${XDG_DATA_HOME:-~/.local/share}/docket/index)\n"
            "      --aliases=FILE      alias file for specs, companies, people and WGs\n"
            "                          (default: the one installed with docket, if any)\n"
            "      --synonyms=FILE     acronym file to store in the index for docket-search\n"
            "                          (default: the one installed with docket, if any)\n"
            "      --lock-timeout=SEC  seconds to wait while another docket-index holds\n"
            "                          the index (default %d)\n"
            "      --full              re-read every file, even unchanged ones\n"
            "      --prune             remove the records of files under PATH that no\n"
            "                          longer exist\n"
            "      --commit-every=N    commit after every N files (default 200, or 100 in\n"
            "                          each of two writers); a crash loses at most the\n"
            "                          files since the last commit\n"
            "      --no-compact        skip compacting the index at the end\n"
            "      --no-positions      keep no word positions: a smaller index, where a\n"
            "                          phrase finds the records that hold all its words;\n"
            "                          rebuilds an index that has them\n"
            "      --positions         keep word positions (the default for a new index);\n"
            "                          rebuilds an index that has none\n"
            "  -j, --jobs=N            writers at once, 1 or 2 (default: 2 on a machine\n"
            "                          with two cores or more); two need compaction\n"
            "                          and a plain index (no --shards or --shard)\n"
            "      --shards=N          spread records over N shards in the -d folder, by a\n"
            "                          hash of each file's absolute path, with a Xapian\n"
            "                          stub file so docket-search opens them as one\n"
            "      --shard=K/N         build shard K (from 0) of N at -d, indexing only\n"
            "                          the files that belong to it\n"
            "  -q, --quiet             print errors only\n"
            "  -v, --verbose           also print a note for every file\n"
            "  -h, --help              print this help and exit\n"
            "  -V, --version           print the version and exit\n"
            "\n"
            "Exit status: 0 all files indexed, 1 some files failed, 2 invalid usage,\n"
            "3 index unusable, 75 index locked by another writer.\n",
            DEFAULT_LOCK_TIMEOUT);
}

/* What a walk gathers: the files to index, counting the rest. */
typedef struct gather {
    run *r;
    file_list files;
} gather;

static int visit(const char *path, walk_kind kind, int errno_value, void *data)
{
    gather *g = data;
    run *r = g->r;
    switch (kind) {
    case WALK_FILE:
        if (file_list_add(&g->files, path))
            return 0;
        msg_error("%s: out of memory", path);
        r->fatal = EXIT_FAILURE;
        return 1;
    case WALK_SPECIAL:
        r->skipped++;
        msg_info("skipped: %s: not a regular file", path);
        return 0;
    case WALK_ERROR:
        r->failed++;
        msg_error("failed: %s: %s", path, strerror(errno_value));
        return 0;
    }
    return 0;
}

static void prune(run *r, const char *const *roots, size_t count)
{
    unsigned removed = 0;
    for (unsigned i = 0; i < r->shards.open; i++) {
        unsigned shard_removed = 0;
        docket_index *index = r->shards.indexes[i];
        docket_status status = docket_index_prune(index, roots, count, &shard_removed);
        if (status != DOCKET_OK) {
            msg_error("%s", docket_index_error(index));
            r->fatal = run_exit_code(status);
            return;
        }
        removed += shard_removed;
    }
    r->removed = removed;
    msg_info("removed the records of %u deleted files", removed);
}

static void print_summary(run *r, const char *index_path)
{
    char formats[1024];
    char dialects[1024];
    tally_format(&r->formats, formats, sizeof formats);
    tally_format(&r->dialects, dialects, sizeof dialects);
    unsigned total = shards_record_count(&r->shards);
    if (r->other_shards > 0)
        msg_info("%u files belong to other shards", r->other_shards);
    msg_info("%u files indexed (%s), %u unchanged, %u skipped, %u failed; %u records by "
             "dialect (%s); %s holds %u records",
             r->indexed, r->indexed ? formats : "none", r->unchanged, r->skipped, r->failed,
             r->records, r->dialects.used ? dialects : "none", index_path, total);
}

static int parse_options(int argc, char **argv, settings *s)
{
    static const struct option long_options[] = {
        {"index", required_argument, NULL, 'd'},
        {"aliases", required_argument, NULL, 'a'},
        {"synonyms", required_argument, NULL, 's'},
        {"lock-timeout", required_argument, NULL, 't'},
        {"no-compact", no_argument, NULL, 'C'},
        {"commit-every", required_argument, NULL, 'E'},
        {"jobs", required_argument, NULL, 'j'},
        {"positions", no_argument, NULL, 'o'},
        {"no-positions", no_argument, NULL, 'O'},
        {"full", no_argument, NULL, 'F'},
        {"prune", no_argument, NULL, 'P'},
        {"shards", required_argument, NULL, 'S'},
        {"shard", required_argument, NULL, 'K'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *index_option = NULL;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:j:qvhV", long_options, NULL)) != -1) {
        switch (c) {
        case 'd': index_option = optarg; break;
        case 'a': s->aliases = optarg; break;
        case 's': s->synonyms = optarg; break;
        case 't':
            if (!options_parse_unsigned(optarg, 86400, &s->lock_timeout)) {
                msg_error("invalid --lock-timeout: %s: expected seconds from 0 to 86400",
                          optarg);
                return EXIT_USAGE;
            }
            break;
        case 'C': s->compact = false; break;
        case 'E':
            if (!options_parse_unsigned(optarg, 1000000, &s->commit_every) || s->commit_every == 0) {
                msg_error("invalid --commit-every: %s: expected a number of files from 1 to "
                          "1000000", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'j':
            if (!options_parse_unsigned(optarg, MAX_WRITERS, &s->writers) || s->writers == 0) {
                msg_error("invalid --jobs: %s: expected 1 or %d", optarg, MAX_WRITERS);
                return EXIT_USAGE;
            }
            break;
        case 'o':
        case 'O':
            if (s->positions != DOCKET_POSITIONS_KEEP) {
                msg_error("--positions and --no-positions: give one of them");
                return EXIT_USAGE;
            }
            s->positions = c == 'o' ? DOCKET_POSITIONS_ON : DOCKET_POSITIONS_OFF;
            break;
        case 'F': s->full = true; break;
        case 'P': s->prune = true; break;
        case 'S':
            if (!options_parse_unsigned(optarg, MAX_SHARDS, &s->plan.count) || s->plan.count == 0) {
                msg_error("invalid --shards: %s: expected a number from 1 to %d", optarg,
                          MAX_SHARDS);
                return EXIT_USAGE;
            }
            break;
        case 'K':
            if (!shards_parse_one(optarg, &s->plan)) {
                msg_error("invalid --shard: %s: expected K/N with 0 <= K < N <= %d", optarg,
                          MAX_SHARDS);
                return EXIT_USAGE;
            }
            break;
        case 'q': msg_set_level(MSG_QUIET); break;
        case 'v': msg_set_level(MSG_VERBOSE); break;
        case 'h': usage(stdout); exit(EXIT_SUCCESS);
        case 'V': printf("docket-index %s\n", DOCKET_VERSION); exit(EXIT_SUCCESS);
        default:
            msg_error("%s: %s; try 'docket-index --help'",
                      c == ':' ? "missing value for option" : "invalid option", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        msg_error("no PATH given; try 'docket-index --help'");
        return EXIT_USAGE;
    }
    if (index_option && !*index_option) {
        msg_error("invalid --index: empty path");
        return EXIT_USAGE;
    }
    if (!options_index_path(index_option, s->index_path, sizeof s->index_path)) {
        msg_error("no index path: give -d PATH or set DOCKET_INDEX or HOME");
        return EXIT_USAGE;
    }
    return 0;
}

/* The data file `name` used when no option names one: the installed copy,
 * else the one in the source tree of this build. */
static const char *default_data_file(const char *name)
{
    static char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", DOCKET_DATADIR, name);
    if (access(path, R_OK) == 0)
        return path;
    snprintf(path, sizeof path, "%s/%s", DOCKET_SOURCE_DATADIR, name);
    return access(path, R_OK) == 0 ? path : NULL;
}

static const char *data_file(const char *option, const char *name, char *buffer, size_t size)
{
    if (option)
        return option;
    const char *found = default_data_file(name);
    if (!found)
        return NULL;
    snprintf(buffer, size, "%s", found);
    return buffer;
}

/* Return the writers of --jobs=`requested`, or one per core up to
 * MAX_WRITERS when it is 0. */
static unsigned writer_count(unsigned requested)
{
    if (requested)
        return requested;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores >= MAX_WRITERS ? MAX_WRITERS : 1;
}

int main(int argc, char **argv)
{
    settings s = {{0}, NULL, NULL, DEFAULT_LOCK_TIMEOUT, 0, true, false, false, {1, -1}, 0, DOCKET_POSITIONS_KEEP};
    msg_init("docket-index");
    int code = parse_options(argc, argv, &s);
    if (code != 0)
        return code;

    char aliases[PATH_MAX];
    char synonyms[PATH_MAX];
    run r = {0};
    docket_index_options options = {
        .aliases_path = data_file(s.aliases, "aliases.txt", aliases, sizeof aliases),
        .synonyms_path = data_file(s.synonyms, "synonyms.txt", synonyms, sizeof synonyms),
        .lock_timeout = s.lock_timeout,
        .commit_files = s.commit_every,
        .full = s.full,
        .positions = s.positions,
        .on_member = run_on_member,
        .on_member_data = &r,
    };
    unsigned writers = s.compact ? writer_count(s.writers) : 1;
    /* Each writer buffers its changes until it commits: where two may run,
     * each commits twice as often, so that together they buffer what one
     * would. */
    bool plain = s.plan.count == 1 && s.plan.only < 0;
    if (writers > 1 && plain && !s.commit_every) {
        options.commit_files = TWO_WRITERS_COMMIT_FILES;
        options.commit_bytes = TWO_WRITERS_COMMIT_BYTES;
    }
    code = shards_open(&r.shards, s.index_path, &s.plan, &options);
    if (code != 0) {
        shards_free(&r.shards);
        return code;
    }

    gather g = {&r, {0}};
    for (int i = optind; i < argc && !r.fatal; i++)
        walk_tree(argv[i], visit, &g);
    if (!r.fatal)
        writers_index(&r, &g.files, writers, &options);
    file_list_free(&g.files);
    if (!r.fatal && s.prune)
        prune(&r, (const char *const *)argv + optind, (size_t)(argc - optind));

    /* A run that changed nothing leaves the compacted index as it is. */
    bool changed = r.indexed > 0 || r.removed > 0;
    if (!r.fatal)
        r.fatal = shards_finish(&r.shards, s.compact && changed);
    if (!r.fatal)
        print_summary(&r, s.index_path);
    shards_free(&r.shards);
    if (r.fatal)
        return r.fatal;
    return r.failed ? EXIT_NOTHING : EXIT_SUCCESS;
}
