#pragma once

#include "core/online/OnlineOptions.h"

#include <QCommandLineParser>

#include <optional>

namespace ss::cli {

// The replay command's options for clustering, per-cluster regression and
// the online scorer.
class OnlineFlags {
public:
    OnlineFlags();
    void addTo(QCommandLineParser& parser) const;
    // What the flags ask for; nullopt with *error set (one sentence naming
    // the flag) when a value is bad or flags do not go together.
    std::optional<OnlineOptions> read(const QCommandLineParser& parser, QString* error) const;

private:
    QCommandLineOption clusters_, decay_, halfLife_, batch_, regression_, step_, miniBatchFraction_, iterations_,
        seed_, online_, onlineStart_, onlineUpdate_, onlineScope_, onlineStep_;
};

} // namespace ss::cli
