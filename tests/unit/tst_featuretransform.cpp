#include "core/model/FeatureTransform.h"

#include <QTest>

using namespace ss;

class TestFeatureTransform : public QObject {
    Q_OBJECT
private slots:
    void compute_data();
    void compute();
    void namesAndCounts();
    void parse();
};

void TestFeatureTransform::compute_data()
{
    QTest::addColumn<QString>("transform");
    QTest::addColumn<QList<double>>("window");
    QTest::addColumn<QList<double>>("expected");
    QTest::newRow("raw") << "raw" << QList<double>{0.29161, 0.29161, 0.2838, 0.29954, 0.29954}
                         << QList<double>{0.29161, 0.29161, 0.2838, 0.29954, 0.29954};
    // n_i / n1 - 1: the newest close is the reference and drops out.
    QTest::newRow("relative") << "relative" << QList<double>{8, 9, 10, 12, 10}
                              << QList<double>{-0.2, -0.1, 0.0, 0.2};
    QTest::newRow("relative W=2") << "relative" << QList<double>{5, 4} << QList<double>{0.25};
}

void TestFeatureTransform::compute()
{
    QFETCH(QString, transform);
    QFETCH(QList<double>, window);
    QFETCH(QList<double>, expected);
    const auto t = features::parseTransform(transform.toStdString());
    QVERIFY(t);
    QCOMPARE(features::count(*t, int(window.size())), int(expected.size()));
    std::vector<double> out(static_cast<std::size_t>(expected.size()));
    features::compute(*t, window.constData(), int(window.size()), out.data());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QVERIFY(qAbs(out[static_cast<std::size_t>(i)] - expected[i]) < 1e-15);
}

void TestFeatureTransform::namesAndCounts()
{
    QCOMPARE(features::names(FeatureTransform::Raw, 5),
             (std::vector<std::string>{"n5", "n4", "n3", "n2", "n1"}));
    QCOMPARE(features::names(FeatureTransform::Relative, 3), (std::vector<std::string>{"n3/n1-1", "n2/n1-1"}));
}

void TestFeatureTransform::parse()
{
    QVERIFY(!features::parseTransform("log").has_value());
    QCOMPARE(features::transformName(FeatureTransform::Relative), std::string_view("relative"));
}

QTEST_MAIN(TestFeatureTransform)
#include "tst_featuretransform.moc"
