#include "ImportPreviewModel.h"

#include "core/data/CsvFields.h"
#include "core/data/TableParser.h"

#include <QBrush>
#include <QColor>

#include <optional>

namespace ss {

ImportPreviewModel::ImportPreviewModel(QObject* parent) : QAbstractTableModel(parent) {}

void ImportPreviewModel::setTable(const std::vector<std::string>& lines, const TableFormat& format,
                                  const std::string& fileStock)
{
    beginResetModel();
    columnNames_.clear();
    rows_.clear();
    for (const std::string& name : format.columnNames)
        columnNames_ << QString::fromStdString(name);
    std::optional<TableParser> parser;
    if (format.problem.empty())
        parser.emplace(format, fileStock);
    std::vector<std::string> fields;
    std::vector<TickRecord> records;
    bool headerSkipped = !format.hasHeader;
    const char* why = "";
    for (std::size_t i = 0; i < lines.size() && rows_.size() < kRows; ++i) {
        const std::string& line = lines[i];
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        const LineKind kind = parser ? parser->parse(line, records, why) : LineKind::Record;
        if (!headerSkipped) {
            headerSkipped = true;
            continue;
        }
        Row row;
        row.line = static_cast<int>(i + 1);
        CsvFields::split(line, format.delimiter, fields);
        for (const std::string& f : fields)
            row.fields << QString::fromStdString(f);
        if (kind == LineKind::Malformed)
            row.problem = QString::fromUtf8(why);
        QStringList closes;
        for (const TickRecord& r : records) {
            row.date = QString::fromStdString(timestamp::format(r.time));
            const QString close = QString::number(r.close, 'g', 10);
            // Several stocks a row: each close says whose it is.
            closes << (format.layout == TableLayout::Single
                           ? close
                           : QString::fromUtf8(r.stock.data(), static_cast<qsizetype>(r.stock.size())) + ' ' + close);
        }
        row.closes = closes.join(QStringLiteral(", "));
        rows_.push_back(std::move(row));
    }
    endResetModel();
}

int ImportPreviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ImportPreviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : problemColumn() + 1;
}

QVariant ImportPreviewModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    // A row that would be rejected stands out, with the reason on hover.
    if (role == Qt::BackgroundRole)
        return row.problem.isEmpty() ? QVariant() : QVariant(QBrush(QColor(255, 205, 205)));
    if (role == Qt::ToolTipRole)
        return row.problem.isEmpty() ? QVariant()
                                     : QVariant(tr("Line %1 would be rejected: %2").arg(row.line).arg(row.problem));
    if (role != Qt::DisplayRole)
        return {};
    const int column = index.column();
    if (column < dateReadColumn())
        return column < row.fields.size() ? row.fields[column] : QString();
    if (column == dateReadColumn())
        return row.date;
    if (column == closeReadColumn())
        return row.closes;
    return row.problem;
}

QVariant ImportPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section < rowCount() ? QVariant(rows_[static_cast<std::size_t>(section)].line) : QVariant();
    if (section < dateReadColumn())
        return columnNames_[section];
    if (section == dateReadColumn())
        return tr("Date read");
    if (section == closeReadColumn())
        return tr("Close read");
    return tr("Rejected because");
}

} // namespace ss
