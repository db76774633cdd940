#include "LiveSession.h"

#include "core/data/JsonLinesParser.h"
#include "core/data/LineReader.h"

#include <algorithm>
#include <array>
#include <optional>

namespace ss {

LiveSession::LiveSession(std::unique_ptr<LiveSource> source, std::shared_ptr<const LogisticModel> model)
    : source_(std::move(source)), registry_(std::make_shared<StockRegistry>()), pipeline_(0, std::move(model))
{
}

LiveSession::~LiveSession()
{
    stop();
    if (thread_.joinable())
        thread_.join();
}

void LiveSession::start()
{
    thread_ = std::thread([this] { run(); });
}

bool LiveSession::waitUntilDone(std::chrono::milliseconds timeout)
{
    {
        std::unique_lock lock(doneMutex_);
        if (!doneChanged_.wait_for(lock, timeout, [this] { return done_; }))
            return false;
    }
    if (thread_.joinable())
        thread_.join();
    return true;
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
        read(reader, file);
        if (!reader.error().empty())
            file.error = "read error: " + reader.error();
        file.empty = file.records == 0 && file.rejected == 0 && file.error.empty();
        report_.add(std::move(file));
    }
    complete_ = !source_->stopped() && source_->error().empty();
    if (connected)
        activeSeconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - *connected).count();
    for (PredictionSink* sink : pipeline_.sinks())
        sink->onFinish(complete_);
    {
        std::lock_guard lock(doneMutex_);
        done_ = true;
    }
    doneChanged_.notify_all();
}

void LiveSession::read(LineReader& reader, FileReport& file)
{
    JsonLinesParser parser(true);
    LineReader::Line line;
    TickRecord record;
    while (reader.next(line)) {
        const char* why = "line too long";
        if (!line.overlong) {
            const LineKind kind = parser.parse(line.text, record, why);
            if (kind == LineKind::Blank || kind == LineKind::Header)
                continue;
            if (kind == LineKind::Record && take(record, parser.windowPrices(), file, why))
                continue;
        }
        file.reject(line.number, why);
        rejected_.fetch_add(1, std::memory_order_relaxed);
    }
}

bool LiveSession::take(const TickRecord& record, const std::vector<double>& window, FileReport& file,
                       const char*& why)
{
    bool added = false;
    const auto stock = registry_->intern(record.stock, added);
    if (!stock) {
        why = "too many stocks";
        return false;
    }
    if (added) {
        pipeline_.addStock();
        validator_.addStock();
    }
    if (!window.empty() && !continuesWindow(*stock, window)) {
        why = "window does not continue the stock's closes";
        return false;
    }
    if (!validator_.accept(*stock, record.time, why)) {
        outOfOrder_.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    if (window.size() > 1 && pipeline_.windower().closes(*stock) == 0)
        std::for_each(window.begin(), window.end() - 1, [&](double close) { pipeline_.seed(*stock, close); });
    pipeline_.process(Tick{*stock, record.time, record.close});
    lastTime_ = record.time;
    ++file.records;
    records_.store(pipeline_.records(), std::memory_order_relaxed);
    return true;
}

// Whether the window's older prices are the stock's latest closes (as many
// of them as the stock has); a stock with none continues any window.
bool LiveSession::continuesWindow(std::size_t stock, const std::vector<double>& window) const
{
    const std::size_t older = window.size() - 1;
    const std::size_t known = std::min(older, pipeline_.windower().closes(stock));
    std::array<double, JsonLinesParser::kMaxWindowPrices> latest{};
    if (!pipeline_.windower().window(stock, static_cast<int>(known), latest.data()))
        return false;
    return std::equal(latest.begin(), latest.begin() + static_cast<std::ptrdiff_t>(known),
                      window.end() - 1 - static_cast<std::ptrdiff_t>(known));
}

ReplaySnapshot LiveSession::snapshot() const
{
    return snapshotOf(pipeline_, {complete_ ? ReplayState::Finished : ReplayState::Stopped, pipeline_.records(),
                                  pipeline_.records(), lastTime_, activeSeconds_});
}

} // namespace ss
