#include "KafkaSession.h"

#include "core/data/LineReader.h"

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
    : FeedSession(model),
      source_(std::move(source)),
      ledger_(static_cast<std::size_t>(model->window())),
      idleTimeout_(idleTimeout)
{
    scorer_.pipeline().addSink(this);
}

KafkaSession::~KafkaSession()
{
    stop();
    joinThread();
}

void KafkaSession::addStoringSink(StoringSink* sink)
{
    scorer_.pipeline().addSink(sink);
    loggedSinks_.push_back(sink);
    std::atomic<std::uint64_t>& stored = stored_.emplace_back(0);
    sink->setWrittenListener([&stored](std::size_t events) { stored.fetch_add(events, std::memory_order_release); });
}

void KafkaSession::start()
{
    startThread([this] { run(); });
}

QString KafkaSession::describe() const
{
    return QString::fromStdString(source_->describe() + "#" + source_->group());
}

void KafkaSession::addToSummary(QJsonObject& summary) const
{
    summary.insert("source", QString::fromStdString(source_->describe()));
    summary.insert("group", QString::fromStdString(source_->group()));
    summary.insert("messages", static_cast<qint64>(messages()));
    summary.insert("out_of_order", static_cast<qint64>(outOfOrder()));
    summary.insert("commits", static_cast<qint64>(source_->commits()));
    // The stream's own rate: from its first message to its last.
    const ReplayProgress done = progress();
    summary.insert("stream_s", done.activeSeconds);
    summary.insert("records_per_s", done.activeSeconds > 0 ? done.processed / done.activeSeconds : 0.0);
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
    std::size_t shares = 0;
    bool wentQuiet = false;  // ended by the idle timeout, all read
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
        if (message || source_->rebalances() != shares) {
            shares = source_->rebalances();
            errorsAtProgress_ = source_->errors();
        }
        if (message) {
            lastMessage = quietSince = now;
            if (!first)
                first = now;
            auto hold = holdState();
            take(*message, file);
            noteProgress();
            releaseState(hold);
        } else if (idleTimeout_.count() > 0 && source_->assigned() > 0 && now - quietSince >= idleTimeout_) {
            // Quiet, but perhaps only because a broker came back and the
            // client has not fetched again yet: ends only when caught up.
            if ((wentQuiet = source_->caughtUp()))
                break;
            quietSince = now;
        }
        if (now - lastCommit >= kCommitInterval) {
            commitStored(false);
            lastCommit = now;
        }
    }
    file.empty = file.records == 0 && file.rejected == 0;
    report_.add(std::move(file));
    endStream(false, wentQuiet, first ? std::chrono::duration<double>(lastMessage - *first).count() : 0.0);
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
    for (StoringSink* sink : loggedSinks_) {
        QString error;  // the owner hears it from its own close()
        sink->close(&error);
    }
    commitError_.clear();
    commitStored(true);
    source_->close();
}

FeedSession::Link KafkaSession::link() const
{
    Link link;
    link.connections = source_->rebalances();
    link.state = link.connections == 0                          ? Link::State::Connecting
                 : source_->errors() > errorsAtProgress_.load() ? Link::State::Reconnecting
                                                                : Link::State::Connected;
    for (const KafkaSource::ClientError& e : source_->clientErrors())
        link.clientErrors.emplace_back(rd_kafka_err2str(e.code), e.reason);
    if (!link.clientErrors.empty())
        link.state = Link::State::Unreachable;
    return link;
}

std::string KafkaSession::endProblem() const
{
    return commitError_.empty() ? std::string()
                                : commitError_ + "; the messages after the last commit will be read again";
}

} // namespace ss
