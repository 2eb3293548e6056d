// Catch2 main with a QApplication (widgets), for the GUI tests under the offscreen platform.
#define CATCH_CONFIG_RUNNER
#include "translations.h"

#include <QApplication>
#include <QStandardPaths>
#include <catch2/catch.hpp>

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    missive::gui::installTranslators(app, QStringLiteral("fr")); // as missive-app does
    return Catch::Session().run(argc, argv);
}
