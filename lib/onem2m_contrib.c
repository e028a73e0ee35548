/* onem2m_contrib.c: contribution blocks of oneM2M minutes: headings,
 * presenters, decision sentences and the numbers and specs they mention. */
#include <stdlib.h>
#include <string.h>

#include "docket/record.h"
#include "normalise_private.h"
#include "onem2m.h"

/* ---- People ---- */

void m2m_person_clear(m2m_person *person)
{
    free(person->name);
    free(person->company);
    person->name = NULL;
    person->company = NULL;
}

static bool is_single_word(const char *s)
{
    return *s && !strchr(s, ' ');
}

/* Legal forms that mark a name as a company's. */
bool m2m_ends_with_legal_form(const char *s)
{
    static const char *const forms[] = {"Inc",  "Inc.", "Ltd",  "Ltd.", "LTD",     "GmbH",
                                        "AG",   "SA",   "S.A.", "Corp", "Corp.",   "Corporation",
                                        "LLC",  "plc",  "Co.",  "N.V.", "B.V.",    "Limited",
                                        "Oy",   "AB",   "SAS",  "KK",   "Incorporated"};
    const char *last = strrchr(s, ' ');
    last = last ? last + 1 : s;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        if (strcmp(last, forms[i]) == 0)
            return true;
    }
    return false;
}

static bool looks_like_company(const m2m_parser *p, const char *s)
{
    return is_single_word(s) || m2m_ends_with_legal_form(s) || strchr(s, '&') ||
           docket_aliases_lookup(p->aliases, DOCKET_ALIAS_COMPANY, s);
}

static bool is_email_part(const char *s)
{
    return strchr(s, '@') && strchr(s, '.') && !strchr(s, ' ');
}

/* Split `text` at commas into trimmed, non-empty parts that are not e-mail
 * addresses. The parts point into `text`, which is modified. */
static size_t split_commas(char *text, char **parts, size_t max)
{
    size_t count = 0;
    char *state = NULL;
    for (char *s = strtok_r(text, ",", &state); s && count < max;
         s = strtok_r(NULL, ",", &state)) {
        while (*s == ' ')
            s++;
        size_t len = strlen(s);
        while (len && s[len - 1] == ' ')
            s[--len] = '\0';
        if (len && !is_email_part(s))
            parts[count++] = s;
    }
    return count;
}

/* Join parts[first..count) with ", " into `out`. */
static void join_parts(char **parts, size_t first, size_t count, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = first; i < count; i++) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", i > first ? ", " : "", parts[i]);
    }
}

/* Read "Name, Company", "Name (Company)", "Name,  (Company )", "Given,
 * Family, Company", "Name, Company, e-mail" or a company alone. */
static void split_person(const m2m_parser *p, char *text, char *name, char *company,
                         size_t size)
{
    char *bracket = strchr(text, '(');
    name[0] = company[0] = '\0';
    if (bracket) {
        *bracket = '\0';
        snprintf(name, size, "%s", text);
        snprintf(company, size, "%s", bracket + 1);
        return;
    }

    char *parts[8];
    size_t count = split_commas(text, parts, 8);
    if (count == 1 && looks_like_company(p, parts[0]))
        snprintf(company, size, "%s", parts[0]);
    else if (count == 1)
        snprintf(name, size, "%s", parts[0]);
    else if (count >= 3 && is_single_word(parts[0]) && is_single_word(parts[1])) {
        snprintf(name, size, "%s %s", parts[0], parts[1]);
        join_parts(parts, 2, count, company, size);
    } else if (count >= 2) {
        snprintf(name, size, "%s", parts[0]);
        join_parts(parts, 1, count, company, size);
    }
}

void m2m_parse_person(m2m_parser *p, const char *text, m2m_person *out)
{
    /* The name and the company are never longer than the text. */
    size_t size = strlen(text) + 1;
    char *copy = m2m_strndup(p, text, size - 1);
    char *name = malloc(size), *company = malloc(size);
    if (copy && name && company) {
        split_person(p, copy, name, company, size);
        m2m_fail(p, docket_person_normalise(p->aliases, name, &out->name));
        m2m_fail(p, docket_company_normalise(p->aliases, company, &out->company));
    } else {
        m2m_fail(p, DOCKET_ERR_NO_MEMORY);
    }
    free(copy);
    free(name);
    free(company);
}

/* ---- Records of contributions ---- */

static bool is_contribution(const json_t *record, const char *base)
{
    const char *doc = docket_record_get(record, "doc");
    return doc && strcmp(doc, base) == 0 &&
           strcmp(docket_record_get(record, "type"), DOCKET_TYPE_CONTRIBUTION) == 0;
}

/* Return the record of `number`'s base, creating it under the current
 * agenda item when the meeting has none yet. */
json_t *m2m_contribution(m2m_parser *p, const docket_docnum *number, unsigned line)
{
    size_t index;
    json_t *record;
    json_array_foreach(p->records, index, record) {
        if (is_contribution(record, number->base))
            return record;
    }

    record = m2m_new_record(p, DOCKET_TYPE_CONTRIBUTION, line);
    if (!record)
        return NULL;
    m2m_set(p, record, "doc", number->base);
    const m2m_heading *heading = m2m_current_heading(p);
    if (heading) {
        m2m_set(p, record, "agenda_item", heading->number);
        m2m_set(p, record, "agenda_title", heading->title);
    }
    m2m_add_heading_specs(p, record);
    return record;
}

static bool is_contribution_record(const json_t *record)
{
    return strcmp(docket_record_get(record, "type"), DOCKET_TYPE_CONTRIBUTION) == 0;
}

/* Keep a repaired number's typed form: searchable in "aliases", and the
 * repair itself in "repairs". */
static void add_repair(m2m_parser *p, json_t *record, const docket_docnum *num)
{
    if (!is_contribution_record(record))
        return;
    if (num->ambiguous) {
        m2m_add(p, record, "aliases", num->typed);
        return;
    }
    if (strcmp(num->typed, num->number) == 0 || p->status != DOCKET_OK)
        return;
    m2m_add(p, record, "aliases", num->typed);

    json_t *repairs = json_object_get(record, "repairs");
    size_t index;
    json_t *item;
    json_array_foreach(repairs, index, item) {
        if (strcmp(docket_record_get(item, "typed"), num->typed) == 0)
            return;
    }
    if (!repairs) {
        repairs = json_array();
        if (!repairs || json_object_set_new(record, "repairs", repairs) != 0) {
            m2m_fail(p, DOCKET_ERR_NO_MEMORY);
            return;
        }
    }
    json_t *repair = json_pack("{s:s, s:s}", "typed", num->typed, "doc", num->number);
    if (!repair || json_array_append_new(repairs, repair) != 0)
        m2m_fail(p, DOCKET_ERR_NO_MEMORY);
}

/* Note that `record` mentions `num`: a revision of its own, or another
 * contribution. */
static void add_mention(m2m_parser *p, json_t *record, const docket_docnum *num)
{
    const char *doc = docket_record_get(record, "doc");
    add_repair(p, record, num);
    if (num->ambiguous)
        return;
    if (doc && strcmp(doc, num->base) == 0) {
        if (num->revision >= 0)
            m2m_add(p, record, "revisions", num->number);
        return;
    }
    m2m_add(p, record, "related", num->base);
}

typedef struct spec_target {
    m2m_parser *p;
    json_t *const *records;
    size_t count;
} spec_target;

static docket_status add_spec(const char *spec, void *data)
{
    const spec_target *target = data;
    for (size_t i = 0; i < target->count; i++)
        m2m_add(target->p, target->records[i], "specs", spec);
    return target->p->status;
}

/* Find a revision named alone, "R07" or "Rev 7". Return its start or NULL. */
static const char *find_bare_revision(const char *text, int *revision, size_t *length)
{
    for (const char *s = text; *s; s++) {
        if ((s > text && ascii_alnum((unsigned char)s[-1])) || *s != 'R')
            continue;
        size_t at = starts_with_nocase(s, "Rev") ? 3 : 1;
        if (at == 3 && (s[at] == ' ' || s[at] == '.'))
            at++;
        size_t n = 0;
        while (n < 3 && ascii_digit((unsigned char)s[at + n]))
            n++;
        if ((at == 1 && n != 2) || n == 0 || n > 2 || ascii_alnum((unsigned char)s[at + n]))
            continue;
        *revision = atoi(s + at);
        *length = at + n;
        return s;
    }
    return NULL;
}

static void scan_bare_revisions(m2m_parser *p, json_t *record, const char *text)
{
    const char *doc = docket_record_get(record, "doc");
    int revision;
    size_t length;
    if (!doc)
        return;
    for (const char *at = text; (at = find_bare_revision(at, &revision, &length)) != NULL;
         at += length) {
        char number[DOCKET_DOCNUM_SIZE + 8];
        snprintf(number, sizeof number, "%sR%02d", doc, revision);
        m2m_add(p, record, "revisions", number);
    }
}

void m2m_scan_mentions(m2m_parser *p, json_t *const *records, size_t count, const char *text)
{
    docket_docnum num;
    for (const char *at = text; (at = docket_docnum_find(at, &p->context, &num)) != NULL;
         at += num.length) {
        for (size_t i = 0; i < count; i++)
            add_mention(p, records[i], &num);
    }

    spec_target target = {p, records, count};
    if (p->status == DOCKET_OK)
        m2m_fail(p, docket_specs_scan(p->aliases, text, add_spec, &target));
    if (count > 0 && is_contribution_record(records[0]))
        scan_bare_revisions(p, records[0], text);
}

/* ---- Blocks ---- */

void m2m_close_block(m2m_parser *p)
{
    memset(&p->block, 0, sizeof p->block);
    p->context.block_base = NULL;
}

static bool in_block(const m2m_parser *p, const json_t *record, size_t *index)
{
    for (size_t i = 0; i < p->block.count; i++) {
        if (p->block.records[i] == record) {
            if (index)
                *index = i;
            return true;
        }
    }
    return false;
}

/* Skip "Document ", "Contribution " or "Tdoc " before a number. */
static const char *skip_document_word(const char *s)
{
    static const char *const words[] = {"Document ", "Contribution ", "Tdoc "};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (starts_with_nocase(s, words[i])) {
            s += strlen(words[i]);
            while (*s == ' ')
                s++;
            return s;
        }
    }
    return s;
}

/* Read the numbers a line starts with, joined by commas, "and", "&" or
 * "/". Return the position after the last number read. */
static const char *read_numbers(const char *s, docket_docnum *out, size_t *count,
                                const docket_docnum_context *context)
{
    *count = 0;
    const char *after = s;
    for (;;) {
        while (*s == ' ')
            s++;
        docket_docnum num;
        if (docket_docnum_find(s, context, &num) != s || *count == M2M_MAX_NUMBERS)
            return after;
        out[(*count)++] = num;
        s += num.length;
        after = s;

        while (*s == ' ')
            s++;
        if (*s == ',' || *s == '&' || *s == '/')
            s++;
        else if (starts_with_nocase(s, "and ") || starts_with_nocase(s, "and\t"))
            s += 3;
        else
            return after;
    }
}

bool m2m_match_contribution_heading(m2m_parser *p, const m2m_line *line)
{
    docket_docnum_context context = {p->context.year, NULL};
    const char *s = skip_document_word(line->content);

    s = read_numbers(s, p->heading_numbers, &p->heading_count, &context);
    if (p->heading_count == 0)
        return false;
    while (ascii_space((unsigned char)*s))
        s++;
    if (*s == '\0') {
        p->heading_title = s;
        return true;
    }

    size_t separator = *s == ':' ? 1 : hyphen_length(s);
    if (!separator)
        return false;
    s += separator;
    while (ascii_space((unsigned char)*s))
        s++;

    /* "Document SEC-2014-0219- Document SEC-2014-0058R01- Title": the
     * repeated number belongs to the title; the mention scan relates it. */
    for (;;) {
        docket_docnum num;
        const char *next = skip_document_word(s);
        if (docket_docnum_find(next, &context, &num) != next)
            break;
        next += num.length;
        while (*next == ' ')
            next++;
        separator = *next == ':' ? 1 : hyphen_length(next);
        s = next + separator;
        while (ascii_space((unsigned char)*s))
            s++;
    }
    p->heading_title = s;
    return true;
}

void m2m_handle_contribution_heading(m2m_parser *p, const m2m_line *line)
{
    m2m_close_block(p);
    for (size_t i = 0; i < p->heading_count && p->status == DOCKET_OK; i++) {
        const docket_docnum *num = &p->heading_numbers[i];
        json_t *record = m2m_contribution(p, num, line->number);
        if (!record || in_block(p, record, NULL))
            continue;
        p->block.records[p->block.count] = record;
        p->block.numbers[p->block.count] = *num;
        p->block.count++;
        if (!docket_record_get(record, "title"))
            m2m_set(p, record, "title", p->heading_title);
    }
    p->block.shared_title = p->block.count > 1;
    if (p->block.count == 0)
        return;

    p->context.block_base = docket_record_get(p->block.records[0], "doc");
    m2m_scan_mentions(p, p->block.records, p->block.count, line->content);
}

void m2m_handle_text(m2m_parser *p, const m2m_line *line)
{
    if (p->block.count && p->block.decided && !line->bulleted)
        m2m_close_block(p);
    if (!p->block.count) {
        m2m_meeting_text(p, line->content);
        return;
    }
    for (size_t i = 0; i < p->block.count; i++)
        m2m_append_text(p, p->block.records[i], line->content);
    m2m_scan_mentions(p, p->block.records, p->block.count, line->content);
}

/* ---- Presenters and labels ---- */

static const char *presenter_text(const char *content)
{
    static const char *const openers[] = {"Presented by:", "Presented by ", "Presenters:",
                                          "Presenter:", "Presenter "};
    for (size_t i = 0; i < sizeof openers / sizeof openers[0]; i++) {
        if (starts_with_nocase(content, openers[i]))
            return content + strlen(openers[i]);
    }
    return NULL;
}

bool m2m_match_presenter(m2m_parser *p, const m2m_line *line)
{
    return p->block.count && presenter_text(line->content);
}

static void add_presenter(m2m_parser *p, const char *text)
{
    m2m_person person = {NULL, NULL};
    m2m_parse_person(p, text, &person);
    for (size_t i = 0; i < p->block.count && p->status == DOCKET_OK; i++)
        m2m_fail(p, docket_record_add_contributor(p->block.records[i], person.name,
                                                  person.company));
    m2m_person_clear(&person);
}

/* Several presenters are separated by ';', or by " and " after a bracket:
 * "A (X) and B (Y)". */
void m2m_handle_presenter(m2m_parser *p, const m2m_line *line)
{
    const char *text = presenter_text(line->content);
    char *copy = m2m_strndup(p, text, strlen(text));
    if (!copy)
        return;
    char *start = copy;
    for (char *s = copy; *s; s++) {
        bool after_bracket = s > copy && s[-1] == ')' && strncmp(s, " and ", 5) == 0;
        if (*s != ';' && !after_bracket)
            continue;
        *s = '\0';
        add_presenter(p, start);
        start = s + (after_bracket ? 5 : 1);
        s = start - 1;
    }
    add_presenter(p, start);
    free(copy);
}

static const char *const block_labels[] = {
    "Comments and Issues", "Comments", "Discussion", "Decisions and Actions",
    "Decisions/Actions",   "Decisions", "Decision", "Actions", "Conclusion",
};

bool m2m_match_label(m2m_parser *p, const m2m_line *line)
{
    size_t len = strlen(line->content);
    while (len && (line->content[len - 1] == ':' || line->content[len - 1] == ' '))
        len--;
    for (size_t i = 0; i < sizeof block_labels / sizeof block_labels[0]; i++) {
        if (strlen(block_labels[i]) == len && starts_with_nocase(line->content, block_labels[i]))
            return true;
    }
    return false;
}

void m2m_handle_label(m2m_parser *p, const m2m_line *line)
{
    if (starts_with_nocase(line->content, "Decision"))
        p->block.decided = true;
}

/* ---- Decisions ---- */

/* Copy [start, end) into `out` without leading and trailing spaces and
 * separators, cutting at a character boundary when it does not fit. */
static void copy_title(const char *start, const char *end, char *out, size_t size)
{
    while (start < end && strchr(" ,;:-\t", *start))
        start++;
    while (end > start && strchr(" ,;:-\t.", end[-1]))
        end--;
    size_t len = (size_t)(end - start);
    if (len >= size) {
        len = size - 1;
        while (len && ((unsigned char)start[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(out, start, len);
    out[len] = '\0';
}

/* Read what follows a decision: "to SEC-2014-0059R03", "a revision is
 * expected". */
static void read_decision_tail(const char *tail, m2m_decision *out,
                               const docket_docnum_context *context)
{
    const char *s = tail;
    while (*s == ' ')
        s++;
    static const char *const links[] = {"to ", "into ", "as ", "in ", "by "};
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        if (!starts_with_nocase(s, links[i]))
            continue;
        const char *number = s + strlen(links[i]);
        while (*number == ' ')
            number++;
        if (docket_docnum_find(number, context, &out->target) == number)
            out->has_target = true;
        break;
    }

    for (const char *r = tail; *r; r++) {
        if (!starts_with_nocase(r, "revision"))
            continue;
        for (const char *e = r; *e; e++) {
            if (starts_with_nocase(e, "expect"))
                out->revision_expected = true;
        }
    }
}

const char *m2m_parse_decision_phrase(const char *text, m2m_decision *out,
                                      const docket_docnum_context *context)
{
    size_t length;
    const char *decision = docket_decision_word(text, &length);
    if (!decision)
        return NULL;
    out->decision = decision;
    read_decision_tail(text + length, out, context);
    return text + length;
}

/* Return true when nothing but "to NUMBER", a full stop or spaces follows. */
static bool ends_cleanly(const char *s, const m2m_decision *decision)
{
    while (*s == ' ')
        s++;
    if (decision->has_target) {
        const char *target = strstr(s, decision->target.typed);
        if (target)
            s = target + decision->target.length;
    }
    while (*s == ' ' || *s == '.')
        s++;
    return *s == '\0';
}

/* "X, Title, was NOTED", "X were AGREED", "X is APPROVED". */
static bool find_verb_decision(const char *rest, m2m_decision *out,
                               const docket_docnum_context *context)
{
    static const char *const verbs[] = {"was ", "were ", "is ", "are ", "has been ", "have been "};
    for (const char *s = rest; *s; s++) {
        if (s > rest && ascii_alnum((unsigned char)s[-1]))
            continue;
        for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
            if (!starts_with_nocase(s, verbs[i]))
                continue;
            if (m2m_parse_decision_phrase(s + strlen(verbs[i]), out, context)) {
                copy_title(rest, s, out->title, sizeof out->title);
                return true;
            }
        }
    }
    return false;
}

/* "X: AGREED", "X - WITHDRAWN", "X WITHDRAWN", "X - Title: AGREED". */
static bool find_separated_decision(const char *rest, m2m_decision *out,
                                    const docket_docnum_context *context)
{
    for (const char *s = rest; *s; s++) {
        size_t separator = *s == ':' ? 1 : hyphen_length(s);
        if (!separator && s != rest)
            continue;
        const char *after = s + separator;
        while (*after == ' ')
            after++;
        if (s == rest && after == rest)
            continue;
        m2m_decision candidate = *out;
        const char *end = m2m_parse_decision_phrase(after, &candidate, context);
        if (end && ends_cleanly(end, &candidate)) {
            *out = candidate;
            copy_title(rest, s, out->title, sizeof out->title);
            return true;
        }
    }
    return false;
}

static const char *skip_decision_prefix(const char *s, bool *prefixed)
{
    static const char *const prefixes[] = {"Decisions:", "Decision:", "Outcome:", "Conclusion:"};
    *prefixed = false;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        if (starts_with_nocase(s, prefixes[i])) {
            s += strlen(prefixes[i]);
            while (*s == ' ')
                s++;
            *prefixed = true;
            return s;
        }
    }
    return s;
}

bool m2m_match_decision(m2m_parser *p, const m2m_line *line)
{
    m2m_decision *d = &p->decision;
    bool prefixed;
    memset(d, 0, sizeof *d);

    const char *s = skip_decision_prefix(line->content, &prefixed);
    s = read_numbers(skip_document_word(s), d->subjects, &d->subject_count, &p->context);
    if (d->subject_count == 0) {
        if (!prefixed || !p->block.count)
            return false;
        d->subjects_from_block = true;
        return m2m_parse_decision_phrase(s, d, &p->context) != NULL;
    }
    if (find_verb_decision(s, d, &p->context) || find_separated_decision(s, d, &p->context))
        return true;
    return prefixed && m2m_parse_decision_phrase(s, d, &p->context);
}

void m2m_apply_decision(m2m_parser *p, json_t *record, const docket_docnum *doc,
                        const m2m_decision *decision)
{
    const char *typed = strcmp(doc->typed, doc->number) != 0 ? doc->typed : NULL;
    if (p->status != DOCKET_OK)
        return;
    m2m_fail(p, docket_record_add_decision(record, doc->number, decision->decision, typed));
    add_mention(p, record, doc);

    json_t *entry = NULL, *item;
    size_t index;
    json_array_foreach(json_object_get(record, "decisions"), index, item) {
        if (strcmp(docket_record_get(item, "doc"), doc->number) == 0)
            entry = item;
    }
    if (!entry || p->status != DOCKET_OK)
        return;
    json_object_del(entry, "revision_expected");
    json_object_del(entry, "revised_to");
    json_object_del(entry, "merged_into");
    if (decision->revision_expected &&
        json_object_set_new(entry, "revision_expected", json_true()) != 0)
        m2m_fail(p, DOCKET_ERR_NO_MEMORY);
    if (!decision->has_target)
        return;

    /* "REVISED to X" and "MERGED into X" name where the text went. */
    add_mention(p, record, &decision->target);
    if (decision->target.ambiguous)
        return;
    if (strcmp(decision->decision, "revised") == 0)
        m2m_set(p, entry, "revised_to", decision->target.number);
    else if (strcmp(decision->decision, "merged") == 0)
        m2m_set(p, entry, "merged_into", decision->target.number);
}

/* Give `record` the title of the decision sentence when it has none, or
 * when it shares its heading's title with other numbers. */
static void take_decision_title(m2m_parser *p, json_t *record, const m2m_decision *d)
{
    size_t index;
    if (!d->title[0])
        return;
    if (!docket_record_get(record, "title")) {
        m2m_set(p, record, "title", d->title);
        return;
    }
    if (p->block.shared_title && in_block(p, record, &index) &&
        !p->block.title_from_decision[index]) {
        m2m_set(p, record, "title", d->title);
        p->block.title_from_decision[index] = true;
    }
}

/* Apply the decision to the record of one subject number. */
static void decide_subject(m2m_parser *p, const m2m_line *line, const docket_docnum *subject)
{
    json_t *record = NULL;
    for (size_t i = 0; i < p->block.count; i++) {
        if (strcmp(docket_record_get(p->block.records[i], "doc"), subject->base) == 0)
            record = p->block.records[i];
    }
    if (!record)
        record = m2m_contribution(p, subject, line->number);
    if (!record)
        return;

    m2m_apply_decision(p, record, subject, &p->decision);
    take_decision_title(p, record, &p->decision);
    if (in_block(p, record, NULL))
        return;

    /* A decision on a contribution outside the block: the sentence is
     * part of both records, which are related. */
    m2m_append_text(p, record, line->content);
    m2m_scan_mentions(p, &record, 1, line->content);
    if (p->block.count)
        m2m_add(p, record, "related", docket_record_get(p->block.records[0], "doc"));
}

void m2m_handle_decision(m2m_parser *p, const m2m_line *line)
{
    m2m_decision *d = &p->decision;
    const docket_docnum *subjects = d->subjects_from_block ? p->block.numbers : d->subjects;
    size_t count = d->subjects_from_block ? p->block.count : d->subject_count;

    for (size_t i = 0; i < count && p->status == DOCKET_OK; i++) {
        if (!subjects[i].ambiguous)
            decide_subject(p, line, &subjects[i]);
    }
    if (!p->block.count)
        return;

    for (size_t i = 0; i < p->block.count; i++)
        m2m_append_text(p, p->block.records[i], line->content);
    m2m_scan_mentions(p, p->block.records, p->block.count, line->content);
    if (!line->bulleted)
        p->block.decided = true;
}

/* ---- Finishing a contribution ---- */

static int revision_of(const char *number)
{
    docket_docnum num;
    return docket_docnum_parse(number, NULL, &num) == DOCKET_OK ? num.revision : -1;
}

static int item_revision(const json_t *item)
{
    const char *number = json_is_string(item) ? json_string_value(item)
                                              : docket_record_get(item, "doc");
    return number ? revision_of(number) : -1;
}

static int compare_items(const void *a, const void *b)
{
    int x = item_revision(*(json_t *const *)a), y = item_revision(*(json_t *const *)b);
    return (x > y) - (x < y);
}

/* Sort an array of numbers or of decisions by revision, in place. */
static void sort_by_revision(m2m_parser *p, json_t *array)
{
    size_t count = json_array_size(array);
    if (count < 2 || p->status != DOCKET_OK)
        return;
    json_t **items = malloc(count * sizeof *items);
    if (!items) {
        m2m_fail(p, DOCKET_ERR_NO_MEMORY);
        return;
    }
    for (size_t i = 0; i < count; i++)
        items[i] = json_incref(json_array_get(array, i));
    qsort(items, count, sizeof *items, compare_items);
    json_array_clear(array);
    for (size_t i = 0; i < count; i++) {
        if (json_array_append_new(array, items[i]) != 0)
            m2m_fail(p, DOCKET_ERR_NO_MEMORY);
    }
    free(items);
}

void m2m_finish_contribution(m2m_parser *p, json_t *record)
{
    json_t *decisions = json_object_get(record, "decisions");
    sort_by_revision(p, json_object_get(record, "revisions"));
    sort_by_revision(p, decisions);

    size_t count = json_array_size(decisions);
    if (count > 0)
        m2m_set(p, record, "status",
                docket_record_get(json_array_get(decisions, count - 1), "decision"));
    if (!docket_record_get(record, "title"))
        m2m_set(p, record, "title", docket_record_get(record, "doc"));
}
