/* test_onem2m.c: the oneM2M minutes parser on the SEC#9.0 minutes, on a
 * second fixture with another layout of the template, and on small texts. */
#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "dialects.h"
#include "docket/extract.h"
#include "docket/record.h"

#define SEC_MINUTES DOCKET_SOURCE_DIR "/corpus/SEC-9.0 minutes (TP9, Mobile, 2014-02).txt"
#define ARC_FIXTURE DOCKET_SOURCE_DIR "/tests/fixtures/onem2m/ARC-12.1-minutes-fixture.txt"
#define ALIASES_PATH DOCKET_SOURCE_DIR "/docs/aliases.txt"

/* ---- Helpers ---- */

/* docket_text without the extractor, so that these tests do not depend on
 * every input format linking. */
static docket_text *text_new(const char *name)
{
    docket_text *text = calloc(1, sizeof *text);
    ck_assert_ptr_nonnull(text);
    text->path = strdup(name);
    text->format = "text";
    return text;
}

static void text_add(docket_text *text, docket_block_kind kind, unsigned line,
                     const char *data, size_t len)
{
    if (text->count == text->capacity) {
        text->capacity = text->capacity ? text->capacity * 2 : 64;
        text->blocks = realloc(text->blocks, text->capacity * sizeof *text->blocks);
        ck_assert_ptr_nonnull(text->blocks);
    }
    docket_block *block = &text->blocks[text->count++];
    block->kind = kind;
    block->level = 0;
    block->line = line;
    block->text = strndup(data, len);
    ck_assert_ptr_nonnull(block->text);
}

static void text_free(docket_text *text)
{
    for (size_t i = 0; i < text->count; i++)
        free(text->blocks[i].text);
    free(text->blocks);
    free(text->path);
    free(text);
}

/* Build a docket_text from `data` the way the plain-text extractor does:
 * one block per line, trailing spaces removed, empty lines as blanks. */
static docket_text *text_from_string(const char *name, const char *data)
{
    docket_text *text = text_new(name);
    unsigned number = 0;
    for (const char *s = data; *s;) {
        const char *newline = strchr(s, '\n');
        size_t len = newline ? (size_t)(newline - s) : strlen(s);
        size_t kept = len;
        while (kept && (s[kept - 1] == ' ' || s[kept - 1] == '\t' || s[kept - 1] == '\r'))
            kept--;
        text_add(text, kept ? DOCKET_BLOCK_PARAGRAPH : DOCKET_BLOCK_BLANK, ++number, s, kept);
        s += len + (newline ? 1 : 0);
    }
    return text;
}

static docket_text *text_from_file(const char *path)
{
    char *data = test_read_file(path, NULL);
    ck_assert_msg(data != NULL, "cannot read %s", path);
    docket_text *text = text_from_string(path, data);
    free(data);
    return text;
}

static docket_aliases *load_aliases(void)
{
    docket_aliases *aliases = NULL;
    docket_error err = {{0}};
    ck_assert_int_eq(docket_aliases_new(&aliases), DOCKET_OK);
    docket_status status = docket_aliases_load(aliases, ALIASES_PATH, &err);
    ck_assert_msg(status == DOCKET_OK, "%s: %s", docket_status_text(status), err.message);
    return aliases;
}

static json_t *parse_text(const docket_text *text, const docket_aliases *aliases)
{
    json_t *records = json_array();
    docket_error err = {{0}};
    docket_status status = docket_onem2m_parse(text, aliases, records, &err);
    ck_assert_msg(status == DOCKET_OK, "%s: %s", docket_status_text(status), err.message);
    return records;
}

/* Parse a file with the project's alias file. */
static json_t *parse_file(const char *path)
{
    docket_aliases *aliases = load_aliases();
    docket_text *text = text_from_file(path);
    json_t *records = parse_text(text, aliases);
    text_free(text);
    docket_aliases_free(aliases);
    return records;
}

static json_t *find_record(json_t *records, const char *key, const char *value)
{
    size_t index;
    json_t *record;
    json_array_foreach(records, index, record) {
        const char *field = docket_record_get(record, key);
        if (field && strcmp(field, value) == 0)
            return record;
    }
    return NULL;
}

static json_t *contribution(json_t *records, const char *doc)
{
    json_t *record = find_record(records, "doc", doc);
    ck_assert_msg(record != NULL, "no record for %s", doc);
    return record;
}

static size_t count_type(json_t *records, const char *type)
{
    size_t count = 0, index;
    json_t *record;
    json_array_foreach(records, index, record)
        count += strcmp(docket_record_get(record, "type"), type) == 0;
    return count;
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

static json_t *decision_entry(const json_t *record, const char *doc)
{
    size_t index;
    json_t *item;
    json_array_foreach(json_object_get(record, "decisions"), index, item) {
        if (strcmp(docket_record_get(item, "doc"), doc) == 0)
            return item;
    }
    return NULL;
}

static const char *decision_of(const json_t *record, const char *doc)
{
    json_t *entry = decision_entry(record, doc);
    return entry ? docket_record_get(entry, "decision") : NULL;
}

/* Return the docs of the contributions presented by `name`, in order, as
 * one comma-separated string; check that each names `company`. */
static void contributions_of(json_t *records, const char *name, const char *company,
                             char *out, size_t size)
{
    size_t index, i;
    json_t *record, *person;
    out[0] = '\0';
    json_array_foreach(records, index, record) {
        json_array_foreach(json_object_get(record, "contributors"), i, person) {
            const char *who = docket_record_get(person, "name");
            if (!who || strcmp(who, name) != 0)
                continue;
            ck_assert_str_eq(docket_record_get(person, "company"), company);
            size_t used = strlen(out);
            snprintf(out + used, size - used, "%s%s", used ? "," : "",
                     docket_record_get(record, "doc"));
        }
    }
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

#define N_CASES(table) ((int)(sizeof table / sizeof table[0]))
#define ASSERT_STRINGS(record, key, ...)                                             \
    do {                                                                             \
        const char *const expected_[] = {__VA_ARGS__};                               \
        assert_strings(record, key, expected_, sizeof expected_ / sizeof *expected_); \
    } while (0)

/* ---- Detection ---- */

START_TEST(detect_sec_minutes)
{
    docket_text *text = text_from_file(SEC_MINUTES);
    ck_assert(docket_onem2m_detect(text));
    text_free(text);
}
END_TEST

START_TEST(detect_arc_fixture)
{
    docket_text *text = text_from_file(ARC_FIXTURE);
    ck_assert(docket_onem2m_detect(text));
    text_free(text);
}
END_TEST

static const char ietf_minutes[] =
    "# HTTP WG minutes, IETF 103\n"
    "\n"
    "Chairs: Mark Nottingham, Patrick McManus\n"
    "\n"
    "## draft-ietf-httpbis-bcp56bis\n"
    "\n"
    "Mark presented the changes since IETF 102; see RFC 7230 and RFC 9110.\n"
    "* Action: the editors will publish -08 before the meeting.\n"
    "Minutes taken by Julian.\n";

START_TEST(detect_rejects_ietf_markdown)
{
    docket_text *text = text_from_string("minutes.md", ietf_minutes);
    ck_assert(!docket_onem2m_detect(text));
    text_free(text);
}
END_TEST

static int detected_files;
static int checked_files;

static int detect_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    size_t len = strlen(path);
    if (flag != FTW_F || len < 4 ||
        (strcmp(path + len - 3, ".md") != 0 && strcmp(path + len - 4, ".txt") != 0))
        return 0;
    docket_text *text = text_from_file(path);
    checked_files++;
    if (docket_onem2m_detect(text)) {
        fprintf(stderr, "detected as oneM2M minutes: %s\n", path);
        detected_files++;
    }
    text_free(text);
    return 0;
}

START_TEST(detect_rejects_shared_corpus)
{
    static const char *const folders[] = {"/ietf-httpwg", "/ietf-core", "/oasis-csaf"};
    char path[4096];
    detected_files = checked_files = 0;
    for (size_t i = 0; i < sizeof folders / sizeof folders[0]; i++) {
        snprintf(path, sizeof path, "%s%s", DOCKET_SHARED_CORPUS, folders[i]);
        nftw(path, detect_one, 16, FTW_PHYS);
    }
    if (checked_files == 0) {
        fprintf(stderr, "skipped: no shared corpus at %s\n", DOCKET_SHARED_CORPUS);
        return;
    }
    ck_assert_int_eq(detected_files, 0);
}
END_TEST

/* ---- SEC#9.0: the meeting record ---- */

START_TEST(sec_meeting_fields)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *meeting = json_array_get(records, 0);

    ck_assert_str_eq(docket_record_get(meeting, "type"), "meeting");
    ck_assert_str_eq(docket_record_get(meeting, "body"), "oneM2M");
    ck_assert_str_eq(docket_record_get(meeting, "meeting"), "SEC#9.0");
    ck_assert_str_eq(docket_record_get(meeting, "wg"), "SEC");
    ASSERT_STRINGS(meeting, "wg_names", "SEC", "WG4");
    ck_assert_str_eq(docket_record_get(meeting, "date"), "2014-02-17");
    ck_assert_str_eq(docket_record_get(meeting, "date_end"), "2014-02-22");
    ck_assert_str_eq(docket_record_get(meeting, "location"), "Mobile, Alabama");
    ck_assert_str_eq(docket_record_get(meeting, "title"), "SEC#9.0 minutes");
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(meeting, "source"),
                                                        "line")), 1);
    json_decref(records);
}
END_TEST

START_TEST(sec_meeting_officers)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *meeting = json_array_get(records, 0);
    json_t *chair = json_object_get(meeting, "chair");
    json_t *secretary = json_object_get(meeting, "secretary");

    ck_assert_str_eq(docket_record_get(chair, "name"), "Francois Ennesser");
    ck_assert_str_eq(docket_record_get(chair, "company"), "Gemalto");
    ck_assert_str_eq(docket_record_get(secretary, "name"), "Nicole Butler");
    ck_assert_ptr_null(docket_record_get(secretary, "company"));
    ck_assert_ptr_null(strchr(docket_record_get(meeting, "text"), '@'));
    json_decref(records);
}
END_TEST

START_TEST(sec_meeting_agenda)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *meeting = json_array_get(records, 0);
    json_t *agenda = json_object_get(meeting, "agenda");

    ck_assert_uint_eq(json_array_size(agenda), 16);
    ck_assert_str_eq(json_string_value(json_array_get(agenda, 0)), "Welcome");
    ck_assert_str_eq(json_string_value(json_array_get(agenda, 4)), "Review and Approval of Agenda");
    ck_assert_str_eq(json_string_value(json_array_get(agenda, 9)),
                     "Contributions affecting TS-0003");
    ck_assert_str_eq(json_string_value(json_array_get(agenda, 15)), "Closure of meeting");
    json_decref(records);
}
END_TEST

/* The first record whose text contains `needle`, or NULL. */
static json_t *find_text(json_t *records, const char *needle)
{
    size_t index;
    json_t *record;
    json_array_foreach(records, index, record) {
        const char *text = docket_record_get(record, "text");
        if (text && strstr(text, needle))
            return record;
    }
    return NULL;
}

/* The section record of agenda item `number`. */
static json_t *section(json_t *records, const char *number)
{
    size_t index;
    json_t *record;
    json_array_foreach(records, index, record) {
        const char *item = docket_record_get(record, "agenda_item");
        if (strcmp(docket_record_get(record, "type"), "section") == 0 && item &&
            strcmp(item, number) == 0)
            return record;
    }
    ck_abort_msg("no section for agenda item %s", number);
    return NULL;
}

static const char *section_text(json_t *records, const char *number)
{
    return docket_record_get(section(records, number), "text");
}

START_TEST(sec_meeting_specs_and_text)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *meeting = json_array_get(records, 0);
    const char *text = docket_record_get(meeting, "text");

    ck_assert(has_string(meeting, "specs", "TS-0001"));
    ck_assert(has_string(meeting, "specs", "WI-0007"));
    ck_assert(has_string(meeting, "specs", "TR-0008"));
    ck_assert(has_string(meeting, "specs", "TS-0003"));
    ck_assert_ptr_nonnull(strstr(text, "Ordinary face-to-face meeting during TP9"));
    ck_assert_ptr_null(strstr(text, "Plan future actions to ensure timely completion"));
    ck_assert_ptr_null(strstr(text, "Intellectual Property Rights"));
    ck_assert_ptr_null(strstr(text, "Considerable discussion occurred"));
    json_decref(records);
}
END_TEST

START_TEST(sec_agenda_sections)
{
    json_t *records = parse_file(SEC_MINUTES);

    ck_assert_ptr_nonnull(strstr(section_text(records, "4"),
                                 "Plan future actions to ensure timely completion"));
    ck_assert_str_eq(docket_record_get(section(records, "4"), "title"),
                     "4 Review of Objectives for the Meeting");
    ck_assert_int_eq(json_integer_value(json_object_get(
                         json_object_get(section(records, "4"), "source"), "line")),
                     69);
    ck_assert(has_string(section(records, "4"), "specs", "WI-0007"));
    ck_assert_ptr_nonnull(strstr(section_text(records, "9"), "April 7-11, 2014, Berlin, Germany"));
    ck_assert_ptr_nonnull(strstr(section_text(records, "10"), "35% complete"));
    ck_assert_ptr_nonnull(strstr(section_text(records, "8"),
                                 "SEC agreed to FREEZE the Security TR-0008"));
    ck_assert_str_eq(docket_record_get(section(records, "10"), "meeting"), "SEC#9.0");
    json_decref(records);
}
END_TEST

START_TEST(sec_record_counts)
{
    json_t *records = parse_file(SEC_MINUTES);
    ck_assert_uint_eq(count_type(records, "meeting"), 1);
    ck_assert_uint_eq(count_type(records, "contribution"), 23);
    ck_assert_uint_eq(count_type(records, "action"), 9);
    /* Agenda items with text of their own: 1.2, 1.3, 3, 4, 8, 9, 10, 11. */
    ck_assert_uint_eq(count_type(records, "section"), 8);
    json_decref(records);
}
END_TEST

START_TEST(sec_common_fields)
{
    json_t *records = parse_file(SEC_MINUTES);
    size_t index;
    json_t *record;
    json_array_foreach(records, index, record) {
        ck_assert_str_eq(docket_record_get(record, "body"), "oneM2M");
        ck_assert_str_eq(docket_record_get(record, "meeting"), "SEC#9.0");
        ck_assert_str_eq(docket_record_get(record, "wg"), "SEC");
        ck_assert_str_eq(docket_record_get(record, "date"), "2014-02-17");
        ck_assert_ptr_nonnull(docket_record_get(record, "title"));
        ck_assert(has_string(record, "wg_names", "WG4"));
        ck_assert_str_eq(docket_record_get(json_object_get(record, "source"), "path"), SEC_MINUTES);
    }
    json_decref(records);
}
END_TEST

/* ---- SEC#9.0: contributions ---- */

START_TEST(sec_0059_revision_chain)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *record = contribution(records, "SEC-2014-0059");

    ck_assert_str_eq(docket_record_get(record, "status"), "agreed");
    ck_assert_str_eq(docket_record_get(record, "title"),
                     "High level description of security procedures for ARC TS");
    ASSERT_STRINGS(record, "revisions", "SEC-2014-0059R06", "SEC-2014-0059R07",
                   "SEC-2014-0059R08", "SEC-2014-0059R09", "SEC-2014-0059R11");
    ck_assert_uint_eq(json_array_size(json_object_get(record, "decisions")), 5);
    ck_assert_str_eq(decision_of(record, "SEC-2014-0059R06"), "noted");
    ck_assert_str_eq(decision_of(record, "SEC-2014-0059R07"), "noted");
    ck_assert_str_eq(decision_of(record, "SEC-2014-0059R08"), "noted");
    ck_assert_str_eq(decision_of(record, "SEC-2014-0059R09"), "agreed");
    ck_assert_str_eq(decision_of(record, "SEC-2014-0059R11"), "agreed");
    json_decref(records);
}
END_TEST

START_TEST(sec_0059_people_and_links)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *record = contribution(records, "SEC-2014-0059");
    json_t *people = json_object_get(record, "contributors");

    ck_assert_uint_eq(json_array_size(people), 1);
    ck_assert_str_eq(docket_record_get(json_array_get(people, 0), "name"), "Francois Ennesser");
    ck_assert_str_eq(docket_record_get(json_array_get(people, 0), "company"), "Gemalto");
    ck_assert(has_string(record, "specs", "TS-0001"));
    ASSERT_STRINGS(record, "related", "SEC-2014-0052", "SEC-2014-0053", "SEC-2014-0054");
    ck_assert(has_string(record, "aliases", "SEC-2104-0059R09"));
    ck_assert(has_string(record, "aliases", "SEC-2104-054"));
    ck_assert_str_eq(docket_record_get(record, "agenda_item"), "6");
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(record, "source"),
                                                        "line")), 170);
    json_decref(records);
}
END_TEST

static const struct {
    const char *name;
    const char *company;
    const char *docs;
} presenter_cases[] = {
    {"Wei Zhou", "Datang", "SEC-2014-0044,SEC-2014-0045,SEC-2014-0046"},
    {"Shingo Fujimoto", "Fujitsu", "SEC-2014-0217,SEC-2014-0021,SEC-2014-0220"},
    {"Mireille Pauliac", "Gemalto", "SEC-2014-0047,SEC-2014-0055"},
    {"Dragan Vujcic", "Oberthur Technologies", "SEC-2014-0052,SEC-2014-0053,SEC-2014-0054"},
    {"Wolfgang Granot", "Qualcomm", "SEC-2014-0219,SEC-2014-0050"},
    {"Claus Dietze", "Giesecke & Devrient", "SEC-2014-0048,SEC-2014-0049,SEC-2014-0218"},
    {"Francois Ennesser", "Gemalto",
     "SEC-2014-0059,SEC-2014-0216,SEC-2014-0056,SEC-2014-0057,SEC-2014-0058"},
};

START_TEST(sec_contributions_by_presenter)
{
    json_t *records = parse_file(SEC_MINUTES);
    char docs[512];
    contributions_of(records, presenter_cases[_i].name, presenter_cases[_i].company, docs,
                     sizeof docs);
    ck_assert_str_eq(docs, presenter_cases[_i].docs);
    json_decref(records);
}
END_TEST

static const struct {
    const char *doc;
    const char *status;
    const char *agenda_item;
} sec_status_cases[] = {
    {"SEC-2014-0007", "agreed", "2"},      {"SEC-2014-0052", "noted", "6"},
    {"SEC-2014-0053", "noted", "6"},       {"SEC-2014-0054", "noted", "6"},
    {"SEC-2014-0216", "agreed", "6"},      {"SEC-2014-0217", "noted", "6"},
    {"SEC-2014-0044", "agreed", "7"},      {"SEC-2014-0045", "agreed", "7"},
    {"SEC-2014-0047", "noted", "7"},       {"SEC-2014-0055", "agreed", "7"},
    {"SEC-2014-0021", "noted", "7"},       {"SEC-2014-0220", "noted", "7"},
    {"SEC-2014-0046", "noted", "7.1"},     {"SEC-2014-0056", "noted", "7.1"},
    {"SEC-2014-0057", "noted", "7.1"},     {"SEC-2014-0058", "noted", "7.1"},
    {"SEC-2014-0219", "noted", "7.1"},     {"SEC-2014-0050", "noted", "7.2"},
    {"SEC-2014-0051", "noted", "7.2"},     {"SEC-2014-0048", "agreed", "8"},
    {"SEC-2014-0049", "agreed", "8"},      {"SEC-2014-0218", "agreed", "8"},
};

START_TEST(sec_contribution_status)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *record = contribution(records, sec_status_cases[_i].doc);
    ck_assert_str_eq(docket_record_get(record, "status"), sec_status_cases[_i].status);
    ck_assert_str_eq(docket_record_get(record, "agenda_item"), sec_status_cases[_i].agenda_item);
    json_decref(records);
}
END_TEST

START_TEST(sec_0044_specs)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *record = contribution(records, "SEC-2014-0044");
    ck_assert(has_string(record, "specs", "TS-0003"));
    ck_assert_str_eq(decision_of(record, "SEC-2014-0044R03"), "agreed");
    ck_assert(has_string(record, "aliases", "SEC-2014-044R03"));
    ck_assert(has_string(record, "revisions", "SEC-2014-0044R03"));
    json_decref(records);
}
END_TEST

START_TEST(sec_0045_letter_o_repair)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *record = contribution(records, "SEC-2014-0045");
    json_t *entry = decision_entry(record, "SEC-2014-0045R01");
    json_t *repair = json_array_get(json_object_get(record, "repairs"), 0);

    ck_assert(has_string(record, "revisions", "SEC-2014-0045R01"));
    ck_assert(has_string(record, "aliases", "SEC-2014-0045Ro1"));
    ck_assert_str_eq(docket_record_get(repair, "typed"), "SEC-2014-0045Ro1");
    ck_assert_str_eq(docket_record_get(repair, "doc"), "SEC-2014-0045R01");
    ck_assert_ptr_nonnull(entry);
    ck_assert_str_eq(docket_record_get(entry, "decision"), "noted");
    ck_assert_str_eq(docket_record_get(entry, "typed"), "SEC-2014-0045Ro1");
    ck_assert(json_is_true(json_object_get(entry, "revision_expected")));
    ck_assert_str_eq(decision_of(record, "SEC-2014-0045R02"), "agreed");
    json_decref(records);
}
END_TEST

START_TEST(sec_two_numbers_one_heading)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *first = contribution(records, "SEC-2014-0052");
    json_t *second = contribution(records, "SEC-2014-0053");

    ck_assert_str_eq(docket_record_get(first, "title"), "Initial Attachment Presentation");
    ck_assert_str_eq(docket_record_get(second, "title"), "Initial Attachment");
    ck_assert_str_eq(decision_of(first, "SEC-2014-0052"), "noted");
    ck_assert_str_eq(decision_of(second, "SEC-2014-0053"), "noted");
    ck_assert_uint_eq(json_array_size(json_object_get(first, "decisions")), 1);
    ck_assert_uint_eq(json_array_size(json_object_get(second, "decisions")), 1);
    ck_assert(has_string(first, "related", "SEC-2014-0053"));
    ck_assert(has_string(second, "related", "SEC-2014-0052"));
    ck_assert_str_eq(docket_record_get(json_array_get(json_object_get(second, "contributors"), 0),
                                       "name"),
                     "Dragan Vujcic");
    json_decref(records);
}
END_TEST

START_TEST(sec_repeated_number_in_heading)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *record = contribution(records, "SEC-2014-0219");
    json_t *earlier = contribution(records, "SEC-2014-0058");

    ck_assert_str_eq(docket_record_get(record, "title"),
                     "Security Association Establishment procedure description");
    ck_assert(has_string(record, "related", "SEC-2014-0058"));
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(earlier, "source"),
                                                        "line")), 326);
    ck_assert_uint_eq(json_array_size(json_object_get(earlier, "contributors")), 1);
    ck_assert_str_eq(docket_record_get(json_array_get(json_object_get(earlier, "contributors"), 0),
                                       "name"),
                     "Francois Ennesser");
    json_decref(records);
}
END_TEST

START_TEST(sec_company_alone)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *people = json_object_get(contribution(records, "SEC-2014-0051"), "contributors");
    ck_assert_uint_eq(json_array_size(people), 1);
    ck_assert_ptr_null(docket_record_get(json_array_get(people, 0), "name"));
    ck_assert_str_eq(docket_record_get(json_array_get(people, 0), "company"), "Qualcomm");
    json_decref(records);
}
END_TEST

START_TEST(sec_ambiguous_number_kept)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *record = contribution(records, "SEC-2014-0055");

    ck_assert(has_string(record, "aliases", "SEC-2014-005R04"));
    ck_assert(!has_string(record, "revisions", "SEC-2014-0055R04"));
    ck_assert_ptr_null(json_object_get(record, "repairs"));
    ck_assert_ptr_null(find_record(records, "doc", "SEC-2014-0005"));
    ck_assert_str_eq(decision_of(record, "SEC-2014-0055R03"), "agreed");
    ck_assert(json_is_true(json_object_get(decision_entry(record, "SEC-2014-0055R02"),
                                           "revision_expected")));
    json_decref(records);
}
END_TEST

START_TEST(sec_decision_words)
{
    json_t *records = parse_file(SEC_MINUTES);
    ck_assert_str_eq(decision_of(contribution(records, "SEC-2014-0057"), "SEC-2014-0057"), "noted");
    ck_assert_str_eq(decision_of(contribution(records, "SEC-2014-0216"), "SEC-2014-0216"), "noted");
    ck_assert_str_eq(decision_of(contribution(records, "SEC-2014-0216"), "SEC-2014-0216R03"),
                     "agreed");
    ck_assert(json_is_true(json_object_get(
        decision_entry(contribution(records, "SEC-2014-0217"), "SEC-2014-0217"),
        "revision_expected")));
    ck_assert_str_eq(docket_record_get(contribution(records, "SEC-2014-0007"), "title"),
                     "SEC9_0_Agenda");
    json_decref(records);
}
END_TEST

START_TEST(sec_year_swap_repair)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *record = contribution(records, "SEC-2014-0216");
    ck_assert(has_string(record, "revisions", "SEC-2014-0216R02"));
    ck_assert(has_string(record, "aliases", "SEC-2104-0216R02"));
    ASSERT_STRINGS(record, "revisions", "SEC-2014-0216R01", "SEC-2014-0216R02",
                   "SEC-2014-0216R03");
    json_decref(records);
}
END_TEST

/* Every contribution under an agenda item carries the specs its headings name. */
static const struct {
    const char *item_prefix;
    const char *spec;
    size_t count;
} sec_heading_spec_cases[] = {
    {"7", "TS-0003", 13},
    {"7.2", "TS-0001", 2},
    {"8", "TR-0008", 3},
};

START_TEST(sec_heading_specs)
{
    json_t *records = parse_file(SEC_MINUTES);
    const char *prefix = sec_heading_spec_cases[_i].item_prefix;
    size_t count = 0, index;
    json_t *record;
    json_array_foreach(records, index, record) {
        const char *item = docket_record_get(record, "agenda_item");
        if (!item || strcmp(docket_record_get(record, "type"), "contribution") != 0 ||
            strncmp(item, prefix, strlen(prefix)) != 0)
            continue;
        ck_assert_msg(has_string(record, "specs", sec_heading_spec_cases[_i].spec),
                      "%s lacks %s", docket_record_get(record, "doc"),
                      sec_heading_spec_cases[_i].spec);
        count++;
    }
    ck_assert_uint_eq(count, sec_heading_spec_cases[_i].count);
    json_decref(records);
}
END_TEST

START_TEST(sec_block_text)
{
    json_t *records = parse_file(SEC_MINUTES);
    const char *text = docket_record_get(contribution(records, "SEC-2014-0218"), "text");
    ck_assert_ptr_nonnull(strstr(text, "Participants revised SEC-2014-218R01"));
    ck_assert_ptr_null(strstr(text, "FREEZE the Security TR-0008"));
    ck_assert_ptr_null(strstr(text, "Presented by"));
    ck_assert_ptr_null(strstr(text, "Comments and Issues"));
    text = docket_record_get(contribution(records, "SEC-2014-0052"), "text");
    ck_assert_ptr_nonnull(strstr(text, "clarify the concepts proposed in SEC-2014-0053"));
    ck_assert_ptr_null(strstr(text, "Responsible person will take action"));
    json_decref(records);
}
END_TEST

/* ---- SEC#9.0: actions ---- */

static const struct {
    const char *id;
    const char *status;
    const char *owners; /* comma-separated; "" for none */
} sec_action_cases[] = {
    {"TP7 A-13-002", "ongoing", "Oberthur Technologies"},
    {"A-WG4-TP7-003", "open", ""},
    {"A-WG4-TP8-001", "open", "Qualcomm,Gemalto"},
    {"A-WG4-TP8-005", "open", "Qualcomm"},
    {"A-WG4-TP8-002", "open", "Gemalto"},
    {"A-WG4-TP8-003", "open", "LG Electronics,Qualcomm"},
    {"A-WG4-TP8-004", "closed", "Alcatel-Lucent,BT"},
    {"A-WG4-TP8-006", "open", "Oberthur Technologies"},
    {"A-WG4-TP8-007", "closed", "LG Electronics"},
};

static void assert_action(json_t *records, const char *id, const char *status,
                          const char *owners)
{
    json_t *record = find_record(records, "action", id);
    ck_assert_msg(record != NULL, "no action %s", id);
    ck_assert_str_eq(docket_record_get(record, "type"), "action");
    ck_assert_str_eq(docket_record_get(record, "status"), status);

    char joined[256] = "";
    size_t index;
    json_t *owner;
    json_array_foreach(json_object_get(record, "owners"), index, owner) {
        size_t used = strlen(joined);
        snprintf(joined + used, sizeof joined - used, "%s%s", used ? "," : "",
                 json_string_value(owner));
    }
    ck_assert_str_eq(joined, owners);
}

START_TEST(sec_action_rows)
{
    json_t *records = parse_file(SEC_MINUTES);
    assert_action(records, sec_action_cases[_i].id, sec_action_cases[_i].status,
                  sec_action_cases[_i].owners);
    json_decref(records);
}
END_TEST

START_TEST(sec_action_counts)
{
    json_t *records = parse_file(SEC_MINUTES);
    size_t open = 0, index;
    json_t *record;
    json_array_foreach(records, index, record) {
        const char *status = docket_record_get(record, "status");
        open += strcmp(docket_record_get(record, "type"), "action") == 0 && status &&
                strcmp(status, "open") == 0;
    }
    ck_assert_uint_eq(count_type(records, "action"), 9);
    ck_assert_uint_eq(open, 6);
    json_decref(records);
}
END_TEST

START_TEST(sec_action_text)
{
    json_t *records = parse_file(SEC_MINUTES);
    json_t *first = find_record(records, "action", "TP7 A-13-002");
    json_t *shared = find_record(records, "action", "A-WG4-TP7-003");

    ck_assert_str_eq(docket_record_get(first, "title"),
                     "Relationship between RBAC/AR/ACL and other security mechanisms such as "
                     "authentication and authorization (lead WG4)");
    ck_assert_ptr_nonnull(strstr(docket_record_get(first, "text"),
                                 "SEC must still define details and parameters"));
    ck_assert_ptr_null(strstr(docket_record_get(first, "text"), "UPDATE:"));
    ck_assert_ptr_nonnull(strstr(docket_record_get(shared, "text"), "Interested companies"));
    ck_assert_str_eq(docket_record_get(shared, "agenda_item"), "5");
    json_decref(records);
}
END_TEST

START_TEST(sec_without_aliases)
{
    docket_text *text = text_from_file(SEC_MINUTES);
    json_t *records = parse_text(text, NULL);
    json_t *meeting = json_array_get(records, 0);
    json_t *record = contribution(records, "SEC-2014-0044");

    ASSERT_STRINGS(meeting, "wg_names", "SEC");
    ck_assert_str_eq(docket_record_get(json_array_get(json_object_get(record, "contributors"), 0),
                                       "company"),
                     "Datang Telecom Technology@Industry Holdings Co., LTD");
    ck_assert_str_eq(docket_record_get(json_object_get(meeting, "chair"), "company"), "Gemalto");
    json_decref(records);
    text_free(text);
}
END_TEST

START_TEST(parse_appends_records)
{
    docket_text *text = text_from_file(ARC_FIXTURE);
    json_t *records = json_array();
    json_array_append_new(records, json_string("kept"));
    ck_assert_int_eq(docket_onem2m_parse(text, NULL, records, NULL), DOCKET_OK);
    ck_assert_str_eq(json_string_value(json_array_get(records, 0)), "kept");
    ck_assert_str_eq(docket_record_get(json_array_get(records, 1), "type"), "meeting");
    json_decref(records);
    text_free(text);
}
END_TEST

/* ---- ARC#12.1 fixture ---- */

START_TEST(arc_meeting_fields)
{
    json_t *records = parse_file(ARC_FIXTURE);
    json_t *meeting = json_array_get(records, 0);

    ck_assert_str_eq(docket_record_get(meeting, "meeting"), "ARC#12.1");
    ck_assert_str_eq(docket_record_get(meeting, "wg"), "ARC");
    ASSERT_STRINGS(meeting, "wg_names", "ARC", "WG2");
    ck_assert_str_eq(docket_record_get(meeting, "date"), "2014-07-07");
    ck_assert_str_eq(docket_record_get(meeting, "date_end"), "2014-07-11");
    ck_assert_str_eq(docket_record_get(meeting, "location"), "Sophia Antipolis, France");
    ck_assert_str_eq(docket_record_get(json_object_get(meeting, "chair"), "name"), "Ana Lopez");
    ck_assert_str_eq(docket_record_get(json_object_get(meeting, "chair"), "company"), "Gemalto");
    ck_assert_str_eq(docket_record_get(json_object_get(meeting, "secretary"), "name"),
                     "Tomas Berg");
    ck_assert_str_eq(docket_record_get(json_object_get(meeting, "secretary"), "company"),
                     "Example Secretariat");
    ck_assert_uint_eq(json_array_size(json_object_get(meeting, "agenda")), 17);
    ck_assert(has_string(meeting, "agenda", "Access control"));
    ck_assert(has_string(meeting, "specs", "TS-0002"));
    ck_assert(has_string(meeting, "specs", "TS-0001"));
    json_decref(records);
}
END_TEST

START_TEST(arc_record_counts)
{
    json_t *records = parse_file(ARC_FIXTURE);
    ck_assert_uint_eq(count_type(records, "meeting"), 1);
    ck_assert_uint_eq(count_type(records, "contribution"), 12);
    ck_assert_uint_eq(count_type(records, "action"), 6);
    json_decref(records);
}
END_TEST

static const struct {
    const char *doc;
    const char *status;
    const char *agenda_item;
    const char *title;
} arc_status_cases[] = {
    {"ARC-2014-1200", "approved", "1.2", "ARC#12.1 Agenda"},
    {"ARC-2014-1210", "noted", "4", "LS on group identifiers from SEC"},
    {"ARC-2014-1234", "agreed", "6.1", "Resource type <container> clarifications"},
    {"ARC-2014-1260", "agreed", "6.1", "<remoteCSE> attribute clean-up"},
    {"ARC-2014-1240", "withdrawn", "6.1", "Group fan-out call flows"},
    {"ARC-2014-1241", "postponed", "6.1", "Group management call flows"},
    {"ARC-2014-1250", "agreed", "6.2.1", "Access control policy evaluation"},
    {"ARC-2014-1255", "merged", "6.2.2", "Credential provisioning"},
    {"ARC-2014-1301", "noted", "7", "CSE discovery parameters"},
    {"ARC-2014-1302", "agreed", "7", "Announced resources"},
    {"ARC-2014-1303", "withdrawn", "7", "Group fan-out in the protocol"},
    {"ARC-2014-1304", "postponed", "7", "Subscription batching"},
};

START_TEST(arc_contribution_status)
{
    json_t *records = parse_file(ARC_FIXTURE);
    json_t *record = contribution(records, arc_status_cases[_i].doc);
    ck_assert_str_eq(docket_record_get(record, "status"), arc_status_cases[_i].status);
    ck_assert_str_eq(docket_record_get(record, "agenda_item"), arc_status_cases[_i].agenda_item);
    ck_assert_str_eq(docket_record_get(record, "title"), arc_status_cases[_i].title);
    json_decref(records);
}
END_TEST

START_TEST(arc_revised_to)
{
    json_t *records = parse_file(ARC_FIXTURE);
    json_t *record = contribution(records, "ARC-2014-1234");
    json_t *entry = decision_entry(record, "ARC-2014-1234R02");
    json_t *person = json_array_get(json_object_get(record, "contributors"), 0);

    ASSERT_STRINGS(record, "revisions", "ARC-2014-1234R02", "ARC-2014-1234R03");
    ck_assert_str_eq(docket_record_get(entry, "decision"), "revised");
    ck_assert_str_eq(docket_record_get(entry, "revised_to"), "ARC-2014-1234R03");
    ck_assert_str_eq(decision_of(record, "ARC-2014-1234R03"), "agreed");
    ck_assert_str_eq(docket_record_get(person, "name"), "Marta Nowak");
    ck_assert_str_eq(docket_record_get(person, "company"), "Gemalto");
    ASSERT_STRINGS(record, "specs", "TS-0001");
    ck_assert_ptr_nonnull(strstr(docket_record_get(record, "text"),
                                 "2 Participants raised concerns"));
    json_decref(records);
}
END_TEST

START_TEST(arc_decision_without_number)
{
    json_t *records = parse_file(ARC_FIXTURE);
    json_t *record = contribution(records, "ARC-2014-1260");
    json_t *entry = decision_entry(record, "ARC-2014-1260");

    ck_assert_ptr_nonnull(entry);
    ck_assert_str_eq(docket_record_get(entry, "decision"), "revised");
    ck_assert_str_eq(docket_record_get(entry, "revised_to"), "ARC-2014-1260R01");
    ck_assert_str_eq(decision_of(record, "ARC-2014-1260R01"), "agreed");
    ASSERT_STRINGS(record, "revisions", "ARC-2014-1260R01");
    ck_assert(has_string(record, "specs", "TS-0004"));
    json_decref(records);
}
END_TEST

static const struct {
    const char *name;
    const char *company;
    const char *docs;
} arc_presenter_cases[] = {
    {"Kenji Sato", "Example Systems Inc.",
     "ARC-2014-1260,ARC-2014-1240,ARC-2014-1241,ARC-2014-1302"},
    {"Marta Nowak", "Gemalto", "ARC-2014-1234"},
    {"Lucas Meyer", "Giesecke & Devrient", "ARC-2014-1250"},
    {"Priya Raman", "Qualcomm", "ARC-2014-1255"},
};

START_TEST(arc_contributions_by_presenter)
{
    json_t *records = parse_file(ARC_FIXTURE);
    char docs[512];
    contributions_of(records, arc_presenter_cases[_i].name, arc_presenter_cases[_i].company,
                     docs, sizeof docs);
    ck_assert_str_eq(docs, arc_presenter_cases[_i].docs);
    json_decref(records);
}
END_TEST

START_TEST(arc_two_numbers_one_heading)
{
    json_t *records = parse_file(ARC_FIXTURE);
    json_t *first = contribution(records, "ARC-2014-1240");
    json_t *second = contribution(records, "ARC-2014-1241");
    json_t *person = json_array_get(json_object_get(second, "contributors"), 0);

    ck_assert(has_string(first, "related", "ARC-2014-1241"));
    ck_assert(has_string(second, "related", "ARC-2014-1240"));
    ck_assert_str_eq(docket_record_get(person, "name"), "Kenji Sato");
    ck_assert_str_eq(docket_record_get(person, "company"), "Example Systems Inc.");
    ck_assert(has_string(first, "specs", "TS-0004"));
    ck_assert_ptr_null(strstr(docket_record_get(second, "text"), "list postponed documents"));
    ck_assert_ptr_nonnull(find_text(records, "list postponed documents"));
    json_decref(records);
}
END_TEST

START_TEST(arc_repairs_in_block)
{
    json_t *records = parse_file(ARC_FIXTURE);
    json_t *record = contribution(records, "ARC-2014-1250");
    json_t *repairs = json_object_get(record, "repairs");

    ck_assert_str_eq(docket_record_get(record, "agenda_title"), "Access control");
    ck_assert(has_string(record, "specs", "TS-0001"));
    ck_assert(has_string(record, "specs", "TS-0003"));
    ck_assert(has_string(record, "aliases", "ARC-2104-1250R02"));
    ck_assert(has_string(record, "aliases", "ARC-2014-125R02"));
    ck_assert_uint_eq(json_array_size(repairs), 1);
    ck_assert_str_eq(docket_record_get(json_array_get(repairs, 0), "doc"), "ARC-2014-1250R02");
    ck_assert(json_is_true(json_object_get(decision_entry(record, "ARC-2014-1250R01"),
                                           "revision_expected")));
    ck_assert_ptr_null(find_record(records, "doc", "ARC-2014-0125"));
    json_decref(records);
}
END_TEST

START_TEST(arc_merged_with_two_presenters)
{
    json_t *records = parse_file(ARC_FIXTURE);
    json_t *record = contribution(records, "ARC-2014-1255");
    json_t *people = json_object_get(record, "contributors");

    ck_assert_str_eq(docket_record_get(decision_entry(record, "ARC-2014-1255"), "merged_into"),
                     "ARC-2014-1250R02");
    ck_assert(has_string(record, "related", "ARC-2014-1250"));
    ck_assert_uint_eq(json_array_size(people), 2);
    ck_assert_str_eq(docket_record_get(json_array_get(people, 0), "name"), "Priya Raman");
    ck_assert_str_eq(docket_record_get(json_array_get(people, 0), "company"), "Qualcomm");
    ck_assert_str_eq(docket_record_get(json_array_get(people, 1), "name"), "Jonas Weber");
    ck_assert_str_eq(docket_record_get(json_array_get(people, 1), "company"), "LG Electronics");
    json_decref(records);
}
END_TEST

START_TEST(arc_contribution_table)
{
    json_t *records = parse_file(ARC_FIXTURE);
    json_t *revised = contribution(records, "ARC-2014-1302");
    json_t *alone = json_array_get(json_object_get(contribution(records, "ARC-2014-1301"),
                                                   "contributors"), 0);
    json_t *withdrawn = json_array_get(json_object_get(contribution(records, "ARC-2014-1303"),
                                                       "contributors"), 0);

    ASSERT_STRINGS(revised, "revisions", "ARC-2014-1302R01", "ARC-2014-1302R02");
    ck_assert_str_eq(docket_record_get(decision_entry(revised, "ARC-2014-1302R01"), "revised_to"),
                     "ARC-2014-1302R02");
    ck_assert_uint_eq(json_array_size(json_object_get(revised, "contributors")), 1);
    ck_assert_ptr_null(docket_record_get(alone, "name"));
    ck_assert_str_eq(docket_record_get(alone, "company"), "Example Networks Ltd");
    ck_assert_str_eq(docket_record_get(withdrawn, "company"), "Alcatel-Lucent");
    ASSERT_STRINGS(revised, "specs", "TS-0004");
    json_decref(records);
}
END_TEST

static const struct {
    const char *id;
    const char *status;
    const char *owners;
} arc_action_cases[] = {
    {"A-WG2-TP11-001", "closed", "Alcatel-Lucent"},
    {"A-WG2-TP11-002", "open", "Datang,Example Systems Inc."},
    {"A-WG2-TP11-003", "open", ""},
    {"TP10 A-21-004", "ongoing", "Giesecke & Devrient"},
    {"A-WG2-TP12-001", "open", "Giesecke & Devrient"},
    {"A-WG2-TP12-002", "open", "Example Systems Inc.,Qualcomm"},
};

START_TEST(arc_action_rows)
{
    json_t *records = parse_file(ARC_FIXTURE);
    assert_action(records, arc_action_cases[_i].id, arc_action_cases[_i].status,
                  arc_action_cases[_i].owners);
    json_decref(records);
}
END_TEST

START_TEST(arc_action_text)
{
    json_t *records = parse_file(ARC_FIXTURE);
    json_t *inline_update = find_record(records, "action", "A-WG2-TP11-001");
    json_t *new_item = find_record(records, "action", "A-WG2-TP12-001");

    ck_assert_str_eq(docket_record_get(inline_update, "title"),
                     "Align resource naming with the Protocol TS");
    ck_assert_str_eq(docket_record_get(inline_update, "text"), "Text agreed in ARC-2014-1234R03.");
    ck_assert(has_string(inline_update, "specs", "TS-0004"));
    ck_assert_str_eq(docket_record_get(new_item, "title"),
                     "Provide a call flow for access control policy evaluation");
    ck_assert_str_eq(docket_record_get(new_item, "text"),
                     "New at this meeting; input expected for ARC#12.2.");
    ck_assert_str_eq(docket_record_get(new_item, "agenda_item"), "8");
    json_decref(records);
}
END_TEST

/* ---- Small texts ---- */

static const char row_minutes[] =
    "Meeting title: PRO # 5.0 (TP5)\n"
    "Meeting Date: 2013-06-03 to 2013-06-07\n"
    "1 Action items\n";

START_TEST(rows_from_structured_blocks)
{
    docket_text *text = text_from_string("pro.docx", row_minutes);
    static const char *const rows[] = {"Action\tDescription\tOwner\tStatus",
                                       "A-WG3-TP4-001\tDefine the binding\tLead Qualcomm\tOPEN"};
    for (size_t i = 0; i < 2; i++)
        text_add(text, DOCKET_BLOCK_ROW, 4 + (unsigned)i, rows[i], strlen(rows[i]));

    json_t *records = parse_text(text, NULL);
    json_t *action = find_record(records, "action", "A-WG3-TP4-001");
    ck_assert_ptr_nonnull(action);
    ck_assert_str_eq(docket_record_get(action, "title"), "Define the binding");
    ck_assert_str_eq(docket_record_get(action, "status"), "open");
    ck_assert_str_eq(docket_record_get(action, "meeting"), "PRO#5.0");
    ck_assert_str_eq(docket_record_get(action, "date"), "2013-06-03");
    ck_assert(has_string(action, "owners", "Qualcomm"));
    json_decref(records);
    text_free(text);
}
END_TEST

static const char stray_numbers[] =
    "Meeting title: SEC # 1.0\n"
    "1 Opening\n"
    "2 Contributions\n"
    "SEC-2013-0010- Key names\n"
    "Presented by Ana Lopez, Example Ltd\n"
    "9 Participants asked for a figure.\n"
    "SEC-2013-0010 was NOTED.\n"
    "3 Closing\n";

START_TEST(stray_number_not_heading)
{
    docket_text *text = text_from_string("sec.txt", stray_numbers);
    json_t *records = parse_text(text, NULL);
    json_t *meeting = json_array_get(records, 0);
    json_t *record = contribution(records, "SEC-2013-0010");

    ck_assert_uint_eq(json_array_size(json_object_get(meeting, "agenda")), 3);
    ck_assert_str_eq(docket_record_get(record, "text"),
                     "9 Participants asked for a figure.\nSEC-2013-0010 was NOTED.");
    ck_assert_str_eq(docket_record_get(record, "status"), "noted");
    ck_assert_ptr_null(docket_record_get(meeting, "date"));
    json_decref(records);
    text_free(text);
}
END_TEST

START_TEST(empty_text_gives_meeting)
{
    docket_text *text = text_new("empty.txt");
    json_t *records = parse_text(text, NULL);
    json_t *meeting = json_array_get(records, 0);

    ck_assert_uint_eq(json_array_size(records), 1);
    ck_assert_str_eq(docket_record_get(meeting, "type"), "meeting");
    ck_assert_str_eq(docket_record_get(meeting, "title"), "oneM2M minutes");
    ck_assert_ptr_null(docket_record_get(meeting, "wg"));
    ck_assert_ptr_null(json_object_get(meeting, "wg_names"));
    json_decref(records);
    text_free(text);
}
END_TEST

static Suite *onem2m_suite(void)
{
    Suite *suite = suite_create("onem2m");

    TCase *detect = tcase_create("detect");
    tcase_add_test(detect, detect_sec_minutes);
    tcase_add_test(detect, detect_arc_fixture);
    tcase_add_test(detect, detect_rejects_ietf_markdown);
    tcase_add_test(detect, detect_rejects_shared_corpus);
    suite_add_tcase(suite, detect);

    TCase *sec = tcase_create("sec");
    tcase_add_test(sec, sec_meeting_fields);
    tcase_add_test(sec, sec_meeting_officers);
    tcase_add_test(sec, sec_meeting_agenda);
    tcase_add_test(sec, sec_meeting_specs_and_text);
    tcase_add_test(sec, sec_agenda_sections);
    tcase_add_test(sec, sec_record_counts);
    tcase_add_test(sec, sec_common_fields);
    tcase_add_test(sec, sec_0059_revision_chain);
    tcase_add_test(sec, sec_0059_people_and_links);
    tcase_add_loop_test(sec, sec_contributions_by_presenter, 0, N_CASES(presenter_cases));
    tcase_add_loop_test(sec, sec_contribution_status, 0, N_CASES(sec_status_cases));
    tcase_add_test(sec, sec_0044_specs);
    tcase_add_test(sec, sec_0045_letter_o_repair);
    tcase_add_test(sec, sec_two_numbers_one_heading);
    tcase_add_test(sec, sec_repeated_number_in_heading);
    tcase_add_test(sec, sec_company_alone);
    tcase_add_test(sec, sec_ambiguous_number_kept);
    tcase_add_test(sec, sec_decision_words);
    tcase_add_test(sec, sec_year_swap_repair);
    tcase_add_loop_test(sec, sec_heading_specs, 0, N_CASES(sec_heading_spec_cases));
    tcase_add_test(sec, sec_block_text);
    tcase_add_loop_test(sec, sec_action_rows, 0, N_CASES(sec_action_cases));
    tcase_add_test(sec, sec_action_counts);
    tcase_add_test(sec, sec_action_text);
    tcase_add_test(sec, sec_without_aliases);
    tcase_add_test(sec, parse_appends_records);
    suite_add_tcase(suite, sec);

    TCase *arc = tcase_create("arc");
    tcase_add_test(arc, arc_meeting_fields);
    tcase_add_test(arc, arc_record_counts);
    tcase_add_loop_test(arc, arc_contribution_status, 0, N_CASES(arc_status_cases));
    tcase_add_test(arc, arc_revised_to);
    tcase_add_test(arc, arc_decision_without_number);
    tcase_add_loop_test(arc, arc_contributions_by_presenter, 0, N_CASES(arc_presenter_cases));
    tcase_add_test(arc, arc_two_numbers_one_heading);
    tcase_add_test(arc, arc_repairs_in_block);
    tcase_add_test(arc, arc_merged_with_two_presenters);
    tcase_add_test(arc, arc_contribution_table);
    tcase_add_loop_test(arc, arc_action_rows, 0, N_CASES(arc_action_cases));
    tcase_add_test(arc, arc_action_text);
    suite_add_tcase(suite, arc);

    TCase *small = tcase_create("small");
    tcase_add_test(small, rows_from_structured_blocks);
    tcase_add_test(small, stray_number_not_heading);
    tcase_add_test(small, empty_text_gives_meeting);
    suite_add_tcase(suite, small);

    return suite;
}

int main(void)
{
    return test_run_suite(onem2m_suite());
}
