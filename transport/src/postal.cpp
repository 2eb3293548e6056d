#include "missive/transport/postal.h"

#include <QDate>
#include <QLoggingCategory>
#include <cups/cups.h>
#include <memory>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QUtil.hh>
#include <stdexcept>

Q_LOGGING_CATEGORY(lcPostal, "missive.transport.postal", QtWarningMsg)

namespace missive::transport
{
namespace
{

constexpr double PointsPerMm = 72.0 / 25.4;
constexpr double A4Width = 595.276;
constexpr double A4Height = 841.89;

// PDF literal string in WinAnsiEncoding (Latin-1 covers French letters; others become '?').
std::string pdfString(const QString& text)
{
    std::string out = "(";
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        unsigned char b = '?';
        if (u >= 0x20 && u < 0x7f) {
            b = static_cast<unsigned char>(u);
        } else if (u >= 0xa0 && u <= 0xff) {
            b = static_cast<unsigned char>(u);
        } else if (u == 0x2019) {
            b = '\'';
        } else if (u == 0x2014) {
            b = 0x97; // em dash
        } else if (u == 0x0152) {
            b = 0x8c; // Œ
        } else if (u == 0x0153) {
            b = 0x9c; // œ
        }
        if (b == '(' || b == ')' || b == '\\') {
            out += '\\';
        }
        out += static_cast<char>(b);
    }
    out += ")";
    return out;
}

std::string number(double v)
{
    return QString::number(v, 'f', 2).toStdString();
}

std::string coverContent(const PostalLetter& letter)
{
    std::string s;
    // Return address: small, top left, outside the window.
    if (!letter.returnAddress.isEmpty()) {
        s += "BT /F1 8 Tf 9.5 TL " + number(20 * PointsPerMm) + " " + number(A4Height - 20 * PointsPerMm) + " Td\n";
        for (const auto& line : letter.returnAddress) {
            s += pdfString(line) + " Tj T*\n";
        }
        s += "ET\n";
    }
    // Recipient block: first baseline 5 mm below the top of the window zone, 3 mm inside its left edge.
    const double x = (AddressWindow::LeftMm + 3.0) * PointsPerMm;
    const double y = A4Height - (AddressWindow::TopMm + 5.0) * PointsPerMm;
    s += "BT /F1 10 Tf 12 TL " + number(x) + " " + number(y) + " Td\n";
    for (const auto& line : letter.address) {
        s += pdfString(line) + " Tj T*\n";
    }
    s += "ET\n";
    // A discreet mention under the fold, inside the envelope.
    s += "BT /F1 9 Tf " + number(20 * PointsPerMm) + " " + number(A4Height - 120 * PointsPerMm) + " Td "
         + pdfString(QStringLiteral("Pli confidentiel — courrier médical, le %1")
                         .arg(QDate::currentDate().toString(QStringLiteral("dd/MM/yyyy"))))
         + " Tj ET\n";
    return s;
}

} // namespace

Result<QStringList> normaliseAddress(const QString& text)
{
    QStringList lines;
    for (QString line : text.split(u'\n')) {
        line = line.simplified();
        if (!line.isEmpty()) {
            lines.append(line);
        }
    }
    if (lines.size() < 2 || lines.size() > AddressWindow::MaxLines) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("adresse postale : de 2 à %1 lignes attendues (séparées par des retours à la "
                                        "ligne)")
                             .arg(AddressWindow::MaxLines),
                         QStringLiteral("address line count"));
    }
    for (const auto& line : lines) {
        if (line.size() > AddressWindow::MaxColumns) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("adresse postale : %1 caractères au plus par ligne (norme postale)")
                                 .arg(AddressWindow::MaxColumns),
                             QStringLiteral("address line too long"));
        }
    }
    return lines;
}

Result<QByteArray> buildPostalPdf(const PostalLetter& letter)
{
    try {
        QPDF letterDoc;
        letterDoc.setSuppressWarnings(true);
        letterDoc.processMemoryFile("letter.pdf", letter.letterPdf.constData(),
                                    static_cast<size_t>(letter.letterPdf.size()));

        QPDF out;
        out.emptyPDF();
        auto font = QPDFObjectHandle::parse("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                                            "/Encoding /WinAnsiEncoding >>");
        auto resources = QPDFObjectHandle::newDictionary();
        auto fonts = QPDFObjectHandle::newDictionary();
        fonts.replaceKey("/F1", out.makeIndirectObject(font));
        resources.replaceKey("/Font", fonts);
        auto content = QPDFObjectHandle::newStream(&out, coverContent(letter));
        auto page = QPDFObjectHandle::newDictionary();
        page.replaceKey("/Type", QPDFObjectHandle::newName("/Page"));
        page.replaceKey("/MediaBox", QPDFObjectHandle::newArray(QPDFObjectHandle::Rectangle(0, 0, A4Width, A4Height)));
        page.replaceKey("/Resources", resources);
        page.replaceKey("/Contents", content);
        QPDFPageDocumentHelper pages(out);
        pages.addPage(QPDFPageObjectHelper(out.makeIndirectObject(page)), false);
        for (auto& letterPage : QPDFPageDocumentHelper(letterDoc).getAllPages()) {
            pages.addPage(letterPage, false); // copied across documents by qpdf
        }
        QPDFWriter writer(out);
        writer.setOutputMemory();
        writer.setStaticID(false);
        writer.write();
        const std::unique_ptr<Buffer> buffer(writer.getBuffer());
        return QByteArray(reinterpret_cast<const char*>(buffer->getBuffer()),
                          static_cast<qsizetype>(buffer->getSize()));
    } catch (const std::exception& e) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("impossible de préparer le courrier postal (PDF illisible)"),
                         QString::fromLocal8Bit(e.what()));
    }
}

Result<int> submitToCups(const QString& queue, const QByteArray& pdf, const QString& title)
{
    const QByteArray name = queue.toUtf8();
    const QByteArray jobTitle = title.toUtf8();
    const int jobId = cupsCreateJob(CUPS_HTTP_DEFAULT, name.constData(), jobTitle.constData(), 0, nullptr);
    if (jobId <= 0) {
        return makeError(ErrorCode::ExternalTool,
                         QStringLiteral("impression postale impossible sur la file « %1 » : %2")
                             .arg(queue, QString::fromUtf8(cupsLastErrorString())),
                         QStringLiteral("cupsCreateJob: %1").arg(QString::fromUtf8(cupsLastErrorString())));
    }
    if (cupsStartDocument(CUPS_HTTP_DEFAULT, name.constData(), jobId, "courrier.pdf", CUPS_FORMAT_PDF, 1)
            != HTTP_STATUS_CONTINUE
        || cupsWriteRequestData(CUPS_HTTP_DEFAULT, pdf.constData(), static_cast<size_t>(pdf.size()))
               != HTTP_STATUS_CONTINUE
        || cupsFinishDocument(CUPS_HTTP_DEFAULT, name.constData()) != IPP_STATUS_OK) {
        const QString why = QString::fromUtf8(cupsLastErrorString());
        cupsCancelJob2(CUPS_HTTP_DEFAULT, name.constData(), jobId, 0);
        return makeError(ErrorCode::ExternalTool,
                         QStringLiteral("impression postale interrompue sur la file « %1 » : %2").arg(queue, why),
                         QStringLiteral("cups document: %1").arg(why));
    }
    qCInfo(lcPostal) << "postal job" << jobId << "submitted," << pdf.size() << "bytes";
    return jobId;
}

QStringList cupsQueues()
{
    cups_dest_t* dests = nullptr;
    const int count = cupsGetDests2(CUPS_HTTP_DEFAULT, &dests);
    QStringList names;
    for (int i = 0; i < count; ++i) {
        if (dests[i].instance == nullptr) {
            names << QString::fromUtf8(dests[i].name);
        }
    }
    cupsFreeDests(count, dests);
    names.sort();
    return names;
}

Result<QString> checkCupsQueue(const QString& queue)
{
    if (queue.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("aucune imprimante du courrier postal configurée"),
                         QStringLiteral("no postal queue"));
    }
    const QByteArray name = queue.toUtf8();
    cups_dest_t* dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, name.constData(), nullptr);
    if (dest == nullptr) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("file d'impression « %1 » inconnue du serveur d'impression").arg(queue),
                         QStringLiteral("cupsGetNamedDest: %1").arg(QString::fromUtf8(cupsLastErrorString())));
    }
    const auto option = [dest](const char* key) {
        const char* value = cupsGetOption(key, dest->num_options, dest->options);
        return QString::fromUtf8(value ? value : "");
    };
    const QString state = option("printer-state"); // 3 idle, 4 printing, 5 stopped
    const QString accepting = option("printer-is-accepting-jobs");
    const QString reasons = option("printer-state-reasons");
    cupsFreeDests(1, dest);
    if (accepting == QLatin1String("false")) {
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("la file « %1 » refuse les travaux (cupsreject)").arg(queue),
                         QStringLiteral("queue not accepting jobs"));
    }
    if (state == QLatin1String("5")) {
        return makeError(ErrorCode::Unavailable, QStringLiteral("la file « %1 » est arrêtée (%2)").arg(queue, reasons),
                         QStringLiteral("queue stopped"));
    }
    return QStringLiteral("file « %1 » prête").arg(queue);
}

} // namespace missive::transport
