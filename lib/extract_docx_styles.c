/* extract_docx_styles.c: .docx paragraph styles (headings, numbering) and WordprocessingML names. */
#include "extract_docx.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "extract_xml.h"

#define W_NAMESPACE "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT_NAMESPACE "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NAMESPACE "http://schemas.openxmlformats.org/markup-compatibility/2006"

/* Styles inherit through w:basedOn at most this deep. */
#define MAX_INHERITANCE 16

/* One paragraph style; -1 marks a property the style leaves to the style
 * it is based on. */
typedef struct style_entry {
    char *id;
    char *based_on;
    int heading_level;
    int numbered;
} style_entry;

struct docx_styles {
    style_entry *entries; /* sorted by id once read */
    size_t count;
    size_t capacity;
};

typedef struct styles_walk {
    docx_styles *styles;
    style_entry *current; /* the w:style being read, or NULL */
    bool in_properties;   /* inside its w:pPr */
} styles_walk;

const char *docx_element_name(xmlTextReaderPtr reader)
{
    const char *uri = (const char *)xmlTextReaderConstNamespaceUri(reader);

    if (!uri || (strcmp(uri, W_NAMESPACE) != 0 && strcmp(uri, W_STRICT_NAMESPACE) != 0))
        return NULL;
    return (const char *)xmlTextReaderConstLocalName(reader);
}

char *docx_attribute(xmlTextReaderPtr reader, const char *local_name)
{
    const xmlChar *uri = xmlTextReaderConstNamespaceUri(reader);
    xmlChar *value = xmlTextReaderGetAttributeNs(reader, (const xmlChar *)local_name, uri);
    char *copy = value ? strdup((const char *)value) : NULL;

    xmlFree(value);
    return copy;
}

bool docx_is_markup_fallback(xmlTextReaderPtr reader)
{
    return docket_xml_is(reader, MC_NAMESPACE, "Fallback");
}

/* Word names its built-in heading styles "heading 1" to "heading 9". */
static int heading_from_name(const char *name)
{
    if (!name || strncasecmp(name, "heading ", 8) != 0)
        return -1;
    if (name[8] < '1' || name[8] > '9' || name[9] != '\0')
        return -1;
    return name[8] - '0';
}

static docket_status add_style(styles_walk *walk, xmlTextReaderPtr reader)
{
    docx_styles *styles = walk->styles;
    char *type = docx_attribute(reader, "type");
    bool paragraph = !type || strcmp(type, "paragraph") == 0;

    free(type);
    if (!paragraph || xmlTextReaderIsEmptyElement(reader) == 1)
        return DOCKET_OK;
    if (styles->count == styles->capacity) {
        size_t capacity = styles->capacity ? styles->capacity * 2 : 64;
        style_entry *grown = realloc(styles->entries, capacity * sizeof *grown);
        if (!grown)
            return DOCKET_ERR_NO_MEMORY;
        styles->entries = grown;
        styles->capacity = capacity;
    }
    style_entry *entry = &styles->entries[styles->count];
    *entry = (style_entry){.id = docx_attribute(reader, "styleId"), .heading_level = -1,
                           .numbered = -1};
    if (!entry->id)
        return DOCKET_OK;
    styles->count++;
    walk->current = entry;
    return DOCKET_OK;
}

int docx_int_value(xmlTextReaderPtr reader, int fallback)
{
    char *value = docx_attribute(reader, "val");
    char *end = NULL;
    long number = value ? strtol(value, &end, 10) : 0;
    bool valid = value && end != value && number >= INT_MIN && number <= INT_MAX;

    free(value);
    return valid ? (int)number : fallback;
}

/* Read one element inside a w:style. */
static void read_style_element(styles_walk *walk, xmlTextReaderPtr reader, const char *name)
{
    style_entry *entry = walk->current;

    if (strcmp(name, "name") == 0) {
        char *style_name = docx_attribute(reader, "val");
        int level = heading_from_name(style_name);
        if (level > 0)
            entry->heading_level = level;
        free(style_name);
    } else if (strcmp(name, "basedOn") == 0 && !entry->based_on) {
        entry->based_on = docx_attribute(reader, "val");
    } else if (strcmp(name, "pPr") == 0 && xmlTextReaderIsEmptyElement(reader) != 1) {
        walk->in_properties = true;
    } else if (walk->in_properties && strcmp(name, "outlineLvl") == 0) {
        int level = docx_int_value(reader, 9);
        entry->heading_level = level >= 0 && level < 9 ? level + 1 : 0;
    } else if (walk->in_properties && strcmp(name, "numPr") == 0) {
        entry->numbered = 1;
    } else if (walk->in_properties && strcmp(name, "numId") == 0) {
        entry->numbered = docx_int_value(reader, 1) != 0;
    }
}

static docket_status visit_styles(xmlTextReaderPtr reader, void *context, bool *skip,
                                  docket_error *err)
{
    styles_walk *walk = context;
    int type = xmlTextReaderNodeType(reader);
    const char *name = docx_element_name(reader);

    if (!name)
        return DOCKET_OK;
    if (type == XML_READER_TYPE_END_ELEMENT) {
        if (strcmp(name, "style") == 0)
            walk->current = NULL;
        else if (strcmp(name, "pPr") == 0)
            walk->in_properties = false;
        return DOCKET_OK;
    }
    if (type != XML_READER_TYPE_ELEMENT)
        return DOCKET_OK;

    /* Table styles' conditional formats and changed properties do not
     * describe the paragraphs of the style. */
    if (strcmp(name, "tblStylePr") == 0 || strcmp(name, "pPrChange") == 0) {
        *skip = true;
    } else if (strcmp(name, "style") == 0) {
        walk->current = NULL;
        if (add_style(walk, reader) != DOCKET_OK)
            return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
    } else if (walk->current) {
        read_style_element(walk, reader, name);
    }
    return DOCKET_OK;
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const style_entry *)a)->id, ((const style_entry *)b)->id);
}

static style_entry *find_entry(const docx_styles *styles, const char *id)
{
    if (!styles || !id || styles->count == 0)
        return NULL;
    style_entry key = {.id = (char *)id};
    return bsearch(&key, styles->entries, styles->count, sizeof key, compare_entries);
}

/* Fill in what each style inherits through w:basedOn; what no style of
 * the chain sets is 0. */
static void resolve_inheritance(docx_styles *styles)
{
    for (size_t i = 0; i < styles->count; i++) {
        style_entry *entry = &styles->entries[i];
        const style_entry *base = entry;
        for (int depth = 0; base && depth < MAX_INHERITANCE; depth++) {
            if (entry->heading_level < 0)
                entry->heading_level = base->heading_level;
            if (entry->numbered < 0)
                entry->numbered = base->numbered;
            base = find_entry(styles, base->based_on);
        }
        entry->heading_level = entry->heading_level < 0 ? 0 : entry->heading_level;
        entry->numbered = entry->numbered < 0 ? 0 : entry->numbered;
    }
}

static docket_status read_styles_part(zip_t *archive, zip_int64_t index,
                                      const docket_source *source, docx_styles *styles,
                                      docket_error *err)
{
    static const char part[] = "word/styles.xml";
    char *data = NULL;
    size_t len = 0;
    docket_error reason = {{0}};

    docket_status status = docket_zip_read(archive, (uint64_t)index, source->limits,
                                           source->budget, &data, &len, &reason);
    if (status != DOCKET_OK)
        return docket_error_set(err, status, "%s: %s", part, reason.message);

    styles_walk walk = {.styles = styles};
    status = docket_xml_read(data, len, part, visit_styles, &walk, err);
    free(data);
    return status;
}

docket_status docx_styles_read(zip_t *archive, const docket_source *source, docx_styles **out,
                               docket_error *err)
{
    docx_styles *styles = calloc(1, sizeof *styles);
    if (!styles)
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");

    docket_status status = DOCKET_OK;
    zip_int64_t index = zip_name_locate(archive, "word/styles.xml", ZIP_FL_NOCASE);
    if (index >= 0)
        status = read_styles_part(archive, index, source, styles, err);
    if (status != DOCKET_OK) {
        docx_styles_free(styles);
        return status;
    }
    if (styles->count > 0)
        qsort(styles->entries, styles->count, sizeof *styles->entries, compare_entries);
    resolve_inheritance(styles);
    *out = styles;
    return DOCKET_OK;
}

docx_style_kind docx_styles_find(const docx_styles *styles, const char *id)
{
    const style_entry *entry = find_entry(styles, id);

    if (entry)
        return (docx_style_kind){entry->heading_level, entry->numbered == 1};
    if (id && strncasecmp(id, "heading", 7) == 0 && id[7] >= '1' && id[7] <= '9' && !id[8])
        return (docx_style_kind){id[7] - '0', false};
    return (docx_style_kind){0, false};
}

void docx_styles_free(docx_styles *styles)
{
    if (!styles)
        return;
    for (size_t i = 0; i < styles->count; i++) {
        free(styles->entries[i].id);
        free(styles->entries[i].based_on);
    }
    free(styles->entries);
    free(styles);
}
