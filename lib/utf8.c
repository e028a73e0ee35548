/* utf8.c: charset detection and conversion of input bytes to normalised UTF-8. */
#include "utf8.h"

#include <assert.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docket/extract.h"

/* The binary-content test looks at this many leading bytes of the text. */
#define CONTROL_SAMPLE_BYTES 4096

/* Growing output buffer of a charset conversion. */
typedef struct utf8_buffer {
    char *data;
    size_t len;
    size_t capacity;
} utf8_buffer;

/* Check the UTF-8 sequence at `s`. Return true with *length set to its
 * length when it is well formed. Otherwise return false with *length set
 * to the length of its maximal ill-formed subpart (at least 1). The byte
 * ranges are those of table 3-7 of the Unicode Standard. */
static bool utf8_next(const unsigned char *s, size_t avail, size_t *length)
{
    unsigned char lead = s[0];
    unsigned char low = 0x80;  /* range of the second byte */
    unsigned char high = 0xBF;
    size_t need;

    if (lead < 0x80) {
        *length = 1;
        return true;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        need = 2;
    } else if (lead == 0xE0) {
        need = 3;
        low = 0xA0;
    } else if (lead == 0xED) {
        need = 3;
        high = 0x9F;
    } else if (lead >= 0xE1 && lead <= 0xEF) {
        need = 3;
    } else if (lead == 0xF0) {
        need = 4;
        low = 0x90;
    } else if (lead == 0xF4) {
        need = 4;
        high = 0x8F;
    } else if (lead >= 0xF1 && lead <= 0xF3) {
        need = 4;
    } else {
        *length = 1;
        return false;
    }

    for (size_t i = 1; i < need; i++) {
        if (i >= avail || s[i] < low || s[i] > high) {
            *length = i;
            return false;
        }
        low = 0x80;
        high = 0xBF;
    }
    *length = need;
    return true;
}

bool docket_utf8_valid(const char *data, size_t len)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t i = 0;

    while (i < len) {
        size_t length;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        if (!utf8_next(s + i, len - i, &length))
            return false;
        i += length;
    }
    return true;
}

static const char replacement_character[] = "\xEF\xBF\xBD"; /* U+FFFD */

docket_status docket_utf8_sanitize(const char *data, size_t len, char **out,
                                   size_t *out_len)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t size = 0;
    size_t length;

    assert(out);
    assert(out_len);
    *out = NULL;
    *out_len = 0;

    /* First pass: the size of the result; each bad byte grows to at most 3. */
    for (size_t i = 0; i < len; i += length)
        size += utf8_next(s + i, len - i, &length) ? length : 3;

    char *text = malloc(size + 1);
    if (!text)
        return DOCKET_ERR_NO_MEMORY;

    size_t w = 0;
    for (size_t i = 0; i < len; i += length) {
        if (utf8_next(s + i, len - i, &length)) {
            memcpy(text + w, s + i, length);
            w += length;
        } else {
            memcpy(text + w, replacement_character, 3);
            w += 3;
        }
    }
    text[w] = '\0';
    *out = text;
    *out_len = w;
    return DOCKET_OK;
}

/* Return how many bytes of the character at `s` match the 2- or 3-byte
 * UTF-8 `pattern`, or 0 when they differ. */
static size_t match_sequence(const unsigned char *s, size_t avail, const char *pattern)
{
    size_t length = strlen(pattern);
    if (avail < length || memcmp(s, pattern, length) != 0)
        return 0;
    return length;
}

void docket_utf8_normalise(char *text, size_t *len)
{
    unsigned char *s = (unsigned char *)text;
    size_t n = *len;
    size_t r = 0;
    size_t w = 0;
    size_t length;

    while (r < n) {
        unsigned char c = s[r];
        if (c == '\r') {
            s[w++] = '\n';
            r += (r + 1 < n && s[r + 1] == '\n') ? 2 : 1;
        } else if (c == 0x1E) {
            s[w++] = '-';
            r++;
        } else if (c < 0xC2) {
            s[w++] = c;
            r++;
        } else if ((length = match_sequence(s + r, n - r, "\xC2\xA0")) ||
                   (length = match_sequence(s + r, n - r, "\xE2\x80\xAF"))) {
            s[w++] = ' ';
            r += length;
        } else if ((length = match_sequence(s + r, n - r, "\xE2\x80\x91"))) {
            s[w++] = '-';
            r += length;
        } else if ((length = match_sequence(s + r, n - r, "\xC2\xAD"))) {
            r += length;
        } else {
            s[w++] = c;
            r++;
        }
    }
    s[w] = '\0';
    *len = w;
}

/* Make room for `room` more bytes plus a NUL in `buffer`. */
static docket_status buffer_reserve(utf8_buffer *buffer, size_t room)
{
    if (buffer->capacity - buffer->len > room)
        return DOCKET_OK;

    size_t capacity = buffer->capacity ? buffer->capacity : 64;
    while (capacity - buffer->len <= room) {
        if (capacity > SIZE_MAX / 2)
            return DOCKET_ERR_NO_MEMORY;
        capacity *= 2;
    }
    char *data = realloc(buffer->data, capacity);
    if (!data)
        return DOCKET_ERR_NO_MEMORY;
    buffer->data = data;
    buffer->capacity = capacity;
    return DOCKET_OK;
}

static docket_status buffer_append(utf8_buffer *buffer, const char *data, size_t len)
{
    if (buffer_reserve(buffer, len) != DOCKET_OK)
        return DOCKET_ERR_NO_MEMORY;
    memcpy(buffer->data + buffer->len, data, len);
    buffer->len += len;
    return DOCKET_OK;
}

/* Handle a conversion error of iconv at `*in`. With `replace`, an invalid
 * or truncated code unit becomes U+FFFD and conversion goes on. Without it,
 * the error ends the conversion. */
static docket_status conversion_error(int error, const char *charset, bool replace,
                                      const char *start, char **in, size_t *in_left,
                                      utf8_buffer *buffer, docket_error *err)
{
    size_t offset = (size_t)(*in - start);

    if (error != EILSEQ && error != EINVAL)
        return docket_error_set(err, DOCKET_ERR_INVALID_INPUT,
                                "conversion from %s failed at offset %zu", charset, offset);
    if (!replace)
        return docket_error_set(err, DOCKET_ERR_INVALID_INPUT,
                                "byte 0x%02X at offset %zu is not defined in %s",
                                (unsigned char)**in, offset, charset);
    if (buffer_append(buffer, replacement_character, 3) != DOCKET_OK)
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");

    /* Skip one UTF-16 code unit, or the incomplete one at the end. */
    size_t skip = (error == EINVAL || *in_left < 2) ? *in_left : 2;
    *in += skip;
    *in_left -= skip;
    return DOCKET_OK;
}

/* Convert `len` bytes from `charset` to UTF-8 with glibc iconv. */
static docket_status convert_charset(const char *charset, const char *data, size_t len,
                                     bool replace, utf8_buffer *buffer, docket_error *err)
{
    iconv_t converter = iconv_open("UTF-8", charset);
    if (converter == (iconv_t)-1)
        return docket_error_set(err, DOCKET_ERR_UNSUPPORTED,
                                "iconv cannot convert from %s to UTF-8", charset);

    docket_status status = buffer_reserve(buffer, len / 2 * 3 + 16);
    char *in = (char *)data; /* iconv does not write through its input pointer */
    size_t in_left = len;

    while (status == DOCKET_OK && in_left > 0) {
        char *dst = buffer->data + buffer->len;
        size_t dst_left = buffer->capacity - buffer->len - 1;
        size_t result = iconv(converter, &in, &in_left, &dst, &dst_left);
        int error = errno;

        buffer->len = (size_t)(dst - buffer->data);
        if (result != (size_t)-1)
            break;
        if (error == E2BIG)
            status = buffer_reserve(buffer, buffer->capacity);
        else
            status = conversion_error(error, charset, replace, data, &in, &in_left, buffer, err);
    }
    iconv_close(converter);

    if (status == DOCKET_ERR_NO_MEMORY)
        return docket_error_set(err, status, "out of memory");
    if (status == DOCKET_OK)
        buffer->data[buffer->len] = '\0';
    return status;
}

/* Control characters that make a text look binary. Tab, LF, CR, FF and
 * Word's non-breaking hyphen U+001E occur in real documents. */
static bool is_binary_control(unsigned char c)
{
    if (c == 0x7F)
        return true;
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1E;
}

/* Reject text where more than 10% of the first 4 KB are control
 * characters. The threshold is a judgement, not a measurement. Text in the
 * charsets docket reads has almost none, while random or compressed bytes
 * have about 11% (28 of the 256 byte values). */
static docket_status check_control_characters(const char *data, size_t len,
                                              docket_error *err)
{
    size_t sample = len < CONTROL_SAMPLE_BYTES ? len : CONTROL_SAMPLE_BYTES;
    size_t controls = 0;

    for (size_t i = 0; i < sample; i++)
        controls += is_binary_control((unsigned char)data[i]);
    if (controls * 10 > sample)
        return docket_error_set(err, DOCKET_ERR_INVALID_INPUT,
                                "binary content (%zu of the first %zu bytes are "
                                "control characters)",
                                controls, sample);
    return DOCKET_OK;
}

/* Reject 8-bit text that contains a NUL byte or too many control
 * characters. `offset` is the position of `data` in the file. */
static docket_status check_binary_bytes(const char *data, size_t len, size_t offset,
                                        docket_error *err)
{
    const char *nul = memchr(data, '\0', len);
    if (nul)
        return docket_error_set(err, DOCKET_ERR_INVALID_INPUT,
                                "binary content (NUL byte at offset %zu)",
                                offset + (size_t)(nul - data));
    return check_control_characters(data, len, err);
}

/* Decode UTF-16 after its byte order mark. Invalid code units become
 * U+FFFD, and a U+0000 character means binary content. */
static docket_status decode_utf16(const char *charset, const char *data, size_t len,
                                  utf8_buffer *buffer, docket_error *err)
{
    docket_status status = convert_charset(charset, data, len, true, buffer, err);
    if (status != DOCKET_OK)
        return status;
    if (memchr(buffer->data, '\0', buffer->len))
        return docket_error_set(err, DOCKET_ERR_INVALID_INPUT,
                                "binary content (U+0000 character in %s text)", charset);
    return check_control_characters(buffer->data, buffer->len, err);
}

/* Decode 8-bit text: UTF-8 when it is valid, else Windows-1252, else
 * Latin-1 when the text uses a byte that Windows-1252 leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D). After a UTF-8 byte order mark, invalid
 * sequences become U+FFFD instead. */
static docket_status decode_8bit(const char *data, size_t len, bool utf8_bom,
                                 utf8_buffer *buffer, docket_error *err)
{
    if (utf8_bom || docket_utf8_valid(data, len)) {
        if (docket_utf8_sanitize(data, len, &buffer->data, &buffer->len) != DOCKET_OK)
            return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
        buffer->capacity = buffer->len + 1;
        return DOCKET_OK;
    }

    docket_status status = convert_charset("WINDOWS-1252", data, len, false, buffer, err);
    if (status != DOCKET_ERR_INVALID_INPUT)
        return status;
    buffer->len = 0;
    return convert_charset("ISO-8859-1", data, len, false, buffer, err);
}

/* Return the iconv name of the UTF-16 variant that `data` starts with a
 * byte order mark for, or NULL. */
static const char *utf16_charset(const char *data, size_t len)
{
    if (len >= 2 && memcmp(data, "\xFF\xFE", 2) == 0)
        return "UTF-16LE";
    if (len >= 2 && memcmp(data, "\xFE\xFF", 2) == 0)
        return "UTF-16BE";
    return NULL;
}

docket_status docket_text_to_utf8(const char *data, size_t len, char **out,
                                  size_t *out_len, docket_error *err)
{
    utf8_buffer buffer = {0};
    docket_status status;

    assert(out);
    assert(out_len);
    assert(data || len == 0);
    *out = NULL;
    *out_len = 0;
    if (!data)
        data = "";

    const char *utf16 = utf16_charset(data, len);
    if (utf16) {
        status = decode_utf16(utf16, data + 2, len - 2, &buffer, err);
    } else {
        size_t bom = (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
        status = check_binary_bytes(data + bom, len - bom, bom, err);
        if (status == DOCKET_OK)
            status = decode_8bit(data + bom, len - bom, bom > 0, &buffer, err);
    }
    if (status != DOCKET_OK) {
        free(buffer.data);
        return status;
    }

    docket_utf8_normalise(buffer.data, &buffer.len);
    *out = buffer.data;
    *out_len = buffer.len;
    return DOCKET_OK;
}
