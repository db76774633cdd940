#include "LiveSession.h"

#include "core/data/LineReader.h"

#include <optional>

namespace ss {

LiveSession::LiveSession(std::unique_ptr<LiveSource> source, std::shared_ptr<const LogisticModel> model)
    : source_(std::move(source)), scorer_(std::move(model))
{
}

LiveSession::~LiveSession()
{
    stop();
}

void LiveSession::start()
{
    thread_.start([this] { run(); });
}

void LiveSession::run()
{
    std::optional<std::chrono::steady_clock::time_point> connected;
    std::vector<char> buffer;
    for (int fd; (fd = source_->next()) >= 0;) {
        if (!connected)
            connected = std::chrono::steady_clock::now();
        FileReport file;
        file.file = source_->describe();
        if (source_->connections() > 1)
            file.file += " #" + std::to_string(source_->connections());
        LineReader reader(fd, false, &buffer);
        reader.setWaitForData([this, fd] { return source_->waitReadable(fd); });
        scorer_.beginInput(source_->defaultStock());
        read(reader, file);
        if (!reader.error().empty())
            file.error = "read error: " + reader.error();
        file.empty = file.records == 0 && file.rejected == 0 && file.error.empty();
        report_.add(std::move(file));
    }
    complete_ = !source_->stopped() && source_->error().empty();
    if (connected)
        activeSeconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - *connected).count();
    for (PredictionSink* sink : scorer_.pipeline().sinks())
        sink->onFinish(complete_);
}

void LiveSession::read(LineReader& reader, FileReport& file)
{
    LineReader::Line line;
    std::size_t stock = 0;
    while (reader.next(line)) {
        const char* why = "line too long";
        const auto outcome = line.overlong ? LiveRecordScorer::Outcome::Rejected : scorer_.score(line.text, stock, why);
        if (outcome == LiveRecordScorer::Outcome::Scored)
            ++file.records;
        if (outcome == LiveRecordScorer::Outcome::Refused) {
            file.error = why;
            return;
        }
        if (outcome != LiveRecordScorer::Outcome::Rejected)
            continue;
        file.reject(line.number, why);
        rejected_.fetch_add(1, std::memory_order_relaxed);
    }
}

ReplaySnapshot LiveSession::snapshot() const
{
    const PredictionPipeline& pipeline = scorer_.pipeline();
    return snapshotOf(pipeline, {complete_ ? ReplayState::Finished : ReplayState::Stopped, pipeline.records(),
                                 pipeline.records(), scorer_.lastTime(), activeSeconds_});
}

} // namespace ss
