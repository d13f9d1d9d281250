# Script mode: writes OUT, the bytes of IN as a comma-separated list of
# character literals ending in 0, to include inside `char x[] = { ... };`.
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUT}.tmp" "${bytes}0\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
