#pragma once

#include "BackgroundJob.h"
#include "core/data/CandleReader.h"

#include <atomic>
#include <string>
#include <vector>

namespace ss {

// Reads one stock's days for candlesticks in the background.
class CandleLoadJob : public BackgroundJob {
    Q_OBJECT
public:
    CandleLoadJob(std::string dataPath, std::string stock, QObject* parent = nullptr);
    ~CandleLoadJob() override;

    const std::string& stock() const { return stock_; }
    // Valid once finished() was emitted: the days, or none with error().
    const std::vector<Candle>& candles() const { return candles_; }
    const std::string& error() const { return error_; }

private:
    void run() override;

    std::string dataPath_;
    std::string stock_;
    std::atomic<bool> cancel_{false};
    std::vector<Candle> candles_;
    std::string error_;
};

} // namespace ss
