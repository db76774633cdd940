// Opens arbitrary bytes as a prediction log, as the program meets a damaged
// or foreign file: PredictionLog::open, then everything the export and the
// GUI read from it (runs, counts, every call of a run, one stock's history)
// and the JSON and CSV text of each call. Besides crashes and undefined
// behaviour it checks that every call read back is one a model could make.

#include "FuzzCheck.h"
#include "core/storage/PredictionLog.h"

#include <QFile>

#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

using ss::fuzz::require;

namespace {

void removeLog();

// One database per fuzzing process, rewritten for every input. Never freed:
// the exit handler that removes it runs after static destructors.
const QString& scratchLog()
{
    static const QString* const path = [] {
        const char* dir = std::getenv("TMPDIR");
        auto* p = new QString(QString::fromLocal8Bit(dir && *dir ? dir : "/tmp")
                              + QStringLiteral("/fuzz-%1.sqlite").arg(::getpid()));
        std::atexit([] { removeLog(); });
        return p;
    }();
    return *path;
}

// The database and what SQLite keeps beside it.
void removeLog()
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(scratchLog() + QLatin1String(suffix));
}

void checkCall(const ss::PredictionRecord& record)
{
    const std::size_t closes = record.window.size();
    require(closes >= ss::features::kMinWindow && closes <= ss::features::kMaxWindow,
            "a call read back has a window a model can have");
    require(record.features.size() == closes || record.features.size() + 1 == closes,
            "a call read back has one feature per close (raw) or one fewer (relative)");
    std::string text;
    record.appendJson(text);
    record.appendCsv(text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    removeLog();
    {
        QFile file(scratchLog());
        require(file.open(QIODevice::WriteOnly), "the scratch log can be written");
        require(file.write(reinterpret_cast<const char*>(data), static_cast<qint64>(size)) == static_cast<qint64>(size),
                "the scratch log is complete");
    }
    QString error;
    const auto log = ss::PredictionLog::open(scratchLog(), &error, {std::chrono::milliseconds(0)});
    if (!log) {
        require(!error.isEmpty(), "a refused log comes with a reason");
        return 0;
    }
    const auto runs = log->runs(&error);
    if (!runs)
        return 0;
    for (const ss::RunInfo& run : *runs) {
        log->predictionCount(run.id, &error);
        std::string firstStock;
        int calls = 0;
        // Bounded: a damaged file may claim more rows than a fuzzing step should read.
        log->forEach({run.id, std::nullopt, std::nullopt, std::nullopt},
                     [&](const ss::PredictionRecord& record) {
                         checkCall(record);
                         if (firstStock.empty())
                             firstStock = record.stock;
                         return ++calls < 1000;
                     },
                     &error);
        if (!firstStock.empty())
            if (const auto history = log->stockHistory(run.id, firstStock, &error))
                for (const ss::PredictionRecord& record : *history)
                    checkCall(record);
    }
    return 0;
}
