#include "SqliteStatement.h"

#include <cerrno>
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
    // SQLite does not always keep the reason of a failed write (a file size
    // limit, for one); errno of this thread still holds it.
    const int threadErrno = errno;
    QString text = QString::fromUtf8(sqlite3_errmsg(db));
    const int code = sqlite3_extended_errcode(db) & 0xFF;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        text += QStringLiteral(" (another program is writing to it)");
    } else if (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN) {
        const int err = sqlite3_system_errno(db) != 0 ? sqlite3_system_errno(db) : threadErrno;
        if (err != 0)
            text += QStringLiteral(" (%1)").arg(QString::fromLocal8Bit(std::strerror(err)));
    }
    return text;
}

} // namespace ss
