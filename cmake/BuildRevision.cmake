# Writes the header naming the version a build reports with --version: the
# release and, in a git checkout, the revision the sources are at. Run on
# every build (cmake -P), so the revision never goes stale; the header is
# rewritten only when its text changed, so an unchanged revision rebuilds
# nothing.
#   cmake -DVERSION=0.1.0 -DSOURCE_DIR=... -DOUTPUT=.../BuildRevision.h [-DGIT=git] -P BuildRevision.cmake
cmake_minimum_required(VERSION 3.21)
set(text "${VERSION}")
if(GIT)
    # The sources' own checkout only: an unpacked release inside some other
    # repository must not report that repository's revision.
    execute_process(COMMAND "${GIT}" -C "${SOURCE_DIR}" rev-parse --show-toplevel
                    OUTPUT_VARIABLE top OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE status)
    if(status EQUAL 0)
        file(REAL_PATH "${top}" top)
        file(REAL_PATH "${SOURCE_DIR}" source)
    endif()
    if(status EQUAL 0 AND top STREQUAL source)
        # No optional locks: builds run beside the user's own git commands.
        execute_process(COMMAND "${GIT}" --no-optional-locks -C "${SOURCE_DIR}" describe --always --dirty --abbrev=10
                        OUTPUT_VARIABLE revision OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE status)
        if(status EQUAL 0 AND revision)
            string(APPEND text " (git ${revision})")
        endif()
    endif()
endif()
file(WRITE "${OUTPUT}.new" "// Written by cmake/BuildRevision.cmake on every build.\n"
                          "#define STOCKSTREAM_VERSION_TEXT \"${text}\"\n")
file(COPY_FILE "${OUTPUT}.new" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.new")
# When the revision was last looked up, for the package check: a commit made
# after it is not one this build can name.
file(TOUCH "${OUTPUT}.checked")
