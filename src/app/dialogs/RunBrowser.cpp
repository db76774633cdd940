#include "RunBrowser.h"

#include "app/jobs/LoggedHistoryJob.h"
#include "app/charts/StockHistory.h"
#include "core/storage/PredictionLog.h"
#include "ui_RunBrowser.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QStringListModel>

#include <utility>

namespace ss {

namespace {

QString percent(double fraction)
{
    return QLocale().toString(fraction * 100, 'f', 2) + QStringLiteral(" %");
}

} // namespace

RunBrowser::RunBrowser(QString logPath, RunInfo run, const QString& stock, QWidget* parent)
    : QDialog(parent),
      ui_(std::make_unique<Ui::RunBrowser>()),
      logPath_(std::move(logPath)),
      run_(std::move(run)),
      names_(new QStringListModel(this)),
      proxy_(new QSortFilterProxyModel(this))
{
    ui_->setupUi(this);
    setWindowTitle(tr("Run %1 — StockStream").arg(run_.id));
    restoreGeometry(QSettings().value("runBrowser/geometry").toByteArray());
    ui_->splitter->setStretchFactor(1, 4);
    describeRun();

    QString error;
    auto log = PredictionLog::open(logPath_, &error);
    auto names = log ? log->stockNames(&error) : std::nullopt;
    if (!names) {
        ui_->stockSummary->setText(tr("Cannot read the stocks of the log: %1").arg(error));
        names.emplace();
    }
    QStringList list;
    for (const std::string& n : *names)
        list.append(QString::fromStdString(n));
    names_->setStringList(list);
    proxy_->setSourceModel(names_);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    ui_->stockList->setModel(proxy_);
    connect(ui_->stockFilter, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
    connect(new QShortcut(QKeySequence::Find, this), &QShortcut::activated, this, [this] {
        ui_->stockFilter->setFocus();
        ui_->stockFilter->selectAll();
    });
    connect(ui_->stockList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    showStock(current.data().toString());
            });

    const int row = std::max(0, static_cast<int>(list.indexOf(stock)));
    if (!list.isEmpty())
        ui_->stockList->setCurrentIndex(proxy_->index(row, 0));
}

RunBrowser::~RunBrowser() = default;

StockChartPanel* RunBrowser::charts() const
{
    return ui_->charts;
}

void RunBrowser::describeRun()
{
    const QJsonObject& s = run_.summary;
    QString text = tr("<b>Run %1</b> (%2) of %3 with the model %4, started %5.")
                       .arg(run_.id)
                       .arg(QString::fromLatin1(runStatusName(run_.status)),
                            QDir::toNativeSeparators(run_.source).toHtmlEscaped(),
                            QFileInfo(run_.modelPath).completeBaseName().toHtmlEscaped(),
                            QLocale().toString(run_.started.toLocalTime(), QLocale::ShortFormat));
    if (s.contains("windows"))
        text += QLatin1Char(' ')
                + tr("%1 calls, accuracy %2.")
                      .arg(QLocale().toString(s.value("windows").toInteger()), percent(s.value("accuracy").toDouble()));
    ui_->runSummary->setText(text);
}

void RunBrowser::showStock(const QString& stock)
{
    if (job_) {
        wanted_ = stock;
        return;
    }
    ui_->stockSummary->setText(tr("Reading the calls on %1…").arg(stock));
    job_ = std::make_unique<LoggedHistoryJob>(logPath_, run_.id, stock.toStdString());
    // Queued: finishing destroys the job, which must not happen while it emits.
    connect(job_.get(), &LoggedHistoryJob::finished, this, &RunBrowser::finishLoad, Qt::QueuedConnection);
    job_->start();
}

void RunBrowser::finishLoad()
{
    const std::unique_ptr<LoggedHistoryJob> job = std::move(job_);
    if (!wanted_.isEmpty()) {
        showStock(std::exchange(wanted_, {}));  // the user moved on while this one was read
        return;
    }
    const QString stock = QString::fromStdString(job->stock());
    if (!job->calls()) {
        ui_->stockSummary->setText(tr("Cannot read the calls on %1: %2").arg(stock, job->error()));
        emit shown(false);
        return;
    }
    const StockHistory history = StockHistory::fromLog(job->stock(), *job->calls());
    const Tally& t = history.tally();
    if (t.windows == 0)
        ui_->stockSummary->setText(tr("Run %1 made no call on %2.").arg(run_.id).arg(stock));
    else
        ui_->stockSummary->setText(tr("%1: %2 calls, %3 resolved; accuracy %4 — always up %5, always down %6, "
                                      "same as last move %7.")
                                       .arg(stock, QLocale().toString(static_cast<qulonglong>(t.windows)),
                                            QLocale().toString(static_cast<qulonglong>(t.resolved)),
                                            percent(t.accuracy()), percent(t.alwaysUpAccuracy()),
                                            percent(t.alwaysDownAccuracy()), percent(t.lastMoveAccuracy())));
    ui_->charts->showStock(history);
    emit shown(true);
}

void RunBrowser::done(int result)
{
    QSettings().setValue("runBrowser/geometry", saveGeometry());
    QDialog::done(result);
}

} // namespace ss
