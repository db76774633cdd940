#pragma once

#include <QString>

#include <optional>

namespace ss {

// A replay or producer speed given by a user (--speed, the API's "speed"):
// "max", or records a second within a range the pacing can honour. Far
// beyond it the pacing's arithmetic overflows (1e308 never advanced), far
// below it a wait outlives any clock.
class ReplayRate {
public:
    static constexpr double kMin = 0.001;
    static constexpr double kMax = 1e9;

    // The rate, 0 for "max"; nullopt when the text is neither.
    static std::optional<double> parse(const QString& text);
    static bool valid(double rate) { return rate >= kMin && rate <= kMax; }
    // What is accepted, for a refusal: "max or N records per second, 0.001 to 1e9".
    static QString rule(const QString& unit);
};

} // namespace ss
