#pragma once

#include <QList>
#include <QObject>

class QAction;
class QKeyEvent;
class QMainWindow;
class QWidget;

namespace ss {

// The replay's keys (Space, the arrows, Shift+arrows…) for the whole
// window: an action that joins works whatever widget has the keyboard, a
// floating panel's included, except a field being typed in, which keeps
// its keys. Widgets that would otherwise take an arrow or Space for
// themselves (a chart's view, a read-only text) give it up to the replay.
class ReplayKeys : public QObject {
    Q_OBJECT
public:
    explicit ReplayKeys(QMainWindow* window);
    ~ReplayKeys() override;

    void add(QAction* action);
    const QList<QAction*>& actions() const { return actions_; }

    // Whether typing in `widget` is text: a line edit, an editable text or
    // spin box, an editable combo box.
    static bool takesTyping(const QWidget* widget);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool isOurs(const QWidget* widget) const;
    bool matches(const QKeyEvent& key) const;

    QMainWindow* window_;
    QList<QAction*> actions_;
};

} // namespace ss
