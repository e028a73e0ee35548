/* test_xapian_c.c: Check suite of the Xapian C binding (xapian-c.h). */
#include "check_util.h"
#include "xapian-c.h"

#include <ctype.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* Fail with the call, its status text and the handle's message. */
#define assert_xc_ok(call, message)                                              \
    do {                                                                         \
        xc_status status_ = (call);                                              \
        ck_assert_msg(status_ == XC_OK, "%s: %s: %s", #call,                     \
                      xc_status_text(status_), (message));                       \
    } while (0)

/* Value slots and prefixes of the sample records. */
enum { SLOT_DATE, SLOT_MEETING, SLOT_COMPANIES, SLOT_BASE, SLOT_STATUS, SLOT_PACKED };

/* The slots packed into SLOT_PACKED, in this order. */
static const xc_slot PACKED_SLOTS[] = {SLOT_MEETING, SLOT_STATUS, SLOT_COMPANIES};

struct sample {
    const char *id;
    const char *date;
    const char *meeting;
    const char *status;
    const char *base;
    const char *companies[4]; /* NULL-terminated */
    const char *title;
    const char *text;
};

/* Record "a" lists Gemalto twice: the list count must still count it once. */
static const struct sample SAMPLES[] = {
    {"a", "2014-02-17", "SEC#9.0", "agreed", "SEC-2014-0044",
     {"Gemalto", "Datang", "Gemalto", NULL},
     "Bootstrap update", "Security bootstrapping with GBA for the oneM2M service layer."},
    {"b", "2014-05-10", "SEC#10", "noted", "SEC-2014-0044", {"Gemalto", NULL},
     "Credentials", "Bootstrapping credentials are discussed; the GBA approach was noted."},
    {"c", "2015-03-01", "SEC#15", "agreed", "SEC-2015-0010", {"Datang", "Huawei", NULL},
     "Provisioning", "Remote provisioning of security credentials."},
    {"d", "2013-11-20", "SEC#8", "withdrawn", "SEC-2013-0100", {NULL},
     "Architecture", "Architecture figure update for the security specification."},
};
#define SAMPLE_COUNT (sizeof SAMPLES / sizeof SAMPLES[0])

static char *temp_dir;
static char *db_path;

static char *join(const char *dir, const char *name)
{
    size_t size = strlen(dir) + strlen(name) + 2;
    char *path = malloc(size);
    ck_assert_ptr_nonnull(path);
    snprintf(path, size, "%s/%s", dir, name);
    return path;
}

/* ---- Building sample databases ---------------------------------------- */

static void set_text_value(xc_document *doc, xc_slot slot, const char *text)
{
    assert_xc_ok(xc_document_set_value(doc, slot, text, strlen(text)), xc_document_error(doc));
}

static void set_companies(xc_document *doc, const struct sample *s)
{
    size_t count = 0;
    while (s->companies[count])
        count++;
    char *list = NULL;
    size_t len = 0;
    assert_xc_ok(xc_serialise_list(s->companies, count, &list, &len), "serialise");
    assert_xc_ok(xc_document_set_value(doc, SLOT_COMPANIES, list, len), xc_document_error(doc));
    free(list);
}

static void index_sample(xc_database *db, xc_termgen *tg, const struct sample *s)
{
    xc_document *doc = NULL;
    assert_xc_ok(xc_document_new(&doc), "new document");
    assert_xc_ok(xc_termgen_set_document(tg, doc), xc_termgen_error(tg));
    assert_xc_ok(xc_termgen_index_text(tg, s->title, strlen(s->title), 1, "S"),
                 xc_termgen_error(tg));
    assert_xc_ok(xc_termgen_index_text(tg, s->title, strlen(s->title), 1, NULL),
                 xc_termgen_error(tg));
    assert_xc_ok(xc_termgen_increase_termpos(tg, 100), xc_termgen_error(tg));
    assert_xc_ok(xc_termgen_index_text(tg, s->text, strlen(s->text), 1, ""),
                 xc_termgen_error(tg));

    char id_term[64], term[64];
    snprintf(id_term, sizeof id_term, "Q%s", s->id);
    assert_xc_ok(xc_document_add_boolean_term(doc, id_term), xc_document_error(doc));
    snprintf(term, sizeof term, "XS%s", s->status);
    assert_xc_ok(xc_document_add_boolean_term(doc, term), xc_document_error(doc));
    assert_xc_ok(xc_document_set_data(doc, s->id, strlen(s->id)), xc_document_error(doc));
    set_text_value(doc, SLOT_DATE, s->date);
    set_text_value(doc, SLOT_MEETING, s->meeting);
    set_text_value(doc, SLOT_BASE, s->base);
    set_text_value(doc, SLOT_STATUS, s->status);
    set_companies(doc, s);
    assert_xc_ok(xc_document_pack_values(doc, PACKED_SLOTS, 3, SLOT_PACKED),
                 xc_document_error(doc));

    xc_docid id = 0;
    assert_xc_ok(xc_database_replace_document(db, id_term, doc, &id), xc_database_error(db));
    xc_document_free(doc);
}

/* Create a database at `path` holding samples first..first+count-1. */
static void build_samples(const char *path, size_t first, size_t count)
{
    xc_error err;
    xc_database *db = NULL;
    assert_xc_ok(xc_database_create(path, &db, &err), err.message);
    xc_termgen *tg = NULL;
    assert_xc_ok(xc_termgen_new("english", &tg, &err), err.message);
    for (size_t i = first; i < first + count; i++)
        index_sample(db, tg, &SAMPLES[i]);
    assert_xc_ok(xc_database_close(db), xc_database_error(db));
    xc_database_free(db);
    xc_termgen_free(tg);
}

static void setup_sample(void)
{
    temp_dir = test_make_temp_dir();
    db_path = join(temp_dir, "db");
    build_samples(db_path, 0, SAMPLE_COUNT);
}

static void teardown_sample(void)
{
    test_remove_tree(temp_dir);
    free(temp_dir);
    free(db_path);
    temp_dir = NULL;
    db_path = NULL;
}

static xc_database *open_sample(void)
{
    xc_error err;
    xc_database *db = NULL;
    assert_xc_ok(xc_database_open(db_path, &db, &err), err.message);
    return db;
}

static xc_database *open_sample_writable(void)
{
    xc_error err;
    xc_database *db = NULL;
    assert_xc_ok(xc_database_create(db_path, &db, &err), err.message);
    return db;
}

/* ---- Searching -------------------------------------------------------- */

static xc_queryparser *make_parser(xc_database *db)
{
    xc_error err;
    xc_queryparser *qp = NULL;
    assert_xc_ok(xc_queryparser_new("english", &qp, &err), err.message);
    assert_xc_ok(xc_queryparser_set_stemming_strategy(qp, XC_STEM_SOME), xc_queryparser_error(qp));
    assert_xc_ok(xc_queryparser_set_default_op(qp, XC_OP_AND), xc_queryparser_error(qp));
    assert_xc_ok(xc_queryparser_set_database(qp, db), xc_queryparser_error(qp));
    assert_xc_ok(xc_queryparser_add_prefix(qp, "title", "S"), xc_queryparser_error(qp));
    assert_xc_ok(xc_queryparser_add_boolean_prefix(qp, "status", "XS"), xc_queryparser_error(qp));
    assert_xc_ok(xc_queryparser_add_range(qp, SLOT_DATE, "date"), xc_queryparser_error(qp));
    return qp;
}

static xc_query *parse(xc_database *db, const char *text, unsigned flags)
{
    xc_queryparser *qp = make_parser(db);
    xc_query *query = NULL;
    assert_xc_ok(xc_queryparser_parse(qp, text, flags, &query), xc_queryparser_error(qp));
    xc_queryparser_free(qp);
    return query;
}

/* Run `query` and return its match set, sorted by `sort_slot`. */
static xc_mset *run_query(xc_database *db, const xc_query *query, xc_slot sort_slot,
                          int reverse)
{
    xc_error err;
    xc_enquire *enq = NULL;
    assert_xc_ok(xc_enquire_new(db, &enq, &err), err.message);
    assert_xc_ok(xc_enquire_set_query(enq, query), xc_enquire_error(enq));
    assert_xc_ok(xc_enquire_set_sort(enq, sort_slot, reverse), xc_enquire_error(enq));
    xc_mset *mset = NULL;
    assert_xc_ok(xc_enquire_get_mset(enq, 0, 100, 100, &mset), xc_enquire_error(enq));
    xc_enquire_free(enq);
    return mset;
}

/* Write the record ids of the results, in order, into `ids`. */
static void result_ids(xc_mset *mset, char *ids, size_t size)
{
    ids[0] = '\0';
    for (unsigned i = 0; i < xc_mset_size(mset); i++) {
        xc_document *doc = NULL;
        assert_xc_ok(xc_mset_document(mset, i, &doc), xc_mset_error(mset));
        const char *data = NULL;
        size_t len = 0;
        assert_xc_ok(xc_document_get_data(doc, &data, &len), xc_document_error(doc));
        strncat(ids, data, size - strlen(ids) - 1);
        xc_document_free(doc);
    }
}

/* Return the record ids matching `text`, in `sort_slot` order. */
static void search_ids(xc_database *db, const char *text, unsigned flags, xc_slot sort_slot,
                       int reverse, char *ids, size_t size)
{
    xc_query *query = parse(db, text, flags);
    xc_mset *mset = run_query(db, query, sort_slot, reverse);
    result_ids(mset, ids, size);
    xc_mset_free(mset);
    xc_query_free(query);
}

static unsigned count_matches(xc_database *db, const char *text, unsigned flags)
{
    xc_query *query = parse(db, text, flags);
    xc_mset *mset = run_query(db, query, XC_SORT_RELEVANCE, 0);
    unsigned count = xc_mset_matches_estimated(mset);
    xc_mset_free(mset);
    xc_query_free(query);
    return count;
}

/* ---- Basics ----------------------------------------------------------- */

START_TEST(version_is_1_4)
{
    ck_assert_int_eq(strncmp(xc_version(), "1.4.", 4), 0);
}
END_TEST

START_TEST(status_text_covers_all)
{
    for (int s = XC_OK; s <= XC_OTHER; s++) {
        const char *text = xc_status_text((xc_status)s);
        ck_assert_ptr_nonnull(text);
        ck_assert_msg(text[0] != '\0', "status %d has empty text", s);
        ck_assert_msg(strcmp(text, "unknown status") != 0, "status %d has no text", s);
    }
}
END_TEST

START_TEST(unknown_language_rejected)
{
    xc_error err;
    xc_queryparser *qp = NULL;
    ck_assert_int_eq(xc_queryparser_new("klingon", &qp, &err), XC_INVALID_ARGUMENT);
    ck_assert_ptr_null(qp);
    ck_assert_ptr_nonnull(strstr(err.message, "klingon"));
    xc_termgen *tg = NULL;
    ck_assert_int_eq(xc_termgen_new("klingon", &tg, NULL), XC_INVALID_ARGUMENT);
    ck_assert_ptr_null(tg);
}
END_TEST

START_TEST(serialise_list_format)
{
    const char *items[] = {"ab", ""};
    char *list = NULL;
    size_t len = 0;
    assert_xc_ok(xc_serialise_list(items, 2, &list, &len), "serialise");
    ck_assert_uint_eq(len, 4);
    ck_assert_mem_eq(list, "\002ab\000", 4);
    free(list);

    /* 300 bytes: the marker 255, then 300 - 255 = 45 with the last-group bit. */
    char long_item[301];
    memset(long_item, 'L', 300);
    long_item[300] = '\0';
    const char *long_items[] = {long_item};
    assert_xc_ok(xc_serialise_list(long_items, 1, &list, &len), "serialise");
    ck_assert_uint_eq(len, 302);
    ck_assert_uint_eq((unsigned char)list[0], 255);
    ck_assert_uint_eq((unsigned char)list[1], 0x80 | 45);
    free(list);
}
END_TEST

/* ---- Searching the sample --------------------------------------------- */

START_TEST(search_free_text)
{
    xc_database *db = open_sample();
    char ids[16];
    search_ids(db, "bootstrapping", XC_QP_DEFAULT, SLOT_DATE, 0, ids, sizeof ids);
    ck_assert_str_eq(ids, "ab");
    /* Stemming: "bootstrap" matches "bootstrapping". */
    ck_assert_uint_eq(count_matches(db, "bootstrap", XC_QP_DEFAULT), 2);
    ck_assert_uint_eq(count_matches(db, "title:credentials", XC_QP_DEFAULT), 1);
    xc_database_free(db);
}
END_TEST

START_TEST(search_phrase)
{
    xc_database *db = open_sample();
    char ids[16];
    search_ids(db, "\"security bootstrapping\"", XC_QP_DEFAULT, XC_SORT_RELEVANCE, 0, ids,
               sizeof ids);
    ck_assert_str_eq(ids, "a");
    ck_assert_uint_eq(count_matches(db, "\"bootstrapping security\"", XC_QP_DEFAULT), 0);
    xc_database_free(db);
}
END_TEST

START_TEST(search_boolean_filter)
{
    xc_database *db = open_sample();
    char ids[16];
    search_ids(db, "security status:agreed", XC_QP_DEFAULT, SLOT_DATE, 0, ids, sizeof ids);
    ck_assert_str_eq(ids, "ac");
    search_ids(db, "security status:agreed status:withdrawn", XC_QP_DEFAULT, SLOT_DATE, 0, ids,
               sizeof ids);
    ck_assert_str_eq(ids, "dac");
    xc_database_free(db);
}
END_TEST

START_TEST(search_date_range)
{
    xc_database *db = open_sample();
    char ids[16];
    search_ids(db, "date:2014-01-01..2014-12-31", XC_QP_DEFAULT, SLOT_DATE, 0, ids, sizeof ids);
    ck_assert_str_eq(ids, "ab");
    search_ids(db, "security date:2014-06-01..", XC_QP_DEFAULT, SLOT_DATE, 0, ids, sizeof ids);
    ck_assert_str_eq(ids, "c");
    xc_database_free(db);
}
END_TEST

START_TEST(query_building)
{
    xc_database *db = open_sample();
    xc_query *parts[2] = {NULL, NULL};
    assert_xc_ok(xc_query_term("XSagreed", &parts[0]), "term");
    assert_xc_ok(xc_query_value_range(SLOT_DATE, "2015", NULL, &parts[1]), "range");
    xc_query *both = NULL;
    assert_xc_ok(xc_query_combine(XC_OP_FILTER, parts, 2, &both), "combine");

    char ids[16];
    xc_mset *mset = run_query(db, both, SLOT_DATE, 0);
    result_ids(mset, ids, sizeof ids);
    ck_assert_str_eq(ids, "c");
    xc_mset_free(mset);

    char *text = NULL;
    assert_xc_ok(xc_query_describe(both, &text), "describe");
    ck_assert_ptr_nonnull(strstr(text, "XSagreed"));
    free(text);

    xc_query *all = NULL;
    assert_xc_ok(xc_query_all(&all), "all");
    mset = run_query(db, all, SLOT_DATE, 1);
    result_ids(mset, ids, sizeof ids);
    ck_assert_str_eq(ids, "cbad");
    xc_mset_free(mset);

    xc_query_free(all);
    xc_query_free(both);
    xc_query_free(parts[0]);
    xc_query_free(parts[1]);
    xc_database_free(db);
}
END_TEST

START_TEST(sort_by_value)
{
    xc_database *db = open_sample();
    char ids[16];
    search_ids(db, "security OR bootstrapping", XC_QP_DEFAULT, SLOT_DATE, 0, ids, sizeof ids);
    ck_assert_str_eq(ids, "dabc");
    search_ids(db, "security OR bootstrapping", XC_QP_DEFAULT, SLOT_DATE, 1, ids, sizeof ids);
    ck_assert_str_eq(ids, "cbad");
    xc_database_free(db);
}
END_TEST

/* ---- Facets ------------------------------------------------------------ */

struct counts {
    char text[512];
    unsigned calls;
    unsigned stop_after; /* 0: never stop */
};

static int append_count(const char *value, size_t len, unsigned count, void *data)
{
    struct counts *c = data;
    size_t used = strlen(c->text);
    snprintf(c->text + used, sizeof c->text - used, "%.*s=%u ", (int)len, value, count);
    c->calls++;
    return c->stop_after && c->calls >= c->stop_after;
}

/* Run `query` with `spy` attached, seeing every match. */
static void spy_run(xc_database *db, const xc_query *query, xc_spy *spy)
{
    xc_error err;
    xc_enquire *enq = NULL;
    assert_xc_ok(xc_enquire_new(db, &enq, &err), err.message);
    assert_xc_ok(xc_enquire_set_query(enq, query), xc_enquire_error(enq));
    assert_xc_ok(xc_enquire_add_spy(enq, spy), xc_enquire_error(enq));
    xc_mset *mset = NULL;
    assert_xc_ok(xc_enquire_get_mset(enq, 0, 1, 100, &mset), xc_enquire_error(enq));
    xc_mset_free(mset);
    xc_enquire_free(enq);
}

static void spy_search(xc_database *db, const char *text, xc_spy *spy)
{
    xc_query *query = parse(db, text, XC_QP_DEFAULT);
    spy_run(db, query, spy);
    xc_query_free(query);
}

START_TEST(spy_value_count)
{
    xc_database *db = open_sample();
    xc_spy *spy = NULL;
    assert_xc_ok(xc_spy_value_count(SLOT_STATUS, &spy), "spy");
    spy_search(db, "security OR bootstrapping", spy);

    unsigned total = 0;
    assert_xc_ok(xc_spy_total(spy, &total), "total");
    ck_assert_uint_eq(total, 4);
    struct counts c = {"", 0, 0};
    assert_xc_ok(xc_spy_each(spy, 0, append_count, &c), "each");
    ck_assert_str_eq(c.text, "agreed=2 noted=1 withdrawn=1 ");

    struct counts top = {"", 0, 0};
    assert_xc_ok(xc_spy_each(spy, 2, append_count, &top), "each");
    ck_assert_str_eq(top.text, "agreed=2 noted=1 ");
    struct counts stopped = {"", 0, 1};
    assert_xc_ok(xc_spy_each(spy, 0, append_count, &stopped), "each");
    ck_assert_str_eq(stopped.text, "agreed=2 ");

    xc_spy_free(spy);
    xc_database_free(db);
}
END_TEST

START_TEST(spy_list_count)
{
    xc_database *db = open_sample();
    xc_spy *spy = NULL;
    assert_xc_ok(xc_spy_list_count(SLOT_COMPANIES, &spy), "spy");
    spy_search(db, "security OR bootstrapping", spy);

    unsigned total = 0;
    assert_xc_ok(xc_spy_total(spy, &total), "total");
    ck_assert_uint_eq(total, 4);
    /* Gemalto: records a (listed twice) and b; Datang: a and c. */
    struct counts c = {"", 0, 0};
    assert_xc_ok(xc_spy_each(spy, 0, append_count, &c), "each");
    ck_assert_str_eq(c.text, "Datang=2 Gemalto=2 Huawei=1 ");
    struct counts top = {"", 0, 1};
    assert_xc_ok(xc_spy_each(spy, 0, append_count, &top), "each");
    ck_assert_str_eq(top.text, "Datang=2 ");

    xc_spy_free(spy);
    xc_database_free(db);
}
END_TEST

/* Run `text` with a spy from xc_spy_facet_count on `db` and write its
 * counts to `out` and the number of documents it saw to `total`. */
static void facet_count(xc_database *db, xc_slot slot, int list, const char *text,
                        struct counts *out, unsigned *total)
{
    xc_spy *spy = NULL;
    assert_xc_ok(xc_spy_facet_count(db, slot, list, &spy), "spy");
    spy_search(db, text, spy);
    assert_xc_ok(xc_spy_total(spy, total), "total");
    assert_xc_ok(xc_spy_each(spy, 0, append_count, out), "each");
    xc_spy_free(spy);
}

static const struct {
    const char *query;
    xc_slot slot;
    int list;
    unsigned total;
    const char *counts;
} FACET_CASES[] = {
    {"security OR bootstrapping", SLOT_STATUS, 0, 4, "agreed=2 noted=1 withdrawn=1 "},
    {"security OR bootstrapping", SLOT_COMPANIES, 1, 4, "Datang=2 Gemalto=2 Huawei=1 "},
    {"credentials", SLOT_STATUS, 0, 2, "agreed=1 noted=1 "},
    {"gba", SLOT_COMPANIES, 1, 2, "Gemalto=2 Datang=1 "},
    {"architecture", SLOT_COMPANIES, 1, 1, ""},
    {"nomatchatall", SLOT_STATUS, 0, 0, ""},
};

START_TEST(spy_facet_count_one_shard)
{
    xc_database *db = open_sample();
    for (size_t i = 0; i < sizeof FACET_CASES / sizeof FACET_CASES[0]; i++) {
        struct counts c = {"", 0, 0};
        unsigned total = 0;
        facet_count(db, FACET_CASES[i].slot, FACET_CASES[i].list, FACET_CASES[i].query, &c,
                    &total);
        ck_assert_msg(total == FACET_CASES[i].total, "%s: total %u", FACET_CASES[i].query, total);
        ck_assert_str_eq(c.text, FACET_CASES[i].counts);
    }
    xc_database_free(db);
}
END_TEST

/* Over two shards the spy reads values per document, not from streams. */
START_TEST(spy_facet_count_two_shards)
{
    char *path1 = join(temp_dir, "facet-shard1");
    char *path2 = join(temp_dir, "facet-shard2");
    build_samples(path1, 0, 2);
    build_samples(path2, 2, 2);
    xc_error err;
    xc_database *db = NULL, *db2 = NULL;
    assert_xc_ok(xc_database_open(path1, &db, &err), err.message);
    assert_xc_ok(xc_database_open(path2, &db2, &err), err.message);
    assert_xc_ok(xc_database_add(db, db2), xc_database_error(db));
    xc_database_free(db2);

    for (size_t i = 0; i < sizeof FACET_CASES / sizeof FACET_CASES[0]; i++) {
        struct counts c = {"", 0, 0};
        unsigned total = 0;
        facet_count(db, FACET_CASES[i].slot, FACET_CASES[i].list, FACET_CASES[i].query, &c,
                    &total);
        ck_assert_msg(total == FACET_CASES[i].total, "%s: total %u", FACET_CASES[i].query, total);
        ck_assert_str_eq(c.text, FACET_CASES[i].counts);
    }
    xc_database_free(db);
    free(path1);
    free(path2);
}
END_TEST

/* A second match set starts the docids again: the value stream must too. */
START_TEST(spy_facet_count_two_matches)
{
    xc_database *db = open_sample();
    xc_spy *spy = NULL;
    assert_xc_ok(xc_spy_facet_count(db, SLOT_STATUS, 0, &spy), "spy");
    spy_search(db, "security OR bootstrapping", spy);
    spy_search(db, "credentials", spy);

    unsigned total = 0;
    assert_xc_ok(xc_spy_total(spy, &total), "total");
    ck_assert_uint_eq(total, 6);
    struct counts c = {"", 0, 0};
    assert_xc_ok(xc_spy_each(spy, 0, append_count, &c), "each");
    ck_assert_str_eq(c.text, "agreed=3 noted=2 withdrawn=1 ");
    xc_spy_free(spy);
    xc_database_free(db);
}
END_TEST

START_TEST(query_matches_text)
{
    static const struct {
        const char *text;
        int expected;
    } cases[] = {
        {"security", 1},
        {"\"security bootstrapping\"", 1},
        {"secur*", 1},
        {"status:agreed", 0},
        {"title:security", 0},
        {"status:agreed security", 1},
        {"date:2014..2015", 0},
    };
    xc_database *db = open_sample();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        xc_query *query = parse(db, cases[i].text, XC_QP_DEFAULT | XC_QP_WILDCARD);
        int matches = -1;
        assert_xc_ok(xc_query_matches_text(query, &matches), "matches text");
        ck_assert_msg((matches != 0) == (cases[i].expected != 0), "%s: %d", cases[i].text,
                      matches);
        xc_query_free(query);
    }
    xc_database_free(db);
}
END_TEST

/* The packed spy counts the same as one spy per slot. */
START_TEST(spy_packed_count)
{
    xc_database *db = open_sample();
    for (size_t i = 0; i < sizeof FACET_CASES / sizeof FACET_CASES[0]; i++) {
        size_t index = FACET_CASES[i].slot == SLOT_STATUS ? 1 : 2;
        xc_spy *spy = NULL;
        assert_xc_ok(xc_spy_packed_count(db, SLOT_PACKED, &spy), xc_database_error(db));
        size_t meeting = 0, field = 0;
        assert_xc_ok(xc_spy_add_field(spy, 0, 0, &meeting), xc_spy_error(spy));
        assert_xc_ok(xc_spy_add_field(spy, index, FACET_CASES[i].list, &field),
                     xc_spy_error(spy));
        ck_assert_uint_eq(meeting, 0);
        ck_assert_uint_eq(field, 1);
        spy_search(db, FACET_CASES[i].query, spy);

        unsigned total = 0;
        assert_xc_ok(xc_spy_total(spy, &total), "total");
        ck_assert_msg(total == FACET_CASES[i].total, "%s: total %u", FACET_CASES[i].query, total);
        struct counts c = {"", 0, 0};
        assert_xc_ok(xc_spy_each_field(spy, field, 0, append_count, &c), xc_spy_error(spy));
        ck_assert_str_eq(c.text, FACET_CASES[i].counts);
        ck_assert_int_eq(xc_spy_each_field(spy, 2, 0, append_count, &c), XC_INVALID_ARGUMENT);
        xc_spy_free(spy);
    }
    xc_database_free(db);
}
END_TEST

START_TEST(spy_packed_meetings)
{
    xc_database *db = open_sample();
    xc_spy *spy = NULL;
    assert_xc_ok(xc_spy_packed_count(db, SLOT_PACKED, &spy), xc_database_error(db));
    size_t field = 9;
    assert_xc_ok(xc_spy_add_field(spy, 0, 0, &field), xc_spy_error(spy));
    spy_search(db, "security OR bootstrapping", spy);
    struct counts c = {"", 0, 0};
    assert_xc_ok(xc_spy_each_field(spy, field, 0, append_count, &c), xc_spy_error(spy));
    ck_assert_str_eq(c.text, "SEC#10=1 SEC#15=1 SEC#8=1 SEC#9.0=1 ");

    xc_spy *plain = NULL;
    assert_xc_ok(xc_spy_value_count(SLOT_STATUS, &plain), "spy");
    ck_assert_int_eq(xc_spy_add_field(plain, 0, 0, &field), XC_INVALID_ARGUMENT);
    xc_spy_free(plain);
    xc_spy_free(spy);
    xc_database_free(db);
}
END_TEST

START_TEST(value_freq)
{
    xc_database *db = open_sample();
    unsigned freq = 0;
    assert_xc_ok(xc_database_value_freq(db, SLOT_PACKED, &freq), xc_database_error(db));
    ck_assert_uint_eq(freq, SAMPLE_COUNT);
    assert_xc_ok(xc_database_value_freq(db, 99, &freq), xc_database_error(db));
    ck_assert_uint_eq(freq, 0);
    xc_database_free(db);
}
END_TEST

START_TEST(boolean_weight_count)
{
    xc_database *db = open_sample();
    xc_query *query = parse(db, "security OR bootstrapping", XC_QP_DEFAULT);
    xc_error err;
    xc_enquire *enq = NULL;
    assert_xc_ok(xc_enquire_new(db, &enq, &err), err.message);
    assert_xc_ok(xc_enquire_set_query(enq, query), xc_enquire_error(enq));
    assert_xc_ok(xc_enquire_set_boolean_weight(enq), xc_enquire_error(enq));

    xc_mset *mset = NULL;
    assert_xc_ok(xc_enquire_get_mset(enq, 0, 0, SAMPLE_COUNT, &mset), xc_enquire_error(enq));
    ck_assert_uint_eq(xc_mset_size(mset), 0);
    ck_assert_int_ne(xc_mset_matches_exact(mset), 0);
    ck_assert_uint_eq(xc_mset_matches_estimated(mset), 4);
    xc_mset_free(mset);

    assert_xc_ok(xc_enquire_get_mset(enq, 0, 1, 0, &mset), xc_enquire_error(enq));
    double weight = -1;
    assert_xc_ok(xc_mset_weight(mset, 0, &weight), xc_mset_error(mset));
    ck_assert(weight == 0.0);
    xc_mset_free(mset);
    xc_enquire_free(enq);
    xc_query_free(query);
    xc_database_free(db);
}
END_TEST

START_TEST(spy_list_count_long_item)
{
    char *path = join(temp_dir, "long");
    xc_error err;
    xc_database *db = NULL;
    assert_xc_ok(xc_database_create(path, &db, &err), err.message);

    char long_item[301];
    memset(long_item, 'L', 300);
    long_item[300] = '\0';
    const char *items[] = {"short", long_item, "short"};
    char *list = NULL;
    size_t len = 0;
    assert_xc_ok(xc_serialise_list(items, 3, &list, &len), "serialise");
    xc_document *doc = NULL;
    assert_xc_ok(xc_document_new(&doc), "new document");
    assert_xc_ok(xc_document_set_value(doc, SLOT_COMPANIES, list, len), xc_document_error(doc));
    xc_docid id = 0;
    assert_xc_ok(xc_database_add_document(db, doc, &id), xc_database_error(db));
    assert_xc_ok(xc_database_commit(db), xc_database_error(db));

    xc_spy *spy = NULL;
    assert_xc_ok(xc_spy_list_count(SLOT_COMPANIES, &spy), "spy");
    xc_query *all = NULL;
    assert_xc_ok(xc_query_all(&all), "all");
    spy_run(db, all, spy);
    xc_query_free(all);
    struct counts c = {"", 0, 0};
    assert_xc_ok(xc_spy_each(spy, 0, append_count, &c), "each");
    ck_assert_uint_eq(c.calls, 2);
    ck_assert_ptr_nonnull(strstr(c.text, "LLL"));
    ck_assert_ptr_nonnull(strstr(c.text, "L=1 short=1 "));

    xc_spy_free(spy);
    xc_document_free(doc);
    free(list);
    xc_database_free(db);
    free(path);
}
END_TEST

START_TEST(collapse_key)
{
    xc_database *db = open_sample();
    xc_error err;
    xc_query *all = NULL;
    assert_xc_ok(xc_query_all(&all), "all");
    xc_enquire *enq = NULL;
    assert_xc_ok(xc_enquire_new(db, &enq, &err), err.message);
    assert_xc_ok(xc_enquire_set_query(enq, all), xc_enquire_error(enq));
    assert_xc_ok(xc_enquire_set_collapse_key(enq, SLOT_BASE), xc_enquire_error(enq));
    xc_mset *mset = NULL;
    assert_xc_ok(xc_enquire_get_mset(enq, 0, 10, 10, &mset), xc_enquire_error(enq));
    ck_assert_uint_eq(xc_mset_size(mset), 3);

    unsigned collapsed_total = 0;
    for (unsigned i = 0; i < xc_mset_size(mset); i++) {
        unsigned collapsed = 0;
        assert_xc_ok(xc_mset_collapse_count(mset, i, &collapsed), xc_mset_error(mset));
        xc_document *doc = NULL;
        assert_xc_ok(xc_mset_document(mset, i, &doc), xc_mset_error(mset));
        const char *base = NULL;
        size_t len = 0;
        assert_xc_ok(xc_document_get_value(doc, SLOT_BASE, &base, &len), xc_document_error(doc));
        ck_assert_uint_eq(collapsed, strcmp(base, "SEC-2014-0044") == 0 ? 1 : 0);
        collapsed_total += collapsed;
        xc_document_free(doc);
    }
    ck_assert_uint_eq(collapsed_total, 1);

    xc_mset_free(mset);
    xc_enquire_free(enq);
    xc_query_free(all);
    xc_database_free(db);
}
END_TEST

START_TEST(mset_accessors)
{
    xc_database *db = open_sample();
    xc_query *query = parse(db, "security", XC_QP_DEFAULT);
    xc_error err;
    xc_enquire *enq = NULL;
    assert_xc_ok(xc_enquire_new(db, &enq, &err), err.message);
    assert_xc_ok(xc_enquire_set_query(enq, query), xc_enquire_error(enq));
    assert_xc_ok(xc_enquire_set_sort(enq, XC_SORT_RELEVANCE, 0), xc_enquire_error(enq));
    xc_mset *mset = NULL;
    assert_xc_ok(xc_enquire_get_mset(enq, 1, 10, 10, &mset), xc_enquire_error(enq));

    ck_assert_uint_eq(xc_mset_size(mset), 2);
    ck_assert_uint_eq(xc_mset_matches_estimated(mset), 3);
    unsigned rank = 0;
    assert_xc_ok(xc_mset_rank(mset, 0, &rank), xc_mset_error(mset));
    ck_assert_uint_eq(rank, 1);
    double weight = 0;
    assert_xc_ok(xc_mset_weight(mset, 0, &weight), xc_mset_error(mset));
    ck_assert(weight > 0);
    xc_docid id = 0;
    assert_xc_ok(xc_mset_docid(mset, 0, &id), xc_mset_error(mset));
    ck_assert_uint_ne(id, 0);
    xc_document *doc = NULL;
    assert_xc_ok(xc_mset_document(mset, 0, &doc), xc_mset_error(mset));
    xc_docid doc_id = 0;
    assert_xc_ok(xc_document_docid(doc, &doc_id), xc_document_error(doc));
    ck_assert_uint_eq(doc_id, id);
    xc_document_free(doc);

    ck_assert_int_eq(xc_mset_rank(mset, 2, &rank), XC_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(xc_mset_error(mset), "index 2"));
    ck_assert_int_eq(xc_mset_document(mset, 5, &doc), XC_INVALID_ARGUMENT);
    ck_assert_ptr_null(doc);

    xc_mset_free(mset);
    xc_enquire_free(enq);
    xc_query_free(query);
    xc_database_free(db);
}
END_TEST

START_TEST(snippet_highlights_match)
{
    xc_database *db = open_sample();
    xc_query *query = parse(db, "bootstrapping", XC_QP_DEFAULT);
    xc_mset *mset = run_query(db, query, XC_SORT_RELEVANCE, 0);
    const char *text = SAMPLES[0].text;
    char *snippet = NULL;
    assert_xc_ok(xc_mset_snippet(mset, text, strlen(text), 200, "english", 0, "<b>", "</b>",
                                 "...", &snippet),
                 xc_mset_error(mset));
    ck_assert_ptr_nonnull(strstr(snippet, "<b>bootstrapping</b>"));
    ck_assert_ptr_null(strstr(snippet, "<b>Security</b>"));
    free(snippet);

    const char *other = "Nothing relevant here.";
    assert_xc_ok(xc_mset_snippet(mset, other, strlen(other), 200, "english",
                                 XC_SNIPPET_EMPTY_WITHOUT_MATCH, "<b>", "</b>", "...", &snippet),
                 xc_mset_error(mset));
    ck_assert_str_eq(snippet, "");
    free(snippet);

    xc_mset_free(mset);
    xc_query_free(query);
    xc_database_free(db);
}
END_TEST

/* ---- Updating ---------------------------------------------------------- */

START_TEST(metadata_round_trip)
{
    xc_database *db = open_sample_writable();
    assert_xc_ok(xc_database_set_metadata(db, "schema", "3"), xc_database_error(db));
    assert_xc_ok(xc_database_close(db), xc_database_error(db));
    xc_database_free(db);

    db = open_sample();
    char *value = NULL;
    assert_xc_ok(xc_database_get_metadata(db, "schema", &value), xc_database_error(db));
    ck_assert_str_eq(value, "3");
    free(value);
    assert_xc_ok(xc_database_get_metadata(db, "absent", &value), xc_database_error(db));
    ck_assert_str_eq(value, "");
    free(value);
    ck_assert_int_eq(xc_database_set_metadata(db, "schema", "4"), XC_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(xc_database_error(db), db_path));
    xc_database_free(db);
}
END_TEST

START_TEST(replace_by_unique_term)
{
    xc_database *db = open_sample_writable();
    for (int round = 0; round < 2; round++) {
        xc_document *doc = NULL;
        assert_xc_ok(xc_document_new(&doc), "new document");
        assert_xc_ok(xc_document_add_boolean_term(doc, "Qa"), xc_document_error(doc));
        assert_xc_ok(xc_document_set_data(doc, "a2", 2), xc_document_error(doc));
        xc_docid id = 0;
        assert_xc_ok(xc_database_replace_document(db, "Qa", doc, &id), xc_database_error(db));
        xc_document_free(doc);
    }
    assert_xc_ok(xc_database_commit(db), xc_database_error(db));

    unsigned count = 0;
    assert_xc_ok(xc_database_doccount(db, &count), xc_database_error(db));
    ck_assert_uint_eq(count, SAMPLE_COUNT);
    assert_xc_ok(xc_database_termfreq(db, "Qa", &count), xc_database_error(db));
    ck_assert_uint_eq(count, 1);

    xc_docid id = 0;
    assert_xc_ok(xc_database_find_by_term(db, "Qa", &id), xc_database_error(db));
    xc_document *doc = NULL;
    assert_xc_ok(xc_database_get_document(db, id, &doc), xc_database_error(db));
    const char *data = NULL;
    size_t len = 0;
    assert_xc_ok(xc_document_get_data(doc, &data, &len), xc_document_error(doc));
    ck_assert_uint_eq(len, 2);
    ck_assert_str_eq(data, "a2");
    xc_document_free(doc);
    xc_database_free(db);
}
END_TEST

START_TEST(delete_by_term)
{
    xc_database *db = open_sample_writable();
    assert_xc_ok(xc_database_delete_by_term(db, "Qd"), xc_database_error(db));
    assert_xc_ok(xc_database_commit(db), xc_database_error(db));
    unsigned count = 0;
    assert_xc_ok(xc_database_doccount(db, &count), xc_database_error(db));
    ck_assert_uint_eq(count, SAMPLE_COUNT - 1);
    assert_xc_ok(xc_database_termfreq(db, "Qd", &count), xc_database_error(db));
    ck_assert_uint_eq(count, 0);
    xc_database_free(db);
}
END_TEST

START_TEST(transaction_commit_and_cancel)
{
    xc_database *db = open_sample_writable();
    xc_document *doc = NULL;
    assert_xc_ok(xc_document_new(&doc), "new document");
    assert_xc_ok(xc_document_add_term(doc, "extra", 1), xc_document_error(doc));
    xc_docid id = 0;
    unsigned count = 0;

    assert_xc_ok(xc_database_begin(db), xc_database_error(db));
    assert_xc_ok(xc_database_add_document(db, doc, &id), xc_database_error(db));
    assert_xc_ok(xc_database_end(db, 0), xc_database_error(db));
    assert_xc_ok(xc_database_doccount(db, &count), xc_database_error(db));
    ck_assert_uint_eq(count, SAMPLE_COUNT);

    assert_xc_ok(xc_database_begin(db), xc_database_error(db));
    assert_xc_ok(xc_database_add_document(db, doc, &id), xc_database_error(db));
    assert_xc_ok(xc_database_end(db, 1), xc_database_error(db));
    assert_xc_ok(xc_database_doccount(db, &count), xc_database_error(db));
    ck_assert_uint_eq(count, SAMPLE_COUNT + 1);

    xc_document_free(doc);
    xc_database_free(db);
}
END_TEST

START_TEST(read_only_rejects_writes)
{
    xc_database *db = open_sample();
    xc_document *doc = NULL;
    assert_xc_ok(xc_document_new(&doc), "new document");
    xc_docid id = 0;
    ck_assert_int_eq(xc_database_add_document(db, doc, &id), XC_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(xc_database_error(db), "read-only"));
    ck_assert_int_eq(xc_database_commit(db), XC_INVALID_ARGUMENT);

    xc_termgen *tg = NULL;
    assert_xc_ok(xc_termgen_new(NULL, &tg, NULL), "termgen");
    ck_assert_int_eq(xc_termgen_set_database(tg, db), XC_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(xc_termgen_error(tg), db_path));

    xc_termgen_free(tg);
    xc_document_free(doc);
    xc_database_free(db);
}
END_TEST

struct terms {
    char text[512];
    unsigned calls;
    unsigned stop_after; /* 0: never stop */
};

static int append_term(const char *term, unsigned termfreq, void *data)
{
    struct terms *t = data;
    size_t used = strlen(t->text);
    snprintf(t->text + used, sizeof t->text - used, "%s=%u ", term, termfreq);
    t->calls++;
    return t->stop_after && t->calls >= t->stop_after;
}

START_TEST(each_term_walks_prefix)
{
    xc_database *db = open_sample();
    struct terms t = {"", 0, 0};
    assert_xc_ok(xc_database_each_term(db, "XS", append_term, &t), xc_database_error(db));
    ck_assert_str_eq(t.text, "XSagreed=2 XSnoted=1 XSwithdrawn=1 ");
    struct terms first = {"", 0, 1};
    assert_xc_ok(xc_database_each_term(db, "XS", append_term, &first), xc_database_error(db));
    ck_assert_str_eq(first.text, "XSagreed=2 ");
    xc_database_free(db);
}
END_TEST

struct term_lengths {
    size_t count;
    size_t max_len;
};

static int measure_term(const char *term, unsigned termfreq, void *data)
{
    struct term_lengths *m = data;
    m->count++;
    if (strlen(term) > m->max_len)
        m->max_len = strlen(term);
    return 0;
}

static xc_docid add_long_terms(xc_database *db, const char *unique, const char *term)
{
    xc_document *doc = NULL;
    assert_xc_ok(xc_document_new(&doc), "new document");
    assert_xc_ok(xc_document_add_boolean_term(doc, unique), xc_document_error(doc));
    assert_xc_ok(xc_document_add_term(doc, term, 1), xc_document_error(doc));
    assert_xc_ok(xc_document_add_posting(doc, term, 3, 1), xc_document_error(doc));
    xc_docid id = 0;
    assert_xc_ok(xc_database_replace_document(db, unique, doc, &id), xc_database_error(db));
    xc_document_free(doc);
    return id;
}

START_TEST(long_terms_hashed)
{
    char unique1[301], unique2[301], term[261];
    memset(unique1, 'x', 300);
    unique1[0] = 'Q';
    unique1[300] = '\0';
    strcpy(unique2, unique1);
    unique2[299] = 'y'; /* same first 200 bytes, another hash */
    memset(term, 'w', 260);
    term[260] = '\0';

    xc_database *db = open_sample_writable();
    xc_docid id1 = add_long_terms(db, unique1, term);
    xc_docid id2 = add_long_terms(db, unique2, term);
    ck_assert_uint_ne(id1, id2);
    /* Adding again replaces the document found by the same long term. */
    ck_assert_uint_eq(add_long_terms(db, unique1, term), id1);
    assert_xc_ok(xc_database_commit(db), xc_database_error(db));

    xc_docid found = 0;
    assert_xc_ok(xc_database_find_by_term(db, unique2, &found), xc_database_error(db));
    ck_assert_uint_eq(found, id2);
    unsigned count = 0;
    assert_xc_ok(xc_database_termfreq(db, term, &count), xc_database_error(db));
    ck_assert_uint_eq(count, 2);

    struct term_lengths m = {0, 0};
    assert_xc_ok(xc_database_each_term(db, "Qxxxxxxxxx", measure_term, &m), xc_database_error(db));
    ck_assert_uint_eq(m.count, 2);
    ck_assert_uint_le(m.max_len, 240);

    xc_query *query = NULL;
    assert_xc_ok(xc_query_term(unique1, &query), "term");
    xc_mset *mset = run_query(db, query, XC_SORT_RELEVANCE, 0);
    ck_assert_uint_eq(xc_mset_size(mset), 1);
    xc_mset_free(mset);
    xc_query_free(query);
    xc_database_free(db);
}
END_TEST

START_TEST(missing_document_not_found)
{
    xc_database *db = open_sample();
    xc_document *doc = NULL;
    ck_assert_int_eq(xc_database_get_document(db, 999, &doc), XC_NOT_FOUND);
    ck_assert_ptr_null(doc);
    ck_assert_ptr_nonnull(strstr(xc_database_error(db), "999"));
    xc_docid id = 0;
    ck_assert_int_eq(xc_database_find_by_term(db, "Qzzz", &id), XC_NOT_FOUND);
    ck_assert_ptr_nonnull(strstr(xc_database_error(db), "Qzzz"));
    xc_database_free(db);
}
END_TEST

/* ---- Term generator ---------------------------------------------------- */

START_TEST(termgen_shares_document)
{
    xc_database *db = open_sample_writable();
    xc_termgen *tg = NULL;
    assert_xc_ok(xc_termgen_new("english", &tg, NULL), "termgen");
    assert_xc_ok(xc_termgen_set_stemming_strategy(tg, XC_STEM_NONE), xc_termgen_error(tg));
    xc_document *doc = NULL;
    assert_xc_ok(xc_document_new(&doc), "new document");
    assert_xc_ok(xc_termgen_set_document(tg, doc), xc_termgen_error(tg));
    assert_xc_ok(xc_termgen_index_text(tg, "zebra crossings", 15, 1, NULL), xc_termgen_error(tg));
    xc_docid id = 0;
    assert_xc_ok(xc_database_add_document(db, doc, &id), xc_database_error(db));

    unsigned count = 0;
    assert_xc_ok(xc_database_termfreq(db, "crossings", &count), xc_database_error(db));
    ck_assert_uint_eq(count, 1);
    /* XC_STEM_NONE adds no stemmed terms. */
    assert_xc_ok(xc_database_termfreq(db, "Zcross", &count), xc_database_error(db));
    ck_assert_uint_eq(count, 0);

    xc_document_free(doc);
    xc_termgen_free(tg);
    xc_database_free(db);
}
END_TEST

static void add_text(xc_database *db, xc_termgen *tg, const char *text, int positions)
{
    xc_document *doc = NULL;
    assert_xc_ok(xc_document_new(&doc), "new document");
    assert_xc_ok(xc_termgen_set_document(tg, doc), xc_termgen_error(tg));
    if (positions)
        assert_xc_ok(xc_termgen_index_text(tg, text, strlen(text), 1, ""), xc_termgen_error(tg));
    else
        assert_xc_ok(xc_termgen_index_text_without_positions(tg, text, strlen(text), 1, ""),
                     xc_termgen_error(tg));
    xc_docid id = 0;
    assert_xc_ok(xc_database_add_document(db, doc, &id), xc_database_error(db));
    xc_document_free(doc);
}

START_TEST(termgen_without_positions)
{
    char *path = join(temp_dir, "positions");
    xc_error err;
    xc_database *db = NULL;
    assert_xc_ok(xc_database_create(path, &db, &err), err.message);
    xc_termgen *tg = NULL;
    assert_xc_ok(xc_termgen_new("english", &tg, NULL), "termgen");
    add_text(db, tg, "red fox", 1);
    add_text(db, tg, "red fox", 0);
    assert_xc_ok(xc_termgen_set_flags(tg, XC_TG_NO_POSITIONS), xc_termgen_error(tg));
    add_text(db, tg, "red fox", 1);
    assert_xc_ok(xc_database_commit(db), xc_database_error(db));

    ck_assert_uint_eq(count_matches(db, "red fox", XC_QP_DEFAULT), 3);
    ck_assert_uint_eq(count_matches(db, "\"red fox\"", XC_QP_DEFAULT), 1);
    ck_assert_int_eq(xc_termgen_set_flags(tg, 64), XC_INVALID_ARGUMENT);

    xc_termgen_free(tg);
    xc_database_free(db);
    free(path);
}
END_TEST

START_TEST(spelling_correction)
{
    char *path = join(temp_dir, "spelling");
    xc_error err;
    xc_database *db = NULL;
    assert_xc_ok(xc_database_create(path, &db, &err), err.message);
    xc_termgen *tg = NULL;
    assert_xc_ok(xc_termgen_new("english", &tg, NULL), "termgen");
    assert_xc_ok(xc_termgen_set_flags(tg, XC_TG_SPELLING), xc_termgen_error(tg));
    assert_xc_ok(xc_termgen_set_database(tg, db), xc_termgen_error(tg));
    add_text(db, tg, "bootstrapping credentials", 1);
    assert_xc_ok(xc_database_add_spelling(db, "provisioning", 1), xc_database_error(db));
    assert_xc_ok(xc_database_commit(db), xc_database_error(db));

    xc_queryparser *qp = make_parser(db);
    unsigned flags = XC_QP_DEFAULT | XC_QP_SPELLING_CORRECTION;
    const char *corrected = NULL;
    xc_query *query = NULL;
    assert_xc_ok(xc_queryparser_parse(qp, "bootstraping", flags, &query), xc_queryparser_error(qp));
    assert_xc_ok(xc_queryparser_corrected(qp, &corrected), xc_queryparser_error(qp));
    ck_assert_str_eq(corrected, "bootstrapping");
    xc_query_free(query);

    assert_xc_ok(xc_queryparser_parse(qp, "provisoning", flags, &query), xc_queryparser_error(qp));
    assert_xc_ok(xc_queryparser_corrected(qp, &corrected), xc_queryparser_error(qp));
    ck_assert_str_eq(corrected, "provisioning");
    xc_query_free(query);

    assert_xc_ok(xc_queryparser_parse(qp, "credentials", flags, &query), xc_queryparser_error(qp));
    assert_xc_ok(xc_queryparser_corrected(qp, &corrected), xc_queryparser_error(qp));
    ck_assert_str_eq(corrected, "");
    xc_query_free(query);

    xc_queryparser_free(qp);
    xc_termgen_free(tg);
    xc_database_free(db);
    free(path);
}
END_TEST

START_TEST(synonym_expansion)
{
    xc_database *db = open_sample_writable();
    assert_xc_ok(xc_database_add_synonym(db, "authentication", "gba"), xc_database_error(db));
    assert_xc_ok(xc_database_add_synonym(db, "identity", "gba"), xc_database_error(db));
    assert_xc_ok(xc_database_clear_synonyms(db, "identity"), xc_database_error(db));
    assert_xc_ok(xc_database_commit(db), xc_database_error(db));

    ck_assert_uint_eq(count_matches(db, "authentication", XC_QP_DEFAULT), 0);
    ck_assert_uint_eq(count_matches(db, "authentication", XC_QP_DEFAULT | XC_QP_AUTO_SYNONYMS), 2);
    ck_assert_uint_eq(count_matches(db, "~authentication", XC_QP_DEFAULT | XC_QP_SYNONYM), 2);
    ck_assert_uint_eq(count_matches(db, "identity", XC_QP_DEFAULT | XC_QP_AUTO_SYNONYMS), 0);
    xc_database_free(db);
}
END_TEST

/* ---- Several databases ------------------------------------------------- */

START_TEST(sharded_search)
{
    char *path1 = join(temp_dir, "shard1");
    char *path2 = join(temp_dir, "shard2");
    build_samples(path1, 0, 2);
    build_samples(path2, 2, 2);
    xc_error err;
    xc_database *db1 = NULL, *db2 = NULL;
    assert_xc_ok(xc_database_open(path1, &db1, &err), err.message);
    assert_xc_ok(xc_database_open(path2, &db2, &err), err.message);
    unsigned security1 = count_matches(db1, "security", XC_QP_DEFAULT);
    unsigned security2 = count_matches(db2, "security", XC_QP_DEFAULT);
    ck_assert_uint_eq(security1, 1);
    ck_assert_uint_eq(security2, 2);

    assert_xc_ok(xc_database_add(db1, db2), xc_database_error(db1));
    xc_database_free(db2);
    unsigned count = 0;
    assert_xc_ok(xc_database_doccount(db1, &count), xc_database_error(db1));
    ck_assert_uint_eq(count, 4);
    ck_assert_uint_eq(count_matches(db1, "security", XC_QP_DEFAULT), security1 + security2);
    char ids[16];
    search_ids(db1, "security OR bootstrapping", XC_QP_DEFAULT, SLOT_DATE, 0, ids, sizeof ids);
    ck_assert_str_eq(ids, "dabc");

    xc_database_free(db1);
    free(path1);
    free(path2);
}
END_TEST

START_TEST(compact_to_new_folder)
{
    char *dest = join(temp_dir, "out/compact");
    xc_database *db = open_sample();
    assert_xc_ok(xc_database_compact(db, dest), xc_database_error(db));
    xc_database_free(db);

    xc_error err;
    assert_xc_ok(xc_database_open(dest, &db, &err), err.message);
    unsigned count = 0;
    assert_xc_ok(xc_database_doccount(db, &count), xc_database_error(db));
    ck_assert_uint_eq(count, SAMPLE_COUNT);
    ck_assert_uint_eq(count_matches(db, "bootstrapping", XC_QP_DEFAULT), 2);
    xc_database_free(db);
    free(dest);
}
END_TEST

/* The copy contains the first database's documents, then the second's.
 * Of a metadata key in both, it keeps the first database's value. */
START_TEST(compact_with_appends_second)
{
    char *second = join(temp_dir, "second");
    char *dest = join(temp_dir, "out/both");
    build_samples(second, 0, 2);
    xc_error err;
    xc_database *db = NULL;
    assert_xc_ok(xc_database_create(second, &db, &err), err.message);
    assert_xc_ok(xc_database_set_metadata(db, "key", "second"), xc_database_error(db));
    assert_xc_ok(xc_database_set_metadata(db, "only", "second"), xc_database_error(db));
    assert_xc_ok(xc_database_close(db), xc_database_error(db));
    xc_database_free(db);

    db = open_sample_writable();
    assert_xc_ok(xc_database_set_metadata(db, "key", "first"), xc_database_error(db));
    assert_xc_ok(xc_database_commit(db), xc_database_error(db));
    assert_xc_ok(xc_database_compact_with(db, second, dest), xc_database_error(db));
    xc_database_free(db);

    assert_xc_ok(xc_database_create(dest, &db, &err), err.message);
    unsigned count = 0;
    assert_xc_ok(xc_database_doccount(db, &count), xc_database_error(db));
    ck_assert_uint_eq(count, SAMPLE_COUNT + 2);
    char *value = NULL;
    assert_xc_ok(xc_database_get_metadata(db, "key", &value), xc_database_error(db));
    ck_assert_str_eq(value, "first");
    free(value);
    assert_xc_ok(xc_database_get_metadata(db, "only", &value), xc_database_error(db));
    ck_assert_str_eq(value, "second");
    free(value);

    /* "Qa" is in both: trimming to one keeps the second's copy, the last. */
    unsigned deleted = 0;
    xc_docid last = 0;
    assert_xc_ok(xc_database_trim_term(db, "Qa", 1, &deleted), xc_database_error(db));
    ck_assert_uint_eq(deleted, 1);
    assert_xc_ok(xc_database_find_by_term(db, "Qa", &last), xc_database_error(db));
    ck_assert_uint_gt(last, SAMPLE_COUNT);
    assert_xc_ok(xc_database_trim_term(db, "Qb", 2, &deleted), xc_database_error(db));
    ck_assert_uint_eq(deleted, 0);
    assert_xc_ok(xc_database_trim_term(db, "Qabsent", 0, &deleted), xc_database_error(db));
    ck_assert_uint_eq(deleted, 0);
    assert_xc_ok(xc_database_doccount(db, &count), xc_database_error(db));
    ck_assert_uint_eq(count, SAMPLE_COUNT + 1);
    xc_database_free(db);
    free(second);
    free(dest);
}
END_TEST

static int collect_metadata(const char *key, const char *value, void *data)
{
    char *out = data;
    strcat(out, key);
    strcat(out, "=");
    strcat(out, value);
    strcat(out, ";");
    return strcmp(key, "p.stop") == 0;
}

START_TEST(each_metadata_walks_prefix)
{
    xc_database *db = open_sample_writable();
    const char *const pairs[][2] = {{"p.b", "2"}, {"p.a", "1"}, {"q.a", "x"}, {"p.stop", "s"},
                                    {"p.z", "z"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        assert_xc_ok(xc_database_set_metadata(db, pairs[i][0], pairs[i][1]),
                     xc_database_error(db));
    assert_xc_ok(xc_database_commit(db), xc_database_error(db));
    char seen[256] = "";
    assert_xc_ok(xc_database_each_metadata(db, "p.", collect_metadata, seen),
                 xc_database_error(db));
    ck_assert_str_eq(seen, "p.a=1;p.b=2;p.stop=s;");
    xc_database_free(db);
}
END_TEST

START_TEST(open_stub_file)
{
    const char stub[] = "auto db\n";
    char *path = test_write_file(temp_dir, "index.stub", stub, strlen(stub));
    xc_error err;
    xc_database *db = NULL;
    assert_xc_ok(xc_database_open(path, &db, &err), err.message);
    unsigned count = 0;
    assert_xc_ok(xc_database_doccount(db, &count), xc_database_error(db));
    ck_assert_uint_eq(count, SAMPLE_COUNT);
    xc_database_free(db);
    free(path);
}
END_TEST

START_TEST(reopen_sees_new_commit)
{
    xc_database *reader = open_sample();
    xc_database *writer = open_sample_writable();
    assert_xc_ok(xc_database_delete_by_term(writer, "Qa"), xc_database_error(writer));
    assert_xc_ok(xc_database_commit(writer), xc_database_error(writer));

    unsigned count = 0;
    assert_xc_ok(xc_database_doccount(reader, &count), xc_database_error(reader));
    ck_assert_uint_eq(count, SAMPLE_COUNT);
    assert_xc_ok(xc_database_reopen(reader), xc_database_error(reader));
    assert_xc_ok(xc_database_doccount(reader, &count), xc_database_error(reader));
    ck_assert_uint_eq(count, SAMPLE_COUNT - 1);

    xc_database_free(writer);
    xc_database_free(reader);
}
END_TEST

/* ---- Errors ------------------------------------------------------------ */

START_TEST(open_missing_not_found)
{
    const char *path = "/nonexistent-docket-test/index";
    xc_error err;
    xc_database *db = NULL;
    ck_assert_int_eq(xc_database_open(path, &db, &err), XC_NOT_FOUND);
    ck_assert_ptr_null(db);
    ck_assert_ptr_nonnull(strstr(err.message, path));
    ck_assert_ptr_null(strchr(err.message, '\n'));

    char *missing = join(temp_dir, "missing");
    ck_assert_int_eq(xc_database_open(missing, &db, &err), XC_NOT_FOUND);
    ck_assert_ptr_nonnull(strstr(err.message, missing));
    ck_assert_int_eq(xc_database_open_retry(missing, 3, 1, &db, &err), XC_NOT_FOUND);
    ck_assert_ptr_null(db);
    free(missing);
}
END_TEST

START_TEST(open_retry_succeeds)
{
    xc_error err;
    xc_database *db = NULL;
    assert_xc_ok(xc_database_open_retry(db_path, 3, 10, &db, &err), err.message);
    ck_assert_str_eq(err.message, "");
    ck_assert_str_eq(xc_database_error(db), "");
    xc_database_free(db);
}
END_TEST

START_TEST(query_syntax_error)
{
    xc_database *db = open_sample();
    xc_queryparser *qp = make_parser(db);
    xc_query *query = NULL;
    ck_assert_int_eq(xc_queryparser_parse(qp, "gba AND", XC_QP_DEFAULT, &query), XC_QUERY_SYNTAX);
    ck_assert_ptr_null(query);
    ck_assert_ptr_nonnull(strstr(xc_queryparser_error(qp), "Syntax"));
    ck_assert_ptr_nonnull(strstr(xc_queryparser_error(qp), "gba AND"));

    assert_xc_ok(xc_queryparser_parse(qp, "\"unclosed quote", XC_QP_DEFAULT, &query),
                 xc_queryparser_error(qp));
    xc_query_free(query);
    xc_queryparser_free(qp);
    xc_database_free(db);
}
END_TEST

/* Field callback: the lowercase value under prefix XS; "bogus" is rejected. */
static xc_status status_field(const char *value, void *data, xc_query **out)
{
    char term[64];
    size_t n = 0;
    if (strcmp(value, "bogus") == 0)
        return XC_INVALID_ARGUMENT;
    n = (size_t)snprintf(term, sizeof term, "%s", (const char *)data);
    for (const char *s = value; *s && n + 1 < sizeof term; s++)
        term[n++] = (char)tolower((unsigned char)*s);
    term[n] = '\0';
    return xc_query_term(term, out);
}

START_TEST(field_callback)
{
    xc_database *db = open_sample();
    xc_queryparser *qp = make_parser(db);
    assert_xc_ok(xc_queryparser_add_field(qp, "state", 1, status_field, "XS"),
                 xc_queryparser_error(qp));

    xc_query *query = NULL;
    assert_xc_ok(xc_queryparser_parse(qp, "state:AGREED", XC_QP_DEFAULT, &query),
                 xc_queryparser_error(qp));
    xc_mset *mset = run_query(db, query, XC_SORT_RELEVANCE, 0);
    ck_assert_uint_eq(xc_mset_matches_estimated(mset), 2);
    xc_mset_free(mset);
    xc_query_free(query);

    ck_assert_int_eq(xc_queryparser_parse(qp, "state:bogus", XC_QP_DEFAULT, &query),
                     XC_QUERY_SYNTAX);
    ck_assert_ptr_nonnull(strstr(xc_queryparser_error(qp), "state"));
    ck_assert_ptr_nonnull(strstr(xc_queryparser_error(qp), "bogus"));
    xc_queryparser_free(qp);
    xc_database_free(db);
}
END_TEST

START_TEST(second_writer_locked)
{
    xc_database *first = open_sample_writable();
    xc_error err;
    xc_database *second = NULL;
    ck_assert_int_eq(xc_database_create(db_path, &second, &err), XC_LOCKED);
    ck_assert_ptr_null(second);
    ck_assert_ptr_nonnull(strstr(err.message, db_path));
    xc_database_free(first);

    assert_xc_ok(xc_database_create(db_path, &second, &err), err.message);
    xc_database_free(second);
}
END_TEST

START_TEST(create_makes_parents)
{
    char *path = join(temp_dir, "a/b/c/db");
    xc_error err;
    xc_database *db = NULL;
    assert_xc_ok(xc_database_create(path, &db, &err), err.message);
    xc_database_free(db);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert(S_ISDIR(st.st_mode));
    free(path);
}
END_TEST

/* Open and read the whole database; return the first failure. */
static xc_status read_everything(const char *path, char *message, size_t size)
{
    xc_error err;
    xc_database *db = NULL;
    xc_status status = xc_database_open(path, &db, &err);
    if (status != XC_OK) {
        snprintf(message, size, "%s", err.message);
        return status;
    }

    unsigned count = 0;
    struct terms t = {"", 0, 0};
    xc_spy *spy = NULL;
    xc_query *all = NULL;
    xc_enquire *enq = NULL;
    xc_mset *mset = NULL;
    if ((status = xc_database_doccount(db, &count)) != XC_OK ||
        (status = xc_database_each_term(db, "", append_term, &t)) != XC_OK)
        goto done;

    assert_xc_ok(xc_spy_value_count(SLOT_STATUS, &spy), "spy");
    assert_xc_ok(xc_query_all(&all), "all");
    if ((status = xc_enquire_new(db, &enq, &err)) != XC_OK)
        goto done;
    assert_xc_ok(xc_enquire_set_query(enq, all), xc_enquire_error(enq));
    assert_xc_ok(xc_enquire_add_spy(enq, spy), xc_enquire_error(enq));
    if ((status = xc_enquire_get_mset(enq, 0, 10000, 10000, &mset)) != XC_OK) {
        snprintf(message, size, "%s", xc_enquire_error(enq));
        goto done;
    }
    for (unsigned i = 0; i < xc_mset_size(mset) && status == XC_OK; i++) {
        xc_document *doc = NULL;
        const char *data = NULL;
        size_t len = 0;
        status = xc_mset_document(mset, i, &doc);
        if (status == XC_OK && (status = xc_document_get_data(doc, &data, &len)) != XC_OK)
            snprintf(message, size, "%s", xc_document_error(doc));
        xc_document_free(doc);
    }

done:
    if (message[0] == '\0')
        snprintf(message, size, "%s", xc_database_error(db));
    xc_mset_free(mset);
    xc_enquire_free(enq);
    xc_query_free(all);
    xc_spy_free(spy);
    xc_database_free(db);
    return status;
}

static void truncate_to(const char *path, double fraction)
{
    struct stat st;
    ck_assert_msg(stat(path, &st) == 0, "missing %s", path);
    ck_assert_int_eq(truncate(path, (off_t)(st.st_size * fraction)), 0);
}

START_TEST(truncated_file_fails)
{
    static const struct {
        const char *file;
        double fraction;
    } cases[] = {
        {"postlist.glass", 0.5}, {"postlist.glass", 0.0}, {"docdata.glass", 0.5},
        {"docdata.glass", 0.0},  {"termlist.glass", 0.5}, {"termlist.glass", 0.0},
        {"position.glass", 0.0}, {"iamglass", 0.5},       {"iamglass", 0.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "damaged%zu", i);
        char *path = join(temp_dir, name);
        build_samples(path, 0, SAMPLE_COUNT);
        char *file = join(path, cases[i].file);
        truncate_to(file, cases[i].fraction);

        char message[XC_ERROR_SIZE] = "";
        xc_status status = read_everything(path, message, sizeof message);
        ck_assert_msg(status == XC_CORRUPT, "%s cut to %.0f%%: %s: %s", cases[i].file,
                      cases[i].fraction * 100, xc_status_text(status), message);
        ck_assert_msg(message[0] != '\0', "%s: no message", cases[i].file);
        free(file);
        free(path);
    }
}
END_TEST

/* Create a database at `path` with `count` generated records. */
static void build_many(const char *path, unsigned count)
{
    xc_error err;
    xc_database *db = NULL;
    assert_xc_ok(xc_database_create(path, &db, &err), err.message);
    xc_termgen *tg = NULL;
    assert_xc_ok(xc_termgen_new("english", &tg, &err), err.message);
    for (unsigned i = 0; i < count; i++) {
        char text[128];
        snprintf(text, sizeof text, "record %u about security word%u and topic%u", i, i * 7,
                 i % 13);
        xc_document *doc = NULL;
        assert_xc_ok(xc_document_new(&doc), "new document");
        assert_xc_ok(xc_termgen_set_document(tg, doc), xc_termgen_error(tg));
        assert_xc_ok(xc_termgen_index_text(tg, text, strlen(text), 1, NULL), xc_termgen_error(tg));
        assert_xc_ok(xc_document_set_data(doc, text, strlen(text)), xc_document_error(doc));
        set_text_value(doc, SLOT_STATUS, i % 2 ? "agreed" : "noted");
        xc_docid id = 0;
        assert_xc_ok(xc_database_add_document(db, doc, &id), xc_database_error(db));
        xc_document_free(doc);
    }
    assert_xc_ok(xc_database_close(db), xc_database_error(db));
    xc_database_free(db);
    xc_termgen_free(tg);
}

/* In a larger database the root blocks survive a cut to half, so the open
 * succeeds and the damage shows while reading. */
START_TEST(truncated_file_fails_on_read)
{
    static const char *const files[] = {"postlist.glass", "docdata.glass"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "large%zu", i);
        char *path = join(temp_dir, name);
        build_many(path, 1000);
        char *file = join(path, files[i]);
        struct stat st;
        ck_assert_int_eq(stat(file, &st), 0);
        ck_assert_int_eq(truncate(file, st.st_size / 2 / 8192 * 8192), 0);

        xc_error err;
        xc_database *db = NULL;
        assert_xc_ok(xc_database_open(path, &db, &err), err.message);
        xc_database_free(db);
        char message[XC_ERROR_SIZE] = "";
        xc_status status = read_everything(path, message, sizeof message);
        ck_assert_msg(status != XC_OK, "%s cut to half still reads", files[i]);
        ck_assert_msg(strstr(message, path) != NULL, "%s: message lacks the path: %s", files[i],
                      message);
        free(file);
        free(path);
    }
}
END_TEST

/* ---- Remote databases -------------------------------------------------- */

static const char TCPSRV[] = "/usr/bin/xapian-tcpsrv";
static pid_t server_pid;
static unsigned server_port;

/* Return a TCP port on 127.0.0.1 that was free a moment ago. */
static unsigned free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    socklen_t len = sizeof addr;
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&addr, &len), 0);
    close(fd);
    return ntohs(addr.sin_port);
}

/* Wait until the server accepts a database connection, for at most 5 s. */
static void wait_for_server(unsigned port)
{
    struct timespec pause = {0, 50 * 1000000L};
    for (int attempt = 0; attempt < 100; attempt++) {
        xc_database *db = NULL;
        if (xc_database_open_remote("127.0.0.1", port, 1000, &db, NULL) == XC_OK) {
            xc_database_free(db);
            return;
        }
        nanosleep(&pause, NULL);
    }
}

/* Serve the sample with xapian-tcpsrv on loopback. The server stays in the
 * test's process group, so in fork mode Check's kill of that group after a
 * failed test stops it too. Teardown uses SIGKILL because on SIGTERM the
 * server signals its whole process group, which would include the test. */
static void setup_server(void)
{
    setup_sample();
    server_pid = 0;
    if (access(TCPSRV, X_OK) != 0)
        return;

    server_port = free_port();
    char port_text[16];
    snprintf(port_text, sizeof port_text, "%u", server_port);
    char *argv[] = {(char *)TCPSRV, "--quiet", "--interface", "127.0.0.1", "--port", port_text,
                    db_path, NULL};
    ck_assert_int_eq(posix_spawn(&server_pid, TCPSRV, NULL, NULL, argv, environ), 0);
    wait_for_server(server_port);
}

static void teardown_server(void)
{
    if (server_pid > 0) {
        kill(server_pid, SIGKILL);
        waitpid(server_pid, NULL, 0);
        server_pid = 0;
    }
    teardown_sample();
}

START_TEST(remote_search)
{
    if (server_pid == 0) {
        fprintf(stderr, "remote_search skipped: %s is not installed\n", TCPSRV);
        return;
    }
    xc_error err;
    xc_database *db = NULL;
    assert_xc_ok(xc_database_open_remote("127.0.0.1", server_port, 5000, &db, &err), err.message);
    unsigned count = 0;
    assert_xc_ok(xc_database_doccount(db, &count), xc_database_error(db));
    ck_assert_uint_eq(count, SAMPLE_COUNT);
    char ids[16];
    search_ids(db, "bootstrapping", XC_QP_DEFAULT, SLOT_DATE, 0, ids, sizeof ids);
    ck_assert_str_eq(ids, "ab");

    /* Xapian's own spies work remotely. */
    xc_spy *spy = NULL;
    assert_xc_ok(xc_spy_value_count(SLOT_STATUS, &spy), "spy");
    spy_search(db, "security OR bootstrapping", spy);
    struct counts c = {"", 0, 0};
    assert_xc_ok(xc_spy_each(spy, 0, append_count, &c), "each");
    ck_assert_str_eq(c.text, "agreed=2 noted=1 withdrawn=1 ");
    xc_spy_free(spy);
    xc_database_free(db);
}
END_TEST

START_TEST(remote_list_spy_fails_cleanly)
{
    if (server_pid == 0) {
        fprintf(stderr, "remote_list_spy_fails_cleanly skipped: %s is not installed\n", TCPSRV);
        return;
    }
    xc_error err;
    xc_database *db = NULL;
    assert_xc_ok(xc_database_open_remote("127.0.0.1", server_port, 5000, &db, &err), err.message);
    xc_spy *spy = NULL;
    assert_xc_ok(xc_spy_list_count(SLOT_COMPANIES, &spy), "spy");
    xc_query *all = NULL;
    assert_xc_ok(xc_query_all(&all), "all");
    xc_enquire *enq = NULL;
    assert_xc_ok(xc_enquire_new(db, &enq, &err), err.message);
    assert_xc_ok(xc_enquire_set_query(enq, all), xc_enquire_error(enq));
    assert_xc_ok(xc_enquire_add_spy(enq, spy), xc_enquire_error(enq));
    xc_mset *mset = NULL;
    ck_assert_int_ne(xc_enquire_get_mset(enq, 0, 10, 10, &mset), XC_OK);
    ck_assert_ptr_null(mset);
    ck_assert_ptr_nonnull(strstr(xc_enquire_error(enq), "FacetCountMatchSpy"));
    xc_enquire_free(enq);
    xc_query_free(all);
    xc_spy_free(spy);
    xc_database_free(db);
}
END_TEST

START_TEST(remote_closed_port)
{
    unsigned port = free_port();
    xc_error err;
    xc_database *db = NULL;
    ck_assert_int_eq(xc_database_open_remote("127.0.0.1", port, 2000, &db, &err), XC_NETWORK);
    ck_assert_ptr_null(db);
    char expected[32];
    snprintf(expected, sizeof expected, "127.0.0.1:%u", port);
    ck_assert_ptr_nonnull(strstr(err.message, expected));
}
END_TEST

static Suite *xapian_c_suite(void)
{
    Suite *suite = suite_create("xapian_c");

    TCase *basics = tcase_create("basics");
    tcase_add_test(basics, version_is_1_4);
    tcase_add_test(basics, status_text_covers_all);
    tcase_add_test(basics, unknown_language_rejected);
    tcase_add_test(basics, serialise_list_format);
    tcase_add_test(basics, remote_closed_port);
    suite_add_tcase(suite, basics);

    TCase *search = tcase_create("search");
    tcase_add_checked_fixture(search, setup_sample, teardown_sample);
    tcase_add_test(search, search_free_text);
    tcase_add_test(search, search_phrase);
    tcase_add_test(search, search_boolean_filter);
    tcase_add_test(search, search_date_range);
    tcase_add_test(search, query_building);
    tcase_add_test(search, sort_by_value);
    tcase_add_test(search, spy_value_count);
    tcase_add_test(search, spy_list_count);
    tcase_add_test(search, spy_list_count_long_item);
    tcase_add_test(search, spy_facet_count_one_shard);
    tcase_add_test(search, spy_facet_count_two_shards);
    tcase_add_test(search, spy_facet_count_two_matches);
    tcase_add_test(search, boolean_weight_count);
    tcase_add_test(search, spy_packed_count);
    tcase_add_test(search, spy_packed_meetings);
    tcase_add_test(search, value_freq);
    tcase_add_test(search, query_matches_text);
    tcase_add_test(search, collapse_key);
    tcase_add_test(search, mset_accessors);
    tcase_add_test(search, snippet_highlights_match);
    tcase_add_test(search, termgen_without_positions);
    tcase_add_test(search, spelling_correction);
    tcase_add_test(search, synonym_expansion);
    tcase_add_test(search, sharded_search);
    suite_add_tcase(suite, search);

    TCase *update = tcase_create("update");
    tcase_add_checked_fixture(update, setup_sample, teardown_sample);
    tcase_add_test(update, metadata_round_trip);
    tcase_add_test(update, replace_by_unique_term);
    tcase_add_test(update, delete_by_term);
    tcase_add_test(update, transaction_commit_and_cancel);
    tcase_add_test(update, read_only_rejects_writes);
    tcase_add_test(update, each_term_walks_prefix);
    tcase_add_test(update, long_terms_hashed);
    tcase_add_test(update, missing_document_not_found);
    tcase_add_test(update, termgen_shares_document);
    tcase_add_test(update, compact_to_new_folder);
    tcase_add_test(update, compact_with_appends_second);
    tcase_add_test(update, each_metadata_walks_prefix);
    tcase_add_test(update, open_stub_file);
    tcase_add_test(update, reopen_sees_new_commit);
    suite_add_tcase(suite, update);

    TCase *errors = tcase_create("errors");
    tcase_add_checked_fixture(errors, setup_sample, teardown_sample);
    tcase_add_test(errors, open_missing_not_found);
    tcase_add_test(errors, open_retry_succeeds);
    tcase_add_test(errors, query_syntax_error);
    tcase_add_test(errors, field_callback);
    tcase_add_test(errors, second_writer_locked);
    tcase_add_test(errors, create_makes_parents);
    tcase_add_test(errors, truncated_file_fails);
    tcase_add_test(errors, truncated_file_fails_on_read);
    suite_add_tcase(suite, errors);

    TCase *remote = tcase_create("remote");
    tcase_add_checked_fixture(remote, setup_server, teardown_server);
    tcase_set_timeout(remote, 60);
    tcase_add_test(remote, remote_search);
    tcase_add_test(remote, remote_list_spy_fails_cleanly);
    suite_add_tcase(suite, remote);

    return suite;
}

int main(void)
{
    return test_run_suite(xapian_c_suite());
}
