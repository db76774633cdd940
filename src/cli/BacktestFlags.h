#pragma once

#include "BacktestRequest.h"

#include <QCommandLineParser>

#include <optional>

namespace ss::cli {

// The replay command's --backtest, --cost-bps and --backtest-csv.
class BacktestFlags {
public:
    BacktestFlags();
    void addTo(QCommandLineParser& parser) const;
    // What the flags ask for; nullopt with *error set (one sentence naming
    // the flag) when a value is bad or a flag comes without --backtest.
    std::optional<BacktestRequest> read(const QCommandLineParser& parser, QString* error) const;
    // A --cost-bps value: basis points from 0.
    static std::optional<double> readCost(const QString& value, QString* error);

private:
    QCommandLineOption backtest_, costBps_, csv_;
};

} // namespace ss::cli
