/* record.h: records, the unit docket indexes and returns.
 *
 * A record is a JSON object (jansson) with the fields of a search result in
 * format version 1: "type", "body", "meeting", "wg", "date", "title",
 * "text", "source" {"path", "line"}, and what its type adds ("doc",
 * "decisions", "status", "contributors", "specs", ...). docs/json.md lists
 * every field. The indexer stores the object as the document data, so the
 * searcher returns exactly what the parsers produced.
 */
#ifndef DOCKET_RECORD_H
#define DOCKET_RECORD_H

#include <jansson.h>

#include "docket/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Record types. */
#define DOCKET_TYPE_MEETING "meeting"
#define DOCKET_TYPE_CONTRIBUTION "contribution"
#define DOCKET_TYPE_ACTION "action"
#define DOCKET_TYPE_SECTION "section"
#define DOCKET_TYPE_DOCUMENT "document"

/* Create a record of `type` from `path` starting at `line`; NULL when out of
 * memory. */
json_t *docket_record_new(const char *type, const char *path, unsigned line);

/* Set string field `key`; a NULL or empty `value` removes the field. */
docket_status docket_record_set(json_t *record, const char *key, const char *value);

/* Return string field `key`, or NULL when the record has none. */
const char *docket_record_get(const json_t *record, const char *key);

/* Append `value` to the string array `key` unless it is already there. */
docket_status docket_record_add(json_t *record, const char *key, const char *value);

/* Append text to the "text" field, separated from what is there by a newline. */
docket_status docket_record_append_text(json_t *record, const char *text);

/* Append {"name", "company"} to "contributors" unless an equal entry exists;
 * either may be NULL but not both. */
docket_status docket_record_add_contributor(json_t *record, const char *name,
                                            const char *company);

/* Set the decision on revision `doc` in "decisions", replacing an earlier
 * decision on the same revision; `typed` is the number as the source wrote
 * it when that differs from `doc`, else NULL. */
docket_status docket_record_add_decision(json_t *record, const char *doc,
                                         const char *decision, const char *typed);

#ifdef __cplusplus
}
#endif

#endif
