# missive_options: the one INTERFACE target every Missive target links.
# Language level, warnings and hardening live here, never in global state.
add_library(missive_options INTERFACE)
target_compile_features(missive_options INTERFACE cxx_std_20)

if(MSVC)
    target_compile_options(missive_options INTERFACE /W4 /permissive- /utf-8 /guard:cf)
    if(MISSIVE_WERROR)
        target_compile_options(missive_options INTERFACE /WX)
    endif()
else()
    target_compile_options(missive_options INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wold-style-cast -Wnon-virtual-dtor
        -Woverloaded-virtual -Wformat=2
        -fstack-protector-strong)
    # _FORTIFY_SOURCE needs optimisation; level 3 where the C library knows it.
    target_compile_definitions(missive_options INTERFACE
        $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=3>)
    # Eager binding (now) costs start-up time per symbol: --as-needed keeps every program to the
    # libraries it calls (Debian's gcc passes it already, but not under the sanitizers).
    target_link_options(missive_options INTERFACE LINKER:-z,relro,-z,now LINKER:--as-needed)
    if(MISSIVE_WERROR)
        target_compile_options(missive_options INTERFACE -Werror)
    endif()
    if(MISSIVE_SANITIZE)
        list(JOIN MISSIVE_SANITIZE "," _missive_san)
        target_compile_options(missive_options INTERFACE -fsanitize=${_missive_san} -fno-omit-frame-pointer)
        target_link_options(missive_options INTERFACE -fsanitize=${_missive_san})
    endif()
endif()

# Qt-specific hygiene; harmless for targets without Qt.
target_compile_definitions(missive_options INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER QT_MESSAGELOGCONTEXT QT_DISABLE_DEPRECATED_BEFORE=0x060400)
