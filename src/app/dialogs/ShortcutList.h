#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

class QMainWindow;

namespace ss {

// Every keyboard shortcut a window answers to, read from its actions (by
// menu, then those of no menu) and its stand-alone shortcuts, so the list
// shown to the user is the one in force.
class ShortcutList {
public:
    struct Entry {
        QString group;  // the menu, without its mnemonic
        QString what;
        QList<QKeySequence> keys;
    };

    static ShortcutList of(const QMainWindow* window);

    const QList<Entry>& entries() const { return entries_; }
    // The keys of the entry for `what` (without mnemonics), or none.
    QList<QKeySequence> keysOf(const QString& what) const;
    QString toHtml() const;

private:
    QList<Entry> entries_;
};

} // namespace ss
