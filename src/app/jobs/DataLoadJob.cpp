#include "DataLoadJob.h"

namespace ss {

DataLoadJob::DataLoadJob(QString path, TableOptions options, QObject* parent)
    : BackgroundJob(parent), path_(std::move(path)), options_(std::move(options))
{
}

DataLoadJob::~DataLoadJob()
{
    cancel();
    waitForThread();
}

void DataLoadJob::run()
{
    result_ = DataLoader::load(path_.toStdString(), &progress_, 0, options_);
}

} // namespace ss
