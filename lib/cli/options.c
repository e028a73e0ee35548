/* options.c: option values shared by the docket programs. */
#include "cli/options.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static bool fits(int written, size_t size)
{
    return written > 0 && (size_t)written < size;
}

bool options_index_path(const char *option, char *out, size_t size)
{
    if (option && *option)
        return fits(snprintf(out, size, "%s", option), size);

    const char *env = getenv("DOCKET_INDEX");
    if (env && *env)
        return fits(snprintf(out, size, "%s", env), size);

    const char *data_home = getenv("XDG_DATA_HOME");
    if (data_home && *data_home)
        return fits(snprintf(out, size, "%s/docket/index", data_home), size);

    const char *home = getenv("HOME");
    if (home && *home)
        return fits(snprintf(out, size, "%s/.local/share/docket/index", home), size);
    return false;
}

bool options_parse_unsigned(const char *text, unsigned max, unsigned *out)
{
    if (!text || !isdigit((unsigned char)*text))
        return false;
    errno = 0;
    char *end = NULL;
    unsigned long value = strtoul(text, &end, 10);
    if (errno != 0 || *end != '\0' || value > max)
        return false;
    *out = (unsigned)value;
    return true;
}
