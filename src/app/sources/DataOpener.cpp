#include "DataOpener.h"

#include "app/dialogs/JobProgressDialog.h"
#include "app/jobs/DataLoadJob.h"
#include "app/session/AppSettings.h"
#include "app/sources/BuiltInSample.h"
#include "app/sources/TableImport.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QProgressDialog>

namespace ss {

namespace {

constexpr int kLoadPollMs = 100;

// Which data files the window opened, for checking where an installed
// program reads from: QT_LOGGING_RULES="stockstream.files.info=true".
Q_LOGGING_CATEGORY(lcFiles, "stockstream.files", QtWarningMsg)

} // namespace

DataOpener::DataOpener(QWidget* window, AppSettings& settings) : QObject(window), window_(window), settings_(settings)
{
    pollTimer_.setInterval(kLoadPollMs);
    connect(&pollTimer_, &QTimer::timeout, this, &DataOpener::showProgress);
}

DataOpener::~DataOpener() = default;

void DataOpener::open(const QString& path)
{
    TableImport::open(window_, settings_.store(), path,
                      [this, path](const TableOptions& options) { load(path, options); });
}

void DataOpener::openSample()
{
    QString error;
    sampleFolder_ = BuiltInSample::folder(&error);
    if (sampleFolder_.isEmpty()) {
        emit failed(tr("Cannot open the sample"), error);
        return;
    }
    open(sampleFolder_);
}

void DataOpener::openInitial(const QString& path)
{
    const QString last = settings_.lastData();
    if (!path.isEmpty())
        open(path);
    else if (!last.isEmpty() && QFileInfo::exists(last))
        open(last);
    else
        openSample();
}

void DataOpener::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(window_, tr("Open price data"), browseFolder(),
                                                      tr("Price data (*.txt *.csv *.tsv *.jsonl *.json);;All files (*)"));
    if (!path.isEmpty())
        open(path);
}

void DataOpener::chooseFolder()
{
    const QString path = QFileDialog::getExistingDirectory(window_, tr("Open a folder of ticker files"), browseFolder());
    if (!path.isEmpty())
        open(path);
}

bool DataOpener::isSample(const QString& path) const
{
    return !sampleFolder_.isEmpty() && QFileInfo(path) == QFileInfo(sampleFolder_);
}

QString DataOpener::browseFolder() const
{
    const QFileInfo data(path_);
    if (path_.isEmpty() || isSample(path_))
        return QDir::homePath();
    return data.isDir() ? data.filePath() : data.path();
}

QString DataOpener::openedNote() const
{
    return tr("Opened %1 stocks, %2 records%3.")
        .arg(data_->stockCount())
        .arg(QLocale().toString(static_cast<qulonglong>(data_->recordCount())))
        .arg(report_.rejected > 0 ? tr(", %1 lines rejected (see Data quality)").arg(report_.rejected) : QString());
}

void DataOpener::load(const QString& path, const TableOptions& options)
{
    job_.reset();
    closeProgress();
    std::optional<MarketDataCache> cache;
    if (settings_.cacheData())
        cache.emplace(MarketDataCache::defaultDirectory());
    job_ = std::make_unique<DataLoadJob>(path, options, std::move(cache));
    const quint64 generation = ++generation_;
    // Queued: finishing destroys the job, which must not happen while it emits.
    connect(
        job_.get(), &DataLoadJob::finished, this,
        [this, generation, path] {
            if (generation == generation_)
                finish(path);
        },
        Qt::QueuedConnection);

    progress_ = new JobProgressDialog(tr("Opening data"), tr("Reading %1…").arg(QDir::toNativeSeparators(path)), 0,
                                      window_);
    connect(progress_, &QProgressDialog::canceled, job_.get(), &DataLoadJob::cancel);
    pollTimer_.start();
    emit statusMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)), 0);
    job_->start();
}

void DataOpener::showProgress()
{
    if (!job_ || !progress_)
        return;
    const LoadProgress& p = job_->progress();
    const auto total = static_cast<int>(p.filesTotal.load());
    const auto done = static_cast<int>(p.filesDone.load());
    progress_->setLabelText(tr("Reading %1 of %2 files, %3 MB…").arg(done).arg(total).arg(p.bytesRead.load() / 1000000));
    progress_->setMaximum(std::max(total, 1));
    // Last: a modal dialog's setValue() runs the event loop, where the
    // load may finish and delete the dialog.
    progress_->setValue(std::min(done, std::max(total, 1) - 1));
}

void DataOpener::closeProgress()
{
    if (progress_) {
        progress_->deleteLater();
        progress_ = nullptr;
    }
}

void DataOpener::finish(const QString& path)
{
    pollTimer_.stop();
    closeProgress();
    LoadResult result = std::move(job_->result());
    job_.reset();

    if (result.cancelled) {
        emit statusMessage(tr("Opening %1 cancelled").arg(QDir::toNativeSeparators(path)), 10000);
        emit finished(false);
        return;
    }
    if (!result.data || result.data->recordCount() == 0) {
        QString why = QString::fromStdString(result.error);
        if (why.isEmpty()) {
            why = tr("no price records in %1").arg(QDir::toNativeSeparators(path));
            if (result.report.rejected > 0 && !result.report.notable.empty()) {
                const FileReport& f = result.report.notable.front();
                why += tr(" (%1 lines rejected; first at line %2 of %3: %4)")
                           .arg(result.report.rejected)
                           .arg(f.firstBadLine)
                           .arg(QFileInfo(QString::fromStdString(f.file)).fileName(), QString::fromStdString(f.firstBadReason));
            }
        }
        emit failed(tr("Cannot open data"), why);
        emit finished(false);
        return;
    }
    report_ = std::move(result.report);
    data_ = std::move(result.data);
    path_ = path;
    settings_.setLastData(isSample(path) ? QString() : path);
    qCInfo(lcFiles).noquote() << "opened data" << path << "with" << data_->stockCount() << "stocks";
    emit opened();
    emit finished(true);
}

} // namespace ss
