#pragma once

#include "Timestamp.h"

#include <atomic>
#include <string>
#include <vector>

namespace ss {

// One day of a stock as a candlestick draws it.
struct Candle {
    Timestamp time = 0;
    double open = 0;
    double high = 0;
    double low = 0;
    double close = 0;
    double volume = 0;
};

// A single stock's open, high, low and close, read again from its file when
// a chart asks for candlesticks. The replay keeps closes alone (three more
// numbers a record would double its memory on the full dataset), and one
// stock's file takes milliseconds to read.
class CandleReader {
public:
    // dataPath is what was opened: a folder of ticker files, one ticker file
    // or a data.csv. The rows the loader keeps: oldest first, a row at or
    // before the one before it skipped. Empty, with *error set, when
    // the file cannot be read, is not CSV (JSON lines carry a price alone),
    // lacks the Open, High and Low columns, or has no row of the stock;
    // empty without an error when cancelled.
    static std::vector<Candle> read(const std::string& dataPath, const std::string& stock, std::string* error,
                                    const std::atomic<bool>* cancel = nullptr);

    // The file of dataPath that holds `stock`: dataPath itself unless it is
    // a folder; in a folder, the ticker file named after the stock.
    static std::string fileOf(const std::string& dataPath, const std::string& stock);
};

} // namespace ss
