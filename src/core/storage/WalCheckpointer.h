#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace ss {

// Copies a WAL database's committed pages back into the main file on a
// thread and connection of its own, while the writer keeps appending to
// the WAL. SQLite otherwise checkpoints on the writer's thread, which costs
// the writer about a third of its time; WAL lets a checkpoint run beside a
// writer (PRAGMA wal_checkpoint(PASSIVE)), so that work moves off the log's
// critical path. The writer's own automatic checkpoints are off while one
// of these runs.
class WalCheckpointer {
public:
    WalCheckpointer(const QString& path, sqlite3* writer);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

private:
    void run();

    sqlite3* writer_;
    sqlite3* db_ = nullptr;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

} // namespace ss
