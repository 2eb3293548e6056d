#pragma once
// FNV-1a 64-bit: a stable hash stored in the database (qHash is seeded and may change across Qt
// versions, so it must not be persisted).

#include <QByteArrayView>
#include <QtGlobal>
#include <bit>
#include <cstdint>
#include <initializer_list>

namespace missive::directory
{

class Fnv
{
public:
    Fnv& add(QByteArrayView bytes)
    {
        for (const char c : bytes) {
            m_h ^= static_cast<unsigned char>(c);
            m_h *= 1099511628211ULL;
        }
        m_h ^= 0x1F; // field separator, so that ("ab","c") != ("a","bc")
        m_h *= 1099511628211ULL;
        return *this;
    }
    Fnv& add(std::initializer_list<QByteArrayView> fields)
    {
        for (const auto f : fields) {
            add(f);
        }
        return *this;
    }
    [[nodiscard]] qint64 value() const
    {
        return std::bit_cast<qint64>(m_h);
    }

private:
    std::uint64_t m_h = 14695981039346656037ULL;
};

} // namespace missive::directory
