// Feeds arbitrary bytes to a live feed's scorer as one input, line by line,
// as a socket, standard input or a file streamed with --live delivers them:
// the first line picks JSON lines or CSV rows, window records seed and
// continue stocks, ticks out of order are refused. Besides crashes and
// undefined behaviour it checks that the counts add up and that every call
// is a probability.

#include "FuzzCheck.h"
#include "core/data/LineReader.h"
#include "core/live/LiveRecordScorer.h"

#include <cmath>
#include <cstdint>
#include <string_view>

using ss::fuzz::require;

namespace {

class CallCheck : public ss::PredictionSink {
public:
    void onPrediction(const ss::Prediction& p) override
    {
        require(p.pUp >= 0 && p.pUp <= 1, "a call's p_up is a probability");
        require(p.up == (p.pUp > 0.5), "a call is up exactly when p_up > 0.5");
        ++calls;
    }
    void onResolution(const ss::Resolution&) override { ++resolutions; }
    void onFinish(bool) override {}

    std::size_t calls = 0;
    std::size_t resolutions = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // Window 3 on relative features: the smallest window that has
    // features, on prices of any size.
    static const auto model = std::make_shared<const ss::LogisticModel>(3, ss::FeatureTransform::Relative,
                                                                        std::vector<double>{1, -1}, 0.25);
    ss::LiveRecordScorer scorer(model);
    CallCheck sink;
    scorer.pipeline().addSink(&sink);
    scorer.beginInput("fuzz.us");

    std::string_view rest(reinterpret_cast<const char*>(data), size);
    std::size_t scored = 0;
    while (!rest.empty()) {
        const std::size_t newline = rest.find('\n');
        const std::string_view line = rest.substr(0, newline);
        rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
        if (line.size() > ss::LineReader::kMaxLineLength)
            continue;  // the session refuses these before the scorer sees them
        std::size_t stock = 0;
        const char* why = nullptr;
        const auto outcome = scorer.score(line, stock, why);
        if (outcome == ss::LiveRecordScorer::Outcome::Scored) {
            require(stock < scorer.stocks()->size(), "a scored record's stock is registered");
            ++scored;
        } else if (outcome != ss::LiveRecordScorer::Outcome::Skipped) {
            require(why != nullptr && *why != '\0', "a refused line comes with a reason");
            if (outcome == ss::LiveRecordScorer::Outcome::Refused)
                break;  // the session reads no more of this input
        }
    }
    require(scorer.records() == scored, "every scored record is counted");
    require(sink.calls <= scored, "at most one call a record");
    require(sink.resolutions <= sink.calls, "only calls are judged");
    return 0;
}
