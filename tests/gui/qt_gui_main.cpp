// Catch2 main with a QApplication (widgets), for the GUI tests under the offscreen platform (or the
// one QT_QPA_PLATFORM names: the layout tests run in Xvfb), in missive-app's language.
#define CATCH_CONFIG_RUNNER
#include "translations.h"

#include <QApplication>
#include <QStandardPaths>
#include <catch2/catch.hpp>

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    missive::gui::installTranslators(app, missive::gui::interfaceLanguage()); // as missive-app does
    return Catch::Session().run(argc, argv);
}
