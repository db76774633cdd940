#pragma once

#include "LoadReport.h"
#include "MarketData.h"
#include "core/system/FileIdentity.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ss {

// Keeps what a load of a folder or file gave (every stock's closes and the
// load's report) in a binary file of its own, so that opening the same
// unchanged inputs again maps that file instead of parsing them.
//
// A cache file answers only for the exact inputs it was made from: the
// same source, spelled the same way, the same build of the program, and
// every input file with the same identity (FileIdentity). Anything else, or
// a file that is truncated, damaged (each stock's closes and the rest carry
// a checksum) or of another format version, is not an answer: the caller
// parses, and writes the cache again. Files are written to a temporary name
// and renamed into place, so two programs opening the same data at once
// each see a whole file or none; a write that fails (a full disk, a folder
// that cannot be written) leaves nothing behind. The folder holds at most
// `maxBytes`: the files least recently used are removed first.
class MarketDataCache {
public:
    static constexpr std::uint32_t kFormatVersion = 1;
    static constexpr std::uint64_t kDefaultMaxBytes = std::uint64_t{2} << 30;

    struct Contents {
        std::vector<StockSeries> stocks;
        LoadReport report;
    };

    explicit MarketDataCache(std::string directory, std::uint64_t maxBytes = kDefaultMaxBytes);

    // The user's cache folder for this program (QStandardPaths::CacheLocation).
    static std::string defaultDirectory();

    // What a load of `source` (as the user spelled it) whose input files
    // are `inputs` gave before; nullopt when the cache has no sound answer.
    std::optional<Contents> read(const std::string& source, const std::vector<FileIdentity>& inputs,
                                 unsigned threads = 1) const;

    // False when the file could not be written; the cache is then as before.
    bool write(const std::string& source, const std::vector<FileIdentity>& inputs, const MarketData& data,
               const LoadReport& report) const;

    // Where the answer for `source` is kept.
    std::string fileFor(const std::string& source) const;
    const std::string& directory() const { return directory_; }

private:
    void evictBeyondLimit(const std::string& keep) const;

    std::string directory_;
    std::uint64_t maxBytes_;
};

} // namespace ss
