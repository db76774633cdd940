#include "core/model/LogisticModel.h"
#include "core/system/InstalledData.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

// An install prefix laid out as `cmake --install` does: programs in
// <prefix>/<bindir>, data in <prefix>/<datadir>/stockstream (the layout the
// build was configured with, STOCKSTREAM_INSTALL_BINDIR/_DATADIR).
class TestInstalledData : public QObject {
    Q_OBJECT
private slots:
    void init();
    void findsTheDataBesideThePrograms();
    void fallsBackWithoutAnInstall();
    void fallsBackWithoutTheDefaultModel();
    void aMissingSampleIsNotReported();

private:
    QString bin() const { return prefix_->filePath(QStringLiteral(STOCKSTREAM_INSTALL_BINDIR)); }
    QString data() const
    {
        return prefix_->filePath(QStringLiteral(STOCKSTREAM_INSTALL_DATADIR) + QStringLiteral("/stockstream"));
    }
    void install(const QString& relativePath);

    std::unique_ptr<QTemporaryDir> prefix_;
};

void TestInstalledData::init()
{
    prefix_ = std::make_unique<QTemporaryDir>();
    QVERIFY(prefix_->isValid());
    QVERIFY(QDir().mkpath(bin()));
}

void TestInstalledData::install(const QString& relativePath)
{
    const QString path = data() + QLatin1Char('/') + relativePath;
    QVERIFY(QDir().mkpath(QFileInfo(path).path()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
}

void TestInstalledData::findsTheDataBesideThePrograms()
{
    const QString modelName = QFileInfo(QString::fromLatin1(LogisticModel::kBuiltIn)).fileName();
    install(QStringLiteral("models/") + modelName);
    install(QStringLiteral("sample/ibm.us.txt"));

    const InstalledData installed(bin());
    QCOMPARE(InstalledData::folderFor(bin()), data());
    QCOMPARE(installed.folder(), data());
    QCOMPARE(installed.modelsFolder(), data() + QStringLiteral("/models"));
    QCOMPARE(installed.sampleFolder(), data() + QStringLiteral("/sample"));
    QCOMPARE(installed.defaultModel(), data() + QStringLiteral("/models/") + modelName);
}

void TestInstalledData::fallsBackWithoutAnInstall()
{
    const InstalledData installed(bin());
    QVERIFY(installed.folder().isEmpty());
    QVERIFY(installed.modelsFolder().isEmpty());
    QVERIFY(installed.sampleFolder().isEmpty());
    QCOMPARE(installed.defaultModel(), QString::fromLatin1(LogisticModel::kBuiltIn));
}

void TestInstalledData::fallsBackWithoutTheDefaultModel()
{
    install(QStringLiteral("models/someone-elses-model.json"));
    const InstalledData installed(bin());
    QCOMPARE(installed.modelsFolder(), data() + QStringLiteral("/models"));
    QCOMPARE(installed.defaultModel(), QString::fromLatin1(LogisticModel::kBuiltIn));
}

void TestInstalledData::aMissingSampleIsNotReported()
{
    install(QStringLiteral("models/ibm-raw-w5.json"));
    const InstalledData installed(bin());
    QCOMPARE(installed.folder(), data());
    QVERIFY(installed.sampleFolder().isEmpty());
}

QTEST_MAIN(TestInstalledData)
#include "tst_installeddata.moc"
