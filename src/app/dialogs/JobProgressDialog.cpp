#include "JobProgressDialog.h"

namespace ss {

JobProgressDialog::JobProgressDialog(const QString& title, const QString& label, int maximum, QWidget* window)
    : QProgressDialog(label, tr("Cancel"), 0, maximum, window)
{
    setWindowTitle(title);
    setWindowModality(Qt::WindowModal);
    setMinimumDuration(300);
    setAutoClose(false);
    setAutoReset(false);
}

} // namespace ss
