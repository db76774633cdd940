#include "RunsModel.h"

#include <QFileInfo>
#include <QJsonObject>

#include <algorithm>

namespace ss {

namespace {

QString percent(const QJsonValue& fraction)
{
    return fraction.isDouble() ? QStringLiteral("%1%").arg(fraction.toDouble() * 100, 0, 'f', 2) : QString();
}

double bestBaseline(const QJsonObject& summary)
{
    const QJsonObject b = summary.value("baselines").toObject();
    return std::max({b.value("always_up").toDouble(), b.value("always_down").toDouble(),
                     b.value("same_as_last_move").toDouble()});
}

} // namespace

RunsModel::RunsModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunsModel::setRuns(std::vector<RunInfo> runs)
{
    std::sort(runs.begin(), runs.end(), [](const RunInfo& a, const RunInfo& b) { return a.id > b.id; });
    beginResetModel();
    runs_ = std::move(runs);
    endResetModel();
}

void RunsModel::setPaused(qint64 run)
{
    if (run == paused_)
        return;
    paused_ = run;
    if (!runs_.empty())
        emit dataChanged(index(0, State), index(rowCount() - 1, State), {Qt::DisplayRole});
}

const RunInfo* RunsModel::run(int row) const
{
    return row >= 0 && row < static_cast<int>(runs_.size()) ? &runs_[static_cast<std::size_t>(row)] : nullptr;
}

int RunsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(runs_.size());
}

int RunsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsModel::data(const QModelIndex& index, int role) const
{
    const RunInfo* r = run(index.row());
    if (!r)
        return {};
    if (role == Qt::ToolTipRole) {
        if (index.column() == Source)
            return r->source;
        if (index.column() == Model)
            return r->modelPath;
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    const QJsonObject& s = r->summary;
    switch (index.column()) {
    case Id: return r->id;
    case State:
        return r->id == paused_ && r->status == RunStatus::Running ? tr("paused")
                                                                    : QString::fromLatin1(runStatusName(r->status));
    case Source: return QFileInfo(r->source).fileName();
    case Model: return QFileInfo(r->modelPath).completeBaseName();
    case Started: return r->started.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss"));
    case Calls: return s.contains("windows") ? QVariant(s.value("windows").toInteger()) : QVariant();
    case Accuracy: return percent(s.value("accuracy"));
    case BestBaseline: return s.contains("baselines") ? percent(bestBaseline(s)) : QString();
    }
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("Run");
    case State: return tr("State");
    case Source: return tr("Data");
    case Model: return tr("Model");
    case Started: return tr("Started");
    case Calls: return tr("Calls");
    case Accuracy: return tr("Accuracy");
    case BestBaseline: return tr("Best baseline");
    }
    return {};
}

} // namespace ss
