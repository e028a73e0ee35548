/* onem2m.h: the state and the handlers of the oneM2M minutes parser, shared
 * by dialect_onem2m.c and the onem2m_*.c files. */
#ifndef DOCKET_ONEM2M_H
#define DOCKET_ONEM2M_H

#include <jansson.h>
#include <stdbool.h>

#include "docket/extract.h"
#include "docket/normalise.h"
#include "docket/status.h"

#define M2M_BODY "oneM2M"
#define M2M_MAX_DEPTH 4    /* agenda heading levels: "6.2.1.3" */
#define M2M_MAX_NUMBERS 8  /* contribution numbers one heading or sentence names */
#define M2M_MAX_CELLS 12   /* table columns read */

/* One line of the minutes, prepared for the matchers. */
typedef struct m2m_line {
    unsigned number;       /* line number in the source */
    docket_block_kind kind;
    int level;             /* heading level of a DOCKET_BLOCK_HEADING */
    const char *content;   /* trimmed, without list bullet, "" for a blank line */
    bool bulleted;         /* the line started with a bullet ("·", "•", "-") */
    const char *cells[M2M_MAX_CELLS]; /* tab-separated cells, trimmed */
    size_t cell_count;     /* 0 or 1 when the line is not a table row */
} m2m_line;

typedef struct m2m_heading {
    char number[16]; /* "7.2", or "" when the source gave none */
    char *title;
    json_t *specs;   /* specs the heading names, inherited by the contributions below */
    unsigned line;   /* where the heading starts */
} m2m_heading;

typedef enum m2m_region {
    M2M_COVER,   /* the cover page before the first agenda heading */
    M2M_AGENDA,  /* an agenda item */
    M2M_ACTIONS  /* an agenda item holding the action-item table */
} m2m_region;

typedef enum m2m_field {
    M2M_FIELD_NONE,      /* no label seen yet: the text goes to the meeting */
    M2M_FIELD_TITLE,
    M2M_FIELD_CHAIR,
    M2M_FIELD_SECRETARY,
    M2M_FIELD_DATE,
    M2M_FIELD_DETAILS,
    M2M_FIELD_LOCATION,
    M2M_FIELD_SKIP,      /* template boilerplate: purpose boxes, the IPR notice */
    M2M_FIELD_TEXT       /* after a one-line value: the rest goes to the meeting */
} m2m_field;

/* The contribution records a heading opened, and the part of the block being read. */
typedef struct m2m_block {
    json_t *records[M2M_MAX_NUMBERS]; /* borrowed from the parser's records */
    docket_docnum numbers[M2M_MAX_NUMBERS]; /* the numbers as the heading named them */
    bool title_from_decision[M2M_MAX_NUMBERS];
    size_t count;                     /* 0 when no block is open */
    bool shared_title;                /* the heading named several numbers */
    bool decided;                     /* its decisions part has started */
} m2m_block;

/* A decision sentence taken apart. */
typedef struct m2m_decision {
    docket_docnum subjects[M2M_MAX_NUMBERS];
    size_t subject_count;
    bool subjects_from_block;  /* "Decision: AGREED" names no number */
    char title[512];
    const char *decision;      /* normalised decision word */
    bool revision_expected;
    bool has_target;
    docket_docnum target;      /* "REVISED to X": X */
} m2m_decision;

/* Column positions of a table, -1 when the table has no such column. */
typedef struct m2m_columns {
    int id;       /* contribution number or action id */
    int title;
    int who;      /* source, presenter or owner */
    int decision; /* decision or status */
    int notes;
} m2m_columns;

typedef struct m2m_parser {
    const docket_text *text;
    const docket_aliases *aliases;
    docket_status status;        /* the first failure: every helper stops once it is set */
    unsigned line;               /* the line being read, for error messages */

    json_t *records;             /* the meeting record first, then the others in order */
    json_t *meeting;
    json_t *section;             /* the section record of the current agenda item, or NULL */
    char meeting_id[64];
    char wg[32];
    char date[11];
    docket_docnum_context context;

    m2m_region region;
    m2m_field field;
    m2m_heading headings[M2M_MAX_DEPTH];
    int depth;                   /* headings in use */
    int last_number[M2M_MAX_DEPTH]; /* the last numbered heading, for plausibility */
    int last_length;
    char pending_number[16];     /* a heading number alone on its line */
    unsigned pending_line;

    m2m_block block;
    m2m_decision decision;       /* filled by the decision matcher */
    docket_docnum heading_numbers[M2M_MAX_NUMBERS]; /* filled by the heading matcher */
    size_t heading_count;
    const char *heading_title;

    json_t *action_cells;        /* cells of the action row being read, one per line */
    unsigned action_line;
    m2m_columns action_columns;
    m2m_columns table_columns;
} m2m_parser;

/* Record a failure unless one is already recorded. */
void m2m_fail(m2m_parser *p, docket_status status);

/* Record helpers that do nothing once p->status is set. */
void m2m_set(m2m_parser *p, json_t *record, const char *key, const char *value);
void m2m_add(m2m_parser *p, json_t *record, const char *key, const char *value);
void m2m_append_text(m2m_parser *p, json_t *record, const char *text);
json_t *m2m_new_record(m2m_parser *p, const char *type, unsigned line);

/* A person or company as a cover page, presenter line or table cell gives them. */
typedef struct m2m_person {
    char *name;
    char *company;
} m2m_person;

void m2m_parse_person(m2m_parser *p, const char *text, m2m_person *out);
void m2m_person_clear(m2m_person *person);
char *m2m_strndup(m2m_parser *p, const char *s, size_t len);

/* Return true when the last word of `s` is a legal form ("Ltd", "GmbH"). */
bool m2m_ends_with_legal_form(const char *s);

/* onem2m_agenda.c: cover page, agenda headings and the meeting record. */
bool m2m_match_pending_title(m2m_parser *p, const m2m_line *line);
void m2m_handle_pending_title(m2m_parser *p, const m2m_line *line);
bool m2m_match_agenda_heading(m2m_parser *p, const m2m_line *line);
void m2m_handle_agenda_heading(m2m_parser *p, const m2m_line *line);
bool m2m_match_cover_line(m2m_parser *p, const m2m_line *line);
void m2m_handle_cover_line(m2m_parser *p, const m2m_line *line);
void m2m_meeting_text(m2m_parser *p, const char *text);
void m2m_add_heading_specs(m2m_parser *p, json_t *record);
const m2m_heading *m2m_current_heading(const m2m_parser *p);
void m2m_headings_free(m2m_parser *p);

/* onem2m_contrib.c: contribution blocks, presenters and decisions. */
bool m2m_match_presenter(m2m_parser *p, const m2m_line *line);
void m2m_handle_presenter(m2m_parser *p, const m2m_line *line);
bool m2m_match_label(m2m_parser *p, const m2m_line *line);
void m2m_handle_label(m2m_parser *p, const m2m_line *line);
bool m2m_match_decision(m2m_parser *p, const m2m_line *line);
void m2m_handle_decision(m2m_parser *p, const m2m_line *line);
bool m2m_match_contribution_heading(m2m_parser *p, const m2m_line *line);
void m2m_handle_contribution_heading(m2m_parser *p, const m2m_line *line);
void m2m_handle_text(m2m_parser *p, const m2m_line *line);
void m2m_close_block(m2m_parser *p);
json_t *m2m_contribution(m2m_parser *p, const docket_docnum *number, unsigned line);
void m2m_scan_mentions(m2m_parser *p, json_t *const *records, size_t count, const char *text);
void m2m_apply_decision(m2m_parser *p, json_t *record, const docket_docnum *doc,
                        const m2m_decision *decision);
void m2m_finish_contribution(m2m_parser *p, json_t *record);
const char *m2m_parse_decision_phrase(const char *text, m2m_decision *out,
                                      const docket_docnum_context *context);

/* onem2m_table.c: the action-item table and tables of contributions. */
bool m2m_match_action_line(m2m_parser *p, const m2m_line *line);
void m2m_handle_action_line(m2m_parser *p, const m2m_line *line);
void m2m_flush_action(m2m_parser *p);
bool m2m_match_table_row(m2m_parser *p, const m2m_line *line);
void m2m_handle_table_row(m2m_parser *p, const m2m_line *line);
void m2m_columns_reset(m2m_columns *columns);

#endif
