#pragma once
// Postal fallback: a print-ready PDF (a cover page with the recipient's address placed for a French
// DL window envelope, then the letter), sent to a CUPS queue. Built with qpdf; no Qt Gui.

#include "missive/core/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace missive::transport
{

// Where the address block sits on the A4 cover, in millimetres from the page's top-left corner.
// A4 folded in three into a DL (110 × 220 mm) envelope with its 45 × 100 mm window on the right:
// La Poste's practice puts the recipient block 85 × 33 mm, 55 mm from the top and 110 mm from the
// left edge (see docs/configuration.md, "Postal" for sources). At most 6 lines of 38 characters,
// Helvetica 10 pt (9–12 pt allowed).
struct AddressWindow
{
    static constexpr double LeftMm = 110.0;
    static constexpr double TopMm = 55.0;
    static constexpr double WidthMm = 85.0;
    static constexpr double HeightMm = 33.0;
    static constexpr int MaxLines = 6;
    static constexpr int MaxColumns = 38;
};

struct PostalLetter
{
    QStringList address;       // recipient, 2–6 lines, last "CODE POSTAL VILLE"
    QStringList returnAddress; // sender, printed small at the top left (optional)
    QByteArray letterPdf;
};

// Checks the address (line count and lengths, characters printable in WinAnsi).
[[nodiscard]] Result<QStringList> normaliseAddress(const QString& text);
[[nodiscard]] Result<QByteArray> buildPostalPdf(const PostalLetter& letter);
// Submits the PDF to `queue` on the default CUPS server ($CUPS_SERVER); returns the CUPS job id.
// The job title carries no patient data.
[[nodiscard]] Result<int> submitToCups(const QString& queue, const QByteArray& pdf, const QString& title);
// The CUPS queues this machine prints to, sorted (Paramètres' printer list); empty when CUPS is
// not reachable.
[[nodiscard]] QStringList cupsQueues();
// Whether the CUPS queue exists and takes jobs (not stopped, not rejecting): "Tester la connexion".
[[nodiscard]] Result<QString> checkCupsQueue(const QString& queue);

} // namespace missive::transport
