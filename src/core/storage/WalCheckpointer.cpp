#include "WalCheckpointer.h"

#include <QFile>

#include <sqlite3.h>

#include <chrono>

namespace ss {

namespace {
constexpr auto kInterval = std::chrono::milliseconds(100);
} // namespace

WalCheckpointer::WalCheckpointer(const QString& path)
{
    // Without a connection of its own the writer simply does all the
    // copying itself: slower, never wrong.
    // A connection that has not read the file yet does not know it is in
    // WAL mode, and its checkpoints would silently do nothing.
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        nullptr)
            != SQLITE_OK
        || sqlite3_exec(db_, "PRAGMA journal_mode", nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite3_close(db_);
        db_ = nullptr;
        return;
    }
    thread_ = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    if (!db_)
        return;
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
    sqlite3_close(db_);
}

void WalCheckpointer::run()
{
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, kInterval, [this] { return stop_; })) {
        lock.unlock();
        // PASSIVE never waits for the writer. A checkpoint that could not
        // finish loses nothing: the pages stay in the WAL for the next one,
        // or for the one SQLite runs when the last connection closes.
        sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.lock();
    }
}

} // namespace ss
