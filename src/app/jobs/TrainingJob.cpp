#include "TrainingJob.h"

namespace ss {

namespace {

// The search fits folds × grid models, the final fit one: most of the time
// of a searched run goes to the search.
constexpr double kSearchShare = 0.8;

} // namespace

TrainingJob::TrainingJob(std::shared_ptr<const MarketData> data, std::optional<std::size_t> stock, QString sourceFile,
                         TrainingOptions options, std::vector<double> cGrid, QObject* parent)
    : BackgroundJob(parent),
      data_(std::move(data)),
      stock_(stock),
      sourceFile_(std::move(sourceFile)),
      options_(std::move(options)),
      cGrid_(std::move(cGrid))
{
    options_.cancel = &cancel_;
}

TrainingJob::~TrainingJob()
{
    cancel();
    waitForThread();
}

void TrainingJob::run()
{
    const bool searching = stock_ && !cGrid_.empty();
    TrainingOptions options = options_;
    if (searching) {
        options.progress = [this](double f) { fraction_ = kSearchShare * f; };
        search_ = RegularizationSearch::search(data_->stock(*stock_), options, cGrid_);
        if (!search_->error.isEmpty()) {
            outcome_.error = search_->error;
            outcome_.cancelled = search_->cancelled;
            return;
        }
        options.c = search_->bestC;
    }
    const double start = searching ? kSearchShare : 0.0;
    options.progress = [this, start](double f) { fraction_ = start + (1 - start) * f; };
    outcome_ = stock_ ? ModelTrainer::train(data_->stock(*stock_), sourceFile_, options)
                      : ModelTrainer::train(data_->stocks(), sourceFile_, options);
}

} // namespace ss
