#pragma once
// The interface language. Missive speaks French; the catalogues in app/gui/i18n (Qt Linguist .ts,
// French source strings) let wording be revised without touching code, and give an English UI
// for non-French-speaking staff or support (MISSIVE_LANGUAGE=en). Qt's own strings (Oui/Non,
// Annuler, the text fields' menus) come from Qt's catalogue for the same language.

#include <QString>

class QCoreApplication;

namespace missive::gui
{

// "fr" (default) or "en": $MISSIVE_LANGUAGE when it names one of them.
[[nodiscard]] QString interfaceLanguage();
// Installs Missive's and Qt's translators for `language` on the application; false when Missive's
// catalogue for it is missing (the French source strings then show).
bool installTranslators(QCoreApplication& app, const QString& language);

} // namespace missive::gui
