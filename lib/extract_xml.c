/* extract_xml.c: streaming XML parts of office files without DTDs, entities or network access. */
#include "extract_xml.h"

#include "docket/extract.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* No entity substitution (XML_PARSE_NOENT), no DTD loading
 * (XML_PARSE_DTDLOAD) and no XML_PARSE_HUGE, so that libxml2 keeps its
 * limit of 256 nested elements. */
#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

/* The first fatal error libxml2 reports while parsing. */
typedef struct xml_error {
    bool set;
    int line;
    char message[256];
} xml_error;

/* Keep the first fatal error. Warnings and other errors, such as an
 * undeclared namespace prefix, do not stop the parser and are dropped. */
static void keep_first_error(void *context, xmlErrorPtr error)
{
    xml_error *first = context;

    if (first->set || !error || error->level != XML_ERR_FATAL)
        return;
    first->set = true;
    first->line = error->line;
    snprintf(first->message, sizeof first->message, "%s",
             error->message ? error->message : "unknown error");

    /* libxml2 messages end with a newline; messages here are one line. */
    size_t len = strlen(first->message);
    while (len > 0 && (first->message[len - 1] == '\n' || first->message[len - 1] == ' '))
        first->message[--len] = '\0';
}

static void drop_message(void *context, const char *format, ...)
{
}

static void drop_error(void *context, xmlErrorPtr error)
{
}

void docket_extract_init(void)
{
    xmlInitParser();
}

void docket_xml_silence(docket_xml_handlers *saved)
{
    saved->generic = xmlGenericError;
    saved->generic_context = xmlGenericErrorContext;
    saved->structured = xmlStructuredError;
    saved->structured_context = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, drop_message);
    xmlSetStructuredErrorFunc(NULL, drop_error);
}

void docket_xml_restore(const docket_xml_handlers *saved)
{
    xmlSetGenericErrorFunc(saved->generic_context, saved->generic);
    xmlSetStructuredErrorFunc(saved->structured_context, saved->structured);
}

/* Return the index after `token` at or after `pos`, or `len` if absent. */
static size_t skip_past(const char *data, size_t len, size_t pos, const char *token)
{
    size_t token_len = strlen(token);

    for (size_t i = pos; i + token_len <= len; i++) {
        if (memcmp(data + i, token, token_len) == 0)
            return i + token_len;
    }
    return len;
}

static bool starts_at(const char *data, size_t len, size_t pos, const char *token)
{
    size_t token_len = strlen(token);
    return pos + token_len <= len && memcmp(data + pos, token, token_len) == 0;
}

/* Look for a document type declaration in the prolog of an XML document
 * in UTF-8 or ASCII: before the root element, past the XML declaration,
 * processing instructions, comments and whitespace. Other encodings fall
 * through to the check on the reader's node types. */
static bool prolog_has_doctype(const char *data, size_t len)
{
    size_t pos = starts_at(data, len, 0, "\xEF\xBB\xBF") ? 3 : 0;

    while (pos < len) {
        char c = data[pos];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            pos++;
        else if (starts_at(data, len, pos, "<?"))
            pos = skip_past(data, len, pos + 2, "?>");
        else if (starts_at(data, len, pos, "<!--"))
            pos = skip_past(data, len, pos + 4, "-->");
        else
            return starts_at(data, len, pos, "<!DOCTYPE");
    }
    return false;
}

static docket_status reject_doctype(const char *part, docket_error *err)
{
    return docket_error_set(err, DOCKET_ERR_INVALID_INPUT,
                            "%s: XML with a document type declaration is not accepted "
                            "(entities and DTDs could expand without bound or read "
                            "local files)",
                            part);
}

/* Handle the node the reader is on. */
static docket_status visit_node(xmlTextReaderPtr reader, const char *part,
                                docket_xml_visitor visit, void *context, bool *skip,
                                docket_error *err)
{
    int type = xmlTextReaderNodeType(reader);

    if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE)
        return reject_doctype(part, err);
    *skip = false;
    return visit(reader, context, skip, err);
}

static docket_status parse_failure(const xml_error *first, const char *part, docket_error *err)
{
    if (!first->set)
        return docket_error_set(err, DOCKET_ERR_INVALID_INPUT, "%s: malformed XML", part);
    return docket_error_set(err, DOCKET_ERR_INVALID_INPUT, "%s: malformed XML at line %d: %s",
                            part, first->line, first->message);
}

docket_status docket_xml_read(const char *data, size_t len, const char *part,
                              docket_xml_visitor visit, void *context, docket_error *err)
{
    xml_error first = {0};

    if (prolog_has_doctype(data, len))
        return reject_doctype(part, err);
    if (len > (size_t)0x7fffffff)
        return docket_error_set(err, DOCKET_ERR_TOO_LARGE, "%s: XML part over 2 GiB", part);

    docket_xml_handlers saved;
    docket_xml_silence(&saved);
    xmlTextReaderPtr reader = xmlReaderForMemory(data, (int)len, NULL, NULL, XML_OPTIONS);
    if (!reader) {
        docket_xml_restore(&saved);
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
    }
    xmlTextReaderSetStructuredErrorHandler(reader, keep_first_error, &first);

    docket_status status = DOCKET_OK;
    bool skip = false;
    int ret;
    while ((ret = skip ? xmlTextReaderNext(reader) : xmlTextReaderRead(reader)) == 1) {
        status = visit_node(reader, part, visit, context, &skip, err);
        if (status != DOCKET_OK)
            break;
    }
    if (status == DOCKET_OK && ret < 0)
        status = parse_failure(&first, part, err);
    xmlFreeTextReader(reader);
    docket_xml_restore(&saved);
    return status;
}

bool docket_xml_is(xmlTextReaderPtr reader, const char *namespace_uri, const char *local_name)
{
    const xmlChar *name = xmlTextReaderConstLocalName(reader);
    const xmlChar *uri = xmlTextReaderConstNamespaceUri(reader);

    return name && uri && strcmp((const char *)name, local_name) == 0 &&
           strcmp((const char *)uri, namespace_uri) == 0;
}
