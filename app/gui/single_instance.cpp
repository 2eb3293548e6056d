#include "single_instance.h"

#include <QLocalSocket>

namespace missive::gui
{

namespace
{
constexpr char ShowRequest[] = "show\n";
}

SingleInstance::SingleInstance(QString socketPath, QObject* parent)
    : QObject(parent)
    , m_path(std::move(socketPath))
{
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* client = m_server.nextPendingConnection()) {
            connect(client, &QLocalSocket::disconnected, client, &QObject::deleteLater);
            connect(client, &QLocalSocket::readyRead, this, [this, client] {
                if (client->readAll().startsWith("show")) {
                    emit activationRequested();
                }
                client->disconnectFromServer();
            });
        }
    });
}

bool SingleInstance::listen()
{
    QLocalServer::removeServer(m_path); // only ever called by the lock holder
    return m_server.listen(m_path);
}

bool SingleInstance::activateRunning(int timeoutMs) const
{
    QLocalSocket socket;
    socket.connectToServer(m_path);
    if (!socket.waitForConnected(timeoutMs)) {
        return false;
    }
    socket.write(ShowRequest);
    return socket.waitForBytesWritten(timeoutMs);
}

} // namespace missive::gui
