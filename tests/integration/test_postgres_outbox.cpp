// The outbox shared by a hospital group's workstations and senders (PostgreSQL): several senders
// take rows side by side and never the same one; a sender that dies leaves its rows to the
// others, a live one keeps its own. (The outbox's own behaviour is the outbox test suite run
// again on PostgreSQL, label postgres.)

#include "missive/directory/directory.h"
#include "missive/transport/outbox.h"
#include "postgres.h"
#include "support.h"

#include <QThread>
#include <catch2/catch.hpp>
#include <mutex>
#include <set>
#include <thread>

namespace tr = missive::transport;
namespace test = missive::test;

namespace
{

tr::NewDocument letter(int n)
{
    tr::NewDocument doc;
    doc.uniqueId = QStringLiteral("2.25.%1").arg(n);
    doc.title = QStringLiteral("Lettre");
    doc.fileName = QStringLiteral("lettre.pdf");
    doc.pdf = QByteArray("%PDF-1.4\n% lettre ") + QByteArray::number(n);
    doc.service = QStringLiteral("Cardiologie");
    return doc;
}

std::unique_ptr<tr::Outbox> open(const QString& url)
{
    auto opened = tr::Outbox::open(url);
    INFO((opened ? QString() : opened.error().detail).toStdString());
    REQUIRE(opened);
    return std::move(*opened);
}

} // namespace

TEST_CASE("senders sharing one outbox take each row once, and a dead sender's rows go to the others", "[postgres]")
{
    const QString url = QString::fromStdString(test::freshPostgresDatabase());
    auto workstation = open(url);
    CHECK(workstation->isShared());
    constexpr int Letters = 80;
    for (int i = 0; i < Letters; ++i) {
        REQUIRE(workstation->enqueue(letter(i),
                                     {{tr::Channel::Mssante, QStringLiteral("dr%1@test.fr").arg(i), {}, false}},
                                     QStringLiteral("sec@hop.fr")));
    }
    // A sending run needs no runner lock on a shared base: several run side by side.
    auto lock = workstation->lockRunner();
    REQUIRE(lock);
    auto second = workstation->lockRunner();
    REQUIRE(second);

    // Four senders, each with its own connection, draining the queue at once.
    std::mutex mutex;
    std::vector<qint64> taken;
    std::atomic<int> failures{0};
    std::vector<std::thread> senders;
    for (int s = 0; s < 4; ++s) {
        senders.emplace_back([&] {
            auto opened = tr::Outbox::open(url);
            if (!opened) {
                ++failures;
                return;
            }
            for (;;) {
                const auto now = QDateTime::currentDateTimeUtc();
                auto next = (*opened)->claimNext({tr::Channel::Mssante}, now);
                if (!next) {
                    ++failures;
                    return;
                }
                if (!*next) {
                    return;
                }
                {
                    std::lock_guard<std::mutex> guard(mutex);
                    taken.push_back((*next)->id);
                }
                if (!(*opened)->markSent((*next)->id, now)) {
                    ++failures;
                }
            }
        });
    }
    for (auto& sender : senders) {
        sender.join();
    }
    CHECK(failures == 0);
    CHECK(taken.size() == Letters);
    CHECK(std::set<qint64>(taken.begin(), taken.end()).size() == Letters); // never the same row twice
    CHECK(workstation->list(tr::DeliveryState::Sent)->size() == Letters);

    // One sender dies with three rows "sending"; a live one holds a fourth.
    for (int i = Letters; i < Letters + 4; ++i) {
        REQUIRE(workstation->enqueue(letter(i),
                                     {{tr::Channel::Mssante, QStringLiteral("dr%1@test.fr").arg(i), {}, false}},
                                     QStringLiteral("sec@hop.fr")));
    }
    const auto now = QDateTime::currentDateTimeUtc();
    auto dying = open(url);
    std::vector<qint64> orphans;
    for (int i = 0; i < 3; ++i) {
        auto next = dying->claimNext({tr::Channel::Mssante}, now);
        REQUIRE(next);
        REQUIRE(*next);
        orphans.push_back((*next)->id);
    }
    auto live = open(url);
    auto held = live->claimNext({tr::Channel::Mssante}, now);
    REQUIRE(held);
    REQUIRE(*held);
    dying.reset(); // its connection, and with it its session lock, is gone

    auto other = open(url);
    int requeued = 0;
    for (int i = 0; i < 100 && requeued < 3; ++i) {
        auto recovered = other->recoverInterrupted();
        REQUIRE(recovered);
        requeued += recovered->requeued;
        if (requeued < 3) {
            QThread::msleep(50);
        }
    }
    CHECK(requeued == 3);
    for (const qint64 id : orphans) {
        CHECK(other->find(id)->value().state == tr::DeliveryState::Queued);
        CHECK(other->find(id)->value().lastErrorCode == QLatin1String("interrupted"));
    }
    // The live sender's row is left to it, and it finishes it.
    CHECK(other->find((*held)->id)->value().state == tr::DeliveryState::Sending);
    CHECK(live->markSent((*held)->id, now));
    // A row taken back from a sender is not marked sent by it afterwards: said, not hidden.
    // Requeued when recovered (seconds after `now`): claimed as of the present.
    auto retaken = other->claimNext({tr::Channel::Mssante}, QDateTime::currentDateTimeUtc());
    REQUIRE(retaken);
    REQUIRE(*retaken);
    CHECK(std::find(orphans.begin(), orphans.end(), (*retaken)->id) != orphans.end());
    auto late = live->markSent((*retaken)->id, now);
    REQUIRE_FALSE(late);
    CHECK(late.error().userMessage.contains(QStringLiteral("deux fois")));
    CHECK(other->markSent((*retaken)->id, now));
}

TEST_CASE("a PostgreSQL base holding another application's deliveries table is refused as an outbox", "[postgres]")
{
    const std::string url = test::freshPostgresDatabase();
    const std::string database = url.substr(url.find(":///") + 4, url.find('?') - url.find(":///") - 4);
    test::postgresExec("CREATE TABLE deliveries(x integer)", database);
    auto refused = tr::Outbox::open(QString::fromStdString(url));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == missive::ErrorCode::Integrity);
}

TEST_CASE("storage setup gives each secretary her service's letters only, and a relay every service's", "[postgres]")
{
    const std::string admin = test::freshPostgresDatabase();
    const std::string database = admin.substr(admin.find(":///") + 4, admin.find('?') - admin.find(":///") - 4);
    const std::string suffix = database.substr(1); // role names unique to this run
    const std::string alice = "alice" + suffix;
    const std::string bob = "bob" + suffix;
    const std::string relay = "relay" + suffix;
    test::TempDir home{"missive-pg-setup"};
    const auto setup = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {test::cliPath(), "storage", "setup", "--to", admin});
        test::RunOptions options;
        options.env = {{"HOME", home.path().string()}};
        return test::run(args, options);
    };
    REQUIRE(setup({"--service", "Cardiologie", alice}).exitCode == 0);
    REQUIRE(setup({"--service", "Pneumologie", bob}).exitCode == 0);
    const auto relayed = setup({"--relay", relay, "--json"});
    INFO(relayed.err);
    REQUIRE(relayed.exitCode == 0);
    CHECK(relayed.out.find("\"service\": \"*\"") != std::string::npos);
    CHECK(setup({"--service", "Cardiologie", "alice; DROP TABLE documents"}).exitCode == 2);
    CHECK(setup({alice}).exitCode == 2);

    const auto as = [&](const std::string& role) {
        const std::string url = "postgresql:///" + database + "?host=" + test::postgresSocketDir() + "&user=" + role;
        return open(QString::fromStdString(url));
    };
    const auto queue = [](tr::Outbox& outbox, int n, const QString& service) {
        tr::NewDocument doc = letter(n);
        doc.service = service;
        return outbox.enqueue(doc, {{tr::Channel::Mssante, QStringLiteral("dr%1@test.fr").arg(n), {}, false}},
                              QStringLiteral("sec@hop.fr"));
    };
    auto cardio = as(alice);
    auto pneumo = as(bob);
    REQUIRE(queue(*cardio, 1, QStringLiteral("Cardiologie")));
    REQUIRE(queue(*cardio, 2, QStringLiteral("Cardiologie")));
    REQUIRE(queue(*pneumo, 3, QStringLiteral("Pneumologie")));
    // A letter of another service cannot be queued under it, and the secretary is told why.
    auto foreign = queue(*cardio, 4, QStringLiteral("Pneumologie"));
    REQUIRE_FALSE(foreign);
    CHECK(foreign.error().code == missive::ErrorCode::PermissionDenied);
    CHECK(foreign.error().userMessage.contains(QStringLiteral("pas inscrit pour le service")));

    CHECK(cardio->list()->size() == 2);
    CHECK(pneumo->list()->size() == 1);
    CHECK(pneumo->list()->front().service == QLatin1String("Pneumologie"));
    // Nor can a row of another service be reached by its number.
    const qint64 cardioRow = cardio->list()->front().id;
    CHECK_FALSE(pneumo->find(cardioRow)->has_value());
    CHECK_FALSE(pneumo->cancel(cardioRow, QDateTime::currentDateTimeUtc()));

    // The relay sees and sends every service's letters.
    auto sender = as(relay);
    CHECK(sender->list()->size() == 3);
    int claimed = 0;
    while (auto next = sender->claimNext({tr::Channel::Mssante}, QDateTime::currentDateTimeUtc())) {
        if (!*next) {
            break;
        }
        REQUIRE(sender->markSent((*next)->id, QDateTime::currentDateTimeUtc()));
        ++claimed;
    }
    CHECK(claimed == 3);
    CHECK(cardio->list(tr::DeliveryState::Sent)->size() == 2);

    // The same roles share the group's directory: read it and teach it, without owning it.
    const std::string aliceUrl = "postgresql:///" + database + "?host=" + test::postgresSocketDir() + "&user=" + alice;
    auto directory = missive::directory::Directory::open(QString::fromStdString(aliceUrl));
    INFO((directory ? QString() : directory.error().detail).toStdString());
    REQUIRE(directory);
    missive::Professional newcomer;
    newcomer.familyName = QStringLiteral("MULLER");
    newcomer.givenName = QStringLiteral("Hans");
    newcomer.city = QStringLiteral("GENEVE");
    auto id = directory->addLocal(newcomer, QString::fromStdString(alice));
    INFO((id ? QString() : id.error().detail).toStdString());
    REQUIRE(id);
    CHECK(directory->prefer(*id, missive::directory::ChannelKind::Postal, {}, {}, QString::fromStdString(alice)));
    CHECK(directory->history(*id)->size() == 2);
}
