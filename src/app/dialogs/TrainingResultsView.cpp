#include "TrainingResultsView.h"
#include "ui_TrainingResultsView.h"

#include "app/panels/BacktestSentence.h"
#include "app/panels/HoldOutVerdict.h"

#include <QHeaderView>
#include <QLocale>

#include <array>

namespace ss {

namespace {

QString percent(double v)
{
    return QLocale().toString(v * 100, 'f', 2) + QStringLiteral(" %");
}

QString decimal(double v, int digits)
{
    return QLocale().toString(v, 'f', digits);
}

QTableWidgetItem* figureItem(const QString& text, const QVariant& figure)
{
    auto* item = new QTableWidgetItem(text);
    item->setData(TrainingResultsView::FigureRole, figure);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

TrainingResultsView::TrainingResultsView(QWidget* parent)
    : QTabWidget(parent), ui_(std::make_unique<Ui::TrainingResultsView>())
{
    ui_->setupUi(this);
    const QStringList rows{tr("Examples"),          tr("Accuracy"),  tr("95% interval"),
                           tr("Always up"),         tr("Always down"), tr("Same as last move"),
                           tr("Precision"),         tr("Recall"),    tr("ROC AUC"),
                           tr("Log loss"),          tr("Brier score")};
    ui_->metricsTable->setRowCount(MetricRowCount);
    ui_->metricsTable->setColumnCount(2);
    ui_->metricsTable->setHorizontalHeaderLabels({tr("Hold-out"), tr("Training")});
    ui_->metricsTable->setVerticalHeaderLabels(rows);
    ui_->confusionTable->setRowCount(2);
    ui_->confusionTable->setColumnCount(2);
    ui_->confusionTable->setHorizontalHeaderLabels({tr("called up"), tr("called not up")});
    ui_->confusionTable->setVerticalHeaderLabels({tr("went up"), tr("did not go up")});
    ui_->coefficientTable->setColumnCount(2);
    ui_->coefficientTable->setHorizontalHeaderLabels({tr("Feature"), tr("Weight")});
    // Both tables show all their rows and no more: the charts take the rest.
    for (QTableWidget* table : {ui_->metricsTable, ui_->confusionTable}) {
        table->setWordWrap(false);
        table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
        table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        table->setFixedHeight(table->horizontalHeader()->sizeHint().height()
                              + table->rowCount() * table->verticalHeader()->defaultSectionSize() + 2 * table->frameWidth());
    }
    ui_->confusionLayout->addStretch();
}

TrainingResultsView::~TrainingResultsView() = default;

void TrainingResultsView::showNothing(const QString& why)
{
    showMetrics(HoldOut, nullptr);
    showMetrics(Training, nullptr);
    ui_->confusionTitle->setText(tr("Hold-out confusion matrix"));
    ui_->confusionTable->clearContents();
    ui_->rocChart->clear();
    ui_->calibrationChart->clear();
    ui_->coefficientTable->setRowCount(0);
    ui_->regularizationChart->clear();
    ui_->searchLabel->clear();
    ui_->holdOutTradesLabel->clear();
    ui_->verdictLabel->setText(why);
}

void TrainingResultsView::showFit(const ModelTrainer::Outcome& outcome,
                                  const std::optional<RegularizationSearch::Result>& search,
                                  const std::optional<StrategyAccounts>& trades, double costBps)
{
    showMetrics(HoldOut, outcome.test ? &*outcome.test : nullptr);
    showMetrics(Training, outcome.train ? &*outcome.train : nullptr);
    const ClassificationMetrics& judged = outcome.test ? *outcome.test : *outcome.train;
    ui_->confusionTitle->setText(!outcome.test ? tr("Training confusion matrix (nothing held out)")
                                               : tr("Hold-out confusion matrix"));
    const std::array<std::uint64_t, 4> cells{judged.truePositives(), judged.falseNegatives(), judged.falsePositives(),
                                             judged.trueNegatives()};
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto count = static_cast<qulonglong>(cells[i]);
        ui_->confusionTable->setItem(static_cast<int>(i / 2), static_cast<int>(i % 2),
                                     figureItem(QLocale().toString(count), count));
    }
    ui_->rocChart->show(judged);
    ui_->calibrationChart->show(judged);
    showCoefficients(*outcome.model);
    if (search) {
        ui_->regularizationChart->show(*search);
        ui_->searchLabel->setText(tr("Walk-forward validation on the training part chose C = %1 (lowest log loss "
                                     "over %2 predicted examples).")
                                      .arg(QLocale().toString(search->bestC, 'g', 3))
                                      .arg(QLocale().toString(static_cast<qulonglong>(search->curve.front().examples))));
    } else {
        ui_->regularizationChart->clear();
        ui_->searchLabel->clear();
    }
    ui_->holdOutTradesLabel->setText(trades ? BacktestSentence::of(*trades, costBps) : QString());
    if (!outcome.test) {
        ui_->verdictLabel->setText(tr("<b>Nothing was held out.</b> The figures are on the examples the model was "
                                      "fitted to, which flatters it; judge a pooled model in a replay, where every "
                                      "call is scored beside the baselines."));
        return;
    }
    ui_->verdictLabel->setText(HoldOutVerdict::of(*outcome.test).text());
}

void TrainingResultsView::showMetrics(int column, const ClassificationMetrics* m)
{
    for (int row = 0; row < MetricRowCount; ++row) {
        if (!m) {
            ui_->metricsTable->setItem(row, column, figureItem(QStringLiteral("–"), {}));
            continue;
        }
        const Tally& t = m->tally();
        const auto optional = [](std::optional<double> v, int digits) {
            return v ? figureItem(decimal(*v, digits), *v) : figureItem(tr("undefined"), {});
        };
        QTableWidgetItem* item = nullptr;
        switch (row) {
        case Examples: item = figureItem(QLocale().toString(static_cast<qulonglong>(m->examples())),
                                         static_cast<qulonglong>(m->examples())); break;
        case Accuracy: item = figureItem(percent(t.accuracy()), t.accuracy()); break;
        case Interval: item = figureItem(tr("%1 – %2").arg(percent(m->accuracyLow()), percent(m->accuracyHigh())),
                                         QVariantList{m->accuracyLow(), m->accuracyHigh()}); break;
        case AlwaysUp: item = figureItem(percent(t.alwaysUpAccuracy()), t.alwaysUpAccuracy()); break;
        case AlwaysDown: item = figureItem(percent(t.alwaysDownAccuracy()), t.alwaysDownAccuracy()); break;
        case LastMove: item = figureItem(percent(t.lastMoveAccuracy()), t.lastMoveAccuracy()); break;
        case Precision: item = optional(m->precision(), 4); break;
        case Recall: item = optional(m->recall(), 4); break;
        case RocAuc: item = optional(m->rocAuc(), 4); break;
        case LogLoss: item = figureItem(decimal(m->logLoss(), 5), m->logLoss()); break;
        default: item = figureItem(decimal(m->brier(), 5), m->brier()); break;
        }
        ui_->metricsTable->setItem(row, column, item);
    }
}

void TrainingResultsView::showCoefficients(const LogisticModel& model)
{
    const std::vector<std::string> names = features::names(model.transform(), model.window());
    const auto& weights = model.weights();
    ui_->coefficientTable->setRowCount(static_cast<int>(weights.size()) + 1);
    for (std::size_t i = 0; i <= weights.size(); ++i) {
        const bool intercept = i == weights.size();
        const double value = intercept ? model.intercept() : weights[i];
        const auto row = static_cast<int>(i);
        ui_->coefficientTable->setItem(row, 0, new QTableWidgetItem(intercept ? tr("intercept")
                                                                              : QString::fromStdString(names[i])));
        ui_->coefficientTable->setItem(row, 1, figureItem(QLocale().toString(value, 'g', 6), value));
    }
}

} // namespace ss
