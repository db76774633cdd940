#pragma once

#include "core/data/LoadReport.h"

#include <QAbstractTableModel>

namespace ss {

// The files of a load that were empty, unreadable, had lines refused or
// notes on how a table was read: what the "data quality" view lists.
class DataQualityModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { File, Records, Rejected, FirstBadLine, Problem, ColumnCount };

    explicit DataQualityModel(QObject* parent = nullptr);

    void setReport(const LoadReport& report);
    // One sentence over the whole load.
    QString summary() const { return summary_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<FileReport> files_;
    QString summary_;
};

} // namespace ss
