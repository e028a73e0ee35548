/* normalise_private.h: ASCII helpers and alias-table internals shared by
 * the normalise module and the dialect parsers. */
#ifndef DOCKET_NORMALISE_PRIVATE_H
#define DOCKET_NORMALISE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/normalise.h"

/* ASCII classes: the C library's depend on the locale, and text here is
 * UTF-8 whose bytes above 0x7F must never count as letters or spaces. */
static inline bool ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline bool ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline bool ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static inline bool ascii_alpha(unsigned char c) { return ascii_upper(c) || ascii_lower(c); }
static inline bool ascii_alnum(unsigned char c) { return ascii_alpha(c) || ascii_digit(c); }
static inline bool ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
static inline unsigned char ascii_tolower(unsigned char c)
{
    return ascii_upper(c) ? (unsigned char)(c + 32) : c;
}

/* Return true when `text` starts with `word`, ignoring ASCII case. */
static inline bool starts_with_nocase(const char *text, const char *word)
{
    for (; *word; text++, word++) {
        if (ascii_tolower((unsigned char)*text) != ascii_tolower((unsigned char)*word))
            return false;
    }
    return true;
}

/* Return the length of the hyphen at `s`: '-', Word's non-breaking hyphen
 * (U+001E), U+2010, U+2011 or an en dash (U+2013), or 0 when there is none. */
static inline size_t hyphen_length(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (*s == '-' || *s == '\x1e')
        return 1;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x90 || u[2] == 0x91 || u[2] == 0x93))
        return 3;
    return 0;
}

/* Call `fn` for every spec name of the alias table found in `text` at word
 * boundaries, ignoring case, spaces and punctuation. */
docket_status docket_aliases_scan_spec_names(const docket_aliases *aliases, const char *text,
                                             docket_spec_fn fn, void *data);

#endif
