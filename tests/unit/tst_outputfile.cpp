// Opening an output the user named: only regular files are replaced (a
// temporary renamed over them) or truncated; a FIFO is written in place;
// anything else is refused and left as it was; waiting for a FIFO's reader
// ends on SIGTERM.
#include "Patience.h"
#include "SpecialFiles.h"
#include "core/system/OutputFile.h"
#include "core/system/TerminationRequest.h"

#include <QLocalServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <future>
#include <unistd.h>

using ss::OutputFile;

namespace {

QByteArray contentsOf(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

} // namespace

class TestOutputFile : public QObject {
    Q_OBJECT

private slots:
    void replacesARegularFileOnlyOnCommit_data();
    void replacesARegularFileOnlyOnCommit();
    void refusesExistingTargetsThatAreNotRegularFiles_data();
    void refusesExistingTargetsThatAreNotRegularFiles();
    void writesIntoAFifoInPlace_data();
    void writesIntoAFifoInPlace();
    // Last: the signal it raises stays pending for the rest of the process.
    void waitingForAFifosReaderEndsOnSigterm();

private:
    QTemporaryDir dir_;
};

void TestOutputFile::replacesARegularFileOnlyOnCommit_data()
{
    QTest::addColumn<OutputFile::Write>("how");
    QTest::addColumn<QByteArray>("beforeCommit");
    QTest::newRow("atomically") << OutputFile::Write::Atomically << QByteArray("old");
    QTest::newRow("in place") << OutputFile::Write::InPlace << QByteArray("new");
}

void TestOutputFile::replacesARegularFileOnlyOnCommit()
{
    QFETCH(OutputFile::Write, how);
    QFETCH(QByteArray, beforeCommit);
    const QString path = dir_.filePath(QStringLiteral("regular-%1").arg(int(how)));
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    OutputFile file(path);
    QString why;
    QVERIFY2(file.open(how, &why), qPrintable(why));
    QVERIFY(file.write("new", &why));
    if (how == OutputFile::Write::InPlace)
        QVERIFY(file.commit(&why));  // a flush: what was written is there
    QCOMPARE(contentsOf(path), beforeCommit);
    QVERIFY2(file.commit(&why), qPrintable(why));
    QCOMPARE(contentsOf(path), QByteArray("new"));
    QCOMPARE(fileType(path), mode_t(S_IFREG));
}

void TestOutputFile::refusesExistingTargetsThatAreNotRegularFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<OutputFile::Write>("how");
    for (const auto& [how, name] : {std::pair{OutputFile::Write::Atomically, "atomically"},
                                    std::pair{OutputFile::Write::InPlace, "in place"}}) {
        for (const char* kind : {"device", "folder", "socket"})
            QTest::addRow("%s, %s", kind, name) << QString::fromLatin1(kind) << how;
    }
}

void TestOutputFile::refusesExistingTargetsThatAreNotRegularFiles()
{
    QFETCH(QString, kind);
    QFETCH(OutputFile::Write, how);
    const QString path = dir_.filePath(QStringLiteral("%1-%2").arg(kind).arg(int(how)));
    QLocalServer socket;
    if (kind == "device" && !makeCharacterDevice(path, 3))
        QSKIP("only root may make a device node");
    if (kind == "folder")
        QVERIFY(QDir().mkdir(path));
    if (kind == "socket")
        QVERIFY2(socket.listen(path), qPrintable(socket.errorString()));
    const mode_t type = fileType(path);
    OutputFile file(path);
    QString why;
    QVERIFY(!file.open(how, &why));
    QVERIFY2(why.contains("not a regular file"), qPrintable(why));
    QCOMPARE(fileType(path), type);
    // Nor is a temporary file left beside it.
    const QString name = QFileInfo(path).fileName();
    QVERIFY(QDir(dir_.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::System).filter(name + '.').isEmpty());
}

void TestOutputFile::writesIntoAFifoInPlace_data()
{
    QTest::addColumn<OutputFile::Write>("how");
    QTest::newRow("atomically") << OutputFile::Write::Atomically;
    QTest::newRow("in place") << OutputFile::Write::InPlace;
}

void TestOutputFile::writesIntoAFifoInPlace()
{
    QFETCH(OutputFile::Write, how);
    const QString path = dir_.filePath(QStringLiteral("fifo-%1").arg(int(how)));
    QVERIFY(makeFifo(path));
    auto reader = std::async(std::launch::async, [&] { return contentsOf(path); });
    {
        OutputFile file(path);
        QString why;
        QVERIFY2(file.open(how, &why), qPrintable(why));
        QVERIFY(file.write("through the pipe", &why));
        QVERIFY2(file.commit(&why), qPrintable(why));
    }
    QVERIFY(reader.wait_for(std::chrono::milliseconds(kPatienceMs)) == std::future_status::ready);
    QCOMPARE(reader.get(), QByteArray("through the pipe"));
    QCOMPARE(fileType(path), mode_t(S_IFIFO));
}

void TestOutputFile::waitingForAFifosReaderEndsOnSigterm()
{
    const QString path = dir_.filePath(QStringLiteral("unread-fifo"));
    QVERIFY(makeFifo(path));
    const ss::TerminationRequest termination;
    OutputFile file(path);
    QString why;
    auto opening = std::async(std::launch::async, [&] { return file.open(OutputFile::Write::InPlace, &why); });
    QTest::qWait(100);
    std::raise(SIGTERM);
    if (opening.wait_for(std::chrono::milliseconds(kPatienceMs)) != std::future_status::ready) {
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK);  // lets it end
        opening.wait();
        ::close(fd);
        QFAIL("waiting for the FIFO's reader did not end on SIGTERM");
    }
    QVERIFY(!opening.get());
    QVERIFY2(why.contains("interrupted"), qPrintable(why));
}

QTEST_MAIN(TestOutputFile)
#include "tst_outputfile.moc"
