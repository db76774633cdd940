#pragma once

#include "core/data/MarketData.h"
#include "core/data/TableOptions.h"

#include <QGroupBox>

#include <memory>

class QSettings;

namespace Ui {
class TrainingSourcePicker;
}

namespace ss {

class DataLoadJob;

// The training dialog's Data box: where the closes come from (the main
// window's data, the built-in sample or a ticker file), which stock or all
// of them pooled, and an optional date range. A source that must be read
// is read in the background (the dialog stays live); sourceReady() tells
// when it is.
class TrainingSourcePicker : public QGroupBox {
    Q_OBJECT
public:
    enum Source { LoadedData, BuiltInSample, TickerFile };

    explicit TrainingSourcePicker(QWidget* parent = nullptr);
    ~TrainingSourcePicker() override;

    // What the main window has open, offered as a source; path names it.
    void setLoadedData(std::shared_ptr<const MarketData> data, const QString& path);
    void setSource(Source source);
    Source source() const;
    // Chooses a ticker file as the source and reads it.
    void setTickerFile(const QString& path);
    bool isLoading() const { return job_ != nullptr; }

    // The chosen source's data once read, else null.
    const std::shared_ptr<const MarketData>& data() const;
    // The stock(s) to train on, cut to the date range: one stock, or all
    // pooled; null (with *error when the fields are at fault) otherwise.
    std::shared_ptr<const MarketData> trainingData(QString* error) const;
    bool pooled() const;
    bool ranged() const;
    // The file the model is said to be trained on.
    QString sourceFileName() const;
    // A problem of the data, said under the fields; empty hides it.
    void showProblem(const QString& text);

    void restoreSettings(const QSettings& settings);
    void saveSettings(QSettings& settings) const;

signals:
    // The source, stock, pooling or dates changed, or a source was read.
    void changed();
    // A source finished reading: ok, or why not (shown under the fields).
    void sourceReady(bool ok);

private:
    void sourceChanged();
    void chooseFile();
    void load(const QString& path, TableOptions options);
    void finishLoad();
    // The slot of the chosen source's data.
    std::shared_ptr<const MarketData>& slot();
    void showStocks();

    std::unique_ptr<Ui::TrainingSourcePicker> ui_;
    std::shared_ptr<const MarketData> loaded_;
    QString loadedPath_;
    std::shared_ptr<const MarketData> sample_;
    std::shared_ptr<const MarketData> file_;
    QString filePath_;
    QString rememberedStock_;
    std::unique_ptr<DataLoadJob> job_;
    Source jobSource_ = LoadedData;  // whose data job_ reads
};

} // namespace ss
