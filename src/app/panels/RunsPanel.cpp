#include "RunsPanel.h"

#include "app/jobs/LogMaintenanceJob.h"
#include "app/models/RunsModel.h"
#include "core/storage/PredictionLog.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace ss {

namespace {
constexpr int kMaxKeep = 1000;
} // namespace

RunsPanel::RunsPanel(QWidget* parent)
    : QWidget(parent),
      model_(new RunsModel(this)),
      location_(new QLabel(this)),
      size_(new QLabel(this)),
      view_(new QTableView(this)),
      deleteButton_(new QPushButton(tr("&Delete Run"), this)),
      keepSpin_(new QSpinBox(this))
{
    location_->setObjectName(QStringLiteral("runsLocation"));
    location_->setWordWrap(true);
    location_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    size_->setObjectName(QStringLiteral("runsSize"));
    // Wrapped, on a line of its own: a long message never widens the side column.
    size_->setWordWrap(true);
    view_->setObjectName(QStringLiteral("runsView"));
    view_->setModel(model_);
    view_->setAlternatingRowColors(true);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setContextMenuPolicy(Qt::ActionsContextMenu);
    view_->setToolTip(tr("Double-click a run to browse its calls"));
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    deleteButton_->setObjectName(QStringLiteral("deleteRunButton"));
    // Clicked, never tabbed to: the replay's keys stay with the chart when
    // the keyboard moves on from it.
    deleteButton_->setFocusPolicy(Qt::ClickFocus);
    deleteButton_->setToolTip(tr("Delete the selected run and its calls from the log, and give the space back"));
    keepSpin_->setObjectName(QStringLiteral("keepRunsSpin"));
    keepSpin_->setRange(1, kMaxKeep);
    keepSpin_->setPrefix(tr("Keep the last "));
    keepSpin_->setSuffix(tr(" runs"));
    keepSpin_->setToolTip(tr("When a replay has been logged, older runs beyond these are deleted"));
    keepSpin_->setValue(keep());

    auto* controls = new QHBoxLayout;
    controls->addWidget(keepSpin_);
    controls->addWidget(deleteButton_);
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(location_);
    layout->addWidget(size_);
    layout->addLayout(controls);
    layout->addWidget(view_, 1);

    connect(view_, &QTableView::doubleClicked, this, &RunsPanel::browseRequested);
    connect(deleteButton_, &QPushButton::clicked, this, &RunsPanel::askToDelete);
    connect(keepSpin_, &QSpinBox::valueChanged, this, [](int runs) { QSettings().setValue("log/keep", runs); });
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunsPanel::updateButtons);
    updateButtons();
}

RunsPanel::~RunsPanel() = default;

const RunInfo* RunsPanel::selectedRun() const
{
    return model_->run(view_->currentIndex().row());
}

int RunsPanel::keep() const
{
    return std::clamp(QSettings().value("log/keep", kDefaultKeep).toInt(), 1, kMaxKeep);
}

void RunsPanel::setKeep(int runs)
{
    keepSpin_->setValue(runs);
}

void RunsPanel::setLogPath(const QString& path)
{
    logPath_ = path;
    refresh();
}

void RunsPanel::setActiveRun(qint64 run)
{
    activeRun_ = run;
    updateButtons();
}

void RunsPanel::refresh()
{
    location_->setText(tr("Log: %1").arg(QDir::toNativeSeparators(logPath_)));
    if (!QFileInfo::exists(logPath_)) {
        size_->setText(tr("No log yet"));
        model_->setRuns({});
        updateButtons();
        return;
    }
    // A connection of its own: the replay's writer keeps the other.
    QString error;
    auto log = PredictionLog::open(logPath_, &error);
    auto runs = log ? log->runs(&error) : std::nullopt;
    if (!runs) {
        size_->setText(tr("Cannot read the log: %1").arg(error));
        return;
    }
    size_->setText(tr("%1 on disk").arg(QLocale().formattedDataSize(log->fileSize())));
    const qint64 selectedId = selectedRun() ? selectedRun()->id : 0;
    model_->setRuns(std::move(*runs));
    for (int r = 0; r < model_->rowCount(); ++r)
        if (model_->run(r)->id == selectedId)
            view_->selectRow(r);
    updateButtons();
}

void RunsPanel::updateButtons()
{
    const RunInfo* run = selectedRun();
    deleteButton_->setEnabled(run && run->id != activeRun_ && !job_);
}

void RunsPanel::askToDelete()
{
    const RunInfo* run = selectedRun();
    if (!run)
        return;
    const qint64 id = run->id;
    auto* ask = new QMessageBox(QMessageBox::Question, tr("Delete run %1?").arg(id),
                                tr("Delete run %1 and every call it logged? This cannot be undone.").arg(id),
                                QMessageBox::Yes | QMessageBox::No, this);
    ask->setObjectName(QStringLiteral("deleteRunQuestion"));
    ask->button(QMessageBox::Yes)->setText(tr("&Delete"));
    ask->setDefaultButton(QMessageBox::No);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QMessageBox::accepted, this, [this, id] { deleteRun(id); });
    ask->open();
}

bool RunsPanel::deleteRun(qint64 run)
{
    if (job_ || run == activeRun_)
        return false;
    start(LogMaintenanceJob::deleteRun(logPath_, run, this), tr("Deleting run %1…").arg(run));
    return true;
}

void RunsPanel::applyRetention()
{
    if (!job_ && QFileInfo::exists(logPath_))
        start(LogMaintenanceJob::keepLatest(logPath_, keep(), this), tr("Deleting runs beyond the last %1…").arg(keep()));
}

void RunsPanel::start(LogMaintenanceJob* job, const QString& what)
{
    job_ = job;
    size_->setText(what);
    connect(job_, &LogMaintenanceJob::finished, this, &RunsPanel::finish, Qt::QueuedConnection);
    updateButtons();
    job_->start();
}

void RunsPanel::finish()
{
    const int deleted = job_->deleted();
    const QString error = job_->error();
    job_->deleteLater();
    job_ = nullptr;
    refresh();
    if (!error.isEmpty())
        size_->setText(tr("Cannot delete: %1").arg(error));
    emit maintained(deleted, error);
}

} // namespace ss
