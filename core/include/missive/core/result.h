#pragma once
// One result type for every fallible call in Missive (house style §2.5).

#include <QString>
#include <tl/expected.hpp>

namespace missive
{

// Stable codes: used for exit codes, quarantine reasons and tests.
enum class ErrorCode
{
    InvalidArgument,
    NotFound,
    PermissionDenied,
    UnsafePath,
    Integrity,
    Io,
    NoSpace,
    ExternalTool,
    Unavailable,
};

struct Error
{
    ErrorCode code = ErrorCode::Io;
    QString userMessage; // French, shown to the user
    QString detail;      // English, for logs: never patient data
};

template <class T> using Result = tl::expected<T, Error>;

[[nodiscard]] tl::unexpected<Error> makeError(ErrorCode code, QString userMessage, QString detail = {});
[[nodiscard]] QString errorCodeName(ErrorCode code);

} // namespace missive
