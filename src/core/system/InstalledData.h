#pragma once

#include <QString>

namespace ss {

// The data the programs install beside themselves: the default models and
// the sample under <prefix>/share/stockstream, found relative to the
// running program, so an installed tree works wherever its prefix is and
// never reads the source or build tree. A program run from its build tree
// has no such folder and falls back to the copies compiled into it.
class InstalledData {
public:
    // Looks beside the running program (needs the Q(Core)Application).
    InstalledData();
    // Looks beside a program in executableFolder.
    explicit InstalledData(const QString& executableFolder);

    // Where the data of a program in executableFolder is installed, whether
    // or not it is there.
    static QString folderFor(const QString& executableFolder);

    // Each is empty when it is not installed.
    QString folder() const { return folder_; }
    QString modelsFolder() const;
    QString sampleFolder() const;

    // The model built into the programs (a Qt resource of this library's).
    static constexpr const char* kBuiltInModel = ":/models/ibm-relative-w5.json";

    // The model to score with when none is named: the installed copy of the
    // built-in model when there is one, else kBuiltInModel.
    QString defaultModel() const;

private:
    QString existing(const QString& name) const;

    QString folder_;
};

} // namespace ss
