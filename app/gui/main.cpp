// missive-app: the secretary's client. Without arguments it is the session client: one instance per
// user session, a tray icon, the spool watched and each new letter's confirmation popup shown (see
// MainWindow). With a PDF, or with --demo (the oldest waiting letter), it handles that one letter:
// reads it off the GUI thread, shows the popup, and on "Envoyer" queues and delivers it; --demo
// confirms the proposal by itself (headless demonstration with QT_QPA_PLATFORM=offscreen).

#include "app_icon.h"
#include "background.h"
#include "confirmation_dialog.h"
#include "main_window.h"
#include "missive/engine/intake.h"
#include "missive/engine/letter_proposal.h"
#include "missive/engine/letter_queue.h"
#include "missive/engine/reading.h"
#include "missive/engine/storage.h"
#include "missive/settings/settings.h"
#include "single_instance.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLockFile>
#include <QMenu>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTextStream>
#include <QTimer>
#include <cstdio>
#include <sys/stat.h>

using namespace missive;

int main(int argc, char* argv[])
{
    umask(077); // everything written may be health data
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("missive"));
    QApplication::setApplicationVersion(QStringLiteral(MISSIVE_VERSION));
    QApplication::setWindowIcon(gui::missiveIcon());
    gui::installTranslators(app, gui::interfaceLanguage());
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Missive : confirmation et envoi des courriers imprimés."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("fichier"), QStringLiteral("PDF à envoyer (défaut : le plus ancien "
                                                                           "document en attente)"));
    parser.addOption({QStringLiteral("db"), QStringLiteral("annuaire"), QStringLiteral("ANNUAIRE")});
    parser.addOption({QStringLiteral("config"), QStringLiteral("fichier de configuration"), QStringLiteral("FICHIER")});
    parser.addOption(
        {QStringLiteral("spool"), QStringLiteral("racine des dossiers de réception"), QStringLiteral("DOSSIER")});
    parser.addOption({QStringLiteral("demo"), QStringLiteral("confirmer automatiquement la proposition")});
    parser.process(app);

    auto settings = settings::loadSettings(parser.value(QStringLiteral("config")));
    if (!settings) {
        err << "missive-app : " << settings.error().userMessage << '\n';
        return 2;
    }
    settings->softwareVersion = QStringLiteral(MISSIVE_VERSION);
    std::optional<directory::Directory> directory;
    if (auto opened = engine::openDirectory(*settings, parser.value(QStringLiteral("db"))); opened) {
        directory.emplace(std::move(*opened));
    } else {
        err << "missive-app : " << opened.error().userMessage << '\n';
    }
    directory::Directory* dir = directory ? &*directory : nullptr;

    const QString outboxPath = settings->outboxPath; // empty: the user's default outbox
    const QString user = qEnvironmentVariable("USER", QStringLiteral("inconnu"));
    if (parser.positionalArguments().isEmpty() && !parser.isSet(QStringLiteral("demo"))) {
        // One client per user session: a second start brings the running one to the front and leaves.
        const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
        QDir().mkpath(runtime);
        QLockFile lock(runtime + QStringLiteral("/missive-app.lock"));
        gui::SingleInstance instance(runtime + QStringLiteral("/missive-app.socket"));
        if (!lock.tryLock(100)) {
            out << (instance.activateRunning() ? "Missive est déjà lancé dans cette session : fenêtre affichée.\n"
                                               : "Missive est déjà lancé dans cette session.\n");
            return 0;
        }
        instance.listen();
        const QString explicitConfig = parser.value(QStringLiteral("config"));
        const QString configPath = explicitConfig.isEmpty() ? settings::userConfigPath() : explicitConfig;
        gui::MainWindow window(gui::SessionContext{*settings, dir, outboxPath,
                                                   engine::spoolRoot(parser.value(QStringLiteral("spool"))), user,
                                                   configPath, explicitConfig});
        if (auto started = window.start(); !started) {
            err << "missive-app : " << started.error().userMessage << '\n';
            return 1;
        }
        QObject::connect(&instance, &gui::SingleInstance::activationRequested, &window, [&window] {
            window.showNormal();
            window.raise();
            window.activateWindow();
        });
        std::unique_ptr<QSystemTrayIcon> tray;
        if (QSystemTrayIcon::isSystemTrayAvailable()) {
            tray = std::make_unique<QSystemTrayIcon>(gui::missiveIcon());
            auto* menu = new QMenu(&window);
            menu->addAction(QObject::tr("Ouvrir Missive"), &window, &QWidget::showNormal);
            menu->addAction(QObject::tr("Quitter"), &app, &QApplication::quit);
            tray->setContextMenu(menu);
            tray->setToolTip(QStringLiteral("Missive"));
            QObject::connect(tray.get(), &QSystemTrayIcon::activated, &window, &QWidget::showNormal);
            // A scanned letter takes seconds to read: say so rather than leave the print unanswered.
            QObject::connect(&window, &gui::MainWindow::slowReading, tray.get(), [&tray](const QString& title) {
                tray->showMessage(QStringLiteral("Missive"),
                                  QObject::tr("Lecture du courrier « %1 » (reconnaissance du texte)…").arg(title),
                                  QSystemTrayIcon::Information, 4000);
            });
            // A letter sent, or one that failed: said where she is, not only in Historique.
            QObject::connect(&window, &gui::MainWindow::deliveryNotice, tray.get(),
                             [&tray](const QString& message, bool failure) {
                                 tray->showMessage(QStringLiteral("Missive"), message,
                                                   failure ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information,
                                                   failure ? 10000 : 4000);
                             });
            tray->show();
            QApplication::setQuitOnLastWindowClosed(false);
        } else {
            QObject::connect(&window, &gui::MainWindow::deliveryNotice, &window,
                             [&window](const QString& message, bool) {
                                 window.statusBar()->showMessage(QString(message).replace(u'\n', u' '), 10000);
                             });
            window.show();
        }
        return QApplication::exec();
    }

    // A file given on the command line, else the oldest waiting print (read once and checked).
    const QString pdfPath = parser.positionalArguments().value(0);
    const engine::Intake intake(engine::Inbox(engine::spoolRoot(parser.value(QStringLiteral("spool")))));
    std::optional<engine::IntakeLetter> printed;
    QByteArray pdf;
    if (pdfPath.isEmpty()) {
        auto waiting = intake.inbox().waiting();
        if (!waiting || waiting->jobs.isEmpty()) {
            out << "Aucun document en attente.\n";
            return 0;
        }
        auto letter = intake.open(waiting->jobs.front().id);
        if (!letter) {
            err << "missive-app : " << letter.error().userMessage << '\n';
            return 1;
        }
        printed = std::move(*letter);
        pdf = printed->pdf;
    } else {
        auto file = engine::readLetterFile(pdfPath);
        if (!file) {
            err << "missive-app : " << file.error().userMessage << '\n';
            return 1;
        }
        pdf = std::move(*file);
    }

    QProgressDialog progress(QObject::tr("Lecture du courrier…"), QString(), 0, 0);
    progress.setMinimumDuration(300);
    const QString name = printed ? printed->job.title : pdfPath;
    auto proposal = gui::inBackgroundAndWait(
        [&] { return engine::proposeLetter(pdf, name, dir, settings->structure, QStringLiteral(MISSIVE_VERSION)); });
    progress.reset();
    if (!proposal) {
        err << "missive-app : " << proposal.error().userMessage << '\n';
        return 1;
    }

    gui::ConfirmationDialog dialog(std::move(*proposal), dir);
    if (parser.isSet(QStringLiteral("demo"))) {
        QTimer::singleShot(500, dialog.sendButton(), &QPushButton::click);
    }
    const int outcome = dialog.exec();
    if (outcome == gui::ConfirmationDialog::Later) {
        out << "Courrier conservé en attente.\n";
        return 0;
    }
    if (outcome != gui::ConfirmationDialog::Send) {
        out << "Envoi annulé.\n";
        return 0;
    }

    auto delivery = engine::Delivery::open(*settings, outboxPath);
    if (!delivery) {
        err << "missive-app : " << delivery.error().userMessage << '\n';
        return 1;
    }
    const engine::Confirmation confirmation = engine::confirmationOf(dialog.proposal(), user);
    auto queued = printed
                      ? intake.queue(*printed, dialog.proposal().prepared, confirmation, *delivery, dir)
                      : delivery->queue(dialog.proposal().prepared, QStringLiteral("courrier.pdf"), confirmation, dir);
    if (!queued) {
        err << "missive-app : " << queued.error().userMessage << '\n';
        return 1;
    }
    auto ran = gui::inBackgroundAndWait([&] { return delivery->run(); });
    if (!ran) {
        err << "missive-app : " << ran.error().userMessage << '\n';
        return 1;
    }
    out << "Courrier mis en file : " << queued->deliveryIds.size() << " envoi(s), " << ran->sent << " envoyé(s).\n";
    for (const QString& message : ran->messages) {
        err << "missive-app : " << message << '\n';
    }
    return ran->failed > 0 || ran->requeued > 0 || ran->unavailable > 0 ? 6 : 0;
}
