"""Tuning layout families, thirteenth set (see make_letters.py).

These were the held-out families of session 39 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families use the helpers of make_letters.py, bound at import time through use().
"""

M = None  # the make_letters module


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Fonts: the running faces of this set (returned by fonts(): cuts that no tuning set types its
# letters in) and the typed faces some blocks are filled in (m_TYPED_FONTS).

m_TYPED_FONTS = []

_FF = "/usr/share/fonts/truetype/freefont/"
_DV = "/usr/share/fonts/truetype/dejavu/"
_LB = "/usr/share/fonts/truetype/liberation2/"


def fonts(register):
    """The fonts of this set, registered through make_letters.py; a face whose files are missing
    is simply not offered."""
    out = []
    for key, files in (("mDejaVuSansBold", (_DV + "DejaVuSans-Bold.ttf", _DV + "DejaVuSans-Bold.ttf",
                                              _DV + "DejaVuSans-BoldOblique.ttf")),
                       ("mDejaVuSansBoldOblique", (_DV + "DejaVuSans-BoldOblique.ttf",
                                                     _DV + "DejaVuSans-BoldOblique.ttf",
                                                     _DV + "DejaVuSans-BoldOblique.ttf")),
                       ("mDejaVuSansCondBold", (_DV + "DejaVuSansCondensed-Bold.ttf",
                                                  _DV + "DejaVuSansCondensed-Bold.ttf",
                                                  _DV + "DejaVuSansCondensed-BoldOblique.ttf")),
                       ("mDejaVuSerifBoldItalic", (_DV + "DejaVuSerif-BoldItalic.ttf",
                                                     _DV + "DejaVuSerif-BoldItalic.ttf",
                                                     _DV + "DejaVuSerif-BoldItalic.ttf")),
                       ("mLiberationSerifBoldItalic", (_LB + "LiberationSerif-BoldItalic.ttf",
                                                         _LB + "LiberationSerif-BoldItalic.ttf",
                                                         _LB + "LiberationSerif-BoldItalic.ttf")),
                       ("mFreeMono", (_FF + "FreeMono.ttf", _FF + "FreeMonoBold.ttf", _FF + "FreeMonoOblique.ttf"))):
        if register(key, *files):
            out.append(key)
    for key, faces in (("mC059BoldItalic", ("C059-BdIta", "C059-BdIta", "C059-BdIta")),
                       ("mNimbusSansBoldItalic", ("NimbusSans-BoldItalic", "NimbusSans-BoldItalic",
                                                    "NimbusSans-BoldItalic")),
                       ("mNimbusSansNarrowBoldOblique", ("NimbusSansNarrow-BoldOblique",
                                                           "NimbusSansNarrow-BoldOblique",
                                                           "NimbusSansNarrow-BoldOblique"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    del m_TYPED_FONTS[:]
    for key, path in (("mTypedDejaVuOblique", _DV + "DejaVuSansMono-Oblique.ttf"),
                      ("mTypedLiberationItalic", _LB + "LiberationMono-Italic.ttf")):
        if register(key, path, path, path):
            m_TYPED_FONTS.append(key)
    if M.register_type1_family("mTypedNimbusItalic", "NimbusMonoPS-Italic", "NimbusMonoPS-BoldItalic",
                               "NimbusMonoPS-Italic"):
        m_TYPED_FONTS.append("mTypedNimbusItalic")
    return out


class _Face:
    """Sets a block in another face for the time of a `with`."""

    def __init__(self, doc, key):
        self.doc, self.key = doc, key

    def __enter__(self):
        self.old = self.doc.st.font
        if self.key and self.key in M.FONTS:
            self.doc.st.font = self.key
        return self

    def __exit__(self, *exc):
        self.doc.st.font = self.old
        return False


def _typed(rng):
    return rng.choice(m_TYPED_FONTS) if m_TYPED_FONTS else "Courier"


# ---------------------------------------------------------------------------------------------
# Traits as these families print them

_MONTHS_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
_IN_COUNTRY = ("Maroc", "Sénégal", "Portugal", "Cameroun", "Viêt Nam", "Royaume-Uni")


def _nb(s):
    return s.replace(" ", M.NBSP)


def _d(I, rng, styles):
    """The birth date: figures with slashes, dots, dashes or spaces, year first, two-digit years
    only where the century is certain, the month in words or abbreviated."""
    y, m, d = I.iso.split("-")
    style = rng.choice(styles)
    if style == "short" and not 1940 <= int(y) <= 2005:
        style = "slash"
    if style == "dot":
        s = "%s.%s.%s" % (d, m, y)
    elif style == "dash":
        s = "%s-%s-%s" % (d, m, y)
    elif style == "spaced":
        s = "%s %s %s" % (d, m, y)
    elif style == "iso":
        s = "%s-%s-%s" % (y, m, d)
    elif style == "short":
        s = "%s/%s/%s" % (d, m, y[2:])
    elif style == "abbr":
        s = "%d %s %s" % (int(d), _MONTHS_ABBR[int(m) - 1], y)
    elif style == "words":
        s = "%s %s %s" % ("1er" if d == "01" else str(int(d)), M.MONTHS[int(m) - 1], y)
    else:  # slash
        s = "%s/%s/%s" % (d, m, y)
    return _nb(s)


D_ANY = ["slash", "slash", "slash", "dot", "dash", "abbr", "abbr", "words", "short", "iso"]
D_NUM = ["slash", "slash", "dot", "dash"]


def _n(I, rng, styles):
    """The INS: grouped or run together, its key after a dash, in brackets or after 'clé'."""
    m = I.ins
    g = " ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]])
    k = m[13:]
    style = rng.choice(styles)
    if style == "grouped":
        s = "%s %s" % (g, k)
    elif style == "key-dash":
        s = "%s – %s" % (m[:13], k)
    elif style == "grouped-cle":
        s = "%s, clé %s" % (g, k)
    elif style == "bracket":
        s = "%s [%s]" % (m[:13], k)
    elif style == "space-key":
        s = "%s %s" % (m[:13], k)
    else:  # plain
        s = m
    return _nb(s)


N_ANY = ["grouped", "grouped", "plain", "plain", "key-dash", "grouped-cle", "bracket", "space-key"]


def _s(I, rng, styles):
    f = I.sex == "F"
    return {"letter": "F" if f else "M", "word": "Féminin" if f else "Masculin", "person": "Femme" if f else "Homme",
            "lower": "féminin" if f else "masculin",
            "both": "féminin (F)" if f else "masculin (M)"}[rng.choice(styles)]


S_ANY = ["letter", "letter", "word", "person", "both"]


def _p(I, rng, styles):
    """The birth place, always with its code: 'Brest (29019)', '29019 – Brest', '29019',
    'BREST [29019]'."""
    code, name = I.place, I.place_name
    style = rng.choice(styles)
    if style == "code":
        return code
    if I.abroad:
        return rng.choice(["%s (%s)" % (name, code), "%s – %s" % (code, name)])
    if style == "code-dash":
        return "%s – %s" % (code, name)
    if style == "caps-bracket":
        return "%s [%s]" % (M.insi(name), code)
    return "%s (%s)" % (name, code)


P_ANY = ["paren", "paren", "code", "code-dash", "caps-bracket"]


def _at(I, rng, styles=P_ANY):
    """'à Brest (29019)', 'à 29019', 'au Maroc (99350)', 'en Espagne (99134)'."""
    if I.abroad:
        return ("au " if I.place_name in _IN_COUNTRY else "en ") + "%s (%s)" % (I.place_name, I.place)
    return "à " + _p(I, rng, styles)


def _f(I, rng, styles=("all", "all", "all-comma", "first")):
    return I.first_names(rng, rng.choice(list(styles)))


def _age(I):
    n = M.age_on(I.iso)
    if n < 2:
        y, m, d = (int(v) for v in I.iso.split("-"))
        return "%d mois" % ((M.TODAY[0] - y) * 12 + M.TODAY[1] - m - (M.TODAY[2] < d))
    return "%d ans" % n


def _who(I, rng, given, order=None, conv=None):
    """The patient's names: family names in capitals, first names as written; the name in use
    tied to the birth name by a word that says which is which."""
    order = order or rng.choice(["family", "family", "given"])
    f = I.sex == "F"
    if I.used:
        conv = conv or rng.choice(["nee", "epouse", "ep", "usage"])
        if conv == "nee":
            fam = "%s %s %s" % (I.used, I.born(), I.birth)
        elif conv == "epouse":
            fam = "%s %s %s" % (I.birth, "épouse" if f else "époux", I.used)
        elif conv == "ep":
            fam = "%s ép. %s" % (I.birth, I.used)
        else:  # usage
            fam = "%s, nom d'usage %s" % (I.birth, I.used)
    else:
        fam = I.birth
    if order == "family" and "," not in fam:
        return "%s %s" % (fam, given)
    return "%s %s" % (given, fam)


def _oid():
    return "OID " + M.TEST_OID


def _day(rng, lo=2, hi=22):
    return "%02d/11/2026" % rng.randint(lo, hi)


def _hour(rng, lo=7, hi=19):
    return "%02d:%02d" % (rng.randint(lo, hi), rng.randint(0, 59))


def _someone(rng, sex=None, family=None):
    """A person who is neither the patient nor a professional of the directory."""
    g = sex or rng.choice("FM")
    return ("Mme" if g == "F" else "M."), rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M), \
        (family or M.pick_surname(rng))


def _doctor_name(rng, title="Dr"):
    sex = rng.choice("FM")
    return "%s %s %s" % (title, rng.choice(M.GIVEN_F if sex == "F" else M.GIVEN_M), M.pick_surname(rng))


def _phone(rng, prefix="02 98"):
    return "%s %02d %02d %02d" % (prefix, rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99))


# ---------------------------------------------------------------------------------------------
# Drawing helpers


def _fit(doc, texts, width, size, bold=False, italic=False, floor=5.5):
    while size > floor and max([doc.sw(t, size, bold=bold, italic=italic) for t in texts] or [0]) > width:
        size -= 0.25
    return size


def _edges(doc, x, top, w, h, lw):
    for box in ((x, top - lw, x + w, top + lw), (x, top + h - lw, x + w, top + h + lw),
                (x - lw, top, x + lw, top + h), (x + w - lw, top, x + w + lw, top + h)):
        doc.add_box(box)


def _frame(doc, x, top, w, h, lw=0.6, radius=0, fill=None, dash=None, gray=0.0):
    """A frame whose inside stays free (only its edges are recorded as drawn)."""
    c = doc.c
    c.saveState()
    c.setLineWidth(lw)
    c.setStrokeGray(gray)
    if dash:
        c.setDash(*dash)
    if fill is not None:
        c.setFillGray(fill)
    if radius:
        c.roundRect(x, M.H - top - h, w, h, radius, stroke=1, fill=1 if fill is not None else 0)
    else:
        c.rect(x, M.H - top - h, w, h, stroke=1, fill=1 if fill is not None else 0)
    c.restoreState()
    _edges(doc, x, top, w, h, lw)


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


def _tick(doc, x, base, size, ticked):
    """A square box drawn on the baseline, crossed when ticked; returns its width."""
    b = size * 0.8
    c = doc.c
    c.saveState()
    c.setLineWidth(0.6)
    c.rect(x, M.H - base, b, b, stroke=1, fill=0)
    if ticked:
        c.line(x + 1.2, M.H - base + 1.2, x + b - 1.2, M.H - base + b - 1.2)
        c.line(x + 1.2, M.H - base + b - 1.2, x + b - 1.2, M.H - base + 1.2)
    c.restoreState()
    doc.add_box((x, base - b, x + b, base))
    return b


def _cell(doc, x, top, w, h, text, size, bold=False, italic=False, gray=0.0, align="left", pad=4, floor=4.5):
    """One line of text in a cell, shrunk to fit, centred on the cell's height."""
    if not text:
        return
    sz = _fit(doc, [text], w - 2 * pad, size, bold=bold, italic=italic, floor=floor)
    y = top + h / 2 + sz * 0.33
    if align == "centre":
        doc.text(x + w / 2, y, text, sz, bold=bold, italic=italic, gray=gray, align="centre")
    elif align == "right":
        doc.text(x + w - pad, y, text, sz, bold=bold, italic=italic, gray=gray, align="right")
    else:
        doc.text(x + pad, y, text, sz, bold=bold, italic=italic, gray=gray)


def _runs_lines(doc, runs, width, size):
    """Breaks runs of (text, bold, italic) into lines of (word, bold, italic, x offset); words
    joined by no-break spaces stay together."""
    words = []
    for text, b, i in runs:
        for k, w in enumerate(text.split(" ")):
            if not w:
                continue
            if k == 0 and words and not text.startswith(" ") and w[0] in ",.;:)]":
                words[-1].append((w, b, i))
            else:
                words.append([(w, b, i)])
    space = doc.sw(" ", size)
    lines, cur, x = [], [], 0.0
    for group in words:
        ww = sum(doc.sw(w, size, bold=b, italic=i) for w, b, i in group)
        if cur and x + ww > width:
            lines.append(cur)
            cur, x = [], 0.0
        for w, b, i in group:
            cur.append((w, b, i, x))
            x += doc.sw(w, size, bold=b, italic=i)
        x += space
    if cur:
        lines.append(cur)
    return lines


def _runs_draw(doc, x0, top, lines, size, lead=None, gray=0.0):
    lead = lead or doc.lead(size)
    y = top
    for ln in lines:
        y += lead * 0.8
        for w, b, i, dx in ln:
            doc.text(x0 + dx, y, w, size, bold=b, italic=i, gray=gray)
        y += lead * 0.2
    return y


def _wrap_lines(doc, texts, width, size, bold=False, italic=False):
    out = []
    for t in texts:
        out += doc.wrap(t, width, size, bold=bold, italic=italic)
    return out


# The room some identity blocks keep for the DataMatrix when the letter places it there.

def _slot_room(doc):
    """(width, height) to keep free for the code, or (0, 0)."""
    L = doc.letter
    if not (L.dm and L.dm_pos == "m-id-slot"):
        return 0, 0
    s = L.dm_mm * 72 / 25.4
    m = max(5, s / 9) + 2.5
    return s + 2 * m + 2, s + (9 if L.dm_caption else 0) + 2 * m


def _slot_set(doc, x, top):
    """Records where the code goes, (x, top) being the top left corner of the room kept."""
    L = doc.letter
    s = L.dm_mm * 72 / 25.4
    m = max(5, s / 9) + 2.5
    doc.__dict__["m_slot"] = (doc.page, x + m + 1, top + m)


# ---------------------------------------------------------------------------------------------
# Identity


def id_cartouche(doc, I, rng):
    """The head of the first page as one ruled cartouche: the letterhead already printed in its
    left cell, the person cared for in the right cell, a heading in small capitals over the name,
    the birth, the sex and the national identifier a line each."""
    W = M.W
    L = doc.letter
    size = max(7.5, min(I.size, 9.5))
    small = max(5.5, size - 2)
    given = _f(I, rng, ("all", "all", "first"))
    head = rng.choice(["PERSONNE ACCUEILLIE", "PATIENT·E", "USAGER·ÈRE CONCERNÉ·E"])
    civ = I.civ(rng, rng.choice(["short", "long", "upper"]))
    lines = [(head, small, True, 0.35)]
    lines.append(("%s %s" % (civ, _who(I, rng, given, conv=rng.choice(["nee", "epouse", "usage"]))), size + 0.5,
                  True, 0))
    born = rng.choice(["Né·e le ", "Date de naissance : ", I.born().capitalize() + " le "]) + _d(I, rng, D_ANY)
    if rng.random() < 0.5:
        born += " (%s)" % _age(I)
    lines.append((born, size, False, 0))
    if I.place:
        lines.append(((rng.choice(["Né·e ", I.born().capitalize() + " "]) + _at(I, rng)) if rng.random() < 0.5
                      else "Lieu de naissance : " + _p(I, rng, P_ANY), size, False, 0))
    lines.append((rng.choice(["Sexe : ", "Sexe selon l'état civil : "]) + _s(I, rng, S_ANY), size, False, 0))
    if I.ins:
        lines.append((rng.choice(["INS : ", "Matricule INS : ", "N° INS : "]) + _n(I, rng, N_ANY), size, True, 0))
        if I.oid:
            lines.append((_oid(), small, False, 0.3))
    if I.ipp and rng.random() < 0.5:
        lines.append(("Dossier réf. " + I.ipp, small, False, 0.3))
        I.uses.add("ipp")
    # Where the letterhead stands, and the full-width rule some letterheads end on.
    boxes = list(doc.boxes[doc.page])
    rules = [b for b in boxes if b[2] - b[0] > W - 100 and b[3] - b[1] < 3]
    head_boxes = [b for b in boxes if b not in rules]
    lx0 = min([b[0] for b in head_boxes] + [40])
    ly0 = min([b[1] for b in head_boxes] + [40])
    ly1 = max([b[3] for b in head_boxes] + [80])
    x_div = W / 2 + rng.choice([0, 10, 20])
    x_in = x_div + 8
    right = W - rng.choice([28, 34, 40])
    inner = right - x_in - 6
    lines = [(t, _fit(doc, [t], inner, sz, bold=b, floor=5.5), b, g) for t, sz, b, g in lines]
    top = max(12, ly0 - 12)
    y = top + 4
    doc.mark("identity")
    for t, sz, b, g in lines:
        lead = doc.lead(sz)
        y += lead * 0.8
        for r in rules:
            if y - sz < r[3] + 2 and y + sz * 0.3 > r[1] - 2:
                y = r[3] + sz + 3
        doc.text(x_in, y, t, sz, bold=b, gray=g)
        y += lead * 0.2
    doc.unmark()
    bottom = max(y + 5, ly1 + 4)
    x0 = max(14, min(lx0 - 8, 36))
    _frame(doc, x0, top, right - x0, bottom - top, lw=rng.choice([0.6, 0.8, 1.0]))
    _vrule(doc, x_div, top, bottom, 0.5)
    L.traps.append("header-cartouche")
    return bottom + 2


def id_dialysis_sheet(doc, I, rng):
    """The head of a haemodialysis session sheet: the session (its number, date, station and
    machine) on a shaded row, the person on dialysis on a row run on with broken bars between the
    traits, the weights and the access of the session in a small ruled table under it."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    x0 = doc.left
    width = doc.right - x0
    sl, sh = _slot_room(doc)
    session = "Séance n° %d du %s – poste %d – générateur %s n° %d" % (
        rng.randint(12, 420), _day(rng), rng.randint(1, 14), rng.choice(["5008S", "AK 98", "Artis", "DBB-EXA"]),
        rng.randint(1, 20))
    L.traps += ["session-number", "machine-number"]
    given = _f(I, rng, ("all", "first", "all-comma"))
    sep = rng.choice([" ¦ ", " // ", " ; "])
    runs = [(rng.choice(["Dialysé(e) : ", "Dialysée : " if I.sex == "F" else "Dialysé : "]), True, False),
            (_nb(_who(I, rng, given, conv=rng.choice(["nee", "ep", "usage"]))), True, False)]
    bits = [("Naiss. ", _d(I, rng, D_ANY)), ("Sexe ", _s(I, rng, S_ANY))]
    if I.place:
        bits.append(("Lieu ", _p(I, rng, P_ANY)))
    if I.ins:
        bits.append(("INS ", _n(I, rng, N_ANY)))
        if I.oid:
            bits.append(("", M.TEST_OID if rng.random() < 0.5 else _oid()))
    if I.ipp and rng.random() < 0.5:
        bits.append(("Dossier ", I.ipp))
        I.uses.add("ipp")
    for lb, v in bits:
        runs.append((sep.rstrip() + " ", False, False))
        if lb:
            runs.append((lb, False, True))
        runs.append((_nb(v), False, False))
    dry = rng.uniform(48, 96)
    heads = ["Poids sec", "Poids d'entrée", "UF prescrite", "Abord", "Durée"]
    vals = [("%.1f kg" % dry).replace(".", ","), ("%.1f kg" % (dry + rng.uniform(0.8, 3.5))).replace(".", ","),
            "%d mL" % rng.randrange(800, 3500, 100),
            rng.choice(["FAV radiale G", "FAV humérale D", "KT tunnelisé jugulaire D"]),
            "%d h" % rng.choice([3, 4, 4, 5])]
    L.traps.append("dialysis-weights")
    lead = doc.lead(size)
    plines = _runs_lines(doc, runs, width - sl - 14, size)
    rh = doc.lead(size) + 5
    hs = small * 1.9
    ph = max(lead * len(plines) + 8, sh)
    doc.need(hs + ph + 2 * rh + 10)
    top = doc.y
    _fill(doc, x0, top, width, hs, rng.choice([0.85, 0.9]))
    doc.text(x0 + 5, top + hs * 0.68, session, _fit(doc, [session], width - 10, small + 0.5, bold=True, floor=5),
             bold=True)
    _frame(doc, x0, top, width, hs + ph, lw=0.7)
    doc.mark("identity")
    _runs_draw(doc, x0 + 7, top + hs + 4, plines, size)
    doc.unmark()
    if sl:
        _slot_set(doc, x0 + width - sl, top + hs)
    y = top + hs + ph
    cw = width / len(heads)
    for j, row in enumerate((heads, vals)):
        for k, v in enumerate(row):
            _frame(doc, x0 + k * cw, y, cw, rh, lw=0.4)
            _cell(doc, x0 + k * cw, y, cw, rh, v, small if j == 0 else size, bold=(j == 0),
                  gray=0.3 if j == 0 else 0)
        y += rh
    doc.y = y + I.size


_CERFA_LABELS = {
    "birth": ["nom de famille de naissance (en capitales)",
              "nom de naissance (tel qu'il figure sur l'acte de naissance)"],
    "used": ["nom d'usage (facultatif et s'il y a lieu)", "nom d'usage (s'il y a lieu)"],
    "firsts": ["prénom(s) (tous les prénoms de naissance)", "prénom(s)"],
    "date": ["date de naissance (jour, mois, année)", "date de naissance"],
    "sex": ["sexe", "sexe (F ou M)"],
    "place": ["lieu de naissance (commune ou pays, avec son code)",
              "commune ou pays de naissance (code géographique)"],
    "ins": ["identifiant national de santé (INS, 15 caractères)", "matricule INS (NIR ou NIA)"],
}


def id_cerfa_fields(doc, I, rng):
    """A section of an official form as the software fills it: a reversed caption bar, each field
    under its printed instruction in small lower-case italics (what to write and how), the value
    typed over a dotted line in a typewriter face, two fields a row where they fit."""
    L = doc.letter
    size = max(7.5, min(I.size, 10))
    small = max(5.5, size - 2.5)
    font = _typed(rng)
    pick = lambda k: rng.choice(_CERFA_LABELS[k])  # noqa: E731
    fields = [(pick("birth"), I.birth)]
    if I.used:
        fields.append((pick("used"), I.used))
    fields.append((pick("firsts"), _f(I, rng, ("all", "all", "all-comma"))))
    fields.append((pick("date"), _d(I, rng, ["spaced", "spaced", "slash", "dot"])))
    fields.append((pick("sex"), _s(I, rng, ["letter", "letter", "word"])))
    if I.place:
        fields.append((pick("place"), _p(I, rng, ["paren", "code-dash", "caps-bracket"])))
    if I.ins:
        fields.append((pick("ins"), _n(I, rng, ["plain", "grouped", "space-key"])))
        if I.oid:
            fields.append(("autorité d'affectation (OID)", M.TEST_OID))
    caption = rng.choice(["PERSONNE RECEVANT LES SOINS", "LE (LA) MALADE", "IDENTIFICATION DE LA PERSONNE SOIGNÉE"])
    number = "%05d*%02d" % (rng.randint(10000, 15999), rng.randint(1, 9))
    L.traps.append("form-number")
    sl, sh = _slot_room(doc)
    x0 = doc.left
    width = doc.right - x0 - sl
    lead = doc.lead(size)
    with _Face(doc, font):
        vw = [doc.sw(v, size) + 16 for _, v in fields]
    lw = [doc.sw(lb, small, italic=True) + 12 for lb, _ in fields]
    half = width / 2
    rows, k = [], 0
    while k < len(fields):
        if k + 1 < len(fields) and max(vw[k], lw[k]) <= half - 6 and max(vw[k + 1], lw[k + 1]) <= half - 6 and \
                rng.random() < 0.75:
            rows.append([k, k + 1])
            k += 2
        else:
            rows.append([k])
            k += 1
    step = small * 1.2 + lead + 6
    hb = small * 2.1
    h = hb + 4 + step * len(rows)
    doc.need(max(h, sh + hb) + 10)
    top = doc.y
    _fill(doc, x0, top, width, hb, rng.choice([0.2, 0.3]))
    doc.text(x0 + 5, top + hb * 0.68, caption, small + 1, bold=True, gray=1.0)
    doc.text(x0 + width - 5, top + hb * 0.68, "cerfa n° " + number, small, gray=1.0, align="right")
    y = top + hb + 4
    doc.mark("identity")
    for r in rows:
        cw = width / len(r)
        for j, k in enumerate(r):
            x = x0 + j * cw
            lb, v = fields[k]
            doc.text(x + 2, y + small, lb, _fit(doc, [lb], cw - 8, small, italic=True, floor=4.5), italic=True,
                     gray=0.35)
            base = y + small * 1.2 + lead * 0.85
            _rule(doc, x + 2, x + cw - 8, base + 2, 0.5, 0.45, dash=(0.6, 1.8))
            with _Face(doc, font):
                doc.text(x + 6, base, v, _fit(doc, [v], cw - 16, size, floor=5))
        y += step
    doc.unmark()
    if sl:
        _slot_set(doc, x0 + width + 2, top + hb)
    doc.y = max(y, top + hb + sh) + I.size * 0.6


def id_teleconsult(doc, I, rng, reason):
    """The body opens on how the teleconsultation took place (date and time, video, platform,
    who else was present) in small italic lines, then one paragraph stating that the identity was
    checked on screen, and whose it is."""
    L = doc.letter
    f = I.sex == "F"
    e = "e" if f else ""
    size = doc.size
    small = max(6.5, size - 1.5)
    when = rng.choice(["de ce jour", "réalisée ce jour"]) + " à " + _hour(rng, 8, 18).replace(":", " h ")
    meta = ["Téléconsultation %s – vidéotransmission – durée %d min" % (when, rng.randint(9, 35)),
            rng.choice(["Plateforme : solution de téléconsultation référencée, connexion sécurisée",
                        "Patient%s à son domicile, médecin au cabinet" % e,
                        "Réalisée en présence d'une infirmière (téléconsultation assistée)"])]
    L.traps += ["teleconsult-time"]
    civ = I.civ(rng, rng.choice(["long", "short"]))
    given = _f(I, rng, ("all", "first", "all"))
    who = "%s %s" % (civ, _who(I, rng, given, order=rng.choice(["given", "family"])))
    bits = ["%s le %s" % (I.born(), _d(I, rng, D_ANY))]
    if I.place:
        bits[-1] += " " + _at(I, rng)
    bits.append("de sexe %s" % _s(I, rng, ["lower", "lower", "letter"]))
    if I.ins:
        ins = rng.choice(["INS ", "matricule INS ", "identifiant national de santé "]) + _n(I, rng, N_ANY)
        if I.oid:
            ins += " (%s)" % _oid()
        bits.append(ins)
    check = rng.choice(["Identité vérifiée à l'écran sur présentation d'une pièce d'identité : ",
                        "Identité contrôlée en début de téléconsultation "
                        "(pièce d'identité montrée à la caméra) : ",
                        "Vérification d'identité par vidéo : "])
    runs = [(check, False, True), (_nb(who) if len(who) < 42 else who, True, False),
            (", " + ", ".join(bits) + ".", False, False)]
    third = ""
    if rng.random() < 0.5:
        t = _someone(rng, family=(I.used or I.birth) if rng.random() < 0.5 else None)
        third = "Présence de %s %s %s (%s) au cours de l'échange." % (t[0], t[1], t[2], rng.choice(
            ["sa fille", "son fils", "son conjoint", "aidant familial", "sa sœur"]))
        L.traps.append("third-party")
    width = doc.right - doc.left
    doc.need(doc.lead(small) * 2 + doc.lead(size) * 4)
    for t in meta:
        doc.para(t, small, italic=True, after=0)
    doc.gap(size * 0.4)
    lines = _runs_lines(doc, runs, width, size)
    doc.need(doc.lead(size) * len(lines) + 2)
    doc.mark("identity")
    doc.y = _runs_draw(doc, doc.left, doc.y, lines, size)
    doc.unmark()
    doc.gap(size * 0.5)
    doc.para("Motif : %s vu%s %s." % ("patiente" if f else "patient", e, reason), size)
    if third:
        doc.para(third, size)


def id_footer_notice(doc, I, rng):
    """At the foot of every page, above the page footer, a notice in small italics: the document
    names the person it concerns in full (names, birth, place, national identifier), and asks
    that any error of identity be reported."""
    H = M.H
    L = doc.letter
    civ = I.civ(rng, rng.choice(["short", "long"]))
    given = _f(I, rng, ("all", "all-comma", "first"))
    name = "%s %s" % (civ, _who(I, rng, given, order=rng.choice(["family", "given"])))
    parts = [_nb(name) if len(name) < 40 else name, "%s le %s" % (I.born(), _d(I, rng, D_ANY))]
    if I.place:
        parts[-1] += " " + _at(I, rng)
    parts.append("sexe " + _s(I, rng, ["letter", "lower"]))
    if I.ins:
        parts.append("INS " + _n(I, rng, N_ANY) + ((" – " + _oid()) if I.oid else ""))
    start = rng.choice(["Document nominatif établi pour ", "Ce document concerne exclusivement ",
                        "Document strictement personnel relatif à "])
    end = rng.choice([" En cas d'erreur sur l'identité, merci de le signaler sans délai à l'expéditeur.",
                      " Si vous n'êtes pas le destinataire de ce document, merci de le détruire et d'en avertir "
                      "l'expéditeur.", ""])
    text = start + ", ".join(parts) + "." + end
    size = rng.choice([6.5, 7, 7.5])
    italic = rng.random() < 0.7
    state = {}
    L.traps.append("identity-notice")

    def foot(d):
        x0 = d.left if d.left < 100 else 45
        x1 = d.right
        if "lines" not in state:
            state["lines"] = d.wrap(text, x1 - x0, size, italic=italic)
        lines = state["lines"]
        lead = size * 1.25
        y = H - 100
        if d.page == 1:
            d.mark("identity")
        _rule(d, x0, x0 + 60, y - size - 1, 0.4, 0.4)
        for t in lines:
            d.text(x0, y, t, size, italic=italic, gray=0.15)
            y += lead
        d.unmark()

    doc.page_end.insert(0, foot)


_SPECIMENS = ["biopsies gastriques (antre x 2, fundus x 2)", "pièce de colectomie droite", "biopsie cutanée (dos)",
              "frottis cervico-utérin en phase liquide", "biopsies prostatiques (12 carottes)",
              "curetage endométrial", "exérèse d'un nævus de la cuisse gauche", "biopsie bronchique"]


def id_anapath(doc, I, rng):
    """The head of a pathology report: three ruled columns under shaded headings, the specimen
    on the left (what, when, by whom), the person in the middle with no labels but the national
    identifier, the examination on the right (its number large, received and validated dates)."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    x0 = doc.left
    width = doc.right - x0
    given = _f(I, rng, ("all", "all", "first"))
    civ = I.civ(rng, rng.choice(["short", "upper"]))
    mid = [(civ + " " + _who(I, rng, given, order="family", conv=rng.choice(["nee", "epouse", "ep"])), True)]
    mid.append(("%s le %s" % (I.born().capitalize(), _d(I, rng, D_ANY)) + (" (%s)" % _age(I) if rng.random() < 0.5
                                                                           else ""), False))
    if I.place:
        mid.append((rng.choice(["Né(e) ", I.born().capitalize() + " "]) + _at(I, rng), False))
    mid.append((_s(I, rng, ["word", "person"]), False))
    if I.ins:
        mid.append(("INS " + _n(I, rng, N_ANY), True))
        if I.oid:
            mid.append((_oid(), False))
    exam = "%s%d-%05d" % (rng.choice(["B", "P", "C", "H"]), 26, rng.randint(1, 99999))
    left = [("Nature", True), (rng.choice(_SPECIMENS), False),
            ("Prélèvement du %s à %s" % (_day(rng, 2, 12), _hour(rng)),
                                                                  False),
            ("Préleveur : " + _doctor_name(rng), False)]
    right = [("Référence examen", True), (exam, True), ("Arrivée au laboratoire : " + _day(rng, 3, 14), False),
             ("Compte rendu validé : " + _day(rng, 15, 22), False)]
    L.traps += ["exam-number", "specimen-dates"]
    heads = [rng.choice(["Prélèvement", "PRÉLÈVEMENT"]),
             rng.choice(["Personne prélevée", "Patient(e)", "PATIENT(E)"]),
             rng.choice(["Examen", "EXAMEN"])]
    ws = [width * 0.3, width * 0.42, width * 0.28]
    hh = doc.lead(small) + 5
    texts = [left, mid, right]
    wrapped = []
    for k, (col, w) in enumerate(zip(texts, ws)):
        out = []
        for t, b in col:
            sz = size + (3 if t == exam else 0) if k == 1 or t == exam else small + 0.5
            for part in doc.wrap(t, w - 10, sz, bold=b):
                out.append((part, sz, b))
        wrapped.append(out)
    body_h = max(sum(doc.lead(sz) for _, sz, _ in col) for col in wrapped) + 8
    doc.need(hh + body_h + 10)
    top = doc.y
    x = x0
    for k, (w, hd) in enumerate(zip(ws, heads)):
        _fill(doc, x, top, w, hh, 0.86)
        _frame(doc, x, top, w, hh + body_h, lw=0.5)
        _cell(doc, x, top, w, hh, hd, small, bold=True)
        y = top + hh + 4
        if k == 1:
            doc.mark("identity")
        for t, sz, b in wrapped[k]:
            y += doc.lead(sz) * 0.8
            doc.text(x + 5, y, t, sz, bold=b)
            y += doc.lead(sz) * 0.2
        if k == 1:
            doc.unmark()
        x += w
    y = top + hh + body_h + doc.lead(small)
    rc = rng.choice(["Renseignements cliniques : suspicion de gastrite, contrôle après éradication.",
                     "Renseignements cliniques : lésion pigmentée évolutive.",
                     "Renseignements cliniques : bilan d'une anomalie à l'imagerie."])
    doc.text(x0, y, rc, _fit(doc, [rc], width, small, italic=True, floor=5), italic=True)
    doc.y = y + I.size


def id_right_sidebar(doc, I, rng):
    """A grey column on the right of the first page holding the file: small capital headings
    (identity, birth, national identifier, stay), a value or two under each; the text of the
    letter runs narrower beside it for the rest of that page."""
    L = doc.letter
    size = max(7, min(I.size - 1, 9))
    small = max(5.5, size - 1.5)
    col_w = rng.choice([118, 128, 138])
    gap = 14
    x1 = doc.right
    x0 = x1 - col_w
    given = _f(I, rng, ("all", "all", "first"))
    groups = []
    names = [(I.birth, True)]
    if I.used:
        names.append(((rng.choice(["usage : ", "nom d'usage : "]) + I.used), False))
    names.append((given, False))
    names.append((_s(I, rng, ["word", "person", "both"]), False))
    groups.append((rng.choice(["PERSONNE", "CIVILITÉ ET NOMS"]), names))
    birth = [(_d(I, rng, D_ANY), False)]
    if I.place:
        birth.append((_p(I, rng, P_ANY), False))
    groups.append((rng.choice(["NAISSANCE", "NÉ·E LE / À"]), birth))
    if I.ins:
        ins = [(_n(I, rng, ["grouped", "plain", "key-dash"]), True)]
        if I.oid:
            ins.append((M.TEST_OID, False))
        groups.append((rng.choice(["NUMÉRO INS", "INS – MATRICULE"]), ins))
    stay = []
    if I.ipp:
        stay.append(("IPP " + I.ipp, False))
        I.uses.add("ipp")
    if I.nda and rng.random() < 0.6:
        stay.append(("Venue " + I.nda, False))
        I.uses.add("nda")
    if stay:
        groups.append((rng.choice(["DOSSIER", "SÉJOUR"]), stay))
    rows = []
    for hd, vals in groups:
        rows.append((hd, small, True, 0.4))
        for t, b in vals:
            for part in doc.wrap(t, col_w - 14, size, bold=b):
                rows.append((part, size, b, 0))
        rows.append(("", size * 0.5, False, 0))
    h = sum(doc.lead(sz) for _, sz, _, _ in rows) + 10
    doc.need(min(h, 200))
    top = doc.y
    if top + h > doc.st.bottom:
        doc.new_page()
        top = doc.y
    _fill(doc, x0, top, col_w, h, rng.choice([0.92, 0.94, 0.96]), radius=rng.choice([0, 3]))
    y = top + 5
    doc.mark("identity")
    for t, sz, b, g in rows:
        y += doc.lead(sz) * 0.8
        if t:
            doc.text(x0 + 7, y, t, _fit(doc, [t], col_w - 12, sz, bold=b, floor=4.5), bold=b, gray=g)
        y += doc.lead(sz) * 0.2
    doc.unmark()
    old = doc.right
    page = doc.page
    bottom = top + h
    doc.right = x0 - gap
    plain_line = doc.line

    def line(s, size=None, bold=False, italic=False, x=None, gray=0.0, lead=None, align="left"):
        # Lines set at a fixed place (the signature) move left of the column beside it.
        if x is not None and doc.page == page and doc.y < bottom + 6:
            w = doc.sw(s, size, bold, italic)
            if x + w > doc.right:
                x = max(doc.left, doc.right - w)
        return plain_line(s, size, bold, italic, x, gray, lead, align)

    def restore(d):
        if d.page != page:
            d.right = old

    doc.line = line
    doc.page_start.append(restore)
    L.traps.append("sidebar")
    doc.gap(size * 0.3)


def id_merge_fields(doc, I, rng):
    """A word-processing template merged from the record and printed with its field shading on:
    the template's labels ('… du patient') at the left, each merged value on a light grey
    background at a tab stop."""
    L = doc.letter
    f = I.sex == "F"
    du = rng.choice(["du patient", "de la patiente" if f else "du patient", "du (de la) patient(e)"])
    size = I.size
    rows = [("Nom de naissance %s" % du, I.birth)]
    if I.used:
        rows.append(("Nom d'usage %s" % du, I.used))
    rows.append(("Prénom(s) %s" % du, _f(I, rng, ("all", "all", "all-comma"))))
    rows.append(("Date de naissance", _d(I, rng, D_ANY)))
    rows.append(("Sexe", _s(I, rng, S_ANY)))
    if I.place:
        rows.append(("Lieu de naissance", _p(I, rng, P_ANY)))
    if I.ins:
        rows.append(("Matricule INS %s" % du, _n(I, rng, N_ANY)))
        if I.oid:
            rows.append(("OID du matricule", M.TEST_OID))
    upper = rng.random() < 0.35
    if upper:
        rows = [(lb.upper(), v) for lb, v in rows]
    colon = rng.choice([" :", ":", ""])
    x = doc.left + rng.choice([0, 0, 18])
    tab = x + max(doc.sw(lb + colon, size) for lb, _ in rows) + rng.choice([10, 18, 28])
    if tab > doc.left + (doc.right - doc.left) * 0.55:
        tab = doc.left + (doc.right - doc.left) * 0.55
        size = _fit(doc, [lb + colon for lb, _ in rows], tab - x - 8, size, floor=6)
    lead = doc.lead(size) * rng.choice([1.05, 1.15])
    shade = rng.choice([0.86, 0.9])
    doc.need(lead * len(rows) + 8)
    doc.mark("identity")
    for lb, v in rows:
        doc.y += lead * 0.8
        doc.text(x, doc.y, lb + colon, size)
        vs = _fit(doc, [v], doc.right - tab - 4, size, floor=5.5)
        w = doc.sw(v, vs)
        _fill(doc, tab - 1, doc.y - vs * 0.85, w + 2, vs * 1.15, shade, record=False)
        doc.text(tab, doc.y, v, vs)
        doc.y += lead * 0.2
    doc.unmark()
    L.traps.append("field-shading")
    doc.gap(size)


_IMPLANTS = [("Prothèse totale de hanche – cupule", "CUP-%d-%02d"),
             ("Prothèse totale de hanche – tige", "STM-%d-%02d"),
             ("Implant intraoculaire monofocal", "IOL%d.%d"), ("Stimulateur cardiaque double chambre", "PM%d-%02d"),
             ("Vis d'interférence résorbable", "VR%d-%02d"), ("Plaque verrouillée radius distal", "PL%d/%02d"),
             ("Endoprothèse coronaire active", "DES%d-%02d"), ("Treillis de renfort pariétal", "MSH%d-%02d")]


def id_implant_traceability(doc, I, rng):
    """A record of implanted devices (the surgery's traceability sheet): the person who received
    them on one bold line and a second line, then a ruled table of the devices with their maker,
    reference, lot and the long unique device identifier read from the box."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    x0 = doc.left
    width = doc.right - x0
    sl, sh = _slot_room(doc)
    given = _f(I, rng, ("all", "first"))
    civ = I.civ(rng, rng.choice(["short", "long"]))
    l1 = rng.choice(["Patient(e) implanté(e) : ", "Personne implantée : ", "Implanté(e) : "]) + "%s %s" % (
        civ, _who(I, rng, given, conv=rng.choice(["nee", "epouse", "usage"])))
    bits = ["%s le %s" % (I.born(), _d(I, rng, D_ANY)), "sexe " + _s(I, rng, ["letter", "lower"])]
    if I.place:
        bits.insert(1, _at(I, rng))
    if I.ins:
        bits.append("INS " + _n(I, rng, N_ANY))
        if I.oid:
            bits.append(_oid())
    sep = rng.choice([" – ", " ; ", ", "])
    lead = doc.lead(size)
    pl = doc.wrap(l1, width - sl - 8, size, bold=True) + doc.wrap(sep.join(bits), width - sl - 8, size)
    nb = rng.randint(1, 3)
    rows = []
    for name, ref in rng.sample(_IMPLANTS, nb):
        gtin = "0%013d" % rng.randint(10 ** 11, 10 ** 13 - 1)
        lot = "%s%04d%s" % (rng.choice(["L", "", "B"]), rng.randint(1, 9999), rng.choice(["A", "K", "X", ""]))
        exp = "%02d%02d%02d" % (rng.randint(27, 31), rng.randint(1, 12), rng.randint(1, 28))
        maker = rng.choice(["Medtronic", "Zimmer Biomet", "Stryker", "Alcon", "Boston Scientific", "B. Braun",
                            "Smith & Nephew"])
        rows.append((name, maker, ref % (rng.randint(100, 999), rng.randint(1, 60)),
                     lot, "(01)%s(17)%s(10)%s" % (gtin, exp, lot)))
    L.traps += ["implant-lot", "udi"]
    heads = ("Dispositif", "Fabricant", "Référence", "Lot", "IUD (code lu)")
    ws = [max(doc.sw(r[i], small) for r in rows + [heads]) + 10 for i in range(5)]
    if sum(ws) > width:
        k = width / sum(ws)
        ws = [w * k for w in ws]
    else:
        ws[0] += width - sum(ws)
    rh = doc.lead(small) + 4
    title = rng.choice(["TRAÇABILITÉ DES DISPOSITIFS MÉDICAUX IMPLANTABLES", "Fiche de traçabilité DMI",
                        "DISPOSITIFS IMPLANTÉS – TRAÇABILITÉ"])
    ph = max(lead * len(pl) + 6, sh)
    doc.need(size * 2 + ph + rh * (len(rows) + 1) + lead * 2 + 10)
    doc.line(title, size + 0.5, bold=True)
    top = doc.y + 2
    doc.mark("identity")
    y = top
    for k, t in enumerate(pl):
        y += lead * 0.8
        doc.text(x0, y, t, size, bold=(k < len(doc.wrap(l1, width - sl - 8, size, bold=True))))
        y += lead * 0.2
    doc.unmark()
    if sl:
        _slot_set(doc, doc.right - sl, top)
    y = top + ph + 4
    _fill(doc, x0, y, width, rh, 0.88)
    for r in [heads] + rows:
        x = x0
        for v, w in zip(r, ws):
            _frame(doc, x, y, w, rh, lw=0.4)
            _cell(doc, x, y, w, rh, v, small, bold=(r is heads), floor=4.0)
            x += w
        y += rh
    y += doc.lead(small)
    t = "Date de pose : %s – opérateur : %s" % (_day(rng), _doctor_name(rng))
    doc.text(x0, y, t, _fit(doc, [t], width, small, floor=5), italic=True)
    doc.y = y + I.size


def id_identity_fix(doc, I, rng):
    """An identity correction put at the head of a document issued again: a ruled two-column table,
    the provisional identity the first issue carried (struck through, not to be used any more)
    beside the qualified identity that replaces it."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    x0 = doc.left
    width = doc.right - x0
    y_, m_, d_ = I.iso.split("-")
    given = _f(I, rng, ("all", "all", "all-comma"))
    # What the first issue got wrong: the name in use taken for the birth name, the day and month
    # unknown (1st January), or them swapped, and the later first names left out.
    old_birth = I.used if I.used and rng.random() < 0.6 else I.birth
    if (m_, d_) != ("01", "01") and rng.random() < 0.5:
        old_date = "01/01/%s" % y_
    elif int(d_) <= 12 and d_ != m_:
        old_date = "%s/%s/%s" % (m_, d_, y_)
    else:
        old_date = "%02d/%s/%s" % ((int(d_) % 28) + 1, m_, y_)
    old = [old_birth, I.firsts[0], old_date, "—" if not I.place else rng.choice(["inconnu", "non renseigné", "—"]),
           "—"]
    new = [I.birth, given, _d(I, rng, D_NUM + ["words"]), _p(I, rng, P_ANY) if I.place else "—",
           _n(I, rng, N_ANY) if I.ins else "—"]
    labels = [rng.choice(["Nom de naissance", "Nom de naissance (état civil)"]), "Prénom(s)", "Date de naissance",
              "Lieu de naissance", "Matricule INS"]
    sex = _s(I, rng, ["word", "letter"])
    labels.insert(3, "Sexe")
    old.insert(3, sex)
    new.insert(3, sex)
    if I.used:
        labels.insert(1, "Nom d'usage")
        old.insert(1, "—")
        new.insert(1, I.used)
    if I.ins and I.oid:
        labels.append("OID")
        old.append("—")
        new.append(M.TEST_OID)
    heads = (rng.choice(["Élément", "Rubrique"]),
             rng.choice(["Identité provisoire (erronée – ne plus utiliser)",
                         "Ancienne identité (à ne plus utiliser)"]),
             rng.choice(["Identité qualifiée (à utiliser)", "Identité corrigée et qualifiée"]))
    L.traps.append("superseded-identity")
    lw = max(doc.sw(t, small, bold=True) for t in labels + [heads[0]]) + 10
    cw = (width - lw) / 2
    rh = doc.lead(size) + 4
    note = rng.choice(["Ce document annule et remplace la version émise le %s sous une identité provisoire."
                       % "%02d/10/2026" % rng.randint(2, 28),
                       "Rectification d'identité (cellule d'identitovigilance, %s) : merci de mettre à jour vos "
                       "dossiers." % _day(rng, 2, 6)])
    nl = doc.wrap(note, width, small, italic=True)
    doc.need(rh * (len(labels) + 1) + doc.lead(small) * (len(nl) + 1) + 10)
    for t in nl:
        doc.line(t, small, italic=True)
    top = doc.y + 3
    _fill(doc, x0, top, width, rh, 0.86)
    _cell(doc, x0, top, lw, rh, heads[0], small, bold=True)
    _cell(doc, x0 + lw, top, cw, rh, heads[1], small, bold=True)
    _cell(doc, x0 + lw + cw, top, cw, rh, heads[2], small, bold=True)
    for k in range(3):
        _frame(doc, x0 + (0, lw, lw + cw)[k], top, (lw, cw, cw)[k], rh, lw=0.5)
    y = top + rh
    doc.mark("identity")
    for lb, o, n in zip(labels, old, new):
        _frame(doc, x0, y, lw, rh, lw=0.4)
        _frame(doc, x0 + lw, y, cw, rh, lw=0.4)
        _frame(doc, x0 + lw + cw, y, cw, rh, lw=0.4)
        _cell(doc, x0, y, lw, rh, lb, small, bold=True)
        if o != "—" and o != n:
            sz = _fit(doc, [o], cw - 8, size, floor=5)
            base = y + rh / 2 + sz * 0.33
            w = doc.text(x0 + lw + 4, base, o, sz, gray=0.35)
            _rule(doc, x0 + lw + 3, x0 + lw + 5 + w, base - sz * 0.3, 0.6, 0.2)
        else:
            _cell(doc, x0 + lw, y, cw, rh, o, size, gray=0.35)
        _cell(doc, x0 + lw + cw, y, cw, rh, n, size, bold=True)
        y += rh
    doc.unmark()
    doc.y = y + I.size


def id_vitale_read(doc, I, rng):
    """What the software read on the health insurance card, as it prints it: the insured
    person's number, a small ruled table of the people on the card (rank, name, first name,
    birth date, capacity), then the identity returned for the patient by the national identity
    service on its own lines."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    x0 = doc.left
    width = doc.right - x0
    sl, sh = _slot_room(doc)
    ins_ = I.insured
    f = I.sex == "F"
    rows = []
    if ins_:
        nir = ins_["nir"]
        yy, mm = nir[1:3], nir[3:5]
        year = ("19" if int(yy) > 26 else "20") + yy
        mm = mm if 1 <= int(mm) <= 12 else "06"
        rows.append(("01", ins_["family"], ins_["given"], "%02d/%s/%s" % (rng.randint(1, 28), mm, year),
                     "Assuré(e)"))
        rows.append(("02", I.used or I.birth, I.firsts[0], _d(I, rng, ["slash"]),
                     "Enfant" if I.child else ("Conjointe" if f else "Conjoint")))
        number = M.ins_format(nir, rng.choice(["grouped", "plain"])).replace(" ", M.NBSP)
        L.traps.append("card-insured-number")
    else:
        rows.append(("01", I.used or I.birth, I.firsts[0], _d(I, rng, ["slash"]), "Assuré(e)"))
        number = None
    I.first_names(rng, "first")
    heads = ("Rang", "Nom", "Prénom", "Né(e) le", "Qualité")
    cap = "Données lues sur la carte Vitale le %s" % _day(rng)
    if number:
        cap += rng.choice([" – N° d'immatriculation de l'assuré(e) : ",
                           " – N° de l'assuré(e) titulaire : "]) + number
    cap += " – régime : %s" % rng.choice(["général", "agricole", "indépendants"])
    capl = doc.wrap(cap, width, small, italic=True)
    given = _f(I, rng, ("all", "all", "all-comma"))
    ilines = [(rng.choice(["Identité INS retournée par le téléservice : ",
                            "Identité qualifiée (téléservice INSi) : "])
               if I.ins else "Identité de la personne soignée : ", small, True)]
    name = rng.choice(["Nom de naissance : %s", "NOM de naissance : %s"]) % I.birth
    if I.used:
        name += " – nom utilisé : " + I.used
    ilines.append((name, size, False))
    ilines.append(("Prénoms : %s – %s le %s" % (given, I.born(), _d(I, rng, D_ANY)), size, False))
    l3 = "Sexe : " + _s(I, rng, S_ANY)
    if I.place:
        l3 += " – lieu de naissance : " + _p(I, rng, P_ANY)
    ilines.append((l3, size, False))
    if I.ins:
        ilines.append(("Matricule INS : " + _n(I, rng, N_ANY) + ("  " + _oid() if I.oid else ""), size, True))
    wrapped = []
    for t, sz, b in ilines:
        wrapped += [(p, sz, b) for p in doc.wrap(t, width - sl - 6, sz, bold=b)]
    ws = [max(doc.sw(r[i], small) for r in rows + [heads]) + 14 for i in range(5)]
    ws[1] += max(0, (width * 0.75) - sum(ws))
    rh = doc.lead(small) + 4
    ih = sum(doc.lead(sz) for _, sz, _ in wrapped)
    doc.need(doc.lead(small) * len(capl) + rh * (len(rows) + 1) + max(ih, sh) + 14)
    for t in capl:
        doc.line(t, small, italic=True, gray=0.2)
    y = doc.y + 2
    x = x0
    for r in [heads] + rows:
        x = x0
        if r is heads:
            _fill(doc, x0, y, sum(ws), rh, 0.9)
        for v, w in zip(r, ws):
            _frame(doc, x, y, w, rh, lw=0.4)
            _cell(doc, x, y, w, rh, v, small, bold=(r is heads))
            x += w
        y += rh
    L.traps.append("card-table")
    y += 4
    top = y
    doc.mark("identity")
    for t, sz, b in wrapped:
        y += doc.lead(sz) * 0.8
        doc.text(x0, y, t, sz, bold=b)
        y += doc.lead(sz) * 0.2
    doc.unmark()
    if sl:
        _slot_set(doc, doc.right - sl, top)
    doc.y = max(y, top + sh) + I.size * 0.8


def id_slash_label(doc, I, rng):
    """The head of a laboratory report as the lab system prints it, between two rules in a
    typewriter face: the request and sampling on the first line, then the person as
    'NAME/First names', the sex and the birth date, then the national identifier and the birth
    place code."""
    L = doc.letter
    font = _typed(rng)
    size = max(7, min(I.size - 0.5, 9.5))
    caps = rng.random() < 0.35
    given = _f(I, rng, ("all", "first", "all"))
    given = M.insi(given) if caps else given
    name = "%s/%s" % (I.birth, given)
    if I.used:
        name += rng.choice(["  (usage %s)", "  NU %s", "  ép. %s" if I.sex == "F" else "  usage %s"]) % I.used
    L.names_unordered = caps  # 'DUPONT/MARIE': which word is the given name, no label says (see truth_of)
    h0 = rng.randint(6, 11)
    line0 = "Dem. %s%06d   Prél. %02d/11/26 %02d:%02d   Rec. %02d:%02d" % (
        rng.choice(["26", "A26", "L"]), rng.randint(1, 999999), rng.randint(2, 22), h0, rng.randint(0, 59), h0 + 1,
        rng.randint(0, 59))
    line1 = "%s   %s   %s (%s)" % (name, I.sex, _d(I, rng, ["dot", "slash", "dot"]).replace(M.NBSP, " "),
                                   _age(I).replace(" ans", " a"))
    bits = []
    if I.ins:
        bits.append("INS %s" % _n(I, rng, ["plain", "key-dash", "space-key"]).replace(M.NBSP, " "))
        if I.oid:
            bits.append("OID %s" % M.TEST_OID)
    if I.place:
        bits.append("LN %s" % _p(I, rng, ["code", "code", "paren"]))
    if I.ipp:
        bits.append("Dos. %s" % I.ipp)
        I.uses.add("ipp")
    texts = [line0, line1] + (["   ".join(bits)] if bits else [])
    L.traps += ["request-number", "sampling-time"]
    x0 = doc.left
    width = doc.right - x0
    with _Face(doc, font):
        sz = _fit(doc, texts, width - 8, size, floor=5)
        lead = sz * 1.35
        h = lead * len(texts) + 8
        doc.need(h + 10)
        top = doc.y
        _rule(doc, x0, doc.right, top, 1.0)
        y = top + 3
        for k, t in enumerate(texts):
            y += lead * 0.85
            if k == 1:
                doc.mark("identity")
            doc.text(x0 + 2, y, t, sz, bold=(k == 1))
            y += lead * 0.15
        doc.unmark()
        _rule(doc, x0, doc.right, top + h, 0.4)
    doc.y = top + h + I.size


_CHECK_ITEMS = [["Identité du patient confirmée", "Intervention et site confirmés", "Installation connue",
                 "Risque allergique vérifié"],
                ["Vérification « ultime » croisée", "Partage des informations essentielles",
                 "Antibioprophylaxie effectuée"],
                ["Compte final des compresses", "Étiquetage des prélèvements", "Prescriptions post-opératoires"]]


def id_surgical_checklist(doc, I, rng):
    """The head of an operating-room safety checklist: the person in a framed box under a caption
    telling how the identity was confirmed, then the three phases of the checklist side by side,
    each item with yes and no boxes and the time of the phase."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    x0 = doc.left
    width = doc.right - x0
    sl, sh = _slot_room(doc)
    cap = rng.choice(["Identité confirmée par le patient et sur le bracelet",
                      "Identité vérifiée (bracelet + dossier)",
                      "Identification du patient – vérification croisée"])
    given = _f(I, rng, ("all", "first", "all"))
    pairs = [("Nom", _who(I, rng, given, order="family", conv=rng.choice(["nee", "epouse", "ep"])))]
    pairs.append(("Né(e) le", _d(I, rng, D_ANY)))
    pairs.append(("Sexe", _s(I, rng, S_ANY)))
    if I.place:
        pairs.append(("Commune/pays de naiss.", _p(I, rng, P_ANY)))
    if I.ins:
        pairs.append(("INS", _n(I, rng, N_ANY)))
        if I.oid:
            pairs.append(("OID", M.TEST_OID))
    lead = doc.lead(size)
    inner = width - sl - 12
    # The pairs run on, two or three a line when they fit.
    lines, cur, used = [], [], 0
    gap = 18
    for lb, v in pairs:
        w = doc.sw(lb + " : ", small) + doc.sw(v, size, bold=True)
        if cur and used + gap + w > inner:
            lines.append(cur)
            cur, used = [], 0
        cur.append((lb, v))
        used += (gap if len(cur) > 1 else 0) + w
    if cur:
        lines.append(cur)
    hb = small * 1.9
    ph = max(hb + lead * len(lines) + 6, sh)
    phases = [("AVANT INDUCTION ANESTHÉSIQUE", _hour(rng, 7, 9)), ("AVANT INTERVENTION", _hour(rng, 9, 10)),
              ("APRÈS INTERVENTION", _hour(rng, 10, 13))]
    L.traps += ["checklist-times"]
    cw = width / 3
    ih = doc.lead(small) + 3
    th = ih * (1 + max(len(c) for c in _CHECK_ITEMS)) + 8
    title = rng.choice(["CHECK-LIST « SÉCURITÉ DU PATIENT AU BLOC OPÉRATOIRE »",
                        "Check-list sécurité au bloc opératoire"])
    doc.need(size * 2 + ph + th + 12)
    doc.line(title, size, bold=True)
    top = doc.y + 2
    _frame(doc, x0, top, width, ph, lw=0.7)
    _fill(doc, x0 + 0.7, top + 0.7, width - 1.4, hb - 0.7, 0.9)
    doc.text(x0 + 6, top + hb * 0.7, cap, small, italic=True)
    doc.mark("identity")
    y = top + hb + 2
    for ln in lines:
        y += lead * 0.8
        x = x0 + 6
        for lb, v in ln:
            x += doc.text(x, y, lb + " : ", small, gray=0.3)
            x += doc.text(x, y, v, size, bold=True) + gap
        y += lead * 0.2
    doc.unmark()
    if sl:
        _slot_set(doc, x0 + width - sl, top)
    y = top + ph + 4
    for k, ((ph_name, hour), items) in enumerate(zip(phases, _CHECK_ITEMS)):
        x = x0 + k * cw
        _frame(doc, x, y, cw - 4, th, lw=0.4)
        _cell(doc, x, y, cw - 4, ih, "%s – %s" % (ph_name, hour), small - 0.5, bold=True, floor=4)
        yy = y + ih
        for it in items:
            yy += ih
            b = _tick(doc, x + 4, yy - 1, small, True)
            t = it
            doc.text(x + 8 + b, yy - 1, t, _fit(doc, [t], cw - 20 - b, small - 0.5, floor=4), gray=0.1)
    doc.y = y + th + I.size


def id_regulation(doc, I, rng):
    """A medical regulation record of the emergency call centre: the file number and the call on
    a shaded line, the caller with their phone, the place of the call, then the person concerned
    in label and value lines, then the decision taken."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    x0 = doc.left
    width = doc.right - x0
    sl, sh = _slot_room(doc)
    dep = L.hospital["city"][0][:2]
    file_no = "%s-2611-%05d" % (dep, rng.randint(1, 99999))
    head = "Dossier de régulation n° %s – appel reçu le %s à %s" % (file_no, _day(rng, 2, 21), _hour(rng, 0, 23))
    who = _someone(rng, family=(I.used or I.birth) if rng.random() < 0.4 else None)
    relation = rng.choice(["conjoint(e)", "voisin(e)", "fille", "fils", "aide à domicile"])
    mobile = _phone(rng, rng.choice(["06", "07"]) + " %02d" % rng.randint(10, 99))
    caller = "Appelant : %s %s %s (%s) – tél. %s" % (who[0], who[1], who[2], relation, mobile)
    L.traps += ["caller", "caller-phone", "regulation-number"]
    given = _f(I, rng, ("all", "first", "all"))
    rows = [(rng.choice(["Personne concernée", "Patient(e) régulé(e)"]), "%s %s" % (
        I.civ(rng, "short"), _who(I, rng, given, conv=rng.choice(["nee", "epouse", "ep"]))))]
    rows.append(("Naissance", "%s (%s)" % (_d(I, rng, D_ANY), _age(I))))
    rows.append(("Sexe", _s(I, rng, S_ANY)))
    if I.place:
        rows.append(("Lieu de naissance", _p(I, rng, P_ANY)))
    if I.ins:
        rows.append(("INS", _n(I, rng, N_ANY)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    decision = rng.choice(["Décision : envoi d'un SMUR, transport vers les urgences.",
                           "Décision : conseil médical, consultation du médecin traitant dans les 24 h.",
                           "Décision : envoi d'une ambulance privée, orientation vers le service d'accueil."])
    lead = doc.lead(size)
    lw = max(doc.sw(lb, small, bold=True) for lb, _ in rows) + 12
    h0 = doc.lead(small) * 1.6
    hc = doc.lead(small) * 2 + 4
    hp = max(lead * len(rows) + 6, sh)
    doc.need(h0 + hc + hp + doc.lead(small) * 2 + 10)
    top = doc.y
    _fill(doc, x0, top, width, h0, 0.88)
    doc.text(x0 + 5, top + h0 * 0.7, head, _fit(doc, [head], width - 10, small + 0.5, bold=True, floor=5), bold=True)
    y = top + h0
    for t in (caller, "Lieu : " + L.patient["home"][0] + ", " + L.patient["home"][1] + " " + L.patient["home"][2]):
        y += doc.lead(small)
        doc.text(x0 + 5, y - 1, t, _fit(doc, [t], width - 10, small, floor=4.5))
    y += 4
    _rule(doc, x0, doc.right, y, 0.4, 0.4)
    ptop = y + 2
    doc.mark("identity")
    y = ptop
    for lb, v in rows:
        y += lead * 0.8
        doc.text(x0 + 5, y, lb, small, bold=True, gray=0.3)
        doc.text(x0 + 5 + lw, y, v, _fit(doc, [v], width - sl - lw - 12, size, floor=5))
        y += lead * 0.2
    doc.unmark()
    if sl:
        _slot_set(doc, doc.right - sl, ptop)
    y = max(y, ptop + sh) + 3
    _rule(doc, x0, doc.right, y, 0.4, 0.4)
    y += doc.lead(small)
    doc.text(x0 + 5, y, decision, _fit(doc, [decision], width - 10, small, italic=True, floor=5), italic=True)
    doc.y = y + I.size


def id_wristband(doc, I, rng):
    """An identification wristband reproduced in the flow: a long rounded strip with its clasp
    and holes, the name in bold and the birth on two lines inside, a bar code at its end; the
    line under it tells when it was put on and adds the birth place and the national
    identifier."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9))
    caps = rng.random() < 0.4
    given = _f(I, rng, ("first", "all", "first"))
    fam = I.used or I.birth
    name = "%s %s" % (fam, M.insi(given) if caps else given)
    L.names_unordered = caps  # 'DUPONT MARIE' alone on the band (see truth_of)
    l2 = "%s %s  %s  %s" % (rng.choice(["Né(e) le", "DDN"]), _d(I, rng, ["slash", "dot", "slash"]),
                            I.sex, _age(I))
    if I.used:
        l2 += "  " + rng.choice(["NN ", "naiss. ", "né(e) "]) + I.birth
    l3 = ("IPP %s" % I.ipp) if I.ipp else ""
    if I.ipp:
        I.uses.add("ipp")
    x0 = doc.left
    width = min(doc.right - x0, rng.choice([360, 400, 430]))
    hb = size * 4.4 + (size * 1.2 if l3 else 0)
    under = []
    if I.place:
        under.append("Lieu de naissance : " + _p(I, rng, P_ANY))
    if I.ins:
        under.append(rng.choice(["INS : ", "Matricule INS : "]) + _n(I, rng, N_ANY) + ("  " + _oid() if I.oid else ""))
    posed = rng.choice(["Bracelet posé le %s à %s par %s %s (IDE)", "Bracelet d'identification posé le %s à %s, "
                                                                     "contrôlé par %s %s"])
    nurse = _someone(rng, "F" if rng.random() < 0.8 else "M")
    caption = posed % (_day(rng), _hour(rng), nurse[1], nurse[2])
    L.traps += ["wristband-time"]
    lead = doc.lead(size)
    ul = _wrap_lines(doc, ["   ".join(under)], doc.right - x0, size) if under else []
    doc.need(doc.lead(size) + hb + lead * len(ul) + 14)
    doc.line(caption, max(6, size - 1), italic=True, gray=0.3)
    top = doc.y + 3
    _frame(doc, x0, top, width, hb, lw=0.8, radius=hb / 2.2, fill=rng.choice([None, 0.96, 0.93]))
    c = doc.c
    c.saveState()
    c.setLineWidth(0.6)
    for k in range(3):  # the holes of the strap
        c.circle(x0 + hb * 0.45 + k * 9, M.H - top - hb / 2, 2.2, stroke=1, fill=0)
    c.restoreState()
    tx = x0 + hb * 0.45 + 30
    bar_w = rng.choice([60, 70, 80])
    inner = width - (tx - x0) - bar_w - 16
    ns = _fit(doc, [name], inner, size + 1.5, bold=True, floor=6)
    doc.mark("identity")
    y = top + hb * 0.18 + ns
    doc.text(tx, y, name, ns, bold=True)
    y += size * 1.35
    doc.text(tx, y, l2, _fit(doc, [l2], inner, size, floor=5))
    if l3:
        y += size * 1.2
        doc.text(tx, y, l3, size - 0.5)
    doc.unmark()
    bx = x0 + width - bar_w - hb * 0.3
    xx = bx
    c.saveState()
    while xx < bx + bar_w - 2:
        bw = rng.choice([0.6, 0.6, 1.2, 1.8])
        if rng.random() < 0.55:
            c.rect(xx, M.H - top - hb * 0.78, bw, hb * 0.56, stroke=0, fill=1)
        xx += bw + rng.choice([0.6, 1.2])
    c.restoreState()
    doc.add_box((bx, top + hb * 0.22, bx + bar_w, top + hb * 0.78))
    y = top + hb + 2
    doc.mark("identity")
    for t in ul:
        y += lead * 0.8
        doc.text(x0, y, t, size)
        y += lead * 0.2
    doc.unmark()
    L.traps.append("wristband")
    doc.y = y + I.size


def id_stay_timeline(doc, I, rng):
    """The person hospitalised on one line under a small caption, the traits separated by long
    dashes and unlabelled but the national identifier; under it the stay drawn as a timeline
    (admission, operation, transfer, discharge), each step a dot with its day of stay."""
    L = doc.letter
    size = max(7.5, min(I.size, 10))
    small = max(5.5, size - 2)
    x0 = doc.left
    width = doc.right - x0
    sl, sh = _slot_room(doc)
    given = _f(I, rng, ("all", "first", "all"))
    civ = I.civ(rng, rng.choice(["short", "long"]))
    parts = ["%s %s" % (civ, _who(I, rng, given, order=rng.choice(["family", "given"])))]
    parts.append(_d(I, rng, D_ANY))
    parts.append(_s(I, rng, ["letter", "word"]))
    if I.place:
        parts.append(_p(I, rng, ["paren", "code-dash", "caps-bracket"]))
    if I.ins:
        parts.append("INS " + _n(I, rng, N_ANY))
        if I.oid:
            parts.append(_oid())
    sep = rng.choice([" — ", " – ", " · "])
    cap = rng.choice(["Personne hospitalisée", "PERSONNE HOSPITALISÉE", "Parcours de"])
    lead = doc.lead(size)
    lines = doc.wrap(sep.join(_nb(p) if len(p) < 38 else p for p in parts), width - sl - 4, size)
    steps = [("Entrée", 0), (rng.choice(["Bloc", "Intervention", "Coronarographie", "Endoscopie"]), rng.randint(1, 3))]
    if rng.random() < 0.5:
        steps.append((rng.choice(["Soins continus", "Transfert SSR", "Réanimation"]),
                      steps[-1][1] + rng.randint(1, 3)))
    steps.append(("Sortie", steps[-1][1] + rng.randint(1, 6)))
    L.traps.append("stay-timeline")
    th = small * 3.6 + 8
    doc.need(small * 1.6 + lead * len(lines) + th + 12)
    doc.line(cap, small + 0.5, bold=True, gray=0.35)
    top = doc.y
    bold = rng.random() < 0.4
    doc.mark("identity")
    y = top
    for t in lines:
        y += lead * 0.8
        doc.text(x0, y, t, size, bold=bold)
        y += lead * 0.2
    doc.unmark()
    if sl:
        _slot_set(doc, doc.right - sl, top - small)
    y = max(y, top + sh - small) + small * 1.8
    lx0, lx1 = x0 + 20, x0 + width - sl - 30
    _rule(doc, lx0, lx1, y, 1.2, 0.4)
    n = len(steps)
    c = doc.c
    for k, (what, day) in enumerate(steps):
        cx = lx0 + (lx1 - lx0) * k / (n - 1)
        c.saveState()
        c.setFillGray(0.2)
        c.circle(cx, M.H - y, 3, stroke=0, fill=1)
        c.restoreState()
        doc.text(cx, y - 6, what, small, bold=True, align="centre")
        doc.text(cx, y + small + 4, "J%d" % day if day else "J0", small, align="centre", gray=0.3)
    doc.y = y + small * 2 + I.size


IDENTITY_FAMILIES = {
    "m-id-a": (id_cartouche, "top-right"),
    "m-id-b": (id_dialysis_sheet, "flow"),
    "m-id-c": (id_cerfa_fields, "flow"),
    "m-id-d": (id_teleconsult, "body"),
    "m-id-e": (id_footer_notice, "footer"),
    "m-id-f": (id_anapath, "flow"),
    "m-id-g": (id_right_sidebar, "flow"),
    "m-id-h": (id_merge_fields, "flow"),
    "m-id-i": (id_implant_traceability, "flow"),
    "m-id-j": (id_identity_fix, "flow"),
    "m-id-k": (id_vitale_read, "flow"),
    "m-id-l": (id_slash_label, "flow"),
    "m-id-m": (id_surgical_checklist, "flow"),
    "m-id-n": (id_regulation, "flow"),
    "m-id-o": (id_wristband, "flow"),
    "m-id-p": (id_stay_timeline, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Professionals as these families print them


def _pname(p, rng, form):
    """(text, given form) of a professional's name."""
    f = p.sex == "F"
    if not p.title:  # not a doctor
        civ = "Mme" if f else "M."
        if form in ("initial", "family"):
            return "%s %s %s" % (civ, M.initials(p.given), p.family), "initial"
        return "%s %s %s" % (civ, p.given, p.family), "full"
    short, word = ("Pr", "Professeur") if p.title == "PR" else ("Dr", "Docteur")
    if form == "dr-gf":
        return "%s %s %s" % (short, p.given, p.family), "full"
    if form == "word-gf":
        return "%s %s %s" % (word, p.given, p.family), "full"
    if form == "dr-fg":
        return "%s %s %s" % (short, p.family, p.given), "full"
    if form == "word-fg":
        return "%s %s %s" % (word, p.family, p.given), "full"
    if form == "initial":
        return "%s %s %s" % (short, M.initials(p.given), p.family), "initial"
    if form == "family":
        return "%s %s" % (short, p.family), "none"
    raise ValueError(form)


FULL = ["dr-gf", "dr-gf", "word-gf", "dr-fg", "word-fg"]


def _job(p, rng):
    if p.spec is None:
        return p.profession[1].lower()
    if p.spec[0] == M.GP:
        return rng.choice(["médecin généraliste", "médecine générale", "généraliste"])
    s = rng.choice(p.spec[2])
    return s if s.isupper() else s[0].lower() + s[1:]


def _place_of(p, rng, gf, p_city=0.75, upper=None):
    """(city, postcode) printed with a name: always when the name alone could not tell it apart."""
    must = p.force_place or gf != "full"
    if not (must or rng.random() < p_city):
        return None, None
    city = M.city_text(p, rng, upper=(rng.random() < 0.55) if upper is None else upper)
    pc = p.postcode if rng.random() < 0.3 else None
    return city, pc


def _where(city, pc):
    return _nb("%s %s" % (pc, city)) if pc else city


def _patient_word(L):
    return "la patiente" if L.ident.sex == "F" else "le patient"


def _entry(L, p, rng, forms, p_city=0.8):
    """A copy's name and place, recorded for the truth: (name, job, where or None)."""
    name, gf = _pname(p, rng, rng.choice(forms))
    city, pc = _place_of(p, rng, gf, p_city)
    L.mentions.add(p, "cc", name, gf, city, pc)
    return name, _job(p, rng), (_where(city, pc) if city else None)


# ---------------------------------------------------------------------------------------------
# Addressees


def _win_top(doc, rng):
    return max(rng.choice([138, 146, 154, 162]), getattr(doc, "header_bottom", 0) + 8)


def _win(doc, rng, items, x, top=None, gap=4):
    """Address lines (text, size, bold, italic, gray) from x, shrunk rather than broken, the block
    moved left when a line would pass the margin. Returns where the flow may start."""
    W = M.W
    if top is None:
        top = _win_top(doc, rng)
    limit = W - 32
    lo = W / 2 - 20
    items = [(t, _fit(doc, [t], limit - lo, sz, bold=b, italic=i, floor=6.5), b, i, g) for t, sz, b, i, g in items]
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    if x + widest > limit:
        x = max(lo, limit - widest)
    y = top
    for t, sz, b, i, g in items:
        lead = doc.lead(sz)
        y += lead * 0.8
        if t:
            doc.text(x, y, t, sz, bold=b, italic=i, gray=g)
        y += lead * 0.2
    return y + gap


def _place_items(p, rng, size, job=True):
    """What follows the name in a window: the department and the site, or the specialty; the
    street; the postcode and the town. Returns (items, city)."""
    items = []
    if p.salaried:
        items.append((M.service_of(p.service), size - 0.5, False, False, 0))
        items.append((p.site, size - 0.5, False, False, 0))
    elif job and rng.random() < 0.7:
        items.append((_job(p, rng).capitalize(), size - 0.5, False, True, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    return items, city


def _sc_words(text):
    """(text, small) pieces of a line set in small capitals: each word in capitals keeps its
    first letter full size."""
    out = []
    for k, w in enumerate(text.split(" ")):
        if k:
            out.append((" ", False))
        if len(w) > 1 and w.isupper() and any(ch.isalpha() for ch in w):
            out.append((w[0], False))
            out.append((w[1:], True))
        else:
            out.append((w, False))
    return out


def _sc_width(doc, text, size, bold=False):
    return sum(doc.sw(t, size * (0.78 if sm else 1), bold=bold) for t, sm in _sc_words(text))


def _sc_draw(doc, x, y, text, size, bold=False, italic=False):
    w = 0.0
    for t, sm in _sc_words(text):
        if t == " ":
            w += doc.sw(" ", size, bold=bold)
            continue
        w += doc.text(x + w, y, t, size * (0.78 if sm else 1), bold=bold, italic=italic)
    return w


def ad_small_caps(doc, L, rng):
    """Right window typed in a word processor that sets names and towns in small capitals; the
    title spelt out before the first name."""
    W = M.W
    p = L.to
    f = p.sex == "F"
    size = min(doc.size + rng.choice([0, 0.5, 1]), 11)
    if p.title == "PR":
        title = rng.choice(["Professeur", "Professeure" if f else "Professeur"])
    else:
        title = rng.choice(["Docteur", "Docteure" if f else "Docteur", "Docteur"])
    name = "%s %s %s" % (title, p.given, p.family)
    items, city = _place_items(p, rng, size)
    lines = [(name, size, rng.random() < 0.4, False)] + [(t, sz, b, i) for t, sz, b, i, _ in items]
    L.mentions.add(p, "to", name, "full", city, p.postcode)
    x = rng.choice([314, 326, 338])
    limit = W - 32
    sizes = [_fit(doc, [t], limit - (W / 2 - 20), sz, bold=b, italic=i, floor=6.5) for t, sz, b, i in lines]
    widest = max(_sc_width(doc, t, sz, bold=b) for (t, _, b, _), sz in zip(lines, sizes))
    if x + widest > limit:
        x = max(W / 2 - 20, limit - widest)
    y = _win_top(doc, rng)
    for (t, _, b, i), sz in zip(lines, sizes):
        y += doc.lead(sz) * 0.8
        _sc_draw(doc, x, y, t, sz, bold=b, italic=i)
        y += doc.lead(sz) * 0.2
    L.traps.append("small-capitals")
    return y + 4


def ad_registered(doc, L, rng):
    """Right window of a letter sent by registered post with acknowledgement of receipt: the
    mention and the registered number over the address."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    small = max(6, size - 2)
    name, gf = _pname(p, rng, rng.choice(FULL))
    items, city = _place_items(p, rng, size)
    number = "1A %03d %03d %04d %d" % (rng.randint(0, 999), rng.randint(0, 999), rng.randint(0, 9999),
                                       rng.randint(0, 9))
    head = [(rng.choice(["RECOMMANDÉ AVEC AVIS DE RÉCEPTION", "LETTRE RECOMMANDÉE AVEC A.R.", "Recommandé A.R."]),
             small, True, False, 0),
            ("n° " + number, small, False, False, 0.25), ("", small, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.traps.append("registered-number")
    return _win(doc, rng, head + [(name, size, rng.random() < 0.5, False, 0)] + items, rng.choice([312, 324, 336]))


def ad_referral_form(doc, L, rng):
    """Under the letterhead, across the page, a ruled request form: the colleague whose opinion
    is asked and their specialty, their place of practice, then the delay wished and the way of
    answering as boxes, one ticked each."""
    p = L.to
    size = min(doc.size, 10)
    small = max(6, size - 1.5)
    name, gf = _pname(p, rng, rng.choice(FULL + ["initial"]))
    city = M.city_text(p, rng)
    where = "%s, %s %s" % (p.street_line(), p.postcode, city)
    if p.salaried:
        where = "%s – %s" % (p.site, where)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x0 = doc.left
    width = doc.right - x0
    lead = doc.lead(size) + 2
    top = max(getattr(doc, "header_bottom", 110) + 10, 112)
    cap = rng.choice(["AVIS SOLLICITÉ AUPRÈS DE", "DEMANDE D'AVIS – CORRESPONDANT", "Correspondant sollicité"])
    hb = small * 1.9
    delays = ["sous 48 h", "sous 15 jours", "sans urgence"]
    answers = ["courrier", "MSSanté", "appel"]
    dk, ak = rng.randrange(3), rng.randrange(3)
    h = hb + lead * 4 + 6
    _frame(doc, x0, top, width, h, lw=0.7)
    _fill(doc, x0 + 0.7, top + 0.7, width - 1.4, hb - 0.7, 0.88)
    doc.text(x0 + 6, top + hb * 0.7, cap, small, bold=True)
    y = top + hb + lead * 0.85
    l1 = rng.choice(["Médecin sollicité : ", "Confrère sollicité : "])
    w = doc.text(x0 + 6, y, l1, small, gray=0.3)
    doc.text(x0 + 6 + w, y, name, _fit(doc, [name], width * 0.55 - w - 12, size, bold=True, floor=6), bold=True)
    l2 = "Spécialité : " + _job(p, rng)
    doc.text(x0 + width * 0.58, y, l2, _fit(doc, [l2], width * 0.42 - 8, small + 0.5, floor=5))
    y += lead
    l3 = "Adresse d'exercice : "
    w = doc.text(x0 + 6, y, l3, small, gray=0.3)
    doc.text(x0 + 6 + w, y, where, _fit(doc, [where], width - w - 14, size, floor=5.5))
    for lab, opts, k in (("Délai souhaité : ", delays, dk), ("Réponse attendue par : ", answers, ak)):
        y += lead
        x = x0 + 6 + doc.text(x0 + 6, y, lab, small, gray=0.3) + 4
        for j, o in enumerate(opts):
            x += _tick(doc, x, y, small, j == k) + 3
            x += doc.text(x, y, o, small) + 14
    L.traps.append("request-form")
    return top + h + 6


def ad_locum(doc, L, rng):
    """Right window to a colleague who stands in for another at the practice: the name, then the
    doctor they replace in italics, then the place."""
    p = L.to
    f = p.sex == "F"
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FULL))
    other = _doctor_name(rng, rng.choice(["Dr", "Docteur"]))
    role = rng.choice(["Remplaçant%s du %s" % ("e" if f else "", other), "En remplacement du %s" % other,
                       "Médecin remplaçant%s (cabinet du %s)" % ("e" if f else "", other)])
    items = [(name, size, rng.random() < 0.5, False, 0), (role, size - 0.5, False, True, 0)]
    more, city = _place_items(p, rng, size, job=False)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.traps.append("replaced-doctor")
    L.salutation = rng.choice(["Cher Confrère,", "Chère Consœur," if f else "Cher Confrère,", "Cher(e) collègue,"])
    return _win(doc, rng, items + more, rng.choice([310, 322, 334]))


def ad_dotted_form(doc, L, rng):
    """On the right, a printed address form: small grey captions, each followed by a dotted line
    on which the software typed the addressee in a typewriter face."""
    W = M.W
    p = L.to
    size = min(doc.size, 10)
    small = max(5.5, size - 2.5)
    font = _typed(rng)
    name, gf = _pname(p, rng, rng.choice(FULL + ["initial"]))
    city = M.city_text(p, rng, upper=True)
    rows = [(rng.choice(["Praticien destinataire", "Pour le praticien"]), name)]
    if p.salaried:
        rows.append(("Service", M.service_of(p.service)))
        rows.append(("Établissement", p.site))
    else:
        rows.append(("Qualité", _job(p, rng)))
    rows.append(("Adresse", p.street_line()))
    rows.append(("CP – Ville", "%s %s" % (p.postcode, city)))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x1 = W - rng.choice([34, 40, 46])
    width = rng.choice([236, 250, 262])
    x0 = x1 - width
    lw = max(doc.sw(lb, small) for lb, _ in rows) + 6
    lead = doc.lead(size) + 3
    y = _win_top(doc, rng)
    for lb, v in rows:
        y += lead
        doc.text(x0, y, lb, small, gray=0.4)
        _rule(doc, x0 + lw, x1, y + 1.5, 0.5, 0.4, dash=(0.6, 1.6))
        with _Face(doc, font):
            doc.text(x0 + lw + 3, y, v, _fit(doc, [v], width - lw - 6, size, floor=5))
    L.traps.append("typed-form")
    return y + 8


def ad_postal_barcode(doc, L, rng):
    """Right window of a letter put through the hospital's mail room: the address, then the
    four-height bar code of the postal sorting and the number of the mailing under it."""
    W = M.W
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FULL + ["initial"]))
    items, city = _place_items(p, rng, size)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([310, 322, 334])
    all_items = [(name, size, rng.random() < 0.4, False, 0)] + items
    bottom = _win(doc, rng, all_items, x)
    widest = max(doc.sw(t, _fit(doc, [t], W - 32 - (W / 2 - 20), sz, bold=b, italic=i, floor=6.5), bold=b, italic=i)
                 for t, sz, b, i, _ in all_items)
    bx = min(x, W - 32 - widest)
    bx = max(bx, W / 2 - 20)
    c = doc.c
    c.saveState()
    c.setFillGray(0)
    n = rng.randint(42, 58)
    step = 2.6
    top = bottom + 2
    for k in range(n):
        kind = rng.randrange(4)
        y0, y1 = (0, 8) if kind == 0 else (0, 5) if kind == 1 else (3, 8) if kind == 2 else (3, 5)
        c.rect(bx + k * step, M.H - top - y1, 1.2, y1 - y0, stroke=0, fill=1)
    c.restoreState()
    doc.add_box((bx, top, bx + n * step, top + 8))
    ident = "%s %s %s" % (rng.choice(["ID", "Envoi", "Pli"]), "%04d" % rng.randint(0, 9999),
                          "%06d" % rng.randint(0, 999999))
    doc.text(bx, top + 15, ident, 6, gray=0.3)
    L.traps.append("mailing-id")
    return top + 20


def ad_dotline_right(doc, L, rng):
    """No window: a line (two when it is long) set flush right under the letterhead, the name,
    what they do, the street and the town separated by middle dots."""
    W = M.W
    p = L.to
    size = min(doc.size, 10.5)
    name, gf = _pname(p, rng, rng.choice(FULL + ["initial"]))
    city = M.city_text(p, rng)
    job = M.service_of(p.service) if p.salaried else _job(p, rng)
    parts = [_nb(name), job, p.street_line(), _nb("%s %s" % (p.postcode, city))]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    sep = rng.choice([" · ", "  ·  ", " • "])
    x1 = W - rng.choice([36, 42, 50])
    room = x1 - (W / 2 - 30)
    one = sep.join(parts)
    lines = [one] if doc.sw(one, size) <= room else [sep.join(parts[:2]), sep.join(parts[2:])]
    lead = doc.lead(size)
    y = max(getattr(doc, "header_bottom", 100) + rng.choice([10, 16]), 118)
    cap = rng.choice([None, "À transmettre à :", "Envoyé au confrère :"])
    if cap:
        y += lead * 0.8
        doc.text(x1, y, cap, max(6, size - 2), italic=True, gray=0.4, align="right")
        y += lead * 0.2
    for k, t in enumerate(lines):
        sz = _fit(doc, [t], room, size, bold=(k == 0), floor=6)
        y += lead * 0.8
        doc.text(x1, y, t, sz, bold=(k == 0 and rng.random() < 0.5), align="right")
        y += lead * 0.2
    return y + 6


def ad_patient_confidential(doc, L, rng):
    """A letter to the patient at home: the window opens on a 'personal and confidential'
    mention, then the patient's name and home address."""
    I = L.ident
    f = I.sex == "F"
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    small = max(6, size - 2)
    fam = I.used or I.birth
    given = I.firsts[0]
    if L.patient["child"]:
        name = rng.choice(["Pour les parents de l'enfant %s %s" % (given, fam),
                             "Aux titulaires de l'autorité parentale de %s %s" % (given, fam)])
        L.salutation = "Madame, Monsieur,"
    else:
        civ = I.civ(rng, rng.choice(["long", "long", "short"]))
        name = rng.choice(["%s %s %s" % (civ, given, fam), "%s %s %s" % (civ, fam, given)])
        L.salutation = rng.choice(["Madame," if f else "Monsieur,", "Chère Madame," if f else "Cher Monsieur,"])
    street, pc, city = L.patient["home"]
    items = [(rng.choice(["PLI NOMINATIF – CONFIDENTIEL", "Pli nominatif et confidentiel",
                          "CONFIDENTIEL – PLI PERSONNEL"]),
              small, True, False, 0)]
    if rng.random() < 0.5:
        items.append(("à n'ouvrir que par %s" % ("la destinataire" if f and not L.patient["child"] else
                                                 "le destinataire"), small, False, True, 0.3))
    items.append(("", small, False, False, 0))
    items += [(name, size, rng.random() < 0.4, False, 0), (street, size, False, False, 0),
              ("%s %s" % (pc, city if rng.random() < 0.7 else M.title_city(city)), size, False, False, 0)]
    L.addressed_to_patient = True
    L.traps.append("confidential-mention")
    return _win(doc, rng, items, rng.choice([312, 324, 336]))


def ad_prescriber_tab(doc, L, rng):
    """On the right, a ruled box of two cells: a narrow shaded cell telling what the addressee is
    for this document (the prescriber, whom the results go to), and the addressee's name and
    place in the other."""
    W = M.W
    p = L.to
    size = min(doc.size, 10)
    small = max(5.5, size - 2)
    name, gf = _pname(p, rng, rng.choice(FULL + ["initial"]))
    items, city = _place_items(p, rng, size)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    tab = rng.choice([("Médecin", "prescripteur"), ("Résultats", "adressés au"), ("Examen", "demandé par")])
    lines = [(name, size, True, False)] + [(t, sz, b, i) for t, sz, b, i, _ in items]
    tw = max(doc.sw(t, small, bold=True) for t in tab) + 10
    x1 = W - rng.choice([32, 38, 44])
    inner = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i in lines) + 14
    inner = min(max(inner, 150), x1 - (W / 2 - 30) - tw)
    lines = [(t, _fit(doc, [t], inner - 12, sz, bold=b, italic=i, floor=6), b, i) for t, sz, b, i in lines]
    x0 = x1 - inner - tw
    top = _win_top(doc, rng)
    h = sum(doc.lead(sz) for _, sz, _, _ in lines) + 10
    _fill(doc, x0, top, tw, h, 0.85)
    _frame(doc, x0, top, tw + inner, h, lw=0.6)
    _vrule(doc, x0 + tw, top, top + h, 0.6)
    yy = top + h / 2 - small * 0.2
    for k, t in enumerate(tab):
        doc.text(x0 + 5, yy + k * small * 1.25, t, small, bold=True)
    y = top + 5
    for t, sz, b, i in lines:
        y += doc.lead(sz) * 0.8
        doc.text(x0 + tw + 7, y, t, sz, bold=b, italic=i)
        y += doc.lead(sz) * 0.2
    L.traps.append("role-tab")
    return top + h + 5


def ad_urgent_stamp(doc, L, rng):
    """Right window as usual, and opposite it on the left a stamp in a double frame asking that
    the letter be read on receipt."""
    W = M.W
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FULL + ["initial"]))
    items, city = _place_items(p, rng, size)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    top = _win_top(doc, rng)
    x = rng.choice([316, 326, 336])
    bottom = _win(doc, rng, [(name, size, rng.random() < 0.5, False, 0)] + items, x, top=top)
    word = rng.choice(["URGENT", "À LIRE EN PRIORITÉ", "RÉSULTAT ANORMAL"])
    sub = rng.choice(["à lire dès réception", "merci d'en prendre connaissance rapidement",
                      "appel téléphonique réalisé le " + _day(rng)])
    ws = _fit(doc, [word], 150, 12, bold=True, floor=8)
    sub_s = _fit(doc, [sub], 150, 6.5, italic=True, floor=5)
    w = max(doc.sw(word, ws, bold=True), doc.sw(sub, sub_s, italic=True)) + 16
    sx = doc.left + rng.choice([0, 10])
    sy = top + rng.choice([4, 10, 18])
    if sx + w < W / 2 - 30:
        _frame(doc, sx, sy, w, 34, lw=1.2, gray=0.25)
        _frame(doc, sx + 2.5, sy + 2.5, w - 5, 29, lw=0.5, gray=0.25)
        doc.text(sx + w / 2, sy + 16, word, ws, bold=True, gray=0.25, align="centre")
        doc.text(sx + w / 2, sy + 26, sub, sub_s, italic=True, gray=0.25, align="centre")
        bottom = max(bottom, sy + 38)
        L.traps.append("urgent-stamp")
    return bottom


# (draw, window: "right" | "left" | "none" | "flow" | "both", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "m-ad-a": (ad_small_caps, "right", True),
    "m-ad-b": (ad_registered, "right", True),
    "m-ad-c": (ad_referral_form, "both", True),
    "m-ad-d": (ad_locum, "right", True),
    "m-ad-e": (ad_dotted_form, "right", True),
    "m-ad-f": (ad_postal_barcode, "right", True),
    "m-ad-g": (ad_dotline_right, "right", True),
    "m-ad-h": (ad_patient_confidential, "right", False),
    "m-ad-i": (ad_prescriber_tab, "right", True),
    "m-ad-j": (ad_urgent_stamp, "both", True),
}


# ---------------------------------------------------------------------------------------------
# Copies


def cp_with_phone(doc, L, rng):
    """After the signature, one copy a line: the name, what they do, the town and their phone
    number."""
    size = max(7, doc.size - rng.choice([0.5, 1, 1.5]))
    cap = rng.choice(["Copie(s) envoyée(s) à :", "Ce courrier est aussi adressé à :", "Transmis en copie à :"])
    dash = rng.choice([" – ", " / ", ", "])
    lines = []
    for p in L.copies:
        name, job, where = _entry(L, p, rng, FULL + ["initial", "family"], 0.7)
        bits = [_nb(name)] + ([job] if rng.random() < 0.6 else []) + ([where] if where else [])
        bits.append(_nb("Tél. " + p.phone))
        lines.append(dash.join(bits))
    if L.copy_patient:
        lines.append("%s%s%s" % (_patient_word(L).capitalize(), dash, rng.choice(["exemplaire donné en consultation",
                                                                               "copie remise en consultation"])))
    if not lines:
        return
    L.traps.append("copy-phones")
    x = doc.left + rng.choice([0, 12])
    wrapped = []
    for t in lines:
        parts = doc.wrap(t, doc.right - x - 12, size)
        wrapped += [(parts[0], 0)] + [(pp, 12) for pp in parts[1:]]
    doc.gap(size * 0.6)
    doc.need(doc.lead(size) * (len(wrapped) + 1))
    doc.line(cap, size, bold=rng.random() < 0.5, italic=rng.random() < 0.4, x=x)
    for t, ind in wrapped:
        doc.line(t, size, x=x + ind)


def cp_typist_ref(doc, L, rng):
    """Secretarial references at the very end, in small type: the writer's and the typist's
    initials, then the copies after 'c/c'."""
    a = L.author
    size = max(6.5, doc.size - rng.choice([1.5, 2]))
    entries = []
    for p in L.copies:
        name, job, where = _entry(L, p, rng, FULL + ["initial"], 0.85)
        entries.append(_nb(name) + (" (%s)" % where if where else ""))
    if L.copy_patient:
        entries.append(rng.choice(["l'intéressé(e)", _patient_word(L)]))
    if not entries:
        return
    typist = rng.choice(M.GIVEN_F)[0] + M.pick_surname(rng)[0]
    ref = "%s%s/%s" % (a.given[0], a.family[0], typist.lower() if rng.random() < 0.5 else typist)
    L.traps.append("typist-initials")
    doc.gap(size)
    doc.need(doc.lead(size) * 3)
    doc.line(ref, size)
    doc.para(rng.choice(["Copie conforme : ", "Copies conformes à : "]) + rng.choice([" ; ", ", "]).join(entries),
             size, after=0)


def cp_flush_right(doc, L, rng):
    """After the signature, the copies set flush right under a caption, one a line."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    entries = []
    for p in L.copies:
        name, job, where = _entry(L, p, rng, FULL + ["initial"], 0.8)
        t = _nb(name) + ((", " + job) if rng.random() < 0.5 else "") + ((" – " + where) if where else "")
        entries.append(t)
    if L.copy_patient:
        entries.append(_patient_word(L).capitalize() + " (à titre d'information)")
    if not entries:
        return
    cap = rng.choice(["Copies pour information :", "Autres correspondants destinataires :",
                      "Transmis en parallèle à :"])
    width = doc.right - max(doc.left, M.W / 2 - 60)
    lines = []
    for t in entries:
        lines += doc.wrap(t, width, size)
    doc.gap(size * 0.6)
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.line(cap, size, bold=True, align="right")
    for t in lines:
        doc.line(t, size, italic=rng.random() < 0.3, align="right")


def cp_distribution_sheet(doc, L, rng):
    """A distribution sheet after the letter, on a page of its own when the letter runs over
    several: the document and whom it concerns recalled, then a ruled table of everyone who
    receives it (the addressee first, the copies, the patient, the file), the address on two
    lines."""
    I = L.ident
    if not L.copies and not L.copy_patient:
        return
    size = max(6.5, min(doc.size - 1, 9))
    small = max(5.5, size - 1.5)
    rows = []
    if L.to is not None:
        p = L.to
        name, gf = _pname(p, rng, rng.choice(FULL))
        city = M.city_text(p, rng)
        L.mentions.add(p, "to", name, gf, city, p.postcode)
        rows.append((name, _job(p, rng), (p.street_line(), "%s %s" % (p.postcode, city)),
                     rng.choice(["original", "destinataire"])))
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(FULL + ["initial"]))
        city = M.city_text(p, rng)
        L.mentions.add(p, "cc", name, gf, city, p.postcode)
        rows.append((name, _job(p, rng), (p.street_line(), "%s %s" % (p.postcode, city)), "copie"))
    if L.copy_patient:
        rows.append((_patient_word(L).capitalize(), "—", ("confié au patient", ""), "copie"))
    rows.append(("Dossier du patient (archives)", "—", ("classement", ""), "copie"))
    own_page = L.target_pages > 1 and rng.random() < 0.7
    if own_page:
        doc.new_page()
    else:
        doc.gap(size)
    heads = ("N°", "Destinataire", rng.choice(["Qualité", "Spécialité"]),
             rng.choice(["Adresse", "Adresse postale"]),
             rng.choice(["Exemplaire", "Type"]))
    table = [(str(k + 1),) + r for k, r in enumerate(rows)]
    width = doc.right - doc.left

    def need_w(i):
        vals = [heads[i]] + [max(r[i], key=lambda t: doc.sw(t, size)) if isinstance(r[i], tuple) else r[i]
                             for r in table]
        return max(doc.sw(v, size, bold=(v == heads[i])) for v in vals) + 10

    ws = [need_w(i) for i in range(5)]
    k = min(1.0, width / sum(ws))
    ws = [w * k for w in ws]
    sz = max(4.5, size * k)
    rh = doc.lead(sz) + 4
    civ = I.civ(rng, "short")
    recall = "Document : %s – %s %s" % (L.title, civ, _nb(I.used or I.birth))
    doc.need(rh * (2 * len(table) + 1) + size * 5)
    doc.line(rng.choice(["FEUILLE DE DIFFUSION", "Liste de diffusion du document"]), size + 1.5, bold=True)
    doc.line(recall, small, italic=True)
    y = doc.y + 3
    _fill(doc, doc.left, y, sum(ws), rh, 0.88)
    x = doc.left
    for v, w in zip(heads, ws):
        _frame(doc, x, y, w, rh, lw=0.4)
        _cell(doc, x, y, w, rh, v, min(small, sz), bold=True, floor=4.0)
        x += w
    y += rh
    for r in table:
        x = doc.left
        for v, w in zip(r, ws):
            _frame(doc, x, y, w, 2 * rh, lw=0.4)
            if isinstance(v, tuple):
                _cell(doc, x, y + 1, w, rh, v[0], sz, floor=4.0)
                _cell(doc, x, y + rh - 1, w, rh, v[1], sz, floor=4.0)
            else:
                _cell(doc, x, y, w, 2 * rh, v, sz, floor=4.0)
            x += w
        y += 2 * rh
    doc.y = y + size


def cp_numbered_run(doc, L, rng):
    """The copies in one paragraph, each behind its number in brackets."""
    size = max(7, doc.size - rng.choice([0, 1]))
    entries = []
    for p in L.copies:
        name, job, where = _entry(L, p, rng, FULL + ["initial", "family"], 0.8)
        t = _nb(name)
        if where:
            t += rng.choice([", %s à %s" % (job, where), " (%s)" % where])
        elif rng.random() < 0.5:
            t += ", " + job
        entries.append(t)
    if L.copy_patient:
        entries.append(_patient_word(L))
    if not entries:
        return
    cap = rng.choice(["Exemplaires adressés :", "Copies :", "Diffusé à :"])
    sep = rng.choice(["  ", " ; ", " – "])
    body = sep.join("(%d)%s%s" % (k + 1, M.NBSP, e) for k, e in enumerate(entries))
    doc.gap(size * 0.5)
    doc.para(cap + " " + body + ("." if rng.random() < 0.5 else ""), size, keep=True)


def cp_neant(doc, L, rng):
    """No colleague in copy, as the software says it: 'Copie : néant'; the patient's copy when
    there is one."""
    size = max(7, doc.size - 1)
    if L.copy_patient:
        t = rng.choice(["Copie : remise à %s" % _patient_word(L), "Copie(s) : %s uniquement" % _patient_word(L)])
    else:
        t = rng.choice(["Copie(s) : néant", "Copie : aucune", "Copies : néant"])
    doc.gap(size * 0.5)
    doc.line(t, size, italic=rng.random() < 0.5)


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "m-cp-a": (cp_with_phone, True, "end"),
    "m-cp-b": (cp_typist_ref, True, "end"),
    "m-cp-c": (cp_flush_right, True, "end"),
    "m-cp-d": (cp_distribution_sheet, True, "end"),
    "m-cp-e": (cp_numbered_run, True, "end"),
    "m-cp-f": (cp_neant, False, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions: the room some identity blocks keep for the code, the gap under the
# letterhead on the left, the top edge in the middle.

DM_POSITIONS = ["m-id-slot", "m-id-slot", "m-head-gap", "m-head-gap", "m-top-centre", "footer-right"]


def dm_candidates(d, pos, s, W, H):
    if pos == "m-id-slot":
        slot = d.__dict__.get("m_slot")
        if not slot or slot[0] != d.page:
            return []
        return [(slot[1], slot[2])]
    if pos == "m-head-gap":
        hb = getattr(d, "header_bottom", None)
        if hb is None or d.page != 1:
            return []
        x = d.st.left if d.st.left < 100 else 40
        return [(x + dx, hb + k) for k in (6, 12, 20, 30, 42) for dx in (0, 14, 34)]
    if pos == "m-top-centre":
        return [(W / 2 - s / 2 + dx, y) for y in (14, 20, 28, 36) for dx in (0, -50, 50, -100)]
    return []
