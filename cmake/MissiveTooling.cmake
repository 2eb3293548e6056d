# Developer targets: format, tidy, check.
find_program(CLANG_FORMAT_EXE NAMES clang-format-14 clang-format)
find_program(CLANG_TIDY_EXE NAMES clang-tidy-14 clang-tidy)

# C++ sources only (pathspecs are alternatives, so no directory pathspec here).
set(_missive_cxx_sources ":(glob)core/**/*.cpp" ":(glob)core/**/*.h" ":(glob)printer-driver/**/*.cpp"
    ":(glob)printer-driver/**/*.h" ":(glob)app/**/*.cpp" ":(glob)app/**/*.h" ":(glob)tests/**/*.cpp"
    ":(glob)tests/**/*.h" ":(glob)bench/**/*.cpp" ":(glob)transport/**/*.cpp" ":(glob)transport/**/*.h")
if(CLANG_FORMAT_EXE)
    add_custom_target(format
        COMMAND git ls-files -z -- ${_missive_cxx_sources}
                | xargs -0 -r ${CLANG_FORMAT_EXE} -i --style=file
        WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
        COMMENT "clang-format on tracked sources" VERBATIM)
endif()
if(CLANG_TIDY_EXE)
    add_custom_target(tidy
        COMMAND git ls-files -z -- ":(glob)core/**/*.cpp" ":(glob)printer-driver/**/*.cpp" ":(glob)app/**/*.cpp"
                ":(glob)transport/**/*.cpp"
                | xargs -0 -r ${CLANG_TIDY_EXE} -p "${CMAKE_BINARY_DIR}" --quiet
        WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
        COMMENT "clang-tidy on project sources" VERBATIM)
endif()
add_custom_target(check
    COMMAND ${CMAKE_CTEST_COMMAND} --output-on-failure
    WORKING_DIRECTORY "${CMAKE_BINARY_DIR}"
    USES_TERMINAL)
