/* print.c: rendering search results on stdout. */
#include "print.h"

#include <stdlib.h>
#include <string.h>

#define BOLD_ON "\033[1m"
#define BOLD_OFF "\033[0m"

static const char *field(const json_t *object, const char *key)
{
    return json_string_value(json_object_get(object, key));
}

static bool print_json(FILE *out, const json_t *value, size_t flags)
{
    return json_dumpf(value, out, flags) == 0 && fputc('\n', out) != EOF;
}

/* Byte offset of code point `index` in UTF-8 `s`. */
static size_t byte_offset(const char *s, size_t index)
{
    size_t chars = 0;
    size_t i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (chars == index)
                return i;
            chars++;
        }
    }
    return i;
}

static void print_snippet(FILE *out, const json_t *result, bool bold)
{
    const char *snippet = field(result, "snippet");
    if (!snippet || !*snippet)
        return;
    fputs("   ", out);
    size_t at = 0;
    size_t index;
    json_t *range;
    json_array_foreach(json_object_get(result, "highlights"), index, range) {
        size_t start = byte_offset(snippet, (size_t)json_integer_value(json_array_get(range, 0)));
        size_t end = byte_offset(snippet, (size_t)json_integer_value(json_array_get(range, 1)));
        if (start < at || end < start)
            continue;
        fwrite(snippet + at, 1, start - at, out);
        fputs(bold ? BOLD_ON : "", out);
        fwrite(snippet + start, 1, end - start, out);
        fputs(bold ? BOLD_OFF : "", out);
        at = end;
    }
    fprintf(out, "%s\n", snippet + at);
}

/* " · value" for each present field, after the type. */
static void print_meta(FILE *out, const json_t *result)
{
    static const char *const keys[] = {"meeting", "wg", "date", "status"};
    fprintf(out, "   %s", field(result, "type") ? field(result, "type") : "record");
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (field(result, keys[i]))
            fprintf(out, " · %s", field(result, keys[i]));
    }
    json_int_t collapsed = json_integer_value(json_object_get(result, "collapsed"));
    if (collapsed > 0)
        fprintf(out, " · %lld more", (long long)collapsed);
    fprintf(out, " · score %.2f\n", json_real_value(json_object_get(result, "score")));
}

static void print_result(FILE *out, const json_t *result, bool bold)
{
    const char *doc = field(result, "doc") ? field(result, "doc") : field(result, "action");
    fprintf(out, "%lld. %s%s%s%s%s\n", (long long)json_integer_value(json_object_get(result, "rank")),
            bold ? BOLD_ON : "", doc ? doc : "", doc ? "  " : "",
            field(result, "title") ? field(result, "title") : "(untitled)", bold ? BOLD_OFF : "");
    print_meta(out, result);

    const json_t *source = json_object_get(result, "source");
    fprintf(out, "   %s:%lld  (id %s)\n", field(source, "path") ? field(source, "path") : "?",
            (long long)json_integer_value(json_object_get(source, "line")),
            field(result, "id") ? field(result, "id") : "?");
    print_snippet(out, result, bold);
    fputc('\n', out);
}

static void print_facets(FILE *out, const json_t *facets)
{
    const char *name;
    json_t *values;
    json_object_foreach((json_t *)facets, name, values) {
        if (json_array_size(values) == 0)
            continue;
        fprintf(out, "%s:", name);
        size_t index;
        json_t *entry;
        json_array_foreach(values, index, entry)
            fprintf(out, "%s %s (%lld)", index ? "," : "", field(entry, "value"),
                    (long long)json_integer_value(json_object_get(entry, "count")));
        fputc('\n', out);
    }
}

static void print_text(FILE *out, const json_t *result, bool bold)
{
    const json_t *results = json_object_get(result, "results");
    size_t index;
    json_t *item;
    json_array_foreach(results, index, item)
        print_result(out, item, bold);

    json_int_t total = json_integer_value(json_object_get(result, "total"));
    json_int_t offset = json_integer_value(json_object_get(result, "offset"));
    const char *noun = total == 1 ? "result" : "results";
    if (json_array_size(results) > 0)
        fprintf(out, "%lld %s, %lld-%lld shown\n", (long long)total, noun, (long long)offset + 1,
                (long long)offset + (long long)json_array_size(results));
    else
        fprintf(out, "%lld %s\n", (long long)total, noun);
    if (field(result, "suggestion"))
        fprintf(out, "Did you mean: %s\n", field(result, "suggestion"));
    print_facets(out, json_object_get(result, "facets"));
}

/* One value per line for pipes: contribution numbers or source paths,
 * each printed once. */
static void print_list(FILE *out, const json_t *result, print_output output)
{
    json_t *seen = json_object();
    size_t index;
    json_t *item;
    json_array_foreach(json_object_get(result, "results"), index, item) {
        const char *value = output == PRINT_DOCS ? field(item, "doc")
                                                 : field(json_object_get(item, "source"), "path");
        if (!value || json_object_get(seen, value))
            continue;
        json_object_set_new(seen, value, json_true());
        fprintf(out, "%s\n", value);
    }
    json_decref(seen);
}

static bool print_jsonl(FILE *out, const json_t *result)
{
    size_t index;
    json_t *item;
    json_array_foreach(json_object_get(result, "results"), index, item) {
        if (!print_json(out, item, JSON_COMPACT))
            return false;
    }
    json_t *tail = json_pack("{s:O,s:O}", "facets", json_object_get(result, "facets"), "total",
                             json_object_get(result, "total"));
    bool ok = tail && print_json(out, tail, JSON_COMPACT);
    json_decref(tail);
    return ok;
}

bool print_results(FILE *out, const json_t *result, print_format format,
                   print_output output, bool bold)
{
    if (output != PRINT_RECORDS)
        print_list(out, result, output);
    else if (format == PRINT_JSON)
        return print_json(out, result, JSON_INDENT(2)) && !ferror(out);
    else if (format == PRINT_JSONL)
        return print_jsonl(out, result) && !ferror(out);
    else
        print_text(out, result, bold);
    return !ferror(out);
}

bool print_record(FILE *out, const json_t *record, print_format format)
{
    if (format != PRINT_TEXT)
        return print_json(out, record, format == PRINT_JSON ? JSON_INDENT(2) : JSON_COMPACT);
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)record, key, value) {
        if (json_is_string(value)) {
            fprintf(out, "%s: %s\n", key, json_string_value(value));
        } else {
            char *dumped = json_dumps(value, JSON_COMPACT);
            fprintf(out, "%s: %s\n", key, dumped ? dumped : "?");
            free(dumped);
        }
    }
    return !ferror(out);
}
