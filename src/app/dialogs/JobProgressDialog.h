#pragma once

#include <QProgressDialog>

namespace ss {

// The progress of a background job with Cancel, modal to its window. Quick
// jobs finish without it flashing up; it stays until the job's owner
// deletes it, whatever the value reached.
class JobProgressDialog : public QProgressDialog {
    Q_OBJECT
public:
    JobProgressDialog(const QString& title, const QString& label, int maximum, QWidget* window);
};

} // namespace ss
