#include "ExportCommand.h"

#include "BacktestFlags.h"
#include "CliOutput.h"
#include "core/storage/PredictionExporter.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <tuple>

namespace ss::cli {

namespace {

// --from/--to take a date or a full timestamp; a bare --to date includes
// the whole of that day.
std::optional<Timestamp> parseBound(const QString& text, bool endOfDay)
{
    const std::string s = text.toStdString();
    auto t = timestamp::parse(s);
    if (t && endOfDay && s.size() == 10)
        *t += timestamp::kSecondsPerDay - 1;
    return t;
}

// --backtest STRATEGY [--cost-bps C]: the trading columns asked for, none
// without --backtest. False, with *error, for a bad value.
bool readTrading(const QCommandLineParser& parser, const QCommandLineOption& backtest,
                 const QCommandLineOption& costBps, std::optional<TradingColumns>& trading, QString* error)
{
    if (!parser.isSet(backtest)) {
        if (parser.isSet(costBps))
            *error = QStringLiteral("--cost-bps needs --backtest");
        return !parser.isSet(costBps);
    }
    const auto named = std::find_if(kAllStrategies.begin(), kAllStrategies.end(), [&](Strategy s) {
        return parser.value(backtest) == QLatin1String(strategyName(s));
    });
    if (named == kAllStrategies.end()) {
        *error = QStringLiteral("--backtest takes long_flat, long_short or buy_and_hold, not '%1'")
                     .arg(parser.value(backtest));
        return false;
    }
    const auto cost = BacktestFlags::readCost(parser.value(costBps), error);
    if (!cost)
        return false;
    trading = TradingColumns{*named, *cost};
    return true;
}

} // namespace

int ExportCommand::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption db("db", "The prediction log to read.", "FILE");
    const QCommandLineOption format("format", "csv or jsonl.", "csv|jsonl");
    const QCommandLineOption out("out", "The file to write (replaced only when the export succeeds).", "FILE");
    const QCommandLineOption run("run", "The run to export (default: the latest).", "ID");
    const QCommandLineOption stock("stock", "Only this stock's calls, e.g. ibm.us.", "S");
    const QCommandLineOption from("from", "Only calls at or after this date (YYYY-MM-DD or a timestamp).", "D");
    const QCommandLineOption to("to", "Only calls up to this date, inclusive.", "D");
    const QCommandLineOption backtest(
        "backtest",
        "Add the columns position and net_return after all others: the position STRATEGY (long_flat, long_short "
        "or buy_and_hold) takes on each call and the call's net return after costs, as replay --backtest counts "
        "them (net_return empty, or null, while the call is open).",
        "STRATEGY");
    const QCommandLineOption costBps("cost-bps", "With --backtest: the cost of each change of a stock's position, "
                                                 "in basis points (default 0).",
                                     "C", "0");
    parser.addOptions({db, format, out, run, stock, from, to, backtest, costBps});
    if (const auto exit = parseCommandLine(parser, arguments, "Write logged predictions as CSV or JSON lines."))
        return *exit;

    if (!parser.isSet(db) || !parser.isSet(format) || !parser.isSet(out)) {
        printError("export needs --db FILE, --format csv|jsonl and --out FILE");
        return Usage;
    }
    if (refusesDashForOutput(parser, out))
        return Usage;
    const QString formatName = parser.value(format);
    if (formatName != "csv" && formatName != "jsonl") {
        printError(QStringLiteral("--format takes csv or jsonl, not '%1'").arg(formatName));
        return Usage;
    }
    std::optional<TradingColumns> trading;
    if (QString why; !readTrading(parser, backtest, costBps, trading, &why)) {
        printError(why);
        return Usage;
    }
    PredictionLog::Query query;
    for (const auto& [option, bound, endOfDay] : {std::tuple{&from, &query.from, false}, std::tuple{&to, &query.to, true}}) {
        if (!parser.isSet(*option))
            continue;
        *bound = parseBound(parser.value(*option), endOfDay);
        if (!*bound) {
            printError(QStringLiteral("--%1 takes a date such as 2017-11-10, not '%2'")
                           .arg(option->names().first(), parser.value(*option)));
            return Usage;
        }
    }
    if (parser.isSet(stock))
        query.stock = parser.value(stock).toStdString();
    if (!QFileInfo::exists(parser.value(db))) {
        printError(QStringLiteral("no prediction log at '%1'").arg(parser.value(db)));
        return Failure;
    }

    QString error;
    const auto log = PredictionLog::open(parser.value(db), &error);
    if (!log) {
        printError(error);
        return Failure;
    }
    if (parser.isSet(run)) {
        bool ok = false;
        query.run = parser.value(run).toLongLong(&ok);
        if (!ok) {
            printError(QStringLiteral("--run takes a run id, not '%1'").arg(parser.value(run)));
            return Usage;
        }
    } else if (const auto latest = log->latestRun(&error)) {
        query.run = *latest;
    } else {
        printError(error);
        return Failure;
    }

    if (query.stock) {
        const auto names = log->stockNames(&error);
        if (!names) {
            printError(error);
            return Failure;
        }
        if (!std::binary_search(names->begin(), names->end(), *query.stock)) {
            printError(QStringLiteral("the prediction log has no stock '%1' (names are as in the data, e.g. ibm.us)")
                           .arg(QString::fromStdString(*query.stock)));
            return Failure;
        }
    }

    QElapsedTimer clock;
    clock.start();
    ProgressLine progressLine;
    QElapsedTimer shown;
    shown.start();
    const auto records = PredictionExporter::exportTo(
        *log, query, formatName == "csv" ? ExportFormat::Csv : ExportFormat::JsonLines, parser.value(out),
        [&](double fraction, std::int64_t written) {
            if (shown.elapsed() < 200)
                return;
            shown.restart();
            progressLine.show(QStringLiteral("exporting run %1: %2%  %3 records")
                                  .arg(query.run)
                                  .arg(fraction * 100, 0, 'f', 1)
                                  .arg(written));
        },
        nullptr, &error, trading);
    progressLine.clear();
    if (!records) {
        printError(error);
        return Failure;
    }
    const double elapsed = clock.nsecsElapsed() / 1e9;
    printJsonLine({{"run", query.run},
                   {"records", static_cast<qint64>(*records)},
                   {"out", parser.value(out)},
                   {"format", formatName},
                   {"elapsed_s", elapsed}});
    return Ok;
}

} // namespace ss::cli
