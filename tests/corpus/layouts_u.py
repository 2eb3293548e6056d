"""Tuning layout families, twenty-first set (see make_letters.py).

These were the held-out families of session 47 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families draw through the helpers of make_letters.py, which use() binds at import time.
"""

M = None  # make_letters, bound by use()


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Running faces: an installed regular cut with bold and italic cuts of other faces, pairings no
# tuning font key makes.

_DJ = "/usr/share/fonts/truetype/dejavu/"
_FR = "/usr/share/fonts/truetype/freefont/"
_LI = "/usr/share/fonts/truetype/liberation2/"


def fonts(register):
    """Registers this set's running faces (a face whose files are missing is left out)."""
    out = []
    for key, files in (("uFreeSerifLibBold", (_FR + "FreeSerif.ttf", _LI + "LiberationSerif-Bold.ttf",
                                                _FR + "FreeSerifItalic.ttf")),
                       ("uLibSerifDejaBold", (_LI + "LiberationSerif-Regular.ttf", _DJ + "DejaVuSerif-Bold.ttf",
                                                _LI + "LiberationSerif-Italic.ttf")),
                       ("uSansCondLibBold", (_DJ + "DejaVuSansCondensed.ttf", _LI + "LiberationSans-Bold.ttf",
                                               _DJ + "DejaVuSansCondensed-Oblique.ttf")),
                       ("uLibSansCondBold", (_LI + "LiberationSans-Regular.ttf", _DJ + "DejaVuSansCondensed-Bold.ttf",
                                               _LI + "LiberationSans-Italic.ttf"))):
        if register(key, *files):
            out.append(key)
    for key, faces in (("uGothicSansBold", ("URWGothic-Book", "NimbusSans-Bold", "URWGothic-BookOblique")),
                       ("uP052RomanBold", ("P052-Roman", "NimbusRoman-Bold", "P052-Italic")),
                       ("uSansGothicDemi", ("NimbusSans-Regular", "URWGothic-Demi", "NimbusSans-Italic")),
                       ("uC059BookmanDemi", ("C059-Roman", "URWBookman-Demi", "C059-Italic"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    return out


# ---------------------------------------------------------------------------------------------
# The traits as this set's software prints them.

def _nb(s):
    """Spaces that never break a line (drawn as plain spaces)."""
    return s.replace(" ", M.NBSP)


_MOIS_COURTS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def formes_date(iso):
    """Every way this set writes a birth date."""
    a, m, j = iso.split("-")
    jour = "1er" if j == "01" else str(int(j))
    mois = M.MONTHS[int(m) - 1]
    return {
        "num": "%s/%s/%s" % (j, m, a),
        "pt": "%s.%s.%s" % (j, m, a),
        "tiret": "%s-%s-%s" % (j, m, a),
        "lettres": "%s %s %s" % (jour, mois, a),
        "lettres0": "%s %s %s" % (j, mois, a),
        "capitales": "%s %s %s" % (jour, mois.upper(), a),
        "court": "%d %s %s" % (int(j), _MOIS_COURTS[int(m) - 1], a),
        "iso": "%s-%s-%s" % (a, m, j),
    }


def _date(I, rng, styles):
    return _nb(formes_date(I.iso)[rng.choice(list(styles))])


D_TOUT = ["num", "num", "num", "lettres", "lettres0", "capitales", "court", "pt", "tiret"]
D_CHIFFRES = ["num", "num", "pt", "tiret"]


def formes_ins(m):
    """Every way this set writes a matricule (the key apart or not)."""
    k = m[13:]
    g = " ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]])
    return {
        "brut": m,
        "blocs": "%s %s" % (g, k),
        "points": ".".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13], k]),
        "cle": "%s %s" % (m[:13], k),
        "cle-barre": "%s / %s" % (m[:13], k),
        "blocs-cle": "%s, clé %s" % (g, k),
        "crochets": "%s [%s]" % (m[:13], k),
    }


def _ins(I, rng, styles):
    return _nb(formes_ins(I.ins)[rng.choice(list(styles))])


I_TOUT = ["brut", "brut", "blocs", "blocs", "points", "cle", "cle-barre", "blocs-cle", "crochets"]
I_SIMPLE = ["brut", "blocs", "cle", "points"]


def _sexe(I, rng, styles=("l", "mot")):
    f = I.sex == "F"
    return {"l": "F" if f else "M", "mot": "Féminin" if f else "Masculin", "min": "féminin" if f else "masculin",
            "maj": "FÉMININ" if f else "MASCULIN", "pers": "Femme" if f else "Homme"}[rng.choice(list(styles))]


def _lieu(I, rng, styles):
    code, nom = I.place, I.place_name
    style = rng.choice(list(styles))
    if style == "insee" and I.abroad:
        style = "nom-code"
    return _nb({"nom-code": "%s (%s)" % (nom, code), "code": code, "code-nom": "%s %s" % (code, M.insi(nom)),
                "code-tiret": "%s – %s" % (code, nom), "insee": "%s (INSEE %s)" % (nom, code),
                "barre": "%s / %s" % (nom, code), "code-paren": "%s (%s)" % (code, nom)}[style])


L_TOUT = ["nom-code", "nom-code", "code-nom", "code-tiret", "insee", "barre", "code-paren"]

_PAYS_F = ("99352", "99351", "99134", "99127", "99131", "99208", "99109", "99326")  # 'en' Algérie, Tunisie…


def _a_lieu(I):
    """'à Brest', 'au Maroc', 'en Italie', 'à Madagascar'."""
    n = I.place_name
    if not I.abroad:
        return "à " + n
    return ("en " if I.place in _PAYS_F else "à " if I.place == "99333" else "au ") + n


def _prenoms(I, rng, styles=("all", "all", "all-comma", "first")):
    return I.first_names(rng, rng.choice(list(styles)))


def _tailles(I, lo=7.5, hi=10.5):
    t = max(lo, min(I.size, hi))
    return t, max(6, t - 1.8)


def _age(I):
    a = M.age_on(I.iso)
    if a >= 2:
        return "%d\u00a0ans" % a
    y, m, d = (int(v) for v in I.iso.split("-"))
    mois = (M.TODAY[0] - y) * 12 + M.TODAY[1] - m - (M.TODAY[2] < d)
    return "%d\u00a0mois" % max(mois, 1)


def _oid(rng):
    return rng.choice(["OID %s", "· OID %s", "(OID : %s)"]) % M.TEST_OID


def _ipp(I, rng, labels):
    """The file number when the letter has one (then not printed again under the block)."""
    if not I.ipp:
        return None
    I.uses.add("ipp")
    return (rng.choice(labels), I.ipp)


def _nda(I, rng, labels):
    if not I.nda:
        return None
    I.uses.add("nda")
    return (rng.choice(labels), I.nda)


def _jour(rng, lo=2, hi=22):
    return "%02d/11/2026" % rng.randint(lo, hi)


def _heure(rng, lo=7, hi=18):
    return "%02dh%02d" % (rng.randint(lo, hi), rng.randint(0, 59))


def _mobile(rng):
    return "0%d %02d %02d %02d %02d" % (rng.choice([6, 7]), rng.randint(0, 99), rng.randint(0, 99),
                                        rng.randint(0, 99), rng.randint(0, 99))


# ---------------------------------------------------------------------------------------------
# Drawing

def _ajuste(doc, texts, width, size, bold=False, italic=False, floor=5.0):
    while size > floor and max([doc.sw(t, size, bold=bold, italic=italic) for t in texts] or [0]) > width:
        size -= 0.25
    return size


def _cadre(doc, x, top, w, h, lw=0.6, gray=0.0, dash=None, radius=0):
    """A frame that records its four edges only (what stands inside stays free)."""
    c = doc.c
    c.saveState()
    c.setLineWidth(lw)
    c.setStrokeGray(gray)
    if dash:
        c.setDash(*dash)
    if radius:
        c.roundRect(x, M.H - top - h, w, h, radius, stroke=1, fill=0)
    else:
        c.rect(x, M.H - top - h, w, h, stroke=1, fill=0)
    c.restoreState()
    for b in ((x, top - lw, x + w, top + lw), (x, top + h - lw, x + w, top + h + lw),
              (x - lw, top, x + lw, top + h), (x + w - lw, top, x + w + lw, top + h)):
        doc.add_box(b)


def _aplat(doc, x, top, w, h, gray, radius=0, record=True):
    c = doc.c
    c.saveState()
    c.setFillGray(gray)
    if radius:
        c.roundRect(x, M.H - top - h, w, h, radius, stroke=0, fill=1)
    else:
        c.rect(x, M.H - top - h, w, h, stroke=0, fill=1)
    c.restoreState()
    if record:
        doc.add_box((x, top, x + w, top + h))


def _filet(doc, x0, x1, y, lw=0.5, gray=0.0, dash=None):
    c = doc.c
    c.saveState()
    c.setLineWidth(lw)
    c.setStrokeGray(gray)
    if dash:
        c.setDash(*dash)
    c.line(x0, M.H - y, x1, M.H - y)
    c.restoreState()
    doc.add_box((x0, y - lw, x1, y + lw))


def _filet_v(doc, x, y0, y1, lw=0.5, gray=0.0):
    c = doc.c
    c.saveState()
    c.setLineWidth(lw)
    c.setStrokeGray(gray)
    c.line(x, M.H - y0, x, M.H - y1)
    c.restoreState()
    doc.add_box((x - lw, y0, x + lw, y1))


_MONO = ("Courier", "Courier-Bold")


def _mlarg(s, size, bold=False):
    return M.pdfmetrics.stringWidth(s.replace(M.NBSP, " "), _MONO[bold], size)


def _mligne(doc, x, y, s, size, bold=False):
    """A line in a fixed-width face, recorded like doc.text."""
    c = doc.c
    c.saveState()
    c.setFont(_MONO[bold], size)
    c.drawString(x, M.H - y, s.replace(M.NBSP, " "))
    c.restoreState()
    letter = getattr(doc, "letter", None)
    if letter is not None:
        letter.drawn.append(s)
    w = _mlarg(s, size, bold)
    doc.add_box((x, y - size * 0.8, x + w, y + size * 0.25))
    return w


def _filet_entete(doc):
    """The rule a letterhead may draw across the page under itself."""
    for x0, y0, x1, y1 in doc.boxes.get(1, []):
        if x0 <= 41 and x1 >= M.W - 41 and y1 - y0 < 3:
            return (y0 + y1) / 2
    return None


def _sous_filet(doc, top, height):
    """`top`, or under the letterhead's rule when a block opposite the letterhead would cross it."""
    r = _filet_entete(doc)
    if r is not None and top - 12 < r < top + height + 4:
        return r + 10
    return top


def _pile(doc, x, top, items, k=1.0):
    """(text, size, bold, italic, gray, dx) lines from `top` down; returns the y under them."""
    y = top
    for t, sz, b, i, g, dx in items:
        lead = doc.lead(sz) * k
        y += lead * 0.8
        if t:
            doc.text(x + dx, y, t, sz, bold=b, italic=i, gray=g)
        y += lead * 0.2
    return y


# The DataMatrix room some identity families keep beside them: only when the letter's code goes
# there, as software that prints the code keeps its place.

def _salle(doc, pos):
    L = doc.letter
    if L.dm and L.dm_pos == pos:
        return L.dm_mm * 72 / 25.4
    return None


def _retient(doc, pos, x, y):
    doc.__dict__.setdefault("u_salles", {})[pos] = (doc.page, x, y)


def _emprise(s):
    """Width and height a room takes around a code of side s (its caption, its margins), margin."""
    m = max(5, s / 9) + 2
    return s + 2 * m, s + 9 + 2 * m, m


# ---------------------------------------------------------------------------------------------
# Identity

def _panneau(doc, x, top, w, titre, rows, size, small, gras, h=None, bande=False):
    """A framed panel: a caption (on a shaded strip or not), then 'label value' rows; returns its
    bottom."""
    lead = doc.lead(size) * 1.05
    lab = small + 0.3
    lw = min(max(doc.sw(a, lab) for a, _ in rows) + 8, w * 0.48)
    height = h or lead * (len(rows) + 1) + 12
    _cadre(doc, x, top, w, height, lw=0.5, gray=0.3)
    if bande:
        _aplat(doc, x + 0.5, top + 0.5, w - 1, lead + 3, 0.88, record=False)
    y = top + 3 + lead * 0.8
    doc.text(x + 6, y, titre, _ajuste(doc, [titre], w - 12, lab + 0.5, bold=True), bold=True)
    y += lead * 0.2 + (3 if bande else 1)
    for a, b in rows:
        y += lead * 0.8
        doc.text(x + 6, y, a, _ajuste(doc, [a], lw - 6, lab), gray=0.35)
        doc.text(x + 6 + lw, y, b, _ajuste(doc, [b], w - lw - 14, size, bold=gras), bold=gras)
        y += lead * 0.2
    return top + height


def id_labo_panneaux(doc, I, rng):
    """Laboratory report: a grey line with the request number and the sampling times, then two framed
    panels side by side (one under the other in a narrow letter): the person sampled, the request."""
    L = doc.letter
    size, small = _tailles(I, 7.5, 10)
    h0 = rng.randint(7, 11)
    head = "Dossier %s%07d – prélevé le %s à %02dh%02d – enregistré à %02dh%02d" % (
        rng.choice(["B", "LAB", "26-"]), rng.randint(1, 9999999), _jour(rng), h0, rng.randint(0, 59), h0 + 1,
        rng.randint(0, 59))
    L.traps.append("sampling-times")
    rows = [(rng.choice(["Nom naissance", "Nom (naiss.)"]), I.birth)]
    if I.used:
        rows.append(("Nom marital" if I.sex == "F" and rng.random() < 0.5 else "Nom usuel", I.used))
    rows.append((rng.choice(["Prénoms", "Prénom(s) naiss."]), _prenoms(I, rng)))
    rows.append((rng.choice(["Naissance", "Date naiss."]), _date(I, rng, D_TOUT)))
    rows.append(("Sexe", _sexe(I, rng, ("l", "mot", "pers"))))
    if I.place:
        rows.append(("Pays naiss." if I.abroad else rng.choice(["Lieu de naiss.", "Commune naiss."]),
                     _lieu(I, rng, L_TOUT)))
    if I.ins:
        rows.append((rng.choice(["INS-NIR", "Ident. INS"]), _ins(I, rng, I_TOUT)))
        if I.oid:
            rows.append((rng.choice(["OID", "OID autorité"]), M.TEST_OID))
    a = L.author
    req = [("Prescripteur", "%s %s %s" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family)),
           ("Unité", M.service_of(a.service)),
           ("Échantillon", rng.choice(["sang veineux", "sang veineux, tube citraté", "urines de 24 h", "sérum"])),
           ("Jeûne", rng.choice(["oui", "non", "non précisé"]))]
    L.traps.append("author-in-block")
    if rng.random() < 0.5:
        req.append(("FINESS", L.hospital["finess"]))
        L.traps.append("finess")
    x0, width = doc.left, doc.right - doc.left
    side = width >= 420
    lead = doc.lead(size) * 1.05
    h1 = lead * (len(rows) + 1) + 12
    h2 = lead * (len(req) + 1) + 12
    wl = width * 0.58 if side else width
    total = max(h1, h2) if side else h1 + h2 + 8
    doc.need(total + doc.lead(small) + 2 * size)
    doc.line(head, _ajuste(doc, [head], width, small), gray=0.35)
    top = doc.y + 3
    t1 = rng.choice(["Personne prélevée", "Identité de la personne prélevée"])
    t2 = rng.choice(["Renseignements de la demande", "Demande d'analyses"])
    doc.mark("identity")
    bottom = _panneau(doc, x0, top, wl, t1, rows, size, small, True, max(h1, h2) if side else None)
    doc.unmark()
    if side:
        _panneau(doc, x0 + wl + 10, top, width - wl - 10, t2, req, size, small, False, max(h1, h2))
    else:
        bottom = _panneau(doc, x0, bottom + 8, width, t2, req, size, small, False)
    doc.y = bottom + size


def id_ris_colonnes(doc, I, rng):
    """Imaging report: the examination in bold, then the person as a table whose shaded top row
    names each column and whose second row holds the values, wrapped into more such tables when
    too wide; the matricule's OID and the accession number under it."""
    L = doc.letter
    size, small = _tailles(I, 7.5, 10)
    cap = max(5.5, size - 2.5)
    exam = rng.choice(["Scanner thoraco-abdomino-pelvien injecté", "IRM lombaire sans injection",
                       "Échographie abdominale complète", "Radiographie pulmonaire de face",
                       "Mammographie de dépistage", "Scanner cérébral sans injection"])
    head = "%s – réalisé le %s à %s" % (exam, _jour(rng), _heure(rng))
    cols = [("PATRONYME", I.birth)]
    if I.used:
        cols.append(("NOM D'ÉPOUSE" if I.sex == "F" and "-" not in I.used else "NOM PORTÉ", I.used))
    cols.append(("PRÉNOM(S)", _prenoms(I, rng)))
    cols.append(("NAISSANCE", _date(I, rng, D_TOUT)))
    cols.append(("SEXE", _sexe(I, rng, ("l", "mot", "maj"))))
    if I.place:
        cols.append(("PAYS (COG)" if I.abroad else "LIEU (COG)",
                     _lieu(I, rng, ["code", "code-nom", "nom-code", "code-tiret"])))
    if I.ins:
        cols.append(("INS / NIR", _ins(I, rng, I_TOUT)))
    trail = "N° d'accès A%09d · %s" % (rng.randint(1, 999999999), rng.choice(["salle 1, scanner", "salle IRM 2",
                                                                             "échographe 3", "salle de radiologie 4"]))
    L.traps.append("accession-number")
    x0, width = doc.left, doc.right - doc.left

    def colw(h, v, sz):
        return max(doc.sw(h, cap, bold=True), doc.sw(v, sz)) + 10
    sz = size
    while sz > 6.5 and max(colw(h, v, sz) for h, v in cols) > width:
        sz -= 0.25
    chunks, cur, used = [], [], 0
    for h, v in cols:
        w = min(colw(h, v, sz), width)
        if cur and used + w > width:
            chunks.append(cur)
            cur, used = [], 0
        cur.append((h, v, w))
        used += w
    chunks.append(cur)
    stretch = rng.random() < 0.6
    rh1, rh2 = cap + 6, doc.lead(sz) + 5
    doc.need(len(chunks) * (rh1 + rh2 + 4) + doc.lead(size) * 2 + doc.lead(small) * 2 + 4)
    doc.line(head, _ajuste(doc, [head], width, size, bold=True), bold=True)
    doc.gap(3)
    top = doc.y
    doc.mark("identity")
    for ch in chunks:
        spare = (width - sum(w for _, _, w in ch)) / len(ch) if stretch else 0
        x = x0
        for h, v, w in ch:
            w += spare
            doc.rect(x, top, w, rh1, lw=0.4, fill=0.86)
            doc.rect(x, top + rh1, w, rh2, lw=0.4)
            doc.text(x + 4, top + rh1 - 2.2, h, cap, bold=True)
            doc.text(x + 4, top + rh1 + rh2 - 3.5, v, _ajuste(doc, [v], w - 8, sz))
            x += w
        top += rh1 + rh2 + 4
    doc.y = top - 2
    if I.ins and I.oid:
        doc.line("OID racine : " + M.TEST_OID, small, gray=0.3)
    doc.unmark()
    doc.line(trail, small, gray=0.35)
    doc.gap(size * 0.8)


def id_fiche_barres(doc, I, rng):
    """A general practice record: a bold underlined caption, then one trait or two a line, a label
    pairing two traits with a slash ('Nom naiss. / Prénom(s)') over the values paired the same way;
    the mobile phone and the home address under it."""
    L = doc.letter
    size, small = _tailles(I, 8, 10.5)
    firsts = _prenoms(I, rng, ("all", "all-comma", "first"))
    if rng.random() < 0.5:
        rows = [("Nom naiss. / Prénom(s)", "%s / %s" % (I.birth, firsts))]
    else:
        rows = [("Prénom(s) / Nom naiss.", "%s / %s" % (firsts, I.birth))]
    if I.used:
        rows.append(("Nom d'épouse" if I.sex == "F" and "-" not in I.used else "Nom usuel", I.used))
    d = _date(I, rng, D_TOUT)
    if I.place:
        rows.append(("Date et lieu de naissance", _nb("%s %s (%s)" % (d, _a_lieu(I), I.place))))
    else:
        rows.append(("Date de naiss.", d))
    rows.append(("Sexe / Âge", "%s / %s" % (_sexe(I, rng, ("l", "mot")), _age(I))))
    if I.ins:
        if I.oid:
            rows.append(("INS / OID", "%s / %s" % (_ins(I, rng, I_SIMPLE), M.TEST_OID)))
        else:
            rows.append((rng.choice(["INS - matricule", "Matricule NIR (INS)"]), _ins(I, rng, I_TOUT)))
    extra = []
    if rng.random() < 0.6:
        extra.append(("Portable", _mobile(rng)))
        L.traps.append("phone")
    if rng.random() < 0.4:
        street, pc, city = L.patient["home"]
        extra.append(("Domicile", "%s, %s %s" % (street, pc, city)))
        L.traps.append("patient-address")
    heading = rng.choice(["Volet administratif", "Renseignements patient", "Données d'identification"])
    x0, width = doc.left, doc.right - doc.left
    s = _salle(doc, "u-id-room")
    rw, rh, rm = _emprise(s) if s else (0, 0, 0)
    lead = doc.lead(size) * 1.1
    lws = [doc.sw(a + " : ", size, bold=True) for a, _ in rows + extra]
    if s and width - rw - 8 - max(lws) < 150:
        s, rw, rh, rm = None, 0, 0, 0
    avail = width - rw - (8 if s else 0)
    doc.need(max(lead * (len(rows) + len(extra) + 1.5), rh) + size * 2)
    top = doc.y
    doc.line(heading, size, bold=True)
    doc.hline(x0, x0 + doc.sw(heading, size, bold=True), doc.y - 1, 0.5)
    doc.gap(2)
    for n, ((a, b), lw) in enumerate(zip(rows + extra, lws)):
        if n == 0:
            doc.mark("identity")
        elif n == len(rows):
            doc.unmark()
        doc.y += lead * 0.8
        doc.text(x0, doc.y, a + " : ", size, bold=True)
        doc.text(x0 + lw, doc.y, b, _ajuste(doc, [b], avail - lw, size))
        doc.y += lead * 0.2
    doc.unmark()
    if s:
        _retient(doc, "u-id-room", x0 + width - rw + rm, top + rm)
        doc.y = max(doc.y, top + rh)
    doc.gap(size)


def id_hd_barre(doc, I, rng):
    """Opposite the letterhead: a dark vertical bar, and beside it a grey italic caption, the name in
    bold (the birth name under it after 'née' when another is used), the birth date with the age,
    the sex, the place, the matricule and its OID, the file number."""
    size = max(7.5, min(I.size - 0.5, 9.5))
    small = max(6, size - 2)
    civ = I.civ(rng, rng.choice(["short", "long", "upper"]))
    firsts = _prenoms(I, rng, ("all", "first"))
    fam = I.used or I.birth
    name = "%s %s %s" % (civ, fam, firsts) if rng.random() < 0.6 else "%s %s %s" % (civ, firsts, fam)
    lines = [(rng.choice(["Concerne", "Relatif à", "Personne concernée"]), small, False, True, 0.4),
             (name, size, True, False, 0.0)]
    if I.used:
        lines.append(("%s %s" % (I.born(), I.birth), size, False, True, 0.0))
    lines.append(("%s %s – %s" % (rng.choice(["Naissance :", "Date naiss. :"]), _date(I, rng, D_CHIFFRES), _age(I)),
                  size, False, False, 0.0))
    lines.append(("Sexe : " + _sexe(I, rng, ("l", "mot")), size, False, False, 0.0))
    if I.place:
        lines.append(("Lieu : " + _lieu(I, rng, ["nom-code", "code-nom", "insee"]), size, False, False, 0.0))
    if I.ins:
        lines.append(("INS : " + _ins(I, rng, I_SIMPLE + ["cle-barre"]), size, False, False, 0.0))
        if I.oid:
            lines.append(("OID " + M.TEST_OID, small, False, False, 0.3))
    ipp = _ipp(I, rng, ["IPP", "Num. patient"])
    if ipp:
        lines.append(("%s : %s" % ipp, small, False, False, 0.3))
    limit = M.W - 30
    x = rng.choice([320, 330, 340])

    def widest(k):
        return max(doc.sw(t, sz * k, bold=b, italic=i) for t, sz, b, i, _ in lines) + 12
    k = 1.0
    if x + widest(k) > limit:
        x = max(M.W / 2 + 10, limit - widest(k))
    while x + widest(k) > limit and k > 0.7:
        k -= 0.03
    height = sum(doc.lead(sz * k) for _, sz, _, _, _ in lines)
    top = _sous_filet(doc, rng.choice([42, 50, 58]), height + 4)
    _aplat(doc, x, top, 2.5, height + 4, 0.3)
    y = top + 2
    doc.mark("identity")
    for t, sz, b, i, g in lines:
        lead = doc.lead(sz * k)
        y += lead * 0.8
        doc.text(x + 10, y, t, sz * k, bold=b, italic=i, gray=g)
        y += lead * 0.2
    doc.unmark()
    return y + size + 4


def id_bandeau_cases(doc, I, rng):
    """At the top of every page, three framed cells side by side, each under a small grey capital
    caption: the names, the birth (date, sex, place), the matricule and its OID."""
    size = max(6.5, min(I.size - 2, 8))
    cap = max(5, size - 2)
    firsts = _prenoms(I, rng, ("all", "first"))
    c1 = ["%s %s" % (I.birth, firsts) if rng.random() < 0.6 else "%s %s" % (firsts, I.birth)]
    if I.used:
        c1.append(("ép. %s" if I.sex == "F" and "-" not in I.used else "usage : %s") % I.used)
    c2 = [_nb("%s le %s · sexe %s" % (I.born(), _date(I, rng, D_CHIFFRES), _sexe(I, rng, ("l", "min"))))]
    if I.place:
        c2.append(_nb("%s (%s)" % (_a_lieu(I), I.place)))
    cells = [(rng.choice(["PATIENT", "NOM ET PRÉNOMS"]), c1), ("NAISSANCE", c2)]
    if I.ins:
        c3 = [_ins(I, rng, I_SIMPLE)]
        if I.oid:
            c3.append("OID " + M.TEST_OID)
        cells.append((rng.choice(["IDENTIFIANT INS", "INS"]), c3))
    avail = M.W - 56

    def need(sz):
        return [max([doc.sw(cp, cap, bold=True)] + [doc.sw(t, sz, bold=(j == 0 and n == 0))
                                                    for j, t in enumerate(ls)]) + 12
                for n, (cp, ls) in enumerate(cells)]
    while sum(need(size)) > avail and size > 5.5:
        size -= 0.25
    widths = need(size)
    spare = (avail - sum(widths)) / len(widths)
    widths = [w + spare for w in widths]
    rows = max(len(ls) for _, ls in cells)
    h = cap + 5 + rows * size * 1.25 + 3

    def band(d):
        top = 14
        if d.page == 1:
            d.mark("identity")
        x = 28
        for n, ((cp, ls), w) in enumerate(zip(cells, widths)):
            _cadre(d, x, top, w, h, lw=0.4, gray=0.35)
            d.text(x + 5, top + cap + 2, cp, cap, bold=True, gray=0.45)
            y = top + cap + 3
            for j, t in enumerate(ls):
                y += size * 1.25
                d.text(x + 5, y - 1, t, size, bold=(j == 0 and n == 0))
            x += w
        d.unmark()

    band(doc)
    doc.page_start.append(band)


def id_pied_cadre(doc, I, rng):
    """At the foot of every page, over the page footer: a thin frame whose shaded left cell reads
    'Identité', and in it two lines (the name, the birth date and the sex; the place, the matricule
    and its OID)."""
    size = max(6.5, min(I.size - 2, 8))
    firsts = _prenoms(I, rng, ("all", "first"))
    name = "%s %s" % (I.birth, firsts)
    if I.used:
        name += " (%s %s)" % ("épouse" if I.sex == "F" and "-" not in I.used else "usage", I.used)
    line1 = " – ".join([name, _nb("%s le %s" % (I.born(), _date(I, rng, D_CHIFFRES + ["lettres"]))),
                        "sexe " + _sexe(I, rng, ("l", "min"))])
    parts = []
    if I.place:
        parts.append(("Pays de naiss. : " if I.abroad else "Lieu de naiss. : ") + _lieu(I, rng, L_TOUT))
    if I.ins:
        parts.append("INS : " + _ins(I, rng, I_SIMPLE) + (" " + _oid(rng) if I.oid else ""))
    line2 = " – ".join(parts)
    word = rng.choice(["Identité", "Patient"])

    def foot(d):
        width = d.right - d.left
        capw = d.sw(word, size, bold=True) + 12
        sz = _ajuste(d, [line1, line2], width - capw - 10, size)
        top = M.H - 104
        h = sz * 1.3 * (2 if line2 else 1) + 7
        _aplat(d, d.left, top, capw, h, 0.88)
        _cadre(d, d.left, top, width, h, lw=0.5, gray=0.4)
        d.text(d.left + 6, top + h / 2 + sz * 0.35, word, sz, bold=True)
        if d.page == 1:
            d.mark("identity")
        y = top + 3 + sz * 1.05
        d.text(d.left + capw + 6, y, line1, sz)
        if line2:
            d.text(d.left + capw + 6, y + sz * 1.3, line2, sz)
        d.unmark()

    doc.page_end.insert(0, foot)


def id_corps_confie(doc, I, rng, reason):
    """The body opens on the person in one sentence: the civility, the names (the name in use told
    as 'épouse' or 'de son nom de naissance'), the sex in words, the birth with the commune's code,
    'dont le matricule INS est le', then the reason."""
    f = I.sex == "F"
    e = "e" if f else ""
    civ = I.civ(rng, rng.choice(["long", "long", "short"]))
    given = _prenoms(I, rng, ("first", "all", "first"))
    if I.used:
        if rng.random() < 0.5:
            who = "%s %s %s, %s %s" % (civ, given, I.birth, "épouse" if f else "époux", I.used)
        else:
            who = "%s %s %s, de son nom de naissance %s" % (civ, given, I.used, I.birth)
    else:
        who = "%s %s %s" % (civ, given, I.birth)
    start = rng.choice(["Vous avez bien voulu me confier", "Je reçois ce jour, adressé%s par vos soins," % e,
                        "Nous avons accueilli en hôpital de jour"])
    bits = []
    if rng.random() < 0.6:
        bits.append("sexe " + _sexe(I, rng, ("min",)))
    born = "%s le %s" % (I.born(), _date(I, rng, ["lettres", "num", "court", "lettres0"]))
    if I.place:
        born += " %s (%s %s)" % (_a_lieu(I), "COG pays" if I.abroad else "COG", I.place)
    bits.append(born)
    if I.ins:
        t = "dont le matricule INS est le " + _ins(I, rng, I_TOUT)
        if I.oid:
            t += " " + _oid(rng)
        bits.append(t)
    s = "%s %s, %s, %s." % (start, who, ", ".join(bits), reason)
    doc.mark("identity")
    doc.para(s, doc.size, keep=True)
    doc.unmark()


def id_corps_rappel(doc, I, rng, reason):
    """The body opens on a short sentence naming the person by the name in use and the reason; an
    indented block behind a grey bar then recalls every trait, 'label : value' parted by
    semicolons, under a bold caption."""
    f = I.sex == "F"
    civ = I.civ(rng, rng.choice(["long", "short"]))
    fam = I.used or I.birth
    doc.para("%s %s est %s ce jour %s." % (civ, fam, "vue" if f else "vu", reason), doc.size, keep=True, after=3)
    size = max(7.5, doc.size - 1)
    items = [("Nom patronymique", I.birth)]
    if I.used:
        items.append(("Nom marital" if f and "-" not in I.used else "Nom usuel", I.used))
    items.append(("Prénoms", _prenoms(I, rng, ("all", "all-comma"))))
    items.append(("Date de naiss.", _date(I, rng, D_TOUT)))
    items.append(("Sexe", _sexe(I, rng, ("mot", "l"))))
    if I.place:
        items.append(("Pays de naiss." if I.abroad else "Lieu de naiss.", _lieu(I, rng, L_TOUT)))
    if I.ins:
        items.append(("INS", _ins(I, rng, I_TOUT) + (" " + _oid(rng) if I.oid else "")))
    caption = rng.choice(["Pour mémoire, identité", "Traits d'identité", "Identité du patient (rappel)"])
    text = " ; ".join("%s : %s" % (a, _nb(b) if len(b) < 32 else b) for a, b in items)
    x = doc.left + 12
    lines = doc.wrap(text, doc.right - x - 4, size)
    lead = doc.lead(size)
    doc.need(lead * (len(lines) + 1) + 6)
    top = doc.y
    doc.mark("identity")
    doc.line(caption, size, bold=True, x=x)
    for ln in lines:
        doc.line(ln, size, x=x)
    doc.unmark()
    _aplat(doc, doc.left + 3, top + 2, 2, doc.y - top, 0.55)
    doc.gap(size)


def id_deux_volets(doc, I, rng):
    """Two framed columns under shaded captions: the strict traits of the national identity on the
    left, the traits of local use on the right (the name in use, the first name in use, the file
    number, the identity's status); one under the other in a narrow letter."""
    L = doc.letter
    size, small = _tailles(I, 7.5, 10)
    left = [("Nom naissance", I.birth), ("Prénom(s) naissance", _prenoms(I, rng, ("all", "all-comma"))),
            ("Date naissance", _date(I, rng, D_TOUT)), ("Sexe", _sexe(I, rng, ("l", "mot", "maj")))]
    if I.place:
        left.append(("Lieu naissance", _lieu(I, rng, L_TOUT)))
    if I.ins:
        left.append(("Matricule", _ins(I, rng, I_TOUT)))
        if I.oid:
            left.append(("OID", M.TEST_OID))
    right = []
    if I.used:
        right.append(("Nom usuel", I.used))
    right.append(("Prénom usuel", I.firsts[0]))
    for x in (_ipp(I, rng, ["IPP", "N° permanent"]), _nda(I, rng, ["Num. séjour", "Venue"])):
        if x:
            right.append(x)
    if I.ins and L.status == "consistent" and L.case == "normal":
        right.append(("Statut", rng.choice(["Identité qualifiée", "qualifiée (INSi + pièce d'identité)"])))
    elif not I.ins:
        right.append(("Statut", "Identité provisoire"))
    t1 = rng.choice(["Traits stricts (INS)", "Identité nationale de santé"])
    t2 = rng.choice(["Traits complémentaires", "Données locales"])
    x0, width = doc.left, doc.right - doc.left
    side = width >= 400
    lead = doc.lead(size) * 1.05
    h1 = lead * (len(left) + 1) + 14
    h2 = lead * (len(right) + 1) + 14
    wl = width * 0.56 if side else width
    doc.need((max(h1, h2) if side else h1 + h2 + 8) + size * 2)
    top = doc.y + 2
    doc.mark("identity")
    bottom = _panneau(doc, x0, top, wl, t1, left, size, small, True, max(h1, h2) if side else None, bande=True)
    if side:
        _panneau(doc, x0 + wl + 10, top, width - wl - 10, t2, right, size, small, False, max(h1, h2), bande=True)
    else:
        bottom = _panneau(doc, x0, bottom + 8, width, t2, right, size, small, False, bande=True)
    doc.unmark()
    doc.y = bottom + size


def _barres(doc, x, top, w, h, rng):
    c = doc.c
    c.saveState()
    c.setFillGray(0)
    xx = x
    while xx < x + w - 2:
        bw = rng.choice([0.6, 0.9, 1.4, 2.0])
        c.rect(xx, M.H - top - h, bw, h, stroke=0, fill=1)
        xx += bw + rng.choice([0.7, 1.1, 1.6])
    c.restoreState()
    doc.add_box((x, top, x + w, top + h))


def id_etiquette(doc, I, rng):
    """A printed patient sticker in a rounded frame: the name first with no label (in capitals only,
    as some label printers set it, half the time), then the birth and the sex, the commune, the
    matricule, the file numbers and the unit, a barcode along the bottom."""
    L = doc.letter
    size = max(7.5, min(I.size, 9.5))
    small = max(6, size - 1.5)
    caps = rng.random() < 0.5
    firsts = I.first_names(rng, rng.choice(["all", "first"]))
    fam = "%s %s %s" % (I.used, I.born(), I.birth) if I.used else I.birth
    name = "%s %s" % (fam, firsts)
    if caps:
        name = M.insi(name)
    L.names_unordered = caps  # 'DUPONT MARIE': which word is the given name, nothing printed says
    lines = [(name, size + 0.5, True)]
    lines.append((_nb("%s le %s") % (I.born().capitalize(), _date(I, rng, D_CHIFFRES)) + "   Sexe : " +
                  _sexe(I, rng, ("l",)), size, False))
    if I.place:
        lines.append(("%s : %s" % ("Pays" if I.abroad else "Commune", _lieu(I, rng, ["code-nom", "nom-code"])),
                      size, False))
    if I.ins:
        lines.append(("INS " + _ins(I, rng, I_SIMPLE), size, False))
        if I.oid:
            lines.append(("OID " + M.TEST_OID, small, False))
    ids = [x for x in (_ipp(I, rng, ["IPP"]), _nda(I, rng, ["NDA"])) if x]
    if ids:
        lines.append(("    ".join("%s %s" % x for x in ids), small, False))
    lines.append(("UF %04d – entrée le %s" % (rng.randint(1000, 9999), _jour(rng)), small, False))
    L.traps.append("unit-and-admission")
    width = doc.right - doc.left
    k = 1.0
    while k > 0.75 and max(doc.sw(t, sz * k, bold=b) for t, sz, b in lines) + 16 > width:
        k -= 0.03
    w = max(max(doc.sw(t, sz * k, bold=b) for t, sz, b in lines) + 16, min(210, width))
    bh = 13
    h = sum(doc.lead(sz * k) for _, sz, _ in lines) + bh + 12
    doc.need(h + doc.size * 2)
    x = doc.left if rng.random() < 0.6 else doc.right - w
    top = doc.y + 3
    _cadre(doc, x, top, w, h, lw=0.7, gray=0.2, radius=5)
    y = top + 4
    doc.mark("identity")
    for t, sz, b in lines:
        lead = doc.lead(sz * k)
        y += lead * 0.8
        doc.text(x + 8, y, t, sz * k, bold=b)
        y += lead * 0.2
    doc.unmark()
    _barres(doc, x + 8, y + 3, min(w - 16, 150), bh - 3, rng)
    doc.y = top + h + doc.size


def id_listing(doc, I, rng):
    """An old print module's listing: a grey line telling when and where it was printed, then the
    traits in a fixed-width face, 'LABEL....: value' padded into one or two columns between dashed
    rules."""
    L = doc.letter
    size = max(7, min(I.size - 1, 9))
    firsts = _prenoms(I, rng, ("all", "first"))
    if rng.random() < 0.5:
        firsts = M.insi(firsts)
    pairs = [("NOM-NAIS", I.birth), ("PRENOMS", firsts)]
    if I.used:
        pairs.append(("NOM-USAGE", I.used))
    pairs.append(("DT-NAIS", _date(I, rng, D_CHIFFRES + ["iso"])))
    pairs.append(("SEXE", _sexe(I, rng, ("l", "maj"))))
    if I.place:
        pairs.append(("LIEU-NAIS", _lieu(I, rng, ["code", "code-nom"])))
    if I.ins:
        pairs.append(("NO-INS", _ins(I, rng, ["brut", "cle", "blocs"])))
        if I.oid:
            pairs.append(("OID", M.TEST_OID))
    ipp = _ipp(I, rng, ["IPP", "NO-DOSSIER"])
    if ipp:
        pairs.append(ipp)
    head = "Édité le %s à %s – poste ACC%02d" % (_jour(rng), _heure(rng), rng.randint(1, 40))
    L.traps.append("print-time")
    width = doc.right - doc.left
    lw = max(len(a) for a, _ in pairs)
    cells = ["%s%s: %s" % (a, "." * (lw - len(a) + 1), b) for a, b in pairs]
    sz = size
    while sz > 6 and max(_mlarg(c, sz) for c in cells) > width:
        sz -= 0.25
    cw = max(len(c) for c in cells) + 3
    two = _mlarg("x" * (cw + max(len(c) for c in cells)), sz) <= width
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)] if two else [[c] for c in cells]
    lead = sz * 1.3
    doc.need(lead * (len(rows) + 1) + doc.lead(sz) + 12)
    doc.line(head, max(6, sz - 1), gray=0.4)
    _filet(doc, doc.left, doc.right, doc.y + 2, 0.5, 0.3, dash=(3, 2))
    y = doc.y + 4
    doc.mark("identity")
    for r in rows:
        y += lead
        _mligne(doc, doc.left, y, "".join(c.ljust(cw) for c in r).rstrip(), sz)
    doc.unmark()
    _filet(doc, doc.left, doc.right, y + 5, 0.5, 0.3, dash=(3, 2))
    doc.y = y + 6 + sz


def id_formulaire(doc, I, rng):
    """An administrative form: a caption, then each field's label and its value standing on a dotted
    line that runs to the end of the field, two fields a row when the letter is wide; the name in
    use labelled 'Nom' and the birth name 'Nom de jeune fille' when there is one."""
    size, small = _tailles(I, 8, 10.5)
    f = I.sex == "F"
    if I.used:
        fields = [("Nom", I.used), ("Nom de jeune fille" if f and "-" not in I.used else "Nom à la naissance",
                                    I.birth)]
    else:
        fields = [("Nom", I.birth)]
    fields.append(("Prénom(s)", _prenoms(I, rng)))
    fields.append(("Date de naiss.", _date(I, rng, D_TOUT)))
    fields.append(("Sexe", _sexe(I, rng, ("mot", "l", "pers"))))
    if I.place:
        fields.append(("Pays de naiss." if I.abroad else "Commune de naiss.", _lieu(I, rng, L_TOUT)))
    if I.ins:
        fields.append(("N° d'identification INS", _ins(I, rng, I_TOUT)))
        if I.oid:
            fields.append(("OID", M.TEST_OID))
    caption = rng.choice(["Partie administrative", "Identification du bénéficiaire des soins"])
    x0, width = doc.left, doc.right - doc.left
    s = _salle(doc, "u-id-room")
    rw, rh, rm = _emprise(s) if s else (0, 0, 0)
    avail = width - (rw + 10 if s else 0)
    if avail < 230:
        s, rw, rh, rm, avail = None, 0, 0, 0, width
    cols = 2 if avail >= 430 else 1
    cw = (avail - 14 * (cols - 1)) / cols
    lead = doc.lead(size) * 1.35
    nrow = (len(fields) + cols - 1) // cols
    doc.need(max(lead * nrow, rh) + doc.lead(size) * 2 + size)
    doc.line(caption, size, bold=True)
    top = doc.y
    y = top
    doc.mark("identity")
    for r in range(nrow):
        y += lead
        for c in range(cols):
            i = r * cols + c
            if i >= len(fields):
                break
            a, b = fields[i]
            x = x0 + c * (cw + 14)
            lw = doc.text(x, y, a + " :", small + 0.5, gray=0.3) + 5
            vs = _ajuste(doc, [b], cw - lw - 6, size)
            doc.text(x + lw, y - 0.5, b, vs)
            _filet(doc, x + lw - 2, x + cw, y + 2.5, 0.4, 0.45, dash=(0.8, 1.6))
    doc.unmark()
    if s:
        _retient(doc, "u-id-room", x0 + avail + 10 + rm, top + rm)
        y = max(y, top + rh)
    doc.y = y + size


def id_carte_etiquettes(doc, I, rng):
    """A rounded card: the name in large bold type (the birth name after 'née' on a small italic line
    when another is used), then the other traits, each behind a small grey rounded tag, run on as
    words."""
    size, small = _tailles(I, 8, 10.5)
    big = min(size + 2, 12.5)
    tag = max(5.5, small - 0.5)
    civ = I.civ(rng, "long")
    firsts = _prenoms(I, rng, ("all", "first", "all-comma"))
    fam = I.used or I.birth
    name = "%s %s %s" % (civ, firsts, fam) if rng.random() < 0.5 else "%s %s %s" % (civ, fam, firsts)
    sub = "%s %s" % (I.born(), I.birth) if I.used else None
    units = [("naissance", _date(I, rng, D_TOUT) + " (%s)" % _age(I)), ("sexe", _sexe(I, rng, ("mot", "min")))]
    if I.place:
        units.append(("pays" if I.abroad else "lieu", _lieu(I, rng, L_TOUT)))
    if I.ins:
        units.append(("INS", _ins(I, rng, I_TOUT)))
        if I.oid:
            units.append(("OID", M.TEST_OID))
    x0, width = doc.left, doc.right - doc.left
    inner = width - 20
    big = _ajuste(doc, [name], inner, big, bold=True)
    placed, x, line = [], 0, 0
    for a, b in units:
        tw = doc.sw(a, tag) + 8
        w = tw + 4 + doc.sw(b, size)
        if x and x + w > inner:
            x, line = 0, line + 1
        placed.append((line, x, a, b, tw))
        x += w + 14
    lead = doc.lead(size) * 1.35
    h = doc.lead(big) + (doc.lead(small) if sub else 0) + (line + 1) * lead + 14
    doc.need(h + size * 2)
    top = doc.y + 3
    _cadre(doc, x0, top, width, h, lw=0.6, gray=0.45, radius=6)
    y = top + 6 + doc.lead(big) * 0.8
    doc.mark("identity")
    doc.text(x0 + 10, y, name, big, bold=True)
    y += doc.lead(big) * 0.2
    if sub:
        y += doc.lead(small) * 0.8
        doc.text(x0 + 10, y, sub, small, italic=True)
        y += doc.lead(small) * 0.2
    base = y + 4
    for ln, xx, a, b, tw in placed:
        yy = base + ln * lead + lead * 0.7
        _aplat(doc, x0 + 10 + xx, yy - tag - 1.5, tw, tag + 4, 0.87, radius=2.5, record=False)
        doc.text(x0 + 10 + xx + 4, yy, a, tag, gray=0.3)
        doc.text(x0 + 10 + xx + tw + 4, yy, b, size)
    doc.unmark()
    doc.y = top + h + size


def id_colonne_laterale(doc, I, rng):
    """The person in a narrow column on the left, each label in small grey type over its value, a
    rule on the column's right; beside it the context of the visit (and the DataMatrix's room)."""
    L = doc.letter
    size, small = _tailles(I, 8, 10)
    rows = [(rng.choice(["Nom à la naissance", "Nom patronymique"]), I.birth)]
    if I.used:
        rows.append(("Nom d'épouse" if I.sex == "F" and "-" not in I.used else "Nom usuel", I.used))
    rows.append(("Prénoms d'état civil", _prenoms(I, rng)))
    rows.append(("Date de naiss.", _date(I, rng, D_TOUT)))
    rows.append(("Sexe", _sexe(I, rng, ("mot", "l", "pers"))))
    if I.place:
        rows.append(("Pays de naiss." if I.abroad else "Lieu de naiss.", _lieu(I, rng, L_TOUT)))
    if I.ins:
        rows.append(("Matricule", _ins(I, rng, I_TOUT)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    kg = rng.randint(12, 55) if I.child else rng.randint(48, 105)
    ctx = [("Motif", rng.choice(["bilan initial", "suivi semestriel", "avis avant intervention",
                                 "réévaluation du traitement"])),
           ("Adressé(e) par", rng.choice(["le médecin de famille", "le service des urgences", "un confrère"])),
           ("Allergies", rng.choice(["non connues", "pénicilline", "iode", "latex"])),
           ("Poids", "%d kg" % kg)]
    L.traps.append("measures")
    x0, width = doc.left, doc.right - doc.left
    cw = min(max(width * 0.42, 160), 230)
    lab = max(6, small)
    step = doc.lead(lab) + doc.lead(size)
    left_h = step * len(rows) + 4
    s = _salle(doc, "u-id-room")
    rw, rh, rm = _emprise(s) if s else (0, 0, 0)
    rx = x0 + cw + 16
    if s and rw > doc.right - rx:
        s, rw, rh, rm = None, 0, 0, 0
    right_h = rh + doc.lead(small) * len(ctx) + 4
    doc.need(max(left_h, right_h) + size * 2)
    top = doc.y + 2
    y = top
    doc.mark("identity")
    for a, b in rows:
        y += doc.lead(lab)
        doc.text(x0, y, a, lab, gray=0.45)
        y += doc.lead(size)
        doc.text(x0, y, b, _ajuste(doc, [b], cw - 6, size))
    doc.unmark()
    _filet_v(doc, x0 + cw + 6, top + 2, max(y, top + right_h) + 2, 0.5, 0.5)
    ry = top
    if s:
        _retient(doc, "u-id-room", rx + rm, top + rm)
        ry = top + rh
    for a, b in ctx:
        ry += doc.lead(small)
        t = "%s : %s" % (a, b)
        doc.text(rx, ry, t, _ajuste(doc, [t], doc.right - rx, small, italic=True), italic=True)
    doc.y = max(y, ry) + size + 2


def id_hd_dossier(doc, I, rng):
    """Opposite the letterhead: a framed box under a shaded caption, the file and stay numbers, the
    unit and bed, then the person as short bold labels and their values."""
    L = doc.letter
    size = max(7, min(I.size - 1, 9))
    lab = max(5.5, size - 1.5)
    rows = []
    for x in (_ipp(I, rng, ["IPP", "No dossier"]), _nda(I, rng, ["Séjour", "NDA"])):
        if x:
            rows.append(x)
    rows.append(("UF / lit", "%04d / %d%s" % (rng.randint(1000, 9999), rng.randint(1, 40), rng.choice(["", "A", "B"]))))
    L.traps.append("bed")
    rows.append(("Nom (naiss.)", I.birth))
    if I.used:
        rows.append(("Épouse" if I.sex == "F" and "-" not in I.used else "Usage", I.used))
    rows.append(("Prénom(s)", _prenoms(I, rng, ("all", "first"))))
    rows.append(("Naissance", _date(I, rng, D_CHIFFRES)))
    rows.append(("Sexe", _sexe(I, rng, ("l", "mot"))))
    if I.place:
        rows.append(("Lieu", _lieu(I, rng, ["code-nom", "nom-code", "code"])))
    if I.ins:
        rows.append(("INS", _ins(I, rng, ["brut", "cle", "blocs"])))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    caption = rng.choice(["Réf. dossier", "Référence patient", "Identification"])
    limit = M.W - 30
    x = rng.choice([318, 328, 338])
    c1 = max(doc.sw(a, lab, bold=True) for a, _ in rows) + 8

    def need(sz):
        return c1 + max(doc.sw(b, sz) for _, b in rows) + 14
    if x + need(size) > limit:
        x = max(M.W / 2 + 8, limit - need(size))
    while x + need(size) > limit and size > 6:
        size -= 0.25
    w = need(size)
    lead = doc.lead(size) + 1
    ch = lab + 6
    h = ch + lead * len(rows) + 6
    top = _sous_filet(doc, rng.choice([38, 46, 54]), h)
    _aplat(doc, x, top, w, ch, 0.82, record=False)
    _cadre(doc, x, top, w, h, lw=0.5, gray=0.25)
    doc.text(x + 5, top + ch - 2, caption, lab, bold=True)
    y = top + ch + 2
    doc.mark("identity")
    for a, b in rows:
        y += lead * 0.8
        doc.text(x + 5, y, a, lab, bold=True, gray=0.25)
        doc.text(x + c1, y, b, size)
        y += lead * 0.2
    doc.unmark()
    return top + h + size


def id_ins_en_tete(doc, I, rng):
    """The matricule first, in bold on a light rounded strip with its OID; under it the names on a
    line, then the birth date, the place and the sex on another; the date the identity was checked
    in small grey type."""
    L = doc.letter
    size, small = _tailles(I, 8, 10.5)
    if I.ins:
        strip = "INS " + _ins(I, rng, I_TOUT) + ("     OID " + M.TEST_OID if I.oid else "")
    else:
        strip = "INS : non communiqué"
    firsts = _prenoms(I, rng)
    if rng.random() < 0.5:
        name = "%s %s" % (I.birth, firsts)
    else:
        name = "%s %s" % (firsts, I.birth)
    if I.used:
        f = I.sex == "F"
        if "-" not in I.used and rng.random() < 0.6:
            name += ", %s %s" % ("épouse" if f else "époux", I.used)
        else:
            name += ", %s %s" % ("dite" if f else "dit", I.used)
    born = "%s le %s" % (I.born().capitalize(), _date(I, rng, D_TOUT))
    if I.place:
        born += " %s (%s)" % (_a_lieu(I), I.place)
    second = _nb(born) + " — sexe " + _sexe(I, rng, ("min", "l"))
    check = None
    if L.status == "consistent" and L.case == "normal" and I.ins:
        check = "Identité vérifiée le %s sur %s" % (_jour(rng, 2, 20), rng.choice(
            ["CNI", "passeport", "extrait d'acte de naissance" if I.child else "carte de séjour"]))
        L.traps.append("check-date")
    x0, width = doc.left, doc.right - doc.left
    ss = _ajuste(doc, [strip], width - 16, size + 0.5, bold=True)
    sh = ss + 9
    doc.need(sh + doc.lead(size) * 3 + doc.lead(small) + size)
    top = doc.y + 2
    sw = doc.sw(strip, ss, bold=True) + 16
    _aplat(doc, x0, top, sw, sh, 0.89, radius=4, record=False)
    doc.mark("identity")
    doc.text(x0 + 8, top + sh / 2 + ss * 0.35, strip, ss, bold=True)
    doc.y = top + sh + 2
    doc.para(name, size, bold=True, after=0)
    doc.para(second, size, after=0)
    doc.unmark()
    if check:
        doc.line(check, small, gray=0.4)
    doc.gap(size)


def id_gauche_droite(doc, I, rng):
    """Two lines set apart at both ends, as a banner of the record software: the civility and the
    names on the left, the matricule on the right; the birth with the age and the place on the left,
    the sex and the OID on the right; a rule under them. Later pages repeat the names and the
    matricule in a small grey line."""
    size, small = _tailles(I, 8, 10.5)
    civ = I.civ(rng, rng.choice(["short", "upper", "long"]))
    firsts = _prenoms(I, rng, ("all", "first"))
    if I.used:
        name = "%s %s %s %s %s" % (civ, I.used, firsts, I.born(), I.birth)
    else:
        name = "%s %s %s" % (civ, I.birth, firsts)
    r1 = ("INS : " + _ins(I, rng, I_TOUT)) if I.ins else ""
    born = "%s le %s (%s)" % (I.born().capitalize(), _date(I, rng, D_TOUT), _age(I))
    if I.place:
        born += " – " + rng.choice(["lieu : ", "à "]) + _lieu(I, rng, ["nom-code", "code-tiret", "insee"])
    r2 = "Sexe : " + _sexe(I, rng, ("l", "mot")) + ("   OID " + M.TEST_OID if I.ins and I.oid else "")
    x0, x1 = doc.left, doc.right
    width = x1 - x0
    lead = doc.lead(size) * 1.1
    rows = []
    for left, lb, right in ((name, True, r1), (_nb(born), False, r2)):
        ls = _ajuste(doc, [left], width, size, bold=lb)
        if right and doc.sw(left, ls, bold=lb) + doc.sw(right, size) + 20 > width:
            rows.append((left, ls, lb, ""))
            rows.append(("", size, False, right))
        else:
            rows.append((left, ls, lb, right))
    doc.need(lead * (len(rows) + 1))
    doc.mark("identity")
    for left, ls, lb, right in rows:
        doc.y += lead * 0.8
        if left:
            doc.text(x0, doc.y, left, ls, bold=lb)
        if right:
            doc.text(x1, doc.y, right, _ajuste(doc, [right], width, size), align="right")
        doc.y += lead * 0.2
    doc.unmark()
    _filet(doc, x0, x1, doc.y + 2, 0.8, 0.2)
    doc.gap(size + 2)
    reminder = "%s %s – %s le %s%s" % (I.used or I.birth, I.firsts[0], I.born(), _date(I, rng, ["num"]),
                                       (" – INS " + _ins(I, rng, ["brut"])) if I.ins else "")

    def later(d):
        d.text(d.left, 70, reminder, _ajuste(d, [reminder], d.right - d.left, 7, italic=True), italic=True,
               gray=0.4)

    doc.page_start.append(later)


IDENTITY_FAMILIES = {
    "u-id-a": (id_labo_panneaux, "flow"),
    "u-id-b": (id_ris_colonnes, "flow"),
    "u-id-c": (id_fiche_barres, "flow"),
    "u-id-d": (id_hd_barre, "top-right"),
    "u-id-e": (id_bandeau_cases, "band"),
    "u-id-f": (id_pied_cadre, "footer"),
    "u-id-g": (id_corps_confie, "body"),
    "u-id-h": (id_corps_rappel, "body"),
    "u-id-i": (id_deux_volets, "flow"),
    "u-id-j": (id_etiquette, "flow"),
    "u-id-k": (id_listing, "flow"),
    "u-id-l": (id_formulaire, "flow"),
    "u-id-m": (id_carte_etiquettes, "flow"),
    "u-id-n": (id_colonne_laterale, "flow"),
    "u-id-o": (id_hd_dossier, "top-right"),
    "u-id-p": (id_ins_en_tete, "flow"),
    "u-id-q": (id_gauche_droite, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Professionals as these families print them

def _nom_pro(p, forme):
    """(printed name, given form) of a professional."""
    pr = p.title == "PR"
    court, long_ = ("Pr", "Professeur") if pr else ("Dr", "Docteur")
    g, fam = p.given, p.family
    if forme == "c-pf":
        return "%s %s %s" % (court, g, fam), "full"
    if forme == "l-pf":
        return "%s %s %s" % (long_, g, fam), "full"
    if forme == "c-fp":
        return "%s %s %s" % (court, fam, g), "full"
    if forme == "l-fp":
        return "%s %s %s" % (long_, fam, g), "full"
    if forme == "c-i":
        return "%s %s %s" % (court, M.initials(g), fam), "initial"
    if forme == "c-f":
        return "%s %s" % (court, fam), "none"
    if forme == "l-f":
        return "%s %s" % (long_, fam), "none"
    if forme == "fp-titre":
        return "%s %s (%s)" % (fam, g, court), "full"
    if forme == "fi-titre":
        return "%s %s (%s)" % (fam, M.initials(g), court), "initial"
    if forme == "pf-nu":
        return "%s %s" % (g, fam), "full"
    if forme == "fp-nu":
        return "%s %s" % (fam, g), "full"
    raise ValueError(forme)


COMPLET = ["c-pf", "c-pf", "l-pf", "c-fp", "l-fp"]


def _metier(p, rng, lower=False):
    t = p.profession[1] if p.spec is None else rng.choice(p.spec[2])
    return t[0].lower() + t[1:] if lower and not t.isupper() else t


def _etab(p, rng):
    s = p.site
    return s if rng.random() < 0.5 else s.title().replace(" De ", " de ").replace(" D'", " d'").replace(" Du ", " du ")


def _haut(doc, rng, choices=(140, 148, 156, 164)):
    return max(rng.choice(list(choices)), getattr(doc, "header_bottom", 0) + 8)


def _a_droite(doc, items, x, limit, floor_x):
    """Moves a right block left when it is too wide, then shrinks what still does not fit."""
    widest = max(doc.sw(t, sz, bold=b, italic=i) + dx for t, sz, b, i, _, dx in items)
    if x + widest > limit:
        x = max(floor_x, limit - widest)
    items = [(t, _ajuste(doc, [t], limit - x - dx, sz, bold=b, italic=i), b, i, g, dx)
             for t, sz, b, i, g, dx in items]
    return x, items


def _a_gauche(doc, items, x, limit):
    return [(t, _ajuste(doc, [t], limit - x - dx, sz, bold=b, italic=i), b, i, g, dx) for t, sz, b, i, g, dx in items]


def _salut(p, rng):
    f = p.sex == "F"
    if p.title == "PR" and rng.random() < 0.5:
        return "Madame la Professeure," if f else "Monsieur le Professeur,"
    return rng.choice(["Ma chère collègue," if f else "Mon cher collègue,",
                       "Bien chère Consœur," if f else "Bien cher Confrère,",
                       "Chère Consœur, chère amie," if f else "Cher Confrère, cher ami,",
                       "Chère collègue et amie," if f else "Cher collègue et ami,"])


def _taille_fen(doc, rng):
    return min(doc.size + rng.choice([0, 0.5, 1]), 11.5)


def _ville_cp(p, rng, upper=None):
    city = M.city_text(p, rng, upper)
    return city, "%s %s" % (p.postcode, city)


def _L(t, sz, b=False, i=False, g=0.0, dx=0):
    return (t, sz, b, i, g, dx)


# ---------------------------------------------------------------------------------------------
# Addressees

def ad_civilite_deux_lignes(doc, L, rng):
    """Right window whose civility stands alone on its first line ('Monsieur le Docteur'), the name
    with no title on the next, then what they do, the site and service when salaried, the street and
    the town."""
    p = L.to
    size = _taille_fen(doc, rng)
    f = p.sex == "F"
    if p.title == "PR":
        civ = "Madame la Professeure" if f else "Monsieur le Professeur"
    else:
        civ = rng.choice(["Madame le Docteur", "Madame la Docteure"]) if f else "Monsieur le Docteur"
    name, gf = _nom_pro(p, rng.choice(["pf-nu", "pf-nu", "fp-nu"]))
    items = [_L(civ, size), _L(name, size, True)]
    if p.salaried:
        items.append(_L(M.service_of(p.service), size - 0.5))
        items.append(_L(_etab(p, rng), size - 0.5))
    elif rng.random() < 0.6:
        items.append(_L(_metier(p, rng), size - 0.5, i=True))
    city, town = _ville_cp(p, rng)
    items += [_L(p.street_line(), size), _L(town, size)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = "%s," % civ if rng.random() < 0.5 else _salut(p, rng)
    x, items = _a_droite(doc, items, rng.choice([310, 322, 334]), M.W - 32, M.W / 2 - 30)
    return _pile(doc, x, _haut(doc, rng), items) + 4


def ad_hopital_cedex(doc, L, rng):
    """Right window to a colleague through their establishment: the site and the department first,
    'Aux bons soins du' or 'À l'att. du' before the name, a post box now and then, the town followed
    by CEDEX; a practice's address plainly for a doctor in town."""
    p = L.to
    size = _taille_fen(doc, rng)
    form = rng.choice(COMPLET + ["c-i"])
    name, gf = _nom_pro(p, form)
    items = []
    if p.salaried:
        lead_in = rng.choice(["Aux bons soins du", "Att. :", "À l'attention personnelle du"])
        items.append(_L(_etab(p, rng), size, True))
        items.append(_L(M.service_of(p.service), size - 0.5))
        items.append(_L("%s %s" % (lead_in, name), size))
        if rng.random() < 0.4:
            items.append(_L("BP %d" % rng.randint(10, 999), size))
        city, town = _ville_cp(p, rng, upper=True)
        if rng.random() < 0.7:
            town += rng.choice([" CEDEX", " CEDEX", " CEDEX %d" % rng.randint(1, 9)])
        items += [_L(p.street_line(), size), _L(town, size)]
    else:
        lead_in = rng.choice(["Att. :", "À l'attention personnelle du"])
        items.append(_L("%s %s" % (lead_in, name), size, True))
        items.append(_L(_metier(p, rng), size - 0.5, i=True))
        city, town = _ville_cp(p, rng)
        items += [_L(p.street_line(), size), _L(town, size)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _salut(p, rng)
    x, items = _a_droite(doc, items, rng.choice([306, 318, 330]), M.W - 32, M.W / 2 - 40)
    return _pile(doc, x, _haut(doc, rng), items) + 4


def ad_titre_apres(doc, L, rng):
    """Right window naming the doctor family name first with the title after it in brackets
    ('LEROY Anne (Dr)'), what they do in italics, their RPPS number now and then, the street and the
    town."""
    p = L.to
    size = _taille_fen(doc, rng)
    name, gf = _nom_pro(p, rng.choice(["fp-titre", "fp-titre", "fi-titre"]))
    items = [_L(name, size, rng.random() < 0.6), _L(_metier(p, rng), size - 0.5, i=True)]
    if p.salaried:
        items.append(_L(_etab(p, rng), size - 0.5))
    if rng.random() < 0.35:
        items.append(_L("RPPS %s" % p.rpps, size - 1.5, g=0.35))
        L.traps.append("recipient-rpps")
    city, town = _ville_cp(p, rng)
    items += [_L(p.street_line(), size), _L(town, size)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _salut(p, rng)
    x, items = _a_droite(doc, items, rng.choice([314, 324, 336]), M.W - 32, M.W / 2 - 30)
    return _pile(doc, x, _haut(doc, rng), items) + 4


def ad_gauche_messagerie(doc, L, rng):
    """Left window: the name in bold, what they do, the department and site when salaried, the street
    and the town, then their secure mailbox in small grey type when they have one."""
    p = L.to
    size = _taille_fen(doc, rng)
    name, gf = _nom_pro(p, rng.choice(COMPLET + ["c-i"]))
    items = [_L(name, size, True), _L(_metier(p, rng), size - 0.5)]
    if p.salaried:
        items.append(_L(M.service_of(p.service), size - 0.5))
        items.append(_L(_etab(p, rng), size - 0.5))
    city, town = _ville_cp(p, rng)
    items += [_L(p.street_line(), size), _L(town, size)]
    if p.mssante and rng.random() < 0.75:
        items.append(_L("", size - 1))
        items.append(_L(rng.choice(["MSSanté : ", "BAL MSSanté : "]) + p.mssante, size - 1.5, g=0.35))
        L.traps.append("recipient-mailbox")
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _salut(p, rng)
    x = rng.choice([52, 60, 68])
    items = _a_gauche(doc, items, x, M.W / 2 - 20)
    return _pile(doc, x, _haut(doc, rng, (146, 152, 160)), items) + 6


def ad_memo(doc, L, rng):
    """No window: under the letterhead, a memo head of two rows with bold labels, the sender (the
    author and their department) and whom it goes to (the name, what they do, the postcode and the
    town), a rule under it."""
    p = L.to
    a = L.author
    size = max(7.5, doc.size - 0.5)
    name, gf = _nom_pro(p, rng.choice(COMPLET + ["c-i", "c-f"]))
    city = M.city_text(p, rng)
    to = _nb(name) + ", %s – %s" % (_metier(p, rng, lower=True), _nb("%s %s" % (p.postcode, city)))
    frm = "%s %s %s, %s" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family, M.service_of(a.service))
    rows = [(rng.choice(["De :", "Émetteur :"]), frm), (rng.choice(["À :", "Pour :"]), to)]
    if rng.random() < 0.5:
        rows.reverse()
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _salut(p, rng)
    x0 = doc.left
    width = doc.right - x0
    y = max(getattr(doc, "header_bottom", 0) + 14, 118)
    lw = max(doc.sw(r + " ", size, bold=True) for r, _ in rows) + 4
    for r, v in rows:
        doc.text(x0, y, r, size, bold=True)
        doc.text(x0 + lw, y, v, _ajuste(doc, [v], width - lw, size))
        y += doc.lead(size)
    _filet(doc, x0, doc.right, y - doc.lead(size) * 0.6, 0.5, 0.4)
    return y


def ad_cabinet_tel(doc, L, rng):
    """Right window under an italic 'À l'aimable attention de' line: the name, the practice, the
    street, the town, the practice's phone."""
    p = L.to
    size = _taille_fen(doc, rng)
    name, gf = _nom_pro(p, rng.choice(COMPLET))
    items = [_L(rng.choice(["À l'aimable attention de", "À la bienveillante attention de"]), size - 1, i=True, g=0.3),
             _L(name, size, True)]
    if p.salaried:
        items.append(_L(_etab(p, rng), size - 0.5))
    else:
        items.append(_L(rng.choice(["Cabinet libéral", "Pôle santé", "Cabinet pluriprofessionnel",
                                    "Centre de consultations"]) +
                        rng.choice(["", " " + M.title_city(p.city), " des Quatre Vents", " Les Peupliers"]),
                        size - 0.5))
    city, town = _ville_cp(p, rng)
    items += [_L(p.street_line(), size), _L(town, size)]
    if rng.random() < 0.6:
        items.append(_L("Tél. " + M.phone_text(p.phone, rng), size - 1, g=0.3))
        L.traps.append("phone")
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _salut(p, rng)
    x, items = _a_droite(doc, items, rng.choice([312, 322, 332]), M.W - 32, M.W / 2 - 30)
    return _pile(doc, x, _haut(doc, rng), items) + 4


def ad_domicile(doc, L, rng):
    """Right window to the person at home (a child's legal guardians), a residence line now and then,
    the street and the town."""
    I = L.ident
    size = _taille_fen(doc, rng)
    street, pc, city = L.patient["home"]
    items = []
    if L.patient["child"]:
        items.append(_L(rng.choice(["Aux titulaires de l'autorité parentale de", "Pour les parents de"]), size - 0.5,
                        i=True))
        items.append(_L("%s %s" % (I.firsts[0], I.birth), size, True))
        L.salutation = rng.choice(["Monsieur, Madame,", "Chère famille,"])
    else:
        civ = I.civ(rng, rng.choice(["long", "long", "upper"]))
        fam = I.used or I.birth
        items.append(_L(rng.choice(["%s %s %s" % (civ, fam, I.firsts[0]), "%s %s %s" % (civ, I.firsts[0], fam)]),
                        size, True))
        L.salutation = "Madame," if I.sex == "F" else "Monsieur,"
    if rng.random() < 0.4:
        items.append(_L(rng.choice(["Résidence Les Hortensias", "Bâtiment C, escalier 2",
                                    "Résidence du Parc, bât. A", "Lieu-dit Kerlann"]), size))
    items += [_L(street, size), _L("%s %s" % (pc, city if rng.random() < 0.6 else M.title_city(city)), size)]
    L.addressed_to_patient = True
    x, items = _a_droite(doc, items, rng.choice([316, 328]), M.W - 32, M.W / 2 - 30)
    return _pile(doc, x, _haut(doc, rng), items) + 4


def ad_sans_destinataire(doc, L, rng):
    """No addressee: a line says where the report goes (the file, the person); an impersonal
    salutation or none."""
    I = L.ident
    if rng.random() < 0.7:
        L.flow_addressee = rng.choice([
            "Document versé au dossier médical du patient.",
            "Compte rendu établi pour le dossier de l'établissement.",
            "Document remis en fin de consultation à %s." % ("ses parents" if I.child else "%s %s" % (
                I.civ(rng, "short"), I.used or I.birth))])
    L.salutation = rng.choice([None, "Monsieur, Madame,", "Chères consœurs, chers confrères,"])
    return None


def ad_phrase_destine(doc, L, rng):
    """No window: after the date, a line 'Courrier destiné au …' giving the name, what they do and
    the town (the postcode too, now and then)."""
    p = L.to
    name, gf = _nom_pro(p, rng.choice(COMPLET + ["c-i", "c-f"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.5)
    pc = p.postcode if rng.random() < 0.4 else None
    where = _nb("%s %s" % (pc, city) if pc else city)
    art = "au"
    L.flow_addressee = rng.choice([
        "Courrier destiné %s %s, %s, %s." % (art, _nb(name), _metier(p, rng, lower=True), where),
        "Destinataire du présent courrier : %s (%s, %s)." % (_nb(name), _metier(p, rng, lower=True), where)])
    L.mentions.add(p, "to", name, gf, city, pc)
    L.salutation = _salut(p, rng) if rng.random() < 0.8 else None
    return None


def ad_cadre_specialite(doc, L, rng):
    """Right window in a thin rounded frame whose first line gives the specialty in small capitals;
    the name, the site when salaried, the street and the town."""
    p = L.to
    size = _taille_fen(doc, rng)
    name, gf = _nom_pro(p, rng.choice(COMPLET + ["c-i"]))
    spec = p.spec[3] if p.spec else p.profession[1]
    items = [_L(spec.upper(), size - 2, g=0.35), _L(name, size, True)]
    if p.salaried:
        items.append(_L(_etab(p, rng), size - 0.5))
    city, town = _ville_cp(p, rng)
    items += [_L(p.street_line(), size), _L(town, size)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _salut(p, rng)
    x, items = _a_droite(doc, items, rng.choice([318, 328, 338]), M.W - 40, M.W / 2 - 24)
    top = _haut(doc, rng)
    y = _pile(doc, x, top + 6, items)
    w = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _, _ in items) + 16
    _cadre(doc, x - 8, top, min(w, M.W - 30 - (x - 8)), y - top + 6, lw=0.5, gray=0.4, radius=5)
    return y + 10


def ad_nom_seul(doc, L, rng):
    """Right window naming the doctor by their family name only ('Dr MOREAU', 'Docteur MOREAU'),
    what they do, the street, the postcode and the town."""
    p = L.to
    size = _taille_fen(doc, rng)
    name, gf = _nom_pro(p, rng.choice(["c-f", "c-f", "l-f"]))
    items = [_L(name, size, rng.random() < 0.5)]
    if rng.random() < 0.7:
        items.append(_L(_metier(p, rng), size - 0.5))
    if p.salaried:
        items.append(_L(_etab(p, rng), size - 0.5))
    city, town = _ville_cp(p, rng)
    items += [_L(p.street_line(), size), _L(town, size)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _salut(p, rng)
    x, items = _a_droite(doc, items, rng.choice([318, 330]), M.W - 32, M.W / 2 - 30)
    return _pile(doc, x, _haut(doc, rng), items) + 4


# (draw, window: "right" | "left" | "none" | "flow", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "u-ad-a": (ad_civilite_deux_lignes, "right", True),
    "u-ad-b": (ad_hopital_cedex, "right", True),
    "u-ad-c": (ad_titre_apres, "right", True),
    "u-ad-d": (ad_gauche_messagerie, "left", True),
    "u-ad-e": (ad_memo, "none", True),
    "u-ad-f": (ad_cabinet_tel, "right", True),
    "u-ad-g": (ad_domicile, "right", False),
    "u-ad-h": (ad_sans_destinataire, "none", False),
    "u-ad-i": (ad_phrase_destine, "flow", True),
    "u-ad-j": (ad_cadre_specialite, "right", True),
    "u-ad-k": (ad_nom_seul, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies

def _copie(L, p, rng, formes, p_lieu=0.8, upper=None, cp=False):
    """Records a copy; returns (name, what they do, town or None, postcode or None)."""
    name, gf = _nom_pro(p, rng.choice(formes))
    city = pc = None
    if p.force_place or gf != "full" or rng.random() < p_lieu:
        city = M.city_text(p, rng, upper=rng.random() < 0.5 if upper is None else upper)
        pc = p.postcode if cp else None
    L.mentions.add(p, "cc", name, gf, city, pc)
    return name, _metier(p, rng, lower=True), city, pc


def _exemplaire_patient(L, rng):
    I = L.ident
    if I.child:
        return rng.choice(["ses parents", "sa famille"])
    return rng.choice(["exemplaire patiente" if I.sex == "F" else "exemplaire patient",
                       "%s %s (son exemplaire)" % (I.civ(rng, "short"), I.used or I.birth)])


def cp_double_a(doc, L, rng):
    """'Double adressé à :' in italics, then one copy a line behind a bullet: the name, what they do,
    the town."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    lines = []
    for p in L.copies:
        name, job, city, _ = _copie(L, p, rng, COMPLET + ["c-i", "c-f"])
        lines.append("• %s, %s%s" % (_nb(name), job, (", " + _nb(city)) if city else ""))
    if L.copy_patient:
        lines.append("• " + _exemplaire_patient(L, rng))
    if not lines:
        return
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Un double est adressé à :", "Doubles pour :"]), size, italic=True)
    for t in lines:
        doc.para(t, size, x=doc.left + 12, after=0)


def cp_haut_information(doc, L, rng):
    """Under the date, before the title: one small line 'Copie pour information :' and the copies,
    each name with its town in brackets, parted by commas."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    entries = []
    for p in L.copies:
        name, job, city, _ = _copie(L, p, rng, COMPLET + ["c-i", "c-f"], 0.85)
        entries.append(_nb(name) + (" (%s)" % _nb(city) if city else ""))
    if L.copy_patient:
        entries.append(_exemplaire_patient(L, rng))
    if not entries:
        return
    label = rng.choice(["Informés par copie :", "Copie adressée pour information à :"])
    doc.para("%s %s" % (label, ", ".join(entries)), size, italic=rng.random() < 0.5, keep=True, after=size * 0.5)


def cp_tableau(doc, L, rng):
    """A ruled table of the correspondents who get a copy under a shaded head row: the name, what they
    do, the address (the postcode and town only when the letter is narrow)."""
    size = max(7, doc.size - 1.5)
    width = doc.right - doc.left
    full = width >= 420
    rows = []
    for p in L.copies:
        name, job, city, pc = _copie(L, p, rng, COMPLET + ["c-i"], 1.0, cp=True)
        addr = "%s, %s %s" % (p.street_line(), pc, city) if full else "%s %s" % (pc, city)
        rows.append((name, job[0].upper() + job[1:], addr))
    if L.copy_patient:
        rows.append((_exemplaire_patient(L, rng).capitalize(), "–", "remise en mains propres"))
    if not rows:
        return
    head = (rng.choice(["Correspondant", "Destinataire en copie"]), "Qualité", "Adresse")
    widths = [max(doc.sw(r[i], size, bold=(r is head)) for r in rows + [head]) + 10 for i in range(3)]
    if sum(widths) > width:
        k = width / sum(widths)
        size = _ajuste(doc, [r[i] for r in rows + [head] for i in range(3)], max(widths) * k - 10, size)
        widths = [max(doc.sw(r[i], size, bold=(r is head)) for r in rows + [head]) + 10 for i in range(3)]
        if sum(widths) > width:
            widths[2] = width - widths[0] - widths[1]
    rh = doc.lead(size) + 3
    doc.need(rh * (len(rows) + 1) + 14)
    doc.gap(6)
    top = doc.y
    for j, r in enumerate([head] + rows):
        x = doc.left
        for i, cell in enumerate(r):
            doc.rect(x, top + j * rh, widths[i], rh, lw=0.4, fill=0.88 if j == 0 else None)
            doc.text(x + 4, top + j * rh + rh - 3.5, cell, _ajuste(doc, [cell], widths[i] - 7, size, bold=(j == 0)),
                     bold=(j == 0))
            x += widths[i]
    doc.y = top + rh * (len(rows) + 1) + 6


def cp_aucune(doc, L, rng):
    """No colleague in copy, in this software's words; the person's own copy when there is one."""
    size = max(7, doc.size - 1)
    I = L.ident
    if L.copy_patient:
        t = "Un exemplaire a été remis à %s." % ("ses parents" if I.child else "%s %s" % (
            I.civ(rng, "short"), I.used or I.birth))
    else:
        t = rng.choice(["Copie : néant.", "Copies : aucune.", "Pas de copie à d'autres correspondants."])
    doc.gap(size * 0.5)
    doc.para(t, size, italic=rng.random() < 0.4)


def cp_diffusion_cases(doc, L, rng):
    """'Liste de diffusion' in bold, then one copy a line behind a small ticked box: the name, what
    they are to the person (their GP, a correspondent), the town."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    rows = []
    for p in L.copies:
        name, job, city, _ = _copie(L, p, rng, COMPLET + ["c-i", "c-f"], 0.85, upper=True)
        role = "médecin traitant" if p.spec and p.spec[0] == M.GP and rng.random() < 0.6 else job
        rows.append("%s (%s)%s" % (_nb(name), role, " – " + _nb(city) if city else ""))
    if L.copy_patient:
        rows.append(_exemplaire_patient(L, rng).capitalize())
    if not rows:
        return
    lead = doc.lead(size) * 1.15
    doc.need(lead * (len(rows) + 1) + 8)
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Liste de distribution", "Document diffusé à"]), size, bold=True)
    box = size * 0.8
    for t in rows:
        doc.y += lead * 0.8
        x = doc.left + 6
        doc.rect(x, doc.y - box + 0.5, box, box, lw=0.5)
        doc.text(x + box / 2, doc.y - 0.3, "X", size * 0.75, bold=True, align="centre")
        doc.text(x + box + 6, doc.y, t, _ajuste(doc, [t], doc.right - x - box - 6, size))
        doc.y += lead * 0.2


def cp_phrase_ainsi(doc, L, rng):
    """An impersonal closing sentence: 'Une copie de ce courrier est adressée au Dr … (town) ainsi
    qu'au Dr …', the person last."""
    size = max(7.5, doc.size - rng.choice([0, 0.5]))
    parts = []
    for p in L.copies:
        name, job, city, _ = _copie(L, p, rng, COMPLET + ["c-i", "c-f"], 0.8)
        parts.append("au %s%s" % (_nb(name), (" (%s, %s)" % (job, _nb(city)) if rng.random() < 0.5 else
                                              " (%s)" % _nb(city)) if city else ""))
    if L.copy_patient:
        I = L.ident
        parts.append("à ses parents" if I.child else "directement à %s %s" % (I.civ(rng, "short"), I.used or I.birth))
    if not parts:
        return
    body = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " ainsi qu'" + parts[-1]
    start = rng.choice(["Ce courrier part également en copie", "Un exemplaire de ce compte rendu est envoyé"])
    doc.gap(size * 0.4)
    doc.para("%s %s." % (start, body), size, keep=True)


def cp_bloc_droite(doc, L, rng):
    """A small block set flush right after the signature: a caption, then one copy a line (the name,
    a dash, the town), right aligned."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    lines = []
    for p in L.copies:
        name, job, city, _ = _copie(L, p, rng, COMPLET + ["c-i", "c-f"], 0.85, upper=rng.random() < 0.6)
        lines.append(_nb(name) + (" – " + _nb(city) if city else ""))
    if L.copy_patient:
        lines.append(_exemplaire_patient(L, rng))
    if not lines:
        return
    lead = doc.lead(size)
    doc.need(lead * (len(lines) + 1) + 6)
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Ampliation :", "Copies envoyées à"]), size, bold=True, align="right")
    for t in lines:
        doc.line(t, _ajuste(doc, [t], doc.right - doc.left, size), align="right")


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "u-cc-a": (cp_double_a, True, "end"),
    "u-cc-b": (cp_haut_information, True, "top"),
    "u-cc-c": (cp_tableau, True, "end"),
    "u-cc-d": (cp_aucune, False, "end"),
    "u-cc-e": (cp_diffusion_cases, True, "end"),
    "u-cc-f": (cp_phrase_ainsi, True, "end"),
    "u-cc-g": (cp_bloc_droite, True, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions of this set: the room some identity blocks keep beside them, the gap between
# the letterhead's column and the address window, and the top of the page between the letterhead
# and what stands opposite it.

DM_POSITIONS = ["u-id-room", "u-id-room", "u-win-gap", "u-win-gap", "u-top-centre",
                "u-top-centre"]


def dm_candidates(d, pos, s, W, H):
    if pos == "u-id-room":
        room = d.__dict__.get("u_salles", {}).get(pos)
        if not room or room[0] != d.page:
            return []
        return [(room[1], room[2]), (room[1], room[2] + 2), (room[1] - 2, room[2])]
    if pos == "u-win-gap":
        if d.page != 1 or not getattr(d, "win_bottom", None) or not hasattr(d, "header_bottom"):
            return []
        L = getattr(d, "letter", None)
        if L is not None and L.window_side == "left":
            xs = [W - 40 - s, W - 56 - s, W / 2 + 20]
        else:
            xs = [W / 2 - s - 14, W / 2 - s - 30, W / 2 - s / 2 - 40]
        top = d.header_bottom
        return [(x, top + 6 + k * 7) for k in range(8) for x in xs]
    if pos == "u-top-centre":
        return [(W / 2 - s / 2 + dx, y) for y in (16, 22, 28, 36) for dx in (0, 24, -24, 48)]
    return []
