#include "app/models/ModelLibraryModel.h"
#include "core/model/LogisticModel.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

// The library lists the user's models and the installed ones side by side.
class TestModelLibraryFolders : public QObject {
    Q_OBJECT
private slots:
    void listsEveryFolder();
    void skipsEmptyAndRepeatedFolders();

private:
    static void copyBuiltInModel(const QString& path);
};

void TestModelLibraryFolders::copyBuiltInModel(const QString& path)
{
    QVERIFY(QFile::copy(QString::fromLatin1(LogisticModel::kBuiltIn), path));
}

void TestModelLibraryFolders::listsEveryFolder()
{
    QTemporaryDir user;
    QTemporaryDir installed;
    const QString mine = QDir(user.path()).filePath(QStringLiteral("mine.json"));
    const QString shipped = QDir(installed.path()).filePath(QStringLiteral("shipped.json"));
    const QString broken = QDir(installed.path()).filePath(QStringLiteral("broken.json"));
    copyBuiltInModel(mine);
    copyBuiltInModel(shipped);
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ not json");
    file.close();

    ModelLibraryModel library;
    library.setFolders({user.path(), installed.path()});
    QCOMPARE(library.rowCount(), 3);
    QCOMPARE(library.rowOf(mine), 0);  // the user's own first
    QVERIFY(library.rowOf(shipped) >= 1);
    QVERIFY(library.model(library.rowOf(shipped)));
    QVERIFY(!library.model(library.rowOf(broken)));  // listed, refused
}

void TestModelLibraryFolders::skipsEmptyAndRepeatedFolders()
{
    QTemporaryDir user;
    copyBuiltInModel(QDir(user.path()).filePath(QStringLiteral("mine.json")));
    ModelLibraryModel library;
    // An empty name would read the working folder.
    library.setFolders({user.path(), QString(), user.path() + QStringLiteral("/.")});
    QCOMPARE(library.rowCount(), 1);
}

QTEST_MAIN(TestModelLibraryFolders)
#include "tst_modellibraryfolders.moc"
