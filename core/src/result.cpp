#include "missive/core/result.h"

namespace missive
{

tl::unexpected<Error> makeError(ErrorCode code, QString userMessage, QString detail)
{
    return tl::make_unexpected(Error{code, std::move(userMessage), std::move(detail)});
}

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
        return QStringLiteral("invalid-argument");
    case ErrorCode::NotFound:
        return QStringLiteral("not-found");
    case ErrorCode::PermissionDenied:
        return QStringLiteral("permission-denied");
    case ErrorCode::UnsafePath:
        return QStringLiteral("unsafe-path");
    case ErrorCode::Integrity:
        return QStringLiteral("integrity");
    case ErrorCode::Io:
        return QStringLiteral("io");
    case ErrorCode::NoSpace:
        return QStringLiteral("no-space");
    case ErrorCode::ExternalTool:
        return QStringLiteral("external-tool");
    case ErrorCode::Unavailable:
        return QStringLiteral("unavailable");
    }
    return QStringLiteral("io");
}

} // namespace missive
