/* msg.c: diagnostics of the docket programs, all on stderr. */
#include "cli/msg.h"

#include <stdarg.h>
#include <stdio.h>

static const char *program_name = "docket";
static msg_level current_level = MSG_NORMAL;

void msg_init(const char *program)
{
    program_name = program;
}

void msg_set_level(msg_level level)
{
    current_level = level;
}

msg_level msg_get_level(void)
{
    return current_level;
}

static void emit(const char *kind, const char *format, va_list args)
{
    /* One line at a time: docket-index writes from two threads. */
    flockfile(stderr);
    fprintf(stderr, "%s: %s", program_name, kind);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    funlockfile(stderr);
}

void msg_error(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    emit("", format, args);
    va_end(args);
}

void msg_warning(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    emit("warning: ", format, args);
    va_end(args);
}

void msg_info(const char *format, ...)
{
    if (current_level < MSG_NORMAL)
        return;
    va_list args;
    va_start(args, format);
    emit("", format, args);
    va_end(args);
}

void msg_note(const char *format, ...)
{
    if (current_level < MSG_VERBOSE)
        return;
    va_list args;
    va_start(args, format);
    emit("note: ", format, args);
    va_end(args);
}

void msg_measurement(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    emit("", format, args);
    va_end(args);
}
