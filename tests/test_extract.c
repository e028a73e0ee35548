/* test_extract.c: Check suite for the extract module: charsets, files, plain text and Markdown. */
#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_util.h"
#include "docket/extract.h"
#include "utf8.h"

#define MINUTES_PATH DOCKET_SOURCE_DIR "/corpus/SEC-9.0 minutes (TP9, Mobile, 2014-02).txt"
#define FIXTURE_DIR DOCKET_SOURCE_DIR "/tests/fixtures/extract"

/* A byte string that may contain NUL bytes. */
typedef struct bytes {
    const char *data;
    size_t len;
} bytes;

#define BYTES(literal) {literal, sizeof(literal) - 1}

typedef struct expected_block {
    docket_block_kind kind;
    int level;
    unsigned line;
    const char *text; /* NULL ends a list */
} expected_block;

#define P(line, text) {DOCKET_BLOCK_PARAGRAPH, 0, line, text}
#define BLANK(line) {DOCKET_BLOCK_BLANK, 0, line, ""}
#define H(level, line, text) {DOCKET_BLOCK_HEADING, level, line, text}
#define ROW(line, text) {DOCKET_BLOCK_ROW, 0, line, text}
#define LI(level, line, text) {DOCKET_BLOCK_LIST_ITEM, level, line, text}
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

/* Assert that a call succeeded, showing its status text and message. */
static void assert_ok(docket_status status, const docket_error *err, const char *what)
{
    ck_assert_msg(status == DOCKET_OK, "%s: %s: %s", what, docket_status_text(status),
                  err->message);
}

/* Assert that `message` starts with "`path`: ". */
static void assert_names_path(const char *message, const char *path)
{
    size_t len = strlen(path);
    ck_assert_msg(strncmp(message, path, len) == 0 && strncmp(message + len, ": ", 2) == 0,
                  "message \"%s\" does not start with \"%s: \"", message, path);
}

static docket_text *extract_buffer_ok(const char *format, const char *data, size_t len)
{
    docket_text *text = NULL;
    docket_error err = {{0}};
    docket_status status = docket_extract_buffer("input", format, data, len, NULL, &text, &err);
    assert_ok(status, &err, "docket_extract_buffer");
    return text;
}

static docket_text *extract_file_ok(const char *path)
{
    docket_text *text = NULL;
    docket_error err = {{0}};
    docket_status status = docket_extract_file(path, NULL, &text, &err);
    assert_ok(status, &err, path);
    return text;
}

static void check_blocks(const char *name, const docket_text *text,
                         const expected_block *expected)
{
    size_t count = 0;
    while (expected[count].text)
        count++;

    for (size_t i = 0; i < count && i < text->count; i++) {
        const docket_block *block = &text->blocks[i];
        ck_assert_msg(block->kind == expected[i].kind, "%s: block %zu is a %s, expected a %s",
                      name, i, kind_name(block->kind), kind_name(expected[i].kind));
        ck_assert_msg(block->level == expected[i].level, "%s: block %zu has level %d, expected %d",
                      name, i, block->level, expected[i].level);
        ck_assert_msg(block->line == expected[i].line, "%s: block %zu is on line %u, expected %u",
                      name, i, block->line, expected[i].line);
        ck_assert_msg(strcmp(block->text, expected[i].text) == 0,
                      "%s: block %zu is \"%s\", expected \"%s\"", name, i, block->text,
                      expected[i].text);
    }
    ck_assert_msg(text->count == count, "%s: %zu blocks, expected %zu", name, text->count,
                  count);
}

static const docket_block *find_block(const docket_text *text, const char *content)
{
    for (size_t i = 0; i < text->count; i++) {
        if (strcmp(text->blocks[i].text, content) == 0)
            return &text->blocks[i];
    }
    return NULL;
}

/* ---- formats ---- */

static const struct {
    const char *path;
    const char *format; /* NULL: not read */
} format_cases[] = {
    {"minutes.txt", "text"},
    {"MINUTES.TXT", "text"},
    {"notes.Text", "text"},
    {"dir/sub.d/notes.txt", "text"},
    {"README.md", "markdown"},
    {"README.MD", "markdown"},
    {"agenda.markdown", "markdown"},
    {"agenda.MarkDown", "markdown"},
    {"report.pdf", NULL},
    {"minutes.txt.bak", NULL},
    {"SEC-2014-0059R06.docx", "docx"},
    {"dir.md/file", NULL},
    {"Makefile", NULL},
    {".md", NULL},
    {"", NULL},
};

START_TEST(format_by_extension)
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

START_TEST(limits_default_size)
{
    docket_extract_limits limits;
    docket_extract_limits_default(&limits);
    ck_assert_uint_eq(limits.max_file_bytes, (size_t)256 * 1024 * 1024);
}
END_TEST

/* ---- charsets ---- */

static const struct {
    const char *name;
    bytes input;
    const char *expected;
} charset_cases[] = {
    {"ascii", BYTES("plain text\n"), "plain text\n"},
    {"utf-8", BYTES("caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D"),
     "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D"},
    {"utf-8 bom", BYTES("\xEF\xBB\xBF" "caf\xC3\xA9"), "caf\xC3\xA9"},
    {"utf-8 bom invalid byte", BYTES("\xEF\xBB\xBF" "a\xFF" "b"), "a\xEF\xBF\xBD" "b"},
    {"utf-16le bom", BYTES("\xFF\xFE" "h\0\xE9\0" "\x1C\x20"), "h\xC3\xA9\xE2\x80\x9C"},
    {"utf-16be bom", BYTES("\xFE\xFF" "\0h\0\xE9" "\x20\x1C"), "h\xC3\xA9\xE2\x80\x9C"},
    {"utf-16le surrogate pair", BYTES("\xFF\xFE" "\x3D\xD8\x00\xDE"), "\xF0\x9F\x98\x80"},
    {"utf-16le lone surrogate", BYTES("\xFF\xFE" "a\0" "\x00\xD8" "b\0"), "a\xEF\xBF\xBD" "b"},
    {"utf-16le odd length", BYTES("\xFF\xFE" "a\0" "b"), "a\xEF\xBF\xBD"},
    {"utf-16le crlf", BYTES("\xFF\xFE" "a\0\r\0\n\0b\0"), "a\nb"},
    {"utf-16 bom only", BYTES("\xFF\xFE"), ""},
    {"windows-1252 quotes", BYTES("\x93quoted\x94"), "\xE2\x80\x9Cquoted\xE2\x80\x9D"},
    {"windows-1252 en dash", BYTES("2014 \x96 2015"), "2014 \xE2\x80\x93 2015"},
    {"windows-1252 e acute", BYTES("caf\xE9"), "caf\xC3\xA9"},
    {"windows-1252 euro", BYTES("\x80" "5"), "\xE2\x82\xAC" "5"},
    {"latin-1 fallback", BYTES("\x81 caf\xE9 \x93"), "\xC2\x81 caf\xC3\xA9 \xC2\x93"},
    {"nbsp utf-8", BYTES("a\xC2\xA0" "b"), "a b"},
    {"narrow nbsp", BYTES("a\xE2\x80\xAF" "b"), "a b"},
    {"nbsp windows-1252", BYTES("a\xA0" "b\xE9"), "a b\xC3\xA9"},
    {"crlf", BYTES("a\r\nb\r\n"), "a\nb\n"},
    {"lone cr", BYTES("a\rb\r\rc"), "a\nb\n\nc"},
    {"word non-breaking hyphen", BYTES("SEC\x1E" "2014"), "SEC-2014"},
    {"unicode non-breaking hyphen", BYTES("SEC\xE2\x80\x91" "2014"), "SEC-2014"},
    {"soft hyphen", BYTES("secu\xC2\xAD" "rity"), "security"},
    {"soft hyphen windows-1252", BYTES("secu\xAD" "rity\xE9"), "security\xC3\xA9"},
    {"few control characters", BYTES("a\x01 line of ordinary text\ttab\f"),
     "a\x01 line of ordinary text\ttab\f"},
    {"empty", BYTES(""), ""},
};

START_TEST(charset_converts)
{
    char *out = NULL;
    size_t out_len = 0;
    docket_error err = {{0}};
    bytes input = charset_cases[_i].input;

    docket_status status = docket_text_to_utf8(input.data, input.len, &out, &out_len, &err);
    assert_ok(status, &err, charset_cases[_i].name);
    ck_assert_msg(strcmp(out, charset_cases[_i].expected) == 0, "%s: got \"%s\"",
                  charset_cases[_i].name, out);
    ck_assert_uint_eq(out_len, strlen(charset_cases[_i].expected));
    free(out);
}
END_TEST

static const struct {
    const char *name;
    bytes input;
    const char *reason; /* expected part of the message */
} binary_cases[] = {
    {"nul byte", BYTES("abc\0def"), "NUL byte at offset 3"},
    {"nul after utf-8 bom", BYTES("\xEF\xBB\xBF" "ab\0"), "NUL byte at offset 5"},
    {"utf-16 without bom", BYTES("h\0i\0"), "NUL byte at offset 1"},
    {"utf-16 nul character", BYTES("\xFF\xFE" "a\0\0\0"), "U+0000"},
    {"control characters", BYTES("\x7F" "ELF\x02\x01\x01\x03\x04\x05\x06\x07\x08"),
     "control characters"},
    {"utf-16 control characters", BYTES("\xFF\xFE" "\x01\0\x02\0\x03\0"), "control characters"},
};

START_TEST(charset_rejects_binary)
{
    char *out = NULL;
    size_t out_len = 0;
    docket_error err = {{0}};
    bytes input = binary_cases[_i].input;

    docket_status status = docket_text_to_utf8(input.data, input.len, &out, &out_len, &err);
    ck_assert_msg(status == DOCKET_ERR_INVALID_INPUT, "%s: status %s", binary_cases[_i].name,
                  docket_status_text(status));
    ck_assert_ptr_null(out);
    ck_assert_msg(strstr(err.message, binary_cases[_i].reason) != NULL,
                  "%s: message \"%s\" lacks \"%s\"", binary_cases[_i].name, err.message,
                  binary_cases[_i].reason);
}
END_TEST

/* ---- UTF-8 helpers ---- */

static const struct {
    const char *name;
    bytes input;
    const char *expected;
} sanitize_cases[] = {
    {"ascii", BYTES("abc"), "abc"},
    {"valid multibyte", BYTES("caf\xC3\xA9 \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xF0\x9F\x98\x80"},
    {"empty", BYTES(""), ""},
    {"invalid byte", BYTES("a\xFF" "b"), "a\xEF\xBF\xBD" "b"},
    {"truncated at end", BYTES("a\xC3"), "a\xEF\xBF\xBD"},
    {"truncated 4-byte", BYTES("\xF0\x9F\x98" "x"), "\xEF\xBF\xBD" "x"},
    {"overlong", BYTES("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"surrogate", BYTES("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"above U+10FFFF", BYTES("\xF4\x90\x80\x80"),
     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"lone continuation", BYTES("\x80" "a"), "\xEF\xBF\xBD" "a"},
};

START_TEST(sanitize_replaces_invalid)
{
    char *out = NULL;
    size_t out_len = 0;
    bytes input = sanitize_cases[_i].input;
    const char *expected = sanitize_cases[_i].expected;

    ck_assert_int_eq(docket_utf8_sanitize(input.data, input.len, &out, &out_len), DOCKET_OK);
    ck_assert_msg(strcmp(out, expected) == 0, "%s: got \"%s\"", sanitize_cases[_i].name, out);
    ck_assert_uint_eq(out_len, strlen(expected));
    ck_assert(docket_utf8_valid(out, out_len));
    ck_assert_int_eq(docket_utf8_valid(input.data, input.len),
                     strcmp(input.data, expected) == 0);
    free(out);
}
END_TEST

/* ---- docket_text ---- */

START_TEST(text_append_copies)
{
    docket_text *text = docket_text_new("notes.txt", "text");
    char line[] = "first";

    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq(docket_text_append(text, DOCKET_BLOCK_HEADING, 2, 7, line, 5), DOCKET_OK);
    line[0] = 'X';
    ck_assert_str_eq(text->blocks[0].text, "first");
    ck_assert_int_eq(text->blocks[0].kind, DOCKET_BLOCK_HEADING);
    ck_assert_int_eq(text->blocks[0].level, 2);
    ck_assert_uint_eq(text->blocks[0].line, 7);
    ck_assert_str_eq(text->path, "notes.txt");
    ck_assert_str_eq(text->format, "text");
    docket_text_free(text);
    docket_text_free(NULL);
}
END_TEST

START_TEST(text_append_grows)
{
    docket_text *text = docket_text_new("many.txt", "text");
    char line[16];

    ck_assert_ptr_nonnull(text);
    for (unsigned i = 0; i < 1000; i++) {
        int len = snprintf(line, sizeof line, "line %u", i);
        ck_assert_int_eq(docket_text_append(text, DOCKET_BLOCK_PARAGRAPH, 0, i + 1, line,
                                            (size_t)len),
                         DOCKET_OK);
    }
    ck_assert_uint_eq(text->count, 1000);
    ck_assert_str_eq(text->blocks[999].text, "line 999");
    ck_assert_uint_eq(text->blocks[999].line, 1000);
    docket_text_free(text);
}
END_TEST

/* ---- files ---- */

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

/* Call docket_extract_file and assert that it fails with `expected`, no
 * text and a message that starts with the path. */
static void assert_file_fails(const char *path, const docket_extract_limits *limits,
                              docket_status expected, const char *reason)
{
    docket_text *text = NULL;
    docket_error err = {{0}};
    docket_status status = docket_extract_file(path, limits, &text, &err);

    ck_assert_msg(status == expected, "%s: status %s, expected %s (%s)", path,
                  docket_status_text(status), docket_status_text(expected), err.message);
    ck_assert_ptr_null(text);
    assert_names_path(err.message, path);
    ck_assert_msg(strstr(err.message, reason) != NULL, "message \"%s\" lacks \"%s\"",
                  err.message, reason);
}

START_TEST(file_binary_rejected)
{
    static const char data[] = "hello world\n\0\x01\x02\x03";
    char *path = test_write_file(temp_dir, "binary.txt", data, sizeof data - 1);

    assert_file_fails(path, NULL, DOCKET_ERR_INVALID_INPUT,
                      "binary content (NUL byte at offset 12)");
    free(path);
}
END_TEST

START_TEST(file_empty_no_blocks)
{
    char *text_path = test_write_file(temp_dir, "empty.txt", "", 0);
    char *markdown_path = test_write_file(temp_dir, "empty.md", "", 0);
    docket_text *text = extract_file_ok(text_path);
    docket_text *markdown = extract_file_ok(markdown_path);

    ck_assert_uint_eq(text->count, 0);
    ck_assert_uint_eq(markdown->count, 0);
    ck_assert_str_eq(text->path, text_path);
    ck_assert_str_eq(markdown->format, "markdown");
    docket_text_free(text);
    docket_text_free(markdown);
    free(text_path);
    free(markdown_path);
}
END_TEST

START_TEST(file_over_limit)
{
    docket_extract_limits limits = {.max_file_bytes = 16};
    char *path = test_write_file(temp_dir, "big.txt", "seventeen bytes!\n", 17);

    assert_file_fails(path, &limits, DOCKET_ERR_TOO_LARGE, "too large");
    free(path);
}
END_TEST

/* A sparse file of 4 GiB over the default limit: reading it would take
 * seconds and gigabytes, so a quick TOO_LARGE shows that it was not read. */
START_TEST(file_over_limit_unread)
{
    char *path = test_write_file(temp_dir, "sparse.txt", "", 0);

    if (truncate(path, (off_t)4 << 30) != 0) {
        fprintf(stderr, "file_over_limit_unread skipped: cannot make a sparse file: %s\n",
                strerror(errno));
        free(path);
        return;
    }
    assert_file_fails(path, NULL, DOCKET_ERR_TOO_LARGE, "limit 268435456");
    free(path);
}
END_TEST

START_TEST(buffer_over_limit)
{
    docket_extract_limits limits = {.max_file_bytes = 4};
    docket_text *text = NULL;
    docket_error err = {{0}};
    docket_status status =
        docket_extract_buffer("member.txt", "text", "12345", 5, &limits, &text, &err);

    ck_assert_int_eq(status, DOCKET_ERR_TOO_LARGE);
    ck_assert_ptr_null(text);
    assert_names_path(err.message, "member.txt");
}
END_TEST

START_TEST(file_missing)
{
    size_t size = strlen(temp_dir) + 32;
    char *path = malloc(size);

    ck_assert_ptr_nonnull(path);
    snprintf(path, size, "%s/missing.txt", temp_dir);
    assert_file_fails(path, NULL, DOCKET_ERR_IO, "No such file");
    free(path);
}
END_TEST

/* Opening a FIFO for reading blocks until a writer comes, unless it is
 * opened non-blocking; the alarm ends the test if it blocks. */
START_TEST(file_fifo_rejected)
{
    size_t size = strlen(temp_dir) + 32;
    char *path = malloc(size);

    ck_assert_ptr_nonnull(path);
    snprintf(path, size, "%s/pipe.txt", temp_dir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    alarm(10);
    assert_file_fails(path, NULL, DOCKET_ERR_IO, "not a regular file");
    alarm(0);
    free(path);
}
END_TEST

START_TEST(file_folder_rejected)
{
    size_t size = strlen(temp_dir) + 32;
    char *path = malloc(size);

    ck_assert_ptr_nonnull(path);
    snprintf(path, size, "%s/folder.md", temp_dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    assert_file_fails(path, NULL, DOCKET_ERR_IO, "not a regular file");
    free(path);
}
END_TEST

START_TEST(file_symlink_followed)
{
    char *target = test_write_file(temp_dir, "target.txt", "linked\n", 7);
    size_t size = strlen(temp_dir) + 32;
    char *link = malloc(size);

    ck_assert_ptr_nonnull(link);
    snprintf(link, size, "%s/link.txt", temp_dir);
    ck_assert_int_eq(symlink(target, link), 0);

    docket_text *text = extract_file_ok(link);
    ck_assert_uint_eq(text->count, 1);
    ck_assert_str_eq(text->blocks[0].text, "linked");
    docket_text_free(text);
    free(link);
    free(target);
}
END_TEST

START_TEST(file_unsupported_type)
{
    char *path = test_write_file(temp_dir, "report.pdf", "%PDF-1.4\n", 9);

    assert_file_fails(path, NULL, DOCKET_ERR_UNSUPPORTED, "not supported");
    free(path);
}
END_TEST

START_TEST(buffer_unknown_format)
{
    docket_text *text = NULL;
    docket_error err = {{0}};
    docket_status status = docket_extract_buffer("a.xyz", "xyz", "x", 1, NULL, &text, &err);

    ck_assert_int_eq(status, DOCKET_ERR_UNSUPPORTED);
    ck_assert_ptr_null(text);
    assert_names_path(err.message, "a.xyz");
}
END_TEST

START_TEST(file_windows_1252)
{
    static const char data[] = "Decision: \x93" "agreed\x94 \x96 r\xE9sum\xE9\r\n";
    char *path = test_write_file(temp_dir, "cp1252.txt", data, sizeof data - 1);
    docket_text *text = extract_file_ok(path);

    ck_assert_uint_eq(text->count, 1);
    ck_assert_str_eq(text->blocks[0].text, "Decision: \xE2\x80\x9C" "agreed\xE2\x80\x9D "
                                           "\xE2\x80\x93 r\xC3\xA9sum\xC3\xA9");
    docket_text_free(text);
    free(path);
}
END_TEST

/* ---- plain text ---- */

START_TEST(plain_text_lines)
{
    static const char data[] = "  indented\n\ttabbed  \n\n   \nSEC\xC2\xA0" "9.0\r\nlast";
    static const expected_block expected[] = {
        P(1, "  indented"), P(2, "\ttabbed"), BLANK(3), BLANK(4), P(5, "SEC 9.0"),
        P(6, "last"), END,
    };
    docket_text *text = extract_buffer_ok("text", data, sizeof data - 1);

    check_blocks("plain text", text, expected);
    ck_assert_str_eq(text->format, "text");
    docket_text_free(text);
}
END_TEST

START_TEST(plain_text_trailing_newline)
{
    docket_text *text = extract_buffer_ok("text", "a\nb\n", 4);

    ck_assert_uint_eq(text->count, 2);
    docket_text_free(text);
}
END_TEST

START_TEST(onem2m_minutes_lines)
{
    docket_text *text = extract_file_ok(MINUTES_PATH);
    const docket_block *block =
        find_block(text, "6 Contributions affecting deliverables from other WGs");

    ck_assert_uint_gt(text->count, 0);
    ck_assert_uint_eq(text->blocks[0].line, 1);
    ck_assert_str_eq(text->blocks[0].text, " \tMINUTES");
    ck_assert_ptr_nonnull(block);
    ck_assert_uint_eq(block->line, 146);
    ck_assert_int_eq(block->kind, DOCKET_BLOCK_PARAGRAPH);
    /* The file ends with a line holding one space after its last newline. */
    ck_assert_uint_eq(text->count, 405);
    ck_assert_int_eq(text->blocks[404].kind, DOCKET_BLOCK_BLANK);
    ck_assert_uint_eq(text->blocks[404].line, 405);
    docket_text_free(text);
}
END_TEST

/* ---- Markdown ---- */

static const expected_block atx_blocks[] = {
    H(1, 1, "One"), H(2, 2, "Two"), H(6, 3, "Six"), P(4, "####### Seven"),
    P(5, "#hashtag"), H(1, 6, ""), H(3, 7, "C#"), P(8, "    # indented code"),
    H(2, 9, "Closing#"), END,
};

static const expected_block setext_blocks[] = {
    H(1, 1, "Title"), BLANK(3), H(2, 4, "Sub"), P(6, "text"), BLANK(7), P(8, "---"),
    P(9, "==="), END,
};

static const expected_block fence_blocks[] = {
    P(1, "```"), P(2, "# not a heading"), P(3, "- not an item"), BLANK(4),
    P(5, "```"), H(1, 6, "Heading"), P(7, "~~~~"), P(8, "| no | row |"),
    P(9, "```"), P(10, "~~~~"), P(11, "```inline``` code"), END,
};

static const expected_block table_blocks[] = {
    ROW(1, "Tdoc\tTitle\tDecision"), ROW(3, "SEC-2014-0059\tBootstrap\tagreed"),
    ROW(4, "a | b\t\tc"), BLANK(5), P(6, "after"), END,
};

static const expected_block bare_table_blocks[] = {
    ROW(1, "Tdoc\tDecision"), ROW(3, "S2-1812368\tnoted"), BLANK(4), P(5, "x | y"),
    P(6, "z | w"), END,
};

static const expected_block list_blocks[] = {
    LI(1, 1, "one"), LI(2, 2, "two"), LI(3, 3, "three"), LI(1, 4, "plus"),
    LI(1, 5, "first"), LI(1, 6, "tenth"), LI(2, 7, "tabbed"), P(8, "-not an item"),
    P(9, "* * *"), P(10, "1.5 million"), END,
};

static const expected_block front_matter_blocks[] = {
    P(1, "---"), P(2, "title: Minutes"), P(3, "# comment"), P(4, "---"),
    H(1, 5, "Real"), END,
};

static const expected_block unclosed_front_matter_blocks[] = {
    P(1, "---"), H(1, 2, "Title"), END,
};

static const expected_block paragraph_blocks[] = {
    P(1, "Intro line"), P(2, "  indented text"), BLANK(3), H(1, 4, "A"), P(5, "last"), END,
};

static const struct {
    const char *name;
    const char *input;
    const expected_block *expected;
} markdown_cases[] = {
    {"atx headings",
     "# One\n## Two ##\n###### Six\n####### Seven\n#hashtag\n#\n### C# #\n"
     "    # indented code\n## Closing#\n",
     atx_blocks},
    {"setext headings", "Title\n=====\n\nSub\n---\ntext\n\n---\n===\n", setext_blocks},
    {"fenced code",
     "```\n# not a heading\n- not an item\n\n```\n# Heading\n~~~~\n| no | row |\n```\n~~~~\n"
     "```inline``` code\n",
     fence_blocks},
    {"table",
     "| Tdoc | Title | Decision |\n|---|:--:|---|\n| SEC-2014-0059 | Bootstrap | agreed |\n"
     "|  a \\| b | | c |\n\nafter\n",
     table_blocks},
    {"table without outer pipes",
     "Tdoc | Decision\n--- | ---\nS2-1812368 | noted\n\nx | y\nz | w\n", bare_table_blocks},
    {"list items",
     "- one\n  - two\n    * three\n+ plus\n1. first\n10) tenth\n\t- tabbed\n-not an item\n"
     "* * *\n1.5 million\n",
     list_blocks},
    {"front matter", "---\ntitle: Minutes\n# comment\n---\n# Real\n", front_matter_blocks},
    {"unclosed front matter", "---\n# Title\n", unclosed_front_matter_blocks},
    {"paragraphs and crlf", "Intro line\r\n  indented text  \r\n\r\n# A\r\nlast", paragraph_blocks},
};

START_TEST(markdown_blocks)
{
    const char *input = markdown_cases[_i].input;
    docket_text *text = extract_buffer_ok("markdown", input, strlen(input));

    check_blocks(markdown_cases[_i].name, text, markdown_cases[_i].expected);
    docket_text_free(text);
}
END_TEST

START_TEST(markdown_fixture_minutes)
{
    static const expected_block expected[] = {
        P(1, "---"), P(2, "title: CORE WG interim meeting"), P(3, "date: 2023-05-10"),
        P(4, "---"), BLANK(5), H(1, 6, "Minutes of the CORE interim"), BLANK(8),
        P(9, "Chair: Anna Berg"), P(10, "Note taker: J\xC3\xBCrgen M\xC3\xBCller"), BLANK(11),
        H(2, 12, "1. Agenda bashing"), BLANK(13), P(14, "No changes."), BLANK(15),
        H(2, 16, "2. Documents"), BLANK(17), ROW(18, "Draft\tPresenter\tOutcome"),
        ROW(20, "draft-ietf-core-href\tJ\xC3\xBCrgen\tWGLC"),
        ROW(21, "draft-ietf-core-oscore-groupcomm\tAnna\trevised"), BLANK(22),
        H(2, 23, "Open points"), BLANK(25), LI(1, 26, "Error handling for CRI"),
        LI(2, 27, "Check the **percent-encoding** rules"), LI(3, 28, "Ask the ART area"),
        LI(1, 29, "Publish version -13"), BLANK(30), P(31, "```yaml"),
        P(32, "# example configuration, not a heading"), P(33, "- not a list item"),
        P(34, "```"), BLANK(35), P(36, "---"), BLANK(37),
        P(38, "Action: authors to post a new revision."), END,
    };
    docket_text *text = extract_file_ok(FIXTURE_DIR "/minutes.md");

    check_blocks("minutes.md", text, expected);
    docket_text_free(text);
}
END_TEST

/* ---- shared corpus ---- */

static size_t corpus_files;
static size_t corpus_failures;
static char corpus_first_failure[2048];

static void note_corpus_failure(const char *format, ...) __attribute__((format(printf, 1, 2)));

static void note_corpus_failure(const char *format, ...)
{
    if (corpus_failures++ == 0) {
        va_list args;
        va_start(args, format);
        vsnprintf(corpus_first_failure, sizeof corpus_first_failure, format, args);
        va_end(args);
    }
}

static int extract_corpus_file(const char *path, const struct stat *st, int flag,
                               struct FTW *ftw)
{
    const char *format = flag == FTW_F ? docket_extract_format(path) : NULL;
    docket_text *text = NULL;
    docket_error err = {{0}};

    if (!format)
        return 0;
    corpus_files++;
    docket_status status = docket_extract_file(path, NULL, &text, &err);
    if (status != DOCKET_OK) {
        note_corpus_failure("%s: %s", docket_status_text(status), err.message);
        return 0;
    }
    for (size_t i = 0; i < text->count; i++) {
        const char *block = text->blocks[i].text;
        if (!docket_utf8_valid(block, strlen(block))) {
            note_corpus_failure("%s: block %zu is not valid UTF-8", path, i);
            break;
        }
    }
    docket_text_free(text);
    return 0;
}

START_TEST(shared_corpus_extracts)
{
    struct stat st;

    if (stat(DOCKET_SHARED_CORPUS, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "shared_corpus_extracts skipped: %s is missing\n", DOCKET_SHARED_CORPUS);
        return;
    }
    corpus_files = 0;
    corpus_failures = 0;
    ck_assert_int_eq(nftw(DOCKET_SHARED_CORPUS, extract_corpus_file, 16, FTW_PHYS), 0);
    ck_assert_uint_gt(corpus_files, 0);
    ck_assert_msg(corpus_failures == 0, "%zu of %zu files failed, first: %s", corpus_failures,
                  corpus_files, corpus_first_failure);
}
END_TEST

static Suite *extract_suite(void)
{
    Suite *suite = suite_create("extract");

    TCase *formats = tcase_create("formats");
    tcase_add_loop_test(formats, format_by_extension, 0,
                        sizeof format_cases / sizeof format_cases[0]);
    tcase_add_test(formats, limits_default_size);
    suite_add_tcase(suite, formats);

    TCase *charsets = tcase_create("charsets");
    tcase_add_loop_test(charsets, charset_converts, 0,
                        sizeof charset_cases / sizeof charset_cases[0]);
    tcase_add_loop_test(charsets, charset_rejects_binary, 0,
                        sizeof binary_cases / sizeof binary_cases[0]);
    tcase_add_loop_test(charsets, sanitize_replaces_invalid, 0,
                        sizeof sanitize_cases / sizeof sanitize_cases[0]);
    suite_add_tcase(suite, charsets);

    TCase *text = tcase_create("text");
    tcase_add_test(text, text_append_copies);
    tcase_add_test(text, text_append_grows);
    tcase_add_test(text, plain_text_lines);
    tcase_add_test(text, plain_text_trailing_newline);
    tcase_add_test(text, onem2m_minutes_lines);
    tcase_add_loop_test(text, markdown_blocks, 0,
                        sizeof markdown_cases / sizeof markdown_cases[0]);
    tcase_add_test(text, markdown_fixture_minutes);
    tcase_add_test(text, buffer_over_limit);
    tcase_add_test(text, buffer_unknown_format);
    suite_add_tcase(suite, text);

    TCase *files = tcase_create("files");
    tcase_add_checked_fixture(files, make_temp_dir, remove_temp_dir);
    tcase_add_test(files, file_binary_rejected);
    tcase_add_test(files, file_empty_no_blocks);
    tcase_add_test(files, file_over_limit);
    tcase_add_test(files, file_over_limit_unread);
    tcase_add_test(files, file_missing);
    tcase_add_test(files, file_fifo_rejected);
    tcase_add_test(files, file_folder_rejected);
    tcase_add_test(files, file_symlink_followed);
    tcase_add_test(files, file_unsupported_type);
    tcase_add_test(files, file_windows_1252);
    suite_add_tcase(suite, files);

    TCase *corpus = tcase_create("corpus");
    tcase_set_timeout(corpus, 120);
    tcase_add_test(corpus, shared_corpus_extracts);
    suite_add_tcase(suite, corpus);

    return suite;
}

int main(void)
{
    return test_run_suite(extract_suite());
}
