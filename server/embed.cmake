# embed.cmake: write the files of the search page into a C source file as
# byte arrays, so that docket-serve serves them from memory.
#
#   cmake -DOUTPUT=page.c "-DINPUTS=a.html|b.js" -P embed.cmake
#
# Each file NAME.EXT becomes `const unsigned char page_NAME_EXT[]`, ending
# in one NUL byte that `page_NAME_EXT_size` does not count.

string(REPLACE "|" ";" inputs "${INPUTS}")
set(code "/* Written by server/embed.cmake from server/page/ at build time. */\n")
string(APPEND code "#include <stddef.h>\n")

foreach(input IN LISTS inputs)
  get_filename_component(name "${input}" NAME)
  string(MAKE_C_IDENTIFIER "page_${name}" symbol)
  file(READ "${input}" hex HEX)
  file(SIZE "${input}" size)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" bytes "${bytes}")
  string(APPEND code "\nconst unsigned char ${symbol}[] = {\n${bytes}0x00};\n")
  string(APPEND code "const size_t ${symbol}_size = ${size};\n")
endforeach()

file(WRITE "${OUTPUT}" "${code}")
