/* msg.h: diagnostics of the docket programs, all on stderr.
 *
 * Every line starts with the program name: "docket-search: <what failed>:
 * <value>: <reason>". Errors, warnings and measurements always print.
 * --quiet drops info lines (the summary), and notes print only with
 * --verbose.
 */
#ifndef DOCKET_CLI_MSG_H
#define DOCKET_CLI_MSG_H

typedef enum msg_level {
    MSG_QUIET = -1,
    MSG_NORMAL = 0,
    MSG_VERBOSE = 1
} msg_level;

void msg_init(const char *program);
void msg_set_level(msg_level level);
msg_level msg_get_level(void);

void msg_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
void msg_warning(const char *format, ...) __attribute__((format(printf, 1, 2)));
void msg_info(const char *format, ...) __attribute__((format(printf, 1, 2)));
void msg_note(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* A figure an option requested, such as --timing. */
void msg_measurement(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
