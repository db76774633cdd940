#include "DateDialog.h"

#include "ui_DateDialog.h"

namespace ss {

DateDialog::DateDialog(const QString& title, QDate first, QDate last, QDate current, QWidget* parent)
    : QDialog(parent), ui_(std::make_unique<Ui::DateDialog>())
{
    ui_->setupUi(this);
    setWindowTitle(title);
    ui_->dateEdit->setDateRange(first, last);
    ui_->dateEdit->setDate(current);
    ui_->rangeNote->setText(tr("The data runs from %1 to %2.")
                                .arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate)));
    ui_->dateEdit->setFocus();
}

DateDialog::~DateDialog() = default;

QDate DateDialog::date() const
{
    return ui_->dateEdit->date();
}

void DateDialog::setDate(QDate date)
{
    ui_->dateEdit->setDate(date);
}

} // namespace ss
