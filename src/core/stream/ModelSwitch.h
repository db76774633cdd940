#pragma once

#include "core/data/Timestamp.h"
#include "core/model/LogisticModel.h"

#include <memory>

namespace ss {

// A model taking over the stream right after the record (time, stock):
// every later window, in stream order, is scored with it. The model a
// stream starts with applies from the start, or, when the replay starts at
// a date, from the first record after the history before it (which no model
// calls). Views use these to draw the calls each model really made, and to
// mark where one gave way to another.
struct ModelSwitch {
    std::shared_ptr<const LogisticModel> model;
    bool fromStart = true;
    Timestamp afterTime = 0;
    std::size_t afterStock = 0;

    bool appliesTo(Timestamp time, std::size_t stock) const
    {
        return fromStart || time > afterTime || (time == afterTime && stock > afterStock);
    }
};

} // namespace ss
