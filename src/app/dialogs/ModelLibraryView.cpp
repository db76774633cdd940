#include "ModelLibraryView.h"
#include "ui_ModelLibraryView.h"

#include "app/models/ModelLibraryModel.h"
#include "core/system/InstalledData.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace ss {

ModelLibraryView::ModelLibraryView(QWidget* parent)
    : QWidget(parent), ui_(std::make_unique<Ui::ModelLibraryView>()), library_(new ModelLibraryModel(this))
{
    ui_->setupUi(this);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(library_);
    proxy->setSortRole(ModelLibraryModel::SortRole);
    ui_->libraryView->setModel(proxy);
    ui_->libraryView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(ui_->libraryUseButton, &QPushButton::clicked, this, &ModelLibraryView::useSelected);
    connect(ui_->libraryView, &QTableView::doubleClicked, this, &ModelLibraryView::useSelected);
    connect(ui_->libraryReloadButton, &QPushButton::clicked, library_, &ModelLibraryModel::reload);
}

ModelLibraryView::~ModelLibraryView() = default;

void ModelLibraryView::setFolder(const QString& folder)
{
    // The installed models are listed too, to switch back to or compare with.
    library_->setFolders({folder, InstalledData().modelsFolder()});
}

bool ModelLibraryView::useSelected()
{
    const auto* proxy = static_cast<QSortFilterProxyModel*>(ui_->libraryView->model());
    const int row = proxy->mapToSource(ui_->libraryView->currentIndex()).row();
    const LogisticModel* model = library_->model(row);
    if (!model)
        return false;
    emit modelChosen(std::make_shared<const LogisticModel>(*model), library_->path(row));
    return true;
}

} // namespace ss
