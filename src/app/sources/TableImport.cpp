#include "TableImport.h"

#include "app/dialogs/ImportPreviewDialog.h"

#include <QCryptographicHash>
#include <QFileInfo>

namespace ss {

namespace {

// One settings group per file, named by a digest of its absolute path:
// paths hold the slashes QSettings takes for groups.
QString groupFor(const QString& path)
{
    const QByteArray absolute = QFileInfo(path).absoluteFilePath().toUtf8();
    return QStringLiteral("tableImport/")
           + QString::fromLatin1(QCryptographicHash::hash(absolute, QCryptographicHash::Sha1).toHex());
}

} // namespace

void TableImport::open(QWidget* parent, QSettings& settings, const QString& path,
                       std::function<void(const TableOptions&)> load)
{
    // A remembered choice the file no longer fits (it was replaced) is shown again, not used blindly.
    const auto chosen = remembered(settings, path);
    if (chosen ? ImportPreviewDialog::fits(path, *chosen) : !ImportPreviewDialog::isNeededFor(path)) {
        load(chosen.value_or(TableOptions{}));
        return;
    }
    auto* preview = new ImportPreviewDialog(path, chosen.value_or(TableOptions{}), parent);
    preview->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(preview, &QDialog::accepted, preview, [&settings, path, preview, load = std::move(load)] {
        remember(settings, path, preview->options());
        load(preview->options());
    });
    preview->open();
}

std::optional<TableOptions> TableImport::remembered(QSettings& settings, const QString& path)
{
    settings.beginGroup(groupFor(path));
    const bool known = settings.contains("layout");
    TableOptions options;
    std::string ignored;
    // Each setter checks its value: a damaged entry falls back to detection.
    options.setColumns(settings.value("columns").toString().toStdString(), ignored);
    const QString dateFormat = settings.value("dateFormat").toString();
    if (!dateFormat.isEmpty())
        options.setDateFormat(dateFormat.toStdString(), ignored);
    options.setDelimiter(settings.value("delimiter").toString().toStdString(), ignored);
    options.setDecimal(settings.value("decimal").toString().toStdString(), ignored);
    options.setLayout(settings.value("layout").toString().toStdString(), ignored);
    settings.endGroup();
    return known ? std::optional(options) : std::nullopt;
}

void TableImport::remember(QSettings& settings, const QString& path, const TableOptions& options)
{
    settings.beginGroup(groupFor(path));
    settings.setValue("columns", QString::fromStdString(options.columnsSpec()));
    settings.setValue("dateFormat", QString::fromStdString(options.dateFormat));
    settings.setValue("delimiter", QString::fromStdString(options.delimiterSpec()));
    settings.setValue("decimal", QString::fromStdString(options.decimalSpec()));
    settings.setValue("layout", QString::fromLatin1(TableOptions::layoutName(options.layout)));
    settings.endGroup();
}

} // namespace ss
