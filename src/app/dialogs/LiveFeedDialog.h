#pragma once

#include "app/session/LiveFeedSettings.h"

#include <QDialog>

#include <memory>

class QLabel;

namespace Ui {
class LiveFeedDialog;
}

namespace ss {

// File ▸ Connect to Live Feed…: a producer to dial, an address to listen
// on, or a Kafka topic. Each field that is wrong says why beside it, and OK
// waits until none is.
class LiveFeedDialog : public QDialog {
    Q_OBJECT
public:
    explicit LiveFeedDialog(QWidget* parent = nullptr);
    ~LiveFeedDialog() override;

    void setSettings(const LiveFeedSettings& settings);
    LiveFeedSettings settings() const;

private:
    void validate();
    static void showProblem(QLabel* label, const QString& problem);

    std::unique_ptr<Ui::LiveFeedDialog> ui_;
};

} // namespace ss
