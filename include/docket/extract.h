/* extract.h: bytes of one input file to UTF-8 text with structure marks.
 *
 * Every extractor produces a docket_text: a list of blocks in document
 * order. Plain text keeps one block per line (blank lines included, as
 * DOCKET_BLOCK_BLANK), so that dialect parsers see the layout the author
 * typed; structured formats produce headings, rows and list items.
 */
#ifndef DOCKET_EXTRACT_H
#define DOCKET_EXTRACT_H

#include <stddef.h>

#include "docket/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum docket_block_kind {
    DOCKET_BLOCK_PARAGRAPH, /* a paragraph, or one line of plain text */
    DOCKET_BLOCK_HEADING,   /* a heading; `level` is 1 for the top level */
    DOCKET_BLOCK_ROW,       /* a table row; cells are separated by '\t' */
    DOCKET_BLOCK_LIST_ITEM, /* an item of a bulleted or numbered list */
    DOCKET_BLOCK_BLANK      /* an empty line of plain text; `text` is "" */
} docket_block_kind;

typedef struct docket_block {
    docket_block_kind kind;
    int level;       /* heading level from 1; list nesting from 1; else 0 */
    unsigned line;   /* 1-based line in the source where the block starts; 0 if
                      * unknown. For HTML, the line of the block's element, 0
                      * from line 65535 on, where libxml2 stops counting. For
                      * .docx, the 1-based paragraph number: the paragraphs
                      * (w:p) of word/document.xml, then those of the footnotes
                      * and endnotes, counted in order. For .doc, the line of
                      * the converter's output. */
    char *text;      /* valid UTF-8, no trailing newline */
} docket_block;

/* One extracted document. An archive (.zip, or a .gz that contains one)
 * yields a chain of them linked by `next`, one per member file in archive
 * order, with the members of nested archives in place of the nested
 * archive. Any other file yields a chain of one.
 *
 * A member that cannot be extracted (an unsupported type, a corrupt file,
 * a limit exceeded) does not fail its archive. It stays in the chain with
 * no blocks, `status` giving the cause and `error` naming the member and
 * the reason ("a.zip!b.zip!x.docx: compression ratio 1000 exceeds the
 * limit of 200"), so that a caller reports it and goes on with the next.
 *
 * NOTE: members are read one at a time, but the chain keeps the blocks of
 * every member until it is freed. */
typedef struct docket_text {
    docket_block *blocks;
    size_t count;
    size_t capacity;
    char *path;         /* source name: a path, "archive.zip!member.docx", or
                         * "a.zip!b.zip!c.txt" inside a nested archive */
    const char *format; /* static name: "text", "markdown", "html", "docx", ... */
    docket_status status; /* DOCKET_OK, or why this archive member has no blocks */
    char *error;          /* NULL when `status` is DOCKET_OK, else the message */
    struct docket_text *next; /* the next document of the same archive, or NULL */
} docket_text;

/* Limits that protect the extractors from huge and hostile files. A field
 * of 0 takes its default. */
typedef struct docket_extract_limits {
    size_t max_file_bytes;    /* largest input file, archive member or
                               * decompressed .gz, default 256 MiB */
    size_t max_archive_bytes; /* total uncompressed bytes of the members of
                               * one archive, nested ones included, default 1 GiB */
    size_t max_archive_members; /* member files of one archive, nested ones
                                 * included, default 100000 */
    unsigned max_compression_ratio; /* uncompressed / compressed size of a member
                                     * over 1 MiB, default 200 */
    unsigned max_archive_depth;     /* archives (.zip, .gz) nested in each other,
                                     * default 3 */
    unsigned converter_seconds;     /* run time of an external converter
                                     * (antiword for .doc), default 20 */
    size_t max_converter_bytes;     /* output of an external converter, default 64 MiB */
} docket_extract_limits;

void docket_extract_limits_default(docket_extract_limits *limits);

/* Return the format docket reads for a file named `path` ("text",
 * "markdown", "html", "docx", "doc", "zip", "gzip"), or NULL when it reads
 * none. Decided by the name alone, so that the walker can skip a file
 * without opening it: "x.txt.gz" is "gzip" but "x.tar.gz" is NULL. The
 * texts of a .gz carry the format of the file inside it. */
const char *docket_extract_format(const char *path);

/* Prepare the parsers that extraction uses. Extraction may run in several
 * threads at once, each on its own files, once this has returned in one of
 * them; docket_index_open calls it. */
void docket_extract_init(void);

/* Extract the file at `path` into a new chain of docket_text (see above);
 * `limits` may be NULL for the defaults. Fails with DOCKET_ERR_UNSUPPORTED
 * for formats docket does not read or a missing converter program,
 * DOCKET_ERR_IO when the file cannot be read or is not a regular file,
 * DOCKET_ERR_INVALID_INPUT for binary, corrupt or hostile content and
 * DOCKET_ERR_TOO_LARGE beyond the limits. `err` then names the file and
 * the reason. An archive that opens succeeds even when members fail: each
 * such member is a docket_text with its own `status` and `error`. An
 * archive without member files yields one docket_text named after the
 * archive, with no blocks. On success *out is never NULL; free the whole
 * chain with docket_text_free. */
docket_status docket_extract_file(const char *path, const docket_extract_limits *limits,
                                  docket_text **out, docket_error *err);

/* Extract `len` bytes of `format` content named `name`, like
 * docket_extract_file. A .gz is decompressed and read by `name` without
 * its ".gz". */
docket_status docket_extract_buffer(const char *name, const char *format,
                                    const char *data, size_t len,
                                    const docket_extract_limits *limits,
                                    docket_text **out, docket_error *err);

/* Convert `len` bytes to NUL-terminated UTF-8: UTF-8 (BOM dropped),
 * UTF-16 with BOM, otherwise Windows-1252, or Latin-1 when a byte is
 * undefined in Windows-1252. Non-breaking spaces become spaces, CR LF and
 * lone CR become LF, Word's non-breaking hyphen U+001E becomes '-' and soft
 * hyphens are removed. Fails with DOCKET_ERR_INVALID_INPUT when the bytes
 * look binary: a NUL byte (or U+0000 in UTF-16), or more than 10% control
 * characters in the first 4 KB. `err` then gets the reason without a file
 * name. The caller frees *out. */
docket_status docket_text_to_utf8(const char *data, size_t len, char **out,
                                  size_t *out_len, docket_error *err);

/* Building blocks for extractors. */
docket_text *docket_text_new(const char *path, const char *format);
docket_status docket_text_append(docket_text *text, docket_block_kind kind, int level,
                                 unsigned line, const char *data, size_t len);
/* Free `text` and every docket_text chained after it; NULL is allowed. */
void docket_text_free(docket_text *text);

#ifdef __cplusplus
}
#endif

#endif
