#pragma once

#include <QDate>
#include <QDialog>

#include <memory>

namespace Ui {
class DateDialog;
}

namespace ss {

// Asks for one date of the data's span (Go to Date, Replay From Date): a
// date field with a calendar that offers only the span's days.
class DateDialog : public QDialog {
    Q_OBJECT
public:
    DateDialog(const QString& title, QDate first, QDate last, QDate current, QWidget* parent = nullptr);
    ~DateDialog() override;

    QDate date() const;
    void setDate(QDate date);

private:
    std::unique_ptr<Ui::DateDialog> ui_;
};

} // namespace ss
