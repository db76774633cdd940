#include "StreamSession.h"

namespace ss {

StreamSession::StreamSession(QObject* parent) : QObject(parent)
{
    // Queued connections copy the signals' arguments.
    qRegisterMetaType<ss::ReplayState>();
    qRegisterMetaType<ss::ReplayProgress>();
}

} // namespace ss
