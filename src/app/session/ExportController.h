#pragma once

#include "app/dialogs/ExportDialog.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QProgressDialog;
class QWidget;

namespace ss {

class ExportJob;

// File ▸ Export predictions, from the question to the file: asks with an
// ExportDialog (offering each run's own stocks), remembers the folder and
// format, and writes in the background with progress by records and Cancel.
// One export at a time.
class ExportController : public QObject {
    Q_OBJECT
public:
    explicit ExportController(QWidget* window);
    ~ExportController() override;

    // Asks what to export from the log at `logPath`; runs newest first,
    // `selected` preselected (0: the newest), `stock` (when not empty)
    // preselected as the only stock.
    void choose(const QString& logPath, std::vector<RunInfo> runs, qint64 selected, const QString& stock);
    // Writes what the request asks for; exported() tells when it is done.
    void exportPredictions(const QString& logPath, const ExportDialog::Request& request);
    // The progress dialog's text: records done of records to export (a
    // negative total while they are being counted).
    static QString progressText(std::int64_t records, std::int64_t total);

signals:
    // An export finished: the number of records written, -1 on failure.
    void exported(qint64 records);
    void failed(const QString& title, const QString& message);
    void statusMessage(const QString& message, int timeoutMs);

private:
    void showProgress();
    void finish(const QString& path);

    QWidget* window_;
    std::unique_ptr<ExportJob> job_;
    // Deleted when the export ends; modal to the window meanwhile.
    QProgressDialog* progress_ = nullptr;
    QTimer pollTimer_;
};

} // namespace ss
