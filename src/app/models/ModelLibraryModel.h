#pragma once

#include "core/model/LogisticModel.h"

#include <QAbstractTableModel>

#include <vector>

namespace ss {

// The model files of some folders (the user's, the installed models) with
// the figures they carry, so trained models can be compared and one chosen.
// Files that would be refused are listed too, with the reason, rather than
// silently left out.
class ModelLibraryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, TrainedOn, Transform, Window, C, Accuracy, BestBaseline, RocAuc, LogLoss, ColumnCount };
    // Figures as numbers, for sorting; the display role rounds them.
    static constexpr int SortRole = Qt::UserRole;

    explicit ModelLibraryModel(QObject* parent = nullptr);

    // Reads every *.json of the folders, each folder's newest first; empty
    // names and a folder named twice are skipped.
    void setFolders(const QStringList& folders);
    void reload();
    // Null for a refused file.
    const LogisticModel* model(int row) const;
    QString path(int row) const;
    int rowOf(const QString& path) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Entry {
        QString path;
        std::optional<LogisticModel> model;
        QString error;
    };
    QVariant value(const Entry& entry, int column) const;

    QStringList folders_;
    std::vector<Entry> entries_;
};

} // namespace ss
