#include "missive/engine/dashboard.h"
#include "missive/engine/delivery.h"

#include <catch2/catch.hpp>

using namespace missive;
namespace tr = missive::transport;

namespace
{

tr::Delivery row(qint64 document, tr::Channel channel, tr::DeliveryState state, const char* localTime,
                 const char* tracking = "", const char* service = "")
{
    tr::Delivery d;
    d.service = QString::fromUtf8(service);
    d.documentId = document;
    d.channel = channel;
    d.state = state;
    d.createdAt = QDateTime::fromString(QString::fromLatin1(localTime), Qt::ISODate);
    d.tracking = QString::fromLatin1(tracking);
    return d;
}

} // namespace

TEST_CASE("dashboard: a letter counts once per channel it really went by, per ISO week", "[unit][engine]")
{
    using S = tr::DeliveryState;
    using C = tr::Channel;
    const QList<tr::Delivery> rows{
        // Week of Monday 16 November: one letter to the DMP and by MSSanté, one only posted.
        row(1, C::Dmp, S::Sent, "2026-11-16T09:00:00"),
        row(1, C::Mssante, S::Sent, "2026-11-16T09:00:00"),
        row(1, C::Mssante, S::Sent, "2026-11-16T09:00:00"), // a second recipient: still one letter
        row(2, C::Mssante, S::Failed, "2026-11-22T18:00:00"),
        row(2, C::Postal, S::Sent, "2026-11-22T18:00:00"),
        // Week of Monday 23 November: the mail bounced, the DMP row still waits.
        row(3, C::Mssante, S::Sent, "2026-11-25T10:00:00", "bounced"),
        row(3, C::Dmp, S::Queued, "2026-11-25T10:00:00"),
    };
    const auto weeks = engine::weeklyFigures(rows);
    REQUIRE(weeks.size() == 2);
    CHECK(weeks[0].monday == QDate(2026, 11, 16));
    CHECK(weeks[0].documents == 2);
    CHECK(weeks[0].dmp == 1);
    CHECK(weeks[0].mssante == 1);
    CHECK(weeks[0].postal == 1);
    CHECK(weeks[0].share(weeks[0].dmp) == Approx(0.5));
    CHECK(weeks[1].monday == QDate(2026, 11, 23));
    CHECK(weeks[1].documents == 1);
    CHECK(weeks[1].dmp == 0);
    CHECK(weeks[1].mssante == 0);

    const QStringList csv = engine::figuresCsv(weeks).split(u'\n', Qt::SkipEmptyParts);
    REQUIRE(csv.size() == 3);
    CHECK(csv[0]
          == QStringLiteral("semaine;service;documents;dmp;mssante;courrier;part_dmp;part_mssante;part_courrier"));
    CHECK(csv[1] == QStringLiteral("2026-11-16;;2;1;1;1;50,0;50,0;50,0"));
    CHECK(csv[2] == QStringLiteral("2026-11-23;;1;0;0;0;0,0;0,0;0,0"));
    CHECK(engine::weeklyFigures({}).isEmpty());
}

TEST_CASE("dashboard: figures per sending service, and summed over the services", "[unit][engine]")
{
    using S = tr::DeliveryState;
    using C = tr::Channel;
    const QList<tr::Delivery> rows{
        row(1, C::Dmp, S::Sent, "2026-11-16T09:00:00", "", "Cardiologie"),
        row(2, C::Mssante, S::Sent, "2026-11-17T09:00:00", "", "Cardiologie"),
        row(3, C::Dmp, S::Sent, "2026-11-18T09:00:00", "", "Chirurgie; viscérale \"B\""),
        row(3, C::Mssante, S::Sent, "2026-11-18T09:00:00", "", "Chirurgie; viscérale \"B\""),
        row(4, C::Postal, S::Sent, "2026-11-24T09:00:00", "", "%3"),
    };
    const auto weeks = engine::weeklyFigures(rows);
    REQUIRE(weeks.size() == 3);
    CHECK(weeks[0].service == QStringLiteral("Cardiologie"));
    CHECK(weeks[0].documents == 2);
    CHECK(weeks[0].dmp == 1);
    CHECK(weeks[1].documents == 1);
    CHECK(weeks[1].share(weeks[1].mssante) == Approx(1.0));
    CHECK(engine::servicesOf(weeks)
          == QStringList{QStringLiteral("%3"), QStringLiteral("Cardiologie"),
                         QStringLiteral("Chirurgie; viscérale \"B\"")});

    const auto all = engine::allServices(weeks);
    REQUIRE(all.size() == 2);
    CHECK(all[0].service.isEmpty());
    CHECK(all[0].documents == 3);
    CHECK(all[0].dmp == 2);
    CHECK(all[0].mssante == 2);
    CHECK(all[1].documents == 1);
    CHECK(all[1].postal == 1);

    const QStringList csv = engine::figuresCsv(weeks).split(u'\n', Qt::SkipEmptyParts);
    REQUIRE(csv.size() == 4);
    CHECK(csv[2] == QStringLiteral("2026-11-16;\"Chirurgie; viscérale \"\"B\"\"\";1;1;1;0;100,0;100,0;0,0"));
    CHECK(csv[3] == QStringLiteral("2026-11-23;%3;1;0;0;1;0,0;0,0;100,0"));
}

TEST_CASE("notifications: what went out or failed since the last look, once, without patient data", "[unit][engine]")
{
    using C = tr::Channel;
    using S = tr::DeliveryState;
    const QDateTime since = QDateTime::fromString(QStringLiteral("2026-12-01T10:00:00"), Qt::ISODate);
    const auto make = [](qint64 id, C channel, S state, const char* at, const char* recipient) {
        tr::Delivery d = row(id, channel, state, at);
        d.id = id;
        d.recipient = QString::fromUtf8(recipient);
        d.documentTitle = QStringLiteral("Lettre de liaison");
        d.patient = QStringLiteral("MARTIN Jeanne 1951-03-12");
        return d;
    };
    QList<tr::Delivery> now{
        make(1, C::Mssante, S::Sent, "2026-12-01T09:00:00", "old@demo.mssante.fr"), // an earlier session's
        make(2, C::Mssante, S::Sent, "2026-12-01T10:05:00", "pierre.lefevre@demo.mssante.fr"),
        make(3, C::Dmp, S::Sent, "2026-12-01T10:05:00", "251036912304596"),
        make(4, C::Mssante, S::Failed, "2026-12-01T10:05:00", "251036912304596@patient.mssante.fr"),
        make(5, C::Postal, S::Queued, "2026-12-01T10:05:00", "Dr MÜLLER"),
    };
    // Row 2 was seen queued at the last look, rows 3 and 4 not at all (queued and settled since).
    QHash<qint64, S> before{{1, S::Sent}, {2, S::Queued}};
    engine::DeliveryNews news = engine::deliveryNews(before, since, now);
    CHECK(news.sent
          == QStringList{QStringLiteral("« Lettre de liaison » → pierre.lefevre@demo.mssante.fr"),
                         QStringLiteral("« Lettre de liaison » → DMP du patient")});
    CHECK(news.failed == QStringList{QStringLiteral("« Lettre de liaison » → messagerie du patient")});
    for (const QString& line : news.sent + news.failed) {
        CHECK_FALSE(line.contains(QStringLiteral("251036912304596"))); // never the INS
        CHECK_FALSE(line.contains(QStringLiteral("MARTIN")));          // never the patient
    }
    // At the next look nothing has changed: nothing to say.
    for (const tr::Delivery& d : now) {
        before.insert(d.id, d.state);
    }
    news = engine::deliveryNews(before, since, now);
    CHECK(news.sent.isEmpty());
    CHECK(news.failed.isEmpty());
    // The first look of a session (nothing seen, no start time) says nothing either.
    news = engine::deliveryNews({}, QDateTime(), now);
    CHECK(news.sent.isEmpty());
    CHECK(news.failed.isEmpty());
}
