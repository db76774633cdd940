#include "app/models/WatchlistModel.h"

#include "core/data/MarketData.h"

#include <QSignalSpy>
#include <QTest>

using namespace ss;

namespace {

std::shared_ptr<const MarketData> market(int stocks)
{
    std::vector<StockSeries> series;
    for (int s = 0; s < stocks; ++s)
        series.push_back({QStringLiteral("s%1.us").arg(s).toStdString(), {timestamp::fromCivil(2000, 1, 3)}, {1.0}});
    return std::make_shared<const MarketData>(std::move(series));
}

ReplaySnapshot emptySnapshot(int stocks)
{
    ReplaySnapshot s;
    s.stocks.resize(static_cast<std::size_t>(stocks));
    s.tallies.resize(static_cast<std::size_t>(stocks));
    return s;
}

void trade(ReplaySnapshot& s, std::size_t stock, double close, bool up, std::uint64_t resolved, std::uint64_t correct,
           std::uint64_t actualUp)
{
    StockStatus& st = s.stocks[stock];
    st.prevClose = st.lastClose;
    st.lastClose = close;
    st.lastTime = timestamp::fromCivil(2000, 1, 3) + static_cast<Timestamp>(st.records) * timestamp::kSecondsPerDay;
    ++st.records;
    st.hasCall = true;
    st.callUp = up;
    st.margin = up ? 0.4 : -0.4;
    Tally& t = s.tallies[stock];
    t.windows = resolved + 1;
    t.resolved = resolved;
    t.correct = correct;
    t.actualUp = actualUp;
}

} // namespace

class TestWatchlistModel : public QObject {
    Q_OBJECT

private slots:
    void announcesOnlyChangedRows();
    void showsTheFigures();
    void ignoresASnapshotOfOtherData();
    void growsWithALiveFeedsStocks();
};

void TestWatchlistModel::announcesOnlyChangedRows()
{
    WatchlistModel m;
    m.setStocks(*market(6));
    QCOMPARE(m.rowCount(), 6);
    ReplaySnapshot s = emptySnapshot(6);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);

    trade(s, 1, 2.0, true, 3, 2, 1);
    trade(s, 2, 2.0, true, 3, 2, 1);
    trade(s, 4, 2.0, false, 3, 2, 1);
    QCOMPARE(m.update(s), std::size_t{3});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 2);  // rows 1-2 as one range, then row 4
    QCOMPARE(changed[0][0].toModelIndex().row(), 1);
    QCOMPARE(changed[0][1].toModelIndex().row(), 2);
    QCOMPARE(changed[1][0].toModelIndex().row(), 4);
    QCOMPARE(changed[1][1].toModelIndex().row(), 4);

    changed.clear();
    QCOMPARE(m.update(s), std::size_t{0});
    QCOMPARE(changed.count(), 0);
}

void TestWatchlistModel::showsTheFigures()
{
    WatchlistModel m;
    m.setStocks(*market(2));
    ReplaySnapshot s = emptySnapshot(2);
    trade(s, 0, 10.0, true, 0, 0, 0);
    trade(s, 0, 12.0, false, 10, 7, 4);  // 70% right; always down 60% is the best baseline
    m.update(s);
    const auto cell = [&](int column, int role = Qt::DisplayRole) { return m.index(0, column).data(role); };
    QCOMPARE(cell(WatchlistModel::Stock).toString(), QStringLiteral("s0.us"));
    QCOMPARE(cell(WatchlistModel::LastClose).toString(), QStringLiteral("12"));
    QCOMPARE(cell(WatchlistModel::Change).toString(), QStringLiteral("+20.0%"));
    QCOMPARE(cell(WatchlistModel::Call).toString(), QStringLiteral("▼"));
    QCOMPARE(cell(WatchlistModel::HitRate).toString(), QStringLiteral("70.0%"));
    QCOMPARE(cell(WatchlistModel::BestBaseline).toString(), QStringLiteral("60.0%"));
    QCOMPARE(cell(WatchlistModel::VsBaseline).toString(), QStringLiteral("+10.0 pt"));
    QCOMPARE(cell(WatchlistModel::HitRate, WatchlistModel::SortRole).toDouble(), 0.7);
    QVERIFY(cell(WatchlistModel::BestBaseline, Qt::ToolTipRole).toString().contains(QStringLiteral("always down")));
    // A stock that has not traded yet shows blanks, and sorts below any figure.
    QCOMPARE(m.index(1, WatchlistModel::HitRate).data().toString(), QString());
    QVERIFY(m.index(1, WatchlistModel::HitRate).data(WatchlistModel::SortRole).toDouble() < 0);
}

void TestWatchlistModel::ignoresASnapshotOfOtherData()
{
    WatchlistModel m;
    m.setStocks(*market(3));
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    ReplaySnapshot other = emptySnapshot(5);
    trade(other, 4, 1.0, true, 1, 1, 1);
    QCOMPARE(m.update(other), std::size_t{0});
    QCOMPARE(changed.count(), 0);
}

void TestWatchlistModel::growsWithALiveFeedsStocks()
{
    WatchlistModel m;
    m.setStocks(QStringList{});
    QCOMPARE(m.rowCount(), 0);
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    m.addStocks({QStringLiteral("zz.us"), QStringLiteral("aa.us")});
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.front().at(1).toInt(), 0);
    QCOMPARE(inserted.front().at(2).toInt(), 1);
    m.addStocks({});
    QCOMPARE(inserted.size(), 1);

    // Rows stay in arrival order, as the feed numbers its stocks.
    ReplaySnapshot s = emptySnapshot(2);
    trade(s, 1, 12.5, true, 3, 2, 1);
    QCOMPARE(m.update(s), std::size_t{1});
    QCOMPARE(m.index(0, WatchlistModel::Stock).data().toString(), QStringLiteral("zz.us"));
    QCOMPARE(m.index(1, WatchlistModel::Stock).data().toString(), QStringLiteral("aa.us"));
    QCOMPARE(m.index(1, WatchlistModel::Resolved).data().toString(), QStringLiteral("3"));
    QVERIFY(m.index(0, WatchlistModel::Resolved).data().toString().isEmpty());

    // A third stock: its row comes empty, the others keep their figures.
    m.addStocks({QStringLiteral("mm.us")});
    QCOMPARE(m.rowCount(), 3);
    QVERIFY(m.index(2, WatchlistModel::LastClose).data().toString().isEmpty());
    QCOMPARE(m.index(1, WatchlistModel::Resolved).data().toString(), QStringLiteral("3"));
}

QTEST_MAIN(TestWatchlistModel)
#include "tst_watchlistmodel.moc"
