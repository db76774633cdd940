#pragma once

#include "core/storage/RunInfo.h"

#include <QAbstractTableModel>

#include <vector>

namespace ss {

// The prediction log's runs, newest first: what the Runs panel lists.
class RunsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, State, Source, Model, Started, Calls, Accuracy, BestBaseline, ColumnCount };

    explicit RunsModel(QObject* parent = nullptr);

    void setRuns(std::vector<RunInfo> runs);
    // The run this window replays and has paused (0: none): the log says
    // "running" of it, the panel says "paused".
    void setPaused(qint64 run);
    const RunInfo* run(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<RunInfo> runs_;
    qint64 paused_ = 0;
};

} // namespace ss
