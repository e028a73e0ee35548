/* check_util.h: helpers shared by the Check suites. */
#ifndef DOCKET_CHECK_UTIL_H
#define DOCKET_CHECK_UTIL_H

#include <check.h>
#include <stddef.h>

/* Create a fresh temporary folder; the caller frees the path and removes
 * the folder with test_remove_tree. */
char *test_make_temp_dir(void);

/* Remove a folder and everything under it. */
void test_remove_tree(const char *path);

/* Write `len` bytes to `dir`/`name` and return the malloc'ed full path. */
char *test_write_file(const char *dir, const char *name, const char *data, size_t len);

/* Read a whole file into a NUL-terminated malloc'ed buffer, or NULL. */
char *test_read_file(const char *path, size_t *len);

/* Run the suite and return the process exit status. */
int test_run_suite(Suite *suite);

#endif
