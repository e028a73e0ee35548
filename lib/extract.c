/* extract.c: the format table, reading input files and the docket_text block list. */
#include "docket/extract.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extract_internal.h"

#define MIB ((size_t)1024 * 1024)
#define DEFAULT_MAX_FILE_BYTES (256 * MIB)
#define DEFAULT_MAX_ARCHIVE_BYTES (1024 * MIB)
#define DEFAULT_MAX_ARCHIVE_MEMBERS 100000
#define DEFAULT_MAX_COMPRESSION_RATIO 200
#define DEFAULT_MAX_ARCHIVE_DEPTH 3
#define DEFAULT_CONVERTER_SECONDS 20
#define DEFAULT_MAX_CONVERTER_BYTES (64 * MIB)

/* One file name extension docket reads, the format it selects and the
 * extractor of that format: `extract` for formats read from their bytes
 * alone, `extract_source` for the others. Exactly one of them is set. */
typedef struct format_entry {
    const char *extension; /* with the dot; compared without regard to case */
    const char *format;
    docket_extractor extract;
    docket_source_extractor extract_source;
    bool by_inner_name; /* read by the name without this extension (".gz") */
} format_entry;

/* Every format docket reads. A new format needs its rows here and nowhere
 * else: docket_extract_format and docket_extract_buffer both read this. */
static const format_entry formats[] = {
    {".txt", "text", docket_extract_plain_text, NULL, false},
    {".text", "text", docket_extract_plain_text, NULL, false},
    {".md", "markdown", docket_extract_markdown, NULL, false},
    {".markdown", "markdown", docket_extract_markdown, NULL, false},
    {".htm", "html", docket_extract_html, NULL, false},
    {".html", "html", docket_extract_html, NULL, false},
    {".docx", "docx", NULL, docket_extract_docx, false},
    {".doc", "doc", NULL, docket_extract_doc, false},
    {".zip", "zip", NULL, docket_extract_zip, false},
    {".gz", "gzip", NULL, docket_extract_gzip, true},
};

#define FORMAT_COUNT (sizeof formats / sizeof formats[0])

docket_text *docket_text_new(const char *path, const char *format)
{
    assert(path);
    assert(format);

    docket_text *text = calloc(1, sizeof *text);
    if (!text)
        return NULL;
    text->path = strdup(path);
    if (!text->path) {
        free(text);
        return NULL;
    }
    text->format = format;
    return text;
}

static docket_status grow_blocks(docket_text *text)
{
    size_t capacity = text->capacity ? text->capacity * 2 : 64;
    if (capacity > SIZE_MAX / sizeof *text->blocks)
        return DOCKET_ERR_NO_MEMORY;

    docket_block *blocks = realloc(text->blocks, capacity * sizeof *blocks);
    if (!blocks)
        return DOCKET_ERR_NO_MEMORY;
    text->blocks = blocks;
    text->capacity = capacity;
    return DOCKET_OK;
}

docket_status docket_text_append(docket_text *text, docket_block_kind kind, int level,
                                 unsigned line, const char *data, size_t len)
{
    assert(text);
    assert(data || len == 0);

    if (text->count == text->capacity && grow_blocks(text) != DOCKET_OK)
        return DOCKET_ERR_NO_MEMORY;
    if (len == SIZE_MAX)
        return DOCKET_ERR_NO_MEMORY;

    char *copy = malloc(len + 1);
    if (!copy)
        return DOCKET_ERR_NO_MEMORY;
    if (len > 0)
        memcpy(copy, data, len);
    copy[len] = '\0';

    text->blocks[text->count++] = (docket_block){
        .kind = kind, .level = level, .line = line, .text = copy};
    return DOCKET_OK;
}

void docket_text_free(docket_text *text)
{
    /* A loop, not recursion: an archive may chain thousands of texts. */
    while (text) {
        docket_text *next = text->next;
        for (size_t i = 0; i < text->count; i++)
            free(text->blocks[i].text);
        free(text->blocks);
        free(text->path);
        free(text->error);
        free(text);
        text = next;
    }
}

void docket_extract_limits_default(docket_extract_limits *limits)
{
    assert(limits);
    *limits = (docket_extract_limits){
        .max_file_bytes = DEFAULT_MAX_FILE_BYTES,
        .max_archive_bytes = DEFAULT_MAX_ARCHIVE_BYTES,
        .max_archive_members = DEFAULT_MAX_ARCHIVE_MEMBERS,
        .max_compression_ratio = DEFAULT_MAX_COMPRESSION_RATIO,
        .max_archive_depth = DEFAULT_MAX_ARCHIVE_DEPTH,
        .converter_seconds = DEFAULT_CONVERTER_SECONDS,
        .max_converter_bytes = DEFAULT_MAX_CONVERTER_BYTES,
    };
}

/* Copy `limits` (NULL for the defaults) into `out` with every 0 field set
 * to its default. */
static void complete_limits(const docket_extract_limits *limits, docket_extract_limits *out)
{
    docket_extract_limits defaults;

    docket_extract_limits_default(&defaults);
    *out = limits ? *limits : defaults;
    if (!out->max_file_bytes)
        out->max_file_bytes = defaults.max_file_bytes;
    if (!out->max_archive_bytes)
        out->max_archive_bytes = defaults.max_archive_bytes;
    if (!out->max_archive_members)
        out->max_archive_members = defaults.max_archive_members;
    if (!out->max_compression_ratio)
        out->max_compression_ratio = defaults.max_compression_ratio;
    if (!out->max_archive_depth)
        out->max_archive_depth = defaults.max_archive_depth;
    if (!out->converter_seconds)
        out->converter_seconds = defaults.converter_seconds;
    if (!out->max_converter_bytes)
        out->max_converter_bytes = defaults.max_converter_bytes;
}

/* Return the row whose extension ends the last component of the first
 * `len` bytes of `path`, or NULL. Leading dots mark hidden files, so ".md"
 * has no extension. */
static const format_entry *entry_by_name(const char *path, size_t len)
{
    const char *end = path + len;
    const char *name = path;
    const char *dot = NULL;

    for (const char *p = path; p < end; p++) {
        if (*p == '/')
            name = p + 1;
    }
    while (name < end && *name == '.')
        name++;
    for (const char *p = name; p < end; p++) {
        if (*p == '.')
            dot = p;
    }
    if (!dot)
        return NULL;

    size_t extension_len = (size_t)(end - dot);
    for (size_t i = 0; i < FORMAT_COUNT; i++) {
        const char *extension = formats[i].extension;
        if (strlen(extension) == extension_len &&
            strncasecmp(dot, extension, extension_len) == 0)
            return &formats[i];
    }
    return NULL;
}

const char *docket_extract_format_len(const char *path, size_t len)
{
    const format_entry *entry = entry_by_name(path, len);
    if (!entry)
        return NULL;

    /* "x.txt.gz" is read as "x.txt", so it is read only if "x.txt" is. */
    size_t inner_len = len - strlen(entry->extension);
    if (entry->by_inner_name && !docket_extract_format_len(path, inner_len))
        return NULL;
    return entry->format;
}

const char *docket_extract_format(const char *path)
{
    assert(path);
    return docket_extract_format_len(path, strlen(path));
}

static const format_entry *find_format(const char *format)
{
    for (size_t i = 0; i < FORMAT_COUNT; i++) {
        if (strcmp(format, formats[i].format) == 0)
            return &formats[i];
    }
    return NULL;
}

/* Extract with an extractor that reads bytes alone into a chain of one. */
static docket_status extract_bytes(const docket_source *source, const format_entry *entry,
                                   docket_text **out, docket_error *err)
{
    docket_text *text = docket_text_new(source->name, entry->format);
    if (!text)
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");

    docket_status status = entry->extract(source->data, source->len, source->limits, text, err);
    if (status != DOCKET_OK) {
        docket_text_free(text);
        return status;
    }
    *out = text;
    return DOCKET_OK;
}

docket_status docket_extract_source(const docket_source *source, const char *format,
                                    docket_text **out, docket_error *err)
{
    assert(source);
    assert(format);
    assert(out);
    *out = NULL;

    const format_entry *entry = find_format(format);
    if (!entry)
        return docket_error_set(err, DOCKET_ERR_UNSUPPORTED, "format \"%s\" is not supported",
                                format);
    if (source->len > source->limits->max_file_bytes)
        return docket_error_set(err, DOCKET_ERR_TOO_LARGE, "too large (%zu bytes, limit %zu)",
                                source->len, source->limits->max_file_bytes);
    if (entry->extract_source)
        return entry->extract_source(source, out, err);
    return extract_bytes(source, entry, out, err);
}

/* Extract a top-level input and put its name in front of the reason of a
 * failure. */
static docket_status extract_top(const char *name, const char *file_path, const char *format,
                                 const char *data, size_t len,
                                 const docket_extract_limits *limits, docket_text **out,
                                 docket_error *err)
{
    docket_extract_limits complete;
    complete_limits(limits, &complete);
    docket_source source = {
        .name = name, .file_path = file_path, .data = data, .len = len,
        .limits = &complete, .depth = 0, .budget = NULL,
    };

    docket_error reason = {{0}};
    docket_status status = docket_extract_source(&source, format, out, &reason);
    if (status != DOCKET_OK)
        docket_error_set(err, status, "%s: %s", name, reason.message);
    return status;
}

docket_status docket_extract_buffer(const char *name, const char *format,
                                    const char *data, size_t len,
                                    const docket_extract_limits *limits,
                                    docket_text **out, docket_error *err)
{
    assert(name);
    assert(format);
    assert(out);
    assert(data || len == 0);
    return extract_top(name, NULL, format, data ? data : "", len, limits, out, err);
}

static docket_status io_error(docket_error *err, const char *path, int error)
{
    char reason[256];

    if (strerror_r(error, reason, sizeof reason) != 0)
        snprintf(reason, sizeof reason, "error %d", error);
    return docket_error_set(err, DOCKET_ERR_IO, "%s: %s", path, reason);
}

/* Read `size` bytes, or fewer if the file shrank since fstat. */
static docket_status read_contents(int fd, const char *path, size_t size, char **out,
                                   size_t *out_len, docket_error *err)
{
    char *data = malloc(size + 1);
    if (!data)
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "%s: out of memory", path);

    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, data + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int error = errno;
            free(data);
            return io_error(err, path, error);
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    data[got] = '\0';
    *out = data;
    *out_len = got;
    return DOCKET_OK;
}

/* Read a regular file of at most `max_bytes` bytes into memory. */
static docket_status read_file(const char *path, size_t max_bytes, char **out,
                               size_t *out_len, docket_error *err)
{
    /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return io_error(err, path, errno);

    struct stat st;
    docket_status status;
    if (fstat(fd, &st) != 0)
        status = io_error(err, path, errno);
    else if (!S_ISREG(st.st_mode))
        status = docket_error_set(err, DOCKET_ERR_IO, "%s: not a regular file", path);
    else if ((uintmax_t)st.st_size > max_bytes)
        status = docket_error_set(err, DOCKET_ERR_TOO_LARGE,
                                  "%s: file too large (%jd bytes, limit %zu)", path,
                                  (intmax_t)st.st_size, max_bytes);
    else
        status = read_contents(fd, path, (size_t)st.st_size, out, out_len, err);
    close(fd);
    return status;
}

docket_status docket_extract_file(const char *path, const docket_extract_limits *limits,
                                  docket_text **out, docket_error *err)
{
    docket_extract_limits complete;

    assert(path);
    assert(out);
    *out = NULL;
    complete_limits(limits, &complete);

    /* Decide by name first, so that a file of another format is never opened. */
    const char *format = docket_extract_format(path);
    if (!format)
        return docket_error_set(err, DOCKET_ERR_UNSUPPORTED,
                                "%s: file type not supported", path);

    char *data = NULL;
    size_t len = 0;
    docket_status status = read_file(path, complete.max_file_bytes, &data, &len, err);
    if (status == DOCKET_OK)
        status = extract_top(path, path, format, data, len, &complete, out, err);
    free(data);
    return status;
}
