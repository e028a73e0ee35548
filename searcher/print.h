/* print.h: rendering search results on stdout. */
#ifndef DOCKET_PRINT_H
#define DOCKET_PRINT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

typedef enum print_format { PRINT_TEXT, PRINT_JSON, PRINT_JSONL } print_format;
typedef enum print_output { PRINT_RECORDS, PRINT_DOCS, PRINT_PATHS } print_output;

/* Print a result object of JSON format version 1. `bold` highlights
 * matches with terminal escapes in text format. Returns false when writing
 * failed. */
bool print_results(FILE *out, const json_t *result, print_format format,
                   print_output output, bool bold);

/* Print one whole record (--show). */
bool print_record(FILE *out, const json_t *record, print_format format);

#endif
