// The API's token: which texts are refused as tokens, and which
// Authorization header values present it.
#include "api/BearerToken.h"

#include <QTest>

using ss::api::BearerToken;

namespace {
const QByteArray kToken = "s3cret-token-0123456789";
}

class TestBearerToken : public QObject {
    Q_OBJECT

private slots:
    void refusesWeakOrUnsendableTokens_data();
    void refusesWeakOrUnsendableTokens();
    void admitsOnlyTheExactBearerToken_data();
    void admitsOnlyTheExactBearerToken();
};

void TestBearerToken::refusesWeakOrUnsendableTokens_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("one short of the minimum") << QByteArray(BearerToken::kMinimumLength - 1, 'x') << false;
    QTest::newRow("the minimum") << QByteArray(BearerToken::kMinimumLength, 'x') << true;
    QTest::newRow("inner space") << QByteArray("abcdefgh ijklmnopq") << false;
    QTest::newRow("tab") << QByteArray("abcdefgh\tijklmnopq") << false;
    QTest::newRow("newline") << QByteArray("abcdefghijklmnopq\n") << false;
    QTest::newRow("non-ASCII") << QByteArray("abcdefghijklmnop\xc3\xa9") << false;
    QTest::newRow("NUL") << QByteArray("abcdefgh\0ijklmnopq", 18) << false;
    QTest::newRow("punctuation") << QByteArray("a-b_c.d~e+f/g=h!i") << true;
}

void TestBearerToken::refusesWeakOrUnsendableTokens()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, accepted);
    QString error;
    const auto token = BearerToken::fromText(text, &error);
    QCOMPARE(token.has_value(), accepted);
    QCOMPARE(error.isEmpty(), accepted);
}

void TestBearerToken::admitsOnlyTheExactBearerToken_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<bool>("admitted");
    QTest::newRow("exact") << "Bearer " + kToken << true;
    QTest::newRow("no header") << QByteArray() << false;
    QTest::newRow("token without scheme") << kToken << false;
    QTest::newRow("basic scheme") << "Basic " + kToken << false;
    QTest::newRow("two spaces") << "Bearer  " + kToken << false;
    QTest::newRow("prefix") << "Bearer " + kToken.chopped(1) << false;
    QTest::newRow("longer") << "Bearer " + kToken + "x" << false;
    QTest::newRow("last character differs") << "Bearer " + kToken.chopped(1) + "8" << false;
    QTest::newRow("other case") << "Bearer " + kToken.toUpper() << false;
    QTest::newRow("scheme only") << QByteArray("Bearer ") << false;
}

void TestBearerToken::admitsOnlyTheExactBearerToken()
{
    QFETCH(QByteArray, authorization);
    QFETCH(bool, admitted);
    QString error;
    const auto token = BearerToken::fromText(kToken, &error);
    QVERIFY2(token, qPrintable(error));
    QCOMPARE(token->admits(authorization), admitted);
}

QTEST_MAIN(TestBearerToken)
#include "tst_bearertoken.moc"
