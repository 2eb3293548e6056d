# Private modules and programs: the parts that only some commands need (Tesseract OCR, the
# transport stack), kept out of the programs' start-up; see docs/architecture.md, "Start-up".
#
# They are installed in <libdir>/missive and found at one fixed place relative to the running
# program's real location (core/include/missive/core/private_files.h):
#     <directory of /proc/self/exe>/MISSIVE_MODULE_RELDIR/<name>
# never through an environment variable, a search path or the current directory.
#
# The build tree mirrors that layout with itself as the prefix: modules are built in
# build/<libdir>/missive, which programs built one level down (build/tests, build/bench) reach
# through ../<libdir>/missive; programs built two levels down (build/app/cli, build/app/gui) reach
# it through build/app/<libdir>/missive, a link to the same directory.

set(MISSIVE_MODULE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/missive")
# Relative, so that the path holds under any prefix (CPack installs into /usr).
if(IS_ABSOLUTE "${CMAKE_INSTALL_BINDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
    file(RELATIVE_PATH MISSIVE_MODULE_RELDIR "${CMAKE_INSTALL_FULL_BINDIR}" "${CMAKE_INSTALL_FULL_LIBDIR}/missive")
else()
    file(RELATIVE_PATH MISSIVE_MODULE_RELDIR "/${CMAKE_INSTALL_BINDIR}" "/${MISSIVE_MODULE_INSTALL_DIR}")
endif()

get_filename_component(MISSIVE_MODULE_BUILD_DIR "${PROJECT_BINARY_DIR}/tests/${MISSIVE_MODULE_RELDIR}" ABSOLUTE)
get_filename_component(_missive_module_build_dir2 "${PROJECT_BINARY_DIR}/app/cli/${MISSIVE_MODULE_RELDIR}" ABSOLUTE)
foreach(_dir "${MISSIVE_MODULE_BUILD_DIR}" "${_missive_module_build_dir2}")
    string(FIND "${_dir}/" "${PROJECT_BINARY_DIR}/" _at)
    if(NOT _at EQUAL 0)
        message(FATAL_ERROR "CMAKE_INSTALL_LIBDIR (${CMAKE_INSTALL_LIBDIR}) must lie under the prefix beside "
            "CMAKE_INSTALL_BINDIR (${CMAKE_INSTALL_BINDIR}): modules are found relative to the programs")
    endif()
endforeach()
file(MAKE_DIRECTORY "${MISSIVE_MODULE_BUILD_DIR}")
if(NOT WIN32 AND NOT _missive_module_build_dir2 STREQUAL MISSIVE_MODULE_BUILD_DIR
   AND NOT EXISTS "${_missive_module_build_dir2}")
    get_filename_component(_parent "${_missive_module_build_dir2}" DIRECTORY)
    file(MAKE_DIRECTORY "${_parent}")
    file(RELATIVE_PATH _target "${_parent}" "${MISSIVE_MODULE_BUILD_DIR}")
    file(CREATE_LINK "${_target}" "${_missive_module_build_dir2}" SYMBOLIC)
endif()

# A module exports its entry point, missive_<what>_module, and nothing else.
set(_missive_module_exports "${CMAKE_CURRENT_LIST_DIR}/missive-module.map")

# missive_add_module(NAME SOURCES...): a shared object loaded with dlopen, named NAME.so. Only
# what the module marks MISSIVE_MODULE_EXPORT is exported (hidden visibility, static libraries'
# symbols kept local), and every symbol must resolve at link time (-z defs), so that a missing
# source shows at build time rather than at the first dlopen.
function(missive_add_module name)
    add_library(${name} MODULE ${ARGN})
    set_target_properties(${name} PROPERTIES
        PREFIX ""
        LIBRARY_OUTPUT_DIRECTORY "${MISSIVE_MODULE_BUILD_DIR}"
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
        INSTALL_RPATH "")
    target_compile_definitions(${name} PRIVATE "MISSIVE_MODULE_EXPORT=__attribute__((visibility(\"default\")))")
    if(NOT WIN32)
        # The version script also keeps local what static libraries' object libraries (Qt resources) export.
        target_link_options(${name} PRIVATE LINKER:-z,defs LINKER:--exclude-libs,ALL
            "LINKER:--version-script=${_missive_module_exports}")
        set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS "${_missive_module_exports}")
    endif()
    install(TARGETS ${name} LIBRARY DESTINATION "${MISSIVE_MODULE_INSTALL_DIR}" COMPONENT cli)
endfunction()

# missive_add_private_program(NAME SOURCES...): a program run by another Missive program, never
# from PATH: built and installed beside the modules.
function(missive_add_private_program name)
    add_executable(${name} ${ARGN})
    set_target_properties(${name} PROPERTIES
        RUNTIME_OUTPUT_DIRECTORY "${MISSIVE_MODULE_BUILD_DIR}"
        INSTALL_RPATH "")
    install(TARGETS ${name} RUNTIME DESTINATION "${MISSIVE_MODULE_INSTALL_DIR}" COMPONENT cli)
endfunction()
