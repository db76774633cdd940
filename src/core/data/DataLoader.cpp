#include "DataLoader.h"

#include "JsonLinesParser.h"
#include "LineReader.h"
#include "SeriesCollector.h"
#include "TickRecord.h"
#include "TickerCsvParser.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace ss {

namespace fs = std::filesystem;

namespace {

struct ParsedFile {
    FileReport report;
    std::vector<StockSeries> series;
};

bool hasDataExtension(const fs::path& p)
{
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".txt" || ext == ".csv" || ext == ".jsonl" || ext == ".json";
}

// Parses one stream with the parser its first line calls for.
void parseStream(LineReader& reader, const std::string& defaultStock, SeriesCollector& out, FileReport& report,
                 const std::atomic<bool>* cancel)
{
    std::unique_ptr<TickerCsvParser> csv;
    std::unique_ptr<JsonLinesParser> json;
    LineReader::Line line;
    TickRecord record;
    while (reader.next(line)) {
        if ((line.number & 0xFFFF) == 0 && cancel && cancel->load(std::memory_order_relaxed))
            return;
        if (line.overlong) {
            out.reject(line.number, "line too long");
            continue;
        }
        if (!csv && !json) {
            const auto first = line.text.find_first_not_of(" \t");
            if (first == std::string_view::npos)
                continue;
            if (line.text[first] == '{')
                json = std::make_unique<JsonLinesParser>();
            else
                csv = std::make_unique<TickerCsvParser>(defaultStock);
        }
        const char* why = "";
        const LineKind kind = csv ? csv->parse(line.text, record, why) : json->parse(line.text, record, why);
        if (kind == LineKind::Record) {
            out.add(record.stock, record.time, record.close, line.number);
        } else if (kind == LineKind::Malformed) {
            if (csv && csv->headerRefused()) {
                report.error = why;
                return;
            }
            out.reject(line.number, why);
        }
    }
    if (!reader.error().empty())
        report.error = "read error: " + reader.error();
}

ParsedFile parseFile(const std::string& path, const std::atomic<bool>* cancel, std::atomic<std::size_t>* bytes,
                     std::vector<char>& buffer)
{
    ParsedFile result;
    result.report.file = path;
    const std::string stock = DataLoader::stockNameForFile(path);
    if (!isValidStockName(stock)) {
        result.report.error = kBadStockFileName;
        return result;
    }
    // Non-blocking open: a FIFO or device given as a path must not hang the load.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        result.report.error = std::strerror(errno);
        return result;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        result.report.error = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
        return result;
    }
    LineReader reader(fd, true, &buffer);
    SeriesCollector collector(result.report);
    parseStream(reader, stock, collector, result.report, cancel);
    if (bytes)
        bytes->fetch_add(reader.bytesRead(), std::memory_order_relaxed);
    result.series = collector.take();
    result.report.empty = result.report.records == 0 && result.report.rejected == 0 && result.report.error.empty();
    return result;
}

ParsedFile parseStdin(const std::atomic<bool>* cancel)
{
    ParsedFile result;
    result.report.file = "-";
    LineReader reader(STDIN_FILENO);
    // A read from a pipe whose writer waits would not end on a cancel.
    reader.setWaitForData([cancel] {
        pollfd in{STDIN_FILENO, POLLIN, 0};
        for (;;) {
            const int ready = ::poll(&in, 1, 100);
            if (ready > 0 || (ready < 0 && errno != EINTR))
                return true;  // data, its end, or an error the read will report
            if (cancel && cancel->load(std::memory_order_relaxed))
                return false;
        }
    });
    SeriesCollector collector(result.report);
    parseStream(reader, "stdin", collector, result.report, cancel);
    result.series = collector.take();
    result.report.empty = result.report.records == 0 && result.report.rejected == 0 && result.report.error.empty();
    return result;
}

// Joins the files' series into one per stock. A stock split over several
// files keeps, from each later file, only what comes after what it has.
std::vector<StockSeries> combine(std::vector<ParsedFile>& files)
{
    std::vector<StockSeries> stocks;
    std::unordered_map<std::string, std::size_t> index;
    for (auto& file : files) {
        for (auto& s : file.series) {
            auto [it, inserted] = index.try_emplace(s.name, stocks.size());
            if (inserted) {
                stocks.push_back(std::move(s));
                continue;
            }
            StockSeries& into = stocks[it->second];
            const auto from = std::upper_bound(s.times.begin(), s.times.end(), into.times.back()) - s.times.begin();
            for (std::ptrdiff_t i = 0; i < from; ++i)
                file.report.reject(0, "overlaps another file of the same stock");
            file.report.records -= static_cast<std::size_t>(from);
            into.times.insert(into.times.end(), s.times.begin() + from, s.times.end());
            into.closes.insert(into.closes.end(), s.closes.begin() + from, s.closes.end());
        }
        file.series.clear();
    }
    return stocks;
}

} // namespace

std::string DataLoader::stockNameForFile(const std::string& path)
{
    fs::path p(path);
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".txt" || ext == ".csv" ? p.stem().string() : p.filename().string();
}

LoadResult DataLoader::load(const std::string& path, LoadProgress* progress, unsigned threads)
{
    LoadResult result;
    std::vector<ParsedFile> parsed;

    const std::atomic<bool>* cancel = progress ? &progress->cancel : nullptr;
    if (path == "-") {
        parsed.push_back(parseStdin(cancel));
    } else {
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            result.error = "cannot open " + path + ": " + (ec ? ec.message() : "No such file or directory");
            return result;
        }
        std::vector<std::string> paths;
        if (fs::is_directory(status)) {
            // Every entry named like a price file is read, whatever it is:
            // one that is not a readable regular file (a symlink loop, a
            // folder, a FIFO) is reported unreadable with the reason rather
            // than left out without a word.
            for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
                if (hasDataExtension(it->path()))
                    paths.push_back(it->path().string());
            if (ec) {
                result.error = "cannot read folder " + path + ": " + ec.message();
                return result;
            }
            if (paths.empty()) {
                result.error = "no price files (*.txt, *.csv, *.jsonl) in " + path;
                return result;
            }
            std::sort(paths.begin(), paths.end());
        } else {
            paths.push_back(path);
        }

        if (progress)
            progress->filesTotal = paths.size();
        parsed.resize(paths.size());
        std::atomic<std::size_t> next{0};
        auto work = [&] {
            std::vector<char> buffer;
            for (std::size_t i; (i = next.fetch_add(1)) < paths.size();) {
                if (cancel && cancel->load(std::memory_order_relaxed))
                    return;
                parsed[i] = parseFile(paths[i], cancel, progress ? &progress->bytesRead : nullptr, buffer);
                if (progress)
                    progress->filesDone.fetch_add(1, std::memory_order_relaxed);
            }
        };
        if (threads == 0)
            threads = std::max(1u, std::thread::hardware_concurrency());
        threads = static_cast<unsigned>(std::min<std::size_t>(threads, paths.size()));
        std::vector<std::jthread> pool;
        for (unsigned t = 1; t < threads; ++t)
            pool.emplace_back(work);
        work();
        pool.clear();
    }
    if (cancel && cancel->load()) {
        result.cancelled = true;
        result.error = "loading cancelled";
        return result;
    }
    // One input that is not prices fails the load, standard input as a file.
    if (parsed.size() == 1 && !parsed.front().report.error.empty()) {
        result.error = "cannot read " + path + ": " + parsed.front().report.error;
        result.report.add(std::move(parsed.front().report));
        return result;
    }

    auto stocks = combine(parsed);
    for (auto& file : parsed)
        result.report.add(std::move(file.report));
    result.data = std::make_shared<const MarketData>(std::move(stocks));
    return result;
}

} // namespace ss
