# Cross-compiling for 64-bit Windows with Debian's mingw-w64 (g++-mingw-w64-x86-64).
# The posix thread model is Debian's default alternative; either model works here
# because everything links statically.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(_missive_mingw x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${_missive_mingw}-gcc)
set(CMAKE_CXX_COMPILER ${_missive_mingw}-g++)
set(CMAKE_RC_COMPILER ${_missive_mingw}-windres)
set(CMAKE_FIND_ROOT_PATH /usr/${_missive_mingw})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
