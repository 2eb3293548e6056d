// openPostgresOutbox() as the programs see it: a loader for outbox-postgres.so, opened once.

#include "missive/core/private_files.h"
#include "missive/transport/outbox.h"
#include "outbox_connections.h"
#include "outbox_postgres_module.h"

#include <cstring>

namespace missive::transport
{
namespace
{

tl::unexpected<Error> unavailable(const QString& why)
{
    return makeError(ErrorCode::Unavailable,
                     QStringLiteral("file d'envoi partagée indisponible : le module %1 de Missive est absent ou "
                                    "illisible")
                         .arg(QString::fromLatin1(OutboxModuleFile)),
                     QStringLiteral("outbox-module-unavailable: %1").arg(why));
}

Result<const OutboxModuleInterface*> loadModule()
{
    auto entry = openPrivateModule(QString::fromLatin1(OutboxModuleFile), OutboxModuleEntry);
    if (!entry) {
        return unavailable(entry.error().detail);
    }
    const OutboxModuleInterface* module = reinterpret_cast<OutboxModuleEntryPoint>(*entry)();
    if (!module) {
        return unavailable(QStringLiteral("no module table"));
    }
    if (module->abi != OutboxModuleAbi || std::strcmp(module->build, OutboxModuleBuild) != 0) {
        return unavailable(QStringLiteral("module from another build (%1, abi %2)")
                               .arg(QString::fromUtf8(module->build))
                               .arg(module->abi));
    }
    return module;
}

} // namespace

const Result<const OutboxModuleInterface*>& outboxModule()
{
    static const Result<const OutboxModuleInterface*> module = loadModule();
    return module;
}

Result<std::unique_ptr<SqlConnection>> openPostgresOutbox(const QString& url, const QByteArray& password)
{
    const auto& module = outboxModule();
    if (!module) {
        return tl::unexpected(module.error());
    }
    return (*module)->open(url, password);
}

Result<void> setupSharedStorage(const QString& url, const QByteArray& password, const QString& service,
                                const QStringList& roles)
{
    if (!isSharedOutboxUrl(url)) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--to attend une base postgresql://serveur/base"),
                         QStringLiteral("setup target"));
    }
    const auto& module = outboxModule();
    if (!module) {
        return tl::unexpected(module.error());
    }
    return (*module)->setup(url, password, service, roles);
}

} // namespace missive::transport
