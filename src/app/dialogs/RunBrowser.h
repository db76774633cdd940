#pragma once

#include "core/storage/RunInfo.h"

#include <QDialog>

#include <memory>

class QSortFilterProxyModel;
class QStringListModel;

namespace Ui {
class RunBrowser;
}

namespace ss {

class LoggedHistoryJob;
class StockChartPanel;

// A past run of the prediction log, browsed without replaying: pick a stock
// and the same charts as a replay's show the calls the run logged for it,
// right and wrong, with its p_up and rolling accuracy against the baselines.
class RunBrowser : public QDialog {
    Q_OBJECT
public:
    RunBrowser(QString logPath, RunInfo run, const QString& stock, QWidget* parent = nullptr);
    ~RunBrowser() override;

    // Charts the stock's logged calls once read; shown() tells when.
    void showStock(const QString& stock);
    const RunInfo& run() const { return run_; }
    StockChartPanel* charts() const;
    QSortFilterProxyModel* stocks() const { return proxy_; }

signals:
    // The stock asked for last is charted (ok), or could not be read.
    void shown(bool ok);

protected:
    void done(int result) override;

private:
    void finishLoad();
    void describeRun();

    std::unique_ptr<Ui::RunBrowser> ui_;
    QString logPath_;
    RunInfo run_;
    QStringListModel* names_;
    QSortFilterProxyModel* proxy_;
    std::unique_ptr<LoggedHistoryJob> job_;
    QString wanted_;  // asked for while another stock was being read
};

} // namespace ss
