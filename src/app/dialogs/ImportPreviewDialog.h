#pragma once

#include "core/data/TableFormat.h"

#include <QDialog>

#include <memory>
#include <string>
#include <vector>

namespace Ui {
class ImportPreviewDialog;
}

namespace ss {

class ImportPreviewModel;

// Shows how a price table would be read before it is loaded, the way a
// spreadsheet's text import does: its first rows as written and as read,
// the rows that would be rejected, and the detected delimiter, decimal
// mark, date format, layout and columns, each of which the user may change.
class ImportPreviewDialog : public QDialog {
    Q_OBJECT
public:
    // Whether `path` is a table detection cannot be sure how to read (no
    // header names to go by, a wide table, dates in several formats, or
    // something it cannot tell at all). Folders, JSON lines, the dataset's
    // own files and files of one column never need it.
    static bool isNeededFor(const QString& path);

    // Whether `options` read `path` as it is now.
    static bool fits(const QString& path, const TableOptions& options);

    // Starts from what detection makes of the file given `initial`.
    explicit ImportPreviewDialog(const QString& path, const TableOptions& initial = {}, QWidget* parent = nullptr);
    ~ImportPreviewDialog() override;

    // What the choices shown say, as the loader takes them.
    TableOptions options() const;
    // The format those choices give, as the preview shows it.
    const TableFormat& format() const { return format_; }
    const ImportPreviewModel* model() const { return model_; }

private:
    void showFormat(const TableFormat& format);
    void redetect();
    void refresh();

    std::unique_ptr<Ui::ImportPreviewDialog> ui_;
    ImportPreviewModel* model_;
    std::vector<std::string> lines_;
    std::string stock_;
    TableFormat format_;
};

} // namespace ss
