/* minutes.h: the state and the handlers of the Markdown and text minutes
 * parser (IETF working groups, the OASIS CSAF TC), shared by
 * dialect_minutes.c and the minutes_*.c files. */
#ifndef DOCKET_MINUTES_H
#define DOCKET_MINUTES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "docket/extract.h"
#include "docket/normalise.h"
#include "docket/status.h"
#include "strbuf.h"

#define MIN_HEAD_BLOCKS 40   /* lines with content that hold the title and meeting markers */
#define MIN_SCAN_BLOCKS 5000 /* blocks detection reads at most */
#define MIN_LINE_BYTES 2048  /* bytes of a line detection looks at */
#define MIN_MAX_CELLS 8      /* table columns read */
#define MIN_MOTION_BYTES 160 /* bytes of motion text kept as a decision's subject */
#define MIN_NAME_BYTES 128   /* bytes of a person's or company's name */
#define MIN_NO_BLOCK ((size_t)-1)

/* A working group or technical committee that the parser recognises. */
typedef struct min_group {
    const char *wg;        /* canonical name, the records' "wg": "HTTP" */
    const char *body;      /* "IETF" or "OASIS" */
    const char *names[4];  /* "wg_names" when the alias table has none */
    bool interim_by_day;   /* interim ids carry the day ("CoRE interim 2020-05-06"),
                            * else only the month ("HTTP interim 2020-05") */
} min_group;

/* What the first pass finds out about the whole document. */
typedef struct min_identity {
    const char *text_path;   /* the document's path, "" when it has none */
    const min_group *group;  /* NULL when the head names no known group */
    int score;               /* evidence that the text is minutes (minutes_meeting.c) */
    bool detected;           /* the score is high enough */
    size_t title_block;      /* block of the document title, or MIN_NO_BLOCK */
    bool title_is_heading;   /* the title block is a heading, not a line of text */
    bool title_names_group;  /* the title names the group ("HTTPbis WG") */
    bool roster_document;    /* the title names a blue sheet or a participant list */
    char title[256];
    char meeting[64];        /* "IETF115", "CoRE interim 2020-05-06", "CSAF 2021-09-29" */
    char date[11];           /* "YYYY-MM-DD" or "" */
} min_identity;

/* One line prepared for the matchers. */
typedef struct min_line {
    size_t index;            /* block index in the text */
    unsigned number;         /* line number in the source */
    docket_block_kind kind;
    const char *raw;         /* the block text as extracted, URLs and markup included */
    char *content;           /* trimmed, without inline HTML and list marker; "" when blank */
    int level;               /* list nesting of a list item from 1, else 0 */
    const char *cells[MIN_MAX_CELLS]; /* table cells as the extractor wrote them */
    size_t cell_count;       /* 0 when the line is not a table row */
} min_line;

/* The state of reading a participant list. */
typedef enum min_roster_state {
    MIN_ROSTER_NONE,
    MIN_ROSTER_LABEL,    /* after "Participants:": runs to a blank line or other text */
    MIN_ROSTER_SECTION   /* under a "Participants" heading: runs to the next heading */
} min_roster_state;

/* Columns of a participant table, -1 when absent. */
typedef struct min_columns {
    int given, family, name, affiliation, present;
    bool header_seen;    /* the row that names the columns has been read */
} min_columns;

typedef struct min_parser {
    const docket_text *text;
    const docket_aliases *aliases;
    docket_status status;    /* the first failure: every helper stops once it is set */
    unsigned line;           /* the line being read, for error messages */
    min_identity id;

    json_t *records;         /* the meeting record first, then the sections in order */
    json_t *meeting;
    json_t *current;         /* the record that receives text: a section or the meeting */
    strbuf body;             /* text of `current` not stored yet */
    size_t skip_block;       /* an underline the heading above it consumed */

    json_t *abbreviations;   /* object: lowercase short name ("cb", "mnot") -> full name */
    json_t *names;           /* array of full names the document gives */

    /* The section being read. */
    char heading_draft[DOCKET_DRAFT_SIZE]; /* the one draft its heading names, or "" */
    int heading_drafts;      /* drafts its heading names: 0, 1, or 2 for several */
    json_t *drafts;          /* drafts its text names, in order */
    json_t *pending;         /* its decisions: [{"doc" (may be absent), "decision"}] */
    char motion[MIN_MOTION_BYTES]; /* the last motion made in it, or "" */
    char topic[MIN_MOTION_BYTES];  /* its last top-level list item, or "" */

    min_roster_state roster;
    size_t roster_people;    /* people read since the roster started */
    min_columns columns;
} min_parser;

/* dialect_minutes.c: record helpers that do nothing once p->status is set. */
void min_fail(min_parser *p, docket_status status);
void min_set(min_parser *p, json_t *record, const char *key, const char *value);
void min_add(min_parser *p, json_t *record, const char *key, const char *value);
void min_append_body(min_parser *p, const char *text);

/* minutes_text.c: lines as plain text, and headings. */

/* Drop an incomplete UTF-8 sequence that cutting `s` to a buffer left at
 * its end. */
void min_utf8_cut(char *s);

/* Copy `text` into `out` (`size` bytes), cut at a character boundary. */
void min_copy(char *out, size_t size, const char *text);

/* Copy `raw` into `out` (`size` bytes) without HTML tags, comments and the
 * common entities, trimmed; long lines are cut. */
void min_clean(const char *raw, char *out, size_t size);

/* Rewrite `s` in place as plain text: Markdown links become their text,
 * emphasis marks and heading anchors ("{#toc_0}") are dropped, spaces
 * collapsed. */
void min_plain(char *s);

/* Return the level of a heading at block `index` and write its plain title
 * to `title`; 0 when the block is no heading. `*underline` is set when the
 * next block is a text underline ("=====") that belongs to the heading. */
int min_heading_at(const docket_text *text, size_t index, char *title, size_t size,
                   bool *underline);

/* Return the text after a list marker ("- ", "* ", "1. ", "2) ") at the
 * start of `line`, or `line` when it has none. */
const char *min_skip_marker(const char *line);

/* Return true when the line is markup without content: a table of
 * contents entry, an image, a rule, a "[toc]" marker. */
bool min_is_decoration(const char *content);

/* minutes_date.c: dates as minutes write them. */
bool min_find_date(const char *text, char out[11]);
bool min_find_month(const char *text, char out[8]);
bool min_names_weekday(const char *text);

/* minutes_meeting.c: detection, the group, meeting id, date and title. */
void min_identify(const docket_text *text, bool use_path, min_identity *out);
size_t min_group_names(const min_parser *p, const char **out, size_t max);

/* minutes_people.c: names, speakers and the short names people go by. */
bool min_capital_at(const char *s);
void min_trim(char *s);
size_t min_full_name_words(const char *name);
void min_person_name(const min_parser *p, const char *typed, char *out, size_t size);
void min_add_name(min_parser *p, const char *name);
void min_learn_names(min_parser *p);
const char *min_speaker_tag(const char *content, char *tag, size_t size);
bool min_is_speaker_line(const char *content);
bool min_is_spoken(const char *content);
void min_scan_speaker(min_parser *p, const min_line *line);

/* minutes_roster.c: participant lists and tables. */
bool min_match_roster_label(min_parser *p, const min_line *line);
void min_handle_roster_label(min_parser *p, const min_line *line);
bool min_match_roster_entry(min_parser *p, const min_line *line);
void min_handle_roster_entry(min_parser *p, const min_line *line);
bool min_match_table_row(min_parser *p, const min_line *line);
void min_handle_table_row(min_parser *p, const min_line *line);
void min_roster_heading(min_parser *p, const char *title);
void min_roster_blank(min_parser *p);

/* minutes_decisions.c: specs, motions and decisions of a section. */
void min_scan_specs(min_parser *p, const char *text, bool heading);
void min_scan_decision(min_parser *p, const min_line *line);
void min_close_decisions(min_parser *p, json_t *section);
void min_reset_section(min_parser *p);

#endif
