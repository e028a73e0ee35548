/* extract_xml.h: streaming XML parts of office files without DTDs, entities or network access. */
#ifndef DOCKET_EXTRACT_XML_H
#define DOCKET_EXTRACT_XML_H

#include <libxml/xmlreader.h>
#include <stdbool.h>
#include <stddef.h>

#include "docket/status.h"

/* Called for each node in document order: elements (also empty ones,
 * which get no end node), end tags, text and whitespace. Setting *skip on
 * an element skips its subtree and its end node. A status other than
 * DOCKET_OK stops the parse and is returned as it is, with `err`. */
typedef docket_status (*docket_xml_visitor)(xmlTextReaderPtr reader, void *context,
                                            bool *skip, docket_error *err);

/* Parse `len` bytes of XML named `part` ("word/document.xml") with the
 * xmlTextReader streaming API and call `visit` on each node. The network,
 * entity substitution and DTD loading are off and libxml2 keeps its limit
 * of 256 nested elements. A document type declaration is rejected before
 * parsing, so internal and external entities never expand. Fails with
 * DOCKET_ERR_INVALID_INPUT and the part, line and libxml2 message for
 * malformed XML. */
docket_status docket_xml_read(const char *data, size_t len, const char *part,
                              docket_xml_visitor visit, void *context, docket_error *err);

/* libxml2's error handlers of the calling thread, saved while the library
 * silences them. */
typedef struct docket_xml_handlers {
    xmlGenericErrorFunc generic;
    void *generic_context;
    xmlStructuredErrorFunc structured;
    void *structured_context;
} docket_xml_handlers;

/* Save the thread's libxml2 error handlers into `saved` and install ones
 * that drop every message, because errors raised outside a parser context
 * (an invalid byte for the input encoding) would otherwise be printed on
 * stderr, and the library never prints. */
void docket_xml_silence(docket_xml_handlers *saved);

/* Put back the handlers that docket_xml_silence saved. */
void docket_xml_restore(const docket_xml_handlers *saved);

/* Return true when the reader is on an element or end tag named
 * `local_name` in the namespace `namespace_uri`. */
bool docket_xml_is(xmlTextReaderPtr reader, const char *namespace_uri, const char *local_name);

#endif
