#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace ss {

// Copies a WAL database's committed pages back into the main file on a
// thread and connection of its own while the writer keeps appending to the
// WAL (PRAGMA wal_checkpoint(PASSIVE) runs beside a writer). The writer's own
// automatic checkpoints stay on: the WAL can only start over from its
// beginning when the writer begins a transaction with every page already
// copied, so the writer still checkpoints every few thousand pages, but
// finds nearly all of the copying done. Measured on a full-dataset replay,
// this takes about a seventh of the writer's time off the log's critical path.
class WalCheckpointer {
public:
    explicit WalCheckpointer(const QString& path);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

private:
    void run();

    sqlite3* db_ = nullptr;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

} // namespace ss
