#include "missive/ocr/analyzer.h"

#include "barcode.h"
#include "identity_check.h"
#include "identity_text.h"
#include "ins_datamatrix.h"
#include "layout.h"
#include "letter_text.h"
#include "ocr_engine.h"
#include "pdf_guard.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <cmath>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

Q_LOGGING_CATEGORY(lcOcr, "missive.ocr", QtWarningMsg)

namespace missive::ocr
{
namespace
{

using Clock = std::chrono::steady_clock;

// A page whose text layer holds fewer letters than this is treated as an image (a scan
// printed through a PDF driver, or a page with only a logo and a signature).
constexpr int MinTextLayerLetters = 40;
// Pages with a text layer are rendered coarsely to find a DataMatrix-like square, then that
// region alone finely enough for ≥ 4 pixels per module (a 2 cm, 40-module symbol).
constexpr double BlobDpi = 75.0;
constexpr double BarcodeDpi = 250.0;
constexpr double SymbolMarginInch = 0.12;
constexpr qsizetype MaxSymbolCandidates = 6;
constexpr double MinOcrDpi = 100.0;

void quietPoppler(const std::string&, void*)
{
    // Poppler reports syntax errors of damaged files on stderr; the caller gets our error instead.
}

tl::unexpected<Error> fail(ErrorCode code, const QString& message, const QString& detail)
{
    qCInfo(lcOcr) << "analysis refused:" << detail;
    return makeError(code, message, detail);
}

int letterCount(const QList<Word>& words)
{
    int n = 0;
    for (const Word& w : words) {
        for (const QChar c : w.text) {
            n += c.isLetter() ? 1 : 0;
        }
    }
    return n;
}

struct Rendered
{
    poppler::image image;
    double dpi = 0;
    [[nodiscard]] GrayImage gray() const
    {
        return GrayImage{reinterpret_cast<const std::uint8_t*>(image.const_data()), image.width(), image.height(),
                         image.bytes_per_row()};
    }
};

} // namespace

class Analyzer::Private
{
public:
    OcrEngine ocr;
};

Analyzer::Analyzer()
    : d(std::make_unique<Private>())
{
    poppler::set_debug_error_function(quietPoppler, nullptr);
}

Analyzer::~Analyzer() = default;

Result<Analysis> Analyzer::analyze(const QString& pdfPath, const Limits& limits)
{
    QElapsedTimer total;
    total.start();
    const Clock::time_point deadline = Clock::now() + limits.timeBudget;
    Analysis out;
    out.file = pdfPath;

    // ---- Load, within limits, before any decoding.
    QElapsedTimer step;
    step.start();
    const QFileInfo info(pdfPath);
    if (!info.exists() || !info.isFile()) {
        return fail(ErrorCode::NotFound, QStringLiteral("fichier introuvable : %1").arg(pdfPath),
                    QStringLiteral("not-found"));
    }
    if (info.size() > limits.maxFileBytes) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("document trop volumineux (%1 Mo, maximum %2 Mo)")
                        .arg(info.size() / (1024 * 1024))
                        .arg(limits.maxFileBytes / (1024 * 1024)),
                    QStringLiteral("file-too-large: %1 bytes").arg(info.size()));
    }
    QFile file(pdfPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorCode::PermissionDenied, QStringLiteral("impossible d'ouvrir le fichier : %1").arg(pdfPath),
                    QStringLiteral("open failed: %1").arg(file.errorString()));
    }
    const QByteArray bytes = file.readAll();
    file.close();
    if (!bytes.startsWith("%PDF-")) {
        return fail(ErrorCode::Integrity, QStringLiteral("ce fichier n'est pas un PDF lisible"),
                    QStringLiteral("corrupt: no PDF header"));
    }
    const ImageExtent largest = largestDeclaredImage(bytes);
    if (largest.width * largest.height > limits.maxImagePixels) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("image trop grande dans le document (%1 × %2 pixels, maximum %3 millions)")
                        .arg(largest.width)
                        .arg(largest.height)
                        .arg(limits.maxImagePixels / 1'000'000),
                    QStringLiteral("image-too-large: %1x%2").arg(largest.width).arg(largest.height));
    }
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.constData(), static_cast<int>(bytes.size())));
    if (!doc) {
        return fail(ErrorCode::Integrity, QStringLiteral("PDF endommagé ou illisible"),
                    QStringLiteral("corrupt: Poppler could not open the document"));
    }
    if (doc->is_locked()) {
        return fail(ErrorCode::PermissionDenied,
                    QStringLiteral("PDF chiffré (protégé par mot de passe) : lecture impossible"),
                    QStringLiteral("encrypted"));
    }
    const int pageCount = doc->pages();
    if (pageCount <= 0) {
        return fail(ErrorCode::Integrity, QStringLiteral("le PDF ne contient aucune page"), QStringLiteral("no-pages"));
    }
    if (pageCount > limits.maxPages) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("document trop long pour un courrier (%1 pages, maximum %2)")
                        .arg(pageCount)
                        .arg(limits.maxPages),
                    QStringLiteral("too-many-pages: %1").arg(pageCount));
    }
    out.pages = pageCount;
    out.timingsMs.insert(QStringLiteral("load"), step.restart());

    // ---- Each page: text layer or OCR; DataMatrix on every page.
    qint64 textMs = 0;
    qint64 renderMs = 0;
    qint64 barcodeMs = 0;
    qint64 ocrMs = 0;
    int ocrPages = 0;
    QList<QList<Segment>> pages;
    QList<double> heights;
    QList<QByteArray> payloads;
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_gray8);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);

    // Reads every page; OCR pages in `mode`. Fills pages, heights, payloads.
    const auto readPages = [&](OcrMode mode) -> Result<void> {
        pages.clear();
        heights.clear();
        payloads.clear();
        ocrPages = 0;
        for (int i = 0; i < pageCount; ++i) {
            if (Clock::now() > deadline) {
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("lecture trop longue (limite de temps dépassée)"),
                            QStringLiteral("time-budget: exceeded at page %1").arg(i + 1));
            }
            std::unique_ptr<poppler::page> page(doc->create_page(i));
            if (!page) {
                return fail(ErrorCode::Integrity, QStringLiteral("page %1 illisible").arg(i + 1),
                            QStringLiteral("corrupt: page %1").arg(i + 1));
            }
            const poppler::rectf rect = page->page_rect(poppler::crop_box);
            PageText text;
            text.index = i;
            text.width = rect.width();
            text.height = rect.height();
            const double areaInches = (text.width / 72.0) * (text.height / 72.0);
            if (!(areaInches > 0)) {
                return fail(ErrorCode::Integrity, QStringLiteral("page %1 sans dimensions").arg(i + 1),
                            QStringLiteral("corrupt: empty page box %1").arg(i + 1));
            }

            step.restart();
            for (const poppler::text_box& box : page->text_list()) {
                const poppler::byte_array utf8 = box.text().to_utf8();
                const poppler::rectf b = box.bbox();
                text.words += Word{QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size())),
                                   QRectF(b.x(), b.y(), b.width(), b.height())};
            }
            textMs += step.restart();
            const bool hasText = letterCount(text.words) >= MinTextLayerLetters;

            // Pages with text: a coarse render is enough to find the symbol, then its region alone is
            // rendered finely. Scans: the page is rendered once at the OCR resolution.
            const double wantedDpi = hasText ? BlobDpi : static_cast<double>(limits.ocrDpi);
            const double dpi = std::min(wantedDpi, std::sqrt(static_cast<double>(limits.maxPagePixels) / areaInches));
            if (!hasText && dpi < MinOcrDpi) {
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("page %1 trop grande pour être lue (%2 × %3 cm)")
                                .arg(i + 1)
                                .arg(qRound(text.width / 72.0 * 2.54))
                                .arg(qRound(text.height / 72.0 * 2.54)),
                            QStringLiteral("page-too-large: page %1").arg(i + 1));
            }
            Rendered rendered{renderer.render_page(page.get(), dpi, dpi), dpi};
            renderMs += step.restart();
            if (!rendered.image.is_valid()) {
                if (!hasText) {
                    return fail(ErrorCode::Integrity, QStringLiteral("page %1 impossible à afficher").arg(i + 1),
                                QStringLiteral("corrupt: render failed page %1").arg(i + 1));
                }
            } else {
                const GrayImage gray = rendered.gray();
                const QList<QRectF> blobs = findSquareBlobs(gray, dpi);
                for (qsizetype b = 0; b < blobs.size() && b < MaxSymbolCandidates; ++b) {
                    const QRectF region =
                        blobs[b].adjusted(-SymbolMarginInch, -SymbolMarginInch, SymbolMarginInch, SymbolMarginInch);
                    QList<QByteArray> found;
                    if (hasText) {
                        const poppler::image crop = renderer.render_page(
                            page.get(), BarcodeDpi, BarcodeDpi, static_cast<int>(region.left() * BarcodeDpi),
                            static_cast<int>(region.top() * BarcodeDpi), static_cast<int>(region.width() * BarcodeDpi),
                            static_cast<int>(region.height() * BarcodeDpi));
                        if (crop.is_valid()) {
                            found = readDataMatrices(Rendered{crop, BarcodeDpi}.gray());
                        }
                    } else {
                        const int x0 = std::clamp(static_cast<int>(region.left() * dpi), 0, gray.width - 1);
                        const int y0 = std::clamp(static_cast<int>(region.top() * dpi), 0, gray.height - 1);
                        const int x1 = std::clamp(static_cast<int>(region.right() * dpi), x0 + 1, gray.width);
                        const int y1 = std::clamp(static_cast<int>(region.bottom() * dpi), y0 + 1, gray.height);
                        found =
                            readDataMatrices(GrayImage{gray.data + static_cast<std::ptrdiff_t>(y0) * gray.stride + x0,
                                                       x1 - x0, y1 - y0, gray.stride});
                    }
                    for (const QByteArray& payload : found) {
                        if (looksLikeInsDataMatrix(payload) && !payloads.contains(payload)) {
                            payloads += payload;
                        }
                    }
                }
                barcodeMs += step.restart();
                if (!hasText) {
                    auto words = d->ocr.recognise(gray, dpi, mode, deadline);
                    if (!words) {
                        return fail(words.error().code, words.error().userMessage, words.error().detail);
                    }
                    text.words = *words;
                    ++ocrPages;
                    ocrMs += step.restart();
                }
            }
            pages += segmentsOf(text);
            heights += text.height;
        }
        return {};
    };
    if (Result<void> done = readPages(limits.fullPageOcr ? OcrMode::FullPage : OcrMode::UsefulLines); !done) {
        return tl::unexpected(done.error());
    }
    out.textSource = ocrPages == 0           ? TextSource::TextLayer
                     : ocrPages == pageCount ? TextSource::Ocr
                                             : TextSource::Mixed;
    out.timingsMs.insert(QStringLiteral("text_layer"), textMs);
    out.timingsMs.insert(QStringLiteral("render"), renderMs);
    out.timingsMs.insert(QStringLiteral("datamatrix"), barcodeMs);
    out.timingsMs.insert(QStringLiteral("ocr"), ocrMs);

    // ---- Understand the text.
    bool unreadList = false;
    const auto understand = [&] {
        step.restart();
        const TextIdentity textIdentity = parseIdentityText(pages);
        DataMatrixReading dm;
        QList<InsDataMatrix> parsed;
        for (const QByteArray& payload : payloads) {
            auto one = parseInsDataMatrix(payload);
            if (one) {
                parsed += *one;
            } else {
                dm.unreadable = true;
            }
        }
        if (!parsed.isEmpty()) {
            dm.parsed = parsed.front();
            dm.several = parsed.size() > 1;
        }
        out.patient = reconcileIdentity(dm, textIdentity, ocrPages > 0);

        LetterReading letter = readLetter(pages, heights);
        unreadList = letter.unreadList;
        out.author = letter.author;
        out.recipients = letter.recipients;
        out.text = letter.text;
        out.documentType = letter.documentType;
        // A letter addressed to the patient: the window names the patient, not a professional.
        const bool addressedToPatient = markPatient(out.recipients, out.patient.identity);
        if (letter.copyToPatient && !addressedToPatient) {
            Recipient patient;
            const PatientIdentity& id = out.patient.identity;
            patient.name = textIdentity.displayName.isEmpty() ? QStringLiteral("patient") : textIdentity.displayName;
            patient.familyName = id.usedName.isEmpty() ? id.birthName : id.usedName;
            patient.givenName = id.firstName;
            patient.role = RecipientRole::Cc;
            patient.patient = true;
            out.recipients += patient;
        }
        out.warnings += out.patient.reasons;
        if (out.patient.status == IdentityStatus::Consistent && out.patient.identity.insOid.isEmpty()) {
            out.warnings += QStringLiteral("autorité d'affectation de l'INS (OID) non imprimée");
        }
        out.warnings += letter.warnings;
        if (!out.documentType) {
            out.warnings += QStringLiteral("type de document non reconnu");
        }
        if (out.recipients.isEmpty()) {
            out.warnings += QStringLiteral("aucun destinataire reconnu");
        }
        out.timingsMs.insert(QStringLiteral("parse"), step.restart());
    };
    understand();
    // Reading only the useful lines of a scan is fast; when it leaves anything unsure, read the
    // OCR pages in full (slower, more complete) and start over.
    const bool unsure = out.patient.status != IdentityStatus::Consistent || out.recipients.isEmpty() || !out.author
                        || !out.documentType || unreadList;
    if (ocrPages > 0 && !limits.fullPageOcr && unsure) {
        const qint64 firstOcrMs = ocrMs;
        if (Result<void> done = readPages(OcrMode::FullPage); !done) {
            return tl::unexpected(done.error());
        }
        const QMap<QString, qint64> timings = out.timingsMs;
        out = Analysis{};
        out.file = pdfPath;
        out.pages = pageCount;
        out.textSource = ocrPages == pageCount ? TextSource::Ocr : TextSource::Mixed;
        out.timingsMs = timings;
        out.timingsMs.insert(QStringLiteral("text_layer"), textMs);
        out.timingsMs.insert(QStringLiteral("render"), renderMs);
        out.timingsMs.insert(QStringLiteral("datamatrix"), barcodeMs);
        out.timingsMs.insert(QStringLiteral("ocr"), ocrMs);
        out.timingsMs.insert(QStringLiteral("ocr_useful_lines"), firstOcrMs);
        understand();
    }
    out.timingsMs.insert(QStringLiteral("total"), total.elapsed());
    qCInfo(lcOcr) << "analysed" << pageCount << "page(s)," << ocrPages << "by OCR," << payloads.size()
                  << "INS DataMatrix," << out.recipients.size() << "recipient(s) in" << total.elapsed() << "ms";
    return out;
}

} // namespace missive::ocr
