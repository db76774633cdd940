#include "ReplayKeys.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace ss {

ReplayKeys::ReplayKeys(QMainWindow* window) : QObject(window), window_(window)
{
    qApp->installEventFilter(this);
}

ReplayKeys::~ReplayKeys()
{
    qApp->removeEventFilter(this);
}

void ReplayKeys::add(QAction* action)
{
    actions_.append(action);
    action->setShortcutContext(Qt::WindowShortcut);
    // A floating panel is a window of its own: the keys work there too.
    window_->addAction(action);
    for (QDockWidget* dock : window_->findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly))
        dock->addAction(action);
}

bool ReplayKeys::takesTyping(const QWidget* widget)
{
    if (const auto* line = qobject_cast<const QLineEdit*>(widget))
        return !line->isReadOnly();
    if (const auto* text = qobject_cast<const QTextEdit*>(widget))
        return !text->isReadOnly();
    if (const auto* plain = qobject_cast<const QPlainTextEdit*>(widget))
        return !plain->isReadOnly();
    if (const auto* spin = qobject_cast<const QAbstractSpinBox*>(widget))
        return !spin->isReadOnly();
    if (const auto* combo = qobject_cast<const QComboBox*>(widget))
        return combo->isEditable();
    return false;
}

bool ReplayKeys::isOurs(const QWidget* widget) const
{
    const QWidget* top = widget->window();
    if (top == window_)
        return true;
    const auto* dock = qobject_cast<const QDockWidget*>(top);
    return dock && dock->parentWidget() == window_;
}

bool ReplayKeys::matches(const QKeyEvent& key) const
{
    const QKeySequence pressed(key.keyCombination());
    for (const QAction* action : actions_)
        if (action->isEnabled())
            for (const QKeySequence& shortcut : action->shortcuts())
                if (shortcut.matches(pressed) == QKeySequence::ExactMatch)
                    return true;
    return false;
}

bool ReplayKeys::eventFilter(QObject* watched, QEvent* event)
{
    // A widget that accepts the override keeps the key from the shortcuts;
    // left unaccepted, the key goes to the replay's action.
    if (event->type() != QEvent::ShortcutOverride || !watched->isWidgetType())
        return false;
    const auto* widget = static_cast<QWidget*>(watched);
    if (takesTyping(widget) || !isOurs(widget) || !matches(*static_cast<QKeyEvent*>(event)))
        return false;
    event->ignore();
    return true;
}

} // namespace ss
