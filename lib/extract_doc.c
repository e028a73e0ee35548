/* extract_doc.c: Word 97 .doc through antiword: one block per line, table lines as rows. */
#define _GNU_SOURCE /* mkostemp */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract_internal.h"

#define CONVERTER "antiword"

/* Compound files (OLE2) start with these bytes; Word 97 to 2003 files are
 * compound files. */
static const char ole2_magic[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/* Write `len` bytes to a new private file in $TMPDIR (or /tmp) and put its
 * path in `path`. */
static docket_status write_temp_file(const char *data, size_t len, char *path, size_t size,
                                     docket_error *err)
{
    const char *dir = getenv("TMPDIR");
    int written = snprintf(path, size, "%s/docket-doc-XXXXXX", dir && *dir ? dir : "/tmp");
    if (written < 0 || (size_t)written >= size)
        return docket_error_set(err, DOCKET_ERR_IO, "TMPDIR is too long");

    int fd = mkostemp(path, O_CLOEXEC);
    if (fd < 0)
        return docket_error_set(err, DOCKET_ERR_IO, "cannot create a temporary file in %s: %s",
                                dir && *dir ? dir : "/tmp", strerror(errno));
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int error = errno;
            close(fd);
            unlink(path);
            return docket_error_set(err, DOCKET_ERR_IO, "cannot write a temporary file: %s",
                                    strerror(error));
        }
        done += (size_t)n;
    }
    close(fd);
    return DOCKET_OK;
}

/* Replace `path` in the message by "the file": antiword names its input,
 * which may be a temporary file. */
static void hide_path(docket_error *err, const char *path)
{
    char *found = strstr(err->message, path);
    if (!found)
        return;

    docket_error copy = *err;
    size_t before = (size_t)(found - err->message);
    snprintf(err->message, sizeof err->message, "%.*s%s%s", (int)before, copy.message,
             "the file", copy.message + before + strlen(path));
}

/* Run antiword on `path`: UTF-8 output and a whole paragraph per line. */
static docket_status convert(const docket_source *source, const char *path, char **out,
                             size_t *out_len, docket_error *err)
{
    char *argv[] = {CONVERTER, "-w", "0", "-m", "UTF-8.txt", "--", (char *)path, NULL};
    const docket_extract_limits *limits = source->limits;

    docket_status status = docket_run_converter(argv, limits->converter_seconds,
                                                limits->max_converter_bytes, out, out_len, err);
    if (status == DOCKET_ERR_UNSUPPORTED)
        return docket_error_set(err, status,
                                "cannot read Word 97 files: " CONVERTER " is not installed "
                                "(install the Debian package " CONVERTER ")");
    if (status != DOCKET_OK)
        hide_path(err, path);
    return status;
}

/* antiword prints a table row as "|cell |cell |". Rewrite such a block in
 * place as a row of trimmed cells joined by '\t'. */
static void make_row(docket_block *block)
{
    char *s = block->text;
    size_t len = strlen(s);
    if (len < 2 || s[0] != '|' || s[len - 1] != '|')
        return;

    /* Each cell is copied left over its padding, so `w` never passes `i`. */
    size_t w = 0;
    for (size_t i = 1; i < len; i++) {
        size_t cell = w;
        while (s[i] == ' ')
            i++;
        for (; s[i] != '|'; i++)
            s[w++] = s[i] == '\t' ? ' ' : s[i];
        while (w > cell && s[w - 1] == ' ')
            w--;
        if (i + 1 < len)
            s[w++] = '\t';
    }
    s[w] = '\0';
    block->kind = w == strspn(s, "\t") ? DOCKET_BLOCK_BLANK : DOCKET_BLOCK_ROW;
    if (block->kind == DOCKET_BLOCK_BLANK)
        s[0] = '\0';
}

/* The converter's text, one block per line as for plain text, with table
 * lines as rows. A line of empty cells is a blank line. */
static docket_status add_blocks(const char *output, size_t len, const docket_source *source,
                                docket_text *text, docket_error *err)
{
    docket_status status = docket_extract_plain_text(output, len, source->limits, text, err);
    if (status != DOCKET_OK)
        return status;
    for (size_t i = 0; i < text->count; i++)
        make_row(&text->blocks[i]);
    return DOCKET_OK;
}

/* Convert the file with antiword into a new text. */
static docket_status extract_word97(const docket_source *source, docket_text **out,
                                    docket_error *err)
{
    char temp[PATH_MAX] = "";
    const char *path = source->file_path;
    docket_status status = DOCKET_OK;

    /* antiword reads a file: bytes from an archive go to a temporary one. */
    if (!path) {
        status = write_temp_file(source->data, source->len, temp, sizeof temp, err);
        path = temp;
    }
    char *output = NULL;
    size_t len = 0;
    if (status == DOCKET_OK)
        status = convert(source, path, &output, &len, err);
    if (temp[0])
        unlink(temp);

    docket_text *text = NULL;
    if (status == DOCKET_OK && !(text = docket_text_new(source->name, "doc")))
        status = docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
    if (status == DOCKET_OK)
        status = add_blocks(output, len, source, text, err);
    free(output);
    if (status != DOCKET_OK) {
        docket_text_free(text);
        return status;
    }
    *out = text;
    return DOCKET_OK;
}

/* Word files are often saved under the other extension: the content
 * decides between .doc and .docx.
 * NOTE: RTF and HTML saved under the name .doc go to antiword too, which
 * rejects them as not Word documents. */
docket_status docket_extract_doc(const docket_source *source, docket_text **out,
                                 docket_error *err)
{
    if (source->len >= 4 && memcmp(source->data, "PK\x03\x04", 4) == 0)
        return docket_extract_docx(source, out, err);
    return extract_word97(source, out, err);
}

bool docket_is_word97(const char *data, size_t len)
{
    return len >= sizeof ole2_magic - 1 && memcmp(data, ole2_magic, sizeof ole2_magic - 1) == 0;
}
