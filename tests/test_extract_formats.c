/* test_extract_formats.c: Check suite for the HTML, .docx, .doc, ZIP and gzip extractors. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include "check_util.h"
#include "docket/extract.h"
#include "extract_internal.h"
#include "utf8.h"

#define CORPUS_3GPP DOCKET_SHARED_CORPUS "/3gpp-sa2"
#define TDOCS CORPUS_3GPP "/tdocs"
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define MIB ((size_t)1024 * 1024)

/* ---- expected blocks ---- */

typedef struct expected_block {
    docket_block_kind kind;
    int level;
    unsigned line;
    const char *text; /* NULL ends a list */
} expected_block;

#define P(line, text) {DOCKET_BLOCK_PARAGRAPH, 0, line, text}
#define H(level, line, text) {DOCKET_BLOCK_HEADING, level, line, text}
#define ROW(line, text) {DOCKET_BLOCK_ROW, 0, line, text}
#define LI(level, line, text) {DOCKET_BLOCK_LIST_ITEM, level, line, text}
#define BLANK(line) {DOCKET_BLOCK_BLANK, 0, line, ""}
#define END {DOCKET_BLOCK_PARAGRAPH, 0, 0, NULL}

static const char *kind_name(docket_block_kind kind)
{
    switch (kind) {
    case DOCKET_BLOCK_PARAGRAPH: return "paragraph";
    case DOCKET_BLOCK_HEADING: return "heading";
    case DOCKET_BLOCK_ROW: return "row";
    case DOCKET_BLOCK_LIST_ITEM: return "list item";
    case DOCKET_BLOCK_BLANK: return "blank";
    }
    return "unknown kind";
}

static void check_blocks(const char *name, const docket_text *text,
                         const expected_block *expected)
{
    size_t count = 0;
    while (expected[count].text)
        count++;

    for (size_t i = 0; i < count && i < text->count; i++) {
        const docket_block *block = &text->blocks[i];
        ck_assert_msg(strcmp(block->text, expected[i].text) == 0,
                      "%s: block %zu is \"%s\", expected \"%s\"", name, i, block->text,
                      expected[i].text);
        ck_assert_msg(block->kind == expected[i].kind, "%s: block %zu is a %s, expected a %s",
                      name, i, kind_name(block->kind), kind_name(expected[i].kind));
        ck_assert_msg(block->level == expected[i].level, "%s: block %zu has level %d, expected %d",
                      name, i, block->level, expected[i].level);
        ck_assert_msg(block->line == expected[i].line, "%s: block %zu is on line %u, expected %u",
                      name, i, block->line, expected[i].line);
    }
    ck_assert_msg(text->count == count, "%s: %zu blocks, expected %zu", name, text->count,
                  count);
}

/* ---- extraction helpers ---- */

static void assert_ok(docket_status status, const docket_error *err, const char *what)
{
    ck_assert_msg(status == DOCKET_OK, "%s: %s: %s", what, docket_status_text(status),
                  err->message);
}

static docket_text *extract_ok(const char *path, const docket_extract_limits *limits)
{
    docket_text *text = NULL;
    docket_error err = {{0}};
    docket_status status = docket_extract_file(path, limits, &text, &err);
    assert_ok(status, &err, path);
    ck_assert_ptr_nonnull(text);
    return text;
}

static docket_text *extract_buffer_ok(const char *name, const char *format, const char *data,
                                      size_t len)
{
    docket_text *text = NULL;
    docket_error err = {{0}};
    docket_status status = docket_extract_buffer(name, format, data, len, NULL, &text, &err);
    assert_ok(status, &err, name);
    return text;
}

/* Assert that extracting `path` fails with `expected`, no text and a
 * message that starts with "path: " and contains `reason`. */
static void assert_fails(const char *path, const docket_extract_limits *limits,
                         docket_status expected, const char *reason)
{
    docket_text *text = NULL;
    docket_error err = {{0}};
    docket_status status = docket_extract_file(path, limits, &text, &err);
    size_t len = strlen(path);

    ck_assert_msg(status == expected, "%s: status %s, expected %s (%s)", path,
                  docket_status_text(status), docket_status_text(expected), err.message);
    ck_assert_ptr_null(text);
    ck_assert_msg(strncmp(err.message, path, len) == 0 && strncmp(err.message + len, ": ", 2) == 0,
                  "message \"%s\" does not start with \"%s: \"", err.message, path);
    ck_assert_msg(strstr(err.message, reason) != NULL, "message \"%s\" lacks \"%s\"",
                  err.message, reason);
}

static size_t chain_length(const docket_text *chain)
{
    size_t n = 0;
    for (; chain; chain = chain->next)
        n++;
    return n;
}

/* Return the text of the chain named "`archive`!`member`", or NULL. */
static const docket_text *chain_find(const docket_text *chain, const char *archive,
                                     const char *member)
{
    size_t len = strlen(archive);
    for (; chain; chain = chain->next) {
        if (strncmp(chain->path, archive, len) == 0 && chain->path[len] == '!' &&
            strcmp(chain->path + len + 1, member) == 0)
            return chain;
    }
    return NULL;
}

static const docket_text *chain_find_ok(const docket_text *chain, const char *archive,
                                        const char *member)
{
    const docket_text *text = chain_find(chain, archive, member);
    ck_assert_msg(text != NULL, "%s!%s is not in the chain", archive, member);
    ck_assert_msg(text->status == DOCKET_OK, "%s: %s", text->path,
                  text->error ? text->error : "no message");
    ck_assert_ptr_null(text->error);
    return text;
}

/* Assert that member `member` failed with `expected` and a message that
 * names it and contains `reason`. */
static void assert_member_fails(const docket_text *chain, const char *archive,
                                const char *member, docket_status expected, const char *reason)
{
    const docket_text *text = chain_find(chain, archive, member);
    ck_assert_msg(text != NULL, "%s!%s is not in the chain", archive, member);
    ck_assert_msg(text->status == expected, "%s: status %s, expected %s", text->path,
                  docket_status_text(text->status), docket_status_text(expected));
    ck_assert_uint_eq(text->count, 0);
    ck_assert_ptr_nonnull(text->error);
    ck_assert_msg(strncmp(text->error, text->path, strlen(text->path)) == 0,
                  "message \"%s\" does not start with \"%s\"", text->error, text->path);
    ck_assert_msg(strstr(text->error, reason) != NULL, "message \"%s\" lacks \"%s\"",
                  text->error, reason);
}

static const docket_block *block_containing(const docket_text *text, const char *needle)
{
    for (size_t i = 0; i < text->count; i++) {
        if (strstr(text->blocks[i].text, needle))
            return &text->blocks[i];
    }
    return NULL;
}

static size_t count_kind(const docket_text *text, docket_block_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < text->count; i++)
        n += text->blocks[i].kind == kind;
    return n;
}

/* ---- files written by the tests ---- */

static char *temp_dir;

static void make_temp_dir(void)
{
    temp_dir = test_make_temp_dir();
}

static void remove_temp_dir(void)
{
    test_remove_tree(temp_dir);
    free(temp_dir);
    temp_dir = NULL;
}

static char *temp_path(const char *name)
{
    size_t size = strlen(temp_dir) + strlen(name) + 2;
    char *path = malloc(size);
    ck_assert_ptr_nonnull(path);
    snprintf(path, size, "%s/%s", temp_dir, name);
    return path;
}

/* One member of a ZIP archive written by a test; a name ending in '/' is
 * a folder. */
typedef struct member {
    const char *name;
    const char *data;
    size_t len;
    bool stored; /* without compression */
} member;

#define MEMBER(name, literal) {name, literal, sizeof(literal) - 1, false}
#define MEMBER_END {NULL, NULL, 0, false}

static char *write_zip(const char *name, const member *members)
{
    char *path = temp_path(name);
    int error = 0;
    zip_t *archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);

    ck_assert_msg(archive != NULL, "cannot create %s: libzip error %d", path, error);
    for (const member *m = members; m->name; m++) {
        size_t name_len = strlen(m->name);
        if (m->name[name_len - 1] == '/') {
            ck_assert_int_ge(zip_dir_add(archive, m->name, ZIP_FL_ENC_UTF_8), 0);
            continue;
        }
        zip_source_t *source = zip_source_buffer(archive, m->data, m->len, 0);
        ck_assert_ptr_nonnull(source);
        zip_int64_t index = zip_file_add(archive, m->name, source, ZIP_FL_ENC_UTF_8);
        ck_assert_msg(index >= 0, "cannot add %s: %s", m->name, zip_strerror(archive));
        if (m->stored)
            ck_assert_int_eq(zip_set_file_compression(archive, (zip_uint64_t)index,
                                                      ZIP_CM_STORE, 0),
                             0);
    }
    ck_assert_msg(zip_close(archive) == 0, "cannot write %s", path);
    return path;
}

/* Write a ZIP archive and return its bytes. */
static char *zip_bytes(const char *name, const member *members, size_t *len)
{
    char *path = write_zip(name, members);
    char *data = test_read_file(path, len);
    ck_assert_ptr_nonnull(data);
    ck_assert_int_eq(unlink(path), 0);
    free(path);
    return data;
}

static char *concat(const char *a, const char *b, const char *c)
{
    size_t size = strlen(a) + strlen(b) + strlen(c) + 1;
    char *s = malloc(size);
    ck_assert_ptr_nonnull(s);
    snprintf(s, size, "%s%s%s", a, b, c);
    return s;
}

#define DOCUMENT_HEAD                                                                \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"                \
    "<w:document xmlns:w=\"" W_NS "\" xmlns:mc=\"" MC_NS "\"><w:body>"
#define DOCUMENT_TAIL "</w:body></w:document>"

/* The bytes of a .docx whose word/document.xml is `document`, with
 * optional styles and footnotes parts. */
static char *docx_from_parts(const char *document, const char *styles, const char *footnotes,
                             size_t *len)
{
    member members[5] = {
        MEMBER("[Content_Types].xml",
               "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
               "package/2006/content-types\"/>"),
        {"word/document.xml", document, strlen(document), false},
    };
    size_t n = 2;
    if (styles)
        members[n++] = (member){"word/styles.xml", styles, strlen(styles), false};
    if (footnotes)
        members[n++] = (member){"word/footnotes.xml", footnotes, strlen(footnotes), false};
    members[n] = (member)MEMBER_END;
    return zip_bytes("parts.zip", members, len);
}

/* The bytes of a .docx whose body is `body`. */
static char *docx_with_body(const char *body, size_t *len)
{
    char *document = concat(DOCUMENT_HEAD, body, DOCUMENT_TAIL);
    char *docx = docx_from_parts(document, NULL, NULL, len);
    free(document);
    return docx;
}

static char *write_docx(const char *name, const char *document, size_t document_len)
{
    member members[] = {
        {"word/document.xml", document, document_len, false},
        MEMBER_END,
    };
    return write_zip(name, members);
}

/* Compress `len` bytes into a new gzip stream. */
static char *gzip_bytes(const char *data, size_t len, size_t *out_len)
{
    z_stream stream = {0};
    ck_assert_int_eq(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                                  Z_DEFAULT_STRATEGY),
                     Z_OK);
    size_t bound = deflateBound(&stream, len);
    char *out = malloc(bound);
    ck_assert_ptr_nonnull(out);
    stream.next_in = (unsigned char *)data;
    stream.avail_in = (uInt)len;
    stream.next_out = (unsigned char *)out;
    stream.avail_out = (uInt)bound;
    ck_assert_int_eq(deflate(&stream, Z_FINISH), Z_STREAM_END);
    *out_len = stream.total_out;
    deflateEnd(&stream);
    return out;
}

static char *write_gzip(const char *name, const char *data, size_t len)
{
    size_t packed_len = 0;
    char *packed = gzip_bytes(data, len, &packed_len);
    char *path = test_write_file(temp_dir, name, packed, packed_len);
    free(packed);
    return path;
}

/* Return `len` bytes of lines of 'x', which compress well. */
static char *repeated_lines(size_t len)
{
    char *data = malloc(len + 1);
    ck_assert_ptr_nonnull(data);
    for (size_t i = 0; i < len; i++)
        data[i] = i % 80 == 79 ? '\n' : 'x';
    data[len] = '\0';
    return data;
}

/* Return `len` bytes of "line N" lines. */
static char *text_lines(size_t len)
{
    char *data = malloc(len + 1);
    ck_assert_ptr_nonnull(data);
    size_t w = 0;
    for (unsigned line = 1; w < len; line++)
        w += (size_t)snprintf(data + w, len + 1 - w, "line %u\n", line);
    data[len] = '\0';
    return data;
}

static bool corpus_present(const char *test)
{
    struct stat st;
    if (stat(CORPUS_3GPP, &st) == 0 && S_ISDIR(st.st_mode))
        return true;
    fprintf(stderr, "%s skipped: %s is missing\n", test, CORPUS_3GPP);
    return false;
}

/* ---- format names and limits ---- */

static const struct {
    const char *path;
    const char *format; /* NULL: not read */
} format_cases[] = {
    {"128.htm", "html"},
    {"Index.HTML", "html"},
    {"S2-1812226.docx", "docx"},
    {"S2-1812368 - 23.401 Rel-15.DOC", "doc"},
    {"S2-187144.zip", "zip"},
    {"notes.txt.gz", "gzip"},
    {"list.htm.GZ", "gzip"},
    {"docs.zip.gz", "gzip"},
    {"notes.txt.gz.gz", "gzip"},
    {"backup.tar.gz", NULL},
    {"data.gz", NULL},
    {".gz", NULL},
    {"a.docx.bak", NULL},
    {"archive.7z", NULL},
};

START_TEST(format_by_name)
{
    const char *format = docket_extract_format(format_cases[_i].path);
    const char *expected = format_cases[_i].format;

    if (expected)
        ck_assert_msg(format && strcmp(format, expected) == 0, "%s: format %s, expected %s",
                      format_cases[_i].path, format ? format : "NULL", expected);
    else
        ck_assert_msg(format == NULL, "%s: format %s, expected NULL", format_cases[_i].path,
                      format);
}
END_TEST

START_TEST(limits_defaults)
{
    docket_extract_limits limits;
    docket_extract_limits_default(&limits);

    ck_assert_uint_eq(limits.max_file_bytes, 256 * MIB);
    ck_assert_uint_eq(limits.max_archive_bytes, 1024 * MIB);
    ck_assert_uint_eq(limits.max_archive_members, 100000);
    ck_assert_uint_eq(limits.max_compression_ratio, 200);
    ck_assert_uint_eq(limits.max_archive_depth, 3);
    ck_assert_uint_eq(limits.converter_seconds, 20);
    ck_assert_uint_eq(limits.max_converter_bytes, 64 * MIB);
}
END_TEST

START_TEST(single_text_not_chained)
{
    docket_text *text = extract_buffer_ok("notes.txt", "text", "a\nb\n", 4);

    ck_assert_ptr_null(text->next);
    ck_assert_int_eq(text->status, DOCKET_OK);
    ck_assert_ptr_null(text->error);
    docket_text_free(text);
}
END_TEST

/* ---- HTML ---- */

static const char html_page[] =
    "<!DOCTYPE html>\n"
    "<html><head><title>Tdoc   list</title>\n"
    "<style>p { color: red }</style><script>var x = \"<p>no</p>\";</script></head>\n"
    "<body>\n"
    "<h2>Agenda <b>item</b> 6.1</h2>\n"
    "<p>First   paragraph\n"
    "spread over lines</p>\n"
    "<div>Div text<br>after break</div>\n"
    "<table>\n"
    "<tr><th>TD#</th><th>Title</th></tr>\n"
    "<tr><td> S2-187144 </td><td><a href=\"x\">Update</a> of <i>solution</i></td></tr>\n"
    "<tr><td></td><td>second&nbsp;only</td></tr>\n"
    "</table>\n"
    "<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>\n"
    "<p>caf&eacute;&nbsp;menu &amp; soft&shy;hyphen</p>\n"
    "</body></html>\n";

START_TEST(html_blocks)
{
    static const expected_block expected[] = {
        H(1, 2, "Tdoc list"), H(2, 5, "Agenda item 6.1"),
        P(6, "First paragraph spread over lines"), P(8, "Div text"), P(8, "after break"),
        ROW(10, "TD#\tTitle"), ROW(11, "S2-187144\tUpdate of solution"),
        ROW(12, "\tsecond only"), LI(1, 14, "one"), LI(2, 14, "nested"), LI(1, 14, "two"),
        P(15, "caf\xC3\xA9 menu & softhyphen"), END,
    };
    docket_text *text = extract_buffer_ok("page.html", "html", html_page, sizeof html_page - 1);

    check_blocks("page.html", text, expected);
    ck_assert_str_eq(text->format, "html");
    docket_text_free(text);
}
END_TEST

START_TEST(html_unclosed_tags)
{
    static const char page[] = "<p>one<p>two<table><tr><td>a<td>b<tr><td>c</table>"
                               "<ul><li>x<li>y</ul><h3>end";
    static const expected_block expected[] = {
        P(1, "one"), P(1, "two"), ROW(1, "a\tb"), ROW(1, "c"), LI(1, 1, "x"), LI(1, 1, "y"),
        H(3, 1, "end"), END,
    };
    docket_text *text = extract_buffer_ok("broken.htm", "html", page, sizeof page - 1);

    check_blocks("broken.htm", text, expected);
    docket_text_free(text);
}
END_TEST

START_TEST(html_nested_tables)
{
    static const char page[] = "<table><tr><td>outer<table><tr><td>i1</td><td>i2</td></tr>"
                               "</table>tail</td><td>o2</td></tr></table>";
    static const expected_block expected[] = {
        ROW(1, "i1\ti2"), ROW(1, "outer tail\to2"), END,
    };
    docket_text *text = extract_buffer_ok("nested.htm", "html", page, sizeof page - 1);

    check_blocks("nested.htm", text, expected);
    docket_text_free(text);
}
END_TEST

START_TEST(html_pre_lines)
{
    static const char page[] = "<pre>first  line\nsecond line\n\n</pre><p>after</p>";
    static const expected_block expected[] = {
        P(1, "first line"), P(2, "second line"), P(4, "after"), END,
    };
    docket_text *text = extract_buffer_ok("pre.htm", "html", page, sizeof page - 1);

    check_blocks("pre.htm", text, expected);
    docket_text_free(text);
}
END_TEST

static const struct {
    const char *name;
    const char *page;
    const char *expected; /* the text of the first block */
} charset_cases[] = {
    {"declared windows-1252",
     "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
     "charset=windows-1252\"></head><body><p>\x93" "caf\xE9\x94 \x96 \x80" "5</p></body></html>",
     "\xE2\x80\x9C" "caf\xC3\xA9\xE2\x80\x9D \xE2\x80\x93 \xE2\x82\xAC" "5"},
    {"declared iso-8859-1 read as windows-1252",
     "<meta charset=\"ISO-8859-1\"><p>\x93q\x94</p>", "\xE2\x80\x9Cq\xE2\x80\x9D"},
    {"declared utf-8", "<meta charset=utf-8><p>caf\xC3\xA9</p>", "caf\xC3\xA9"},
    {"undeclared utf-8", "<p>caf\xC3\xA9 \xE2\x80\x93</p>", "caf\xC3\xA9 \xE2\x80\x93"},
    {"undeclared windows-1252", "<p>caf\xE9 \x96</p>", "caf\xC3\xA9 \xE2\x80\x93"},
    {"utf-8 bom", "\xEF\xBB\xBF<p>caf\xC3\xA9</p>", "caf\xC3\xA9"},
    {"unknown charset", "<meta charset=\"x-no-such\"><p>caf\xC3\xA9</p>", "caf\xC3\xA9"},
    {"declared utf-16 read as utf-8", "<meta charset=\"UTF-16\"><p>caf\xC3\xA9</p>",
     "caf\xC3\xA9"},
};

START_TEST(html_charsets)
{
    const char *page = charset_cases[_i].page;
    docket_text *text = extract_buffer_ok("page.htm", "html", page, strlen(page));

    ck_assert_msg(text->count == 1, "%s: %zu blocks", charset_cases[_i].name, text->count);
    ck_assert_msg(strcmp(text->blocks[0].text, charset_cases[_i].expected) == 0,
                  "%s: got \"%s\"", charset_cases[_i].name, text->blocks[0].text);
    docket_text_free(text);
}
END_TEST

START_TEST(html_utf16)
{
    static const char page[] = "\xFF\xFE<\0p\0>\0" "c\0a\0f\0\xE9\0";
    docket_text *text = extract_buffer_ok("utf16.htm", "html", page, sizeof page - 1);

    ck_assert_uint_eq(text->count, 1);
    ck_assert_str_eq(text->blocks[0].text, "caf\xC3\xA9");
    docket_text_free(text);
}
END_TEST

START_TEST(html_file_windows_1252)
{
    static const char page[] = "<html><head><meta charset=windows-1252><title>Liste</title>"
                               "</head><body><table><tr><td>S2\x96" "1</td><td>\x93" "A\x94"
                               "</td></tr></table></body></html>";
    char *path = test_write_file(temp_dir, "list.htm", page, sizeof page - 1);
    docket_text *text = extract_ok(path, NULL);
    static const expected_block expected[] = {
        H(1, 1, "Liste"), ROW(1, "S2\xE2\x80\x93" "1\t\xE2\x80\x9C" "A\xE2\x80\x9D"), END,
    };

    check_blocks("list.htm", text, expected);
    docket_text_free(text);
    free(path);
}
END_TEST

START_TEST(html_deep_nesting)
{
    size_t depth = 100000;
    size_t len = depth * 11 + 16;
    char *page = malloc(len + 1);
    size_t w = 0;

    ck_assert_ptr_nonnull(page);
    for (size_t i = 0; i < depth; i++)
        w += (size_t)snprintf(page + w, len + 1 - w, "<div>");
    w += (size_t)snprintf(page + w, len + 1 - w, "deep");
    for (size_t i = 0; i < depth; i++)
        w += (size_t)snprintf(page + w, len + 1 - w, "</div>");

    /* libxml2 stops building the tree at its depth limit, so the text may
     * be lost, but the page is read without harm. */
    docket_text *text = extract_buffer_ok("deep.htm", "html", page, w);
    ck_assert_uint_le(text->count, 1);
    docket_text_free(text);
    free(page);
}
END_TEST

START_TEST(html_binary_rejected)
{
    static const char data[] = "<p>a</p>\0\x01\x02";
    char *path = test_write_file(temp_dir, "image.htm", data, sizeof data - 1);

    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "binary content (NUL byte at offset 8)");
    free(path);
}
END_TEST

START_TEST(html_empty)
{
    docket_text *text = extract_buffer_ok("empty.htm", "html", "", 0);

    ck_assert_uint_eq(text->count, 0);
    docket_text_free(text);
}
END_TEST

/* ---- .docx ---- */

static const char docx_styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<w:styles xmlns:w=\"" W_NS "\">"
    "<w:style w:type=\"paragraph\" w:styleId=\"berschrift1\"><w:name w:val=\"heading 1\"/>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"berschrift2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"berschrift1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/>"
    "<w:pPr><w:numPr><w:numId w:val=\"5\"/></w:numPr></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"MyHeading\"><w:name w:val=\"My heading\"/>"
    "<w:basedOn w:val=\"Outlined\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Outlined\"><w:name w:val=\"Outlined\"/>"
    "<w:pPr><w:outlineLvl w:val=\"3\"/></w:pPr></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"Heading1Char\">"
    "<w:name w:val=\"heading 1 Char\"/></w:style>"
    "</w:styles>";

static const char docx_body[] =
    /* 1 to 4: headings by built-in id, by style name, by outline level, by inheritance */
    "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Introduction</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:pStyle w:val=\"berschrift2\"/></w:pPr><w:r><w:t>Scope</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr><w:r><w:t>Outline three</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:pStyle w:val=\"MyHeading\"/></w:pPr><w:r><w:t>Inherited</w:t></w:r></w:p>"
    /* 5, 6: tabs, breaks and hyphens; 7 is empty */
    "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"1701\"/></w:tabs></w:pPr>"
    "<w:r><w:t>Source:</w:t></w:r><w:r><w:tab/><w:t>Huawei</w:t></w:r></w:p>"
    "<w:p><w:r><w:t xml:space=\"preserve\">  Tdoc S2</w:t><w:noBreakHyphen/>"
    "<w:t>1812226 secu</w:t><w:softHyphen/><w:t>rity</w:t><w:br/><w:t>next\xC2\xA0line</w:t>"
    "</w:r></w:p>"
    "<w:p/>"
    /* 8 to 10: list items by numbering and by style, and numbering removed */
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>"
    "<w:r><w:t>nested item</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/></w:pPr><w:r><w:t>styled item</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr>"
    "</w:pPr><w:r><w:t>numbering removed</w:t></w:r></w:p>"
    /* 11 to 15: a table */
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Title:</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>first</w:t></w:r></w:p><w:p><w:r><w:t>second</w:t><w:tab/>"
    "<w:t>tabbed</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>only second</w:t></w:r></w:p></w:tc></w:tr>"
    "</w:tbl>"
    /* 16: tracked changes */
    "<w:p><w:r><w:t xml:space=\"preserve\">kept </w:t></w:r><w:del><w:r><w:delText>deleted"
    "</w:delText></w:r></w:del><w:ins><w:r><w:t>inserted</w:t></w:r></w:ins>"
    "<w:r><w:instrText> PAGEREF _Toc1 </w:instrText></w:r></w:p>"
    /* 17 with 18 inside it: a text box, whose fallback copy is not read */
    "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:txbxContent><w:p>"
    "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>box text</w:t></w:r></w:p>"
    "</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>box text</w:t>"
    "</w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>"
    "<w:r><w:t>anchor</w:t></w:r></w:p>";

/* 19 is the separator footnote, 20 the footnote. */
static const char docx_footnotes[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<w:footnotes xmlns:w=\"" W_NS "\">"
    "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p>"
    "</w:footnote>"
    "<w:footnote w:id=\"1\"><w:p><w:r><w:t>A footnote.</w:t></w:r></w:p></w:footnote>"
    "</w:footnotes>";

START_TEST(docx_blocks)
{
    static const expected_block expected[] = {
        H(1, 1, "Introduction"), H(2, 2, "Scope"), H(3, 3, "Outline three"),
        H(4, 4, "Inherited"), P(5, "Source:\tHuawei"),
        P(6, "Tdoc S2-1812226 security next line"), LI(2, 8, "nested item"),
        LI(1, 9, "styled item"), P(10, "numbering removed"),
        ROW(11, "Title:\tfirst second tabbed"), ROW(14, "\tonly second"),
        P(16, "kept inserted"), H(1, 18, "box text"), P(17, "anchor"), P(20, "A footnote."),
        END,
    };
    char *document = concat(DOCUMENT_HEAD, docx_body, DOCUMENT_TAIL);
    size_t len = 0;
    char *docx = docx_from_parts(document, docx_styles, docx_footnotes, &len);
    char *path = test_write_file(temp_dir, "S2-1812226.docx", docx, len);
    docket_text *text = extract_ok(path, NULL);

    check_blocks("S2-1812226.docx", text, expected);
    ck_assert_str_eq(text->format, "docx");
    ck_assert_str_eq(text->path, path);
    docket_text_free(text);
    free(path);
    free(docx);
    free(document);
}
END_TEST

static const char external_entity_document[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE w:document [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
    "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p>"
    "</w:body></w:document>";

static const char billion_laughs_document[] =
    "<?xml version=\"1.0\"?>\n"
    "<!-- a comment before the declaration -->\n"
    "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
    "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
    "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
    "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
    "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
    "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
    "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>\n"
    "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
    "</w:body></w:document>";

static const struct {
    const char *name;
    const char *document;
} doctype_cases[] = {
    {"external entity", external_entity_document},
    {"billion laughs", billion_laughs_document},
};

START_TEST(docx_doctype_rejected)
{
    const char *document = doctype_cases[_i].document;
    char *path = write_docx("entity.docx", document, strlen(document));

    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT,
                 "word/document.xml: XML with a document type declaration is not accepted");
    free(path);
}
END_TEST

/* The check before parsing reads UTF-8 only; in UTF-16 the reader's node
 * type catches the declaration. */
START_TEST(docx_doctype_utf16_rejected)
{
    static const char ascii[] =
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<x>&e;</x>";
    size_t len = 2 + 2 * (sizeof ascii - 1);
    char *document = malloc(len);

    ck_assert_ptr_nonnull(document);
    document[0] = '\xFF';
    document[1] = '\xFE';
    for (size_t i = 0; i < sizeof ascii - 1; i++) {
        document[2 + 2 * i] = ascii[i];
        document[3 + 2 * i] = '\0';
    }
    char *path = write_docx("utf16.docx", document, len);
    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "document type declaration");
    free(path);
    free(document);
}
END_TEST

START_TEST(docx_deep_nesting_rejected)
{
    size_t depth = 100000;
    size_t len = sizeof DOCUMENT_HEAD + depth * 7 + sizeof DOCUMENT_TAIL;
    char *document = malloc(len);
    size_t w = 0;

    ck_assert_ptr_nonnull(document);
    w += (size_t)snprintf(document + w, len - w, "%s", DOCUMENT_HEAD);
    for (size_t i = 0; i < depth; i++)
        w += (size_t)snprintf(document + w, len - w, "<a>");
    for (size_t i = 0; i < depth; i++)
        w += (size_t)snprintf(document + w, len - w, "</a>");
    w += (size_t)snprintf(document + w, len - w, "%s", DOCUMENT_TAIL);

    char *path = write_docx("deep.docx", document, w);
    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "word/document.xml: malformed XML");
    free(path);
    free(document);
}
END_TEST

START_TEST(docx_malformed_xml)
{
    static const char document[] = DOCUMENT_HEAD "<w:p><w:r><w:t>cut";
    char *path = write_docx("cut.docx", document, sizeof document - 1);

    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "word/document.xml: malformed XML at line");
    free(path);
}
END_TEST

START_TEST(docx_undeclared_entity)
{
    static const char document[] = DOCUMENT_HEAD "<w:p><w:r><w:t>&e;</w:t></w:r></w:p>"
                                   DOCUMENT_TAIL;
    char *path = write_docx("undeclared.docx", document, sizeof document - 1);

    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "Entity 'e' not defined");
    free(path);
}
END_TEST

/* libxml2 reports an undeclared namespace prefix but goes on parsing. */
START_TEST(docx_undeclared_prefix)
{
    static const char document[] = DOCUMENT_HEAD "<w:p><w:r x:y=\"1\"><w:t>kept</w:t></w:r>"
                                   "</w:p>" DOCUMENT_TAIL;
    char *path = write_docx("prefix.docx", document, sizeof document - 1);
    docket_text *text = extract_ok(path, NULL);

    ck_assert_uint_eq(text->count, 1);
    ck_assert_str_eq(text->blocks[0].text, "kept");
    docket_text_free(text);
    free(path);
}
END_TEST

START_TEST(docx_without_document)
{
    static const member members[] = {MEMBER("word/styles.xml", "<x/>"), MEMBER_END};
    char *path = write_zip("no-document.docx", members);

    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT,
                 "not a Word document: the archive has no word/document.xml");
    free(path);
}
END_TEST

START_TEST(docx_empty_file)
{
    char *path = test_write_file(temp_dir, "empty.docx", "", 0);

    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "no word/document.xml");
    free(path);
}
END_TEST

START_TEST(docx_not_zip)
{
    static const char data[] = "This is plain text named .docx, not a ZIP archive at all.";
    char *path = test_write_file(temp_dir, "text.docx", data, sizeof data - 1);

    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "not a ZIP archive");
    free(path);
}
END_TEST

START_TEST(docx_part_over_limit)
{
    docket_extract_limits limits = {.max_file_bytes = 2000};
    size_t body_len = 3000;
    char *body = malloc(body_len + 1);

    ck_assert_ptr_nonnull(body);
    memset(body, ' ', body_len);
    body[body_len] = '\0';
    char *document = concat(DOCUMENT_HEAD, body, DOCUMENT_TAIL);
    char *path = write_docx("big.docx", document, strlen(document));

    assert_fails(path, &limits, DOCKET_ERR_TOO_LARGE, "word/document.xml: ");
    free(path);
    free(document);
    free(body);
}
END_TEST

START_TEST(docx_named_doc)
{
    size_t len = 0;
    char *docx = docx_with_body("<w:p><w:r><w:t>saved as doc</w:t></w:r></w:p>", &len);
    char *path = test_write_file(temp_dir, "S2-1.doc", docx, len);
    docket_text *text = extract_ok(path, NULL);

    ck_assert_str_eq(text->format, "docx");
    ck_assert_uint_eq(text->count, 1);
    ck_assert_str_eq(text->blocks[0].text, "saved as doc");
    docket_text_free(text);
    free(path);
    free(docx);
}
END_TEST

/* ---- .doc ---- */

START_TEST(doc_not_word)
{
    static const char data[] = "Not a Word file, just text with a .doc name.\n";
    char *path = test_write_file(temp_dir, "fake.doc", data, sizeof data - 1);

    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "antiword failed with exit status 1");
    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "the file is not a Word Document");
    free(path);
}
END_TEST

/* Inside an archive the message names the member, not a temporary file. */
START_TEST(doc_not_word_in_zip)
{
    static const member members[] = {MEMBER("fake.doc", "plain text, not Word"), MEMBER_END};
    char *path = write_zip("fake.zip", members);
    docket_text *chain = extract_ok(path, NULL);

    assert_member_fails(chain, path, "fake.doc", DOCKET_ERR_INVALID_INPUT,
                        "the file is not a Word Document");
    ck_assert_ptr_null(strstr(chain->error, "docket-doc-"));
    docket_text_free(chain);
    free(path);
}
END_TEST

static char *saved_path_variable;

static void set_path_variable(const char *value)
{
    const char *old = getenv("PATH");
    saved_path_variable = old ? strdup(old) : NULL;
    ck_assert_int_eq(setenv("PATH", value, 1), 0);
}

static void restore_path_variable(void)
{
    if (saved_path_variable)
        setenv("PATH", saved_path_variable, 1);
    else
        unsetenv("PATH");
    free(saved_path_variable);
    saved_path_variable = NULL;
}

START_TEST(doc_converter_missing)
{
    static const char data[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 not really a compound file";
    char *path = test_write_file(temp_dir, "word97.doc", data, sizeof data - 1);

    set_path_variable(temp_dir);
    docket_text *text = NULL;
    docket_error err = {{0}};
    docket_status status = docket_extract_file(path, NULL, &text, &err);
    restore_path_variable();

    ck_assert_int_eq(status, DOCKET_ERR_UNSUPPORTED);
    ck_assert_ptr_null(text);
    ck_assert_msg(strstr(err.message, "install the Debian package antiword") != NULL,
                  "message \"%s\" does not say what to install", err.message);
    free(path);
}
END_TEST

START_TEST(converter_not_installed)
{
    char *argv[] = {"docket-no-such-converter", NULL};
    char *out = NULL;
    size_t len = 0;
    docket_error err = {{0}};
    docket_status status = docket_run_converter(argv, 5, MIB, &out, &len, &err);

    ck_assert_int_eq(status, DOCKET_ERR_UNSUPPORTED);
    ck_assert_ptr_null(out);
    ck_assert_msg(strstr(err.message, "docket-no-such-converter is not installed") != NULL,
                  "message \"%s\"", err.message);
}
END_TEST

START_TEST(converter_timeout)
{
    char *argv[] = {"sleep", "30", NULL};
    char *out = NULL;
    size_t len = 0;
    docket_error err = {{0}};
    time_t start = time(NULL);
    docket_status status = docket_run_converter(argv, 1, MIB, &out, &len, &err);

    ck_assert_int_eq(status, DOCKET_ERR_TOO_LARGE);
    ck_assert_ptr_null(out);
    ck_assert_msg(strstr(err.message, "sleep took longer than 1 s") != NULL, "message \"%s\"",
                  err.message);
    ck_assert_int_le(time(NULL) - start, 10);
}
END_TEST

/* A converter that closes its output but goes on running is stopped too. */
START_TEST(converter_timeout_silent)
{
    char *argv[] = {"sh", "-c", "exec >&- 2>&-; sleep 30", NULL};
    char *out = NULL;
    size_t len = 0;
    docket_error err = {{0}};
    time_t start = time(NULL);
    docket_status status = docket_run_converter(argv, 1, MIB, &out, &len, &err);

    ck_assert_int_eq(status, DOCKET_ERR_TOO_LARGE);
    ck_assert_msg(strstr(err.message, "took longer than 1 s") != NULL, "message \"%s\"",
                  err.message);
    ck_assert_int_le(time(NULL) - start, 10);
}
END_TEST

START_TEST(converter_output_cap)
{
    char *argv[] = {"yes", NULL};
    char *out = NULL;
    size_t len = 0;
    docket_error err = {{0}};
    docket_status status = docket_run_converter(argv, 20, MIB, &out, &len, &err);

    ck_assert_int_eq(status, DOCKET_ERR_TOO_LARGE);
    ck_assert_ptr_null(out);
    ck_assert_msg(strstr(err.message, "yes wrote more than 1048576 bytes") != NULL,
                  "message \"%s\"", err.message);
}
END_TEST

START_TEST(converter_exit_status)
{
    char *argv[] = {"sh", "-c", "echo partial; echo 'bad input' >&2; exit 3", NULL};
    char *out = NULL;
    size_t len = 0;
    docket_error err = {{0}};
    docket_status status = docket_run_converter(argv, 20, MIB, &out, &len, &err);

    ck_assert_int_eq(status, DOCKET_ERR_INVALID_INPUT);
    ck_assert_ptr_null(out);
    ck_assert_str_eq(err.message, "sh failed with exit status 3: bad input");
}
END_TEST

START_TEST(converter_output)
{
    char *argv[] = {"printf", "a\\nb", NULL};
    char *out = NULL;
    size_t len = 0;
    docket_error err = {{0}};
    docket_status status = docket_run_converter(argv, 20, MIB, &out, &len, &err);

    assert_ok(status, &err, "printf");
    ck_assert_str_eq(out, "a\nb");
    ck_assert_uint_eq(len, 3);
    free(out);
}
END_TEST

/* ---- ZIP ---- */

START_TEST(zip_members_chain)
{
    size_t inner_len = 0;
    static const member inner_members[] = {MEMBER("inner.txt", "inside\n"), MEMBER_END};
    char *inner = zip_bytes("inner.zip", inner_members, &inner_len);
    size_t docx_len = 0;
    char *docx = docx_with_body("<w:p><w:r><w:t>Word text</w:t></w:r></w:p>", &docx_len);
    size_t gz_len = 0;
    char *gz = gzip_bytes("zipped line\n", 12, &gz_len);
    member members[] = {
        MEMBER("a.txt", "first\nsecond\n"),
        MEMBER("folder/", ""),
        MEMBER("folder/b.md", "# Title\n"),
        MEMBER("c.htm", "<p>html</p>"),
        MEMBER("image.png", "\x89PNG"),
        {"S2-1.docx", docx, docx_len, false},
        {"notes.txt.gz", gz, gz_len, false},
        {"nested.zip", inner, inner_len, false},
        MEMBER("__MACOSX/._a.txt", "resource fork"),
        MEMBER_END,
    };
    char *path = write_zip("archive.zip", members);
    docket_text *chain = extract_ok(path, NULL);

    ck_assert_uint_eq(chain_length(chain), 7);
    ck_assert_str_eq(chain->path + strlen(path), "!a.txt");
    ck_assert_uint_eq(chain_find_ok(chain, path, "a.txt")->count, 2);
    ck_assert_str_eq(chain_find_ok(chain, path, "folder/b.md")->format, "markdown");
    ck_assert_str_eq(chain_find_ok(chain, path, "c.htm")->blocks[0].text, "html");
    ck_assert_str_eq(chain_find_ok(chain, path, "S2-1.docx")->blocks[0].text, "Word text");
    ck_assert_str_eq(chain_find_ok(chain, path, "notes.txt.gz")->blocks[0].text, "zipped line");
    ck_assert_str_eq(chain_find_ok(chain, path, "nested.zip!inner.txt")->blocks[0].text,
                     "inside");
    assert_member_fails(chain, path, "image.png", DOCKET_ERR_UNSUPPORTED,
                        "file type not supported");
    docket_text_free(chain);
    free(path);
    free(gz);
    free(docx);
    free(inner);
}
END_TEST

START_TEST(zip_buffer)
{
    static const member members[] = {MEMBER("a.txt", "one\n"), MEMBER_END};
    size_t len = 0;
    char *data = zip_bytes("mem.zip", members, &len);
    docket_text *chain = extract_buffer_ok("mem.zip", "zip", data, len);

    ck_assert_str_eq(chain->path, "mem.zip!a.txt");
    ck_assert_str_eq(chain->blocks[0].text, "one");
    docket_text_free(chain);
    free(data);
}
END_TEST

START_TEST(zip_truncated)
{
    static const member members[] = {
        MEMBER("a.txt", "some text that fills the archive a little\n"),
        MEMBER("b.txt", "more text in a second member\n"),
        MEMBER_END,
    };
    size_t len = 0;
    char *data = zip_bytes("whole.zip", members, &len);
    char *path = test_write_file(temp_dir, "truncated.zip", data, len / 2);

    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "not a ZIP archive, or truncated or corrupt");
    free(path);
    free(data);
}
END_TEST

START_TEST(zip_corrupt)
{
    char data[4096];
    srand(42);
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (char)(rand() & 0xFF);
    char *path = test_write_file(temp_dir, "random.zip", data, sizeof data);

    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "not a ZIP archive");
    free(path);
}
END_TEST

/* A corrupt member fails alone: its data does not inflate. */
START_TEST(zip_corrupt_member)
{
    static const member members[] = {
        MEMBER("a.txt", "first member, intact\n"),
        MEMBER("b.txt", "second member, to be damaged in its compressed data\n"),
        MEMBER_END,
    };
    size_t len = 0;
    char *data = zip_bytes("damaged.zip", members, &len);
    const char *second = NULL;
    for (size_t i = 4; i + 4 <= len && !second; i++) {
        if (memcmp(data + i, "PK\x03\x04", 4) == 0)
            second = data + i;
    }
    ck_assert_ptr_nonnull(second);
    /* The compressed data starts after the 30-byte header and the name. */
    memset((char *)second + 30 + 5 + 2, 0xFF, 12);
    char *path = test_write_file(temp_dir, "damaged.zip", data, len);
    docket_text *chain = extract_ok(path, NULL);

    ck_assert_uint_eq(chain_find_ok(chain, path, "a.txt")->count, 1);
    assert_member_fails(chain, path, "b.txt", DOCKET_ERR_INVALID_INPUT, "corrupt archive member");
    docket_text_free(chain);
    free(path);
    free(data);
}
END_TEST

START_TEST(zip_bomb_ratio)
{
    size_t bomb_len = 50 * MIB;
    char *zeros = calloc(1, bomb_len);
    ck_assert_ptr_nonnull(zeros);
    member members[] = {
        {"bomb.txt", zeros, bomb_len, false},
        MEMBER("ok.txt", "still read\n"),
        MEMBER_END,
    };
    char *path = write_zip("bomb.zip", members);
    free(zeros);
    docket_text *chain = extract_ok(path, NULL);

    assert_member_fails(chain, path, "bomb.txt", DOCKET_ERR_TOO_LARGE,
                        "exceeds the limit of 200");
    ck_assert_str_eq(chain_find_ok(chain, path, "ok.txt")->blocks[0].text, "still read");
    docket_text_free(chain);
    free(path);
}
END_TEST

/* Find the little-endian 32-bit field at `offset` after each signature
 * `signature` and set it to `value`. */
static void patch_field(char *data, size_t len, const char *signature, size_t offset,
                        unsigned value)
{
    for (size_t i = 0; i + offset + 4 <= len; i++) {
        if (memcmp(data + i, signature, 4) != 0)
            continue;
        for (size_t b = 0; b < 4; b++)
            data[i + offset + b] = (char)((value >> (8 * b)) & 0xFF);
    }
}

/* A member that declares 100 bytes but inflates to 3 MiB: reading stops
 * at the ratio limit, whatever size the header declares. */
START_TEST(zip_bomb_false_size)
{
    size_t bomb_len = 3 * MIB;
    char *zeros = calloc(1, bomb_len);
    ck_assert_ptr_nonnull(zeros);
    member members[] = {{"liar.txt", zeros, bomb_len, false}, MEMBER_END};
    size_t len = 0;
    char *data = zip_bytes("liar.zip", members, &len);
    free(zeros);
    patch_field(data, len, "PK\x03\x04", 22, 100);
    patch_field(data, len, "PK\x01\x02", 24, 100);
    char *path = test_write_file(temp_dir, "liar.zip", data, len);
    docket_text *chain = extract_ok(path, NULL);

    assert_member_fails(chain, path, "liar.txt", DOCKET_ERR_TOO_LARGE, "compression ratio");
    docket_text_free(chain);
    free(path);
    free(data);
}
END_TEST

START_TEST(zip_member_over_limit)
{
    docket_extract_limits limits = {.max_file_bytes = 1000};
    char *big = repeated_lines(5000);
    member members[] = {
        {"big.txt", big, 5000, false},
        MEMBER("small.txt", "fits\n"),
        MEMBER_END,
    };
    char *path = write_zip("sizes.zip", members);
    docket_text *chain = extract_ok(path, &limits);

    assert_member_fails(chain, path, "big.txt", DOCKET_ERR_TOO_LARGE,
                        "5000 uncompressed bytes, limit 1000");
    ck_assert_str_eq(chain_find_ok(chain, path, "small.txt")->blocks[0].text, "fits");
    docket_text_free(chain);
    free(path);
    free(big);
}
END_TEST

START_TEST(zip_total_over_limit)
{
    docket_extract_limits limits = {.max_archive_bytes = 10000};
    char *lines = text_lines(6000);
    member members[] = {
        {"a.txt", lines, 6000, true},
        {"b.txt", lines, 6000, true},
        {"c.txt", lines, 6000, true},
        MEMBER_END,
    };
    char *path = write_zip("total.zip", members);
    docket_text *chain = extract_ok(path, &limits);

    ck_assert_uint_eq(chain_length(chain), 2);
    chain_find_ok(chain, path, "a.txt");
    assert_member_fails(chain, path, "b.txt", DOCKET_ERR_TOO_LARGE,
                        "exceed the limit of 10000 uncompressed bytes in total; later members "
                        "are not read");
    docket_text_free(chain);
    free(path);
    free(lines);
}
END_TEST

START_TEST(zip_total_over_limit_nested)
{
    docket_extract_limits limits = {.max_archive_bytes = 20000};
    char *lines = text_lines(6000);
    member inner_members[] = {
        {"x.txt", lines, 6000, true}, {"y.txt", lines, 6000, true}, MEMBER_END,
    };
    size_t inner_len = 0;
    char *inner = zip_bytes("inner.zip", inner_members, &inner_len);
    member members[] = {
        {"inner.zip", inner, inner_len, true},
        {"after.txt", lines, 6000, true},
        MEMBER_END,
    };
    char *path = write_zip("outer.zip", members);
    docket_text *chain = extract_ok(path, &limits);

    chain_find_ok(chain, path, "inner.zip!x.txt");
    assert_member_fails(chain, path, "inner.zip!y.txt", DOCKET_ERR_TOO_LARGE, "in total");
    ck_assert_ptr_null(chain_find(chain, path, "after.txt"));
    docket_text_free(chain);
    free(path);
    free(inner);
    free(lines);
}
END_TEST

START_TEST(zip_member_count_limit)
{
    docket_extract_limits limits = {.max_archive_members = 2};
    static const member members[] = {
        MEMBER("1.txt", "a\n"), MEMBER("2.txt", "b\n"), MEMBER("3.txt", "c\n"),
        MEMBER("4.txt", "d\n"), MEMBER_END,
    };
    char *path = write_zip("many.zip", members);
    docket_text *chain = extract_ok(path, &limits);

    ck_assert_uint_eq(chain_length(chain), 3);
    assert_member_fails(chain, path, "3.txt", DOCKET_ERR_TOO_LARGE,
                        "more than 2 member files in the archive");
    docket_text_free(chain);
    free(path);
}
END_TEST

START_TEST(zip_nested_too_deep)
{
    static const member d_members[] = {MEMBER("deep.txt", "too deep\n"), MEMBER_END};
    size_t d_len = 0;
    char *d = zip_bytes("d.zip", d_members, &d_len);
    member c_members[] = {{"d.zip", d, d_len, false}, MEMBER("c.txt", "third level\n"),
                          MEMBER_END};
    size_t c_len = 0;
    char *c = zip_bytes("c.zip", c_members, &c_len);
    member b_members[] = {{"c.zip", c, c_len, false}, MEMBER_END};
    size_t b_len = 0;
    char *b = zip_bytes("b.zip", b_members, &b_len);
    member a_members[] = {{"b.zip", b, b_len, false}, MEMBER_END};
    char *path = write_zip("a.zip", a_members);
    docket_text *chain = extract_ok(path, NULL);

    ck_assert_uint_eq(chain_length(chain), 2);
    assert_member_fails(chain, path, "b.zip!c.zip!d.zip", DOCKET_ERR_TOO_LARGE,
                        "archive nested more than 3 levels deep");
    ck_assert_str_eq(chain_find_ok(chain, path, "b.zip!c.zip!c.txt")->blocks[0].text,
                     "third level");
    docket_text_free(chain);
    free(path);
    free(b);
    free(c);
    free(d);
}
END_TEST

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    ck_assert_ptr_nonnull(d);
    for (struct dirent *e = readdir(d); e; e = readdir(d))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

START_TEST(zip_path_traversal)
{
    static const member members[] = {
        MEMBER("../../etc/docket-evil.txt", "evil relative\n"),
        MEMBER("/docket-evil-absolute.txt", "evil absolute\n"),
        MEMBER_END,
    };
    char *path = write_zip("evil.zip", members);
    docket_text *chain = extract_ok(path, NULL);
    char *escaped = temp_path("../../etc/docket-evil.txt");
    struct stat st;

    ck_assert_str_eq(chain_find_ok(chain, path, "../../etc/docket-evil.txt")->blocks[0].text,
                     "evil relative");
    ck_assert_str_eq(chain_find_ok(chain, path, "/docket-evil-absolute.txt")->blocks[0].text,
                     "evil absolute");
    ck_assert_int_ne(stat(escaped, &st), 0);
    ck_assert_int_ne(stat("../../etc/docket-evil.txt", &st), 0);
    ck_assert_uint_eq(count_entries(temp_dir), 1);
    docket_text_free(chain);
    free(escaped);
    free(path);
}
END_TEST

START_TEST(zip_empty)
{
    static const char end_of_central_directory[22] = "PK\x05\x06";
    char *path = test_write_file(temp_dir, "empty.zip", end_of_central_directory,
                                 sizeof end_of_central_directory);
    docket_text *chain = extract_ok(path, NULL);

    ck_assert_uint_eq(chain_length(chain), 1);
    ck_assert_str_eq(chain->path, path);
    ck_assert_str_eq(chain->format, "zip");
    ck_assert_uint_eq(chain->count, 0);
    ck_assert_int_eq(chain->status, DOCKET_OK);
    docket_text_free(chain);
    free(path);
}
END_TEST

START_TEST(zip_zero_bytes)
{
    char *path = test_write_file(temp_dir, "nothing.zip", "", 0);
    docket_text *chain = extract_ok(path, NULL);

    ck_assert_uint_eq(chain_length(chain), 1);
    ck_assert_uint_eq(chain->count, 0);
    docket_text_free(chain);
    free(path);
}
END_TEST

START_TEST(zip_only_folders)
{
    static const member members[] = {MEMBER("a/", ""), MEMBER("a/b/", ""), MEMBER_END};
    char *path = write_zip("folders.zip", members);
    docket_text *chain = extract_ok(path, NULL);

    ck_assert_uint_eq(chain_length(chain), 1);
    ck_assert_str_eq(chain->path, path);
    ck_assert_uint_eq(chain->count, 0);
    docket_text_free(chain);
    free(path);
}
END_TEST

START_TEST(zip_bad_docx_member)
{
    static const member members[] = {
        MEMBER("bad.docx", "random bytes, not a ZIP container"),
        MEMBER("good.txt", "fine\n"),
        MEMBER_END,
    };
    char *path = write_zip("mixed.zip", members);
    docket_text *chain = extract_ok(path, NULL);

    assert_member_fails(chain, path, "bad.docx", DOCKET_ERR_INVALID_INPUT, "not a ZIP archive");
    ck_assert_str_eq(chain_find(chain, path, "bad.docx")->format, "docx");
    chain_find_ok(chain, path, "good.txt");
    docket_text_free(chain);
    free(path);
}
END_TEST

/* ---- gzip ---- */

START_TEST(gzip_text)
{
    char *path = write_gzip("notes.txt.gz", "first\nsecond\n", 13);
    docket_text *text = extract_ok(path, NULL);

    ck_assert_str_eq(text->path, path);
    ck_assert_str_eq(text->format, "text");
    ck_assert_uint_eq(text->count, 2);
    ck_assert_str_eq(text->blocks[1].text, "second");
    ck_assert_ptr_null(text->next);
    docket_text_free(text);
    free(path);
}
END_TEST

START_TEST(gzip_html)
{
    static const char page[] = "<title>List</title><table><tr><td>S2-1</td></tr></table>";
    char *path = write_gzip("list.HTM.gz", page, sizeof page - 1);
    docket_text *text = extract_ok(path, NULL);

    ck_assert_str_eq(text->format, "html");
    ck_assert_uint_eq(count_kind(text, DOCKET_BLOCK_ROW), 1);
    docket_text_free(text);
    free(path);
}
END_TEST

START_TEST(gzip_zip)
{
    static const member members[] = {MEMBER("in.txt", "zipped\n"), MEMBER_END};
    size_t len = 0;
    char *zip = zip_bytes("in.zip", members, &len);
    char *path = write_gzip("docs.zip.gz", zip, len);
    docket_text *chain = extract_ok(path, NULL);

    ck_assert_str_eq(chain_find_ok(chain, path, "in.txt")->blocks[0].text, "zipped");
    docket_text_free(chain);
    free(path);
    free(zip);
}
END_TEST

START_TEST(gzip_concatenated)
{
    size_t a_len = 0;
    size_t b_len = 0;
    char *a = gzip_bytes("one\n", 4, &a_len);
    char *b = gzip_bytes("two\n", 4, &b_len);
    char *both = malloc(a_len + b_len);
    ck_assert_ptr_nonnull(both);
    memcpy(both, a, a_len);
    memcpy(both + a_len, b, b_len);
    char *path = test_write_file(temp_dir, "two.txt.gz", both, a_len + b_len);
    docket_text *text = extract_ok(path, NULL);

    ck_assert_uint_eq(text->count, 2);
    ck_assert_str_eq(text->blocks[1].text, "two");
    docket_text_free(text);
    free(path);
    free(both);
    free(b);
    free(a);
}
END_TEST

START_TEST(gzip_bomb_ratio)
{
    size_t bomb_len = 50 * MIB;
    char *zeros = calloc(1, bomb_len);
    ck_assert_ptr_nonnull(zeros);
    char *path = write_gzip("bomb.txt.gz", zeros, bomb_len);
    free(zeros);

    assert_fails(path, NULL, DOCKET_ERR_TOO_LARGE, "exceeds the limit of 200");
    free(path);
}
END_TEST

START_TEST(gzip_over_limit)
{
    docket_extract_limits limits = {.max_file_bytes = 1000};
    char *lines = repeated_lines(5000);
    char *path = write_gzip("big.txt.gz", lines, 5000);

    assert_fails(path, &limits, DOCKET_ERR_TOO_LARGE, "decompresses to more than 1000 bytes");
    free(path);
    free(lines);
}
END_TEST

START_TEST(gzip_truncated)
{
    char *lines = text_lines(20000);
    size_t len = 0;
    char *packed = gzip_bytes(lines, 20000, &len);
    char *path = test_write_file(temp_dir, "cut.txt.gz", packed, len / 2);

    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "truncated gzip data");
    free(path);
    free(packed);
    free(lines);
}
END_TEST

START_TEST(gzip_corrupt)
{
    static const char data[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03 not deflate data!";
    char *path = test_write_file(temp_dir, "bad.txt.gz", data, sizeof data - 1);

    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "corrupt gzip data");
    free(path);
}
END_TEST

START_TEST(gzip_not_gzip)
{
    char *path = test_write_file(temp_dir, "plain.txt.gz", "plain text\n", 11);

    assert_fails(path, NULL, DOCKET_ERR_INVALID_INPUT, "corrupt gzip data");
    free(path);
}
END_TEST

START_TEST(gzip_unknown_inner_type)
{
    size_t len = 0;
    char *packed = gzip_bytes("x", 1, &len);
    docket_text *text = NULL;
    docket_error err = {{0}};
    docket_status status =
        docket_extract_buffer("backup.tar.gz", "gzip", packed, len, NULL, &text, &err);

    ck_assert_int_eq(status, DOCKET_ERR_UNSUPPORTED);
    ck_assert_ptr_null(text);
    ck_assert_msg(strstr(err.message, "backup.tar.gz: the type of the file inside") != NULL,
                  "message \"%s\"", err.message);
    free(packed);
}
END_TEST

START_TEST(gzip_nested_too_deep)
{
    size_t len1 = 0;
    size_t len2 = 0;
    size_t len3 = 0;
    char *one = gzip_bytes("x\n", 2, &len1);
    char *two = gzip_bytes(one, len1, &len2);
    char *three = gzip_bytes(two, len2, &len3);
    char *path = write_gzip("x.txt.gz.gz.gz.gz", three, len3);

    assert_fails(path, NULL, DOCKET_ERR_TOO_LARGE, "nested more than 3 levels deep");
    free(path);
    free(three);
    free(two);
    free(one);
}
END_TEST

/* ---- the shared 3GPP corpus ---- */

static bool chain_ok(const docket_text *chain, char *failure, size_t size)
{
    for (; chain; chain = chain->next) {
        if (chain->status != DOCKET_OK) {
            snprintf(failure, size, "%s", chain->error);
            return false;
        }
        for (size_t i = 0; i < chain->count; i++) {
            const char *block = chain->blocks[i].text;
            if (!docket_utf8_valid(block, strlen(block)) || strchr(block, '\n')) {
                snprintf(failure, size, "%s: block %zu is not one line of UTF-8", chain->path,
                         i);
                return false;
            }
        }
    }
    return true;
}

static const char *const corpus_files[] = {
    "tdocs/S2-1811620_S2-1811226_R2-1816041.doc",
    "tdocs/S2-1812080_WID_eSBA_v1.1.doc",
    "tdocs/S2-1812226_eSBA update of solution 15_v1.2.docx",
    "tdocs/S2-1812368 - 23.401 Rel-15 Correction of SPRC.doc",
    "tdocs/S2-1812372 - Evaluation for solutions 1.1 and 1.2.docx",
    "tdocs/S2-1812758 was S2-1811878_S5-186491 Reply LS on Data Analytics in SA WG2 v1.doc",
    "tdocs/S2-1813311_was2736_SG_23401_r15_v1.doc",
    "tdocs_by_agenda/128.htm",
    "tdocs_by_agenda/128Bis.htm",
    "tdocs_by_agenda/129.htm",
    "tdocs_by_agenda/129Bis.htm",
    "tdocs_by_agenda/CurDoc.htm",
    "tdocs_by_agenda/inbox.htm",
    "specs/ftp_Specs_latest_.htm",
    "specs/ftp_Specs_latest_Rel-16_.htm",
    "specs/ftp_Specs_latest_Rel-16_23_series_.htm",
};

START_TEST(corpus_file_extracts)
{
    if (!corpus_present("corpus_file_extracts"))
        return;
    char path[1024];
    char failure[1024] = "";
    snprintf(path, sizeof path, "%s/%s", CORPUS_3GPP, corpus_files[_i]);
    docket_text *text = extract_ok(path, NULL);

    ck_assert_msg(chain_ok(text, failure, sizeof failure), "%s", failure);
    ck_assert_msg(text->count > 0, "%s: no blocks", path);
    docket_text_free(text);
}
END_TEST

START_TEST(corpus_tdoc_list_rows)
{
    if (!corpus_present("corpus_tdoc_list_rows"))
        return;
    docket_text *text = extract_ok(CORPUS_3GPP "/tdocs_by_agenda/128.htm", NULL);
    const docket_block *row = block_containing(text, "S2-187144\tCR\tApproval");

    ck_assert_uint_ge(count_kind(text, DOCKET_BLOCK_ROW), 1300);
    ck_assert_ptr_nonnull(row);
    ck_assert_int_eq(row->kind, DOCKET_BLOCK_ROW);
    ck_assert_uint_eq(row->line, 2078);
    ck_assert_ptr_nonnull(strstr(row->text, "Huawei, HiSilicon"));
    ck_assert_int_eq(text->blocks[0].kind, DOCKET_BLOCK_HEADING);
    ck_assert_str_eq(text->blocks[0].text, "Document List for meeting - Ordered by Agenda Item");
    /* Windows-1252 curly quotes of the IPR reminder. */
    ck_assert_ptr_nonnull(block_containing(text, "\xE2\x80\x9CI draw your attention"));
    docket_text_free(text);
}
END_TEST

START_TEST(corpus_docx_cover)
{
    if (!corpus_present("corpus_docx_cover"))
        return;
    docket_text *text =
        extract_ok(TDOCS "/S2-1812226_eSBA update of solution 15_v1.2.docx", NULL);
    const docket_block *source = block_containing(text, "Source:");

    ck_assert_ptr_nonnull(block_containing(text, "eSBA"));
    ck_assert_ptr_nonnull(source);
    ck_assert_str_eq(source->text, "Source:\tHuawei, Hisilicon");
    ck_assert_ptr_nonnull(block_containing(text, "Title:\teSBA: Update of solution 15"));
    ck_assert_int_eq(block_containing(text, "Introduction")->kind, DOCKET_BLOCK_HEADING);
    docket_text_free(text);
}
END_TEST

static bool has_byte(const docket_text *text, char byte)
{
    for (size_t i = 0; i < text->count; i++) {
        if (strchr(text->blocks[i].text, byte))
            return true;
    }
    return false;
}

START_TEST(corpus_doc_hyphens)
{
    if (!corpus_present("corpus_doc_hyphens"))
        return;
    docket_text *text = extract_ok(
        TDOCS "/S2-1812758 was S2-1811878_S5-186491 Reply LS on Data Analytics in SA WG2 v1.doc",
        NULL);

    ck_assert_str_eq(text->format, "doc");
    ck_assert_ptr_nonnull(block_containing(text, "S2-1811878"));
    ck_assert_ptr_nonnull(block_containing(text, "S2-189049"));
    ck_assert(!has_byte(text, '\x1E'));
    ck_assert_ptr_null(block_containing(text, "\xC2\xAD"));
    docket_text_free(text);
}
END_TEST

START_TEST(corpus_doc_cover_rows)
{
    if (!corpus_present("corpus_doc_cover_rows"))
        return;
    docket_text *text =
        extract_ok(TDOCS "/S2-1812368 - 23.401 Rel-15 Correction of SPRC.doc", NULL);
    const docket_block *row = block_containing(text, "Source to WG:");

    ck_assert_ptr_nonnull(row);
    ck_assert_int_eq(row->kind, DOCKET_BLOCK_ROW);
    ck_assert_str_eq(row->text, "Source to WG:\tHuawei, HiSilicon");
    ck_assert_ptr_nonnull(block_containing(text, "S2-1812368"));
    docket_text_free(text);
}
END_TEST

/* A .doc inside a ZIP goes through a temporary file that is removed. */
START_TEST(corpus_doc_in_zip)
{
    if (!corpus_present("corpus_doc_in_zip"))
        return;
    size_t len = 0;
    char *doc = test_read_file(TDOCS "/S2-1811620_S2-1811226_R2-1816041.doc", &len);
    ck_assert_ptr_nonnull(doc);
    member members[] = {{"S2-1811620.doc", doc, len, false}, MEMBER_END};
    char *path = write_zip("S2-1811620.zip", members);
    char *scratch = temp_path("scratch");
    ck_assert_int_eq(mkdir(scratch, 0700), 0);
    const char *old = getenv("TMPDIR");
    char *saved = old ? strdup(old) : NULL;

    setenv("TMPDIR", scratch, 1);
    docket_text *chain = extract_ok(path, NULL);
    if (saved)
        setenv("TMPDIR", saved, 1);
    else
        unsetenv("TMPDIR");

    const docket_text *text = chain_find_ok(chain, path, "S2-1811620.doc");
    ck_assert_ptr_nonnull(block_containing(text, "Reply LS on Dynamic PLR Allocation"));
    ck_assert_uint_eq(count_entries(scratch), 0);
    docket_text_free(chain);
    free(saved);
    free(scratch);
    free(path);
    free(doc);
}
END_TEST

/* A Word 97 file saved under the name .docx goes to antiword. */
START_TEST(corpus_doc_named_docx)
{
    if (!corpus_present("corpus_doc_named_docx"))
        return;
    size_t len = 0;
    char *doc = test_read_file(TDOCS "/S2-1811620_S2-1811226_R2-1816041.doc", &len);
    ck_assert_ptr_nonnull(doc);
    char *path = test_write_file(temp_dir, "S2-1811620.docx", doc, len);
    docket_text *text = extract_ok(path, NULL);

    ck_assert_str_eq(text->format, "doc");
    ck_assert_ptr_nonnull(block_containing(text, "S2-1811620"));
    docket_text_free(text);
    free(path);
    free(doc);
}
END_TEST

static Suite *extract_formats_suite(void)
{
    Suite *suite = suite_create("extract_formats");

    TCase *names = tcase_create("names");
    tcase_add_loop_test(names, format_by_name, 0, sizeof format_cases / sizeof format_cases[0]);
    tcase_add_test(names, limits_defaults);
    tcase_add_test(names, single_text_not_chained);
    suite_add_tcase(suite, names);

    TCase *html = tcase_create("html");
    tcase_add_checked_fixture(html, make_temp_dir, remove_temp_dir);
    tcase_set_timeout(html, 60);
    tcase_add_test(html, html_blocks);
    tcase_add_test(html, html_unclosed_tags);
    tcase_add_test(html, html_nested_tables);
    tcase_add_test(html, html_pre_lines);
    tcase_add_loop_test(html, html_charsets, 0, sizeof charset_cases / sizeof charset_cases[0]);
    tcase_add_test(html, html_utf16);
    tcase_add_test(html, html_file_windows_1252);
    tcase_add_test(html, html_deep_nesting);
    tcase_add_test(html, html_binary_rejected);
    tcase_add_test(html, html_empty);
    suite_add_tcase(suite, html);

    TCase *docx = tcase_create("docx");
    tcase_add_checked_fixture(docx, make_temp_dir, remove_temp_dir);
    tcase_set_timeout(docx, 60);
    tcase_add_test(docx, docx_blocks);
    tcase_add_loop_test(docx, docx_doctype_rejected, 0,
                        sizeof doctype_cases / sizeof doctype_cases[0]);
    tcase_add_test(docx, docx_doctype_utf16_rejected);
    tcase_add_test(docx, docx_deep_nesting_rejected);
    tcase_add_test(docx, docx_malformed_xml);
    tcase_add_test(docx, docx_undeclared_entity);
    tcase_add_test(docx, docx_undeclared_prefix);
    tcase_add_test(docx, docx_without_document);
    tcase_add_test(docx, docx_empty_file);
    tcase_add_test(docx, docx_not_zip);
    tcase_add_test(docx, docx_part_over_limit);
    tcase_add_test(docx, docx_named_doc);
    suite_add_tcase(suite, docx);

    TCase *doc = tcase_create("doc");
    tcase_add_checked_fixture(doc, make_temp_dir, remove_temp_dir);
    tcase_set_timeout(doc, 60);
    tcase_add_test(doc, doc_not_word);
    tcase_add_test(doc, doc_not_word_in_zip);
    tcase_add_test(doc, doc_converter_missing);
    tcase_add_test(doc, converter_not_installed);
    tcase_add_test(doc, converter_timeout);
    tcase_add_test(doc, converter_timeout_silent);
    tcase_add_test(doc, converter_output_cap);
    tcase_add_test(doc, converter_exit_status);
    tcase_add_test(doc, converter_output);
    suite_add_tcase(suite, doc);

    TCase *zip = tcase_create("zip");
    tcase_add_checked_fixture(zip, make_temp_dir, remove_temp_dir);
    tcase_set_timeout(zip, 120);
    tcase_add_test(zip, zip_members_chain);
    tcase_add_test(zip, zip_buffer);
    tcase_add_test(zip, zip_truncated);
    tcase_add_test(zip, zip_corrupt);
    tcase_add_test(zip, zip_corrupt_member);
    tcase_add_test(zip, zip_bomb_ratio);
    tcase_add_test(zip, zip_bomb_false_size);
    tcase_add_test(zip, zip_member_over_limit);
    tcase_add_test(zip, zip_total_over_limit);
    tcase_add_test(zip, zip_total_over_limit_nested);
    tcase_add_test(zip, zip_member_count_limit);
    tcase_add_test(zip, zip_nested_too_deep);
    tcase_add_test(zip, zip_path_traversal);
    tcase_add_test(zip, zip_empty);
    tcase_add_test(zip, zip_zero_bytes);
    tcase_add_test(zip, zip_only_folders);
    tcase_add_test(zip, zip_bad_docx_member);
    suite_add_tcase(suite, zip);

    TCase *gzip = tcase_create("gzip");
    tcase_add_checked_fixture(gzip, make_temp_dir, remove_temp_dir);
    tcase_set_timeout(gzip, 120);
    tcase_add_test(gzip, gzip_text);
    tcase_add_test(gzip, gzip_html);
    tcase_add_test(gzip, gzip_zip);
    tcase_add_test(gzip, gzip_concatenated);
    tcase_add_test(gzip, gzip_bomb_ratio);
    tcase_add_test(gzip, gzip_over_limit);
    tcase_add_test(gzip, gzip_truncated);
    tcase_add_test(gzip, gzip_corrupt);
    tcase_add_test(gzip, gzip_not_gzip);
    tcase_add_test(gzip, gzip_unknown_inner_type);
    tcase_add_test(gzip, gzip_nested_too_deep);
    suite_add_tcase(suite, gzip);

    TCase *corpus = tcase_create("corpus");
    tcase_add_checked_fixture(corpus, make_temp_dir, remove_temp_dir);
    tcase_set_timeout(corpus, 120);
    tcase_add_loop_test(corpus, corpus_file_extracts, 0,
                        sizeof corpus_files / sizeof corpus_files[0]);
    tcase_add_test(corpus, corpus_tdoc_list_rows);
    tcase_add_test(corpus, corpus_docx_cover);
    tcase_add_test(corpus, corpus_doc_hyphens);
    tcase_add_test(corpus, corpus_doc_cover_rows);
    tcase_add_test(corpus, corpus_doc_in_zip);
    tcase_add_test(corpus, corpus_doc_named_docx);
    suite_add_tcase(suite, corpus);

    return suite;
}

int main(void)
{
    return test_run_suite(extract_formats_suite());
}
