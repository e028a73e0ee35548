/* onem2m_agenda.c: the cover page, agenda headings and the meeting record
 * of oneM2M minutes. */
#include <stdlib.h>
#include <string.h>

#include "docket/record.h"
#include "normalise_private.h"
#include "onem2m.h"

/* ---- Agenda headings ---- */

/* Read a heading number ("7", "7.2", "6.2.1.") into `parts`. Return the
 * bytes it spans, 0 when `s` does not start with one that ends at a space
 * or at the end of the line. */
static size_t read_heading_number(const char *s, int parts[M2M_MAX_DEPTH], int *length)
{
    size_t at = 0;
    *length = 0;
    for (;;) {
        size_t n = 0;
        while (n < 3 && ascii_digit((unsigned char)s[at + n]))
            n++;
        if (n == 0 || n > 2 || *length == M2M_MAX_DEPTH)
            return 0;
        parts[(*length)++] = atoi(s + at);
        at += n;
        if (s[at] == '.' && ascii_digit((unsigned char)s[at + 1])) {
            at++;
            continue;
        }
        if (s[at] == '.')
            at++;
        break;
    }
    return (s[at] == '\0' || ascii_space((unsigned char)s[at])) ? at : 0;
}

/* Return true when heading number `parts` can follow the last one: a
 * child numbered up to 3 at each new level (the first heading is a child
 * of nothing), or a later sibling of the last heading or of one of its
 * parents, at most 3 further on. */
static bool number_follows(const m2m_parser *p, const int *parts, int length)
{
    int i = 0;
    while (i < length && i < p->last_length && parts[i] == p->last_number[i])
        i++;
    if (i == length)
        return false;
    if (i == p->last_length) {
        for (int k = i; k < length; k++) {
            if (parts[k] > 3)
                return false;
        }
        return true;
    }
    return parts[i] > p->last_number[i] && parts[i] - p->last_number[i] <= 3;
}

/* Return the title after a heading number, or NULL when the line is not
 * a heading, or "" for a number alone. */
static const char *heading_title(const m2m_parser *p, const m2m_line *line, int *parts,
                                 int *length)
{
    size_t n = read_heading_number(line->content, parts, length);
    if (!n || line->bulleted || line->cell_count > 1 || strlen(line->content) > 200)
        return NULL;

    const char *title = line->content + n;
    while (ascii_space((unsigned char)*title))
        title++;
    unsigned char first = (unsigned char)*title;
    if (first && !ascii_upper(first) && first != '(' && first < 0x80)
        return NULL;
    return number_follows(p, parts, *length) ? title : NULL;
}

bool m2m_match_agenda_heading(m2m_parser *p, const m2m_line *line)
{
    int parts[M2M_MAX_DEPTH], length;
    return line->kind == DOCKET_BLOCK_HEADING || heading_title(p, line, parts, &length);
}

static bool is_action_title(const char *title)
{
    for (const char *s = title; *s; s++) {
        if (starts_with_nocase(s, "action item"))
            return true;
    }
    return false;
}

static void heading_free(m2m_heading *heading)
{
    free(heading->title);
    json_decref(heading->specs);
    memset(heading, 0, sizeof *heading);
}

void m2m_headings_free(m2m_parser *p)
{
    for (int i = 0; i < M2M_MAX_DEPTH; i++)
        heading_free(&p->headings[i]);
}

static docket_status add_spec_to_array(const char *spec, void *data)
{
    json_t *specs = data;
    size_t index;
    json_t *item;
    json_array_foreach(specs, index, item) {
        if (strcmp(json_string_value(item), spec) == 0)
            return DOCKET_OK;
    }
    return json_array_append_new(specs, json_string(spec)) == 0 ? DOCKET_OK
                                                               : DOCKET_ERR_NO_MEMORY;
}

/* Start agenda item `number` ("" when unnumbered) at `depth` (1 for the
 * top), whose heading starts at `line`. */
static void open_heading(m2m_parser *p, const char *number, int depth, const char *title,
                         unsigned line)
{
    m2m_close_block(p);
    m2m_flush_action(p);
    p->section = NULL;
    if (depth < 1)
        depth = 1;
    if (depth > M2M_MAX_DEPTH)
        depth = M2M_MAX_DEPTH;
    for (int i = depth - 1; i < M2M_MAX_DEPTH; i++)
        heading_free(&p->headings[i]);
    p->depth = depth;

    m2m_heading *heading = &p->headings[depth - 1];
    snprintf(heading->number, sizeof heading->number, "%s", number);
    heading->line = line;
    heading->title = m2m_strndup(p, title, strlen(title));
    heading->specs = json_array();
    if (!heading->title || !heading->specs) {
        m2m_fail(p, DOCKET_ERR_NO_MEMORY);
        return;
    }
    m2m_fail(p, docket_specs_scan(p->aliases, title, add_spec_to_array, heading->specs));

    p->region = is_action_title(title) ? M2M_ACTIONS : M2M_AGENDA;
    m2m_add(p, p->meeting, "agenda", title);
}

/* Remember a numbered heading's parts for number_follows. */
static void keep_number(m2m_parser *p, const int *parts, int length)
{
    memcpy(p->last_number, parts, (size_t)length * sizeof *parts);
    p->last_length = length;
}

void m2m_handle_agenda_heading(m2m_parser *p, const m2m_line *line)
{
    int parts[M2M_MAX_DEPTH], length;
    const char *title = heading_title(p, line, parts, &length);

    if (!title) {
        /* A structured heading without a number keeps its level. */
        open_heading(p, "", line->level, line->content, line->number);
        return;
    }
    keep_number(p, parts, length);

    size_t n = strcspn(line->content, " \t");
    if (line->content[n - 1] == '.')
        n--;
    char number[16];
    snprintf(number, sizeof number, "%.*s", (int)n, line->content);
    if (*title) {
        open_heading(p, number, length, title, line->number);
        return;
    }

    /* The template puts the number alone and the title on the next line. */
    m2m_close_block(p);
    m2m_flush_action(p);
    memcpy(p->pending_number, number, sizeof number);
    p->pending_line = line->number;
}

bool m2m_match_pending_title(m2m_parser *p, const m2m_line *line)
{
    return p->pending_number[0] != '\0';
}

void m2m_handle_pending_title(m2m_parser *p, const m2m_line *line)
{
    int depth = 1;
    for (const char *s = p->pending_number; *s; s++)
        depth += *s == '.';
    open_heading(p, p->pending_number, depth, line->content, p->pending_line);
    p->pending_number[0] = '\0';
}

const m2m_heading *m2m_current_heading(const m2m_parser *p)
{
    for (int i = p->depth - 1; i >= 0; i--) {
        if (p->headings[i].title)
            return &p->headings[i];
    }
    return NULL;
}

void m2m_add_heading_specs(m2m_parser *p, json_t *record)
{
    for (int i = 0; i < p->depth; i++) {
        size_t index;
        json_t *spec;
        json_array_foreach(p->headings[i].specs, index, spec)
            m2m_add(p, record, "specs", json_string_value(spec));
    }
}

/* ---- The meeting record ---- */

/* Return the section record of the current agenda item, creating it with
 * the item's number and title on its first line of text; NULL on the cover
 * page and in the action table. */
static json_t *agenda_section(m2m_parser *p)
{
    const m2m_heading *heading = m2m_current_heading(p);
    if (p->section || p->region != M2M_AGENDA || !heading)
        return p->section;

    p->section = m2m_new_record(p, DOCKET_TYPE_SECTION, heading->line);
    if (!p->section)
        return NULL;
    char title[512];
    snprintf(title, sizeof title, "%s%s%s", heading->number, *heading->number ? " " : "",
             heading->title);
    m2m_set(p, p->section, "title", title);
    m2m_set(p, p->section, "agenda_item", heading->number);
    m2m_set(p, p->section, "agenda_title", heading->title);
    m2m_add_heading_specs(p, p->section);
    return p->section;
}

void m2m_meeting_text(m2m_parser *p, const char *text)
{
    /* The meeting lists the specs and numbers of all its sections too. */
    json_t *records[2] = {agenda_section(p), p->meeting};
    size_t first = records[0] ? 0 : 1;
    m2m_append_text(p, records[first], text);
    m2m_scan_mentions(p, records + first, 2 - first, text);
}

/* Take the meeting id and working group from the meeting title. */
static void read_meeting_title(m2m_parser *p, const char *value)
{
    char id[32];
    m2m_meeting_text(p, value);
    if (!docket_meeting_id(value, id, sizeof id))
        return;

    char *hash = strchr(id, '#');
    *hash = '\0';
    const char *wg = docket_aliases_wg(p->aliases, M2M_BODY, id);
    snprintf(p->wg, sizeof p->wg, "%s", wg ? wg : id);
    snprintf(p->meeting_id, sizeof p->meeting_id, "%s#%s", p->wg, hash + 1);
}

static void read_officer(m2m_parser *p, const char *key, const char *value)
{
    m2m_person person = {NULL, NULL};
    m2m_parse_person(p, value, &person);

    json_t *officer = json_object();
    if (!officer || json_object_set_new(p->meeting, key, officer) != 0)
        m2m_fail(p, DOCKET_ERR_NO_MEMORY);
    else {
        m2m_set(p, officer, "name", person.name);
        m2m_set(p, officer, "company", person.company);
    }
    m2m_person_clear(&person);
}

static void read_date(m2m_parser *p, const char *value)
{
    char start[11], end[11];
    if (!docket_date_range(value, start, end)) {
        m2m_meeting_text(p, value);
        return;
    }
    memcpy(p->date, start, sizeof start);
    p->context.year = atoi(start);
    m2m_set(p, p->meeting, "date_end", end);
}

/* "Ordinary face-to-face meeting during TP9 in Mobile, Alabama." gives
 * "Mobile, Alabama": the text after the last " in " that starts with a
 * capital, up to a full stop or bracket. */
static void read_location(m2m_parser *p, const char *details)
{
    const char *place = NULL;
    for (const char *s = details; (s = strstr(s, " in ")) != NULL; s += 4) {
        if (ascii_upper((unsigned char)s[4]))
            place = s + 4;
    }
    if (!place || docket_record_get(p->meeting, "location"))
        return;
    size_t len = strcspn(place, "(;");
    while (len && (place[len - 1] == '.' || place[len - 1] == ' '))
        len--;
    char *location = m2m_strndup(p, place, len);
    m2m_set(p, p->meeting, "location", location);
    free(location);
}

static const struct {
    const char *label;
    m2m_field field;
} cover_labels[] = {
    {"Meeting title", M2M_FIELD_TITLE},
    {"Meeting Dates", M2M_FIELD_DATE},
    {"Meeting Date", M2M_FIELD_DATE},
    {"Meeting Details", M2M_FIELD_DETAILS},
    {"Meeting Venue", M2M_FIELD_LOCATION},
    {"Venue", M2M_FIELD_LOCATION},
    {"Location", M2M_FIELD_LOCATION},
    {"Chairman", M2M_FIELD_CHAIR},
    {"Chair", M2M_FIELD_CHAIR},
    {"Secretary", M2M_FIELD_SECRETARY},
    {"Date", M2M_FIELD_DATE},
    {"Intended purpose of document", M2M_FIELD_SKIP},
    {"Intended purpose of", M2M_FIELD_SKIP},
    {"document", M2M_FIELD_SKIP},
    {"oneM2M Notice", M2M_FIELD_SKIP},
};

/* Match a cover label ending at ':', a tab or the end of the line. Return
 * the value after it ("" when on the next lines) or NULL. */
static const char *match_label(const char *content, m2m_field *field)
{
    for (size_t i = 0; i < sizeof cover_labels / sizeof cover_labels[0]; i++) {
        if (!starts_with_nocase(content, cover_labels[i].label))
            continue;
        const char *s = content + strlen(cover_labels[i].label);
        while (*s == ' ')
            s++;
        if (*s != ':' && *s != '\t' && *s != '\0')
            continue;
        if (*s)
            s++;
        while (ascii_space((unsigned char)*s))
            s++;
        *field = cover_labels[i].field;
        return s;
    }
    return NULL;
}

static void read_cover_value(m2m_parser *p, const char *value)
{
    switch (p->field) {
    case M2M_FIELD_TITLE:
        read_meeting_title(p, value);
        break;
    case M2M_FIELD_CHAIR:
        read_officer(p, "chair", value);
        break;
    case M2M_FIELD_SECRETARY:
        read_officer(p, "secretary", value);
        break;
    case M2M_FIELD_DATE:
        read_date(p, value);
        break;
    case M2M_FIELD_DETAILS:
        read_location(p, value);
        m2m_meeting_text(p, value);
        return;
    case M2M_FIELD_LOCATION:
        if (!docket_record_get(p->meeting, "location"))
            m2m_set(p, p->meeting, "location", value);
        break;
    case M2M_FIELD_SKIP:
        return;
    case M2M_FIELD_NONE:
    case M2M_FIELD_TEXT:
        m2m_meeting_text(p, value);
        return;
    }
    /* One-line fields: what follows before the next label is meeting text. */
    p->field = M2M_FIELD_TEXT;
}

bool m2m_match_cover_line(m2m_parser *p, const m2m_line *line)
{
    return p->region == M2M_COVER;
}

void m2m_handle_cover_line(m2m_parser *p, const m2m_line *line)
{
    m2m_field field;
    const char *value = match_label(line->content, &field);
    if (!value) {
        read_cover_value(p, line->content);
        return;
    }
    p->field = field;
    if (*value)
        read_cover_value(p, value);
}
