#include "CandleReader.h"

#include "DataLoader.h"
#include "LineReader.h"
#include "TickerCsvParser.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace ss {

namespace fs = std::filesystem;

std::string CandleReader::fileOf(const std::string& dataPath, const std::string& stock)
{
    std::error_code ec;
    if (!fs::is_directory(dataPath, ec))
        return dataPath;
    for (const char* ext : {".txt", ".csv", ""}) {
        const fs::path candidate = fs::path(dataPath) / (stock + ext);
        if (fs::is_regular_file(candidate, ec))
            return candidate.string();
    }
    return (fs::path(dataPath) / (stock + ".txt")).string();
}

std::vector<Candle> CandleReader::read(const std::string& dataPath, const std::string& stock, std::string* error,
                                       const std::atomic<bool>* cancel)
{
    const std::string file = fileOf(dataPath, stock);
    // Non-blocking, as the loader opens: a FIFO must not hang the chart.
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        *error = file + ": " + std::strerror(errno);
        return {};
    }
    LineReader reader(fd, true);
    TickerCsvParser parser(DataLoader::stockNameForFile(file));
    std::vector<Candle> candles;
    LineReader::Line line;
    TickRecord record;
    const char* why = nullptr;
    bool firstLine = true;
    while (reader.next(line)) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return {};
        if (line.overlong)
            continue;
        const std::size_t start = line.text.find_first_not_of(" \t");
        if (start == std::string_view::npos)
            continue;
        if (std::exchange(firstLine, false) && line.text[start] == '{') {
            *error = "JSON lines give a price alone, no open, high and low";
            return {};
        }
        const LineKind kind = parser.parse(line.text, record, why);
        if (kind == LineKind::Malformed && parser.headerRefused()) {
            *error = file + ": " + why;
            return {};
        }
        if (kind != LineKind::Record || record.stock != stock)
            continue;
        if (!record.hasRange) {
            *error = file + " has no Open, High and Low columns";
            return {};
        }
        // Rows out of time order are skipped, as the loader rejects them.
        if (candles.empty() || record.time > candles.back().time)
            candles.push_back({record.time, record.open, record.high, record.low, record.close, record.volume});
    }
    if (!reader.error().empty()) {
        *error = file + ": " + reader.error();
        return {};
    }
    if (candles.empty()) {
        *error = file + " has no row of " + stock;
        return {};
    }
    return candles;
}

} // namespace ss
