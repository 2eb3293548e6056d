#include "missive/ocr/preview.h"

#include <memory>
#include <poppler-document.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

namespace missive::ocr
{

Result<PagePreview> renderPreview(const QByteArray& pdf, int page, double dpi)
{
    // Poppler reads from `pdf` without copying it: it outlives `doc`.
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(pdf.constData(), static_cast<int>(pdf.size())));
    if (!doc || doc->is_locked()) {
        return makeError(ErrorCode::Integrity, QStringLiteral("aperçu impossible : document illisible ou chiffré"),
                         QStringLiteral("preview: cannot open"));
    }
    PagePreview preview;
    preview.pageCount = doc->pages();
    if (page < 0 || page >= preview.pageCount) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("page %1 absente").arg(page + 1),
                         QStringLiteral("preview: page out of range"));
    }
    std::unique_ptr<poppler::page> p(doc->create_page(page));
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_argb32);
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    const poppler::image image = p ? renderer.render_page(p.get(), dpi, dpi) : poppler::image();
    if (!image.is_valid()) {
        return makeError(ErrorCode::Integrity, QStringLiteral("aperçu impossible : page %1").arg(page + 1),
                         QStringLiteral("preview: render failed"));
    }
    preview.width = image.width();
    preview.height = image.height();
    preview.stride = image.bytes_per_row();
    preview.argb32 = QByteArray(image.const_data(), static_cast<qsizetype>(preview.stride) * preview.height);
    return preview;
}

} // namespace missive::ocr
