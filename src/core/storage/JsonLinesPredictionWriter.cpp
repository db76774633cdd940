#include "JsonLinesPredictionWriter.h"

#include "core/data/MarketData.h"

#include <algorithm>

namespace ss {

std::unique_ptr<JsonLinesPredictionWriter> JsonLinesPredictionWriter::create(const QString& path,
                                                                             std::shared_ptr<const MarketData> data,
                                                                             FeatureTransform transform,
                                                                             QString* error)
{
    return create(
        path, [data = std::move(data)](std::size_t stock) { return data->stock(stock).name; }, transform, error);
}

std::unique_ptr<JsonLinesPredictionWriter> JsonLinesPredictionWriter::create(const QString& path, StockNames names,
                                                                             FeatureTransform transform,
                                                                             QString* error)
{
    std::unique_ptr<JsonLinesPredictionWriter> writer(new JsonLinesPredictionWriter(std::move(names), transform));
    writer->file_ = std::make_unique<OutputFile>(path);
    QString why;
    if (!writer->file_->open(OutputFile::Write::InPlace, &why)) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, why);
        return nullptr;
    }
    return writer;
}

std::unique_ptr<JsonLinesPredictionWriter> JsonLinesPredictionWriter::create(
    std::unique_ptr<PredictionRecordOutput> output, StockNames names, FeatureTransform transform)
{
    std::unique_ptr<JsonLinesPredictionWriter> writer(new JsonLinesPredictionWriter(std::move(names), transform));
    writer->output_ = std::move(output);
    return writer;
}

JsonLinesPredictionWriter::JsonLinesPredictionWriter(StockNames names, FeatureTransform transform)
    : lookup_(std::move(names)), transform_(transform)
{
}

const std::string& JsonLinesPredictionWriter::name(std::size_t stock)
{
    while (names_.size() <= stock)
        names_.push_back(lookup_(names_.size()));
    return names_[stock];
}

void JsonLinesPredictionWriter::append(const PredictionRecord& record)
{
    if (output_)
        return output_->add(record);
    record.appendJson(buffer_);
    buffer_ += '\n';
}

void JsonLinesPredictionWriter::keepOpen(const PredictionBatch& batch, const LoggedCall& c)
{
    if (c.stock >= open_.size()) {
        open_.resize(c.stock + 1);
        isOpen_.resize(c.stock + 1, false);
    }
    PredictionRecord& r = open_[c.stock];
    r.stock = name(c.stock);
    r.time = c.time;
    r.setWindow(batch.window(c), c.windowSize, transform_);
    r.margin = c.margin;
    r.pUp = c.pUp;
    r.up = c.up;
    r.actual.reset();
    if (c.hasOnline)
        r.online = c.online;
    else
        r.online.reset();
    isOpen_[c.stock] = true;
}

bool JsonLinesPredictionWriter::write(const PredictionBatch& batch, QString* error)
{
    for (const LoggedResolution& res : batch.resolutions) {
        if (res.call >= 0) {
            // Its call came in this batch: describe it the way an open call is kept.
            keepOpen(batch, batch.calls[static_cast<std::size_t>(res.call)]);
        } else if (res.stock >= isOpen_.size() || !isOpen_[res.stock] || open_[res.stock].time != res.callTime) {
            continue;  // a call from before a rewind; its record is gone with it
        }
        PredictionRecord& r = open_[res.stock];
        r.actual = res.actualUp;
        r.resolvedTime = res.time;
        append(r);
        isOpen_[res.stock] = false;
    }
    for (const LoggedCall& c : batch.calls)
        if (c.actual < 0)
            keepOpen(batch, c);
    return flush(error);
}

bool JsonLinesPredictionWriter::finish(bool complete, QString* error)
{
    (void)complete;  // the calls still open are written either way
    // A replay numbers its stocks by name already; a live feed, as they came.
    std::vector<const PredictionRecord*> stillOpen;
    for (std::size_t stock = 0; stock < open_.size(); ++stock)
        if (isOpen_[stock])
            stillOpen.push_back(&open_[stock]);
    std::sort(stillOpen.begin(), stillOpen.end(),
              [](const PredictionRecord* a, const PredictionRecord* b) { return a->stock < b->stock; });
    for (const PredictionRecord* record : stillOpen)
        append(*record);
    if (!flush(error))
        return false;
    file_.reset();
    return true;
}

bool JsonLinesPredictionWriter::flush(QString* error)
{
    if (output_)
        return output_->flush(error);
    QString why;
    const bool ok = file_->write(buffer_.data(), static_cast<qint64>(buffer_.size()), &why) && file_->commit(&why);
    buffer_.clear();
    if (!ok)
        *error = QStringLiteral("cannot write '%1': %2").arg(file_->path(), why);
    return ok;
}

} // namespace ss
