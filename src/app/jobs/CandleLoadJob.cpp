#include "CandleLoadJob.h"

namespace ss {

CandleLoadJob::CandleLoadJob(std::string dataPath, std::string stock, QObject* parent)
    : BackgroundJob(parent), dataPath_(std::move(dataPath)), stock_(std::move(stock))
{
}

CandleLoadJob::~CandleLoadJob()
{
    cancel_ = true;
    waitForThread();
}

void CandleLoadJob::run()
{
    candles_ = CandleReader::read(dataPath_, stock_, &error_, &cancel_);
}

} // namespace ss
