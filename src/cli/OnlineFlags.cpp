#include "OnlineFlags.h"

#include <algorithm>
#include <limits>

namespace ss::cli {

namespace {

QString flag(const QCommandLineOption& option)
{
    return QStringLiteral("--") + option.names().constFirst();
}

// The position of the flag's value among words, listed in the order of the enum it picks.
bool choice(const QCommandLineParser& parser, const QCommandLineOption& option, const QStringList& words, int* index,
            QString* error)
{
    *index = static_cast<int>(words.indexOf(parser.value(option)));
    if (*index >= 0)
        return true;
    *error = QStringLiteral("%1 takes %2, not '%3'").arg(flag(option), words.join('|'), parser.value(option));
    return false;
}

bool number(const QCommandLineParser& parser, const QCommandLineOption& option, double* value, QString* error)
{
    bool ok = false;
    *value = parser.value(option).toDouble(&ok);
    if (!ok)
        *error = QStringLiteral("%1 takes a number, not '%2'").arg(flag(option), parser.value(option));
    return ok;
}

bool count(const QCommandLineParser& parser, const QCommandLineOption& option, qint64* value, QString* error)
{
    bool ok = false;
    *value = parser.value(option).toLongLong(&ok);
    if (!ok || *value < 1)
        *error = QStringLiteral("%1 takes a whole number from 1, not '%2'").arg(flag(option), parser.value(option));
    return ok && *value >= 1;
}

} // namespace

OnlineFlags::OnlineFlags()
    : clusters_("clusters",
                "Cluster the stocks by their last 5 daily returns with streaming k-means, K clusters, and predict "
                "each stock's next return with one linear model per cluster (predict, then learn); adds \"clusters\" "
                "and \"regression\" to the summary.",
                "K"),
      decay_("decay", "With --clusters: the weight past batches keep at each new batch, 1 remembers all (default), "
                      "0 only the latest.", "D"),
      halfLife_("half-life", "With --clusters, instead of --decay: batches after which a batch's weight has halved.",
                "H"),
      batch_("batch", "Mini-batch of --clusters and --online: every timestamp, one trading day of daily data "
                      "(default), or every N records.", "day|N", "day"),
      regression_("regression", "With --clusters: per-cluster regression by Spark's SGD (default) or exact recursive "
                                "least squares.", "sgd|rls", "sgd"),
      step_("step", "With --clusters: SGD step size (default 0.1).", "S", "0.1"),
      miniBatchFraction_("mini-batch-fraction", "With --clusters: share of a batch each SGD step samples (default 1).",
                         "F", "1"),
      iterations_("iterations", "With --clusters: SGD steps at most per batch (default 50).", "N", "50"),
      seed_("seed", "With --clusters: seed of the random draws, the first centres and SGD's samples (default 42).",
            "N", "42"),
      online_("online", "Also score every window with an online logistic model that learns each call's outcome as "
                        "it resolves; adds \"online\" to the summary, beside the static model on the same calls."),
      onlineStart_("online-start", "With --online: start from the model's weights (default) or from zero.",
                   "model|zero", "model"),
      onlineUpdate_("online-update", "With --online: online Newton steps (default) or SGD.", "newton|sgd", "newton"),
      onlineScope_("online-scope", "With --online: one model for all stocks (default) or one per stock.",
                   "global|stock", "global"),
      onlineStep_("online-step", "With --online-update sgd: step size (default 0.05).", "S", "0.05")
{
}

void OnlineFlags::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({clusters_, decay_, halfLife_, batch_, regression_, step_, miniBatchFraction_, iterations_, seed_,
                       online_, onlineStart_, onlineUpdate_, onlineScope_, onlineStep_});
}

std::optional<OnlineOptions> OnlineFlags::read(const QCommandLineParser& parser, QString* error) const
{
    OnlineOptions o;
    for (const QCommandLineOption* needsClusters :
         {&decay_, &halfLife_, &regression_, &step_, &miniBatchFraction_, &iterations_, &seed_}) {
        if (parser.isSet(*needsClusters) && !parser.isSet(clusters_)) {
            *error = QStringLiteral("%1 needs --clusters K").arg(flag(*needsClusters));
            return std::nullopt;
        }
    }
    for (const QCommandLineOption* needsOnline : {&onlineStart_, &onlineUpdate_, &onlineScope_, &onlineStep_}) {
        if (parser.isSet(*needsOnline) && !parser.isSet(online_)) {
            *error = QStringLiteral("%1 needs --online").arg(flag(*needsOnline));
            return std::nullopt;
        }
    }
    if (parser.isSet(decay_) && parser.isSet(halfLife_)) {
        *error = QStringLiteral("--decay and --half-life exclude each other");
        return std::nullopt;
    }

    qint64 whole = 0;
    int index = 0;
    if (parser.isSet(clusters_)) {
        if (!count(parser, clusters_, &whole, error))
            return std::nullopt;
        o.clustering.k = static_cast<int>(std::min<qint64>(whole, std::numeric_limits<int>::max()));
    }
    if (parser.isSet(decay_) && !number(parser, decay_, &o.clustering.decay, error))
        return std::nullopt;
    if (parser.isSet(halfLife_) && !number(parser, halfLife_, &o.clustering.halfLife.emplace(), error))
        return std::nullopt;
    if (parser.value(batch_) != QLatin1String("day")) {
        if (!count(parser, batch_, &whole, error)) {
            *error = QStringLiteral("--batch takes day or a whole number of records from 1, not '%1'")
                         .arg(parser.value(batch_));
            return std::nullopt;
        }
        o.batchRecords = static_cast<std::size_t>(whole);
    }
    if (!choice(parser, regression_, {"sgd", "rls"}, &index, error))
        return std::nullopt;
    o.regression.method = static_cast<RegressionMethod>(index);
    if (!number(parser, step_, &o.regression.step, error)
        || !number(parser, miniBatchFraction_, &o.regression.miniBatchFraction, error))
        return std::nullopt;
    if (!count(parser, iterations_, &whole, error))
        return std::nullopt;
    o.regression.iterations = static_cast<int>(std::min<qint64>(whole, std::numeric_limits<int>::max()));
    bool ok = false;
    o.clustering.seed = parser.value(seed_).toULongLong(&ok);
    if (!ok || o.clustering.seed > static_cast<quint64>(std::numeric_limits<qint64>::max())) {
        *error = QStringLiteral("--seed takes a whole number from 0, not '%1'").arg(parser.value(seed_));
        return std::nullopt;
    }

    o.scorer.enabled = parser.isSet(online_);
    if (!choice(parser, onlineStart_, {"model", "zero"}, &index, error))
        return std::nullopt;
    o.scorer.start = static_cast<OnlineStart>(index);
    if (!choice(parser, onlineUpdate_, {"sgd", "newton"}, &index, error))
        return std::nullopt;
    o.scorer.update = static_cast<OnlineUpdate>(index);
    if (!choice(parser, onlineScope_, {"global", "stock"}, &index, error))
        return std::nullopt;
    o.scorer.scope = static_cast<OnlineScope>(index);
    if (!number(parser, onlineStep_, &o.scorer.step, error))
        return std::nullopt;

    if (const auto problem = o.problem()) {
        *error = *problem;
        return std::nullopt;
    }
    return o;
}

} // namespace ss::cli
