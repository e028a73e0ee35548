/* address.h: the --listen address of docket-serve. */
#ifndef DOCKET_SERVE_ADDRESS_H
#define DOCKET_SERVE_ADDRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#define ADDRESS_DEFAULT "127.0.0.1:8080"
/* Room for "http://[IPv6 address]:65535/" and a NUL. */
#define ADDRESS_URL_SIZE 80

typedef struct listen_address {
    struct sockaddr_storage storage; /* a sockaddr_in or sockaddr_in6 */
    bool ipv6;
    bool loopback; /* 127.0.0.0/8 or ::1 */
} listen_address;

/* Parse "IPV4:PORT", "[IPV6]:PORT" or "localhost:PORT" (127.0.0.1) into
 * `out`; PORT 0 lets the system pick a free port. Host names other than
 * localhost are rejected so that no lookup decides what is exposed. */
bool address_parse(const char *text, listen_address *out);

/* Return the port of `address`, as given; 0 means the system picks one. */
unsigned address_port(const listen_address *address);

/* Write the URL of the page, "http://HOST:PORT/", for the bound `port`. */
void address_url(const listen_address *address, unsigned port, char *out, size_t size);

/* Whether the Host header `host` names a loopback address: 127.0.0.0/8,
 * localhost or [::1], with or without a port. A server bound to loopback
 * rejects other names, which a page on another site could send through a
 * DNS name that resolves to 127.0.0.1 (DNS rebinding). */
bool address_host_is_loopback(const char *host);

#endif
