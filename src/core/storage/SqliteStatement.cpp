#include "SqliteStatement.h"

#include <cstring>
#include <limits>
#include <utility>

namespace ss {

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql)
{
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr)
        != SQLITE_OK)
        stmt_ = nullptr;
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(stmt_);
}

int SqliteStatement::step()
{
    const int rc = sqlite3_step(stmt_);
    if (rc != SQLITE_ROW)
        sqlite3_reset(stmt_);
    return rc;
}

double SqliteStatement::real(int column) const
{
    // SQLite keeps a NaN as NULL; give it back as the NaN it was.
    return isNull(column) ? std::numeric_limits<double>::quiet_NaN() : sqlite3_column_double(stmt_, column);
}

std::string_view SqliteStatement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return {data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string_view SqliteStatement::blob(int column) const
{
    const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    return {data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

QString SqliteStatement::errorText(sqlite3* db)
{
    QString text = QString::fromUtf8(sqlite3_errmsg(db));
    const int code = sqlite3_extended_errcode(db);
    if ((code & 0xFF) == SQLITE_BUSY || (code & 0xFF) == SQLITE_LOCKED)
        text += QStringLiteral(" (another program is writing to it)");
    else if (const int err = sqlite3_system_errno(db); err != 0 && ((code & 0xFF) == SQLITE_IOERR || (code & 0xFF) == SQLITE_FULL
                                                                     || (code & 0xFF) == SQLITE_CANTOPEN))
        text += QStringLiteral(" (%1)").arg(QString::fromLocal8Bit(std::strerror(err)));
    return text;
}

} // namespace ss
