/* xapian-c.cc: the C binding of Xapian declared in xapian-c.h, turning exceptions into statuses. */
#include "xapian-c.h"

#include <xapian.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include <sys/stat.h>

// The header promises that the XC_QP_* and XC_SNIPPET_* values are Xapian's,
// so flags pass through unchanged.
#define SAME_FLAG(ours, xapians) \
    static_assert(static_cast<int>(ours) == static_cast<int>(xapians), #ours)
SAME_FLAG(XC_QP_BOOLEAN, Xapian::QueryParser::FLAG_BOOLEAN);
SAME_FLAG(XC_QP_PHRASE, Xapian::QueryParser::FLAG_PHRASE);
SAME_FLAG(XC_QP_LOVEHATE, Xapian::QueryParser::FLAG_LOVEHATE);
SAME_FLAG(XC_QP_BOOLEAN_ANY_CASE, Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE);
SAME_FLAG(XC_QP_WILDCARD, Xapian::QueryParser::FLAG_WILDCARD);
SAME_FLAG(XC_QP_PURE_NOT, Xapian::QueryParser::FLAG_PURE_NOT);
SAME_FLAG(XC_QP_PARTIAL, Xapian::QueryParser::FLAG_PARTIAL);
SAME_FLAG(XC_QP_SPELLING_CORRECTION, Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
SAME_FLAG(XC_QP_SYNONYM, Xapian::QueryParser::FLAG_SYNONYM);
SAME_FLAG(XC_QP_AUTO_SYNONYMS, Xapian::QueryParser::FLAG_AUTO_SYNONYMS);
// Xapian 1.4 defines this flag as 1024 alone. The header adds the single-term
// flag, which xapian/queryparser.h documents as included in multi-word
// synonym expansion.
SAME_FLAG(XC_QP_AUTO_MULTIWORD_SYNONYMS, Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS |
                                             Xapian::QueryParser::FLAG_AUTO_SYNONYMS);
SAME_FLAG(XC_QP_DEFAULT, Xapian::QueryParser::FLAG_DEFAULT);
SAME_FLAG(XC_SNIPPET_BACKGROUND_MODEL, Xapian::MSet::SNIPPET_BACKGROUND_MODEL);
SAME_FLAG(XC_SNIPPET_EXHAUSTIVE, Xapian::MSet::SNIPPET_EXHAUSTIVE);
SAME_FLAG(XC_SNIPPET_EMPTY_WITHOUT_MATCH, Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH);
#undef SAME_FLAG

struct xc_database {
    Xapian::Database db;        // every read goes through this one
    Xapian::WritableDatabase wdb; // the same database when `writable`
    bool writable = false;
    bool remote = false;        // a shard is served by xapian-tcpsrv
    std::string label;          // path, or host:port, named in messages
    std::string error;
};

struct xc_document {
    Xapian::Document doc;
    std::string label;          // "path: document N" once read from a database
    std::string data;           // storage behind xc_document_get_data
    std::string value;          // storage behind xc_document_get_value
    std::string error;
};

struct xc_termgen {
    Xapian::TermGenerator tg;
    bool positions = true;
    std::string error;
};

namespace {
class CallbackFieldProcessor;
}

struct xc_queryparser {
    Xapian::QueryParser qp;
    std::vector<CallbackFieldProcessor *> processors; // owned by qp
    std::string corrected;
    std::string error;
};

struct xc_query {
    Xapian::Query query;
};

struct xc_enquire {
    explicit xc_enquire(const Xapian::Database &db) : enquire(db) {}
    Xapian::Enquire enquire;
    std::string label;
    std::string error;
};

struct xc_mset {
    Xapian::MSet mset;
    std::string label;
    std::string error;
};

namespace {

/* ---- Errors ---------------------------------------------------------- */

/* Store "subject: reason" as one line in `error` and return `status`. */
xc_status fail(std::string &error, xc_status status, const std::string &subject,
               const std::string &reason) noexcept
{
    try {
        error = subject.empty() ? reason : subject + ": " + reason;
        std::replace(error.begin(), error.end(), '\n', ' ');
    } catch (...) {
        error.clear();
    }
    return status;
}

/* Map the exception being handled to a status and store its message in
 * `error` after `subject`. Call only from inside a catch block. */
xc_status store_exception(std::string &error, const std::string &subject) noexcept
{
    try {
        throw;
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return fail(error, XC_NOT_FOUND, subject, e.get_description());
    } catch (const Xapian::DatabaseLockError &e) {
        return fail(error, XC_LOCKED, subject, e.get_description());
    } catch (const Xapian::QueryParserError &e) {
        return fail(error, XC_QUERY_SYNTAX, subject, e.get_description());
    } catch (const Xapian::DatabaseModifiedError &e) {
        return fail(error, XC_MODIFIED, subject, e.get_description());
    } catch (const Xapian::DatabaseCorruptError &e) {
        return fail(error, XC_CORRUPT, subject, e.get_description());
    } catch (const Xapian::DatabaseVersionError &e) {
        return fail(error, XC_CORRUPT, subject, e.get_description());
    } catch (const Xapian::NetworkError &e) { // NetworkTimeoutError too
        return fail(error, XC_NETWORK, subject, e.get_description());
    } catch (const Xapian::InvalidArgumentError &e) {
        return fail(error, XC_INVALID_ARGUMENT, subject, e.get_description());
    } catch (const Xapian::RangeError &e) {
        return fail(error, XC_INVALID_ARGUMENT, subject, e.get_description());
    } catch (const Xapian::InvalidOperationError &e) {
        return fail(error, XC_INVALID_ARGUMENT, subject, e.get_description());
    } catch (const Xapian::DocNotFoundError &e) {
        return fail(error, XC_NOT_FOUND, subject, e.get_description());
    } catch (const Xapian::Error &e) {
        return fail(error, XC_OTHER, subject, e.get_description());
    } catch (const std::bad_alloc &) {
        return fail(error, XC_NO_MEMORY, subject, "out of memory");
    } catch (const std::exception &e) {
        return fail(error, XC_OTHER, subject, e.what());
    } catch (...) {
        return fail(error, XC_OTHER, subject, "unknown C++ exception");
    }
}

/* Map the exception being handled like store_exception. `subject` is a
 * string or a function returning one, built here so that an allocation
 * failure while naming the input cannot escape into C. */
template <typename Subject>
xc_status catch_status(std::string &error, const Subject &subject) noexcept
{
    std::string text;
    try {
        if constexpr (std::is_invocable_v<const Subject &>)
            text = subject();
        else
            text = subject;
    } catch (...) {
        text.clear();
    }
    return store_exception(error, text);
}

/* Copy `message` into the caller's buffer of a creating call, if any. */
xc_status report(xc_error *err, const std::string &message, xc_status status) noexcept
{
    if (err)
        snprintf(err->message, sizeof err->message, "%s", message.c_str());
    return status;
}

void clear_error(xc_error *err) noexcept
{
    if (err)
        err->message[0] = '\0';
}

/* ---- Small helpers --------------------------------------------------- */

/* Return a malloc'ed, NUL-terminated copy of `s`, or throw std::bad_alloc. */
char *malloc_copy(const std::string &s)
{
    char *copy = static_cast<char *>(malloc(s.size() + 1));
    if (!copy)
        throw std::bad_alloc();
    memcpy(copy, s.data(), s.size());
    copy[s.size()] = '\0';
    return copy;
}

std::string bytes(const char *text, size_t len)
{
    return len ? std::string(text, len) : std::string();
}

std::string quoted(const char *kind, const std::string &value)
{
    return std::string(kind) + " '" + value + "'";
}

/* Name `part` of `doc` in a message, after the database it came from. */
std::string doc_subject(const xc_document *doc, const std::string &part)
{
    return (doc->label.empty() ? std::string("document") : doc->label) + " " + part;
}

std::string document_label(const std::string &db_label, Xapian::docid id)
{
    return db_label + ": document " + std::to_string(id);
}

bool path_missing(const char *path)
{
    struct stat st;
    return stat(path, &st) != 0 && errno == ENOENT;
}

/* Create the folders above `path` that do not exist yet. */
xc_status make_parents(const char *path, std::string &error)
{
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (parent.empty() || std::filesystem::is_directory(parent, ec))
        return XC_OK;
    std::filesystem::create_directories(parent, ec);
    if (ec)
        return fail(error, XC_OTHER, path, "cannot create parent folder: " + ec.message());
    return XC_OK;
}

/* Glass rejects terms longer than 245 bytes. A term longer than 240 bytes
 * keeps its first 200 bytes, cut back to a UTF-8 character boundary, and
 * gets the 16-digit hexadecimal FNV-1a 64-bit hash of the whole term
 * appended. Every function that takes a term applies the same mapping, so
 * long terms still match each other. */
const size_t TERM_MAX = 240;
const size_t TERM_KEEP = 200;

std::string fit_term(const std::string &term)
{
    if (term.size() <= TERM_MAX)
        return term;

    uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : term) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }

    size_t keep = TERM_KEEP;
    while (keep > 0 && (static_cast<unsigned char>(term[keep]) & 0xC0) == 0x80)
        keep--;
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return term.substr(0, keep) + hex;
}

Xapian::Stem make_stemmer(const char *language)
{
    return language ? Xapian::Stem(language) : Xapian::Stem();
}

/* ---- String lists ---------------------------------------------------- */

/* Each item of a list is its length, then its bytes. A length below 255 is
 * one byte. A longer one is the byte 255 followed by (length - 255) in 7-bit
 * groups, least significant first, with the top bit set on the last group.
 * This is encode_length from Xapian's common/serialise.h, which Xapian's
 * StringListSerialiser applied to each item. */
void append_length(std::string &out, size_t len)
{
    if (len < 255) {
        out += static_cast<char>(len);
        return;
    }
    out += static_cast<char>(0xff);
    len -= 255;
    while (len >= 0x80) {
        out += static_cast<char>(len & 0x7f);
        len >>= 7;
    }
    out += static_cast<char>(len | 0x80);
}

/* Decode one number encoded by append_length at `*p`. Return false when the
 * bytes end early or the number does not fit in a size_t. */
bool read_number(const char **p, const char *end, size_t *value)
{
    if (*p == end)
        return false;
    size_t n = static_cast<unsigned char>(*(*p)++);
    if (n == 0xff) {
        size_t extra = 0;
        unsigned shift = 0;
        unsigned char byte;
        do {
            if (*p == end || shift > 8 * sizeof(size_t) - 7)
                return false;
            byte = static_cast<unsigned char>(*(*p)++);
            extra |= static_cast<size_t>(byte & 0x7f) << shift;
            shift += 7;
        } while (!(byte & 0x80));
        n = extra + 255;
    }
    *value = n;
    return true;
}

/* Decode the length of the item at `*p`. Return false when the length is
 * malformed or the item runs past `end`. */
bool read_length(const char **p, const char *end, size_t *len)
{
    return read_number(p, end, len) && *len <= static_cast<size_t>(end - *p);
}

/* Whether `term` can be a word of free text: a term without a prefix, or
 * with "Z", the prefix of stemmed words. By Xapian's convention prefixes
 * are capital letters and unprefixed terms start otherwise. */
bool is_text_term(const std::string &term)
{
    if (term.empty())
        return false;
    if (term[0] == 'Z')
        return term.size() > 1 && !(term[1] >= 'A' && term[1] <= 'Z');
    return !(term[0] >= 'A' && term[0] <= 'Z');
}

/* Whether `query` contains a wildcard, whose terms are only known once the
 * match expands it. */
bool has_wildcard(const Xapian::Query &query)
{
    if (query.get_type() == Xapian::Query::OP_WILDCARD)
        return true;
    for (size_t i = 0; i < query.get_num_subqueries(); i++) {
        if (has_wildcard(query.get_subquery(i)))
            return true;
    }
    return false;
}

/* Whether matching `query` does more per document than reading posting
 * lists: phrases and NEAR check positions, value ranges read values. */
bool has_checks(const Xapian::Query &query)
{
    switch (query.get_type()) {
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR:
    case Xapian::Query::OP_VALUE_RANGE:
    case Xapian::Query::OP_VALUE_GE:
    case Xapian::Query::OP_VALUE_LE:
    case Xapian::Query::LEAF_POSTING_SOURCE:
        return true;
    default:
        break;
    }
    for (size_t i = 0; i < query.get_num_subqueries(); i++) {
        if (has_checks(query.get_subquery(i)))
            return true;
    }
    return false;
}

/* ---- Match spies ----------------------------------------------------- */

typedef std::vector<std::pair<std::string, Xapian::doccount>> Counts;

/* Sort by count, most frequent first, then by value. */
void sort_counts(Counts &counts)
{
    std::sort(counts.begin(), counts.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
}

/* The counts of one facet: how often each distinct value was seen. The
 * keys point into `storage`, whose strings stay in place as it grows. */
class ValueCounts {
    std::deque<std::string> storage;
    std::unordered_map<std::string_view, Xapian::doccount> counts;

  public:
    /* Return the counter of `value`, at 0 when it is new. The counter stays
     * valid as long as this object. */
    Xapian::doccount &counter(std::string_view value)
    {
        auto found = counts.find(value);
        if (found != counts.end())
            return found->second;
        storage.emplace_back(value);
        return counts.emplace(storage.back(), 0).first->second;
    }

    void add(std::string_view value, Xapian::doccount count) { counter(value) += count; }

    template <typename Function> void each(Function function) const
    {
        for (const auto &entry : counts)
            function(entry.first, entry.second);
    }

    Counts top(unsigned max) const
    {
        Counts sorted;
        sorted.reserve(counts.size());
        for (const auto &entry : counts)
            sorted.emplace_back(std::string(entry.first), entry.second);
        sort_counts(sorted);
        if (max && sorted.size() > max)
            sorted.resize(max);
        return sorted;
    }
};

/* Reads the value of one slot for each document the matcher passes to a
 * spy. Given a database of one local shard, it reads through a value
 * stream, which visits each chunk of values once because the matcher calls
 * spies in ascending docid order. Document::get_value would look the chunk
 * up in the B-tree again for every document and slot. The stream restarts
 * if the docids ever go backwards. Without a database, or when the database
 * has several shards, Document::get_docid() gives the docid within a shard,
 * so the values come from Document::get_value. */
class SlotReader {
    Xapian::valueno slot;
    Xapian::Database db; // no shards unless values come from a stream
    Xapian::ValueIterator stream;
    Xapian::docid last_docid = 0;

  public:
    SlotReader(Xapian::valueno slot_, const Xapian::Database &db_) : slot(slot_), db(db_) {}

    Xapian::valueno get_slot() const { return slot; }

    std::string read(const Xapian::Document &doc)
    {
        if (db.size() != 1)
            return doc.get_value(slot);
        Xapian::docid did = doc.get_docid();
        if (did <= last_docid || last_docid == 0)
            stream = db.valuestream_begin(slot);
        last_docid = did;
        if (stream == db.valuestream_end(slot))
            return std::string();
        stream.skip_to(did);
        if (stream == db.valuestream_end(slot) || stream.get_docid() != did)
            return std::string();
        return *stream;
    }
};

/* Split a list value into its strings, at most `max` of them. A malformed
 * tail is dropped because a stored value may be damaged, and the items
 * before the damage are still valid. */
void split_list(std::string_view value, std::vector<std::string_view> &items,
                size_t max = SIZE_MAX)
{
    items.clear();
    const char *p = value.data();
    const char *end = p + value.size();
    size_t len;
    while (p != end && items.size() < max && read_length(&p, end, &len)) {
        items.emplace_back(p, len);
        p += len;
    }
}

/* The counts of one facet over the documents given to add(). With `list`,
 * a value is a list value and each distinct string of it counts once. */
class FacetTally {
    bool list;
    ValueCounts counts;

    // The previous document's value and the counters it incremented:
    // records of one file are adjacent and often share their values.
    bool seen = false;
    std::string last_value;
    std::vector<Xapian::doccount *> last_counters;
    std::vector<std::string_view> items;

  public:
    explicit FacetTally(bool list_) : list(list_) {}

    bool is_list() const { return list; }

    void add(std::string_view value)
    {
        if (seen && value == last_value) {
            repeat();
            return;
        }
        last_counters.clear();
        if (list) {
            split_list(value, items);
            std::sort(items.begin(), items.end());
            items.erase(std::unique(items.begin(), items.end()), items.end());
            for (std::string_view item : items)
                last_counters.push_back(&counts.counter(item));
        } else if (!value.empty()) {
            last_counters.push_back(&counts.counter(value));
        }
        for (Xapian::doccount *counter : last_counters)
            ++*counter;
        last_value.assign(value);
        seen = true;
    }

    /* Count the value of the last add() once more. */
    void repeat()
    {
        for (Xapian::doccount *counter : last_counters)
            ++*counter;
    }

    ValueCounts &get_counts() { return counts; }

    const ValueCounts &get_counts() const { return counts; }
};

/* Counts the values of one slot over the match set, as Xapian's
 * ValueCountMatchSpy does, reading them through a SlotReader. With `list`,
 * the slot contains a list value and each distinct string of it counts
 * once per document.
 *
 * NOTE: a stock xapian-tcpsrv does not know this class, so a remote search
 * with it fails unless the server registers it. For the same reason no
 * test runs serialise_results or merge_results. */
class FacetCountMatchSpy : public Xapian::MatchSpy {
    SlotReader reader;
    FacetTally tally;
    Xapian::doccount total = 0;

  public:
    FacetCountMatchSpy(Xapian::valueno slot_, bool list_, const Xapian::Database &db_)
        : reader(slot_, db_), tally(list_)
    {
    }

    void operator()(const Xapian::Document &doc, double) override
    {
        ++total;
        tally.add(reader.read(doc));
    }

    Xapian::MatchSpy *clone() const override
    {
        return new FacetCountMatchSpy(reader.get_slot(), tally.is_list(), Xapian::Database());
    }

    std::string name() const override { return "docket.FacetCountMatchSpy"; }

    std::string serialise() const override
    {
        std::string out;
        append_length(out, reader.get_slot());
        append_length(out, tally.is_list() ? 1 : 0);
        return out;
    }

    Xapian::MatchSpy *unserialise(const std::string &serialised,
                                  const Xapian::Registry &) const override
    {
        const char *p = serialised.data();
        const char *end = p + serialised.size();
        size_t value;
        size_t is_list;
        if (!read_number(&p, end, &value) || !read_number(&p, end, &is_list) || p != end)
            throw Xapian::SerialisationError("bad FacetCountMatchSpy parameters");
        return new FacetCountMatchSpy(static_cast<Xapian::valueno>(value), is_list != 0,
                                      Xapian::Database());
    }

    /* Results: the total, then each value and its count, all as lengths. */
    std::string serialise_results() const override
    {
        std::string out;
        append_length(out, total);
        tally.get_counts().each([&out](std::string_view value, Xapian::doccount count) {
            append_length(out, value.size());
            out += value;
            append_length(out, count);
        });
        return out;
    }

    void merge_results(const std::string &serialised) override
    {
        const char *p = serialised.data();
        const char *end = p + serialised.size();
        size_t number;
        if (!read_number(&p, end, &number))
            throw Xapian::SerialisationError("bad FacetCountMatchSpy results");
        total += static_cast<Xapian::doccount>(number);

        size_t len;
        while (p != end) {
            if (!read_length(&p, end, &len))
                throw Xapian::SerialisationError("bad FacetCountMatchSpy results");
            std::string_view value(p, len);
            p += len;
            if (!read_number(&p, end, &number))
                throw Xapian::SerialisationError("bad FacetCountMatchSpy results");
            tally.get_counts().add(value, static_cast<Xapian::doccount>(number));
        }
    }

    std::string get_description() const override
    {
        return "docket.FacetCountMatchSpy(" + std::to_string(reader.get_slot()) +
               (tally.is_list() ? ", list)" : ")");
    }

    Xapian::doccount get_total() const { return total; }

    Counts top(unsigned max) const { return tally.get_counts().top(max); }
};

/* Counts several facets from one slot that contains several of a
 * document's facet values as one list value (see xc_document_pack_values),
 * so that each document costs one value read instead of one per facet. The packed value's
 * field fields[i] is counted by tallies[i].
 *
 * NOTE: a stock xapian-tcpsrv does not know this class and it cannot be
 * serialised, so it is for local databases only. */
class PackedFacetsMatchSpy : public Xapian::MatchSpy {
    SlotReader reader;
    std::deque<FacetTally> tallies;
    std::vector<size_t> fields;
    size_t fields_needed = 0; // the fields after these are not split off
    std::vector<std::string_view> parts;
    Xapian::doccount total = 0;

    // The previous document's packed value: when the next one is the same,
    // as for records of one file, each tally repeats its last increment.
    std::string last_value;

  public:
    PackedFacetsMatchSpy(Xapian::valueno slot_, const Xapian::Database &db_) : reader(slot_, db_)
    {
    }

    /* Count field `index` of the packed value from now on; return the
     * number that top() takes for it. */
    size_t add_field(size_t index, bool list)
    {
        tallies.emplace_back(list);
        fields.push_back(index);
        fields_needed = std::max(fields_needed, index + 1);
        return tallies.size() - 1;
    }

    void operator()(const Xapian::Document &doc, double) override
    {
        std::string value = reader.read(doc);
        if (total++ > 0 && value == last_value) {
            for (FacetTally &tally : tallies)
                tally.repeat();
            return;
        }
        split_list(value, parts, fields_needed);
        for (size_t i = 0; i < tallies.size(); i++)
            tallies[i].add(fields[i] < parts.size() ? parts[fields[i]] : std::string_view());
        last_value.swap(value);
    }

    std::string name() const override { return "docket.PackedFacetsMatchSpy"; }

    std::string get_description() const override
    {
        return "docket.PackedFacetsMatchSpy(" + std::to_string(reader.get_slot()) + ")";
    }

    Xapian::doccount get_total() const { return total; }

    size_t field_count() const { return tallies.size(); }

    Counts top(size_t field, unsigned max) const { return tallies[field].get_counts().top(max); }
};

}  // namespace

struct xc_spy {
    // Exactly one of the three spies is set.
    std::unique_ptr<Xapian::ValueCountMatchSpy> values;
    std::unique_ptr<FacetCountMatchSpy> facets;
    std::unique_ptr<PackedFacetsMatchSpy> packed;
    std::string label;
    std::string error;

    Xapian::MatchSpy *get() const
    {
        if (values)
            return values.get();
        if (facets)
            return facets.get();
        return packed.get();
    }
};

namespace {

Counts top_values(const Xapian::ValueCountMatchSpy &spy, unsigned max)
{
    if (max == 0) {
        for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
            ++max;
    }
    Counts counts;
    for (auto it = spy.top_values_begin(max); it != spy.top_values_end(max); ++it)
        counts.emplace_back(*it, it.get_termfreq());
    // Sorting again fixes the order of ties as xc_spy_each documents it,
    // without relying on the order Xapian returns.
    sort_counts(counts);
    return counts;
}

/* ---- Databases ------------------------------------------------------- */

xc_status require_writable(xc_database *db)
{
    if (db->writable)
        return XC_OK;
    return fail(db->error, XC_INVALID_ARGUMENT, db->label, "database is read-only");
}

xc_status require_index(xc_mset *mset, unsigned index)
{
    if (index < mset->mset.size())
        return XC_OK;
    return fail(mset->error, XC_INVALID_ARGUMENT, mset->label,
                "result index " + std::to_string(index) + " is past the last of " +
                    std::to_string(mset->mset.size()));
}

Xapian::Query::op query_op(xc_query_op op)
{
    switch (op) {
    case XC_OP_AND: return Xapian::Query::OP_AND;
    case XC_OP_OR: return Xapian::Query::OP_OR;
    case XC_OP_AND_NOT: return Xapian::Query::OP_AND_NOT;
    case XC_OP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
    case XC_OP_FILTER: return Xapian::Query::OP_FILTER;
    }
    throw Xapian::InvalidArgumentError("unknown query operator " + std::to_string(op));
}

Xapian::TermGenerator::stem_strategy termgen_strategy(xc_stem_strategy s)
{
    switch (s) {
    case XC_STEM_NONE: return Xapian::TermGenerator::STEM_NONE;
    case XC_STEM_SOME: return Xapian::TermGenerator::STEM_SOME;
    case XC_STEM_ALL: return Xapian::TermGenerator::STEM_ALL;
    case XC_STEM_ALL_Z: return Xapian::TermGenerator::STEM_ALL_Z;
    case XC_STEM_SOME_FULL_POS: return Xapian::TermGenerator::STEM_SOME_FULL_POS;
    }
    throw Xapian::InvalidArgumentError("unknown stemming strategy " + std::to_string(s));
}

Xapian::QueryParser::stem_strategy parser_strategy(xc_stem_strategy s)
{
    switch (s) {
    case XC_STEM_NONE: return Xapian::QueryParser::STEM_NONE;
    case XC_STEM_SOME: return Xapian::QueryParser::STEM_SOME;
    case XC_STEM_ALL: return Xapian::QueryParser::STEM_ALL;
    case XC_STEM_ALL_Z: return Xapian::QueryParser::STEM_ALL_Z;
    case XC_STEM_SOME_FULL_POS: return Xapian::QueryParser::STEM_SOME_FULL_POS;
    }
    throw Xapian::InvalidArgumentError("unknown stemming strategy " + std::to_string(s));
}

/* Refine XC_OTHER for a failed open of `path`. Call only from inside a catch
 * block. Xapian 1.4.22 reports a missing path as DatabaseNotFoundError, and
 * the check of the path covers a plain DatabaseOpeningError for one. A plain
 * DatabaseError while opening means that the files could not be read, for
 * example "EOF reading block 0" from a truncated table. */
xc_status refine_open_status(const char *path) noexcept
{
    try {
        throw;
    } catch (const Xapian::DatabaseOpeningError &) {
        return path_missing(path) ? XC_NOT_FOUND : XC_OTHER;
    } catch (const Xapian::DatabaseError &e) {
        return strcmp(e.get_type(), "DatabaseError") == 0 ? XC_CORRUPT : XC_OTHER;
    } catch (...) {
        return XC_OTHER;
    }
}

void sleep_ms(int ms)
{
    struct timespec delay = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&delay, &delay) != 0 && errno == EINTR)
        ;
}

}  // namespace

extern "C" {

const char *xc_status_text(xc_status status)
{
    // No default label: the compiler flags a status without text.
    switch (status) {
    case XC_OK: return "success";
    case XC_NOT_FOUND: return "not found";
    case XC_LOCKED: return "lock held by another writer";
    case XC_QUERY_SYNTAX: return "query syntax error";
    case XC_MODIFIED: return "database modified during the read";
    case XC_CORRUPT: return "database corrupt or of an unknown format";
    case XC_NO_MEMORY: return "out of memory";
    case XC_INVALID_ARGUMENT: return "invalid argument";
    case XC_NETWORK: return "network error";
    case XC_OTHER: return "Xapian error";
    }
    return "unknown status";
}

const char *xc_version(void)
{
    return Xapian::version_string();
}

/* ---- Databases ------------------------------------------------------- */

xc_status xc_database_create(const char *path, xc_database **out, xc_error *err)
{
    assert(path);
    assert(out);
    *out = NULL;
    clear_error(err);
    std::string error;
    try {
        xc_status status = make_parents(path, error);
        if (status != XC_OK)
            return report(err, error, status);

        auto db = std::make_unique<xc_database>();
        db->label = path;
        db->wdb = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
        db->db = db->wdb;
        db->writable = true;
        *out = db.release();
        return XC_OK;
    } catch (...) {
        xc_status status = catch_status(error, path);
        return report(err, error, status);
    }
}

xc_status xc_database_open(const char *path, xc_database **out, xc_error *err)
{
    assert(path);
    assert(out);
    *out = NULL;
    clear_error(err);
    std::string error;
    try {
        auto db = std::make_unique<xc_database>();
        db->label = path;
        db->db = Xapian::Database(path);
        *out = db.release();
        return XC_OK;
    } catch (...) {
        xc_status status = catch_status(error, path);
        if (status == XC_OTHER)
            status = refine_open_status(path);
        return report(err, error, status);
    }
}

xc_status xc_database_open_retry(const char *path, int attempts, int delay_ms,
                                 xc_database **out, xc_error *err)
{
    assert(path);
    assert(out);
    xc_status status = XC_OK;
    for (int attempt = 0; attempt < std::max(attempts, 1); attempt++) {
        if (attempt > 0 && delay_ms > 0)
            sleep_ms(delay_ms);
        status = xc_database_open(path, out, err);
        if (status != XC_MODIFIED && status != XC_LOCKED)
            break;
    }
    return status;
}

xc_status xc_database_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                                  xc_database **out, xc_error *err)
{
    assert(host);
    assert(out);
    *out = NULL;
    clear_error(err);
    std::string error;
    std::string label;
    try {
        label = std::string(host) + ":" + std::to_string(port);
        auto db = std::make_unique<xc_database>();
        db->label = label;
        // Xapian takes both timeouts in milliseconds despite the useconds_t type.
        db->db = Xapian::Remote::open(host, port, timeout_ms, timeout_ms);
        db->remote = true;
        *out = db.release();
        return XC_OK;
    } catch (...) {
        xc_status status = catch_status(error, label);
        return report(err, error, status);
    }
}

xc_status xc_database_add(xc_database *db, xc_database *other)
{
    assert(db);
    assert(other);
    try {
        if (db->writable)
            return fail(db->error, XC_INVALID_ARGUMENT, db->label,
                        "cannot add shards to a writable database");
        db->db.add_database(other->db);
        db->remote = db->remote || other->remote;
        db->label += ", " + other->label;
        return XC_OK;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_reopen(xc_database *db)
{
    assert(db);
    try {
        db->db.reopen();
        return XC_OK;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_commit(xc_database *db)
{
    assert(db);
    try {
        xc_status status = require_writable(db);
        if (status == XC_OK)
            db->wdb.commit();
        return status;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_begin(xc_database *db)
{
    assert(db);
    try {
        xc_status status = require_writable(db);
        if (status == XC_OK)
            db->wdb.begin_transaction(false);
        return status;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_end(xc_database *db, int commit)
{
    assert(db);
    try {
        xc_status status = require_writable(db);
        if (status != XC_OK)
            return status;
        if (commit)
            db->wdb.commit_transaction();
        else
            db->wdb.cancel_transaction();
        return XC_OK;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_close(xc_database *db)
{
    assert(db);
    xc_status status = XC_OK;
    if (db->writable)
        status = xc_database_commit(db);
    try {
        if (db->writable)
            db->wdb.close();
        else
            db->db.close();
        return status;
    } catch (...) {
        xc_status close_status = catch_status(db->error, db->label);
        return status != XC_OK ? status : close_status;
    }
}

void xc_database_free(xc_database *db)
{
    if (!db)
        return;
    // Closing commits pending changes and releases the lock even while a
    // term generator still refers to the database. A read-only database is
    // not closed, because shards added to another handle and enquires share
    // it and stay usable.
    try {
        if (db->writable)
            db->wdb.close();
    } catch (...) {
    }
    delete db;
}

const char *xc_database_error(const xc_database *db)
{
    assert(db);
    return db->error.c_str();
}

xc_status xc_database_doccount(xc_database *db, unsigned *out)
{
    assert(db);
    assert(out);
    try {
        *out = db->db.get_doccount();
        return XC_OK;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_value_freq(xc_database *db, xc_slot slot, unsigned *out)
{
    assert(db);
    assert(out);
    try {
        *out = db->db.get_value_freq(slot);
        return XC_OK;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_termfreq(xc_database *db, const char *term, unsigned *out)
{
    assert(db);
    assert(term);
    assert(out);
    try {
        *out = db->db.get_termfreq(fit_term(term));
        return XC_OK;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_compact(xc_database *db, const char *dest)
{
    assert(db);
    assert(dest);
    try {
        xc_status status = make_parents(dest, db->error);
        if (status == XC_OK)
            db->db.compact(dest);
        return status;
    } catch (...) {
        return catch_status(db->error, [&] { return db->label + " compacted to " + dest; });
    }
}

xc_status xc_database_compact_with(xc_database *db, const char *other, const char *dest)
{
    assert(db);
    assert(other);
    assert(dest);
    try {
        xc_status status = make_parents(dest, db->error);
        if (status == XC_OK) {
            Xapian::Database both(db->db);
            both.add_database(Xapian::Database(other));
            both.compact(dest);
        }
        return status;
    } catch (...) {
        return catch_status(db->error, [&] {
            return db->label + " and " + other + " compacted to " + dest;
        });
    }
}

xc_status xc_database_get_metadata(xc_database *db, const char *key, char **out)
{
    assert(db);
    assert(key);
    assert(out);
    *out = NULL;
    try {
        *out = malloc_copy(db->db.get_metadata(key));
        return XC_OK;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_set_metadata(xc_database *db, const char *key, const char *value)
{
    assert(db);
    assert(key);
    assert(value);
    try {
        xc_status status = require_writable(db);
        if (status == XC_OK)
            db->wdb.set_metadata(key, value);
        return status;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_add_document(xc_database *db, xc_document *doc, xc_docid *out)
{
    assert(db);
    assert(doc);
    assert(out);
    try {
        xc_status status = require_writable(db);
        if (status == XC_OK)
            *out = db->wdb.add_document(doc->doc);
        return status;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_replace_document(xc_database *db, const char *unique_term,
                                       xc_document *doc, xc_docid *out)
{
    assert(db);
    assert(unique_term);
    assert(doc);
    assert(out);
    try {
        xc_status status = require_writable(db);
        if (status == XC_OK)
            *out = db->wdb.replace_document(fit_term(unique_term), doc->doc);
        return status;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_delete_by_term(xc_database *db, const char *term)
{
    assert(db);
    assert(term);
    try {
        xc_status status = require_writable(db);
        if (status == XC_OK)
            db->wdb.delete_document(fit_term(term));
        return status;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_trim_term(xc_database *db, const char *term, unsigned keep,
                                unsigned *out)
{
    assert(db);
    assert(term);
    assert(out);
    *out = 0;
    try {
        xc_status status = require_writable(db);
        if (status != XC_OK)
            return status;
        std::string fitted = fit_term(term);
        Xapian::doccount count = db->db.get_termfreq(fitted);
        if (count <= keep)
            return XC_OK;
        // Collect first: deleting while iterating the posting list is not safe.
        std::vector<Xapian::docid> doomed;
        doomed.reserve(count - keep);
        for (auto it = db->db.postlist_begin(fitted);
             it != db->db.postlist_end(fitted) && doomed.size() < count - keep; ++it)
            doomed.push_back(*it);
        for (Xapian::docid id : doomed)
            db->wdb.delete_document(id);
        *out = static_cast<unsigned>(doomed.size());
        return XC_OK;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_get_document(xc_database *db, xc_docid id, xc_document **out)
{
    assert(db);
    assert(out);
    *out = NULL;
    try {
        auto doc = std::make_unique<xc_document>();
        doc->doc = db->db.get_document(id);
        doc->label = document_label(db->label, id);
        *out = doc.release();
        return XC_OK;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_find_by_term(xc_database *db, const char *term, xc_docid *out)
{
    assert(db);
    assert(term);
    assert(out);
    try {
        std::string key = fit_term(term);
        Xapian::PostingIterator it = db->db.postlist_begin(key);
        if (it == db->db.postlist_end(key))
            return fail(db->error, XC_NOT_FOUND, db->label,
                        "no document is indexed by " + quoted("term", term));
        *out = *it;
        return XC_OK;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_each_term(xc_database *db, const char *prefix, xc_term_fn fn,
                                void *data)
{
    assert(db);
    assert(fn);
    try {
        std::string start = prefix ? prefix : "";
        for (auto it = db->db.allterms_begin(start); it != db->db.allterms_end(start); ++it) {
            if (fn((*it).c_str(), it.get_termfreq(), data) != 0)
                break;
        }
        return XC_OK;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_each_metadata(xc_database *db, const char *prefix,
                                    xc_metadata_fn fn, void *data)
{
    assert(db);
    assert(fn);
    try {
        std::string start = prefix ? prefix : "";
        for (auto it = db->db.metadata_keys_begin(start); it != db->db.metadata_keys_end(start);
             ++it) {
            std::string value = db->db.get_metadata(*it);
            if (fn((*it).c_str(), value.c_str(), data) != 0)
                break;
        }
        return XC_OK;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_add_spelling(xc_database *db, const char *word, unsigned freq)
{
    assert(db);
    assert(word);
    try {
        xc_status status = require_writable(db);
        if (status == XC_OK)
            db->wdb.add_spelling(word, freq);
        return status;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_add_synonym(xc_database *db, const char *term, const char *synonym)
{
    assert(db);
    assert(term);
    assert(synonym);
    try {
        xc_status status = require_writable(db);
        if (status == XC_OK)
            db->wdb.add_synonym(term, synonym);
        return status;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_database_clear_synonyms(xc_database *db, const char *term)
{
    assert(db);
    assert(term);
    try {
        xc_status status = require_writable(db);
        if (status == XC_OK)
            db->wdb.clear_synonyms(term);
        return status;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

/* ---- Documents ------------------------------------------------------- */

xc_status xc_document_new(xc_document **out)
{
    assert(out);
    *out = NULL;
    try {
        *out = new xc_document();
        return XC_OK;
    } catch (...) {
        std::string ignored;
        return catch_status(ignored, "");
    }
}

void xc_document_free(xc_document *doc)
{
    delete doc;
}

const char *xc_document_error(const xc_document *doc)
{
    assert(doc);
    return doc->error.c_str();
}

xc_status xc_document_set_data(xc_document *doc, const char *data, size_t len)
{
    assert(doc);
    assert(data || len == 0);
    try {
        doc->doc.set_data(bytes(data, len));
        return XC_OK;
    } catch (...) {
        return catch_status(doc->error, [&] { return doc_subject(doc, "data"); });
    }
}

xc_status xc_document_get_data(xc_document *doc, const char **out, size_t *len)
{
    assert(doc);
    assert(out);
    assert(len);
    try {
        doc->data = doc->doc.get_data();
        *out = doc->data.c_str();
        *len = doc->data.size();
        return XC_OK;
    } catch (...) {
        return catch_status(doc->error, [&] { return doc_subject(doc, "data"); });
    }
}

xc_status xc_document_add_term(xc_document *doc, const char *term, unsigned wdf_inc)
{
    assert(doc);
    assert(term);
    try {
        doc->doc.add_term(fit_term(term), wdf_inc);
        return XC_OK;
    } catch (...) {
        return catch_status(doc->error, [&] { return doc_subject(doc, quoted("term", term)); });
    }
}

xc_status xc_document_add_boolean_term(xc_document *doc, const char *term)
{
    assert(doc);
    assert(term);
    try {
        doc->doc.add_boolean_term(fit_term(term));
        return XC_OK;
    } catch (...) {
        return catch_status(doc->error, [&] { return doc_subject(doc, quoted("term", term)); });
    }
}

xc_status xc_document_add_posting(xc_document *doc, const char *term, unsigned pos,
                                  unsigned wdf_inc)
{
    assert(doc);
    assert(term);
    try {
        doc->doc.add_posting(fit_term(term), pos, wdf_inc);
        return XC_OK;
    } catch (...) {
        return catch_status(doc->error, [&] { return doc_subject(doc, quoted("term", term)); });
    }
}

xc_status xc_document_set_value(xc_document *doc, xc_slot slot, const char *value,
                                size_t len)
{
    assert(doc);
    assert(value || len == 0);
    try {
        doc->doc.add_value(slot, bytes(value, len));
        return XC_OK;
    } catch (...) {
        return catch_status(doc->error,
                            [&] { return doc_subject(doc, "value slot " + std::to_string(slot)); });
    }
}

xc_status xc_document_get_value(xc_document *doc, xc_slot slot, const char **out,
                                size_t *len)
{
    assert(doc);
    assert(out);
    assert(len);
    try {
        doc->value = doc->doc.get_value(slot);
        *out = doc->value.c_str();
        *len = doc->value.size();
        return XC_OK;
    } catch (...) {
        return catch_status(doc->error,
                            [&] { return doc_subject(doc, "value slot " + std::to_string(slot)); });
    }
}

xc_status xc_document_pack_values(xc_document *doc, const xc_slot *slots, size_t count,
                                  xc_slot target)
{
    assert(doc);
    assert(slots || count == 0);
    try {
        std::string packed;
        for (size_t i = 0; i < count; i++) {
            std::string value = doc->doc.get_value(slots[i]);
            append_length(packed, value.size());
            packed += value;
        }
        doc->doc.add_value(target, packed);
        return XC_OK;
    } catch (...) {
        auto subject = [&] { return doc_subject(doc, "value slot " + std::to_string(target)); };
        return catch_status(doc->error, subject);
    }
}

xc_status xc_document_docid(xc_document *doc, xc_docid *out)
{
    assert(doc);
    assert(out);
    try {
        *out = doc->doc.get_docid();
        return XC_OK;
    } catch (...) {
        return catch_status(doc->error, [&] { return doc_subject(doc, "id"); });
    }
}

/* ---- Multi-valued value slots ---------------------------------------- */

xc_status xc_serialise_list(const char *const *items, size_t count, char **out, size_t *len)
{
    assert(items || count == 0);
    assert(out);
    assert(len);
    *out = NULL;
    try {
        std::string list;
        for (size_t i = 0; i < count; i++) {
            size_t item_len = strlen(items[i]);
            append_length(list, item_len);
            list.append(items[i], item_len);
        }
        *out = malloc_copy(list);
        *len = list.size();
        return XC_OK;
    } catch (...) {
        std::string ignored;
        return catch_status(ignored, "");
    }
}

/* ---- Term generator -------------------------------------------------- */

xc_status xc_termgen_new(const char *language, xc_termgen **out, xc_error *err)
{
    assert(out);
    *out = NULL;
    clear_error(err);
    std::string error;
    try {
        auto tg = std::make_unique<xc_termgen>();
        tg->tg.set_stemmer(make_stemmer(language));
        *out = tg.release();
        return XC_OK;
    } catch (...) {
        xc_status status =
            catch_status(error, [&] { return quoted("language", language ? language : ""); });
        return report(err, error, status);
    }
}

void xc_termgen_free(xc_termgen *tg)
{
    delete tg;
}

const char *xc_termgen_error(const xc_termgen *tg)
{
    assert(tg);
    return tg->error.c_str();
}

xc_status xc_termgen_set_stemming_strategy(xc_termgen *tg, xc_stem_strategy s)
{
    assert(tg);
    try {
        tg->tg.set_stemming_strategy(termgen_strategy(s));
        return XC_OK;
    } catch (...) {
        return catch_status(tg->error, "term generator");
    }
}

xc_status xc_termgen_set_flags(xc_termgen *tg, unsigned flags)
{
    assert(tg);
    try {
        if (flags & ~static_cast<unsigned>(XC_TG_SPELLING | XC_TG_NO_POSITIONS))
            return fail(tg->error, XC_INVALID_ARGUMENT, "term generator",
                        "unknown flags " + std::to_string(flags));
        tg->tg.set_flags((flags & XC_TG_SPELLING) ? Xapian::TermGenerator::FLAG_SPELLING
                                                  : Xapian::TermGenerator::flags(0));
        tg->positions = !(flags & XC_TG_NO_POSITIONS);
        return XC_OK;
    } catch (...) {
        return catch_status(tg->error, "term generator");
    }
}

xc_status xc_termgen_set_database(xc_termgen *tg, xc_database *db)
{
    assert(tg);
    assert(db);
    try {
        if (!db->writable)
            return fail(tg->error, XC_INVALID_ARGUMENT, db->label,
                        "spelling data needs a writable database");
        tg->tg.set_database(db->wdb);
        return XC_OK;
    } catch (...) {
        return catch_status(tg->error, db->label);
    }
}

xc_status xc_termgen_set_document(xc_termgen *tg, xc_document *doc)
{
    assert(tg);
    assert(doc);
    try {
        // Xapian documents are shared handles: the terms go into `doc` itself.
        tg->tg.set_document(doc->doc);
        tg->tg.set_termpos(0);
        return XC_OK;
    } catch (...) {
        return catch_status(tg->error, "term generator");
    }
}

xc_status xc_termgen_index_text(xc_termgen *tg, const char *text, size_t len,
                                unsigned wdf_inc, const char *prefix)
{
    assert(tg);
    assert(text || len == 0);
    if (!tg->positions)
        return xc_termgen_index_text_without_positions(tg, text, len, wdf_inc, prefix);
    try {
        tg->tg.index_text(bytes(text, len), wdf_inc, prefix ? prefix : "");
        return XC_OK;
    } catch (...) {
        return catch_status(tg->error, "term generator");
    }
}

xc_status xc_termgen_index_text_without_positions(xc_termgen *tg, const char *text,
                                                  size_t len, unsigned wdf_inc,
                                                  const char *prefix)
{
    assert(tg);
    assert(text || len == 0);
    try {
        tg->tg.index_text_without_positions(bytes(text, len), wdf_inc, prefix ? prefix : "");
        return XC_OK;
    } catch (...) {
        return catch_status(tg->error, "term generator");
    }
}

xc_status xc_termgen_increase_termpos(xc_termgen *tg, unsigned delta)
{
    assert(tg);
    try {
        tg->tg.increase_termpos(delta);
        return XC_OK;
    } catch (...) {
        return catch_status(tg->error, "term generator");
    }
}

/* ---- Query parser ---------------------------------------------------- */

xc_status xc_queryparser_new(const char *language, xc_queryparser **out, xc_error *err)
{
    assert(out);
    *out = NULL;
    clear_error(err);
    std::string error;
    try {
        auto qp = std::make_unique<xc_queryparser>();
        qp->qp.set_stemmer(make_stemmer(language));
        *out = qp.release();
        return XC_OK;
    } catch (...) {
        xc_status status =
            catch_status(error, [&] { return quoted("language", language ? language : ""); });
        return report(err, error, status);
    }
}

void xc_queryparser_free(xc_queryparser *qp)
{
    delete qp;
}

const char *xc_queryparser_error(const xc_queryparser *qp)
{
    assert(qp);
    return qp->error.c_str();
}

xc_status xc_queryparser_set_stemming_strategy(xc_queryparser *qp, xc_stem_strategy s)
{
    assert(qp);
    try {
        qp->qp.set_stemming_strategy(parser_strategy(s));
        return XC_OK;
    } catch (...) {
        return catch_status(qp->error, "query parser");
    }
}

xc_status xc_queryparser_set_default_op(xc_queryparser *qp, xc_query_op op)
{
    assert(qp);
    try {
        qp->qp.set_default_op(query_op(op));
        return XC_OK;
    } catch (...) {
        return catch_status(qp->error, "query parser");
    }
}

xc_status xc_queryparser_set_database(xc_queryparser *qp, xc_database *db)
{
    assert(qp);
    assert(db);
    try {
        qp->qp.set_database(db->db);
        return XC_OK;
    } catch (...) {
        return catch_status(qp->error, db->label);
    }
}

xc_status xc_queryparser_add_prefix(xc_queryparser *qp, const char *field, const char *prefix)
{
    assert(qp);
    assert(field);
    assert(prefix);
    try {
        qp->qp.add_prefix(field, prefix);
        return XC_OK;
    } catch (...) {
        return catch_status(qp->error, [&] { return quoted("field", field); });
    }
}

xc_status xc_queryparser_set_max_wildcard(xc_queryparser *qp, unsigned max)
{
    assert(qp);
    try {
        qp->qp.set_max_expansion(max, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                                 Xapian::QueryParser::FLAG_WILDCARD);
        return XC_OK;
    } catch (...) {
        return catch_status(qp->error, "wildcard limit");
    }
}

xc_status xc_queryparser_add_boolean_prefix(xc_queryparser *qp, const char *field,
                                            const char *prefix)
{
    assert(qp);
    assert(field);
    assert(prefix);
    try {
        qp->qp.add_boolean_prefix(field, prefix);
        return XC_OK;
    } catch (...) {
        return catch_status(qp->error, [&] { return quoted("field", field); });
    }
}

xc_status xc_queryparser_add_range(xc_queryparser *qp, xc_slot slot, const char *field)
{
    assert(qp);
    try {
        // The range processor matches the text before the range, colon included.
        std::string start = field ? field : "";
        if (!start.empty() && start.back() != ':')
            start += ':';
        qp->qp.add_rangeprocessor((new Xapian::RangeProcessor(slot, start))->release());
        return XC_OK;
    } catch (...) {
        return catch_status(qp->error, [&] { return quoted("field", field ? field : ""); });
    }
}

namespace {

/* Turns `field:value` into a query through a C callback. A callback
 * failure is remembered rather than thrown, because an exception thrown
 * from a field processor leaks memory inside Xapian 1.4's parser;
 * xc_queryparser_parse reports it after the parse. */
class CallbackFieldProcessor : public Xapian::FieldProcessor {
  public:
    CallbackFieldProcessor(const std::string &field, xc_field_fn fn, void *data)
        : field_(field), fn_(fn), data_(data)
    {
    }

    Xapian::Query operator()(const std::string &value) override
    {
        xc_query *query = NULL;
        xc_status status = fn_(value.c_str(), data_, &query);
        if (status != XC_OK || !query) {
            xc_query_free(query);
            if (failure.empty())
                failure = "invalid value for " + field_ + ": '" + value + "'";
            out_of_memory = out_of_memory || status == XC_NO_MEMORY;
            return Xapian::Query::MatchNothing;
        }
        Xapian::Query result = query->query;
        xc_query_free(query);
        return result;
    }

    std::string failure; // the first failed value of the last parse
    bool out_of_memory = false;

  private:
    std::string field_;
    xc_field_fn fn_;
    void *data_;
};

} // namespace

xc_status xc_queryparser_parse(xc_queryparser *qp, const char *text, unsigned flags,
                               xc_query **out)
{
    assert(qp);
    assert(text);
    assert(out);
    *out = NULL;
    try {
        auto query = std::make_unique<xc_query>();
        qp->corrected.clear();
        for (CallbackFieldProcessor *processor : qp->processors) {
            processor->failure.clear();
            processor->out_of_memory = false;
        }
        query->query = qp->qp.parse_query(text, flags);
        for (CallbackFieldProcessor *processor : qp->processors) {
            if (processor->out_of_memory)
                throw std::bad_alloc();
            if (!processor->failure.empty())
                throw Xapian::QueryParserError(processor->failure);
        }
        qp->corrected = qp->qp.get_corrected_query_string();
        *out = query.release();
        return XC_OK;
    } catch (...) {
        return catch_status(qp->error, [&] { return quoted("query", text); });
    }
}

/* ---- Field processors ------------------------------------------------- */

xc_status xc_queryparser_add_field(xc_queryparser *qp, const char *field, int boolean,
                                   xc_field_fn fn, void *data)
{
    assert(qp);
    assert(field);
    assert(fn);
    try {
        auto *processor = new CallbackFieldProcessor(field, fn, data);
        qp->processors.push_back(processor);
        if (boolean)
            qp->qp.add_boolean_prefix(field, processor->release());
        else
            qp->qp.add_prefix(field, processor->release());
        return XC_OK;
    } catch (...) {
        return catch_status(qp->error, [&] { return quoted("field", field); });
    }
}

xc_status xc_queryparser_corrected(xc_queryparser *qp, const char **out)
{
    assert(qp);
    assert(out);
    *out = qp->corrected.c_str();
    return XC_OK;
}

/* ---- Queries --------------------------------------------------------- */

void xc_query_free(xc_query *q)
{
    delete q;
}

xc_status xc_query_term(const char *term, xc_query **out)
{
    assert(term);
    assert(out);
    *out = NULL;
    try {
        auto query = std::make_unique<xc_query>();
        query->query = Xapian::Query(fit_term(term));
        *out = query.release();
        return XC_OK;
    } catch (...) {
        std::string ignored;
        return catch_status(ignored, "");
    }
}

xc_status xc_query_all(xc_query **out)
{
    assert(out);
    *out = NULL;
    try {
        auto query = std::make_unique<xc_query>();
        query->query = Xapian::Query::MatchAll;
        *out = query.release();
        return XC_OK;
    } catch (...) {
        std::string ignored;
        return catch_status(ignored, "");
    }
}

xc_status xc_query_combine(xc_query_op op, xc_query *const *queries, size_t count,
                           xc_query **out)
{
    assert(queries || count == 0);
    assert(out);
    *out = NULL;
    try {
        std::vector<Xapian::Query> parts;
        for (size_t i = 0; i < count; i++) {
            assert(queries[i]);
            parts.push_back(queries[i]->query);
        }
        auto query = std::make_unique<xc_query>();
        query->query = Xapian::Query(query_op(op), parts.begin(), parts.end());
        *out = query.release();
        return XC_OK;
    } catch (...) {
        std::string ignored;
        return catch_status(ignored, "");
    }
}

xc_status xc_query_value_range(xc_slot slot, const char *lo, const char *hi, xc_query **out)
{
    assert(out);
    *out = NULL;
    try {
        auto query = std::make_unique<xc_query>();
        // With both ends open, every document with a value in the slot matches.
        if (lo && hi)
            query->query = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
        else if (hi)
            query->query = Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
        else
            query->query = Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo ? lo : "");
        *out = query.release();
        return XC_OK;
    } catch (...) {
        std::string ignored;
        return catch_status(ignored, "");
    }
}

xc_status xc_query_describe(const xc_query *q, char **out)
{
    assert(q);
    assert(out);
    *out = NULL;
    try {
        *out = malloc_copy(q->query.get_description());
        return XC_OK;
    } catch (...) {
        std::string ignored;
        return catch_status(ignored, "");
    }
}

xc_status xc_query_matches_text(const xc_query *q, int *out)
{
    assert(q);
    assert(out);
    try {
        const Xapian::Query &query = q->query;
        *out = has_wildcard(query) ||
               std::any_of(query.get_unique_terms_begin(), query.get_unique_terms_end(),
                           is_text_term);
        return XC_OK;
    } catch (...) {
        std::string ignored;
        return catch_status(ignored, "");
    }
}

xc_status xc_query_has_checks(const xc_query *q, int *out)
{
    assert(q);
    assert(out);
    try {
        *out = has_checks(q->query);
        return XC_OK;
    } catch (...) {
        std::string ignored;
        return catch_status(ignored, "");
    }
}

/* ---- Match spies ----------------------------------------------------- */

xc_status xc_spy_value_count(xc_slot slot, xc_spy **out)
{
    assert(out);
    *out = NULL;
    try {
        auto spy = std::make_unique<xc_spy>();
        spy->values = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
        spy->label = "value count of slot " + std::to_string(slot);
        *out = spy.release();
        return XC_OK;
    } catch (...) {
        std::string ignored;
        return catch_status(ignored, "");
    }
}

xc_status xc_spy_list_count(xc_slot slot, xc_spy **out)
{
    assert(out);
    *out = NULL;
    try {
        auto spy = std::make_unique<xc_spy>();
        spy->facets = std::make_unique<FacetCountMatchSpy>(slot, true, Xapian::Database());
        spy->label = "list count of slot " + std::to_string(slot);
        *out = spy.release();
        return XC_OK;
    } catch (...) {
        std::string ignored;
        return catch_status(ignored, "");
    }
}

xc_status xc_spy_facet_count(xc_database *db, xc_slot slot, int list, xc_spy **out)
{
    assert(db);
    assert(out);
    *out = NULL;
    try {
        auto spy = std::make_unique<xc_spy>();
        // The matcher runs this spy in this process for local shards only,
        // so a remote database gives it no value streams to read.
        Xapian::Database streams = db->remote ? Xapian::Database() : db->db;
        spy->facets = std::make_unique<FacetCountMatchSpy>(slot, list != 0, streams);
        spy->label = (list ? "list count of slot " : "value count of slot ") +
                     std::to_string(slot);
        *out = spy.release();
        return XC_OK;
    } catch (...) {
        std::string ignored;
        return catch_status(ignored, "");
    }
}

xc_status xc_spy_packed_count(xc_database *db, xc_slot slot, xc_spy **out)
{
    assert(db);
    assert(out);
    *out = NULL;
    try {
        if (db->remote)
            return fail(db->error, XC_INVALID_ARGUMENT, db->label,
                        "packed facet counts need local shards");
        auto spy = std::make_unique<xc_spy>();
        spy->packed = std::make_unique<PackedFacetsMatchSpy>(slot, db->db);
        spy->label = "packed counts of slot " + std::to_string(slot);
        *out = spy.release();
        return XC_OK;
    } catch (...) {
        return catch_status(db->error, db->label);
    }
}

xc_status xc_spy_add_field(xc_spy *spy, size_t index, int list, size_t *out)
{
    assert(spy);
    assert(out);
    try {
        if (!spy->packed)
            return fail(spy->error, XC_INVALID_ARGUMENT, spy->label,
                        "fields need a spy from xc_spy_packed_count");
        *out = spy->packed->add_field(index, list != 0);
        return XC_OK;
    } catch (...) {
        return catch_status(spy->error, spy->label);
    }
}

const char *xc_spy_error(const xc_spy *spy)
{
    assert(spy);
    return spy->error.c_str();
}

void xc_spy_free(xc_spy *spy)
{
    delete spy;
}

xc_status xc_spy_total(xc_spy *spy, unsigned *out)
{
    assert(spy);
    assert(out);
    try {
        if (spy->values)
            *out = spy->values->get_total();
        else if (spy->facets)
            *out = spy->facets->get_total();
        else
            *out = spy->packed->get_total();
        return XC_OK;
    } catch (...) {
        return catch_status(spy->error, spy->label);
    }
}

xc_status xc_spy_each(xc_spy *spy, unsigned max, xc_count_fn fn, void *data)
{
    return xc_spy_each_field(spy, 0, max, fn, data);
}

xc_status xc_spy_each_field(xc_spy *spy, size_t field, unsigned max, xc_count_fn fn,
                            void *data)
{
    assert(spy);
    assert(fn);
    try {
        if (spy->packed && field >= spy->packed->field_count())
            return fail(spy->error, XC_INVALID_ARGUMENT, spy->label,
                        "no field " + std::to_string(field));
        Counts counts;
        if (spy->values)
            counts = top_values(*spy->values, max);
        else if (spy->facets)
            counts = spy->facets->top(max);
        else
            counts = spy->packed->top(field, max);
        for (const auto &entry : counts) {
            if (fn(entry.first.c_str(), entry.first.size(), entry.second, data) != 0)
                break;
        }
        return XC_OK;
    } catch (...) {
        return catch_status(spy->error, spy->label);
    }
}

/* ---- Enquire and match sets ------------------------------------------ */

xc_status xc_enquire_new(xc_database *db, xc_enquire **out, xc_error *err)
{
    assert(db);
    assert(out);
    *out = NULL;
    clear_error(err);
    std::string error;
    try {
        auto enq = std::make_unique<xc_enquire>(db->db);
        enq->label = db->label;
        *out = enq.release();
        return XC_OK;
    } catch (...) {
        xc_status status = catch_status(error, db->label);
        return report(err, error, status);
    }
}

void xc_enquire_free(xc_enquire *enq)
{
    delete enq;
}

const char *xc_enquire_error(const xc_enquire *enq)
{
    assert(enq);
    return enq->error.c_str();
}

xc_status xc_enquire_set_query(xc_enquire *enq, const xc_query *q)
{
    assert(enq);
    assert(q);
    try {
        enq->enquire.set_query(q->query);
        return XC_OK;
    } catch (...) {
        return catch_status(enq->error, enq->label);
    }
}

xc_status xc_enquire_set_sort(xc_enquire *enq, xc_slot slot, int reverse)
{
    assert(enq);
    try {
        if (slot == XC_SORT_RELEVANCE)
            enq->enquire.set_sort_by_relevance();
        else
            enq->enquire.set_sort_by_value_then_relevance(slot, reverse != 0);
        return XC_OK;
    } catch (...) {
        return catch_status(enq->error, enq->label);
    }
}

xc_status xc_enquire_set_collapse_key(xc_enquire *enq, xc_slot slot)
{
    assert(enq);
    try {
        enq->enquire.set_collapse_key(slot);
        return XC_OK;
    } catch (...) {
        return catch_status(enq->error, enq->label);
    }
}

xc_status xc_enquire_set_boolean_weight(xc_enquire *enq)
{
    assert(enq);
    try {
        enq->enquire.set_weighting_scheme(Xapian::BoolWeight());
        return XC_OK;
    } catch (...) {
        return catch_status(enq->error, enq->label);
    }
}

xc_status xc_enquire_add_spy(xc_enquire *enq, xc_spy *spy)
{
    assert(enq);
    assert(spy);
    try {
        // A raw pointer: Xapian does not take ownership, the caller frees it.
        enq->enquire.add_matchspy(spy->get());
        return XC_OK;
    } catch (...) {
        return catch_status(enq->error, enq->label);
    }
}

xc_status xc_enquire_get_mset(xc_enquire *enq, unsigned first, unsigned max,
                              unsigned check_at_least, xc_mset **out)
{
    assert(enq);
    assert(out);
    *out = NULL;
    try {
        auto mset = std::make_unique<xc_mset>();
        mset->label = enq->label;
        mset->mset = enq->enquire.get_mset(first, max, check_at_least);
        *out = mset.release();
        return XC_OK;
    } catch (...) {
        return catch_status(enq->error, enq->label);
    }
}

void xc_mset_free(xc_mset *mset)
{
    delete mset;
}

const char *xc_mset_error(const xc_mset *mset)
{
    assert(mset);
    return mset->error.c_str();
}

unsigned xc_mset_size(const xc_mset *mset)
{
    assert(mset);
    return mset->mset.size();
}

unsigned xc_mset_matches_estimated(const xc_mset *mset)
{
    assert(mset);
    return mset->mset.get_matches_estimated();
}

int xc_mset_matches_exact(const xc_mset *mset)
{
    assert(mset);
    return mset->mset.get_matches_lower_bound() == mset->mset.get_matches_upper_bound();
}

xc_status xc_mset_rank(xc_mset *mset, unsigned index, unsigned *out)
{
    assert(mset);
    assert(out);
    try {
        xc_status status = require_index(mset, index);
        if (status == XC_OK)
            *out = mset->mset[index].get_rank();
        return status;
    } catch (...) {
        return catch_status(mset->error, mset->label);
    }
}

xc_status xc_mset_weight(xc_mset *mset, unsigned index, double *out)
{
    assert(mset);
    assert(out);
    try {
        xc_status status = require_index(mset, index);
        if (status == XC_OK)
            *out = mset->mset[index].get_weight();
        return status;
    } catch (...) {
        return catch_status(mset->error, mset->label);
    }
}

xc_status xc_mset_docid(xc_mset *mset, unsigned index, xc_docid *out)
{
    assert(mset);
    assert(out);
    try {
        xc_status status = require_index(mset, index);
        if (status == XC_OK)
            *out = *mset->mset[index];
        return status;
    } catch (...) {
        return catch_status(mset->error, mset->label);
    }
}

xc_status xc_mset_collapse_count(xc_mset *mset, unsigned index, unsigned *out)
{
    assert(mset);
    assert(out);
    try {
        xc_status status = require_index(mset, index);
        if (status == XC_OK)
            *out = mset->mset[index].get_collapse_count();
        return status;
    } catch (...) {
        return catch_status(mset->error, mset->label);
    }
}

xc_status xc_mset_document(xc_mset *mset, unsigned index, xc_document **out)
{
    assert(mset);
    assert(out);
    *out = NULL;
    try {
        xc_status status = require_index(mset, index);
        if (status != XC_OK)
            return status;
        auto doc = std::make_unique<xc_document>();
        doc->doc = mset->mset[index].get_document();
        doc->label = document_label(mset->label, *mset->mset[index]);
        *out = doc.release();
        return XC_OK;
    } catch (...) {
        return catch_status(mset->error, mset->label);
    }
}

xc_status xc_mset_snippet(xc_mset *mset, const char *text, size_t len, size_t length,
                          const char *language, unsigned flags, const char *hi_start,
                          const char *hi_end, const char *omit, char **out)
{
    assert(mset);
    assert(text || len == 0);
    assert(out);
    *out = NULL;
    try {
        std::string snippet = mset->mset.snippet(bytes(text, len), length,
                                                 make_stemmer(language), flags,
                                                 hi_start ? hi_start : "",
                                                 hi_end ? hi_end : "", omit ? omit : "");
        *out = malloc_copy(snippet);
        return XC_OK;
    } catch (...) {
        return catch_status(mset->error, mset->label);
    }
}

}  // extern "C"
