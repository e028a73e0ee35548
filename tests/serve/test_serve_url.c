/* test_serve_url.c: percent-decoding and query strings of docket-serve. */
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "url.h"

typedef struct decode_case {
    const char *encoded;
    bool plus_is_space;
    url_status status;
    const char *decoded; /* when status is URL_OK */
} decode_case;

static const decode_case decode_cases[] = {
    {"plain", true, URL_OK, "plain"},
    {"a+b", true, URL_OK, "a b"},
    {"a+b", false, URL_OK, "a+b"},
    {"a%20b%2Bc", true, URL_OK, "a b+c"},
    {"%2e%2E%2f", false, URL_OK, "../"},
    {"%C3%BC", true, URL_OK, "\xC3\xBC"},
    {"%ff", true, URL_OK, "\xFF"},
    {"", true, URL_OK, ""},
    {"%", true, URL_INVALID_ENCODING, NULL},
    {"%4", true, URL_INVALID_ENCODING, NULL},
    {"%zz", true, URL_INVALID_ENCODING, NULL},
    {"%4g", true, URL_INVALID_ENCODING, NULL},
    {"a%00b", true, URL_INVALID_ENCODING, NULL},
};

START_TEST(decode_table)
{
    const decode_case *c = &decode_cases[_i];
    char *decoded = NULL;
    url_status status = url_decode(c->encoded, strlen(c->encoded), c->plus_is_space, &decoded);
    ck_assert_msg(status == c->status, "'%s': status %d, expected %d", c->encoded, status,
                  c->status);
    if (c->decoded)
        ck_assert_str_eq(decoded, c->decoded);
    free(decoded);
}
END_TEST

START_TEST(decode_stops_at_length)
{
    char *decoded = NULL;
    ck_assert_int_eq(url_decode("ab%41cd", 5, true, &decoded), URL_OK);
    ck_assert_str_eq(decoded, "abA");
    free(decoded);
}
END_TEST

START_TEST(query_pairs)
{
    url_params params;
    ck_assert_int_eq(url_parse_query("q=by%3A%22Wei+Zhou%22&limit=5&&collapse&facets=", &params),
                     URL_OK);
    ck_assert_uint_eq(params.count, 4);
    ck_assert_str_eq(url_param_value(&params, "q"), "by:\"Wei Zhou\"");
    ck_assert_str_eq(url_param_value(&params, "limit"), "5");
    ck_assert_str_eq(url_param_value(&params, "collapse"), "");
    ck_assert_str_eq(url_param_value(&params, "facets"), "");
    ck_assert_ptr_null(url_param_value(&params, "offset"));
    url_params_clear(&params);
    ck_assert_uint_eq(params.count, 0);
}
END_TEST

START_TEST(query_value_keeps_equals)
{
    url_params params;
    ck_assert_int_eq(url_parse_query("q=a=b", &params), URL_OK);
    ck_assert_str_eq(url_param_value(&params, "q"), "a=b");
    url_params_clear(&params);
}
END_TEST

START_TEST(query_empty)
{
    url_params params;
    ck_assert_int_eq(url_parse_query("", &params), URL_OK);
    ck_assert_uint_eq(params.count, 0);
}
END_TEST

START_TEST(query_too_many)
{
    char query[512] = "";
    for (int i = 0; i <= URL_MAX_PARAMS; i++)
        strcat(query, "a=1&");
    url_params params;
    ck_assert_int_eq(url_parse_query(query, &params), URL_TOO_MANY_PARAMS);
    ck_assert_uint_eq(params.count, 0);
}
END_TEST

START_TEST(query_bad_escape_frees)
{
    url_params params;
    ck_assert_int_eq(url_parse_query("a=1&b=%zz&c=3", &params), URL_INVALID_ENCODING);
    ck_assert_uint_eq(params.count, 0);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("serve_url");
    TCase *tc = tcase_create("url");
    tcase_add_loop_test(tc, decode_table, 0, sizeof decode_cases / sizeof decode_cases[0]);
    tcase_add_test(tc, decode_stops_at_length);
    tcase_add_test(tc, query_pairs);
    tcase_add_test(tc, query_value_keeps_equals);
    tcase_add_test(tc, query_empty);
    tcase_add_test(tc, query_too_many);
    tcase_add_test(tc, query_bad_escape_frees);
    suite_add_tcase(suite, tc);
    return test_run_suite(suite);
}
