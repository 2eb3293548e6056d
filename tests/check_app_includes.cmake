# The CLI and the app reach the lower modules only through the engine (app/engine, app/settings):
# no header of transport/ or ocr/ included from app/cli or app/gui, and at most MAX_DIRECT direct
# includes of transport/, ocr/ or directory/ in all (the directory's own API serves the directory
# commands). core/ is the foundation every module uses. Arguments: SOURCE_DIR, MAX_DIRECT.
file(GLOB_RECURSE sources ${SOURCE_DIR}/app/cli/*.h ${SOURCE_DIR}/app/cli/*.cpp ${SOURCE_DIR}/app/gui/*.h
    ${SOURCE_DIR}/app/gui/*.cpp)
set(forbidden "")
set(direct 0)
set(listing "")
foreach(source IN LISTS sources)
    file(STRINGS ${source} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]missive/(transport|ocr|directory)/")
    foreach(line IN LISTS lines)
        file(RELATIVE_PATH name ${SOURCE_DIR} ${source})
        math(EXPR direct "${direct} + 1")
        string(APPEND listing "  ${name}: ${line}\n")
        if(line MATCHES "missive/(transport|ocr)/")
            string(APPEND forbidden "  ${name}: ${line}\n")
        endif()
    endforeach()
endforeach()
if(NOT forbidden STREQUAL "")
    message(FATAL_ERROR "app/ includes transport/ or ocr/ directly (ask the engine):\n${forbidden}")
endif()
if(direct GREATER_EQUAL MAX_DIRECT)
    message(FATAL_ERROR "app/ includes lower modules directly ${direct} times (limit: under ${MAX_DIRECT}):\n${listing}")
endif()
message(STATUS "app/ includes lower modules directly ${direct} time(s):\n${listing}")
