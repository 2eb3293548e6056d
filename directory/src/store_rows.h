#pragma once
// What the SQLite and PostgreSQL stores share: the columns they select and how a result row
// becomes a PersonRow, an ActivityRow or a Preference, and how a change is written in the history.
// `Row` is the backend's cursor: text(i) and integer(i) on the current row.

#include "missive/directory/types.h"

#include <QDateTime>

namespace missive::directory::stored
{

inline QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

inline QString joinNonEmpty(const QStringList& parts, QStringView separator)
{
    QStringList kept;
    for (const auto& part : parts) {
        if (!part.trimmed().isEmpty()) {
            kept << part.trimmed();
        }
    }
    return kept.join(separator);
}

// The columns readPerson() expects, for "FROM person p".
#define MISSIVE_PERSON_COLUMNS                                                                                         \
    "p.rpps, p.idnps, p.title_code, p.title, p.civility, p.family_name, p.given_name, p.fam_key, p.fam_full, "         \
    "p.fam_ocr, p.fam_phon, p.given_key, p.given_ocr, p.given_phon, p.places, p.specialties, p.local, "                \
    "CASE WHEN p.retired_at IS NULL THEN 0 ELSE 1 END"

template <class Row> PersonRow readPerson(const Row& s)
{
    PersonRow row;
    row.rpps = s.text(0);
    row.idnps = s.text(1);
    row.titleCode = s.text(2);
    row.title = s.text(3);
    row.civility = s.text(4);
    row.familyName = s.text(5);
    row.givenName = s.text(6);
    row.familyKey = s.text(7);
    row.familyFull = s.text(8);
    if (row.familyFull.isEmpty()) {
        row.familyFull = s.text(7);
    }
    row.familyOcr = s.text(9);
    row.familyPhonetic = s.text(10);
    row.givenKey = s.text(11);
    row.givenOcr = s.text(12);
    row.givenPhonetic = s.text(13);
    row.places = s.text(14);
    row.specialties = s.text(15);
    row.local = s.integer(16) != 0;
    row.retired = s.integer(17) != 0;
    return row;
}

// The columns readActivity() expects, for "FROM activity"; $1 / ?1 is the RPPS.
#define MISSIVE_ACTIVITY_COLUMNS                                                                                       \
    "profession_code, profession_label, specialty_code, specialty_label, mode_code, site_name, "                       \
    "site_sign, compl_recipient, compl_place, street_number, street_index, street_type, street_name, "                 \
    "distribution, postcode, city, finess_site, finess_legal, siret, siren, local, "                                   \
    "CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END"

template <class Row> ActivityRow readActivity(const Row& s)
{
    ActivityRow row;
    row.professionCode = s.text(0);
    row.professionLabel = s.text(1);
    row.specialtyCode = s.text(2);
    row.specialtyLabel = s.text(3);
    row.modeCode = s.text(4);
    row.practiceName = s.text(5).isEmpty() ? s.text(6) : s.text(5);
    for (int column : {7, 8}) {
        if (!s.text(column).isEmpty()) {
            row.addressLines << s.text(column);
        }
    }
    const QString street = joinNonEmpty({s.text(9), s.text(10), s.text(11), s.text(12)}, u" ");
    if (!street.isEmpty()) {
        row.addressLines << street;
    }
    if (!s.text(13).isEmpty()) {
        row.addressLines << s.text(13);
    }
    row.postcode = s.text(14);
    row.city = s.text(15);
    const std::pair<int, char> keys[] = {{16, '1'}, {17, '1'}, {18, '3'}, {19, '2'}};
    for (const auto& [column, type] : keys) {
        if (!s.text(column).isEmpty()) {
            row.structureKeys << QLatin1Char(type) + s.text(column);
        }
    }
    row.local = s.integer(20) != 0;
    row.retired = s.integer(21) != 0;
    return row;
}

inline PreferenceSource preferenceSource(const QString& name)
{
    return name == QLatin1String("learned") ? PreferenceSource::Learned : PreferenceSource::Explicit;
}

inline QString preferenceSourceName(PreferenceSource source)
{
    return source == PreferenceSource::Learned ? QStringLiteral("learned") : QStringLiteral("explicit");
}

// Columns: rpps, document_type, channel, address, source, updated_at, updated_by.
template <class Row> Preference readPreference(const Row& s)
{
    Preference p;
    p.rpps = s.text(0);
    p.documentType = s.text(1);
    p.channel = channelKindFromName(s.text(2)).value_or(ChannelKind::None);
    p.address = s.text(3);
    p.source = preferenceSource(s.text(4));
    p.updatedAt = QDateTime::fromString(s.text(5), Qt::ISODateWithMs);
    p.updatedBy = s.text(6);
    return p;
}

// Columns: at, user, subject, change, from_value, to_value.
template <class Row> HistoryEntry readHistory(const Row& s)
{
    return HistoryEntry{
        QDateTime::fromString(s.text(0), Qt::ISODateWithMs), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)};
}

// Columns: kind, source, finished_at, added, updated, unchanged, duplicates, retired, persons,
// persons_retired.
template <class Row> ImportRun readImportRun(const Row& s)
{
    ImportRun run;
    run.kind = s.text(0) == QLatin1String("mssante") ? SourceKind::MssanteMailboxes : SourceKind::PersonneActivite;
    run.source = s.text(1);
    run.finishedAt = QDateTime::fromString(s.text(2), Qt::ISODateWithMs);
    run.counts =
        ImportCounts{s.integer(3), s.integer(4), s.integer(5), s.integer(6), s.integer(7), s.integer(8), s.integer(9)};
    return run;
}

// How a preference or a set of rules reads in the history.
QString describe(const Preference& p);
QString describe(const QList<Rule>& rules);

} // namespace missive::directory::stored
