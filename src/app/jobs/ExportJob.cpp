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
    auto log = PredictionLog::open(logPath_, &error_);
    const auto total = log ? log->count(query_, &error_) : std::nullopt;
    if (!total)
        return;
    total_ = *total;
    written_ = PredictionExporter::exportTo(
        *log, query_, format_, outPath_, [this](double, std::int64_t records) { records_ = records; }, &cancel_,
        &error_);
}

} // namespace ss
