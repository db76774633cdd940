// The replay's outputs against references made once by the command line as
// it stood before the stream-ordered replay (tests/data/stream-reference,
// make_reference.sh): any change of stream order, window, call, figure or
// exported record shows here.
#include "CliRun.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <utility>

namespace {

const QString kReference = QStringLiteral(STOCKSTREAM_SOURCE_DIR "/tests/data/stream-reference");
// The real 31-file sample the sample's sums were made from; a clone without
// it has only the app's shipped files, which no reference describes.
const QString kSample = QStringLiteral(STOCKSTREAM_SOURCE_DIR "/../shared/data/sample");

QJsonObject withoutTimings(QJsonObject summary)
{
    for (const char* key : {"elapsed_s", "load_s", "replay_s", "records_per_s"})
        summary.remove(QLatin1String(key));
    return summary;
}

struct Outputs {
    QJsonObject summary;
    QByteArray jsonl;
    QByteArray csv;
};

Outputs replayAndExport(const QString& data, const QTemporaryDir& tmp)
{
    const QString db = tmp.filePath(QStringLiteral("log.db"));
    const QString jsonl = tmp.filePath(QStringLiteral("calls.jsonl"));
    const QString csv = tmp.filePath(QStringLiteral("calls.csv"));
    const CliRun replay = runCli({"replay", "--data", data, "--db", db, "--jsonl", jsonl});
    if (replay.exitCode != 0)
        return {};
    const CliRun exported = runCli({"export", "--db", db, "--format", "csv", "--out", csv});
    if (exported.exitCode != 0)
        return {};
    return {withoutTimings(QJsonDocument::fromJson(replay.out).object()), readFile(jsonl), readFile(csv)};
}

} // namespace

class TestStreamReference : public QObject {
    Q_OBJECT
private slots:
    void syntheticFolder();
    void sample();
};

void TestStreamReference::syntheticFolder()
{
    QTemporaryDir tmp;
    const Outputs out = replayAndExport(kReference + QStringLiteral("/synthetic"), tmp);
    QVERIFY(!out.summary.isEmpty());
    QCOMPARE(out.summary, QJsonDocument::fromJson(readFile(kReference + QStringLiteral("/synthetic.summary.json"))).object());
    QVERIFY(out.jsonl == readFile(kReference + QStringLiteral("/synthetic.jsonl")));
    QVERIFY(out.csv == readFile(kReference + QStringLiteral("/synthetic.csv")));
}

void TestStreamReference::sample()
{
    if (QDir(kSample).entryList(QDir::Files).size() != 31)
        QSKIP("the 31-file sample the reference was made from is not beside the repository");
    QTemporaryDir tmp;
    const Outputs out = replayAndExport(kSample, tmp);
    QVERIFY(!out.summary.isEmpty());
    QCOMPARE(out.summary, QJsonDocument::fromJson(readFile(kReference + QStringLiteral("/sample.summary.json"))).object());
    QByteArray sums;
    for (const auto& [name, content] : {std::pair{"sample.jsonl", &out.jsonl}, std::pair{"sample.csv", &out.csv}})
        sums += QCryptographicHash::hash(*content, QCryptographicHash::Sha256).toHex() + "  " + name + "\n";
    QCOMPARE(sums, readFile(kReference + QStringLiteral("/sample.sha256")));
}

QTEST_GUILESS_MAIN(TestStreamReference)
#include "tst_streamreference.moc"
