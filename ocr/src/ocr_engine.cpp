#include "ocr_engine.h"

#include <QLoggingCategory>
#include <allheaders.h>
#include <cstdlib>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

namespace missive::ocr
{
namespace
{

struct PixDeleter
{
    void operator()(Pix* pix) const
    {
        pixDestroy(&pix);
    }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Tesseract's recognition resolution: letters of a 10-12 pt letter are well above the LSTM's
// 30-pixel line height at 200 dpi; more pixels only cost layout-analysis time.
constexpr double WorkingDpi = 200.0;

PixPtr toPix(const GrayImage& image)
{
    PixPtr pix(pixCreate(image.width, image.height, 8));
    if (!pix) {
        return {};
    }
    l_uint32* data = pixGetData(pix.get());
    const l_int32 wpl = pixGetWpl(pix.get());
    for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* src = image.data + static_cast<std::ptrdiff_t>(y) * image.stride;
        l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
        for (int x = 0; x < image.width; ++x) {
            SET_DATA_BYTE(line, x, src[x]);
        }
    }
    return pix;
}

} // namespace

struct OcrEngine::Api
{
    tesseract::TessBaseAPI api;
    bool ready = false;
    bool failed = false;

    ~Api()
    {
        api.End();
    }
};

OcrEngine::OcrEngine() = default;
OcrEngine::~OcrEngine() = default;

Result<QList<Word>> OcrEngine::recognise(const GrayImage& page, double dpi,
                                         std::chrono::steady_clock::time_point deadline)
{
    if (!m_api) {
        m_api = std::make_unique<Api>();
        // Leptonica's warnings go to stderr; errors are reported through our return values.
        setMsgSeverity(L_SEVERITY_ERROR);
        // Tesseract prints its own diagnostics to stderr; they never hold patient data.
        if (m_api->api.Init(nullptr, "fra", tesseract::OEM_LSTM_ONLY) != 0) {
            m_api->failed = true;
        } else {
            // The inverted-text pass doubles recognition time and letters are dark on light.
            m_api->api.SetVariable("tessedit_do_invert", "0");
            m_api->api.SetPageSegMode(tesseract::PSM_AUTO);
            m_api->ready = true;
        }
    }
    if (!m_api->ready) {
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("reconnaissance de texte indisponible (Tesseract, langue « fra »)"),
                         QStringLiteral("ocr-unavailable: TessBaseAPI::Init(fra) failed"));
    }

    PixPtr pix = toPix(page);
    if (!pix) {
        return makeError(ErrorCode::Io, QStringLiteral("mémoire insuffisante pour lire la page"),
                         QStringLiteral("image-too-large: pixCreate failed"));
    }
    double workDpi = dpi;
    if (dpi > WorkingDpi * 1.2) {
        const auto factor = static_cast<l_float32>(WorkingDpi / dpi);
        PixPtr scaled(pixScale(pix.get(), factor, factor));
        if (scaled) {
            pix = std::move(scaled);
            workDpi = WorkingDpi;
        }
    }
    // Scans come in tilted by a degree or two; Tesseract copes badly beyond ~1°.
    l_float32 angle = 0;
    l_float32 conf = 0;
    {
        PixPtr binary(pixConvertTo1(pix.get(), 160));
        if (binary && pixFindSkew(binary.get(), &angle, &conf) == 0 && conf > 2.5f && std::abs(angle) > 0.1f) {
            PixPtr rotated(pixRotate(pix.get(), static_cast<l_float32>(-angle * 3.14159265 / 180.0), L_ROTATE_AREA_MAP,
                                     L_BRING_IN_WHITE, 0, 0));
            if (rotated) {
                pix = std::move(rotated);
            }
        }
    }

    auto& api = m_api->api;
    api.SetImage(pix.get());
    api.SetSourceResolution(static_cast<int>(workDpi));
    tesseract::ETEXT_DESC monitor;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
        api.Clear();
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("lecture trop longue (limite de temps dépassée)"),
                         QStringLiteral("time-budget: exceeded before OCR"));
    }
    monitor.set_deadline_msecs(static_cast<int32_t>(std::min<qint64>(left.count(), 1'000'000)));
    if (api.Recognize(&monitor) != 0 || monitor.deadline_exceeded()) {
        api.Clear();
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("lecture trop longue (limite de temps dépassée)"),
                         QStringLiteral("time-budget: OCR deadline exceeded"));
    }

    QList<Word> words;
    const double toPoints = 72.0 / workDpi;
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (it) {
        do {
            std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
            if (!text) {
                continue;
            }
            int x1 = 0;
            int y1 = 0;
            int x2 = 0;
            int y2 = 0;
            it->BoundingBox(tesseract::RIL_WORD, &x1, &y1, &x2, &y2);
            if (it->Confidence(tesseract::RIL_WORD) < 10.0f) {
                continue;
            }
            // Words take their line's height so that a slightly tilted line stays one line.
            int lx1 = 0;
            int ly1 = 0;
            int lx2 = 0;
            int ly2 = 0;
            if (it->BoundingBox(tesseract::RIL_TEXTLINE, &lx1, &ly1, &lx2, &ly2)) {
                y1 = ly1;
                y2 = ly2;
            }
            words += Word{QString::fromUtf8(text.get()).trimmed(),
                          QRectF(x1 * toPoints, y1 * toPoints, (x2 - x1) * toPoints, (y2 - y1) * toPoints)};
        } while (it->Next(tesseract::RIL_WORD));
    }
    api.Clear();
    return words;
}

} // namespace missive::ocr
