#pragma once

#include <QFileDevice>
#include <QString>

#include <memory>

namespace ss {

// A file the user named for output, opened so that only a regular file is
// ever replaced or truncated. A regular file (or a new one) is written as
// asked: atomically (a temporary file renamed over it on commit) or in
// place. A FIFO, or whatever standard output or error already is (named
// as /dev/stdout: a terminal, a pipe, a redirected file), is written in
// place, never renamed over; any other existing target (a device node, a
// folder, a socket) is refused, so `--out /dev/null` run as root cannot
// replace the system's /dev/null.
// Waiting for a FIFO's reader ends on Ctrl-C or SIGTERM.
class OutputFile {
public:
    enum class Write { Atomically, InPlace };

    explicit OutputFile(QString path);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    // Each returns false with *why (the reason alone, for the caller's
    // sentence) when it fails.
    // Fails when the target is refused, the wait for a reader was
    // interrupted, or the file cannot be opened.
    bool open(Write how, QString* why);
    bool write(const char* data, qint64 size, QString* why);
    bool write(const QByteArray& bytes, QString* why) { return write(bytes.constData(), bytes.size(), why); }
    // Puts what was written in place: the rename of an atomic write, a
    // flush otherwise.
    bool commit(QString* why);
    // Leaves the target as it was, when the write is atomic.
    void cancel();
    const QString& path() const { return path_; }

private:
    bool openFifo(QString* why);
    // Writes in place through `fd`, which it then owns.
    bool adopt(int fd, QString* why);

    QString path_;
    std::unique_ptr<QFileDevice> file_;
};

} // namespace ss
