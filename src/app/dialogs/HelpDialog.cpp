#include "HelpDialog.h"
#include "ui_HelpDialog.h"

#include "app/dialogs/ShortcutList.h"
#include "core/system/BuildVersion.h"

#include <QFile>
#include <QGuiApplication>
#include <QScreen>
#include <QMainWindow>
#include <QMessageBox>

namespace ss {

namespace {

constexpr double kMostOfTheScreen = 0.85;

} // namespace

HelpDialog::HelpDialog(const QString& title, const QString& html, QWidget* parent)
    : QDialog(parent), ui_(std::make_unique<Ui::HelpDialog>())
{
    ui_->setupUi(this);
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    ui_->browser->setHtml(html);
    // Never taller or wider than the screen, at any scale.
    if (const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen())
        resize(size().boundedTo((QSizeF(screen->availableGeometry().size()) * kMostOfTheScreen).toSize()));
}

HelpDialog::~HelpDialog() = default;

QTextBrowser* HelpDialog::browser() const
{
    return ui_->browser;
}

HelpDialog* HelpDialog::userGuide(QWidget* parent)
{
    QFile guide(QStringLiteral(":/help/user-guide.html"));
    const QString html = guide.open(QIODevice::ReadOnly) ? QString::fromUtf8(guide.readAll())
                                                          : tr("The user guide is missing from this build.");
    return new HelpDialog(tr("StockStream User Guide"), html, parent);
}

HelpDialog* HelpDialog::shortcuts(QMainWindow* window)
{
    return new HelpDialog(tr("Keyboard Shortcuts"), ShortcutList::of(window).toHtml(), window);
}

void HelpDialog::about(QWidget* parent)
{
    QMessageBox::about(parent, tr("About StockStream"),
                       tr("<b>StockStream %1</b><p>Replays stock market history as a live stream, scores every "
                          "stock's latest window with a logistic model and judges each call when the next "
                          "close arrives, beside the naive baselines.</p>")
                           .arg(BuildVersion::text()));
}

} // namespace ss
