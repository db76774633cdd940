#include "LiveSession.h"

#include "core/data/LineReader.h"

#include <optional>

namespace ss {

LiveSession::LiveSession(std::unique_ptr<LiveSource> source, std::shared_ptr<const LogisticModel> model)
    : FeedSession(std::move(model)), source_(std::move(source))
{
}

LiveSession::~LiveSession()
{
    stop();
    joinThread();
}

void LiveSession::start()
{
    startThread([this] { run(); });
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
        auto hold = holdState();
        reader.setWaitForData([this, fd, &hold] {
            noteProgress();
            releaseState(hold);
            const bool more = source_->waitReadable(fd);
            hold.lock();
            return more;
        });
        scorer_.beginInput(source_->defaultStock());
        read(reader, file);
        hold.unlock();
        if (!reader.error().empty())
            file.error = "read error: " + reader.error();
        file.empty = file.records == 0 && file.rejected == 0 && file.error.empty();
        report_.add(std::move(file));
    }
    const bool complete = !source_->stopped() && source_->error().empty();
    endStream(complete, complete, connected ? std::chrono::duration<double>(std::chrono::steady_clock::now() - *connected).count()
                                  : 0.0);
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

void LiveSession::addToSummary(QJsonObject& summary) const
{
    summary.insert("source", describe());
    summary.insert("connections", static_cast<qint64>(source_->connections()));
    summary.insert("out_of_order", static_cast<qint64>(outOfOrder()));
    summary.insert("idle_drops", static_cast<qint64>(source_->idleDrops()));
    // The feed's own rate: from its first connection, not from the wait for it.
    const ReplayProgress done = progress();
    summary.insert("stream_s", done.activeSeconds);
    summary.insert("records_per_s", done.activeSeconds > 0 ? done.processed / done.activeSeconds : 0.0);
}

FeedSession::Link LiveSession::link() const
{
    Link link;
    link.connections = source_->connections();
    link.state = source_->connected()    ? Link::State::Connected
                 : link.connections == 0 ? Link::State::Connecting
                                         : Link::State::Reconnecting;
    return link;
}

} // namespace ss
