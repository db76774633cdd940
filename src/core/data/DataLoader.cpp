#include "DataLoader.h"

#include "JsonLinesParser.h"
#include "LineReader.h"
#include "SeriesCollector.h"
#include "TableParser.h"
#include "TableRowOrder.h"
#include "TableSniffer.h"
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
    // The file could not be opened or read whole: another try may read it,
    // so what this one gave is not kept.
    bool readFailed = false;
};

bool hasDataExtension(const fs::path& p)
{
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".txt" || ext == ".csv" || ext == ".tsv" || ext == ".jsonl" || ext == ".json";
}

// Parses one stream: JSON lines; the dataset's own CSV by its fast reader
// and long-standing rules; any other table by the format its first lines
// show, detected once.
void parseStream(LineReader& reader, const std::string& defaultStock, const TableOptions& options,
                 SeriesCollector& out, FileReport& report, const std::atomic<bool>* cancel)
{
    std::vector<LineReader::Line> head;
    std::vector<std::string> headText;
    LineReader::Line line;
    // Keeps the first `count` lines, to decide how to read them all.
    const auto readHead = [&](std::size_t count) {
        while (head.size() < count && reader.next(line)) {
            head.push_back(line);
            headText.emplace_back(line.overlong ? std::string_view() : line.text);
        }
        for (std::size_t i = 0; i < head.size(); ++i)
            head[i].text = headText[i];
    };
    readHead(TableSniffer::kKindLines);
    // Blank lines first: the first line with text may come further down.
    const auto blank = [](const std::string& t) { return t.find_first_not_of(" \t") == std::string::npos; };
    if (std::all_of(headText.begin(), headText.end(), blank))
        readHead(TableSniffer::kSampleLines);
    // Calls `parse` on every line, the kept first ones and then the rest,
    // until it returns false or the load is cancelled.
    const auto eachLine = [&](auto&& parse) {
        const auto one = [&](const LineReader::Line& l) {
            if (!l.overlong)
                return parse(l);
            out.reject(l.number, "line too long");
            return true;
        };
        for (const auto& l : head)
            if (!one(l))
                return;
        while (reader.next(line)) {
            if ((line.number & 0xFFFF) == 0 && cancel && cancel->load(std::memory_order_relaxed))
                return;
            if (!one(line))
                return;
        }
    };

    TickRecord record;
    const char* why = "";
    if (TableSniffer::isJsonLines(headText)) {
        JsonLinesParser json;
        eachLine([&](const LineReader::Line& l) {
            const LineKind kind = json.parse(l.text, record, why);
            if (kind == LineKind::Record)
                out.add(record.stock, record.time, record.close, l.number);
            else if (kind == LineKind::Malformed)
                out.reject(l.number, why);
            return true;
        });
    } else if (options.isDefault() && TableSniffer::isDatasetCsv(headText)) {
        TickerCsvParser csv(defaultStock, TickerCsvParser::Range::Skip);
        eachLine([&](const LineReader::Line& l) {
            const LineKind kind = csv.parse(l.text, record, why);
            if (kind == LineKind::Record) {
                out.add(record.stock, record.time, record.close, l.number);
            } else if (kind == LineKind::Malformed) {
                if (csv.headerRefused()) {
                    report.error = why;
                    return false;
                }
                out.reject(l.number, why);
            }
            return true;
        });
    } else {
        readHead(TableSniffer::kSampleLines);
        TableFormat format = TableSniffer::detect(headText, options);
        if (format.datesAmbiguous) {
            readHead(TableSniffer::kMaxSampleLines);
            format = TableSniffer::detect(headText, options);
        }
        if (!format.problem.empty()) {
            report.error = format.problem;
            return;
        }
        report.notes = format.notes;
        TableParser table(std::move(format), defaultStock);
        TableRowOrder rows;
        std::vector<TickRecord> records;
        eachLine([&](const LineReader::Line& l) {
            if (table.parse(l.text, records, why) == LineKind::Malformed)
                out.reject(l.number, why);
            for (const TickRecord& r : records)
                rows.add(r.stock, r.time, r.close, l.number);
            return true;
        });
        if (const std::size_t moved = rows.drainInto(out))
            report.notes.push_back(std::to_string(moved) + " row(s) were not in time order and were sorted");
    }
    if (!reader.error().empty())
        report.error = "read error: " + reader.error();
}

ParsedFile parseFile(const std::string& path, const TableOptions& options, const std::atomic<bool>* cancel,
                     std::atomic<std::size_t>* bytes, std::vector<char>& buffer)
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
        result.readFailed = true;
        return result;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        result.readFailed = true;
        result.report.error = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
        return result;
    }
    LineReader reader(fd, true, &buffer);
    SeriesCollector collector(result.report);
    parseStream(reader, stock, options, collector, result.report, cancel);
    result.readFailed = !reader.error().empty();
    if (bytes)
        bytes->fetch_add(reader.bytesRead(), std::memory_order_relaxed);
    result.series = collector.take();
    result.report.empty = result.report.records == 0 && result.report.rejected == 0 && result.report.error.empty();
    return result;
}

ParsedFile parseStdin(const TableOptions& options, const std::atomic<bool>* cancel)
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
    parseStream(reader, "stdin", options, collector, result.report, cancel);
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

// The identities of the files a load reads, to key the cache; empty when
// one of them is not a regular file or changed too recently to be told
// apart from a later change.
std::vector<FileIdentity> identify(const std::vector<std::string>& paths)
{
    const std::int64_t now = FileIdentity::coarseNowNs();
    std::vector<FileIdentity> inputs;
    inputs.reserve(paths.size());
    for (const std::string& p : paths) {
        auto identity = FileIdentity::of(p);
        if (!identity || identity->isRacyAt(now))
            return {};
        inputs.push_back(std::move(*identity));
    }
    return inputs;
}

} // namespace

std::string DataLoader::stockNameForFile(const std::string& path)
{
    fs::path p(path);
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".txt" || ext == ".csv" || ext == ".tsv" ? p.stem().string() : p.filename().string();
}

LoadResult DataLoader::load(const std::string& path, LoadProgress* progress, unsigned threads,
                            const TableOptions& options, const MarketDataCache* cache)
{
    LoadResult result;
    std::vector<ParsedFile> parsed;
    std::vector<FileIdentity> inputs;  // empty unless the cache may answer for this load

    const std::atomic<bool>* cancel = progress ? &progress->cancel : nullptr;
    if (path == "-") {
        parsed.push_back(parseStdin(options, cancel));
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
                result.error = "no price files (*.txt, *.csv, *.tsv, *.jsonl) in " + path;
                return result;
            }
            std::sort(paths.begin(), paths.end());
        } else {
            paths.push_back(path);
        }

        if (progress)
            progress->filesTotal = paths.size();
        if (threads == 0)
            threads = std::max(1u, std::thread::hardware_concurrency());
        if (cache && options.isDefault())
            inputs = identify(paths);
        if (!inputs.empty()) {
            if (auto cached = cache->read(path, inputs, threads)) {
                result.report = std::move(cached->report);
                result.data = std::make_shared<const MarketData>(std::move(cached->stocks));
                result.fromCache = true;
                if (progress) {
                    progress->filesDone = paths.size();
                    for (const FileIdentity& input : inputs)
                        progress->bytesRead += input.size;
                }
                return result;
            }
        }
        parsed.resize(paths.size());
        std::atomic<std::size_t> next{0};
        auto work = [&] {
            std::vector<char> buffer;
            for (std::size_t i; (i = next.fetch_add(1)) < paths.size();) {
                if (cancel && cancel->load(std::memory_order_relaxed))
                    return;
                parsed[i] = parseFile(paths[i], options, cancel, progress ? &progress->bytesRead : nullptr, buffer);
                if (progress)
                    progress->filesDone.fetch_add(1, std::memory_order_relaxed);
            }
        };
        const auto parsers = static_cast<unsigned>(std::min<std::size_t>(threads, paths.size()));
        std::vector<std::jthread> pool;
        for (unsigned t = 1; t < parsers; ++t)
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
    const bool complete = std::none_of(parsed.begin(), parsed.end(), [](const ParsedFile& f) { return f.readFailed; });
    for (auto& file : parsed)
        result.report.add(std::move(file.report));
    result.data = std::make_shared<const MarketData>(std::move(stocks));
    // A cache that cannot be written costs the next open a parse, nothing more.
    if (!inputs.empty() && complete)
        cache->write(path, inputs, *result.data, result.report);
    return result;
}

} // namespace ss
