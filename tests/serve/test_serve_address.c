/* test_serve_address.c: --listen values and Host headers of docket-serve. */
#include "address.h"
#include "check_util.h"

typedef struct listen_case {
    const char *text;
    bool valid;
    bool ipv6;
    bool loopback;
    unsigned port;
    const char *url; /* address_url with the port given */
} listen_case;

static const listen_case listen_cases[] = {
    {"127.0.0.1:8080", true, false, true, 8080, "http://127.0.0.1:8080/"},
    {"127.0.0.1:0", true, false, true, 0, "http://127.0.0.1:0/"},
    {"localhost:9000", true, false, true, 9000, "http://127.0.0.1:9000/"},
    {"127.8.9.10:1", true, false, true, 1, "http://127.8.9.10:1/"},
    {"0.0.0.0:8080", true, false, false, 8080, "http://0.0.0.0:8080/"},
    {"192.168.1.20:80", true, false, false, 80, "http://192.168.1.20:80/"},
    {"[::1]:8080", true, true, true, 8080, "http://[::1]:8080/"},
    {"[::]:8080", true, true, false, 8080, "http://[::]:8080/"},
    {"127.0.0.1", false, false, false, 0, NULL},
    {"127.0.0.1:", false, false, false, 0, NULL},
    {"127.0.0.1:65536", false, false, false, 0, NULL},
    {"127.0.0.1:-1", false, false, false, 0, NULL},
    {":8080", false, false, false, 0, NULL},
    {"example.org:80", false, false, false, 0, NULL},
    {"::1:8080", false, false, false, 0, NULL},
    {"[::1]8080", false, false, false, 0, NULL},
    {"[127.0.0.1]:80", false, false, false, 0, NULL},
};

START_TEST(listen_table)
{
    const listen_case *c = &listen_cases[_i];
    listen_address address;
    ck_assert_msg(address_parse(c->text, &address) == c->valid, "%s", c->text);
    if (!c->valid)
        return;
    ck_assert_int_eq(address.ipv6, c->ipv6);
    ck_assert_int_eq(address.loopback, c->loopback);
    ck_assert_uint_eq(address_port(&address), c->port);
    char url[ADDRESS_URL_SIZE];
    address_url(&address, c->port, url, sizeof url);
    ck_assert_str_eq(url, c->url);
}
END_TEST

typedef struct host_case {
    const char *host;
    bool loopback;
} host_case;

static const host_case host_cases[] = {
    {"127.0.0.1:8080", true},  {"127.0.0.1", true},      {"127.200.0.1:80", true},
    {"localhost:8080", true},  {"LocalHost", true},      {"[::1]:8080", true},
    {"[::1]", true},           {"attacker.example", false}, {"attacker.example:8080", false},
    {"localhost.example:80", false}, {"128.0.0.1:80", false}, {"[::2]:80", false},
    {"[::1", false},           {"", false},               {"[::1]x", false},
};

START_TEST(host_table)
{
    const host_case *c = &host_cases[_i];
    ck_assert_msg(address_host_is_loopback(c->host) == c->loopback, "Host: %s", c->host);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("serve_address");
    TCase *tc = tcase_create("address");
    tcase_add_loop_test(tc, listen_table, 0, sizeof listen_cases / sizeof listen_cases[0]);
    tcase_add_loop_test(tc, host_table, 0, sizeof host_cases / sizeof host_cases[0]);
    suite_add_tcase(suite, tc);
    return test_run_suite(suite);
}
