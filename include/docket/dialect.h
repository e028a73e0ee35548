/* dialect.h: structured text to records, one parser per document family.
 *
 * docket_dialect_parse chooses the parser by content, never by folder
 * name, and falls back to the generic splitter, which yields one section
 * record per heading.
 */
#ifndef DOCKET_DIALECT_H
#define DOCKET_DIALECT_H

#include <jansson.h>

#include "docket/extract.h"
#include "docket/normalise.h"
#include "docket/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Parse `text` into records appended to the JSON array `records`, and
 * return the name of the dialect used ("onem2m-minutes", "generic", ...)
 * through `dialect` (a static string). `aliases` (may be NULL) maps the
 * names of specs, companies and people onto one spelling. */
docket_status docket_dialect_parse(const docket_text *text, const docket_aliases *aliases,
                                   json_t *records, const char **dialect,
                                   docket_error *err);

/* The generic splitter: one "section" record per heading. Plain-text lines
 * that look like numbered headings ("7.1 Security procedures") and
 * Markdown headings ("# Title", setext underlines) count as headings. */
docket_status docket_split_sections(const docket_text *text, json_t *records,
                                    docket_error *err);

#ifdef __cplusplus
}
#endif

#endif
