#include "DataLoadJob.h"

namespace ss {

DataLoadJob::DataLoadJob(QString path, QObject* parent) : QObject(parent), path_(std::move(path)) {}

DataLoadJob::~DataLoadJob()
{
    cancel();
}

void DataLoadJob::start()
{
    thread_ = std::jthread([this] {
        result_ = DataLoader::load(path_.toStdString(), &progress_);
        emit finished();
    });
}

} // namespace ss
