#include "MarketDataCache.h"

#include "core/system/BuildVersion.h"
#include "core/system/Checksum.h"
#include "core/system/MappedFile.h"

#include <QStandardPaths>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace ss {

namespace fs = std::filesystem;

namespace {

// The file: a fixed header, every stock's times then closes (8-byte
// aligned, so they are read where they lie in the map), then the rest
// (the key, the report, the table of stocks with each one's checksum).
constexpr char kMagic[8] = {'S', 'S', 'M', 'D', 'A', 'T', 'A', '\n'};
constexpr std::uint32_t kByteOrderMark = 0x01020304;
constexpr const char* kSuffix = ".ssmd";
constexpr const char* kTempSuffix = ".tmp";
// A temporary file this old was left by a program that did not finish.
constexpr auto kAbandonedAfter = std::chrono::hours(1);

struct Header {
    char magic[8];
    std::uint32_t version;
    std::uint32_t byteOrder;
    std::uint64_t fileSize;
    std::uint64_t dataOffset;
    std::uint64_t dataSize;
    std::uint64_t metaOffset;
    std::uint64_t metaSize;
    std::uint64_t metaChecksum;
    std::uint64_t headerChecksum;  // of every field above
};
static_assert(sizeof(Header) % 8 == 0);
constexpr std::size_t kHeaderChecked = offsetof(Header, headerChecksum);

struct StockEntry {
    std::string name;
    std::uint64_t count = 0;
    std::uint64_t offset = 0;  // of its times, within the data
    std::uint64_t checksum = 0;
};

class MetaWriter {
public:
    void u64(std::uint64_t v) { bytes_.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
    void text(std::string_view s)
    {
        u64(s.size());
        bytes_.append(s);
    }
    const std::string& bytes() const { return bytes_; }

private:
    std::string bytes_;
};

// Reads what MetaWriter wrote; any read past the end leaves it failed.
class MetaReader {
public:
    MetaReader(const char* data, std::size_t size) : p_(data), end_(data + size) {}
    std::uint64_t u64()
    {
        std::uint64_t v = 0;
        if (static_cast<std::size_t>(end_ - p_) < sizeof v) {
            ok_ = false;
            return 0;
        }
        std::memcpy(&v, p_, sizeof v);
        p_ += sizeof v;
        return v;
    }
    std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
    std::string text()
    {
        const std::uint64_t n = u64();
        if (!ok_ || n > static_cast<std::size_t>(end_ - p_)) {
            ok_ = false;
            return {};
        }
        std::string s(p_, n);
        p_ += n;
        return s;
    }
    // A count of items each at least `minBytes` long: no more than what is left could hold.
    std::uint64_t count(std::size_t minBytes)
    {
        const std::uint64_t n = u64();
        if (n > static_cast<std::size_t>(end_ - p_) / minBytes)
            ok_ = false;
        return ok_ ? n : 0;
    }
    bool ok() const { return ok_; }
    bool atEnd() const { return p_ == end_; }

private:
    const char* p_;
    const char* end_;
    bool ok_ = true;
};

void writeKey(MetaWriter& out, const std::string& source, const std::vector<FileIdentity>& inputs)
{
    out.text(BuildVersion::text().toStdString());
    out.text(source);
    out.u64(inputs.size());
    for (const FileIdentity& f : inputs) {
        out.text(f.path);
        out.u64(f.size);
        out.i64(f.modifiedNs);
        out.i64(f.changedNs);
        out.u64(f.inode);
        out.u64(f.device);
    }
}

bool keyMatches(MetaReader& in, const std::string& source, const std::vector<FileIdentity>& inputs)
{
    if (in.text() != BuildVersion::text().toStdString() || in.text() != source || in.u64() != inputs.size())
        return false;
    for (const FileIdentity& expected : inputs) {
        FileIdentity f;
        f.path = in.text();
        f.size = in.u64();
        f.modifiedNs = in.i64();
        f.changedNs = in.i64();
        f.inode = in.u64();
        f.device = in.u64();
        if (!in.ok() || !(f == expected))
            return false;
    }
    return in.ok();
}

void writeReport(MetaWriter& out, const LoadReport& report)
{
    out.u64(report.files);
    out.u64(report.records);
    out.u64(report.rejected);
    out.u64(report.emptyFiles);
    out.u64(report.unreadableFiles);
    out.u64(report.notable.size());
    for (const FileReport& f : report.notable) {
        out.text(f.file);
        out.u64(f.records);
        out.u64(f.rejected);
        out.u64(f.firstBadLine);
        out.text(f.firstBadReason);
        out.u64(f.empty);
        out.text(f.error);
        out.u64(f.notes.size());
        for (const std::string& note : f.notes)
            out.text(note);
    }
}

LoadReport readReport(MetaReader& in)
{
    LoadReport report;
    report.files = in.u64();
    report.records = in.u64();
    report.rejected = in.u64();
    report.emptyFiles = in.u64();
    report.unreadableFiles = in.u64();
    report.notable.resize(in.count(64));
    for (FileReport& f : report.notable) {
        f.file = in.text();
        f.records = in.u64();
        f.rejected = in.u64();
        f.firstBadLine = in.u64();
        f.firstBadReason = in.text();
        f.empty = in.u64() != 0;
        f.error = in.text();
        f.notes.resize(in.count(8));
        for (std::string& note : f.notes)
            note = in.text();
    }
    return report;
}

std::uint64_t seriesChecksum(const Timestamp* times, const double* closes, std::size_t count)
{
    return checksum64(closes, count * sizeof(double), checksum64(times, count * sizeof(Timestamp)));
}

bool writeAll(int fd, const void* data, std::size_t size)
{
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

std::string hex(std::uint64_t v)
{
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(v));
    return text;
}

// Copies every stock's closes out of the map, checking each against its
// checksum, on `threads` threads each taking a run of stocks of about the
// same size.
bool copyStocks(const MappedFile& map, std::uint64_t dataOffset, const std::vector<StockEntry>& entries,
                std::vector<StockSeries>& stocks, unsigned threads)
{
    stocks.resize(entries.size());
    std::uint64_t total = 0;
    for (const auto& e : entries)
        total += e.count;
    std::atomic<bool> sound{true};
    const auto copyRun = [&](std::size_t from, std::size_t to) {
        // Pages already copied are let go as the copy runs, so the map and
        // the copy are never both whole in memory.
        constexpr std::size_t kReleaseEvery = 8 << 20;
        std::size_t releasedTo = from < to ? dataOffset + entries[from].offset : 0;
        for (std::size_t i = from; i < to && sound.load(std::memory_order_relaxed); ++i) {
            const StockEntry& e = entries[i];
            const char* at = map.data() + dataOffset + e.offset;
            const auto* times = reinterpret_cast<const Timestamp*>(at);
            const auto* closes = reinterpret_cast<const double*>(at + e.count * sizeof(Timestamp));
            if (seriesChecksum(times, closes, e.count) != e.checksum) {
                sound = false;
                return;
            }
            StockSeries& s = stocks[i];
            s.name = e.name;
            s.times.assign(times, times + e.count);
            s.closes.assign(closes, closes + e.count);
            const std::size_t end = dataOffset + e.offset + e.count * 16;
            if (end - releasedTo >= kReleaseEvery) {
                map.release(releasedTo, end - releasedTo);
                releasedTo = end;
            }
        }
    };
    threads = std::clamp<unsigned>(threads, 1, static_cast<unsigned>(std::max<std::size_t>(1, entries.size())));
    std::vector<std::jthread> pool;
    std::size_t start = 0;
    std::uint64_t done = 0;
    for (unsigned t = 0; t < threads; ++t) {
        std::size_t stop = start;
        const std::uint64_t share = total * (t + 1) / threads;
        while (stop < entries.size() && (done < share || t + 1 == threads))
            done += entries[stop++].count;
        if (t + 1 == threads)
            copyRun(start, stop);
        else
            pool.emplace_back(copyRun, start, stop);
        start = stop;
    }
    pool.clear();
    return sound;
}

} // namespace

MarketDataCache::MarketDataCache(std::string directory, std::uint64_t maxBytes)
    : directory_(std::move(directory)), maxBytes_(maxBytes)
{
}

std::string MarketDataCache::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation).toStdString() + "/market-data";
}

std::string MarketDataCache::fileFor(const std::string& source) const
{
    std::error_code ec;
    const std::string absolute = fs::absolute(source, ec).lexically_normal().string();
    // The spelling is part of the key: the report names files as the user did.
    const std::string key = absolute + '\n' + source;
    return directory_ + "/" + hex(checksum64(key.data(), key.size())) + kSuffix;
}

std::optional<MarketDataCache::Contents> MarketDataCache::read(const std::string& source,
                                                               const std::vector<FileIdentity>& inputs,
                                                               unsigned threads) const
{
    const std::string path = fileFor(source);
    const auto map = MappedFile::open(path);
    if (!map || map->size() < sizeof(Header))
        return std::nullopt;
    Header header;
    std::memcpy(&header, map->data(), sizeof header);
    if (std::memcmp(header.magic, kMagic, sizeof kMagic) != 0 || header.version != kFormatVersion
        || header.byteOrder != kByteOrderMark || header.headerChecksum != checksum64(&header, kHeaderChecked)
        || header.fileSize != map->size() || header.dataOffset != sizeof(Header)
        || header.dataSize > map->size() - header.dataOffset || header.metaOffset != header.dataOffset + header.dataSize
        || header.metaSize != map->size() - header.metaOffset)
        return std::nullopt;
    const char* meta = map->data() + header.metaOffset;
    if (checksum64(meta, header.metaSize) != header.metaChecksum)
        return std::nullopt;

    MetaReader in(meta, header.metaSize);
    if (!keyMatches(in, source, inputs))
        return std::nullopt;
    Contents contents;
    contents.report = readReport(in);
    std::vector<StockEntry> entries(in.count(32));
    for (StockEntry& e : entries) {
        e.name = in.text();
        e.count = in.u64();
        e.offset = in.u64();
        e.checksum = in.u64();
        if (e.offset % 8 != 0 || e.count > header.dataSize / 16 || e.offset > header.dataSize - e.count * 16)
            return std::nullopt;
    }
    if (!in.ok() || !in.atEnd() || !copyStocks(*map, header.dataOffset, entries, contents.stocks, threads))
        return std::nullopt;
    // Last use, for eviction: the newest survive.
    ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);
    return contents;
}

bool MarketDataCache::write(const std::string& source, const std::vector<FileIdentity>& inputs,
                            const MarketData& data, const LoadReport& report) const
{
    MetaWriter meta;
    writeKey(meta, source, inputs);
    writeReport(meta, report);
    meta.u64(data.stockCount());
    std::uint64_t offset = 0;
    for (const StockSeries& s : data.stocks()) {
        meta.text(s.name);
        meta.u64(s.size());
        meta.u64(offset);
        meta.u64(seriesChecksum(s.times.data(), s.closes.data(), s.size()));
        offset += s.size() * 16;
    }
    Header header{};
    std::memcpy(header.magic, kMagic, sizeof kMagic);
    header.version = kFormatVersion;
    header.byteOrder = kByteOrderMark;
    header.dataOffset = sizeof(Header);
    header.dataSize = offset;
    header.metaOffset = header.dataOffset + header.dataSize;
    header.metaSize = meta.bytes().size();
    header.fileSize = header.metaOffset + header.metaSize;
    header.metaChecksum = checksum64(meta.bytes().data(), meta.bytes().size());
    header.headerChecksum = checksum64(&header, kHeaderChecked);
    if (header.fileSize > maxBytes_)
        return false;

    std::error_code ec;
    fs::create_directories(directory_, ec);
    const std::string target = fileFor(source);
    std::string temp = target + ".XXXXXX" + kTempSuffix;
    const int fd = ::mkostemps(temp.data(), static_cast<int>(std::strlen(kTempSuffix)), O_CLOEXEC);
    if (fd < 0)
        return false;
    bool written = writeAll(fd, &header, sizeof header);
    for (const StockSeries& s : data.stocks()) {
        if (!written)
            break;
        written = writeAll(fd, s.times.data(), s.size() * sizeof(Timestamp))
                  && writeAll(fd, s.closes.data(), s.size() * sizeof(double));
    }
    written = written && writeAll(fd, meta.bytes().data(), meta.bytes().size());
    written = ::close(fd) == 0 && written;
    if (!written || ::rename(temp.c_str(), target.c_str()) != 0) {
        ::unlink(temp.c_str());
        return false;
    }
    evictBeyondLimit(target);
    return true;
}

void MarketDataCache::evictBeyondLimit(const std::string& keep) const
{
    struct Entry {
        fs::file_time_type used;
        std::uint64_t size;
        fs::path path;
    };
    std::vector<Entry> entries;
    std::uint64_t total = 0;
    std::error_code ec;
    const auto abandoned = fs::file_time_type::clock::now() - kAbandonedAfter;
    for (fs::directory_iterator it(directory_, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        std::error_code statError;
        const auto used = fs::last_write_time(p, statError);
        const auto size = fs::file_size(p, statError);
        if (statError)
            continue;
        const std::string name = p.filename().string();
        if (name.ends_with(kTempSuffix)) {
            if (used < abandoned)
                fs::remove(p, statError);
        } else if (name.ends_with(kSuffix)) {
            total += size;
            if (p.filename() != fs::path(keep).filename())
                entries.push_back({used, size, p});
        }
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
    for (const Entry& e : entries) {
        if (total <= maxBytes_)
            break;
        std::error_code removeError;
        if (fs::remove(e.path, removeError))
            total -= e.size;
    }
}

} // namespace ss
