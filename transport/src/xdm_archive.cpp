#include "xdm_archive.h"

#include "missive/core/c_handle.h"
#include "xds_metadata.h"

#include <QDateTime>
#include <QXmlStreamWriter>
#include <cstdio>
#include <memory>
#include <zip.h>

namespace missive::transport::detail
{
namespace
{

using ZipSource = CHandle<zip_source_t, zip_source_free>;
using Zip = CHandle<zip_t, zip_discard>; // an archive given up is discarded, never written

QByteArray indexHtm(const DocumentFacts& facts)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeDTD(QStringLiteral("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
                                "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">"));
    xml.writeStartElement(QStringLiteral("html"));
    xml.writeDefaultNamespace(QStringLiteral("http://www.w3.org/1999/xhtml"));
    xml.writeStartElement(QStringLiteral("head"));
    xml.writeTextElement(QStringLiteral("title"), QStringLiteral("IHE XDM"));
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("body"));
    xml.writeTextElement(QStringLiteral("h1"), QStringLiteral("Archive IHE XDM"));
    xml.writeTextElement(QStringLiteral("p"), QStringLiteral("Émetteur : %1 %2, %3")
                                                  .arg(facts.input.author.givenName, facts.input.author.familyName,
                                                       facts.input.author.organizationName));
    xml.writeStartElement(QStringLiteral("p"));
    xml.writeStartElement(QStringLiteral("a"));
    xml.writeAttribute(QStringLiteral("href"), QStringLiteral("README.TXT"));
    xml.writeCharacters(QStringLiteral("Lisez-moi (README.TXT)"));
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("p"));
    xml.writeStartElement(QStringLiteral("a"));
    xml.writeAttribute(QStringLiteral("href"), QStringLiteral("IHE_XDM/SUBSET01/") + QString::fromLatin1(XdmCdaName));
    xml.writeCharacters(facts.input.title);
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement(); // body
    xml.writeEndElement(); // html
    xml.writeEndDocument();
    return out;
}

QByteArray readmeTxt(const DocumentFacts& facts)
{
    const DocumentInput& in = facts.input;
    const QString text =
        QStringLiteral("Archive IHE XDM (IHE ITI-32, Cross-Enterprise Document Media Interchange)\r\n"
                       "\r\n"
                       "Émetteur : %1 %2, %3\r\n"
                       "Application : %4 %5 (éditeur : projet Missive)\r\n"
                       "\r\n"
                       "Cette archive contient un document médical au format CDA R2 niveau 1 (PDF encapsulé).\r\n"
                       "Ouvrez INDEX.HTM, ou importez l'archive dans un logiciel compatible IHE XDM.\r\n"
                       "\r\n"
                       "Arborescence :\r\n"
                       "  INDEX.HTM\r\n"
                       "  README.TXT\r\n"
                       "  IHE_XDM/SUBSET01/METADATA.XML   métadonnées XDS (ebRIM 3.0)\r\n"
                       "  IHE_XDM/SUBSET01/%6     document CDA\r\n")
            .arg(in.author.givenName, in.author.familyName, in.author.organizationName, in.softwareName,
                 in.softwareVersion, QString::fromLatin1(XdmCdaName));
    return text.toUtf8();
}

} // namespace

Result<QByteArray> buildXdmArchive(const DocumentFacts& facts, const QByteArray& cda)
{
    const QByteArray metadata =
        submitObjectsRequest(facts, cda, {QString::fromLatin1(XdmCdaName), QDateTime::currentDateTimeUtc()});
    const std::pair<const char*, QByteArray> entries[] = {
        {"INDEX.HTM", indexHtm(facts)},
        {"README.TXT", readmeTxt(facts)},
        {"IHE_XDM/SUBSET01/METADATA.XML", metadata},
        {"IHE_XDM/SUBSET01/DOC0001.XML", cda},
    };

    const auto failed = [](const char* what, zip_error_t* error) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible de créer l'archive IHE XDM."),
                         QStringLiteral("libzip %1: %2")
                             .arg(QString::fromLatin1(what), QString::fromUtf8(zip_error_strerror(error))));
    };

    // The archive is built in memory: a zip_source over an empty buffer, opened for writing.
    zip_error_t error;
    zip_error_init(&error);
    ZipSource buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer) {
        auto result = failed("source", &error);
        zip_error_fini(&error);
        return result;
    }
    Zip archive(zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error));
    if (!archive) {
        auto result = failed("open", &error);
        zip_error_fini(&error);
        return result;
    }
    zip_error_fini(&error);
    zip_source_keep(buffer.get()); // the archive holds a reference; keep ours to read the result

    for (const auto& [name, data] : entries) {
        zip_source_t* source =
            zip_source_buffer(archive.get(), data.constData(), static_cast<zip_uint64_t>(data.size()), 0);
        if (source == nullptr) {
            return failed("entry source", zip_get_error(archive.get()));
        }
        const zip_int64_t index = zip_file_add(archive.get(), name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(source);
            return failed("add", zip_get_error(archive.get()));
        }
        zip_set_file_compression(archive.get(), static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9);
    }
    // zip_close writes the archive into `buffer` (entries' data must stay alive until here).
    if (zip_close(archive.get()) != 0) {
        return failed("close", zip_get_error(archive.get()));
    }
    (void)archive.release(); // closed: zip_close freed it

    if (zip_source_open(buffer.get()) != 0) {
        return failed("read back", zip_source_error(buffer.get()));
    }
    zip_source_seek(buffer.get(), 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer.get());
    zip_source_seek(buffer.get(), 0, SEEK_SET);
    QByteArray out(static_cast<qsizetype>(size < 0 ? 0 : size), Qt::Uninitialized);
    const zip_int64_t read = zip_source_read(buffer.get(), out.data(), static_cast<zip_uint64_t>(out.size()));
    zip_source_close(buffer.get());
    if (size <= 0 || read != size) {
        return failed("read back", zip_source_error(buffer.get()));
    }
    return out;
}

} // namespace missive::transport::detail
