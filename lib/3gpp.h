/* 3gpp.h: what the 3GPP Tdoc-list parser and the contribution cover-page
 * parser share: a record sink that stops at the first failure, and the
 * readers of source companies, releases, CR titles and revision links.
 *
 * C names cannot start with a digit, so the functions here are tgpp_*. */
#ifndef DOCKET_3GPP_H
#define DOCKET_3GPP_H

#include <jansson.h>
#include <stdbool.h>

#include "docket/extract.h"
#include "docket/normalise.h"
#include "docket/status.h"

#define TGPP_BODY "3GPP"
#define TGPP_MEETING_SIZE 64
#define TGPP_WG_SIZE 16

/* The records of one document and the first failure. Every helper below
 * does nothing once `status` is set, so a parser checks it only where it
 * would otherwise do needless work. */
typedef struct tgpp_sink {
    const docket_text *text;
    const docket_aliases *aliases;
    docket_status status;
    unsigned line;  /* the block being read, for error messages */
    json_t *records;
} tgpp_sink;

/* Start a sink for `text`; fails only when out of memory. */
docket_status tgpp_sink_init(tgpp_sink *sink, const docket_text *text,
                             const docket_aliases *aliases);

/* Move the records to `records` on success, set `err` on failure, free the
 * sink and return its status. `what` names the dialect in messages. */
docket_status tgpp_sink_finish(tgpp_sink *sink, const char *what, json_t *records,
                               docket_error *err);

void tgpp_fail(tgpp_sink *sink, docket_status status);
json_t *tgpp_new_record(tgpp_sink *sink, const char *type, unsigned line);
void tgpp_set(tgpp_sink *sink, json_t *record, const char *key, const char *value);
void tgpp_add(tgpp_sink *sink, json_t *record, const char *key, const char *value);
void tgpp_set_integer(tgpp_sink *sink, json_t *record, const char *key, long long value);
void tgpp_append_text(tgpp_sink *sink, json_t *record, const char *text);
char *tgpp_strndup(tgpp_sink *sink, const char *s, size_t len);

/* Copy `s` without leading and trailing whitespace into a new string. */
char *tgpp_trimmed(tgpp_sink *sink, const char *s);

/* Split a table row at tabs into at most `max` trimmed cells that point
 * into `row`, which is modified. Return the number of cells. */
size_t tgpp_split_cells(char *row, char **cells, size_t max);

/* Set "body", "meeting", "wg" and "wg_names" of `record`. The names come
 * from the alias table's [wg 3GPP] section when it lists `wg`, else they
 * are the short and the long name ("SA2", "SA WG2"). Empty strings are
 * left out. */
void tgpp_set_group(tgpp_sink *sink, json_t *record, const char *meeting, const char *wg);

/* Add the companies of a source cell ("Huawei, HiSilicon") to the record's
 * "contributors", and the document numbers written in brackets after a
 * group name ("RAN WG2 (R2-1806492)") to its "related". */
void tgpp_add_companies(tgpp_sink *sink, json_t *record, const char *source);

/* Add every specification `text` cites to "specs" (docket_specs_scan). */
void tgpp_add_specs(tgpp_sink *sink, json_t *record, const char *text);

/* Set "specs", "cr", "cr_revision" and "cr_category" from a CR reference
 * that starts `text`: "23.214 CR0067R1: ...", "23.401 CR3479R2 (Rel-15,
 * 'F'): ..." or "23.401 CR 3485 rev 2 Current version: ...". A bare
 * spec number ("23.742: ...") sets only "specs". Return true when `text`
 * starts with a spec number. */
bool tgpp_read_cr(tgpp_sink *sink, json_t *record, const char *text);

/* Write the release `typed` names ("Rel-16", "Release 15", "R15") as
 * "Rel-16" to `out`. Return false when it names none. */
bool tgpp_release(const char *typed, char out[16]);

/* Find the first contribution number in `text`, also when the typist put
 * a space after the hyphen ("S2- 1812758"). Return false when there is
 * none. Only the first 255 bytes are searched for the spaced form. */
bool tgpp_find_number(const char *text, docket_docnum *out);

/* 3gpp_chain.c: revision links and chains. */

/* Read the links a Tdoc list's comments cell writes ("Revision of
 * S2-186552. Revised to S2-187591.", "Merged into S2-X", "e-mail revision
 * 2 of S2-X") into "revision_of", "revised_to", "merged_into" and
 * "related" of `record`, whose own number is `doc`. */
void tgpp_read_links(tgpp_sink *sink, json_t *record, const char *doc, const char *comment);

/* Link the contribution records of `records` into revision chains by their
 * "revision_of" and "revised_to", and give every member of a chain of two
 * or more numbers "chain" (the numbers, oldest first) and "chain_status".
 * The chain's status is the status of its last member in the list, and
 * it is left out while that member is undecided. */
void tgpp_link_chains(tgpp_sink *sink, json_t *records);

#endif
