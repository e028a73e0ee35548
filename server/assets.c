/* assets.c: the map from request path to the embedded files of the search page. */
#include "assets.h"

#include <string.h>

/* Written by server/embed.cmake from server/page/ at build time. */
extern const unsigned char page_index_html[];
extern const size_t page_index_html_size;
extern const unsigned char page_app_js[];
extern const size_t page_app_js_size;
extern const unsigned char page_style_css[];
extern const size_t page_style_css_size;

bool assets_find(const char *path, asset *out)
{
    /* The sizes are not constant expressions, so the table lives on the
     * stack of each call. */
    const asset assets[] = {
        {"/", "text/html; charset=utf-8", page_index_html, page_index_html_size},
        {"/app.js", "text/javascript; charset=utf-8", page_app_js, page_app_js_size},
        {"/style.css", "text/css; charset=utf-8", page_style_css, page_style_css_size},
    };
    for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++) {
        if (strcmp(assets[i].path, path) == 0) {
            *out = assets[i];
            return true;
        }
    }
    return false;
}
