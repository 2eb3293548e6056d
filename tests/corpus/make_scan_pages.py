#!/usr/bin/env python3
"""Scanned letter pages for the page-image and DataMatrix tests (synthetic data only).

Each page is drawn as a bitmap at its true resolution (200 or 300 dpi): a letterhead, an
addressee, an identity block, body lines, and the INS DataMatrix where such symbols stand (top
corners, beside the identity block, the footer); then tilted (up to +/-3 degrees), blurred,
speckled, printed faint or dark, and JPEG-compressed (quality 40-75). The PDF declares the image
at `--declare` pixels per inch: "true" (the scan's own resolution) or a number such as 96, as
some image-to-PDF tools write it (the page is then far larger than the paper).

usage: make_scan_pages.py OUTDIR [--count N] [--seed S] [--dpi 200,300] [--declare true,96]
                          [--paper a4|letter|cropped] [--overlay] [--no-datamatrix] [--harsh]
                          [--text] [--png] [--sideways] [--searchable] [--suite]

--text also writes, for each page, the letter as a text PDF with the symbol drawn as rectangles;
--png stores the scan losslessly (Flate); --sideways stores it turned on a /Rotate 90 page;
--searchable adds an invisible text layer over it (a scanner's OCR);
--suite writes the unit tests' sets (SUITE) instead.
Writes NAME.pdf and NAME.json (dpi, declared ppi, paper, angle, the DataMatrix payload) and
index.txt. Needs Debian's python3-pil and python3-reportlab, and MISSIVE_DM_WRITER (the
missive-test-datamatrix program) for the symbol's modules.
"""

import argparse
import io
import json
import os
import random
import subprocess
import sys

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
GS = "\x1d"
OID = "1.2.250.1.213.1.4.10"
PEOPLE = [("MARTIN", "Claire", "F"), ("LE GALL", "Yann", "M"), ("NGUYEN", "Thomas", "M"),
          ("LECLERCQ", "Zoé", "F"), ("BENALI", "Karim", "M"), ("ROUSSEAU", "Anne-Marie", "F")]
PLACES = [("BREST", "29019"), ("RENNES", "35238"), ("NANTES", "44109"), ("LYON", "69123")]
BODY = ["Je vous remercie de m'avoir adressé votre patient pour un avis spécialisé.",
        "L'examen clinique est sans particularité, la tension artérielle est normale.",
        "Le bilan biologique ne montre pas d'anomalie, la fonction rénale est conservée.",
        "Je propose de poursuivre le traitement en cours et de le revoir dans six mois.",
        "Une échographie de contrôle sera programmée dans les trois mois à venir.",
        "Je reste à votre disposition pour tout renseignement complémentaire."]
PAPERS = {"a4": (210.0, 297.0), "letter": (215.9, 279.4), "cropped": (190.0, 240.0)}


def nir_key(body13):
    digits = body13.replace("2A", "19").replace("2B", "18") if body13[5:7] in ("2A", "2B") else body13
    return "%02d" % (97 - int(digits) % 97)


def patient(rng):
    name, first, sex = rng.choice(PEOPLE)
    town, cog = rng.choice(PLACES)
    year, month, day = rng.randint(1940, 2015), rng.randint(1, 12), rng.randint(1, 28)
    body = ("1" if sex == "M" else "2") + "%02d%02d" % (year % 100, month) + cog + "%03d" % rng.randint(1, 999)
    return {"name": name, "first": first, "sex": sex, "date": "%02d/%02d/%04d" % (day, month, year),
            "town": town, "cog": cog, "ins": body + nir_key(body)}


def payload(p):
    first = p["first"].upper().replace("É", "E")
    d, m, y = p["date"].split("/")
    return ("IS01" + "0" * 22 + "S1" + p["ins"] + "S2" + OID + GS + "S3" + first + GS + "S4" + p["name"] + GS
            + "S5" + p["sex"] + "S6" + "%s-%s-%s" % (d, m, y) + "S7" + p["cog"])


def modules(text):
    writer = os.environ.get("MISSIVE_DM_WRITER", "missive-test-datamatrix")
    rows = subprocess.run([writer], input=text.encode("ascii"), stdout=subprocess.PIPE, check=True).stdout
    return rows.decode().split()


def page(rng, dpi, paper, with_dm, harsh=False):
    wmm, hmm = PAPERS[paper]
    px = lambda mm: int(round(mm / 25.4 * dpi))  # noqa: E731
    img = Image.new("L", (px(wmm), px(hmm)), 255)
    draw = ImageDraw.Draw(img)
    ink = rng.choice([0, 30, 60, 90, 120] + ([140, 150] if harsh else []))  # faint printing: grey ink
    font = lambda pt, bold=False: ImageFont.truetype(  # noqa: E731
        FONT_DIR + ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"), int(round(pt / 72 * dpi)))
    text = lambda xmm, ymm, s, pt=10, bold=False: draw.text((px(xmm), px(ymm)), s, fill=ink, font=font(pt, bold))  # noqa: E731
    p = patient(rng)
    text(18, 15, "CENTRE HOSPITALIER DE LA MER", 11, True)
    text(18, 21, "Service de cardiologie - Dr Karim BENALI", 9)
    text(18, 26, "1 avenue de la Mer 29200 BREST - Tél. 02 98 00 00 00", 8)
    text(115, 45, "Docteur Pierre MEYER", 10)
    text(115, 50, "14 chemin des Vignes", 10)
    text(115, 55, "31000 TOULOUSE", 10)
    text(18, 75, "Patient : %s %s" % (p["name"], p["first"]), 10, True)
    text(18, 81, "Né(e) le %s à %s (%s) - Sexe : %s" % (p["date"], p["town"], p["cog"], p["sex"]), 10)
    text(18, 87, "INS : %s (NIR)" % " ".join([p["ins"][0], p["ins"][1:3], p["ins"][3:5], p["ins"][5:7],
                                            p["ins"][7:10], p["ins"][10:13], p["ins"][13:]]), 10)
    y = 105
    for line in rng.sample(BODY, len(BODY)):
        text(18, y, line, 10)
        y += 6
    text(18, y + 8, "Bien confraternellement,", 10)
    text(120, y + 20, "Dr Karim BENALI", 10)
    text(18, hmm - 14, "Document confidentiel - page 1/1", 7)
    truth = {"datamatrix": None}
    if with_dm:
        code = payload(p)
        rows = modules(code)
        size = rng.uniform(15, 25)
        where = rng.choice(["top-right", "top-left", "identity", "footer"])
        x, y = {"top-right": (wmm - 18 - size, 10), "top-left": (18, 35), "identity": (150, 72),
                "footer": (wmm - 18 - size, hmm - 22 - size)}[where]
        if where == "top-left":
            text(18 + size + 3, 36, "INS à scanner", 7)
        n = len(rows)
        for j, row in enumerate(rows):
            for i, bit in enumerate(row):
                if bit == "1":
                    x0, y0 = px(x + i * size / n), px(y + j * size / n)
                    draw.rectangle([x0, y0, px(x + (i + 1) * size / n) - 1, px(y + (j + 1) * size / n) - 1], fill=ink)
        truth = {"datamatrix": code, "position": where, "size_mm": round(size, 1)}
    angle = rng.uniform(-3, 3)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.3, 1.4 if harsh else 0.9) * dpi / 300))
    noise = Image.effect_noise(img.size, 18).point(lambda v: 0 if v < 20 else 255 if v > 235 else 128)
    img = Image.composite(noise, img, noise.point(lambda v: 60 if v != 128 else 0))
    paper_level = rng.randint(225, 250)
    img = img.point(lambda v: int(v * (paper_level - 10) / 255 + 10))
    quality = rng.randint(30, 50) if harsh else rng.randint(40, 75)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    truth.update({"ins": p["ins"], "angle": round(angle, 2), "jpeg_quality": quality, "ink": ink})
    return buf, img.size, truth


def text_page(path, rng, with_dm):
    """The same kind of letter as a text PDF (A4, Helvetica), the symbol drawn as rectangles."""
    c = canvas.Canvas(path, pagesize=(595.27, 841.89))
    H = 841.89
    mm = 72 / 25.4
    p = patient(rng)
    lines = [(18, 15, "CENTRE HOSPITALIER DE LA MER", 11), (18, 21, "Service de cardiologie - Dr Karim BENALI", 9),
             (115, 45, "Docteur Pierre MEYER", 10), (115, 50, "14 chemin des Vignes", 10), (115, 55, "31000 TOULOUSE", 10),
             (18, 75, "Patient : %s %s" % (p["name"], p["first"]), 10),
             (18, 81, "Né(e) le %s à %s (%s)" % (p["date"], p["town"], p["cog"]), 10), (18, 87, "INS : %s" % p["ins"], 10)]
    lines += [(18, 105 + 6 * i, s, 10) for i, s in enumerate(BODY)]
    for x, y, s, size in lines:
        c.setFont("Helvetica", size)
        c.drawString(x * mm, H - y * mm - size, s)
    code = None
    if with_dm:
        # As barcode writers draw it: black squares ("re"), black squares as paths on a white
        # background, or white squares over a black one.
        code = payload(p)
        rows = modules(code)
        size = 20 * mm
        n = len(rows)
        x0, top = 160 * mm, H - 12 * mm
        style = ["rects", "paths", "inverse"][k_style(code)]
        if style == "paths":
            c.setFillGray(1)
            c.rect(x0 - 2 * mm, top - size - 2 * mm, size + 4 * mm, size + 4 * mm, stroke=0, fill=1)
        elif style == "inverse":
            c.setFillGray(0)
            c.rect(x0, top - size, size, size, stroke=0, fill=1)
        for j, row in enumerate(rows):
            for i, bit in enumerate(row):
                x, y, m = x0 + i * size / n, top - (j + 1) * size / n, size / n
                if style == "inverse" and bit == "0":
                    c.setFillGray(1)
                    c.rect(x, y, m, m, stroke=0, fill=1)
                elif style != "inverse" and bit == "1":
                    c.setFillGray(0)
                    if style == "paths":
                        path = c.beginPath()
                        path.moveTo(x, y)
                        path.lineTo(x + m, y)
                        path.lineTo(x + m, y + m)
                        path.lineTo(x, y + m)
                        path.close()
                        c.drawPath(path, stroke=0, fill=1)
                    else:
                        c.rect(x, y, m, m, stroke=0, fill=1)
        c.setFillGray(0)
    c.showPage()
    c.save()
    return {"datamatrix": code, "ins": p["ins"], "style": style if with_dm else None}


def k_style(code):
    """The drawing style of the symbol, from its payload (the same for a given seed)."""
    return sum(code.encode("ascii")) % 3


def generate(out, count=4, seed=1, dpis="200,300", declares="true,96", paper="a4", overlay=False,
             with_dm=True, harsh=False, text=False, png=False, sideways=False, searchable=False):
    os.makedirs(out, exist_ok=True)
    rng = random.Random(seed)
    names = []
    for k in range(count):
        for dpi in [int(d) for d in dpis.split(",") if d]:
            buf, (w, h), truth = page(rng, dpi, paper, with_dm, harsh)
            if png:  # a lossless image: Flate in the PDF, which only Poppler decodes
                img = Image.open(buf)
                buf = io.BytesIO()
                img.save(buf, "PNG")
            if sideways:  # stored a quarter turn anticlockwise, on a page turned back by /Rotate 90
                img = Image.open(buf).rotate(90, expand=True)
                buf = io.BytesIO()
                img.save(buf, "JPEG", quality=truth["jpeg_quality"])
            for declare in declares.split(","):
                ppi = dpi if declare == "true" else float(declare)
                name = "scan-%03d-%d-%s-%s" % (k, dpi, paper, "true" if declare == "true" else declare)
                path = os.path.join(out, name + ".pdf")
                # reportlab writes the media box of a rotated page with its sides swapped: it is
                # given the displayed size, and the image fills the (landscape) media box.
                c = canvas.Canvas(path, pagesize=(w * 72 / ppi, h * 72 / ppi))
                if sideways:
                    c.setPageRotation(90)
                buf.seek(0)
                iw, ih = (h, w) if sideways else (w, h)
                c.drawImage(ImageReader(buf), 0, 0, iw * 72 / ppi, ih * 72 / ppi)
                if searchable:  # an OCR text layer, invisible, as scanners write it
                    k = dpi / ppi
                    t = c.beginText()
                    t.setTextRenderMode(3)
                    t.setFont("Helvetica", 10 * k)
                    t.setTextOrigin(18 * 72 / 25.4 * k, (h * 72 / ppi) - 110 * 72 / 25.4 * k)
                    t.setLeading(6 * 72 / 25.4 * k)
                    for line in BODY:
                        t.textLine(line)
                    c.drawText(t)
                if overlay:  # 8 pt on the paper
                    c.setFont("Helvetica", 8 * dpi / ppi)
                    c.drawString(20 * dpi / ppi, 20 * dpi / ppi, "Numérisé le 03/02/2026 - Page 1/1")
                c.showPage()
                c.save()
                meta = dict(truth, file=name + ".pdf", dpi=dpi, declared_ppi=ppi, paper=paper, pixels=[w, h])
                with open(os.path.join(out, name + ".json"), "w") as f:
                    json.dump(meta, f, indent=1)
                names.append(name + ".pdf")
        if text:
            name = "text-%03d" % k
            meta = text_page(os.path.join(out, name + ".pdf"), rng, with_dm)
            with open(os.path.join(out, name + ".json"), "w") as f:
                json.dump(dict(meta, file=name + ".pdf"), f, indent=1)
            names.append(name + ".pdf")
    with open(os.path.join(out, "index.txt"), "w") as f:
        f.write("\n".join(names) + "\n")


# The unit tests' inputs (tests/unit/test_ocr_scan.cpp), one directory each.
SUITE = {
    "a4": dict(count=2, seed=7, text=True),
    "text": dict(count=9, seed=13, dpis="", text=True),
    "cropped": dict(count=1, seed=8, paper="cropped", declares="96"),
    "letter": dict(count=1, seed=9, paper="letter", dpis="300", declares="96"),
    "png": dict(count=1, seed=10, dpis="200", declares="96", png=True),
    "overlay": dict(count=1, seed=11, dpis="300", overlay=True),
    "harsh": dict(count=6, seed=12, dpis="200", declares="true", harsh=True),
    "sideways": dict(count=1, seed=14, dpis="300", declares="96", sideways=True),
    "searchable": dict(count=1, seed=15, dpis="300", declares="96", searchable=True),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dpi", default="200,300")
    ap.add_argument("--declare", default="true,96")
    ap.add_argument("--paper", default="a4", choices=sorted(PAPERS))
    ap.add_argument("--overlay", action="store_true", help="a small text line drawn over the scan")
    ap.add_argument("--no-datamatrix", action="store_true")
    ap.add_argument("--harsh", action="store_true", help="fainter, blurrier, more compressed than the usual scan")
    ap.add_argument("--text", action="store_true", help="also the letter as a text PDF")
    ap.add_argument("--png", action="store_true", help="the scan stored losslessly (Flate), not as a JPEG")
    ap.add_argument("--sideways", action="store_true", help="the scan stored sideways on a rotated page")
    ap.add_argument("--searchable", action="store_true", help="an invisible text layer over the scan")
    ap.add_argument("--suite", action="store_true", help="the unit tests' sets, in subdirectories of OUTDIR")
    args = ap.parse_args()
    if args.suite:
        for sub, options in SUITE.items():
            generate(os.path.join(args.out, sub), **options)
        return 0
    generate(args.out, args.count, args.seed, args.dpi, args.declare, args.paper, args.overlay,
             not args.no_datamatrix, args.harsh, args.text, args.png, args.sideways, args.searchable)
    return 0


if __name__ == "__main__":
    sys.exit(main())
