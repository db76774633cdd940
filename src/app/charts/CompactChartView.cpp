#include "CompactChartView.h"

namespace ss {

void CompactChartView::resizeEvent(QResizeEvent* event)
{
    const QSize own = minimumSize();
    QChartView::resizeEvent(event);
    setMinimumSize(own);
}

} // namespace ss
