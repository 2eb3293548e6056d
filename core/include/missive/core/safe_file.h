#pragma once
// Files written where a user said (--output, --out, an export): in a shared directory another
// account may have planted a symbolic link there, and following it would overwrite the link's
// target with the victim's rights. The final component is therefore never followed: an existing
// link, directory, device or another user's file is refused with a clear error; the bytes go to a
// temporary file created O_EXCL|O_NOFOLLOW beside the target and renamed over it (rename replaces a
// link planted after the check, it never writes through it), so a reader never sees half a file.
// Links in the directories above are followed: they are the writer's own choice of place.

#include "missive/core/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace missive
{

class SafeFileWriter
{
public:
    // Opens the temporary file beside `path`. `privateFile`: mode 0600 (health data), else 0644.
    [[nodiscard]] static Result<SafeFileWriter> open(const QString& path, bool privateFile = true);

    SafeFileWriter(SafeFileWriter&&) noexcept;
    SafeFileWriter& operator=(SafeFileWriter&&) noexcept;
    ~SafeFileWriter(); // not committed: the temporary file is removed, the target untouched

    [[nodiscard]] Result<void> write(const char* data, qint64 size);
    [[nodiscard]] Result<void> write(const QByteArray& data) { return write(data.constData(), data.size()); }
    // Flushed to disk and renamed over the target.
    [[nodiscard]] Result<void> commit();

private:
    struct State;
    explicit SafeFileWriter(std::unique_ptr<State> state);
    std::unique_ptr<State> d;
};

// The whole file at once.
[[nodiscard]] Result<void> writeFileSafely(const QString& path, const QByteArray& data, bool privateFile = true);

} // namespace missive
