#pragma once

#include "core/backtest/BacktestSnapshot.h"
#include "core/model/ModelTrainer.h"
#include "core/model/RegularizationSearch.h"

#include <QTabWidget>

#include <memory>
#include <optional>

namespace Ui {
class TrainingResultsView;
}

namespace ss {

// What a fit gave, as the training dialog shows it: the verdict on the
// hold-out beside the naive baselines and the hold-out's calls traded, the
// metrics of both parts, the confusion matrix, ROC and calibration charts;
// the coefficients; and the C search's curve. Every figure is the
// trainer's own.
class TrainingResultsView : public QTabWidget {
    Q_OBJECT
public:
    // Rows of the metrics table; its columns are the hold-out and training parts.
    enum MetricRow {
        Examples, Accuracy, Interval, AlwaysUp, AlwaysDown, LastMove, Precision, Recall, RocAuc, LogLoss, Brier,
        MetricRowCount
    };
    enum MetricColumn { HoldOut, Training };
    // A metric cell's exact figure (double; QVariantList {low, high} for
    // the interval; invalid when undefined), beside its rounded text.
    static constexpr int FigureRole = Qt::UserRole;

    explicit TrainingResultsView(QWidget* parent = nullptr);
    ~TrainingResultsView() override;

    // A fit's figures; `trades`: its hold-out's calls traded at `costBps`.
    void showFit(const ModelTrainer::Outcome& outcome, const std::optional<RegularizationSearch::Result>& search,
                 const std::optional<StrategyAccounts>& trades, double costBps);
    // No figures, and why (the verdict's place says it).
    void showNothing(const QString& why);

private:
    void showMetrics(int column, const ClassificationMetrics* metrics);
    void showCoefficients(const LogisticModel& model);

    std::unique_ptr<Ui::TrainingResultsView> ui_;
};

} // namespace ss
