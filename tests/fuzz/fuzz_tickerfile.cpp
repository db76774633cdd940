// Feeds arbitrary bytes to DataLoader as a ticker file, the way a user's
// file reaches it: line splitting, CSV / JSON-lines detection, headers,
// data.csv's Stock column, per-stock ordering and the merge into MarketData.
// Besides crashes and undefined behaviour it checks what the loader
// promises about whatever it accepts.

#include "FuzzCheck.h"
#include "core/data/DataLoader.h"
#include "core/data/TickRecord.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

using ss::fuzz::require;

namespace {

// One file per fuzzing process, rewritten for every input. Never freed: the
// exit handler that removes the file runs after static destructors.
const std::string& scratchFile()
{
    static const std::string* const path = [] {
        const char* dir = std::getenv("TMPDIR");
        auto* p = new std::string(std::string(dir && *dir ? dir : "/tmp") + "/fuzz-" + std::to_string(::getpid())
                                  + ".us.txt");
        std::atexit([] { ::unlink(scratchFile().c_str()); });
        return p;
    }();
    return *path;
}

std::size_t lineCount(const std::uint8_t* data, std::size_t size)
{
    const auto newlines = static_cast<std::size_t>(std::count(data, data + size, '\n'));
    return newlines + (size > 0 && data[size - 1] != '\n');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string& path = scratchFile();
    FILE* file = std::fopen(path.c_str(), "wb");
    require(file != nullptr, "the scratch file can be written");
    require(std::fwrite(data, 1, size, file) == size && std::fclose(file) == 0, "the scratch file is complete");

    const ss::LoadResult result = ss::DataLoader::load(path, nullptr, 1);
    if (!result.data) {
        require(!result.error.empty(), "a refused file comes with a reason");
        return 0;
    }
    const ss::LoadReport& report = result.report;
    require(report.files == 1, "one file is one report");
    require(result.data->recordCount() == report.records, "every counted record is in the data, and no other");
    // A line gives a stock one record or one rejection at most: a ticker
    // file's line is one of them, a wide table's line (a date and a close
    // for each of its stocks) one a stock, plus one rejection for a line
    // that cannot be read at all.
    const std::size_t lines = lineCount(data, size);
    require(report.records + report.rejected <= lines * (result.data->stockCount() + 1), "no line counts twice");
    for (const ss::FileReport& file : report.notable)
        require(file.rejected == 0 || (file.firstBadLine >= 1 && !file.firstBadReason.empty()),
                "a rejection names its first line and reason");
    for (const ss::StockSeries& s : result.data->stocks()) {
        require(s.size() <= lines, "no line counts twice for a stock");
        require(ss::isValidStockName(s.name), "stock names are valid text");
        require(s.size() > 0 && s.times.size() == s.closes.size(), "a stock has as many times as closes");
        require(std::adjacent_find(s.times.begin(), s.times.end(), std::greater_equal<>()) == s.times.end(),
                "a stock's times strictly increase");
        require(std::all_of(s.closes.begin(), s.closes.end(), [](double c) { return std::isfinite(c) && c > 0; }),
                "closes are positive finite numbers");
    }
    return 0;
}
