// bench-reading: how well `missive_ocr` + the directory matching read letters they were not tuned on,
// and how fast. It generates two corpora with tests/corpus/make_letters.py, a tuning part and a
// held-out part (layout families the reader must never be tuned on), imports each corpus's directory
// extracts into a temporary directory database, analyses every letter (Analyzer::analyze, then
// engine::matchRecipients) and compares with the ground truth written beside each PDF.
//
//   build/bench/bench-reading [--count N=30] [--seed S=11] [--keep DIR] [--split tuning|heldout|both]
//                             [--variants text,scan300,scan200,scan300-96ppi] [--show-heldout-misses]
//                             [--families PREFIX]  (only the families named so, to study one set)
//                             [--runs N=7] [--no-speed]
//
// Figures only (no assertion). Per split: per variant, per identity family, per addressee and copies
// family. Per-letter misses are printed for the tuning split only: the held-out part gives aggregate
// figures, so that nobody tunes the reader on it. Speed: each missive process against its peer
// process (pdftotext -layout, tesseract) run side by side in the same loop, medians; peak memory of
// the missive process from /proc (VmHWM) in a run of its own.

#include "missive/directory/directory.h"
#include "missive/engine/recipient_matching.h"
#include "missive/ocr/analyzer.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <map>
#include <optional>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

using namespace missive;
using namespace missive::ocr;

namespace
{

struct ProcessRun
{
    int exitCode = -1;
    double ms = 0;
};

// Runs argv with stdout/stderr to /dev/null; wall time of that process.
ProcessRun runProcess(const std::vector<std::string>& argv)
{
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = -1;
    ProcessRun run;
    if (posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return run;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    run.ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    posix_spawn_file_actions_destroy(&actions);
    return run;
}

// Peak resident memory of one run of argv, read from /proc/PID/status (VmHWM) while it runs. wait4's
// ru_maxrss would not do: a child spawned from this process starts its accounting with this process's
// own peak (posix_spawn shares the address space until exec), which the corpus analysis makes large.
long peakRssKb(const std::vector<std::string>& argv)
{
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        return 0;
    }
    long peak = 0;
    const QString status = QStringLiteral("/proc/%1/status").arg(pid);
    for (;;) {
        int st = 0;
        if (waitpid(pid, &st, WNOHANG) == pid) {
            return peak;
        }
        QFile file(status);
        if (file.open(QIODevice::ReadOnly)) {
            for (const QByteArray& line : file.readAll().split('\n')) {
                if (line.startsWith("VmHWM:")) {
                    peak = std::max(peak, line.mid(6).trimmed().split(' ').value(0).toLong());
                }
            }
        }
        usleep(2000);
    }
}

double median(std::vector<double> v)
{
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Uppercase without diacritics, hyphens and apostrophes as spaces: names compare as the INSi does.
QString plain(const QString& s)
{
    QString out;
    for (const QChar c : s.normalized(QString::NormalizationForm_D)) {
        if (c.category() == QChar::Mark_NonSpacing) {
            continue;
        }
        out += (c == QLatin1Char('-') || c == QLatin1Char('\'') || c == QChar(0x2019)) ? QLatin1Char(' ') : c.toUpper();
    }
    return out.simplified();
}

struct Tally
{
    int letters = 0;
    int failures = 0;
    int insExpected = 0;
    int insFound = 0;
    int insWrong = 0; // an INS returned that is not the expected one: must stay 0
    int insWrongTrait = 0; // the right INS returned with a trait read wrong: must stay 0 too
    int withheldExpected = 0;
    int withheldOk = 0;
    int statusOk = 0;
    int birthName = 0;
    int firstName = 0;
    int birthDate = 0;
    int sex = 0;
    int birthPlace = 0;
    int traitsAll = 0;
    int dmExpected = 0;
    int dmRead = 0;
    int autoSelected = 0;    // recipients auto-selected by the reader + matching
    int autoRight = 0;       // … whose RPPS is a recipient of the letter
    int autoExpected = 0;    // truth recipients with auto = true
    int autoRecalled = 0;    // … auto-selected
    int neverViolations = 0; // an auto-selected RPPS listed in never_auto
    QMap<QString, int> neverKinds; // the violations by kind (author, body, side, namesake, other)
    // Why an expected INS was not given: the identity's reasons, by kind (the words before " : "; a
    // letter may give several). Counts only, as below.
    QMap<QString, int> insMissed;
    // Why an expected recipient was not auto-selected (counts only: held-out misses stay unseen).
    int missUnread = 0;    // no recipient read under that family name
    int missOtherRole = 0; // read, in the other role (an addressee read as a copy, or the reverse)
    int missUnmatched = 0; // read, in its role, not found in the directory as that professional
    int missProposed = 0;  // read and found, proposed but not chosen
    int authorOk = 0;
    int typeOk = 0;
    int typeNull = 0;
    std::vector<double> ms;
    std::vector<double> msPerPage; // a letter's time over its pages: what a retry, not a length, makes slow
    QStringList slow;
    QStringList misses;

    void add(const Tally& o)
    {
        letters += o.letters;
        failures += o.failures;
        insExpected += o.insExpected;
        insFound += o.insFound;
        insWrong += o.insWrong;
        insWrongTrait += o.insWrongTrait;
        withheldExpected += o.withheldExpected;
        withheldOk += o.withheldOk;
        statusOk += o.statusOk;
        birthName += o.birthName;
        firstName += o.firstName;
        birthDate += o.birthDate;
        sex += o.sex;
        birthPlace += o.birthPlace;
        traitsAll += o.traitsAll;
        dmExpected += o.dmExpected;
        dmRead += o.dmRead;
        autoSelected += o.autoSelected;
        autoRight += o.autoRight;
        autoExpected += o.autoExpected;
        autoRecalled += o.autoRecalled;
        neverViolations += o.neverViolations;
        for (auto it = o.neverKinds.begin(); it != o.neverKinds.end(); ++it) {
            neverKinds[it.key()] += it.value();
        }
        for (auto it = o.insMissed.begin(); it != o.insMissed.end(); ++it) {
            insMissed[it.key()] += it.value();
        }
        missUnread += o.missUnread;
        missOtherRole += o.missOtherRole;
        missUnmatched += o.missUnmatched;
        missProposed += o.missProposed;
        authorOk += o.authorOk;
        typeOk += o.typeOk;
        typeNull += o.typeNull;
        ms.insert(ms.end(), o.ms.begin(), o.ms.end());
        msPerPage.insert(msPerPage.end(), o.msPerPage.begin(), o.msPerPage.end());
    }
};

// One letter's score; `t` gets the counts, `misses` what went wrong (for the tuning split only).
Tally score(const Analysis& a, const QJsonObject& truth)
{
    Tally t;
    const QJsonObject p = truth.value(QStringLiteral("patient")).toObject();
    const PatientIdentity& id = a.patient.identity;
    const auto miss = [&](const QString& what) { t.misses += what; };
    t.letters = 1;
    const QString expectedIns = p.value(QStringLiteral("ins")).toString();
    if (!expectedIns.isEmpty()) {
        ++t.insExpected;
        if (id.ins == expectedIns) {
            ++t.insFound;
        } else {
            miss(QStringLiteral("INS not found (%1)").arg(a.warnings.join(QStringLiteral(" | "))));
            QStringList kinds;
            for (const QString& w : a.patient.reasons) {
                const QString kind = w.section(QStringLiteral(" : "), 0, 0);
                if (!kinds.contains(kind)) {
                    kinds += kind;
                }
            }
            for (const QString& kind : kinds.isEmpty() ? QStringList{QStringLiteral("(aucun motif)")} : kinds) {
                ++t.insMissed[kind];
            }
        }
    } else {
        ++t.withheldExpected;
        t.withheldOk += id.ins.isEmpty();
    }
    if (!id.ins.isEmpty() && id.ins != expectedIns) {
        ++t.insWrong;
        miss(QStringLiteral("WRONG INS"));
    }
    if (identityStatusName(a.patient.status) == p.value(QStringLiteral("status")).toString()) {
        ++t.statusOk;
    } else {
        miss(QStringLiteral("status %1, expected %2")
                 .arg(identityStatusName(a.patient.status), p.value(QStringLiteral("status")).toString()));
    }
    const bool birthName = id.birthName == p.value(QStringLiteral("birth_name")).toString();
    const bool firstName = id.firstName == p.value(QStringLiteral("first_name")).toString();
    const bool birthDate =
        id.birthDate == QDate::fromString(p.value(QStringLiteral("birth_date")).toString(), Qt::ISODate);
    const bool sex = sexCode(id.sex) == p.value(QStringLiteral("sex")).toString();
    const bool birthPlace = id.birthPlace == p.value(QStringLiteral("birth_place")).toString();
    t.birthName = birthName;
    t.firstName = firstName;
    t.birthDate = birthDate;
    t.sex = sex;
    t.birthPlace = birthPlace;
    t.traitsAll = birthName && firstName && birthDate && sex && birthPlace;
    if (!t.traitsAll) {
        QStringList which;
        for (const auto& [ok, name] : {std::pair{birthName, "birth name"}, std::pair{firstName, "first name"},
                                       std::pair{birthDate, "birth date"}, std::pair{sex, "sex"},
                                       std::pair{birthPlace, "birth place"}}) {
            if (!ok) {
                which += QLatin1String(name);
            }
        }
        miss(QStringLiteral("traits missed: ") + which.join(QStringLiteral(", ")));
    }
    if (!id.ins.isEmpty() && !t.traitsAll) {
        ++t.insWrongTrait;
        miss(QStringLiteral("INS WITH A WRONG TRAIT"));
    }
    if (truth.value(QStringLiteral("datamatrix")).toBool()) {
        ++t.dmExpected;
        if (a.patient.source == IdentitySource::DataMatrix || a.patient.source == IdentitySource::Both) {
            ++t.dmRead;
        } else {
            miss(QStringLiteral("DataMatrix not read"));
        }
    }

    QSet<QString> recipientRpps;
    QSet<QString> expectedAuto;
    for (const QJsonValue& v : truth.value(QStringLiteral("recipients")).toArray()) {
        const QJsonObject r = v.toObject();
        const QString rpps = r.value(QStringLiteral("rpps")).toString();
        if (!rpps.isEmpty()) {
            recipientRpps.insert(rpps);
        }
        if (r.value(QStringLiteral("auto")).toBool()) {
            expectedAuto.insert(rpps);
        }
    }
    QSet<QString> never;
    for (const QJsonValue& v : truth.value(QStringLiteral("never_auto")).toArray()) {
        never.insert(v.toString());
    }
    QSet<QString> selected;
    for (const Recipient& r : a.recipients) {
        if (!r.autoSelected || !r.rpps) {
            continue;
        }
        selected.insert(*r.rpps);
        ++t.autoSelected;
        if (recipientRpps.contains(*r.rpps)) {
            ++t.autoRight;
        } else {
            miss(QStringLiteral("WRONG RECIPIENT auto-selected: %1 (%2)").arg(r.name, *r.rpps));
        }
        if (never.contains(*r.rpps)) {
            ++t.neverViolations;
            t.neverKinds[truth.value(QStringLiteral("never_auto_kinds"))
                             .toObject()
                             .value(*r.rpps)
                             .toString(QStringLiteral("unknown"))] += 1;
            miss(QStringLiteral("NEVER-AUTO VIOLATED: %1 (%2)").arg(r.name, *r.rpps));
        }
    }
    t.autoExpected = static_cast<int>(expectedAuto.size());
    for (const QString& rpps : expectedAuto) {
        if (selected.contains(rpps)) {
            ++t.autoRecalled;
        } else {
            for (const QJsonValue& v : truth.value(QStringLiteral("recipients")).toArray()) {
                const QJsonObject e = v.toObject();
                if (e.value(QStringLiteral("rpps")).toString() != rpps) {
                    continue;
                }
                miss(QStringLiteral("recipient not auto-selected: %1").arg(e.value(QStringLiteral("name")).toString()));
                const QString family = plain(e.value(QStringLiteral("family")).toString());
                const RecipientRole role = e.value(QStringLiteral("role")).toString() == QLatin1String("to")
                                               ? RecipientRole::To
                                               : RecipientRole::Cc;
                bool read = false;
                bool inRole = false;
                bool found = false;
                for (const Recipient& r : a.recipients) {
                    if (plain(r.familyName) != family) {
                        continue;
                    }
                    read = true;
                    inRole = inRole || r.role == role;
                    found = found || (r.rpps && *r.rpps == rpps);
                }
                ++(found ? t.missProposed : !read ? t.missUnread : !inRole ? t.missOtherRole : t.missUnmatched);
            }
        }
    }

    const QString author = plain(truth.value(QStringLiteral("author")).toString());
    const QStringList authorWords = author.split(QLatin1Char(' ')).mid(1); // without Dr / Pr
    bool authorOk = false;
    if (a.author) {
        const QString read = plain(a.author->name);
        authorOk = (a.author->rpps && *a.author->rpps == truth.value(QStringLiteral("author_rpps")).toString())
                   || std::all_of(authorWords.begin(), authorWords.end(),
                                  [&](const QString& w) { return read.split(QLatin1Char(' ')).contains(w); });
    }
    t.authorOk = authorOk;
    if (!authorOk) {
        miss(QStringLiteral("author %1").arg(a.author ? a.author->name : QStringLiteral("null")));
    }
    if (!a.documentType) {
        ++t.typeNull;
        miss(QStringLiteral("document type null"));
    } else if (a.documentType->code == truth.value(QStringLiteral("document_type")).toString()) {
        ++t.typeOk;
    } else {
        miss(QStringLiteral("document type WRONG %1").arg(a.documentType->code));
    }
    return t;
}

QString pct(int n, int d)
{
    return d == 0 ? QStringLiteral("   n/a") : QStringLiteral("%1 %").arg(100.0 * n / d, 5, 'f', 1);
}

QString ratio(int n, int d)
{
    return d == 0 ? QStringLiteral("-") : QStringLiteral("%1/%2").arg(n).arg(d);
}

void printTally(const QString& title, const Tally& t, bool misses)
{
    std::printf("\n== %s: %d letters (analysis failures: %d)\n", qPrintable(title), t.letters, t.failures);
    std::printf("  INS found            %s  (%d/%d)\n", qPrintable(pct(t.insFound, t.insExpected)), t.insFound,
                t.insExpected);
    std::printf("  wrong INS            %d\n", t.insWrong);
    std::printf("  INS, a trait wrong   %d\n", t.insWrongTrait);
    std::printf("  INS withheld (cases) %s  (%d/%d)\n", qPrintable(pct(t.withheldOk, t.withheldExpected)),
                t.withheldOk, t.withheldExpected);
    std::printf("  identity status      %s\n", qPrintable(pct(t.statusOk, t.letters)));
    std::printf("  traits: birth name %s, first name %s, birth date %s, sex %s, birth place %s; all %s\n",
                qPrintable(pct(t.birthName, t.letters)), qPrintable(pct(t.firstName, t.letters)),
                qPrintable(pct(t.birthDate, t.letters)), qPrintable(pct(t.sex, t.letters)),
                qPrintable(pct(t.birthPlace, t.letters)), qPrintable(pct(t.traitsAll, t.letters)));
    if (!t.insMissed.isEmpty()) {
        QList<std::pair<int, QString>> why;
        for (auto it = t.insMissed.begin(); it != t.insMissed.end(); ++it) {
            why += {it.value(), it.key()};
        }
        std::stable_sort(why.begin(), why.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        QStringList parts;
        for (const auto& [count, kind] : why) {
            parts += QStringLiteral("%1 %2").arg(kind).arg(count);
        }
        std::printf("  INS missed, why      %s\n", qPrintable(parts.join(QStringLiteral("; "))));
    }
    std::printf("  DataMatrix decoded   %s  (%d/%d letters carrying one)\n", qPrintable(pct(t.dmRead, t.dmExpected)),
                t.dmRead, t.dmExpected);
    std::printf("  recipients auto      precision %s (%d/%d), recall %s (%d/%d)\n",
                qPrintable(pct(t.autoRight, t.autoSelected)), t.autoRight, t.autoSelected,
                qPrintable(pct(t.autoRecalled, t.autoExpected)), t.autoRecalled, t.autoExpected);
    QStringList kinds;
    for (auto it = t.neverKinds.begin(); it != t.neverKinds.end(); ++it) {
        kinds += QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    }
    std::printf(
        "  never_auto violated  %d%s\n", t.neverViolations,
        kinds.isEmpty() ? "" : qPrintable(QStringLiteral(" (") + kinds.join(QStringLiteral(", ")) + QLatin1Char(')')));
    std::printf("  recipients missed    unread %d, other role %d, not found in the directory %d, proposed %d\n",
                t.missUnread, t.missOtherRole, t.missUnmatched, t.missProposed);
    std::printf("  author found         %s\n", qPrintable(pct(t.authorOk, t.letters)));
    std::printf("  document type        %s  (null %d, wrong %d)\n", qPrintable(pct(t.typeOk, t.letters)), t.typeNull,
                t.letters - t.typeOk - t.typeNull);
    const double med = median(t.ms);
    std::printf("  time per letter      median %.0f ms, max %.0f ms, over 2x median: %lld\n", med,
                t.ms.empty() ? 0.0 : *std::max_element(t.ms.begin(), t.ms.end()),
                static_cast<long long>(std::count_if(t.ms.begin(), t.ms.end(), [&](double v) { return v > 2 * med; })));
    const double pageMed = median(t.msPerPage);
    std::printf("  time per page        median %.0f ms, max %.0f ms, over 2x median: %lld\n", pageMed,
                t.msPerPage.empty() ? 0.0 : *std::max_element(t.msPerPage.begin(), t.msPerPage.end()),
                static_cast<long long>(
                    std::count_if(t.msPerPage.begin(), t.msPerPage.end(), [&](double v) { return v > 2 * pageMed; })));
    if (misses) {
        for (const QString& s : t.slow) {
            std::printf("    slow: %s\n", qPrintable(s));
        }
        for (const QString& m : t.misses) {
            std::printf("    miss: %s\n", qPrintable(m));
        }
    }
}

// Per family: letters, INS found per variant, wrong INS, all traits; or recipients.
void printFamilies(const QString& title, const std::map<QString, std::map<QString, Tally>>& families,
                   const QStringList& variants, bool identity)
{
    std::printf("\n-- %s\n", qPrintable(title));
    if (identity) {
        std::printf("  %-24s %4s", "family", "n");
        for (const QString& v : variants) {
            std::printf("  %13s", qPrintable(QStringLiteral("INS ") + v));
        }
        std::printf("  %5s  %8s  %8s\n", "wrong", "traits", "DM");
    } else {
        std::printf("  %-24s %4s  %18s  %18s  %5s\n", "family", "n", "auto precision", "auto recall", "never");
    }
    for (const auto& [family, byVariant] : families) {
        Tally all;
        for (const auto& [variant, t] : byVariant) {
            all.add(t);
        }
        std::printf("  %-24s %4d", qPrintable(family), all.letters);
        if (identity) {
            for (const QString& v : variants) {
                const auto it = byVariant.find(v);
                std::printf("  %13s", it == byVariant.end() ? "-" : qPrintable(ratio(it->second.insFound,
                                                                                      it->second.insExpected)));
            }
            std::printf("  %5d  %8s  %8s\n", all.insWrong, qPrintable(pct(all.traitsAll, all.letters)),
                        qPrintable(ratio(all.dmRead, all.dmExpected)));
        } else {
            std::printf("  %18s  %18s  %5d\n",
                        qPrintable(pct(all.autoRight, all.autoSelected) + QStringLiteral(" ")
                                   + ratio(all.autoRight, all.autoSelected)),
                        qPrintable(pct(all.autoRecalled, all.autoExpected) + QStringLiteral(" ")
                                   + ratio(all.autoRecalled, all.autoExpected)),
                        all.neverViolations);
        }
    }
}

struct Options
{
    int count = 30;
    int seed = 11;
    QString keep;
    QStringList splits{QStringLiteral("tuning"), QStringLiteral("heldout")};
    QString variants = QStringLiteral("text,scan300,scan200,scan300-96ppi");
    bool showHeldoutMisses = false;
    QString families; // a family-name prefix: study one set of families
    int runs = 7;
    bool speed = true;
};

struct SplitRun
{
    QString dir;
    QString db;
};

// Generates one split's corpus and imports its directory; empty on failure.
std::optional<SplitRun> prepare(const Options& o, const QString& base, const QString& split)
{
    SplitRun run;
    run.dir = base + QLatin1Char('/') + split;
    std::printf("bench-reading: generating %d %s letters x (%s) + identity cases in %s\n", o.count, qPrintable(split),
                qPrintable(o.variants), qPrintable(run.dir));
    std::fflush(stdout);
    std::vector<std::string> argv{MISSIVE_BENCH_PYTHON,  MISSIVE_BENCH_GENERATOR,  run.dir.toStdString(),
                                  "--count",             std::to_string(o.count),  "--seed",
                                  std::to_string(o.seed), "--split",               split.toStdString(),
                                  "--variants",          o.variants.toStdString(), "--cases"};
    if (!o.families.isEmpty()) {
        argv.insert(argv.end(), {"--families", o.families.toStdString()});
    }
    if (split == QLatin1String("tuning") && o.speed) {
        // letter-000 fits on one page and has its 300 dpi scans: the speed section times it.
        argv.insert(argv.end(), {"--one-page", "1", "--pages50", "1", "--scans", "1", "--scans96", "1"});
    }
    const ProcessRun gen = runProcess(argv);
    if (gen.exitCode != 0) {
        std::fprintf(stderr, "bench-reading: the generator failed (%s)\n", qPrintable(split));
        return std::nullopt;
    }
    std::printf("  generated in %.1f s\n", gen.ms / 1000);
    run.db = run.dir + QStringLiteral("/directory.sqlite");
    QFile::remove(run.db);
    return run;
}

// The speed section: each missive process against its peer, alternated in one loop.
void speed(const Options& o, const SplitRun& tuning, const QString& tmp)
{
    const std::string missive = MISSIVE_BENCH_CLI;
    const std::string db = tuning.db.toStdString();
    // letter-000 is generated on one page, with its 300 dpi scans (see prepare()).
    const QString onePage = tuning.dir + QStringLiteral("/letter-000-text.pdf");
    const QString longPdf = tuning.dir + QStringLiteral("/long-000-text.pdf");
    const QString scan300 = tuning.dir + QStringLiteral("/letter-000-scan300.pdf");
    const QString scan96 = tuning.dir + QStringLiteral("/letter-000-scan300-96ppi.pdf");

    const auto sideBySide = [&](const char* title, const QString& pdf, const std::vector<std::string>& peer,
                                const char* peerName, int runs, const char* target) {
        if (pdf.isEmpty() || !QFile::exists(pdf)) {
            std::printf("\n== speed: %s: no such file\n", title);
            return;
        }
        std::vector<double> mine;
        std::vector<double> theirs;
        int failures = 0;
        const std::vector<std::string> analyze{missive, "analyze", pdf.toStdString(), "--db", db, "--json"};
        for (int i = 0; i < runs; ++i) {
            theirs.push_back(runProcess(peer).ms);
            const ProcessRun run = runProcess(analyze);
            failures += run.exitCode != 0;
            mine.push_back(run.ms);
        }
        const long peakKb = peakRssKb(analyze); // a run of its own: polling would disturb the timings
        std::printf("\n== speed: %s (median of %d, side by side)\n", title, runs);
        std::printf("  %-36s %8.1f ms\n", peerName, median(theirs));
        std::printf("  %-36s %8.1f ms  (%.2fx; target %s)%s\n", "missive analyze --db --json", median(mine),
                    median(mine) / std::max(1e-9, median(theirs)), target,
                    failures ? qPrintable(QStringLiteral("  [%1 failed runs]").arg(failures)) : "");
        std::printf("  peak RSS of missive                  %8.1f MB\n", static_cast<double>(peakKb) / 1024);
    };
    sideBySide("one-page text letter", onePage, {"pdftotext", "-layout", onePage.toStdString(), "-"},
               "pdftotext -layout", o.runs, "<= 3x");
    sideBySide("50-page text document", longPdf, {"pdftotext", "-layout", longPdf.toStdString(), "-"},
               "pdftotext -layout", std::max(3, o.runs / 2), "<= 3x");
    // The page image at its own pixels, as the scanner made it.
    const std::string pageRoot = QString(tmp + QStringLiteral("/page")).toStdString();
    runProcess({"pdfimages", "-png", "-f", "1", "-l", "1", scan300.toStdString(), pageRoot});
    const std::string png = pageRoot + "-000.png";
    const std::vector<std::string> tesseract{"tesseract", png, "-", "-l", "fra"};
    const int scanRuns = std::max(3, o.runs / 2);
    sideBySide("300 dpi scanned page (declared 300 ppi)", scan300, tesseract, "tesseract page.png - -l fra", scanRuns,
               "<= 0.6x, <= 250 MB");
    sideBySide("300 dpi scanned page (declared 96 ppi)", scan96, tesseract, "tesseract page.png - -l fra", scanRuns,
               "<= 0.6x, <= 250 MB");
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    Options o;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--count") && hasValue) {
            o.count = args[++i].toInt();
        } else if (a == QLatin1String("--seed") && hasValue) {
            o.seed = args[++i].toInt();
        } else if (a == QLatin1String("--keep") && hasValue) {
            o.keep = args[++i];
        } else if (a == QLatin1String("--split") && hasValue) {
            const QString s = args[++i];
            o.splits = s == QLatin1String("both") ? QStringList{QStringLiteral("tuning"), QStringLiteral("heldout")}
                                                  : QStringList{s};
        } else if (a == QLatin1String("--variants") && hasValue) {
            o.variants = args[++i];
        } else if (a == QLatin1String("--runs") && hasValue) {
            o.runs = std::max(1, args[++i].toInt());
        } else if (a == QLatin1String("--show-heldout-misses")) {
            o.showHeldoutMisses = true;
        } else if (a == QLatin1String("--families") && hasValue) {
            o.families = args[++i];
        } else if (a == QLatin1String("--no-speed")) {
            o.speed = false;
        } else {
            std::fprintf(
                stderr,
                "usage: bench-reading [--count N] [--seed S] [--keep DIR] [--split tuning|heldout|both]\n"
                "                     [--variants LIST] [--show-heldout-misses] [--families PREFIX] [--runs N]\n"
                "                     [--no-speed]\n");
            return 2;
        }
    }
    if (o.splits.isEmpty() || std::any_of(o.splits.begin(), o.splits.end(), [](const QString& s) {
            return s != QLatin1String("tuning") && s != QLatin1String("heldout");
        })) {
        std::fprintf(stderr, "bench-reading: --split tuning|heldout|both\n");
        return 2;
    }
    QTemporaryDir tmp;
    const QString base = o.keep.isEmpty() ? tmp.path() + QStringLiteral("/corpus") : o.keep;
    QDir().mkpath(base);
    setenv("MISSIVE_DM_WRITER", MISSIVE_BENCH_DM_WRITER, 1);
    const QStringList variantList = o.variants.split(QLatin1Char(','), Qt::SkipEmptyParts);

    Analyzer analyzer;
    std::optional<SplitRun> tuningRun;
    QStringList summary;
    for (const QString& split : o.splits) {
        const auto run = prepare(o, base, split);
        if (!run) {
            return 1;
        }
        auto directory = directory::Directory::open(run->db);
        if (!directory) {
            std::fprintf(stderr, "bench-reading: %s\n", qPrintable(directory.error().detail));
            return 1;
        }
        const QDir annuaire(run->dir + QStringLiteral("/annuaire"));
        for (const QString& file : annuaire.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name | QDir::Reversed)) {
            if (auto report = directory->importFile(annuaire.filePath(file)); !report) {
                std::fprintf(stderr, "bench-reading: import %s: %s\n", qPrintable(file), qPrintable(report.error().detail));
                return 1;
            }
        }
        if (split == QLatin1String("tuning")) {
            tuningRun = run;
        }
        const bool showMisses = split == QLatin1String("tuning") || o.showHeldoutMisses;

        QFile index(run->dir + QStringLiteral("/index.txt"));
        if (!index.open(QIODevice::ReadOnly)) {
            return 1;
        }
        std::map<QString, Tally> byVariant;
        std::map<QString, std::map<QString, Tally>> byIdentity;
        std::map<QString, std::map<QString, Tally>> byAddressee;
        std::map<QString, std::map<QString, Tally>> byCopies;
        for (const QByteArray& line : index.readAll().split('\n')) {
            const QString name = QString::fromUtf8(line.trimmed());
            if (name.isEmpty()) {
                continue;
            }
            const QString pdf = run->dir + QLatin1Char('/') + name;
            QFile sidecar(pdf.left(pdf.size() - 4) + QStringLiteral(".json"));
            if (!sidecar.open(QIODevice::ReadOnly)) {
                continue;
            }
            const QJsonObject truth = QJsonDocument::fromJson(sidecar.readAll()).object();
            const QString variant = truth.value(QStringLiteral("variant")).toString();
            QElapsedTimer timer;
            timer.start();
            auto result = analyzer.analyze(pdf);
            Result<void> matched;
            if (result) {
                matched = engine::matchRecipients(*result, *directory);
            }
            const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
            Tally t;
            if (!result || !matched) {
                t.letters = 1;
                t.failures = 1;
                t.misses += QStringLiteral("analysis failed: ")
                            + (result ? matched.error().detail : result.error().detail);
            } else {
                t = score(*result, truth);
            }
            const int pages = std::max(1, truth.value(QStringLiteral("pages")).toInt());
            t.ms.push_back(ms);
            t.msPerPage.push_back(ms / pages);
            for (QString& m : t.misses) {
                m = name + QStringLiteral(": ") + m;
            }
            Tally& v = byVariant[variant];
            v.add(t);
            v.misses += t.misses;
            v.slow += name + QStringLiteral(" %1 ms, %2 page(s)").arg(ms, 0, 'f', 0).arg(pages);
            byIdentity[truth.value(QStringLiteral("identity_layout")).toString()][variant].add(t);
            byAddressee[truth.value(QStringLiteral("addressee_layout")).toString()][variant].add(t);
            byCopies[truth.value(QStringLiteral("copies_layout")).toString()][variant].add(t);
        }
        for (auto& [variant, t] : byVariant) {
            // Keep only the letters over twice the variant's median time per page in "slow".
            const double med = median(t.msPerPage);
            QStringList slow;
            for (std::size_t i = 0; i < t.msPerPage.size() && i < static_cast<std::size_t>(t.slow.size()); ++i) {
                if (t.msPerPage[i] > 2 * med) {
                    slow += t.slow[static_cast<int>(i)];
                }
            }
            t.slow = slow;
            printTally(split + QStringLiteral(" / ") + variant, t, showMisses);
            summary +=
                QStringLiteral(
                    "%1 %2: INS %3 (wrong %4, trait wrong %12), DM %5, auto precision %6 recall %7, never_auto %8, "
                    "author %9, type %10, median %11 ms")
                    .arg(split, -7)
                    .arg(variant, -13)
                    .arg(pct(t.insFound, t.insExpected))
                    .arg(t.insWrong)
                    .arg(pct(t.dmRead, t.dmExpected))
                    .arg(pct(t.autoRight, t.autoSelected), pct(t.autoRecalled, t.autoExpected))
                    .arg(t.neverViolations)
                    .arg(pct(t.authorOk, t.letters), pct(t.typeOk, t.letters))
                    .arg(median(t.ms), 0, 'f', 0)
                    .arg(t.insWrongTrait);
        }
        printFamilies(split + QStringLiteral(": identity families"), byIdentity, variantList, true);
        printFamilies(split + QStringLiteral(": addressee families"), byAddressee, variantList, false);
        printFamilies(split + QStringLiteral(": copies families"), byCopies, variantList, false);
        std::fflush(stdout);
    }
    if (o.speed && tuningRun) {
        speed(o, *tuningRun, tmp.path());
    }
    std::printf("\n== summary\n");
    for (const QString& s : summary) {
        std::printf("  %s\n", qPrintable(s));
    }
    return 0;
}
