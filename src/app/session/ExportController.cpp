#include "ExportController.h"

#include "app/dialogs/JobProgressDialog.h"
#include "app/jobs/ExportJob.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QProgressDialog>
#include <QSettings>
#include <QWidget>

namespace ss {

namespace {

constexpr int kPollMs = 100;
// The progress bar's steps: QProgressDialog counts in int, an export in
// up to billions of records.
constexpr int kSteps = 1000;

// "950,000", "14.9 M": readable at a glance while it changes.
QString recordCount(std::int64_t records)
{
    constexpr std::int64_t kMillion = 1000000;
    if (records < kMillion)
        return QLocale().toString(static_cast<qlonglong>(records));
    return QObject::tr("%1 M").arg(QLocale().toString(static_cast<double>(records) / kMillion, 'f', 1));
}

// Each run's stocks, read from the log; a run it cannot read offers none.
ExportDialog::RunStocks stocksOf(const QString& logPath, const std::vector<RunInfo>& runs)
{
    ExportDialog::RunStocks stocks;
    QString error;
    const auto log = PredictionLog::open(logPath, &error);
    if (!log)
        return stocks;
    for (const RunInfo& run : runs) {
        QStringList names;
        for (const std::string& name : log->runStocks(run.id, &error).value_or(std::vector<std::string>{}))
            names.append(QString::fromStdString(name));
        stocks.insert(run.id, names);
    }
    return stocks;
}

} // namespace

ExportController::ExportController(QWidget* window) : QObject(window), window_(window)
{
    pollTimer_.setInterval(kPollMs);
    connect(&pollTimer_, &QTimer::timeout, this, &ExportController::showProgress);
}

ExportController::~ExportController() = default;

void ExportController::choose(const QString& logPath, std::vector<RunInfo> runs, qint64 selected, const QString& stock)
{
    QSettings settings;
    const auto format = static_cast<ExportFormat>(settings.value("export/format", 0).toInt());
    ExportDialog::RunStocks stocks = stocksOf(logPath, runs);
    ExportDialog dialog(std::move(runs), selected, std::move(stocks), stock,
                        settings.value("export/folder", QDir::homePath()).toString(), format, window_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ExportDialog::Request request = dialog.request();
    settings.setValue("export/folder", QFileInfo(request.path).absolutePath());
    settings.setValue("export/format", static_cast<int>(request.format));
    exportPredictions(logPath, request);
}

void ExportController::exportPredictions(const QString& logPath, const ExportDialog::Request& request)
{
    if (job_) {
        emit failed(tr("Export"), tr("An export is already running."));
        return;
    }
    const QString path = request.path;
    job_ = std::make_unique<ExportJob>(logPath, request.query, request.format, path);
    connect(job_.get(), &ExportJob::finished, this, [this, path] { finish(path); }, Qt::QueuedConnection);

    progress_ = new JobProgressDialog(tr("Export predictions"), tr("Exporting run %1…").arg(request.query.run), kSteps,
                                      window_);
    connect(progress_, &QProgressDialog::canceled, job_.get(), &ExportJob::cancel);
    pollTimer_.start();
    job_->start();
}

QString ExportController::progressText(std::int64_t records, std::int64_t total)
{
    if (total < 0)
        return tr("Counting the records to export…");
    return tr("Exported %1 of %2 records…").arg(recordCount(records), recordCount(total));
}

void ExportController::showProgress()
{
    if (!job_ || !progress_)
        return;
    const std::int64_t total = job_->total();
    progress_->setLabelText(progressText(job_->records(), total));
    // Last: a modal dialog's setValue() runs the event loop, where the
    // export may finish and delete the dialog.
    progress_->setValue(total > 0 ? static_cast<int>(job_->records() * (kSteps - 1) / total) : 0);
}

void ExportController::finish(const QString& path)
{
    pollTimer_.stop();
    if (progress_) {
        progress_->deleteLater();
        progress_ = nullptr;
    }
    const auto written = job_->written();
    const bool cancelled = job_->cancelled();
    const QString error = job_->error();
    job_.reset();
    if (written) {
        emit statusMessage(tr("Exported %1 records to %2").arg(*written).arg(QDir::toNativeSeparators(path)), 10000);
        emit exported(*written);
        return;
    }
    if (cancelled)
        emit statusMessage(tr("Export cancelled"), 10000);
    else
        emit failed(tr("Export failed"), error);
    emit exported(-1);
}

} // namespace ss
