/* xapian-c.h: a C binding of the subset of the Xapian 1.4 API that docket uses.
 *
 * Conventions:
 * - Every handle is opaque. Every `_free` function accepts NULL.
 * - Every fallible call returns an xc_status (XC_OK is 0) and gives its
 *   results through out-parameters named `out`, placed last.
 * - Each handle keeps the message of its last failure; read it with the
 *   handle's `_error` function. Calls that create a handle store the message
 *   in the caller's `xc_error` instead, because there is no handle yet.
 * - No C++ exception ever reaches the caller.
 * - Strings returned through `const char **out` belong to the handle and stay
 *   valid until the next call on that handle; strings returned through
 *   `char **out` are malloc'ed and the caller frees them.
 * - Passing a NULL handle is a contract violation and is asserted.
 */
#ifndef XAPIAN_C_H
#define XAPIAN_C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum xc_status {
    XC_OK = 0,
    XC_NOT_FOUND,        /* database (or document, term, value) does not exist */
    XC_LOCKED,           /* another writer holds the database lock */
    XC_QUERY_SYNTAX,     /* the query parser rejected the query string */
    XC_MODIFIED,         /* the database changed under a reader: reopen and retry */
    XC_CORRUPT,          /* the database files are damaged or of an unknown format */
    XC_NO_MEMORY,        /* an allocation failed */
    XC_INVALID_ARGUMENT, /* an argument is out of range or malformed */
    XC_NETWORK,          /* a remote database could not be reached or timed out */
    XC_OTHER             /* any other Xapian error */
} xc_status;

/* Message buffer for calls that create a handle. */
#define XC_ERROR_SIZE 512
typedef struct xc_error {
    char message[XC_ERROR_SIZE];
} xc_error;

/* Return a short, constant description of a status ("lock held", ...). */
const char *xc_status_text(xc_status status);

/* Return the Xapian library version, for example "1.4.22". */
const char *xc_version(void);

typedef struct xc_database xc_database;
typedef struct xc_document xc_document;
typedef struct xc_termgen xc_termgen;
typedef struct xc_queryparser xc_queryparser;
typedef struct xc_query xc_query;
typedef struct xc_enquire xc_enquire;
typedef struct xc_mset xc_mset;
typedef struct xc_spy xc_spy;

typedef unsigned xc_docid;
typedef unsigned xc_slot;

/* ---- Databases ------------------------------------------------------ */

/* Open or create a writable database at `path`, creating the folder if it is
 * missing. Fails with XC_LOCKED when another writer holds the lock. */
xc_status xc_database_create(const char *path, xc_database **out, xc_error *err);

/* Open an existing database read-only. `path` may also be a Xapian stub
 * file listing shards. Fails with XC_NOT_FOUND when nothing is at `path`. */
xc_status xc_database_open(const char *path, xc_database **out, xc_error *err);

/* Open read-only like xc_database_open, retrying up to `attempts` times,
 * `delay_ms` apart, while the open fails with XC_MODIFIED or XC_LOCKED. */
xc_status xc_database_open_retry(const char *path, int attempts, int delay_ms,
                                 xc_database **out, xc_error *err);

/* Open a database served by xapian-tcpsrv on host:port, read-only.
 * `timeout_ms` bounds each network operation and the connection attempt. */
xc_status xc_database_open_remote(const char *host, unsigned port,
                                  unsigned timeout_ms, xc_database **out,
                                  xc_error *err);

/* Add the shards of `other` to the read-only database `db`, so that both
 * are searched as one. `other` stays owned by the caller. */
xc_status xc_database_add(xc_database *db, xc_database *other);

/* Reopen a read-only database at its latest committed revision. */
xc_status xc_database_reopen(xc_database *db);

/* Commit pending changes of a writable database. */
xc_status xc_database_commit(xc_database *db);

/* Begin and end a transaction on a writable database: all changes between
 * the two become visible together, or not at all. */
xc_status xc_database_begin(xc_database *db);
xc_status xc_database_end(xc_database *db, int commit);

/* Close the database, committing a writable one first. Returns the commit's
 * status. The handle must still be freed. */
xc_status xc_database_close(xc_database *db);

/* Free the handle; a writable database is closed without an error report.
 * A read-only database is not closed, so databases it was added to and
 * enquires made from it stay usable. */
void xc_database_free(xc_database *db);

/* Message of the last failed call on `db`, or "" when none failed. */
const char *xc_database_error(const xc_database *db);

xc_status xc_database_doccount(xc_database *db, unsigned *out);

/* Number of documents with a value in `slot`. */
xc_status xc_database_value_freq(xc_database *db, xc_slot slot, unsigned *out);

/* Number of documents that index `term`; 0 when the term is absent. */
xc_status xc_database_termfreq(xc_database *db, const char *term, unsigned *out);

/* Copy the database to `dest`, compacted, as one database. */
xc_status xc_database_compact(xc_database *db, const char *dest);

/* Copy the database and the database at `other` to `dest`, compacted, as
 * one database. The documents of `db` keep their order and come first,
 * those of `other` follow in theirs. Where both hold a metadata key, the
 * value of `db` is kept; spelling frequencies are summed. */
xc_status xc_database_compact_with(xc_database *db, const char *other, const char *dest);

/* Metadata: an empty string when the key is absent. */
xc_status xc_database_get_metadata(xc_database *db, const char *key, char **out);
xc_status xc_database_set_metadata(xc_database *db, const char *key, const char *value);

/* Add a document and return its new document id. */
xc_status xc_database_add_document(xc_database *db, xc_document *doc, xc_docid *out);

/* Replace every document indexed by `unique_term` with `doc` (or add it). */
xc_status xc_database_replace_document(xc_database *db, const char *unique_term,
                                       xc_document *doc, xc_docid *out);

/* Delete every document indexed by `term`. */
xc_status xc_database_delete_by_term(xc_database *db, const char *term);

/* Delete the documents indexed by `term` except the `keep` with the
 * highest ids; `out` receives the number deleted. */
xc_status xc_database_trim_term(xc_database *db, const char *term, unsigned keep,
                                unsigned *out);

/* Fetch document `id`; XC_NOT_FOUND when it does not exist. */
xc_status xc_database_get_document(xc_database *db, xc_docid id, xc_document **out);

/* Find the first document indexed by `term`; XC_NOT_FOUND when none is. */
xc_status xc_database_find_by_term(xc_database *db, const char *term, xc_docid *out);

/* Call `fn` for each term starting with `prefix`, in sorted order, with the
 * number of documents indexing it. A non-zero return from `fn` stops the
 * walk. */
typedef int (*xc_term_fn)(const char *term, unsigned termfreq, void *data);
xc_status xc_database_each_term(xc_database *db, const char *prefix,
                                xc_term_fn fn, void *data);

/* Call `fn` for each metadata key starting with `prefix`, in sorted order,
 * with its value. A non-zero return from `fn` stops the walk. */
typedef int (*xc_metadata_fn)(const char *key, const char *value, void *data);
xc_status xc_database_each_metadata(xc_database *db, const char *prefix,
                                    xc_metadata_fn fn, void *data);

/* Spelling and synonym data, used by the query parser. */
xc_status xc_database_add_spelling(xc_database *db, const char *word, unsigned freq);
xc_status xc_database_add_synonym(xc_database *db, const char *term, const char *synonym);
xc_status xc_database_clear_synonyms(xc_database *db, const char *term);

/* ---- Documents ------------------------------------------------------ */

xc_status xc_document_new(xc_document **out);
void xc_document_free(xc_document *doc);
const char *xc_document_error(const xc_document *doc);

xc_status xc_document_set_data(xc_document *doc, const char *data, size_t len);
/* The returned bytes belong to the document; `len` receives their length. */
xc_status xc_document_get_data(xc_document *doc, const char **out, size_t *len);

/* Terms longer than Xapian's limit (245 bytes) would make adding the
 * document fail. So xc_document_add_term, xc_document_add_boolean_term and
 * xc_document_add_posting replace a term longer than 240 bytes by its first
 * 200 bytes (fewer if that would split a UTF-8 character) followed by the
 * 16 hexadecimal digits of the FNV-1a 64-bit hash of the whole term. The
 * functions that look a term up (termfreq, replace_document, delete_by_term,
 * find_by_term, xc_query_term) apply the same replacement, so a long term
 * still finds its documents. */

/* Add a term with within-document frequency increment `wdf_inc`. A term
 * longer than 240 bytes is shortened and hashed as described above. */
xc_status xc_document_add_term(xc_document *doc, const char *term, unsigned wdf_inc);
/* Add a boolean term: no positions, no weight. A term longer than 240 bytes
 * is shortened and hashed as described above. */
xc_status xc_document_add_boolean_term(xc_document *doc, const char *term);
/* Add `term` at position `pos`. A term longer than 240 bytes is shortened
 * and hashed as described above. */
xc_status xc_document_add_posting(xc_document *doc, const char *term,
                                  unsigned pos, unsigned wdf_inc);

xc_status xc_document_set_value(xc_document *doc, xc_slot slot,
                                const char *value, size_t len);
/* An empty value when the slot is unset. */
xc_status xc_document_get_value(xc_document *doc, xc_slot slot,
                                const char **out, size_t *len);
/* Store in `target` the values of `count` slots, in the order of `slots`,
 * as one list value (see xc_serialise_list) with an empty string for each
 * unset slot. Set the other slots first. */
xc_status xc_document_pack_values(xc_document *doc, const xc_slot *slots, size_t count,
                                  xc_slot target);

xc_status xc_document_docid(xc_document *doc, xc_docid *out);

/* ---- Multi-valued value slots ---------------------------------------- */

/* Serialise `count` strings into one value (Xapian's StringListSerialiser
 * format), for fields such as companies that a record has several of. The
 * caller frees *out; *len receives the length. */
xc_status xc_serialise_list(const char *const *items, size_t count,
                            char **out, size_t *len);

/* ---- Term generator ------------------------------------------------- */

typedef enum xc_stem_strategy {
    XC_STEM_NONE,
    XC_STEM_SOME,
    XC_STEM_ALL,
    XC_STEM_ALL_Z,
    XC_STEM_SOME_FULL_POS
} xc_stem_strategy;

/* Term generator flags. */
enum {
    XC_TG_SPELLING = 1,   /* record spelling data in the database set below */
    XC_TG_NO_POSITIONS = 2 /* add terms without positions */
};

/* `language` is a Snowball stemmer name ("english"), or NULL for none. */
xc_status xc_termgen_new(const char *language, xc_termgen **out, xc_error *err);
void xc_termgen_free(xc_termgen *tg);
const char *xc_termgen_error(const xc_termgen *tg);

xc_status xc_termgen_set_stemming_strategy(xc_termgen *tg, xc_stem_strategy s);
xc_status xc_termgen_set_flags(xc_termgen *tg, unsigned flags);
/* The writable database that receives spelling data (XC_TG_SPELLING). */
xc_status xc_termgen_set_database(xc_termgen *tg, xc_database *db);
/* Direct the following calls to `doc` and reset the term position. */
xc_status xc_termgen_set_document(xc_termgen *tg, xc_document *doc);
/* Index UTF-8 `text` of `len` bytes with within-document frequency
 * increment `wdf_inc`; `prefix` may be "" or NULL. */
xc_status xc_termgen_index_text(xc_termgen *tg, const char *text, size_t len,
                                unsigned wdf_inc, const char *prefix);
/* Like xc_termgen_index_text, but without positions. */
xc_status xc_termgen_index_text_without_positions(xc_termgen *tg,
                                                  const char *text, size_t len,
                                                  unsigned wdf_inc,
                                                  const char *prefix);
/* Leave a gap of `delta` positions so that phrases do not span fields. */
xc_status xc_termgen_increase_termpos(xc_termgen *tg, unsigned delta);

/* ---- Query parser --------------------------------------------------- */

/* Query parser flags: the values of Xapian::QueryParser::feature_flag. */
enum {
    XC_QP_BOOLEAN = 1,
    XC_QP_PHRASE = 2,
    XC_QP_LOVEHATE = 4,
    XC_QP_BOOLEAN_ANY_CASE = 8,
    XC_QP_WILDCARD = 16,
    XC_QP_PURE_NOT = 32,
    XC_QP_PARTIAL = 64,
    XC_QP_SPELLING_CORRECTION = 128,
    XC_QP_SYNONYM = 256,
    XC_QP_AUTO_SYNONYMS = 512,
    XC_QP_AUTO_MULTIWORD_SYNONYMS = 1024 | 512,
    XC_QP_DEFAULT = 1 | 2 | 4
};

typedef enum xc_query_op {
    XC_OP_AND = 0,
    XC_OP_OR = 1,
    XC_OP_AND_NOT = 2,
    XC_OP_AND_MAYBE = 4, /* matches of the first query, weighted by the others too */
    XC_OP_FILTER = 5
} xc_query_op;

/* `language` is a Snowball stemmer name, or NULL for none. */
xc_status xc_queryparser_new(const char *language, xc_queryparser **out, xc_error *err);
void xc_queryparser_free(xc_queryparser *qp);
const char *xc_queryparser_error(const xc_queryparser *qp);

xc_status xc_queryparser_set_stemming_strategy(xc_queryparser *qp, xc_stem_strategy s);
xc_status xc_queryparser_set_default_op(xc_queryparser *qp, xc_query_op op);
/* The database used for wildcards, spelling correction and synonyms. */
xc_status xc_queryparser_set_database(xc_queryparser *qp, xc_database *db);
/* Expand each wildcard to at most `max` terms, the most frequent ones. */
xc_status xc_queryparser_set_max_wildcard(xc_queryparser *qp, unsigned max);
/* Map `field:` to free-text terms with `prefix` ("" for unprefixed text). */
xc_status xc_queryparser_add_prefix(xc_queryparser *qp, const char *field, const char *prefix);
/* Map `field:` to boolean filter terms with `prefix`. Values of the same
 * field are ORed, different fields ANDed. */
xc_status xc_queryparser_add_boolean_prefix(xc_queryparser *qp, const char *field,
                                            const char *prefix);
/* Let `field:A..B` (or `A..B` when `field` is NULL) select documents whose
 * value in `slot` lies between A and B as strings; open ends allowed. */
xc_status xc_queryparser_add_range(xc_queryparser *qp, xc_slot slot, const char *field);
/* Let `field:VALUE` be turned into a query by `fn`, which receives VALUE
 * as typed (quotes removed) and `data`, and returns its query through
 * `out`. A status other than XC_OK from `fn` makes the parse fail with
 * XC_QUERY_SYNTAX naming the field and value. When `boolean` is non-zero
 * the query filters without adding weight. `data` must outlive the parser. */
typedef xc_status (*xc_field_fn)(const char *value, void *data, xc_query **out);
xc_status xc_queryparser_add_field(xc_queryparser *qp, const char *field, int boolean,
                                   xc_field_fn fn, void *data);
/* Parse `text` with `flags` (XC_QP_*). On XC_QUERY_SYNTAX the parser's
 * message is in xc_queryparser_error(). */
xc_status xc_queryparser_parse(xc_queryparser *qp, const char *text, unsigned flags,
                               xc_query **out);
/* The corrected query string after a parse with XC_QP_SPELLING_CORRECTION;
 * "" when no correction was made. */
xc_status xc_queryparser_corrected(xc_queryparser *qp, const char **out);

/* ---- Queries -------------------------------------------------------- */

void xc_query_free(xc_query *q);
/* A query matching documents indexed by `term`. */
xc_status xc_query_term(const char *term, xc_query **out);
/* Match every document. */
xc_status xc_query_all(xc_query **out);
/* Combine `count` queries with `op`; the inputs stay owned by the caller. */
xc_status xc_query_combine(xc_query_op op, xc_query *const *queries, size_t count,
                           xc_query **out);
/* A query matching documents whose value in `slot` lies in [lo, hi] as
 * strings; either end may be NULL for an open end. */
xc_status xc_query_value_range(xc_slot slot, const char *lo, const char *hi,
                               xc_query **out);
/* A human-readable description, malloc'ed. */
xc_status xc_query_describe(const xc_query *q, char **out);
/* Set *out to non-zero when `q` can match words of free text, so that
 * xc_mset_snippet can highlight something: it has a term without a prefix
 * or with "Z" (stemmed words), or a wildcard. Boolean filters alone give 0. */
xc_status xc_query_matches_text(const xc_query *q, int *out);
/* Set *out to non-zero when matching `q` does more per document than read
 * posting lists: a phrase or NEAR checks positions, a value range (such as
 * a date range) reads values. */
xc_status xc_query_has_checks(const xc_query *q, int *out);

/* ---- Match spies (facets) ------------------------------------------- */

/* Count each distinct value in `slot` over the whole match set. */
xc_status xc_spy_value_count(xc_slot slot, xc_spy **out);
/* Count each string of a list value (see xc_serialise_list) in `slot`,
 * once per document, over the whole match set. */
xc_status xc_spy_list_count(xc_slot slot, xc_spy **out);
/* Count the values of `slot` over the whole match set of a search of `db`,
 * each string of a list value once per document when `list` is non-zero.
 * On a database of one local shard it reads the values through Xapian's
 * value streams, visiting each chunk of values once, where the two spies
 * above look each value up in the B-tree. Otherwise it reads them as they
 * do. xapian-tcpsrv cannot run it: remote shards need xc_spy_value_count. */
xc_status xc_spy_facet_count(xc_database *db, xc_slot slot, int list, xc_spy **out);
/* A spy that reads `slot`, a value written by xc_document_pack_values, once
 * per document of the match set of a search of local `db`. It counts the
 * fields that xc_spy_add_field names, and xc_spy_each_field returns their
 * counts. A spy per facet reads one value per facet and document instead.
 * XC_INVALID_ARGUMENT for a remote database. */
xc_status xc_spy_packed_count(xc_database *db, xc_slot slot, xc_spy **out);
/* Count field `index` (from 0) of the packed value, each string of a list
 * value once per document when `list` is non-zero. *out receives the number
 * of the field for xc_spy_each_field. Before the search only. */
xc_status xc_spy_add_field(xc_spy *spy, size_t index, int list, size_t *out);
const char *xc_spy_error(const xc_spy *spy);
void xc_spy_free(xc_spy *spy);

/* Number of documents the spy saw. */
xc_status xc_spy_total(xc_spy *spy, unsigned *out);
/* Call `fn` for the values seen, most frequent first (ties by value), at
 * most `max` of them (0 for all). A non-zero return from `fn` stops. */
typedef int (*xc_count_fn)(const char *value, size_t len, unsigned count, void *data);
xc_status xc_spy_each(xc_spy *spy, unsigned max, xc_count_fn fn, void *data);
/* xc_spy_each for field `field` of a spy from xc_spy_packed_count; field 0
 * for the other spies. */
xc_status xc_spy_each_field(xc_spy *spy, size_t field, unsigned max, xc_count_fn fn,
                            void *data);

/* ---- Enquire and match sets ----------------------------------------- */

xc_status xc_enquire_new(xc_database *db, xc_enquire **out, xc_error *err);
void xc_enquire_free(xc_enquire *enq);
const char *xc_enquire_error(const xc_enquire *enq);

/* The query stays owned by the caller. */
xc_status xc_enquire_set_query(xc_enquire *enq, const xc_query *q);
/* Sort by the value in `slot` (descending when `reverse`), relevance for
 * ties; or by relevance alone when `slot` is XC_SORT_RELEVANCE. */
#define XC_SORT_RELEVANCE ((xc_slot)-1)
xc_status xc_enquire_set_sort(xc_enquire *enq, xc_slot slot, int reverse);
/* Keep at most one document per distinct value in `slot`. */
xc_status xc_enquire_set_collapse_key(xc_enquire *enq, xc_slot slot);
/* Weight every match 0 (Xapian's BoolWeight): for a match set that only
 * counts, ranking is wasted work. */
xc_status xc_enquire_set_boolean_weight(xc_enquire *enq);
/* The spy stays owned by the caller and must outlive the enquire. */
xc_status xc_enquire_add_spy(xc_enquire *enq, xc_spy *spy);
/* Return results first..first+max-1. `check_at_least` documents are
 * examined at least, so spies see all of them when it is at least the
 * database size. */
xc_status xc_enquire_get_mset(xc_enquire *enq, unsigned first, unsigned max,
                              unsigned check_at_least, xc_mset **out);

void xc_mset_free(xc_mset *mset);
const char *xc_mset_error(const xc_mset *mset);
unsigned xc_mset_size(const xc_mset *mset);
/* Exact number of matches when check_at_least covered the database, else
 * Xapian's estimate. */
unsigned xc_mset_matches_estimated(const xc_mset *mset);
/* Non-zero when the number of matches is known exactly, as for one term or
 * when check_at_least covered the database. */
int xc_mset_matches_exact(const xc_mset *mset);
/* Rank counts from 0 for the first document of the whole match set. */
xc_status xc_mset_rank(xc_mset *mset, unsigned index, unsigned *out);
xc_status xc_mset_weight(xc_mset *mset, unsigned index, double *out);
xc_status xc_mset_docid(xc_mset *mset, unsigned index, xc_docid *out);
/* Number of documents collapsed into result `index` (0 when none). */
xc_status xc_mset_collapse_count(xc_mset *mset, unsigned index, unsigned *out);
xc_status xc_mset_document(xc_mset *mset, unsigned index, xc_document **out);

/* Snippet flags: the values of Xapian::MSet::SNIPPET_*. */
enum {
    XC_SNIPPET_BACKGROUND_MODEL = 1,
    XC_SNIPPET_EXHAUSTIVE = 2,
    XC_SNIPPET_EMPTY_WITHOUT_MATCH = 4
};

/* Return a snippet of at most `length` bytes of `text` around the terms of
 * the query that produced `mset`, with matches between `hi_start` and
 * `hi_end` and `omit` where text was left out. `language` must be the stemmer
 * used at index time. As in Xapian, the text between the markers is
 * HTML-escaped (&amp; &lt; &gt;). The caller frees *out. */
xc_status xc_mset_snippet(xc_mset *mset, const char *text, size_t len, size_t length,
                          const char *language, unsigned flags,
                          const char *hi_start, const char *hi_end,
                          const char *omit, char **out);

#ifdef __cplusplus
}
#endif

#endif
