#!/usr/bin/python3
"""Synthetic French medical letters for the reading tests and bench (never committed).

Each letter NAME.pdf comes with NAME.json, its ground truth. Variants: "text" (text layer),
"scan300" / "scan200" (image-only PDF of the same letter: rendered, tilted, noisy, JPEG).
Fictitious people only; matricules use the INS test OID.

usage: make_letters.py OUTDIR [--count N] [--seed S] [--variants text,scan300,scan200]
                       [--cases] [--bad] [--scans N]
"""
import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import zlib

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

W, H = A4
TEST_OID = "1.2.250.1.213.1.4.10"
GS = "\x1d"

FONTS = [("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")]
for regular, bold in (("DejaVuSans", "DejaVuSans-Bold"), ("DejaVuSerif", "DejaVuSerif-Bold")):
    path = "/usr/share/fonts/truetype/dejavu/%s.ttf" % regular
    if os.path.exists(path) and os.path.exists(path.replace(regular, bold)):
        pdfmetrics.registerFont(TTFont(regular, path))
        pdfmetrics.registerFont(TTFont(bold, path.replace(regular, bold)))
        FONTS.append((regular, bold))

# (birth name, used name or None, first names, sex)
PATIENTS = [
    ("N'DIAYE", "LE GOFF", ["Anne-Sophie", "Marie"], "F"),
    ("LE GOFF", None, ["Yann", "Pierre"], "M"),
    ("MARTIN", "DUPONT-MOREAU", ["Hélène"], "F"),
    ("DE LA FONTAINE", None, ["Jean-Pierre", "Louis"], "M"),
    ("O'CONNOR", "BERTRAND", ["Éloïse", "Jeanne", "Anaïs"], "F"),
    ("KERGUÉLEN", None, ["Loïc"], "M"),
    ("BÉRANGER", "N'GUESSAN", ["Marie-Thérèse"], "F"),
    ("DUBOIS", None, ["François", "Noël"], "M"),
    ("LEFÈVRE", "MOREAU", ["Gaëlle", "Sophie"], "F"),
    ("NGUYEN", None, ["Minh", "Thierry"], "M"),
    ("ABDELKADER", None, ["Yasmine"], "F"),
    ("LE BIHAN", "L'HOSTIS", ["Zoé", "Claire"], "F"),
    ("SAINT-JUST", None, ["Jérôme"], "M"),
    ("PETIT", "DA SILVA", ["Inès", "Maria"], "F"),
]
PLACES = [("Brest", "29019"), ("Rennes", "35238"), ("Quimper", "29232"), ("Ajaccio", "2A004"),
          ("Bastia", "2B033"), ("Lorient", "56121"), ("Nantes", "44109"), ("Maroc", "99350"),
          ("Vannes", "56260"), ("Lyon 3e", "69383")]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]

# (title, given, family, specialty, street, postcode, city, rpps)
DOCTORS = [
    ("Dr", "Paul", "DURAND", "Médecin généraliste", "12 rue des Lilas", "35000", "Rennes", "10001234561"),
    ("Dr", "Claire", "PETIT", "Cardiologue", "3 place de la Résistance", "29000", "Quimper", "10001234562"),
    ("Dr", "Marie", "MARTIN", "Médecin généraliste", "8 avenue Foch", "29200", "Brest", "10001234563"),
    ("Dr", "Marie", "MARTIN", "Médecin généraliste", "21 quai Saint-Antoine", "69002", "Lyon", "10001234564"),
    ("Pr", "Hervé", "LE MOAL", "Néphrologue", "2 avenue du Pr Foulon", "29200", "Brest", "10001234565"),
    ("Dr", "Anne-Marie", "N'GUYEN", "Pneumologue", "5 rue de Siam", "29200", "Brest", "10001234566"),
    ("Dr", "Olivier", "LE GALL", "Chirurgien orthopédique", "1 rue Jean Jaurès", "56100", "Lorient", "10001234567"),
    ("Dr", "Sophie", "ROUX-BLANC", "Endocrinologue", "40 boulevard de la Liberté", "35000", "Rennes", "10001234568"),
    ("Dr", "Thomas", "BERNARD", "Médecin généraliste", "7 rue du Port", "56000", "Vannes", "10001234569"),
    ("Dr", "Camille", "FOURNIER", "Dermatologue", "15 rue Nationale", "44000", "Nantes", "10001234570"),
    ("Dr", "Julien", "KERBRAT", "Gastro-entérologue", "9 rue de Paris", "29000", "Quimper", "10001234571"),
]
AUTHORS = [
    ("Dr", "Jean", "MARTIN", "Cardiologie", "10003456781"),
    ("Pr", "Hélène", "DUBOIS", "Néphrologie", "10003456782"),
    ("Dr", "Yves", "LE ROUX", "Chirurgie orthopédique", "10003456783"),
    ("Dr", "Nathalie", "GUÉGUEN", "Médecine interne", "10003456784"),
    ("Dr", "Karim", "BENALI", "Pneumologie", "10003456785"),
]
HOSPITALS = ["CENTRE HOSPITALIER UNIVERSITAIRE DE BREST", "CENTRE HOSPITALIER DE CORNOUAILLE",
             "CLINIQUE SAINT-VINCENT", "HÔPITAL PRIVÉ DU LITTORAL", "CABINET MÉDICAL DES DUNES"]
HOSPITAL_TOWNS = [("29200", "BREST"), ("29000", "QUIMPER"), ("35000", "RENNES"), ("56100", "LORIENT")]

DOC_TYPES = [
    ("11490-0", ["LETTRE DE LIAISON", "Lettre de liaison à la sortie"]),
    ("34874-8", ["COMPTE RENDU OPÉRATOIRE", "Compte-rendu opératoire"]),
    ("57833-6", ["ORDONNANCE"]),
    ("11488-4", ["COMPTE RENDU DE CONSULTATION", "Compte-rendu de consultation"]),
    ("34112-3", ["COMPTE RENDU D'HOSPITALISATION"]),
]
BODY = [
    "Je vous adresse ce courrier au sujet de votre patient(e), vu(e) ce jour dans le service.",
    "L'examen clinique retrouve un état général conservé, sans signe de gravité immédiate.",
    "Le bilan biologique est sans particularité en dehors d'une discrète anémie.",
    "Nous proposons une surveillance clinique et biologique à un mois.",
    "Le traitement habituel est poursuivi sans modification de posologie.",
    "Une échographie de contrôle sera programmée dans les trois mois.",
    "Les suites ont été simples et la sortie a pu être autorisée ce jour.",
]
PRESCRIPTION = ["1) Paracétamol 1 g : un comprimé trois fois par jour pendant cinq jours",
                "2) Amoxicilline 1 g : un comprimé matin et soir pendant sept jours",
                "3) Oméprazole 20 mg : une gélule le matin pendant un mois"]


def nir_key(body13):
    digits = body13.replace("2A", "19").replace("2B", "18") if body13[5:7] in ("2A", "2B") else body13
    return "%02d" % (97 - int(digits) % 97)


def insi(text):
    import unicodedata
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return " ".join(plain.upper().replace("’", "'").split())


def make_patient(rng):
    birth, used, firsts, sex = rng.choice(PATIENTS)
    year = rng.randint(1935, 2015)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    town, cog = rng.choice(PLACES)
    body = ("1" if sex == "M" else "2") + "%02d%02d" % (year % 100, month) + cog + "%03d" % rng.randint(1, 999)
    matricule = body + nir_key(body)
    return {"birth_name": birth, "used_name": used, "first_names": firsts, "sex": sex,
            "birth_date": "%04d-%02d-%02d" % (year, month, day), "birth_town": town, "birth_place": cog,
            "ins": matricule}


def fr_date(iso, words=False):
    y, m, d = iso.split("-")
    if words:
        return "%d %s %s" % (int(d), MONTHS[int(m) - 1], y)
    return "%s/%s/%s" % (d, m, y)


def spaced(matricule):
    m = matricule
    return " ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13], m[13:15]])


def dm_payload(p, oid=TEST_OID):
    firsts = insi(" ".join(p["first_names"]))
    birth = insi(p["birth_name"])
    d = p["birth_date"].split("-")
    out = "IS01" + "0" * 22 + "S1" + p["ins"] + "S2" + oid + (GS if len(oid) < 20 else "")
    out += "S3" + firsts + (GS if len(firsts) < 100 else "") + "S4" + birth + (GS if len(birth) < 100 else "")
    out += "S5" + p["sex"] + "S6" + "%s-%s-%s" % (d[2], d[1], d[0])
    if p.get("birth_place"):
        out += "S7" + p["birth_place"]
    return out


class Letter:
    def __init__(self, c, font, bold):
        self.c, self.font, self.bold = c, font, bold

    def text(self, x, y, s, size=10, bold=False):
        self.c.setFont(self.bold if bold else self.font, size)
        self.c.drawString(x, H - y, s)

    def centred(self, y, s, size=13, bold=True):
        self.c.setFont(self.bold if bold else self.font, size)
        self.c.drawCentredString(W / 2, H - y, s)


DM_WRITER = os.environ.get("MISSIVE_DM_WRITER", "missive-test-datamatrix")


def draw_datamatrix(c, payload, x, top, size):
    """An ECC200 symbol of `size` points, top left at (x, top), encoded by zxing-cpp's writer."""
    rows = subprocess.run([DM_WRITER], input=payload.encode("ascii"), stdout=subprocess.PIPE,
                          check=True).stdout.decode().split()
    module = size / len(rows)
    c.setFillGray(0)
    for j, row in enumerate(rows):
        for i, bit in enumerate(row):
            if bit == "1":
                c.rect(x + i * module, top - (j + 1) * module, module, module, stroke=0, fill=1)
    c.setFillGray(0)
    return size


def person(doc):
    return "%s %s %s" % (doc[0], doc[1], doc[2])


def build_letter(rng, index, case):
    """Returns (draw function, truth)."""
    p = make_patient(rng)
    font, bold = rng.choice(FONTS)
    layout = rng.choice(["right-window", "left-window", "centred-head"])
    author = rng.choice(AUTHORS)
    doc_code, titles = rng.choice(DOC_TYPES)
    title = rng.choice(titles)
    identity_style = rng.choice(["sentence", "box"])
    with_dm = rng.random() < 0.5
    print_ins = True
    print_oid = rng.random() < 0.6
    doctors = [d for d in DOCTORS if d[2] != author[2]]
    n = rng.randint(1, 3)
    chosen = rng.sample(doctors, n)
    # Homonyms: the two Dr Marie MARTIN never in the same letter (the city tells them apart).
    if sum(1 for d in chosen if d[2] == "MARTIN") > 1:
        chosen = [d for d in chosen if d[2] != "MARTIN" or d[6] == "Brest"]
    to, copies = chosen[0], chosen[1:]
    copy_patient = rng.random() < 0.3
    words_date = rng.random() < 0.3

    truth_patient = dict(p)
    expected_status = "consistent"
    dm_p = dict(p)
    printed = dict(p)
    if case == "bad-key":
        body = p["ins"][:13]
        bad = "%02d" % ((int(nir_key(body)) + 7) % 97)
        printed["ins"] = body + bad
        with_dm = False
        expected_status = "mismatch"
    elif case == "dm-mismatch":
        with_dm = True
        dm_p["birth_date"] = p["birth_date"][:8] + "%02d" % (int(p["birth_date"][8:]) % 28 + 1)
        expected_status = "mismatch"
    elif case == "dm-other-patient":
        with_dm = True
        other = make_patient(rng)
        while other["birth_name"] == p["birth_name"]:
            other = make_patient(rng)
        dm_p = other
        expected_status = "mismatch"
    elif case == "incomplete":
        with_dm = False
        printed["birth_place"] = None
        expected_status = "incomplete"
    elif case == "no-ins":
        with_dm = False
        print_ins = False
        expected_status = "incomplete"

    def draw(c):
        L = Letter(c, font, bold)
        hosp = rng.choice(HOSPITALS)
        pc, town = rng.choice(HOSPITAL_TOWNS)
        head_x = 50 if layout != "left-window" else 330
        win_x = 330 if layout != "left-window" else 60
        if layout == "centred-head":
            L.centred(50, hosp, 12)
            L.centred(64, "Service de " + author[3], 10, False)
            L.centred(77, "%s - %s %s - Tél. 02 98 00 00 00" % ("1 avenue de la Mer", pc, town), 8, False)
            L.text(50, 100, person(author), 10, True)
            L.text(50, 112, "RPPS %s" % author[4], 9)
        else:
            L.text(head_x, 50, hosp, 10, True)
            L.text(head_x, 63, "Service de " + author[3], 9)
            L.text(head_x, 76, person(author), 9, True)
            L.text(head_x, 88, "RPPS %s" % author[4], 8)
            L.text(head_x, 100, "1 avenue de la Mer", 8)
            L.text(head_x, 111, "%s %s" % (pc, town), 8)
            L.text(head_x, 122, "Tél. 02 98 00 00 00", 8)
        if with_dm:
            dx = 480 if layout != "left-window" else 60
            dy = 40 if layout != "left-window" else 60
            size = draw_datamatrix(c, dm_payload(dm_p), dx, H - dy, 20 * 72 / 25.4)
            L.text(dx, dy + size + 9, "INS à scanner", 6)
        y = 160
        lines = [person(to) if rng.random() < 0.7 else "%s le Docteur %s %s" % ("Madame" if to[1] in ("Claire", "Marie", "Anne-Marie", "Sophie", "Camille") else "Monsieur", to[1], to[2]),
                 to[3], to[4], "%s %s" % (to[5], to[6].upper() if rng.random() < 0.5 else to[6])]
        for i, s in enumerate(lines):
            L.text(win_x, y + i * 13, s, 10)
        y = 250
        L.text(330 if layout != "left-window" else 60, y, "%s, le %s" % (town.capitalize(), fr_date("2026-11-%02d" % rng.randint(1, 23), True)), 9)
        y += 30
        L.centred(y, title.upper() if rng.random() < 0.5 else title, 13)
        y += 28
        civ = "Mme" if p["sex"] == "F" else "M."
        if rng.random() < 0.3:
            civ = "Madame" if p["sex"] == "F" else "Monsieur"
        born = "née" if p["sex"] == "F" else "né"
        date_text = fr_date(printed["birth_date"], words_date)
        place_text = (" à %s (%s)" % (printed["birth_town"], printed["birth_place"])) if printed["birth_place"] else ""
        ins_text = "Matricule INS : %s" % (spaced(printed["ins"]) if rng.random() < 0.5 else printed["ins"])
        if print_oid:
            ins_text += "   OID : %s" % TEST_OID
        if identity_style == "sentence":
            used = p["used_name"]
            name = "%s %s %s" % (civ, p["first_names"][0], used or p["birth_name"])
            if used:
                name += " %s %s" % (born, p["birth_name"])
            L.text(50, y, "Patient%s : %s, %s le %s%s" % ("e" if p["sex"] == "F" else "", name, born, date_text, place_text), 10)
            y += 14
            if print_ins:
                L.text(50, y, ins_text, 10)
                y += 14
        else:
            box = [("Nom de naissance", p["birth_name"])]
            if p["used_name"]:
                box.append(("Nom utilisé", p["used_name"]))
            box += [("Prénom(s)", " ".join(p["first_names"])), ("Date de naissance", date_text),
                    ("Sexe", p["sex"])]
            if printed["birth_place"]:
                box.append(("Lieu de naissance", "%s (%s)" % (printed["birth_town"], printed["birth_place"])))
            if print_ins:
                box.append(("Matricule INS", spaced(printed["ins"]) if rng.random() < 0.5 else printed["ins"]))
                if print_oid:
                    box.append(("OID", TEST_OID))
            c.setLineWidth(0.6)
            c.rect(45, H - (y + 13 * len(box) - 4), 330, 13 * len(box) + 8)
            for label, value in box:
                L.text(52, y + 4, "%s : %s" % (label, value), 9)
                y += 13
            y += 16
        y += 10
        salutation = rng.choice(["Cher Confrère,", "Chère Consœur,", "Cher ami,", "Madame, Monsieur,"])
        L.text(50, y, salutation, 10)
        y += 20
        body = PRESCRIPTION if doc_code == "57833-6" else rng.sample(BODY, 4)
        for s in body:
            L.text(50, y, s, 10)
            y += 14
        y += 14
        L.text(50, y, rng.choice(["Je vous prie de croire, cher confrère, à mes sentiments les meilleurs.",
                                  "Bien confraternellement,", "Restant à votre disposition, bien cordialement."]), 10)
        y += 30
        L.text(330, y, person(author), 10, True)
        L.text(330, y + 12, author[3], 9)
        y += 50
        style = rng.choice(["inline", "list", "cc"])
        entries = ["%s (%s, %s)" % (person(d), d[3].lower(), d[6]) if rng.random() < 0.5
                   else "%s, %s, %s" % (person(d), d[3].lower(), d[6]) for d in copies]
        if copies or copy_patient:
            if style == "list" and copies:
                L.text(50, y, "Copies :", 9)
                for e in entries:
                    y += 12
                    L.text(60, y, "- " + e, 9)
                if copy_patient:
                    y += 12
                    L.text(60, y, "- Copie patient", 9)
            else:
                label = "Cc : " if style == "cc" else "Copie à : "
                if entries:
                    L.text(50, y, label + " ; ".join(entries), 8)
                    y += 12
                if copy_patient:
                    L.text(50, y, "Copie patient", 9)

    recipients = [{"name": person(to), "role": "to", "city": to[6]}]
    recipients += [{"name": person(d), "role": "cc", "city": d[6]} for d in copies]
    truth = {
        "case": case,
        "layout": layout,
        "font": font,
        "identity_style": identity_style,
        "datamatrix": with_dm,
        "document_type": doc_code,
        "patient": {
            "ins": p["ins"] if expected_status == "consistent" else None,
            "ins_oid": (TEST_OID if (with_dm or print_oid) else None) if expected_status == "consistent" else None,
            "birth_name": insi(p["birth_name"]),
            "used_name": insi(p["used_name"]) if p["used_name"] else None,
            "first_name": insi(p["first_names"][0]),
            "birth_date": p["birth_date"],
            "sex": p["sex"],
            "birth_place": printed["birth_place"],
            "status": expected_status,
            "printed_ins": printed["ins"] if print_ins else None,
        },
        "author": person(author),
        "author_rpps": author[4],
        "recipients": recipients,
        "copy_patient": copy_patient,
    }
    return draw, truth


def write_text_pdf(path, draw):
    c = canvas.Canvas(path, pagesize=A4)
    c.setTitle("Courrier")
    draw(c)
    c.showPage()
    c.save()


def scan(text_pdf, out_pdf, dpi, rng, first_page=None):
    from PIL import Image, ImageFilter
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", text_pdf,
                        os.path.join(tmp, "page")], check=True)
        img = Image.open(os.path.join(tmp, "page.png")).convert("L")
    angle = rng.uniform(-1.5, 1.5)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(radius=0.6 * dpi / 300))
    # Salt-and-pepper noise and a grey cast, as from an office scanner.
    noise = Image.effect_noise(img.size, 18).point(lambda v: 0 if v < 20 else 255 if v > 235 else 128)
    img = Image.composite(noise, img, noise.point(lambda v: 60 if v != 128 else 0))
    img = img.point(lambda v: int(v * 0.92 + 12))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=rng.randint(45, 70))
    buf.seek(0)
    c = canvas.Canvas(out_pdf, pagesize=A4)
    if first_page:  # a mixed document: a text page, then the scanned one
        first_page(c)
        c.showPage()
    c.drawImage(ImageReader(buf), 0, 0, W, H)
    c.showPage()
    c.save()
    return angle


def write_bad(out):
    """Bad inputs: encrypted, corrupt, zero pages, 500 pages, decompression bomb."""
    from reportlab.lib import pdfencrypt
    enc = pdfencrypt.StandardEncryption("secret", canPrint=0)
    c = canvas.Canvas(os.path.join(out, "encrypted.pdf"), pagesize=A4, encrypt=enc)
    c.drawString(72, 700, "Lettre de liaison confidentielle")
    c.showPage()
    c.save()

    c = canvas.Canvas(os.path.join(out, "ok-for-corrupt.pdf"), pagesize=A4)
    c.drawString(72, 700, "Lettre de liaison")
    c.showPage()
    c.save()
    data = open(os.path.join(out, "ok-for-corrupt.pdf"), "rb").read()
    os.remove(os.path.join(out, "ok-for-corrupt.pdf"))
    open(os.path.join(out, "corrupt.pdf"), "wb").write(data[: len(data) // 3] + b"\x00garbage" * 50)

    # A valid file whose page tree is empty.
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    write_raw_pdf(os.path.join(out, "zero-pages.pdf"), objs)

    # 500 pages written directly (reportlab would take seconds).
    n = 500
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + i) for i in range(n)) + b"] /Count %d >>" % n,
            b"<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 720 Td (Page de test) Tj ET\nendstream"]
    font = 4 + n
    for i in range(n):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
                    b"/Resources << /Font << /F1 %d 0 R >> >> >>" % font)
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    write_raw_pdf(os.path.join(out, "500-pages.pdf"), objs)

    # Decompression bomb: a 40000 x 40000 grey image (1.6 GB decoded) in a ~1.6 MB stream.
    side = 40000
    comp = zlib.compressobj(9)
    chunk = b"\xff" * (side * 100)
    parts = [comp.compress(chunk) for _ in range(side // 100)]
    parts.append(comp.flush())
    stream = b"".join(parts)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
            b"<< /Length 33 >>\nstream\nq 595 0 0 842 0 0 cm /Im1 Do Q\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (side, side, len(stream))
            + stream + b"\nendstream"]
    write_raw_pdf(os.path.join(out, "bomb.pdf"), objs)


def write_raw_pdf(path, objs):
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(path, "wb").write(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--variants", default="text")
    ap.add_argument("--cases", action="store_true", help="also the identity-safety cases")
    ap.add_argument("--bad", action="store_true", help="also the bad inputs")
    ap.add_argument("--scans", type=int, default=0, help="also a 300 dpi scan of the first N letters")
    ap.add_argument("--scans200", type=int, default=0, help="also a 200 dpi scan of the first N letters")
    ap.add_argument("--mixed", type=int, default=0,
                    help="also, for the first N letters, a text page followed by its 300 dpi scan")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    os.chmod(args.out, 0o700)
    rng = random.Random(args.seed)
    variants = [v for v in args.variants.split(",") if v]
    jobs = [("letter-%03d" % i, "normal") for i in range(args.count)]
    if args.cases:
        jobs += [("case-%s" % c, c) for c in ("bad-key", "dm-mismatch", "dm-other-patient", "incomplete", "no-ins")]
    index = []
    for name, case in jobs:
        draw, truth = build_letter(rng, len(index), case)
        text_pdf = os.path.join(args.out, name + "-text.pdf")
        write_text_pdf(text_pdf, draw)
        n = int(name.split("-")[1]) if case == "normal" else len(jobs)
        extra = [v for v, first in (("scan300", args.scans), ("scan200", args.scans200), ("mixed", args.mixed))
                 if n < first and v not in variants]
        for variant in variants + extra:
            pdf = os.path.join(args.out, "%s-%s.pdf" % (name, variant))
            t = dict(truth, variant=variant, file=os.path.basename(pdf))
            if variant.startswith("scan"):
                t["skew_degrees"] = round(scan(text_pdf, pdf, int(variant[4:]), rng), 2)
            elif variant == "mixed":
                t["skew_degrees"] = round(scan(text_pdf, pdf, 300, rng, first_page=draw), 2)
            with open(pdf[:-4] + ".json", "w", encoding="utf-8") as f:
                json.dump(t, f, ensure_ascii=False, indent=1)
            index.append(os.path.basename(pdf))
        if "text" not in variants + extra:
            os.remove(text_pdf)
    if args.bad:
        write_bad(args.out)
    with open(os.path.join(args.out, "index.txt"), "w") as f:
        f.write("\n".join(index) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
