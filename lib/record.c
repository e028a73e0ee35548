/* record.c: building records, the JSON objects docket indexes. */
#include "docket/record.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* A JSON string of `path`; bytes of a file name that are not UTF-8 become
 * U+FFFD, because JSON strings must be valid UTF-8. */
static json_t *path_string(const char *path)
{
    json_t *string = json_string(path);
    if (string)
        return string;
    char *clean = NULL;
    size_t len = 0;
    if (docket_utf8_sanitize(path, strlen(path), &clean, &len) != DOCKET_OK)
        return NULL;
    string = json_stringn(clean, len);
    free(clean);
    return string;
}

json_t *docket_record_new(const char *type, const char *path, unsigned line)
{
    json_t *record = json_object();
    json_t *source = json_object();

    if (!record || !source)
        goto fail;
    if (json_object_set_new(record, "type", json_string(type)) != 0)
        goto fail;
    if (path && json_object_set_new(source, "path", path_string(path)) != 0)
        goto fail;
    if (json_object_set_new(source, "line", json_integer(line)) != 0)
        goto fail;
    if (json_object_set_new(record, "source", source) != 0) {
        source = NULL;
        goto fail;
    }
    return record;

fail:
    json_decref(source);
    json_decref(record);
    return NULL;
}

docket_status docket_record_set(json_t *record, const char *key, const char *value)
{
    if (!value || !*value) {
        json_object_del(record, key);
        return DOCKET_OK;
    }
    json_t *string = json_string(value);
    if (!string)
        return DOCKET_ERR_INVALID_INPUT; /* NULL also means invalid UTF-8 */
    return json_object_set_new(record, key, string) == 0 ? DOCKET_OK : DOCKET_ERR_NO_MEMORY;
}

const char *docket_record_get(const json_t *record, const char *key)
{
    return json_string_value(json_object_get(record, key));
}

/* Return the array field `key`, creating it when absent; NULL on failure. */
static json_t *array_field(json_t *record, const char *key)
{
    json_t *array = json_object_get(record, key);
    if (json_is_array(array))
        return array;
    array = json_array();
    if (!array || json_object_set_new(record, key, array) != 0)
        return NULL;
    return array;
}

docket_status docket_record_add(json_t *record, const char *key, const char *value)
{
    if (!value || !*value)
        return DOCKET_OK;

    json_t *array = array_field(record, key);
    if (!array)
        return DOCKET_ERR_NO_MEMORY;

    size_t index;
    json_t *item;
    json_array_foreach(array, index, item) {
        if (json_is_string(item) && strcmp(json_string_value(item), value) == 0)
            return DOCKET_OK;
    }
    json_t *string = json_string(value);
    if (!string)
        return DOCKET_ERR_INVALID_INPUT;
    return json_array_append_new(array, string) == 0 ? DOCKET_OK : DOCKET_ERR_NO_MEMORY;
}

docket_status docket_record_append_text(json_t *record, const char *text)
{
    if (!text || !*text)
        return DOCKET_OK;

    const char *old = docket_record_get(record, "text");
    if (!old || !*old)
        return docket_record_set(record, "text", text);

    size_t old_len = strlen(old);
    size_t add_len = strlen(text);
    char *buffer = malloc(old_len + add_len + 2);
    if (!buffer)
        return DOCKET_ERR_NO_MEMORY;
    memcpy(buffer, old, old_len);
    buffer[old_len] = '\n';
    memcpy(buffer + old_len + 1, text, add_len + 1);
    docket_status status = docket_record_set(record, "text", buffer);
    free(buffer);
    return status;
}

static int equal_or_both_null(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

docket_status docket_record_add_contributor(json_t *record, const char *name,
                                            const char *company)
{
    if ((!name || !*name) && (!company || !*company))
        return DOCKET_OK;
    if (name && !*name)
        name = NULL;
    if (company && !*company)
        company = NULL;

    json_t *array = array_field(record, "contributors");
    if (!array)
        return DOCKET_ERR_NO_MEMORY;

    size_t index;
    json_t *item;
    json_array_foreach(array, index, item) {
        if (equal_or_both_null(docket_record_get(item, "name"), name) &&
            equal_or_both_null(docket_record_get(item, "company"), company))
            return DOCKET_OK;
    }

    json_t *person = json_object();
    if (!person)
        return DOCKET_ERR_NO_MEMORY;
    docket_status status = docket_record_set(person, "name", name);
    if (status == DOCKET_OK)
        status = docket_record_set(person, "company", company);
    if (status == DOCKET_OK && json_array_append_new(array, person) != 0)
        return DOCKET_ERR_NO_MEMORY;
    if (status != DOCKET_OK)
        json_decref(person);
    return status;
}

docket_status docket_record_add_decision(json_t *record, const char *doc,
                                         const char *decision, const char *typed)
{
    json_t *array = array_field(record, "decisions");
    if (!array)
        return DOCKET_ERR_NO_MEMORY;

    json_t *entry = NULL;
    size_t index;
    json_t *item;
    json_array_foreach(array, index, item) {
        if (equal_or_both_null(docket_record_get(item, "doc"), doc)) {
            entry = item;
            break;
        }
    }
    if (!entry) {
        entry = json_object();
        if (!entry || json_array_append_new(array, entry) != 0)
            return DOCKET_ERR_NO_MEMORY;
    }

    docket_status status = docket_record_set(entry, "doc", doc);
    if (status == DOCKET_OK)
        status = docket_record_set(entry, "decision", decision);
    if (status == DOCKET_OK && typed && strcmp(typed, doc) != 0)
        status = docket_record_set(entry, "typed", typed);
    return status;
}
