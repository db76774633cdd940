// The live source and session on loopback TCP: what a feed of ticks and
// window records turns into, and every kind of bad input or bad peer.
#include "LoopbackSocket.h"
#include "Patience.h"
#include "core/live/LiveSession.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <string>
#include <thread>

using namespace ss;

namespace {

// What the session told its sink; read only after the session's thread is gone.
class Collector : public PredictionSink {
public:
    struct Call {
        std::size_t stock;
        Timestamp time;
        std::vector<double> window;
        double pUp;
    };
    std::vector<Call> calls;
    std::vector<Resolution> resolutions;
    int finished = -1;  // -1: not told; else whether complete

    void onPrediction(const Prediction& p) override
    {
        calls.push_back({p.stock, p.time, std::vector<double>(p.window, p.window + p.windowSize), p.pUp});
    }
    void onResolution(const Resolution& r) override { resolutions.push_back(r); }
    void onFinish(bool complete) override { finished = complete ? 1 : 0; }
};

constexpr int kWindow = 3;

std::shared_ptr<const LogisticModel> model()
{
    return std::make_shared<const LogisticModel>(kWindow, FeatureTransform::Raw, std::vector<double>{1, -1, 0.5}, 0.0);
}

std::string tick(const std::string& stock, const std::string& date, double price)
{
    return "{\"stock\": \"" + stock + "\", \"price\": " + std::to_string(price) + ", \"date\": \"" + date + "\"}\n";
}

Timestamp day(int d)
{
    return timestamp::fromCivil(2017, 1, d);
}

std::string date(int d)
{
    return timestamp::formatDate(day(d));
}

// A session listening on a free loopback port, its sink attached, started.
struct Listening {
    explicit Listening(LiveSourceOptions options = {})
    {
        options.mode = LiveSourceOptions::Mode::Listen;
        std::string error;
        auto source = LiveSource::create(options, &error);
        if (!source)
            qFatal("%s", error.c_str());
        port = source->port();
        session = std::make_unique<LiveSession>(std::move(source), model());
        session->addSink(&sink);
        session->start();
    }
    // Sends `bytes` from a new peer and hangs up.
    void feed(std::string_view bytes) const
    {
        const int fd = loopback::dial(port);
        QVERIFY(fd >= 0);
        QVERIFY(loopback::sendAll(fd, bytes));
        ::close(fd);
    }
    bool done() { return session->waitUntilDone(std::chrono::milliseconds(kPatienceMs)); }

    quint16 port = 0;
    Collector sink;
    std::unique_ptr<LiveSession> session;
};

// A session dialling a producer on `port` for as long as a test may take.
struct Dialling {
    Dialling(quint16 port, bool reconnect)
    {
        LiveSourceOptions options;
        options.mode = LiveSourceOptions::Mode::Connect;
        options.port = port;
        options.reconnect = reconnect;
        options.retryFor = std::chrono::milliseconds(kPatienceMs);
        std::string error;
        session = std::make_unique<LiveSession>(LiveSource::create(options, &error), model());
        session->addSink(&sink);
        session->start();
    }
    bool done() { return session->waitUntilDone(std::chrono::milliseconds(kPatienceMs)); }

    Collector sink;
    std::unique_ptr<LiveSession> session;
};

} // namespace

class TestLiveSession : public QObject {
    Q_OBJECT
private slots:
    void ticksAreScoredAsTheyCome();
    void windowRecords();
    void windowThatDoesNotContinueIsRefused();
    void outOfOrderTicksAreRefusedAndCounted();
    void badLines_data();
    void badLines();
    void peerHangsUpMidLine();
    void silentPeerIsDroppedAfterIdleTimeout();
    void stopEndsAWaitForPeers();
    void dialsWithBackOffUntilTheProducerIsUp();
    void reconnectSkipsWhatARestartedProducerRepeats();
    void giveUpDialling();
    void fileOfTickerRows();
    void fileThatIsNotPricesIsRefused();
    void pricesBeyondAnyStockAreRefused();
    void pathsThatCannotBeStreamed_data();
    void pathsThatCannotBeStreamed();
    void hostPortParsing_data();
    void hostPortParsing();
};

void TestLiveSession::ticksAreScoredAsTheyCome()
{
    Listening live;
    std::string feed;
    const double closes[] = {10, 11, 12, 11, 13};
    for (int d = 0; d < 5; ++d)
        feed += tick("b.us", date(d + 2), closes[d]) + tick("a.us", date(d + 2), 100 - d);
    live.feed(feed);
    QVERIFY(live.done());
    QVERIFY(live.session->complete());
    QCOMPARE(live.sink.finished, 1);
    QCOMPARE(live.session->records(), std::size_t(10));
    QCOMPARE(live.session->rejected(), std::size_t(0));
    // Stocks are numbered as they first appear.
    QCOMPARE(live.session->stocks()->name(0), std::string("b.us"));
    QCOMPARE(live.session->stocks()->name(1), std::string("a.us"));
    // W = 3: each stock is scored from its third close on, and each call
    // but the last is judged by the stock's next close.
    QCOMPARE(live.sink.calls.size(), std::size_t(6));
    QCOMPARE(live.sink.resolutions.size(), std::size_t(4));
    const Collector::Call& first = live.sink.calls.front();
    QCOMPARE(first.stock, std::size_t(0));
    QCOMPARE(first.time, day(4));
    QCOMPARE(first.window, (std::vector<double>{10, 11, 12}));
    for (const Resolution& r : live.sink.resolutions)
        if (r.stock == 0 && r.callTime == day(4))
            QCOMPARE(r.actualUp, false);  // 12 -> 11
    const ReplaySnapshot s = live.session->snapshot();
    QCOMPARE(s.overall.windows, std::size_t(6));
    QCOMPARE(s.overall.resolved, std::size_t(4));
    QCOMPARE(s.openCalls, std::size_t(2));
}

void TestLiveSession::windowRecords()
{
    Listening live;
    // The collector's sliding windows of W = 3 over 5, 6, 7, 6, 8.
    live.feed("{\"stock\": \"x.us\", \"prices\": [5, 6, 7], \"date\": \"" + date(4) + "\"}\n"
              "{\"stock\": \"x.us\", \"prices\": [6, 7, 6], \"date\": \"" + date(5) + "\"}\n"
              + tick("x.us", date(6), 8));
    QVERIFY(live.done());
    QCOMPARE(live.session->rejected(), std::size_t(0));
    // A window record's older prices fill the window but are not scored or counted.
    QCOMPARE(live.session->records(), std::size_t(3));
    QCOMPARE(live.sink.calls.size(), std::size_t(3));
    QCOMPARE(live.sink.calls[0].window, (std::vector<double>{5, 6, 7}));
    QCOMPARE(live.sink.calls[1].window, (std::vector<double>{6, 7, 6}));
    QCOMPARE(live.sink.calls[2].window, (std::vector<double>{7, 6, 8}));
    QCOMPARE(live.sink.resolutions.size(), std::size_t(2));
    QCOMPARE(live.sink.resolutions[0].actualUp, false);  // 7 -> 6
    QCOMPARE(live.sink.resolutions[1].actualUp, true);   // 6 -> 8
}

void TestLiveSession::windowThatDoesNotContinueIsRefused()
{
    Listening live;
    live.feed("{\"stock\": \"x.us\", \"prices\": [5, 6, 7], \"date\": \"" + date(4) + "\"}\n"
              "{\"stock\": \"x.us\", \"prices\": [1, 2, 3], \"date\": \"" + date(5) + "\"}\n"
              "{\"stock\": \"x.us\", \"price\": 1, \"prices\": [6, 7, 1], \"date\": \"" + date(5) + "\"}\n"
              "{\"stock\": \"x.us\", \"prices\": [6, 7, 9], \"date\": \"" + date(5) + "\"}\n");
    QVERIFY(live.done());
    QCOMPARE(live.session->records(), std::size_t(2));
    QCOMPARE(live.session->rejected(), std::size_t(2));
    const FileReport& file = live.session->report().notable.at(0);
    QCOMPARE(file.firstBadLine, std::size_t(2));
    QCOMPARE(file.firstBadReason, std::string("window does not continue the stock's closes"));
    QCOMPARE(live.sink.calls.back().window, (std::vector<double>{6, 7, 9}));
}

void TestLiveSession::outOfOrderTicksAreRefusedAndCounted()
{
    Listening live;
    live.feed(tick("a.us", date(3), 1) + tick("a.us", date(2), 2) + tick("a.us", date(3), 3) + tick("b.us", date(2), 4)
              + tick("a.us", date(4), 5));
    QVERIFY(live.done());
    QCOMPARE(live.session->records(), std::size_t(3));
    QCOMPARE(live.session->outOfOrder(), std::size_t(2));
    QCOMPARE(live.session->rejected(), std::size_t(2));
    const FileReport& file = live.session->report().notable.at(0);
    QCOMPARE(file.firstBadLine, std::size_t(2));
    QCOMPARE(file.firstBadReason, std::string("timestamp out of order"));
    // Nothing was reordered: a.us holds 1 then 5.
    QCOMPARE(live.session->snapshot().stocks[0].lastClose, 5.0);
    QCOMPARE(live.session->snapshot().stocks[0].prevClose, 1.0);
}

void TestLiveSession::badLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");
    QTest::newRow("10 MB line") << QByteArray(10 * 1024 * 1024, 'x') << "line too long";
    QTest::newRow("10 MB JSON line") << ("{\"stock\": \"a.us\", \"note\": \"" + QByteArray(10 * 1024 * 1024, 'y') + "\"}")
                                     << "line too long";
    QTest::newRow("invalid UTF-8 stock") << QByteArray("{\"stock\": \"a\xff\xfe.us\", \"price\": 1, \"date\": \"2017-01-05\"}")
                                         << "bad stock name";
    QTest::newRow("overlong UTF-8 stock") << QByteArray("{\"stock\": \"\xc0\xae.us\", \"price\": 1, \"date\": \"2017-01-05\"}")
                                          << "bad stock name";
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff", 4) << "not a JSON object";
    QTest::newRow("not JSON") << QByteArray("Date,Open,High,Low,Close,Volume,OpenInt") << "not a JSON object";
    QTest::newRow("no price") << QByteArray("{\"stock\": \"a.us\", \"date\": \"2017-01-05\"}")
                              << "missing stock, price or date";
    QTest::newRow("negative price") << QByteArray("{\"stock\": \"a.us\", \"price\": -1, \"date\": \"2017-01-05\"}")
                                    << "price is not a positive finite number";
    QTest::newRow("tiny window price") << QByteArray("{\"stock\": \"a.us\", \"prices\": [1e-300, 1], \"date\": \"2017-01-05\"}")
                                       << "price is out of range (1e-30 to 1e30)";
    QTest::newRow("bad window price") << QByteArray("{\"stock\": \"a.us\", \"prices\": [1, 0], \"date\": \"2017-01-05\"}")
                                      << "price is not a positive finite number";
    QTest::newRow("window too long") << ("{\"stock\": \"a.us\", \"prices\": [" + QByteArray("1, ").repeated(64)
                                         + "1], \"date\": \"2017-01-05\"}")
                                     << "invalid JSON value";
    QTest::newRow("bad date") << QByteArray("{\"stock\": \"a.us\", \"price\": 1, \"date\": \"yesterday\"}") << "bad date";
}

void TestLiveSession::badLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    Listening live;
    // The bad line sits between good ticks: both are kept, it alone is refused.
    live.feed(tick("a.us", date(2), 1) + line.toStdString() + "\n" + tick("a.us", date(3), 2));
    QVERIFY(live.done());
    QCOMPARE(live.session->records(), std::size_t(2));
    QCOMPARE(live.session->rejected(), std::size_t(1));
    const FileReport& file = live.session->report().notable.at(0);
    QCOMPARE(file.firstBadLine, std::size_t(2));
    QCOMPARE(QString::fromStdString(file.firstBadReason), reason);
}

void TestLiveSession::peerHangsUpMidLine()
{
    Listening live;
    const std::string whole = tick("a.us", date(2), 1) + tick("a.us", date(3), 2);
    live.feed(whole + tick("a.us", date(4), 3).substr(0, 30));
    QVERIFY(live.done());
    QCOMPARE(live.session->records(), std::size_t(2));
    QCOMPARE(live.session->rejected(), std::size_t(1));
    QCOMPARE(live.session->report().notable.at(0).firstBadLine, std::size_t(3));
}

void TestLiveSession::silentPeerIsDroppedAfterIdleTimeout()
{
    LiveSourceOptions options;
    options.reconnect = true;
    options.idleTimeout = std::chrono::milliseconds(100);
    Listening live(options);
    const int silent = loopback::dial(live.port);
    QVERIFY(silent >= 0);
    // The next peer is served once the silent one is dropped.
    live.feed(tick("a.us", date(2), 1) + tick("a.us", date(3), 2));
    QTRY_COMPARE_WITH_TIMEOUT(live.session->records(), std::size_t(2), kPatienceMs);
    live.session->stop();
    QVERIFY(live.done());
    ::close(silent);
    QVERIFY(!live.session->complete());
    QCOMPARE(live.sink.finished, 0);
    QVERIFY(live.session->source().idleDrops() >= 1);
    QVERIFY(live.session->source().connections() >= 2);
    QCOMPARE(live.session->rejected(), std::size_t(0));
}

void TestLiveSession::stopEndsAWaitForPeers()
{
    Listening live;
    QVERIFY(!live.session->waitUntilDone(std::chrono::milliseconds(50)));
    live.session->stop();
    QVERIFY(live.done());
    QCOMPARE(live.sink.finished, 0);
    QCOMPARE(live.session->records(), std::size_t(0));
    QCOMPARE(live.session->source().connections(), std::size_t(0));
}

void TestLiveSession::dialsWithBackOffUntilTheProducerIsUp()
{
    const quint16 port = loopback::freePort();
    Dialling live(port, false);
    // The producer comes up later; the session keeps dialling meanwhile.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    QCOMPARE(live.session->source().connections(), std::size_t(0));
    const int server = loopback::listenOn(port);
    const int peer = ::accept(server, nullptr, nullptr);
    QVERIFY(peer >= 0);
    QVERIFY(loopback::sendAll(peer, tick("a.us", date(2), 1) + tick("a.us", date(3), 2)));
    ::close(peer);
    ::close(server);
    QVERIFY(live.done());
    QVERIFY(live.session->complete());
    QCOMPARE(live.session->records(), std::size_t(2));
    QCOMPARE(live.session->source().connections(), std::size_t(1));
    QVERIFY(live.session->source().error().empty());
}

void TestLiveSession::reconnectSkipsWhatARestartedProducerRepeats()
{
    quint16 port = 0;
    const int server = loopback::listenOn(0, &port);
    Dialling live(port, true);
    std::string feed;
    for (int d = 2; d < 8; ++d)
        feed += tick("a.us", date(d), d);
    // The first run of the producer dies after three ticks; its restart
    // sends everything again from the start.
    const int first = ::accept(server, nullptr, nullptr);
    QVERIFY(loopback::sendAll(first, feed.substr(0, feed.size() / 2)));
    ::close(first);
    const int second = ::accept(server, nullptr, nullptr);
    QVERIFY(loopback::sendAll(second, feed));
    ::close(second);
    QTRY_COMPARE_WITH_TIMEOUT(live.session->records() + live.session->rejected(), std::size_t(9), kPatienceMs);
    live.session->stop();
    QVERIFY(live.done());
    ::close(server);
    // No tick lost, none scored twice.
    QCOMPARE(live.session->records(), std::size_t(6));
    QCOMPARE(live.session->outOfOrder(), std::size_t(3));
    QCOMPARE(live.sink.calls.size(), std::size_t(4));
    // It dialled again after each hang-up (the last dial may reach the
    // listener's backlog before the stop).
    QVERIFY(live.session->report().files >= 2);
}

void TestLiveSession::giveUpDialling()
{
    LiveSourceOptions options;
    options.mode = LiveSourceOptions::Mode::Connect;
    options.port = loopback::freePort();
    options.retryFor = std::chrono::milliseconds(200);
    std::string error;
    LiveSession session(LiveSource::create(options, &error), model());
    session.start();
    QVERIFY(session.waitUntilDone(std::chrono::milliseconds(kPatienceMs)));
    QVERIFY(!session.complete());
    QVERIFY(session.source().error().find("cannot connect") != std::string::npos);
}

namespace {

// A session streaming the file `name` in a fresh folder, holding `bytes`; run to its end.
struct Streamed {
    Streamed(const QString& name, const QByteArray& bytes)
    {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(file.fileName()));
        file.close();
        LiveSourceOptions options;
        options.mode = LiveSourceOptions::Mode::File;
        options.path = file.fileName().toStdString();
        std::string error;
        session = std::make_unique<LiveSession>(LiveSource::create(options, &error), model());
        session->addSink(&sink);
        session->start();
        finished = session->waitUntilDone(std::chrono::milliseconds(kPatienceMs));
    }

    QTemporaryDir dir;
    Collector sink;
    std::unique_ptr<LiveSession> session;
    bool finished = false;
};

} // namespace

// A ticker file's rows are its stock's, named as a loaded file's; its
// header is skipped and its line endings may be CRLF.
void TestLiveSession::fileOfTickerRows()
{
    const Streamed live(QStringLiteral("x.us.txt"), "Date,Open,High,Low,Close,Volume,OpenInt\r\n"
                                                     "2017-01-02,1,1,1,10,100,0\r\n"
                                                     "2017-01-03,1,1,1,11,100,0\r\n"
                                                     "2017-01-04,1,1,1,12,100,0\r\n"
                                                     "2017-01-05,1,1,1,oops,100,0\r\n"
                                                     "2017-01-06,1,1,1,11,100,0\r\n");
    QVERIFY(live.finished);
    QVERIFY(live.session->complete());
    QCOMPARE(live.session->records(), std::size_t(4));
    QCOMPARE(live.session->stocks()->size(), std::size_t(1));
    QCOMPARE(live.session->stocks()->name(0), std::string("x.us"));
    QCOMPARE(live.sink.calls.size(), std::size_t(2));
    QCOMPARE(live.sink.calls.front().time, day(4));
    QCOMPARE(live.sink.calls.front().window, (std::vector<double>{10, 11, 12}));
    QCOMPARE(live.sink.resolutions.size(), std::size_t(1));
    QCOMPARE(live.sink.resolutions.front().actualUp, false);  // 12 -> 11
    const LoadReport& report = live.session->report();
    QCOMPARE(report.files, std::size_t(1));
    QCOMPARE(report.rejected, std::size_t(1));
    QCOMPARE(report.notable.at(0).file, live.session->source().describe());
    QCOMPARE(report.notable.at(0).firstBadLine, std::size_t(5));
}

// Its first line says a file is not prices: nothing of it is read, and the
// report says why, as when it is loaded.
void TestLiveSession::fileThatIsNotPricesIsRefused()
{
    const Streamed live(QStringLiteral("notes.txt"), QByteArray("dear diary\n") + tick("a.us", date(2), 1).c_str());
    QVERIFY(live.finished);
    QCOMPARE(live.session->records(), std::size_t(0));
    QCOMPARE(live.sink.calls.size(), std::size_t(0));
    const LoadReport& report = live.session->report();
    QCOMPARE(report.unreadableFiles, std::size_t(1));
    QCOMPARE(QString::fromStdString(report.notable.at(0).error),
             QStringLiteral("first line is neither a header with Date and Close columns nor a price row"));
}

// Found by fuzz_livefeed: closes of 1e300 beside 1e-300 made a relative
// window's features infinite on both sides and its p_up NaN, counted as a
// down call. Such closes are refused; the calls on either side are sound.
void TestLiveSession::pricesBeyondAnyStockAreRefused()
{
    QByteArray rows = "Date,Open,High,Low,Close,Volume,OpenInt,Stock\n";
    const char* closes[] = {"10", "1e300", "11", "1e-300", "12", "13", "2e30", "12"};
    for (int d = 0; d < 8; ++d)
        rows += QStringLiteral("2017-01-%1,1,1,1,%2,1,0,big.us\n").arg(d + 2, 2, 10, QLatin1Char('0')).arg(closes[d]).toLatin1();
    const Streamed live(QStringLiteral("data.csv"), rows);
    QVERIFY(live.finished);
    QCOMPARE(live.session->records(), std::size_t(5));
    QCOMPARE(live.session->rejected(), std::size_t(3));
    QCOMPARE(QString::fromStdString(live.session->report().notable.at(0).firstBadReason),
             QStringLiteral("price is out of range (1e-30 to 1e30)"));
    // W = 3 over 10, 11, 12, 13, 12: three calls, each on a proper window.
    QCOMPARE(live.sink.calls.size(), std::size_t(3));
    QCOMPARE(live.sink.calls.front().window, (std::vector<double>{10, 11, 12}));
    for (const Collector::Call& call : live.sink.calls)
        QVERIFY2(call.pUp >= 0 && call.pUp <= 1, qPrintable(QString::number(call.pUp)));
}

void TestLiveSession::pathsThatCannotBeStreamed_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing") << QStringLiteral("/nonexistent/ibm.us.txt") << "No such file or directory";
    QTest::newRow("folder") << QStringLiteral(STOCKSTREAM_SAMPLE_DIR) << "it is a folder";
}

void TestLiveSession::pathsThatCannotBeStreamed()
{
    QFETCH(QString, path);
    QFETCH(QString, reason);
    LiveSourceOptions options;
    options.mode = LiveSourceOptions::Mode::File;
    options.path = path.toStdString();
    std::string error;
    QVERIFY(!LiveSource::create(options, &error));
    QVERIFY2(QString::fromStdString(error).contains(path), error.c_str());
    QVERIFY2(QString::fromStdString(error).contains(reason), error.c_str());
}

void TestLiveSession::hostPortParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("port") << "9000" << true << "127.0.0.1" << 9000;
    QTest::newRow("host and port") << "0.0.0.0:9000" << true << "0.0.0.0" << 9000;
    QTest::newRow("ipv6") << "[::1]:80" << true << "::1" << 80;
    QTest::newRow("free port") << "0" << true << "127.0.0.1" << 0;
    QTest::newRow("too large") << "65536" << false << "" << 0;
    QTest::newRow("not a number") << "localhost:http" << false << "" << 0;
    QTest::newRow("empty host") << ":9000" << false << "" << 0;
    QTest::newRow("empty") << "" << false << "" << 0;
}

void TestLiveSession::hostPortParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const auto parsed = parseHostPort(text.toStdString(), "127.0.0.1");
    QCOMPARE(parsed.has_value(), valid);
    if (!valid)
        return;
    QFETCH(QString, host);
    QFETCH(int, port);
    QCOMPARE(QString::fromStdString(parsed->first), host);
    QCOMPARE(int(parsed->second), port);
}

QTEST_MAIN(TestLiveSession)
#include "tst_livesession.moc"
