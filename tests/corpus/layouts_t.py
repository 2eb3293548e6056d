"""Tuning layout families, twentieth set (see make_letters.py).

These were the held-out families of session 46 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families draw through the helpers of make_letters.py, which use() binds at import time.
"""

M = None  # make_letters, bound by use()


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Running faces: installed cuts, each paired with bold and italic companions that no tuning
# font pairs it with.

_DJ = "/usr/share/fonts/truetype/dejavu/"
_FR = "/usr/share/fonts/truetype/freefont/"
_LI = "/usr/share/fonts/truetype/liberation2/"


def fonts(register):
    """Registers this set's running faces (a face whose files are missing is left out)."""
    out = []
    for key, files in (("tSerifCondBold", (_LI + "LiberationSerif-Regular.ttf",
                                             _DJ + "DejaVuSerifCondensed-Bold.ttf",
                                             _DJ + "DejaVuSerifCondensed-Italic.ttf")),
                       ("tFreeSansLibBold", (_FR + "FreeSans.ttf", _LI + "LiberationSans-Bold.ttf",
                                               _LI + "LiberationSans-Italic.ttf")),
                       ("tSerifCondFreeBold", (_DJ + "DejaVuSerifCondensed.ttf", _FR + "FreeSerifBold.ttf",
                                                 _DJ + "DejaVuSerif-Italic.ttf")),
                       ("tLibSansFreeBold", (_LI + "LiberationSans-Regular.ttf", _FR + "FreeSansBold.ttf",
                                               _FR + "FreeSansOblique.ttf"))):
        if register(key, *files):
            out.append(key)
    for key, faces in (("tBookmanRomanBold", ("URWBookman-Light", "NimbusRoman-Bold",
                                                "URWBookman-DemiItalic")),
                       ("tSansNarrowBold", ("NimbusSans-Regular", "NimbusSansNarrow-Bold",
                                              "NimbusSansNarrow-Oblique")),
                       ("tC059P052Bold", ("C059-Roman", "P052-Bold", "P052-Italic")),
                       ("tRomanBookmanDemi", ("NimbusRoman-Regular", "URWBookman-Demi",
                                                "URWBookman-LightItalic"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    return out


# ---------------------------------------------------------------------------------------------
# Traits as this set writes them.

def _nb(s):
    """Spaces that never break a line (drawn as plain spaces)."""
    return s.replace(" ", M.NBSP)


_MOIS_ABR = ["janv.", "févr.", "mars", "avril", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def date_forms(iso):
    """Every form of a birth date this set prints."""
    y, m, d = iso.split("-")
    day = "1er" if d == "01" else str(int(d))
    return {
        "slash": "%s/%s/%s" % (d, m, y),
        "dot": "%s.%s.%s" % (d, m, y),
        "dash": "%s-%s-%s" % (d, m, y),
        "words": "%s %s %s" % (day, M.MONTHS[int(m) - 1], y),
        "caps": "%s %s %s" % (day, M.MONTHS[int(m) - 1].upper(), y),
        "abbr": "%d %s %s" % (int(d), _MOIS_ABR[int(m) - 1], y),
        "nopad": "%d/%d/%s" % (int(d), int(m), y),
    }


def _d(I, rng, styles):
    return _nb(date_forms(I.iso)[rng.choice(list(styles))])


D_ANY = ["slash", "slash", "slash", "words", "caps", "abbr", "dot", "dash"]
D_NUM = ["slash", "slash", "dot", "dash", "nopad"]


def ins_forms(m):
    g = " ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]])
    return {
        "plain": m,
        "grouped": "%s %s" % (g, m[13:]),
        "key-sep": "%s %s" % (m[:13], m[13:]),
        "key-dash": "%s-%s" % (m[:13], m[13:]),
        "g-cle": "%s – clé %s" % (g, m[13:]),
        "g-paren": "%s (%s)" % (g, m[13:]),
        "cle-paren": "%s (clé %s)" % (m[:13], m[13:]),
    }


def _ins(I, rng, styles):
    return _nb(ins_forms(I.ins)[rng.choice(list(styles))])


I_ANY = ["plain", "plain", "grouped", "grouped", "key-sep", "key-dash", "g-cle", "g-paren", "cle-paren"]


def _sex(I, rng, styles=("l", "w", "p")):
    f = I.sex == "F"
    return {"l": "F" if f else "M", "w": "Féminin" if f else "Masculin", "p": "Femme" if f else "Homme",
            "lw": "féminin" if f else "masculin", "lp": "femme" if f else "homme",
            "lx": "F (féminin)" if f else "M (masculin)"}[rng.choice(list(styles))]


def _place(I, rng, styles):
    code, name = I.place, I.place_name
    return _nb({"paren": "%s (%s)" % (name, code), "code": code, "dash": "%s – %s" % (name, code),
                "code-paren": "%s (%s)" % (code, name), "caps-bracket": "%s [%s]" % (M.insi(name), code),
                "cog": "%s, COG %s" % (name, code)}[rng.choice(list(styles))])


P_ANY = ["paren", "paren", "dash", "code-paren", "caps-bracket", "cog"]

_FEM_COUNTRIES = ("Algérie", "Tunisie", "Espagne", "Italie", "Belgique", "Turquie", "Allemagne", "Côte d'Ivoire")


def _art(I):
    name = I.place_name
    if I.abroad:
        return "en" if name in _FEM_COUNTRIES else "à" if name == "Madagascar" else "au"
    return "à"


def _born_at(I):
    """'à Brest (29019)', 'au Maroc (99350)', 'en Algérie (99352)', 'à Madagascar (99333)'."""
    return _nb("%s %s (%s)" % (_art(I), I.place_name, I.place))


def _firsts(I, rng, styles=("all", "all", "all-comma", "first")):
    return I.first_names(rng, rng.choice(list(styles)))


def _sz(I, lo=7.5, hi=10.5):
    size = max(lo, min(I.size, hi))
    return size, max(6, size - 1.8)


def _age(I):
    a = M.age_on(I.iso)
    if a >= 2:
        return "%d\u00a0ans" % a
    y, m, d = (int(v) for v in I.iso.split("-"))
    months = (M.TODAY[0] - y) * 12 + M.TODAY[1] - m - (M.TODAY[2] < d)
    return "%d\u00a0mois" % max(months, 1)


def _oid(rng):
    return rng.choice(["(OID %s)", "– OID %s", "[OID %s]"]) % M.TEST_OID


def _ipp(I, rng, labels):
    """The file number, when the letter has one (it is then not printed again under the block)."""
    if not I.ipp:
        return None
    I.uses.add("ipp")
    return (rng.choice(labels), I.ipp)


def _nda(I, rng, labels):
    if not I.nda:
        return None
    I.uses.add("nda")
    return (rng.choice(labels), I.nda)


def _nov(rng, lo=2, hi=22):
    return "%02d/11/2026" % rng.randint(lo, hi)


def _bname(I, rng):
    """Label of the birth name (the country when born abroad for the place)."""
    return rng.choice(["Nom de naissance", "Nom de naissance", "Nom de famille"])


def _pname_label(I, rng):
    return "Pays de naissance" if I.abroad else rng.choice(["Lieu de naissance", "Commune de naissance"])


# ---------------------------------------------------------------------------------------------
# Drawing

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


def _white(doc, x, y, s, size, bold=True, align="left"):
    """Text reversed out of a dark ground (not recorded as drawn text: captions only)."""
    c = doc.c
    c.saveState()
    c.setFillGray(1)
    font = doc.fontname(bold=bold)
    if align == "centre":
        x -= M.pdfmetrics.stringWidth(s, font, size) / 2
    c.setFont(font, size)
    c.drawString(x, M.H - y, s)
    c.restoreState()


_MONO = ("Courier", "Courier-Bold")


def _msw(s, size, bold=False):
    return M.pdfmetrics.stringWidth(s.replace(M.NBSP, " "), _MONO[bold], size)


def _mtext(doc, x, y, s, size, bold=False, gray=0.0):
    """A line in a fixed-width face, recorded like doc.text."""
    c = doc.c
    c.saveState()
    c.setFillGray(gray)
    c.setFont(_MONO[bold], size)
    c.drawString(x, M.H - y, s.replace(M.NBSP, " "))
    c.restoreState()
    letter = getattr(doc, "letter", None)
    if letter is not None:
        letter.drawn.append(s)
    w = _msw(s, size, bold)
    doc.add_box((x, y - size * 0.8, x + w, y + size * 0.25))
    return w


def _head_rule(doc):
    """The rule a letterhead may draw across the page under itself (a block opposite the
    letterhead must not run across it)."""
    for x0, y0, x1, y1 in doc.boxes.get(1, []):
        if x0 <= 41 and x1 >= M.W - 41 and y1 - y0 < 3:
            return (y0 + y1) / 2
    return None


def _clear_rule(doc, top, height):
    """`top`, or under the letterhead's rule when the block would cross it."""
    r = _head_rule(doc)
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


def _unit_width(doc, unit):
    return sum(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in unit)


def _run_units(doc, x0, right, units, lead, sep_w=10.0, sep=None):
    """Units (lists of (text, size, bold, italic, gray) drawn side by side) run on lines from
    doc.y, a line breaking only between units; `sep(x, y)` draws what parts two units."""
    width = right - x0
    fitted = []
    for u in units:
        w = _unit_width(doc, u)
        if w > width:
            k = width / w
            u = [(t, sz * k, b, i, g) for t, sz, b, i, g in u]
            w = _unit_width(doc, u)
        fitted.append((u, w))
    lines, cur, used = [], [], 0
    for u, w in fitted:
        if cur and used + sep_w + w > width:
            lines.append(cur)
            cur, used = [], 0
        used += (sep_w if cur else 0) + w
        cur.append((u, w))
    if cur:
        lines.append(cur)
    doc.need(lead * len(lines) + 2)
    for ln in lines:
        doc.y += lead * 0.8
        x = x0
        for k, (u, w) in enumerate(ln):
            if k:
                if sep:
                    sep(x, doc.y)
                x += sep_w
            for t, sz, b, i, g in u:
                x += doc.text(x, doc.y, t, sz, bold=b, italic=i, gray=g)
        doc.y += lead * 0.2
    return len(lines)


# The DataMatrix rooms some families keep (see dm_candidates): only when the letter's code goes
# there, as software that prints the code keeps its place.

def _room_size(doc, pos):
    L = doc.letter
    if L.dm and L.dm_pos == pos:
        return L.dm_mm * 72 / 25.4
    return None


def _set_room(doc, pos, x, y):
    doc.__dict__.setdefault("t_rooms", {})[pos] = (doc.page, x, y)


def _room_span(s):
    """Width and height a room takes around a code of side s (its caption, its margins)."""
    m = max(5, s / 9) + 2
    return s + 2 * m, s + 9 + 2 * m, m


# ---------------------------------------------------------------------------------------------
# Identity

def id_holter(doc, I, rng):
    """The head of an ambulatory ECG recording: a grey line naming the recorder and when it was
    put on, then the person under a small bold caption, each label on the left and its value set
    flush right at the end of a dashed leader; the indication and the treatment beside it."""
    L = doc.letter
    size, small = _sz(I, 7.5, 10)
    d0, h0, m0 = rng.randint(3, 19), rng.randint(8, 17), rng.randint(0, 59)
    head = "Holter ECG %d h – enregistreur %s n° %05d – posé le %02d/11/2026 à %02dh%02d" % (
        rng.choice([24, 48, 72]), rng.choice(["Spiderview", "DigiTrak XT", "Vista 3"]), rng.randint(1, 99999),
        d0, h0, m0)
    L.traps.append("recording-times")
    rows = [(_bname(I, rng), I.birth)]
    if I.used:
        rows.append((rng.choice(["Nom utilisé", "Nom d'usage"]), I.used))
    rows.append((rng.choice(["Prénom(s)", "Prénoms de naissance"]), _firsts(I, rng)))
    rows.append(("Date de naissance", _d(I, rng, D_ANY)))
    rows.append(("Sexe", _sex(I, rng, ("w", "l", "p"))))
    if I.place:
        rows.append((_pname_label(I, rng), _place(I, rng, P_ANY)))
    if I.ins:
        rows.append((rng.choice(["Matricule INS", "N° INS"]), _ins(I, rng, I_ANY)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    info = [("Indication", rng.choice(["palpitations", "malaise inexpliqué", "bilan de syncope",
                                       "recherche de fibrillation atriale", "contrôle sous traitement"])),
            ("Traitement", rng.choice(["aucun", "bisoprolol 2,5 mg", "flécaïnide 100 mg", "apixaban 5 mg × 2"])),
            ("Journal d'activité", rng.choice(["rendu", "rendu, peu rempli", "non rendu"]))]
    x0, width = doc.left, doc.right - doc.left
    s = _room_size(doc, "t-id-room")
    rw, rh, rm = _room_span(s) if s else (0, 0, 0)
    side = width >= 400
    bw = width * 0.6 if side else width - rw - 6
    lead = doc.lead(size) * 1.08
    n = len(rows) + 1 + (0 if side and not s else len(info) * 0.9)
    doc.need(max(lead * n, rh) + size * 3)
    doc.line(head, _fit(doc, [head], width, small), gray=0.35)
    top = doc.y + 2
    doc.mark("identity")
    y = top + lead * 0.8
    doc.text(x0, y, rng.choice(["Personne appareillée", "Porteur de l'enregistreur"]), small, bold=True)
    y += lead * 0.2
    for lab, val in rows:
        y += lead * 0.8
        lw = doc.text(x0, y, lab, small + 0.5, gray=0.2)
        vs = _fit(doc, [val], bw - lw - 24, size)
        vw = doc.sw(val, vs)
        doc.text(x0 + bw, y, val, vs, align="right")
        if x0 + bw - vw - 4 > x0 + lw + 8:
            _rule(doc, x0 + lw + 4, x0 + bw - vw - 4, y - 1, 0.4, 0.55, dash=(1.5, 2))
        y += lead * 0.2
    doc.unmark()
    if side and not s:
        ry, rx = top, x0 + bw + 18
    else:
        ry, rx = y + lead * 0.3, x0
    if s:
        _set_room(doc, "t-id-room", (x0 + bw + 18) if side else (doc.right - rw + rm), top + rm)
    for lab, val in info:
        ry += lead * 0.8
        t = "%s : %s" % (lab, val)
        doc.text(rx, ry, t, _fit(doc, [t], doc.right - rx, small, italic=True), italic=True)
        ry += lead * 0.2
    doc.y = max(y, ry, top + rh) + size


def id_pet_outlined(doc, I, rng):
    """The head of a nuclear medicine report: the examination on a bold line, then the person as
    outlined fields of a web form, each field's label set in the gap of its top border; the
    weight, the glycaemia and the injected activity on a grey line under them."""
    L = doc.letter
    size, small = _sz(I, 8, 10.5)
    cap = max(5.5, size - 3)
    exam = rng.choice(["TEP-TDM au 18F-FDG", "Scintigraphie osseuse aux diphosphonates",
                       "Scintigraphie myocardique de perfusion", "Scintigraphie pulmonaire de ventilation-perfusion"])
    head = "%s – examen du %s" % (exam, _nov(rng))
    fields = [(rng.choice(["Nom de naissance", "Nom reçu à la naissance"]), I.birth)]
    if I.used:
        fields.append((rng.choice(["Nom d'usage", "Nom porté"]), I.used))
    fields.append((rng.choice(["Prénom(s)", "Prénoms de naissance"]), _firsts(I, rng)))
    fields.append((rng.choice(["Date de naissance", "Né(e) le"]), _d(I, rng, D_ANY)))
    fields.append(("Sexe", _sex(I, rng, ("w", "l", "p"))))
    if I.place:
        fields.append((_pname_label(I, rng), _place(I, rng, P_ANY)))
    if I.ins:
        fields.append((rng.choice(["Matricule INS", "Identifiant national de santé", "INS"]), _ins(I, rng, I_ANY)))
        if I.oid:
            fields.append(("OID", M.TEST_OID))
    child = I.child
    kg = rng.randint(12, 60) if child else rng.randint(45, 110)
    meas = "Poids %d kg – glycémie capillaire %s mmol/L – activité injectée %d MBq à %02dh%02d" % (
        kg, "%d,%d" % (rng.randint(4, 7), rng.randint(0, 9)), rng.randint(80, 420), rng.randint(8, 15),
        rng.randint(0, 59))
    L.traps.append("measures")
    x0, width = doc.left, doc.right - doc.left
    gap = 8
    fh = size + 10

    def layout(sz):
        rows, cur, used = [], [], 0
        for lab, val in fields:
            fw = max(doc.sw(val, sz), doc.sw(lab, cap) + 8) + 14
            fw = min(fw, width)
            if cur and used + gap + fw > width:
                rows.append(cur)
                cur, used = [], 0
            used += (gap if cur else 0) + fw
            cur.append((lab, val, fw))
        return rows + [cur]
    rows = layout(size)
    doc.need(len(rows) * (fh + 9) + size * 4)
    doc.line(head, _fit(doc, [head], doc.right - doc.left, size + 0.5, bold=True), bold=True)
    doc.gap(6)
    doc.mark("identity")
    top = doc.y + 2
    for r in rows:
        spare = (width - sum(fw for _, _, fw in r) - gap * (len(r) - 1)) / len(r) if len(r) > 1 else 0
        x = x0
        for lab, val, fw in r:
            fw += max(spare, 0)
            _frame(doc, x, top, fw, fh, lw=0.5, gray=0.45, radius=3)
            lw = doc.sw(lab, cap)
            _fill(doc, x + 5, top - cap * 0.55, lw + 6, cap * 1.1, 1.0, record=False)
            doc.text(x + 8, top + cap * 0.3, lab, cap, gray=0.35)
            doc.text(x + 7, top + fh / 2 + size * 0.38, val, _fit(doc, [val], fw - 12, size))
            x += fw + gap
        top += fh + 9
    doc.unmark()
    doc.y = top - 4
    doc.line(meas, _fit(doc, [meas], width, small), gray=0.35)
    doc.gap(size * 0.8)


def id_allergy_vertical(doc, I, rng):
    """The head of a skin test sheet: a title line, then the person in a frame whose dark left
    cell carries a caption set one letter under the other; the prick-test readings in a small
    ruled table beside the frame (under it in a narrow letter)."""
    L = doc.letter
    size, small = _sz(I, 7.5, 10)
    title = "%s – lecture à 15 minutes – %s" % (rng.choice(["TESTS CUTANÉS (PRICK-TESTS)", "Bilan allergologique"
                                                            " – prick-tests"]), _nov(rng))
    rows = [(rng.choice(["Nom de naissance", "Nom (naissance)"]), I.birth)]
    if I.used:
        rows.append((rng.choice(["Nom utilisé", "Nom (usage)"]), I.used))
    rows.append(("Prénom(s)", _firsts(I, rng)))
    rows.append((rng.choice(["Date de naissance", "Née le" if I.sex == "F" else "Né le"]), _d(I, rng, D_ANY)))
    rows.append(("Sexe", _sex(I, rng, ("l", "w"))))
    if I.place:
        rows.append((_pname_label(I, rng), _place(I, rng, P_ANY)))
    if I.ins:
        rows.append(("INS", _ins(I, rng, I_ANY) + (" " + _oid(rng) if I.oid else "")))
    word = rng.choice(["PATIENT", "IDENTITÉ"])
    tests = [("Témoin histamine", "%d mm" % rng.randint(4, 8)), ("Témoin négatif", "0 mm"),
             ("D. pteronyssinus", "%d mm" % rng.randint(0, 9)), ("Graminées", "%d mm" % rng.randint(0, 7)),
             ("Bouleau", "%d mm" % rng.randint(0, 6)), ("Chat", "%d mm" % rng.randint(0, 5))]
    L.traps.append("measures")
    x0, width = doc.left, doc.right - doc.left
    lead = doc.lead(size)
    cw = 15
    lw = max(doc.sw(a + " : ", small) for a, _ in rows)
    tw = doc.sw("D. pteronyssinus", small) + doc.sw("00 mm", small) + 20
    side = width - tw - 16 > 250
    bw = (width - tw - 16) if side else width
    step = 8.2
    h = max(lead * len(rows) + 8, step * len(word) + 8)
    rh = doc.lead(small) + 2.5
    doc.need(h + lead * 2 + (0 if side else rh * len(tests) + 8) + 6)
    doc.line(title, _fit(doc, [title], width, size, bold=True), bold=True)
    top = doc.y + 4
    _fill(doc, x0, top, cw, h, 0.3)
    for k, ch in enumerate(word):
        _white(doc, x0 + cw / 2, top + 4 + step * (k + 0.85) + (h - 8 - step * len(word)) / 2, ch, 6.5,
               align="centre")
    _frame(doc, x0, top, bw, h, lw=0.6)
    doc.mark("identity")
    y = top + 4
    for a, b in rows:
        y += lead * 0.8
        doc.text(x0 + cw + 6, y, a + " : ", small, gray=0.3)
        doc.text(x0 + cw + 6 + lw, y, b, _fit(doc, [b], bw - cw - lw - 14, size, bold=True), bold=True)
        y += lead * 0.2
    doc.unmark()
    tx, ty = (x0 + bw + 16, top) if side else (x0, top + h + 6)
    c1 = doc.sw("D. pteronyssinus", small) + 10
    for j, (a, b) in enumerate(tests):
        doc.rect(tx, ty + j * rh, c1, rh, lw=0.35, fill=0.92)
        doc.rect(tx + c1, ty + j * rh, tw - c1, rh, lw=0.35)
        doc.text(tx + 3, ty + j * rh + rh - 3, a, small)
        doc.text(tx + c1 + 3, ty + j * rh + rh - 3, b, small)
    doc.y = max(top + h, ty + rh * len(tests)) + size


def id_heading_embedded(doc, I, rng):
    """The person named in a heading of its own, left aligned and underlined ('Synthèse établie
    pour Madame …'), the name in use first with the birth name after 'née'; the birth, the sex and
    the national number on a small grey line under it."""
    size, small = _sz(I, 8, 10.5)
    civ = I.civ(rng, rng.choice(["long", "long", "short"]))
    given = _firsts(I, rng, ("first", "all"))
    if I.used:
        name = "%s %s %s, %s %s" % (civ, given, I.used, I.born(), I.birth)
    else:
        name = "%s %s %s" % (civ, given, I.birth)
    lead_in = rng.choice(["Synthèse établie pour", "Compte rendu établi au nom de", "Observation de"])
    heading = "%s %s" % (lead_in, name)
    parts = [_nb("%s le %s%s" % (I.born().capitalize(), _d(I, rng, D_ANY), (" " + _born_at(I)) if I.place else ""))]
    parts.append(_nb("sexe : %s" % _sex(I, rng, ("lw", "l"))))
    if I.ins:
        parts.append(_nb(rng.choice(["INS : ", "matricule INS : ", "INS n° "]) + _ins(I, rng, I_ANY)) +
                     (" " + _oid(rng) if I.oid else ""))
    second = " · ".join(parts)
    width = doc.right - doc.left
    hs = size + 1.5
    doc.need(doc.lead(hs) * 2 + doc.lead(small) * 3 + 6)
    doc.mark("identity")
    if doc.sw(heading, hs, bold=True) <= width:
        doc.line(heading, hs, bold=True)
        doc.hline(doc.left, doc.left + doc.sw(heading, hs, bold=True), doc.y - 1, 0.5)
    else:
        doc.para(heading, hs, bold=True, after=0)
    doc.gap(2)
    doc.para(second, small + 0.5, after=0)
    doc.unmark()
    doc.gap(size)


def id_inline_runs(doc, I, rng):
    """The head of a wound care consultation: a bold line, then the traits run on like words,
    each value in bold followed by what it is in small grey italics."""
    size, small = _sz(I, 8, 10.5)
    head = "%s – %s" % (rng.choice(["Consultation plaies et cicatrisation", "Consultation de plaies chroniques",
                                    "Suivi de cicatrisation"]), rng.choice(["évaluation du ", "visite du "]) + _nov(rng))
    pairs = [(I.birth, rng.choice(["nom de naissance", "nom de famille"]))]
    if I.used:
        pairs.append((I.used, rng.choice(["nom d'usage", "nom utilisé"])))
    pairs.append((_firsts(I, rng, ("all", "all-comma")), "prénom(s)"))
    pairs.append((_d(I, rng, D_ANY), rng.choice(["date de naissance", "naissance"])))
    pairs.append((_sex(I, rng, ("w", "p")), "sexe"))
    if I.place:
        pairs.append((_place(I, rng, ["paren", "dash", "code-paren"]), _pname_label(I, rng).lower()))
    if I.ins:
        pairs.append((_ins(I, rng, I_ANY), "matricule INS"))
        if I.oid:
            pairs.append((M.TEST_OID, "OID"))
    units = [[(_nb(v), size, True, False, 0.0), (" " + _nb(k), small, False, True, 0.45)] for v, k in pairs]
    doc.need(doc.lead(size) * 4)
    doc.line(head, _fit(doc, [head], doc.right - doc.left, size, bold=True), bold=True)
    doc.gap(2)
    doc.mark("identity")
    _run_units(doc, doc.left, doc.right, units, doc.lead(size) * 1.1, sep_w=rng.choice([12, 16, 20]))
    doc.unmark()
    doc.gap(size)


def id_hairline_strip(doc, I, rng):
    """The head of a podiatry assessment: the person as a strip of 'LABEL value' pairs between
    two rules across the text, thin vertical hairlines between the pairs, wrapping to more lines
    as needed."""
    size, small = _sz(I, 8, 10.5)
    cap = max(5.5, size - 2.5)
    head = "%s du %s" % (rng.choice(["Bilan podologique", "Examen podologique", "Bilan podologique et"
                                     " postural"]), _nov(rng))
    pairs = [("NOM DE NAISSANCE", I.birth)]
    if I.used:
        pairs.append(("NOM D'USAGE", I.used))
    pairs.append(("PRÉNOMS", _firsts(I, rng)))
    pairs.append(("NAISSANCE", _d(I, rng, D_ANY)))
    pairs.append(("SEXE", _sex(I, rng, ("l", "w"))))
    if I.place:
        pairs.append(("PAYS DE NAISSANCE" if I.abroad else "LIEU DE NAISSANCE", _place(I, rng, P_ANY)))
    if I.ins:
        pairs.append(("INS", _ins(I, rng, I_ANY)))
        if I.oid:
            pairs.append(("OID", M.TEST_OID))
    units = [[(k + " ", cap, False, False, 0.4), (_nb(v), size, False, False, 0.0)] for k, v in pairs]
    lead = doc.lead(size) * 1.2
    doc.need(lead * 4 + size * 2)
    doc.line(head, _fit(doc, [head], doc.right - doc.left, size, bold=True), bold=True)
    doc.gap(2)
    _rule(doc, doc.left, doc.right, doc.y + 1, 0.6)
    doc.gap(2)
    doc.mark("identity")

    def sep(x, y):
        _vrule(doc, x + 7, y - size * 0.85, y + size * 0.3, 0.4, 0.4)
    _run_units(doc, doc.left, doc.right, units, lead, sep_w=14, sep=sep)
    doc.unmark()
    _rule(doc, doc.left, doc.right, doc.y + 2, 0.6)
    doc.gap(size + 2)


def id_definition_list(doc, I, rng):
    """The head of a therapeutic education file: each trait's name in bold on a line of its own,
    its value under it behind an indent; two columns when the letter is wide enough."""
    size, small = _sz(I, 8, 10.5)
    head = "%s – %s" % (rng.choice(["Éducation thérapeutique du patient", "Programme d'éducation thérapeutique"]),
                        rng.choice(["diagnostic éducatif", "bilan éducatif partagé", "séance individuelle"]))
    rows = [(rng.choice(["Nom de naissance", "Nom de naissance (patronyme)"]), I.birth)]
    if I.used:
        rows.append(("Nom d'usage", I.used))
    rows.append((rng.choice(["Prénoms", "Prénoms selon l'état civil"]), _firsts(I, rng)))
    rows.append(("Date de naissance", _d(I, rng, D_ANY) + (" (%s)" % _age(I) if rng.random() < 0.5 else "")))
    rows.append(("Sexe", _sex(I, rng, ("w", "p", "lx"))))
    if I.place:
        rows.append((_pname_label(I, rng), _place(I, rng, P_ANY)))
    if I.ins:
        rows.append(("Matricule INS", _ins(I, rng, I_ANY)))
        if I.oid:
            rows.append(("OID de l'INS", M.TEST_OID))
    x0, width = doc.left, doc.right - doc.left
    s = _room_size(doc, "t-id-room")
    rw, rh, rm = _room_span(s) if s else (0, 0, 0)
    avail = width - rw
    cols = 2 if avail > 360 else 1
    per = (len(rows) + cols - 1) // cols
    lab = small + 0.3
    step = doc.lead(lab) + doc.lead(size) + 2
    doc.need(max(step * per, rh) + size * 3)
    doc.line(head, _fit(doc, [head], doc.right - doc.left, size + 0.5, bold=True), bold=True)
    doc.gap(2)
    top = doc.y
    cw = avail / cols
    doc.mark("identity")
    bottom = top
    for c in range(cols):
        y = top
        for a, b in rows[c * per:(c + 1) * per]:
            y += doc.lead(lab)
            doc.text(x0 + c * cw, y, a, lab, bold=True)
            y += doc.lead(size)
            doc.text(x0 + c * cw + 14, y, b, _fit(doc, [b], cw - 20, size))
            y += 2
        bottom = max(bottom, y)
    doc.unmark()
    if s:
        _set_room(doc, "t-id-room", x0 + avail + rm, top + rm)
        bottom = max(bottom, top + rh)
    doc.y = bottom + size


def id_realise_chez(doc, I, rng):
    """The head of a remotely read imaging report: the request on a grey line, 'Examen réalisé
    chez :' in bold, the person on the next line (the birth name after 'naissance :' when they
    use another), the other traits on a line parted by long dashes, then the indication."""
    L = doc.letter
    size, small = _sz(I, 8, 10.5)
    h0 = rng.randint(0, 23)
    head = "Téléradiologie – demande n° TR26-%06d transmise le %s à %02dh%02d par %s" % (
        rng.randint(1, 999999), _nov(rng), h0, rng.randint(0, 59), L.hospital["short"])
    L.traps.append("request-times")
    civ = I.civ(rng, rng.choice(["short", "long"]))
    given = _firsts(I, rng, ("all", "first", "all-comma"))
    if I.used:
        name = "%s %s %s (naissance : %s)" % (civ, I.used, given, I.birth)
    else:
        name = "%s %s %s" % (civ, I.birth, given)
    parts = [_nb("%s le %s" % (I.born(), _d(I, rng, D_ANY))), _nb("sexe %s" % _sex(I, rng, ("l", "lw")))]
    if I.place:
        parts.append(_nb("%s %s" % (rng.choice(["lieu de naissance", "né(e) à"]), _place(I, rng, P_ANY))))
    if I.ins:
        parts.append(_nb("INS %s" % _ins(I, rng, I_ANY)) + (" " + _oid(rng) if I.oid else ""))
    ind = "Indication : %s" % rng.choice(["traumatisme crânien, recherche de lésion hémorragique",
                                          "douleur abdominale fébrile", "suspicion d'embolie pulmonaire",
                                          "bilan d'extension", "contrôle évolutif"])
    width = doc.right - doc.left
    doc.need(doc.lead(size) * 6)
    doc.line(head, _fit(doc, [head], width, small), gray=0.4)
    doc.gap(2)
    doc.mark("identity")
    doc.line(rng.choice(["Examen réalisé chez :", "Examen réalisé chez"]), size, bold=True)
    doc.para(name, size + 0.5, after=0)
    doc.para(" — ".join(parts), size, after=0)
    doc.unmark()
    doc.para(ind, size, italic=True, after=0)
    doc.gap(size)


def id_tr_ruled_table(doc, I, rng):
    """Opposite the letterhead: a small caption, then the person in a ruled two-column table of
    short labels in shaded cells and the values beside them."""
    size = max(7, min(I.size - 1, 9))
    lab = max(5.5, size - 1.5)
    rows = [(rng.choice(["Nom naiss.", "Nom de naiss."]), I.birth)]
    if I.used:
        rows.append(("Nom d'usage", I.used))
    rows.append(("Prénom(s)", _firsts(I, rng, ("all", "first"))))
    rows.append((rng.choice(["Né(e) le", "Naissance"]), _d(I, rng, D_NUM)))
    rows.append(("Sexe", _sex(I, rng, ("l", "w"))))
    if I.place:
        rows.append(("Né(e) à" if rng.random() < 0.5 else "Lieu naiss.", _place(I, rng, ["paren", "code-paren", "dash"])))
    if I.ins:
        rows.append(("INS", _ins(I, rng, ["plain", "key-sep", "grouped", "key-dash"])))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    limit = M.W - 30
    x = rng.choice([318, 328, 338])
    c1 = max(doc.sw(a, lab, bold=True) for a, _ in rows) + 8

    def need(sz):
        return c1 + max(doc.sw(b, sz) for _, b in rows) + 10
    if x + need(size) > limit:
        x = max(M.W / 2 + 8, limit - need(size))
    while x + need(size) > limit and size > 6:
        size -= 0.25
    rh = doc.lead(size) + 2.5
    w = need(size)
    top = _clear_rule(doc, rng.choice([40, 46, 52]), rh * len(rows) + 10)
    doc.text(x, top, rng.choice(["Personne accueillie", "Patient(e)"]), lab, bold=True, gray=0.3)
    top += 4
    doc.mark("identity")
    for j, (a, b) in enumerate(rows):
        y = top + j * rh
        doc.rect(x, y, c1, rh, lw=0.35, fill=0.9)
        doc.rect(x + c1, y, w - c1, rh, lw=0.35)
        doc.text(x + 3, y + rh - 3.2, a, lab, bold=True)
        doc.text(x + c1 + 4, y + rh - 3.2, b, size)
    doc.unmark()
    return top + rh * len(rows) + size


def id_tr_brackets(doc, I, rng):
    """Opposite the letterhead, in a dashed frame: a small grey caption, the name in bold with the
    birth name after 'épouse' or 'née', then short lines with the age, the place code and the
    number in square brackets."""
    size = max(7.5, min(I.size - 0.5, 9.5))
    small = max(6, size - 2)
    f = I.sex == "F"
    given = _firsts(I, rng, ("all", "first"))
    if I.used:
        name = rng.choice(["%s %s %s %s" % (I.used, I.born(), I.birth, given),
                           "%s %s, %s %s" % (I.birth, given, "épouse" if f else "époux", I.used)])
    else:
        name = "%s %s" % (I.birth, given)
    lines = [(rng.choice(["Dossier ouvert au nom de :", "Dossier ouvert pour :"]), small, False, 0.45),
             (name, size, True, 0.0),
             ("%s le %s [%s] – sexe %s" % (I.born_label(rng).replace(" le", ""), _d(I, rng, D_NUM), _age(I),
                                          _sex(I, rng, ("l", "w"))), size, False, 0.0)]
    if I.place:
        lines.append(("Né(e) %s %s [%s]" % (_art(I), I.place_name, I.place), size, False, 0.0))
    if I.ins:
        lines.append(("INS n° %s" % _ins(I, rng, ["grouped", "plain", "key-sep"]), size, False, 0.0))
        if I.oid:
            lines.append(("[OID %s]" % M.TEST_OID, small, False, 0.3))
    ipp = _ipp(I, rng, ["Dossier n°", "IPP"])
    if ipp:
        lines.append(("%s %s" % ipp, small, False, 0.3))
    limit = M.W - 32
    x = rng.choice([322, 332, 342])

    def widest(k):
        return max(doc.sw(t, sz * k, bold=b) for t, sz, b, _ in lines) + 16
    k = 1.0
    if x + widest(k) > limit:
        x = max(M.W / 2 + 10, limit - widest(k))
    while x + widest(k) > limit and k > 0.7:
        k -= 0.03
    height = sum(doc.lead(sz * k) for _, sz, _, _ in lines) + 9
    top = _clear_rule(doc, rng.choice([40, 48, 56]), height)
    y = top + 4
    doc.mark("identity")
    for t, sz, b, g in lines:
        lead = doc.lead(sz * k)
        y += lead * 0.8
        doc.text(x + 8, y, t, sz * k, bold=b, gray=g)
        y += lead * 0.2
    doc.unmark()
    _frame(doc, x, top, widest(k), y - top + 5, lw=0.5, gray=0.35, dash=(3, 2))
    return y + 5 + size


def id_running_head(doc, I, rng):
    """At the top of every page, as a book's running head: the person in small italics set flush
    right on two lines (the names, the birth and the sex; the place and the number), the sheet's
    number on the left, a thin rule under both."""
    size = max(6.5, min(I.size - 2, 8))
    given = _firsts(I, rng, ("all", "first"))
    if I.used:
        name = "%s %s, %s %s" % (I.used, given, I.born(), I.birth)
    else:
        name = "%s %s" % (I.birth, given)
    line1 = "%s — %s le %s — sexe %s" % (name, I.born(), _d(I, rng, ["slash", "dot", "words"]),
                                         _sex(I, rng, ("lw", "l")))
    parts = []
    if I.place:
        parts.append("%s %s" % (rng.choice(["lieu de naissance", "né(e) à"]), _place(I, rng, ["paren", "dash"])))
    if I.ins:
        parts.append("INS %s" % _ins(I, rng, ["grouped", "plain", "key-sep"]) + (" " + _oid(rng) if I.oid else ""))
    line2 = " — ".join(parts)
    word = rng.choice(["Feuillet", "Folio", "Page"])
    x1 = M.W - 32

    def band(d):
        if d.page == 1:
            d.mark("identity")
        width = x1 - 110
        sz = _fit(d, [line1, line2], width, size, italic=True)
        y = 22
        d.text(x1, y, line1, sz, italic=True, align="right")
        if line2:
            y += sz * 1.3
            d.text(x1, y, line2, sz, italic=True, align="right")
        d.unmark()
        d.text(32, 22, "%s %d" % (word, d.page), size, gray=0.4)
        _rule(d, 30, x1, y + 5, 0.4, 0.3)

    band(doc)
    doc.page_start.append(band)


def id_footer_abbrev(doc, I, rng):
    """At the foot of every page, over the page footer, under a dotted rule: the person in the
    abbreviated labels of an old print module ('Nom naiss.', 'Prén.', 'DDN', 'Lieu naiss.'), the
    fields parted by middle dots, on one or two lines."""
    size = max(6.5, min(I.size - 2, 7.5))
    parts = ["Nom naiss. : " + I.birth]
    if I.used:
        parts.append("Nom usage : " + I.used)
    parts.append("Prén. : " + _firsts(I, rng, ("all", "first")))
    parts.append("DDN : " + _d(I, rng, D_NUM))
    parts.append("Sexe : " + _sex(I, rng, ("l",)))
    if I.place:
        parts.append("Lieu naiss. : " + _place(I, rng, ["paren", "code", "code-paren"]))
    if I.ins:
        parts.append("INS : " + _ins(I, rng, ["plain", "key-sep", "grouped"]))
        if I.oid:
            parts.append("OID : " + M.TEST_OID)
    parts = [_nb(p) for p in parts]
    ref = "Réf. %s-%05d" % (rng.choice(["CR", "CRC", "LL"]), rng.randint(1, 99999))

    def foot(d):
        width = d.right - d.left
        one = " · ".join(parts)
        lines = [one]
        sz = size
        if d.sw(one, sz) > width:
            k = (len(parts) + 1) // 2
            lines = [" · ".join(parts[:k]), " · ".join(parts[k:])]
            sz = _fit(d, lines, width, size)
        y = M.H - 86 - sz * 1.3 * (len(lines) - 1)
        _rule(d, d.left, d.right, y - sz - 3, 0.5, 0.45, dash=(1, 2))
        if d.page == 1:
            d.mark("identity")
        for ln in lines:
            d.text(d.left, y, ln, sz)
            y += sz * 1.3
        d.unmark()
        d.text(d.right, y, ref, max(5.5, sz - 1), gray=0.45, align="right")

    doc.page_end.insert(0, foot)


def id_body_originaire(doc, I, rng, reason):
    """The body opens on the person received: the age, the birth date, 'originaire de' the birth
    place with its code, 'identifié(e) sous le matricule INS', the name in use told as 'qui porte
    le nom d'usage'; the reason follows in the same sentence."""
    f = I.sex == "F"
    e = "e" if f else ""
    civ = I.civ(rng, rng.choice(["long", "long", "short"]))
    given = _firsts(I, rng, ("first", "all", "first"))
    name = "%s %s %s" % (civ, given, I.birth)
    if I.used:
        name += ", qui porte le nom d'usage %s" % I.used
    start = rng.choice(["Je reçois ce jour, à votre demande,", "J'ai vu en consultation ce %s" % M.fr_date(
        "2026-11-%02d" % rng.randint(2, 20), "words"), "Je revois à trois mois"])
    born = "%s le %s" % (I.born(), _d(I, rng, ["words", "slash", "abbr", "caps"]))
    if I.place:
        if I.abroad:
            born += " et originaire d'un pays étranger, %s (code %s)" % (I.place_name, I.place) if rng.random() < 0.3 \
                else " %s" % _born_at(I)
        else:
            born += " et originaire de %s (%s)" % (I.place_name, I.place)
    s = "%s %s, âgé%s de %s, %s" % (start, name, e, _age(I), _nb(born))
    if rng.random() < 0.4:
        s += ", de sexe %s" % _sex(I, rng, ("lw",))
    if I.ins:
        s += ", identifié%s par l'INS %s" % (e, _ins(I, rng, I_ANY))
        if I.oid:
            s += " " + _oid(rng)
    s += ", %s." % reason
    doc.mark("identity")
    doc.para(s, doc.size, keep=True)
    doc.unmark()


def id_body_verified(doc, I, rng, reason):
    """The body opens on the person received whose identity was checked on an identity document;
    the traits follow after a colon, each behind its name in lower case, parted by commas."""
    f = I.sex == "F"
    e = "e" if f else ""
    civ = I.civ(rng, rng.choice(["long", "short"]))
    fam = I.used or I.birth
    given = I.firsts[0]
    doc_kind = rng.choice(["sa carte nationale d'identité", "son passeport", "son titre de séjour"]) if not I.child \
        else rng.choice(["le livret de famille", "la carte d'identité de l'enfant"])
    s1 = "%s %s %s %s, dont l'identité a été vérifiée sur présentation de %s : " % (
        rng.choice(["Nous avons accueilli", "J'ai reçu", "Nous avons pris en charge"]), civ, given, fam, doc_kind)
    parts = ["nom de naissance %s" % I.birth]
    if I.used:
        parts.append("nom d'usage %s" % I.used)
    parts.append("prénoms %s" % _firsts(I, rng, ("all",)))
    parts.append("%s le %s" % (I.born(), _d(I, rng, D_ANY)))
    if I.place:
        parts.append("à %s (code %s)" % (I.place_name, I.place) if not I.abroad else _born_at(I))
    parts.append("sexe %s" % _sex(I, rng, ("lw", "l")))
    if I.ins:
        t = "matricule INS %s" % _ins(I, rng, I_ANY)
        if I.oid:
            t += " " + _oid(rng)
        parts.append(t)
    s = s1 + ", ".join(_nb(p) if len(p) < 40 else p for p in parts) + "."
    s2 = "%s a été vu%s %s." % ("Elle" if f else "Il", e, reason)
    doc.mark("identity")
    doc.para(s, doc.size, keep=True, after=2)
    doc.unmark()
    doc.para(s2, doc.size)


def id_guillemets(doc, I, rng):
    """The head of a Doppler ultrasound report: the examination on a grey line, then the person in
    two columns of 'label » value' rows, the labels in grey."""
    size, small = _sz(I, 8, 10.5)
    head = "%s – %s" % (rng.choice(["Écho-doppler veineux des membres inférieurs", "Écho-doppler des troncs "
                                    "supra-aortiques", "Écho-doppler artériel des membres inférieurs"]),
                        rng.choice(["examen du ", "réalisé le "]) + _nov(rng))
    rows = [(rng.choice(["Nom de naissance", "Patronyme"]), I.birth)]
    if I.used:
        rows.append(("Nom d'usage", I.used))
    rows.append(("Prénom(s)", _firsts(I, rng)))
    rows.append(("Date de naissance", _d(I, rng, D_ANY)))
    rows.append(("Sexe", _sex(I, rng, ("w", "l", "p"))))
    if I.place:
        rows.append((_pname_label(I, rng), _place(I, rng, P_ANY)))
    if I.ins:
        rows.append(("INS", _ins(I, rng, I_ANY)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    ids = [x for x in (_ipp(I, rng, ["N° de dossier", "IPP"]), _nda(I, rng, ["N° de venue", "Venue"])) if x]
    rows += ids
    x0, width = doc.left, doc.right - doc.left
    cols = 2 if width > 380 else 1
    per = (len(rows) + cols - 1) // cols
    cw = width / cols
    lead = doc.lead(size) * 1.1
    doc.need(lead * (per + 2) + 6)
    doc.line(head, _fit(doc, [head], width, small + 0.5), gray=0.35)
    top = doc.y + 2
    doc.mark("identity")
    bottom = top
    for c in range(cols):
        chunk = rows[c * per:(c + 1) * per]
        lw = max(doc.sw(a + " » ", small + 0.5) for a, _ in chunk) if chunk else 0
        y = top
        for a, b in chunk:
            y += lead * 0.8
            doc.text(x0 + c * cw, y, a + " » ", small + 0.5, gray=0.4)
            doc.text(x0 + c * cw + lw, y, b, _fit(doc, [b], cw - lw - 10, size))
            y += lead * 0.2
        bottom = max(bottom, y)
    doc.unmark()
    doc.y = bottom + size


def id_ins_pill(doc, I, rng):
    """The head of a sports medicine consultation: labels set flush right against a colon column,
    the values in bold, a dotted hairline under each row; the national number last, apart, in a
    grey rounded strip in a fixed-width face behind a dark disc reading 'INS'."""
    L = doc.letter
    size, small = _sz(I, 8, 10.5)
    head = "%s – %s" % (rng.choice(["Médecine du sport", "Consultation de médecine du sport"]),
                        rng.choice(["certificat d'absence de contre-indication", "bilan d'aptitude",
                                    "visite de reprise"]))
    rows = [(_bname(I, rng), I.birth)]
    if I.used:
        rows.append(("Nom d'usage", I.used))
    rows.append(("Prénom(s)", _firsts(I, rng)))
    rows.append(("Date de naissance", _d(I, rng, D_ANY)))
    rows.append(("Sexe", _sex(I, rng, ("w", "p", "l"))))
    if I.place:
        rows.append((_pname_label(I, rng), _place(I, rng, P_ANY)))
    sport = ("Discipline", rng.choice(["football", "natation", "course à pied", "handball", "judo", "cyclisme"]))
    L.traps.append("sport")
    x0 = doc.left
    s = _room_size(doc, "t-id-room")
    rw, rh, rm = _room_span(s) if s else (0, 0, 0)
    lab = small + 0.3
    col = x0 + max(doc.sw(a + " :", lab) for a, _ in rows + [sport]) + 8
    lead = doc.lead(size) * 1.15
    ins_txt = _nb(ins_forms(I.ins)[rng.choice(["grouped", "plain", "key-sep"])]) if I.ins else None
    n = len(rows) + 1 + (2 if ins_txt else 0)
    doc.need(max(lead * n, rh) + size * 3)
    doc.line(head, _fit(doc, [head], doc.right - doc.left, size + 0.5, bold=True), bold=True)
    top = doc.y + 2
    right = doc.right - rw - 6
    doc.mark("identity")
    y = top
    for a, b in rows:
        y += lead * 0.8
        doc.text(col - 6, y, a + " :", lab, gray=0.3, align="right")
        doc.text(col, y, b, _fit(doc, [b], right - col, size, bold=True), bold=True)
        y += lead * 0.2
        _rule(doc, x0, right, y + 1, 0.3, 0.6, dash=(0.8, 1.6))
    if ins_txt:
        y += 6
        ms = size
        while ms > 6 and _msw(ins_txt, ms, True) > right - x0 - 40:
            ms -= 0.25
        ph = ms + 8
        disc = ph
        _fill(doc, x0, y, disc, disc, 0.2, radius=disc / 2)
        _white(doc, x0 + disc / 2, y + disc / 2 + 2.2, "INS", 6.5, align="centre")
        pw = _msw(ins_txt, ms, True) + 16
        _fill(doc, x0 + disc + 4, y, pw, ph, 0.88, radius=ph / 2, record=False)
        _mtext(doc, x0 + disc + 12, y + ph / 2 + ms * 0.33, ins_txt, ms, bold=True)
        y += ph
        if I.oid:
            y += doc.lead(small)
            doc.text(x0 + disc + 12, y, "OID " + M.TEST_OID, small, gray=0.35)
    doc.unmark()
    y += lead * 0.8
    doc.text(col - 6, y, sport[0] + " :", lab, gray=0.3, align="right")
    doc.text(col, y, sport[1], size)
    y += lead * 0.2
    if s:
        _set_room(doc, "t-id-room", doc.right - rw + rm, top + rm)
    doc.y = max(y, top + rh) + size


def id_efr_tiles(doc, I, rng):
    """The head of a lung function test: the device on a grey line, then the person as grey
    rounded tiles, four (or three, two) a row, a tiny caption at the top of each tile and the
    value in bold under it; the height, the weight and the smoking history on a last line."""
    L = doc.letter
    size, small = _sz(I, 8, 10.5)
    cap = max(5.5, size - 3)
    head = "Exploration fonctionnelle respiratoire – %s – %s" % (
        rng.choice(["spirométrie et pléthysmographie", "spirométrie", "mesure de la DLCO"]), _nov(rng))
    tiles = [("NOM DE NAISSANCE", I.birth)]
    if I.used:
        tiles.append(("NOM D'USAGE", I.used))
    tiles.append(("PRÉNOMS", _firsts(I, rng)))
    tiles.append(("DATE DE NAISSANCE", _d(I, rng, D_NUM)))
    tiles.append(("SEXE", _sex(I, rng, ("w", "l"))))
    if I.place:
        tiles.append(("PAYS DE NAISSANCE" if I.abroad else "COMMUNE DE NAISSANCE", _place(I, rng, P_ANY)))
    if I.ins:
        tiles.append(("MATRICULE INS", _ins(I, rng, ["plain", "grouped", "key-sep", "key-dash"])))
        if I.oid:
            tiles.append(("OID", M.TEST_OID))
    hgt = rng.randint(100, 170) if I.child else rng.randint(150, 192)
    meas = "Taille %d cm – poids %d kg – tabagisme : %s – valeurs de référence GLI 2012" % (
        hgt, rng.randint(15, 60) if I.child else rng.randint(45, 110),
        "non" if I.child else rng.choice(["non-fumeur", "sevré, 20 PA", "actif, 35 PA"]))
    L.traps.append("measures")
    x0, width = doc.left, doc.right - doc.left
    per = 4 if width > 440 else 3 if width > 320 else 2
    gap = 6
    tw = (width - gap * (per - 1)) / per
    th = cap + size + 9
    nrow = (len(tiles) + per - 1) // per
    doc.need((nrow + 1) * (th + gap) + size * 4)
    doc.line(head, _fit(doc, [head], width, small + 0.5), gray=0.35)
    doc.gap(3)
    top = doc.y
    doc.mark("identity")
    i = 0
    while i < len(tiles):
        k = 0
        while k < per and i < len(tiles):
            c, v = tiles[i]
            span = 1
            while span < per - k and doc.sw(v, size, bold=True) > tw * span + gap * (span - 1) - 10:
                span += 1
            if k and doc.sw(v, size, bold=True) > tw * (per - k) + gap * (per - k - 1) - 10:
                break
            w = tw * span + gap * (span - 1)
            x = x0 + k * (tw + gap)
            _fill(doc, x, top, w, th, 0.91, radius=4, record=False)
            doc.text(x + 5, top + cap + 3, c, cap, gray=0.35)
            doc.text(x + 5, top + cap + size + 5, v, _fit(doc, [v], w - 10, size, bold=True), bold=True)
            k += span
            i += 1
        top += th + gap
    doc.unmark()
    doc.y = top
    doc.line(meas, _fit(doc, [meas], width, small), gray=0.35)
    doc.gap(size * 0.8)


IDENTITY_FAMILIES = {
    "t-id-a": (id_holter, "flow"),
    "t-id-b": (id_pet_outlined, "flow"),
    "t-id-c": (id_allergy_vertical, "flow"),
    "t-id-d": (id_heading_embedded, "flow"),
    "t-id-e": (id_inline_runs, "flow"),
    "t-id-f": (id_hairline_strip, "flow"),
    "t-id-g": (id_definition_list, "flow"),
    "t-id-h": (id_realise_chez, "flow"),
    "t-id-i": (id_tr_ruled_table, "top-right"),
    "t-id-j": (id_tr_brackets, "top-right"),
    "t-id-k": (id_running_head, "band"),
    "t-id-l": (id_footer_abbrev, "footer"),
    "t-id-m": (id_body_originaire, "body"),
    "t-id-n": (id_body_verified, "body"),
    "t-id-o": (id_guillemets, "flow"),
    "t-id-p": (id_ins_pill, "flow"),
    "t-id-q": (id_efr_tiles, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Professionals as these families print them

def _pname(p, form):
    """(printed name, given form) of a professional."""
    pr = p.title == "PR"
    sh, lg = ("Pr", "Professeur") if pr else ("Dr", "Docteur")
    g, fam = p.given, p.family
    if form == "s-gf":
        return "%s %s %s" % (sh, g, fam), "full"
    if form == "l-gf":
        return "%s %s %s" % (lg, g, fam), "full"
    if form == "s-fg":
        return "%s %s %s" % (sh, fam, g), "full"
    if form == "l-fg":
        return "%s %s %s" % (lg, fam, g), "full"
    if form == "s-i":
        return "%s %s %s" % (sh, M.initials(g), fam), "initial"
    if form == "s-f":
        return "%s %s" % (sh, fam), "none"
    if form == "c-i":
        return "%s %s %s" % ("Madame" if p.sex == "F" else "Monsieur", M.initials(g), fam), "initial"
    raise ValueError(form)


FULL = ["s-gf", "s-gf", "l-gf", "s-fg", "l-fg"]


def _job(p, rng, lower=False):
    t = p.profession[1] if p.spec is None else rng.choice(p.spec[2])
    return t[0].lower() + t[1:] if lower and not t.isupper() else t


def _site(p, rng):
    s = p.site
    return s if rng.random() < 0.5 else s.title().replace(" De ", " de ").replace(" D'", " d'").replace(" Du ", " du ")


def _top(doc, rng, choices=(138, 146, 154, 162)):
    return max(rng.choice(list(choices)), getattr(doc, "header_bottom", 0) + 8)


def _fit_right(doc, items, x, limit, floor_x):
    """Moves a right block left when it is too wide, then shrinks what still does not fit."""
    widest = max(doc.sw(t, sz, bold=b, italic=i) + dx for t, sz, b, i, _, dx in items)
    if x + widest > limit:
        x = max(floor_x, limit - widest)
    items = [(t, _fit(doc, [t], limit - x - dx, sz, bold=b, italic=i), b, i, g, dx) for t, sz, b, i, g, dx in items]
    return x, items


def _fit_left(doc, items, x, limit):
    return [(t, _fit(doc, [t], limit - x - dx, sz, bold=b, italic=i), b, i, g, dx) for t, sz, b, i, g, dx in items]


def _dear(p, rng):
    f = p.sex == "F"
    if p.title == "PR" and rng.random() < 0.5:
        return "%s le Professeur et cher %s," % (("Madame", "Collègue") if f else ("Monsieur", "Collègue"))
    return rng.choice(["Chère Consœur et amie," if f else "Cher Confrère et ami,",
                       "Ma chère Consœur," if f else "Mon cher Confrère,",
                       "Chère Docteure," if f else "Cher Docteur,",
                       "Chère Consœur," if f else "Cher Confrère,"])


def _size(doc, rng):
    return min(doc.size + rng.choice([0, 0.5]), 11)


def _place_lines(p, rng, upper=None):
    city = M.city_text(p, rng, upper)
    return [p.street_line(), "%s %s" % (p.postcode, city)], city


# ---------------------------------------------------------------------------------------------
# Addressees

def ad_interlocuteur(doc, L, rng):
    """Right window (the name, what they do, the site, the street, the town); opposite it on the
    left, a thin grey frame telling the sender's contact: the secretary, the phone, the hours."""
    p = L.to
    size = _size(doc, rng)
    name, gf = _pname(p, rng.choice(FULL + ["s-i"]))
    items = [(name, size, True, False, 0, 0), (_job(p, rng), size - 0.5, False, False, 0, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0, 0))
    lines, city = _place_lines(p, rng)
    items += [(t, size, False, False, 0, 0) for t in lines]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    top = _top(doc, rng)
    x, items = _fit_right(doc, items, rng.choice([312, 324, 334]), M.W - 34, M.W / 2 - 30)
    y = _stack(doc, x, top, items) + 4
    if L.columns == 1:
        small = max(6.5, size - 2)
        h = L.hospital
        sec = "%s %s %s" % (rng.choice(["Mme", "M."]), rng.choice(M.GIVEN_F), M.pick_surname(rng))
        box = [(rng.choice(["Votre contact", "Votre correspondant", "Personne à contacter"]), small, True, False, 0.2, 0),
               ("%s, %s" % (sec, rng.choice(["secrétaire médicale", "assistante médicale"])), small, False, False, 0, 0),
               ("Tél. : %s" % M.phone_text(h["phone"], rng), small, False, False, 0, 0),
               (rng.choice(["Du lundi au vendredi, 9h – 17h", "Joignable de 8h30 à 16h30", "Lundi – vendredi,"
                            " 9h – 12h / 14h – 17h"]), small, False, True, 0.3, 0)]
        L.traps.append("phone")
        bx = max(doc.left, 45)
        box = _fit_left(doc, box, bx + 6, x - 24)
        by = _stack(doc, bx + 6, top, box)
        bw = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _, _ in box) + 12
        _frame(doc, bx, top - 4, bw, by - top + 8, lw=0.4, gray=0.5)
        y = max(y, by + 6)
    return y


def ad_flow_destine(doc, L, rng):
    """No window: a line after the date says whom the report is meant for, with what they do and
    their town in brackets, and that they follow the person."""
    p = L.to
    I = L.ident
    name, gf = _pname(p, rng.choice(FULL + ["s-i", "s-f"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.5)
    where = city if (p.force_place or gf != "full" or rng.random() < 0.8) else None
    tail = _job(p, rng, lower=True) + (", " + _nb(where) if where else "")
    who = "l'enfant" if I.child else "%s %s" % (I.civ(rng, "short"), I.used or I.birth)
    L.flow_addressee = rng.choice([
        "Lettre rédigée à l'intention du %s (%s), qui suit %s." % (_nb(name), tail, who),
        "Compte rendu établi à l'intention du %s (%s), médecin qui a demandé l'examen." % (_nb(name), tail)])
    L.mentions.add(p, "to", name, gf, where, None)
    L.salutation = _dear(p, rng) if rng.random() < 0.8 else None
    L.traps.append("patient-name-in-addressee")
    return None


_COMPANIES = ["SCM Cabinet médical du Port", "SELARL Médecins du Parc", "SCM des Praticiens de la Gare",
              "SELAS Santé Atlantique", "SCM Maison médicale des Chênes", "SELARL Cabinet des Halles"]


def ad_company(doc, L, rng):
    """Right window to a doctor practising within a company of doctors: the name, what they do,
    the company's name (or the hospital department), the street, the town."""
    p = L.to
    size = _size(doc, rng)
    name, gf = _pname(p, rng.choice(FULL + ["s-i"]))
    items = [(name, size, True, False, 0, 0), (_job(p, rng), size - 0.5, False, True, 0, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size - 0.5, False, False, 0, 0))
        items.append((_site(p, rng), size - 0.5, False, False, 0, 0))
    else:
        items.append((rng.choice(_COMPANIES), size - 0.5, False, False, 0, 0))
    lines, city = _place_lines(p, rng)
    items += [(t, size, False, False, 0, 0) for t in lines]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    x, items = _fit_right(doc, items, rng.choice([310, 320, 332]), M.W - 34, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_left_specialiste(doc, L, rng):
    """Left window: the name, then 'Spécialiste en …' with the field as the register words it (or
    'Qualifié(e) en médecine générale'), the street and the town in title case."""
    p = L.to
    size = _size(doc, rng)
    name, gf = _pname(p, rng.choice(["l-gf", "s-gf", "s-fg", "s-i"]))
    e = "e" if p.sex == "F" else ""
    if p.spec and p.spec[0] == M.GP:
        qual = "Qualifié%s en médecine générale" % e
    elif p.spec:
        qual = "Spécialiste en %s" % (p.spec[1][0].lower() + p.spec[1][1:])
    else:
        qual = p.profession[1]
    city = M.title_city(p.city)
    items = [(name, size, True, False, 0, 0), (qual, size - 0.5, False, True, 0.2, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0, 0))
    items += [(p.street_line(), size, False, False, 0, 0), ("%s %s" % (p.postcode, city), size, False, False, 0, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    x = rng.choice([56, 62, 70])
    items = _fit_left(doc, items, x, M.W / 2 - 24)
    return _stack(doc, x, _top(doc, rng, (146, 154, 160)), items) + 6


def ad_mt_of_patient(doc, L, rng):
    """Right window whose second line tells what the addressee is for the person ('Médecin
    traitant de Mme …', or what they do 'qui suit M. …'), then the street and the town."""
    p = L.to
    I = L.ident
    size = _size(doc, rng)
    name, gf = _pname(p, rng.choice(FULL + ["s-i"]))
    who = "%s %s" % (I.civ(rng, "short"), I.used or I.birth)
    if I.child:
        who = "l'enfant %s %s" % (I.firsts[0], I.birth)
    if p.spec and p.spec[0] == M.GP:
        role = "Médecin traitant de %s" % who
    else:
        role = "%s, qui suit %s" % (_job(p, rng), who)
    items = [(name, size, True, False, 0, 0), (role, size - 1, False, True, 0.25, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0, 0))
    lines, city = _place_lines(p, rng)
    items += [(t, size, False, False, 0, 0) for t in lines]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    L.traps.append("patient-name-in-addressee")
    x, items = _fit_right(doc, items, rng.choice([306, 318, 330]), M.W - 34, M.W / 2 - 40)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_big_a(doc, L, rng):
    """Right window under a large grey 'À' on a line of its own, as a recent template prints it;
    the name, what they do, the street and the town."""
    p = L.to
    size = _size(doc, rng)
    name, gf = _pname(p, rng.choice(FULL))
    items = [(name, size, True, False, 0, 0), (_job(p, rng), size - 0.5, False, False, 0.3, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0, 0))
    lines, city = _place_lines(p, rng)
    items += [(t, size, False, False, 0, 0) for t in lines]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    top = _top(doc, rng)
    x, items = _fit_right(doc, items, rng.choice([316, 326, 336]), M.W - 34, M.W / 2 - 10)
    doc.text(x, top + 14, "À", 17, bold=True, gray=0.6)
    return _stack(doc, x, top + 20, items) + 4


def ad_patient_home(doc, L, rng):
    """Right window to the person at home, 'Pli personnel destiné à' over the name (a child's
    parents 'de l'enfant'), the flat and floor line, the street, the town."""
    I = L.ident
    size = _size(doc, rng)
    street, pc, city = L.patient["home"]
    items = []
    if L.patient["child"]:
        items.append(("Aux parents de l'enfant", size - 0.5, False, True, 0.2, 0))
        items.append(("%s %s" % (I.firsts[0], I.birth), size, True, False, 0, 0))
        L.salutation = rng.choice(["Madame, Monsieur,", "Chers parents,"])
    else:
        items.append(("Pli personnel destiné à", size - 1, False, True, 0.2, 0))
        civ = I.civ(rng, rng.choice(["long", "short"]))
        fam = I.used or I.birth
        items.append(("%s %s %s" % (civ, fam, I.firsts[0]), size, True, False, 0, 0))
        L.salutation = rng.choice(["%s," % ("Madame" if I.sex == "F" else "Monsieur"),
                                   "Chère Madame," if I.sex == "F" else "Cher Monsieur,"])
    if rng.random() < 0.5:
        items.append(("Appartement %d, %s étage" % (rng.randint(1, 60), rng.choice(["1er", "2e", "3e", "4e"])),
                      size, False, False, 0, 0))
    items += [(street, size, False, False, 0, 0), ("%s %s" % (pc, city), size, False, False, 0, 0)]
    L.addressed_to_patient = True
    x, items = _fit_right(doc, items, rng.choice([314, 326]), M.W - 34, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_none_remis(doc, L, rng):
    """No addressee: a line says the report was handed to the person; an impersonal salutation."""
    I = L.ident
    if rng.random() < 0.7:
        L.flow_addressee = rng.choice([
            "Compte rendu remis en main propre %s." % ("aux parents" if I.child else
                                                       "à l'intéressée" if I.sex == "F" else "à l'intéressé"),
            "Compte rendu confié %s à l'issue de la consultation." % ("aux parents" if I.child else
                                                                  "à la patiente" if I.sex == "F" else "au patient")])
    L.salutation = rng.choice(["Chers collègues,", "Madame, Monsieur,", "Chers confrères et amis,"])
    return None


def ad_civ_initial(doc, L, rng):
    """Right window naming the doctor by civility and initials ('Madame M.-C. DUPONT'), what they
    do under it, the site, the street, the town in capitals."""
    p = L.to
    size = _size(doc, rng)
    name, gf = _pname(p, "c-i")
    items = [(name, size, True, False, 0, 0), (_job(p, rng), size - 0.5, False, False, 0, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size - 0.5, False, False, 0, 0))
        items.append((_site(p, rng), size - 0.5, False, False, 0, 0))
    city = p.city
    items += [(p.street_line(), size, False, False, 0, 0), ("%s %s" % (p.postcode, city), size, False, False, 0, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    x, items = _fit_right(doc, items, rng.choice([312, 322, 334]), M.W - 34, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_labelled_trio(doc, L, rng):
    """No window: under the letterhead, one line of three labelled cells without rules: the doctor
    the letter is for, what they do, and where they practise (postcode and town)."""
    p = L.to
    size = max(7.5, doc.size - 0.5)
    name, gf = _pname(p, rng.choice(FULL + ["s-i"]))
    city = M.city_text(p, rng)
    cells = [(rng.choice(["Praticien à qui s'adresse ce courrier", "Destinataire"]), _nb(name)),
             (rng.choice(["Spécialité", "Exercice"]), _job(p, rng)),
             (rng.choice(["Commune d'exercice", "Ville"]), _nb("%s %s" % (p.postcode, city)))]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    x0 = doc.left
    width = doc.right - x0
    lab = max(6, size - 1.5)
    y = max(getattr(doc, "header_bottom", 0) + 14, 118)
    widths = [doc.sw(a + " : ", lab) + doc.sw(b, size, bold=True) for a, b in cells]
    gap = 18
    if sum(widths) + gap * 2 <= width:
        x = x0
        for (a, b), w in zip(cells, widths):
            lw = doc.text(x, y, a + " : ", lab, gray=0.4)
            doc.text(x + lw, y, b, size, bold=True)
            x += w + gap
        y += size * 0.4
    else:
        for a, b in cells:
            lw = doc.text(x0, y, a + " : ", lab, gray=0.4)
            doc.text(x0 + lw, y, b, _fit(doc, [b], width - lw, size, bold=True), bold=True)
            y += doc.lead(size)
        y -= doc.lead(size) * 0.6
    _rule(doc, x0, doc.right, y + 4, 0.4, 0.5)
    return y + 8


def ad_slash_job(doc, L, rng):
    """Right window whose first line holds the name and, after a slash, what they do; the practice
    or the site, the street and the town."""
    p = L.to
    size = _size(doc, rng)
    name, gf = _pname(p, rng.choice(FULL + ["s-i"]))
    items = [("%s / %s" % (name, _job(p, rng)), size, False, False, 0, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0, 0))
    elif rng.random() < 0.5:
        items.append((rng.choice(["Cabinet médical", "Cabinet de groupe", "Maison de santé"]), size - 0.5, False,
                      False, 0, 0))
    lines, city = _place_lines(p, rng)
    items += [(t, size, False, False, 0, 0) for t in lines]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    x, items = _fit_right(doc, items, rng.choice([306, 316, 328]), M.W - 34, M.W / 2 - 40)
    return _stack(doc, x, _top(doc, rng), items) + 4


# (draw, window: "right" | "left" | "none" | "flow", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "t-ad-a": (ad_interlocuteur, "right", True),
    "t-ad-b": (ad_flow_destine, "flow", True),
    "t-ad-c": (ad_company, "right", True),
    "t-ad-d": (ad_left_specialiste, "left", True),
    "t-ad-e": (ad_mt_of_patient, "right", True),
    "t-ad-f": (ad_big_a, "right", True),
    "t-ad-g": (ad_patient_home, "right", False),
    "t-ad-h": (ad_none_remis, "none", False),
    "t-ad-i": (ad_civ_initial, "right", True),
    "t-ad-j": (ad_labelled_trio, "none", True),
    "t-ad-k": (ad_slash_job, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies

def _copy(L, p, rng, forms, p_place=0.75, upper=None):
    """Records a copy; returns (name, what they do, town or None)."""
    name, gf = _pname(p, rng.choice(forms))
    city = None
    if p.force_place or gf != "full" or rng.random() < p_place:
        city = M.city_text(p, rng, upper=rng.random() < 0.5 if upper is None else upper)
    L.mentions.add(p, "cc", name, gf, city, None)
    return name, _job(p, rng, lower=True), _nb(city) if city else None


def _patient_copy(L, rng):
    I = L.ident
    if I.child:
        return rng.choice(["les parents de l'enfant", "ses représentants légaux"])
    return rng.choice(["%s %s (exemplaire personnel)" % (I.civ(rng, "short"), I.used or I.birth),
                       "l'intéressée" if I.sex == "F" else "l'intéressé"])


def cp_transmis(doc, L, rng):
    """'Communiqué en copie à :' and the copies in one paragraph, parted by bullets, each with what
    they do and the town in brackets."""
    size = max(7.5, doc.size - rng.choice([0.5, 1]))
    entries = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"])
        entries.append("%s (%s%s)" % (_nb(name), job, ", " + city if city else ""))
    if L.copy_patient:
        entries.append(_patient_copy(L, rng))
    if not entries:
        return
    doc.gap(size * 0.5)
    doc.para("%s %s" % (rng.choice(["Communiqué en copie à :", "Informés en copie :"]), " • ".join(entries)), size,
             keep=True)


def cp_je_transmets(doc, L, rng):
    """A closing sentence in the first person: 'J'adresse également ce compte rendu, pour
    information, au Dr … (town) et au Dr … (town)', the person last."""
    size = max(7.5, doc.size - rng.choice([0, 0.5]))
    parts = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"], 0.85)
        parts.append("au %s%s" % (_nb(name), ", à %s" % city if city and rng.random() < 0.5 else
                                  " (%s)" % city if city else ""))
    if L.copy_patient:
        parts.append("aux parents" if L.ident.child else
                     "à la patiente elle-même" if L.ident.sex == "F" else "au patient lui-même")
    if not parts:
        return
    body = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
    start = rng.choice(["J'adresse également ce compte rendu, pour information,",
                        "Je transmets une copie de ce courrier", "J'en adresse copie"])
    doc.gap(size * 0.4)
    doc.para("%s %s." % (start, body), size, keep=True)


def cp_avec_copie_pour(doc, L, rng):
    """'Avec copie pour :' and one row per copy: the name in a first column, the full postal
    address in a second one (under the name when the row is too long)."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    rows = []
    for p in L.copies:
        name, gf = _pname(p, rng.choice(FULL + ["s-i"]))
        city = M.city_text(p, rng)
        L.mentions.add(p, "cc", name, gf, city, p.postcode)
        rows.append((_nb(name), "%s, %s %s" % (p.street_line(), p.postcode, city)))
    if L.copy_patient:
        rows.append((_patient_copy(L, rng), "—"))
    if not rows:
        return
    x0 = doc.left + 10
    c1 = max(doc.sw(a, size, bold=True) for a, _ in rows) + 14
    lead = doc.lead(size)
    doc.need(lead * (len(rows) * 2 + 1) + 6)
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Avec copie pour :", "Avec copies pour :"]), size, bold=True)
    for a, b in rows:
        if x0 + c1 + doc.sw(b, size) <= doc.right:
            doc.y += lead * 0.8
            doc.text(x0, doc.y, a, size, bold=True)
            doc.text(x0 + c1, doc.y, b, size)
            doc.y += lead * 0.2
        else:
            doc.line(a, size, bold=True, x=x0)
            doc.para(b, size, x=x0 + 12, after=0)


def cp_none(doc, L, rng):
    """No colleague in copy, in this software's words; the person's own copy when there is one."""
    size = max(7, doc.size - 1)
    I = L.ident
    if L.copy_patient:
        t = rng.choice(["Exemplaire de ce compte rendu confié %s." % ("aux parents" if I.child else "à la patiente"
                                                                     if I.sex == "F" else "au patient"),
                        "Copie : %s." % ("parents" if I.child else "intéressée" if I.sex == "F" else "intéressé")])
    else:
        t = rng.choice(["Aucune copie transmise.", "Copie : sans objet.", "Diffusion : destinataire seul.", "Pas d'autre envoi."])
    doc.gap(size * 0.5)
    doc.para(t, size, italic=rng.random() < 0.5)


def cp_egalement_top(doc, L, rng):
    """Under the date, before the title: 'Également informés :' in bold, then the copies on the
    same line, each name and its town after a dash, parted by semicolons."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    entries = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"], 0.85)
        entries.append(_nb(name) + (" – %s" % city if city else ""))
    if L.copy_patient:
        entries.append(_patient_copy(L, rng))
    if not entries:
        return
    label = rng.choice(["Également informés :", "Copies de ce courrier :"])
    lw = doc.sw(label + " ", size, bold=True)
    text = " ; ".join(entries)
    lines = doc.wrap(text, doc.right - doc.left - lw, size)
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.y += doc.lead(size) * 0.8
    doc.text(doc.left, doc.y, label, size, bold=True)
    doc.y -= doc.lead(size) * 0.8
    for ln in lines:
        doc.line(ln, size, x=doc.left + lw)
    doc.gap(size * 0.5)


def cp_name_town_right(doc, L, rng):
    """A caption, then one copy a line: the name on the left, what they do and the town set flush
    right on the same line, a hairline under each."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    rows = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"], 0.9, upper=True)
        rows.append((_nb(name), "%s%s" % (job, " – %s" % city if city else "")))
    if L.copy_patient:
        rows.append((_patient_copy(L, rng), ""))
    if not rows:
        return
    lead = doc.lead(size) * 1.15
    doc.need(lead * (len(rows) + 1) + 8)
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Copies expédiées", "Autre(s) envoi(s)"]), size, bold=True)
    for a, b in rows:
        doc.y += lead * 0.8
        wa = doc.text(doc.left, doc.y, a, size)
        if b:
            doc.text(doc.right, doc.y, b, _fit(doc, [b], doc.right - doc.left - wa - 16, size), gray=0.25,
                     align="right")
        doc.y += lead * 0.2
        _rule(doc, doc.left, doc.right, doc.y + 1, 0.3, 0.6)


def cp_copie_presente(doc, L, rng):
    """'Double de la présente :' then one copy a line behind a dash, on a hanging indent: the name,
    what they do 'à' the town."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    lines = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i"], 0.85, upper=False)
        lines.append("– %s, %s%s" % (_nb(name), job, " à %s" % city if city else ""))
    if L.copy_patient:
        lines.append("– " + _patient_copy(L, rng))
    if not lines:
        return
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Double de la présente :", "Double de la présente à :"]), size, italic=True)
    for t in lines:
        doc.para(t, size, x=doc.left + 14, after=0)


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "t-cc-a": (cp_transmis, True, "end"),
    "t-cc-b": (cp_je_transmets, True, "end"),
    "t-cc-c": (cp_avec_copie_pour, True, "end"),
    "t-cc-d": (cp_none, False, "end"),
    "t-cc-e": (cp_egalement_top, True, "top"),
    "t-cc-f": (cp_name_town_right, True, "end"),
    "t-cc-g": (cp_copie_presente, True, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions of this set: the room some identity blocks keep beside them, the space
# left under the letterhead on the left, and beside the signature.

DM_POSITIONS = ["t-id-room", "t-id-room", "t-under-head", "t-under-head", "t-sig-side",
                "t-sig-side"]


def dm_candidates(d, pos, s, W, H):
    if pos == "t-id-room":
        room = d.__dict__.get("t_rooms", {}).get(pos)
        if not room or room[0] != d.page:
            return []
        return [(room[1], room[2]), (room[1], room[2] + 2), (room[1] - 2, room[2])]
    if pos == "t-under-head":
        if d.page != 1 or not hasattr(d, "header_bottom"):
            return []
        top = d.header_bottom
        return [(x, top + 6 + k * 6) for k in range(6) for x in (max(d.left, 40), 48, 60)]
    if pos == "t-sig-side":
        sig = getattr(getattr(d, "letter", None), "sig", None)
        if not sig or sig[0] != d.page:
            return []
        _, y, x = sig
        if x < W / 2:
            xs = [x + 200, x + 230, W - 60 - s]
        else:
            xs = [x - s - 30, x - s - 60, d.left]
        return [(xx, y + dy) for dy in (0, 6, 12) for xx in xs]
    return []
