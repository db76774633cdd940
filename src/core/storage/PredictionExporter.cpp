#include "PredictionExporter.h"

#include "core/system/OutputFile.h"

#include <string>

namespace ss {

namespace {
constexpr std::size_t kChunkBytes = 1 << 20;
constexpr std::int64_t kProgressEvery = 65536;
} // namespace

std::optional<std::int64_t> PredictionExporter::exportTo(PredictionLog& log, const PredictionLog::Query& query,
                                                         ExportFormat format, const QString& path,
                                                         const Progress& progress, const std::atomic<bool>* cancel,
                                                         QString* error,
                                                         const std::optional<TradingColumns>& trading)
{
    const auto run = log.run(query.run, error);
    if (!run)
        return std::nullopt;
    // Known before the first record, for the CSV header.
    const auto online = log.hasOnlineCalls(query.run, error);
    if (!online)
        return std::nullopt;
    OutputFile file(path);
    QString why;
    if (!file.open(OutputFile::Write::Atomically, &why)) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, why);
        return std::nullopt;
    }

    std::string chunk;
    chunk.reserve(kChunkBytes + 4096);
    if (format == ExportFormat::Csv)
        PredictionRecord::appendCsvHeader(chunk, run->window, features::count(run->transform, run->window), *online,
                                          trading.has_value());
    const TradingColumns* tradingColumns = trading ? &*trading : nullptr;
    bool writeFailed = false;
    bool cancelled = false;
    auto writeChunk = [&] {
        writeFailed = !file.write(chunk.data(), static_cast<qint64>(chunk.size()), &why);
        chunk.clear();
        return !writeFailed;
    };
    const double span = static_cast<double>(run->lastTime - run->firstTime);
    std::int64_t records = 0;
    const bool read = log.forEach(
        query,
        [&](const PredictionRecord& record) {
            if (format == ExportFormat::Csv) {
                record.appendCsv(chunk, tradingColumns);
            } else {
                record.appendJson(chunk, tradingColumns);
                chunk += '\n';
            }
            if (++records % kProgressEvery == 0) {
                if (cancel && cancel->load(std::memory_order_relaxed)) {
                    cancelled = true;
                    return false;
                }
                if (progress)
                    progress(span > 0 ? static_cast<double>(record.time - run->firstTime) / span : 0.0, records);
            }
            return chunk.size() < kChunkBytes || writeChunk();
        },
        error);
    if (!read) {
        file.cancel();
        return std::nullopt;
    }
    if (cancelled) {
        file.cancel();
        *error = QStringLiteral("export to '%1' cancelled").arg(path);
        return std::nullopt;
    }
    if (writeFailed || !writeChunk() || !file.commit(&why)) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, why);
        return std::nullopt;
    }
    if (progress)
        progress(1.0, records);
    return records;
}

} // namespace ss
