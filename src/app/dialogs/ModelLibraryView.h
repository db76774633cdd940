#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class ModelLibraryView;
}

namespace ss {

class LogisticModel;
class ModelLibraryModel;

// The training dialog's Model library tab: the models of the user's models
// folder and the installed ones, with their figures, sortable, and one of
// them chosen for the running app (double-click or Use).
class ModelLibraryView : public QWidget {
    Q_OBJECT
public:
    explicit ModelLibraryView(QWidget* parent = nullptr);
    ~ModelLibraryView() override;

    ModelLibraryModel* library() const { return library_; }
    // Lists the models of `folder` beside the installed ones.
    void setFolder(const QString& folder);
    // Hands the selected model to modelChosen(); false when none (or a
    // refused file) is selected.
    bool useSelected();

signals:
    // path: the file it was read from.
    void modelChosen(std::shared_ptr<const ss::LogisticModel> model, const QString& path);

private:
    std::unique_ptr<Ui::ModelLibraryView> ui_;
    ModelLibraryModel* library_;
};

} // namespace ss
