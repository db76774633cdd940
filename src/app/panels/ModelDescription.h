#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace ss {

// The model panel's words on a model file's record of itself: what it was
// fitted on, and how it did on its chronological hold-out beside the naive
// baselines on the same days, before its figures on the examples it was
// fitted to. Model files written by hand may hold neither.
struct ModelDescription {
    Q_DECLARE_TR_FUNCTIONS(ModelDescription)
public:
    // Plain text, one line per part: the data, the fitted part, the hold-out.
    static QString trainedOn(const QJsonObject& trainedOn);
    // Rich text: the hold-out verdict, then the hold-out's and the training
    // examples' figures.
    static QString metrics(const QJsonObject& metrics);
};

} // namespace ss
