/* test_record.c: building records. */
#include "check_util.h"
#include "docket/record.h"

START_TEST(new_record_has_type_and_source)
{
    json_t *record = docket_record_new("section", "a/b.txt", 12);
    ck_assert_str_eq(docket_record_get(record, "type"), "section");
    json_t *source = json_object_get(record, "source");
    ck_assert_str_eq(json_string_value(json_object_get(source, "path")), "a/b.txt");
    ck_assert_int_eq(json_integer_value(json_object_get(source, "line")), 12);
    json_decref(record);
}
END_TEST

START_TEST(set_empty_removes)
{
    json_t *record = docket_record_new("section", "x", 1);
    ck_assert_int_eq(docket_record_set(record, "title", "T"), DOCKET_OK);
    ck_assert_int_eq(docket_record_set(record, "title", ""), DOCKET_OK);
    ck_assert_ptr_null(docket_record_get(record, "title"));
    json_decref(record);
}
END_TEST

START_TEST(set_invalid_utf8_fails)
{
    json_t *record = docket_record_new("section", "x", 1);
    ck_assert_int_eq(docket_record_set(record, "title", "bad \xff byte"), DOCKET_ERR_INVALID_INPUT);
    json_decref(record);
}
END_TEST

START_TEST(add_keeps_one_copy)
{
    json_t *record = docket_record_new("contribution", "x", 1);
    docket_record_add(record, "specs", "TS-0001");
    docket_record_add(record, "specs", "TS-0003");
    docket_record_add(record, "specs", "TS-0001");
    json_t *specs = json_object_get(record, "specs");
    ck_assert_uint_eq(json_array_size(specs), 2);
    ck_assert_str_eq(json_string_value(json_array_get(specs, 1)), "TS-0003");
    json_decref(record);
}
END_TEST

START_TEST(append_text_joins_lines)
{
    json_t *record = docket_record_new("section", "x", 1);
    docket_record_append_text(record, "one");
    docket_record_append_text(record, "two");
    ck_assert_str_eq(docket_record_get(record, "text"), "one\ntwo");
    json_decref(record);
}
END_TEST

START_TEST(contributor_once)
{
    json_t *record = docket_record_new("contribution", "x", 1);
    docket_record_add_contributor(record, "Wei Zhou", "Datang");
    docket_record_add_contributor(record, "Wei Zhou", "Datang");
    docket_record_add_contributor(record, NULL, "Qualcomm");
    json_t *people = json_object_get(record, "contributors");
    ck_assert_uint_eq(json_array_size(people), 2);
    ck_assert_ptr_null(docket_record_get(json_array_get(people, 1), "name"));
    ck_assert_str_eq(docket_record_get(json_array_get(people, 1), "company"), "Qualcomm");
    json_decref(record);
}
END_TEST

START_TEST(decision_replaced)
{
    json_t *record = docket_record_new("contribution", "x", 1);
    docket_record_add_decision(record, "SEC-2014-0055R03", "noted", NULL);
    docket_record_add_decision(record, "SEC-2014-0055R03", "agreed", NULL);
    docket_record_add_decision(record, "SEC-2014-0045R01", "noted", "SEC-2014-0045Ro1");
    json_t *decisions = json_object_get(record, "decisions");
    ck_assert_uint_eq(json_array_size(decisions), 2);
    ck_assert_str_eq(docket_record_get(json_array_get(decisions, 0), "decision"), "agreed");
    ck_assert_str_eq(docket_record_get(json_array_get(decisions, 1), "typed"), "SEC-2014-0045Ro1");
    json_decref(record);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("record");
    TCase *tc = tcase_create("fields");
    tcase_add_test(tc, new_record_has_type_and_source);
    tcase_add_test(tc, set_empty_removes);
    tcase_add_test(tc, set_invalid_utf8_fails);
    tcase_add_test(tc, add_keeps_one_copy);
    tcase_add_test(tc, append_text_joins_lines);
    tcase_add_test(tc, contributor_once);
    tcase_add_test(tc, decision_replaced);
    suite_add_tcase(suite, tc);
    return test_run_suite(suite);
}
