/* dialects.h: the parsers behind docket_dialect_parse, one per family. */
#ifndef DOCKET_DIALECTS_H
#define DOCKET_DIALECTS_H

#include <stdbool.h>

#include "docket/dialect.h"

/* oneM2M meeting minutes (the TP/WG minutes template). */
bool docket_onem2m_detect(const docket_text *text);
docket_status docket_onem2m_parse(const docket_text *text, const docket_aliases *aliases,
                                  json_t *records, docket_error *err);

#endif
