# FindDmtx: libdmtx, the DataMatrix decoder used beside zxing-cpp on scanned letters.
# Debian: libdmtx-dev (libdmtx.pc); elsewhere (vcpkg "libdmtx") the header and library by name.
# Defines Dmtx::Dmtx.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
    pkg_check_modules(PC_Dmtx QUIET libdmtx)
endif()
find_path(Dmtx_INCLUDE_DIR dmtx.h HINTS ${PC_Dmtx_INCLUDE_DIRS})
find_library(Dmtx_LIBRARY NAMES dmtx libdmtx HINTS ${PC_Dmtx_LIBRARY_DIRS})
set(Dmtx_VERSION ${PC_Dmtx_VERSION})

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Dmtx REQUIRED_VARS Dmtx_LIBRARY Dmtx_INCLUDE_DIR VERSION_VAR Dmtx_VERSION)

if(Dmtx_FOUND AND NOT TARGET Dmtx::Dmtx)
    add_library(Dmtx::Dmtx UNKNOWN IMPORTED)
    set_target_properties(Dmtx::Dmtx PROPERTIES
        IMPORTED_LOCATION "${Dmtx_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${Dmtx_INCLUDE_DIR}")
endif()
mark_as_advanced(Dmtx_INCLUDE_DIR Dmtx_LIBRARY)
