#include "core/data/DecimalParser.h"

#include <QRandomGenerator>
#include <QTest>

#include <cstdlib>

using namespace ss;

class TestDecimalParser : public QObject {
    Q_OBJECT
private slots:
    void accepts_data();
    void accepts();
    void refuses_data();
    void refuses();
    void matchesStrtodOnRandomDecimals();
    void fieldStopsAtDelimiter();
    void skipAcceptsWhatParseAccepts_data();
    void skipAcceptsWhatParseAccepts();
    void skipMatchesParseOnRandomFields();
};

void TestDecimalParser::accepts_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("price") << "6.3378";
    QTest::newRow("integer") << "467056";
    QTest::newRow("tiny") << "0.0001";
    QTest::newRow("huge close") << "1400000000";
    QTest::newRow("negative") << "-12.5";
    QTest::newRow("exponent") << "1.5e-3";
    QTest::newRow("twenty digits") << "12345678901234567890.5";
    QTest::newRow("many decimals") << "0.1234567890123456789012345";
    QTest::newRow("trailing dot") << "5.";
}

void TestDecimalParser::accepts()
{
    QFETCH(QString, text);
    const std::string s = text.toStdString();
    double value = 0;
    QVERIFY(parseDecimal(s, value));
    QCOMPARE(value, std::strtod(s.c_str(), nullptr));
}

void TestDecimalParser::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("minus only") << "-";
    QTest::newRow("letters") << "abc";
    QTest::newRow("inf") << "inf";
    QTest::newRow("nan") << "nan";
    QTest::newRow("overflow") << "1e999";
    QTest::newRow("plus sign") << "+1";
    QTest::newRow("two dots") << "1.2.3";
    QTest::newRow("trailing junk") << "12x";
    QTest::newRow("inner space") << "1 2";
    QTest::newRow("comma decimal") << "1,5";
}

void TestDecimalParser::refuses()
{
    QFETCH(QString, text);
    double value = 0;
    QVERIFY(!parseDecimal(text.toStdString(), value));
}

// The fast path must round exactly as the C library does.
void TestDecimalParser::matchesStrtodOnRandomDecimals()
{
    QRandomGenerator rng(20171110);
    for (int i = 0; i < 200000; ++i) {
        const int intDigits = rng.bounded(1, 12);
        const int fracDigits = rng.bounded(0, 10);
        std::string s;
        for (int d = 0; d < intDigits; ++d)
            s.push_back(static_cast<char>('0' + rng.bounded(10)));
        if (fracDigits > 0) {
            s.push_back('.');
            for (int d = 0; d < fracDigits; ++d)
                s.push_back(static_cast<char>('0' + rng.bounded(10)));
        }
        double value = 0;
        QVERIFY2(parseDecimal(s, value), s.c_str());
        if (value != std::strtod(s.c_str(), nullptr))
            QFAIL(qPrintable(QStringLiteral("%1 parsed as %2").arg(QString::fromStdString(s)).arg(value, 0, 'g', 17)));
    }
}

void TestDecimalParser::fieldStopsAtDelimiter()
{
    const std::string line = "6.413,1e2,x";
    const char* end = line.data() + line.size();
    double value = 0;
    const char* stop = parseDecimalField(line.data(), end, ',', value);
    QVERIFY(stop && *stop == ',');
    QCOMPARE(value, 6.413);
    stop = parseDecimalField(stop + 1, end, ',', value);
    QVERIFY(stop && *stop == ',');
    QCOMPARE(value, 100.0);
    QVERIFY(!parseDecimalField(stop + 1, end, ',', value));
}

void TestDecimalParser::skipAcceptsWhatParseAccepts_data()
{
    accepts_data();
    QTest::newRow("empty") << "";
    QTest::newRow("minus only") << "-";
    QTest::newRow("dot only") << ".";
    QTest::newRow("minus dot") << "-.";
    QTest::newRow("leading dot") << ".5";
    QTest::newRow("minus leading dot") << "-.5";
    QTest::newRow("nineteen digits") << "1234567890.123456789";
    QTest::newRow("twenty digits, no dot") << "12345678901234567890";
    QTest::newRow("310 digits") << QString(310, '9');
    QTest::newRow("overflow") << "1e999";
    QTest::newRow("plus sign") << "+1";
    QTest::newRow("two dots") << "1.2.3";
    QTest::newRow("trailing junk") << "12x";
    QTest::newRow("inner space") << "1 2";
    QTest::newRow("leading space") << " 1";
    QTest::newRow("letters") << "abc";
    QTest::newRow("inf") << "inf";
    QTest::newRow("nan") << "nan";
}

// A column whose value is not kept must still refuse what a kept one
// refuses, and end where it ends.
void TestDecimalParser::skipAcceptsWhatParseAccepts()
{
    QFETCH(QString, text);
    for (const std::string& field : {text.toStdString(), text.toStdString() + ",7"}) {
        const char* end = field.data() + field.size();
        double value = 0;
        QCOMPARE(skipDecimalField(field.data(), end, ','), parseDecimalField(field.data(), end, ',', value));
    }
}

// Fields of every length, in lines long enough for the wide scan and
// short ones, of the bytes numbers are made of and a few others.
void TestDecimalParser::skipMatchesParseOnRandomFields()
{
    QRandomGenerator rng(20261208);
    constexpr char kAlphabet[] = "0123456789..--,,e+ x";
    for (int i = 0; i < 300000; ++i) {
        std::string line(rng.bounded(0, 40), ' ');
        for (char& c : line)
            c = rng.bounded(4) == 0 ? kAlphabet[rng.bounded(static_cast<int>(sizeof kAlphabet - 1))]
                                    : static_cast<char>('0' + rng.bounded(10));
        const char* end = line.data() + line.size();
        double value = 0;
        if (skipDecimalField(line.data(), end, ',') != parseDecimalField(line.data(), end, ',', value))
            QFAIL(line.c_str());
    }
}

QTEST_MAIN(TestDecimalParser)
#include "tst_decimalparser.moc"
