# The portable part of missive_spool (standard library and tl::expected only), listed
# once for the main build and the standalone Windows build (printer-driver/windows).
set(MISSIVE_SPOOL_PORTABLE_SOURCES
    src/envelope.cpp
    src/job_id.cpp
    src/pdf_probe.cpp
    src/session_target.cpp
    src/windows_layout.cpp)
