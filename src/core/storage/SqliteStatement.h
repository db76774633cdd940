#pragma once

#include <QByteArray>
#include <QString>

#include <sqlite3.h>

#include <cstdint>
#include <string_view>

namespace ss {

// A prepared statement that finalizes itself. Every value reaches SQLite as
// a bound parameter, never as SQL text. Only the storage classes include
// this header, so the rest of the program never sees sqlite3.h.
class SqliteStatement {
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3* db, std::string_view sql);
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement();

    bool ok() const { return stmt_ != nullptr; }

    void bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
    void bind(int index, double value) { sqlite3_bind_double(stmt_, index, value); }
    // The text and blob must outlive the next step().
    void bind(int index, std::string_view text)
    {
        sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    }
    void bind(int index, const QByteArray& text)
    {
        bind(index, std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
    }
    void bindBlob(int index, const void* data, std::size_t bytes)
    {
        sqlite3_bind_blob(stmt_, index, data, static_cast<int>(bytes), SQLITE_STATIC);
    }
    void bindNull(int index) { sqlite3_bind_null(stmt_, index); }

    // SQLITE_ROW, SQLITE_DONE or an error code; resets itself after DONE or an error.
    int step();
    void reset() { sqlite3_reset(stmt_); }

    bool isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
    bool isInteger(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_INTEGER; }
    std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
    double real(int column) const;
    std::string_view text(int column) const;
    std::string_view blob(int column) const;

    // "what went wrong" for the connection's last error, with the operating
    // system's reason when there is one (a full disk, a file size limit).
    static QString errorText(sqlite3* db);

private:
    sqlite3_stmt* stmt_ = nullptr;
};

} // namespace ss
