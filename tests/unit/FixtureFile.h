#pragma once

// Writes a test's fixture file, failing the test when it cannot.
#include <QFile>
#include <QTest>

inline void writeFixture(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}
