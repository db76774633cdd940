#pragma once

#include "KafkaHandles.h"

#include <cstddef>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace ss {

// A librdkafka client's own errors (a broker it cannot connect to, a name
// it cannot resolve, all brokers down), which it keeps retrying past: one
// of each kind, with its latest reason, until a broker answers again.
// librdkafka also logs a failed connection, again at every retry: those
// log lines are left out, the rest of its log is printed as before.
//
// The callbacks run on the thread that polls the client; current() may be
// called from any other.
class KafkaClientErrors {
public:
    struct Error {
        rd_kafka_resp_err_t code;
        std::string reason;
    };

    // Tells of each kind of error once, when it starts: a broker that stays
    // away is not told of again at every look, one that comes back and goes
    // again is. For one reader that looks now and then.
    class Warnings {
    public:
        // "CLIENT (KIND): REASON; retrying" for each kind in `errors` not
        // told of yet.
        std::vector<std::string> fresh(const std::string& client, const std::vector<Error>& errors);

    private:
        std::vector<rd_kafka_resp_err_t> told_;
    };

    // What the callbacks need from the client, among its defaults so that
    // a user's setting still wins: its statistics, whose brokers'
    // connection states tell when they answer again.
    static std::pair<std::string, std::string> statisticsDefault() { return {"statistics.interval.ms", "1000"}; }

    // Has the client made with `conf` keep its errors in the member
    // `errors` of the Owner that `conf`'s opaque points to.
    template <class Owner, KafkaClientErrors Owner::*errors>
    static void collect(rd_kafka_conf_t* conf)
    {
        rd_kafka_conf_set_error_cb(conf, [](rd_kafka_t*, int err, const char* reason, void* opaque) {
            (static_cast<Owner*>(opaque)->*errors).add(static_cast<rd_kafka_resp_err_t>(err), reason);
        });
        rd_kafka_conf_set_stats_cb(conf, [](rd_kafka_t*, char* json, std::size_t length, void* opaque) {
            (static_cast<Owner*>(opaque)->*errors).readStatistics(json, length);
            return 0;  // librdkafka frees the statistics
        });
        rd_kafka_conf_set_log_cb(conf, &KafkaClientErrors::onLog);
    }

    // The errors since a broker last answered, one of each code in the
    // order they first came, each with its latest reason; empty while the
    // brokers answer.
    std::vector<Error> current() const;
    // A broker answered, as the owner may know by other means too (a
    // group's coordinator handing out partitions).
    void brokersAnswered();

private:
    void add(rd_kafka_resp_err_t code, const char* reason);
    void readStatistics(const char* json, std::size_t length);
    static void onLog(const rd_kafka_t* handle, int level, const char* facility, const char* message);

    mutable std::mutex mutex_;
    std::vector<Error> errors_;
};

} // namespace ss
