// The Windows spool writer against a real (or Wine's) file system, in a temporary
// directory: no spooler, no impersonation. Run under Wine by the main build
// (tests/CMakeLists.txt, windows.wine-spool-writer). Exit code 0 when every check passed.

#include "missive/spool/pdf_probe.h"
#include "missive/spool/printed_jobs.h"
#include "missive/spool/windows_layout.h"
#include "win_inbox.h"
#include "win_spool.h"
#include "win_util.h"

#include <cstdio>
#include <fstream>
#include <string>

using namespace missive;

namespace
{

int g_failures = 0;

void check(bool ok, const char* what)
{
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    g_failures += ok ? 0 : 1;
}

std::string readAll(const std::wstring& path)
{
    std::string out;
    HANDLE file = CreateFileW(spool::extendedLengthPath(path).c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr,
                              OPEN_EXISTING, 0, nullptr);
    if (file == INVALID_HANDLE_VALUE) {
        return out;
    }
    char buffer[4096];
    DWORD got = 0;
    while (ReadFile(file, buffer, sizeof(buffer), &got, nullptr) && got > 0) {
        out.append(buffer, got);
    }
    CloseHandle(file);
    return out;
}

bool exists(const std::wstring& path)
{
    return GetFileAttributesW(spool::extendedLengthPath(path).c_str()) != INVALID_FILE_ATTRIBUTES;
}

// A one-page PDF with a correct cross-reference table, as Print To PDF writes them.
std::string samplePdf()
{
    const char* objects[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    };
    std::string pdf = "%PDF-1.4\n";
    std::string xref = "xref\n0 4\n0000000000 65535 f \n";
    for (int i = 0; i < 3; ++i) {
        char entry[32];
        std::snprintf(entry, sizeof(entry), "%010zu 00000 n \n", pdf.size());
        xref += entry;
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xrefAt = pdf.size();
    pdf += xref + "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(xrefAt) + "\n%%EOF\n";
    return pdf;
}

} // namespace

int wmain(int argc, wchar_t** argv)
{
    wchar_t temp[MAX_PATH] = {};
    GetTempPathW(MAX_PATH, temp);
    std::wstring base = argc > 1 ? argv[1] : spool::joinPath(temp, L"missive-win-spool-test");
    CreateDirectoryW(spool::extendedLengthPath(base).c_str(), nullptr);
    // Wine reuses process ids: whatever an earlier run left under this name goes first.
    base = spool::joinPath(base, std::to_wstring(GetCurrentProcessId()));
    win::detail::removeTree(base);
    // A root deeper than MAX_PATH: every call must go through the \\?\ form.
    const std::wstring root = spool::joinPath(spool::joinPath(base, std::wstring(120, L'r')), std::wstring(150, L's'));
    check(root.size() > MAX_PATH, "spool root longer than MAX_PATH");
    CreateDirectoryW(spool::extendedLengthPath(base).c_str(), nullptr);
    CreateDirectoryW(spool::extendedLengthPath(spool::joinPath(base, std::wstring(120, L'r'))).c_str(), nullptr);

    const std::string sid = "S-1-5-21-1004336348-1177238915-682003330-1001";
    // ACLs off: Wine's security model is partial; the SDDL itself is unit-tested on Linux.
    auto userDir = win::ensureUserDirectory(root, sid, false);
    check(userDir.has_value(), "user directory created");
    if (!userDir) {
        std::printf("  %s\n", userDir.error().detail.c_str());
        return 1;
    }
    check(win::ensureUserDirectory(root, sid, false).has_value(), "user directory creation is idempotent");
    check(!win::ensureUserDirectory(root, "S-1-5-..", false).has_value(), "a bad SID names no directory");
    auto userSpool = win::WinUserSpool::open(*userDir);
    check(userSpool.has_value(), "areas opened");
    if (!userSpool) {
        return 1;
    }

    // Two concurrent jobs with the same spooler number get different names.
    auto first = userSpool->beginJob(7);
    auto second = userSpool->beginJob(7);
    check(first && second && first->id() != second->id(), "concurrent jobs get distinct names");
    if (!first || !second) {
        return 1;
    }
    const std::string pdf = samplePdf();
    check(first->append(pdf.data(), 10).has_value() && first->append(pdf.data() + 10, pdf.size() - 10).has_value(),
          "payload written in pieces");
    auto bytes = first->finishPayload();
    check(bytes && *bytes == pdf, "payload read back intact");
    const auto probe = spool::probePdf(bytes ? *bytes : std::string());
    check(probe.verdict == spool::RejectReason::None && probe.pages == 1, "probePdf accepts it, one page");
    if (probe.verdict != spool::RejectReason::None) {
        std::printf("  %s\n", probe.detail.c_str());
    }

    spool::JobEnvelope envelope;
    envelope.id = first->id();
    envelope.user = "alice";
    envelope.sid = sid;
    envelope.session = 2;
    envelope.spoolerJobId = 7;
    envelope.createdAt = "2026-01-01T00:00:00Z";
    envelope.size = first->size();
    envelope.sha256 = win::sha256Hex(*bytes);
    envelope.pages = probe.pages;
    check(win::sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
          "BCrypt SHA-256 matches the FIPS 180-2 vector");
    const std::string firstId = first->id();
    const std::string firstSha = envelope.sha256;
    auto published = first->commit(envelope, win::Area::Jobs);
    check(published.has_value(), "job published into jobs");
    const std::wstring jobDir = spool::joinPath(spool::joinPath(*userDir, L"jobs"), win::widen(firstId));
    check(readAll(spool::joinPath(jobDir, L"document.pdf")) == pdf, "jobs\\<id>\\document.pdf holds the PDF");
    const auto parsed = spool::parseEnvelope(readAll(spool::joinPath(jobDir, L"job.meta")));
    check(parsed && parsed->sid == sid && parsed->session == 2U && parsed->id == firstId,
          "jobs\\<id>\\job.meta parses with SID and session");
    check(!exists(spool::joinPath(spool::joinPath(*userDir, L"tmp"), win::widen(firstId))), "nothing left in tmp");

    // A print that is not a PDF goes to quarantine with its raw bytes.
    const std::string junk = "\x1b%-12345X@PJL not a pdf";
    check(second->append(junk.data(), static_cast<DWORD>(junk.size())).has_value(), "junk written");
    auto junkBytes = second->finishPayload();
    const auto junkProbe = spool::probePdf(junkBytes ? *junkBytes : std::string());
    envelope.id = second->id();
    envelope.size = second->size();
    envelope.sha256 = win::sha256Hex(junkBytes ? *junkBytes : std::string());
    envelope.reason = junkProbe.verdict;
    check(junkProbe.verdict == spool::RejectReason::NotPdf, "junk is not a PDF");
    const std::string secondId = second->id();
    check(second->commit(envelope, win::Area::Quarantine).has_value(), "junk published into quarantine");
    const std::wstring quarantined = spool::joinPath(spool::joinPath(*userDir, L"quarantine"), win::widen(secondId));
    check(readAll(spool::joinPath(quarantined, L"raw.bin")) == junk, "quarantine\\<id>\\raw.bin holds the bytes");

    // A cancelled job leaves nothing behind.
    std::wstring abandonedDir;
    {
        auto third = userSpool->beginJob(8);
        check(third.has_value(), "third job begun");
        if (third) {
            abandonedDir = spool::joinPath(spool::joinPath(*userDir, L"tmp"), win::widen(third->id()));
            check(third->append("%PDF-1.4\n", 9).has_value(), "partial data written");
            third->abandon();
        }
    }
    check(!abandonedDir.empty() && !exists(abandonedDir), "a cancelled job is removed from tmp");

    // ---- The app's side (win_inbox.h): what the port monitor wrote is listed, read once and
    // checked against its digest, then consumed; an altered print goes to quarantine.
    auto opened = win::WinInbox::open(root, sid, false);
    check(opened.has_value(), "the app opens the user's spool by SID");
    if (!opened) {
        std::printf("  %s\n", opened.error().detail.c_str());
        return 1;
    }
    // Through the interface the engine's Intake uses, as on POSIX.
    const spool::PrintedJobs& inbox = **opened;
    const auto waitingCount = [&] {
        auto listing = inbox.list(spool::JobArea::Waiting);
        return listing ? static_cast<int>(listing->jobs.size()) : -1;
    };
    auto waiting = inbox.list(spool::JobArea::Waiting);
    check(waiting && waiting->jobs.size() == 1 && waiting->jobs.front().envelope.id == firstId
              && waiting->jobs.front().envelope.sid == sid && waiting->broken.empty(),
          "the waiting print is listed with its envelope");
    auto found = inbox.find(spool::JobArea::Waiting, firstId);
    check(found && found->envelope.sha256 == firstSha, "and found by its id");
    auto printed = inbox.readPrinted(firstId, 100U << 20);
    check(printed && *printed == pdf, "its bytes are read and match the capture's digest");
    check(waitingCount() == 1, "reading leaves it waiting (claim released)");
    auto otherDigest = inbox.consume(firstId, std::string(64, '0'), [] { return true; });
    check(!otherDigest && otherDigest.error().code == spool::TakeErrc::Integrity,
          "consuming it under another digest is refused");
    auto notQueued = inbox.consume(firstId, firstSha, [] { return false; });
    check(!notQueued && notQueued.error().code == spool::TakeErrc::Refused, "a letter not queued is not consumed");
    check(waitingCount() == 1, "and it stays waiting");
    bool queued = false;
    check(inbox.consume(firstId, firstSha, [&] { return queued = true; }).has_value() && queued,
          "consumed once queued");
    check(waitingCount() == 0, "then it has left the spool");
    auto twice = inbox.consume(firstId, firstSha, [] { return true; });
    check(!twice && twice.error().code == spool::TakeErrc::NotFound, "a print is consumed once");

    {
        auto fourth = userSpool->beginJob(9);
        check(fourth.has_value(), "fourth job begun");
        if (fourth) {
            check(fourth->append(pdf.data(), static_cast<DWORD>(pdf.size())).has_value(), "fourth payload written");
            auto fourthBytes = fourth->finishPayload();
            spool::JobEnvelope altered;
            altered.id = fourth->id();
            altered.user = "alice";
            altered.sid = sid;
            altered.createdAt = "2026-01-01T00:00:01Z";
            altered.size = fourth->size();
            altered.sha256 = win::sha256Hex(fourthBytes ? *fourthBytes : std::string());
            const std::string fourthId = fourth->id();
            check(fourth->commit(altered, win::Area::Jobs).has_value(), "fourth job published");
            // One byte changed after the capture recorded its digest.
            const std::wstring document = spool::joinPath(
                spool::joinPath(spool::joinPath(*userDir, L"jobs"), win::widen(fourthId)), L"document.pdf");
            std::string changed = pdf;
            changed[changed.size() / 2] = static_cast<char>(changed[changed.size() / 2] ^ 1);
            HANDLE file = CreateFileW(spool::extendedLengthPath(document).c_str(), GENERIC_WRITE, 0, nullptr,
                                      TRUNCATE_EXISTING, 0, nullptr);
            DWORD written = 0;
            check(file != INVALID_HANDLE_VALUE
                      && WriteFile(file, changed.data(), static_cast<DWORD>(changed.size()), &written, nullptr),
                  "one byte of the spooled print altered");
            CloseHandle(file);
            auto refused = inbox.readPrinted(fourthId, 100U << 20);
            check(!refused && refused.error().code == spool::TakeErrc::Integrity, "the altered print is refused");
            check(waitingCount() == 0, "it is no longer waiting");
            auto held = inbox.find(spool::JobArea::Quarantined, fourthId);
            check(held && held->envelope.reason == spool::RejectReason::Integrity
                      && held->document.find("raw.bin") != std::string::npos,
                  "it is in quarantine with the reason 'integrity'");
            check(inbox.removeQuarantined(fourthId).has_value()
                      && !inbox.find(spool::JobArea::Quarantined, fourthId).has_value(),
                  "a quarantined print the user has seen is deleted");
        }
    }
    check((*opened)->restoreStaleClaims(0) == 0, "no claim left behind");

    // The DACL check: the port monitor's SDDL passes; a spool anyone may write to is refused.
    const std::wstring aclRoot = spool::joinPath(base, L"acl");
    if (auto private_ = win::ensureUserDirectory(aclRoot, sid, true); private_) {
        const auto good = win::checkPrivateDacl(*private_, sid);
        check(good.has_value(), "the port monitor's DACL is private to SYSTEM and the user");
        if (!good) {
            std::printf("  %s\n", good.error().detail.c_str());
        }
        const std::string otherSid = "S-1-5-21-1004336348-1177238915-682003330-1002";
        const std::wstring open = spool::joinPath(aclRoot, win::widen(otherSid));
        check(win::ensurePrivateDirectory(open, L"D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;WD)", true).has_value(),
              "a spool directory writable by Everyone made");
        const auto loose = win::WinInbox::open(aclRoot, otherSid, true);
        check(win::WinInbox::open(aclRoot, sid, true).has_value(), "the app opens a spool the port monitor made");
        check(!loose && loose.error().code == win::WinSpoolErrc::UnsafePath,
              "the app refuses a spool others may write to");
    } else {
        std::printf("  (ACLs not applied here: %s)\n", private_.error().detail.c_str());
    }

    // No identity: the unattributed area.
    auto unattributed = win::ensureUserDirectory(root, "", false);
    check(unattributed && unattributed->find(L"unattributed") != std::wstring::npos, "unattributed area created");

    win::detail::removeTree(base);
    std::printf("%d failure(s)\n", g_failures);
    return g_failures == 0 ? 0 : 1;
}
