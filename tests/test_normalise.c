/* test_normalise.c: contribution numbers and repairs, specs, decision
 * words, names, meeting ids, dates and alias files. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "docket/normalise.h"

#define ALIASES_PATH DOCKET_SOURCE_DIR "/docs/aliases.txt"

static docket_aliases *load_project_aliases(void)
{
    docket_aliases *aliases = NULL;
    docket_error err = {{0}};
    ck_assert_int_eq(docket_aliases_new(&aliases), DOCKET_OK);
    docket_status status = docket_aliases_load(aliases, ALIASES_PATH, &err);
    ck_assert_msg(status == DOCKET_OK, "%s: %s", docket_status_text(status), err.message);
    return aliases;
}

/* ---- Contribution numbers ---- */

static const struct {
    const char *typed;
    int year;
    const char *block_base;
    const char *number;
    const char *base;
    int revision;
    unsigned repairs;
    bool ambiguous;
} docnum_cases[] = {
    {"SEC-2014-0059R06", 2014, NULL, "SEC-2014-0059R06", "SEC-2014-0059", 6, 0, false},
    {"SEC-2014-0059", 2014, NULL, "SEC-2014-0059", "SEC-2014-0059", -1, 0, false},
    {"SEC-2014-0045Ro1", 2014, NULL, "SEC-2014-0045R01", "SEC-2014-0045", 1,
     DOCKET_REPAIR_REVISION_LETTER, false},
    {"SEC-2104-0216R02", 2014, NULL, "SEC-2014-0216R02", "SEC-2014-0216", 2,
     DOCKET_REPAIR_YEAR_SWAP, false},
    {"SEC-2104-0216R02", 0, NULL, "SEC-2104-0216R02", "SEC-2104-0216", 2, 0, false},
    {"SEC-2104-0216R02", 2015, NULL, "SEC-2104-0216R02", "SEC-2104-0216", 2, 0, false},
    {"SEC-2014-053", 2014, NULL, "SEC-2014-0053", "SEC-2014-0053", -1, DOCKET_REPAIR_PADDED,
     false},
    {"SEC-2014-053", 2014, "SEC-2014-0059", "SEC-2014-0053", "SEC-2014-0053", -1,
     DOCKET_REPAIR_PADDED, false},
    {"SEC-2014-044R03", 2014, "SEC-2014-0044", "SEC-2014-0044R03", "SEC-2014-0044", 3,
     DOCKET_REPAIR_PADDED, false},
    {"SEC-2014-059R06", 2014, "SEC-2014-0054", "SEC-2014-0059R06", "SEC-2014-0059", 6,
     DOCKET_REPAIR_PADDED, false},
    {"SEC-2014-005R04", 2014, "SEC-2014-0055", "SEC-2014-005R04", "SEC-2014-005", 4, 0, true},
    {"SEC-2014-005R04", 2014, NULL, "SEC-2014-0005R04", "SEC-2014-0005", 4,
     DOCKET_REPAIR_PADDED, false},
    {"SEC-2014-005R04", 2014, "ARC-2014-0055", "SEC-2014-0005R04", "SEC-2014-0005", 4,
     DOCKET_REPAIR_PADDED, false},
    {"SEC-2014-218R01", 2014, "SEC-2014-0218", "SEC-2014-0218R01", "SEC-2014-0218", 1,
     DOCKET_REPAIR_PADDED, false},
    {"SEC-2104-054", 2014, "SEC-2014-0059", "SEC-2014-0054", "SEC-2014-0054", -1,
     DOCKET_REPAIR_YEAR_SWAP | DOCKET_REPAIR_PADDED, false},
    {"SEC-2014-0059r6", 2014, NULL, "SEC-2014-0059R06", "SEC-2014-0059", 6, 0, false},
    {"SEC-2014-0059Rev6", 2014, NULL, "SEC-2014-0059R06", "SEC-2014-0059", 6, 0, false},
    {"SEC-2014-0059rev.2", 2014, NULL, "SEC-2014-0059R02", "SEC-2014-0059", 2, 0, false},
    {"SEC-2014-0059 Rev 7", 2014, NULL, "SEC-2014-0059R07", "SEC-2014-0059", 7, 0, false},
    {"ARC-2014-1234R02", 2014, NULL, "ARC-2014-1234R02", "ARC-2014-1234", 2, 0, false},
    {"S2-1812368", 0, NULL, "S2-1812368", "S2-1812368", -1, 0, false},
    {"S2-1812368r02", 0, NULL, "S2-1812368r02", "S2-1812368", 2, 0, false},
};

START_TEST(docnum_repairs)
{
    docket_docnum_context context = {docnum_cases[_i].year, docnum_cases[_i].block_base};
    docket_docnum num;
    docket_status status = docket_docnum_parse(docnum_cases[_i].typed, &context, &num);

    ck_assert_msg(status == DOCKET_OK, "%s not parsed", docnum_cases[_i].typed);
    ck_assert_str_eq(num.typed, docnum_cases[_i].typed);
    ck_assert_str_eq(num.number, docnum_cases[_i].number);
    ck_assert_str_eq(num.base, docnum_cases[_i].base);
    ck_assert_int_eq(num.revision, docnum_cases[_i].revision);
    ck_assert_uint_eq(num.repairs, docnum_cases[_i].repairs);
    ck_assert(num.ambiguous == docnum_cases[_i].ambiguous);
}
END_TEST

START_TEST(docnum_find_in_text)
{
    const char *text = "merged into SEC-2014-059R06. See TS-0001 and A-WG4-TP8-001.";
    docket_docnum num;
    const char *at = docket_docnum_find(text, NULL, &num);

    ck_assert_ptr_nonnull(at);
    ck_assert_int_eq(at - text, 12);
    ck_assert_uint_eq(num.length, strlen("SEC-2014-059R06"));
    ck_assert_str_eq(num.number, "SEC-2014-0059R06");
    ck_assert_ptr_null(docket_docnum_find(at + num.length, NULL, &num));
}
END_TEST

START_TEST(docnum_find_word_boundary)
{
    docket_docnum num;
    ck_assert_ptr_null(docket_docnum_find("xSEC-2014-0001 TS-0001 WG#2", NULL, &num));
    ck_assert_ptr_null(docket_docnum_find("SEC-2014-12345 SEC-2014-12", NULL, &num));
}
END_TEST

START_TEST(docnum_find_special_hyphens)
{
    docket_docnum num;
    ck_assert_ptr_nonnull(docket_docnum_find("S2\xe2\x80\x91" "1812368", NULL, &num));
    ck_assert_str_eq(num.number, "S2-1812368");
    ck_assert_ptr_nonnull(docket_docnum_find("SEC\x1e" "2014\x1e" "0044R01", NULL, &num));
    ck_assert_str_eq(num.number, "SEC-2014-0044R01");
}
END_TEST

START_TEST(docnum_parse_rejects)
{
    docket_docnum num;
    ck_assert_int_eq(docket_docnum_parse("hello", NULL, &num), DOCKET_ERR_INVALID_INPUT);
    ck_assert_int_eq(docket_docnum_parse("SEC-2014-0059 and more", NULL, &num),
                     DOCKET_ERR_INVALID_INPUT);
    ck_assert_int_eq(docket_docnum_parse("TS-0001", NULL, &num), DOCKET_ERR_INVALID_INPUT);
}
END_TEST

/* ---- Specs ---- */

static const struct {
    const char *text;
    const char *spec; /* NULL when none is expected */
} spec_cases[] = {
    {"affecting TS-0001", "TS-0001"},
    {"see TS 0001.", "TS-0001"},
    {"TS0003", "TS-0003"},
    {"clean-up of TR-0008,", "TR-0008"},
    {"completion of WI-0007", "WI-0007"},
    {"3GPP TS 23.501 clause 5", "TS 23.501"},
    {"TR 33.848", "TR 33.848"},
    {"RFC 9110", "RFC9110"},
    {"(RFC9110)", "RFC9110"},
    {"ETSI TS 102 690", NULL},
    {"STS-0001", NULL},
    {"TS-00012", NULL},
};

START_TEST(spec_find_references)
{
    char spec[DOCKET_SPEC_SIZE];
    size_t length = 0;
    const char *at = docket_spec_find(spec_cases[_i].text, spec, &length);

    if (!spec_cases[_i].spec) {
        ck_assert_msg(at == NULL, "found %s in %s", spec, spec_cases[_i].text);
        return;
    }
    ck_assert_msg(at != NULL, "nothing found in %s", spec_cases[_i].text);
    ck_assert_str_eq(spec, spec_cases[_i].spec);
    ck_assert_uint_gt(length, 0);
}
END_TEST

typedef struct spec_list {
    char specs[8][DOCKET_SPEC_SIZE];
    int count;
} spec_list;

static docket_status collect_spec(const char *spec, void *data)
{
    spec_list *list = data;
    for (int i = 0; i < list->count; i++) {
        if (strcmp(list->specs[i], spec) == 0)
            return DOCKET_OK;
    }
    if (list->count < 8)
        snprintf(list->specs[list->count++], DOCKET_SPEC_SIZE, "%s", spec);
    return DOCKET_OK;
}

static const struct {
    const char *text;
    const char *spec; /* NULL when none is expected */
} spec_name_cases[] = {
    {"text proposal for ARC TS", "TS-0001"},
    {"input into the Architecture Technical Specification on", "TS-0001"},
    {"subsection 6.2.10 of the Architecture TS.", "TS-0001"},
    {"update for the Security TS.", "TS-0003"},
    {"The security technical-specification is", "TS-0003"},
    {"Completion and freeze of Security Analysis TR", "TR-0008"},
    {"updates to the Security Technical Report.", "TR-0008"},
    {"the Security TSs", NULL},
    {"the ARCTIC TS", NULL},
};

START_TEST(spec_scan_names)
{
    docket_aliases *aliases = load_project_aliases();
    spec_list list = {.count = 0};

    ck_assert_int_eq(docket_specs_scan(aliases, spec_name_cases[_i].text, collect_spec, &list),
                     DOCKET_OK);
    if (spec_name_cases[_i].spec) {
        ck_assert_int_eq(list.count, 1);
        ck_assert_str_eq(list.specs[0], spec_name_cases[_i].spec);
    } else {
        ck_assert_int_eq(list.count, 0);
    }
    docket_aliases_free(aliases);
}
END_TEST

START_TEST(spec_scan_without_aliases)
{
    spec_list list = {.count = 0};
    ck_assert_int_eq(docket_specs_scan(NULL, "ARC TS and TS-0003", collect_spec, &list),
                     DOCKET_OK);
    ck_assert_int_eq(list.count, 1);
    ck_assert_str_eq(list.specs[0], "TS-0003");
}
END_TEST

/* ---- Decision words ---- */

static const struct {
    const char *text;
    const char *decision; /* NULL when none is expected */
    size_t length;
} decision_cases[] = {
    {"NOTED.", "noted", 5},
    {"noted", "noted", 5},
    {"Noted, a revision is expected", "noted", 5},
    {"AGREED for sharing with WG#2", "agreed", 6},
    {"agreed NOTED.", "noted", 12},
    {"REVISED to ARC-2014-1234R03", "revised", 7},
    {"WITHDRAWN", "withdrawn", 9},
    {"POSTPONED", "postponed", 9},
    {"APPROVED", "approved", 8},
    {"ENDORSED", "endorsed", 8},
    {"MERGED into SEC-2014-0059", "merged", 6},
    {"not handled", "not-handled", 11},
    {"revision expected", "revision-expected", 17},
    {"ONGOING", "ongoing", 7},
    {"On-going", "ongoing", 8},
    {" CLOSED ", "closed", 7},
    {"subsequently uploaded", NULL, 0},
    {"notedly", NULL, 0},
};

START_TEST(decision_words)
{
    size_t length = 99;
    const char *decision = docket_decision_word(decision_cases[_i].text, &length);

    if (!decision_cases[_i].decision) {
        ck_assert_ptr_null(decision);
        return;
    }
    ck_assert_ptr_nonnull(decision);
    ck_assert_str_eq(decision, decision_cases[_i].decision);
    ck_assert_uint_eq(length, decision_cases[_i].length);
}
END_TEST

/* ---- People and companies ---- */

static const struct {
    const char *typed;
    const char *name; /* NULL when the name is empty */
} person_cases[] = {
    {"Mireille PAULIAC", "Mireille Pauliac"},
    {"Shingo, Fujimoto", "Shingo Fujimoto"},
    {"  Wei   Zhou ", "Wei Zhou"},
    {"JEAN-PIERRE DUPONT", "Jean-Pierre Dupont"},
    {"Sean O'BRIEN", "Sean O'Brien"},
    {"Jos\xc3\xa9 M\xc3\x9cLLER", "Jos\xc3\xa9 M\xc3\xbcller"},
    {"J. R. Smith", "J. R. Smith"},
    {"Nicole Butler,  nbutler@atis.org", "Nicole Butler"},
    {"  ", NULL},
};

START_TEST(person_names)
{
    char *name = NULL;
    ck_assert_int_eq(docket_person_normalise(NULL, person_cases[_i].typed, &name), DOCKET_OK);
    if (person_cases[_i].name) {
        ck_assert_ptr_nonnull(name);
        ck_assert_str_eq(name, person_cases[_i].name);
    } else {
        ck_assert_ptr_null(name);
    }
    free(name);
}
END_TEST

static const struct {
    const char *typed;
    const char *company;
} company_cases[] = {
    {"Gemalto N. V. (ETSI)", "Gemalto"},
    {"Gemalto N. V", "Gemalto"},
    {"Gemalto N.V.", "Gemalto"},
    {"Gemalto N. V (ETSI", "Gemalto"},
    {"GEMALTO", "Gemalto"},
    {"Datang Telecom Technology@Industry Holdings Co., LTD", "Datang"},
    {"AlcatelLucent", "Alcatel-Lucent"},
    {"Giesecke & Devrient GmbH", "Giesecke & Devrient"},
    {"(Qualcomm )", "Qualcomm"},
    {"Oberthur Technologies", "Oberthur Technologies"},
    {"Example Systems Inc. (TTA)", "Example Systems Inc."},
    {"Example (Europe) Ltd", "Example (Europe) Ltd"},
};

START_TEST(company_names)
{
    docket_aliases *aliases = load_project_aliases();
    char *company = NULL;

    ck_assert_int_eq(docket_company_normalise(aliases, company_cases[_i].typed, &company),
                     DOCKET_OK);
    ck_assert_ptr_nonnull(company);
    ck_assert_str_eq(company, company_cases[_i].company);
    free(company);
    docket_aliases_free(aliases);
}
END_TEST

START_TEST(company_without_aliases)
{
    char *company = NULL;
    ck_assert_int_eq(docket_company_normalise(NULL, "Gemalto N. V (ETSI", &company), DOCKET_OK);
    ck_assert_str_eq(company, "Gemalto N. V");
    free(company);
    ck_assert_int_eq(docket_company_normalise(NULL, " , ", &company), DOCKET_OK);
    ck_assert_ptr_null(company);
}
END_TEST

START_TEST(person_alias)
{
    docket_aliases *aliases = load_project_aliases();
    char *name = NULL;
    ck_assert_int_eq(docket_person_normalise(aliases, "mireille pauliac", &name), DOCKET_OK);
    ck_assert_str_eq(name, "Mireille Pauliac");
    free(name);
    docket_aliases_free(aliases);
}
END_TEST

/* ---- Meeting ids and dates ---- */

static const struct {
    const char *text;
    const char *id; /* NULL when none is expected */
} meeting_cases[] = {
    {"SEC # 9.0 (TP9 ordinary WG4 F2F)", "SEC#9.0"},
    {"ARC#12.1", "ARC#12.1"},
    {"plenary TP#11 in May", "TP#11"},
    {"SA2#128bis", "SA2#128bis"},
    {"no meeting here", NULL},
    {"# 9", NULL},
};

START_TEST(meeting_ids)
{
    char id[32] = "";
    bool found = docket_meeting_id(meeting_cases[_i].text, id, sizeof id);
    if (!meeting_cases[_i].id) {
        ck_assert(!found);
        return;
    }
    ck_assert(found);
    ck_assert_str_eq(id, meeting_cases[_i].id);
}
END_TEST

static const struct {
    const char *text;
    const char *start; /* NULL when no date is expected */
    const char *end;
} date_cases[] = {
    {"2014-02-17 to 2014-02-22", "2014-02-17", "2014-02-22"},
    {"2014-02-17", "2014-02-17", "2014-02-17"},
    {"7-11 July 2014", "2014-07-07", "2014-07-11"},
    {"July 7 - 11, 2014", "2014-07-07", "2014-07-11"},
    {"30 June - 4 July 2014", "2014-06-30", "2014-07-04"},
    {"sometime next year", NULL, NULL},
};

START_TEST(date_ranges)
{
    char start[11] = "", end[11] = "";
    bool found = docket_date_range(date_cases[_i].text, start, end);
    if (!date_cases[_i].start) {
        ck_assert(!found);
        return;
    }
    ck_assert(found);
    ck_assert_str_eq(start, date_cases[_i].start);
    ck_assert_str_eq(end, date_cases[_i].end);
}
END_TEST

/* ---- Alias files ---- */

static const char alias_text[] =
    "# test aliases\n"
    "[specs]\n"
    "TS-0001 = ARC TS | Architecture TS\n"
    "\n"
    "[companies]\n"
    "Example Corp = Example Corporation | EXAMPLE CORP. (ETSI)\n"
    "Other =\n"
    "[people]\n"
    "Ana Lopez = LOPEZ Ana\n"
    "[wg oneM2M]\n"
    "SEC = WG4 | Security\n"
    "[wg 3GPP]\n"
    "SA2 = SA WG2\n"
    "[companies]\n"
    "Example Inc = Example Corporation\n";

START_TEST(aliases_file_lookup)
{
    char *dir = test_make_temp_dir();
    char *path = test_write_file(dir, "aliases.txt", alias_text, strlen(alias_text));
    docket_aliases *aliases = NULL;
    docket_error err = {{0}};

    ck_assert_int_eq(docket_aliases_new(&aliases), DOCKET_OK);
    ck_assert_int_eq(docket_aliases_load(aliases, path, &err), DOCKET_OK);
    ck_assert_str_eq(docket_aliases_lookup(aliases, DOCKET_ALIAS_SPEC, "architecture-ts"),
                     "TS-0001");
    ck_assert_str_eq(docket_aliases_lookup(aliases, DOCKET_ALIAS_COMPANY, "Example Corp (ETSI)"),
                     "Example Corp");
    ck_assert_str_eq(docket_aliases_lookup(aliases, DOCKET_ALIAS_COMPANY, "OTHER"), "Other");
    ck_assert_str_eq(docket_aliases_lookup(aliases, DOCKET_ALIAS_PERSON, "Lopez, Ana"),
                     "Ana Lopez");
    ck_assert_ptr_null(docket_aliases_lookup(aliases, DOCKET_ALIAS_COMPANY, "Nobody"));
    ck_assert_ptr_null(docket_aliases_lookup(aliases, DOCKET_ALIAS_WG, "WG4"));

    docket_aliases_free(aliases);
    test_remove_tree(dir);
    free(path);
    free(dir);
}
END_TEST

START_TEST(aliases_later_entry_wins)
{
    docket_aliases *aliases = NULL;
    ck_assert_int_eq(docket_aliases_new(&aliases), DOCKET_OK);
    ck_assert_int_eq(docket_aliases_parse(aliases, "t", alias_text, strlen(alias_text), NULL),
                     DOCKET_OK);
    ck_assert_str_eq(docket_aliases_lookup(aliases, DOCKET_ALIAS_COMPANY, "Example Corporation"),
                     "Example Inc");
    docket_aliases_free(aliases);
}
END_TEST

START_TEST(aliases_wg_by_body)
{
    docket_aliases *aliases = NULL;
    const char *names[4];
    ck_assert_int_eq(docket_aliases_new(&aliases), DOCKET_OK);
    ck_assert_int_eq(docket_aliases_parse(aliases, "t", alias_text, strlen(alias_text), NULL),
                     DOCKET_OK);

    ck_assert_str_eq(docket_aliases_wg(aliases, "oneM2M", "WG4"), "SEC");
    ck_assert_str_eq(docket_aliases_wg(aliases, "onem2m", "sec"), "SEC");
    ck_assert_ptr_null(docket_aliases_wg(aliases, "3GPP", "WG4"));
    ck_assert_str_eq(docket_aliases_wg(aliases, "3GPP", "SA WG2"), "SA2");
    ck_assert_uint_eq(docket_aliases_wg_names(aliases, "oneM2M", "SEC", names, 4), 3);
    ck_assert_str_eq(names[0], "SEC");
    ck_assert_str_eq(names[1], "WG4");
    ck_assert_str_eq(names[2], "Security");
    ck_assert_uint_eq(docket_aliases_wg_names(aliases, "oneM2M", "WG4", names, 4), 0);
    docket_aliases_free(aliases);
}
END_TEST

START_TEST(aliases_project_file)
{
    docket_aliases *aliases = load_project_aliases();
    const char *names[4];

    ck_assert_str_eq(docket_aliases_lookup(aliases, DOCKET_ALIAS_SPEC, "Security TR"), "TR-0008");
    ck_assert_str_eq(docket_aliases_lookup(aliases, DOCKET_ALIAS_SPEC, "Security Analysis TR"),
                     "TR-0008");
    ck_assert_str_eq(docket_aliases_lookup(aliases, DOCKET_ALIAS_SPEC,
                                           "Security Technical Specification"),
                     "TS-0003");
    ck_assert_str_eq(docket_aliases_wg(aliases, "oneM2M", "WG2"), "ARC");
    ck_assert_str_eq(docket_aliases_wg(aliases, "oneM2M", "WG6"), "TST");
    ck_assert_uint_eq(docket_aliases_wg_names(aliases, "oneM2M", "SEC", names, 4), 2);
    ck_assert_str_eq(names[1], "WG4");
    docket_aliases_free(aliases);
}
END_TEST

static const struct {
    const char *text;
    const char *message; /* expected error message */
} malformed_cases[] = {
    {"[companies]\nGood = Fine\nno equals sign\n", "bad.txt:3: missing '='"},
    {"Orphan = entry\n", "bad.txt:1: entry before the first section header"},
    {"# c\n[vendors]\n", "bad.txt:2: unknown section"},
    {"[specs\n", "bad.txt:1: section header without a closing ']'"},
    {"[people]\n = Nobody\n", "bad.txt:2: empty canonical name"},
    {"[specs]\nTS-0001 = A || B\n", "bad.txt:2: empty alias"},
    {"[wg ]\n", "bad.txt:1: unknown section"},
};

START_TEST(aliases_malformed_line)
{
    docket_aliases *aliases = NULL;
    docket_error err = {{0}};
    const char *text = malformed_cases[_i].text;

    ck_assert_int_eq(docket_aliases_new(&aliases), DOCKET_OK);
    ck_assert_int_eq(docket_aliases_parse(aliases, "bad.txt", text, strlen(text), &err),
                     DOCKET_ERR_INVALID_INPUT);
    ck_assert_msg(strncmp(err.message, malformed_cases[_i].message,
                          strlen(malformed_cases[_i].message)) == 0,
                  "message \"%s\", expected \"%s...\"", err.message, malformed_cases[_i].message);
    docket_aliases_free(aliases);
}
END_TEST

START_TEST(aliases_file_error_names_path)
{
    char *dir = test_make_temp_dir();
    const char *text = "[companies]\nA = B\n\nbroken line\n";
    char *path = test_write_file(dir, "mine.txt", text, strlen(text));
    docket_aliases *aliases = NULL;
    docket_error err = {{0}};
    char expected[4200];

    snprintf(expected, sizeof expected, "%s:4: ", path);
    ck_assert_int_eq(docket_aliases_new(&aliases), DOCKET_OK);
    ck_assert_int_eq(docket_aliases_load(aliases, path, &err), DOCKET_ERR_INVALID_INPUT);
    ck_assert_msg(strncmp(err.message, expected, strlen(expected)) == 0, "message \"%s\"",
                  err.message);

    docket_aliases_free(aliases);
    test_remove_tree(dir);
    free(path);
    free(dir);
}
END_TEST

START_TEST(aliases_missing_file)
{
    docket_aliases *aliases = NULL;
    docket_error err = {{0}};
    ck_assert_int_eq(docket_aliases_new(&aliases), DOCKET_OK);
    ck_assert_int_eq(docket_aliases_load(aliases, "/nonexistent/aliases.txt", &err),
                     DOCKET_ERR_IO);
    ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/aliases.txt"));
    docket_aliases_free(aliases);
}
END_TEST

START_TEST(aliases_null_table)
{
    ck_assert_ptr_null(docket_aliases_lookup(NULL, DOCKET_ALIAS_COMPANY, "Gemalto"));
    ck_assert_ptr_null(docket_aliases_wg(NULL, "oneM2M", "WG4"));
    docket_aliases_free(NULL);
}
END_TEST

#define N_CASES(table) ((int)(sizeof table / sizeof table[0]))

static Suite *normalise_suite(void)
{
    Suite *suite = suite_create("normalise");

    TCase *numbers = tcase_create("docnum");
    tcase_add_loop_test(numbers, docnum_repairs, 0, N_CASES(docnum_cases));
    tcase_add_test(numbers, docnum_find_in_text);
    tcase_add_test(numbers, docnum_find_word_boundary);
    tcase_add_test(numbers, docnum_find_special_hyphens);
    tcase_add_test(numbers, docnum_parse_rejects);
    suite_add_tcase(suite, numbers);

    TCase *specs = tcase_create("specs");
    tcase_add_loop_test(specs, spec_find_references, 0, N_CASES(spec_cases));
    tcase_add_loop_test(specs, spec_scan_names, 0, N_CASES(spec_name_cases));
    tcase_add_test(specs, spec_scan_without_aliases);
    suite_add_tcase(suite, specs);

    TCase *words = tcase_create("words");
    tcase_add_loop_test(words, decision_words, 0, N_CASES(decision_cases));
    tcase_add_loop_test(words, meeting_ids, 0, N_CASES(meeting_cases));
    tcase_add_loop_test(words, date_ranges, 0, N_CASES(date_cases));
    suite_add_tcase(suite, words);

    TCase *names = tcase_create("names");
    tcase_add_loop_test(names, person_names, 0, N_CASES(person_cases));
    tcase_add_loop_test(names, company_names, 0, N_CASES(company_cases));
    tcase_add_test(names, company_without_aliases);
    tcase_add_test(names, person_alias);
    suite_add_tcase(suite, names);

    TCase *files = tcase_create("aliases");
    tcase_add_test(files, aliases_file_lookup);
    tcase_add_test(files, aliases_later_entry_wins);
    tcase_add_test(files, aliases_wg_by_body);
    tcase_add_test(files, aliases_project_file);
    tcase_add_loop_test(files, aliases_malformed_line, 0, N_CASES(malformed_cases));
    tcase_add_test(files, aliases_file_error_names_path);
    tcase_add_test(files, aliases_missing_file);
    tcase_add_test(files, aliases_null_table);
    suite_add_tcase(suite, files);

    return suite;
}

int main(void)
{
    return test_run_suite(normalise_suite());
}
