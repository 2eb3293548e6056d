"""Held-out layout families of the synthetic letter corpus (see make_letters.py).

DO NOT READ THIS FILE, nor letters generated with --split heldout, while working on the reader:
they measure how the reader does on layouts it was never tuned on. Changing a family here is
fine (the held-out set is meant to be renewed), describing it anywhere else is not.

This is the twenty-second held-out set (families "h21-"), written without looking at the reader;
the previous one (families "h20-") joined the tuning part as layouts_u.py. Never look at these
nor at held-out letters while tuning the reader.

The families draw through the helpers of make_letters.py, which use() binds at import time.
"""

M = None  # make_letters, bound by use()


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Running faces: regular, bold and italic cuts paired as no tuning key pairs them.

_DV = "/usr/share/fonts/truetype/dejavu/"
_FF = "/usr/share/fonts/truetype/freefont/"
_LB = "/usr/share/fonts/truetype/liberation2/"


def fonts(register):
    """Registers this set's running faces (a face whose files are missing is left out)."""
    out = []
    for key, files in (("h21FreeSansDvBold", (_FF + "FreeSans.ttf", _DV + "DejaVuSans-Bold.ttf",
                                              _FF + "FreeSansOblique.ttf")),
                       ("h21LibSerifFreeBold", (_LB + "LiberationSerif-Regular.ttf", _FF + "FreeSerifBold.ttf",
                                                _FF + "FreeSerifItalic.ttf")),
                       ("h21DvSerifCondLibBold", (_DV + "DejaVuSerifCondensed.ttf", _LB + "LiberationSerif-Bold.ttf",
                                                  _DV + "DejaVuSerifCondensed-Italic.ttf")),
                       ("h21FreeSerifDvBold", (_FF + "FreeSerif.ttf", _DV + "DejaVuSerif-Bold.ttf",
                                               _LB + "LiberationSerif-Italic.ttf"))):
        if register(key, *files):
            out.append(key)
    for key, faces in (("h21NarrowSansBold", ("NimbusSansNarrow-Regular", "NimbusSans-Bold",
                                              "NimbusSansNarrow-Oblique")),
                       ("h21BookmanP052Bold", ("URWBookman-Light", "P052-Bold", "URWBookman-LightItalic")),
                       ("h21P052C059Bold", ("P052-Roman", "C059-Bold", "P052-Italic")),
                       ("h21NimbusRomC059Bold", ("NimbusRoman-Regular", "C059-Bold", "NimbusRoman-Italic"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    return out


# ---------------------------------------------------------------------------------------------
# Traits as this set's programs print them.

def _ins_nb(s):
    """Spaces that never break a line (drawn as plain spaces)."""
    return s.replace(" ", M.NBSP)


_MOIS_ABR = ["jan.", "fév.", "mar.", "avr.", "mai", "juin", "juil.", "août", "sep.", "oct.", "nov.", "déc."]


def _dates(iso):
    a, m, j = iso.split("-")
    jour = "1er" if j == "01" else str(int(j))
    mois = M.MONTHS[int(m) - 1]
    return {
        "barre": "%s/%s/%s" % (j, m, a),
        "point": "%s.%s.%s" % (j, m, a),
        "trait": "%s-%s-%s" % (j, m, a),
        "mots": "%s %s %s" % (jour, mois, a),
        "mots-maj": "%s %s %s" % (j, mois.upper(), a),
        "abr": "%s %s %s" % (j, _MOIS_ABR[int(m) - 1], a),
        "iso": "%s-%s-%s" % (a, m, j),
    }


def _dt(I, rng, styles):
    return _ins_nb(_dates(I.iso)[rng.choice(list(styles))])


DT_ALL = ["barre", "barre", "barre", "point", "trait", "mots", "mots-maj", "abr"]
DT_NUM = ["barre", "barre", "point", "trait"]


def _matricules(m):
    k = m[13:]
    g = " ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]])
    return {
        "brut": m,
        "groupes": "%s %s" % (g, k),
        "groupes-paren": "%s (%s)" % (g, k),
        "cle-tiret": "%s-%s" % (m[:13], k),
        "cle-espace": "%s %s" % (m[:13], k),
        "cle-mot": "%s, clé %s" % (m[:13], k),
        "groupes-slash": "%s / %s" % (g, k),
    }


def _mat(I, rng, styles):
    return _ins_nb(_matricules(I.ins)[rng.choice(list(styles))])


MAT_ALL = ["brut", "brut", "groupes", "groupes", "groupes-paren", "cle-tiret", "cle-espace", "cle-mot",
           "groupes-slash"]
MAT_COURT = ["brut", "groupes", "cle-espace", "cle-tiret"]


def _sx(I, rng, styles=("l", "mot")):
    f = I.sex == "F"
    return {"l": "F" if f else "M", "mot": "Féminin" if f else "Masculin", "min": "féminin" if f else "masculin",
            "maj": "FÉMININ" if f else "MASCULIN", "pers": "Femme" if f else "Homme",
            "l-mot": "F, féminin" if f else "M, masculin"}[rng.choice(list(styles))]


def _lieu(I, rng, styles):
    code, nom = I.place, I.place_name
    style = rng.choice(list(styles))
    return _ins_nb({"nom-paren": "%s (%s)" % (nom, code), "code": code, "code-maj": "%s %s" % (code, M.insi(nom)),
                    "code-tiret": "%s - %s" % (code, nom), "nom-virg": "%s, code %s" % (nom, code),
                    "insee-avant": "INSEE %s (%s)" % (code, nom), "maj-paren": "%s (%s)" % (M.insi(nom), code)}[style])


LIEU_ALL = ["nom-paren", "nom-paren", "code-maj", "code-tiret", "nom-virg", "insee-avant", "maj-paren"]

_PAYS_EN = ("99352", "99351", "99134", "99127", "99131", "99208", "99109", "99326")


def _ne_a(I):
    """'à Brest', 'au Maroc', 'en Italie', 'à Madagascar'."""
    n = I.place_name
    if not I.abroad:
        return "à " + n
    return ("en " if I.place in _PAYS_EN else "à " if I.place == "99333" else "au ") + n


def _pn(I, rng, styles=("all", "all", "all-comma", "first")):
    return I.first_names(rng, rng.choice(list(styles)))


def _sizes(I, lo=7.5, hi=10.5):
    t = max(lo, min(I.size, hi))
    return t, max(6, t - 1.8)


def _age_txt(I):
    a = M.age_on(I.iso)
    if a >= 2:
        return "%d\u00a0ans" % a
    y, m, d = (int(v) for v in I.iso.split("-"))
    mois = (M.TODAY[0] - y) * 12 + M.TODAY[1] - m - (M.TODAY[2] < d)
    return "%d\u00a0mois" % max(mois, 1)


def _take_ipp(I, rng, labels):
    if not I.ipp:
        return None
    I.uses.add("ipp")
    return (rng.choice(labels), I.ipp)


def _take_nda(I, rng, labels):
    if not I.nda:
        return None
    I.uses.add("nda")
    return (rng.choice(labels), I.nda)


def _day(rng, lo=2, hi=22):
    return "%02d/11/2026" % rng.randint(lo, hi)


def _hhmm(rng, lo=7, hi=19):
    return "%02d:%02d" % (rng.randint(lo, hi), rng.randint(0, 59))


def _tel06(rng):
    return "0%d.%02d.%02d.%02d.%02d" % (rng.choice([6, 7]), rng.randint(0, 99), rng.randint(0, 99),
                                        rng.randint(0, 99), rng.randint(0, 99))


def _dr(p):
    return "Pr" if p.title == "PR" else "Dr"


# ---------------------------------------------------------------------------------------------
# Drawing helpers

def _fit(doc, texts, width, size, bold=False, italic=False, floor=5.0):
    while size > floor and max([doc.sw(t, size, bold=bold, italic=italic) for t in texts] or [0]) > width:
        size -= 0.25
    return size


def _frame(doc, x, top, w, h, lw=0.6, gray=0.0, dash=None, radius=0):
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


def _fill(doc, x, top, w, h, gray, radius=0, record=True):
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


def _rule(doc, x0, x1, y, lw=0.5, gray=0.0, dash=None):
    c = doc.c
    c.saveState()
    c.setLineWidth(lw)
    c.setStrokeGray(gray)
    if dash:
        c.setDash(*dash)
    c.line(x0, M.H - y, x1, M.H - y)
    c.restoreState()
    doc.add_box((x0, y - lw, x1, y + lw))


def _vrule(doc, x, y0, y1, lw=0.5, gray=0.0):
    c = doc.c
    c.saveState()
    c.setLineWidth(lw)
    c.setStrokeGray(gray)
    c.line(x, M.H - y0, x, M.H - y1)
    c.restoreState()
    doc.add_box((x - lw, y0, x + lw, y1))


def _white(doc, x, y, s, size, bold=True):
    """Text in white on a dark ground (recorded like doc.text)."""
    c = doc.c
    c.saveState()
    c.setFillGray(1)
    c.setFont(doc.fontname(bold), size)
    c.drawString(x, M.H - y, s.replace(M.NBSP, " "))
    c.restoreState()
    letter = getattr(doc, "letter", None)
    if letter is not None:
        letter.drawn.append(s)
    w = doc.sw(s, size, bold)
    doc.add_box((x, y - size * 0.8, x + w, y + size * 0.25))
    return w


def _rule_under_head(doc):
    """The rule a letterhead may draw across the page under itself."""
    for x0, y0, x1, y1 in doc.boxes.get(1, []):
        if x0 <= 41 and x1 >= M.W - 41 and y1 - y0 < 3:
            return (y0 + y1) / 2
    return None


def _below_head_rule(doc, top, height):
    r = _rule_under_head(doc)
    if r is not None and top - 12 < r < top + height + 4:
        return r + 10
    return top


def _stack(doc, x, top, items, k=1.0):
    """(text, size, bold, italic, gray, dx) lines from `top` down; returns the y under them."""
    y = top
    for t, sz, b, i, g, dx in items:
        lead = doc.lead(sz) * k
        y += lead * 0.8
        if t:
            doc.text(x + dx, y, t, sz, bold=b, italic=i, gray=g)
        y += lead * 0.2
    return y


def _it(t, sz, b=False, i=False, g=0.0, dx=0):
    return (t, sz, b, i, g, dx)


# The DataMatrix room some identity families keep beside them, when the letter's code goes there.

def _room_size(doc):
    L = doc.letter
    if L.dm and L.dm_pos == "h21-room":
        return L.dm_mm * 72 / 25.4
    return None


def _keep_room(doc, x, y):
    doc.__dict__["h21_room"] = (doc.page, x, y)


def _room_box(s):
    m = max(5, s / 9) + 2
    return s + 2 * m, s + 9 + 2 * m, m


# ---------------------------------------------------------------------------------------------
# Identity

def id_endoscopie(doc, I, rng):
    """Endoscopy report head: the scope and its cleaning cycle on a grey line, then three framed
    columns under dark caption bars (names; birth; national identifier), short labels before the
    values."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    scope = "%s n° %d%04d – cycle de désinfection %d – salle %d" % (
        rng.choice(["Vidéo-coloscope CF-HQ190", "Gastroscope GIF-1100", "Duodénoscope TJF-Q190V",
                    "Bronchoscope BF-H190"]), rng.randint(2, 9), rng.randint(0, 9999), rng.randint(1000, 99999),
        rng.randint(1, 6))
    L.traps.append("device-serial")
    c1 = [("Nom", I.birth)]
    if I.used:
        c1.append(("Usage" if "-" in I.used or I.sex == "M" else "Épouse", I.used))
    c1.append(("Prénom(s)", _pn(I, rng)))
    c2 = [("Le", _dt(I, rng, DT_ALL)), ("Sexe", _sx(I, rng, ("l", "mot", "pers")))]
    if I.place:
        c2.append(("À", _lieu(I, rng, LIEU_ALL)))
    c3 = []
    if I.ins:
        c3.append(("N°", _mat(I, rng, MAT_ALL)))
        if I.oid:
            c3.append(("OID", M.TEST_OID))
    ipp = _take_ipp(I, rng, ["IPP", "Dossier"])
    if ipp:
        c3.append(ipp)
    cols = [(rng.choice(["PATIENT(E) EXAMINÉ(E)", "PATIENT(E)"]), c1), (rng.choice(["NÉ(E)", "NAISSANCE"]), c2)]
    if c3:
        cols.append((rng.choice(["IDENTITÉ NATIONALE (INS)", "INS QUALIFIÉ"]) if I.ins else "DOSSIER", c3))
    x0, width = doc.left, doc.right - doc.left
    gap = 6
    n = len(cols)
    cw = (width - gap * (n - 1)) / n
    lead = doc.lead(size)
    cap = max(5.5, small - 0.3)
    rows = max(len(c) for _, c in cols)
    h = cap + 6 + lead * rows + 6
    doc.need(doc.lead(small) + h + size * 2)
    doc.line(scope, _fit(doc, [scope], width, small), gray=0.4)
    top = doc.y + 3
    doc.mark("identity")
    for k, (title, items) in enumerate(cols):
        x = x0 + k * (cw + gap)
        _fill(doc, x, top, cw, cap + 5, 0.25)
        _white(doc, x + 4, top + cap + 1.5, title, _fit(doc, [title], cw - 8, cap, bold=True))
        _frame(doc, x, top, cw, h, lw=0.5, gray=0.3)
        lw = max(doc.sw(a + " ", small, bold=True) for a, _ in items) + 3
        y = top + cap + 5 + 3
        for a, b in items:
            y += lead * 0.8
            doc.text(x + 4, y, a, small, bold=True, gray=0.3)
            doc.text(x + 4 + lw, y, b, _fit(doc, [b], cw - lw - 8, size))
            y += lead * 0.2
    doc.unmark()
    doc.y = top + h + size


def id_dlu(doc, I, rng):
    """Emergency liaison file of a care home: a numbered section bar, then one field a line with
    its label on the left and the value after a tab; the sex as ticked choices; the trusted person
    with a phone number under it."""
    L = doc.letter
    size, small = _sizes(I, 8, 10)
    f = I.sex == "F"
    fields = [(rng.choice(["Nom de naissance", "Nom inscrit à l'état civil"]), I.birth)]
    if I.used:
        fields.append(("Nom porté au quotidien", I.used))
    fields.append(("Prénom(s)", _pn(I, rng, ("all", "first", "all-comma"))))
    fields.append(("Né(e) le", _dt(I, rng, DT_ALL) + "   (" + _age_txt(I) + ")"))
    fields.append(("Sexe", "[X] F   [ ] M" if f else "[ ] F   [X] M"))
    if I.place:
        fields.append(("Né(e) à (commune ou pays)", _lieu(I, rng, LIEU_ALL)))
    if I.ins:
        fields.append(("Identifiant national (INS)", _mat(I, rng, MAT_ALL) + ("   " + "OID " + M.TEST_OID if I.oid else "")))
    g = rng.choice(M.GIVEN_F + M.GIVEN_M)
    fam = M.pick_surname(rng)
    trusted = "%s %s %s (%s) – %s" % ("Mme" if g in M.GIVEN_F else "M.", fam, g,
                                      rng.choice(["fille", "fils", "neveu", "voisine", "conjoint(e)"]),
                                      _tel06(rng))
    L.traps.append("trusted-person")
    x0, width = doc.left, doc.right - doc.left
    bar = rng.choice(["1. LE RÉSIDENT", "1 – Identification du résident", "A. Résident(e)"])
    lead = doc.lead(size) * 1.15
    tab = x0 + max(doc.sw(a, small) for a, _ in fields) + 14
    s = _room_size(doc)
    rw, rh, rm = _room_box(s) if s else (0, 0, 0)
    if s and doc.right - rw - tab < 190:
        s, rw, rh, rm = None, 0, 0, 0
    doc.need(max(lead * (len(fields) + 3), rh + lead * 2) + size * 2)
    top = doc.y + 2
    bh = size + 5
    _fill(doc, x0, top, width, bh, 0.82)
    doc.text(x0 + 5, top + bh - 3.5, bar, size, bold=True)
    y = top + bh + 2
    doc.mark("identity")
    for a, b in fields:
        y += lead * 0.8
        doc.text(x0 + 5, y, a, small, gray=0.3)
        doc.text(tab, y, b, _fit(doc, [b], doc.right - rw - tab, size, bold=True), bold=True)
        y += lead * 0.2
    doc.unmark()
    if s:
        _keep_room(doc, doc.right - rw + rm, top + bh + 2 + rm)
        y = max(y, top + bh + 2 + rh)
    y += lead * 0.8
    t = "Personne de confiance : " + trusted
    doc.text(x0 + 5, y, t, _fit(doc, [t], width - 10, small), italic=True)
    y += lead * 0.2
    _rule(doc, x0, doc.right, y + 3, 0.5, 0.4)
    doc.y = y + 4 + size


def id_transport(doc, I, rng):
    """A transport prescription head: two ruled boxes side by side (one under the other when narrow),
    the person to be carried with their traits, and the insured person with their number (or a line
    saying the person is the insured one)."""
    size, small = _sizes(I, 7.5, 9.5)
    left = [(rng.choice(["Nom (à la naissance)", "Nom de naissance"]), I.birth)]
    if I.used:
        left.append(("Nom d'usage", I.used))
    left.append(("Prénom(s)", _pn(I, rng, ("all", "first"))))
    left.append(("Date de naiss. (jj/mm/aaaa)", _dt(I, rng, ["barre"])))
    left.append(("Sexe", _sx(I, rng, ("l", "mot"))))
    if I.place:
        left.append(("Lieu naiss. / code", _lieu(I, rng, ["code", "code-maj", "nom-paren"])))
    if I.ins:
        left.append(("INS", _mat(I, rng, MAT_COURT)))
        if I.oid:
            left.append(("OID", M.TEST_OID))
    right = []
    if I.insured:
        ins = I.insured
        right.append(("Identité de l'assuré(e)", "%s %s" % (ins["family"], ins["given"])))
        right.append(("N° sécu. de l'assuré(e)", _ins_nb(M.ins_format(ins["nir"], rng.choice(["grouped", "plain"])))))
        right.append(("Lien", rng.choice(["parent", "tuteur légal", "conjoint(e)"])))
        I.insured = None  # printed here, not again under the block
    else:
        right.append(("", rng.choice(["La personne transportée est l'assuré(e).", "Assuré(e) = bénéficiaire."])))
    right.append(("Mode", rng.choice(["VSL", "ambulance", "taxi agréé CPAM", "transport assis"])))
    t1 = rng.choice(["Personne à transporter", "Bénéficiaire du transport"])
    t2 = rng.choice(["Assuré(e)", "Assuré(e) social(e)"])
    x0, width = doc.left, doc.right - doc.left
    side = width >= 430
    lead = doc.lead(size) * 1.05

    def box(x, top, w, title, rows, h=None, mark=False):
        lw = max([doc.sw(a, small) for a, _ in rows if a] + [0]) + 8
        hh = h or lead * (len(rows) + 1) + 10
        _frame(doc, x, top, w, hh, lw=0.6)
        doc.text(x + 5, top + lead * 0.85, title, size, bold=True)
        _rule(doc, x, x + w, top + lead + 2, 0.4, 0.5)
        y = top + lead + 3
        if mark:
            doc.mark("identity")
        for a, b in rows:
            y += lead * 0.8
            if a:
                doc.text(x + 5, y, a, small, gray=0.35)
                doc.text(x + 5 + lw, y, b, _fit(doc, [b], w - lw - 12, size))
            else:
                doc.text(x + 5, y, b, _fit(doc, [b], w - 10, small, italic=True), italic=True)
            y += lead * 0.2
        if mark:
            doc.unmark()
        return top + hh
    h1 = lead * (len(left) + 1) + 10
    h2 = lead * (len(right) + 1) + 10
    wl = width * 0.57 if side else width
    doc.need((max(h1, h2) if side else h1 + h2 + 6) + size * 2)
    top = doc.y + 2
    if side:
        bottom = box(x0, top, wl, t1, left, max(h1, h2), True)
        box(x0 + wl + 8, top, width - wl - 8, t2, right, max(h1, h2))
    else:
        bottom = box(x0, top, width, t1, left, None, True)
        bottom = box(x0, bottom + 6, width, t2, right)
    doc.y = bottom + size


def id_chimio(doc, I, rng):
    """Chemotherapy protocol head: the cycle on a bold line, the person on the left in small grey
    labels over values, two a row; on the right a shaded box of the measures (height, weight, body
    surface, creatinine clearance)."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 10)
    head = "%s – cycle %d, J%d – %s" % (rng.choice(["FOLFOX 6 modifié", "Carboplatine-paclitaxel", "R-CHOP 21",
                                                     "Pembrolizumab", "AC 60"]), rng.randint(1, 12),
                                         rng.choice([1, 1, 8, 15]), _day(rng))
    cells = [("Nom de naissance", I.birth)]
    if I.used:
        cells.append(("Nom d'épouse" if I.sex == "F" and "-" not in I.used else "Nom employé couramment", I.used))
    cells.append(("Prénoms", _pn(I, rng)))
    cells.append(("Né(e) le", _dt(I, rng, DT_ALL)))
    cells.append(("Sexe", _sx(I, rng, ("mot", "l"))))
    if I.place:
        cells.append(("Lieu de naissance", _lieu(I, rng, LIEU_ALL)))
    if I.ins:
        cells.append(("INS", _mat(I, rng, MAT_ALL)))
        if I.oid:
            cells.append(("OID", M.TEST_OID))
    cm = rng.randint(150, 190) if not I.child else rng.randint(95, 165)
    kg = rng.randint(45, 98) if not I.child else rng.randint(14, 55)
    meas = ["Taille = %d cm" % cm, "Poids = %d kg" % kg, "SC : %d,%02d m²" % (1 if cm > 120 else 0, rng.randint(10, 99)),
            "Clairance : %d mL/min" % rng.randint(45, 120)]
    L.traps.append("measures")
    x0, width = doc.left, doc.right - doc.left
    mw = max(doc.sw(t, small) for t in meas) + 14
    lw = width - mw - 12
    per = 2 if lw >= 300 else 1
    cw = lw / per
    step = doc.lead(small) + doc.lead(size) + 2
    nrow = (len(cells) + per - 1) // per
    h = max(step * nrow, doc.lead(small) * (len(meas) + 0.5) + 8)
    doc.need(doc.lead(size) * 1.5 + h + size * 2)
    doc.line(head, _fit(doc, [head], width, size, bold=True), bold=True)
    top = doc.y + 3
    doc.mark("identity")
    for n, (a, b) in enumerate(cells):
        r, k = divmod(n, per)
        x = x0 + k * cw
        y = top + r * step
        doc.text(x, y + doc.lead(small) * 0.8, a, small, gray=0.45)
        doc.text(x, y + doc.lead(small) + doc.lead(size) * 0.8, b, _fit(doc, [b], cw - 8, size))
    doc.unmark()
    mx = doc.right - mw
    _fill(doc, mx, top, mw, doc.lead(small) * (len(meas) + 0.5) + 8, 0.9)
    y = top + 4
    for t in meas:
        y += doc.lead(small)
        doc.text(mx + 7, y, t, small)
    doc.y = top + h + size


def id_cas_index(doc, I, rng):
    """Genetics consultation: a pedigree symbol (a circle for a woman, a square for a man) with an
    arrow marking the index case, and beside it the person's traits a line each, unlabelled except
    the identifier; the generation number under the symbol."""
    L = doc.letter
    size, small = _sizes(I, 8, 10.5)
    f = I.sex == "F"
    civ = I.civ(rng, rng.choice(["long", "short"]))
    firsts = _pn(I, rng, ("all", "first"))
    if I.used:
        name = "%s %s %s, %s %s" % (civ, firsts, I.used, I.born(), I.birth)
    else:
        name = "%s %s %s" % (civ, firsts, I.birth) if rng.random() < 0.5 else "%s %s %s" % (civ, I.birth, firsts)
    lines = [(name, size, True)]
    lines.append(("%s le %s%s" % (I.born().capitalize(), _dt(I, rng, DT_ALL),
                                  (" " + _ne_a(I) + " (" + I.place + ")") if I.place else ""), size, False))
    lines.append(("Sexe : " + _sx(I, rng, ("mot", "pers")) + " – cas index", size, False))
    if I.ins:
        lines.append(("Identifiant INS : " + _mat(I, rng, MAT_ALL), size, False))
        if I.oid:
            lines.append(("OID " + M.TEST_OID, small, False))
    lines.append(("Famille n° F%05d – génération %s" % (rng.randint(1, 99999), rng.choice(["II", "III", "IV"])),
                  small, False))
    L.traps.append("family-number")
    x0 = doc.left
    sym = 22
    x = x0 + sym + 30
    width = doc.right - x
    lead = doc.lead(size)
    h = sum(doc.lead(sz) for _, sz, _ in lines)
    doc.need(max(h, sym + 14) + size * 2)
    top = doc.y + 4
    c = doc.c
    c.saveState()
    c.setLineWidth(1.1)
    cx, cy = x0 + 12 + sym / 2, top + 4 + sym / 2
    if f:
        c.circle(cx, M.H - cy, sym / 2, stroke=1, fill=0)
    else:
        c.rect(cx - sym / 2, M.H - cy - sym / 2, sym, sym, stroke=1, fill=0)
    c.line(x0, M.H - (cy + sym / 2 + 6), cx - sym / 2 - 1, M.H - (cy + sym / 2 - 1))
    c.restoreState()
    doc.add_box((x0, top, x0 + 12 + sym, top + sym + 12))
    y = top
    doc.mark("identity")
    for t, sz, b in lines:
        y += doc.lead(sz) * 0.8
        doc.text(x, y, t, _fit(doc, [t], width, sz, bold=b), bold=b, gray=0.35 if sz < size else 0)
        y += doc.lead(sz) * 0.2
    doc.unmark()
    doc.y = max(y, top + sym + 14) + lead * 0.5


def id_carnet_vaccins(doc, I, rng):
    """A vaccination record: the holder in a ruled two-column table under a caption, then the
    vaccines given (name, batch, date) in a second ruled table; the dates are not the birth date."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    rows = [("Nom de naissance", I.birth)]
    if I.used:
        rows.append(("Nom d'usage", I.used))
    rows.append(("Prénom(s)", _pn(I, rng)))
    rows.append(("Née/né le", _dt(I, rng, DT_ALL)))
    rows.append(("Sexe", _sx(I, rng, ("mot", "l", "l-mot"))))
    if I.place:
        rows.append(("Né(e) à", _lieu(I, rng, LIEU_ALL)))
    if I.ins:
        rows.append(("INS", _mat(I, rng, MAT_ALL)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    vacc = rng.sample(["DTCaP-Hib-HepB", "ROR", "Pneumocoque 13", "Méningocoque C", "dTcaPolio", "Grippe 2026-2027",
                       "HPV 9-valent", "Zona recombinant", "COVID-19"], rng.randint(2, 3))
    vrows = [(v, "%s%d%02d" % (rng.choice(["X", "T", "AB"]), rng.randint(100, 999), rng.randint(0, 99)),
              "%02d/%02d/%d" % (rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2026))) for v in vacc]
    L.traps.append("vaccine-dates")
    x0, width = doc.left, doc.right - doc.left
    cap = rng.choice(["Titulaire du carnet", "Carnet de vaccination de"])
    rh = doc.lead(size) + 4
    c1 = max(doc.sw(a, small, bold=True) for a, _ in rows) + 12
    c2 = min(width - c1, max(doc.sw(b, size) for _, b in rows) + 16)
    c2 = max(c2, 160)
    doc.need(rh * (len(rows) + len(vrows) + 3) + size * 2)
    doc.line(cap, size, bold=True)
    top = doc.y + 2
    doc.mark("identity")
    for j, (a, b) in enumerate(rows):
        y = top + j * rh
        doc.rect(x0, y, c1, rh, lw=0.4, fill=0.9)
        doc.rect(x0 + c1, y, c2, rh, lw=0.4)
        doc.text(x0 + 4, y + rh - 4, a, small, bold=True)
        doc.text(x0 + c1 + 4, y + rh - 4, b, _fit(doc, [b], c2 - 8, size))
    doc.unmark()
    s = _room_size(doc)
    if s:
        rw, rhh, rm = _room_box(s)
        if x0 + c1 + c2 + 12 + rw <= doc.right:
            _keep_room(doc, x0 + c1 + c2 + 12 + rm, top + rm)
    top += rh * len(rows) + 6
    head = ("Vaccin", "Lot", "Date")
    ws = [max(doc.sw(r[i], small) for r in vrows + [head]) + 14 for i in range(3)]
    for j, r in enumerate([head] + vrows):
        x = x0
        for i, t in enumerate(r):
            doc.rect(x, top + j * rh * 0.9, ws[i], rh * 0.9, lw=0.3, fill=0.9 if j == 0 else None)
            doc.text(x + 4, top + (j + 1) * rh * 0.9 - 3.5, t, small, bold=(j == 0))
            x += ws[i]
    doc.y = top + rh * 0.9 * (len(vrows) + 1) + size


def id_neonat(doc, I, rng):
    """A child's liaison sheet (maternity, paediatrics): the child as 'label : value' lines in a
    frame, the birth measures on the right (weight, length, term) when the child is young; the
    parents named under the frame in small type. An adult's letter shows the same frame without
    the parents."""
    L = doc.letter
    size, small = _sizes(I, 8, 10)
    rows = [("Nom", I.birth)]
    if I.used:
        rows.append(("Nom d'usage", I.used))
    rows.append(("Prénom(s)", _pn(I, rng, ("all", "first", "all-comma"))))
    rows.append(("Né(e) le", _dt(I, rng, DT_ALL)))
    rows.append(("Sexe", _sx(I, rng, ("mot", "l", "min"))))
    if I.place:
        rows.append(("Lieu", _lieu(I, rng, LIEU_ALL)))
    if I.ins:
        rows.append(("INS", _mat(I, rng, MAT_ALL) + ("  (OID " + M.TEST_OID + ")" if I.oid else "")))
    meas = []
    parents = None
    if I.child:
        meas = ["Poids de naissance : %d g" % rng.randint(2100, 4300), "Taille : %d,%d cm" % (rng.randint(45, 53),
                                                                                              rng.randint(0, 9)),
                "Terme : %d SA + %d j" % (rng.randint(34, 41), rng.randint(0, 6)),
                "PC : %d cm" % rng.randint(32, 36)]
        L.traps.append("measures")
        mg = rng.choice(M.GIVEN_F)
        mother = "Mère : %s %s" % (rng.choice([I.birth, M.pick_surname(rng)]), mg)
        if rng.random() < 0.6:
            mother += ", née le %02d/%02d/%d" % (rng.randint(1, 28), rng.randint(1, 12), rng.randint(1975, 1998))
        parents = mother + "   –   Père : %s %s" % (I.birth, rng.choice(M.GIVEN_M))
        L.traps.append("parents")
    x0, width = doc.left, doc.right - doc.left
    title = rng.choice(["Enfant", "L'enfant"]) if I.child else rng.choice(["Patient(e)", "Personne soignée"])
    lead = doc.lead(size)
    mw = (max(doc.sw(t, small) for t in meas) + 16) if meas else 0
    lw = max(doc.sw(a + " : ", size) for a, _ in rows)
    h = lead * (len(rows) + 1.2) + 10
    doc.need(h + (doc.lead(small) * 2 if parents else 0) + size * 2)
    top = doc.y + 2
    _frame(doc, x0, top, width, h, lw=0.8, gray=0.25, radius=3)
    doc.text(x0 + 7, top + lead * 0.9 + 2, title.upper(), size, bold=True, gray=0.3)
    y = top + lead * 1.2 + 3
    doc.mark("identity")
    for a, b in rows:
        y += lead * 0.8
        doc.text(x0 + 7, y, a + " : ", size)
        doc.text(x0 + 7 + lw, y, b, _fit(doc, [b], width - mw - lw - 20, size, bold=True), bold=True)
        y += lead * 0.2
    doc.unmark()
    if meas:
        mx = doc.right - mw
        _vrule(doc, mx - 6, top + 6, top + h - 6, 0.4, 0.5)
        yy = top + lead * 1.2 + 3
        for t in meas:
            yy += doc.lead(small)
            doc.text(mx, yy, t, small)
    doc.y = top + h
    if parents:
        doc.gap(2)
        doc.para(parents, small, after=0)
    doc.gap(size)


def id_hd_egal(doc, I, rng):
    """Opposite the letterhead, between two thick rules: short labels and their values after an
    equals sign ('Nom naiss. = …'), a line each; the stay number last."""
    size = max(7.5, min(I.size - 0.5, 9.5))
    small = max(6, size - 1.5)
    rows = [("Nom (état civil)", I.birth)]
    if I.used:
        rows.append(("Nom d'usage", I.used))
    rows.append(("Prénom(s)", _pn(I, rng, ("all", "first"))))
    rows.append(("Né(e) le", _dt(I, rng, DT_NUM)))
    rows.append(("Sexe", _sx(I, rng, ("l", "mot"))))
    if I.place:
        rows.append(("Né(e) à", _lieu(I, rng, ["code", "code-maj", "nom-paren"])))
    if I.ins:
        rows.append(("INS", _mat(I, rng, MAT_COURT)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    nda = _take_nda(I, rng, ["Séjour", "Venue"])
    if nda:
        rows.append(nda)
    lw = max(doc.sw(a, small) for a, _ in rows) + 4
    eq = doc.sw("= ", size)
    limit = M.W - 30
    x = rng.choice([318, 330, 342])

    def need(sz):
        return lw + eq + max(doc.sw(b, sz) for _, b in rows)
    if x + need(size) > limit:
        x = max(M.W / 2 + 6, limit - need(size))
    while x + need(size) > limit and size > 6:
        size -= 0.25
    lead = doc.lead(size)
    h = lead * len(rows) + 6
    top = _below_head_rule(doc, rng.choice([40, 48, 56]), h + 6)
    w = min(need(size) + 4, limit - x)
    _rule(doc, x, x + w, top, 1.4)
    y = top + 3
    doc.mark("identity")
    for a, b in rows:
        y += lead * 0.8
        doc.text(x, y, a, small, gray=0.3)
        doc.text(x + lw, y, "= " + b, size)
        y += lead * 0.2
    doc.unmark()
    _rule(doc, x, x + w, y + 3, 1.4)
    return y + 4 + size


def id_hd_onglet(doc, I, rng):
    """Opposite the letterhead: a frame with a small tab on its top edge carrying a caption; in it
    the name in bold (the birth name after it in brackets when another is used), then the birth with
    the place, the sex, and the matricule, without labels but the matricule's."""
    size = max(7.5, min(I.size - 0.5, 9.5))
    small = max(6, size - 1.8)
    civ = I.civ(rng, rng.choice(["short", "upper", "long"]))
    firsts = _pn(I, rng, ("all", "first"))
    fam = I.used or I.birth
    name = "%s %s %s" % (civ, fam, firsts) if rng.random() < 0.55 else "%s %s %s" % (civ, firsts, fam)
    lines = [(name, size, True)]
    if I.used:
        lines.append(("(à la naissance : %s)" % I.birth, small + 0.5, False))
    born = "%s le %s" % (I.born().capitalize(), _dt(I, rng, DT_ALL))
    if I.place:
        born += " " + _ne_a(I)
    lines.append((_ins_nb(born), size, False))
    if I.place:
        lines.append(("Code lieu : " + I.place, size, False))
    lines.append((_sx(I, rng, ("mot", "pers")), size, False))
    if I.ins:
        lines.append(("INS : " + _mat(I, rng, MAT_ALL), size, False))
        if I.oid:
            lines.append(("OID : " + M.TEST_OID, small, False))
    cap = rng.choice(["Patient(e)", "Concerne", "Fiche patient(e)"])
    limit = M.W - 30
    x = rng.choice([322, 332, 340])
    k = 1.0

    def widest(kk):
        return max(doc.sw(t, sz * kk, bold=b) for t, sz, b in lines) + 16
    if x + widest(k) > limit:
        x = max(M.W / 2 + 8, limit - widest(k))
    while x + widest(k) > limit and k > 0.7:
        k -= 0.03
    w = min(widest(k), limit - x)
    h = sum(doc.lead(sz * k) for _, sz, _ in lines) + 10
    tabw = doc.sw(cap, small, bold=True) + 12
    top = _below_head_rule(doc, rng.choice([50, 56, 62]), h + 12)
    _fill(doc, x + 6, top - 10, tabw, 10, 0.3, record=False)
    _white(doc, x + 12, top - 2.5, cap, small)
    _frame(doc, x, top, w, h, lw=0.6, gray=0.3)
    y = top + 4
    doc.mark("identity")
    for t, sz, b in lines:
        lead = doc.lead(sz * k)
        y += lead * 0.8
        doc.text(x + 8, y, t, sz * k, bold=b)
        y += lead * 0.2
    doc.unmark()
    return top + h + size


def id_bandeau_trois(doc, I, rng):
    """At the top of every page, one line in three zones: the names on the left, the birth date and
    the sex in the middle, the matricule on the right; the place and the OID on a small second line;
    a double rule under it."""
    size = max(6.5, min(I.size - 1.5, 8.5))
    small = max(5.5, size - 1.5)
    firsts = _pn(I, rng, ("all", "first"))
    name = "%s %s" % (I.birth, firsts)
    if I.used:
        name = "%s %s (%s %s)" % (I.used, firsts, I.born(), I.birth)
    mid = _ins_nb("%s %s – %s" % (I.born(), _dt(I, rng, DT_NUM), _sx(I, rng, ("l", "mot"))))
    right = ("INS " + _mat(I, rng, MAT_COURT)) if I.ins else ""
    second = []
    if I.place:
        second.append("naissance à " + _lieu(I, rng, ["code", "nom-paren", "code-tiret"]))
    if I.ins and I.oid:
        second.append("OID " + M.TEST_OID)
    second = "  ·  ".join(second)
    x0, x1 = 34, M.W - 34
    sz = _fit(doc, [name + mid + right + "            "], x1 - x0, size)
    sz = min(sz, _fit(doc, [name], (x1 - x0) * 0.45, size, bold=True))

    def band(d):
        top = 18
        if d.page == 1:
            d.mark("identity")
        y = top + sz
        wl = d.text(x0, y, name, sz, bold=True)
        wr = d.sw(right, sz) if right else 0
        midx = max(x0 + wl + 14, (x0 + x1) / 2 - d.sw(mid, sz) / 2)
        if midx + d.sw(mid, sz) > x1 - wr - 14:
            midx = x0 + wl + 14
        d.text(midx, y, mid, sz)
        if right:
            d.text(x1, y, right, sz, align="right")
        if second:
            y += sz * 1.35
            d.text(x0, y, second, _fit(d, [second], x1 - x0, small), gray=0.35)
        d.unmark()
        _rule(d, x0, x1, y + 4, 0.4)
        _rule(d, x0, x1, y + 6, 0.4)

    band(doc)
    doc.page_start.append(band)


def id_pied_grille(doc, I, rng):
    """At the foot of every page, over the page footer: a ruled strip of four cells, a tiny grey
    caption at the top left of each (who, born, where, national identifier), the values under it."""
    size = max(6.5, min(I.size - 2, 8))
    cap = max(5, size - 2)
    firsts = _pn(I, rng, ("all", "first"))
    who = "%s %s" % (I.birth, firsts)
    if I.used:
        who += " – usage %s" % I.used
    cells = [(rng.choice(["Patient", "Identité"]), who),
             ("Naissance / sexe", _ins_nb("%s / %s" % (_dt(I, rng, DT_NUM), _sx(I, rng, ("l",)))))]
    if I.place:
        cells.append(("Lieu naiss. (COG)", _lieu(I, rng, ["code", "nom-paren", "code-maj"])))
    if I.ins:
        cells.append(("INS" + (" / OID" if I.oid else ""), _mat(I, rng, MAT_COURT) +
                      (" / " + M.TEST_OID if I.oid else "")))

    def foot(d):
        width = d.right - d.left
        need = [max(d.sw(c, cap), d.sw(v, size)) + 10 for c, v in cells]
        sz = size
        if sum(need) > width:
            sz = _fit(d, [v for _, v in cells], max(need) * width / sum(need) - 10, size)
            need = [max(d.sw(c, cap), d.sw(v, sz)) + 10 for c, v in cells]
        spare = max(0, (width - sum(need)) / len(need))
        top = M.H - 100
        h = cap + sz + 8
        x = d.left
        if d.page == 1:
            d.mark("identity")
        for (c, v), w in zip(cells, need):
            w += spare
            _frame(d, x, top, w, h, lw=0.4, gray=0.45)
            d.text(x + 3, top + cap + 1, c, cap, gray=0.45)
            d.text(x + 3, top + cap + sz + 3.5, v, _fit(d, [v], w - 6, sz))
            x += w
        d.unmark()

    doc.page_end.insert(0, foot)


def id_corps_vu(doc, I, rng, reason):
    """The body opens on the person in one sentence: 'que j'ai vu(e) le …', then the civil status
    with the birth place's code, then 'immatriculé(e) sous l'INS', then the reason."""
    f = I.sex == "F"
    e = "e" if f else ""
    civ = I.civ(rng, rng.choice(["long", "short", "long"]))
    given = _pn(I, rng, ("first", "all", "first"))
    if I.used:
        who = rng.choice(["%s %s %s (%s %s)" % (civ, given, I.used, I.born(), I.birth),
                          "%s %s, %s %s, %s" % (civ, I.used, I.born(), I.birth, given)])
    else:
        who = rng.choice(["%s %s %s" % (civ, given, I.birth), "%s %s %s" % (civ, I.birth, given)])
    start = rng.choice(["Votre patient%s %s, que j'ai vu%s le %s," % (e, who, e, _day(rng)),
                        "J'ai examiné le %s %s," % (_day(rng), who)])
    s = "%s %s le %s" % (start, I.born(), _dt(I, rng, ["mots", "barre", "abr", "mots-maj"]))
    if I.place:
        s += " %s (code %s)" % (_ne_a(I), I.place)
    s += ", de sexe déclaré %s" % _sx(I, rng, ("min",))
    if I.ins:
        s += ", immatriculé%s sous l'INS %s" % (e, _mat(I, rng, MAT_ALL))
        if I.oid:
            s += " (OID %s)" % M.TEST_OID
    s += ", " + reason + "."
    doc.mark("identity")
    doc.para(s, doc.size, keep=True)
    doc.unmark()


def id_corps_tirets(doc, I, rng, reason):
    """The body opens on a sentence naming the person by civility and the name in use; the traits
    follow under it as a short list behind en dashes, the value first and what it is after it in
    brackets; then the reason."""
    f = I.sex == "F"
    civ = I.civ(rng, rng.choice(["long", "short"]))
    fam = I.used or I.birth
    size = doc.size
    doc.para("%s %s, dont l'identité est rappelée ci-dessous, %s :" % (civ, fam, "est venue consulter" if f else
                                                                         "est venu consulter"), size, keep=True, after=2)
    items = ["%s [nom de naissance]" % I.birth]
    if I.used:
        items.append("%s [nom utilisé au quotidien]" % I.used)
    items.append("%s [prénoms d'état civil]" % _pn(I, rng, ("all", "all-comma")))
    items.append("%s [date de naissance]" % _dt(I, rng, DT_ALL))
    items.append("%s [sexe]" % _sx(I, rng, ("mot", "min")))
    if I.place:
        items.append("%s [%s]" % (_lieu(I, rng, ["code", "nom-paren", "code-maj"]),
                                  "pays natal" if I.abroad else "lieu de naissance"))
    if I.ins:
        items.append("%s [INS%s]" % (_mat(I, rng, MAT_ALL), ", OID " + M.TEST_OID if I.oid else ""))
    doc.need(doc.lead(size) * (len(items) + 2))
    doc.mark("identity")
    for t in items:
        doc.para("– " + t, size, x=doc.left + 14, after=0)
    doc.unmark()
    doc.gap(3)
    doc.para("Motif : " + reason[0].upper() + reason[1:] + ".", size)


def id_had(doc, I, rng):
    """Home hospitalisation admission sheet: a caption line with the admission number, then two
    columns of 'label : value' rows, the person on the left, the place of care on the right (the
    home address, the duty phone, the coordinating nurse)."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    head = "Admission HAD n° %d/%04d – début de prise en charge le %s" % (rng.randint(24, 26), rng.randint(1, 9999),
                                                                            _day(rng))
    left = [("Patronyme", I.birth)]
    if I.used:
        left.append(("Nom de mariage" if I.sex == "F" and "-" not in I.used else "Nom d'usage", I.used))
    left.append(("Prénoms", _pn(I, rng, ("all", "first", "all-comma"))))
    left.append(("Né(e) le", _dt(I, rng, DT_ALL)))
    left.append(("Sexe", _sx(I, rng, ("l", "mot", "pers"))))
    if I.place:
        left.append(("Natif/native de", _lieu(I, rng, LIEU_ALL)))
    if I.ins:
        left.append(("INS", _mat(I, rng, MAT_ALL)))
        if I.oid:
            left.append(("OID", M.TEST_OID))
    street, pc, city = L.patient["home"]
    right = [("Adresse", street), ("", "%s %s" % (pc, city)), ("Astreinte", M.phone_text(L.hospital["phone"], rng)),
             ("IDE coordinatrice", "%s %s" % (rng.choice(M.GIVEN_F), M.pick_surname(rng)))]
    L.traps += ["patient-address", "phone"]
    x0, width = doc.left, doc.right - doc.left
    side = width >= 420
    lead = doc.lead(size)
    doc.need(doc.lead(small) + lead * (len(left) + (0 if side else len(right) + 1)) + size * 2)
    doc.line(head, _fit(doc, [head], width, small, bold=True), bold=True)
    _rule(doc, x0, doc.right, doc.y + 2, 0.6)
    top = doc.y + 3

    def col(x, w, rows, mark):
        lw = max(doc.sw(a + " : ", small) for a, _ in rows if a) + 2
        y = top if mark or side else col.bottom
        if mark:
            doc.mark("identity")
        for a, b in rows:
            y += lead * 0.8
            if a:
                doc.text(x, y, a + " : ", small, gray=0.35)
            doc.text(x + lw, y, b, _fit(doc, [b], w - lw - 4, size, bold=mark), bold=mark)
            y += lead * 0.2
        if mark:
            doc.unmark()
        col.bottom = y + 4
        return y
    col.bottom = top
    if side:
        wl = width * 0.58
        y1 = col(x0, wl, left, True)
        _vrule(doc, x0 + wl + 4, top + 2, max(y1, top + lead * len(right)) + 2, 0.4, 0.5)
        y2 = col(x0 + wl + 12, width - wl - 12, right, False)
        doc.y = max(y1, y2) + size
    else:
        col(x0, width, left, True)
        doc.y = col(x0, width, right, False) + size


def id_cmp_secteur(doc, I, rng):
    """Psychiatry outpatient centre: the sector and the legal frame of care on a framed line, then
    the person as small capital labels in the margin with their values at a tab, a dotted hairline
    under each row; the name written 'NOM, Prénom'."""
    L = doc.letter
    size, small = _sizes(I, 8, 10)
    head = "Secteur %s%02d – %s" % (rng.choice(["29G", "35G", "75G", "69I", "13G"]), rng.randint(1, 30),
                                    rng.choice(["soins libres", "soins à la demande d'un tiers",
                                                "programme de soins", "suivi ambulatoire"]))
    L.traps.append("sector-code")
    firsts = _pn(I, rng, ("all", "first"))
    rows = [("NOM, PRÉNOM(S)", "%s, %s" % (I.birth, firsts))]
    if I.used:
        rows.append(("AUTRE NOM (USAGE)", I.used))
    rows.append(("DATE DE NAISS.", _dt(I, rng, DT_ALL)))
    rows.append(("SEXE", _sx(I, rng, ("mot", "l", "maj"))))
    if I.place:
        rows.append(("PAYS NAISS." if I.abroad else "COMMUNE DE NAISS.", _lieu(I, rng, LIEU_ALL)))
    if I.ins:
        rows.append(("INS", _mat(I, rng, MAT_ALL) + ("  –  OID " + M.TEST_OID if I.oid else "")))
    ipp = _take_ipp(I, rng, ["DOSSIER N°", "IPP"])
    if ipp:
        rows.append(ipp)
    x0, width = doc.left, doc.right - doc.left
    cap = max(5.5, small - 0.5)
    tab = x0 + max(doc.sw(a, cap, bold=True) for a, _ in rows) + 16
    lead = doc.lead(size) * 1.2
    s = _room_size(doc)
    rw, rh, rm = _room_box(s) if s else (0, 0, 0)
    if s and doc.right - rw - tab < 170:
        s, rw, rh, rm = None, 0, 0, 0
    hh = doc.lead(small) + 8
    doc.need(hh + max(lead * len(rows), rh) + size * 2)
    top = doc.y + 2
    _frame(doc, x0, top, width, hh, lw=0.5, gray=0.3)
    doc.text(x0 + 5, top + hh - 4, head, _fit(doc, [head], width - 10, small, italic=True), italic=True)
    y = top + hh + 2
    rtop = y
    doc.mark("identity")
    for a, b in rows:
        y += lead * 0.8
        doc.text(x0, y, a, cap, bold=True, gray=0.4)
        doc.text(tab, y, b, _fit(doc, [b], doc.right - rw - tab - 4, size))
        y += lead * 0.2
        _rule(doc, x0, doc.right - rw - 4, y + 1, 0.3, 0.55, dash=(0.7, 1.5))
    doc.unmark()
    if s:
        _keep_room(doc, doc.right - rw + rm, rtop + rm)
        y = max(y, rtop + rh)
    doc.y = y + size


def id_anapath(doc, I, rng):
    """Pathology report head: a two-cell ruled row (the specimen number and its dates on the left, the
    person on the right as a short block: the name in bold, the birth, the sex, the place, the
    matricule a line each with short labels)."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    left = ["Examen n° %s%02d-%05d" % (rng.choice(["H", "C", "E"]), rng.randint(24, 26), rng.randint(1, 99999)),
            "Prélevé le %s" % _day(rng, 2, 12), "Reçu le %s" % _day(rng, 12, 20),
            rng.choice(["Biopsies gastriques", "Pièce de colectomie", "Biopsie cutanée", "Frottis cervico-utérin",
                        "Ponction ganglionnaire"])]
    L.traps.append("specimen-dates")
    civ = I.civ(rng, rng.choice(["short", "upper"]))
    firsts = _pn(I, rng, ("all", "first"))
    fam = I.used or I.birth
    right = [("%s %s %s" % (civ, fam, firsts), True)]
    if I.used:
        right.append(("Nom de naissance : " + I.birth, False))
    right.append(("DDN : " + _dt(I, rng, DT_NUM) + "   Sexe : " + _sx(I, rng, ("l",)), False))
    if I.place:
        right.append(("Lieu : " + _lieu(I, rng, LIEU_ALL), False))
    if I.ins:
        right.append(("INS : " + _mat(I, rng, MAT_ALL), False))
        if I.oid:
            right.append(("OID : " + M.TEST_OID, False))
    x0, width = doc.left, doc.right - doc.left
    lw = max(doc.sw(t, small) for t in left) + 14
    if width - lw < 200:
        lw = width * 0.35
    rw = width - lw
    lead = doc.lead(size)
    h = max(lead * len(right), doc.lead(small) * len(left)) + 10
    doc.need(h + size * 2)
    top = doc.y + 2
    _frame(doc, x0, top, lw, h, lw=0.5)
    _frame(doc, x0 + lw, top, rw, h, lw=0.5)
    y = top + 3
    for t in left:
        y += doc.lead(small)
        doc.text(x0 + 5, y, t, _fit(doc, [t], lw - 10, small), gray=0.2)
    y = top + 3
    doc.mark("identity")
    for t, b in right:
        y += lead * 0.8
        doc.text(x0 + lw + 6, y, t, _fit(doc, [t], rw - 12, size, bold=b), bold=b)
        y += lead * 0.2
    doc.unmark()
    doc.y = top + h + size


def id_ordonnance_bizone(doc, I, rng):
    """Prescription head of a bizone form: the person on one line in bold with the age and the
    weight (a child's) flush right, a second line of the birth, the sex, the place and the
    matricule parted by semicolons, a thin rule under it."""
    L = doc.letter
    size, small = _sizes(I, 8, 10.5)
    civ = I.civ(rng, rng.choice(["short", "long"]))
    firsts = _pn(I, rng, ("first", "all"))
    if I.used:
        name = "%s %s %s %s %s" % (civ, I.used, I.born(), I.birth, firsts)
    else:
        name = "%s %s %s" % (civ, I.birth, firsts)
    right = _age_txt(I)
    if I.child:
        right += " – %d kg" % rng.randint(8, 55)
        L.traps.append("measures")
    parts = ["date de naissance %s" % _dt(I, rng, DT_ALL), "sexe %s" % _sx(I, rng, ("l", "min"))]
    if I.place:
        parts.append("lieu %s" % _lieu(I, rng, ["code", "nom-paren", "code-maj"]))
    if I.ins:
        parts.append("INS %s" % _mat(I, rng, MAT_ALL))
        if I.oid:
            parts.append("OID %s" % M.TEST_OID)
    second = " ; ".join(parts)
    x0, width = doc.left, doc.right - doc.left
    doc.need(doc.lead(size) * 4)
    doc.mark("identity")
    doc.y += doc.lead(size) * 0.8
    nsz = _fit(doc, [name], width - doc.sw(right, size) - 20, size + 0.5, bold=True)
    doc.text(x0, doc.y, name, nsz, bold=True)
    doc.text(doc.right, doc.y, right, size, align="right")
    doc.y += doc.lead(size) * 0.2
    doc.para(second, size, after=0)
    doc.unmark()
    _rule(doc, x0, doc.right, doc.y + 3, 0.5, 0.4)
    doc.gap(size + 2)


IDENTITY_FAMILIES = {
    "h21-id-a": (id_endoscopie, "flow"),
    "h21-id-b": (id_dlu, "flow"),
    "h21-id-c": (id_transport, "flow"),
    "h21-id-d": (id_chimio, "flow"),
    "h21-id-e": (id_cas_index, "flow"),
    "h21-id-f": (id_carnet_vaccins, "flow"),
    "h21-id-g": (id_neonat, "flow"),
    "h21-id-h": (id_anapath, "flow"),
    "h21-id-i": (id_ordonnance_bizone, "flow"),
    "h21-id-j": (id_hd_egal, "top-right"),
    "h21-id-k": (id_hd_onglet, "top-right"),
    "h21-id-l": (id_bandeau_trois, "band"),
    "h21-id-m": (id_pied_grille, "footer"),
    "h21-id-n": (id_corps_vu, "body"),
    "h21-id-o": (id_corps_tirets, "body"),
    "h21-id-p": (id_had, "flow"),
    "h21-id-q": (id_cmp_secteur, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Professionals as these families print them

def _pro(p, form):
    """(printed name, given form) of a professional."""
    court, long_ = ("Pr", "Professeur") if p.title == "PR" else ("Dr", "Docteur")
    g, fam = p.given, p.family
    if form == "cg":
        return "%s %s %s" % (court, g, fam), "full"
    if form == "lg":
        return "%s %s %s" % (long_, g, fam), "full"
    if form == "cf":
        return "%s %s %s" % (court, fam, g), "full"
    if form == "lf":
        return "%s %s %s" % (long_, fam, g), "full"
    if form == "ci":
        return "%s %s %s" % (court, M.initials(g), fam), "initial"
    if form == "li":
        return "%s %s %s" % (long_, M.initials(g), fam), "initial"
    if form == "cn":
        return "%s %s" % (court, fam), "none"
    if form == "nu":
        return "%s %s" % (g, fam), "full"
    if form == "nu-f":
        return "%s %s" % (fam, g), "full"
    raise ValueError(form)


FULL = ["cg", "cg", "lg", "cf", "lf"]


def _job(p, rng, lower=False):
    t = p.profession[1] if p.spec is None else rng.choice(p.spec[2])
    return t[0].lower() + t[1:] if lower and not t.isupper() else t


def _site(p, rng):
    s = p.site
    return s if rng.random() < 0.5 else s.title().replace(" De ", " de ").replace(" D'", " d'").replace(" Du ", " du ")


def _win_top(doc, rng, choices=(142, 150, 158, 166)):
    return max(rng.choice(list(choices)), getattr(doc, "header_bottom", 0) + 8)


def _to_right(doc, items, x, limit, floor_x):
    widest = max(doc.sw(t, sz, bold=b, italic=i) + dx for t, sz, b, i, _, dx in items)
    if x + widest > limit:
        x = max(floor_x, limit - widest)
    items = [(t, _fit(doc, [t], limit - x - dx, sz, bold=b, italic=i), b, i, g, dx) for t, sz, b, i, g, dx in items]
    return x, items


def _to_left(doc, items, x, limit):
    return [(t, _fit(doc, [t], limit - x - dx, sz, bold=b, italic=i), b, i, g, dx) for t, sz, b, i, g, dx in items]


def _greet(p, rng):
    f = p.sex == "F"
    word = "Professeur" if p.title == "PR" else "Docteur"
    return rng.choice(["Chère Consœur," if f else "Cher Confrère,",
                       "%s %s," % ("Chère" if f else "Cher", word),
                       "Chère Madame," if f else "Cher Monsieur,",
                       "Chère collègue," if f else "Cher collègue,",
                       "Madame, chère Consœur," if f else "Monsieur, cher Confrère,"])


def _wsize(doc, rng):
    return min(doc.size + rng.choice([0, 0.5, 1]), 11.5)


def _town(p, rng, upper=None):
    city = M.city_text(p, rng, upper)
    return city, "%s %s" % (p.postcode, city)


# ---------------------------------------------------------------------------------------------
# Addressees

def ad_filet(doc, L, rng):
    """Right window behind a thin grey vertical rule: the name (sometimes in bold), what they do in
    italics, the department and the site when salaried, the street and the town."""
    p = L.to
    size = _wsize(doc, rng)
    name, gf = _pro(p, rng.choice(FULL + ["ci"]))
    items = [_it(name, size, rng.random() < 0.6), _it(_job(p, rng), size - 0.5, i=True)]
    if p.salaried:
        items.append(_it(M.service_of(p.service), size - 0.5))
        items.append(_it(_site(p, rng), size - 0.5))
    city, town = _town(p, rng)
    items += [_it(p.street_line(), size), _it(town, size)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _greet(p, rng)
    x, items = _to_right(doc, items, rng.choice([318, 328, 338]), M.W - 32, M.W / 2 - 20)
    top = _win_top(doc, rng)
    y = _stack(doc, x, top, items)
    _vrule(doc, x - 8, top + 2, y + 2, 1.0, 0.55)
    return y + 6


def ad_a_l_attention_mld(doc, L, rng):
    """Right window opening on a small 'À l'attention de' line, then 'Madame le Docteur Marie
    DUPONT' (or 'Monsieur le Professeur …') on one line, the practice or the site, the street, the
    town in capitals."""
    p = L.to
    size = _wsize(doc, rng)
    f = p.sex == "F"
    if p.title == "PR":
        civ = "Madame le Professeur" if f else "Monsieur le Professeur"
    else:
        civ = rng.choice(["Madame le Docteur", "Madame la Docteure"]) if f else "Monsieur le Docteur"
    name = "%s %s %s" % (civ, p.given, p.family)
    items = [_it(rng.choice(["À l'attention de", "Pli à l'attention de"]), size - 1.5, i=True, g=0.35),
             _it(name, size, True)]
    if p.salaried:
        items.append(_it(_site(p, rng), size - 0.5))
    else:
        items.append(_it(_job(p, rng), size - 0.5))
    city, town = _town(p, rng, upper=True)
    items += [_it(p.street_line(), size), _it(town, size)]
    L.mentions.add(p, "to", name, "full", city, p.postcode)
    L.salutation = "%s," % civ if rng.random() < 0.6 else _greet(p, rng)
    x, items = _to_right(doc, items, rng.choice([310, 320, 332]), M.W - 32, M.W / 2 - 40)
    return _stack(doc, x, _win_top(doc, rng), items) + 4


def ad_initiales_ville(doc, L, rng):
    """Right window without the street: the name with the given name as initials, what they do, and
    the postcode with the town; a salutation naming the doctor by the family name."""
    p = L.to
    size = _wsize(doc, rng)
    name, gf = _pro(p, rng.choice(["ci", "ci", "li"]))
    items = [_it(name, size, True), _it(_job(p, rng), size - 0.5)]
    if p.salaried:
        items.append(_it(_site(p, rng), size - 0.5))
    city, town = _town(p, rng)
    items.append(_it(town, size))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    word = "Professeur" if p.title == "PR" else "Docteur"
    L.salutation = "%s %s %s," % ("Chère" if p.sex == "F" else "Cher", word, M.cap_name(p.family)) \
        if rng.random() < 0.5 else _greet(p, rng)
    x, items = _to_right(doc, items, rng.choice([320, 334]), M.W - 32, M.W / 2 - 20)
    return _stack(doc, x, _win_top(doc, rng), items) + 4


def ad_gauche_tel(doc, L, rng):
    """Left window: what they do in small capitals first, the name in bold, the site when salaried,
    the street, the town, then the phone of the practice in small grey type."""
    p = L.to
    size = _wsize(doc, rng)
    name, gf = _pro(p, rng.choice(FULL))
    items = [_it(_job(p, rng).upper(), size - 2, g=0.35), _it(name, size, True)]
    if p.salaried:
        items.append(_it(_site(p, rng), size - 0.5))
    city, town = _town(p, rng)
    items += [_it(p.street_line(), size), _it(town, size)]
    if rng.random() < 0.6:
        items.append(_it("Tél. : " + M.phone_text(p.phone, rng), size - 1.5, g=0.35))
        L.traps.append("phone")
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _greet(p, rng)
    x = rng.choice([54, 62, 70])
    items = _to_left(doc, items, x, M.W / 2 - 20)
    return _stack(doc, x, _win_top(doc, rng, (146, 154, 162)), items) + 6


def ad_lettre_adressee(doc, L, rng):
    """No window: after the date, one line 'Lettre adressée au …' with what they do and where they
    practise (the town, or the postcode and the town)."""
    p = L.to
    name, gf = _pro(p, rng.choice(FULL + ["ci", "cn"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.5)
    pc = p.postcode if rng.random() < 0.5 else None
    where = _ins_nb("%s %s" % (pc, city) if pc else city)
    job = _job(p, rng, lower=True)
    L.flow_addressee = rng.choice([
        "Lettre adressée au %s, %s, %s." % (_ins_nb(name), job, where),
        "À l'intention du %s (%s – %s)." % (_ins_nb(name), job, where)])
    L.mentions.add(p, "to", name, gf, city, pc)
    L.salutation = _greet(p, rng) if rng.random() < 0.8 else None
    return None


def ad_tableau_envoi(doc, L, rng):
    """No window: under the letterhead on the left, a ruled two-row table with shaded label cells:
    whom the letter goes to (the name, what they do, the town) and the sending date."""
    p = L.to
    size = max(7.5, doc.size - 0.5)
    name, gf = _pro(p, rng.choice(FULL + ["ci"]))
    city = M.city_text(p, rng)
    val = "%s – %s – %s" % (_ins_nb(name), _job(p, rng, lower=True), _ins_nb("%s %s" % (p.postcode, city)))
    rows = [(rng.choice(["Correspondant", "Destinataire du pli"]), val), ("Transmis le", _day(rng, 20, 23))]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _greet(p, rng)
    x0 = doc.left
    width = doc.right - x0
    lw = max(doc.sw(a, size, bold=True) for a, _ in rows) + 12
    rh = doc.lead(size) + 5
    top = max(getattr(doc, "header_bottom", 0) + 12, 116)
    vw = min(width - lw, max(doc.sw(b, size) for _, b in rows) + 14)
    for j, (a, b) in enumerate(rows):
        y = top + j * rh
        doc.rect(x0, y, lw, rh, lw=0.4, fill=0.87)
        doc.rect(x0 + lw, y, vw, rh, lw=0.4)
        doc.text(x0 + 5, y + rh - 4.5, a, size, bold=True)
        doc.text(x0 + lw + 5, y + rh - 4.5, b, _fit(doc, [b], vw - 10, size))
    return top + rh * len(rows) + 6


def ad_domicile_famille(doc, L, rng):
    """Right window to the person at home; a child's letter goes to 'Famille …' with the child
    named under it; a flat or floor line now and then, the street and the town."""
    I = L.ident
    size = _wsize(doc, rng)
    street, pc, city = L.patient["home"]
    items = []
    if L.patient["child"]:
        items.append(_it("Famille %s" % I.birth, size, True))
        items.append(_it("(pour %s %s)" % (I.firsts[0], I.birth), size - 0.5, i=True))
        L.salutation = rng.choice(["Madame, Monsieur,", "Chers parents,"])
    else:
        civ = I.civ(rng, rng.choice(["long", "short", "upper"]))
        fam = I.used or I.birth
        items.append(_it(rng.choice(["%s %s %s" % (civ, I.firsts[0], fam), "%s %s %s" % (civ, fam, I.firsts[0])]),
                         size, True))
        L.salutation = "Chère Madame," if I.sex == "F" else "Cher Monsieur,"
    if rng.random() < 0.35:
        items.append(_it(rng.choice(["Appartement %d, %de étage" % (rng.randint(1, 40), rng.randint(1, 9)),
                                     "Les Jardins d'Arvor, bât. %s" % rng.choice("ABCD")]), size))
    items += [_it(street, size), _it("%s %s" % (pc, city if rng.random() < 0.5 else M.title_city(city)), size)]
    L.addressed_to_patient = True
    x, items = _to_right(doc, items, rng.choice([318, 330]), M.W - 32, M.W / 2 - 30)
    return _stack(doc, x, _win_top(doc, rng), items) + 4


def ad_aucun(doc, L, rng):
    """No addressee: a line says the document is for the record or handed over; an impersonal
    salutation or none."""
    I = L.ident
    if rng.random() < 0.75:
        L.flow_addressee = rng.choice([
            "Exemplaire destiné au dossier de soins.",
            "Document sans destinataire nominatif, conservé au dossier.",
            "Remis en main propre à %s le jour de la sortie." % ("la famille" if I.child else "%s %s" % (
                I.civ(rng, "short"), I.used or I.birth))])
    L.salutation = rng.choice([None, "Madame, Monsieur,", "À qui de droit,"])
    return None


def ad_service_etage(doc, L, rng):
    """Right window to a hospital colleague through their department: the department in bold
    capitals, the name, the site, a building and floor line, the street, the town; a doctor in town
    through their practice."""
    p = L.to
    size = _wsize(doc, rng)
    name, gf = _pro(p, rng.choice(FULL + ["ci"]))
    items = []
    if p.salaried:
        items.append(_it(M.service_of(p.service).upper(), size - 0.5, True))
        items.append(_it(name, size))
        items.append(_it(_site(p, rng), size - 0.5))
        items.append(_it("Bâtiment %s – %de étage" % (rng.choice("ABCDEFGH"), rng.randint(1, 8)), size - 0.5))
    else:
        items.append(_it(rng.choice(["Pôle médical", "Espace santé du quartier", "Centre de soins médicaux"]), size - 0.5, True))
        items.append(_it(name, size))
        items.append(_it(_job(p, rng), size - 0.5, i=True))
    city, town = _town(p, rng)
    items += [_it(p.street_line(), size), _it(town, size)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _greet(p, rng)
    x, items = _to_right(doc, items, rng.choice([312, 324, 336]), M.W - 32, M.W / 2 - 36)
    return _stack(doc, x, _win_top(doc, rng), items) + 4


def ad_confrere_ville(doc, L, rng):
    """No window: a centred italic line under the date naming the colleague by the family name (or
    in full) with the town in brackets; a salutation by the title."""
    p = L.to
    name, gf = _pro(p, rng.choice(["cn", "cn", "cg", "ci"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.4)
    L.flow_addressee = "Pour mon confrère le %s (%s)" % (_ins_nb(name), city) if rng.random() < 0.5 else \
        "À transmettre au %s, %s (%s)" % (_ins_nb(name), _job(p, rng, lower=True), city)
    L.mentions.add(p, "to", name, gf, city, None)
    L.salutation = _greet(p, rng)
    return None


def ad_nom_majuscules(doc, L, rng):
    """Right window whose name line is all in capitals with the title ('DOCTEUR MARIE DUPONT'); what
    they do and the site in ordinary type, the street, the town in capitals."""
    p = L.to
    size = _wsize(doc, rng)
    raw, gf = _pro(p, rng.choice(["lg", "cg", "lf"]))
    name = raw.upper()
    items = [_it(name, size, rng.random() < 0.5), _it(_job(p, rng), size - 0.5)]
    if p.salaried:
        items.append(_it(_site(p, rng), size - 0.5))
    city, town = _town(p, rng, upper=True)
    items += [_it(p.street_line(), size), _it(town, size)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _greet(p, rng)
    x, items = _to_right(doc, items, rng.choice([316, 328]), M.W - 32, M.W / 2 - 30)
    return _stack(doc, x, _win_top(doc, rng), items) + 4


# (draw, window: "right" | "left" | "none" | "flow", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "h21-ad-a": (ad_filet, "right", True),
    "h21-ad-b": (ad_a_l_attention_mld, "right", True),
    "h21-ad-c": (ad_initiales_ville, "right", True),
    "h21-ad-d": (ad_gauche_tel, "left", True),
    "h21-ad-e": (ad_lettre_adressee, "flow", True),
    "h21-ad-f": (ad_tableau_envoi, "none", True),
    "h21-ad-g": (ad_domicile_famille, "right", False),
    "h21-ad-h": (ad_aucun, "none", False),
    "h21-ad-i": (ad_service_etage, "right", True),
    "h21-ad-j": (ad_confrere_ville, "flow", True),
    "h21-ad-k": (ad_nom_majuscules, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies

def _cc(L, p, rng, forms, p_town=0.8, upper=None, cp=False):
    """Records a copy; returns (name, what they do, town or None, postcode or None)."""
    name, gf = _pro(p, rng.choice(forms))
    city = pc = None
    if p.force_place or gf != "full" or rng.random() < p_town:
        city = M.city_text(p, rng, upper=rng.random() < 0.5 if upper is None else upper)
        pc = p.postcode if cp else None
    L.mentions.add(p, "cc", name, gf, city, pc)
    return name, _job(p, rng, lower=True), city, pc


def _own_copy(L, rng):
    I = L.ident
    if I.child:
        return rng.choice(["ses parents ou tuteurs", "la famille de l'enfant"])
    return rng.choice(["l'intéressée" if I.sex == "F" else "l'intéressé",
                       "%s %s, son propre exemplaire" % (I.civ(rng, "short"), I.used or I.birth)])


def cp_tabulee(doc, L, rng):
    """A bold caption on the left, the copies one a line at a tab stop after it: the name, what they
    do and the town parted by long dashes."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    lines = []
    for p in L.copies:
        name, job, city, _ = _cc(L, p, rng, FULL + ["ci", "cn"])
        lines.append(" — ".join([_ins_nb(name), job] + ([_ins_nb(city)] if city else [])))
    if L.copy_patient:
        lines.append(_own_copy(L, rng))
    if not lines:
        return
    cap = rng.choice(["Copie transmise à :", "Doubles :", "Double(s) pour :"])
    tab = doc.left + doc.sw(cap, size, bold=True) + 10
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.gap(size * 0.6)
    for k, t in enumerate(lines):
        doc.y += doc.lead(size) * 0.8
        if k == 0:
            doc.text(doc.left, doc.y, cap, size, bold=True)
        doc.text(tab, doc.y, t, _fit(doc, [t], doc.right - tab, size))
        doc.y += doc.lead(size) * 0.2


def cp_cc_points(doc, L, rng):
    """'Cc.' then the copies on one paragraph, each 'Dr Name, Town', parted by ' · '."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    entries = []
    for p in L.copies:
        name, job, city, _ = _cc(L, p, rng, FULL + ["ci", "cn"], 0.85)
        entries.append(_ins_nb(name) + (", " + _ins_nb(city) if city else ""))
    if L.copy_patient:
        entries.append(_own_copy(L, rng))
    if not entries:
        return
    doc.gap(size * 0.5)
    doc.para(rng.choice(["Cc.", "cc :", "C/c :"]) + " " + " · ".join(entries), size, keep=True)


def cp_destinataires_roles(doc, L, rng):
    """A ruled table 'Destinataires' after the signature: the addressee first as the original when the
    letter has one, then each copy, with what they do and the town; the person's copy last."""
    size = max(7, doc.size - 1.5)
    rows = []
    if L.to is not None and not L.addressed_to_patient:
        p = L.to
        name, gf = _pro(p, rng.choice(FULL))
        city = M.city_text(p, rng)
        L.mentions.add(p, "to", name, gf, city, None)
        rows.append((rng.choice(["Original", "Destinataire"]), name, _job(p, rng), city))
    for p in L.copies:
        name, job, city, _ = _cc(L, p, rng, FULL + ["ci"], 1.0)
        rows.append(("Copie", name, job[0].upper() + job[1:], city))
    if L.copy_patient:
        rows.append(("Copie", _own_copy(L, rng), "–", "–"))
    if not any(r[0] == "Copie" for r in rows):
        return
    head = ("Envoi", "Nom", "Qualité", "Ville")
    width = doc.right - doc.left
    ws = [max(doc.sw(r[i], size, bold=(r is head)) for r in rows + [head]) + 10 for i in range(4)]
    if sum(ws) > width:
        size = _fit(doc, [r[i] for r in rows for i in range(4)], max(ws) * width / sum(ws) - 10, size)
        ws = [max(doc.sw(r[i], size, bold=(r is head)) for r in rows + [head]) + 10 for i in range(4)]
    rh = doc.lead(size) + 3
    doc.need(rh * (len(rows) + 2) + 10)
    doc.gap(5)
    doc.line(rng.choice(["Destinataires", "Envois du document"]), size, bold=True)
    top = doc.y + 2
    for j, r in enumerate([head] + rows):
        x = doc.left
        for i, cell in enumerate(r):
            w = ws[i] if i < 3 else min(ws[i], doc.right - x)
            doc.rect(x, top + j * rh, w, rh, lw=0.4, fill=0.9 if j == 0 else None)
            doc.text(x + 4, top + j * rh + rh - 3.5, cell, _fit(doc, [cell], w - 7, size, bold=(j == 0)),
                     bold=(j == 0))
            x += w
    doc.y = top + rh * (len(rows) + 1) + 6


def cp_je_fais_parvenir(doc, L, rng):
    """A closing sentence in the first person: 'Je fais parvenir un double de ce courrier au Dr …
    (town), au Dr …', the person last."""
    size = max(7.5, doc.size - rng.choice([0, 0.5]))
    parts = []
    for p in L.copies:
        name, job, city, _ = _cc(L, p, rng, FULL + ["ci", "cn"], 0.8)
        parts.append("au %s%s" % (_ins_nb(name), (" (%s)" % _ins_nb(city)) if city else ""))
    if L.copy_patient:
        parts.append("à %s" % _own_copy(L, rng))
    if not parts:
        return
    body = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
    doc.gap(size * 0.4)
    doc.para("%s %s." % (rng.choice(["Je fais parvenir un double de ce courrier",
                                     "Un double de cette lettre part"]), body), size, keep=True)


def cp_haut_copies(doc, L, rng):
    """Under the date, before the title: a small line of the copies, each name with the town after a
    slash, parted by semicolons."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    entries = []
    for p in L.copies:
        name, job, city, _ = _cc(L, p, rng, FULL + ["ci", "cn"], 0.85)
        entries.append(_ins_nb(name) + (" / " + _ins_nb(city) if city else ""))
    if L.copy_patient:
        entries.append(_own_copy(L, rng))
    if not entries:
        return
    doc.para("%s %s" % (rng.choice(["Copies adressées :", "Cop. :"]), " ; ".join(entries)), size,
             italic=rng.random() < 0.5, keep=True, after=size * 0.5)


def cp_sans_copie(doc, L, rng):
    """No colleague in copy, in this software's words; the person's own copy when there is one."""
    size = max(7, doc.size - 1)
    I = L.ident
    if L.copy_patient:
        t = "Double remis à %s." % ("la famille" if I.child else "%s %s" % (I.civ(rng, "short"), I.used or I.birth))
    else:
        t = rng.choice(["Aucun double adressé.", "Diffusion : dossier uniquement.", "Pas de copie prévue."])
    doc.gap(size * 0.5)
    doc.para(t, size, italic=rng.random() < 0.5)


def cp_exemplaires(doc, L, rng):
    """After a short rule at the end, in small grey type: 'Exemplaires :' and a numbered run of who
    gets one (the file first), each colleague with the town in brackets."""
    size = max(6.5, doc.size - 2)
    entries = ["1 dossier"]
    n = 1
    for p in L.copies:
        name, job, city, _ = _cc(L, p, rng, FULL + ["ci", "cn"], 0.9)
        n += 1
        entries.append("%d %s%s" % (n, _ins_nb(name), (" (%s)" % _ins_nb(city)) if city else ""))
    if L.copy_patient:
        n += 1
        entries.append("%d %s" % (n, _own_copy(L, rng)))
    if n == 1:
        return
    doc.need(doc.lead(size) * 3 + 6)
    doc.gap(size)
    _rule(doc, doc.left, doc.left + 90, doc.y, 0.5, 0.4)
    doc.gap(2)
    doc.para("Exemplaires : " + " – ".join(entries), size, keep=True)


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "h21-cc-a": (cp_tabulee, True, "end"),
    "h21-cc-b": (cp_cc_points, True, "end"),
    "h21-cc-c": (cp_destinataires_roles, True, "end"),
    "h21-cc-d": (cp_je_fais_parvenir, True, "end"),
    "h21-cc-e": (cp_haut_copies, True, "top"),
    "h21-cc-f": (cp_sans_copie, False, "end"),
    "h21-cc-g": (cp_exemplaires, True, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions of this set: the room a block keeps beside it, beside the signature, and
# centred at the foot of the first page.

DM_POSITIONS = ["h21-room", "h21-room", "h21-sig", "h21-sig", "h21-foot-centre", "h21-foot-centre"]


def dm_candidates(d, pos, s, W, H):
    if pos == "h21-room":
        room = d.__dict__.get("h21_room")
        if not room or room[0] != d.page:
            return []
        return [(room[1], room[2]), (room[1], room[2] + 2), (room[1] - 2, room[2])]
    if pos == "h21-sig":
        L = getattr(d, "letter", None)
        sig = getattr(L, "sig", None) if L is not None else None
        if not sig or sig[0] != d.page:
            return []
        _, sy, sx = sig
        xs = [W - 45 - s, W / 2 + 10] if sx < W / 2 else [d.left, d.left + 30, sx - s - 24]
        return [(x, sy + k) for k in (0, 6, 12, -8, 20, 30) for x in xs]
    if pos == "h21-foot-centre":
        return [(W / 2 - s / 2 + dx, H - 40 - s - 12 - k * 8) for k in range(8) for dx in (0, 30, -30)]
    return []
