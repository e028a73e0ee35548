/* extract_internal.h: the contract between the format table and each extractor. */
#ifndef DOCKET_EXTRACT_INTERNAL_H
#define DOCKET_EXTRACT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "docket/extract.h"

/* Members of compressed data larger than this are checked against
 * docket_extract_limits.max_compression_ratio. */
#define DOCKET_RATIO_FLOOR_BYTES ((size_t)1 << 20)

/* An extractor appends the blocks of `len` bytes of its format to `text`,
 * which arrives empty with its path and format set. On failure it writes
 * only the reason into `err` ("binary content (NUL byte at offset 12)"),
 * because docket_extract_buffer puts the source name in front of it, and
 * the caller frees `text`. */
typedef docket_status (*docket_extractor)(const char *data, size_t len,
                                          const docket_extract_limits *limits,
                                          docket_text *text, docket_error *err);

/* What the outermost archive may still produce: members are taken from it
 * as they are read, and once a member passes it the archive stops. */
typedef struct docket_archive_budget {
    size_t bytes;   /* uncompressed bytes */
    size_t members; /* member files */
    bool exhausted; /* a member passed the budget: read no more members */
} docket_archive_budget;

/* Input bytes with what an extractor may need besides them. */
typedef struct docket_source {
    const char *name;      /* path of the texts: "a.zip!b.docx" */
    const char *file_path; /* a file that contains exactly `data`, or NULL */
    const char *data;
    size_t len;
    const docket_extract_limits *limits; /* with no field left 0 */
    unsigned depth;        /* archives and .gz files around this input; 0 at the top */
    docket_archive_budget *budget; /* of the outermost archive, or NULL
                                    * outside an archive */
} docket_source;

/* An extractor that needs more than the bytes: archives, which yield a
 * chain of texts, and formats read by an external program or through a
 * ZIP container. On success *out is a new chain of at least one text. On
 * failure *out is NULL and `err` gets only the reason, as above. */
typedef docket_status (*docket_source_extractor)(const docket_source *source,
                                                 docket_text **out, docket_error *err);

/* Extract `source` as `format` through the format table into a new chain
 * in *out. On failure `err` gets only the reason, without the name. */
docket_status docket_extract_source(const docket_source *source, const char *format,
                                    docket_text **out, docket_error *err);

/* docket_extract_format for the first `len` bytes of `path`. */
const char *docket_extract_format_len(const char *path, size_t len);

/* Plain text: one block per line (extract_text.c). */
docket_status docket_extract_plain_text(const char *data, size_t len,
                                        const docket_extract_limits *limits,
                                        docket_text *text, docket_error *err);

/* Markdown: headings, table rows, list items and one block per other line
 * (extract_text.c). */
docket_status docket_extract_markdown(const char *data, size_t len,
                                      const docket_extract_limits *limits,
                                      docket_text *text, docket_error *err);

/* HTML: title, headings, table rows, list items and paragraphs
 * (extract_html.c). */
docket_status docket_extract_html(const char *data, size_t len,
                                  const docket_extract_limits *limits,
                                  docket_text *text, docket_error *err);

/* Word 2007 .docx: the paragraphs, tables and lists of the document body,
 * then its footnotes and endnotes (extract_docx.c). */
docket_status docket_extract_docx(const docket_source *source, docket_text **out,
                                  docket_error *err);

/* Word 97 .doc through antiword (extract_doc.c). */
docket_status docket_extract_doc(const docket_source *source, docket_text **out,
                                 docket_error *err);

/* Return true when `len` bytes start like a Word 97 to 2003 file (an OLE2
 * compound file), which antiword reads (extract_doc.c). */
bool docket_is_word97(const char *data, size_t len);

/* ZIP archives: each member in turn by its own name (extract_zip.c). */
docket_status docket_extract_zip(const docket_source *source, docket_text **out,
                                 docket_error *err);

/* gzip: decompressed, then extracted by the name without ".gz"
 * (extract_gz.c). */
docket_status docket_extract_gzip(const docket_source *source, docket_text **out,
                                  docket_error *err);

/* ---- ZIP containers (extract_zip.c), shared with .docx ---- */

struct zip;

/* Open `len` bytes as a ZIP archive for reading; `data` must outlive it.
 * Close it with zip_discard. */
docket_status docket_zip_open(const char *data, size_t len, struct zip **out,
                              docket_error *err);

/* Read member `index` into a new NUL-terminated buffer, at most
 * limits->max_file_bytes and, when `budget` is not NULL, at most
 * budget->bytes, which the bytes read are then taken from. The declared
 * sizes are checked first but not trusted: reading stops as soon as the
 * data passes a limit or the compression ratio limit. The caller frees
 * *out. */
docket_status docket_zip_read(struct zip *archive, uint64_t index,
                              const docket_extract_limits *limits,
                              docket_archive_budget *budget, char **out, size_t *out_len,
                              docket_error *err);

/* ---- External converters (extract_run.c) ---- */

/* Run `argv` (argv[0] looked up in PATH, no shell) with stdin from
 * /dev/null and return its standard output in a new NUL-terminated buffer.
 * Fails with DOCKET_ERR_UNSUPPORTED when the program is not installed,
 * DOCKET_ERR_TOO_LARGE when it runs longer than `seconds` or writes more
 * than `max_output` bytes (it is then killed), and
 * DOCKET_ERR_INVALID_INPUT when it exits with another status than 0,
 * with the start of its standard error in the message. */
docket_status docket_run_converter(char *const argv[], unsigned seconds, size_t max_output,
                                   char **out, size_t *out_len, docket_error *err);

#endif
