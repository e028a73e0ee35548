/* test_stored.c: reading stored records with their text apart. */
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "stored.h"

/* Parse `len` bytes of `data`; check the record's JSON and the text. */
static void assert_parses(const char *data, size_t len, const char *json, const char *text)
{
    json_t *record = NULL;
    char *got = NULL;
    json_error_t jerr;
    ck_assert_int_eq(docket_stored_parse(data, len, &record, &got, &jerr), DOCKET_OK);
    ck_assert_str_eq(got, text);
    char *dumped = json_dumps(record, JSON_COMPACT);
    ck_assert_str_eq(dumped, json);
    free(dumped);
    json_decref(record);
    free(got);
}

START_TEST(text_after_nul)
{
    static const char data[] = "{\"type\":\"section\",\"id\":\"a\"}\0plain words \"quoted\" caf\xc3\xa9";
    assert_parses(data, sizeof data - 1, "{\"type\":\"section\",\"id\":\"a\"}",
                  "plain words \"quoted\" caf\xc3\xa9");
    static const char empty[] = "{\"id\":\"a\"}\0";
    assert_parses(empty, sizeof empty - 1, "{\"id\":\"a\"}", "");
}
END_TEST

START_TEST(invalid_records_fail)
{
    static const struct {
        const char *data;
        size_t len;
    } records[] = {
        {"", 0},
        {"{", 1},
        {"[1]", 3},
        {"{\"text\":\"open}", 14},
        {"{\"id\":\"a\"}\0bad \xff byte", 20},
        {"{\"id\":\"a\"}\0two\0nuls", 19},
        {"{\"id\":\"a\"", 9},
        {"{\"id\":\"a\"}", 10},
        {"{\"id\":\"a\",\"text\":\"b\"}\0c", 23},
    };
    for (size_t i = 0; i < sizeof records / sizeof records[0]; i++) {
        json_t *record = NULL;
        char *text = NULL;
        json_error_t jerr;
        docket_status status =
            docket_stored_parse(records[i].data, records[i].len, &record, &text, &jerr);
        ck_assert_msg(status == DOCKET_ERR_INDEX_CORRUPT, "record %zu: status %d", i, status);
        ck_assert_ptr_null(record);
        ck_assert_ptr_null(text);
        ck_assert_str_ne(jerr.text, "");
    }
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("stored");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, text_after_nul);
    tcase_add_test(tc, invalid_records_fail);
    suite_add_tcase(suite, tc);
    return test_run_suite(suite);
}
