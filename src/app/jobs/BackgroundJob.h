#pragma once

#include <QObject>

#include <thread>

namespace ss {

// A piece of work on a thread of its own, so the window stays live, whose
// results the owner reads once finished() arrives. finished() is emitted
// on the owner's thread after the worker thread has been joined, so all
// that run() wrote is plainly visible to the owner: the hand-off is the
// join, not Qt's event queue, which ThreadSanitizer cannot see through.
class BackgroundJob : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    void start();

signals:
    void finished();

protected:
    // Runs on the worker thread.
    virtual void run() = 0;
    // A derived destructor calls this first (after asking run() to stop):
    // the thread must end before the members it works on are destroyed.
    void waitForThread();

private slots:
    void settle();

private:
    std::jthread thread_;
};

} // namespace ss
