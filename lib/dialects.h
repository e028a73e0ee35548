/* dialects.h: the parsers behind docket_dialect_parse, one per family. */
#ifndef DOCKET_DIALECTS_H
#define DOCKET_DIALECTS_H

#include <stdbool.h>

#include "docket/dialect.h"

/* oneM2M meeting minutes (the TP/WG minutes template). */
bool docket_onem2m_detect(const docket_text *text);
docket_status docket_onem2m_parse(const docket_text *text, const docket_aliases *aliases,
                                  json_t *records, docket_error *err);

/* 3GPP Tdoc lists: the secretariat's table of a meeting's documents. */
bool docket_3gpp_tdocs_detect(const docket_text *text);
docket_status docket_3gpp_tdocs_parse(const docket_text *text, const docket_aliases *aliases,
                                      json_t *records, docket_error *err);

/* Contribution cover pages (3GPP and oneM2M): one document record. */
bool docket_cover_detect(const docket_text *text);
docket_status docket_cover_parse(const docket_text *text, const docket_aliases *aliases,
                                 json_t *records, docket_error *err);

/* Markdown and text minutes of IETF working groups (HTTP, CoRE) and of the
 * OASIS CSAF TC: agendas, minutes, summaries and blue sheets. */
bool docket_minutes_detect(const docket_text *text);
docket_status docket_minutes_parse(const docket_text *text, const docket_aliases *aliases,
                                   json_t *records, docket_error *err);

#endif
