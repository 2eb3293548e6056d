"""Tuning layout families, nineteenth set (see make_letters.py).

These were the held-out families of session 45 (written blind to the reader); once their results
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
    for key, files in (("sSansCondBold", (_DJ + "DejaVuSans.ttf", _DJ + "DejaVuSansCondensed-Bold.ttf",
                                            _DJ + "DejaVuSansCondensed-Oblique.ttf")),
                       ("sLiberationSansBoldSlant", (_LI + "LiberationSans-Regular.ttf",
                                                       _LI + "LiberationSans-BoldItalic.ttf",
                                                       _LI + "LiberationSans-Italic.ttf")),
                       ("sFreeSerifSlantUpright", (_FR + "FreeSerifItalic.ttf", _FR + "FreeSerifBold.ttf",
                                                     _FR + "FreeSerif.ttf"))):
        if register(key, *files):
            out.append(key)
    for key, faces in (("sGothicBookBoldSlant", ("URWGothic-Book", "URWGothic-DemiOblique",
                                                   "URWGothic-BookOblique")),
                       ("sRomanBoldSlant", ("NimbusRoman-Regular", "NimbusRoman-BoldItalic",
                                              "NimbusRoman-Italic")),
                       ("sC059BoldSlant", ("C059-Roman", "C059-BdIta", "C059-Italic")),
                       ("sNarrowBoldSlant", ("NimbusSansNarrow-Regular", "NimbusSansNarrow-BoldOblique",
                                               "NimbusSansNarrow-Oblique")),
                       ("sP052SlantUpright", ("P052-Italic", "P052-Bold", "P052-Roman"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    return out


# ---------------------------------------------------------------------------------------------
# Traits as this set writes them.

def _nb(s):
    """Spaces that never break a line (drawn as plain spaces)."""
    return s.replace(" ", M.NBSP)


_MOIS_ABR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def date_forms(iso):
    """Every form of a birth date this set prints."""
    y, m, d = iso.split("-")
    day = "1er" if d == "01" else str(int(d))
    return {
        "slash": "%s/%s/%s" % (d, m, y),
        "iso": iso,
        "nopad": "%d/%d/%s" % (int(d), int(m), y),
        "spaced": "%s / %s / %s" % (d, m, y),
        "words": "%s %s %s" % (day, M.MONTHS[int(m) - 1], y),
        "abbr": "%d %s %s" % (int(d), _MOIS_ABR[int(m) - 1], y),
        "dot": "%s.%s.%s" % (d, m, y),
        "dash": "%s-%s-%s" % (d, m, y),
    }


def _d(I, rng, styles):
    return _nb(date_forms(I.iso)[rng.choice(list(styles))])


D_ANY = ["slash", "slash", "slash", "words", "abbr", "dot", "dash", "nopad"]
D_NUM = ["slash", "slash", "dot", "dash", "nopad", "spaced"]


def ins_forms(m):
    g = " ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]])
    return {
        "plain": m,
        "grouped": "%s %s" % (g, m[13:]),
        "paren": "%s (%s)" % (m[:13], m[13:]),
        "g-paren": "%s (%s)" % (g, m[13:]),
        "slash": "%s/%s" % (m[:13], m[13:]),
        "g-slash": "%s / %s" % (g, m[13:]),
        "g-cle": "%s, clé %s" % (g, m[13:]),
    }


def _ins(I, rng, styles):
    return _nb(ins_forms(I.ins)[rng.choice(list(styles))])


I_ANY = ["plain", "plain", "grouped", "grouped", "paren", "g-paren", "slash", "g-slash", "g-cle"]


def _sex(I, rng, styles=("l", "w", "p")):
    f = I.sex == "F"
    return {"l": "F" if f else "M", "w": "Féminin" if f else "Masculin", "p": "Femme" if f else "Homme",
            "a": "Fém." if f else "Masc.", "lw": "féminin" if f else "masculin"}[rng.choice(list(styles))]


def _place(I, rng, styles):
    code, name = I.place, I.place_name
    return _nb({"paren": "%s (%s)" % (name, code), "code": code, "code-dash": "%s – %s" % (code, name),
                "insee": "%s, INSEE %s" % (name, code), "caps-paren": "%s (%s)" % (M.insi(name), code),
                "code-caps": "%s %s" % (code, M.insi(name))}[rng.choice(list(styles))])


P_ANY = ["paren", "paren", "code-dash", "insee", "caps-paren", "code-caps"]


_FEM_COUNTRIES = ("Algérie", "Tunisie", "Espagne", "Italie", "Belgique", "Turquie", "Allemagne", "Côte d'Ivoire")


def _born_at(I):
    """'à Brest (29019)', 'au Maroc (99350)', 'en Algérie (99352)', 'à Madagascar (99333)'."""
    name, code = I.place_name, I.place
    if I.abroad:
        art = "en" if name in _FEM_COUNTRIES else "à" if name == "Madagascar" else "au"
        return _nb("%s %s (%s)" % (art, name, code))
    return _nb("à %s (%s)" % (name, code))


def _firsts(I, rng, styles=("all", "all", "all-comma", "first")):
    return I.first_names(rng, rng.choice(list(styles)))


def _e(I):
    return "e" if I.sex == "F" else ""


def _sz(I, lo=7.5, hi=10.5):
    size = max(lo, min(I.size, hi))
    return size, max(6, size - 1.8)


def _months(I):
    y, m, d = (int(v) for v in I.iso.split("-"))
    return (M.TODAY[0] - y) * 12 + M.TODAY[1] - m - (M.TODAY[2] < d)


def _age(I):
    a = M.age_on(I.iso)
    return "%d\u00a0ans" % a if a >= 2 else "%d\u00a0mois" % max(_months(I), 1)


def _age_ym(I):
    """'7 ans 4 mois', as child assessments give it."""
    n = max(_months(I), 1)
    if n < 24:
        return "%d\u00a0mois" % n
    return "%d\u00a0ans %d\u00a0mois" % (n // 12, n % 12) if n % 12 else "%d\u00a0ans" % (n // 12)


def _oid(rng):
    return rng.choice(["(OID %s)", "OID %s", "– OID : %s"]) % M.TEST_OID


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


def _mobile(rng):
    return "%s %02d %02d %02d %02d" % (rng.choice(["06", "07"]), rng.randint(10, 99), rng.randint(0, 99),
                                       rng.randint(0, 99), rng.randint(0, 99))


def _nov(rng, lo=2, hi=22):
    return "%02d/11/2026" % rng.randint(lo, hi)


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


def _vrule(doc, x, y0, y1, lw=0.5, gray=0.0, dash=None):
    c = doc.c
    c.saveState()
    c.setLineWidth(lw)
    c.setStrokeGray(gray)
    if dash:
        c.setDash(*dash)
    c.line(x, M.H - y0, x, M.H - y1)
    c.restoreState()
    doc.add_box((x - lw, y0, x + lw, y1))


def _white(doc, x, y, s, size, bold=True):
    """Text reversed out of a dark ground (not recorded as drawn text: captions only)."""
    c = doc.c
    c.saveState()
    c.setFillGray(1)
    c.setFont(doc.fontname(bold=bold), size)
    c.drawString(x, M.H - y, s)
    c.restoreState()


_MONO = ("Courier", "Courier-Bold")


def _msw(s, size, bold=False):
    return M.pdfmetrics.stringWidth(s.replace(M.NBSP, " "), _MONO[bold], size)


def _mtext(doc, x, y, s, size, bold=False, gray=0.0):
    """A line in the fixed-width face of another program's printout, recorded like doc.text."""
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


# The DataMatrix rooms some families keep (see dm_candidates): only when the letter's code goes
# there, as software that prints the code keeps its place.

def _room_size(doc, pos):
    L = doc.letter
    if L.dm and L.dm_pos == pos:
        return L.dm_mm * 72 / 25.4
    return None


def _set_room(doc, pos, x, y):
    doc.__dict__.setdefault("s_rooms", {})[pos] = (doc.page, x, y)


def _room_span(s):
    """Width and height a room takes around a code of side s (its caption, its margins)."""
    m = max(5, s / 9) + 2
    return s + 2 * m, s + 9 + 2 * m, m


# ---------------------------------------------------------------------------------------------
# Identity

_LEVELS = {3: "petite section", 4: "moyenne section", 5: "grande section", 6: "CP", 7: "CE1", 8: "CE2", 9: "CM1",
           10: "CM2", 11: "6e", 12: "5e", 13: "4e", 14: "3e", 15: "2de", 16: "1re", 17: "terminale"}


def id_assessment(doc, I, rng):
    """The head of a speech-therapy or psychomotor assessment (a neuropsychological one for an
    adult): a bold title, then the person on the left as 'label : value' lines with the age at
    the assessment, the schooling or education, handedness and the date of the assessment on the
    right, a hairline between the two."""
    L = doc.letter
    size, small = _sz(I, 8, 10.5)
    f = I.sex == "F"
    left = [(rng.choice(["Nom de naissance", "Nom à l'état civil"]), I.birth)]
    if I.used:
        left.append((rng.choice(["Nom d'usage", "Nom porté à l'usage"]), I.used))
    left.append((rng.choice(["Prénom(s) à l'état civil", "Prénoms inscrits à l'état civil"]),
                 _firsts(I, rng, ("all", "all-comma"))))
    left.append(("Date de naissance", _d(I, rng, ["slash", "slash", "words", "abbr", "dot"])))
    left.append(("Âge au bilan" if I.child else "Âge", _age_ym(I) if I.child else _age(I)))
    left.append(("Sexe", _sex(I, rng, ("a", "w", "l"))))
    if I.place:
        left.append(("Pays de naissance" if I.abroad else "Commune de naissance",
                     _place(I, rng, ["paren", "code-dash", "insee"])))
    if I.ins:
        left.append((rng.choice(["Identifiant national de santé", "Matricule INS"]),
                     _ins(I, rng, ["grouped", "plain", "g-paren", "g-slash"])))
        if I.oid:
            left.append(("Racine OID", M.TEST_OID))
    hand = rng.choice(["droitière" if f else "droitier", "gauchère" if f else "gaucher", "ambidextre"])
    when = _nov(rng, 3, 20)
    if I.child:
        title = rng.choice(["BILAN ORTHOPHONIQUE", "BILAN PSYCHOMOTEUR",
                            "Bilan orthophonique – évaluation initiale"])
        age = M.age_on(I.iso)
        school = ("Mode de garde", rng.choice(["crèche collective", "assistante maternelle"])) if age < 3 else \
            ("Scolarité", "%s – %s" % (_LEVELS.get(age, "terminale"),
                                       rng.choice(["école Jules Ferry", "école du Centre", "collège Jean Moulin",
                                                   "groupe scolaire des Tilleuls", "collège Sainte-Anne"])))
        right = [school, ("Latéralité", hand),
                 ("Langue(s) parlée(s) au domicile", rng.choice(["français", "français, arabe", "français, breton",
                                                                 "français, portugais", "français, turc"])),
                 ("Bilan réalisé le", when)]
    else:
        title = rng.choice(["BILAN NEUROPSYCHOLOGIQUE", "Évaluation neuropsychologique", "BILAN ORTHOPHONIQUE"])
        right = [("Niveau d'études", rng.choice(["certificat d'études", "CAP", "baccalauréat", "bac + 3",
                                                 "bac + 5"])),
                 ("Latéralité", hand),
                 ("Profession", rng.choice(["retraitée" if f else "retraité", "enseignante" if f else "enseignant",
                                            "agricultrice" if f else "agriculteur", "employée de bureau" if f
                                            else "employé de bureau", "sans profession"])),
                 ("Évaluation du", when)]
    L.traps.append("assessment-date")
    x0, width = doc.left, doc.right - doc.left
    two = width > 390
    split = x0 + width * 0.6 if two else None
    lead = doc.lead(size)
    n = max(len(left), len(right)) if two else len(left) + len(right) + 0.5
    doc.need(lead * (n + 2) + 10)
    doc.line(title, size + 0.5, bold=True)
    top = doc.y + 2
    colw = (split - x0 - 10) if two else width
    doc.mark("identity")
    y = top
    for a, b in left:
        y += lead * 0.8
        w = doc.text(x0, y, a + " : ", small, italic=True, gray=0.3)
        doc.text(x0 + w, y, b, _fit(doc, [b], colw - w, size))
        y += lead * 0.2
    doc.unmark()
    if two:
        ry, rx = top, split + 10
        _vrule(doc, split, top + 2, top + lead * len(right) + 2, 0.4, 0.5)
    else:
        ry, rx = y + lead * 0.5, x0
    for a, b in right:
        ry += lead * 0.8
        w = doc.text(rx, ry, a + " : ", small, italic=True, gray=0.3)
        doc.text(rx + w, ry, b, _fit(doc, [b], doc.right - rx - w, size))
        ry += lead * 0.2
    doc.y = max(y, ry) + size


def id_lis_iso(doc, I, rng):
    """The head of a laboratory report as the laboratory system prints it, in a fixed-width face:
    the request and its times on a grey line, then 'label : value' fields padded to one colon
    column, the person on the left ('NAME, Given names', the birth date year first with the age),
    the requesting unit and the file numbers on the right."""
    L = doc.letter
    a = L.author
    size = max(7, min(I.size - 1, 8.5))
    day = rng.randint(3, 21)
    h1, m1 = rng.randint(6, 10), rng.randint(0, 59)
    head = "N° de demande %s%06d – prélèvement 2026-11-%02d %02d:%02d – réception 2026-11-%02d %02d:%02d" % (
        "2611", rng.randint(1, 999999), day, h1, m1, day, min(h1 + 1, 23), rng.randint(0, 59))
    L.traps.append("sampling-times")
    years = M.age_on(I.iso)
    age = "%d a" % years if years >= 2 else "%d m" % max(_months(I), 1)
    left = [("Patient", "%s, %s" % (I.birth, _firsts(I, rng, ("all", "first"))))]
    if I.used:
        left.append(("Nom d'usage", I.used))
    left.append(("Né(e) le", "%s (%s)" % (date_forms(I.iso)["iso"], age)))
    left.append(("Sexe", _sex(I, rng, ("l",))))
    if I.place:
        left.append(("Lieu naiss.", _place(I, rng, ["code-caps", "code"])))
    if I.ins:
        left.append(("INS (NIR)", _ins(I, rng, ["plain", "plain", "slash"])))
        if I.oid:
            left.append(("Racine OID", M.TEST_OID))
    right = [("Prescrit par", "%s %s" % ("Pr" if a.title == "PR" else "Dr", a.family)),
             ("Unité", M.lower_service(a.service).capitalize() if not a.service.isupper() else a.service)]
    for item in (_ipp(I, rng, ["IPP", "N° patient"]), _nda(I, rng, ["N° séjour", "NDA"])):
        if item:
            right.append(item)
    if I.insured:
        ins = I.insured
        right.append(("Assuré", "%s %s" % (ins["family"], ins["given"])))
        right.append(("NIR assuré", ins["nir"]))
        I.insured = None  # printed here, not again under the block
    right.append(("Validé le", "2026-11-%02d" % min(day + rng.randint(0, 2), 23)))

    def pad(rows):
        n = max(len(k) for k, _ in rows)
        return ["%s : %s" % (k.ljust(n), v) for k, v in rows]
    lt, rt = pad(left), pad(right)
    x0, width = doc.left, doc.right - doc.left
    while size > 6 and _msw(max(lt, key=len), size) + _msw(max(rt, key=len), size) + 24 > width and \
            _msw(max(lt, key=len), size) > width * 0.6:
        size -= 0.25
    side = _msw(max(lt, key=len), size) + _msw(max(rt, key=len), size) + 24 <= width
    s = _room_size(doc, "s-id-room")
    rw, rh, rm = _room_span(s) if s else (0, 0, 0)
    if s and side and _msw(max(lt, key=len), size) + _msw(max(rt, key=len), size) + 24 + rw > width:
        side = False
    lead = size * 1.3
    n = max(len(lt), len(rt)) if side else len(lt) + len(rt) + 1
    doc.need(lead * n + size * 3 + max(rh - lead * n, 0) + 6)
    doc.line(head, _fit(doc, [head], width, max(6, size - 1)), gray=0.35)
    top = doc.y + 2
    _rule(doc, x0, doc.right, top, 0.4, 0.5)
    doc.mark("identity")
    y = top
    for t in lt:
        y += lead
        _mtext(doc, x0, y, t, size, bold=t.startswith("Patient"))
    doc.unmark()
    ry, rx = (top, x0 + _msw(max(lt, key=len), size) + 24) if side else (y + lead * 0.5, x0)
    for t in rt:
        ry += lead
        _mtext(doc, rx, ry, t, size)
    if s:
        _set_room(doc, "s-id-room", doc.right - s - rm, top + rm)
    bottom = max(y, ry, top + rh) + 4
    _rule(doc, x0, doc.right, bottom, 0.4, 0.5)
    doc.y = bottom + size


def id_top_right_tagged(doc, I, rng):
    """Opposite the letterhead: one value a line, what each one is told after it in small grey
    italics set flush right against the margin; a bold caption over the lines, a hairline under
    them."""
    size = max(7.5, min(I.size - 0.5, 9.5))
    rows = [(I.birth, rng.choice(["nom de naissance", "nom (naissance)"]), True)]
    if I.used:
        rows.append((I.used, rng.choice(["nom utilisé", "nom d'usage"]), True))
    rows.append((_firsts(I, rng, ("all", "first")), "prénom(s)", False))
    rows.append((_d(I, rng, D_ANY), rng.choice(["date de naissance", "né(e) le"]), False))
    rows.append((_sex(I, rng, ("w", "p", "l")), "sexe", False))
    if I.place:
        rows.append((_place(I, rng, ["paren", "code-dash", "caps-paren"]),
                     rng.choice(["lieu (COG)", "lieu de naissance"]), False))
    if I.ins:
        rows.append((_ins(I, rng, I_ANY), rng.choice(["matricule INS", "INS"]), False))
        if I.oid:
            rows.append((M.TEST_OID, "OID", False))
    caption = rng.choice(["Identité du bénéficiaire", "Soins délivrés à"])
    limit = M.W - 30
    tag = max(5.5, size - 2.5)
    x = rng.choice([316, 326, 336])

    def need(sz, tg):
        return max(doc.sw(v, sz, bold=b) for v, _, b in rows) + 10 + max(doc.sw(t, tg, italic=True) for _, t, _ in rows)
    if x + need(size, tag) > limit:
        x = max(M.W / 2 + 8, limit - need(size, tag))
    while x + need(size, tag) > limit and size > 6.5:
        size -= 0.25
        tag = max(5, size - 2.5)
    top = rng.choice([40, 48, 56])
    lead = doc.lead(size)
    y = top + size
    doc.text(x, y, caption, max(6, size - 1), bold=True)
    y += 3
    doc.mark("identity")
    for v, t, b in rows:
        y += lead
        doc.text(x, y, v, size, bold=b)
        doc.text(limit, y, t, tag, italic=True, gray=0.45, align="right")
    doc.unmark()
    _rule(doc, x, limit, y + 4, 0.4, 0.5)
    return y + size + 4


def id_top_right_captions(doc, I, rng):
    """Opposite the letterhead, behind a grey bar on its left: one trait a line, each under its
    own tiny caption in capitals; the birth date and the sex share a line, two captions over
    two values."""
    size = max(7.5, min(I.size - 0.5, 9.5))
    cap = max(5, size - 3)
    rows = [[("NOM DE NAISSANCE", I.birth, True)]]
    if I.used:
        rows.append([("NOM UTILISÉ", I.used, True)])
    st = rng.choice(["all", "all", "first"])
    rows.append([("PREMIER PRÉNOM" if st == "first" else "PRÉNOM(S)", _firsts(I, rng, (st,)), False)])
    rows.append([(rng.choice(["NÉ(E) LE", "DATE DE NAISSANCE"]), _d(I, rng, D_ANY), False),
                 ("SEXE", _sex(I, rng, ("l", "w")), False)])
    if I.place:
        rows.append([("LIEU DE NAISSANCE", _place(I, rng, ["paren", "code-dash", "insee"]), False)])
    if I.ins:
        rows.append([(rng.choice(["MATRICULE INS", "INS (NIR)"]), _ins(I, rng, I_ANY), False)])
        if I.oid:
            rows.append([("OID", M.TEST_OID, False)])
    limit = M.W - 32
    x = rng.choice([322, 332, 342])

    def widest(sz):
        return max(sum(max(doc.sw(v, sz, bold=b), doc.sw(c, max(5, sz - 3))) + 14 for c, v, b in r) for r in rows)
    if x + widest(size) > limit:
        x = max(M.W / 2 + 12, limit - widest(size))
    while x + widest(size) > limit and size > 6.5:
        size -= 0.25
    cap = max(5, size - 3)
    top = rng.choice([42, 50, 58])
    step = cap + size + 5
    doc.mark("identity")
    y = top
    for r in rows:
        xx = x
        for c, v, b in r:
            doc.text(xx, y + cap, c, cap, gray=0.45)
            doc.text(xx, y + cap + size + 1.5, v, size, bold=b)
            xx += max(doc.sw(v, size, bold=b), doc.sw(c, cap)) + 14
        y += step
    doc.unmark()
    _fill(doc, x - 8, top + 1, 2.2, y - top - 2, 0.55)
    return y + 4


def id_band_underlined(doc, I, rng):
    """At the top of every page, the traits as filled-in fields: each value over a hairline with
    its tiny caption under the line, the fields side by side, wrapping to a second row."""
    size = max(7, min(I.size - 1.5, 8))
    cap = 5.2
    fields = [(rng.choice(["Nom de naissance", "NOM (naissance)"]), I.birth)]
    if I.used:
        fields.append((rng.choice(["Nom utilisé", "Nom d'usage"]), I.used))
    fields.append(("Prénom(s)", _firsts(I, rng, ("all", "first"))))
    fields.append(("Date de naissance", _d(I, rng, ["slash", "dot", "nopad", "slash"])))
    fields.append(("Sexe", _sex(I, rng, ("l", "a"))))
    if I.place:
        fields.append(("Lieu de naissance", _place(I, rng, ["paren", "code-dash", "code"])))
    if I.ins:
        fields.append(("Matricule INS", _ins(I, rng, ["grouped", "plain", "g-slash", "paren"])))
        if I.oid:
            fields.append(("OID", M.TEST_OID))
    total = M.W - 56

    def rows_at(sz):
        out, cur, w = [], [], 0
        for c, v in fields:
            fw = max(doc.sw(v, sz, bold=True), doc.sw(c, cap)) + 12
            if cur and w + fw > total:
                out.append(cur)
                cur, w = [], 0
            cur.append((c, v, fw))
            w += fw
        return out + [cur]
    rows = rows_at(size)
    while len(rows) > 2 and size > 6:
        size -= 0.25
        rows = rows_at(size)
    rh = size + cap + 6.5

    def band(d):
        if d.page == 1:
            d.mark("identity")
        top = 14
        for r in rows:
            spare = (total - sum(fw for _, _, fw in r)) / len(r)
            x = 28
            for c, v, fw in r:
                fw += spare
                d.text(x + 2, top + size, v, size, bold=True)
                _rule(d, x + 1, x + fw - 7, top + size + 2.2, 0.35, 0.35)
                d.text(x + 2, top + size + 2.5 + cap, c, cap, gray=0.4)
                x += fw
            top += rh
        d.unmark()

    band(doc)
    doc.page_start.append(band)


def id_footer_title(doc, I, rng):
    """At the foot of every page, over the page footer, centred in small type: the document's
    title and the person (civility, given names, the name in use and the birth name after 'née'),
    then the sex, the birth place and the number on a second line."""
    L = doc.letter
    size = max(6.5, min(I.size - 2, 7.5))
    civ = I.civ(rng, rng.choice(["short", "long"]))
    given = _firsts(I, rng, ("first", "all"))
    if I.used:
        name = "%s %s %s %s %s" % (civ, given, I.used, I.born(), I.birth)
    else:
        name = "%s %s %s" % (civ, given, I.birth)
    first = "%s – %s, %s le %s" % (L.title, name, I.born(), _d(I, rng, ["slash", "dot", "words"]))
    parts = ["Sexe : " + _sex(I, rng, ("l", "w"))]
    if I.place:
        parts.append(rng.choice(["Lieu de naissance : ", "Né%s à : " % ("e" if I.sex == "F" else "(e)")]) +
                     _place(I, rng, ["paren", "code-dash", "code"]))
    if I.ins:
        t = rng.choice(["INS : ", "Matricule INS : ", "INS-NIR : "]) + _ins(I, rng, I_ANY)
        if I.oid:
            t += " " + _oid(rng)
        parts.append(t)
    second = "  –  ".join(parts)

    def foot(d):
        y0 = M.H - 104
        width = d.right - d.left
        mid = (d.left + d.right) / 2
        if d.page == 1:
            d.mark("identity")
        _rule(d, mid - width * 0.3, mid + width * 0.3, y0, 0.3, 0.5)
        d.text(mid, y0 + size + 3, first, _fit(d, [first], width, size), align="centre")
        d.text(mid, y0 + 2 * size + 6, second, _fit(d, [second], width, size), align="centre")
        d.unmark()

    doc.page_end.insert(0, foot)


_ARTICLES = {"F": ("connue", "titulaire"), "M": ("connu", "titulaire")}


def id_body_connue(doc, I, rng, reason):
    """The body opens on the person: the name in use told as 'connue sous le nom de', the birth
    place with its INSEE code, the national number after 'titulaire du matricule'; the reason
    follows in the same sentence."""
    size = doc.size
    f = I.sex == "F"
    connu, titulaire = _ARTICLES[I.sex]
    civ = I.civ(rng, rng.choice(["long", "short"]))
    given = _firsts(I, rng, ("first", "all", "first"))
    order = rng.random() < 0.5
    name = "%s %s %s" % (civ, I.birth, given) if order else "%s %s %s" % (civ, given, I.birth)
    if I.used:
        name += ", %s sous le nom d'usage %s" % (connu, I.used)
    start = rng.choice(["Nous avons accueilli en hôpital de semaine", "J'accueille aujourd'hui",
                        "Vous m'avez confié%s" % ("e" if f else ""), "Nous avons pris en charge en hospitalisation "
                        "complète"])
    born = "%s le %s" % (I.born(), _d(I, rng, ["words", "abbr", "slash"]))
    if I.place:
        if I.abroad:
            born += " " + _born_at(I)
        else:
            born += _nb(" à %s (code INSEE %s)" % (I.place_name, I.place))
    s = "%s %s, %s" % (start, name, born)
    if rng.random() < 0.5:
        s += ", de sexe %s" % _sex(I, rng, ("lw",))
    if I.ins:
        s += ", %s du matricule INS %s" % (titulaire, _ins(I, rng, ["grouped", "plain", "g-cle"]))
        if I.oid:
            s += " " + _oid(rng)
    s += ", %s." % reason
    doc.mark("identity")
    doc.para(s, size, keep=True)
    doc.unmark()


def id_body_split(doc, I, rng, reason):
    """The body opens on the person with the name in use only, the age and the birth date; a
    clinical sentence follows; a third paragraph gives the traits to carry into the shared
    record (birth name, first names, sex, birth place, number) after lower-case labels."""
    size = doc.size
    f = I.sex == "F"
    civ = I.civ(rng, rng.choice(["long", "short"]))
    given = _firsts(I, rng, ("first",))
    fam = I.used or I.birth
    who = rng.choice(["votre patiente" if f else "votre patient", "%s" % ("la patiente" if f else "le patient")])
    s1 = "%s %s, %s %s %s, %s, %s le %s, %s." % (
        rng.choice(["J'ai revu en consultation", "Nous avons vu"]), who, civ, given, fam, _age(I), I.born(),
        _d(I, rng, ["slash", "words", "dot"]), reason)
    s2 = " ".join(rng.sample(M.GENERIC, 2))
    parts = ["nom de naissance : " + I.birth]
    if I.used:
        parts.append("nom utilisé : " + I.used)
    parts.append("prénoms : " + _firsts(I, rng, ("all",)))
    parts.append("sexe : " + _sex(I, rng, ("l", "lw")))
    if I.place:
        parts.append("lieu de naissance : " + _place(I, rng, P_ANY))
    if I.ins:
        t = "matricule INS : " + _ins(I, rng, I_ANY)
        if I.oid:
            t += " " + _oid(rng)
        parts.append(t)
    s3 = "%s : %s." % (rng.choice(["Pour l'intégration de ce document dans son dossier partagé",
                                   "Traits à reporter lors du versement au DMP"]), " – ".join(parts))
    doc.mark("identity")
    doc.para(s1, size, keep=True, after=2)
    doc.para(s2, size, after=2)
    doc.para(s3, max(7.5, size - 0.5), keep=True)
    doc.unmark()


def _companion(rng):
    f = rng.random() < 0.5
    return "%s %s %s" % ("Mme" if f else "M.", M.pick_surname(rng), rng.choice(M.GIVEN_F if f else M.GIVEN_M))


def id_ambulatory_passport(doc, I, rng):
    """An ambulatory surgery passport: a rounded frame under a grey strip with the date and time
    of the operation, the person on the left as short 'label : value' lines, the calls of the
    day before and the day after with the phone and the person who will stay with them on the
    right."""
    L = doc.letter
    size, small = _sz(I, 7.5, 10)
    f = I.sex == "F"
    left = [("Nom de naissance", I.birth)]
    if I.used:
        left.append(("Nom utilisé", I.used))
    left.append(("Prénom(s)", _firsts(I, rng)))
    left.append(("Né%s le" % ("e" if f else ""), _d(I, rng, D_ANY)))
    left.append(("Sexe", _sex(I, rng, ("w", "l", "a"))))
    if I.place:
        left.append(("Lieu de naissance", _place(I, rng, P_ANY)))
    if I.ins:
        left.append(("INS", _ins(I, rng, I_ANY)))
        if I.oid:
            left.append(("OID", M.TEST_OID))
    op = rng.randint(23, 30)
    when = "%02d/11/2026" % op
    right = [("Appel de la veille", "%02d/11/2026 – %s" % (op - 1, _mobile(rng))),
             ("Accompagnant(e)", _companion(rng)),
             ("Appel du lendemain", "%02d/%02d/2026" % ((op + 1, 11) if op < 30 else (1, 12))),
             ("Sortie prévue", "%02dh%02d" % (rng.randint(15, 18), rng.choice([0, 15, 30, 45])))]
    L.traps += ["phone", "surgery-dates"]
    title = rng.choice(["PASSEPORT AMBULATOIRE", "Passeport de chirurgie ambulatoire"])
    strip = "%s – intervention le %s, arrivée à %02dh%02d" % (title, when, rng.randint(6, 9),
                                                              rng.choice([0, 15, 30]))
    x0, width = doc.left + 2, doc.right - doc.left - 4
    s = _room_size(doc, "s-id-room")
    rw, rh, rm = _room_span(s) if s else (0, 0, 0)
    lead = doc.lead(size)
    two = width - rw > 360
    split = x0 + (width - rw) * 0.56 if two else None
    nrows = max(len(left), len(right)) if two else len(left) + len(right) + 0.6
    h = max(lead * (nrows + 1.6) + 8, rh + lead * 1.4 + 4)
    doc.need(h + 10)
    top = doc.y + 2
    _frame(doc, x0, top, width, h, lw=0.9, radius=6)
    _fill(doc, x0 + 1, top + 1, width - 2, lead * 1.3, 0.86, record=False)
    doc.text(x0 + 8, top + lead * 0.95, strip, _fit(doc, [strip], width - 16, small + 0.5, bold=True), bold=True)
    y = top + lead * 1.4 + 2
    lw = max(doc.sw(a + " : ", small) for a, _ in left)
    colw = (split - x0 - 14) if two else (width - rw - 14)
    doc.mark("identity")
    for a, b in left:
        y += lead * 0.8
        doc.text(x0 + 8, y, a + " : ", small, gray=0.3)
        doc.text(x0 + 8 + lw, y, b, _fit(doc, [b], colw - lw, size, bold=True), bold=True)
        y += lead * 0.2
    doc.unmark()
    if two:
        ry, rx = top + lead * 1.4 + 2, split + 8
        _vrule(doc, split, top + lead * 1.4 + 4, top + h - 4, 0.4, 0.5, dash=(2, 2))
    else:
        ry, rx = y + lead * 0.3, x0 + 8
    rlim = x0 + width - rw - 8
    for a, b in right:
        ry += lead * 0.8
        w = doc.text(rx, ry, a + " : ", small, italic=True, gray=0.3)
        doc.text(rx + w, ry, b, _fit(doc, [b], rlim - rx - w, size))
        ry += lead * 0.2
    if s:
        _set_room(doc, "s-id-room", x0 + width - rw + rm, top + lead * 1.4 + rm)
    doc.y = top + h + size


def id_cath_lab(doc, I, rng):
    """The head of a catheterisation report: the room and the examination number in bold, the
    person on two or three lines at three tab stops, each value behind a small grey label, the
    weight, height and creatinine on a last line; then a ruled table of the procedure."""
    L = doc.letter
    a = L.author
    size, small = _sz(I, 7.5, 10)
    room = rng.choice(["SALLE DE CATHÉTÉRISME", "Cardiologie interventionnelle"])
    head = "%s – examen n° C26-%05d du %s" % (room, rng.randint(1, 99999), _nov(rng, 4, 21))
    fam = I.birth if not I.used else "%s (utilisé : %s)" % (I.birth, I.used)
    cells = [("Nom", fam), ("Prénom(s)", _firsts(I, rng, ("all", "first"))),
             ("Né(e) le", _d(I, rng, D_NUM)), ("Sexe", _sex(I, rng, ("l", "w")))]
    if I.place:
        cells.append(("Lieu", _place(I, rng, ["paren", "code-dash", "code-caps"])))
    if I.ins:
        t = _ins(I, rng, I_ANY)
        if I.oid:
            t += " " + _oid(rng)
        cells.append(("INS", t))
    w = rng.randint(52, 104) if not I.child else rng.randint(12, 62)
    hgt = rng.randint(152, 192) if not I.child else rng.randint(95, 175)
    measures = [("Poids", "%d kg" % w), ("Taille", "%d cm" % hgt), ("Créatinine", "%d µmol/L" % rng.randint(50, 140))]
    L.traps.append("measures")
    x0, width = doc.left, doc.right - doc.left
    tabs = 3 if width > 400 else 2
    cw = width / tabs
    lead = doc.lead(size) * 1.1
    # Cells run on at the tab stops; a cell too wide for its stop takes two.
    lines, cur, used = [], [], 0
    for lab, v in cells:
        span = 1
        while span < tabs and doc.sw(lab, small) + 4 + doc.sw(v, size, bold=True) > cw * span - 8:
            span += 1
        if used + span > tabs:
            lines.append(cur)
            cur, used = [], 0
        cur.append((lab, v, used, span))
        used += span
    lines.append(cur)
    rows = [("1er opérateur", "%s %s %s" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family)),
            ("Voie d'abord", rng.choice(["radiale droite", "radiale gauche", "fémorale droite"])),
            ("Produit de contraste", "%s – %d mL" % (rng.choice(["iomeprol 350", "iopamidol 370"]),
                                                     rng.randint(60, 220))),
            ("Produit dose × surface", "%d cGy·cm²" % rng.randint(800, 9000))]
    L.traps.append("author-identity")
    rh = doc.lead(small) + 3
    doc.need(lead * (len(lines) + 2) + rh * len(rows) + 24)
    doc.line(head, size, bold=True)
    _rule(doc, x0, doc.right, doc.y + 1, 1.2)
    doc.gap(3)
    doc.mark("identity")
    for ln in lines:
        doc.y += lead * 0.8
        for lab, v, col, span in ln:
            x = x0 + col * cw
            wl = doc.text(x, doc.y, lab, small, gray=0.45)
            doc.text(x + wl + 4, doc.y, v, _fit(doc, [v], cw * span - wl - 12, size, bold=True), bold=True)
        doc.y += lead * 0.2
    doc.unmark()
    doc.y += lead * 0.8
    for i, (lab, v) in enumerate(measures):
        x = x0 + (i % tabs) * cw
        if i and i % tabs == 0:
            doc.y += lead
        wl = doc.text(x, doc.y, lab, small, gray=0.45)
        doc.text(x + wl + 4, doc.y, v, size)
    doc.y += lead * 0.2 + 4
    top = doc.y
    c1 = max(doc.sw(k, small, bold=True) for k, _ in rows) + 12
    c2 = min(width - c1, max(doc.sw(v, small) for _, v in rows) + 16)
    for j, (k, v) in enumerate(rows):
        yy = top + j * rh
        doc.rect(x0, yy, c1, rh, lw=0.4, fill=0.92)
        doc.rect(x0 + c1, yy, c2, rh, lw=0.4)
        doc.text(x0 + 4, yy + rh - 3.5, k, small, bold=True)
        doc.text(x0 + c1 + 4, yy + rh - 3.5, v, small)
    doc.y = top + rh * len(rows) + size


def id_gp_card(doc, I, rng):
    """A practice software's patient card printed with the letter: a heading, then two columns
    of fields whose labels are small bold capitals on a colon column; the birth date written
    without leading zeros with the birth place after it, the age, the occupation, the mobile
    phone, and the first name in use when the person goes by another of their first names."""
    L = doc.letter
    size, small = _sz(I, 7.5, 10)
    f = I.sex == "F"
    born = _d(I, rng, ["nopad", "nopad", "slash"])
    if I.place:
        born += " " + _born_at(I)
    left = [("NOM DE NAISSANCE", I.birth)]
    if I.used:
        left.append(("NOM D'USAGE", I.used))
    left.append(("PRÉNOMS", _firsts(I, rng, ("all", "all-comma"))))
    if len(I.firsts) > 1 and rng.random() < 0.6:
        left.append(("PRÉNOM UTILISÉ", I.firsts[1] if rng.random() < 0.5 else I.firsts[0]))
    left.append(("NAISSANCE", born))
    left.append(("SEXE", _sex(I, rng, ("w", "p"))))
    right = [("ÂGE", _age(I))]
    job = "élève" if I.child and M.age_on(I.iso) >= 3 else "—" if I.child else \
        rng.choice(["retraitée" if f else "retraité", "aide-soignante" if f else "aide-soignant",
                    "commerçante" if f else "commerçant", "en invalidité", "cadre"])
    right.append(("PROFESSION", job))
    right.append(("PORTABLE", _mobile(rng)))
    if I.ins:
        right.append(("INS", _ins(I, rng, I_ANY)))
        if I.oid:
            right.append(("OID", M.TEST_OID))
    ipp = _ipp(I, rng, ["N° DOSSIER", "DOSSIER"])
    if ipp:
        right.append(ipp)
    if I.insured:
        ins = I.insured
        right.append(("ASSURÉ(E)", "%s %s %s" % (ins["civ"], ins["family"], ins["given"])))
        right.append(("N° SS ASSURÉ(E)", _nb(M.ins_format(ins["nir"], rng.choice(["grouped", "key-sep"])))))
        I.insured = None  # printed here, not again under the block
    L.traps.append("phone")
    x0, width = doc.left, doc.right - doc.left
    lab = small - 0.5
    lead = doc.lead(size)
    two = width > 380
    doc.need(lead * ((max(len(left), len(right)) if two else len(left) + len(right)) + 2) + 8)
    doc.line(rng.choice(["Synthèse administrative du dossier", "Dossier médical – identification"]),
             size, bold=True)
    _rule(doc, x0, doc.right, doc.y + 1, 0.5, 0.3)
    top = doc.y + 2
    half = width / 2 if two else width
    cols = [(left, x0), (right, x0 + half)] if two else [(left + right, x0)]
    doc.mark("identity")
    bottom = top
    for items, x in cols:
        lw = max(doc.sw(k, lab, bold=True) for k, _ in items) + 4
        y = top
        for k, v in items:
            y += lead * 0.8
            doc.text(x, y, k, lab, bold=True, gray=0.25)
            doc.text(x + lw, y, ": " + v, _fit(doc, [": " + v], half - lw - 10, size))
            y += lead * 0.2
        bottom = max(bottom, y)
    doc.unmark()
    doc.y = bottom + size


def id_anesthesia(doc, I, rng):
    """The head of a pre-anaesthetic consultation: a centred title, the consultation and the
    operation planned on a line under it, the person between a thick and a thin rule (names on
    one line, the other traits on the next, the number last), then the anaesthetic scores and
    measures on one grey line."""
    L = doc.letter
    size, small = _sz(I, 7.5, 10.5)
    cons = _nov(rng, 2, 18)
    op = "%02d/%02d/2026" % (rng.randint(20, 30), 11) if rng.random() < 0.6 else "%02d/12/2026" % rng.randint(1, 18)
    sub = "CPA du %s – intervention prévue le %s (%s)" % (
        cons, op, rng.choice(["cholécystectomie", "prothèse totale de hanche", "cure de hernie inguinale",
                              "amygdalectomie", "arthroscopie du genou", "coloscopie sous anesthésie"]))
    L.traps.append("surgery-dates")
    civ = I.civ(rng, rng.choice(["short", "upper"]))
    given = _firsts(I, rng, ("all", "first"))
    if I.used:
        line1 = "%s %s %s, %s %s" % (civ, I.used, given, rng.choice(["nom de naissance", I.born()]), I.birth)
    else:
        line1 = "%s %s %s" % (civ, I.birth, given)
    bits = ["%s le %s (%s)" % (I.born().capitalize(), _d(I, rng, D_ANY), _age(I)),
            "sexe %s" % _sex(I, rng, ("l", "lw"))]
    if I.place:
        bits.append("lieu de naissance %s" % _place(I, rng, P_ANY))
    line2 = " – ".join(bits)
    line3 = None
    if I.ins:
        line3 = "Identifiant national de santé : %s" % _ins(I, rng, I_ANY)
        if I.oid:
            line3 += " " + _oid(rng)
    w = rng.randint(40, 110) if not I.child else rng.randint(12, 60)
    scores = "ASA %d – Mallampati %s – poids %d kg – taille %s – groupe %s" % (
        rng.randint(1, 3), rng.choice(["I", "II", "III"]), w,
        "1,%02d m" % rng.randint(50, 95) if not I.child else "%d cm" % rng.randint(85, 170),
        rng.choice(["A Rh+", "O Rh+", "O Rh-", "B Rh+", "AB Rh-"]))
    L.traps.append("measures")
    x0, width = doc.left, doc.right - doc.left
    lead = doc.lead(size)
    doc.need(lead * 7 + 12)
    doc.line(rng.choice(["CONSULTATION D'ANESTHÉSIE", "Consultation pré-anesthésique"]), size + 1.5, bold=True,
             align="centre")
    doc.line(sub, _fit(doc, [sub], width, small), italic=True, align="centre")
    doc.gap(3)
    _rule(doc, x0, doc.right, doc.y, 1.4)
    doc.gap(2)
    doc.mark("identity")
    doc.para(line1, size + 0.5, bold=True, after=0)
    doc.para(line2, size, after=0)
    if line3:
        doc.para(line3, size, after=0)
    doc.unmark()
    doc.gap(3)
    _rule(doc, x0, doc.right, doc.y, 0.4)
    doc.line(scores, _fit(doc, [scores], width, small), gray=0.35)
    doc.gap(size * 0.8)


def id_hdj_planning(doc, I, rng):
    """A day-hospital programme: a title with the day, 'Programme établi pour' and the person on
    one or two lines, then a ruled timetable of the day (time, what, where)."""
    L = doc.letter
    a = L.author
    size, small = _sz(I, 7.5, 10)
    day = _nov(rng, 3, 22)
    title = "%s – programme de la journée du %s" % (
        rng.choice(["Hospitalisation de jour", "HOSPITALISATION DE JOUR"]), day)
    given = _firsts(I, rng, ("all", "first"))
    fam = I.birth + (" (nom utilisé %s)" % I.used if I.used else "")
    line1 = "%s %s %s – %s %s – %s" % (rng.choice(["Programme établi pour :", "Pour :"]), fam, given,
                                        I.born_label(rng), _d(I, rng, D_ANY), _sex(I, rng, ("w", "l", "p")))
    bits = []
    if I.place:
        bits.append("Lieu de naissance : " + _place(I, rng, P_ANY))
    if I.ins:
        bits.append("INS : " + _ins(I, rng, I_ANY) + (" " + _oid(rng) if I.oid else ""))
    line2 = " – ".join(bits)
    slots = [("08h00", "Accueil et installation", "Salle %d" % rng.randint(1, 6)),
             ("08h30", "Bilan sanguin à jeun", "Sur place"),
             (rng.choice(["09h30", "10h00"]), rng.choice(["IRM du rachis lombaire", "Échographie cardiaque",
                                                         "Angioscanner", "Épreuve d'effort", "Fibroscopie"]),
              rng.choice(["Imagerie, niveau -1", "Pavillon C", "Plateau technique"])),
             ("12h00", "Collation", "Salle de repos"),
             ("14h00", "Consultation de synthèse, %s %s" % ("Pr" if a.title == "PR" else "Dr", a.family),
              "Box %d" % rng.randint(1, 8)),
             ("%02dh%02d" % (rng.randint(15, 16), rng.choice([0, 30])), "Sortie", "—")]
    L.traps += ["times", "author-identity"]
    x0, width = doc.left, doc.right - doc.left
    lead = doc.lead(size)
    rh = doc.lead(small) + 3
    doc.need(lead * 5 + rh * (len(slots) + 1) + 10)
    doc.line(title, size + 0.5, bold=True)
    doc.mark("identity")
    doc.para(line1, size, after=0)
    if line2:
        doc.para(line2, size, after=0)
    doc.unmark()
    doc.gap(4)
    top = doc.y
    ws = [width * 0.14, width * 0.56, width * 0.30]
    for j, row in enumerate([("Heure", "Étape", "Lieu")] + slots):
        x = x0
        for i, cell in enumerate(row):
            doc.rect(x, top + j * rh, ws[i], rh, lw=0.35, fill=0.88 if j == 0 else None)
            doc.text(x + 4, top + j * rh + rh - 3.5, cell, _fit(doc, [cell], ws[i] - 8, small, bold=(j == 0)),
                     bold=(j == 0))
            x += ws[i]
    doc.y = top + rh * (len(slots) + 1) + size


def id_usage_traits(doc, I, rng):
    """The traits in two groups a thin grey line apart, each row a bold label, an en dash and the
    value: the birth traits first (birth name, first names, birth date, sex, place, number), then
    the traits in use (the name and the first name the person goes by)."""
    size, small = _sz(I, 7.5, 10.5)
    born = [("Nom de naissance", I.birth), ("Prénom(s) de naissance", _firsts(I, rng, ("all", "all-comma"))),
            ("Date de naissance", _d(I, rng, D_ANY)), ("Sexe", _sex(I, rng, ("l", "w", "a")))]
    if I.place:
        born.append(("Lieu de naissance (code géographique)", _place(I, rng, ["paren", "code-dash", "insee"])))
    if I.ins:
        born.append(("Matricule INS", _ins(I, rng, I_ANY)))
        if I.oid:
            born.append(("OID de l'autorité d'affectation", M.TEST_OID))
    usage = []
    if I.used:
        usage.append(("Nom utilisé", I.used))
    if len(I.firsts) > 1 and rng.random() < 0.5:
        usage.append(("Prénom utilisé", I.firsts[rng.choice([0, 1])]))
    elif rng.random() < 0.5:
        usage.append(("Prénom utilisé", I.firsts[0]))
    heads = (rng.choice(["Identité de naissance", "Traits de l'état civil"]),
             rng.choice(["Usage", "Identité d'usage"]))
    lead = doc.lead(size)
    x0 = doc.left + rng.choice([0, 12])
    s = _room_size(doc, "s-id-room")
    rw, rh, rm = _room_span(s) if s else (0, 0, 0)
    doc.need(max(lead * (len(born) + len(usage) + 3), rh) + 10)
    top = doc.y
    right = doc.right - rw
    doc.mark("identity")
    for head, rows in ((heads[0], born), (heads[1], usage)):
        if not rows:
            continue
        doc.line(head, small, italic=True, gray=0.4, x=x0)
        for k, v in rows:
            doc.y += lead * 0.8
            w = doc.text(x0 + 6, doc.y, k, small + 0.3, bold=True)
            doc.text(x0 + 6 + w, doc.y, " – " + v, _fit(doc, [" – " + v], right - x0 - w - 8, size))
            doc.y += lead * 0.2
        if head == heads[0] and usage:
            _rule(doc, x0, x0 + (right - x0) * 0.5, doc.y + 3, 0.4, 0.6)
            doc.gap(4)
    doc.unmark()
    if s:
        _set_room(doc, "s-id-room", right + rm, top + rm)
        doc.y = max(doc.y, top + rh)
    doc.gap(size)


def id_audiogram(doc, I, rng):
    """The head of a hearing test: a grey line naming the booth and the audiometer with its
    calibration date, the person on the left (the name in bold, then 'label : value' lines),
    and the thresholds of each ear in a small ruled table on the right (under it in a narrow
    letter)."""
    L = doc.letter
    size, small = _sz(I, 7.5, 10)
    head = "Audiométrie tonale et vocale – cabine %d – audiomètre %s (étalonné le %02d/%02d/2026)" % (
        rng.randint(1, 4), rng.choice(["AD629", "Affinity 2.0", "Pello"]), rng.randint(1, 28), rng.randint(1, 10))
    L.traps.append("calibration-date")
    name = "%s %s" % (I.birth, _firsts(I, rng, ("all", "first")))
    lines = [(name, True)]
    if I.used:
        lines.append(("Nom d'usage : " + I.used, False))
    lines.append(("%s : %s" % (rng.choice(["Date de naissance", "Naissance"]), _d(I, rng, D_ANY)), False))
    lines.append(("Sexe : " + _sex(I, rng, ("w", "l")), False))
    if I.place:
        lines.append(("Lieu de naissance : " + _place(I, rng, P_ANY), False))
    if I.ins:
        lines.append(("INS : " + _ins(I, rng, I_ANY), False))
        if I.oid:
            lines.append(("OID : " + M.TEST_OID, False))
    freqs = ["250", "500", "1000", "2000", "4000", "8000"]
    base = rng.randint(5, 40)
    od = [str(min(110, base + i * rng.randint(0, 9))) for i in range(6)]
    og = [str(min(110, base + i * rng.randint(0, 9) + rng.choice([-5, 0, 5]))) for i in range(6)]
    table = [["Hz"] + freqs, ["OD (dB)"] + od, ["OG (dB)"] + og]
    L.traps.append("measures")
    x0, width = doc.left, doc.right - doc.left
    lead = doc.lead(size)
    cw0 = doc.sw("OG (dB)", small, bold=True) + 8
    cw = doc.sw("8000", small) + 8
    tw = cw0 + 6 * cw
    rh = doc.lead(small) + 3
    side = width - tw - 16 > max(doc.sw(t, size, bold=b) for t, b in lines) + 10
    doc.need(lead * (len(lines) + 2) + (0 if side else rh * 3 + 8) + 6)
    doc.line(head, _fit(doc, [head], width, small), gray=0.4)
    top = doc.y + 2
    doc.mark("identity")
    y = top
    for t, b in lines:
        y += lead * 0.8
        doc.text(x0, y, t, _fit(doc, [t], (width - tw - 16) if side else width, size, bold=b), bold=b)
        y += lead * 0.2
    doc.unmark()
    tx, ty = (doc.right - tw, top + 3) if side else (x0, y + 6)
    for j, row in enumerate(table):
        x = tx
        for i, cell in enumerate(row):
            w = cw0 if i == 0 else cw
            doc.rect(x, ty + j * rh, w, rh, lw=0.35, fill=0.9 if (i == 0 or j == 0) else None)
            doc.text(x + 3, ty + j * rh + rh - 3.5, cell, small, bold=(i == 0 or j == 0))
            x += w
    doc.y = max(y, ty + rh * 3) + size


def id_stroke_alert(doc, I, rng):
    """A stroke alert sheet: a dark bar with the alert's name reversed out of it and the time of
    the call, the person in two columns of 'label : value' under it, then the times of the
    pathway (last seen well, arrival, imaging) and the NIHSS score on a framed line."""
    L = doc.letter
    size, small = _sz(I, 7.5, 10)
    f = I.sex == "F"
    rows = [("Nom de naissance", I.birth)]
    if I.used:
        rows.append(("Nom d'usage", I.used))
    rows.append(("Prénom(s)", _firsts(I, rng)))
    rows.append(("DDN", _d(I, rng, D_NUM)))
    rows.append(("Sexe", _sex(I, rng, ("l", "w"))))
    if I.place:
        rows.append(("Lieu de naissance", _place(I, rng, P_ANY)))
    if I.ins:
        rows.append(("INS", _ins(I, rng, I_ANY)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    h0 = rng.randint(8, 20)
    m0 = rng.randint(0, 59)
    times = ("Dernière fois vu%s sans symptôme : %02dh%02d – arrivée : %02dh%02d – imagerie : %02dh%02d – "
             "NIHSS : %d") % (
        "e" if f else "", h0, m0, h0 + 1, rng.randint(0, 59), h0 + 1, rng.randint(0, 59), rng.randint(1, 24))
    L.traps.append("times")
    bar = "%s – appel reçu à %02dh%02d" % (rng.choice(["ALERTE THROMBOLYSE", "FILIÈRE AVC – ALERTE"]),
                                           h0 + (m0 > 40), (m0 + 15) % 60)
    x0, width = doc.left, doc.right - doc.left
    lead = doc.lead(size)
    s = _room_size(doc, "s-id-room")
    rw, rh, rm = _room_span(s) if s else (0, 0, 0)
    two = width - rw > 380
    half = (width - rw) / 2 if two else width - rw
    nrow = (len(rows) + 1) // 2 if two else len(rows)
    doc.need(max(lead * (nrow + 4), rh + lead * 3) + 16)
    top = doc.y + 2
    _fill(doc, x0, top, width, lead * 1.25, 0.25)
    _white(doc, x0 + 6, top + lead * 0.9, bar, _fit(doc, [bar], width - 12, size, bold=True))
    y = top + lead * 1.25 + 2
    if s:
        _set_room(doc, "s-id-room", doc.right - rw + rm, y + rm)
    doc.mark("identity")
    for r in range(nrow):
        y += lead * 0.8
        for k in range(2 if two else 1):
            i = r + k * nrow
            if i >= len(rows):
                continue
            a, b = rows[i]
            x = x0 + 4 + k * half
            w = doc.text(x, y, a + " : ", small, gray=0.3)
            doc.text(x + w, y, b, _fit(doc, [b], half - w - 12, size, bold=True), bold=True)
        y += lead * 0.2
    doc.unmark()
    if s:
        y = max(y, top + lead * 1.25 + 2 + rh - 4)
    y += 4
    ts = _fit(doc, [times], width - 10, small)
    _frame(doc, x0, y, width, doc.lead(ts) + 5, lw=0.5)
    doc.text(x0 + 5, y + doc.lead(ts) * 0.8 + 2, times, ts)
    doc.y = y + doc.lead(ts) + 5 + size


def id_dxa(doc, I, rng):
    """The head of a bone densitometry report: the device and the date on a first line, the
    person as a two-column field table with dotted hairlines under the rows (a small label, the
    value after it), then a ruled table of the measured sites with their density, T-score and
    Z-score."""
    L = doc.letter
    size, small = _sz(I, 7.5, 10)
    f = I.sex == "F"
    head = "Ostéodensitométrie (DXA) – %s – examen du %s" % (rng.choice(["Hologic Horizon", "Lunar iDXA",
                                                                         "Hologic Discovery"]), _nov(rng))
    cells = [("Nom de naissance", I.birth)]
    if I.used:
        cells.append(("Nom utilisé", I.used))
    cells.append(("Prénom(s)", _firsts(I, rng)))
    cells.append(("Date de naissance", _d(I, rng, D_ANY)))
    cells.append(("Sexe", _sex(I, rng, ("w", "l", "p"))))
    if I.place:
        cells.append(("Lieu de naissance", _place(I, rng, P_ANY)))
    if I.ins:
        cells.append(("Matricule INS", _ins(I, rng, I_ANY)))
        if I.oid:
            cells.append(("OID", M.TEST_OID))
    hgt = rng.randint(148, 190) if not I.child else rng.randint(95, 170)
    kg = rng.randint(38, 95) if not I.child else rng.randint(14, 60)
    cells.append(("Taille / poids", "%d cm / %d kg" % (hgt, kg)))
    if f and not I.child and M.age_on(I.iso) > 50:
        cells.append(("Ménopause", str(int(I.iso[:4]) + rng.randint(45, 55))))
    L.traps.append("measures")
    sites = [("Rachis L1-L4", "0,%03d" % rng.randint(650, 999), "%+.1f" % rng.uniform(-3.5, 0.5),
              "%+.1f" % rng.uniform(-2, 0.8)),
             ("Col fémoral", "0,%03d" % rng.randint(520, 900), "%+.1f" % rng.uniform(-3.5, 0.5),
              "%+.1f" % rng.uniform(-2, 0.8)),
             ("Hanche totale", "0,%03d" % rng.randint(600, 980), "%+.1f" % rng.uniform(-3.0, 0.8),
              "%+.1f" % rng.uniform(-2, 0.8))]
    sites = [(a, b, c.replace(".", ","), d.replace(".", ",")) for a, b, c, d in sites]
    x0, width = doc.left, doc.right - doc.left
    s = _room_size(doc, "s-id-room")
    rw, rh_, rm = _room_span(s) if s else (0, 0, 0)
    avail = width - rw
    lead = doc.lead(size) * 1.15
    per = 2 if avail > 330 else 1
    cw = avail / per
    nrow = (len(cells) + per - 1) // per
    rh = doc.lead(small) + 3
    doc.need(lead * (nrow + 2) + rh * 4 + 16)
    doc.line(head, _fit(doc, [head], width, size, bold=True), bold=True)
    top = doc.y + 2
    doc.mark("identity")
    y = top
    for r in range(nrow):
        y += lead * 0.8
        for k in range(per):
            i = r * per + k
            if i >= len(cells):
                continue
            a, b = cells[i]
            x = x0 + k * cw
            w = doc.text(x, y, a + "  ", small, gray=0.4)
            doc.text(x + w, y, b, _fit(doc, [b], cw - w - 10, size))
        y += lead * 0.2
        _rule(doc, x0, x0 + avail - 6, y + 1, 0.3, 0.55, dash=(1, 1.5))
    doc.unmark()
    if s:
        _set_room(doc, "s-id-room", x0 + avail + rm, top + rm - 2)
    y = max(y, top + rh_ - 4) + 6
    ws = [width * 0.34, width * 0.22, width * 0.22, width * 0.22]
    for j, row in enumerate([("Site", "DMO (g/cm²)", "T-score", "Z-score")] + sites):
        x = x0
        for i, cell in enumerate(row):
            doc.rect(x, y + j * rh, ws[i], rh, lw=0.35, fill=0.9 if j == 0 else None)
            doc.text(x + 4, y + j * rh + rh - 3.5, cell, small, bold=(j == 0))
            x += ws[i]
    doc.y = y + rh * 4 + size


IDENTITY_FAMILIES = {
    "s-id-a": (id_assessment, "flow"),
    "s-id-b": (id_lis_iso, "flow"),
    "s-id-c": (id_top_right_tagged, "top-right"),
    "s-id-d": (id_top_right_captions, "top-right"),
    "s-id-e": (id_band_underlined, "band"),
    "s-id-f": (id_footer_title, "footer"),
    "s-id-g": (id_body_connue, "body"),
    "s-id-h": (id_body_split, "body"),
    "s-id-i": (id_ambulatory_passport, "flow"),
    "s-id-j": (id_cath_lab, "flow"),
    "s-id-k": (id_gp_card, "flow"),
    "s-id-l": (id_anesthesia, "flow"),
    "s-id-m": (id_hdj_planning, "flow"),
    "s-id-n": (id_usage_traits, "flow"),
    "s-id-o": (id_audiogram, "flow"),
    "s-id-p": (id_stroke_alert, "flow"),
    "s-id-q": (id_dxa, "flow"),
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
    if form == "l-i":
        return "%s %s %s" % (lg, M.initials(g), fam), "initial"
    if form == "s-f":
        return "%s %s" % (sh, fam), "none"
    if form == "gf":
        return "%s %s" % (g, fam), "full"
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


def _dear(p, rng):
    f = p.sex == "F"
    if p.title == "PR" and rng.random() < 0.6:
        return "%s le Professeur," % ("Madame" if f else "Monsieur")
    return rng.choice(["Chère Consœur," if f else "Cher Confrère,", "Chère collègue," if f else "Cher collègue,",
                       "Madame et chère Consœur," if f else "Monsieur et cher Confrère,",
                       "Chère amie," if f else "Cher ami,"])


def _ad_room(doc, x, y):
    """Under an address block, the room for the letter's code when it goes there."""
    s = _room_size(doc, "s-ad-room")
    if not s:
        return y
    rw, rh, rm = _room_span(s)
    x = min(x, M.W - 16 - rw)
    _set_room(doc, "s-ad-room", x + rm, y + rm)
    return y + rh


def _size(doc, rng):
    return min(doc.size + rng.choice([0, 0.5]), 11)


# ---------------------------------------------------------------------------------------------
# Addressees

def ad_apicrypt(doc, L, rng):
    """No window: after the date, one line tells that the letter went by Apicrypt, to whom, what
    they do, their town, and the Apicrypt mailbox it went to."""
    p = L.to
    name, gf = _pname(p, rng.choice(FULL + ["s-i"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.6)
    where = city if (p.force_place or gf != "full" or rng.random() < 0.7) else None
    local = "%s.%s" % (M.key_name(p.given).lower().replace(" ", "-"), M.key_name(p.family).lower().replace(" ", ""))
    box = "%s@medical%s.apicrypt.org" % (local, p.postcode[:2])
    job = _job(p, rng, lower=True)
    if rng.random() < 0.5:
        text = "Transmis via Apicrypt à : %s, %s%s <%s>" % (_nb(name), job, ", " + _nb(where) if where else "",
                                                                  box)
    else:
        text = "Destinataire (Apicrypt) : %s – %s%s – %s" % (_nb(name), job, " – " + _nb(where) if where else "",
                                                              box)
    L.flow_addressee = text
    L.mentions.add(p, "to", name, gf, where, None)
    L.salutation = _dear(p, rng)
    return None


def ad_patient_chez(doc, L, rng):
    """Right window to the person at home: an adult by civility, name in use and first given
    name, sometimes living with someone else ('chez …') or in a residence; a child through their
    legal representatives."""
    I = L.ident
    size = _size(doc, rng)
    street, pc, city = L.patient["home"]
    items = []
    if L.patient["child"]:
        items.append((rng.choice(["Parents ou tuteurs de", "À l'attention des parents ou tuteurs de"]), size - 0.5,
                      False, True, 0, 0))
        items.append(("%s %s" % (I.firsts[0], I.birth), size, True, False, 0, 0))
        L.salutation = rng.choice(["Madame, Monsieur,", "Chers parents de %s," % I.firsts[0]])
    else:
        civ = I.civ(rng, rng.choice(["long", "short"]))
        fam = I.used or I.birth
        items.append(("%s %s %s" % (civ, fam, I.firsts[0]) if rng.random() < 0.5 else
                      "%s %s %s" % (civ, I.firsts[0], fam), size, True, False, 0, 0))
        L.salutation = "%s," % ("Madame" if I.sex == "F" else "Monsieur")
    r = rng.random()
    if r < 0.35:
        items.append(("chez %s %s" % (rng.choice(["M.", "Mme", "M. et Mme"]), M.pick_surname(rng)), size, False, False,
                      0, 0))
        L.traps.append("care-of")
    elif r < 0.6:
        items.append(("Résidence %s – appt %d" % (rng.choice(["Le Hameau des Pins", "Les Terrasses du Lac",
                                                              "Les Embruns", "Val Fleuri"]), rng.randint(1, 80)),
                      size, False, False, 0, 0))
    items += [(street, size, False, False, 0, 0), ("%s %s" % (pc, city), size, False, False, 0, 0)]
    L.addressed_to_patient = True
    x, items = _fit_right(doc, items, rng.choice([312, 324, 336]), M.W - 34, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_window_tel_fax(doc, L, rng):
    """Right window ending on the addressee's phone and fax lines: the name with the title in
    full, what they do in italics, the site, the street, the town."""
    p = L.to
    size = _size(doc, rng)
    name, gf = _pname(p, rng.choice(["l-gf", "l-gf", "s-fg", "l-fg"]))
    city = M.city_text(p, rng)
    items = [(name, size, True, False, 0, 0), (_job(p, rng), size - 0.5, False, True, 0, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0, 0))
    items += [(p.street_line(), size, False, False, 0, 0), ("%s %s" % (p.postcode, city), size, False, False, 0, 0)]
    items.append(("Tél. : " + M.phone_text(p.phone, rng), size - 1, False, False, 0.2, 0))
    if rng.random() < 0.6:
        items.append(("Fax : %s %02d %02d %02d" % (p.phone[:5], rng.randint(0, 99), rng.randint(0, 99),
                                                   rng.randint(0, 99)), size - 1, False, False, 0.2, 0))
    L.traps.append("addressee-phone")
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    x, items = _fit_right(doc, items, rng.choice([312, 324, 336]), M.W - 34, M.W / 2 - 30)
    y = _stack(doc, x, _top(doc, rng), items) + 4
    return _ad_room(doc, x, y)


def ad_left_grey(doc, L, rng):
    """Left window on a light grey ground: the name with the title in full and the family name
    first, what they do, the site, the street, the postcode and the town in small letters."""
    p = L.to
    size = _size(doc, rng)
    name, gf = _pname(p, rng.choice(["l-fg", "l-fg", "s-gf", "s-i"]))
    city = M.title_city(p.city)
    items = [(name, size, True, False, 0, 0), (_job(p, rng), size - 0.5, False, False, 0.25, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0, 0))
    items += [(p.street_line(), size, False, False, 0, 0), ("%s %s" % (p.postcode, city), size, False, False, 0, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng) if rng.random() < 0.7 else None
    x = rng.choice([58, 66])
    items = [(t, _fit(doc, [t], M.W / 2 - 36 - x, sz, bold=b, italic=i), b, i, g, dx)
             for t, sz, b, i, g, dx in items]
    top = _top(doc, rng, (146, 154, 162))
    h = sum(doc.lead(it[1]) for it in items) + 10
    w = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _, _ in items) + 16
    _fill(doc, x - 8, top - 4, w, h, 0.92, radius=3, record=False)
    return _stack(doc, x, top, items) + 6


def ad_staircase(doc, L, rng):
    """Right window typed in steps, as old word-processor templates set it: each line a little
    further right than the one above; the civility and the title on the first line, the name
    under it."""
    p = L.to
    size = _size(doc, rng)
    f = p.sex == "F"
    word = "Professeur" if p.title == "PR" else "Docteur"
    title = "%s le %s" % ("Madame" if f else "Monsieur", word)
    name, gf = _pname(p, "gf")
    city = M.city_text(p, rng)
    step = rng.choice([9, 12, 14])
    texts = [(title, False, False), (name, True, False), (_job(p, rng), False, True)]
    if p.salaried:
        texts.append((_site(p, rng), False, False))
    texts += [(p.street_line(), False, False), ("%s %s" % (p.postcode, city), False, False)]
    items = [(t, size, b, i, 0, k * step) for k, (t, b, i) in enumerate(texts)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = "%s," % title
    x, items = _fit_right(doc, items, rng.choice([296, 306, 316]), M.W - 32, M.W / 2 - 60)
    y = _stack(doc, x, _top(doc, rng), items) + 4
    return _ad_room(doc, x, y)


def ad_window_paren_job(doc, L, rng):
    """Right window: the name with what they do in brackets on the same line, the site, the
    street, then the postcode and the town parted by a dash."""
    p = L.to
    size = _size(doc, rng)
    name, gf = _pname(p, rng.choice(FULL + ["s-i"]))
    city = M.city_text(p, rng)
    items = [("%s (%s)" % (name, _job(p, rng, lower=True)), size, False, False, 0, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size - 0.5, False, False, 0, 0))
        items.append((_site(p, rng), size - 0.5, False, False, 0, 0))
    items += [(p.street_line(), size, False, False, 0, 0), ("%s – %s" % (p.postcode, city), size, False, False, 0, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    x, items = _fit_right(doc, items, rng.choice([306, 318, 330]), M.W - 34, M.W / 2 - 30)
    y = _stack(doc, x, _top(doc, rng), items) + 4
    return _ad_room(doc, x, y)


def ad_flow_remis(doc, L, rng):
    """No window: a line after the date tells that the letter is handed to the person (a child's
    parents) for the colleague, named with what they do and their town."""
    p = L.to
    I = L.ident
    name, gf = _pname(p, rng.choice(FULL + ["s-i", "s-f"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.5)
    where = city if (p.force_place or gf != "full" or rng.random() < 0.75) else None
    who = "ses parents" if I.child else "%s %s" % (I.civ(rng, "short"), I.used or I.birth)
    tail = "%s%s" % (_job(p, rng, lower=True), ", " + _nb(where) if where else "")
    L.flow_addressee = rng.choice([
        "Pli remis à %s pour le %s (%s)." % (who, _nb(name), tail),
        "Lettre confiée à %s pour transmission au %s, %s." % (who, _nb(name), tail)])
    L.mentions.add(p, "to", name, gf, where, None)
    L.salutation = _dear(p, rng) if rng.random() < 0.7 else None
    L.traps.append("patient-name-in-addressee")
    return None


def ad_window_mss_top(doc, L, rng):
    """Right window opening on a small grey line giving the secure mailbox the letter went to (or
    saying it went by post), then the name, what they do, the site, the street and the town."""
    p = L.to
    size = _size(doc, rng)
    name, gf = _pname(p, rng.choice(FULL + ["s-i"]))
    city = M.city_text(p, rng)
    head = ("MSSanté : %s" % p.mssante) if p.mssante else rng.choice(["Expédition par La Poste",
                                                                       "Lettre simple – La Poste"])
    items = [(head, max(6, size - 2.5), False, False, 0.4, 0), (name, size, True, False, 0, 0),
             (_job(p, rng), size - 0.5, False, False, 0, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0, 0))
    items += [(p.street_line(), size, False, False, 0, 0), ("%s %s" % (p.postcode, city), size, False, False, 0, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    x, items = _fit_right(doc, items, rng.choice([310, 322, 334]), M.W - 34, M.W / 2 - 30)
    y = _stack(doc, x, _top(doc, rng), items) + 4
    return _ad_room(doc, x, y)


def ad_left_with_refs(doc, L, rng):
    """Left window (name, what they do, street, town); opposite it on the right, the sender's
    office lines: who handles the file, the direct line, our and your references."""
    p, a = L.to, L.author
    size = _size(doc, rng)
    small = max(6.5, size - 2)
    name, gf = _pname(p, rng.choice(["s-gf", "l-gf", "s-fg", "s-i"]))
    city = M.city_text(p, rng)
    items = [(name, size, True, False, 0, 0), (_job(p, rng), size - 0.5, False, True, 0, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0, 0))
    items += [(p.street_line(), size, False, False, 0, 0), ("%s %s" % (p.postcode, city), size, False, False, 0, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    x = rng.choice([56, 64, 72])
    items = [(t, _fit(doc, [t], M.W / 2 - 24 - x, sz, bold=b, italic=i), b, i, g, dx)
             for t, sz, b, i, g, dx in items]
    top = _top(doc, rng, (146, 154, 162))
    y = _stack(doc, x, top, items)
    refs = [("Suivi administratif", "%s %s, secrétariat" % (rng.choice(["Mme", "M."]), M.pick_surname(rng))),
            ("Ligne directe", "%s %02d %02d" % (L.hospital["phone"][:8], rng.randint(0, 99), rng.randint(0, 99))),
            ("Nos réf.", "%s%s/%s-%04d" % (a.given[0], a.family[0], rng.choice(["SEC", "CS", "MT"]),
                                          rng.randint(1, 9999))),
            ("Vos réf.", "courrier du %s" % _nov(rng, 2, 15))]
    L.traps.append("phone")
    rx = rng.choice([336, 350])
    ry = top
    for k, v in refs:
        ry += doc.lead(small)
        t = "%s : %s" % (k, v)
        doc.text(rx, ry, t, _fit(doc, [t], M.W - 34 - rx, small), gray=0.25)
    return max(y, ry) + 4


def ad_window_secretariat(doc, L, rng):
    """Right window to the addressee's secretariat: 'Secrétariat du Dr J. DUPONT' (the given name
    as initials), what they do, the site, the street, the town."""
    p = L.to
    size = _size(doc, rng)
    name, gf = _pname(p, rng.choice(["s-i", "s-i", "l-i", "s-gf"]))
    city = M.city_text(p, rng)
    items = [("Secrétariat médical du %s" % name, size, True, False, 0, 0),
             (_job(p, rng), size - 0.5, False, True, 0, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0, 0))
    items += [(p.street_line(), size, False, False, 0, 0), ("%s %s" % (p.postcode, city), size, False, False, 0, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    x, items = _fit_right(doc, items, rng.choice([306, 318, 330]), M.W - 34, M.W / 2 - 30)
    y = _stack(doc, x, _top(doc, rng), items) + 4
    return _ad_room(doc, x, y)


def ad_qui_de_droit(doc, L, rng):
    """No addressee: a document to be handed over, 'à qui de droit' sometimes said on a line of
    its own, the salutation impersonal."""
    if rng.random() < 0.6:
        L.flow_addressee = rng.choice(["À qui de droit.", "Document établi à l'attention de qui de droit."])
    L.salutation = rng.choice(["Madame, Monsieur,", "Madame, Monsieur, chers collègues,"])
    return None


# (draw, window: "right" | "left" | "none" | "flow", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "s-ad-a": (ad_apicrypt, "flow", True),
    "s-ad-b": (ad_patient_chez, "right", False),
    "s-ad-c": (ad_window_tel_fax, "right", True),
    "s-ad-d": (ad_left_grey, "left", True),
    "s-ad-e": (ad_staircase, "right", True),
    "s-ad-f": (ad_window_paren_job, "right", True),
    "s-ad-g": (ad_flow_remis, "flow", True),
    "s-ad-h": (ad_window_mss_top, "right", True),
    "s-ad-i": (ad_left_with_refs, "left", True),
    "s-ad-j": (ad_window_secretariat, "right", True),
    "s-ad-k": (ad_qui_de_droit, "none", False),
}


# ---------------------------------------------------------------------------------------------
# Copies

def _copy(L, p, rng, forms, p_place=0.75):
    """Records a copy; returns (name, what they do, town or None)."""
    name, gf = _pname(p, rng.choice(forms))
    city = None
    if p.force_place or gf != "full" or rng.random() < p_place:
        city = M.city_text(p, rng, upper=rng.random() < 0.5)
    L.mentions.add(p, "cc", name, gf, city, None)
    return name, _job(p, rng, lower=True), _nb(city) if city else None


def _patient_copy(L, rng):
    I = L.ident
    f = I.sex == "F"
    if I.child:
        return rng.choice(["les parents (exemplaire remis)", "représentants légaux"])
    return rng.choice(["%s %s (remis à la sortie)" % (I.civ(rng, "short"), I.used or I.birth),
                       "la patiente directement" if f else "le patient directement", "double pour le patient"])


def _channel(p):
    return "MSSanté" if p.mssante else "courrier"


def cp_autres_destinataires(doc, L, rng):
    """After the signature, 'Autres destinataires' and one copy a line in columns at tab stops:
    the name, what they do, the town, how it travels."""
    size = max(7, doc.size - rng.choice([0.5, 1, 1.5]))
    rows = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"], 0.85)
        rows.append((_nb(name), job, city or "", _channel(p)))
    if L.copy_patient:
        rows.append((_patient_copy(L, rng), "", "", "en main propre"))
    if not rows:
        return
    ws = [max(doc.sw(r[i], size) for r in rows) + 14 for i in range(4)]
    tabular = sum(ws) <= doc.right - doc.left - 10
    doc.need(doc.lead(size) * (len(rows) + 2))
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Exemplaires envoyés :", "Diffusion de ce document :"]), size, bold=True)
    for r in rows:
        if tabular:
            doc.y += doc.lead(size) * 0.8
            x = doc.left + 8
            for i, cell in enumerate(r):
                if cell:
                    doc.text(x, doc.y, cell, size, italic=(i == 3), gray=0.35 if i == 3 else 0)
                x += ws[i]
            doc.y += doc.lead(size) * 0.2
        else:
            doc.para(" – ".join(c for c in r if c), size, x=doc.left + 8, after=0)


def cp_liste_diffusion(doc, L, rng):
    """'Liste de diffusion' then the copies numbered '1/', '2/'…, each with what they do and the
    town; the record's copy and the patient's at the end of the list."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    lines = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"])
        lines.append("%s, %s%s" % (_nb(name), job, " – %s" % city if city else ""))
    if not lines and not L.copy_patient:
        return
    if rng.random() < 0.5:
        lines.append("dossier médical (archives)")
    if L.copy_patient:
        lines.append(_patient_copy(L, rng))
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Diffusion de ce document :", "EXEMPLAIRES ENVOYÉS"]), size, bold=True)
    for i, t in enumerate(lines):
        doc.para("%d/ %s" % (i + 1, t), size, x=doc.left + rng.choice([6, 12]), after=0)


def cp_top_right(doc, L, rng):
    """Under the date, before the title, set flush right in small italics: a caption, then the
    copies one a line with the town after a dash."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    lines = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"], 0.85)
        lines.append(_nb(name) + (" – %s" % city if city else ""))
    if L.copy_patient:
        lines.append(_patient_copy(L, rng))
    if not lines:
        return
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.line(rng.choice(["Copie à :", "Copie(s) :", "Copie également à :"]), size, bold=True, align="right")
    for t in lines:
        doc.line(t, _fit(doc, [t], doc.right - doc.left, size, italic=True), italic=True, align="right")
    doc.gap(size * 0.4)


def cp_table_envoi(doc, L, rng):
    """After the signature, a ruled table of the sending: which copy (the original first when
    the letter has an addressee), who, the full postal address, how it goes."""
    size = max(6.5, doc.size - rng.choice([1.5, 2]))
    rows = []
    if L.to is not None:
        p = L.to
        name, gf = _pname(p, rng.choice(FULL))
        city = M.city_text(p, rng)
        L.mentions.add(p, "to", name, gf, city, p.postcode)
        rows.append(("Original", name, "%s, %s %s" % (p.street_line(), p.postcode, city), _channel(p)))
    elif L.addressed_to_patient:
        rows.append(("Original", "Patient(e)", "domicile", "courrier"))
    for p in L.copies:
        name, gf = _pname(p, rng.choice(FULL + ["s-i"]))
        city = M.city_text(p, rng)
        L.mentions.add(p, "cc", name, gf, city, p.postcode)
        rows.append(("Copie", name, "%s, %s %s" % (p.street_line(), p.postcode, city), _channel(p)))
    if L.copy_patient:
        rows.append(("Copie", _patient_copy(L, rng), "—", "en main propre"))
    if not any(r[0] == "Copie" for r in rows):
        return
    head = ("Exemplaire", "Destinataire", "Adresse", "Envoi")
    width = doc.right - doc.left
    fr = [0.13, 0.31, 0.42, 0.14]
    ws = [width * f for f in fr]
    rh = doc.lead(size) + 3
    doc.need(rh * (len(rows) + 1) + 14)
    doc.gap(size * 0.6)
    top = doc.y
    for j, row in enumerate([head] + rows):
        x = doc.left
        for i, cell in enumerate(row):
            doc.rect(x, top + j * rh, ws[i], rh, lw=0.35, fill=0.88 if j == 0 else None)
            doc.text(x + 3, top + j * rh + rh - 3.5, cell, _fit(doc, [cell], ws[i] - 6, size, bold=(j == 0)),
                     bold=(j == 0))
            x += ws[i]
    doc.y = top + rh * (len(rows) + 1) + 6


def cp_no_copy(doc, L, rng):
    """No colleague in copy, said as this software says it; the patient's copy when there is one."""
    size = max(7, doc.size - 1)
    I = L.ident
    if L.copy_patient:
        t = rng.choice(["Exemplaire remis ce jour à %s %s." % (I.civ(rng, "short"), I.used or I.birth),
                        "Exemplaire unique remis %s." % ("aux parents" if I.child else "en fin de consultation")])
    else:
        t = rng.choice(["Aucun autre destinataire.", "Non diffusé à d'autres correspondants.",
                        "Document conservé au seul dossier du service."])
    doc.gap(size * 0.5)
    doc.para(t, size, italic=rng.random() < 0.4)


def cp_sentence_ainsi(doc, L, rng):
    """One closing sentence: a copy of the letter goes, for information, to the Dr … (town) and
    to the Dr … (town) 'ainsi qu'' to the person."""
    size = max(7.5, doc.size - rng.choice([0, 0.5]))
    parts = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"], 0.8)
        parts.append("au %s%s" % (_nb(name), " (%s)" % city if city else ""))
    if L.copy_patient:
        parts.append("aux parents" if L.ident.child else
                     ("à la patiente directement" if L.ident.sex == "F" else "au patient directement"))
    if not parts:
        return
    if len(parts) == 1:
        body = parts[0]
    else:
        body = ", ".join(parts[:-1]) + " ainsi qu'" + parts[-1]
    doc.gap(size * 0.4)
    doc.para("%s %s." % (rng.choice(["Copie de ce courrier est adressée, pour information,",
                                     "Un second exemplaire est transmis"]), body), size, keep=True)


def cp_correspondants(doc, L, rng):
    """A caption in small bold capitals in a left column, the copies one a line in a column on
    its right (the name, what they do, the town); under the caption in a narrow letter."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    lines = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i"], 0.85)
        lines.append("%s, %s%s" % (_nb(name), job, " – %s" % city if city else ""))
    if L.copy_patient:
        lines.append(_patient_copy(L, rng))
    if not lines:
        return
    cap = rng.choice(["CORRESPONDANTS INFORMÉS", "AUSSI INFORMÉS"])
    cs = max(6, size - 1.5)
    cw = doc.sw(cap, cs, bold=True) + 12
    side = doc.right - doc.left - cw > 260
    lead = doc.lead(size)
    doc.need(lead * (len(lines) + (0 if side else 1)) + 8)
    doc.gap(size * 0.6)
    top = doc.y
    doc.text(doc.left, top + lead * 0.8, cap, cs, bold=True, gray=0.3)
    if side:
        _vrule(doc, doc.left + cw - 6, top + 1, top + lead * len(lines) + 1, 0.4, 0.5)
    else:
        doc.y = top + lead
    x = doc.left + cw if side else doc.left + 10
    for t in lines:
        doc.para(t, size, x=x, after=0)
    doc.y = max(doc.y, top + lead) + 2


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "s-cc-a": (cp_autres_destinataires, True, "end"),
    "s-cc-b": (cp_liste_diffusion, True, "end"),
    "s-cc-c": (cp_top_right, True, "top"),
    "s-cc-d": (cp_table_envoi, True, "end"),
    "s-cc-e": (cp_no_copy, False, "end"),
    "s-cc-f": (cp_sentence_ainsi, True, "end"),
    "s-cc-g": (cp_correspondants, True, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions of this set: the room some identity blocks keep beside them, the room
# under some address blocks, and the top corner of the sheet close to its edges.

DM_POSITIONS = ["s-id-room", "s-id-room", "s-ad-room", "s-ad-room", "s-corner-top", "s-corner-top"]


def dm_candidates(d, pos, s, W, H):
    if pos in ("s-id-room", "s-ad-room"):
        room = d.__dict__.get("s_rooms", {}).get(pos)
        if not room or room[0] != d.page:
            return []
        return [(room[1], room[2]), (room[1], room[2] + 2), (room[1] - 2, room[2])]
    if pos == "s-corner-top":
        return [(W - m - s, y) for y in (16, 18, 21) for m in (18, 21, 25)]
    return []
