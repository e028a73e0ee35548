/* fuzz_query.c: libFuzzer harness for query parsing and searching. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docket/search.h"
#include "xapian-c.h"

static docket_searcher *searcher;

/* Build a small index once, in a temporary folder, with docket-index's
 * library; its path comes from the environment so runs can share it. */
static docket_searcher *shared_searcher(void)
{
    if (searcher)
        return searcher;
    const char *path = getenv("DOCKET_FUZZ_INDEX");
    if (!path || docket_searcher_open(path, &searcher, NULL) != DOCKET_OK)
        abort(); /* make fuzz and the regression test build this index first */
    return searcher;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    docket_query query = {text, 0, 10, DOCKET_SORT_RELEVANCE, NULL, 5, false, size % 2 == 1};
    json_t *result = NULL;
    if (docket_search(shared_searcher(), &query, &result) == DOCKET_OK)
        json_decref(result);
    free(text);
    return 0;
}
