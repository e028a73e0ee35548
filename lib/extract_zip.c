/* extract_zip.c: ZIP archives, each member extracted in turn within size, ratio and depth limits. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "extract_internal.h"

/* Members are read in steps of at most this many bytes. */
#define READ_STEP ((size_t)1 << 20)

/* The texts extracted so far from one archive, in order. */
typedef struct text_chain {
    docket_text *head;
    docket_text **tail; /* where the next text goes */
} text_chain;

/* One archive being extracted. */
typedef struct zip_job {
    zip_t *archive;
    const docket_source *source;
    docket_archive_budget *budget;
    text_chain chain;
} zip_job;

static docket_status zip_status(int code)
{
    switch (code) {
    case ZIP_ER_MEMORY:
        return DOCKET_ERR_NO_MEMORY;
    case ZIP_ER_COMPNOTSUPP:
    case ZIP_ER_ENCRNOTSUPP:
    case ZIP_ER_NOPASSWD:
        return DOCKET_ERR_UNSUPPORTED;
    default:
        return DOCKET_ERR_INVALID_INPUT;
    }
}

docket_status docket_zip_open(const char *data, size_t len, zip_t **out, docket_error *err)
{
    zip_error_t error;
    docket_status status = DOCKET_OK;

    zip_error_init(&error);
    *out = NULL;
    zip_source_t *source = zip_source_buffer_create(data, len, 0, &error);
    if (source)
        *out = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!*out) {
        int code = zip_error_code_zip(&error);
        status = docket_error_set(err, zip_status(code),
                                  "not a ZIP archive, or truncated or corrupt (%s)",
                                  zip_error_strerror(&error));
        zip_source_free(source);
    }
    zip_error_fini(&error);
    return status;
}

/* The maximum size of one member, and which limit sets it. */
typedef struct read_cap {
    size_t bytes;
    bool is_budget; /* the archive's remaining budget, not max_file_bytes */
} read_cap;

static docket_status over_cap(const read_cap *cap, const docket_extract_limits *limits,
                              unsigned long long size, docket_error *err)
{
    if (cap->is_budget)
        return docket_error_set(err, DOCKET_ERR_TOO_LARGE,
                                "the members of the archive exceed the limit of %zu "
                                "uncompressed bytes in total; later members are not read",
                                limits->max_archive_bytes);
    return docket_error_set(err, DOCKET_ERR_TOO_LARGE,
                            "%s%llu uncompressed bytes, limit %zu",
                            size > cap->bytes ? "" : "more than ", size, cap->bytes);
}

static docket_status over_ratio(unsigned long long ratio, const docket_extract_limits *limits,
                                docket_error *err)
{
    return docket_error_set(err, DOCKET_ERR_TOO_LARGE,
                            "compression ratio %llu exceeds the limit of %u", ratio,
                            limits->max_compression_ratio);
}

/* Check the sizes a member declares before reading any of it. */
static docket_status check_declared(const zip_stat_t *st, const docket_extract_limits *limits,
                                    const read_cap *cap, docket_error *err)
{
    bool sized = (st->valid & ZIP_STAT_SIZE) && (st->valid & ZIP_STAT_COMP_SIZE);

    if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE)
        return docket_error_set(err, DOCKET_ERR_UNSUPPORTED, "encrypted archive member");
    if (!sized)
        return DOCKET_OK;
    if (st->size > cap->bytes)
        return over_cap(cap, limits, st->size, err);

    zip_uint64_t ratio = st->size / (st->comp_size ? st->comp_size : 1);
    if (st->size > DOCKET_RATIO_FLOOR_BYTES && ratio > limits->max_compression_ratio)
        return over_ratio(ratio, limits, err);
    return DOCKET_OK;
}

/* Check the bytes read so far against the limits, whatever the member
 * declared. */
static docket_status check_read(size_t got, const read_cap *cap, const zip_stat_t *st,
                                const docket_extract_limits *limits, docket_error *err)
{
    if (got > cap->bytes)
        return over_cap(cap, limits, cap->bytes, err);

    zip_uint64_t packed = (st->valid & ZIP_STAT_COMP_SIZE) && st->comp_size ? st->comp_size : 1;
    if (got > DOCKET_RATIO_FLOOR_BYTES && got / packed > limits->max_compression_ratio)
        return over_ratio(got / packed, limits, err);
    return DOCKET_OK;
}

/* Make room for `want` more bytes after `got`, plus a NUL. */
static docket_status reserve(char **data, size_t *capacity, size_t got, size_t want)
{
    if (got + want + 1 <= *capacity)
        return DOCKET_OK;

    size_t grown = *capacity ? *capacity : READ_STEP;
    while (grown < got + want + 1)
        grown *= 2;
    char *bigger = realloc(*data, grown);
    if (!bigger)
        return DOCKET_ERR_NO_MEMORY;
    *data = bigger;
    *capacity = grown;
    return DOCKET_OK;
}

/* Read an open member until its end or until it passes a limit. A member
 * is read in steps into a buffer that grows with what arrives, so a false
 * declared size allocates nothing. */
static docket_status read_capped(zip_file_t *file, const read_cap *cap, const zip_stat_t *st,
                                 const docket_extract_limits *limits, char **out,
                                 size_t *out_len, docket_error *err)
{
    char *data = NULL;
    size_t capacity = 0;
    size_t got = 0;
    docket_status status = DOCKET_OK;

    for (;;) {
        if (reserve(&data, &capacity, got, READ_STEP) != DOCKET_OK) {
            status = docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
            break;
        }
        zip_int64_t n = zip_fread(file, data + got, READ_STEP);
        if (n < 0) {
            zip_error_t *error = zip_file_get_error(file);
            status = docket_error_set(err, zip_status(zip_error_code_zip(error)),
                                      "corrupt archive member (%s)", zip_error_strerror(error));
            break;
        }
        if (n == 0)
            break;
        got += (size_t)n;
        status = check_read(got, cap, st, limits, err);
        if (status != DOCKET_OK)
            break;
    }

    *out_len = got;
    if (status != DOCKET_OK) {
        free(data);
        return status;
    }
    data[got] = '\0';
    *out = data;
    return DOCKET_OK;
}

/* Open member `index` after checking what it declares. */
static docket_status open_member(zip_t *archive, uint64_t index,
                                 const docket_extract_limits *limits, const read_cap *cap,
                                 zip_stat_t *st, zip_file_t **out, docket_error *err)
{
    zip_stat_init(st);
    if (zip_stat_index(archive, index, 0, st) != 0)
        return docket_error_set(err, DOCKET_ERR_INVALID_INPUT, "corrupt archive member (%s)",
                                zip_strerror(archive));

    docket_status status = check_declared(st, limits, cap, err);
    if (status != DOCKET_OK)
        return status;

    *out = zip_fopen_index(archive, index, 0);
    if (!*out) {
        zip_error_t *error = zip_get_error(archive);
        return docket_error_set(err, zip_status(zip_error_code_zip(error)),
                                "cannot read archive member (%s)", zip_error_strerror(error));
    }
    return DOCKET_OK;
}

docket_status docket_zip_read(zip_t *archive, uint64_t index,
                              const docket_extract_limits *limits,
                              docket_archive_budget *budget, char **out, size_t *out_len,
                              docket_error *err)
{
    read_cap cap = {limits->max_file_bytes, false};
    zip_stat_t st;
    zip_file_t *file = NULL;
    size_t got = 0;

    *out = NULL;
    *out_len = 0;
    if (budget && budget->bytes < cap.bytes)
        cap = (read_cap){budget->bytes, true};

    docket_status status = open_member(archive, index, limits, &cap, &st, &file, err);
    if (status == DOCKET_OK) {
        status = read_capped(file, &cap, &st, limits, out, &got, err);
        zip_fclose(file);
    }

    /* Passing the budget ends the archive: every later member would fail too. */
    if (budget && status == DOCKET_ERR_TOO_LARGE && cap.is_budget)
        budget->exhausted = true;
    if (budget)
        budget->bytes -= got < budget->bytes ? got : budget->bytes;
    if (status == DOCKET_OK)
        *out_len = got;
    return status;
}

static void chain_add(text_chain *chain, docket_text *texts)
{
    *chain->tail = texts;
    while (*chain->tail)
        chain->tail = &(*chain->tail)->next;
}

/* Add a text without blocks that records why member `name` failed. */
static docket_status chain_add_failure(text_chain *chain, const char *name, const char *format,
                                       docket_status status, const char *reason)
{
    docket_text *text = docket_text_new(name, format ? format : "unknown");
    size_t size = strlen(name) + strlen(reason) + 3;
    char *message = text ? malloc(size) : NULL;

    if (!message) {
        docket_text_free(text);
        return DOCKET_ERR_NO_MEMORY;
    }
    snprintf(message, size, "%s: %s", name, reason);
    text->status = status;
    text->error = message;
    chain_add(chain, text);
    return DOCKET_OK;
}

/* Return "archive!member" as a new string, or NULL when out of memory. */
static char *member_path(const char *archive, const char *member)
{
    size_t size = strlen(archive) + strlen(member) + 2;
    char *path = malloc(size);

    if (path)
        snprintf(path, size, "%s!%s", archive, member);
    return path;
}

/* Folders have no content, and the "__MACOSX/" folder that macOS adds
 * contains resource forks named like the real files ("._x.docx"). */
static bool skipped_member(const char *member)
{
    size_t len = strlen(member);
    return len == 0 || member[len - 1] == '/' || strncmp(member, "__MACOSX/", 9) == 0;
}

/* Read member `index` and extract it by its own name into *out. */
static docket_status extract_member_text(zip_job *job, uint64_t index, const char *name,
                                         const char *format, docket_text **out,
                                         docket_error *reason)
{
    const docket_source *parent = job->source;
    char *data = NULL;
    size_t len = 0;

    docket_status status = docket_zip_read(job->archive, index, parent->limits, job->budget,
                                           &data, &len, reason);
    if (status != DOCKET_OK)
        return status;

    docket_source member = {
        .name = name, .file_path = NULL, .data = data, .len = len,
        .limits = parent->limits, .depth = parent->depth + 1, .budget = job->budget,
    };
    status = docket_extract_source(&member, format, out, reason);
    free(data);
    return status;
}

/* Take one member from the budget; when none is left, record the member
 * as failed and stop the archive. */
static docket_status count_member(zip_job *job, const char *name, bool *counted)
{
    docket_archive_budget *budget = job->budget;
    char reason[160];

    *counted = budget->members > 0;
    if (*counted) {
        budget->members--;
        return DOCKET_OK;
    }
    budget->exhausted = true;
    snprintf(reason, sizeof reason,
             "more than %zu member files in the archive; later members are not read",
             job->source->limits->max_archive_members);
    return chain_add_failure(&job->chain, name, docket_extract_format(name),
                             DOCKET_ERR_TOO_LARGE, reason);
}

/* Extract member `index` into the chain: its texts, or one text that
 * records why it failed. Fails only when out of memory. */
static docket_status extract_member(zip_job *job, uint64_t index)
{
    const char *member = zip_get_name(job->archive, index, ZIP_FL_ENC_GUESS);
    if (member && skipped_member(member))
        return DOCKET_OK;

    char *name = member_path(job->source->name, member ? member : "(member without a name)");
    if (!name)
        return DOCKET_ERR_NO_MEMORY;

    bool counted = false;
    docket_status status = count_member(job, name, &counted);
    if (!counted) {
        free(name);
        return status;
    }

    const char *format = member ? docket_extract_format(member) : NULL;
    docket_error reason = {{0}};
    docket_text *texts = NULL;
    if (format)
        status = extract_member_text(job, index, name, format, &texts, &reason);
    else
        status = docket_error_set(&reason, DOCKET_ERR_UNSUPPORTED, "file type not supported");

    if (status == DOCKET_OK)
        chain_add(&job->chain, texts);
    else if (status != DOCKET_ERR_NO_MEMORY)
        status = chain_add_failure(&job->chain, name, format, status, reason.message);
    free(name);
    return status;
}

/* Extract every member until the end or until the budget runs out. */
static docket_status extract_members(zip_job *job)
{
    zip_int64_t count = zip_get_num_entries(job->archive, 0);

    for (zip_int64_t i = 0; i < count && !job->budget->exhausted; i++) {
        docket_status status = extract_member(job, (uint64_t)i);
        if (status != DOCKET_OK)
            return status;
    }
    return DOCKET_OK;
}

docket_status docket_extract_zip(const docket_source *source, docket_text **out,
                                 docket_error *err)
{
    docket_archive_budget budget = {
        .bytes = source->limits->max_archive_bytes,
        .members = source->limits->max_archive_members,
        .exhausted = false,
    };
    zip_job job = {.source = source, .budget = source->budget ? source->budget : &budget};
    job.chain.tail = &job.chain.head;

    if (source->depth >= source->limits->max_archive_depth)
        return docket_error_set(err, DOCKET_ERR_TOO_LARGE,
                                "archive nested more than %u levels deep",
                                source->limits->max_archive_depth);
    docket_status status = docket_zip_open(source->data, source->len, &job.archive, err);
    if (status != DOCKET_OK)
        return status;

    status = extract_members(&job);
    zip_discard(job.archive);
    if (status == DOCKET_OK && !job.chain.head) {
        job.chain.head = docket_text_new(source->name, "zip");
        status = job.chain.head ? DOCKET_OK : DOCKET_ERR_NO_MEMORY;
    }
    if (status != DOCKET_OK) {
        docket_text_free(job.chain.head);
        return docket_error_set(err, status, "out of memory");
    }
    *out = job.chain.head;
    return DOCKET_OK;
}
