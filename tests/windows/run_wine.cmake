# Runs a mingw-built program under Wine in a private prefix and checks its exit code
# and, optionally, that its output contains EXPECT.
# -DWINE=... -DPREFIX=... -DPROGRAM=... [-DARGS=a;b] [-DEXPECT=text]
file(MAKE_DIRECTORY ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} -E env WINEPREFIX=${PREFIX} WINEDEBUG=-all WINEDLLOVERRIDES=mscoree,mshtml=
        ${WINE} ${PROGRAM} ${ARGS}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
message(STATUS "${out}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} under Wine exited with ${rc}\n${out}\n${err}")
endif()
if(EXPECT AND NOT out MATCHES "${EXPECT}")
    message(FATAL_ERROR "${PROGRAM}: output lacks '${EXPECT}'\n${out}")
endif()
