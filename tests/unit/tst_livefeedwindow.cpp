// The window on a live feed: File ▸ Connect to Live Feed… against a producer
// of the test's own on loopback, and against a topic of librdkafka's mock
// cluster started here, sending ticks of a few sample stocks. The expected
// calls and hit counts come from ExpectedPredictions.h's arithmetic
// on the same ticks written as ticker files, never from the program.
#include "ExpectedPredictions.h"
#include "LoopbackSocket.h"
#if STOCKSTREAM_KAFKA
#include "MockKafkaCluster.h"
#endif
#include "Patience.h"
#include "app/panels/ClusterView.h"
#include "app/session/LiveFeed.h"
#include "app/panels/ModelComparisonView.h"
#include "app/MainWindow.h"
#include "app/models/RunsModel.h"
#include "app/charts/StockChartPanel.h"
#include "app/models/WatchlistModel.h"
#include "core/live/FeedSession.h"
#include "core/online/OnlineLearningStage.h"

#include <QAction>
#include <QLineSeries>
#include <QScatterSeries>
#include <QScopeGuard>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QElapsedTimer>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <poll.h>
#include <thread>

// GCC says so with __SANITIZE_THREAD__, clang with __has_feature.
#if defined(__SANITIZE_THREAD__)
#define UNDER_THREAD_SANITIZER
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_THREAD_SANITIZER
#endif
#endif

#ifdef UNDER_THREAD_SANITIZER
#define SKIP_KAFKA_UNDER_THREAD_SANITIZER()                                                                        \
    QSKIP("librdkafka's own threads are not instrumented, and ThreadSanitizer aborts in them; the release and " \
          "AddressSanitizer runs cover this test")
#else
#define SKIP_KAFKA_UNDER_THREAD_SANITIZER()
#endif

using namespace ss;

namespace {

constexpr int kStocks = 3;
constexpr qsizetype kDays = 240;
const QString kModel = QStringLiteral(STOCKSTREAM_SOURCE_DIR "/models/ibm-relative-w5.json");

// A producer on a free loopback port: takes one connection, sends its
// lines (all at once, or one at a time until the peer goes), and once
// released closes the connection and stops listening, so dialling it again
// is refused.
class Producer {
public:
    explicit Producer(QByteArrayList lines, bool trickle = false) : lines_(std::move(lines)), trickle_(trickle)
    {
        listener_ = loopback::listenOn(0, &port_);
        thread_ = std::thread([this] { run(); });
    }
    ~Producer()
    {
        release();
        thread_.join();
    }
    quint16 port() const { return port_; }
    void release() { released_ = true; }

private:
    void run()
    {
        pollfd p{listener_, POLLIN, 0};
        const int fd = ::poll(&p, 1, kPatienceMs) == 1 ? ::accept(listener_, nullptr, nullptr) : -1;
        bool open = fd >= 0;
        do {
            for (qsizetype i = 0; open && i < lines_.size(); ++i) {
                open = loopback::sendAll(fd, (lines_[i] + '\n').toStdString());
                if (trickle_)
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        } while (trickle_ && open && !released_);
        while (!released_)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ::close(fd);
        ::close(listener_);
    }

    QByteArrayList lines_;
    bool trickle_;
    int listener_ = -1;
    quint16 port_ = 0;
    std::atomic<bool> released_{false};
    std::thread thread_;
};

LiveFeedSettings dialling(quint16 port, int retrySeconds = 30)
{
    LiveFeedSettings s;
    s.kind = LiveFeedSettings::Kind::Connect;
    s.connectTo = QStringLiteral("127.0.0.1:%1").arg(port);
    s.retrySeconds = retrySeconds;
    return s;
}

struct ExpectedTally {
    qint64 calls = 0;
    qint64 resolved = 0;
    qint64 correct = 0;
    double lastPUp = 0;
};

#if STOCKSTREAM_KAFKA
// The lines as messages of the mock cluster's topic "ticks", made with
// `partitions` partitions; false if it could not be.
bool publish(MockKafkaCluster& kafka, int partitions, const QByteArrayList& lines)
{
    if (!kafka.ok() || !kafka.createTopic("ticks", partitions))
        return false;
    kafka.produce("ticks", lines);
    return kafka.flush();
}

// A topic of the mock cluster, read by the window's consumer group `group`.
// The group's session (the longest a broker that is away holds up its last
// commit) and the waits between reconnections kept short.
LiveFeedSettings kafkaFeed(const MockKafkaCluster& kafka, const QString& group)
{
    LiveFeedSettings s;
    s.kind = LiveFeedSettings::Kind::Kafka;
    s.brokers = kafka.bootstraps();
    s.topic = QStringLiteral("ticks");
    s.group = group;
    s.properties = QStringList{QStringLiteral("session.timeout.ms=3000"), QStringLiteral("heartbeat.interval.ms=500"),
                               QStringLiteral("reconnect.backoff.max.ms=500"),
                               QStringLiteral("statistics.interval.ms=200")};
    return s;
}
#endif

QVariant cell(const WatchlistModel& model, int row, int column)
{
    return model.data(model.index(row, column), WatchlistModel::SortRole);
}

} // namespace

class TestLiveFeedWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void followsTheFeedAsAReplayWould();
    void clustersAndModelsFollowALiveFeed();
    void refusedConnectionSaysSoOnce();
    void portInUseSaysSo();
#if STOCKSTREAM_KAFKA
    void followsAKafkaTopic();
    void unreachableBrokersSaySoUntilOneAnswers();
    void brokerDownDoesNotHoldUpTheWindow_data();
    void brokerDownDoesNotHoldUpTheWindow();
#endif
    void disconnectMidStreamStopsCleanly();
    void closingWhileLiveEndsTheFeed();

private:
    // The window's message box, once it shows one; null if none comes.
    QMessageBox* waitForMessage();
    // Waits until the window scored every tick, then checks its watchlist
    // and the selected stock's charts against the expected calls; `all`
    // gets the expected totals.
    void verifyEveryCallShown(ExpectedTally* all);

    QTemporaryDir scratch_;
    QByteArrayList ticks_;   // the feed, in stream order
    ExpectedCalls expected_;
    std::unique_ptr<MainWindow> window_;
};

void TestLiveFeedWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StockStreamTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_livefeedwindow"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch_.path());
    QSettings().clear();
    QSettings().setValue("log/path", scratch_.filePath(QStringLiteral("log.sqlite")));

    // The first days of a few sample stocks, as ticker files (for the
    // expected calls) and as the thesis's tick records in stream order:
    // by date, ties by name.
    const QString folder = scratch_.filePath(QStringLiteral("ticks"));
    QVERIFY(QDir().mkpath(folder));
    std::multimap<std::pair<QString, QString>, QByteArray> ordered;
    int taken = 0;
    for (const auto& [stock, series] : readTickerFolder(QStringLiteral(STOCKSTREAM_SAMPLE_DIR))) {
        if (series.dates.size() < kDays || taken == kStocks)
            continue;
        ++taken;
        QFile file(QDir(folder).filePath(stock + QStringLiteral(".txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Date,Open,High,Low,Close,Volume,OpenInt\n");
        for (qsizetype i = 0; i < kDays; ++i) {
            const QByteArray close = QByteArray::number(series.closes[static_cast<std::size_t>(i)], 'g', 17);
            const QByteArray date = series.dates[i].toLatin1();
            file.write(date + ',' + close + ',' + close + ',' + close + ',' + close + ",0,0\n");
            ordered.emplace(std::pair{series.dates[i], stock},
                            "{\"stock\": \"" + stock.toLatin1() + "\", \"price\": " + close + ", \"date\": \"" + date + "\"}");
        }
    }
    QCOMPARE(taken, kStocks);
    for (const auto& [key, line] : ordered)
        ticks_.append(line);
    expected_ = expectedCalls(folder, readJsonFile(kModel));
}

void TestLiveFeedWindow::init()
{
    window_ = std::make_unique<MainWindow>();
    window_->resize(1200, 800);
    window_->show();
    QVERIFY(window_->openModel(kModel));
}

void TestLiveFeedWindow::cleanup()
{
    window_.reset();
}

QMessageBox* TestLiveFeedWindow::waitForMessage()
{
    QMessageBox* box = nullptr;
    const bool shown = QTest::qWaitFor([&] { return (box = window_->findChild<QMessageBox*>()) != nullptr; }, kPatienceMs);
    return shown ? box : nullptr;
}

void TestLiveFeedWindow::verifyEveryCallShown(ExpectedTally* all)
{
    // Every tick scored, and the window caught up with the last of them.
    std::map<QString, ExpectedTally> byStock;
    for (const auto& [key, call] : expected_) {
        for (ExpectedTally* t : {&byStock[call.stock], all}) {
            ++t->calls;
            t->resolved += call.actual.has_value();
            t->correct += call.actual && *call.actual == call.up;
            t->lastPUp = call.pUp;  // keys of a stock are in date order
        }
    }
    WatchlistModel& watchlist = *window_->watchlist();
    QTRY_COMPARE_WITH_TIMEOUT(window_->liveFeed()->poll().records, static_cast<std::size_t>(ticks_.size()), kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(watchlist.rowCount() == kStocks
                                 && [&] {
                                     qint64 resolved = 0;
                                     for (int r = 0; r < kStocks; ++r)
                                         resolved += cell(watchlist, r, WatchlistModel::Resolved).toLongLong();
                                     return resolved == all->resolved;
                                 }(),
                             kPatienceMs);
    for (int r = 0; r < kStocks; ++r) {
        const QString stock = cell(watchlist, r, WatchlistModel::Stock).toString();
        QVERIFY2(byStock.count(stock), qPrintable(stock));
        const ExpectedTally& t = byStock[stock];
        QCOMPARE(cell(watchlist, r, WatchlistModel::Resolved).toLongLong(), t.resolved);
        QCOMPARE(cell(watchlist, r, WatchlistModel::HitRate).toDouble(), double(t.correct) / double(t.resolved));
        QVERIFY(std::abs(cell(watchlist, r, WatchlistModel::PUp).toDouble() - t.lastPUp) < 1e-12);
    }

    // The selected stock's charts hold every call of it.
    const StockHistory& shown = window_->stockCharts()->history();
    QTRY_VERIFY_WITH_TIMEOUT(shown.isValid()
                                 && shown.calls().size() == std::size_t(byStock[QString::fromStdString(shown.series().name)].calls),
                             kPatienceMs);
    QCOMPARE(shown.tally().resolved, std::uint64_t(byStock[QString::fromStdString(shown.series().name)].resolved));
}

void TestLiveFeedWindow::followsTheFeedAsAReplayWould()
{
    window_->setLogging(true);
    Producer producer(ticks_);
    QVERIFY(window_->connectLive(dialling(producer.port())));
    QVERIFY(window_->liveFeed());
    QVERIFY(!window_->findChild<QAction*>(QStringLiteral("actionPlayPause"))->isEnabled());
    ExpectedTally all;
    verifyEveryCallShown(&all);
    if (QTest::currentTestFailed())
        return;

    QLabel* indicator = window_->connectionIndicator();
    QVERIFY(indicator->isVisible());
    QVERIFY2(indicator->text().startsWith(QStringLiteral("Connected to tcp://127.0.0.1:")), qPrintable(indicator->text()));
    QVERIFY(window_->liveFeed()->poll().messages > 0);

    // The producer leaves: the window dials again until told to stop.
    producer.release();
    QTRY_VERIFY_WITH_TIMEOUT(indicator->text().startsWith(QStringLiteral("Reconnecting")), kPatienceMs);
    QSignalSpy ended(window_.get(), &MainWindow::liveEnded);
    window_->disconnectLive();
    QVERIFY(ended.wait(kPatienceMs));
    QVERIFY2(indicator->text().startsWith(QStringLiteral("Disconnected")), qPrintable(indicator->text()));
    QVERIFY(!window_->findChild<QMessageBox*>());

    // Logged as one run, stopped, with the feed's figures.
    RunsModel& runs = *window_->runs();
    QTRY_VERIFY_WITH_TIMEOUT(runs.rowCount() == 1 && runs.run(0)->status == RunStatus::Stopped, kPatienceMs);
    QCOMPARE(runs.run(0)->summary.value("resolved").toInteger(), all.resolved);
    QCOMPARE(runs.run(0)->summary.value("correct").toInteger(), all.correct);
}

// Online learning switched on, a live feed is clustered and scored by the
// online scorer as it arrives, and both views show it.
void TestLiveFeedWindow::clustersAndModelsFollowALiveFeed()
{
    OnlineOptions options;
    options.clustering.k = 3;
    options.scorer.enabled = true;
    window_->setOnlineOptions(options);
    // Remembered settings: not for the tests after this one, whatever happens here.
    const auto forget = qScopeGuard([this] { window_->setOnlineOptions(OnlineOptions{}); });
    Producer producer(ticks_);
    QVERIFY(window_->connectLive(dialling(producer.port())));
    QTRY_COMPARE_WITH_TIMEOUT(window_->liveFeed()->poll().records, static_cast<std::size_t>(ticks_.size()), kPatienceMs);
    const auto online = onlineOf(window_->liveFeed()->session().snapshot());
    QVERIFY(online);
    QVERIFY(online->batches > 0);
    QVERIFY(online->staticTally.resolved > 0);

    // The views catch up within a few refreshes: every stock in a cluster.
    ClusterView* clusters = window_->clusterView();
    ModelComparisonView* models = window_->comparisonView();
    auto placed = [clusters] {
        int stocks = 0;
        for (int c = 0; c < clusters->clusterCount(); ++c)
            stocks += clusters->stocks(c)->count();
        return stocks;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!clusters->showsHint() && !models->showsHint()
                                 && models->line(ModelComparisonView::OnlineModel)->count() > 0 && placed() == kStocks,
                             kPatienceMs);
    QCOMPARE(clusters->clusterCount(), 3);
}

void TestLiveFeedWindow::refusedConnectionSaysSoOnce()
{
    QVERIFY(window_->connectLive(dialling(loopback::freePort(), 0)));
    QMessageBox* box = waitForMessage();
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("refused")), qPrintable(box->text()));
    QVERIFY(window_->connectionIndicator()->text().startsWith(QStringLiteral("Disconnected")));
    box->close();
    QTRY_VERIFY_WITH_TIMEOUT(!window_->findChild<QMessageBox*>(), kPatienceMs);
    // Once: the ended feed says nothing more.
    QTest::qWait(200);
    QVERIFY(!window_->findChild<QMessageBox*>());
    QVERIFY(!window_->findChild<QAction*>(QStringLiteral("actionDisconnectLive"))->isEnabled());
}

void TestLiveFeedWindow::portInUseSaysSo()
{
    quint16 port = 0;
    const int taken = loopback::listenOn(0, &port);
    LiveFeedSettings s;
    s.kind = LiveFeedSettings::Kind::Listen;
    s.listenOn = QString::number(port);
    QVERIFY(!window_->connectLive(s));
    QVERIFY(!window_->liveFeed());
    QMessageBox* box = waitForMessage();
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("in use")), qPrintable(box->text()));
    ::close(taken);
}

#if STOCKSTREAM_KAFKA
// The ticks keyed by stock over a few partitions: each stock's ticks stay
// in order, which is all its calls depend on.
void TestLiveFeedWindow::followsAKafkaTopic()
{
    SKIP_KAFKA_UNDER_THREAD_SANITIZER();
    MockKafkaCluster kafka;
    QVERIFY(publish(kafka, 3, ticks_));

    window_->setLogging(true);
    LiveFeedSettings s;
    s.kind = LiveFeedSettings::Kind::Kafka;
    s.brokers = kafka.bootstraps();
    s.topic = QStringLiteral("ticks");
    s.group = QStringLiteral("window");
    s.properties = QStringList{QStringLiteral("client.id=tst_livefeedwindow")};
    QVERIFY(window_->connectLive(s));
    QVERIFY(window_->liveFeed());
    const QString feed = QStringLiteral("kafka://%1/ticks#window").arg(kafka.bootstraps());
    QCOMPARE(window_->liveFeed()->describe(), feed);
    ExpectedTally all;
    verifyEveryCallShown(&all);
    if (QTest::currentTestFailed())
        return;

    QLabel* indicator = window_->connectionIndicator();
    QVERIFY2(indicator->text().startsWith(QStringLiteral("Connected to ") + feed), qPrintable(indicator->text()));
    QCOMPARE(window_->liveFeed()->poll().messages, static_cast<std::size_t>(ticks_.size()));

    QSignalSpy ended(window_.get(), &MainWindow::liveEnded);
    window_->disconnectLive();
    QVERIFY(ended.wait(kPatienceMs));
    QVERIFY2(indicator->text().startsWith(QStringLiteral("Disconnected: disconnected")), qPrintable(indicator->text()));
    QVERIFY(!window_->findChild<QMessageBox*>());

    // Logged as a run of its own, stopped, with the feed's figures; the
    // offsets committed as the log stored the calls.
    const qint64 id = window_->liveFeed()->runId();
    QVERIFY(id > 0);
    RunsModel& runs = *window_->runs();
    const RunInfo* run = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < runs.rowCount() && !run; ++r)
                if (runs.run(r)->id == id && runs.run(r)->status == RunStatus::Stopped)
                    run = runs.run(r);
            return run != nullptr;
        }(),
        kPatienceMs);
    const QJsonObject summary = run->summary;
    QCOMPARE(summary.value("resolved").toInteger(), all.resolved);
    QCOMPARE(summary.value("correct").toInteger(), all.correct);
    QCOMPARE(summary.value("group").toString(), QStringLiteral("window"));
    QVERIFY(summary.value("commits").toInteger() > 0);
    window_.reset();  // its consumer goes before the cluster does
}

// Brokers that cannot be reached, from the start or for a while: the
// indicator and its tooltip say so and why, while the client retries; once
// the broker is back, they say no more of it and the ticks come in.
void TestLiveFeedWindow::unreachableBrokersSaySoUntilOneAnswers()
{
    SKIP_KAFKA_UNDER_THREAD_SANITIZER();
    MockKafkaCluster kafka;
    QVERIFY(kafka.ok());
    QVERIFY(kafka.createTopic("ticks", 1));
    kafka.setBrokerUp(1, false);
    QVERIFY(window_->connectLive(kafkaFeed(kafka, QStringLiteral("unreachable"))));
    const QString feed = window_->liveFeed()->describe();
    QLabel* indicator = window_->connectionIndicator();
    QTRY_VERIFY_WITH_TIMEOUT(indicator->text().startsWith(QStringLiteral("Cannot reach ") + feed), kPatienceMs);
    // The broker's port is closed while it is down: connecting is refused.
    QVERIFY2(indicator->toolTip().contains(QStringLiteral("cannot be reached")), qPrintable(indicator->toolTip()));
    QVERIFY2(indicator->toolTip().contains(QStringLiteral("Connection refused")), qPrintable(indicator->toolTip()));
    QVERIFY(window_->liveFeed()->poll().state == LiveFeed::State::Unreachable);

    kafka.setBrokerUp(1, true);
    kafka.produce("ticks", ticks_);
    QVERIFY(kafka.flush());
    QTRY_VERIFY_WITH_TIMEOUT(window_->liveFeed()->poll().records == static_cast<std::size_t>(ticks_.size()),
                             kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(indicator->text().startsWith(QStringLiteral("Connected to ") + feed), kPatienceMs);
    QVERIFY2(!indicator->toolTip().contains(QStringLiteral("cannot be reached")), qPrintable(indicator->toolTip()));
    QVERIFY(window_->liveFeed()->poll().clientErrors.isEmpty());

    // Away for less than the group's session: back without the group
    // sharing out the partitions again, which only the brokers' connection
    // states tell.
    const std::size_t shares = window_->liveFeed()->poll().connections;
    kafka.setBrokerUp(1, false);
    QTRY_VERIFY_WITH_TIMEOUT(indicator->text().startsWith(QStringLiteral("Cannot reach ") + feed), kPatienceMs);
    kafka.setBrokerUp(1, true);
    QTRY_VERIFY_WITH_TIMEOUT(indicator->text().startsWith(QStringLiteral("Connected to ") + feed), kPatienceMs);
    QCOMPARE(window_->liveFeed()->poll().connections, shares);
    window_.reset();  // its consumer goes before the cluster does
}

// The broker goes away with calls logged and not yet committed: the last
// commit waits for it (until the group's session times out) on the feed's
// thread, while the window's event loop keeps turning; the feed then ends.
// Closing the window does the same, and the window closes once it ended.
void TestLiveFeedWindow::brokerDownDoesNotHoldUpTheWindow_data()
{
    QTest::addColumn<bool>("closing");
    QTest::newRow("disconnect") << false;
    QTest::newRow("close the window") << true;
}

void TestLiveFeedWindow::brokerDownDoesNotHoldUpTheWindow()
{
    SKIP_KAFKA_UNDER_THREAD_SANITIZER();
    QFETCH(bool, closing);
    MockKafkaCluster kafka;
    QVERIFY(publish(kafka, 1, ticks_));
    window_->setLogging(true);
    QVERIFY(window_->connectLive(kafkaFeed(kafka, QStringLiteral("held-up"))));
    QTRY_VERIFY_WITH_TIMEOUT(window_->liveFeed()->poll().records == static_cast<std::size_t>(ticks_.size()),
                             kPatienceMs);
    kafka.setBrokerUp(1, false);

    // The longest the event loop went without turning, as a timer sees it.
    // A hang check, not a speed target: the commit alone waits longer.
    constexpr qint64 kHang = 2000;
    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    QTimer ticker;
    ticker.setInterval(20);
    connect(&ticker, &QTimer::timeout, [&] {
        longestGap = std::max(longestGap, sinceTick.restart());
    });
    QSignalSpy ended(window_.get(), &MainWindow::liveEnded);
    sinceTick.start();
    ticker.start();
    if (closing)
        window_->close();
    else
        window_->disconnectLive();
    QVERIFY(ended.wait(kPatienceMs));
    ticker.stop();
    // The feed ends inside the window's event loop: a wait there came
    // before the signal, after the last tick.
    longestGap = std::max(longestGap, sinceTick.elapsed());
    QVERIFY2(longestGap < kHang, qPrintable(QStringLiteral("the event loop stood still for %1 ms").arg(longestGap)));
    // The broker was away for the last commit, as the test meant it to be.
    QVERIFY2(window_->liveFeed()->endReason().contains(QStringLiteral("read again")),
             qPrintable(window_->liveFeed()->endReason()));
    QVERIFY2(window_->connectionIndicator()->text().startsWith(QStringLiteral("Disconnected")),
             qPrintable(window_->connectionIndicator()->text()));
    QCOMPARE(window_->isVisible(), !closing);
    window_.reset();
}
#endif

void TestLiveFeedWindow::disconnectMidStreamStopsCleanly()
{
    Producer producer(ticks_, true);
    QVERIFY(window_->connectLive(dialling(producer.port())));
    QTRY_VERIFY_WITH_TIMEOUT(window_->liveFeed()->poll().records > 50, kPatienceMs);
    QSignalSpy ended(window_.get(), &MainWindow::liveEnded);
    window_->disconnectLive();
    QVERIFY(ended.wait(kPatienceMs));
    const std::size_t records = window_->liveFeed()->poll().records;
    QTest::qWait(100);
    QCOMPARE(window_->liveFeed()->poll().records, records);
    QVERIFY(window_->connectionIndicator()->text().startsWith(QStringLiteral("Disconnected: disconnected")));
    QVERIFY(!window_->findChild<QMessageBox*>());
}

void TestLiveFeedWindow::closingWhileLiveEndsTheFeed()
{
    Producer producer(ticks_, true);
    QVERIFY(window_->connectLive(dialling(producer.port())));
    QTRY_VERIFY_WITH_TIMEOUT(window_->liveFeed()->poll().state == LiveFeed::State::Connected, kPatienceMs);
    window_->close();
    // Destroying the window ends the feed and joins its thread; a hang
    // here is the failure.
    window_.reset();
}

QTEST_MAIN(TestLiveFeedWindow)
#include "tst_livefeedwindow.moc"
