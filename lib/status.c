/* status.c: text of docket status codes and the error-buffer helper. */
#include "docket/status.h"

#include "xc_status.h"

#include <stdarg.h>
#include <stdio.h>

const char *docket_status_text(docket_status status)
{
    /* No default label: the compiler flags a status without text. */
    switch (status) {
    case DOCKET_OK: return "success";
    case DOCKET_ERR_NO_MEMORY: return "out of memory";
    case DOCKET_ERR_IO: return "read failed";
    case DOCKET_ERR_UNSUPPORTED: return "format not supported";
    case DOCKET_ERR_INVALID_INPUT: return "invalid input";
    case DOCKET_ERR_TOO_LARGE: return "too large";
    case DOCKET_ERR_USAGE: return "invalid argument";
    case DOCKET_ERR_QUERY_SYNTAX: return "query syntax error";
    case DOCKET_ERR_INDEX_NOT_FOUND: return "index not found";
    case DOCKET_ERR_INDEX_CORRUPT: return "index corrupt";
    case DOCKET_ERR_INDEX_VERSION: return "index of another schema version";
    case DOCKET_ERR_INDEX_BUSY: return "index busy";
    case DOCKET_ERR_INDEX: return "index error";
    }
    return "unknown status";
}

docket_status docket_error_set(docket_error *err, docket_status status,
                               const char *format, ...)
{
    if (err) {
        va_list args;
        va_start(args, format);
        vsnprintf(err->message, sizeof err->message, format, args);
        va_end(args);
    }
    return status;
}

docket_status docket_status_from_xc(xc_status xs)
{
    switch (xs) {
    case XC_OK: return DOCKET_OK;
    case XC_NOT_FOUND: return DOCKET_ERR_INDEX_NOT_FOUND;
    case XC_LOCKED: return DOCKET_ERR_INDEX_BUSY;
    case XC_MODIFIED: return DOCKET_ERR_INDEX_BUSY;
    case XC_CORRUPT: return DOCKET_ERR_INDEX_CORRUPT;
    case XC_NO_MEMORY: return DOCKET_ERR_NO_MEMORY;
    case XC_QUERY_SYNTAX: return DOCKET_ERR_QUERY_SYNTAX;
    case XC_INVALID_ARGUMENT: return DOCKET_ERR_INDEX;
    case XC_NETWORK: return DOCKET_ERR_INDEX;
    case XC_OTHER: return DOCKET_ERR_INDEX;
    }
    return DOCKET_ERR_INDEX;
}
