#include "OnlineLearningDialog.h"

#include "ui_OnlineLearningDialog.h"

#include <QSettings>

namespace ss {

namespace {
// Combo box rows, in the order of the form.
constexpr int kEachTimestamp = 0;
constexpr int kEveryNRecords = 1;
} // namespace

OnlineLearningDialog::OnlineLearningDialog(QWidget* parent)
    : QDialog(parent), ui_(std::make_unique<Ui::OnlineLearningDialog>())
{
    ui_->setupUi(this);
    QPalette warning = ui_->problemLabel->palette();
    warning.setColor(QPalette::WindowText, Qt::red);
    ui_->problemLabel->setPalette(warning);
    connect(ui_->halfLifeCheck, &QCheckBox::toggled, this, [this](bool on) {
        ui_->halfLifeSpin->setEnabled(on);
        ui_->decaySpin->setEnabled(!on);
    });
    connect(ui_->batchCombo, &QComboBox::currentIndexChanged, this,
            [this](int row) { ui_->batchSpin->setEnabled(row == kEveryNRecords); });
    connect(ui_->buttonBox, &QDialogButtonBox::accepted, this, &OnlineLearningDialog::accept);
    connect(ui_->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setOptions(OnlineOptions{});
}

OnlineLearningDialog::~OnlineLearningDialog() = default;

void OnlineLearningDialog::setOptions(const OnlineOptions& o)
{
    ui_->batchCombo->setCurrentIndex(o.batchRecords ? kEveryNRecords : kEachTimestamp);
    if (o.batchRecords)
        ui_->batchSpin->setValue(static_cast<int>(o.batchRecords));
    ui_->clustersSpin->setValue(o.clustering.k);
    ui_->decaySpin->setValue(o.clustering.decay);
    ui_->halfLifeCheck->setChecked(o.clustering.halfLife.has_value());
    if (o.clustering.halfLife)
        ui_->halfLifeSpin->setValue(*o.clustering.halfLife);
    ui_->regressionCombo->setCurrentIndex(o.regression.method == RegressionMethod::Sgd ? 0 : 1);
    ui_->scorerBox->setChecked(o.scorer.enabled);
    ui_->startCombo->setCurrentIndex(o.scorer.start == OnlineStart::Model ? 0 : 1);
    ui_->updateCombo->setCurrentIndex(o.scorer.update == OnlineUpdate::Newton ? 0 : 1);
    ui_->scopeCombo->setCurrentIndex(o.scorer.scope == OnlineScope::Global ? 0 : 1);
}

OnlineOptions OnlineLearningDialog::options() const
{
    OnlineOptions o;
    if (ui_->batchCombo->currentIndex() == kEveryNRecords)
        o.batchRecords = static_cast<std::size_t>(ui_->batchSpin->value());
    o.clustering.k = ui_->clustersSpin->value();
    o.clustering.decay = ui_->decaySpin->value();
    if (ui_->halfLifeCheck->isChecked())
        o.clustering.halfLife = ui_->halfLifeSpin->value();
    o.regression.method = ui_->regressionCombo->currentIndex() == 0 ? RegressionMethod::Sgd : RegressionMethod::Rls;
    o.scorer.enabled = ui_->scorerBox->isChecked();
    o.scorer.start = ui_->startCombo->currentIndex() == 0 ? OnlineStart::Model : OnlineStart::Zero;
    o.scorer.update = ui_->updateCombo->currentIndex() == 0 ? OnlineUpdate::Newton : OnlineUpdate::Sgd;
    o.scorer.scope = ui_->scopeCombo->currentIndex() == 0 ? OnlineScope::Global : OnlineScope::PerStock;
    return o;
}

QString OnlineLearningDialog::problem() const
{
    return options().problem().value_or(QString());
}

void OnlineLearningDialog::accept()
{
    const QString why = problem();
    ui_->problemLabel->setText(why.isEmpty() ? QString() : tr("Cannot apply: %1.").arg(why));
    ui_->problemLabel->setVisible(!why.isEmpty());
    if (why.isEmpty())
        QDialog::accept();
}

OnlineOptions OnlineLearningDialog::load(const QSettings& settings)
{
    OnlineOptions o;
    o.batchRecords = settings.value("online/batchRecords", 0).toULongLong();
    o.clustering.k = settings.value("online/k", 0).toInt();
    o.clustering.decay = settings.value("online/decay", 1.0).toDouble();
    if (settings.contains("online/halfLife"))
        o.clustering.halfLife = settings.value("online/halfLife").toDouble();
    o.regression.method = settings.value("online/regression").toString() == QLatin1String(regressionMethodName(RegressionMethod::Rls))
                              ? RegressionMethod::Rls
                              : RegressionMethod::Sgd;
    o.scorer.enabled = settings.value("online/scorer", false).toBool();
    o.scorer.start = settings.value("online/scorerStart").toString() == QLatin1String(onlineStartName(OnlineStart::Zero))
                         ? OnlineStart::Zero
                         : OnlineStart::Model;
    o.scorer.update = settings.value("online/scorerUpdate").toString() == QLatin1String(onlineUpdateName(OnlineUpdate::Sgd))
                          ? OnlineUpdate::Sgd
                          : OnlineUpdate::Newton;
    o.scorer.scope = settings.value("online/scorerScope").toString() == QLatin1String(onlineScopeName(OnlineScope::PerStock))
                         ? OnlineScope::PerStock
                         : OnlineScope::Global;
    // A hand-edited or older settings file must not start a replay that the
    // dialog itself would refuse.
    return o.problem() ? OnlineOptions{} : o;
}

void OnlineLearningDialog::save(QSettings& settings, const OnlineOptions& o)
{
    settings.setValue("online/batchRecords", static_cast<qulonglong>(o.batchRecords));
    settings.setValue("online/k", o.clustering.k);
    settings.setValue("online/decay", o.clustering.decay);
    if (o.clustering.halfLife)
        settings.setValue("online/halfLife", *o.clustering.halfLife);
    else
        settings.remove("online/halfLife");
    settings.setValue("online/regression", QLatin1String(regressionMethodName(o.regression.method)));
    settings.setValue("online/scorer", o.scorer.enabled);
    settings.setValue("online/scorerStart", QLatin1String(onlineStartName(o.scorer.start)));
    settings.setValue("online/scorerUpdate", QLatin1String(onlineUpdateName(o.scorer.update)));
    settings.setValue("online/scorerScope", QLatin1String(onlineScopeName(o.scorer.scope)));
}

} // namespace ss
