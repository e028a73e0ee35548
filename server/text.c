/* text.c: making bytes from a client safe to echo in messages and logs. */
#include "text.h"

#include <stdbool.h>
#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD"

/* Length of the valid UTF-8 sequence at `s` (at most `available` bytes),
 * or 0 when it is invalid: overlong forms, surrogates and code points
 * above U+10FFFF are invalid (RFC 3629). */
static size_t sequence_length(const unsigned char *s, size_t available)
{
    size_t length = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
                  : s[0] >= 0xE0 && s[0] <= 0xEF ? 3 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    if (length == 0 || length > available)
        return 0;
    for (size_t i = 1; i < length; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    }
    if (length == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F)))
        return 0;
    if (length == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F)))
        return 0;
    return length;
}

/* Append `length` bytes to `out` if they fit with room for "..." and NUL. */
static bool append(char *out, size_t size, size_t *used, const char *bytes, size_t length)
{
    if (*used + length + 4 > size)
        return false;
    memcpy(out + *used, bytes, length);
    *used += length;
    return true;
}

void text_quote(const char *text, size_t max_bytes, char *out, size_t size)
{
    if (size < 4) {
        if (size > 0)
            out[0] = '\0';
        return;
    }

    const unsigned char *s = (const unsigned char *)text;
    size_t available = strlen(text);
    size_t used = 0;
    size_t i = 0;
    bool fits = true;
    while (fits && i < available && i < max_bytes) {
        size_t length = sequence_length(s + i, available - i);
        if (length == 0)
            fits = append(out, size, &used, REPLACEMENT, 3);
        else if (length == 1 && (s[i] < 0x20 || s[i] == 0x7F))
            fits = append(out, size, &used, "?", 1);
        else
            fits = append(out, size, &used, text + i, length);
        if (fits)
            i += length ? length : 1;
    }

    /* append() always leaves room for the mark and the NUL. */
    if (i < available) {
        memcpy(out + used, "...", 3);
        used += 3;
    }
    out[used] = '\0';
}
