/* status.h: status codes and error messages shared by every docket module. */
#ifndef DOCKET_STATUS_H
#define DOCKET_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum docket_status {
    DOCKET_OK = 0,
    DOCKET_ERR_NO_MEMORY,      /* an allocation failed */
    DOCKET_ERR_IO,             /* a file could not be opened or read */
    DOCKET_ERR_UNSUPPORTED,    /* the file's format is not one docket reads */
    DOCKET_ERR_INVALID_INPUT,  /* the file is corrupt, truncated, binary or hostile */
    DOCKET_ERR_TOO_LARGE,      /* the file or an archive member exceeds a size limit */
    DOCKET_ERR_USAGE,          /* an argument or option value is invalid */
    DOCKET_ERR_QUERY_SYNTAX,   /* the query string cannot be parsed */
    DOCKET_ERR_INDEX_NOT_FOUND,/* no index exists at the path */
    DOCKET_ERR_INDEX_CORRUPT,  /* the index files are damaged or unreadable */
    DOCKET_ERR_INDEX_VERSION,  /* the index was built with another schema version */
    DOCKET_ERR_INDEX_BUSY,     /* the write lock is held, or the index kept changing */
    DOCKET_ERR_INDEX           /* any other failure of the index engine */
} docket_status;

/* Message buffer for calls that have no handle to keep an error in. */
#define DOCKET_ERROR_SIZE 1024
typedef struct docket_error {
    char message[DOCKET_ERROR_SIZE];
} docket_error;

/* Return a short, constant description of `status`. */
const char *docket_status_text(docket_status status);

/* Format a message into `err` (which may be NULL) and return `status`. */
docket_status docket_error_set(docket_error *err, docket_status status,
                               const char *format, ...)
    __attribute__((format(printf, 3, 4)));

#ifdef __cplusplus
}
#endif

#endif
