#include "store_rows.h"

namespace missive::directory::stored
{

QString describe(const Preference& p)
{
    QString text = channelKindName(p.channel);
    if (!p.address.isEmpty()) {
        text += QLatin1Char(' ') + p.address;
    }
    text += p.source == PreferenceSource::Learned ? QStringLiteral(" (appris)") : QStringLiteral(" (choisi)");
    return text;
}

QString describe(const QList<Rule>& rules)
{
    QStringList specs;
    for (const auto& rule : rules) {
        specs << recipientSpec(rule);
    }
    return specs.join(QLatin1Char(' '));
}

} // namespace missive::directory::stored
