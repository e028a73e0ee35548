/* test_stored.c: reading stored records with their text apart. */
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "stored.h"

/* Parse `data` both ways and check that the fast path gives what jansson
 * gives for the whole record. */
static void assert_parses_like_jansson(const char *data)
{
    json_t *record = NULL;
    char *text = NULL;
    json_error_t jerr;
    ck_assert_int_eq(docket_stored_parse(data, strlen(data), &record, &text, &jerr), DOCKET_OK);

    json_t *whole = json_loads(data, 0, &jerr);
    ck_assert_ptr_nonnull(whole);
    const char *expected = json_string_value(json_object_get(whole, "text"));
    ck_assert_str_eq(text, expected ? expected : "");
    json_object_del(whole, "text");
    ck_assert_msg(json_equal(record, whole), "%s: the other members differ", data);

    char *dumped = json_dumps(record, JSON_COMPACT);
    char *dumped_whole = json_dumps(whole, JSON_COMPACT);
    ck_assert_str_eq(dumped, dumped_whole); /* same members in the same order */
    free(dumped);
    free(dumped_whole);
    json_decref(whole);
    json_decref(record);
    free(text);
}

START_TEST(records_parse_like_jansson)
{
    static const char *const records[] = {
        "{\"type\":\"section\",\"text\":\"plain words\",\"id\":\"a\"}",
        "{\"text\":\"first member\",\"id\":\"a\"}",
        "{\"id\":\"a\",\"text\":\"last member\"}",
        "{\"id\":\"a\"}",
        "{}",
        "{\"text\":\"\"}",
        "{\"text\":\"quote \\\" slash \\\\ \\/ \\b\\f\\n\\r\\t end\"}",
        "{\"text\":\"caf\\u00e9 \\u20ac \\ud83d\\ude00 caf\xc3\xa9\"}",
        "{\"a\":{\"text\":\"nested\",\"b\":[1,{\"c\":\"]}\"}]},\"text\":\"top\",\"n\":-1.5e3}",
        "{\"decisions\":[{\"doc\":\"S-1\",\"decision\":\"noted\"}],\"text\":\"x\",\"ok\":true}",
        " { \"id\" : \"a\" , \"text\" : \"spaced\" , \"z\" : null } ",
        "{\"text\":5,\"id\":\"a\"}",
    };
    for (size_t i = 0; i < sizeof records / sizeof records[0]; i++)
        assert_parses_like_jansson(records[i]);
}
END_TEST

START_TEST(invalid_records_fail)
{
    static const char *const records[] = {
        "", "{", "[1]x", "{\"text\":\"open}", "{\"text\":\"a\",}", "{\"text\":\"\\u0000\"}",
        "{\"text\":\"\\ud800\"}", "{\"text\":\"\\q\"}", "{\"a\":1 \"text\":\"b\"}",
        "{\"text\":\"bad \xff byte\"}",
    };
    for (size_t i = 0; i < sizeof records / sizeof records[0]; i++) {
        json_t *record = NULL;
        char *text = NULL;
        json_error_t jerr;
        docket_status status =
            docket_stored_parse(records[i], strlen(records[i]), &record, &text, &jerr);
        ck_assert_msg(status == DOCKET_ERR_INDEX_CORRUPT, "%s: status %d", records[i], status);
        ck_assert_ptr_null(record);
        ck_assert_ptr_null(text);
    }
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("stored");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, records_parse_like_jansson);
    tcase_add_test(tc, invalid_records_fail);
    suite_add_tcase(suite, tc);
    return test_run_suite(suite);
}
