#pragma once

#include <QObject>

class QSocketNotifier;

namespace ss {

// Turns SIGINT and SIGTERM into an orderly shutdown instead of an abrupt
// death: a replay is stopped, the prediction log commits and closes, the
// window saves its settings. The signal handler only writes a byte to a
// socket pair (all a handler may safely do); the rest happens in the event
// loop (requested()) or wherever a loop polls pending().
class TerminationRequest : public QObject {
    Q_OBJECT
public:
    // Installs the handlers; one instance per process.
    explicit TerminationRequest(QObject* parent = nullptr);
    ~TerminationRequest() override;

    // True once a signal arrived; safe from any thread.
    static bool pending();

signals:
    void requested();

private:
    QSocketNotifier* notifier_ = nullptr;
};

} // namespace ss
