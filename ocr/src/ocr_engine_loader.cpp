// OcrEngine as the programs see it: a loader for the OCR module (ocr_module.h). Opening the
// module costs about 10 ms (Tesseract, Leptonica and their libraries), paid by the first page
// that needs OCR instead of by every start of every program.

#include "missive/core/private_files.h"
#include "ocr_engine.h"
#include "ocr_module.h"

#include <QFile>
#include <QLoggingCategory>
#include <cstring>

namespace missive::ocr
{
namespace
{

Q_LOGGING_CATEGORY(lcOcrModule, "missive.ocr.module", QtInfoMsg)

tl::unexpected<Error> unavailable(const QString& path, const QString& why)
{
    qCWarning(lcOcrModule) << "OCR module unavailable:" << why;
    return makeError(ErrorCode::Unavailable,
                     QStringLiteral("reconnaissance de texte indisponible (module %1 absent ou illisible)").arg(path),
                     QStringLiteral("ocr-unavailable: %1").arg(why));
}

Result<const OcrModuleInterface*> loadModule()
{
    auto path = privateFilePath(QString::fromLatin1(OcrModuleFile));
    if (!path) {
        return tl::unexpected(path.error());
    }
    // Never closed: Tesseract's and OpenMP's threads and exit handlers stay valid.
    auto entry = openPrivateModule(QString::fromLatin1(OcrModuleFile), OcrModuleEntry);
    if (!entry) {
        return unavailable(*path, entry.error().detail);
    }
    const OcrModuleInterface* module = reinterpret_cast<OcrModuleEntryPoint>(*entry)();
    if (!module) {
        return unavailable(*path, QStringLiteral("no entry point"));
    }
    if (module->abi != OcrModuleAbi || std::strcmp(module->build, OcrModuleBuild) != 0) {
        return unavailable(*path, QStringLiteral("module from another build (%1, abi %2; expected %3, abi %4)")
                                      .arg(QString::fromUtf8(module->build))
                                      .arg(module->abi)
                                      .arg(QString::fromUtf8(OcrModuleBuild))
                                      .arg(OcrModuleAbi));
    }
    return module;
}

} // namespace

const Result<const OcrModuleInterface*>& ocrModule()
{
    static const Result<const OcrModuleInterface*> module = loadModule();
    return module;
}

struct OcrEngine::Api
{
    const OcrModuleInterface* module = nullptr;
    void* engine = nullptr; // the module's OcrEngine

    ~Api()
    {
        module->destroy(engine);
    }
};

OcrEngine::OcrEngine() = default;
OcrEngine::~OcrEngine() = default;

Result<QList<Word>> OcrEngine::recognise(const GrayImage& page, double dpi, OcrMode mode,
                                         std::chrono::steady_clock::time_point deadline)
{
    if (!m_api) {
        const auto& module = ocrModule();
        if (!module) {
            return tl::unexpected(module.error());
        }
        void* engine = (*module)->create();
        if (!engine) {
            return makeError(ErrorCode::Io, QStringLiteral("mémoire insuffisante pour lire la page"),
                             QStringLiteral("ocr-unavailable: out of memory"));
        }
        m_api = std::make_unique<Api>();
        m_api->module = *module;
        m_api->engine = engine;
    }
    return m_api->module->recognise(m_api->engine, page, dpi, mode, deadline);
}

int OcrEngine::skippedLines() const
{
    return m_api ? m_api->module->skippedLines(m_api->engine) : 0;
}

Result<QList<QList<Word>>> OcrEngine::recogniseSkipped(std::chrono::steady_clock::time_point deadline)
{
    if (!m_api) {
        return QList<QList<Word>>{};
    }
    return m_api->module->recogniseSkipped(m_api->engine, deadline);
}

void OcrEngine::forgetSkipped()
{
    if (m_api) {
        m_api->module->forgetSkipped(m_api->engine);
    }
}

} // namespace missive::ocr
