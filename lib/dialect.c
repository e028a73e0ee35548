/* dialect.c: choose the parser for a document by its content. */
#include "docket/dialect.h"

#include "dialects.h"

typedef struct dialect_entry {
    const char *name;
    bool (*detect)(const docket_text *text);
    docket_status (*parse)(const docket_text *text, const docket_aliases *aliases,
                           json_t *records, docket_error *err);
} dialect_entry;

/* Tried in order; the generic splitter handles whatever none detects. */
static const dialect_entry dialects[] = {
    {"3gpp-tdoc-list", docket_3gpp_tdocs_detect, docket_3gpp_tdocs_parse},
    {"contribution-cover", docket_cover_detect, docket_cover_parse},
    {"onem2m-minutes", docket_onem2m_detect, docket_onem2m_parse},
    {"ietf-oasis-minutes", docket_minutes_detect, docket_minutes_parse},
};

docket_status docket_dialect_parse(const docket_text *text, const docket_aliases *aliases,
                                   json_t *records, const char **dialect,
                                   docket_error *err)
{
    for (size_t i = 0; i < sizeof dialects / sizeof dialects[0]; i++) {
        if (dialects[i].detect(text)) {
            *dialect = dialects[i].name;
            return dialects[i].parse(text, aliases, records, err);
        }
    }
    *dialect = "generic";
    return docket_split_sections(text, records, err);
}
