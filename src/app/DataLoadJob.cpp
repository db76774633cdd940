#include "DataLoadJob.h"

namespace ss {

DataLoadJob::DataLoadJob(QString path, QObject* parent) : BackgroundJob(parent), path_(std::move(path)) {}

DataLoadJob::~DataLoadJob()
{
    cancel();
    waitForThread();
}

void DataLoadJob::run()
{
    result_ = DataLoader::load(path_.toStdString(), &progress_);
}

} // namespace ss
