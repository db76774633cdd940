// Replay ▸ Online Learning…: the form gives back what it was given, refuses
// options out of range with the reason, and the window remembers the
// options from one session to the next.
#include "OnlineSampleWindow.h"
#include "app/dialogs/OnlineLearningDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>

using namespace ss;

Q_DECLARE_METATYPE(ss::OnlineOptions)

namespace {

bool sameOptions(const OnlineOptions& a, const OnlineOptions& b)
{
    return a.batchRecords == b.batchRecords && a.clustering.k == b.clustering.k
        && a.clustering.decay == b.clustering.decay && a.clustering.halfLife == b.clustering.halfLife
        && a.regression.method == b.regression.method && a.scorer.enabled == b.scorer.enabled
        && a.scorer.start == b.scorer.start && a.scorer.update == b.scorer.update && a.scorer.scope == b.scorer.scope;
}

OnlineOptions everythingChanged()
{
    OnlineOptions o;
    o.batchRecords = 500;
    o.clustering.k = 7;
    o.clustering.decay = 0.5;
    o.clustering.halfLife = 12.5;
    o.regression.method = RegressionMethod::Rls;
    o.scorer.enabled = true;
    o.scorer.start = OnlineStart::Zero;
    o.scorer.update = OnlineUpdate::Sgd;
    o.scorer.scope = OnlineScope::PerStock;
    return o;
}

} // namespace

class TestOnlineLearningDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void givesBackWhatItWasGiven_data();
    void givesBackWhatItWasGiven();
    void refusesOptionsOutOfRange_data();
    void refusesOptionsOutOfRange();
    void settingsRoundTrip_data();
    void settingsRoundTrip();
    void badSettingsTurnItOff_data();
    void badSettingsTurnItOff();
    void theWindowRemembersAndApplies();

private:
    QTemporaryDir settings_;
};

void TestOnlineLearningDialog::initTestCase()
{
    QVERIFY(settings_.isValid());
    test::isolateSettings(settings_, QStringLiteral("tst_onlinelearningdialog"));
}

void TestOnlineLearningDialog::init()
{
    QSettings().clear();
    QSettings().setValue("log/enabled", false);
}

void TestOnlineLearningDialog::givesBackWhatItWasGiven_data()
{
    QTest::addColumn<OnlineOptions>("options");
    QTest::addRow("defaults") << OnlineOptions{};
    QTest::addRow("everything changed") << everythingChanged();
    OnlineOptions byDecay;
    byDecay.clustering.k = 3;
    byDecay.clustering.decay = 0.25;
    QTest::addRow("decay, each day") << byDecay;
}

void TestOnlineLearningDialog::givesBackWhatItWasGiven()
{
    QFETCH(OnlineOptions, options);
    OnlineLearningDialog dialog;
    dialog.setOptions(options);
    QVERIFY(sameOptions(dialog.options(), options));
    QVERIFY(dialog.problem().isEmpty());
}

void TestOnlineLearningDialog::refusesOptionsOutOfRange_data()
{
    QTest::addColumn<int>("clusters");
    QTest::addColumn<double>("halfLife");  // 0: no half-life
    QTest::addColumn<bool>("useHalfLife");
    QTest::addRow("too many clusters") << 1001 << 0.0 << false;
    QTest::addRow("far too many clusters") << 100000 << 0.0 << false;
    QTest::addRow("half-life of zero") << 3 << 0.0 << true;
}

void TestOnlineLearningDialog::refusesOptionsOutOfRange()
{
    QFETCH(int, clusters);
    QFETCH(double, halfLife);
    QFETCH(bool, useHalfLife);
    OnlineLearningDialog dialog;
    dialog.open();
    dialog.findChild<QSpinBox*>(QStringLiteral("clustersSpin"))->setValue(clusters);
    dialog.findChild<QCheckBox*>(QStringLiteral("halfLifeCheck"))->setChecked(useHalfLife);
    dialog.findChild<QDoubleSpinBox*>(QStringLiteral("halfLifeSpin"))->setValue(halfLife);

    // The reason is the options' own, worked out here apart from the form.
    OnlineOptions expected;
    expected.clustering.k = clusters;
    if (useHalfLife)
        expected.clustering.halfLife = halfLife;
    const std::optional<QString> why = expected.problem();
    QVERIFY(why);

    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    const auto* problem = dialog.findChild<QLabel*>(QStringLiteral("problemLabel"));
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(*why), qPrintable(problem->text()));

    // Put right, the same dialog takes it.
    dialog.findChild<QSpinBox*>(QStringLiteral("clustersSpin"))->setValue(3);
    dialog.findChild<QCheckBox*>(QStringLiteral("halfLifeCheck"))->setChecked(false);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.isVisible());
}

void TestOnlineLearningDialog::settingsRoundTrip_data()
{
    givesBackWhatItWasGiven_data();
}

void TestOnlineLearningDialog::settingsRoundTrip()
{
    QFETCH(OnlineOptions, options);
    {
        QSettings settings;
        OnlineLearningDialog::save(settings, options);
    }
    QVERIFY(sameOptions(OnlineLearningDialog::load(QSettings()), options));
}

void TestOnlineLearningDialog::badSettingsTurnItOff_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");
    QTest::addRow("clusters out of range") << "online/k" << QVariant(5000);
    QTest::addRow("negative clusters") << "online/k" << QVariant(-2);
    QTest::addRow("decay above 1") << "online/decay" << QVariant(1.5);
    QTest::addRow("decay not a number") << "online/decay" << QVariant(QStringLiteral("nan"));
    QTest::addRow("half-life negative") << "online/halfLife" << QVariant(-3.0);
    QTest::addRow("half-life not a number") << "online/halfLife" << QVariant(QStringLiteral("soon"));
}

void TestOnlineLearningDialog::badSettingsTurnItOff()
{
    QFETCH(QString, key);
    QFETCH(QVariant, value);
    {
        QSettings settings;
        OnlineLearningDialog::save(settings, everythingChanged());
        settings.setValue(key, value);
    }
    const OnlineOptions loaded = OnlineLearningDialog::load(QSettings());
    QVERIFY(!loaded.enabled());
    QVERIFY(sameOptions(loaded, OnlineOptions{}));
}

void TestOnlineLearningDialog::theWindowRemembersAndApplies()
{
    OnlineOptions options;
    options.clustering.k = 3;
    options.scorer.enabled = true;
    {
        auto window = test::sampleWindow();
        QVERIFY(window);
        QVERIFY(!onlineOf(window->engine()->snapshot()));
        auto* dialog = window->openOnlineLearningDialog();
        QVERIFY(sameOptions(dialog->options(), OnlineOptions{}));
        dialog->setOptions(options);
        dialog->accept();
        QVERIFY(sameOptions(window->onlineOptions(), options));
        // Applied to the data open now.
        const auto online = onlineOf(window->engine()->snapshot());
        QVERIFY(online);
        QCOMPARE(online->options.clustering.k, 3);
    }
    auto window = test::sampleWindow();
    QVERIFY(window);
    QVERIFY(sameOptions(window->onlineOptions(), options));
    QVERIFY(sameOptions(window->openOnlineLearningDialog()->options(), options));
    const auto online = onlineOf(window->engine()->snapshot());
    QVERIFY(online);
    QVERIFY(online->options.scorer.enabled);
}

QTEST_MAIN(TestOnlineLearningDialog)
#include "tst_onlinelearningdialog.moc"
