#pragma once

// A main window on the built-in sample with online learning switched on,
// stepped a given number of records, for the tests of the online views.
// Settings live in a folder of the test's own, so runs never share them.
#include "Patience.h"
#include "app/MainWindow.h"
#include "core/online/OnlineLearningStage.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace ss::test {

inline void isolateSettings(const QTemporaryDir& folder, const QString& application)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StockStreamTests"));
    QCoreApplication::setApplicationName(application);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, folder.path());
    QSettings().clear();
    QSettings().setValue("log/enabled", false);
}

// A shown window on the sample; nullptr when the sample did not open.
inline std::unique_ptr<MainWindow> sampleWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->resize(1400, 900);
    window->show();
    QSignalSpy loaded(window.get(), &MainWindow::dataLoaded);
    window->openSample();
    if (!loaded.wait(kPatienceMs) || !loaded.front().front().toBool())
        return nullptr;
    return window;
}

// Steps the window's engine `records` further and waits until it is there.
inline bool stepRecords(MainWindow& window, std::size_t records)
{
    const std::size_t target = window.engine()->progress().processed + records;
    window.engine()->step(records);
    return QTest::qWaitFor([&] { return window.engine()->progress().processed >= target; }, kPatienceMs)
        && window.engine()->progress().processed == target;
}

} // namespace ss::test
