#pragma once

#include <QFile>
#include <QString>

#include <sqlite3.h>

// A plain SQLite connection to a log file: what any other program would see
// in it, or do to it while StockStream has it open.
class SqliteProbe {
public:
    explicit SqliteProbe(const QString& path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    {
        sqlite3_open_v2(QFile::encodeName(path).constData(), &db_, flags, nullptr);
    }
    ~SqliteProbe() { sqlite3_close(db_); }
    SqliteProbe(const SqliteProbe&) = delete;
    SqliteProbe& operator=(const SqliteProbe&) = delete;

    bool exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
    // The first column of the first row, or "error".
    QString text(const char* sql) const
    {
        sqlite3_stmt* s = nullptr;
        QString result = QStringLiteral("error");
        if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
            result = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
        return result;
    }

private:
    sqlite3* db_ = nullptr;
};
