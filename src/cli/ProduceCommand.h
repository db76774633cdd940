#pragma once

#include <QStringList>

namespace ss::cli {

// `stockstream-cli produce`: load a source and send it, in stream order, as
// the thesis's topic `test` ticks (JSON lines) to standard output, to a
// TCP peer such as `replay --listen`, or to a Kafka topic.
class ProduceCommand {
public:
    static int run(const QStringList& arguments);
};

} // namespace ss::cli
