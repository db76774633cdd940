#pragma once

#include "core/online/OnlineOptions.h"

#include <QDialog>

#include <memory>

class QSettings;

namespace Ui {
class OnlineLearningDialog;
}

namespace ss {

// Replay ▸ Online Learning…: the clusters, their regression and the online
// scorer the replay runs beside the model. OK is refused, with the reason
// under the form, while an option is out of range.
class OnlineLearningDialog : public QDialog {
    Q_OBJECT
public:
    explicit OnlineLearningDialog(QWidget* parent = nullptr);
    ~OnlineLearningDialog() override;

    void setOptions(const OnlineOptions& options);
    OnlineOptions options() const;
    // Why OK is refused now, or empty.
    QString problem() const;

    // The options of the last session; the defaults (off) when none were
    // saved or the saved ones are out of range.
    static OnlineOptions load(const QSettings& settings);
    static void save(QSettings& settings, const OnlineOptions& options);

    void accept() override;

private:
    std::unique_ptr<Ui::OnlineLearningDialog> ui_;
};

} // namespace ss
