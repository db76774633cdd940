#include "DataLoadJob.h"

namespace ss {

DataLoadJob::DataLoadJob(QString path, TableOptions options, std::optional<MarketDataCache> cache, QObject* parent)
    : BackgroundJob(parent), path_(std::move(path)), options_(std::move(options)), cache_(std::move(cache))
{
}

DataLoadJob::~DataLoadJob()
{
    cancel();
    waitForThread();
}

void DataLoadJob::run()
{
    result_ = DataLoader::load(path_.toStdString(), &progress_, 0, options_, cache_ ? &*cache_ : nullptr);
}

} // namespace ss
