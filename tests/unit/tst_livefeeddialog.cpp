// File ▸ Connect to Live Feed…'s form: which settings it accepts, what it
// says beside a wrong field, and what a next session finds again.
#include "app/dialogs/LiveFeedDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

Q_DECLARE_METATYPE(ss::LiveFeedSettings::Kind)

class TestLiveFeedDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void acceptsOnlyWhatItCanUse_data();
    void acceptsOnlyWhatItCanUse();
    void remembersTheSettings();
    void badSavedSettingsFallBackToDefaults();

private:
    QTemporaryDir scratch_;
};

void TestLiveFeedDialog::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("StockStreamTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_livefeeddialog"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch_.path());
}

void TestLiveFeedDialog::acceptsOnlyWhatItCanUse_data()
{
    QTest::addColumn<LiveFeedSettings::Kind>("kind");
    QTest::addColumn<QString>("field");   // the line edit to type into
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem"); // the label that must say why, or empty when OK is allowed

    using K = LiveFeedSettings::Kind;
    QTest::newRow("dial host:port") << K::Connect << "connectEdit" << "127.0.0.1:9999" << "";
    QTest::newRow("dial a name") << K::Connect << "connectEdit" << "feeds.example.org:5000" << "";
    QTest::newRow("dial IPv6") << K::Connect << "connectEdit" << "[::1]:9999" << "";
    QTest::newRow("dial without host") << K::Connect << "connectEdit" << "9999" << "connectProblem";
    QTest::newRow("dial port 0") << K::Connect << "connectEdit" << "localhost:0" << "connectProblem";
    QTest::newRow("dial port too big") << K::Connect << "connectEdit" << "localhost:65536" << "connectProblem";
    QTest::newRow("dial nothing") << K::Connect << "connectEdit" << "  " << "connectProblem";
    QTest::newRow("dial garbage") << K::Connect << "connectEdit" << "tcp://x:y" << "connectProblem";
    QTest::newRow("listen port") << K::Listen << "listenEdit" << "9999" << "";
    QTest::newRow("listen any port") << K::Listen << "listenEdit" << "0" << "";
    QTest::newRow("listen host:port") << K::Listen << "listenEdit" << "0.0.0.0:9999" << "";
    QTest::newRow("listen word") << K::Listen << "listenEdit" << "port" << "listenProblem";
    QTest::newRow("brokers") << K::Kafka << "brokersEdit" << "k1:9092,k2:9092" << "";
    QTest::newRow("broker without port") << K::Kafka << "brokersEdit" << "k1" << "brokersProblem";
    QTest::newRow("no brokers") << K::Kafka << "brokersEdit" << "" << "brokersProblem";
    QTest::newRow("topic with slash") << K::Kafka << "topicEdit" << "a/b" << "topicProblem";
    QTest::newRow("topic test_agg") << K::Kafka << "topicEdit" << "test_agg" << "";
    QTest::newRow("no group") << K::Kafka << "groupEdit" << "" << "groupProblem";
    // A wrong field of another kind does not hold OK back.
    QTest::newRow("listen, bad dial address") << K::Listen << "connectEdit" << "nonsense" << "";
}

void TestLiveFeedDialog::acceptsOnlyWhatItCanUse()
{
    QFETCH(LiveFeedSettings::Kind, kind);
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, problem);

    LiveFeedDialog dialog;
    LiveFeedSettings s;
    s.kind = kind;
    dialog.setSettings(s);
    dialog.show();
    auto* edit = dialog.findChild<QLineEdit*>(field);
    QVERIFY(edit);
    edit->setText(text);
    QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QCOMPARE(ok->isEnabled(), problem.isEmpty());
    for (QLabel* label : dialog.findChildren<QLabel*>()) {
        if (!label->objectName().endsWith(QStringLiteral("Problem")))
            continue;
        const bool says = label->objectName() == problem;
        QCOMPARE(label->isVisible(), says);
        QCOMPARE(label->text().isEmpty(), !says);
    }
}

void TestLiveFeedDialog::remembersTheSettings()
{
    LiveFeedSettings s;
    s.kind = LiveFeedSettings::Kind::Kafka;
    s.connectTo = QStringLiteral("feed.example.org:7000");
    s.retrySeconds = 5;
    s.listenOn = QStringLiteral("7001");
    s.brokers = QStringLiteral("k1:9092,k2:9092");
    s.topic = QStringLiteral("test_agg");
    s.group = QStringLiteral("desk");
    s.properties = {QStringLiteral("security.protocol=SASL_SSL"), QStringLiteral("sasl.mechanism=PLAIN")};

    // Through the form and back, then through the settings and back.
    LiveFeedDialog dialog;
    dialog.setSettings(s);
    const LiveFeedSettings edited = dialog.settings();
    {
        QSettings settings;
        edited.save(settings);
    }
    const LiveFeedSettings loaded = LiveFeedSettings::load(QSettings());
    QVERIFY(edited == s);
    QVERIFY(loaded == s);
    QCOMPARE(loaded.describe(), QStringLiteral("kafka://k1:9092,k2:9092/test_agg"));

    // A property that is not KEY=VALUE is pointed out.
    dialog.findChild<QPlainTextEdit*>(QStringLiteral("propertiesEdit"))->setPlainText(QStringLiteral("=x\nok=1"));
    QVERIFY(!dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("propertiesProblem"))->text().contains(QStringLiteral("=x")));
}

void TestLiveFeedDialog::badSavedSettingsFallBackToDefaults()
{
    QSettings settings;
    settings.setValue("live/kind", 7);
    settings.setValue("live/retrySeconds", -4);
    const LiveFeedSettings loaded = LiveFeedSettings::load(settings);
    QCOMPARE(loaded.kind, LiveFeedSettings{}.kind);
    QCOMPARE(loaded.retrySeconds, 0);
}

QTEST_MAIN(TestLiveFeedDialog)
#include "tst_livefeeddialog.moc"
