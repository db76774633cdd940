#pragma once

#include <QDialog>

#include <memory>

class QMainWindow;
class QTextBrowser;

namespace Ui {
class HelpDialog;
}

namespace ss {

// Help ▸ User Guide and Help ▸ Keyboard Shortcuts: rich text in a window of
// its own, left open beside the main window while the user tries things.
class HelpDialog : public QDialog {
    Q_OBJECT
public:
    HelpDialog(const QString& title, const QString& html, QWidget* parent);
    ~HelpDialog() override;

    // The workflows, from the guide shipped in the program's resources.
    static HelpDialog* userGuide(QWidget* parent);
    // Every shortcut of the window, read from its actions when opened.
    static HelpDialog* shortcuts(QMainWindow* window);
    // Help ▸ About: the version and what the program does, in a message box.
    static void about(QWidget* parent);

    QTextBrowser* browser() const;

private:
    std::unique_ptr<Ui::HelpDialog> ui_;
};

} // namespace ss
