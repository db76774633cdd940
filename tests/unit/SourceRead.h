#pragma once

#include "Patience.h"
#include "app/dialogs/TrainingDialog.h"

#include <QSignalSpy>

// Waits until the training dialog's chosen source is read (the sample and
// ticker files are read in the background): whether it gave closes.
inline bool sourceRead(ss::TrainingDialog& dialog)
{
    ss::TrainingSourcePicker* sources = dialog.sources();
    if (sources->isLoading()) {
        QSignalSpy ready(sources, &ss::TrainingSourcePicker::sourceReady);
        if (!ready.wait(kPatienceMs))
            return false;
    }
    return sources->data() != nullptr;
}
