#pragma once

#include <string_view>

namespace ss {

// How a table writes its numbers: the decimal mark, an optional thousands
// separator, and currency signs around them ("$2,874.56", "1.455,22 €").
struct NumberFormat {
    char decimal = '.';
    char thousands = 0;  // 0: none

    // The whole field as a finite number; spaces and currency signs around
    // it are tolerated, nothing else.
    bool parse(std::string_view field, double& value) const;
};

} // namespace ss
