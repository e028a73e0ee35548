/* test_minutes.c: the Markdown and text minutes parser (IETF HTTP and CoRE
 * working groups, the OASIS CSAF TC) on fixtures, small texts and the
 * shared corpus, with the draft names, IETF meeting ids and dates it
 * relies on. */
#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check_util.h"
#include "dialects.h"
#include "docket/extract.h"
#include "docket/normalise.h"
#include "docket/record.h"
#include "minutes.h"

#define FIXTURES DOCKET_SOURCE_DIR "/tests/fixtures/minutes"
#define HTTP_FIXTURE FIXTURES "/httpbis-ietf115.md"
#define CSAF_FIXTURE FIXTURES "/csaf-2025-08-27.md"
#define CORE_FIXTURE FIXTURES "/core-interim.txt"
#define ONEM2M_MINUTES DOCKET_SOURCE_DIR "/corpus/SEC-9.0 minutes (TP9, Mobile, 2014-02).txt"
#define PROJECT_README DOCKET_SOURCE_DIR "/README.md"

#define N_CASES(table) ((int)(sizeof table / sizeof table[0]))

/* ---- Helpers ---- */

static void assert_ok(docket_status status, const docket_error *err, const char *what)
{
    ck_assert_msg(status == DOCKET_OK, "%s: %s: %s", what, docket_status_text(status),
                  err->message);
}

static docket_text *extract_file(const char *path)
{
    docket_text *text = NULL;
    docket_error err = {{0}};
    assert_ok(docket_extract_file(path, NULL, &text, &err), &err, path);
    return text;
}

/* Extract `data` as the extractor reads a file called `name` of `format`
 * ("text" or "markdown"). */
static docket_text *extract_string(const char *name, const char *format, const char *data)
{
    docket_text *text = NULL;
    docket_error err = {{0}};
    assert_ok(docket_extract_buffer(name, format, data, strlen(data), NULL, &text, &err), &err,
              name);
    return text;
}

static json_t *parse_text(const docket_text *text)
{
    json_t *records = json_array();
    docket_error err = {{0}};
    ck_assert_ptr_nonnull(records);
    assert_ok(docket_minutes_parse(text, NULL, records, &err), &err, text->path);
    return records;
}

static json_t *parse_file(const char *path)
{
    docket_text *text = extract_file(path);
    json_t *records = parse_text(text);
    docket_text_free(text);
    return records;
}

static json_t *parse_string(const char *name, const char *format, const char *data)
{
    docket_text *text = extract_string(name, format, data);
    json_t *records = parse_text(text);
    docket_text_free(text);
    return records;
}

static bool detect_string(const char *name, const char *format, const char *data)
{
    docket_text *text = extract_string(name, format, data);
    bool detected = docket_minutes_detect(text);
    docket_text_free(text);
    return detected;
}

static json_t *meeting_record(json_t *records)
{
    json_t *meeting = json_array_get(records, 0);
    ck_assert_ptr_nonnull(meeting);
    ck_assert_str_eq(docket_record_get(meeting, "type"), DOCKET_TYPE_MEETING);
    return meeting;
}

static json_t *section_titled(json_t *records, const char *title)
{
    size_t index;
    json_t *record;
    json_array_foreach(records, index, record) {
        const char *value = docket_record_get(record, "title");
        if (index > 0 && value && strcmp(value, title) == 0)
            return record;
    }
    ck_abort_msg("no section titled \"%s\"", title);
    return NULL;
}

static bool has_section(json_t *records, const char *title)
{
    size_t index;
    json_t *record;
    json_array_foreach(records, index, record) {
        const char *value = docket_record_get(record, "title");
        if (index > 0 && value && strcmp(value, title) == 0)
            return true;
    }
    return false;
}

static bool has_string(const json_t *record, const char *key, const char *value)
{
    size_t index;
    json_t *item;
    json_array_foreach(json_object_get(record, key), index, item) {
        if (json_is_string(item) && strcmp(json_string_value(item), value) == 0)
            return true;
    }
    return false;
}

static void assert_strings(const json_t *record, const char *key, const char *const *expected,
                           size_t count)
{
    json_t *array = json_object_get(record, key);
    ck_assert_msg(json_array_size(array) == count, "%s has %zu items, expected %zu", key,
                  json_array_size(array), count);
    for (size_t i = 0; i < count; i++)
        ck_assert_str_eq(json_string_value(json_array_get(array, i)), expected[i]);
}

/* Return the contributor entry named `name`, or NULL. */
static json_t *contributor(const json_t *record, const char *name)
{
    size_t index;
    json_t *person;
    json_array_foreach(json_object_get(record, "contributors"), index, person) {
        const char *value = docket_record_get(person, "name");
        if (value && strcmp(value, name) == 0)
            return person;
    }
    return NULL;
}

static const char *company_of(const json_t *record, const char *name)
{
    json_t *person = contributor(record, name);
    ck_assert_msg(person != NULL, "no contributor %s", name);
    return docket_record_get(person, "company");
}

static const char *decision_of(const json_t *record, const char *doc)
{
    size_t index;
    json_t *entry;
    json_array_foreach(json_object_get(record, "decisions"), index, entry) {
        if (strcmp(docket_record_get(entry, "doc"), doc) == 0)
            return docket_record_get(entry, "decision");
    }
    return NULL;
}

/* ---- Draft names, IETF meeting ids, dates ---- */

static const struct {
    const char *text;
    const char *draft; /* NULL when none is expected */
    size_t length;
} draft_cases[] = {
    {"see draft-ietf-core-href-13 now", "draft-ietf-core-href", 23},
    {"https://datatracker.ietf.org/doc/draft-ietf-core-conditional-attributes/",
     "draft-ietf-core-conditional-attributes", 38},
    {"Review of draft-lafon-rfc2616bis-03.txt", "draft-lafon-rfc2616bis", 25},
    {"Draft-IETF-HTTPbis-P1-Messaging-19", "draft-ietf-httpbis-p1-messaging", 34},
    {"draft-ietf-core-coap-tcp-tls\xe2\x80\x93" "05 (30)", "draft-ietf-core-coap-tcp-tls", 28},
    {"draft-ietf-tls-tls13-28", "draft-ietf-tls-tls13", 23},
    {"draft-ietf-core is the prefix", NULL, 0},
    {"a draft-ready text", NULL, 0},
    {"the draft-00 of it", NULL, 0},
    {"mydraft-ietf-core-href", NULL, 0},
};

START_TEST(draft_names)
{
    char draft[DOCKET_DRAFT_SIZE];
    size_t length = 0;
    const char *at = docket_draft_find(draft_cases[_i].text, draft, &length);
    if (!draft_cases[_i].draft) {
        ck_assert_msg(at == NULL, "%s: found %s", draft_cases[_i].text, draft);
        return;
    }
    ck_assert_msg(at != NULL, "%s: no draft found", draft_cases[_i].text);
    ck_assert_str_eq(draft, draft_cases[_i].draft);
    ck_assert_uint_eq(length, draft_cases[_i].length);
}
END_TEST

static const struct {
    const char *text;
    const char *meeting; /* NULL when none is expected */
} meeting_cases[] = {
    {"HTTP Working Group Minutes - IETF 115", "IETF115"},
    {"httpbis WG minutes IETF-92 Dallas", "IETF92"},
    {"0.4 Core@IETF100 agenda", "IETF100"},
    {"http://www.meetecho.com/ietf101/httpbis", "IETF101"},
    {"https://notes.ietf.org/notes-ietf-118-core", "IETF118"},
    {"http://example.net/ietf/ietf802.m3u", NULL},
    {"IETF 2 weeks", NULL},
    {"IETF1150", NULL},
    {"www.ietf.org", NULL},
};

START_TEST(ietf_meeting_ids)
{
    char meeting[16] = "";
    bool found = docket_ietf_meeting_id(meeting_cases[_i].text, meeting, sizeof meeting);
    if (!meeting_cases[_i].meeting) {
        ck_assert_msg(!found, "%s: found %s", meeting_cases[_i].text, meeting);
        return;
    }
    ck_assert_msg(found, "%s: no meeting found", meeting_cases[_i].text);
    ck_assert_str_eq(meeting, meeting_cases[_i].meeting);
}
END_TEST

static const struct {
    const char *text;
    const char *date; /* NULL when none is expected */
} date_cases[] = {
    {"CoRE Virtual interim - 2020-04-29 - 16:00 UTC", "2020-04-29"},
    {"CoRE Virtual interim - 29-04-2020 - 16:00 UTC", "2020-04-29"},
    {"## Monday, 7 November 2022", "2022-11-07"},
    {"## Monday, Mar 19, 2018", "2018-03-19"},
    {"THURSDAY, July 30, 2009", "2009-07-30"},
    {"San Francisco, USA  13-14 June 2013", "2013-06-13"},
    {"22-24 January, 2014 - Zurich, CH", "2014-01-22"},
    {"Tokyo, Japan  January 30-February 1, 2013", "2013-01-30"},
    {"Issue 30 may be closed in 2020", NULL},
    {"RFC 7252 section 5.10", NULL},
    {"HTTPbis Interim Minutes (30/01/13 - 01/02/13)", NULL},
};

START_TEST(date_formats)
{
    char date[11] = "";
    bool found = min_find_date(date_cases[_i].text, date);
    if (!date_cases[_i].date) {
        ck_assert_msg(!found, "%s: found %s", date_cases[_i].text, date);
        return;
    }
    ck_assert_msg(found, "%s: no date found", date_cases[_i].text);
    ck_assert_str_eq(date, date_cases[_i].date);
}
END_TEST

START_TEST(month_without_day)
{
    char month[8] = "";
    ck_assert(min_find_month("# HTTP Interim June 2021", month));
    ck_assert_str_eq(month, "2021-06");
    ck_assert(min_find_month("HTTP WG May 2020 Interim Meeting", month));
    ck_assert_str_eq(month, "2020-05");
    ck_assert(!min_find_month("we may meet in 2020", month));
}
END_TEST

/* ---- Detection ---- */

static const struct {
    const char *name;
    const char *format;
    const char *data;
} positive_cases[] = {
    {"minutes.md", "markdown",
     "# HTTP Working Group Minutes - IETF 115\n\n## Signatures\n\nJR: feedback.\n"},
    {"agenda.txt", "text",
     "HTTPbis Working Group Agenda\nTHURSDAY, March 31, 2011\n\n* Scribe selection\n"},
    {"minutes.txt", "text",
     "CoRE Virtual interim - 2022-05-11 - 14:00 UTC\n\nChairs:\n\n* Marco Tiloca, RISE\n"},
    {"summary.md", "markdown",
     "# Meeting summaries\n\n## CoRE @ IETF 108 (Virtual): Summary and Minutes\n\nText.\n"},
    {"2025-08-27.md", "markdown",
     "# Common Security Advisory Framework (CSAF) Technical Committee Working Meeting\n\n"
     "- Meeting Date: August 27, 2025\n\n## Roll call\n\nQuorum was reached.\n"},
};

START_TEST(detect_minutes)
{
    ck_assert_msg(detect_string(positive_cases[_i].name, positive_cases[_i].format,
                                positive_cases[_i].data),
                  "not detected: %s", positive_cases[_i].data);
}
END_TEST

static const struct {
    const char *name;
    const char *format;
    const char *data;
} negative_cases[] = {
    {"README.md", "markdown",
     "# CSAF\n\nThe Common Security Advisory Framework (CSAF) is developed by the OASIS CSAF\n"
     "Technical Committee. Meeting minutes are in the meeting_minutes folder.\n"},
    {"README.md", "markdown",
     "# HTTP Working Group Materials\n\nAgendas and minutes of the HTTP WG, which maintains\n"
     "RFC 9110 and draft-ietf-httpbis-rfc6265bis.\n"},
    {"notes.txt", "text", "Meeting notes\n\nMark: we talked about IETF things.\n"},
    {"empty.md", "markdown", ""},
};

START_TEST(reject_other_texts)
{
    ck_assert_msg(!detect_string(negative_cases[_i].name, negative_cases[_i].format,
                                 negative_cases[_i].data),
                  "detected: %s", negative_cases[_i].data);
}
END_TEST

static const char *const negative_files[] = {ONEM2M_MINUTES, PROJECT_README};

START_TEST(reject_other_files)
{
    docket_text *text = extract_file(negative_files[_i]);
    ck_assert_msg(!docket_minutes_detect(text), "detected: %s", negative_files[_i]);
    docket_text_free(text);
}
END_TEST

START_TEST(parse_rejects_other_text)
{
    docket_text *text = extract_string("notes.txt", "text", "Shopping list\n\nMilk, Shop\n");
    json_t *records = json_array();
    docket_error err = {{0}};
    ck_assert_int_eq(docket_minutes_parse(text, NULL, records, &err), DOCKET_ERR_INVALID_INPUT);
    ck_assert_ptr_nonnull(strstr(err.message, "notes.txt"));
    ck_assert_uint_eq(json_array_size(records), 0);
    json_decref(records);
    docket_text_free(text);
}
END_TEST

/* ---- IETF HTTP minutes (Markdown) ---- */

START_TEST(http_meeting_fields)
{
    json_t *records = parse_file(HTTP_FIXTURE);
    json_t *meeting = meeting_record(records);
    static const char *const names[] = {"HTTP", "httpbis", "HTTPbis"};

    ck_assert_str_eq(docket_record_get(meeting, "title"), "HTTP Working Group Minutes - IETF 115");
    ck_assert_str_eq(docket_record_get(meeting, "meeting"), "IETF115");
    ck_assert_str_eq(docket_record_get(meeting, "date"), "2022-11-07");
    ck_assert_str_eq(docket_record_get(meeting, "body"), "IETF");
    ck_assert_str_eq(docket_record_get(meeting, "wg"), "HTTP");
    assert_strings(meeting, "wg_names", names, 3);
    ck_assert_str_eq(docket_record_get(meeting, "text"),
                     "Chairs - Mark Nottingham (mnot) and Tommy Pauly (TP)");
    ck_assert(has_string(meeting, "agenda", "Cookies"));
    ck_assert(has_string(meeting, "specs", "draft-cutler-httpbis-partitioned-cookies"));
    json_decref(records);
}
END_TEST

START_TEST(http_section_fields)
{
    json_t *records = parse_file(HTTP_FIXTURE);
    json_t *section = section_titled(records, "Signatures");
    static const char *const specs[] = {"draft-ietf-httpbis-message-signatures", "RFC9110"};
    static const char *const speakers[] = {"Justin Richer", "Mark Nottingham"};

    ck_assert_str_eq(docket_record_get(section, "type"), DOCKET_TYPE_SECTION);
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(section, "source"), "line")), 13);
    ck_assert_str_eq(docket_record_get(section, "meeting"), "IETF115");
    ck_assert_str_eq(docket_record_get(section, "wg"), "HTTP");
    ck_assert_str_eq(docket_record_get(section, "date"), "2022-11-07");
    assert_strings(section, "specs", specs, 2);
    assert_strings(section, "speakers", speakers, 2);
    ck_assert_str_eq(decision_of(section, "draft-ietf-httpbis-message-signatures"), "agreed");
    ck_assert_str_eq(docket_record_get(section, "status"), "agreed");
    ck_assert_ptr_nonnull(strstr(docket_record_get(section, "text"), "Are trailers even real?"));
    json_decref(records);
}
END_TEST

START_TEST(http_labels_not_speakers)
{
    json_t *records = parse_file(HTTP_FIXTURE);
    json_t *section = section_titled(records, "Signatures");
    ck_assert(!has_string(section, "speakers", "Note"));
    ck_assert(!has_string(section, "speakers", "Action"));
    ck_assert(!has_string(section, "speakers", "no objections"));
    json_decref(records);
}
END_TEST

START_TEST(http_short_names_kept)
{
    json_t *records = parse_file(HTTP_FIXTURE);
    json_t *section = section_titled(records, "Unprompted Auth");
    static const char *const speakers[] = {"MT", "EKR"};
    assert_strings(section, "speakers", speakers, 2);
    ck_assert(has_string(section, "specs", "RFC8446"));
    json_decref(records);
}
END_TEST

START_TEST(http_adoption_without_status)
{
    json_t *records = parse_file(HTTP_FIXTURE);
    json_t *section = section_titled(records, "Cookies");
    ck_assert_str_eq(decision_of(section, "draft-cutler-httpbis-partitioned-cookies"), "adopted");
    ck_assert_uint_eq(json_array_size(json_object_get(section, "decisions")), 1);
    ck_assert_ptr_null(docket_record_get(section, "status"));
    ck_assert(has_string(section, "speakers", "Tommy Pauly"));
    json_decref(records);
}
END_TEST

START_TEST(http_empty_headings_dropped)
{
    json_t *records = parse_file(HTTP_FIXTURE);
    ck_assert(!has_section(records, "Empty"));
    ck_assert(!has_section(records, "Monday, 7 November 2022"));
    ck_assert_uint_eq(json_array_size(records), 4);
    json_decref(records);
}
END_TEST

/* ---- OASIS CSAF minutes ---- */

START_TEST(csaf_meeting_fields)
{
    json_t *records = parse_file(CSAF_FIXTURE);
    json_t *meeting = meeting_record(records);
    static const char *const names[] = {"CSAF", "CSAF TC", "Common Security Advisory Framework"};

    ck_assert_str_eq(docket_record_get(meeting, "meeting"), "CSAF 2025-08-27");
    ck_assert_str_eq(docket_record_get(meeting, "date"), "2025-08-27");
    ck_assert_str_eq(docket_record_get(meeting, "body"), "OASIS");
    ck_assert_str_eq(docket_record_get(meeting, "wg"), "CSAF");
    assert_strings(meeting, "wg_names", names, 3);
    ck_assert_str_eq(docket_record_get(meeting, "title"),
                     "Common Security Advisory Framework (CSAF) Technical Committee Working Meeting");
    ck_assert_uint_eq(json_array_size(json_object_get(meeting, "contributors")), 4);
    json_decref(records);
}
END_TEST

START_TEST(csaf_participant_table)
{
    json_t *records = parse_file(CSAF_FIXTURE);
    json_t *section = section_titled(records, "Participants");
    ck_assert_str_eq(company_of(section, "Omar Santos"), "Cisco Systems");
    ck_assert_str_eq(company_of(section, "Thomas Schmidt"), "Federal Office for Information Security");
    ck_assert_str_eq(company_of(section, "JD Stefaniak"), "Dell");
    ck_assert_ptr_null(company_of(section, "Stefan Hagen"));
    ck_assert_ptr_null(contributor(section, "Denny Page"));
    ck_assert_str_eq(company_of(meeting_record(records), "Omar Santos"), "Cisco Systems");
    json_decref(records);
}
END_TEST

START_TEST(csaf_motions)
{
    json_t *records = parse_file(CSAF_FIXTURE);
    json_t *section = section_titled(records, "Meeting Notes");
    static const char *const specs[] = {"CSAF 2.1", "CSAF 2.0"};
    ck_assert_str_eq(decision_of(section, "PR #1157 Redirects: accept PR #1157 into CSAF 2.1"),
                     "approved");
    ck_assert_str_eq(decision_of(section, "Issue #1087: change the schema of CSAF v2.0"), "rejected");
    ck_assert_uint_eq(json_array_size(json_object_get(section, "decisions")), 2);
    ck_assert_ptr_null(docket_record_get(section, "status"));
    assert_strings(section, "specs", specs, 2);
    ck_assert_ptr_null(json_object_get(section_titled(records, "Adjourn"), "decisions"));
    json_decref(records);
}
END_TEST

/* ---- CoRE minutes (plain text) ---- */

START_TEST(core_meeting_fields)
{
    json_t *records = parse_file(CORE_FIXTURE);
    json_t *meeting = meeting_record(records);
    ck_assert_str_eq(docket_record_get(meeting, "meeting"), "CoRE interim 2020-05-06");
    ck_assert_str_eq(docket_record_get(meeting, "date"), "2020-05-06");
    ck_assert_str_eq(docket_record_get(meeting, "wg"), "CoRE");
    ck_assert_str_eq(docket_record_get(meeting, "body"), "IETF");
    ck_assert_str_eq(docket_record_get(meeting, "title"),
                     "CoRE Virtual interim - 2020-05-06 - 14:00 UTC");
    ck_assert_ptr_null(json_object_get(meeting, "speakers"));
    ck_assert_uint_eq(json_array_size(records), 3);
    json_decref(records);
}
END_TEST

START_TEST(core_participants)
{
    json_t *records = parse_file(CORE_FIXTURE);
    json_t *meeting = meeting_record(records);
    ck_assert_str_eq(company_of(meeting, "Marco Tiloca"), "RISE");
    ck_assert_str_eq(company_of(meeting, "Jaime Jiménez"), "Ericsson");
    ck_assert_str_eq(company_of(meeting, "Carsten Bormann"), "TZI");
    ck_assert_str_eq(company_of(meeting, "Thomas Fossati"), "arm");
    ck_assert_ptr_null(company_of(meeting, "Christian Amsüss"));
    ck_assert_uint_eq(json_array_size(json_object_get(meeting, "contributors")), 5);
    json_decref(records);
}
END_TEST

START_TEST(core_section_fields)
{
    json_t *records = parse_file(CORE_FIXTURE);
    json_t *section = section_titled(records, "draft-ietf-core-href-04");
    static const char *const specs[] = {"draft-ietf-core-href", "RFC3986", "RFC8820"};
    static const char *const speakers[] = {"Carsten Bormann", "Christian Amsüss", "Marco Tiloca"};
    assert_strings(section, "specs", specs, 3);
    assert_strings(section, "speakers", speakers, 3);
    ck_assert_str_eq(decision_of(section, "draft-ietf-core-href"), "agreed");
    ck_assert_str_eq(docket_record_get(section, "status"), "agreed");
    ck_assert_str_eq(docket_record_get(section_titled(records, "AOB"), "text"), "Nothing.");
    json_decref(records);
}
END_TEST

/* ---- Small texts ---- */

START_TEST(path_gives_meeting)
{
    json_t *records = parse_string("ietf80/agenda.txt", "text",
                                   "HTTPbis Working Group Agenda\nTHURSDAY, March 31, 2011\n\n"
                                   "* Scribe selection\n");
    json_t *meeting = meeting_record(records);
    ck_assert_str_eq(docket_record_get(meeting, "meeting"), "IETF80");
    ck_assert_str_eq(docket_record_get(meeting, "date"), "2011-03-31");
    json_decref(records);
}
END_TEST

START_TEST(text_wins_over_path)
{
    json_t *records = parse_string("ietf80/minutes.md", "markdown",
                                   "# HTTP Working Group Minutes - IETF 115\n\nText.\n");
    ck_assert_str_eq(docket_record_get(meeting_record(records), "meeting"), "IETF115");
    ck_assert_ptr_null(docket_record_get(meeting_record(records), "date"));
    json_decref(records);
}
END_TEST

START_TEST(http_interim_by_month)
{
    json_t *records = parse_string("minutes.md", "markdown",
                                   "# HTTP Interim June 2021\n\n## 15 June 2021\n\n"
                                   "Mark Nottingham: welcome.\n");
    json_t *meeting = meeting_record(records);
    ck_assert_str_eq(docket_record_get(meeting, "meeting"), "HTTP interim 2021-06");
    ck_assert_str_eq(docket_record_get(meeting, "date"), "2021-06-15");
    ck_assert(has_string(section_titled(records, "15 June 2021"), "speakers", "Mark Nottingham"));
    json_decref(records);
}
END_TEST

START_TEST(core_interim_date_from_path)
{
    json_t *records = parse_string("interim/2021-09-15/bluesheets.txt", "text",
                                   "Bluesheet for interim-2021-core-10\n"
                                   "==================================\n\n"
                                   "Marco Tiloca\tRISE Research Institutes of Sweden\n"
                                   "Carsten Bormann\n");
    json_t *meeting = meeting_record(records);
    ck_assert_str_eq(docket_record_get(meeting, "meeting"), "CoRE interim 2021-09-15");
    ck_assert_str_eq(docket_record_get(meeting, "date"), "2021-09-15");
    ck_assert_str_eq(company_of(meeting, "Marco Tiloca"), "RISE Research Institutes of Sweden");
    ck_assert_ptr_nonnull(contributor(meeting, "Carsten Bormann"));
    json_decref(records);
}
END_TEST

START_TEST(name_column_family_first)
{
    json_t *records = parse_string("2023-05-31.md", "markdown",
                                   "# Common Security Advisory Framework (CSAF) Technical "
                                   "Committee Working Meeting\n\n"
                                   "- Meeting Date: May 31, 2023\n\n## Participants\n\n"
                                   "| Name | Affiliation | Role |\n|:--|:--|:--|\n"
                                   "| Cao, Feng | Oracle | Voting Member |\n"
                                   "| Omar Santos | Cisco Systems | Chair |\n"
                                   "| Page, Denny | ??? | Member |\n");
    json_t *section = section_titled(records, "Participants");
    ck_assert_str_eq(company_of(section, "Feng Cao"), "Oracle");
    ck_assert_str_eq(company_of(section, "Omar Santos"), "Cisco Systems");
    ck_assert_ptr_null(company_of(section, "Denny Page"));
    ck_assert_str_eq(docket_record_get(meeting_record(records), "meeting"), "CSAF 2023-05-31");
    json_decref(records);
}
END_TEST

START_TEST(labels_are_not_speakers)
{
    json_t *records = parse_string("minutes.md", "markdown",
                                   "# HTTP Working Group Minutes - IETF 115\n\n## Topic\n\n"
                                   "Note: read the list.\nAction: chairs to follow up.\n"
                                   "Decision: none.\nQ: why?\nNext steps: none.\n"
                                   "Slides: https://example.org/slides.pdf\n"
                                   "Presented slides: https://example.org/x.pdf\n"
                                   "mnot: lowercase handle nobody explained.\n"
                                   "\xe2\x86\x92 CA: an arrow, not a name.\n"
                                   "CB JS: two sets of initials.\n"
                                   "Chrome's Approach: a possessive.\n");
    ck_assert_ptr_null(json_object_get(section_titled(records, "Topic"), "speakers"));
    json_decref(records);
}
END_TEST

START_TEST(hedges_make_no_decision)
{
    json_t *records = parse_string("minutes.md", "markdown",
                                   "# CoRE WG - Summary IETF104\n\n## New Work\n\n"
                                   "If adopted, draft-foo-core-bar needs a registry.\n"
                                   "There was no consensus to adopt draft-foo-core-baz.\n"
                                   "Is draft-foo-core-qux adopted?\n"
                                   "The authors worry even if the document is adopted.\n"
                                   "MT: no objection from me.\n");
    ck_assert_ptr_null(json_object_get(section_titled(records, "New Work"), "decisions"));
    json_decref(records);
}
END_TEST

START_TEST(html_page_headings)
{
    json_t *records = parse_string("minutes.md", "markdown",
                                   "<!DOCTYPE html>\n<html>\n<head>\n<title>minutes-123</title>\n"
                                   "</head>\n<body>\n"
                                   "<h1 id=\"x\">IETF 123 - Constrained RESTful Environments (CoRE) WG</h1>\n"
                                   "<h2 id=\"y\">Intro (Chairs)</h2>\n"
                                   "<p><abbr title=\"Marco Tiloca\">MT</abbr>: Welcome &amp; agenda.</p>\n"
                                   "<p><abbr title=\"Marco Tiloca\">MT</abbr>: Status.</p>\n"
                                   "<p>CB: more.</p>\n");
    json_t *meeting = meeting_record(records);
    json_t *section = section_titled(records, "Intro (Chairs)");
    ck_assert_str_eq(docket_record_get(meeting, "meeting"), "IETF123");
    ck_assert_str_eq(docket_record_get(meeting, "title"),
                     "IETF 123 - Constrained RESTful Environments (CoRE) WG");
    ck_assert(has_string(section, "speakers", "Marco Tiloca"));
    ck_assert_ptr_nonnull(strstr(docket_record_get(section, "text"), "Welcome & agenda."));
    json_decref(records);
}
END_TEST

/* ---- The shared corpus ---- */

typedef struct corpus_stats {
    bool done;
    bool present;
    size_t files[3];           /* per folder: http, core, csaf */
    size_t detected[3];
    size_t failures;
    char first_failure[512];
    json_t *href_meetings;     /* object: CoRE meetings with a section citing draft-ietf-core-href */
    json_t *cisco_meetings;    /* object: OASIS meetings with a Cisco participant */
} corpus_stats;

static corpus_stats stats;
static const char *const folders[] = {"/ietf-httpwg", "/ietf-core", "/oasis-csaf"};
static size_t folder_at;

static bool company_names_cisco(const json_t *record)
{
    size_t index;
    json_t *person;
    json_array_foreach(json_object_get(record, "contributors"), index, person) {
        const char *company = docket_record_get(person, "company");
        if (company && strstr(company, "Cisco"))
            return true;
    }
    return false;
}

static void count_records(json_t *records)
{
    size_t index;
    json_t *record;
    json_array_foreach(records, index, record) {
        const char *meeting = docket_record_get(record, "meeting");
        const char *wg = docket_record_get(record, "wg");
        bool section = strcmp(docket_record_get(record, "type"), DOCKET_TYPE_SECTION) == 0;
        if (!meeting)
            continue;
        if (section && strcmp(wg, "CoRE") == 0 && has_string(record, "specs", "draft-ietf-core-href"))
            json_object_set_new(stats.href_meetings, meeting, json_true());
        if (strcmp(docket_record_get(record, "body"), "OASIS") == 0 && company_names_cisco(record))
            json_object_set_new(stats.cisco_meetings, meeting, json_true());
    }
}

static void note_failure(const char *path, const docket_error *err)
{
    if (stats.failures++ == 0)
        snprintf(stats.first_failure, sizeof stats.first_failure, "%.200s: %.300s", path,
                 err->message);
}

static int read_corpus_file(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    docket_text *text = NULL;
    docket_error err = {{0}};
    if (flag != FTW_F || !docket_extract_format(path))
        return 0;
    stats.files[folder_at]++;
    if (docket_extract_file(path, NULL, &text, &err) != DOCKET_OK) {
        note_failure(path, &err);
        return 0;
    }
    if (docket_minutes_detect(text)) {
        json_t *records = json_array();
        stats.detected[folder_at]++;
        if (docket_minutes_parse(text, NULL, records, &err) != DOCKET_OK)
            note_failure(path, &err);
        count_records(records);
        json_decref(records);
    }
    docket_text_free(text);
    return 0;
}

/* Read the three folders once per process; false when the corpus is absent. */
static bool read_corpus(const char *test)
{
    if (!stats.done) {
        struct stat st;
        stats.done = true;
        stats.present = stat(DOCKET_SHARED_CORPUS, &st) == 0 && S_ISDIR(st.st_mode);
        stats.href_meetings = json_object();
        stats.cisco_meetings = json_object();
        for (folder_at = 0; stats.present && folder_at < 3; folder_at++) {
            char path[4096];
            snprintf(path, sizeof path, "%s%s", DOCKET_SHARED_CORPUS, folders[folder_at]);
            ck_assert_int_eq(nftw(path, read_corpus_file, 16, FTW_PHYS), 0);
        }
    }
    if (!stats.present)
        fprintf(stderr, "%s skipped: no shared corpus at %s\n", test, DOCKET_SHARED_CORPUS);
    return stats.present;
}

static void free_corpus(void)
{
    json_decref(stats.href_meetings);
    json_decref(stats.cisco_meetings);
    memset(&stats, 0, sizeof stats);
}

START_TEST(corpus_files_parse)
{
    if (!read_corpus("corpus_files_parse"))
        return;
    ck_assert_msg(stats.failures == 0, "%zu files failed, first: %s", stats.failures,
                  stats.first_failure);
    ck_assert_uint_eq(stats.files[0], 110);
    ck_assert_uint_eq(stats.files[2], 47);
}
END_TEST

/* The parser may leave a few files to the generic splitter: files that
 * name no group (a bare agenda, an untitled blue sheet), and files with
 * nothing else that marks them as minutes ("HTTPbis WG" and prose). */
START_TEST(corpus_detection_counts)
{
    if (!read_corpus("corpus_detection_counts"))
        return;
    fprintf(stderr, "detected: ietf-httpwg %zu/%zu, ietf-core %zu/%zu, oasis-csaf %zu/%zu\n",
            stats.detected[0], stats.files[0], stats.detected[1], stats.files[1],
            stats.detected[2], stats.files[2]);
    ck_assert_uint_ge(stats.detected[0], stats.files[0] - 5);
    ck_assert_uint_ge(stats.detected[1], stats.files[1] - 2);
    ck_assert_uint_eq(stats.detected[2], stats.files[2]);
}
END_TEST

START_TEST(corpus_href_meetings)
{
    if (!read_corpus("corpus_href_meetings"))
        return;
    ck_assert_uint_ge(json_object_size(stats.href_meetings), 20);
}
END_TEST

START_TEST(corpus_cisco_in_oasis)
{
    if (!read_corpus("corpus_cisco_in_oasis"))
        return;
    ck_assert_uint_ge(json_object_size(stats.cisco_meetings), 40);
}
END_TEST

static const char *const other_corpus_files[] = {
    "/3gpp-sa2/tdocs_by_agenda/128.htm",
    "/3gpp-sa2/specs/ftp_Specs_latest_.htm",
    "/onem2m/SEC-9.0 minutes (TP9, Mobile, 2014-02).txt",
    "/README.md",
};

START_TEST(corpus_other_bodies_rejected)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s%s", DOCKET_SHARED_CORPUS, other_corpus_files[_i]);
    if (stat(path, &st) != 0) {
        fprintf(stderr, "corpus_other_bodies_rejected skipped: %s is missing\n", path);
        return;
    }
    docket_text *text = extract_file(path);
    ck_assert_msg(!docket_minutes_detect(text), "detected: %s", path);
    docket_text_free(text);
}
END_TEST

static Suite *minutes_suite(void)
{
    Suite *suite = suite_create("minutes");

    TCase *names = tcase_create("names");
    tcase_add_loop_test(names, draft_names, 0, N_CASES(draft_cases));
    tcase_add_loop_test(names, ietf_meeting_ids, 0, N_CASES(meeting_cases));
    tcase_add_loop_test(names, date_formats, 0, N_CASES(date_cases));
    tcase_add_test(names, month_without_day);
    suite_add_tcase(suite, names);

    TCase *detect = tcase_create("detect");
    tcase_add_loop_test(detect, detect_minutes, 0, N_CASES(positive_cases));
    tcase_add_loop_test(detect, reject_other_texts, 0, N_CASES(negative_cases));
    tcase_add_loop_test(detect, reject_other_files, 0, N_CASES(negative_files));
    tcase_add_test(detect, parse_rejects_other_text);
    suite_add_tcase(suite, detect);

    TCase *fixtures = tcase_create("fixtures");
    tcase_add_test(fixtures, http_meeting_fields);
    tcase_add_test(fixtures, http_section_fields);
    tcase_add_test(fixtures, http_labels_not_speakers);
    tcase_add_test(fixtures, http_short_names_kept);
    tcase_add_test(fixtures, http_adoption_without_status);
    tcase_add_test(fixtures, http_empty_headings_dropped);
    tcase_add_test(fixtures, csaf_meeting_fields);
    tcase_add_test(fixtures, csaf_participant_table);
    tcase_add_test(fixtures, csaf_motions);
    tcase_add_test(fixtures, core_meeting_fields);
    tcase_add_test(fixtures, core_participants);
    tcase_add_test(fixtures, core_section_fields);
    suite_add_tcase(suite, fixtures);

    TCase *texts = tcase_create("texts");
    tcase_add_test(texts, path_gives_meeting);
    tcase_add_test(texts, text_wins_over_path);
    tcase_add_test(texts, http_interim_by_month);
    tcase_add_test(texts, core_interim_date_from_path);
    tcase_add_test(texts, name_column_family_first);
    tcase_add_test(texts, labels_are_not_speakers);
    tcase_add_test(texts, hedges_make_no_decision);
    tcase_add_test(texts, html_page_headings);
    suite_add_tcase(suite, texts);

    TCase *corpus = tcase_create("corpus");
    tcase_set_timeout(corpus, 300);
    tcase_add_unchecked_fixture(corpus, NULL, free_corpus);
    tcase_add_test(corpus, corpus_files_parse);
    tcase_add_test(corpus, corpus_detection_counts);
    tcase_add_test(corpus, corpus_href_meetings);
    tcase_add_test(corpus, corpus_cisco_in_oasis);
    tcase_add_loop_test(corpus, corpus_other_bodies_rejected, 0, N_CASES(other_corpus_files));
    suite_add_tcase(suite, corpus);
    return suite;
}

int main(void)
{
    return test_run_suite(minutes_suite());
}
