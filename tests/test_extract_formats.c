/* test_extract_formats.c: placeholder */
#include "check_util.h"
int main(void){return test_run_suite(suite_create("x"));}
