#include "TrainCommand.h"

#include "CliOutput.h"
#include "TableFlags.h"
#include "core/data/DataLoader.h"
#include "core/model/ModelTrainer.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>

namespace ss::cli {

namespace {

// Reads the options into TrainingOptions; on a bad value prints why and
// returns false.
bool readOptions(const QCommandLineParser& parser, const QCommandLineOption& window,
                 const QCommandLineOption& transform, const QCommandLineOption& c,
                 const QCommandLineOption& testFraction, TrainingOptions& out)
{
    bool ok = false;
    out.window = parser.value(window).toInt(&ok);
    if (!ok) {
        printError(QStringLiteral("--window takes a whole number of closes, not '%1'").arg(parser.value(window)));
        return false;
    }
    const auto parsed = features::parseTransform(parser.value(transform).toStdString());
    if (!parsed) {
        printError(QStringLiteral("--transform takes raw or relative, not '%1'").arg(parser.value(transform)));
        return false;
    }
    out.transform = *parsed;
    out.c = parser.value(c).toDouble(&ok);
    if (!ok) {
        printError(QStringLiteral("--C takes a number, not '%1'").arg(parser.value(c)));
        return false;
    }
    out.testFraction = parser.value(testFraction).toDouble(&ok);
    if (!ok) {
        printError(QStringLiteral("--test-fraction takes a number, not '%1'").arg(parser.value(testFraction)));
        return false;
    }
    const QString why = ModelTrainer::checkOptions(out);
    if (!why.isEmpty()) {
        printError(why);
        return false;
    }
    return true;
}

} // namespace

int TrainCommand::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption csv("csv", "The closes of one stock: a ticker file, a one-stock data.csv or JSON lines, "
                                        "or - for standard input. Several stocks (a folder, a data.csv) are pooled "
                                        "into one fit on all examples, with --test-fraction 0.", "FILE");
    const QCommandLineOption out("out", "Where to write the model (JSON; replaced atomically).", "MODEL.json");
    const QCommandLineOption window("window", "Closes in a window, 2 to 60 (default 5).", "W", "5");
    const QCommandLineOption transform("transform", "Features: raw closes or relative to the newest (default).",
                                       "raw|relative", "relative");
    const QCommandLineOption c("C", "Inverse L2 regularisation strength, > 0 (default 1).", "C", "1");
    const QCommandLineOption testFraction("test-fraction", "Share of the latest examples held out for evaluation, "
                                                           "0 to below 1; 0 fits on all (default 0.2).", "F", "0.2");
    parser.addOptions({csv, out, window, transform, c, testFraction});
    const TableFlags tableFlags;
    tableFlags.addTo(parser);
    if (const auto exit = parseCommandLine(parser, arguments,
                                           "Fit the logistic model on one stock's closes. The saved model is the fit "
                                           "on the training part; the last F of the examples, in time order, is the "
                                           "hold-out its test figures come from."))
        return *exit;

    if (!parser.isSet(csv) || !parser.isSet(out)) {
        printError("train needs --csv FILE and --out MODEL.json");
        return Usage;
    }
    TrainingOptions options;
    if (!readOptions(parser, window, transform, c, testFraction, options))
        return Usage;
    QString error;
    const auto table = tableFlags.read(parser, &error);
    if (!table) {
        printError(error);
        return Usage;
    }

    QElapsedTimer clock;
    clock.start();
    const QString path = parser.value(csv);
    const LoadResult loaded = DataLoader::load(path.toStdString(), nullptr, 0, *table);
    if (!loaded.data) {
        printError(QString::fromStdString(loaded.error));
        return Failure;
    }
    const auto firstRejecting = std::find_if(loaded.report.notable.begin(), loaded.report.notable.end(),
                                             [](const FileReport& f) { return f.rejected > 0; });
    if (firstRejecting != loaded.report.notable.end())
        printWarning(QStringLiteral("%1 line(s) rejected, first in %2 at line %3: %4")
                         .arg(loaded.report.rejected)
                         .arg(QString::fromStdString(firstRejecting->file))
                         .arg(firstRejecting->firstBadLine)
                         .arg(QString::fromStdString(firstRejecting->firstBadReason)));
    if (loaded.data->stockCount() == 0) {
        printError(QStringLiteral("%1 holds no closes").arg(path));
        return Failure;
    }
    const double loadSeconds = clock.nsecsElapsed() / 1e9;

    const QString source = path == "-" ? path : QFileInfo(path).fileName();
    const ModelTrainer::Outcome trained = ModelTrainer::train(loaded.data->stocks(), source, options);
    if (!trained.model) {
        printError(trained.error);
        return Failure;
    }
    if (!trained.model->save(parser.value(out), &error)) {
        printError(error);
        return Failure;
    }

    const LogisticModel& model = *trained.model;
    QJsonArray weights;
    for (double w : model.weights())
        weights.append(w);
    QJsonObject result{
        {"stock", model.trainedOn().value("stock")},
        {"stocks", static_cast<qint64>(loaded.data->stockCount())},
        {"file", source},
        {"out", parser.value(out)},
        {"window", model.window()},
        {"transform", QString::fromUtf8(features::transformName(model.transform()))},
        {"C", model.regularizationC()},
        {"test_fraction", options.testFraction},
        {"rejected", static_cast<qint64>(loaded.report.rejected)},
        {"examples", static_cast<qint64>(trained.examples)},
        {"fit_on", model.trainedOn().value("fit_on")},
        {"weights", weights},
        {"intercept", model.intercept()},
        {"iterations", trained.fit.iterations},
        {"gradient_norm", trained.fit.gradientNorm},
        {"load_s", loadSeconds},
        {"fit_s", trained.fitSeconds},
        {"elapsed_s", clock.nsecsElapsed() / 1e9},
    };
    for (auto it = model.metrics().begin(); it != model.metrics().end(); ++it)
        result.insert(it.key(), it.value());
    printJsonLine(result);
    return Ok;
}

} // namespace ss::cli
