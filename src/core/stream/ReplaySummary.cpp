#include "ReplaySummary.h"

namespace ss {

QJsonObject tallyJson(const Tally& t)
{
    return {
        {"windows", static_cast<qint64>(t.windows)},
        {"resolved", static_cast<qint64>(t.resolved)},
        {"correct", static_cast<qint64>(t.correct)},
        {"accuracy", t.accuracy()},
        {"baselines",
         QJsonObject{{"always_up", t.alwaysUpAccuracy()},
                     {"always_down", t.alwaysDownAccuracy()},
                     {"same_as_last_move", t.lastMoveAccuracy()}}},
    };
}

QJsonObject replaySummary(const ReplaySnapshot& snapshot, const LoadReport& load)
{
    QJsonObject o = tallyJson(snapshot.overall);
    std::size_t withData = 0;
    for (const StockStatus& s : snapshot.stocks)
        withData += s.records > 0;
    o.insert("records", static_cast<qint64>(snapshot.progress.processed));
    o.insert("rejected", static_cast<qint64>(load.rejected));
    o.insert("stocks", static_cast<qint64>(withData));
    o.insert("files", static_cast<qint64>(load.files));
    o.insert("empty_files", static_cast<qint64>(load.emptyFiles));
    o.insert("unreadable_files", static_cast<qint64>(load.unreadableFiles));
    o.insert("unresolved", static_cast<qint64>(snapshot.openCalls));
    o.insert("state", QString::fromLatin1(replayStateName(snapshot.progress.state)));
    if (snapshot.model) {
        o.insert("model", QJsonObject{{"file", snapshot.model->sourcePath()},
                                      {"window", snapshot.model->window()},
                                      {"transform", QString::fromUtf8(features::transformName(snapshot.model->transform()))}});
    }
    for (const auto& stage : snapshot.stages)
        stage->addToSummary(o);
    return o;
}

} // namespace ss
