#include "ShortcutList.h"

#include <QAction>
#include <QCoreApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QShortcut>

namespace ss {

namespace {

QString plain(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    text.remove(QStringLiteral("…"));
    return text.trimmed();
}

void collect(const QMenu* menu, const QString& group, QList<ShortcutList::Entry>& entries, QSet<const QAction*>& seen)
{
    for (const QAction* action : menu->actions()) {
        if (action->menu()) {
            collect(action->menu(), group, entries, seen);
            continue;
        }
        if (seen.contains(action) || action->shortcuts().isEmpty())
            continue;
        seen.insert(action);
        entries.append({group, plain(action->text()), action->shortcuts()});
    }
}

} // namespace

ShortcutList ShortcutList::of(const QMainWindow* window)
{
    ShortcutList list;
    QSet<const QAction*> seen;
    for (const QAction* top : window->menuBar()->actions())
        if (top->menu())
            collect(top->menu(), plain(top->text()), list.entries_, seen);
    const QString other = QCoreApplication::translate("ShortcutList", "Window");
    // Those the window answers to outside its menus; a dialog's own are not.
    for (const QAction* action : window->findChildren<QAction*>())
        if (!seen.contains(action) && !action->shortcuts().isEmpty()
            && action->associatedObjects().contains(const_cast<QMainWindow*>(window))) {
            seen.insert(action);
            list.entries_.append({other, plain(action->text()), action->shortcuts()});
        }
    for (const QShortcut* shortcut : window->findChildren<QShortcut*>())
        if (shortcut->isEnabled() && !shortcut->whatsThis().isEmpty())
            list.entries_.append({other, shortcut->whatsThis(), shortcut->keys()});
    return list;
}

QList<QKeySequence> ShortcutList::keysOf(const QString& what) const
{
    for (const Entry& e : entries_)
        if (e.what == what)
            return e.keys;
    return {};
}

QString ShortcutList::toHtml() const
{
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
    QString group;
    for (const Entry& e : entries_) {
        if (e.group != group) {
            group = e.group;
            html += QStringLiteral("<tr><td colspan=\"2\"><h3>%1</h3></td></tr>").arg(group.toHtmlEscaped());
        }
        QStringList keys;
        for (const QKeySequence& k : e.keys)
            keys.append(QStringLiteral("<b>%1</b>").arg(k.toString(QKeySequence::NativeText).toHtmlEscaped()));
        html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                    .arg(keys.join(QCoreApplication::translate("ShortcutList", " or ")), e.what.toHtmlEscaped());
    }
    return html + QStringLiteral("</table>");
}

} // namespace ss
