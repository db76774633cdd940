#pragma once

#include "TrainingResultsView.h"
#include "TrainingSourcePicker.h"
#include "core/backtest/BacktestSnapshot.h"
#include "core/data/MarketData.h"
#include "core/model/ModelTrainer.h"
#include "core/model/RegularizationSearch.h"

#include <QDialog>
#include <QSettings>
#include <QTimer>

#include <memory>
#include <optional>

namespace Ui {
class TrainingDialog;
}

namespace ss {

class ModelLibraryModel;
class ModelLibraryView;
class TrainingJob;

// Model ▸ Train model…: fits the logistic model on one stock (of the loaded
// data, the built-in sample or a ticker file: TrainingSourcePicker) or on
// all of a source's stocks pooled, off the GUI thread with progress and
// Cancel; shows the trainer's own hold-out figures (TrainingResultsView);
// saves the model to the models folder and makes it the running app's
// model, or one of the library's (ModelLibraryView). While a fit runs, the
// last fit's figures are not shown and cannot be saved or used.
class TrainingDialog : public QDialog {
    Q_OBJECT
public:
    using Source = TrainingSourcePicker::Source;
    using enum TrainingSourcePicker::Source;
    using MetricRow = TrainingResultsView::MetricRow;
    using enum TrainingResultsView::MetricRow;
    using MetricColumn = TrainingResultsView::MetricColumn;
    using enum TrainingResultsView::MetricColumn;
    static constexpr int FigureRole = TrainingResultsView::FigureRole;
    // The C search's grid: one value a decade.
    static constexpr double kMinC = 1e-4;
    static constexpr double kMaxC = 1e4;

    explicit TrainingDialog(QWidget* parent = nullptr);
    ~TrainingDialog() override;

    // What the main window has open, offered as a source; path names it.
    void setLoadedData(std::shared_ptr<const MarketData> data, const QString& path);
    // Where Save writes and the library reads; by default the user's
    // application data folder's "models".
    void setModelsFolder(const QString& folder);
    QString modelsFolder() const;
    static QString defaultModelsFolder();

    // As the form's controls do, for scripting and tests. A source to read
    // (the sample, a file) is read in the background: sources()'s
    // sourceReady() tells when.
    void setSource(Source source);
    void setTickerFile(const QString& path);
    TrainingSourcePicker* sources() const;
    void train();
    void cancelTraining();
    bool isTraining() const { return job_ != nullptr; }
    // Writes the trained model to modelsFolder()/name.json; false (with the
    // reason next to the folder) when it cannot, or while a fit runs.
    bool save();
    // Saves if need be, then hands the model to modelChosen().
    bool useNow();

    // The last finished run, if it gave a model.
    const ModelTrainer::Outcome* outcome() const { return outcome_ ? &*outcome_ : nullptr; }
    const std::optional<RegularizationSearch::Result>& search() const { return search_; }
    const QString& savedPath() const { return savedPath_; }
    // The cost in basis points a change of position is charged when the
    // hold-out's calls are traded (the window's trading cost).
    void setTradingCost(double costBps) { tradingCostBps_ = costBps; }
    // The last run's hold-out calls traded, beside its accuracy; null when nothing was held out.
    const std::optional<StrategyAccounts>& holdOutTrades() const { return holdOutTrades_; }
    ModelLibraryModel* library() const;

signals:
    void trainingFinished(bool ok);
    // The user chose this model for the running app.
    void modelChosen(std::shared_ptr<const ss::LogisticModel> model);

protected:
    void done(int result) override;

private:
    void restoreSettings();
    void saveSettings();
    void chooseFolder();
    TrainingOptions options() const;
    void updateForm();
    void updatePreview();
    void pollProgress();
    void finishTraining();
    void showResults();
    void suggestName();
    void useLibraryModel(std::shared_ptr<const LogisticModel> model, const QString& path);
    void setBusy(bool busy);
    double chosenC() const;

    std::unique_ptr<Ui::TrainingDialog> ui_;
    QSettings settings_;
    ModelLibraryView* libraryView_;
    QString modelsFolder_;
    std::unique_ptr<TrainingJob> job_;
    QTimer pollTimer_;
    bool pooledRun_ = false;
    std::optional<ModelTrainer::Outcome> outcome_;
    std::shared_ptr<const MarketData> trained_;  // the one stock of the run, when not pooled
    double tradingCostBps_ = 0;
    std::optional<StrategyAccounts> holdOutTrades_;
    std::optional<RegularizationSearch::Result> search_;
    QString savedPath_;
};

} // namespace ss
