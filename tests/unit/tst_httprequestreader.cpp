// The API's request reader: what it takes, what it refuses and with which
// status, the same however the bytes are split, and never more than its limits.
#include "api/HttpRequestReader.h"

#include <QTest>

using ss::api::HttpRequestReader;
using ss::api::HttpStatus;
using State = HttpRequestReader::State;

Q_DECLARE_METATYPE(HttpRequestReader::State)

class TestHttpRequestReader : public QObject {
    Q_OBJECT

private slots:
    void readsOrRefuses_data();
    void readsOrRefuses();
    void keepsNoMoreThanTheLimits();
};

void TestHttpRequestReader::readsOrRefuses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<State>("state");
    QTest::addColumn<int>("status");  // of a refusal
    QTest::addColumn<bool>("headRead");
    QTest::addColumn<QByteArray>("body");

    const QByteArray get = "GET /runs?run=2 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n";
    QTest::newRow("GET, no body") << get << State::Complete << 0 << true << QByteArray();
    QTest::newRow("POST with its body")
        << QByteArray("POST /replays HTTP/1.1\r\nContent-Length: 4\r\n\r\n{}{}") << State::Complete << 0 << true
        << QByteArray("{}{}");
    QTest::newRow("bytes after the request are not kept")
        << QByteArray("POST /replays HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}GET /runs HTTP/1.1\r\n\r\n")
        << State::Complete << 0 << true << QByteArray("{}");
    QTest::newRow("body still coming") << QByteArray("POST /replays HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}")
                                       << State::Body << 0 << true << QByteArray("{}");
    QTest::newRow("head still coming") << QByteArray("GET /runs HTTP/1.1\r\nHost: x\r\n") << State::Head << 0
                                       << false << QByteArray();
    QTest::newRow("2 GiB body") << QByteArray("POST /replays HTTP/1.1\r\nContent-Length: 2147483648\r\n\r\n")
                                << State::Refused << int(HttpStatus::ContentTooLarge) << true << QByteArray();
    QTest::newRow("one byte over the body limit")
        << QByteArray("POST /replays HTTP/1.1\r\nContent-Length: 65537\r\n\r\n") << State::Refused
        << int(HttpStatus::ContentTooLarge) << true << QByteArray();
    QTest::newRow("Content-Length beyond 64 bits")
        << QByteArray("POST /replays HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n") << State::Refused
        << int(HttpStatus::BadRequest) << true << QByteArray();
    QTest::newRow("negative Content-Length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")
                                             << State::Refused << int(HttpStatus::BadRequest) << true << QByteArray();
    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
                             << State::Refused << int(HttpStatus::LengthRequired) << true << QByteArray();
    QTest::newRow("head over 16 KiB") << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(20000, 'a') + "\r\n\r\n")
                                      << State::Refused << int(HttpStatus::HeaderFieldsTooLarge) << false
                                      << QByteArray();
    QTest::newRow("not HTTP") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15) << State::Refused
                              << int(HttpStatus::BadRequest) << false << QByteArray();
    QTest::newRow("absolute URL") << QByteArray("GET http://x/runs HTTP/1.1\r\n\r\n") << State::Refused
                                  << int(HttpStatus::BadRequest) << false << QByteArray();
    QTest::newRow("target that reads as host and path") << QByteArray("GET //runs/x HTTP/1.1\r\n\r\n") << State::Refused
                                                        << int(HttpStatus::BadRequest) << false << QByteArray();
    QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << State::Refused
                                    << int(HttpStatus::BadRequest) << false << QByteArray();
    QTest::newRow("header without a colon") << QByteArray("GET / HTTP/1.1\r\nHost x\r\n\r\n") << State::Refused
                                            << int(HttpStatus::BadRequest) << false << QByteArray();
    QTest::newRow("control byte in a header") << QByteArray("GET / HTTP/1.1\r\nX: a\x01" "b\r\n\r\n")
                                              << State::Refused << int(HttpStatus::BadRequest) << false
                                              << QByteArray();
    QTest::newRow("space in the method") << QByteArray("G ET / HTTP/1.1\r\n\r\n") << State::Refused
                                         << int(HttpStatus::BadRequest) << false << QByteArray();
}

void TestHttpRequestReader::readsOrRefuses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(State, state);
    QFETCH(int, status);
    QFETCH(bool, headRead);
    QFETCH(QByteArray, body);
    // Whole, then byte by byte: a connection's bytes come split anywhere.
    for (const qsizetype step : {bytes.size(), qsizetype(1)}) {
        HttpRequestReader reader;
        for (qsizetype at = 0; at < bytes.size(); at += step)
            reader.feed(QByteArrayView(bytes).sliced(at, std::min(step, bytes.size() - at)));
        QCOMPARE(reader.state(), state);
        QCOMPARE(reader.headRead(), headRead);
        if (state == State::Refused)
            QCOMPARE(reader.refusal().status, status);
        if (headRead)
            QCOMPARE(reader.request().body, body);
    }
}

void TestHttpRequestReader::keepsNoMoreThanTheLimits()
{
    HttpRequestReader reader;
    QCOMPARE(reader.feed("GET /stocks/ibm.us/predictions?limit=3 HTTP/1.1\r\nauthorization:  Bearer abc \r\n"),
             State::Head);
    QCOMPARE(reader.feed("\r\n"), State::Complete);
    QCOMPARE(reader.request().method, QByteArray("GET"));
    QCOMPARE(reader.request().url.path(), QStringLiteral("/stocks/ibm.us/predictions"));
    QCOMPARE(reader.request().url.query(), QStringLiteral("limit=3"));
    QCOMPARE(reader.request().header("Authorization"), QByteArray("Bearer abc"));

    // An endless head is cut at the limit, however it is fed.
    HttpRequestReader endless;
    endless.feed("GET / HTTP/1.1\r\n");
    const QByteArray junk(4096, 'x');
    for (int i = 0; i < 1000 && endless.state() == State::Head; ++i)
        endless.feed(junk);
    QCOMPARE(endless.state(), State::Refused);
}

QTEST_MAIN(TestHttpRequestReader)
#include "tst_httprequestreader.moc"
