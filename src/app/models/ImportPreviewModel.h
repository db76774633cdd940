#pragma once

#include "core/data/TableFormat.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <string>
#include <vector>

namespace ss {

// The import preview's table: a file's first rows as written, split at the
// delimiter in force, and beside them what each row is read as (its date,
// its close or closes) or why it would be rejected.
class ImportPreviewModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kRows = 20;

    explicit ImportPreviewModel(QObject* parent = nullptr);

    // Reads the first kRows rows of `lines` as `format` says; a format with
    // a problem shows the raw fields alone.
    void setTable(const std::vector<std::string>& lines, const TableFormat& format, const std::string& fileStock);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The read columns' positions, after the file's own.
    int dateReadColumn() const { return static_cast<int>(columnNames_.size()); }
    int closeReadColumn() const { return dateReadColumn() + 1; }
    int problemColumn() const { return dateReadColumn() + 2; }
    bool isRejected(int row) const { return !rows_[static_cast<std::size_t>(row)].problem.isEmpty(); }

private:
    struct Row {
        int line = 0;
        QStringList fields;
        QString date;
        QString closes;
        QString problem;
    };
    QStringList columnNames_;
    std::vector<Row> rows_;
};

} // namespace ss
