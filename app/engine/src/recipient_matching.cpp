#include "missive/engine/recipient_matching.h"

#include <QRegularExpression>
#include <algorithm>

namespace missive::engine
{

namespace
{

// A telephone's label and a French number: printed with a name, no place (numbers move).
const QString PhoneLabel = QStringLiteral(R"((?:t[ée]l[ée]?(?:phone)?|fax|port(?:able)?))");
const QString PhoneNumber = QStringLiteral(R"((?:\+33\s?|0)\d(?:[\s.]?\d{2}){4})");

directory::MatchQuery queryFor(const ocr::Recipient& recipient)
{
    directory::MatchQuery query;
    query.name = recipient.name;
    query.title = recipient.title;
    query.specialtyWords = recipient.specialtyWords;
    query.city = recipient.city;
    query.postcode = recipient.postcode;
    query.department = recipient.department;
    query.street = recipient.street;
    return query;
}

// Only a name that addresses the letter may be chosen for the secretary: the address window, the
// copies, the salutation. A doctor named in running text, the signature or the staff list is not.
bool addresses(const ocr::Recipient& recipient)
{
    switch (recipient.zone) {
    case ocr::Zone::AddressWindow:
    case ocr::Zone::Copies:
    case ocr::Zone::Salutation:
        return true;
    case ocr::Zone::Other:
    case ocr::Zone::Body:
    case ocr::Zone::Signature:
    case ocr::Zone::SideColumn:
        break;
    }
    return false;
}

// Words that may be part of a person's name as printed: capitalised or in capitals, initials.
bool nameWord(const QString& word)
{
    if (word.isEmpty() || !word.front().isUpper()) {
        return false;
    }
    int letters = 0;
    for (const QChar c : word) {
        if (c.isLetter()) {
            ++letters;
        } else if (c != QLatin1Char('-') && c != QLatin1Char('\'') && c != QChar(0x2019) && c != QLatin1Char('.')) {
            return false;
        }
    }
    return letters >= 1;
}

QString stripPunctuation(QString word)
{
    while (!word.isEmpty() && !word.back().isLetter() && word.back() != QLatin1Char('.')) {
        word.chop(1);
    }
    while (!word.isEmpty() && !word.front().isLetter()) {
        word.remove(0, 1);
    }
    return word;
}

// A printed name reduced to its words, in capitals without accents nor title, in order: "Dr
// LEFÈVRE Anne" and "Anne Lefevre" give the same key.
QString personKey(const QString& printed)
{
    static const QRegularExpression title(QStringLiteral(
        R"(^(?:DR|DRE|DOCTEUR|DOCTEURE|PR|PROF|PROFESSEUR|PROFESSEURE|M|MME|MLLE|MADAME|MONSIEUR|MR)$)"));
    QStringList words;
    for (QString w :
         printed.normalized(QString::NormalizationForm_D).toUpper().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        w.removeIf([](QChar c) { return !c.isLetter() && c != QLatin1Char('-'); });
        if (!w.isEmpty() && !title.match(w).hasMatch()) {
            words << w;
        }
    }
    std::sort(words.begin(), words.end());
    return words.join(QLatin1Char(' '));
}

// Whether `name` is the letter's signatory: the author writes the letter, never receives it.
bool isAuthor(const QString& name, const ocr::Analysis& analysis)
{
    return analysis.author && !analysis.author->name.isEmpty() && personKey(name) == personKey(analysis.author->name);
}

// The place printed with a name: a postcode and town in the rest of its line (from `at`), or the
// window's postcode line under it.
void placePrintedWith(ocr::Recipient& r, const ocr::TextLine& line, qsizetype at, const ocr::Analysis& analysis)
{
    static const QRegularExpression place(QStringLiteral(R"((?<!\d)(\d{5})(?!\d)\s*-?\s*([\p{L}][\p{L}'’ \-]*)?)"));
    if (const auto m = place.match(line.text.mid(std::max<qsizetype>(at, 0))); m.hasMatch()) {
        r.postcode = m.captured(1);
        r.city = m.captured(2).simplified();
        return;
    }
    if (line.zone != ocr::Zone::AddressWindow) {
        return;
    }
    for (const ocr::TextLine& other : analysis.text) {
        const auto w = place.match(other.text);
        if (other.zone == ocr::Zone::AddressWindow && other.page == line.page && other.box.top() > line.box.top()
            && other.box.top() - line.box.bottom() < 80 && w.hasMatch()) {
            r.postcode = w.captured(1);
            r.city = w.captured(2).simplified();
            return;
        }
    }
}

// The postcode line under a line, in its column or under its words (a labelled block: "Pour le
// praticien Docteur X" over "CP – Ville   53000 LAVAL"; after a street: "41 rue Voltaire, 37000
// TOURS"), an address block the reader did not attach, in any zone but running text and signature
// (unless the line is in that zone too: a block the reader took for one). The block runs on while
// its lines follow each other (his RPPS, specialty, establishment, BP, street), up to the next
// entry.
void placeUnder(ocr::Recipient& r, const ocr::TextLine& line, const ocr::Analysis& analysis)
{
    static const QRegularExpression postcodeLine(
        QStringLiteral(R"(^\s*(?:[^,]*\d[^,]*,\s*)?(?:F-)?(\d{5})\s+(\p{Lu}[\p{L}'’ \-]*)$)"));
    static const QRegularExpression titled(
        QStringLiteral(R"((?:^|\s)(?:Dr|Docteure?|Pr|Professeure?|Madame|Monsieur)\.?\s)"));
    constexpr int MaxBlockLines = 8;
    const double h = line.box.height();
    QList<const ocr::TextLine*> column;
    for (const ocr::TextLine& other : analysis.text) {
        if (other.page == line.page && other.box.top() > line.box.top() && other.box.left() > line.box.left() - 3 * h
            && other.box.left() < std::max(line.box.left() + 3 * h, line.box.right() - 3 * h)
            && (!(other.zone == ocr::Zone::Body || other.zone == ocr::Zone::Signature) || other.zone == line.zone)) {
            column << &other;
        }
    }
    std::sort(column.begin(), column.end(),
              [](const ocr::TextLine* a, const ocr::TextLine* b) { return a->box.top() < b->box.top(); });
    double reach = line.box.bottom() + 5 * h;
    for (qsizetype i = 0; i < column.size() && i < MaxBlockLines && column[i]->box.top() < reach; ++i) {
        if (const auto w = postcodeLine.match(column[i]->text); w.hasMatch()) {
            r.postcode = w.captured(1);
            r.city = w.captured(2).simplified();
            return;
        }
        if (titled.match(column[i]->text).hasMatch()) {
            return; // the next entry's
        }
        reach = std::max(reach, column[i]->box.bottom() + 1.5 * h);
    }
}

// The names of the letter's other entries, as read.
QStringList otherNames(const ocr::Recipient& r, const ocr::Analysis& analysis)
{
    QStringList names;
    for (const ocr::Recipient& other : analysis.recipients) {
        if (!other.name.isEmpty() && other.name != r.name) {
            names += other.name;
        }
    }
    return names;
}

// What follows a name, cut where a list's next entry starts (a ';', another title).
void cutAtNextEntry(QString& rest)
{
    static const QRegularExpression nextEntry(
        QStringLiteral(R"([;]|\s(?:et\s+)?(?:au\s+|aux\s+)?(?:Dr|Docteure?|Pr|Professeure?|Madame|Monsieur)\.?\s)"));
    if (const auto next = nextEntry.match(rest); next.hasMatch()) {
        rest.truncate(next.capturedStart(0));
    }
}

// Where a recipient's entry stands: the line of its zone that prints its family name, where the
// name ends on it, and what follows up to the next entry of a list (another title, a ';').
struct EntryLine
{
    const ocr::TextLine* line = nullptr;
    qsizetype at = -1;      // the family name's start
    qsizetype nameEnd = -1; // the name as read ends here
    QString rest;           // from nameEnd to the next entry
};

std::optional<EntryLine> entryLine(const ocr::Recipient& r, const ocr::Analysis& analysis)
{
    if (r.familyName.isEmpty()) {
        return std::nullopt;
    }
    const QString family = r.familyName.toUpper();
    for (const ocr::TextLine& line : analysis.text) {
        const qsizetype at = line.zone == r.zone ? line.text.toUpper().indexOf(family) : -1;
        if (at < 0) {
            continue;
        }
        const qsizetype named = line.text.indexOf(r.name);
        EntryLine e{&line, at, named >= 0 ? named + r.name.size() : at + family.size(), {}};
        e.rest = line.text.mid(e.nameEnd);
        cutAtNextEntry(e.rest);
        // The next entry read without a title ("LEGRAND Michel – DUMAS Raphaël (Lille)").
        for (const QString& other : otherNames(r, analysis)) {
            if (const qsizetype there = e.rest.indexOf(other); there >= 0) {
                e.rest.truncate(there);
            }
        }
        return e;
    }
    return std::nullopt;
}

// The line right under an entry that carries on that entry, whatever zone the reader gave it: the
// entry is the last of its line and either its line ends on a comma or a dash ("Dr André
// LEFEBVRE, médecin généraliste," over "STRASBOURG", a table's cell wrapped) or the line under
// opens on a bracket ("… ; Dr Mathilde RENAUD" over "(TOULON)."). Its text up to another entry.
QString continuationUnder(const ocr::Recipient& r, const EntryLine& e, const ocr::Analysis& analysis)
{
    const ocr::TextLine& line = *e.line;
    if (e.rest.size() != line.text.size() - e.nameEnd) {
        return {}; // another entry follows on its line
    }
    static const QRegularExpression openEnd(QStringLiteral(R"([,\-–—]\s*$)"));
    const bool open = openEnd.match(line.text).hasMatch();
    static const QRegularExpression titled(
        QStringLiteral(R"((?:^|[\s(])(?:Dr|Docteure?|Pr|Professeure?|Madame|Monsieur|Mme|M\.)\.?[\s)])"));
    const double h = line.box.height();
    const QStringList others = otherNames(r, analysis);
    for (const ocr::TextLine& under : analysis.text) {
        if (&under == &line || under.page != line.page || under.box.top() < line.box.bottom() - 0.3 * h
            || under.box.top() - line.box.bottom() > 0.6 * h || std::abs(under.box.left() - line.box.left()) > 0.5 * h
            || !(open || under.text.trimmed().startsWith(QLatin1Char('('))) || titled.match(under.text).hasMatch()) {
            continue;
        }
        QString text = under.text;
        for (const QString& o : others) {
            if (const qsizetype at = text.indexOf(o); at >= 0) {
                text.truncate(at);
            }
        }
        return text;
    }
    return {};
}

// A town alone after a name ("… (Quimper)", "…, Quimper", "… – QUIMPER", after what he does:
// "…, rhumatologue — Lorient", "… – médecin généraliste – AJACCIO"), not a title nor a telephone's
// label nor the next entry, a copy kept ("… – Dossier"); empty if none.
QString townAfter(const QString& rest)
{
    static const QRegularExpression town(
        QStringLiteral(
            R"(^\s*(?:(?:,|\s[-–—])\s*\p{Ll}[\p{L}'’\-.]*(?:\s+\p{Ll}[\p{L}'’\-.]*)*\s*)?(?:,|\(|[-–—])\s*(?!(?:Dr|Pr|Docteure?|Professeure?|(?i:)")
        + PhoneLabel
        + QStringLiteral(
            R"()|(?i:dossier|archives?|classement|int[ée]ress[ée]e?|patiente?))\b)(\p{Lu}[\p{L}'’\-]+(?:[\s\-]+(?:sur|sous|en|le|la|\p{Lu}[\p{L}'’\-]+))*)\s*(?:\)|,|;|\.|$))"));
    const auto t = town.match(rest);
    return t.hasMatch() ? t.captured(1) : QString();
}

// Whether a capitalised word printed with the name is one of the specialty words read for him
// ("CHIRURGIE", "Cardiologue"), not a town.
bool saidAsSpecialty(const QString& word, const ocr::Recipient& r)
{
    QString folded = word.normalized(QString::NormalizationForm_D).toLower();
    folded.removeIf([](QChar c) { return !c.isLetter(); });
    return !folded.isEmpty() && std::any_of(r.specialtyWords.begin(), r.specialtyWords.end(), [&](const QString& s) {
        return folded.startsWith(s) || s.startsWith(folded);
    });
}

// A name read with no place at all, in a zone that addresses the letter: the place printed with it
// that the reader did not attach (a layout it does not know), so that a namesake elsewhere is seen
// as one and a professional unknown to the directory is not taken for his namesake.
void findPlaceNear(ocr::Recipient& r, const ocr::Analysis& analysis)
{
    if (!r.postcode.isEmpty() || !r.city.isEmpty() || !r.department.isEmpty()) {
        return;
    }
    const auto entry = entryLine(r, analysis);
    if (!entry) {
        return;
    }
    ocr::TextLine cut = *entry->line;
    cut.text = cut.text.left(entry->nameEnd) + entry->rest;
    placePrintedWith(r, cut, entry->at, analysis);
    if (!r.postcode.isEmpty()) {
        return;
    }
    // (Not what he does, in capitals: "DR DUPUY JOSIANE (CHIRURGIE DIGESTIVE)".)
    QString town = townAfter(entry->rest);
    if (town.isEmpty()) {
        if (const QString more = continuationUnder(r, *entry, analysis); !more.isEmpty()) {
            ocr::TextLine under;
            under.text = more;
            placePrintedWith(r, under, 0, analysis);
            if (!r.postcode.isEmpty()) {
                return;
            }
            town = townAfter(entry->rest + QLatin1Char(' ') + more);
        }
    }
    const QStringList townWords = town.split(QRegularExpression(QStringLiteral(R"([\s\-]+)")), Qt::SkipEmptyParts);
    if (!town.isEmpty()
        && !std::all_of(townWords.begin(), townWords.end(), [&](const QString& w) { return saidAsSpecialty(w, r); })) {
        r.city = town;
        return;
    }
    placeUnder(r, *entry->line, analysis);
}

bool placeRead(const ocr::Recipient& r)
{
    return !r.postcode.isEmpty() || !r.city.isEmpty() || !r.department.isEmpty();
}

// A name read without a place may be chosen alone only where nothing else is printed with it: an
// addressee's window always prints his address (no place read there is a place missed), and an
// entry of a list or a salutation must end with the name, or with what he does. A place printed and
// missed would hide that the directory's only namesake lives elsewhere.
bool nothingElsePrinted(const ocr::Recipient& r, const ocr::Analysis& analysis)
{
    if (r.zone == ocr::Zone::AddressWindow) {
        return false;
    }
    const auto entry = entryLine(r, analysis);
    if (!entry) {
        return false; // the name's line not found: its surroundings unknown
    }
    const ocr::TextLine& line = *entry->line;
    QString rest = entry->rest;
    // What stands before the name in its entry ("Quimper : Dr X", "cardiologue à Brest, Dr X").
    QString before = line.text.left(line.text.indexOf(r.name) >= 0 ? line.text.indexOf(r.name) : entry->at);
    before = before.mid(before.lastIndexOf(QLatin1Char(';')) + 1);
    // The entry before it on the line ("Dr PICARD (MORLAIX) – LEGRAND Michel"): its place is its own.
    const QStringList others = otherNames(r, analysis);
    // A bracket that opens the line, under a line that ends on another entry's name, is that entry's
    // ("… au Dr RENAUD Alice" over "(SAINT-NAZAIRE) et au Dr DAVID Marie-Hélène.").
    static const QRegularExpression leadingBracket(QStringLiteral(R"(^\s*\([^()]{1,60}\)\s*(?:[,;]\s*)?(?:et\s+)?)"));
    if (const auto m = leadingBracket.match(before); m.hasMatch()) {
        const double lh = line.box.height();
        const bool endsAbove = std::any_of(analysis.text.begin(), analysis.text.end(), [&](const ocr::TextLine& above) {
            return &above != &line && above.page == line.page && above.box.bottom() <= line.box.top() + 0.2 * lh
                   && line.box.top() - above.box.bottom() < 0.8 * lh
                   && std::abs(above.box.left() - line.box.left()) < 2 * lh
                   && std::any_of(others.begin(), others.end(),
                                  [&](const QString& o) { return above.text.trimmed().endsWith(o); });
        });
        if (endsAbove) {
            before = before.mid(m.capturedEnd(0));
        }
    }
    qsizetype previousEnd = -1;
    for (const QString& other : others) {
        if (const qsizetype there = before.lastIndexOf(other); there >= 0) {
            previousEnd = std::max(previousEnd, there + other.size());
        }
    }
    // (Or its family name as a whole word, the name as read differing from the print: "Drs Romain
    // KLEIN (…), Nicole GARNIER".)
    for (const ocr::Recipient& other : analysis.recipients) {
        const qsizetype there = other.familyName.size() >= 3 && other.familyName != r.familyName
                                    ? before.lastIndexOf(other.familyName)
                                    : -1;
        const qsizetype after = there + other.familyName.size();
        if (there >= 0 && (there == 0 || !before[there - 1].isLetter())
            && (after >= before.size() || !before[after].isLetter())) {
            previousEnd = std::max(previousEnd, after);
        }
    }
    if (previousEnd >= 0) {
        static const QRegularExpression separator(QStringLiteral(R"(\s[-–—/]\s|[;,]|\set\s)"));
        if (const auto m = separator.match(before, previousEnd); m.hasMatch()) {
            before = before.mid(m.capturedEnd(0));
        }
    }
    static const QRegularExpression label(QStringLiteral(R"(^.*:\s*)"));
    // A town set as a label ("Quimper : Dr X") is kept; a list's own label is no place: "Diffusion :",
    // "Copies :", or without its colon "Copies (1) •".
    static const QString listLabel =
        QStringLiteral("(?:Diffusion|Copies?|Destinataires?|Ampliations?|Exemplaires?|Correspondants?|Envois?)");
    static const QRegularExpression placeLabel(QStringLiteral(R"((?<![\p{L}])(?!(?i:)") + listLabel
                                               + QStringLiteral(R"()\s*:)\p{Lu}[\p{L}'’\-]{2,}\s*:\s*$)"));
    if (!placeLabel.match(before).hasMatch()) {
        before.remove(label); // the list's label ("Copie à :"), not a place
    }
    static const QRegularExpression bareLabel(QStringLiteral(R"(^\s*)") + listLabel
                                                  + QStringLiteral(R"((?:\s*\(\s*\d+\s*\))?\s*[•·:\-–—]?\s*)"),
                                              QRegularExpression::CaseInsensitiveOption);
    before.remove(bareLabel);
    rest += QStringLiteral(", ") + before + QStringLiteral(", ") + continuationUnder(r, *entry, analysis);
    // The row's other cells (a table: "Dr X | Cardiologue | QUIMPER"), and the line under the name
    // when it names no one (an entry's address on two lines).
    // (A line under it that opens the next entry, titled or marked, is that entry's: "X FAURE Jules
    // (Dr) – Saint-Nazaire" under "X Docteur MOULIN Céline".)
    static const QRegularExpression titled(QStringLiteral(
        R"((?:^|[\s(])(?:Dr|Docteure?|Pr|Professeure?)\.?[\s)]|^\s*(?:[-–—•*·►▪■☒✓✔Xx]|\(?[a-z\d]{1,2}[.)])\s+)"));
    // (Nor a cell or a line that starts with another entry read: "Docteur A" beside "Docteure B",
    // "FONTAINE Inès, …" under "Docteur Jean-Marc POIRIER".)
    const auto anotherEntry = [&](const QString& text) {
        const QString t = text.trimmed();
        return std::any_of(others.begin(), others.end(), [&](const QString& o) {
            const qsizetype at = t.indexOf(o);
            return at >= 0 && at <= 3;
        });
    };
    const double h = line.box.height();
    // A line that ends on another entry's name, over a line that opens on a bracket: that bracket
    // is the last entry's ("DR DUPUY JOSIANE (CHIRURGIE DIGESTIVE) ; DR FATIMA D'ALMEIDA" over
    // "(GENERALISTE) ; …" is Dr D'ALMEIDA's), no place of an entry before it.
    const QString lineText = line.text.trimmed();
    const bool endsOnAnother =
        entry->rest.size() < line.text.size() - entry->nameEnd
        && std::any_of(others.begin(), others.end(), [&](const QString& o) { return lineText.endsWith(o); });
    for (const ocr::TextLine& other : analysis.text) {
        if (&other == &line || other.page != line.page || other.zone == ocr::Zone::Body
            || other.zone == ocr::Zone::Signature) {
            continue;
        }
        const bool sameRow = std::abs(other.box.center().y() - line.box.center().y()) < 0.5 * h
                             && (other.box.left() > line.box.right() || other.box.right() < line.box.left())
                             && !anotherEntry(other.text);
        const bool under =
            other.box.top() > line.box.bottom() - 0.2 * h && other.box.top() - line.box.bottom() < 0.6 * h
            && other.box.left() > line.box.left() - 0.5 * h // (not the next group's heading,
            && other.box.left() < line.box.left() + 2 * h   // set further out)
            && other.zone == line.zone && !titled.match(other.text).hasMatch() && !anotherEntry(other.text)
            && !(endsOnAnother && other.text.trimmed().startsWith(QLatin1Char('(')));
        if (sameRow || under) {
            // (Up to the next entry it holds: "(GENERALISTE) ; DR THOMAS LEROY (HEMATOLOGUE, LAVAL)"
            // under "…; DR FATIMA D'ALMEIDA".)
            qsizetype end = other.text.size();
            for (const QString& o : others) {
                if (const qsizetype at = other.text.indexOf(o); at >= 0) {
                    end = std::min(end, at);
                }
            }
            rest += QStringLiteral(", ") + other.text.left(end);
        }
    }
    // What may follow: punctuation, a given name's rest, a title after the name, his specialty,
    // an RPPS, a channel ("par MSSanté", a table's "Exemplaire en copie | MSSanté (BAL
    // nominative)"), a telephone or fax number, the next entry a copy kept ("– Dossier").
    static const QRegularExpression harmless(
        QStringLiteral(R"(\(?\s*(?<![\p{L}\d])(?:(?:)") + PhoneLabel + QStringLiteral(R"(\.?\s*:?\s*)?)") + PhoneNumber
            + QLatin1Char('|') + PhoneLabel
            + QStringLiteral(
                R"(|dr|pr|docteure?|rpps\s*:?\s*\d*|n°\s*rpps\s*:?\s*\d*|\d{11}|par\s+\S+|mssant[ée]|courrier|copie|pour\s+information|cc|exemplaire(?:\s+en)?|original|bal(?:\s+nominative)?|messagerie(?:\s+s[ée]curis[ée]e)?|fax(?:\s+s[ée]curis[ée])?|voie\s+postale(?:\s+simple)?|mon\s+espace\s+sant[ée]|patiente?(?:\s*\(\s*e\s*\))?|dossier|archives?|classement|int[ée]ress[ée](?:e|\s*\(\s*e\s*\))?)(?![\p{L}\d])\.?\s*\)?)"),
        QRegularExpression::CaseInsensitiveOption);
    rest.remove(harmless);
    static const QRegularExpression capital(QStringLiteral(R"(\p{Lu}[\p{L}'’\-]{2,})"));
    for (auto it = capital.globalMatch(rest); it.hasNext();) {
        const QString w = it.next().captured(0);
        if (!saidAsSpecialty(w, r) && !r.givenName.contains(w)) {
            return false; // a capitalised word that may be a town
        }
    }
    static const QRegularExpression postcode(QStringLiteral(R"(\d{5})"));
    return !postcode.match(rest).hasMatch();
}

std::optional<std::pair<QString, QString>> letterheadPlace(const ocr::Analysis& analysis);

// The directory as a gazetteer: names the reader could not recognise by their shape ("Christophe
// Gay" without a title, a title misread by OCR, a layout it does not know) but that the directory
// knows, anywhere in the letter: pairs and triples of name-like words, looked up with both family
// and given name (never a family name alone). Each mention takes its role from where it stands:
// in an addressing zone it addresses the letter; on a line the reader left unplaced it does only
// with a place printed with it (checked by the directory later); in running text it is only cited,
// proposed to the secretary and never chosen.
Result<void> addDirectoryMentions(ocr::Analysis& analysis, const directory::Directory& directory)
{
    constexpr int MaxLookups = 40; // a letter has few addressing lines; a hostile one gets no more
    // Lines the reader placed, lines it left unplaced and running text each have their own budget:
    // a page of unplaced words cannot use up the lookups of the copies list under it.
    int placedLookups = 0;
    int unplacedLookups = 0;
    int textLookups = 0;
    // A span sharing a word with a name already read is part of that name, not another one.
    // ("Dr GUÉGUEN, Marie-Thérèse": its words without the punctuation between them.)
    static const QRegularExpression between(QStringLiteral(R"([^\p{L}\p{N}'’.\-]+)"));
    const auto known = [&](const QStringList& words) {
        for (const ocr::Recipient& r : analysis.recipients) {
            const QStringList printed = r.name.toUpper().split(between, Qt::SkipEmptyParts);
            if (std::any_of(words.begin(), words.end(), [&](const QString& w) { return printed.contains(w.toUpper()); })) {
                return true;
            }
        }
        return false;
    };
    const auto isInitial = [](const QString& w) {
        static const QRegularExpression re(QStringLiteral(R"(^\p{Lu}\.(?:-?\p{Lu}\.?)?$)"));
        return re.match(w).hasMatch();
    };
    const auto doctorTitle = [](const QString& w) {
        static const QRegularExpression re(
            QStringLiteral(R"(^(?:dr|dre|docteur|docteure|pr|prof|professeur|professeure)\.?$)"),
            QRegularExpression::CaseInsensitiveOption);
        return re.match(w).hasMatch();
    };
    // Who sent the patient is no addressee: "Adressé par le Pr X", or a row's caption cell before
    // the name ("Adressé par | Pr X | PARIS | —"). (The captions found once: a hostile letter's
    // lines are not compared with each other.)
    static const QRegularExpression referrer(
        QStringLiteral(
            R"((?:adress[ée]e?|envoy[ée]e?|orient[ée]e?)(?:\s*\(\s*e\s*\))?\s+par\b[^,;]{0,30}$|(?:m[ée]decin\s+)?(?:adresseur|demandeur|prescripteur)\s*:?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    QList<const ocr::TextLine*> captions;
    for (const ocr::TextLine& line : analysis.text) {
        if (captions.size() < 20 && referrer.match(line.text.left(200)).hasMatch()) {
            captions << &line;
        }
    }
    const auto referred = [&](const ocr::TextLine& line, qsizetype at) {
        return referrer.match(line.text.left(std::max<qsizetype>(at, 0))).hasMatch()
               || std::any_of(captions.begin(), captions.end(), [&](const ocr::TextLine* caption) {
                      return caption->page == line.page && caption->box.right() <= line.box.left()
                             && std::abs(caption->box.center().y() - line.box.center().y()) < 0.5 * line.box.height();
                  });
    };
    // Titles and civilities bound a name: "PARIS Dr Océane" is a town, then another name.
    const auto titleWord = [](const QString& w) {
        static const QRegularExpression re(
            QStringLiteral(R"(^(?:dr|dre|docteur|docteure|pr|prof|professeur|professeure|m|mme|mlle|madame|monsieur|mr)\.?$)"),
            QRegularExpression::CaseInsensitiveOption);
        return re.match(w).hasMatch();
    };
    // Names found on lines the reader left unplaced are chosen only with a place the directory
    // confirms that is not the letterhead's (the establishment's own staff).
    // The letter itself starts at its salutation, its first paragraph's line (a line as wide as
    // running text: the letterhead's short lines do not count), or its closing.
    double salutationTop = 842 * 0.6;
    for (const ocr::TextLine& line : analysis.text) {
        if (line.page == 0
            && (line.zone == ocr::Zone::Salutation || line.zone == ocr::Zone::Signature
                || (line.zone == ocr::Zone::Body && line.box.width() >= 595 * 0.45))) {
            salutationTop = std::min(salutationTop, line.box.top());
        }
    }
    const auto letterhead = letterheadPlace(analysis);
    // An unplaced line on the first page above the letter stands where addressees do (a window on
    // either side, a block under the letterhead); anywhere else, where copies are listed.
    const auto zoneOf = [&](const ocr::TextLine& line) {
        if (line.zone != ocr::Zone::Other && line.zone != ocr::Zone::Signature && line.zone != ocr::Zone::SideColumn) {
            return line.zone;
        }
        if (line.page == 0 && line.box.top() >= 842 * 0.08 && line.box.bottom() < salutationTop) {
            return ocr::Zone::AddressWindow;
        }
        if (line.box.top() < 842 * 0.9 && (line.page > 0 || line.box.top() >= salutationTop)) {
            return ocr::Zone::Copies;
        }
        return ocr::Zone::Other;
    };
    for (const ocr::TextLine& read : analysis.text) {
        // (The signature's block and the service's column are the establishment's own staff, unless
        // a place printed with a name says otherwise: a copies list the reader took for either.)
        const bool unplaced =
            read.zone == ocr::Zone::Other || read.zone == ocr::Zone::Signature || read.zone == ocr::Zone::SideColumn;
        const bool cited = read.zone == ocr::Zone::Body;
        ocr::TextLine line = read;
        line.zone = zoneOf(read);
        if (line.zone != ocr::Zone::AddressWindow && line.zone != ocr::Zone::Copies
            && line.zone != ocr::Zone::Salutation && !cited) {
            continue;
        }
        const QStringList words = line.text.left(200).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        int& lookups = cited ? textLookups : unplaced ? unplacedLookups : placedLookups;
        // The postcode line under this line, looked for once, whichever name on it needs it.
        std::optional<ocr::Recipient> under;
        for (qsizetype i = 0; i < words.size() && lookups < MaxLookups; ++i) {
            for (qsizetype n = 1; n <= 3 && i + n <= words.size() && lookups < MaxLookups; ++n) {
                QStringList span;
                bool cut = false; // punctuation inside the span separates two entries
                for (qsizetype k = i; k < i + n; ++k) {
                    span << stripPunctuation(words[k]);
                    const QChar last = words[k].back();
                    cut = cut || (k + 1 < i + n && (last == QLatin1Char(',') || last == QLatin1Char(';')));
                }
                // "Dr M. CHEVALIER": after a doctor's title, "M." is his initial, not "Monsieur".
                const bool doctorBefore = i > 0 && doctorTitle(stripPunctuation(words[i - 1]));
                const auto title = [&](const QString& w) { return titleWord(w) && !(doctorBefore && isInitial(w)); };
                // A doctor's family name alone ("Dr GERMAIN (La Rochelle)"), the whole entry's name.
                const bool familyAlone = n == 1;
                if (familyAlone
                    && (!doctorBefore || span.front() != span.front().toUpper() || span.front().size() < 2
                        || (i + 1 < words.size() && words[i].back().isLetter()
                            && !words[i + 1].startsWith(QLatin1Char('('))
                            && nameWord(stripPunctuation(words[i + 1]))))) {
                    continue;
                }
                // Known by part of his name only: the place printed with it must choose him.
                const bool partial = familyAlone || std::any_of(span.begin(), span.end(), isInitial);
                if (cut || !std::all_of(span.begin(), span.end(), nameWord)
                    || std::any_of(span.begin(), span.end(), title) || known(span)
                    || isAuthor(span.join(QLatin1Char(' ')), analysis) || (partial && cited)
                    || std::all_of(span.begin(), span.end(), isInitial)
                    || (!cited && referred(read, line.text.indexOf(words[i])))) {
                    continue;
                }
                ocr::Recipient r;
                r.name = span.join(QLatin1Char(' '));
                r.zone = line.zone;
                r.foundInDirectory = true;
                r.role = line.zone == ocr::Zone::Copies ? ocr::RecipientRole::Cc : ocr::RecipientRole::To;
                const QString& last = words[i + n - 1];
                // (An unplaced line's place is printed with it or under it in its column, never taken
                // from a window beside it.)
                placePrintedWith(r, unplaced ? read : line, line.text.indexOf(last), analysis);
                // An unplaced line, or a name known by part of it only, needs a place to confirm him,
                // and not the establishment's own.
                if (unplaced || partial) {
                    if (r.postcode.isEmpty()) {
                        if (!under) {
                            under.emplace();
                            placeUnder(*under, read, analysis);
                        }
                        r.postcode = under->postcode;
                        r.city = r.postcode.isEmpty() ? r.city : under->city;
                    }
                    if (r.postcode.isEmpty()) {
                        // A town after him on his line, up to the next entry.
                        QString rest = line.text.mid(line.text.indexOf(last) + last.size());
                        if (!last.back().isLetter()) {
                            rest.prepend(last.back()); // "LAMY, rhumatologue, TOURS"
                        }
                        cutAtNextEntry(rest);
                        r.city = townAfter(rest);
                    }
                    if ((r.postcode.isEmpty() && r.city.isEmpty())
                        || (letterhead
                            && (letterhead->first == r.postcode
                                || (r.postcode.isEmpty()
                                    && QString::compare(letterhead->second, r.city, Qt::CaseInsensitive) == 0)))) {
                        continue;
                    }
                }
                directory::MatchQuery query;
                if (partial) {
                    // The family name first ("CHEVALIER M."): a leading "M." would read as Monsieur.
                    // The place chooses among the family's namesakes, and must confirm the one.
                    QStringList ordered;
                    std::copy_if(span.begin(), span.end(), std::back_inserter(ordered),
                                 [&](const QString& w) { return !isInitial(w); });
                    std::copy_if(span.begin(), span.end(), std::back_inserter(ordered), isInitial);
                    query.name = ordered.join(QLatin1Char(' '));
                    query.postcode = r.postcode;
                    query.city = r.city;
                } else {
                    query.name = r.name;
                    query.namesOnly = true;
                }
                ++lookups;
                auto found = directory.match(query, 2);
                if (!found) {
                    return tl::unexpected(found.error());
                }
                const auto& candidates = found->candidates;
                if (candidates.isEmpty() || !candidates.front().fits
                    || (partial
                        && (!candidates.front().placeConfirmed
                            || (candidates.size() > 1 && candidates[1].fits && candidates[1].placeConfirmed)))) {
                    continue;
                }
                analysis.recipients << r;
            }
        }
    }
    return {};
}

// "Dr FONTAINE, Chloé": the word after the family name is a given name or a town, and the reader
// took it for the town. The directory decides: a given name when one professional of that family
// bears it and none of that family practises in a town so called; otherwise it stays the town.
// Either way the secretary chooses: the professional is proposed with the right given name.
Result<void> readGivenForTown(ocr::Recipient& recipient, const ocr::Analysis& analysis,
                              const directory::Directory& directory)
{
    if (!recipient.givenName.isEmpty() || recipient.city.isEmpty() || !recipient.postcode.isEmpty()
        || !recipient.department.isEmpty() || recipient.city.contains(QLatin1Char(' '))
        || recipient.familyName.isEmpty() || !addresses(recipient)) {
        return {};
    }
    directory::MatchQuery there;
    there.name = recipient.familyName;
    there.city = recipient.city;
    auto inTown = directory.match(there, 3);
    if (!inTown) {
        return tl::unexpected(inTown.error());
    }
    if (std::any_of(inTown->candidates.begin(), inTown->candidates.end(),
                    [](const directory::Candidate& c) { return c.placeConfirmed; })) {
        return {};
    }
    directory::MatchQuery named;
    named.name = recipient.city + QLatin1Char(' ') + recipient.familyName;
    named.namesOnly = true;
    auto found = directory.match(named, 2);
    if (!found) {
        return tl::unexpected(found.error());
    }
    if (found->candidates.size() == 1 && found->candidates.front().fits) {
        recipient.givenName = recipient.city;
        recipient.name = recipient.title.isEmpty() ? named.name : recipient.title + QLatin1Char(' ') + named.name;
        recipient.city.clear();
        // Proposed, never chosen alone: the town the entry may also have printed ("Dr AUBRY, Laure,
        // Toulouse") was not read, and a namesake elsewhere would fit as well. (Unless the entry
        // prints nothing more: "Dr MÜLLER, Françoise" alone on its row.)
        recipient.unreadContext = !nothingElsePrinted(recipient, analysis);
    }
    return {};
}

// "Dr Louis CLÉMENT LA ROCHELLE": a town in capitals right after the family name, read as part of
// it. The directory decides: the family name's first words and the town's when it knows that
// professional practising in that town, and no other that fits as well; otherwise the name stays as
// read (and unmatched, for the secretary).
Result<void> readTownInFamily(ocr::Recipient& recipient, const directory::Directory& directory)
{
    const QStringList words = recipient.familyName.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.size() < 2 || words.size() > 6 || recipient.givenName.isEmpty() || placeRead(recipient)
        || !addresses(recipient)) {
        return {};
    }
    for (qsizetype k = words.size() - 1; k >= 1; --k) {
        directory::MatchQuery there;
        there.name = recipient.givenName + QLatin1Char(' ') + words.mid(0, k).join(QLatin1Char(' '));
        there.city = words.mid(k).join(QLatin1Char(' '));
        auto found = directory.match(there, 2);
        if (!found) {
            return tl::unexpected(found.error());
        }
        const auto& c = found->candidates;
        if (!c.isEmpty() && c.front().fits && c.front().placeConfirmed
            && !(c.size() > 1 && c[1].fits && c[1].placeConfirmed)) {
            recipient.familyName = words.mid(0, k).join(QLatin1Char(' '));
            recipient.city = there.city;
            recipient.name = (recipient.title.isEmpty() ? QString() : recipient.title + QLatin1Char(' ')) + there.name;
            return {};
        }
    }
    return {};
}

// The postcode and town of the letterhead: printed at the top of the first page, outside the
// address window. One place only (a second one, a group's other site, says nothing).
std::optional<std::pair<QString, QString>> letterheadPlace(const ocr::Analysis& analysis)
{
    static const QRegularExpression place(
        QStringLiteral(R"((?:^|[\s,\-–])(\d{5})\s+([\p{Lu}][\p{L}'’ \-]{1,40}?)\s*(?:$|[,\-–]|\s+-|\s+Tél|\s+Tel))"));
    std::optional<std::pair<QString, QString>> found;
    for (const ocr::TextLine& line : analysis.text) {
        if (line.page != 0 || line.box.top() > 200 || line.zone == ocr::Zone::AddressWindow
            || line.zone == ocr::Zone::Copies) {
            continue;
        }
        const auto m = place.match(line.text);
        if (!m.hasMatch() || m.captured(1).startsWith(QLatin1String("0"))) {
            continue;
        }
        const std::pair<QString, QString> here{m.captured(1), m.captured(2).trimmed()};
        if (found && found->first != here.first) {
            return std::nullopt;
        }
        found = here;
    }
    return found;
}

} // namespace

Result<directory::MatchResult> matchRecipient(const ocr::Recipient& recipient, const ocr::Analysis& analysis,
                                              const directory::Directory& directory, int limit)
{
    directory::MatchQuery query = queryFor(recipient);
    if (analysis.author && analysis.author->rpps) {
        query.excludeRpps.append(*analysis.author->rpps);
    }
    return directory.match(query, limit);
}

Result<directory::MatchResult> matchAuthor(const ocr::Analysis& analysis, const directory::Directory& directory,
                                           const transport::StructureSettings* structure, int limit)
{
    if (!analysis.author || analysis.author->name.isEmpty()) {
        return directory::MatchResult{};
    }
    directory::MatchQuery query;
    query.name = analysis.author->name;
    // The establishment's staff: a namesake elsewhere in France is not the one who signed here.
    directory::MatchQuery staff = query;
    if (structure) {
        if (!structure->id.isEmpty()) {
            staff.structures << structure->id;
        }
        staff.structures << structure->sites;
        staff.members << structure->staff;
    }
    auto learned = directory.staff();
    if (!learned) {
        return tl::unexpected(learned.error());
    }
    staff.members << *learned;
    if (!staff.structures.isEmpty() || !staff.members.isEmpty()) {
        auto found = directory.match(staff, limit);
        if (!found || found->autoSelected) {
            return found;
        }
    }
    // The name alone, taken only when unambiguous.
    auto author = directory.match(query, limit);
    if (!author) {
        return author;
    }
    // Namesakes: the one practising where the letterhead says, if only one does (a name alone that
    // was unambiguous stays so, wherever the directory says it practises).
    if (const auto place = letterheadPlace(analysis); place && !author->autoSelected) {
        query.postcode = place->first;
        query.city = place->second;
        auto there = directory.match(query, limit);
        if (!there || there->autoSelected) {
            return there;
        }
    }
    return author;
}

Result<void> matchRecipients(ocr::Analysis& analysis, const directory::Directory& directory,
                             const transport::StructureSettings* structure)
{
    if (auto mentioned = addDirectoryMentions(analysis, directory); !mentioned) {
        return mentioned;
    }
    if (analysis.author && !analysis.author->rpps) {
        // The signatory is usually in the directory too: take it only when sure.
        auto author = matchAuthor(analysis, directory, structure);
        if (!author) {
            return tl::unexpected(author.error());
        }
        if (author->autoSelected && !author->candidates.isEmpty()) {
            analysis.author->rpps = author->candidates.front().professional.rpps;
        }
    }
    for (ocr::Recipient& recipient : analysis.recipients) {
        if (recipient.patient || recipient.name.isEmpty()) {
            continue; // the patient's own copy goes through the patient's channels, not the directory
        }
        if (addresses(recipient)) {
            findPlaceNear(recipient, analysis);
        }
        if (auto read = readGivenForTown(recipient, analysis, directory); !read) {
            return read;
        }
        if (auto read = readTownInFamily(recipient, directory); !read) {
            return read;
        }
        // An RPPS or a mailbox printed with the name is looked for among more of its candidates.
        auto result = matchRecipient(recipient, analysis, directory,
                                     recipient.printedRpps.isEmpty() && recipient.printedMailbox.isEmpty() ? 5 : 20);
        if (!result) {
            return tl::unexpected(result.error());
        }
        if (result->candidates.isEmpty()) {
            recipient.rpps.reset();
            recipient.autoSelected = false;
            recipient.score = 0.0;
            continue;
        }
        // Never guessed: an RPPS only when the directory is sure; otherwise the score tells the
        // app there are candidates for the secretary to choose from.
        const directory::Candidate& best = result->candidates.front();
        // On a scan, a name alone is not enough: OCR may have lost or garbled the town that told
        // a namesake elsewhere apart. Only a place read and confirmed by the directory chooses.
        const bool scanned = analysis.textSource != ocr::TextSource::TextLayer;
        recipient.autoSelected = result->autoSelected && addresses(recipient) && !isAuthor(recipient.name, analysis)
                                 && !recipient.unreadContext
                                 && (placeRead(recipient) || nothingElsePrinted(recipient, analysis))
                                 && ((!recipient.foundInDirectory && !scanned) || best.placeConfirmed);
        // (Nor the author himself, known by his RPPS, under a name the reader could not tell apart.)
        recipient.autoSelected =
            recipient.autoSelected && !(analysis.author && analysis.author->rpps == best.professional.rpps);
        recipient.score = best.score;
        if (recipient.autoSelected) {
            recipient.rpps = best.professional.rpps;
        } else {
            recipient.rpps.reset();
        }
        // The name read fits a professional whose RPPS, or whose mailbox, is printed with it: two
        // independent marks of the same person, which no namesake carries. Chosen even without a
        // place read.
        const auto chooseMarked = [&](const QString& rpps) {
            const auto printed =
                std::find_if(result->candidates.begin(), result->candidates.end(),
                             [&](const directory::Candidate& c) { return c.professional.rpps == rpps; });
            if (printed != result->candidates.end() && printed->fits && !printed->contradicted) {
                recipient.autoSelected = true;
                recipient.rpps = printed->professional.rpps;
                recipient.score = printed->score;
            }
        };
        if (!addresses(recipient) || isAuthor(recipient.name, analysis)) {
            continue;
        }
        if (!recipient.printedRpps.isEmpty()) {
            chooseMarked(recipient.printedRpps);
        } else if (!recipient.printedMailbox.isEmpty()) {
            auto owners = directory.byMailbox(recipient.printedMailbox);
            if (!owners) {
                return tl::unexpected(owners.error());
            }
            // One owner only: a mailbox shared by a service names no one.
            if (owners->size() == 1) {
                chooseMarked(owners->front().rpps);
            }
        }
    }
    return {};
}

Result<directory::MatchResult> searchDirectory(const directory::Directory& directory, const QString& text,
                                               directory::MatchQuery query, int limit)
{
    const QString compact = QString(text).remove(QLatin1Char(' '));
    const bool byId =
        !compact.isEmpty() && std::all_of(compact.begin(), compact.end(), [](QChar c) { return c.isDigit(); });
    if (!byId && !text.contains(QLatin1Char('@'))) {
        query.name = text;
        return directory.match(query, limit);
    }
    // An RPPS number or a mailbox address: exact lookups.
    auto found = byId ? directory.practices(compact) : directory.byMailbox(text.trimmed());
    if (!found) {
        return tl::unexpected(found.error());
    }
    directory::MatchResult result;
    for (const auto& p : *found) {
        if (result.candidates.size() >= limit) {
            break;
        }
        result.candidates << directory::Candidate{p, 1.0};
        if (byId) {
            break; // one professional, first practice
        }
    }
    result.autoSelected = result.candidates.size() == 1;
    return result;
}

} // namespace missive::engine
