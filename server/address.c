/* address.c: the --listen address of docket-serve. */
#include "address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/options.h"

#define HOST_MAX 64

/* Split "HOST:PORT" or "[HOST]:PORT" into `host` (without brackets) and
 * the port text. */
static bool split_host_port(const char *text, char *host, size_t size, const char **port)
{
    const char *end = NULL;
    const char *start = text;
    if (*text == '[') {
        start = text + 1;
        end = strchr(start, ']');
        if (!end || end[1] != ':')
            return false;
        *port = end + 2;
    } else {
        end = strrchr(text, ':');
        if (!end)
            return false;
        *port = end + 1;
    }
    size_t length = (size_t)(end - start);
    if (length == 0 || length >= size)
        return false;
    memcpy(host, start, length);
    host[length] = '\0';
    return true;
}

static bool set_ipv4(const char *host, unsigned port, listen_address *out)
{
    struct sockaddr_in *in = (struct sockaddr_in *)&out->storage;
    if (inet_pton(AF_INET, host, &in->sin_addr) != 1)
        return false;
    in->sin_family = AF_INET;
    in->sin_port = htons((unsigned short)port);
    out->loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    return true;
}

static bool set_ipv6(const char *host, unsigned port, listen_address *out)
{
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&out->storage;
    if (inet_pton(AF_INET6, host, &in6->sin6_addr) != 1)
        return false;
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons((unsigned short)port);
    out->ipv6 = true;
    out->loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
    return true;
}

bool address_parse(const char *text, listen_address *out)
{
    memset(out, 0, sizeof *out);
    char host[HOST_MAX];
    const char *port_text = NULL;
    unsigned port = 0;
    if (!split_host_port(text, host, sizeof host, &port_text) ||
        !options_parse_unsigned(port_text, 65535, &port))
        return false;

    if (strcasecmp(host, "localhost") == 0)
        return set_ipv4("127.0.0.1", port, out);
    if (*text == '[')
        return set_ipv6(host, port, out);
    return set_ipv4(host, port, out);
}

unsigned address_port(const listen_address *address)
{
    if (address->ipv6)
        return ntohs(((const struct sockaddr_in6 *)&address->storage)->sin6_port);
    return ntohs(((const struct sockaddr_in *)&address->storage)->sin_port);
}

void address_url(const listen_address *address, unsigned port, char *out, size_t size)
{
    char host[INET6_ADDRSTRLEN];
    if (address->ipv6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&address->storage;
        inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
        snprintf(out, size, "http://[%s]:%u/", host, port);
    } else {
        const struct sockaddr_in *in = (const struct sockaddr_in *)&address->storage;
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
        snprintf(out, size, "http://%s:%u/", host, port);
    }
}

/* Copy the name of a Host header value into `name`, without brackets
 * and port. */
static bool host_name(const char *host, char *name, size_t size)
{
    const char *start = host;
    const char *end = NULL;
    if (*host == '[') {
        start = host + 1;
        end = strchr(start, ']');
        if (!end || (end[1] != '\0' && end[1] != ':'))
            return false;
    } else {
        end = strchr(host, ':');
        if (!end)
            end = host + strlen(host);
    }
    size_t length = (size_t)(end - start);
    if (length == 0 || length >= size)
        return false;
    memcpy(name, start, length);
    name[length] = '\0';
    return true;
}

bool address_host_is_loopback(const char *host)
{
    char name[HOST_MAX];
    if (!host_name(host, name, sizeof name))
        return false;
    if (strcasecmp(name, "localhost") == 0)
        return true;

    struct in_addr v4;
    struct in6_addr v6;
    if (*host == '[')
        return inet_pton(AF_INET6, name, &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
    return inet_pton(AF_INET, name, &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}
