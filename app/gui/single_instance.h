#pragma once
// One session client per user session. The lock file decides who runs; a second start (the menu
// entry clicked again) asks the running one, through a local socket in the user's runtime
// directory (0700, the user's only), to come to the front, then leaves.

#include <QLocalServer>
#include <QObject>
#include <QString>

namespace missive::gui
{

class SingleInstance : public QObject
{
    Q_OBJECT

public:
    // `socketPath`: e.g. <runtime dir>/missive-app.socket.
    explicit SingleInstance(QString socketPath, QObject* parent = nullptr);

    // The running instance listens (a stale socket left by a crash is replaced).
    bool listen();
    // A second instance: tells the running one to show itself; false when none answers.
    [[nodiscard]] bool activateRunning(int timeoutMs = 1000) const;

signals:
    void activationRequested();

private:
    QString m_path;
    QLocalServer m_server;
};

} // namespace missive::gui
