#pragma once

#include "core/storage/PredictionExporter.h"
#include "core/storage/RunInfo.h"

#include <QDialog>
#include <QHash>
#include <QStringList>

#include <memory>
#include <vector>

namespace Ui {
class ExportDialog;
}

namespace ss {

// What File ▸ Export predictions asks before it writes: which run, all
// stocks or one, an optional date range, the format and the file.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    struct Request {
        QString path;
        PredictionLog::Query query;
        ExportFormat format = ExportFormat::Csv;
    };

    // The stocks each run made calls on, by run id: what the stock field
    // completes and accepts.
    using RunStocks = QHash<qint64, QStringList>;

    // runs: newest first, as the Runs panel lists them; `run` is preselected
    // (the newest when 0); a non-empty `stock` preselects "only" that stock.
    ExportDialog(std::vector<RunInfo> runs, qint64 run, RunStocks stocks, const QString& stock, const QString& folder,
                 ExportFormat format, QWidget* parent = nullptr);
    ~ExportDialog() override;

    // What the fields ask for now; meaningful when problem() is empty.
    Request request() const;
    // Why the fields cannot be exported as they are, or empty.
    QString problem() const;

    // Refuses fields with a problem (saying why), and asks before replacing
    // a file that exists.
    void accept() override;

private:
    // The chosen run's stock the typed name means: itself, whatever its
    // case, or its ticker alone when only one of the run's stocks has it
    // ("IBM" for ibm.us); empty when it names none.
    QString matchingStock() const;
    void showRunSpan();
    void offerRunStocks();
    void chooseFile();
    void matchExtension();
    ExportFormat format() const;

    std::unique_ptr<Ui::ExportDialog> ui_;
    std::vector<RunInfo> runs_;
    RunStocks stocks_;
    // A file the user already agreed to replace, in the file chooser.
    QString confirmedPath_;
};

} // namespace ss
