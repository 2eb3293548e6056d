#pragma once
// Whole reads and writes on a pipe between missive-app and its reading worker (EINTR retried,
// short transfers continued). POSIX only.

#include <cerrno>
#include <cstddef>
#include <unistd.h>

namespace missive::ocr
{

// `transfer` is read or write; false on end of file or error before `size` bytes.
template <class Transfer, class Byte> bool transferFully(Transfer transfer, int fd, Byte* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = transfer(fd, data, size);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

inline bool readFully(int fd, char* data, std::size_t size)
{
    return transferFully(::read, fd, data, size);
}

inline bool writeFully(int fd, const char* data, std::size_t size)
{
    return transferFully(::write, fd, data, size);
}

} // namespace missive::ocr
