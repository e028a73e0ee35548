/* schema.h: the index schema, the one table both programs share.
 *
 * Schema version 2. A record (see include/docket/record.h) becomes one
 * Xapian document:
 *
 * Document data: the record's JSON object with "id" added and without
 * "text", in compact form, then a NUL byte, then the text as it is (UTF-8,
 * no NUL). lib/stored.c reads it. Version 1 stored the whole object and
 * had no slot 13.
 *
 * Terms (Xapian conventions: "Q" is the unique id, "X" prefixes are
 * docket's own). Free text is indexed as Xapian's STEM_SOME does: unstemmed
 * words with positions (for phrases) plus stemmed "Z" terms (for words);
 * field terms are boolean (no positions, no weight) and lowercase, with
 * accents folded.
 *
 *   prefix  query field  source in the record
 *   ""      (none)       "title" and "text"
 *   S       title:       "title"
 *   Q       (--show)     "id"
 *   XP      -            source file (absolute path), to replace a file's records
 *   XT      type:        "type"
 *   XB      body:        "body"
 *   XM      meeting:     "meeting"
 *   XW      wg:          "wg" and every name in "wg_names"
 *   XDOC    doc:         "doc", every "revisions" entry and every "aliases" entry
 *   XSPEC   spec:        every "specs" entry, compacted (see docket_schema_spec_key)
 *   XBY     by:          every contributor name, speaker and action owner: the
 *                        whole name and each word
 *   XCO     company:     every contributor company and action owner: the whole
 *                        name and each word
 *   XS      status:      "status"
 *   XD      decision:    every "decision" in "decisions", and "status"
 *   XA      action:      "action"
 *
 * Values:
 *
 *   slot  content                            used for
 *   0     date, "YYYY-MM-DD"                 date: ranges, --sort=date
 *   1     type                               facet type
 *   2     meeting                            facet meeting
 *   3     wg                                 facet wg
 *   4     status                             facet status
 *   5     doc (base contribution number)     --collapse
 *   6     year, "YYYY"                       facet year
 *   7     companies (list value)             facet company
 *   8     contributor names (list value)     facet contributor
 *   9     specs (list value)                 facet spec
 *   10    body                               facet body
 *   11    first number of "chain", else doc  --collapse: one result per chain
 *   12    date, or "~" when there is none    --sort=date: undated records last
 *   13    slots 1, 2, 3, 4, 6, 10 packed as  facet counts of local searches
 *         one list value, in this order
 *
 * List values use xc_serialise_list and are counted by xc_spy_facet_count,
 * once per record. The first DOCKET_SPREAD_SLOTS distinct values of each
 * list are also spread one per slot, from slot 100 (company), 200
 * (contributor) and 300 (spec), so that a search over remote shards can
 * count them with Xapian's built-in ValueCountMatchSpy and sum the slots.
 *
 * A search counts the single-valued facets from slot 13 when every
 * document has it, so an index written before it existed is still counted,
 * slot by slot. The list facets stay out of it because a search reads it
 * whole for each matching record: with them, a search for "security" at
 * 100 MB read twice as many blocks.
 *
 * Metadata:
 *   docket.schema       DOCKET_SCHEMA_VERSION
 *   docket.positions    "no" in an index without word positions
 *   docket.generation   the number of rebuilds
 *   docket.synonyms     the synonym file
 *   docket.file:PATH    the state of each indexed file, "GENERATION SIZE
 *                       SEC.NSEC HASH"; PATH is absolute, hashed when long
 */
#ifndef DOCKET_SCHEMA_H
#define DOCKET_SCHEMA_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "docket/status.h"
#include "docket/record.h"
#include "xapian-c.h"

#define DOCKET_SCHEMA_VERSION "2"
#define DOCKET_SCHEMA_KEY "docket.schema"
/* "no" when the index keeps no word positions (docket-index --no-positions). */
#define DOCKET_POSITIONS_KEY "docket.positions"
#define DOCKET_LANGUAGE "english"

enum docket_slot {
    DOCKET_SLOT_DATE = 0,
    DOCKET_SLOT_TYPE = 1,
    DOCKET_SLOT_MEETING = 2,
    DOCKET_SLOT_WG = 3,
    DOCKET_SLOT_STATUS = 4,
    DOCKET_SLOT_DOC = 5,
    DOCKET_SLOT_YEAR = 6,
    DOCKET_SLOT_COMPANY = 7,
    DOCKET_SLOT_CONTRIBUTOR = 8,
    DOCKET_SLOT_SPEC = 9,
    DOCKET_SLOT_BODY = 10,
    DOCKET_SLOT_CHAIN = 11,
    DOCKET_SLOT_DATE_ASCENDING = 12,
    DOCKET_SLOT_FACETS = 13
};

#define DOCKET_PREFIX_TITLE "S"
#define DOCKET_PREFIX_ID "Q"
#define DOCKET_PREFIX_PATH "XP"
#define DOCKET_PREFIX_TYPE "XT"

/* Values of a list facet a record can contribute to counts over remote
 * shards; further values still count on local indexes. */
#define DOCKET_SPREAD_SLOTS 64
#define DOCKET_SPREAD_COMPANY 100
#define DOCKET_SPREAD_CONTRIBUTOR 200
#define DOCKET_SPREAD_SPEC 300

/* First slot of the spread copy of list facet `slot`. */
xc_slot docket_schema_spread_slot(enum docket_slot slot);

/* A query field of the schema: `field:` typed by users. */
typedef struct docket_field {
    const char *name;   /* "doc", without the colon */
    const char *prefix; /* term prefix */
    bool words;         /* also matches single words of multi-word names */
} docket_field;

/* The boolean fields, terminated by an entry whose name is NULL. */
extern const docket_field docket_schema_fields[];

/* A facet: a value slot, and whether the slot contains a list value. */
typedef struct docket_facet {
    const char *name;
    enum docket_slot slot;
    bool list;
} docket_facet;

/* The facets, terminated by an entry whose name is NULL. */
extern const docket_facet docket_schema_facets[];

/* Return the facet called `name`, or NULL. */
const docket_facet *docket_schema_facet(const char *name);

/* Return the field of `facet` in the packed value of DOCKET_SLOT_FACETS, or
 * -1 for a list facet, which has none. */
int docket_schema_packed_field(const docket_facet *facet);

/* Write into `out` (of `size` bytes) the term value for a field value:
 * lowercase, accents folded, runs of spaces and punctuation other than
 * "-._#@&" turned into one space, trimmed. Returns false when the result
 * does not fit or is empty. */
bool docket_schema_fold(const char *value, char *out, size_t size);

/* Fold a spec reference like docket_schema_fold, then drop spaces and
 * hyphens, so that every spelling people type gives one key: "TS 23.501"
 * and "ts23.501" give "ts23.501", "RFC 9110" gives "rfc9110", "TS-0001"
 * gives "ts0001". */
bool docket_schema_spec_key(const char *value, char *out, size_t size);

/* Fill `doc` from `record` with id `id` and source file `abs_path`:
 * data, terms and values as in the table above. `tg` is the term
 * generator to use, and it is pointed at `doc`. Without `positions`, the
 * free text gets no word positions: phrases then match records that
 * hold all their words. */
docket_status docket_schema_document(const json_t *record, const char *id,
                                     const char *abs_path, xc_termgen *tg, bool positions,
                                     xc_document *doc, docket_error *err);

#endif
