#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace missive::gui
{

QString interfaceLanguage()
{
    const QString asked = qEnvironmentVariable("MISSIVE_LANGUAGE").trimmed().toLower();
    return asked == QLatin1String("en") ? asked : QStringLiteral("fr");
}

bool installTranslators(QCoreApplication& app, const QString& language)
{
    // Parented to the application: they live as long as it does.
    auto* qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    }
    auto* own = new QTranslator(&app);
    if (!own->load(QStringLiteral(":/i18n/missive_") + language)) {
        return false;
    }
    QCoreApplication::installTranslator(own);
    return true;
}

} // namespace missive::gui
