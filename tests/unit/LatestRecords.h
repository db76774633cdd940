#pragma once

// Each stock's latest record, worked out from a run's JSON-lines export
// rather than by the log: what GET /predictions/latest and
// PredictionLog::latestCalls must give.
#include "core/storage/PredictionRecord.h"

#include <QByteArrayList>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>
#include <string>
#include <utility>
#include <vector>

// The line of each stock with the latest date, by stock name (byte order).
inline QByteArrayList latestRecords(const QByteArray& jsonLines)
{
    std::map<std::string, std::pair<QString, QByteArray>> latest;  // stock: its latest date and line
    for (const QByteArray& line : jsonLines.split('\n')) {
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        if (record.isEmpty())
            continue;
        auto& [date, kept] = latest[record.value("stock").toString().toStdString()];
        if (record.value("date").toString() >= date)
            std::tie(date, kept) = std::pair(record.value("date").toString(), line);
    }
    QByteArrayList lines;
    for (const auto& [stock, dateAndLine] : latest)
        lines.append(dateAndLine.second);
    return lines;
}

// The records as JSON lines (without their line ends), as the export writes them.
inline QByteArrayList jsonLines(const std::vector<ss::PredictionRecord>& records)
{
    QByteArrayList lines;
    for (const ss::PredictionRecord& r : records) {
        std::string line;
        r.appendJson(line);
        lines.append(QByteArray::fromStdString(line));
    }
    return lines;
}
