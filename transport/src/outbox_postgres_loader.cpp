// openPostgresOutbox() as the programs see it: a loader for outbox-postgres.so, opened once.

#include "missive/core/private_files.h"
#include "missive/transport/outbox.h"
#include "outbox_connections.h"
#include "outbox_postgres_module.h"

#include <QFile>
#include <cstring>
#include <dlfcn.h>

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
    auto path = privateFilePath(QString::fromLatin1(OutboxModuleFile));
    if (!path) {
        return tl::unexpected(path.error());
    }
    // An absolute path: dlopen searches nothing. Never closed: its connections stay valid.
    void* library = dlopen(QFile::encodeName(*path).constData(), RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char* why = dlerror();
        return unavailable(QString::fromLocal8Bit(why ? why : "dlopen failed"));
    }
    auto* entry = reinterpret_cast<OutboxModuleEntryPoint>(dlsym(library, OutboxModuleEntry));
    const OutboxModuleInterface* module = entry ? entry() : nullptr;
    if (!module) {
        return unavailable(QStringLiteral("no entry point"));
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
