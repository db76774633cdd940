#pragma once

#include "core/storage/PredictionExporter.h"
#include "core/storage/RunInfo.h"

#include <QDialog>

#include <memory>
#include <vector>

namespace Ui {
class ExportDialog;
}

namespace ss {

// What File ▸ Export predictions asks before it writes: which run, all
// stocks or one, an optional date range, the format and the file.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    struct Request {
        QString path;
        PredictionLog::Query query;
        ExportFormat format = ExportFormat::Csv;
    };

    // runs: newest first, as the Runs panel lists them; `run` is preselected
    // (the newest when 0); a non-empty `stock` preselects "only" that stock.
    ExportDialog(std::vector<RunInfo> runs, qint64 run, const QStringList& stocks, const QString& stock,
                 const QString& folder, ExportFormat format, QWidget* parent = nullptr);
    ~ExportDialog() override;

    // What the fields ask for now; meaningful when problem() is empty.
    Request request() const;
    // Why the fields cannot be exported as they are, or empty.
    QString problem() const;

    void accept() override;

private:
    void showRunSpan();
    void chooseFile();
    void matchExtension();
    ExportFormat format() const;

    std::unique_ptr<Ui::ExportDialog> ui_;
    std::vector<RunInfo> runs_;
};

} // namespace ss
