#include "core/data/Timestamp.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace ss;

class TestTimestamp : public QObject {
    Q_OBJECT
private slots:
    void parsesValid_data();
    void parsesValid();
    void refusesInvalid_data();
    void refusesInvalid();
    void agreesWithQtOverManyDays();
    void formats();
};

void TestTimestamp::parsesValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");  // formatted back
    QTest::newRow("date") << "1962-01-02" << "1962-01-02";
    // The thesis's offsets describe the exporting machine: the written
    // calendar date and time are kept, never shifted to the day before.
    QTest::newRow("thesis offset") << "1962-01-02T00:00:00.000+01:00" << "1962-01-02";
    QTest::newRow("negative offset") << "1970-01-19T00:00:00-05:00" << "1970-01-19";
    QTest::newRow("zulu") << "2017-11-10T15:30:05Z" << "2017-11-10T15:30:05";
    QTest::newRow("space, no seconds") << "2017-11-10 09:30" << "2017-11-10T09:30:00";
    QTest::newRow("fraction truncated") << "2017-11-10T09:30:05.999" << "2017-11-10T09:30:05";
    QTest::newRow("compact offset") << "2000-02-29T23:59:59+0100" << "2000-02-29T23:59:59";
    QTest::newRow("leap day 1964") << "1964-02-29" << "1964-02-29";
}

void TestTimestamp::parsesValid()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto t = timestamp::parse(text.toStdString());
    QVERIFY(t.has_value());
    QCOMPARE(QString::fromStdString(timestamp::format(*t)), expected);
}

void TestTimestamp::refusesInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("short") << "1962-01";
    QTest::newRow("month 13") << "1962-13-01";
    QTest::newRow("day 0") << "1962-01-00";
    QTest::newRow("feb 29 1900") << "1900-02-29";
    QTest::newRow("feb 30") << "2000-02-30";
    QTest::newRow("letters") << "19x2-01-02";
    QTest::newRow("slashes") << "1962/01/02";
    QTest::newRow("hour 24") << "1962-01-02T24:00:00";
    QTest::newRow("minute 60") << "1962-01-02T10:60";
    QTest::newRow("bad zone") << "1962-01-02T10:00:00+1";
    QTest::newRow("trailing text") << "1962-01-02T10:00:00 UTC";
    QTest::newRow("empty fraction") << "1962-01-02T10:00:00.";
    QTest::newRow("date then junk") << "1962-01-02x";
}

void TestTimestamp::refusesInvalid()
{
    QFETCH(QString, text);
    QVERIFY(!timestamp::parse(text.toStdString()).has_value());
}

// Every day from 1900 to 2100 against Qt's own calendar arithmetic.
void TestTimestamp::agreesWithQtOverManyDays()
{
    const QDate first(1900, 1, 1);
    for (QDate d = first; d.year() < 2100; d = d.addDays(1)) {
        const std::string text = d.toString(Qt::ISODate).toStdString();
        const auto t = timestamp::parse(text);
        QVERIFY2(t.has_value(), text.c_str());
        const qint64 expected = QDateTime(d, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        QCOMPARE(*t, expected);
        QCOMPARE(timestamp::formatDate(*t), text);
    }
}

void TestTimestamp::formats()
{
    QCOMPARE(timestamp::format(timestamp::fromCivil(1962, 1, 2)), std::string("1962-01-02"));
    QCOMPARE(timestamp::format(timestamp::fromCivil(1962, 1, 2, 9, 5, 7)), std::string("1962-01-02T09:05:07"));
    QCOMPARE(timestamp::formatDate(timestamp::fromCivil(1962, 1, 2, 23, 59, 59)), std::string("1962-01-02"));
}

QTEST_MAIN(TestTimestamp)
#include "tst_timestamp.moc"
