#pragma once

#include "LoadReport.h"
#include "MarketData.h"
#include "MarketDataCache.h"
#include "TableOptions.h"

#include <atomic>
#include <memory>
#include <string>

namespace ss {

// Counters a caller may poll from another thread while a load runs, and the
// flag that cancels it.
struct LoadProgress {
    std::atomic<std::size_t> filesTotal{0};
    std::atomic<std::size_t> filesDone{0};
    std::atomic<std::size_t> bytesRead{0};
    std::atomic<bool> cancel{false};
};

struct LoadResult {
    std::shared_ptr<const MarketData> data;  // null when error is set
    LoadReport report;
    std::string error;      // one line, for the user, when nothing could be loaded
    bool cancelled = false;
    bool fromCache = false;  // mapped from the cache, not parsed
};

// Reads a replay source into memory: a folder of ticker files, one ticker
// file, a unified data.csv, a JSON-lines file, "-" for standard input, or
// any price table (a download, a long table with a symbol column, a wide
// table with a column per stock) read as its first lines show or as
// `options` say.
// Files are parsed in parallel and closed as soon as they are read, so a
// folder of thousands of files works under a small descriptor limit.
// Given a cache, a folder or file read with the default options is taken
// from it when none of its files changed, and kept in it after parsing.
class DataLoader {
public:
    static LoadResult load(const std::string& path, LoadProgress* progress = nullptr, unsigned threads = 0,
                           const TableOptions& options = {}, const MarketDataCache* cache = nullptr);

    // The stock a ticker file stands for: its name without ".txt", ".csv" or ".tsv".
    static std::string stockNameForFile(const std::string& path);
};

} // namespace ss
