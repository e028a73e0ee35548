/* fuzz_extract.c: libFuzzer harness for the extractor of files named like
 * FUZZ_NAME and every dialect parser behind it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "docket/dialect.h"
#include "docket/extract.h"
#include "docket/normalise.h"

#ifndef FUZZ_NAME
#error "FUZZ_NAME must be a file name whose extension picks the format, such as \"a.htm\""
#endif

static docket_aliases *aliases;

/* Load the aliases once: the parsers behave differently with them. */
static const docket_aliases *shared_aliases(void)
{
    if (!aliases && docket_aliases_new(&aliases) == DOCKET_OK)
        docket_aliases_load(aliases, DOCKET_SOURCE_DIR "/docs/aliases.txt", NULL);
    return aliases;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    docket_extract_limits limits;
    docket_extract_limits_default(&limits);
    limits.max_file_bytes = 8u << 20;

    docket_text *text = NULL;
    docket_error err;
    if (docket_extract_buffer(FUZZ_NAME, docket_extract_format(FUZZ_NAME), (const char *)data,
                              size, &limits, &text, &err) != DOCKET_OK)
        return 0;

    for (docket_text *member = text; member; member = member->next) {
        json_t *records = json_array();
        const char *dialect = NULL;
        if (records && member->status == DOCKET_OK)
            docket_dialect_parse(member, shared_aliases(), records, &dialect, &err);
        json_decref(records);
    }
    docket_text_free(text);
    return 0;
}
