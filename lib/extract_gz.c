/* extract_gz.c: gzip files, decompressed within the limits and read by the name without ".gz". */
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "extract_internal.h"

/* The output buffer starts at this size and doubles as needed. */
#define FIRST_CAPACITY ((size_t)64 * 1024)

/* The maximum size of the decompressed data, and which limit sets it. */
typedef struct gunzip_cap {
    size_t bytes;
    bool is_budget; /* the archive's remaining budget, not max_file_bytes */
} gunzip_cap;

/* A decompression in progress. */
typedef struct gunzip_state {
    z_stream stream;
    const unsigned char *in;
    size_t in_left; /* input bytes not yet handed to zlib */
    char *out;
    size_t out_len;
    size_t capacity;
    size_t max_out; /* output bytes that pass the cap by one: inflate stops there */
} gunzip_state;

/* Hand zlib as much input and output room as its 32-bit counters take. */
static void feed(gunzip_state *state)
{
    if (state->stream.avail_in == 0 && state->in_left > 0) {
        size_t n = state->in_left < UINT_MAX ? state->in_left : UINT_MAX;
        state->stream.next_in = (unsigned char *)state->in;
        state->stream.avail_in = (uInt)n;
        state->in += n;
        state->in_left -= n;
    }
    size_t room = state->capacity - state->out_len - 1;
    if (room > state->max_out - state->out_len)
        room = state->max_out - state->out_len;
    state->stream.next_out = (unsigned char *)state->out + state->out_len;
    state->stream.avail_out = (uInt)(room < UINT_MAX ? room : UINT_MAX);
}

static docket_status grow_output(gunzip_state *state)
{
    size_t capacity = state->capacity ? state->capacity * 2 : FIRST_CAPACITY;
    char *grown = realloc(state->out, capacity);

    if (!grown)
        return DOCKET_ERR_NO_MEMORY;
    state->out = grown;
    state->capacity = capacity;
    return DOCKET_OK;
}

static size_t input_left(const gunzip_state *state)
{
    return state->stream.avail_in + state->in_left;
}

/* After the end of one gzip member, another may follow (as `cat a.gz
 * b.gz` makes); anything else after the end is ignored, as gzip does. */
static bool next_member_follows(gunzip_state *state)
{
    if (input_left(state) < 2)
        return false;
    feed(state);
    const unsigned char *next = state->stream.next_in;
    if (state->stream.avail_in < 2 || next[0] != 0x1f || next[1] != 0x8b)
        return false;
    return inflateReset(&state->stream) == Z_OK;
}

static docket_status check_output(const gunzip_state *state, size_t in_len,
                                  const gunzip_cap *cap, const docket_extract_limits *limits,
                                  docket_error *err)
{
    size_t ratio = state->out_len / (in_len ? in_len : 1);

    if (state->out_len > cap->bytes && cap->is_budget)
        return docket_error_set(err, DOCKET_ERR_TOO_LARGE,
                                "the members of the archive exceed the limit of %zu "
                                "uncompressed bytes in total; later members are not read",
                                limits->max_archive_bytes);
    if (state->out_len > cap->bytes)
        return docket_error_set(err, DOCKET_ERR_TOO_LARGE,
                                "decompresses to more than %zu bytes, limit %zu", cap->bytes,
                                cap->bytes);
    if (state->out_len > DOCKET_RATIO_FLOOR_BYTES && ratio > limits->max_compression_ratio)
        return docket_error_set(err, DOCKET_ERR_TOO_LARGE,
                                "compression ratio %zu exceeds the limit of %u", ratio,
                                limits->max_compression_ratio);
    return DOCKET_OK;
}

/* Run inflate until the input ends or a limit is passed. */
static docket_status inflate_all(gunzip_state *state, size_t in_len, const gunzip_cap *cap,
                                 const docket_extract_limits *limits, docket_error *err)
{
    for (;;) {
        if (state->capacity - state->out_len < 2 && grow_output(state) != DOCKET_OK)
            return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
        feed(state);

        size_t before = state->stream.avail_out;
        int ret = inflate(&state->stream, Z_NO_FLUSH);
        state->out_len += before - state->stream.avail_out;

        docket_status status = check_output(state, in_len, cap, limits, err);
        if (status != DOCKET_OK)
            return status;
        if (ret == Z_STREAM_END && !next_member_follows(state))
            return DOCKET_OK;
        if (ret == Z_MEM_ERROR)
            return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
        if (ret == Z_DATA_ERROR || ret == Z_NEED_DICT || ret == Z_STREAM_ERROR)
            return docket_error_set(err, DOCKET_ERR_INVALID_INPUT, "corrupt gzip data (%s)",
                                    state->stream.msg ? state->stream.msg : "no detail");
        if (ret == Z_BUF_ERROR && input_left(state) == 0)
            return docket_error_set(err, DOCKET_ERR_INVALID_INPUT,
                                    "truncated gzip data: it ends before its end marker");
    }
}

/* Decompress `source` into a new NUL-terminated buffer. */
static docket_status gunzip(const docket_source *source, char **out, size_t *out_len,
                            docket_error *err)
{
    gunzip_state state = {
        .in = (const unsigned char *)source->data, .in_left = source->len,
    };
    gunzip_cap cap = {source->limits->max_file_bytes, false};
    docket_archive_budget *budget = source->budget;

    if (budget && budget->bytes < cap.bytes)
        cap = (gunzip_cap){budget->bytes, true};
    state.max_out = cap.bytes + 1;
    if (inflateInit2(&state.stream, 16 + MAX_WBITS) != Z_OK)
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");

    docket_status status = inflate_all(&state, source->len, &cap, source->limits, err);
    inflateEnd(&state.stream);
    if (budget && status == DOCKET_ERR_TOO_LARGE && cap.is_budget)
        budget->exhausted = true;
    if (budget)
        budget->bytes -= state.out_len < budget->bytes ? state.out_len : budget->bytes;
    if (status != DOCKET_OK) {
        free(state.out);
        return status;
    }
    state.out[state.out_len] = '\0';
    *out = state.out;
    *out_len = state.out_len;
    return DOCKET_OK;
}

/* Return the format of the name without a final ".gz", or NULL. */
static const char *inner_format(const char *name)
{
    size_t len = strlen(name);

    if (len > 3 && strcasecmp(name + len - 3, ".gz") == 0)
        len -= 3;
    return docket_extract_format_len(name, len);
}

docket_status docket_extract_gzip(const docket_source *source, docket_text **out,
                                  docket_error *err)
{
    const char *format = inner_format(source->name);
    char *data = NULL;
    size_t len = 0;

    if (source->depth >= source->limits->max_archive_depth)
        return docket_error_set(err, DOCKET_ERR_TOO_LARGE,
                                "archive nested more than %u levels deep",
                                source->limits->max_archive_depth);
    if (!format)
        return docket_error_set(err, DOCKET_ERR_UNSUPPORTED,
                                "the type of the file inside is not supported");

    docket_status status = gunzip(source, &data, &len, err);
    if (status != DOCKET_OK)
        return status;

    /* The texts keep the name with ".gz", because that is the file. */
    docket_source inner = *source;
    inner.file_path = NULL;
    inner.data = data;
    inner.len = len;
    inner.depth = source->depth + 1;
    status = docket_extract_source(&inner, format, out, err);
    free(data);
    return status;
}
