/* test_3gpp.c: the 3GPP Tdoc-list and contribution cover-page parsers, the
 * 3GPP names of the normalise module, on small fixtures and on the real
 * SA WG2 files of the shared corpus. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "3gpp.h"
#include "check_util.h"
#include "dialects.h"
#include "docket/extract.h"
#include "docket/record.h"

#define FIXTURES DOCKET_SOURCE_DIR "/tests/fixtures/3gpp"
#define ALIASES_PATH DOCKET_SOURCE_DIR "/docs/aliases.txt"
#define CORPUS_3GPP DOCKET_SHARED_CORPUS "/3gpp-sa2"
#define TDOCS_128 CORPUS_3GPP "/tdocs_by_agenda/128.htm"
#define COVER_1812226 CORPUS_3GPP "/tdocs/S2-1812226_eSBA update of solution 15_v1.2.docx"

#define N_CASES(table) ((int)(sizeof table / sizeof table[0]))

/* ---- Helpers ---- */

static docket_aliases *load_aliases(void)
{
    docket_aliases *aliases = NULL;
    docket_error err = {{0}};
    ck_assert_int_eq(docket_aliases_new(&aliases), DOCKET_OK);
    docket_status status = docket_aliases_load(aliases, ALIASES_PATH, &err);
    ck_assert_msg(status == DOCKET_OK, "%s: %s", docket_status_text(status), err.message);
    return aliases;
}

static docket_text *extract(const char *path)
{
    docket_text *text = NULL;
    docket_error err = {{0}};
    docket_status status = docket_extract_file(path, NULL, &text, &err);
    ck_assert_msg(status == DOCKET_OK, "%s: %s", docket_status_text(status), err.message);
    return text;
}

/* A text of one paragraph or row per line of `data`; blank lines are
 * blank blocks. `name` is the path the parsers see. */
static docket_text *text_from_lines(const char *name, const char *data, docket_block_kind kind)
{
    docket_text *text = docket_text_new(name, "text");
    ck_assert_ptr_nonnull(text);
    unsigned number = 0;
    for (const char *s = data; *s;) {
        size_t len = strcspn(s, "\n");
        docket_block_kind k = len ? kind : DOCKET_BLOCK_BLANK;
        ck_assert_int_eq(docket_text_append(text, k, 0, ++number, s, len), DOCKET_OK);
        s += len + (s[len] == '\n');
    }
    return text;
}

typedef docket_status (*parse_fn)(const docket_text *text, const docket_aliases *aliases,
                                  json_t *records, docket_error *err);

static json_t *parse_with(parse_fn parse, const docket_text *text, const docket_aliases *aliases)
{
    json_t *records = json_array();
    docket_error err = {{0}};
    docket_status status = parse(text, aliases, records, &err);
    ck_assert_msg(status == DOCKET_OK, "%s: %s", docket_status_text(status), err.message);
    return records;
}

/* Extract `path` and parse it with `parse` and the project's alias file. */
static json_t *parse_file(parse_fn parse, const char *path)
{
    docket_aliases *aliases = load_aliases();
    docket_text *text = extract(path);
    json_t *records = parse_with(parse, text, aliases);
    docket_text_free(text);
    docket_aliases_free(aliases);
    return records;
}

static json_t *find_doc(json_t *records, const char *doc)
{
    size_t index;
    json_t *record;
    json_array_foreach(records, index, record) {
        const char *field = docket_record_get(record, "doc");
        if (field && strcmp(field, doc) == 0)
            return record;
    }
    ck_abort_msg("no record for %s", doc);
    return NULL;
}

static size_t count_type(json_t *records, const char *type)
{
    size_t count = 0, index;
    json_t *record;
    json_array_foreach(records, index, record)
        count += strcmp(docket_record_get(record, "type"), type) == 0;
    return count;
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

static void assert_companies(const json_t *record, const char *const *expected, size_t count)
{
    json_t *people = json_object_get(record, "contributors");
    ck_assert_msg(json_array_size(people) == count, "%zu contributors, expected %zu",
                  json_array_size(people), count);
    for (size_t i = 0; i < count; i++) {
        json_t *person = json_array_get(people, i);
        ck_assert_str_eq(docket_record_get(person, "company"), expected[i]);
        ck_assert_ptr_null(docket_record_get(person, "name"));
    }
}

static void assert_field(const json_t *record, const char *key, const char *expected)
{
    const char *value = docket_record_get(record, key);
    if (!expected) {
        ck_assert_msg(value == NULL, "%s is \"%s\", expected none", key, value);
        return;
    }
    ck_assert_msg(value != NULL, "%s is missing, expected \"%s\"", key, expected);
    ck_assert_str_eq(value, expected);
}

static bool corpus_present(const char *test)
{
    struct stat st;
    if (stat(CORPUS_3GPP, &st) == 0 && S_ISDIR(st.st_mode))
        return true;
    fprintf(stderr, "%s skipped: %s is missing\n", test, CORPUS_3GPP);
    return false;
}

/* ---- Normalise: 3GPP names ---- */

static const struct {
    const char *text;
    const char *id; /* NULL: none */
} meeting_cases[] = {
    {"List for Meeting:  S2-128 All Sessions", "SA2#128"},
    {"List for Meeting: S2-129BIS All Sessions", "SA2#129bis"},
    {"SA WG2 Meeting #129bis\tS2-1812226", "SA2#129bis"},
    {"SA WG2 Meeting #S2-129BIS\tS2-1811620", "SA2#129bis"},
    {"SA WG2 Meeting #S2-129-BIS\tS2- 1812758", "SA2#129bis"},
    {"3GPP TSG-SA WG2 Meeting #129-bis\tS2-1813311", "SA2#129bis"},
    {"3GPP TSG-SA WG2 Meeting #129bis \tS2-1812368", "SA2#129bis"},
    {"Draft Agenda for SA WG2#128", "SA2#128"},
    {"Draft Report of SA WG2 meeting #127BIS", "SA2#127bis"},
    {"Postponed S2-184697 from S2#127BIS.", "SA2#127bis"},
    {"3GPP TSG-RAN WG2 Meeting #103bis\tR2-1816041", "RAN2#103bis"},
    {"3GPP TSG SA Meeting #82", "SA#82"},
    {"CT WG4 Meeting #88", "CT4#88"},
    {"SA2#136E e-meeting", "SA2#136e"},
    {"Revision of S2-186552. Revised to S2-187591.", NULL},
    {"SEC # 9.0 (TP9 ordinary WG4 F2F)", NULL},
    {"SA WG2 Chairman", NULL},
    {"", NULL},
};

START_TEST(meeting_ids)
{
    char id[64] = "";
    bool found = docket_3gpp_meeting_id(meeting_cases[_i].text, id, sizeof id);
    if (!meeting_cases[_i].id) {
        ck_assert_msg(!found, "\"%s\" gave %s", meeting_cases[_i].text, id);
        return;
    }
    ck_assert_msg(found, "no meeting in \"%s\"", meeting_cases[_i].text);
    ck_assert_str_eq(id, meeting_cases[_i].id);
}
END_TEST

static const struct {
    const char *text;
    const char *spec; /* NULL: none */
    size_t length;
} spec_cases[] = {
    {"23.214 CR0067R1: Application detection", "TS 23.214", 6},
    {"23.742: ESBA: Update of solution 15", "TR 23.742", 6},
    {"TS 23.501 clause 5", "TS 23.501", 9},
    {"TR 21.900.", "TR 21.900", 9},
    {"38.913", "TR 38.913", 6},
    {"15.5.0", NULL, 0},
    {"23.2145", NULL, 0},
    {"23.214.1", NULL, 0},
    {"123.214", NULL, 0},
};

START_TEST(spec_numbers)
{
    char spec[DOCKET_SPEC_SIZE] = "";
    size_t n = docket_3gpp_spec_at(spec_cases[_i].text, spec);
    ck_assert_uint_eq(n, spec_cases[_i].length);
    if (spec_cases[_i].spec)
        ck_assert_str_eq(spec, spec_cases[_i].spec);
}
END_TEST

START_TEST(spec_form_matches_finder)
{
    char bare[DOCKET_SPEC_SIZE], found[DOCKET_SPEC_SIZE];
    size_t length;
    ck_assert_uint_gt(docket_3gpp_spec_at("23.214", bare), 0);
    ck_assert_ptr_nonnull(docket_spec_find("TS 23.214", found, &length));
    ck_assert_str_eq(bare, found);
}
END_TEST

static const struct {
    const char *prefix;
    const char *wg;        /* NULL: not a prefix */
    const char *long_name;
} wg_cases[] = {
    {"S2", "SA2", "SA WG2"}, {"SP", "SA", "TSG SA"},    {"C4", "CT4", "CT WG4"},
    {"R1", "RAN1", "RAN WG1"}, {"RP", "RAN", "TSG RAN"}, {"S9", NULL, NULL},
    {"X2", NULL, NULL},      {"S", NULL, NULL},
};

START_TEST(wg_names)
{
    char wg[16] = "", long_name[32] = "";
    bool found = docket_3gpp_wg(wg_cases[_i].prefix, wg, sizeof wg);
    ck_assert_int_eq(found, wg_cases[_i].wg != NULL);
    if (!found)
        return;
    ck_assert_str_eq(wg, wg_cases[_i].wg);
    ck_assert(docket_3gpp_wg_long_name(wg, long_name, sizeof long_name));
    ck_assert_str_eq(long_name, wg_cases[_i].long_name);
}
END_TEST

static const struct {
    const char *text;
    const char *decision; /* NULL: none */
    size_t at;
} decision_find_cases[] = {
    {"Revised OPEN", "revised", 0},
    {"Replied to REPLY OPEN", "replied", 0},
    {"REPLY OPEN", "open", 6},
    {"This CR was agreed", "agreed", 12},
    {"Not Handled", "not-handled", 0},
    {"BLOCK APPROVE?", NULL, 0},
    {"Disagreed", NULL, 0},
    {"", NULL, 0},
};

START_TEST(decision_find)
{
    const char *text = decision_find_cases[_i].text;
    const char *at = NULL;
    const char *decision = docket_decision_find(text, &at);
    if (!decision_find_cases[_i].decision) {
        ck_assert_msg(decision == NULL, "\"%s\" gave %s", text, decision);
        return;
    }
    ck_assert_msg(decision != NULL, "no decision in \"%s\"", text);
    ck_assert_str_eq(decision, decision_find_cases[_i].decision);
    ck_assert_uint_eq((size_t)(at - text), decision_find_cases[_i].at);
}
END_TEST

/* ---- Comment links and source companies ---- */

static const struct {
    const char *comment;
    const char *revision_of;
    const char *revised_to;
    const char *merged_into;
    const char *related; /* comma-separated, NULL: none */
} link_cases[] = {
    {"Revision of S2-186552. Revised to S2-187591.", "S2-186552", "S2-187591", NULL, NULL},
    {"Revised in parallel session to S2-187144. Change work item code to CUPS", NULL,
     "S2-187144", NULL, NULL},
    {"e-mail revision 2 of S2-187239. This CR was agreed", "S2-187239", NULL, NULL, NULL},
    {"Update of e-mail revision 6 of S2-187239.", "S2-187239", NULL, NULL, NULL},
    {"Revision of (unhandled) S2-185326 from S2#127BIS. WITHDRAWN", "S2-185326", NULL, NULL,
     NULL},
    {"Revision of part of S2-1811022.", "S2-1811022", NULL, NULL, NULL},
    {"Revised in parallel session, merging S2-1812352 and S2-1811945, to S2-1812843.", NULL,
     "S2-1812843", NULL, "S2-1812352,S2-1811945"},
    {"Revision of S2-1812110, merging S2-1811796, Revised in parallel session to S2-1813104.",
     "S2-1812110", "S2-1813104", NULL, "S2-1811796"},
    {"Revised off-line in S2-1813001", NULL, "S2-1813001", NULL, NULL},
    {"Merged into S2-187300", NULL, NULL, "S2-187300", NULL},
    {"Merged in to S2-187300", NULL, NULL, "S2-187300", NULL},
    {"Revision of (unhandled) S2-1810399 from S2-129. Merged with S2-1812913", "S2-1810399",
     NULL, "S2-1812913", NULL},
    {"Response drafted in S2-1812340", NULL, NULL, NULL, "S2-1812340"},
    {"Postponed S2-184697 from S2#127BIS. Noted in parallel session", NULL, NULL, NULL,
     "S2-184697"},
    {"Revised to S2-187293. Response to S2-186000", NULL, "S2-187293", NULL, "S2-186000"},
    {"Revision of S2-18210. Agreed", NULL, NULL, NULL, NULL},
    {"Revision of S2-190000. Revision of S2-190000", "S2-190000", NULL, NULL, NULL},
};

/* Join the strings of array `key` with commas into `out`. */
static void join_strings(const json_t *record, const char *key, char *out, size_t size)
{
    size_t index;
    json_t *item;
    out[0] = '\0';
    json_array_foreach(json_object_get(record, key), index, item) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", used ? "," : "", json_string_value(item));
    }
}

START_TEST(comment_links)
{
    docket_text *text = docket_text_new("list.htm", "html");
    tgpp_sink sink;
    ck_assert_int_eq(tgpp_sink_init(&sink, text, NULL), DOCKET_OK);
    json_t *record = tgpp_new_record(&sink, DOCKET_TYPE_CONTRIBUTION, 1);
    tgpp_read_links(&sink, record, "S2-190001", link_cases[_i].comment);
    ck_assert_int_eq(sink.status, DOCKET_OK);

    assert_field(record, "revision_of", link_cases[_i].revision_of);
    assert_field(record, "revised_to", link_cases[_i].revised_to);
    assert_field(record, "merged_into", link_cases[_i].merged_into);
    char related[256];
    join_strings(record, "related", related, sizeof related);
    ck_assert_str_eq(related, link_cases[_i].related ? link_cases[_i].related : "");

    json_t *records = json_array();
    docket_error err = {{0}};
    ck_assert_int_eq(tgpp_sink_finish(&sink, "test", records, &err), DOCKET_OK);
    json_decref(records);
    docket_text_free(text);
}
END_TEST

static const struct {
    const char *source;
    const char *companies; /* separated by '|', as normalised with the alias file */
    const char *related;
} company_cases[] = {
    {"Huawei, HiSilicon", "Huawei|HiSilicon", ""},
    {"Huawei, Hisilicon", "Huawei|HiSilicon", ""},
    {"Qualcomm Incorporated, Ericsson", "Qualcomm|Ericsson", ""},
    {"HUAWEI TECHNOLOGIES CO., LTD", "Huawei", ""},
    {"Samsung Electronics Co., Ltd.; Intel", "Samsung Electronics Co., Ltd.|Intel", ""},
    {"Verizon UK Ltd?, AT&T?, Nokia?", "Verizon UK Ltd|AT&T|Nokia", ""},
    {"Intel? Samsung", "Intel|Samsung", ""},
    {"RAN WG2 (R2-1806492)", "RAN WG2", "R2-1806492"},
    {"SA WG3 (S3-183142) (S3-183142)", "SA WG3", "S3-183142"},
    {"Qualcomm Incorporated (Rapporteur)", "Qualcomm", ""},
    {"Qualcomm Incorporated [, Oppo]", "Qualcomm|OPPO", ""},
    {"Cisco.", "Cisco", ""},
    {"NTT DOCOMO INC.", "NTT DOCOMO", ""},
    {"Continental Automotive GmbH", "Continental Automotive GmbH", ""},
    {"\xe2\x80\xa6", "", ""},
    {"", "", ""},
};

START_TEST(source_companies)
{
    docket_aliases *aliases = load_aliases();
    docket_text *text = docket_text_new("list.htm", "html");
    tgpp_sink sink;
    ck_assert_int_eq(tgpp_sink_init(&sink, text, aliases), DOCKET_OK);
    json_t *record = tgpp_new_record(&sink, DOCKET_TYPE_CONTRIBUTION, 1);
    tgpp_add_companies(&sink, record, company_cases[_i].source);
    ck_assert_int_eq(sink.status, DOCKET_OK);

    char companies[256] = "";
    size_t index;
    json_t *person;
    json_array_foreach(json_object_get(record, "contributors"), index, person) {
        size_t used = strlen(companies);
        snprintf(companies + used, sizeof companies - used, "%s%s", used ? "|" : "",
                 docket_record_get(person, "company"));
    }
    ck_assert_str_eq(companies, company_cases[_i].companies);
    char related[128];
    join_strings(record, "related", related, sizeof related);
    ck_assert_str_eq(related, company_cases[_i].related);

    json_t *records = json_array();
    docket_error err = {{0}};
    ck_assert_int_eq(tgpp_sink_finish(&sink, "test", records, &err), DOCKET_OK);
    json_decref(records);
    docket_text_free(text);
    docket_aliases_free(aliases);
}
END_TEST

/* ---- Tdoc list fixture ---- */

#define TDOC_FIXTURE FIXTURES "/tdoc-list.htm"

static json_t *fixture_records;

static void fixture_setup(void)
{
    fixture_records = parse_file(docket_3gpp_tdocs_parse, TDOC_FIXTURE);
}

static void fixture_teardown(void)
{
    json_decref(fixture_records);
    fixture_records = NULL;
}

START_TEST(list_detected)
{
    docket_text *text = extract(TDOC_FIXTURE);
    ck_assert(docket_3gpp_tdocs_detect(text));
    ck_assert(!docket_cover_detect(text));
    ck_assert(!docket_onem2m_detect(text));
    docket_text_free(text);
}
END_TEST

START_TEST(list_one_record_per_row)
{
    ck_assert_uint_eq(count_type(fixture_records, DOCKET_TYPE_CONTRIBUTION), 9);
    ck_assert_uint_eq(count_type(fixture_records, DOCKET_TYPE_MEETING), 1);
    ck_assert_uint_eq(json_array_size(fixture_records), 10);
}
END_TEST

START_TEST(list_row_fields)
{
    json_t *record = find_doc(fixture_records, "S2-190301");
    assert_field(record, "type", DOCKET_TYPE_CONTRIBUTION);
    assert_field(record, "body", "3GPP");
    assert_field(record, "meeting", "SA2#130bis");
    assert_field(record, "wg", "SA2");
    assert_strings(record, "wg_names", (const char *[]){"SA2", "SA WG2"}, 2);
    assert_field(record, "agenda_item", "5.1");
    assert_field(record, "agenda_title", "3GPP Packet Access Maintenance");
    assert_field(record, "topic", "CUPS");
    assert_field(record, "doc_type", "CR");
    assert_field(record, "purpose", "Approval");
    assert_field(record, "title",
                 "23.214 CR0070R2 (Rel-15, 'F'): Example correction of PFD removal");
    assert_companies(record, (const char *[]){"Huawei", "HiSilicon"}, 2);
    assert_field(record, "release", "Rel-15");
    assert_field(record, "work_item", "CUPS");
    assert_field(record, "comments", "e-mail revision 2 of S2-190201. This CR was agreed");
    assert_field(record, "status", "agreed");
    assert_strings(record, "specs", (const char *[]){"TS 23.214"}, 1);
    assert_field(record, "cr", "0070");
    ck_assert_int_eq(json_integer_value(json_object_get(record, "cr_revision")), 2);
    assert_field(record, "cr_category", "F");
    assert_field(record, "date", NULL);
}
END_TEST

START_TEST(list_decisions)
{
    json_t *record = find_doc(fixture_records, "S2-190201");
    json_t *decisions = json_object_get(record, "decisions");
    ck_assert_uint_eq(json_array_size(decisions), 1);
    assert_field(json_array_get(decisions, 0), "doc", "S2-190201");
    assert_field(json_array_get(decisions, 0), "decision", "revised");
    assert_field(record, "status", "revised");

    assert_field(find_doc(fixture_records, "S2-190202"), "status", "revised");
    assert_field(find_doc(fixture_records, "S2-190103"), "status", "open");
    assert_field(find_doc(fixture_records, "S2-190203"), "status", "replied");
    assert_field(find_doc(fixture_records, "S2-190104"), "status", "withdrawn");
    assert_field(find_doc(fixture_records, "S2-190102"), "status", "merged");
}
END_TEST

START_TEST(list_undecided_row)
{
    json_t *record = find_doc(fixture_records, "S2-190302");
    assert_field(record, "status", NULL);
    ck_assert_ptr_null(json_object_get(record, "decisions"));
    assert_field(record, "result", "BLOCK APPROVE?");
}
END_TEST

START_TEST(list_revision_chain)
{
    static const char *const chain[] = {"S2-190101", "S2-190201", "S2-190301"};
    for (size_t i = 0; i < 3; i++) {
        json_t *record = find_doc(fixture_records, chain[i]);
        assert_strings(record, "chain", chain, 3);
        assert_field(record, "chain_status", "agreed");
    }
    assert_field(find_doc(fixture_records, "S2-190201"), "revision_of", "S2-190101");
    assert_field(find_doc(fixture_records, "S2-190201"), "revised_to", "S2-190301");
}
END_TEST

START_TEST(list_chain_from_other_list)
{
    json_t *record = find_doc(fixture_records, "S2-190102");
    assert_strings(record, "chain", (const char *[]){"S2-189999", "S2-190102"}, 2);
    assert_field(record, "chain_status", "merged");
    assert_field(record, "merged_into", "S2-190202");
}
END_TEST

START_TEST(list_chain_still_open)
{
    static const char *const chain[] = {"S2-190202", "S2-190302"};
    json_t *record = find_doc(fixture_records, "S2-190202");
    assert_strings(record, "chain", chain, 2);
    assert_field(record, "chain_status", NULL);
    assert_strings(record, "related", (const char *[]){"S2-190102"}, 1);
}
END_TEST

START_TEST(list_no_chain_alone)
{
    ck_assert_ptr_null(json_object_get(find_doc(fixture_records, "S2-190104"), "chain"));
    ck_assert_ptr_null(json_object_get(find_doc(fixture_records, "S2-190103"), "chain"));
}
END_TEST

START_TEST(list_sources)
{
    assert_companies(find_doc(fixture_records, "S2-190102"),
                     (const char *[]){"Huawei", "Example Wireless"}, 2);
    json_t *ls = find_doc(fixture_records, "S2-190103");
    assert_companies(ls, (const char *[]){"RAN WG2"}, 1);
    assert_strings(ls, "related", (const char *[]){"R2-1900001", "S2-190203"}, 2);
    assert_field(ls, "doc_type", "LS in");
    assert_field(find_doc(fixture_records, "S2-190203"), "doc_type", "LS out");
    assert_field(find_doc(fixture_records, "S2-190102"), "doc_type", "pCR");
    assert_field(find_doc(fixture_records, "S2-190104"), "doc_type", "discussion");
}
END_TEST

START_TEST(list_bare_spec_title)
{
    json_t *record = find_doc(fixture_records, "S2-190102");
    assert_strings(record, "specs", (const char *[]){"TR 23.742"}, 1);
    ck_assert_ptr_null(json_object_get(record, "cr"));
}
END_TEST

START_TEST(list_agenda_items)
{
    json_t *record = find_doc(fixture_records, "S2-190104");
    assert_field(record, "agenda_item", "99");
    assert_field(record, "agenda_title", "Withdrawn and reserved documents");
    assert_field(record, "topic", NULL);
    assert_field(find_doc(fixture_records, "S2-190102"), "topic", NULL);
}
END_TEST

START_TEST(list_meeting_record)
{
    json_t *meeting = json_array_get(fixture_records, 0);
    assert_field(meeting, "type", DOCKET_TYPE_MEETING);
    assert_field(meeting, "meeting", "SA2#130bis");
    assert_field(meeting, "title", "SA2#130bis document list");
    static const char *const agenda[] = {
        "Opening of the meeting", "IPR Call and Antitrust Reminder",
        "3GPP Packet Access Maintenance", "Enhancements to the Service Based Architecture",
        "Withdrawn and reserved documents"};
    assert_strings(meeting, "agenda", agenda, 5);
    const char *text = docket_record_get(meeting, "text");
    ck_assert_ptr_nonnull(strstr(text, "obligations under the 3GPP Partner Organizations"));
    ck_assert_ptr_nonnull(strstr(text, "antitrust and competition laws"));
}
END_TEST

START_TEST(list_without_aliases)
{
    docket_text *text = extract(TDOC_FIXTURE);
    json_t *records = parse_with(docket_3gpp_tdocs_parse, text, NULL);
    json_t *record = find_doc(records, "S2-190102");
    assert_companies(record, (const char *[]){"HUAWEI TECHNOLOGIES CO., LTD", "Example Wireless"},
                     2);
    assert_strings(record, "wg_names", (const char *[]){"SA2", "SA WG2"}, 2);
    json_decref(records);
    docket_text_free(text);
}
END_TEST

START_TEST(list_without_meeting_line)
{
    static const char list[] =
        "AI\tTD#\tType\tDoc For\tTitle\tSource\tRel\tWork Item\tComments\tResult\n"
        "6.1\tC4-190001\tCR\tApproval\t29.500 CR0100: Example\tNokia\tRel-16\tTEI16\t\tAgreed\n"
        "6.1\tC4-190002\tCR\tApproval\t29.500 CR0101: Example\tNokia\tRel-16\tTEI16\t\tNoted\n"
        "6.1\tC4-190003\tCR\tApproval\t29.500 CR0102: Example\tNokia\tRel-16\tTEI16\t\tNoted\n";
    docket_text *text = text_from_lines("list.htm", list, DOCKET_BLOCK_ROW);
    ck_assert(docket_3gpp_tdocs_detect(text));
    json_t *records = parse_with(docket_3gpp_tdocs_parse, text, NULL);
    json_t *record = find_doc(records, "C4-190001");
    assert_field(record, "meeting", NULL);
    assert_field(record, "wg", "CT4");
    assert_field(record, "status", "agreed");
    assert_field(record, "comments", NULL);
    json_decref(records);
    docket_text_free(text);
}
END_TEST

START_TEST(list_meeting_line_wins)
{
    static const char page[] =
        "Chairman's notes on SA WG2 meeting #127BIS\n"
        "List for Meeting: S2-128 All Sessions\n"
        "AI\tTD#\tType\tDoc For\tTitle\tSource\tRel\tWork Item\tComments\tResult\n"
        "3\tS2-186306\tREPORT\tApproval\tDraft Report of SA WG2 meeting #127BIS\tMCC\t\t\t\tRevised\n"
        "3\tS2-187293\tREPORT\tApproval\tDraft Report\tMCC\t\t\t\tApproved\n"
        "3\tS2-187294\tREPORT\tApproval\tDraft Report\tMCC\t\t\t\tNoted\n";
    docket_text *text = text_from_lines("list.htm", page, DOCKET_BLOCK_PARAGRAPH);
    for (size_t i = 2; i < text->count; i++)
        text->blocks[i].kind = DOCKET_BLOCK_ROW;
    json_t *records = parse_with(docket_3gpp_tdocs_parse, text, NULL);
    assert_field(find_doc(records, "S2-186306"), "meeting", "SA2#128");
    assert_field(json_array_get(records, 0), "meeting", "SA2#128");
    json_decref(records);
    docket_text_free(text);
}
END_TEST

START_TEST(list_needs_header)
{
    static const char rows[] = "5.1\tS2-190101\tCR\tApproval\tTitle\tNokia\n"
                               "5.1\tS2-190102\tCR\tApproval\tTitle\tNokia\n"
                               "5.1\tS2-190103\tCR\tApproval\tTitle\tNokia\n";
    docket_text *text = text_from_lines("rows.htm", rows, DOCKET_BLOCK_ROW);
    ck_assert(!docket_3gpp_tdocs_detect(text));
    docket_text_free(text);
}
END_TEST

START_TEST(list_needs_numbered_rows)
{
    static const char rows[] = "AI\tTD#\tType\tDoc For\tTitle\tSource\n"
                               "5.1\tS2-190101\tCR\tApproval\tTitle\tNokia\n"
                               "5.1\t-\t-\t-\tTopic\t-\n";
    docket_text *text = text_from_lines("rows.htm", rows, DOCKET_BLOCK_ROW);
    ck_assert(!docket_3gpp_tdocs_detect(text));
    docket_text_free(text);
}
END_TEST

/* ---- Cover pages ---- */

#define COVER_NAME "S2-1900123 was S2-1900042_example update.docx"

static json_t *parse_cover(const char *name, const char *lines, docket_block_kind kind)
{
    docket_aliases *aliases = load_aliases();
    docket_text *text = text_from_lines(name, lines, kind);
    ck_assert(docket_cover_detect(text));
    ck_assert(!docket_3gpp_tdocs_detect(text));
    json_t *records = parse_with(docket_cover_parse, text, aliases);
    ck_assert_uint_eq(json_array_size(records), 1);
    docket_text_free(text);
    docket_aliases_free(aliases);
    return records;
}

static json_t *parse_cover_fixture(void)
{
    char *data = test_read_file(FIXTURES "/cover.txt", NULL);
    ck_assert_ptr_nonnull(data);
    json_t *records = parse_cover(COVER_NAME, data, DOCKET_BLOCK_PARAGRAPH);
    free(data);
    return records;
}

START_TEST(cover_fields)
{
    json_t *records = parse_cover_fixture();
    json_t *record = json_array_get(records, 0);
    assert_field(record, "type", DOCKET_TYPE_DOCUMENT);
    assert_field(record, "doc", "S2-1900123");
    assert_field(record, "title", "eSBA: Example update of solution 15");
    assert_companies(record, (const char *[]){"Huawei", "HiSilicon"}, 2);
    assert_field(record, "document_for", "Discussion/Approval");
    assert_field(record, "agenda_item", "6.19");
    assert_field(record, "work_item", "FS_eSBA");
    assert_field(record, "release", "Rel-16");
    assert_field(record, "meeting", "SA2#130bis");
    assert_field(record, "wg", "SA2");
    assert_field(record, "body", "3GPP");
    assert_field(record, "date", "2019-01-21");
    assert_field(record, "revision_of", "S2-1900042");
    ck_assert_ptr_null(json_object_get(record, "related"));
    json_decref(records);
}
END_TEST

START_TEST(cover_specs_and_text)
{
    json_t *records = parse_cover_fixture();
    json_t *record = json_array_get(records, 0);
    assert_strings(record, "specs", (const char *[]){"TR 23.742", "TS 23.501", "TS 23.502"}, 3);
    const char *text = docket_record_get(record, "text");
    ck_assert_ptr_nonnull(strstr(text, "aligns solution 15"));
    ck_assert_ptr_nonnull(strstr(text, "SA WG2 Meeting #130bis"));
    json_decref(records);
}
END_TEST

START_TEST(cover_cr_form)
{
    static const char form[] =
        "3GPP TSG-SA WG2 Meeting #130\tS2-1900500\n"
        "Kochi, India, 21 - 25 January 2019\n"
        "CR-Form-v11.2\n"
        "CHANGE REQUEST\n"
        "\t23.401\tCR\t3485\trev\t2\tCurrent version:\t15.5.0\n"
        "Title:\tCorrection of Serving PLMN Rate Control\n"
        "Source to WG:\tEricsson, Verizon\n"
        "Source to TSG:\tSA WG2\n"
        "Work item code:\tTEI15\t\tDate:\t2019-01-10\n"
        "Category:\tF\t\tRelease:\tRel-15\n"
        "\tbe found in 3GPP TR 21.900.\tRel-14 (Release 14)\n";
    json_t *records = parse_cover("S2-1900500.docx", form, DOCKET_BLOCK_ROW);
    json_t *record = json_array_get(records, 0);
    assert_field(record, "doc", "S2-1900500");
    assert_field(record, "doc_type", "CR");
    assert_field(record, "cr", "3485");
    ck_assert_int_eq(json_integer_value(json_object_get(record, "cr_revision")), 2);
    assert_field(record, "cr_category", "F");
    assert_strings(record, "specs", (const char *[]){"TS 23.401"}, 1);
    assert_companies(record, (const char *[]){"Ericsson", "Verizon"}, 2);
    assert_field(record, "work_item", "TEI15");
    assert_field(record, "release", "Rel-15");
    assert_field(record, "title", "Correction of Serving PLMN Rate Control");
    assert_field(record, "meeting", "SA2#130");
    assert_field(record, "date", "2019-01-21");
    json_decref(records);
}
END_TEST

START_TEST(cover_cr_without_spec_line)
{
    static const char form[] = "3GPP TSG-SA WG2 Meeting #130\tS2-1900501\n"
                               "CHANGE REQUEST\n"
                               "Title:\tCorrections to Service Gap Control\n"
                               "Source to WG:\tEricsson\n";
    json_t *records = parse_cover("S2-1900501_was0499_SG_23401_r15.doc", form, DOCKET_BLOCK_ROW);
    json_t *record = json_array_get(records, 0);
    assert_strings(record, "specs", (const char *[]){"TS 23.401"}, 1);
    assert_field(record, "revision_of", "S2-1900499");
    ck_assert_ptr_null(json_object_get(record, "cr"));
    json_decref(records);
}
END_TEST

START_TEST(cover_liaison)
{
    static const char ls[] = "SA WG2 Meeting #S2-130-BIS\tS2- 1900600\n"
                             "21 - 25 January 2019, Kochi, India\t(revision of S2-18xxxx)\n"
                             "\n"
                             "3GPP TSG-RAN WG2 Meeting #104\tR2-1900007\n"
                             "Title:\tReply LS on example analytics\n"
                             "Response to:\tS5-186491/S2-189049\n"
                             "Release:\tRelease 16\n"
                             "Work Item:\tFS_eNA\n"
                             "Source:\tRAN2\n"
                             "To:\tSA2\n";
    json_t *records = parse_cover("reply.doc", ls, DOCKET_BLOCK_PARAGRAPH);
    json_t *record = json_array_get(records, 0);
    assert_field(record, "doc", "S2-1900600");
    assert_field(record, "meeting", "SA2#130bis");
    assert_field(record, "revision_of", NULL);
    assert_field(record, "release", "Rel-16");
    assert_field(record, "work_item", "FS_eNA");
    assert_strings(record, "related", (const char *[]){"R2-1900007", "S5-186491", "S2-189049"},
                   3);
    assert_companies(record, (const char *[]){"RAN2"}, 1);
    json_decref(records);
}
END_TEST

START_TEST(cover_number_from_file_name)
{
    static const char page[] = "SA WG2 Meeting #130bis\n"
                               "Source:\tNokia\n"
                               "Title:\tExample\n"
                               "Agenda Item:\t6.1\n";
    docket_text *text = text_from_lines("S2-1900700 was S2-1900042_S5-186491 x.doc", page,
                                        DOCKET_BLOCK_PARAGRAPH);
    ck_assert(!docket_cover_detect(text));
    json_t *records = parse_with(docket_cover_parse, text, NULL);
    json_t *record = json_array_get(records, 0);
    assert_field(record, "doc", "S2-1900700");
    assert_field(record, "revision_of", "S2-1900042");
    assert_strings(record, "related", (const char *[]){"S5-186491"}, 1);
    assert_field(record, "wg", "SA2");
    json_decref(records);
    docket_text_free(text);
}
END_TEST

START_TEST(cover_title_from_file_name)
{
    static const char page[] = "SA WG2 Meeting #130bis\tS2-1900800\nSource:\tNokia\n";
    docket_text *text = text_from_lines("dir/S2-1900800 Example.docx", page,
                                        DOCKET_BLOCK_PARAGRAPH);
    json_t *records = parse_with(docket_cover_parse, text, NULL);
    assert_field(json_array_get(records, 0), "title", "S2-1900800 Example");
    json_decref(records);
    docket_text_free(text);
}
END_TEST

START_TEST(cover_onem2m)
{
    static const char page[] = "Doc# SEC-2014-0059R01\n"
                               "INPUT CONTRIBUTION\n"
                               "Meeting ID:*\tSEC#9.0\n"
                               "Title:*\tSecurity bootstrapping update\n"
                               "Source:*\tGemalto N.V.\n"
                               "Agenda Item:*\t7.1\n"
                               "Intended purpose of document:*\tDecision\n";
    json_t *records = parse_cover("SEC-2014-0059R01.docx", page, DOCKET_BLOCK_ROW);
    json_t *record = json_array_get(records, 0);
    assert_field(record, "doc", "SEC-2014-0059");
    assert_strings(record, "revisions", (const char *[]){"SEC-2014-0059R01"}, 1);
    assert_field(record, "body", "oneM2M");
    assert_field(record, "meeting", "SEC#9.0");
    assert_field(record, "wg", "SEC");
    assert_strings(record, "wg_names", (const char *[]){"SEC", "WG4"}, 2);
    assert_companies(record, (const char *[]){"Gemalto"}, 1);
    assert_field(record, "document_for", "Decision");
    assert_field(record, "agenda_item", "7.1");
    json_decref(records);
}
END_TEST

START_TEST(cover_needs_fields)
{
    static const char page[] = "SA WG2 Meeting #130bis\tS2-1900900\n"
                               "Title:\tExample without a source\n";
    docket_text *text = text_from_lines("x.docx", page, DOCKET_BLOCK_PARAGRAPH);
    ck_assert(!docket_cover_detect(text));
    docket_text_free(text);
}
END_TEST

/* ---- Real files ---- */

static json_t *list_128;

/* 128.htm parsed once per process: extracting and parsing 2 MB takes a
 * noticeable time under valgrind. */
static json_t *records_128(void)
{
    if (!list_128)
        list_128 = parse_file(docket_3gpp_tdocs_parse, TDOCS_128);
    return list_128;
}

static void corpus_teardown(void)
{
    json_decref(list_128);
    list_128 = NULL;
}

START_TEST(corpus_list_rows)
{
    if (!corpus_present("corpus_list_rows"))
        return;
    docket_text *text = extract(TDOCS_128);
    ck_assert(docket_3gpp_tdocs_detect(text));
    docket_text_free(text);

    /* 128.htm has 1301 rows with a Tdoc number in the TD# column (its own
     * footer reads "Total documents: 1301"). */
    json_t *records = records_128();
    ck_assert_uint_eq(count_type(records, DOCKET_TYPE_CONTRIBUTION), 1301);
    ck_assert_uint_eq(count_type(records, DOCKET_TYPE_MEETING), 1);
}
END_TEST

START_TEST(corpus_list_record)
{
    if (!corpus_present("corpus_list_record"))
        return;
    json_t *record = find_doc(records_128(), "S2-187144");
    assert_field(record, "title",
                 "23.214 CR0067R1: Application detection report when the PFDs are removed");
    assert_companies(record, (const char *[]){"Huawei", "HiSilicon"}, 2);
    assert_field(record, "meeting", "SA2#128");
    assert_field(record, "wg", "SA2");
    assert_field(record, "body", "3GPP");
    assert_field(record, "agenda_item", "5.1");
    assert_field(record, "agenda_title", "3GPP Packet Access Maintenance");
    assert_field(record, "doc_type", "CR");
    assert_field(record, "purpose", "Approval");
    assert_field(record, "release", "Rel-14");
    assert_field(record, "work_item", "CUPS");
    assert_field(record, "comments", "Revision of S2-186552. Revised to S2-187591.");
    assert_field(record, "status", "revised");
    assert_field(json_array_get(json_object_get(record, "decisions"), 0), "decision",
                 "revised");
    assert_field(record, "revision_of", "S2-186552");
    assert_field(record, "revised_to", "S2-187591");
    assert_strings(record, "chain", (const char *[]){"S2-186552", "S2-187144", "S2-187591"},
                   3);
    assert_field(record, "chain_status", "agreed");
    assert_strings(record, "specs", (const char *[]){"TS 23.214"}, 1);
    assert_field(record, "cr", "0067");
    ck_assert_int_eq(json_integer_value(json_object_get(record, "cr_revision")), 1);
}
END_TEST

START_TEST(corpus_list_chain_members)
{
    if (!corpus_present("corpus_list_chain_members"))
        return;
    static const char *const chain[] = {"S2-186552", "S2-187144", "S2-187591"};
    for (size_t i = 0; i < 3; i++) {
        json_t *record = find_doc(records_128(), chain[i]);
        assert_strings(record, "chain", chain, 3);
        assert_field(record, "chain_status", "agreed");
    }
    assert_field(find_doc(records_128(), "S2-187591"), "status", "agreed");
}
END_TEST

START_TEST(corpus_list_reminders)
{
    if (!corpus_present("corpus_list_reminders"))
        return;
    json_t *meeting = json_array_get(records_128(), 0);
    assert_field(meeting, "type", DOCKET_TYPE_MEETING);
    const char *text = docket_record_get(meeting, "text");
    ck_assert_ptr_nonnull(strstr(text, "IPR call reminder"));
    ck_assert_ptr_nonnull(strstr(text, "antitrust and competition laws"));
}
END_TEST

/* Return the meeting of the contribution `doc` in the list at `path`,
 * checking that every record of the list names the same meeting. */
static char *snapshot_meeting(const char *path, const char *doc)
{
    json_t *records = parse_file(docket_3gpp_tdocs_parse, path);
    const char *meeting = docket_record_get(json_array_get(records, 0), "meeting");
    ck_assert_ptr_nonnull(meeting);
    size_t index;
    json_t *record;
    json_array_foreach(records, index, record)
        ck_assert_str_eq(docket_record_get(record, "meeting"), meeting);
    char *copy = strdup(docket_record_get(find_doc(records, doc), "meeting"));
    json_decref(records);
    return copy;
}

START_TEST(corpus_snapshots_same_meeting)
{
    if (!corpus_present("corpus_snapshots_same_meeting"))
        return;
    char *first = snapshot_meeting(CORPUS_3GPP "/tdocs_by_agenda/129Bis.htm", "S2-1812226");
    char *later = snapshot_meeting(CORPUS_3GPP "/tdocs_by_agenda/inbox.htm", "S2-1812226");
    ck_assert_str_eq(first, "SA2#129bis");
    ck_assert_str_eq(later, first);
    free(first);
    free(later);
}
END_TEST

START_TEST(corpus_cover_record)
{
    if (!corpus_present("corpus_cover_record"))
        return;
    json_t *records = parse_file(docket_cover_parse, COVER_1812226);
    ck_assert_uint_eq(json_array_size(records), 1);
    json_t *record = json_array_get(records, 0);
    assert_field(record, "type", DOCKET_TYPE_DOCUMENT);
    assert_field(record, "doc", "S2-1812226");
    assert_companies(record, (const char *[]){"Huawei", "HiSilicon"}, 2);
    assert_field(record, "title", "eSBA: Update of solution 15");
    assert_field(record, "agenda_item", "6.19");
    assert_field(record, "meeting", "SA2#129bis");
    assert_field(record, "document_for", "Discussion/Approval");
    assert_field(record, "work_item", "FS_eSBA");
    assert_field(record, "release", "Rel-16");
    assert_field(record, "date", "2018-11-26");
    ck_assert_ptr_nonnull(strstr(docket_record_get(record, "text"), "Service Set ID"));
    json_decref(records);
}
END_TEST

static const struct {
    const char *file;
    const char *doc;
    const char *title;
} tdoc_files[] = {
    {"S2-1811620_S2-1811226_R2-1816041.doc", "S2-1811620",
     "Reply LS on Dynamic PLR Allocation in eVoLP"},
    {"S2-1812080_WID_eSBA_v1.1.doc", "S2-1812080",
     "New WID: Enhancements to the Service-Based 5G System Architecture"},
    {"S2-1812226_eSBA update of solution 15_v1.2.docx", "S2-1812226",
     "eSBA: Update of solution 15"},
    {"S2-1812368 - 23.401 Rel-15 Correction of SPRC.doc", "S2-1812368",
     "Correction of Serving PLMN Rate Control"},
    {"S2-1812372 - Evaluation for solutions 1.1 and 1.2.docx", "S2-1812372",
     "Evaluation of solutions #1.1 and #1.2"},
    {"S2-1812758 was S2-1811878_S5-186491 Reply LS on Data Analytics in SA WG2 v1.doc",
     "S2-1812758", "LS on slice related Data Analytics"},
    {"S2-1813311_was2736_SG_23401_r15_v1.doc", "S2-1813311",
     "Corrections to Service Gap Control"},
};

START_TEST(corpus_every_cover)
{
    if (!corpus_present("corpus_every_cover"))
        return;
    char path[1024];
    snprintf(path, sizeof path, "%s/tdocs/%s", CORPUS_3GPP, tdoc_files[_i].file);
    docket_text *text = extract(path);
    ck_assert_msg(docket_cover_detect(text), "%s is not detected", tdoc_files[_i].file);
    ck_assert(!docket_3gpp_tdocs_detect(text));
    docket_text_free(text);

    json_t *records = parse_file(docket_cover_parse, path);
    json_t *record = json_array_get(records, 0);
    assert_field(record, "doc", tdoc_files[_i].doc);
    assert_field(record, "title", tdoc_files[_i].title);
    assert_field(record, "meeting", "SA2#129bis");
    json_decref(records);
}
END_TEST

START_TEST(corpus_cr_cover)
{
    if (!corpus_present("corpus_cr_cover"))
        return;
    json_t *records =
        parse_file(docket_cover_parse, CORPUS_3GPP "/tdocs/S2-1812368 - 23.401 Rel-15 "
                                                   "Correction of SPRC.doc");
    json_t *record = json_array_get(records, 0);
    assert_field(record, "doc_type", "CR");
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(record, "specs"), 0)),
                     "TS 23.401");
    assert_field(record, "cr_category", "F");
    assert_field(record, "release", "Rel-15");
    assert_companies(record, (const char *[]){"Huawei", "HiSilicon"}, 2);
    json_decref(records);
}
END_TEST

START_TEST(corpus_revision_from_file_name)
{
    if (!corpus_present("corpus_revision_from_file_name"))
        return;
    json_t *records = parse_file(docket_cover_parse, CORPUS_3GPP "/tdocs/S2-1812758 was "
                                                     "S2-1811878_S5-186491 Reply LS on Data "
                                                     "Analytics in SA WG2 v1.doc");
    json_t *record = json_array_get(records, 0);
    assert_field(record, "revision_of", "S2-1811878");
    json_decref(records);
}
END_TEST

static const char *const not_detected[] = {
    "/onem2m/SEC-9.0 minutes (TP9, Mobile, 2014-02).txt",
    "/ietf-httpwg/ietf103/minutes.md",
    "/3gpp-sa2/specs/ftp_Specs_latest_.htm",
    "/3gpp-sa2/specs/ftp_Specs_latest_Rel-16_23_series_.htm",
    "/3gpp-sa2/tdocs_by_agenda/CurDoc.htm",
};

START_TEST(corpus_not_detected)
{
    if (!corpus_present("corpus_not_detected"))
        return;
    char path[1024];
    snprintf(path, sizeof path, "%s%s", DOCKET_SHARED_CORPUS, not_detected[_i]);
    docket_text *text = extract(path);
    ck_assert_msg(!docket_3gpp_tdocs_detect(text), "%s taken for a Tdoc list", path);
    ck_assert_msg(!docket_cover_detect(text), "%s taken for a cover page", path);
    docket_text_free(text);
}
END_TEST

static Suite *threegpp_suite(void)
{
    Suite *suite = suite_create("3gpp");

    TCase *names = tcase_create("names");
    tcase_add_loop_test(names, meeting_ids, 0, N_CASES(meeting_cases));
    tcase_add_loop_test(names, spec_numbers, 0, N_CASES(spec_cases));
    tcase_add_test(names, spec_form_matches_finder);
    tcase_add_loop_test(names, wg_names, 0, N_CASES(wg_cases));
    tcase_add_loop_test(names, decision_find, 0, N_CASES(decision_find_cases));
    suite_add_tcase(suite, names);

    TCase *cells = tcase_create("cells");
    tcase_add_loop_test(cells, comment_links, 0, N_CASES(link_cases));
    tcase_add_loop_test(cells, source_companies, 0, N_CASES(company_cases));
    suite_add_tcase(suite, cells);

    TCase *list = tcase_create("list");
    tcase_add_checked_fixture(list, fixture_setup, fixture_teardown);
    tcase_add_test(list, list_detected);
    tcase_add_test(list, list_one_record_per_row);
    tcase_add_test(list, list_row_fields);
    tcase_add_test(list, list_decisions);
    tcase_add_test(list, list_undecided_row);
    tcase_add_test(list, list_revision_chain);
    tcase_add_test(list, list_chain_from_other_list);
    tcase_add_test(list, list_chain_still_open);
    tcase_add_test(list, list_no_chain_alone);
    tcase_add_test(list, list_sources);
    tcase_add_test(list, list_bare_spec_title);
    tcase_add_test(list, list_agenda_items);
    tcase_add_test(list, list_meeting_record);
    tcase_add_test(list, list_without_aliases);
    tcase_add_test(list, list_without_meeting_line);
    tcase_add_test(list, list_meeting_line_wins);
    tcase_add_test(list, list_needs_header);
    tcase_add_test(list, list_needs_numbered_rows);
    suite_add_tcase(suite, list);

    TCase *cover = tcase_create("cover");
    tcase_add_test(cover, cover_fields);
    tcase_add_test(cover, cover_specs_and_text);
    tcase_add_test(cover, cover_cr_form);
    tcase_add_test(cover, cover_cr_without_spec_line);
    tcase_add_test(cover, cover_liaison);
    tcase_add_test(cover, cover_number_from_file_name);
    tcase_add_test(cover, cover_title_from_file_name);
    tcase_add_test(cover, cover_onem2m);
    tcase_add_test(cover, cover_needs_fields);
    suite_add_tcase(suite, cover);

    TCase *corpus = tcase_create("corpus");
    tcase_set_timeout(corpus, 600);
    tcase_add_unchecked_fixture(corpus, NULL, corpus_teardown);
    tcase_add_test(corpus, corpus_list_rows);
    tcase_add_test(corpus, corpus_list_record);
    tcase_add_test(corpus, corpus_list_chain_members);
    tcase_add_test(corpus, corpus_list_reminders);
    tcase_add_test(corpus, corpus_snapshots_same_meeting);
    tcase_add_test(corpus, corpus_cover_record);
    tcase_add_loop_test(corpus, corpus_every_cover, 0, N_CASES(tdoc_files));
    tcase_add_test(corpus, corpus_cr_cover);
    tcase_add_test(corpus, corpus_revision_from_file_name);
    tcase_add_loop_test(corpus, corpus_not_detected, 0, N_CASES(not_detected));
    suite_add_tcase(suite, corpus);
    return suite;
}

int main(void)
{
    return test_run_suite(threegpp_suite());
}
