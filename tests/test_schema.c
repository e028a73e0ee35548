/* test_schema.c: field folding, spec keys, date ranges and the terms and
 * values a record becomes. */
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "docket/record.h"
#include "query.h"
#include "schema.h"

static const struct {
    const char *in;
    const char *out;
} fold_cases[] = {
    {"Wei Zhou", "wei zhou"},
    {"  Shingo   FUJIMOTO ", "shingo fujimoto"},
    {"Fran\xc3\xa7ois Ennesser", "francois ennesser"},
    {"M\xc3\xbcller, J\xc3\xb6rg", "muller jorg"},
    {"SEC-2014-0059R06", "sec-2014-0059r06"},
    {"SEC#9.0", "sec#9.0"},
    {"Giesecke & Devrient", "giesecke & devrient"},
    {"(Qualcomm)", "qualcomm"},
};

START_TEST(fold_values)
{
    char out[64];
    ck_assert(docket_schema_fold(fold_cases[_i].in, out, sizeof out));
    ck_assert_str_eq(out, fold_cases[_i].out);
}
END_TEST

START_TEST(fold_rejects_empty_and_overflow)
{
    char out[8];
    ck_assert(!docket_schema_fold("  ,, ", out, sizeof out));
    ck_assert(!docket_schema_fold("much too long", out, sizeof out));
}
END_TEST

static const struct {
    const char *in;
    const char *out;
} spec_cases[] = {
    {"TS 23.501", "ts23.501"}, {"ts23.501", "ts23.501"}, {"TS-0001", "ts0001"},
    {"RFC 9110", "rfc9110"},   {"rfc9110", "rfc9110"},   {"draft-ietf-core-href", "draftietfcorehref"},
};

START_TEST(spec_keys)
{
    char out[64];
    ck_assert(docket_schema_spec_key(spec_cases[_i].in, out, sizeof out));
    ck_assert_str_eq(out, spec_cases[_i].out);
}
END_TEST

static const struct {
    const char *in;
    const char *lo;
    const char *hi;
} date_cases[] = {
    {"2014", "2014", "2014~"},
    {"2014-02", "2014-02", "2014-02~"},
    {"2014-01-01..2014-06-30", "2014-01-01", "2014-06-30~"},
    {"..2015", "", "2015~"},
    {"2015..", "2015", "~"},
};

START_TEST(date_ranges)
{
    char lo[16];
    char hi[16];
    ck_assert(docket_query_date_range(date_cases[_i].in, lo, hi, sizeof lo));
    ck_assert_str_eq(lo, date_cases[_i].lo);
    ck_assert_str_eq(hi, date_cases[_i].hi);
}
END_TEST

START_TEST(date_range_rejects)
{
    char lo[16];
    char hi[16];
    ck_assert(!docket_query_date_range("yesterday", lo, hi, sizeof lo));
    ck_assert(!docket_query_date_range("14", lo, hi, sizeof lo));
    ck_assert(!docket_query_date_range("..", lo, hi, sizeof lo));
    ck_assert(!docket_query_date_range("2014-2-1", lo, hi, sizeof lo));
}
END_TEST

static json_t *sample_record(void)
{
    json_t *r = docket_record_new("contribution", "corpus/m.txt", 42);
    docket_record_set(r, "doc", "SEC-2014-0045");
    docket_record_set(r, "meeting", "SEC#9.0");
    docket_record_set(r, "wg", "SEC");
    docket_record_add(r, "wg_names", "WG4");
    docket_record_set(r, "date", "2014-02-17");
    docket_record_set(r, "status", "agreed");
    docket_record_set(r, "title", "Authorization description");
    docket_record_set(r, "text", "security bootstrapping with GBA");
    docket_record_add(r, "revisions", "SEC-2014-0045R01");
    docket_record_add(r, "aliases", "SEC-2014-0045Ro1");
    docket_record_add(r, "specs", "TS-0003");
    docket_record_add_contributor(r, "Wei Zhou", "Datang");
    docket_record_add_decision(r, "SEC-2014-0045R01", "noted", NULL);
    return r;
}

START_TEST(document_terms_and_values)
{
    char *dir = test_make_temp_dir();
    xc_database *db = NULL;
    xc_termgen *tg = NULL;
    xc_document *doc = NULL;
    ck_assert_int_eq(xc_database_create(dir, &db, NULL), XC_OK);
    ck_assert_int_eq(xc_termgen_new(DOCKET_LANGUAGE, &tg, NULL), XC_OK);
    ck_assert_int_eq(xc_document_new(&doc), XC_OK);

    json_t *record = sample_record();
    docket_error err;
    ck_assert_int_eq(docket_schema_document(record, "SEC-2014-0045@SEC#9.0", "/abs/m.txt", tg,
                                            true, doc, &err),
                     DOCKET_OK);
    xc_docid id;
    ck_assert_int_eq(xc_database_add_document(db, doc, &id), XC_OK);
    ck_assert_int_eq(xc_database_commit(db), XC_OK);

    static const char *const terms[] = {
        "QSEC-2014-0045@SEC#9.0", "XP/abs/m.txt", "XTcontribution", "XMsec#9.0", "XWsec",
        "XWwg4", "XDOCsec-2014-0045", "XDOCsec-2014-0045r01", "XDOCsec-2014-0045ro1",
        "XSPECts0003", "XBYwei zhou", "XBYzhou", "XCOdatang", "XSagreed", "XDnoted", "XDagreed",
    };
    for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++) {
        unsigned freq = 0;
        ck_assert_int_eq(xc_database_termfreq(db, terms[i], &freq), XC_OK);
        ck_assert_msg(freq == 1, "term %s missing", terms[i]);
    }

    const char *value;
    size_t len;
    ck_assert_int_eq(xc_document_get_value(doc, DOCKET_SLOT_DATE, &value, &len), XC_OK);
    ck_assert_uint_eq(len, 10);
    ck_assert_int_eq(memcmp(value, "2014-02-17", 10), 0);
    ck_assert_int_eq(xc_document_get_value(doc, DOCKET_SLOT_YEAR, &value, &len), XC_OK);
    ck_assert_int_eq(memcmp(value, "2014", 4), 0);

    /* The single-valued facets, packed in the order of docket_schema_facets;
     * the record has no body. */
    static const char packed[] = "\x0c" "contribution" "\x07" "SEC#9.0" "\x03" "SEC"
                                 "\x06" "agreed" "\x04" "2014" "\0";
    ck_assert_int_eq(xc_document_get_value(doc, DOCKET_SLOT_FACETS, &value, &len), XC_OK);
    ck_assert_uint_eq(len, sizeof packed - 1);
    ck_assert_int_eq(memcmp(value, packed, len), 0);

    const char *data;
    ck_assert_int_eq(xc_document_get_data(doc, &data, &len), XC_OK);
    /* The record's JSON without its text, a NUL byte, then the text. */
    size_t json_len = strlen(data);
    ck_assert_uint_lt(json_len, len);
    json_t *stored = json_loadb(data, json_len, 0, NULL);
    ck_assert_ptr_nonnull(stored);
    ck_assert_str_eq(docket_record_get(stored, "id"), "SEC-2014-0045@SEC#9.0");
    ck_assert_str_eq(docket_record_get(stored, "doc"), "SEC-2014-0045");
    ck_assert_ptr_null(json_object_get(stored, "text"));
    const char *text = docket_record_get(record, "text");
    ck_assert_uint_eq(len - json_len - 1, strlen(text));
    ck_assert_int_eq(memcmp(data + json_len + 1, text, strlen(text)), 0);

    json_decref(stored);
    json_decref(record);
    xc_document_free(doc);
    xc_termgen_free(tg);
    xc_database_free(db);
    test_remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(facet_lookup)
{
    ck_assert_ptr_nonnull(docket_schema_facet("company"));
    ck_assert(docket_schema_facet("company")->list);
    ck_assert(!docket_schema_facet("meeting")->list);
    ck_assert_ptr_null(docket_schema_facet("colour"));
    ck_assert_int_eq(docket_schema_packed_field(docket_schema_facet("type")), 0);
    ck_assert_int_eq(docket_schema_packed_field(docket_schema_facet("status")), 3);
    ck_assert_int_eq(docket_schema_packed_field(docket_schema_facet("body")), 5);
    ck_assert_int_eq(docket_schema_packed_field(docket_schema_facet("spec")), -1);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("schema");
    TCase *tc = tcase_create("schema");
    tcase_add_loop_test(tc, fold_values, 0, sizeof fold_cases / sizeof fold_cases[0]);
    tcase_add_test(tc, fold_rejects_empty_and_overflow);
    tcase_add_loop_test(tc, spec_keys, 0, sizeof spec_cases / sizeof spec_cases[0]);
    tcase_add_loop_test(tc, date_ranges, 0, sizeof date_cases / sizeof date_cases[0]);
    tcase_add_test(tc, date_range_rejects);
    tcase_add_test(tc, document_terms_and_values);
    tcase_add_test(tc, facet_lookup);
    suite_add_tcase(suite, tc);
    return test_run_suite(suite);
}
