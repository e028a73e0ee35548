/* extract_run.c: running an external converter without a shell, with a time limit and an output cap. */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "extract_internal.h"

extern char **environ;

/* The start of the converter's standard error kept for the message. */
#define STDERR_KEEP 300

#define READ_CHUNK ((size_t)64 * 1024)

/* What the converter wrote so far. */
typedef struct child_output {
    int out_fd; /* -1 once closed */
    int err_fd;
    char *out;
    size_t out_len;
    size_t out_capacity;
    char err[STDERR_KEEP + 1];
    size_t err_len;
} child_output;

static int make_pipe(int fds[2])
{
    /* Close-on-exec from the start, so that no child spawned by another
     * thread inherits these ends. */
    return pipe2(fds, O_CLOEXEC);
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* Start `argv` with stdin from /dev/null, stdout and stderr to the write
 * ends given, no signal blocked and the usual signals at their defaults. */
static int spawn(char *const argv[], int out_fd, int err_fd, pid_t *pid)
{
    static const int default_signals[] = {SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD};
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    sigset_t mask;
    sigset_t defaults;

    sigemptyset(&mask);
    sigemptyset(&defaults);
    for (size_t i = 0; i < sizeof default_signals / sizeof default_signals[0]; i++)
        sigaddset(&defaults, default_signals[i]);

    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setsigmask(&attributes, &mask);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    int error = posix_spawnp(pid, argv[0], &actions, &attributes, argv, environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return error;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read what is there on the converter's stdout; closes it at its end. */
static docket_status read_stdout(child_output *child, size_t max_output, const char *program,
                                 docket_error *err)
{
    if (child->out_capacity - child->out_len < READ_CHUNK + 1) {
        size_t capacity = child->out_capacity ? child->out_capacity * 2 : 4 * READ_CHUNK;
        char *grown = realloc(child->out, capacity);
        if (!grown)
            return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
        child->out = grown;
        child->out_capacity = capacity;
    }
    ssize_t n = read(child->out_fd, child->out + child->out_len, READ_CHUNK);
    if (n < 0 && errno != EINTR && errno != EAGAIN)
        return docket_error_set(err, DOCKET_ERR_IO, "reading the output of %s: %s", program,
                                strerror(errno));
    if (n == 0)
        close_fd(&child->out_fd);
    if (n > 0)
        child->out_len += (size_t)n;
    if (child->out_len > max_output)
        return docket_error_set(err, DOCKET_ERR_TOO_LARGE,
                                "%s wrote more than %zu bytes of text, limit %zu", program,
                                max_output, max_output);
    return DOCKET_OK;
}

/* Keep the start of the converter's stderr and drop the rest. */
static void read_stderr(child_output *child)
{
    char chunk[4096];
    ssize_t n = read(child->err_fd, chunk, sizeof chunk);

    if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
        close_fd(&child->err_fd);
        return;
    }
    size_t room = STDERR_KEEP - child->err_len;
    size_t keep = n > 0 && (size_t)n < room ? (size_t)n : room;
    memcpy(child->err + child->err_len, chunk, n > 0 ? keep : 0);
    child->err_len += n > 0 ? keep : 0;
}

static docket_status timed_out(const char *program, unsigned seconds, docket_error *err)
{
    return docket_error_set(err, DOCKET_ERR_TOO_LARGE, "%s took longer than %u s and was stopped",
                            program, seconds);
}

/* Read both outputs until the converter closes them or a limit is hit. */
static docket_status collect(child_output *child, long long deadline, unsigned seconds,
                             size_t max_output, const char *program, docket_error *err)
{
    while (child->out_fd >= 0 || child->err_fd >= 0) {
        struct pollfd fds[2] = {{child->out_fd, POLLIN, 0}, {child->err_fd, POLLIN, 0}};
        long long left = deadline - now_ms();
        if (left <= 0)
            return timed_out(program, seconds, err);
        int n = poll(fds, 2, (int)(left < 60000 ? left : 60000));
        if (n < 0 && errno != EINTR)
            return docket_error_set(err, DOCKET_ERR_IO, "waiting for %s: %s", program,
                                    strerror(errno));
        if (n > 0 && fds[0].revents) {
            docket_status status = read_stdout(child, max_output, program, err);
            if (status != DOCKET_OK)
                return status;
        }
        if (n > 0 && fds[1].revents)
            read_stderr(child);
    }
    return DOCKET_OK;
}

static int wait_for(pid_t pid)
{
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
        continue;
    return wstatus;
}

/* Wait for the converter to exit until the deadline, because it may close
 * its outputs and still run. */
static docket_status wait_until(pid_t pid, long long deadline, unsigned seconds,
                                const char *program, int *wstatus, docket_error *err)
{
    const struct timespec pause = {0, 10 * 1000 * 1000};

    for (;;) {
        pid_t done = waitpid(pid, wstatus, WNOHANG);
        if (done == pid)
            return DOCKET_OK;
        if (done < 0 && errno != EINTR)
            return docket_error_set(err, DOCKET_ERR_IO, "waiting for %s: %s", program,
                                    strerror(errno));
        if (now_ms() >= deadline) {
            kill(pid, SIGKILL);
            wait_for(pid);
            return timed_out(program, seconds, err);
        }
        nanosleep(&pause, NULL);
    }
}

/* Turn the converter's stderr into one line for a message. */
static const char *stderr_line(child_output *child)
{
    size_t len = child->err_len;

    child->err[len] = '\0';
    for (size_t i = 0; i < len; i++) {
        if (child->err[i] == '\n' || child->err[i] == '\r' || child->err[i] == '\t')
            child->err[i] = ' ';
    }
    while (len > 0 && child->err[len - 1] == ' ')
        child->err[--len] = '\0';
    return len ? child->err : "no message";
}

static docket_status check_exit(int wstatus, const char *program, child_output *child,
                                docket_error *err)
{
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0)
        return DOCKET_OK;
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 127)
        return docket_error_set(err, DOCKET_ERR_UNSUPPORTED, "%s is not installed", program);
    if (WIFEXITED(wstatus))
        return docket_error_set(err, DOCKET_ERR_INVALID_INPUT,
                                "%s failed with exit status %d: %s", program,
                                WEXITSTATUS(wstatus), stderr_line(child));
    return docket_error_set(err, DOCKET_ERR_INVALID_INPUT, "%s was ended by signal %d: %s",
                            program, WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0,
                            stderr_line(child));
}

static docket_status spawn_failure(int error, const char *program, docket_error *err)
{
    if (error == ENOENT)
        return docket_error_set(err, DOCKET_ERR_UNSUPPORTED,
                                "%s is not installed (not found in PATH)", program);
    return docket_error_set(err, DOCKET_ERR_IO, "cannot run %s: %s", program, strerror(error));
}

/* Create the pipes and start the converter with their write ends. */
static docket_status start(char *const argv[], child_output *child, pid_t *pid,
                           docket_error *err)
{
    int out_pipe[2] = {-1, -1};
    int err_pipe[2] = {-1, -1};

    if (make_pipe(out_pipe) != 0 || make_pipe(err_pipe) != 0) {
        int error = errno;
        close_fd(&out_pipe[0]);
        close_fd(&out_pipe[1]);
        return docket_error_set(err, DOCKET_ERR_IO, "cannot create a pipe: %s", strerror(error));
    }
    int error = spawn(argv, out_pipe[1], err_pipe[1], pid);
    close_fd(&out_pipe[1]);
    close_fd(&err_pipe[1]);
    child->out_fd = out_pipe[0];
    child->err_fd = err_pipe[0];
    if (error) {
        close_fd(&child->out_fd);
        close_fd(&child->err_fd);
        return spawn_failure(error, argv[0], err);
    }
    return DOCKET_OK;
}

/* Read the output, then reap the converter: killed after a failure,
 * checked for its exit status after success. */
static docket_status run(char *const argv[], child_output *child, pid_t pid, unsigned seconds,
                         size_t max_output, docket_error *err)
{
    long long deadline = now_ms() + (long long)seconds * 1000;
    docket_status status = collect(child, deadline, seconds, max_output, argv[0], err);
    int wstatus = 0;

    close_fd(&child->out_fd);
    close_fd(&child->err_fd);
    if (status != DOCKET_OK) {
        kill(pid, SIGKILL);
        wait_for(pid);
        return status;
    }
    status = wait_until(pid, deadline, seconds, argv[0], &wstatus, err);
    if (status == DOCKET_OK)
        status = check_exit(wstatus, argv[0], child, err);
    return status;
}

docket_status docket_run_converter(char *const argv[], unsigned seconds, size_t max_output,
                                   char **out, size_t *out_len, docket_error *err)
{
    child_output child = {.out_fd = -1, .err_fd = -1};
    pid_t pid = 0;

    *out = NULL;
    *out_len = 0;
    docket_status status = start(argv, &child, &pid, err);
    if (status == DOCKET_OK)
        status = run(argv, &child, pid, seconds, max_output, err);
    if (status == DOCKET_OK && !child.out && !(child.out = malloc(1)))
        status = docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
    if (status != DOCKET_OK) {
        free(child.out);
        return status;
    }
    child.out[child.out_len] = '\0';
    *out = child.out;
    *out_len = child.out_len;
    return DOCKET_OK;
}
