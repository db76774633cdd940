#include "KafkaSession.h"

#include "core/data/LineReader.h"
#include "core/storage/PredictionLogSink.h"

#include <algorithm>
#include <optional>

namespace ss {

namespace {

// Short enough that stop() and the idle timeout are noticed at once.
constexpr std::chrono::milliseconds kPollWait{100};
constexpr std::chrono::milliseconds kCommitInterval{1000};

} // namespace

KafkaSession::KafkaSession(std::unique_ptr<KafkaSource> source, std::shared_ptr<const LogisticModel> model,
                           std::chrono::milliseconds idleTimeout)
    : source_(std::move(source)),
      scorer_(model),
      ledger_(static_cast<std::size_t>(model->window())),
      idleTimeout_(idleTimeout)
{
    scorer_.pipeline().addSink(this);
}

KafkaSession::~KafkaSession()
{
    stop();
}

void KafkaSession::addLoggedSink(PredictionLogSink* sink)
{
    scorer_.pipeline().addSink(sink);
    loggedSinks_.push_back(sink);
    std::atomic<std::uint64_t>& stored = stored_.emplace_back(0);
    sink->setWrittenListener([&stored](std::size_t events) { stored.fetch_add(events, std::memory_order_release); });
}

void KafkaSession::start()
{
    thread_.start([this] { run(); });
}

void KafkaSession::run()
{
    FileReport file;
    file.file = source_->describe();
    std::optional<std::chrono::steady_clock::time_point> first;
    auto lastMessage = std::chrono::steady_clock::now();
    auto lastCommit = lastMessage;
    auto quietSince = lastMessage;
    std::size_t stirs = 0;
    while (!source_->stopped()) {
        const KafkaMessage message = source_->poll(kPollWait);
        const auto now = std::chrono::steady_clock::now();
        // Quiet is counted from the last message, the last sharing out of
        // partitions (a member that just got its share is not idle yet) or
        // the last error (a broker that is away is not a topic gone quiet),
        // and only while the group gives this member a share: one that
        // rejoins (after a broker came back, or a restart) may wait for the
        // group to notice that its old self is gone.
        if (const std::size_t seen = source_->rebalances() + source_->errors(); seen != stirs) {
            stirs = seen;
            quietSince = now;
        }
        if (message) {
            lastMessage = quietSince = now;
            if (!first)
                first = now;
            take(*message, file);
        } else if (idleTimeout_.count() > 0 && source_->assigned() > 0 && now - quietSince >= idleTimeout_) {
            // Quiet, but perhaps only because a broker came back and the
            // client has not fetched again yet: ends only when caught up.
            if (source_->caughtUp())
                break;
            quietSince = now;
        }
        if (now - lastCommit >= kCommitInterval) {
            commitStored(false);
            lastCommit = now;
        }
    }
    if (first)
        activeSeconds_ = std::chrono::duration<double>(lastMessage - *first).count();
    file.empty = file.records == 0 && file.rejected == 0;
    report_.add(std::move(file));
    for (PredictionSink* sink : scorer_.pipeline().sinks())
        sink->onFinish(false);
    finish();
}

// Every line of the message's value is a record; a message counts as read
// once all of them went through the pipeline.
void KafkaSession::take(const rd_kafka_message_t& message, FileReport& file)
{
    messages_.fetch_add(1, std::memory_order_relaxed);
    std::string_view value(static_cast<const char*>(message.payload), message.len);
    std::size_t stock = 0;
    while (!value.empty()) {
        const std::size_t end = std::min(value.find('\n'), value.size());
        std::string_view line = value.substr(0, end);
        value.remove_prefix(std::min(end + 1, value.size()));
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        ++lines_;
        const char* why = "line too long";
        const auto outcome = line.size() > LineReader::kMaxLineLength ? LiveRecordScorer::Outcome::Rejected
                                                                      : scorer_.score(line, stock, why);
        if (outcome == LiveRecordScorer::Outcome::Scored) {
            ++file.records;
            ledger_.touched(stock, message.partition, message.offset);
        } else if (outcome == LiveRecordScorer::Outcome::Rejected) {
            file.reject(lines_, why);
            rejected_.fetch_add(1, std::memory_order_relaxed);
        }
    }
    ledger_.read(message.partition, message.offset, events_);
}

std::uint64_t KafkaSession::stored() const
{
    std::uint64_t stored = events_;
    for (const auto& sink : stored_)
        stored = std::min(stored, sink.load(std::memory_order_acquire));
    return stored;
}

void KafkaSession::commitStored(bool wait)
{
    std::string error;
    if (!source_->commit(ledger_.committable(stored()), wait, &error) && commitError_.empty())
        commitError_ = error;
}

// Only once the logged sinks are closed is everything the offsets cover
// stored (or known lost); the last commit then covers all of it.
void KafkaSession::finish()
{
    for (PredictionLogSink* sink : loggedSinks_) {
        QString error;  // the owner hears it from its own close()
        sink->close(&error);
    }
    commitError_.clear();
    commitStored(true);
    source_->close();
}

ReplaySnapshot KafkaSession::snapshot() const
{
    const PredictionPipeline& pipeline = scorer_.pipeline();
    return snapshotOf(pipeline, {ReplayState::Stopped, pipeline.records(), pipeline.records(), scorer_.lastTime(),
                                 activeSeconds_});
}

} // namespace ss
