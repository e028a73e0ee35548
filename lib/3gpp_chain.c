/* 3gpp_chain.c: the revision links a Tdoc list's comments write, and the
 * revision chains built from them over one list.
 *
 * Comments link numbers in phrases such as "Revision of S2-186552",
 * "e-mail revision 2 of S2-187239", "Revision of (unhandled) S2-185326
 * from S2#127BIS", "Revised in parallel session, merging S2-A and S2-B,
 * to S2-C" and "Merged into S2-D". A number is read by the words between
 * it and the number before it, and by the verb of its sentence:
 *
 * - "revision [N] of [(word)] [part of]" right before it: "revision_of".
 * - "to", "into" or "in" right before it in a sentence whose last verb is
 *   "revised": "revised_to".
 * - "to", "into", "in" or "with" right before it in a sentence whose last
 *   verb is "merged": "merged_into".
 * - any other number: "related" (responses, merged inputs, postponed
 *   documents of earlier meetings).
 *
 * The first link of each kind wins.
 */
#include "3gpp.h"

#include <stdlib.h>
#include <string.h>

#include "docket/record.h"
#include "normalise_private.h"

/* Chains longer than this are cut, so that a list that links thousands
 * of numbers in one line stays linear to parse. */
#define MAX_CHAIN 64

typedef enum link_verb {
    VERB_NONE,
    VERB_REVISED,
    VERB_MERGED
} link_verb;

/* ---- Reading a comment ---- */

static bool word_start(const char *text, const char *s)
{
    return s == text || !ascii_alnum((unsigned char)s[-1]);
}

/* Return true when the `len` bytes before `end` spell `word` at a word
 * start, ignoring case, and move `*end` before it. */
static bool ends_with_word(const char *text, const char **end, const char *word)
{
    size_t len = strlen(word);
    if ((size_t)(*end - text) < len)
        return false;
    const char *s = *end - len;
    if (!starts_with_nocase(s, word) || !word_start(text, s))
        return false;
    *end = s;
    return true;
}

static const char *skip_back_spaces(const char *text, const char *end)
{
    while (end > text && ascii_space((unsigned char)end[-1]))
        end--;
    return end;
}

/* Return true when `text` ends with "revision [N] of [(word)] [part of]". */
static bool ends_with_revision_of(const char *text, const char *end)
{
    end = skip_back_spaces(text, end);
    if (end > text && end[-1] == ')') {
        const char *open = end - 1;
        while (open > text && open[-1] != '(' && ascii_alpha((unsigned char)open[-1]))
            open--;
        if (open == text || open[-1] != '(')
            return false;
        end = skip_back_spaces(text, open - 1);
    }
    if (!ends_with_word(text, &end, "of"))
        return false;
    end = skip_back_spaces(text, end);
    if (ends_with_word(text, &end, "part")) {
        end = skip_back_spaces(text, end);
        if (!ends_with_word(text, &end, "of"))
            return false;
        end = skip_back_spaces(text, end);
    }
    while (end > text && ascii_digit((unsigned char)end[-1]))
        end--;
    end = skip_back_spaces(text, end);
    return ends_with_word(text, &end, "revision");
}

/* Return the last verb of the words from `text` to `end` ("revised",
 * "merged"), or `verb` when they hold none. A sentence end resets it. */
static link_verb scan_verbs(const char *text, const char *end, link_verb verb)
{
    for (const char *s = text; s < end; s++) {
        if (*s == '.' && (s + 1 == end || ascii_space((unsigned char)s[1])))
            verb = VERB_NONE;
        else if (!word_start(text, s))
            continue;
        else if (starts_with_nocase(s, "revised"))
            verb = VERB_REVISED;
        else if (starts_with_nocase(s, "merged"))
            verb = VERB_MERGED;
    }
    return verb;
}

/* Return true when the words before `end` end with "to", "into" or "in",
 * or with "with" when `with` is set ("Merged with S2-X"). */
static bool ends_with_target_word(const char *text, const char *end, bool with)
{
    end = skip_back_spaces(text, end);
    return ends_with_word(text, &end, "to") || ends_with_word(text, &end, "into") ||
           ends_with_word(text, &end, "in") || (with && ends_with_word(text, &end, "with"));
}

/* Set `key` unless the record has it already. */
static void set_first(tgpp_sink *sink, json_t *record, const char *key, const char *value)
{
    if (!docket_record_get(record, key))
        tgpp_set(sink, record, key, value);
}

/* File the number `base`, found at `at` after the words that start at
 * `from`, under the link those words name. */
static void file_number(tgpp_sink *sink, json_t *record, const char *base, const char *from,
                        const char *at, link_verb verb)
{
    if (ends_with_revision_of(from, at))
        set_first(sink, record, "revision_of", base);
    else if (verb == VERB_REVISED && ends_with_target_word(from, at, false))
        set_first(sink, record, "revised_to", base);
    else if (verb == VERB_MERGED && ends_with_target_word(from, at, true))
        set_first(sink, record, "merged_into", base);
    else
        tgpp_add(sink, record, "related", base);
}

void tgpp_read_links(tgpp_sink *sink, json_t *record, const char *doc, const char *comment)
{
    link_verb verb = VERB_NONE;
    const char *from = comment;
    docket_docnum num;

    for (const char *at; (at = docket_docnum_find(from, NULL, &num)) != NULL;) {
        verb = scan_verbs(from, at, verb);
        if (strcmp(num.base, doc) != 0)
            file_number(sink, record, num.base, from, at, verb);
        from = at + num.length;
    }
}

/* ---- Chains ---- */

/* The links of one list: number -> record, and the links each record's
 * neighbour wrote when the record itself wrote none. */
typedef struct chain_links {
    json_t *records;      /* doc -> contribution record (the first with that doc) */
    json_t *next_by_prev; /* A -> B where B writes "Revision of A" */
    json_t *prev_by_next; /* B -> A where A writes "Revised to B" */
} chain_links;

static const char *string_at(json_t *object, const char *key)
{
    return json_string_value(json_object_get(object, key));
}

/* Set `key` of `object` to the string `value` unless it has the key. */
static bool set_once(json_t *object, const char *key, const char *value)
{
    if (!key || !value || json_object_get(object, key))
        return true;
    return json_object_set_new(object, key, json_string(value)) == 0;
}

static docket_status index_links(json_t *records, chain_links *links)
{
    links->records = json_object();
    links->next_by_prev = json_object();
    links->prev_by_next = json_object();
    if (!links->records || !links->next_by_prev || !links->prev_by_next)
        return DOCKET_ERR_NO_MEMORY;

    size_t index;
    json_t *record;
    json_array_foreach(records, index, record) {
        const char *doc = docket_record_get(record, "doc");
        if (!doc || strcmp(docket_record_get(record, "type"), DOCKET_TYPE_CONTRIBUTION) != 0)
            continue;
        if (!json_object_get(links->records, doc) &&
            json_object_set(links->records, doc, record) != 0)
            return DOCKET_ERR_NO_MEMORY;
        if (!set_once(links->next_by_prev, docket_record_get(record, "revision_of"), doc) ||
            !set_once(links->prev_by_next, docket_record_get(record, "revised_to"), doc))
            return DOCKET_ERR_NO_MEMORY;
    }
    return DOCKET_OK;
}

static void free_links(chain_links *links)
{
    json_decref(links->records);
    json_decref(links->next_by_prev);
    json_decref(links->prev_by_next);
}

/* The number before `doc` in its chain: its own "revision_of", else the
 * number whose comments write that it was revised to `doc`. */
static const char *previous_of(const chain_links *links, const char *doc)
{
    json_t *record = json_object_get(links->records, doc);
    const char *own = record ? docket_record_get(record, "revision_of") : NULL;
    return own ? own : string_at(links->prev_by_next, doc);
}

static const char *next_of(const chain_links *links, const char *doc)
{
    json_t *record = json_object_get(links->records, doc);
    const char *own = record ? docket_record_get(record, "revised_to") : NULL;
    return own ? own : string_at(links->next_by_prev, doc);
}

static bool in_path(const char *const *path, size_t count, const char *doc)
{
    for (size_t i = 0; i < count; i++) {
        if (strcmp(path[i], doc) == 0)
            return true;
    }
    return false;
}

/* Fill `path` with the chain through `doc`, oldest first, and return its
 * length. A number not in the list ends the walk in its direction: it is
 * the chain's first or last member, known only by the link to it. */
static size_t walk_chain(const chain_links *links, const char *doc, const char **path)
{
    const char *back[MAX_CHAIN];
    size_t back_count = 0;
    const char *at = doc;
    while (back_count + 1 < MAX_CHAIN / 2 && json_object_get(links->records, at)) {
        const char *previous = previous_of(links, at);
        if (!previous || strcmp(previous, doc) == 0 || in_path(back, back_count, previous))
            break;
        back[back_count++] = previous;
        at = previous;
    }

    size_t count = 0;
    while (back_count > 0)
        path[count++] = back[--back_count];
    path[count++] = doc;

    at = doc;
    while (count < MAX_CHAIN && json_object_get(links->records, at)) {
        const char *next = next_of(links, at);
        if (!next || in_path(path, count, next))
            break;
        path[count++] = next;
        at = next;
    }
    return count;
}

/* Give the chain to each member in the list that has none yet. The
 * chain's status is the status of its last member in the list: a number
 * from another list has no status here, and while the last member is
 * undecided (an empty Result cell) so is the chain. */
static void assign_chain(tgpp_sink *sink, const chain_links *links, const char **path,
                         size_t count)
{
    json_t *chain = json_array();
    const char *final_status = NULL;
    for (size_t i = 0; chain && i < count; i++) {
        json_t *member = json_object_get(links->records, path[i]);
        if (member)
            final_status = docket_record_get(member, "status");
        if (json_array_append_new(chain, json_string(path[i])) != 0)
            tgpp_fail(sink, DOCKET_ERR_NO_MEMORY);
    }
    if (!chain)
        tgpp_fail(sink, DOCKET_ERR_NO_MEMORY);

    for (size_t i = 0; i < count && sink->status == DOCKET_OK; i++) {
        json_t *member = json_object_get(links->records, path[i]);
        if (!member || json_object_get(member, "chain"))
            continue;
        if (json_object_set_new(member, "chain", json_deep_copy(chain)) != 0)
            tgpp_fail(sink, DOCKET_ERR_NO_MEMORY);
        if (final_status)
            tgpp_set(sink, member, "chain_status", final_status);
    }
    json_decref(chain);
}

void tgpp_link_chains(tgpp_sink *sink, json_t *records)
{
    chain_links links;
    if (sink->status != DOCKET_OK)
        return;
    tgpp_fail(sink, index_links(records, &links));

    const char *key;
    json_t *record;
    const char *path[MAX_CHAIN];
    json_object_foreach(links.records, key, record) {
        if (sink->status != DOCKET_OK)
            break;
        if (json_object_get(record, "chain"))
            continue;
        size_t count = walk_chain(&links, key, path);
        if (count >= 2)
            assign_chain(sink, &links, path, count);
    }
    free_links(&links);
}
