/* extract_docx.h: paragraph styles and element names shared by the .docx reader. */
#ifndef DOCKET_EXTRACT_DOCX_H
#define DOCKET_EXTRACT_DOCX_H

#include <libxml/xmlreader.h>
#include <stdbool.h>

#include "extract_internal.h"

/* What a paragraph style makes of its paragraphs. */
typedef struct docx_style_kind {
    int heading_level; /* 1 to 9, or 0 for no heading */
    bool numbered;     /* the style has numbering: its paragraphs are list items */
} docx_style_kind;

typedef struct docx_styles docx_styles;

/* Read the paragraph styles of word/styles.xml, if the archive has it, into
 * a new table in *out (an empty table when it has none). */
docket_status docx_styles_read(struct zip *archive, const docket_source *source,
                               docx_styles **out, docket_error *err);

/* Return what style `id` makes of a paragraph; `styles` and `id` may be
 * NULL. Without a table entry, the built-in ids "Heading1" to "Heading9"
 * are headings. */
docx_style_kind docx_styles_find(const docx_styles *styles, const char *id);

void docx_styles_free(docx_styles *styles);

/* Return the local name of the element the reader is on when it is in the
 * WordprocessingML namespace (transitional or strict), else NULL. */
const char *docx_element_name(xmlTextReaderPtr reader);

/* Return the value of the WordprocessingML attribute `local_name` of the
 * current element as a new string, or NULL. */
char *docx_attribute(xmlTextReaderPtr reader, const char *local_name);

/* Return the integer value of the attribute "w:val" of the current
 * element, or `fallback` when it has none. */
int docx_int_value(xmlTextReaderPtr reader, int fallback);

/* Return true on an mc:Fallback element or end tag. */
bool docx_is_markup_fallback(xmlTextReaderPtr reader);

#endif
