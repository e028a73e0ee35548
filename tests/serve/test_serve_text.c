/* test_serve_text.c: quoting client bytes in messages and logs of docket-serve. */
#include <string.h>

#include "check_util.h"
#include "text.h"

typedef struct quote_case {
    const char *input;
    size_t max_bytes;
    const char *quoted;
} quote_case;

static const quote_case quote_cases[] = {
    {"plain text", 200, "plain text"},
    {"Z\xC3\xBCrich \xE2\x82\xAC \xF0\x9F\x98\x80", 200, "Z\xC3\xBCrich \xE2\x82\xAC \xF0\x9F\x98\x80"},
    {"bad \xFF byte", 200, "bad \xEF\xBF\xBD byte"},
    {"cut \xC3", 200, "cut \xEF\xBF\xBD"},
    {"overlong \xC0\xAF", 200, "overlong \xEF\xBF\xBD\xEF\xBF\xBD"},
    {"surrogate \xED\xA0\x80", 200, "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"above \xF4\x90\x80\x80", 200, "above \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"esc \x1b[31m tab\t del\x7f", 200, "esc ?[31m tab? del?"},
    {"abcdef", 3, "abc..."},
    {"abc", 3, "abc"},
    {"", 200, ""},
};

START_TEST(quote_table)
{
    const quote_case *c = &quote_cases[_i];
    char out[3 * 200 + 4];
    text_quote(c->input, c->max_bytes, out, sizeof out);
    ck_assert_str_eq(out, c->quoted);
}
END_TEST

START_TEST(quote_small_buffer_cuts_whole_characters)
{
    char out[8];
    text_quote("\xC3\xBC\xC3\xBC\xC3\xBC", 200, out, sizeof out);
    ck_assert_str_eq(out, "\xC3\xBC\xC3\xBC...");
}
END_TEST

START_TEST(quote_tiny_buffer_is_empty)
{
    char out[3] = "xx";
    text_quote("abc", 200, out, sizeof out);
    ck_assert_str_eq(out, "");
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("serve_text");
    TCase *tc = tcase_create("quote");
    tcase_add_loop_test(tc, quote_table, 0, sizeof quote_cases / sizeof quote_cases[0]);
    tcase_add_test(tc, quote_small_buffer_cuts_whole_characters);
    tcase_add_test(tc, quote_tiny_buffer_is_empty);
    suite_add_tcase(suite, tc);
    return test_run_suite(suite);
}
