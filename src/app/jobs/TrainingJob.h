#pragma once

#include "BackgroundJob.h"
#include "core/data/MarketData.h"
#include "core/model/ModelTrainer.h"
#include "core/model/RegularizationSearch.h"

#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace ss {

// One training run in the background, so the training dialog stays live:
// optionally a walk-forward search for C, then ModelTrainer::train with the
// chosen C. Poll fraction(). Cancel() stops the solver within one Newton step.
class TrainingJob : public BackgroundJob {
    Q_OBJECT
public:
    // stock: one stock of data, trained with options' hold-out; nullopt:
    // every stock of data pooled (options.testFraction must be 0).
    // cGrid: values of C to search on the training part first; empty: use options.c.
    TrainingJob(std::shared_ptr<const MarketData> data, std::optional<std::size_t> stock, QString sourceFile,
                TrainingOptions options, std::vector<double> cGrid, QObject* parent = nullptr);
    // Cancels a run still going and waits for its thread.
    ~TrainingJob() override;

    void cancel() { cancel_ = true; }
    double fraction() const { return fraction_.load(); }
    // Valid once finished() was emitted.
    const ModelTrainer::Outcome& outcome() const { return outcome_; }
    const std::optional<RegularizationSearch::Result>& search() const { return search_; }

private:
    void run() override;

    std::shared_ptr<const MarketData> data_;
    std::optional<std::size_t> stock_;
    QString sourceFile_;
    TrainingOptions options_;
    std::vector<double> cGrid_;
    std::atomic<bool> cancel_{false};
    std::atomic<double> fraction_{0};
    ModelTrainer::Outcome outcome_;
    std::optional<RegularizationSearch::Result> search_;
};

} // namespace ss
