#pragma once

#include "FeedSession.h"
#include "LiveSource.h"

namespace ss {

class LineReader;

// Scores a line feed as it arrives: reads JSON lines (or a ticker file's
// CSV rows) from a LiveSource (standard input, a file, a socket) on the
// session's thread and hands them to its LiveRecordScorer (which says what
// the records mean).
//
// Bad input is counted and skipped, per connection, with the first
// offending line: a line longer than LineReader::kMaxLineLength, a line
// that is not a record, a tick not after its stock's previous one, and a
// window record that does not continue its stock's closes.
class LiveSession : public FeedSession {
    Q_OBJECT
public:
    LiveSession(std::unique_ptr<LiveSource> source, std::shared_ptr<const LogisticModel> model);
    ~LiveSession() override;

    LiveSource& source() { return *source_; }
    const LiveSource& source() const { return *source_; }

    void start() override;
    // From any thread: ends the stream; the sinks hear onFinish(false).
    void stop() override { source_->stop(); }
    QString describe() const override { return QString::fromStdString(source_->describe()); }
    // source, connections, out_of_order, idle_drops, stream_s and records_per_s.
    void addToSummary(QJsonObject& summary) const override;
    Link link() const override;
    std::string endProblem() const override { return source_->error(); }

private:
    void run();
    void read(LineReader& reader, FileReport& file);

    std::unique_ptr<LiveSource> source_;
};

} // namespace ss
