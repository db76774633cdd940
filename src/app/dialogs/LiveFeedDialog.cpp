#include "LiveFeedDialog.h"

#include "ui_LiveFeedDialog.h"

#include <QPushButton>

namespace ss {

LiveFeedDialog::LiveFeedDialog(QWidget* parent) : QDialog(parent), ui_(std::make_unique<Ui::LiveFeedDialog>())
{
    ui_->setupUi(this);
    QPalette warning = ui_->connectProblem->palette();
    warning.setColor(QPalette::WindowText, Qt::red);
    for (QLabel* label : {ui_->connectProblem, ui_->listenProblem, ui_->brokersProblem, ui_->topicProblem,
                          ui_->groupProblem, ui_->propertiesProblem})
        label->setPalette(warning);
    for (QRadioButton* kind : {ui_->connectRadio, ui_->listenRadio, ui_->kafkaRadio})
        connect(kind, &QRadioButton::toggled, this, &LiveFeedDialog::validate);
    for (QLineEdit* edit : {ui_->connectEdit, ui_->listenEdit, ui_->brokersEdit, ui_->topicEdit, ui_->groupEdit})
        connect(edit, &QLineEdit::textChanged, this, &LiveFeedDialog::validate);
    connect(ui_->propertiesEdit, &QPlainTextEdit::textChanged, this, &LiveFeedDialog::validate);
    connect(ui_->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(ui_->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setSettings(LiveFeedSettings{});
}

LiveFeedDialog::~LiveFeedDialog() = default;

void LiveFeedDialog::setSettings(const LiveFeedSettings& s)
{
    ui_->connectRadio->setChecked(s.kind == LiveFeedSettings::Kind::Connect);
    ui_->listenRadio->setChecked(s.kind == LiveFeedSettings::Kind::Listen);
    ui_->kafkaRadio->setChecked(s.kind == LiveFeedSettings::Kind::Kafka);
    ui_->connectEdit->setText(s.connectTo);
    ui_->retrySpin->setValue(s.retrySeconds);
    ui_->listenEdit->setText(s.listenOn);
    ui_->brokersEdit->setText(s.brokers);
    ui_->topicEdit->setText(s.topic);
    ui_->groupEdit->setText(s.group);
    ui_->propertiesEdit->setPlainText(s.properties.join(QLatin1Char('\n')));
    validate();
}

LiveFeedSettings LiveFeedDialog::settings() const
{
    LiveFeedSettings s;
    s.kind = ui_->listenRadio->isChecked()  ? LiveFeedSettings::Kind::Listen
             : ui_->kafkaRadio->isChecked() ? LiveFeedSettings::Kind::Kafka
                                            : LiveFeedSettings::Kind::Connect;
    s.connectTo = ui_->connectEdit->text().trimmed();
    s.retrySeconds = ui_->retrySpin->value();
    s.listenOn = ui_->listenEdit->text().trimmed();
    s.brokers = ui_->brokersEdit->text().trimmed();
    s.topic = ui_->topicEdit->text().trimmed();
    s.group = ui_->groupEdit->text().trimmed();
    s.properties.clear();
    for (const QString& line : ui_->propertiesEdit->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!line.trimmed().isEmpty())
            s.properties.append(line.trimmed());
    return s;
}

void LiveFeedDialog::showProblem(QLabel* label, const QString& problem)
{
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
}

void LiveFeedDialog::validate()
{
    const LiveFeedSettings s = settings();
    ui_->connectBox->setEnabled(s.kind == LiveFeedSettings::Kind::Connect);
    ui_->listenBox->setEnabled(s.kind == LiveFeedSettings::Kind::Listen);
    ui_->kafkaBox->setEnabled(s.kind == LiveFeedSettings::Kind::Kafka);
    const LiveFeedSettings::Problems p = s.problems();
    showProblem(ui_->connectProblem, p.connectTo);
    showProblem(ui_->listenProblem, p.listenOn);
    showProblem(ui_->brokersProblem, p.brokers);
    showProblem(ui_->topicProblem, p.topic);
    showProblem(ui_->groupProblem, p.group);
    showProblem(ui_->propertiesProblem, p.properties);
    ui_->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!p.any());
}

} // namespace ss
