#include "ModelLibraryModel.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>

namespace ss {

namespace {

// The hold-out figures when the file has them, else the training figures.
QJsonObject headlineMetrics(const LogisticModel& m)
{
    const QJsonObject test = m.metrics().value("test").toObject();
    return test.isEmpty() ? m.metrics().value("train").toObject() : test;
}

QVariant figure(const QJsonObject& part, const QString& key)
{
    const QJsonValue v = part.value(key);
    return v.isDouble() ? QVariant(v.toDouble()) : QVariant();
}

// Rates as percentages, scores to four places; the number itself sorts.
QVariant shown(const QVariant& value, int column, int role)
{
    if (role == ModelLibraryModel::SortRole || !value.isValid() || value.typeId() != QMetaType::Double)
        return value;
    const double v = value.toDouble();
    switch (column) {
    case ModelLibraryModel::Accuracy:
    case ModelLibraryModel::BestBaseline:
        return QLocale().toString(v * 100, 'f', 2) + QStringLiteral(" %");
    case ModelLibraryModel::C:
        return QLocale().toString(v, 'g', 3);
    default:
        return QLocale().toString(v, 'f', 4);
    }
}

} // namespace

ModelLibraryModel::ModelLibraryModel(QObject* parent) : QAbstractTableModel(parent) {}

void ModelLibraryModel::setFolders(const QStringList& folders)
{
    folders_.clear();
    for (const QString& folder : folders) {
        const QString absolute = QFileInfo(folder).absoluteFilePath();
        if (!folder.isEmpty() && !folders_.contains(absolute))
            folders_ << absolute;
    }
    reload();
}

void ModelLibraryModel::reload()
{
    beginResetModel();
    entries_.clear();
    for (const QString& folder : folders_) {
        const QFileInfoList files =
            QDir(folder).entryInfoList({QStringLiteral("*.json")}, QDir::Files | QDir::Readable, QDir::Time);
        for (const QFileInfo& file : files) {
            Entry e;
            e.path = file.absoluteFilePath();
            e.model = LogisticModel::load(e.path, &e.error);
            entries_.push_back(std::move(e));
        }
    }
    endResetModel();
}

const LogisticModel* ModelLibraryModel::model(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    const auto& m = entries_[static_cast<std::size_t>(row)].model;
    return m ? &*m : nullptr;
}

QString ModelLibraryModel::path(int row) const
{
    return row >= 0 && row < rowCount() ? entries_[static_cast<std::size_t>(row)].path : QString();
}

int ModelLibraryModel::rowOf(const QString& path) const
{
    const QString wanted = QFileInfo(path).absoluteFilePath();
    const auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.path == wanted; });
    return it == entries_.end() ? -1 : static_cast<int>(it - entries_.begin());
}

int ModelLibraryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

int ModelLibraryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelLibraryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Entry& e = entries_[static_cast<std::size_t>(index.row())];
    if (role == Qt::ToolTipRole)
        return e.model ? QDir::toNativeSeparators(e.path) : e.error;
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    return shown(value(e, index.column()), index.column(), role);
}

QVariant ModelLibraryModel::value(const Entry& e, int column) const
{
    if (column == Name)
        return QFileInfo(e.path).completeBaseName();
    if (!e.model)
        return column == TrainedOn ? tr("refused: %1").arg(e.error) : QVariant();
    const LogisticModel& m = *e.model;
    const QJsonObject part = headlineMetrics(m);
    switch (column) {
    case TrainedOn: {
        const QJsonObject on = m.trainedOn();
        const QString what = on.value("stock").toString(on.value("file").toString());
        return on.contains("stocks") ? tr("%1 stocks").arg(on.value("stocks").toInt()) : what;
    }
    case Transform:
        return QString::fromUtf8(features::transformName(m.transform()));
    case Window:
        return m.window();
    case C:
        return m.regularizationC();
    case Accuracy:
        return figure(part, QStringLiteral("accuracy"));
    case BestBaseline: {
        const QJsonObject b = part.value("baselines").toObject();
        if (b.isEmpty())
            return {};
        return std::max({b.value("always_up").toDouble(), b.value("always_down").toDouble(),
                         b.value("same_as_last_move").toDouble()});
    }
    case RocAuc:
        return figure(part, QStringLiteral("roc_auc"));
    case LogLoss:
        return figure(part, QStringLiteral("log_loss"));
    default:
        return {};
    }
}

QVariant ModelLibraryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Model");
    case TrainedOn: return tr("Trained on");
    case Transform: return tr("Transform");
    case Window: return tr("W");
    case C: return tr("C");
    case Accuracy: return tr("Accuracy");
    case BestBaseline: return tr("Best baseline");
    case RocAuc: return tr("ROC AUC");
    case LogLoss: return tr("Log loss");
    default: return {};
    }
}

} // namespace ss
