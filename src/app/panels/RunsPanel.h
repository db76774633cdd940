#pragma once

#include "core/storage/RunInfo.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace ss {

class LogMaintenanceJob;
class RunsModel;

// The Runs dock: the prediction log's runs, where the log is and how much
// disk it takes, deleting a run, and how many runs the log keeps. Deleting
// and reclaiming the space run in the background; the panel refreshes when
// they are done.
class RunsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDefaultKeep = 10;

    explicit RunsPanel(QWidget* parent = nullptr);
    ~RunsPanel() override;

    RunsModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    // The run selected in the list, or null.
    const RunInfo* selectedRun() const;

    // The log shown; refresh() reads it again.
    void setLogPath(const QString& path);
    const QString& logPath() const { return logPath_; }
    void refresh();
    // The run being recorded now (0: none): never deleted.
    void setActiveRun(qint64 run);
    // How many runs the log keeps, remembered (default kDefaultKeep).
    int keep() const;
    void setKeep(int runs);

    // Deletes a run and reclaims its space, in the background.
    bool deleteRun(qint64 run);
    // Deletes all but the keep() newest runs, in the background: called
    // when a run has been recorded.
    void applyRetention();
    bool isBusy() const { return job_ != nullptr; }

signals:
    // A deletion ended: runs deleted, and why it failed (empty if it did not).
    void maintained(int deleted, const QString& error);
    void browseRequested();

private:
    void askToDelete();
    void start(LogMaintenanceJob* job, const QString& what);
    void finish();
    void updateButtons();

    RunsModel* model_;
    QLabel* location_;
    QLabel* size_;
    QTableView* view_;
    QPushButton* deleteButton_;
    QSpinBox* keepSpin_;
    QString logPath_;
    qint64 activeRun_ = 0;
    LogMaintenanceJob* job_ = nullptr;
};

} // namespace ss
