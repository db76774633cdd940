#include "DataQualityModel.h"

#include <QFileInfo>

namespace ss {

DataQualityModel::DataQualityModel(QObject* parent) : QAbstractTableModel(parent) {}

void DataQualityModel::setReport(const LoadReport& report)
{
    beginResetModel();
    files_ = report.notable;
    endResetModel();
    summary_ = tr("%1 files, %2 records; %3 lines rejected, %4 empty files, %5 unreadable files.")
                   .arg(report.files)
                   .arg(report.records)
                   .arg(report.rejected)
                   .arg(report.emptyFiles)
                   .arg(report.unreadableFiles);
}

int DataQualityModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(files_.size());
}

int DataQualityModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DataQualityModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(files_.size()))
        return {};
    const FileReport& f = files_[static_cast<std::size_t>(index.row())];
    if (role == Qt::ToolTipRole && index.column() == File)
        return QString::fromStdString(f.file);
    if (role == Qt::TextAlignmentRole && index.column() != File && index.column() != Problem)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case File: return QFileInfo(QString::fromStdString(f.file)).fileName();
    case Records: return static_cast<qulonglong>(f.records);
    case Rejected: return static_cast<qulonglong>(f.rejected);
    case FirstBadLine: return f.firstBadLine > 0 ? QVariant(static_cast<qulonglong>(f.firstBadLine)) : QVariant();
    case Problem:
        if (!f.error.empty())
            return tr("unreadable: %1").arg(QString::fromStdString(f.error));
        if (f.empty)
            return tr("empty file: a stock with no data");
        QStringList problems;
        if (!f.firstBadReason.empty())
            problems << QString::fromStdString(f.firstBadReason);
        for (const std::string& note : f.notes)
            problems << QString::fromStdString(note);
        return problems.join(QStringLiteral("; "));
    }
    return {};
}

QVariant DataQualityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case File: return tr("File");
    case Records: return tr("Records");
    case Rejected: return tr("Rejected");
    case FirstBadLine: return tr("First bad line");
    case Problem: return tr("Problem");
    }
    return {};
}

} // namespace ss
