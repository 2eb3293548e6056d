#include "ins_datamatrix.h"

namespace missive::ocr
{
namespace
{

constexpr char Gs = 0x1D;
constexpr int HeaderSize = 26;
constexpr int MaxPayload = 1024; // a real one is < 200 bytes

// Maximum length of each block; fixed blocks have min == max.
struct BlockSpec
{
    int minLength;
    int maxLength;
};

BlockSpec specFor(int block)
{
    switch (block) {
    case 1:
        return {15, 15};
    case 2:
        return {1, 20};
    case 3:
    case 4:
        return {1, 100};
    case 5:
        return {1, 1};
    case 6:
        return {10, 10};
    case 7:
        return {5, 5};
    default:
        return {0, 0};
    }
}

// The INSi set (A–Z, space, apostrophe, hyphen) plus digits, which the specification's own
// example payload uses in its test names ("TEST1 TEST2 TEST").
bool isInsiChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '\'' || c == '-';
}

bool allInsi(const QByteArray& value)
{
    for (const char c : value) {
        if (!isInsiChar(c)) {
            return false;
        }
    }
    return !value.isEmpty() && value.front() != ' ' && value.back() != ' ';
}

bool allDigitsOrDots(const QByteArray& value)
{
    for (const char c : value) {
        if (!((c >= '0' && c <= '9') || c == '.')) {
            return false;
        }
    }
    return true;
}

tl::unexpected<Error> bad(const QString& detail)
{
    return makeError(ErrorCode::Integrity, QStringLiteral("DataMatrix INS illisible ou non conforme"),
                     QStringLiteral("datamatrix: ") + detail);
}

} // namespace

bool looksLikeInsDataMatrix(const QByteArray& payload)
{
    return payload.startsWith("IS01");
}

Result<InsDataMatrix> parseInsDataMatrix(const QByteArray& payload)
{
    if (payload.size() > MaxPayload) {
        return bad(QStringLiteral("payload too long"));
    }
    if (payload.size() < HeaderSize || !looksLikeInsDataMatrix(payload)) {
        return bad(QStringLiteral("bad header"));
    }
    for (int i = 4; i < HeaderSize; ++i) {
        if (payload[i] < '0' || payload[i] > '9') {
            return bad(QStringLiteral("bad header"));
        }
    }

    InsDataMatrix out;
    bool seen[8] = {};
    qsizetype pos = HeaderSize;
    int previous = 0;
    while (pos < payload.size()) {
        if (payload.size() - pos < 2 || payload[pos] != 'S' || payload[pos + 1] < '1' || payload[pos + 1] > '7') {
            return bad(QStringLiteral("bad block identifier at %1").arg(pos));
        }
        const int block = payload[pos + 1] - '0';
        if (seen[block] || block <= previous) {
            return bad(QStringLiteral("block S%1 repeated or out of order").arg(block));
        }
        seen[block] = true;
        previous = block;
        pos += 2;
        const BlockSpec spec = specFor(block);
        QByteArray value;
        if (spec.minLength == spec.maxLength) {
            if (payload.size() - pos < spec.maxLength) {
                return bad(QStringLiteral("block S%1 truncated").arg(block));
            }
            value = payload.mid(pos, spec.maxLength);
            pos += spec.maxLength;
            // Tolerate a superfluous GS after a fixed block (some encoders add one).
            if (pos < payload.size() && payload[pos] == Gs) {
                ++pos;
            }
        } else {
            const qsizetype limit = std::min<qsizetype>(payload.size(), pos + spec.maxLength);
            qsizetype end = pos;
            while (end < limit && payload[end] != Gs) {
                ++end;
            }
            value = payload.mid(pos, end - pos);
            pos = end;
            if (pos < payload.size() && payload[pos] == Gs) {
                ++pos;
            }
            if (value.size() < spec.minLength) {
                return bad(QStringLiteral("block S%1 empty").arg(block));
            }
        }

        switch (block) {
        case 1:
            for (int i = 0; i < value.size(); ++i) {
                const char c = value[i];
                const bool ok = (c >= '0' && c <= '9') || (i == 6 && (c == 'A' || c == 'B'));
                if (!ok) {
                    return bad(QStringLiteral("S1 not a matricule"));
                }
            }
            out.matricule = QString::fromLatin1(value);
            break;
        case 2:
            if (!allDigitsOrDots(value)) {
                return bad(QStringLiteral("S2 not an OID"));
            }
            out.oid = QString::fromLatin1(value);
            break;
        case 3:
            if (!allInsi(value)) {
                return bad(QStringLiteral("S3 outside the INSi character set"));
            }
            out.firstNames = QString::fromLatin1(value).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            break;
        case 4:
            if (!allInsi(value)) {
                return bad(QStringLiteral("S4 outside the INSi character set"));
            }
            out.birthName = QString::fromLatin1(value);
            break;
        case 5:
            out.sex = sexFromCode(QString::fromLatin1(value));
            if (out.sex == Sex::Unknown) {
                return bad(QStringLiteral("S5 not M or F"));
            }
            break;
        case 6: {
            const QDate date = QDate::fromString(QString::fromLatin1(value), QStringLiteral("dd-MM-yyyy"));
            if (!date.isValid()) {
                return bad(QStringLiteral("S6 not a JJ-MM-AAAA date"));
            }
            out.birthDate = date;
            break;
        }
        case 7:
            for (int i = 0; i < value.size(); ++i) {
                const char c = value[i];
                const bool ok = (c >= '0' && c <= '9') || (i == 1 && value[0] == '2' && (c == 'A' || c == 'B'));
                if (!ok) {
                    return bad(QStringLiteral("S7 not a COG code"));
                }
            }
            out.birthPlace = QString::fromLatin1(value);
            break;
        default:
            break;
        }
    }
    for (int block = 1; block <= 6; ++block) {
        if (!seen[block]) {
            return bad(QStringLiteral("block S%1 missing").arg(block));
        }
    }
    return out;
}

} // namespace missive::ocr
