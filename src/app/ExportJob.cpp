#include "ExportJob.h"

namespace ss {

ExportJob::ExportJob(QString logPath, PredictionLog::Query query, ExportFormat format, QString outPath, QObject* parent)
    : QObject(parent), logPath_(std::move(logPath)), query_(std::move(query)), format_(format), outPath_(std::move(outPath))
{
}

ExportJob::~ExportJob()
{
    cancel();
}

void ExportJob::start()
{
    thread_ = std::jthread([this] { run(); });
}

void ExportJob::run()
{
    if (auto log = PredictionLog::open(logPath_, &error_)) {
        written_ = PredictionExporter::exportTo(
            *log, query_, format_, outPath_,
            [this](double fraction, std::int64_t records) {
                fraction_ = fraction;
                records_ = records;
            },
            &cancel_, &error_);
    }
    emit finished();
}

} // namespace ss
