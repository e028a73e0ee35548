/* minutes_roster.c: participants of minutes: tables with name and
 * affiliation columns, and lists of "Name, Company" under a participant
 * label or heading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/record.h"
#include "minutes.h"
#include "normalise_private.h"

/* ---- Participants ---- */

typedef struct min_person {
    char name[MIN_NAME_BYTES];
    char company[MIN_NAME_BYTES]; /* "" when none */
} min_person;

/* Affiliations that name no company. */
static bool no_company(const char *company)
{
    bool letter = false;
    for (const char *c = company; *c && !letter; c++)
        letter = ascii_alpha((unsigned char)*c) || min_capital_at(c);
    if (!letter)
        return true; /* "", "-", "???" */
    static const char *const none[] = {"individual", "no affiliation", "none", "n/a", "-",
                                       "self", "independent", "unaffiliated"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        if (strlen(company) == strlen(none[i]) && starts_with_nocase(company, none[i]))
            return true;
    }
    return false;
}

/* Text in brackets after a name that is no company: an e-mail address
 * written out ("marco dot tiloca at ri dot se") or a role. */
static bool is_note(const char *text)
{
    static const char *const notes[] = {"@", " at ", " dot ", "chair", "member", "observer",
                                        "secretary", "editor", "remote", "chat", "present",
                                        "stand-in", "scribe", "presenter", "ad", "voting",
                                        "startup"};
    char lower[MIN_NAME_BYTES];
    snprintf(lower, sizeof lower, " %s ", text);
    for (char *c = lower; *c; c++)
        *c = (char)ascii_tolower((unsigned char)*c);
    for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
        if (strstr(lower, notes[i]))
            return true;
    }
    return false;
}

/* Drop a trailing "(...)" group from `s`. */
static void drop_bracket_suffix(char *s)
{
    size_t len = strlen(s);
    char *open = strrchr(s, '(');
    if (len && s[len - 1] == ')' && open && open > s)
        *open = '\0';
    min_trim(s);
}

/* Drop words holding '@' (e-mail addresses after a name). */
static void drop_email_words(char *s)
{
    char *at;
    while ((at = strchr(s, '@')) != NULL) {
        char *start = at, *end = at;
        while (start > s && start[-1] != ' ')
            start--;
        while (*end && *end != ' ')
            end++;
        memmove(start, end, strlen(end) + 1);
    }
    min_trim(s);
}

/* Read "Name, Company (role)", "Name<tab>Company", "Name (Company)" or
 * "Name". */
static bool parse_person(const char *content, min_person *out)
{
    char line[2 * MIN_NAME_BYTES];
    if (strlen(content) >= sizeof line)
        return false;
    snprintf(line, sizeof line, "%s", content);
    char *tab = strchr(line, '\t');
    if (tab)
        *tab = ',';
    min_plain(line);

    char *comma = strchr(line, ',');
    size_t len = strlen(line);
    char *open = strrchr(line, '(');
    out->company[0] = '\0';
    if (comma) {
        *comma = '\0';
        snprintf(out->company, sizeof out->company, "%s", comma + 1);
        drop_bracket_suffix(out->company);
    } else if (len && line[len - 1] == ')' && open && open > line) {
        line[len - 1] = '\0';
        *open = '\0';
        if (!is_note(open + 1))
            snprintf(out->company, sizeof out->company, "%s", open + 1);
    }
    drop_bracket_suffix(line);
    drop_email_words(line);
    min_copy(out->name, sizeof out->name, line);
    min_utf8_cut(out->company);
    min_trim(out->company);
    if (no_company(out->company) || strchr(out->company, ':'))
        out->company[0] = '\0';
    return min_full_name_words(out->name) > 0;
}

static void add_participant(min_parser *p, const char *typed_name, const char *typed_company)
{
    char name[MIN_NAME_BYTES], *company = NULL;
    min_person_name(p, typed_name, name, sizeof name);
    if (p->status == DOCKET_OK && typed_company[0])
        min_fail(p, docket_company_normalise(p->aliases, typed_company, &company));

    if (p->status == DOCKET_OK && name[0]) {
        min_fail(p, docket_record_add_contributor(p->current, name, company));
        if (p->current != p->meeting)
            min_fail(p, docket_record_add_contributor(p->meeting, name, company));
        min_add_name(p, name);
        p->roster_people++;
    }
    free(company);
}

static bool names_roster(const char *title)
{
    static const char *const words[] = {"participants", "attendees", "attendance", "blue sheet",
                                        "bluesheet", "present"};
    for (const char *s = title; *s; s++) {
        if (s > title && ascii_alpha((unsigned char)s[-1]))
            continue;
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
            size_t n = strlen(words[i]);
            if (starts_with_nocase(s, words[i]) && (!ascii_alpha((unsigned char)s[n]) || s[n] == 's'))
                return true;
        }
    }
    return false;
}

void min_roster_heading(min_parser *p, const char *title)
{
    p->roster = p->id.roster_document || names_roster(title) ? MIN_ROSTER_SECTION
                                                              : MIN_ROSTER_NONE;
    p->roster_people = 0;
}

void min_roster_blank(min_parser *p)
{
    if (p->roster == MIN_ROSTER_LABEL && p->roster_people > 0)
        p->roster = MIN_ROSTER_NONE;
}

/* Return the value after a participant label ("Participants:", "Chairs
 * (core-chairs@ietf.org):", "Attendees"), "" when it is on the next lines,
 * or NULL when the line is no such label. */
static const char *roster_value(const char *content)
{
    static const char *const labels[] = {"participants", "attendees", "attendance", "present",
                                         "chairs",       "chair",     "blue sheets", "blue sheet",
                                         "bluesheets",   "bluesheet"};
    const char *s = content;
    while (*s == '*' || *s == '_')
        s++;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        size_t n = strlen(labels[i]);
        if (!starts_with_nocase(s, labels[i]) || ascii_alpha((unsigned char)s[n]))
            continue;
        const char *after = s + n;
        while (*after == ' ')
            after++;
        if (*after == '(' && strchr(after, ')'))
            after = strchr(after, ')') + 1;
        while (*after == ' ' || *after == '*' || *after == '_')
            after++;
        if (*after == ':')
            after++;
        else if (*after)
            return NULL;
        while (*after == ' ')
            after++;
        return after;
    }
    return NULL;
}

bool min_match_roster_label(min_parser *p, const min_line *line)
{
    return roster_value(line->content) != NULL;
}

void min_handle_roster_label(min_parser *p, const min_line *line)
{
    const char *value = roster_value(line->content);
    min_person person;
    min_append_body(p, line->content);
    p->roster = MIN_ROSTER_LABEL;
    p->roster_people = 0;
    if (*value && parse_person(value, &person))
        add_participant(p, person.name, person.company);
}

bool min_match_roster_entry(min_parser *p, const min_line *line)
{
    min_person person;
    if (p->roster == MIN_ROSTER_NONE)
        return false;
    if (parse_person(line->content, &person))
        return true;
    if (p->roster == MIN_ROSTER_LABEL)
        p->roster = MIN_ROSTER_NONE;
    return false;
}

void min_handle_roster_entry(min_parser *p, const min_line *line)
{
    min_person person;
    min_append_body(p, line->content);
    if (parse_person(line->content, &person))
        add_participant(p, person.name, person.company);
}

/* ---- Participant tables ---- */

static bool cell_names(const char *cell, const char *word)
{
    for (const char *s = cell; *s; s++) {
        if (starts_with_nocase(s, word))
            return true;
    }
    return false;
}

static void read_columns(min_columns *columns, const min_line *line)
{
    columns->given = columns->family = columns->name = columns->affiliation = columns->present = -1;
    columns->header_seen = true;
    for (size_t i = 0; i < line->cell_count; i++) {
        const char *cell = line->cells[i];
        int column = (int)i;
        if (cell_names(cell, "given") || cell_names(cell, "first name"))
            columns->given = column;
        else if (cell_names(cell, "family") || cell_names(cell, "last name") ||
                 cell_names(cell, "surname"))
            columns->family = column;
        else if (starts_with_nocase(cell, "name") || cell_names(cell, "full name") ||
                 cell_names(cell, "participant"))
            columns->name = column;
        else if (cell_names(cell, "affiliation") || cell_names(cell, "company") ||
                 cell_names(cell, "organi"))
            columns->affiliation = column;
        else if (cell_names(cell, "present") || cell_names(cell, "attend"))
            columns->present = column;
    }
}

static const char *cell_at(const min_line *line, int column)
{
    return column >= 0 && (size_t)column < line->cell_count ? line->cells[column] : "";
}

/* The name of a table row: "Given Family" from two columns, or one name
 * column, written "Given Family" or "Family, Given". */
static void table_name(const min_line *line, const min_columns *c, char *name, size_t size)
{
    const char *full = cell_at(line, c->name);
    const char *comma = strchr(full, ',');
    if (c->given >= 0)
        snprintf(name, size, "%s %s", cell_at(line, c->given), cell_at(line, c->family));
    else if (comma && !strchr(comma + 1, ','))
        snprintf(name, size, "%s %.*s", comma + 1, (int)(comma - full), full);
    else
        snprintf(name, size, "%s", full);
    min_utf8_cut(name);
    min_plain(name);
    min_trim(name);
}

bool min_match_table_row(min_parser *p, const min_line *line)
{
    return line->kind == DOCKET_BLOCK_ROW && line->cell_count > 0;
}

void min_handle_table_row(min_parser *p, const min_line *line)
{
    min_append_body(p, line->content);
    if (!p->columns.header_seen) {
        read_columns(&p->columns, line);
        return;
    }
    const min_columns *c = &p->columns;
    if (c->given < 0 && c->name < 0)
        return;
    if (starts_with_nocase(cell_at(line, c->present), "no"))
        return;

    char name[MIN_NAME_BYTES];
    table_name(line, c, name, sizeof name);

    char company[MIN_NAME_BYTES];
    snprintf(company, sizeof company, "%s", cell_at(line, c->affiliation));
    min_utf8_cut(company);
    min_trim(company);
    if (no_company(company))
        company[0] = '\0';
    if (name[0] && min_capital_at(name))
        add_participant(p, name, company);
}
