#include "ExportJob.h"

namespace ss {

ExportJob::ExportJob(QString logPath, PredictionLog::Query query, ExportFormat format, QString outPath, QObject* parent)
    : BackgroundJob(parent), logPath_(std::move(logPath)), query_(std::move(query)), format_(format), outPath_(std::move(outPath))
{
}

ExportJob::~ExportJob()
{
    cancel();
    waitForThread();
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
}

} // namespace ss
