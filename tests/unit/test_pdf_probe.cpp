#include "missive/spool/pdf_probe.h"
#include "support.h"

#include <catch2/catch.hpp>
#include <random>

using namespace missive::spool;
using missive::test::makePdf;
using missive::test::numberedPages;

namespace
{

std::size_t startxrefOf(const std::string& pdf)
{
    const auto at = pdf.rfind("startxref");
    return std::stoul(pdf.substr(at + 10));
}

} // namespace

TEST_CASE("pages of a well-formed PDF are counted", "[unit][pdf]")
{
    for (const int n : {1, 3, 200}) {
        const auto probe = probePdf(makePdf(numberedPages(n, "Lettre")));
        CHECK(probe.verdict == RejectReason::None);
        CHECK(probe.pages == n);
        CHECK_FALSE(probe.encrypted);
    }
}

TEST_CASE("what is not a readable PDF gets a reject reason", "[unit][pdf]")
{
    const std::string pdf = makePdf(numberedPages(3, "Lettre"));
    CHECK(probePdf("").verdict == RejectReason::Empty);
    CHECK(probePdf("\x1b%-12345X@PJL ENTER LANGUAGE=PCL\n").verdict == RejectReason::NotPdf);
    CHECK(probePdf("%!PS-Adobe-3.0\nshowpage\n").verdict == RejectReason::PostScript);
    CHECK(probePdf(pdf.substr(0, pdf.size() / 2)).verdict == RejectReason::UnreadablePdf);
    CHECK(probePdf(makePdf({})).verdict == RejectReason::NoPages);
    // A header later than the first KiB is not a PDF header.
    CHECK(probePdf(std::string(2000, ' ') + pdf).verdict == RejectReason::NotPdf);
}

TEST_CASE("bytes before the header are tolerated, as readers do", "[unit][pdf]")
{
    const auto probe = probePdf(std::string(500, '\0') + makePdf(numberedPages(2, "Lettre")));
    CHECK(probe.verdict == RejectReason::None);
    CHECK(probe.pages == 2);
}

TEST_CASE("an /Encrypt entry in the trailer is reported", "[unit][pdf]")
{
    std::string pdf = makePdf(numberedPages(1, "Lettre"));
    const auto at = pdf.find("/Root 1 0 R");
    pdf.insert(at, "/Encrypt 99 0 R ");
    const auto probe = probePdf(pdf);
    CHECK(probe.encrypted);
    CHECK(probe.pages == 1);
}

TEST_CASE("an incremental update's newer page tree wins", "[unit][pdf]")
{
    std::string pdf = makePdf(numberedPages(3, "Lettre"));
    const std::size_t previous = startxrefOf(pdf);
    const std::size_t object = pdf.size();
    pdf += "2 0 obj\n<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>\nendobj\n";
    const std::size_t xref = pdf.size();
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", object);
    pdf += "xref\n2 1\n" + std::string(entry) + "trailer\n<< /Size 10 /Root 1 0 R /Prev " + std::to_string(previous)
           + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    CHECK(probePdf(pdf).pages == 2);
}

TEST_CASE("a cross-reference stream leads to the page tree by scanning", "[unit][pdf]")
{
    std::string pdf = makePdf(numberedPages(4, "Lettre"));
    // Replace the classic table by a cross-reference stream (its data is not needed).
    const auto xrefAt = pdf.find("xref\n0 ");
    pdf.resize(xrefAt);
    const std::size_t streamAt = pdf.size();
    pdf += "99 0 obj\n<< /Type /XRef /Size 100 /Root 1 0 R /W [1 2 1] /Length 0 >>\nstream\n\nendstream\nendobj\n"
           "startxref\n"
           + std::to_string(streamAt) + "\n%%EOF\n";
    const auto probe = probePdf(pdf);
    CHECK(probe.verdict == RejectReason::None);
    CHECK(probe.pages == 4);
}

TEST_CASE("a page tree hidden in object streams leaves the count unknown, not rejected", "[unit][pdf]")
{
    std::string pdf = makePdf(numberedPages(2, "Lettre"));
    // Simulate a catalog stored in a compressed object stream: its definition is not in clear.
    const auto at = pdf.find("1 0 obj");
    pdf.replace(at, 7, "1 0 xyz");
    const auto probe = probePdf(pdf);
    CHECK(probe.verdict == RejectReason::None);
    CHECK_FALSE(probe.pages.has_value());
}

TEST_CASE("a wrong startxref falls back to the trailer", "[unit][pdf]")
{
    std::string pdf = makePdf(numberedPages(5, "Lettre"));
    const auto at = pdf.rfind("startxref\n");
    pdf = pdf.substr(0, at) + "startxref\n17\n%%EOF\n";
    CHECK(probePdf(pdf).pages == 5);
}

TEST_CASE("mangled PDFs never crash or hang the probe", "[unit][pdf]")
{
    const std::string pdf = makePdf(numberedPages(3, "Lettre (avec) \\ parenthèses"));
    std::mt19937 random(20261123);
    int rejected = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string mangled = pdf;
        const int edits = 1 + static_cast<int>(random() % 8);
        for (int k = 0; k < edits; ++k) {
            const std::size_t at = random() % mangled.size();
            switch (random() % 4) {
            case 0:
                mangled[at] = static_cast<char>(random());
                break;
            case 1:
                mangled.erase(at, random() % 64);
                break;
            case 2:
                mangled.insert(at, std::string(random() % 16, "<([/{%"[random() % 6]));
                break;
            default:
                mangled.resize(at + 1);
                break;
            }
            if (mangled.empty()) {
                mangled = "%";
            }
        }
        const auto probe = probePdf(mangled);
        if (probe.pages) {
            CHECK(*probe.pages >= 0);
        }
        rejected += probe.verdict != RejectReason::None ? 1 : 0;
    }
    CHECK(rejected > 0);
}
