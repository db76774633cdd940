#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// scikit-learn's optimum on ibm.us.txt for one transform, as committed in
// tests/reference/ibm_reference.json (tests/reference/sklearn_reference.py
// made it); empty if the file is missing.
inline QJsonObject ibmReferenceFit(const QString& transform)
{
    QFile f(QStringLiteral(STOCKSTREAM_SOURCE_DIR "/tests/reference/ibm_reference.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QJsonValue& fit : QJsonDocument::fromJson(f.readAll()).object().value("fits").toArray())
        if (fit.toObject().value("transform").toString() == transform)
            return fit.toObject();
    return {};
}
