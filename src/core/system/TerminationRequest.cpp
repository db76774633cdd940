#include "TerminationRequest.h"

#include <QSocketNotifier>

#include <atomic>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace ss {

namespace {

int pipeFds[2] = {-1, -1};
std::atomic<bool> received{false};

extern "C" void onSignal(int)
{
    received.store(true);
    const char byte = 1;
    [[maybe_unused]] const ssize_t ignored = ::write(pipeFds[0], &byte, 1);
}

} // namespace

TerminationRequest::TerminationRequest(QObject* parent) : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pipeFds) != 0)
        return;
    notifier_ = new QSocketNotifier(pipeFds[1], QSocketNotifier::Read, this);
    connect(notifier_, &QSocketNotifier::activated, this, [this] {
        char byte;
        [[maybe_unused]] const ssize_t ignored = ::read(pipeFds[1], &byte, 1);
        emit requested();
    });
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

TerminationRequest::~TerminationRequest()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    delete notifier_;
    notifier_ = nullptr;
    for (int& fd : pipeFds) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
}

bool TerminationRequest::pending()
{
    return received.load();
}

} // namespace ss
