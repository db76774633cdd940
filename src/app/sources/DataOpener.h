#pragma once

#include "core/data/LoadReport.h"
#include "core/data/MarketData.h"
#include "core/data/TableOptions.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QProgressDialog;
class QWidget;

namespace ss {

class AppSettings;
class DataLoadJob;

// The price data the window has open, and how it gets there: a folder, a
// file (checked in the import preview when its reading is not certain) or
// the built-in sample, read in the background with progress and Cancel,
// and why a read that gave no prices was refused.
class DataOpener : public QObject {
    Q_OBJECT
public:
    DataOpener(QWidget* window, AppSettings& settings);
    ~DataOpener() override;

    // Reads a folder or file; opened() brings its data, finished() tells
    // how it ended.
    void open(const QString& path);
    void openSample();
    // At launch: `path` when not empty, else the data opened last, else
    // the built-in sample.
    void openInitial(const QString& path);
    // File ▸ Open and Open Folder: asks where, starting at browseFolder().
    void chooseFile();
    void chooseFolder();

    bool isLoading() const { return job_ != nullptr; }
    // The data open now, where it was read from and what the read found.
    const std::shared_ptr<const MarketData>& data() const { return data_; }
    const QString& path() const { return path_; }
    const LoadReport& report() const { return report_; }
    bool isSample(const QString& path) const;
    // Beside the user's own data, or at home while the built-in sample (in
    // a hidden cache folder) is open.
    QString browseFolder() const;
    // What the data open now holds, for the status bar.
    QString openedNote() const;

signals:
    // New data read: data(), path() and report() are it now, and the next
    // launch opens it (but the sample, which it falls back to anyway).
    void opened();
    // A read ended: ok when opened() came before it.
    void finished(bool ok);
    void failed(const QString& title, const QString& message);
    void statusMessage(const QString& message, int timeoutMs);

private:
    // open() once the file's reading is settled (see TableImport).
    void load(const QString& path, const TableOptions& options);
    void showProgress();
    void finish(const QString& path);
    void closeProgress();

    QWidget* window_;
    AppSettings& settings_;
    std::unique_ptr<DataLoadJob> job_;
    // Modal to the window while a read runs.
    QProgressDialog* progress_ = nullptr;
    QTimer pollTimer_;
    // Tells a finished read from one that another has replaced since.
    quint64 generation_ = 0;
    QString sampleFolder_;  // once the sample was opened
    std::shared_ptr<const MarketData> data_;
    QString path_;
    LoadReport report_;
};

} // namespace ss
