#pragma once

#include <cstdio>
#include <cstdlib>

namespace ss::fuzz {

// A broken promise is a finding like a crash: abort so libFuzzer keeps the input.
inline void require(bool promiseKept, const char* promise)
{
    if (!promiseKept) {
        std::fprintf(stderr, "broken promise: %s\n", promise);
        std::abort();
    }
}

} // namespace ss::fuzz
