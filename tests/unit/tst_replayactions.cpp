// The replay's moves back and across, as a user makes them: the actions
// follow the session's capabilities; in the window on the built-in sample,
// Left and Shift+Left step back, Ctrl+G's dialog goes to a date, the
// chart's "Replay from here" starts the replay at a date and a click on the
// timeline seeks.
#include "Patience.h"
#include "ReplayIdle.h"
#include "app/MainWindow.h"
#include "app/charts/StockChartPanel.h"
#include "app/dialogs/DateDialog.h"
#include "app/session/ReplayActions.h"
#include "app/session/ReplayTimeline.h"
#include "core/live/LiveSession.h"
#include "core/stream/ReplayEngine.h"

#include <QAction>
#include <QApplication>
#include <QDateEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

namespace {

std::shared_ptr<const LogisticModel> model()
{
    return std::make_shared<const LogisticModel>(5, FeatureTransform::Relative, std::vector<double>{3, -2, 1, -4},
                                                 0.01);
}

// The first timestamp of the data at or after `time`.
Timestamp firstFrom(const MarketData& data, Timestamp time)
{
    Timestamp first = std::numeric_limits<Timestamp>::max();
    for (const StockSeries& s : data.stocks()) {
        const auto it = std::lower_bound(s.times.begin(), s.times.end(), time);
        if (it != s.times.end())
            first = std::min(first, *it);
    }
    return first;
}

std::size_t recordsBefore(const MarketData& data, Timestamp time)
{
    std::size_t n = 0;
    for (const auto& s : data.stocks())
        n += static_cast<std::size_t>(std::lower_bound(s.times.begin(), s.times.end(), time) - s.times.begin());
    return n;
}

QDate dateOf(Timestamp time)
{
    return QDateTime::fromSecsSinceEpoch(time, Qt::UTC).date();
}

} // namespace

class TestReplayActions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void enabledByCapability();
    void leftStepsBack();
    void ctrlGDialogGoesToTheDate();
    void replayFromHereStartsThere();
    void timelineShowsDatesAndSeeksOnClick();

private:
    QTemporaryDir scratch_;
    std::unique_ptr<MainWindow> window_;
};

void TestReplayActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StockStreamTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_replayactions"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch_.path());
    QSettings().clear();
    QSettings().setValue("log/enabled", false);
    window_ = std::make_unique<MainWindow>();
    window_->resize(1366, 768);
    window_->show();
    QSignalSpy loaded(window_.get(), &MainWindow::dataLoaded);
    window_->openInitial(QString());
    QVERIFY(loaded.wait(kPatienceMs));
}

// The keys go to the window the system has active; a dialog of a test
// before may have had it.
void TestReplayActions::init()
{
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    QTRY_VERIFY(QApplication::focusWidget());
}

// A replay has every move; a live feed none of them, nor has no session.
void TestReplayActions::enabledByCapability()
{
    QWidget window;
    ReplayActions actions(&window);
    auto enabled = [&] {
        int n = 0;
        for (QAction* action : actions.actions())
            n += action->isEnabled();
        return n;
    };
    QCOMPARE(enabled(), 0);

    std::vector<StockSeries> series(1);
    series[0].name = "a.us";
    series[0].times = {timestamp::fromCivil(2000, 1, 3), timestamp::fromCivil(2000, 1, 4)};
    series[0].closes = {1, 2};
    ReplayEngine engine(std::make_shared<const MarketData>(std::move(series)), model());
    actions.setSession(&engine);
    QCOMPARE(enabled(), 4);

    LiveSourceOptions options;
    options.mode = LiveSourceOptions::Mode::Listen;
    std::string error;
    auto source = LiveSource::create(options, &error);
    QVERIFY2(source, error.c_str());
    LiveSession live(std::move(source), model());
    QVERIFY(!live.capabilities().stepBack);
    actions.setSession(&live);
    QCOMPARE(enabled(), 0);
    actions.setSession(nullptr);
    QCOMPARE(enabled(), 0);
}

// Left undoes a record and Shift+Left a date, wherever the keyboard is in
// the window (but a text field).
void TestReplayActions::leftStepsBack()
{
    ReplayEngine* engine = window_->engine();
    engine->restart();
    engine->step(40);
    QTRY_COMPARE_WITH_TIMEOUT(engine->progress().processed, std::size_t(40), kPatienceMs);
    QWidget* focus = QApplication::focusWidget();
    QVERIFY(focus);
    QTest::keyClick(focus, Qt::Key_Left);
    QTRY_COMPARE_WITH_TIMEOUT(engine->progress().processed, std::size_t(39), kPatienceMs);
    QCOMPARE(engine->state(), ReplayState::Paused);

    const Timestamp latest = engine->progress().time;
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left, Qt::ShiftModifier);
    const std::size_t dayStart = recordsBefore(*engine->data(), latest);
    QTRY_COMPARE_WITH_TIMEOUT(engine->progress().processed, dayStart, kPatienceMs);
    QVERIFY(engine->progress().time < latest);
}

void TestReplayActions::ctrlGDialogGoesToTheDate()
{
    ReplayEngine* engine = window_->engine();
    const MarketData& data = *engine->data();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_G, Qt::ControlModifier);
    DateDialog* dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = window_->findChild<DateDialog*>()) && dialog->isVisible(), kPatienceMs);
    auto* edit = dialog->findChild<QDateEdit*>();
    QVERIFY(edit);
    QVERIFY(edit->calendarPopup());
    QCOMPARE(edit->minimumDate(), dateOf(data.firstTime()));
    QCOMPARE(edit->maximumDate(), dateOf(data.lastTime()));

    // A weekend date: the replay lands on the next trading day, its records in.
    QDate asked = dateOf(data.firstTime() + (data.lastTime() - data.firstTime()) / 2);
    while (asked.dayOfWeek() != 6)
        asked = asked.addDays(1);
    edit->setDate(asked);
    dialog->accept();
    const Timestamp landing = firstFrom(data, timestamp::fromCivil(asked.year(), asked.month(), asked.day()));
    QVERIFY(dateOf(landing) > asked);
    QTRY_COMPARE_WITH_TIMEOUT(engine->progress().time, landing, kPatienceMs);
    QVERIFY(replayIdle(*engine));
    QCOMPARE(engine->progress().processed, recordsBefore(data, landing + 1));
    QCOMPARE(engine->state(), ReplayState::Paused);
}

void TestReplayActions::replayFromHereStartsThere()
{
    ReplayEngine* engine = window_->engine();
    const MarketData& data = *engine->data();
    const Timestamp start = timestamp::fromCivil(2000, 1, 1);
    QVERIFY(data.firstTime() < start && start < data.lastTime());
    emit window_->stockCharts()->replayFromRequested(start);
    QTRY_COMPARE_WITH_TIMEOUT(engine->progress().processed, recordsBefore(data, start), kPatienceMs);
    QVERIFY(replayIdle(*engine));
    QCOMPARE(engine->state(), ReplayState::Ready);
    QCOMPARE(engine->snapshot().overall.windows, std::uint64_t(0));

    // The first day on is called at once: the windows were filled before.
    engine->stepTimestamp();
    QTRY_COMPARE_WITH_TIMEOUT(engine->progress().time, firstFrom(data, start), kPatienceMs);
    QVERIFY(engine->snapshot().overall.windows > 0);
    // Stepping back stops at the start.
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left, Qt::ShiftModifier);
    QTRY_COMPARE_WITH_TIMEOUT(engine->progress().processed, recordsBefore(data, start), kPatienceMs);
    QVERIFY(replayIdle(*engine));
    QCOMPARE(engine->snapshot().overall.windows, std::uint64_t(0));
    engine->replayFrom(data.firstTime());
    QTRY_COMPARE_WITH_TIMEOUT(engine->progress().processed, std::size_t(0), kPatienceMs);
}

void TestReplayActions::timelineShowsDatesAndSeeksOnClick()
{
    auto* timeline = window_->findChild<ReplayTimeline*>();
    QVERIFY(timeline);
    QTRY_VERIFY(timeline->isVisible() && timeline->width() > 100);
    const auto ticks = timeline->ticks();
    QVERIFY(ticks.size() >= 2);
    for (const auto& tick : ticks) {
        QVERIFY(tick.value >= timeline->minimum() && tick.value <= timeline->maximum());
        QVERIFY(!tick.label.isEmpty());
    }

    ReplayEngine* engine = window_->engine();
    const MarketData& data = *engine->data();
    const int x = timeline->width() * 3 / 4;
    const int value = timeline->valueAt(x);
    QTest::mouseClick(timeline, Qt::LeftButton, {}, QPoint(x, (timeline->height() - timeline->fontMetrics().height()) / 2));
    const Timestamp time = data.firstTime()
                         + (data.lastTime() - data.firstTime()) * value / (timeline->maximum() - timeline->minimum());
    QTRY_COMPARE_WITH_TIMEOUT(engine->progress().processed, recordsBefore(data, time), kPatienceMs);
}

QTEST_MAIN(TestReplayActions)
#include "tst_replayactions.moc"
