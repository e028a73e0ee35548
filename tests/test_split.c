/* test_split.c: the generic splitter, one section record per heading. */
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "docket/dialect.h"
#include "docket/record.h"

/* Build a docket_text from `source`, one block per line, the way the
 * plain-text extractor does; lines starting with '#' become headings when
 * `markdown`. */
static docket_text *text_from(const char *source, bool markdown)
{
    docket_text *text = docket_text_new("notes/minutes.txt", markdown ? "markdown" : "text");
    ck_assert_ptr_nonnull(text);
    unsigned line = 1;
    for (const char *s = source; *s; line++) {
        const char *end = strchr(s, '\n');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        docket_block_kind kind = len == 0 ? DOCKET_BLOCK_BLANK : DOCKET_BLOCK_PARAGRAPH;
        int level = 0;
        const char *data = s;
        if (markdown && len > 0 && s[0] == '#') {
            while (level < (int)len && s[level] == '#')
                level++;
            kind = DOCKET_BLOCK_HEADING;
            data = s + level + 1;
            len -= (size_t)level + 1;
        }
        ck_assert_int_eq(docket_text_append(text, kind, level, line, data, len), DOCKET_OK);
        s += (end ? (size_t)(end - s) + 1 : strlen(s));
    }
    return text;
}

static json_t *split(const char *source, bool markdown)
{
    docket_text *text = text_from(source, markdown);
    json_t *records = json_array();
    docket_error err;
    ck_assert_int_eq(docket_split_sections(text, records, &err), DOCKET_OK);
    docket_text_free(text);
    return records;
}

static const char *title_of(json_t *records, size_t i)
{
    return docket_record_get(json_array_get(records, i), "title");
}

static json_int_t line_of(json_t *records, size_t i)
{
    return json_integer_value(json_object_get(json_object_get(json_array_get(records, i), "source"), "line"));
}

START_TEST(numbered_headings)
{
    json_t *records = split("7 Contributions affecting TS-0003\n"
                            "text of seven\n"
                            "\n"
                            "7.1 Security procedures descriptions\n"
                            "text of seven one\n",
                            false);
    ck_assert_uint_eq(json_array_size(records), 2);
    ck_assert_str_eq(title_of(records, 0), "7 Contributions affecting TS-0003");
    ck_assert_str_eq(title_of(records, 1), "7.1 Security procedures descriptions");
    ck_assert_str_eq(docket_record_get(json_array_get(records, 1), "text"), "text of seven one");
    ck_assert_int_eq(line_of(records, 1), 4);
    json_decref(records);
}
END_TEST

START_TEST(number_on_own_line)
{
    json_t *records = split("1.1\nWelcome\n\n1.2\nSchedule for WG4\nSee the schedule.\n", false);
    ck_assert_uint_eq(json_array_size(records), 2);
    ck_assert_str_eq(title_of(records, 0), "1.1 Welcome");
    ck_assert_str_eq(title_of(records, 1), "1.2 Schedule for WG4");
    ck_assert_str_eq(docket_record_get(json_array_get(records, 1), "text"), "See the schedule.");
    ck_assert_ptr_null(docket_record_get(json_array_get(records, 0), "text"));
    json_decref(records);
}
END_TEST

START_TEST(lead_in_before_heading)
{
    json_t *records = split("MINUTES\nMeeting title\n2 Agenda\nitem\n", false);
    ck_assert_uint_eq(json_array_size(records), 2);
    ck_assert_str_eq(title_of(records, 0), "minutes.txt");
    ck_assert_str_eq(docket_record_get(json_array_get(records, 0), "text"), "MINUTES\nMeeting title");
    json_decref(records);
}
END_TEST

START_TEST(not_headings)
{
    /* Years, sentences, lowercase starts and document numbers stay text. */
    json_t *records = split("1 Intro\n"
                            "2014 was a busy year\n"
                            "3 participants agreed.\n"
                            "4 weeks later\n"
                            "23.501 is a spec\n",
                            false);
    ck_assert_uint_eq(json_array_size(records), 1);
    ck_assert_str_eq(title_of(records, 0), "1 Intro");
    json_decref(records);
}
END_TEST

START_TEST(markdown_headings)
{
    json_t *records = split("# HTTP WG\n\nintro\n\n## draft-ietf-httpbis-cache\n\ntext\n", true);
    ck_assert_uint_eq(json_array_size(records), 2);
    ck_assert_str_eq(title_of(records, 0), "HTTP WG");
    ck_assert_str_eq(title_of(records, 1), "draft-ietf-httpbis-cache");
    ck_assert_int_eq(line_of(records, 1), 5);
    json_decref(records);
}
END_TEST

START_TEST(empty_text)
{
    json_t *records = split("", false);
    ck_assert_uint_eq(json_array_size(records), 0);
    json_decref(records);
}
END_TEST

START_TEST(source_path_kept)
{
    json_t *records = split("# One\ntext\n", true);
    json_t *source = json_object_get(json_array_get(records, 0), "source");
    ck_assert_str_eq(json_string_value(json_object_get(source, "path")), "notes/minutes.txt");
    ck_assert_str_eq(docket_record_get(json_array_get(records, 0), "type"), "section");
    json_decref(records);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("split");
    TCase *tc = tcase_create("sections");
    tcase_add_test(tc, numbered_headings);
    tcase_add_test(tc, number_on_own_line);
    tcase_add_test(tc, lead_in_before_heading);
    tcase_add_test(tc, not_headings);
    tcase_add_test(tc, markdown_headings);
    tcase_add_test(tc, empty_text);
    tcase_add_test(tc, source_path_kept);
    suite_add_tcase(suite, tc);
    return test_run_suite(suite);
}
