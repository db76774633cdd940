#include "ReplayCommand.h"

#include "BacktestFlags.h"
#include "CliOutput.h"
#include "LiveReplay.h"
#include "OnlineFlags.h"
#include "TableFlags.h"
#include "core/data/DataLoader.h"
#include "core/online/OnlineLearningStage.h"
#include "core/storage/LoggedRun.h"
#include "core/stream/ReplayEngine.h"
#include "core/stream/ReplayRate.h"
#include "core/system/InstalledData.h"
#include "core/system/TerminationRequest.h"

#include <QElapsedTimer>

#include <future>

namespace ss::cli {

namespace {

QString rate(double perSecond)
{
    return perSecond >= 1e6 ? QStringLiteral("%1M").arg(perSecond / 1e6, 0, 'f', 2)
                            : QStringLiteral("%1k").arg(perSecond / 1e3, 0, 'f', 1);
}

} // namespace

int ReplayCommand::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption data("data", "Folder of ticker files, one ticker file, data.csv, JSON lines, - for "
                                          "standard input, or tcp://HOST:PORT or kafka://BROKERS/TOPIC for a live feed.", "PATH");
    const QCommandLineOption model("model", "Model JSON file (default: the installed IBM relative model).", "FILE");
    const QCommandLineOption speed("speed", "Records per second, or max (default).", "max|N", "max");
    const QCommandLineOption threads("threads", "Threads for reading files (default: all cores).", "N", "0");
    const QCommandLineOption db("db", "Log every call in this SQLite prediction log (created if missing).", "FILE");
    const QCommandLineOption resume("resume", "Continue the interrupted run RUN of the --db log; --data and --model "
                                              "default to the run's.", "RUN");
    const QCommandLineOption jsonl("jsonl", "Write every call to FILE as a JSON line, in the order the calls are "
                                            "resolved; calls still open at the end last.", "FILE");
    const QCommandLineOption noCache("no-cache", "Parse the data even when the cache holds it unchanged, and do "
                                                 "not keep it there.");
    parser.addOptions({data, model, speed, threads, db, resume, jsonl, noCache});
    const LiveReplay live;
    live.addTo(parser);
    const OnlineFlags onlineFlags;
    onlineFlags.addTo(parser);
    const BacktestFlags backtestFlags;
    backtestFlags.addTo(parser);
    const TableFlags tableFlags;
    tableFlags.addTo(parser);
    if (const auto exit = parseCommandLine(parser, arguments, "Replay price history and score every window."))
        return *exit;

    std::unique_ptr<PredictionLog> log;
    std::optional<RunInfo> resumed;
    QString error;
    if (refusesDashForOutput(parser, jsonl))
        return Usage;
    if (parser.isSet(resume) && !parser.isSet(db)) {
        printError("--resume needs --db FILE");
        return Usage;
    }
    if (parser.isSet(db) && !(log = PredictionLog::open(parser.value(db), &error))) {
        printError(error);
        return Failure;
    }
    if (parser.isSet(resume)) {
        bool ok = false;
        const qint64 id = parser.value(resume).toLongLong(&ok);
        if (!ok || !(resumed = log->run(id, &error))) {
            printError(ok ? error : QStringLiteral("--resume takes a run id, not '%1'").arg(parser.value(resume)));
            return ok ? Failure : Usage;
        }
    }
    if (!parser.isSet(data) && !resumed && !live.requested(parser, {})) {
        printError("replay needs --data PATH");
        return Usage;
    }
    Pace pace;
    if (const auto rate = ReplayRate::parse(parser.value(speed))) {
        pace.rate = *rate;
    } else {
        printError(QStringLiteral("--speed takes %1, not '%2'").arg(ReplayRate::rule("records"), parser.value(speed)));
        return Usage;
    }
    const auto online = onlineFlags.read(parser, &error);
    const auto backtest = online ? backtestFlags.read(parser, &error) : std::nullopt;
    const auto table = backtest ? tableFlags.read(parser, &error) : std::nullopt;
    if (!online || !backtest || !table) {
        printError(error);
        return Usage;
    }
    bool threadsOk = false;
    const unsigned threadCount = parser.value(threads).toUInt(&threadsOk);
    if (!threadsOk) {
        printError("--threads takes a whole number");
        return Usage;
    }

    const QString modelPath = parser.isSet(model) ? parser.value(model)
                              : resumed           ? resumed->modelPath
                                                  : InstalledData().defaultModel();
    auto loadedModel = LogisticModel::load(modelPath, &error);
    if (!loadedModel) {
        printError(error);
        return Failure;
    }

    if (live.requested(parser, parser.value(data))) {
        if (!table->isDefault()) {
            printError("--columns, --date-format, --delimiter, --decimal and --layout read a table loaded whole, "
                       "not --live");
            return Usage;
        }
        return live.run(parser, parser.value(data), std::move(*loadedModel), modelPath,
                        {parser.value(jsonl), log.get(), resumed ? std::optional(resumed->id) : std::nullopt, *online,
                         *backtest});
    }

    // Ctrl-C or SIGTERM stops the replay in order: the logs commit and close.
    const TerminationRequest termination;
    QElapsedTimer clock;
    clock.start();
    ProgressLine progressLine;
    LoadProgress loadProgress;
    const QString source = parser.isSet(data) ? parser.value(data) : resumed->source;
    const std::string path = source.toStdString();
    const MarketDataCache cache(MarketDataCache::defaultDirectory());
    const MarketDataCache* usedCache = parser.isSet(noCache) ? nullptr : &cache;
    auto pending = std::async(std::launch::async,
                              [&] { return DataLoader::load(path, &loadProgress, threadCount, *table, usedCache); });
    while (pending.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) {
        if (TerminationRequest::pending())
            loadProgress.cancel = true;
        progressLine.show(QStringLiteral("reading %1/%2 files, %3 MB")
                              .arg(loadProgress.filesDone.load())
                              .arg(loadProgress.filesTotal.load())
                              .arg(loadProgress.bytesRead.load() / 1000000));
    }
    const LoadResult loaded = pending.get();
    const double loadSeconds = clock.nsecsElapsed() / 1e9;
    progressLine.clear();
    printLoadReport(loaded.report);
    if (!loaded.data) {
        printError(QString::fromStdString(loaded.error));
        return loaded.cancelled ? Interrupted : Failure;
    }

    const auto scorer = std::make_shared<const LogisticModel>(std::move(*loadedModel));
    ReplayEngine engine(loaded.data, scorer, loaded.report);
    if (online->enabled())
        engine.plugStage(onlineLearning(*online));
    backtest->plugInto(engine);
    auto run = LoggedRun::attach(engine, *scorer,
                                 {log.get(), resumed ? std::optional(resumed->id) : std::nullopt, source, modelPath,
                                  parser.value(jsonl), {}},
                                 &error);
    if (!run) {
        printError(error);
        // Ctrl-C or SIGTERM while a --jsonl FIFO waited for its reader.
        return TerminationRequest::pending() ? Interrupted : Failure;
    }
    engine.setPace(pace);
    run->drive({.stopWanted = [] { return TerminationRequest::pending(); },
                .onPoll =
                    [&] {
                        const ReplayProgress p = engine.progress();
                        progressLine.show(QStringLiteral("%1 / %2 records  %3  %4 records/s")
                                              .arg(p.processed)
                                              .arg(p.total)
                                              .arg(QString::fromStdString(timestamp::formatDate(p.time)))
                                              .arg(rate(p.activeSeconds > 0 ? p.processed / p.activeSeconds : 0)));
                    }});
    progressLine.clear();
    // The figures count the time to write the logs; write errors come below.
    run->close(&error);
    const double elapsed = clock.nsecsElapsed() / 1e9;
    const std::size_t processed = engine.progress().processed;
    QJsonObject summary;
    if (!run->finish({{"load_s", loadSeconds},
                      {"replay_s", elapsed - loadSeconds},
                      {"elapsed_s", elapsed},
                      {"records_per_s", elapsed > 0 ? processed / elapsed : 0.0}},
                     summary, &error)) {
        printError(error);
        return Failure;
    }
    const bool complete = engine.complete();
    const qint64 runId = run->runId();
    printJsonLine(summary);
    if (!backtest->writeCsv(engine, &error)) {
        printError(error);
        return Failure;
    }
    if (TerminationRequest::pending() && !complete) {
        printError(runId ? QStringLiteral("replay interrupted after %1 records; continue it with --resume %2")
                               .arg(processed)
                               .arg(runId)
                         : QStringLiteral("replay interrupted after %1 records").arg(processed));
        return Interrupted;
    }
    return Ok;
}

} // namespace ss::cli
