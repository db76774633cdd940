#pragma once

#include "core/data/TableOptions.h"

#include <QSettings>
#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace ss {

// How the app opens a price file: with the choices remembered for it, or,
// when detection cannot be sure how to read it, after the user has checked
// them in the import preview (which then remembers them for next time).
class TableImport {
public:
    // Calls `load` with the options to read `path` with, at once or once
    // the preview is accepted; never when it is cancelled.
    static void open(QWidget* parent, QSettings& settings, const QString& path,
                     std::function<void(const TableOptions&)> load);

    static std::optional<TableOptions> remembered(QSettings& settings, const QString& path);
    static void remember(QSettings& settings, const QString& path, const TableOptions& options);
};

} // namespace ss
