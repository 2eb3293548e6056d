# ctest entry ocr.fuzz-parsers: configures and builds tests/fuzz with clang, then runs each
# fuzzer for SECONDS on a copy of its seed corpus. Arguments: SOURCE_DIR, BINARY_DIR, SECONDS.
find_program(CLANGXX NAMES clang++ clang++-14 REQUIRED)
execute_process(
    COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/fuzz -B ${BINARY_DIR} -G Ninja
        -DCMAKE_CXX_COMPILER=${CLANGXX} -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMISSIVE_SOURCE_DIR=${SOURCE_DIR}
    RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "fuzz: configure failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "fuzz: build failed (${rc})")
endif()
function(run_fuzzer name corpus max_len)
    file(REMOVE_RECURSE ${BINARY_DIR}/${corpus})
    file(COPY ${SOURCE_DIR}/tests/fuzz/${corpus}/ DESTINATION ${BINARY_DIR}/${corpus})
    execute_process(
        COMMAND ${BINARY_DIR}/${name} -max_total_time=${SECONDS} -max_len=${max_len} -timeout=20
            -print_final_stats=1 ${BINARY_DIR}/${corpus}
        WORKING_DIRECTORY ${BINARY_DIR}
        RESULT_VARIABLE rc)
    if(rc)
        message(FATAL_ERROR "fuzz: ${name} found a problem (exit ${rc}); see crash-* in ${BINARY_DIR}")
    endif()
endfunction()
run_fuzzer(fuzz-ocr-parsers corpus 4096)
# Print-sized inputs: the PDF guard and the qpdf page walk.
run_fuzzer(fuzz-pdf corpus-pdf 16384)
