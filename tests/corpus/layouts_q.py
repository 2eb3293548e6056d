"""Tuning layout families, seventeenth set (see make_letters.py).

These were the held-out families of session 43 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families draw through the helpers of make_letters.py, which use() binds at import time.
"""

M = None  # make_letters, bound by use()


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Running faces: the built-in typewriter cuts and the heavy slanted sans that no tuning set types a
# letter in, and a few TrueType / Type 1 cuts paired with other bold and italic companions.

_DJ = "/usr/share/fonts/truetype/dejavu/"
_FR = "/usr/share/fonts/truetype/freefont/"


def fonts(register):
    """Registers this set's running faces (a face whose files are missing is left out)."""
    out = []
    for key, faces in (("qCourierSlant", ("Courier-Oblique", "Courier-BoldOblique", "Courier")),
                       ("qCourierHeavy", ("Courier-Bold", "Courier-BoldOblique", "Courier-Oblique")),
                       ("qCourierHeavySlant", ("Courier-BoldOblique", "Courier-Bold", "Courier")),
                       ("qHelveticaHeavySlant", ("Helvetica-BoldOblique", "Helvetica-Bold", "Helvetica"))):
        if key not in M.FONTS:
            M.FONTS[key] = faces
        out.append(key)
    for key, files in (("qSansCondSlant", (_DJ + "DejaVuSansCondensed-Oblique.ttf", _DJ + "DejaVuSansCondensed-Bold.ttf",
                                             _DJ + "DejaVuSansCondensed.ttf")),
                       ("qFreeSerifHeavy", (_FR + "FreeSerifBold.ttf", _FR + "FreeSerifBoldItalic.ttf",
                                              _FR + "FreeSerif.ttf")),
                       ("qSerifCondHeavy", (_DJ + "DejaVuSerifCondensed-Bold.ttf", _DJ + "DejaVuSerif-Bold.ttf",
                                              _DJ + "DejaVuSerifCondensed-Italic.ttf"))):
        if register(key, *files):
            out.append(key)
    for key, faces in (("qGothicDemiSlant", ("URWGothic-DemiOblique", "URWGothic-Demi", "URWGothic-Book")),
                       ("qNimbusSansHeavy", ("NimbusSans-Bold", "NimbusSans-BoldItalic", "NimbusSans-Regular"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    return out


# ---------------------------------------------------------------------------------------------
# Traits as this set writes them.

def _nb(s):
    """Spaces that never break a line (drawn as plain spaces)."""
    return s.replace(" ", M.NBSP)


_UNITS = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
          "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _words99(n):
    """French words of 0 < n < 100 ('soixante et onze', 'quatre-vingt-dix-neuf')."""
    if n < 20:
        return _UNITS[n]
    t, u = divmod(n, 10)
    if t in (7, 9):
        base = "soixante" if t == 7 else "quatre-vingt"
        rest = 10 + u
        if t == 7 and u == 1:
            return "soixante et onze"
        return base + "-" + _UNITS[rest]
    if t == 8:
        return "quatre-vingts" if u == 0 else "quatre-vingt-" + _UNITS[u]
    if u == 0:
        return _TENS[t]
    if u == 1:
        return _TENS[t] + " et un"
    return _TENS[t] + "-" + _UNITS[u]


def _year_words(y):
    if y >= 2000:
        r = y - 2000
        return "deux mille" + ((" " + _words99(r)) if r else "")
    r = y - 1900
    return "mil neuf cent" + ((" " + _words99(r)) if r else "")


def _day_words(d):
    return "premier" if d == 1 else _words99(d)


_MOIS_ABR = "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split()


def date_forms(iso):
    """Every form of a birth date this set prints (the checks look for one of them)."""
    y, m, d = iso.split("-")
    mois = M.MONTHS[int(m) - 1]
    day = "1er" if d == "01" else str(int(d))
    return {
        "num": "%s/%s/%s" % (d, m, y),
        "dot": "%s.%s.%s" % (d, m, y),
        "nozero": "%d/%d/%s" % (int(d), int(m), y),
        "words": "%s %s %s" % (day, mois, y),
        "caps": "%s %s %s" % (d, mois.upper(), y),
        "abbr": "%s %s %s" % (day, _MOIS_ABR[int(m) - 1], y),
        "iso": "%s-%s-%s" % (y, m, d),
        "full": "%s %s %s" % (_day_words(int(d)), mois, _year_words(int(y))),
    }


def _date(I, rng, styles):
    return _nb(date_forms(I.iso)[rng.choice(list(styles))])


D_ANY = ["num", "num", "num", "dot", "nozero", "words", "caps", "abbr", "iso"]
D_NUM = ["num", "num", "dot", "nozero", "iso"]


def ins_forms(m):
    g = [m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]
    return {
        "plain": m,
        "groups": " ".join(g + [m[13:]]),
        "slashkey": "%s/%s" % (m[:13], m[13:]),
        "hyph": "-".join(g + [m[13:]]),
        "groups-cle": "%s, clé de contrôle %s" % (" ".join(g), m[13:]),
        "body-key": "%s  %s" % (m[:13], m[13:]),
        "dots": "%s.%s" % (".".join(g), m[13:]),
    }


def _ins(I, rng, styles):
    return _nb(ins_forms(I.ins)[rng.choice(list(styles))])


I_ANY = ["plain", "plain", "groups", "groups", "slashkey", "hyph", "groups-cle", "body-key", "dots"]


def _sex(I, rng, styles):
    st = rng.choice(list(styles))
    if st == "W":
        return I.sex_text(rng, "word").upper()
    return I.sex_text(rng, {"l": "letter", "w": "word", "lw": "lower", "p": "person"}[st])


def _place(I, rng, styles):
    """The birth place: its code always, the commune or country often."""
    code, name = I.place, I.place_name
    st = rng.choice(list(styles))
    if st == "code":
        return code
    return _nb({"paren": "%s (%s)" % (name, code), "bracket": "%s [%s]" % (M.insi(name), code),
                "code-dash": "%s – %s" % (code, name), "insee": "%s (INSEE n° %s)" % (name, code),
                "cog": "code %s = %s" % (code, name)}[st])


P_ANY = ["paren", "paren", "bracket", "code-dash", "insee", "cog", "code"]


def _masc(country):
    """Country names of the corpus that take 'le' (they do not end in -e; the island takes none)."""
    return not country.endswith(("e", "car"))


def _in_place(I, rng):
    """'à Brest (29019)', 'au Maroc (99350)', 'en Algérie (99352)'."""
    name, code = I.place_name, I.place
    if I.abroad:
        art = "à" if name.endswith("car") else "au" if _masc(name) else "en"
        return _nb("%s %s (%s)" % (art, name, code))
    return _nb("à %s (%s)" % (name, code))


_OIDS = ["[OID %s]", "OID=%s", "racine OID %s", "(OID du matricule : %s)"]


def _oid_txt(rng):
    return rng.choice(_OIDS) % M.TEST_OID


def _civ_p(p):
    """The civility of a professional, spelt out."""
    return {"F": "Madame", "M": "Monsieur"}[p.sex]


def _firsts(I, rng, styles=("all", "all", "all-comma", "first")):
    return I.first_names(rng, rng.choice(list(styles)))


def _e(I):
    return "e" if I.sex == "F" else ""


def _sz(I, lo=7.5, hi=10.5):
    size = max(lo, min(I.size, hi))
    return size, max(6, size - 1.8)


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


def _fill(doc, x, top, w, h, gray, radius=0):
    c = doc.c
    c.saveState()
    c.setFillGray(gray)
    if radius:
        c.roundRect(x, M.H - top - h, w, h, radius, stroke=0, fill=1)
    else:
        c.rect(x, M.H - top - h, w, h, stroke=0, fill=1)
    c.restoreState()
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


def _stack(doc, x, top, items, k=1.0, align="left"):
    """(text, size, bold, italic, gray) lines from `top` down; returns the y under them."""
    y = top
    for t, sz, b, i, g in items:
        lead = doc.lead(sz) * k
        y += lead * 0.8
        if t:
            doc.text(x, y, t, sz, bold=b, italic=i, gray=g, align=align)
        y += lead * 0.2
    return y


def _stack_h(doc, items, k=1.0):
    return sum(doc.lead(sz) * k for _, sz, _, _, _ in items)


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


def _phone(rng, mobile=True):
    pre = rng.choice(["06", "07"]) if mobile else rng.choice(["02", "03", "04", "05"])
    return "%s %02d %02d %02d %02d" % (pre, rng.randint(10, 99), rng.randint(0, 99), rng.randint(0, 99),
                                       rng.randint(0, 99))


def _age(I):
    a = M.age_on(I.iso)
    if a >= 2:
        return "%d\u00a0ans" % a
    y, m, d = (int(v) for v in I.iso.split("-"))
    months = (M.TODAY[0] - y) * 12 + M.TODAY[1] - m - (M.TODAY[2] < d)
    return "%d\u00a0mois" % max(months, 1)


def _name_pair(I, rng, order=None):
    """The person's names as banners print them, the name in use tied to the birth name by a word."""
    given = _firsts(I, rng, ("first", "all", "all"))
    f = I.sex == "F"
    if I.used:
        fam = rng.choice(["%s %s %s" % (I.used, I.born(), I.birth),
                          "%s, à l'état civil %s" % (I.used, I.birth),
                          ("%s (dit %s)" if not f else rng.choice(["%s (dite %s)", "%s (épouse %s)"])) % (I.birth, I.used)])
    else:
        fam = I.birth
    order = order or rng.choice(["fam", "fam", "giv"])
    if order == "fam" and "," not in fam and "(" not in fam:
        return "%s %s" % (fam, given)
    return "%s %s" % (given, fam)


# ---------------------------------------------------------------------------------------------
# Identity

def _traits(I, rng, lab, dates=D_ANY, inss=I_ANY, places=P_ANY, sexes=("l", "w", "p")):
    """(what, label, value) of the traits, labels drawn from `lab`."""
    pick = lambda k: rng.choice(lab[k])  # noqa: E731
    rows = [("birth", pick("birth"), I.birth)]
    if I.used:
        rows.append(("used", pick("used"), I.used))
    rows.append(("firsts", pick("firsts"), _firsts(I, rng, ("all", "all", "all-comma"))))
    rows.append(("date", pick("date"), _date(I, rng, dates)))
    rows.append(("sex", pick("sex"), _sex(I, rng, sexes)))
    if I.place:
        rows.append(("place", pick("place"), _place(I, rng, places)))
    if I.ins:
        rows.append(("ins", pick("ins"), _ins(I, rng, inss)))
        if I.oid:
            rows.append(("oid", pick("oid"), M.TEST_OID))
    return rows


LAB_A = {"birth": ["Nom de naissance", "Nom de famille de naissance", "Nom inscrit à la naissance"],
         "used": ["Nom d'usage déclaré", "Nom choisi pour l'usage", "Nom d'usage"],
         "firsts": ["Prénoms selon l'état civil", "Prénom(s) déclaré(s)", "Prénoms de l'acte"],
         "date": ["Date de naissance", "Date de naiss. (JJ/MM/AAAA)", "Date de venue au monde"],
         "sex": ["Sexe", "Sexe enregistré"],
         "place": ["Code du lieu de naissance", "Lieu de naissance", "Commune ou pays natal (COG)"],
         "ins": ["Matricule INS", "N° de matricule INS", "INS – n° de matricule"],
         "oid": ["OID (matricule)", "OID associé au matricule"]}


def id_admin_quad(doc, I, rng):
    """An administrative block of four columns, label, value, label, value, under a caption bar;
    dotted rules between the rows, the file and stay numbers in the grid with the traits."""
    size, small = _sz(I, 7.5, 10)
    x0, width = doc.left, doc.right - doc.left
    rows = _traits(I, rng, LAB_A)
    extra = [r for r in (_ipp(I, rng, ["N° dossier hospitalier", "IPP local", "Identifiant local"]),
                         _nda(I, rng, ["N° d'entrée", "N° de séjour en cours", "Réf. venue"])) if r]
    cells = [(lab, val) for _, lab, val in rows]
    if extra and rng.random() < 0.5:
        cells = extra + cells
    else:
        cells = cells + extra
    if extra:
        doc.letter.traps.append("numbers-in-grid")
    half = width / 2
    lw = max(doc.sw(a, small, italic=True) for a, _ in cells) + 8
    lw = min(lw, half * 0.48)
    lead = doc.lead(size) + 3
    nrows = (len(cells) + 1) // 2
    cap = rng.choice(["RENSEIGNEMENTS ADMINISTRATIFS", "Volet administratif du dossier", "Bloc identification"])
    doc.need(lead * (nrows + 1) + 14)
    top = doc.y + 2
    ch = doc.lead(small) + 4
    doc.mark("identity")
    _fill(doc, x0, top, width, ch, 0.82)
    doc.text(x0 + 5, top + ch - 4, cap, small, bold=True)
    y = top + ch
    column_major = rng.random() < 0.5
    for r in range(nrows):
        for c in range(2):
            k = (c * nrows + r) if column_major else (r * 2 + c)
            if k >= len(cells):
                continue
            a, b = cells[k]
            cx = x0 + c * half
            doc.text(cx + 3, y + lead - 4, a, _fit(doc, [a], lw - 6, small, italic=True), italic=True, gray=0.3)
            doc.text(cx + lw, y + lead - 4, b, _fit(doc, [b], half - lw - 8, size, bold=True), bold=True)
        y += lead
        _rule(doc, x0, x0 + width, y + 1, 0.4, 0.45, dash=(1, 2))
    doc.unmark()
    doc.y = y + 6
    doc.gap(size * 0.4)


_ROOM = ["Chambre n° %d", "Ch. %d", "Logement %d"]


def id_register_prose(doc, I, rng):
    """A resident's card of a care home (or a medical-educational institute for a child): the name
    large, a grey line of the stay (room, dependency level, entry date), then the civil status as
    a registry clause with the birth date written out in words, the number on its own line."""
    size, small = _sz(I, 8, 11)
    f = I.sex == "F"
    L = doc.letter
    civ = I.civ(rng, "long")
    fam = I.used or I.birth
    given = _firsts(I, rng, ("first", "all"))
    head = "%s %s %s" % (civ, fam, given) if rng.random() < 0.5 else "%s %s %s" % (civ, given, fam)
    if I.child:
        stay = "%s  ·  Groupe %s  ·  Admis%s le %02d/%02d/20%02d" % (
            rng.choice(["Externat", "Internat de semaine", "Semi-internat"]), rng.choice(["Les Hérons", "Les Pins", "Arc-en-ciel"]),
            _e(I), rng.randint(1, 28), rng.randint(1, 12), rng.randint(19, 25))
        kind = rng.choice(["Fiche de l'enfant accueilli", "Jeune accueilli en établissement"])
    else:
        stay = "%s  ·  GIR %d  ·  Entré%s le %02d/%02d/20%02d" % (
            rng.choice(_ROOM) % rng.randint(1, 240), rng.randint(1, 6), _e(I), rng.randint(1, 28), rng.randint(1, 12),
            rng.randint(12, 25))
        kind = rng.choice(["Fiche du résident", "Résident%s de l'établissement" % ("e" if f else ""), "Personne hébergée"])
    L.traps += ["stay-numbers"]
    full = date_forms(I.iso)["full"]
    parts = ["%s le %s" % (I.born().capitalize(), _nb(full))]
    if rng.random() < 0.5:
        parts[0] += " (%s)" % _nb(date_forms(I.iso)["num"])
    if I.place:
        parts[0] += " " + _in_place(I, rng)
    if I.used:
        parts.append(rng.choice(["dont le nom à l'état civil est %s" % I.birth, "inscrit%s à l'état civil sous le nom de %s" % (_e(I), I.birth)]))
    parts.append("sexe déclaré à l'état civil : %s" % _sex(I, rng, ["lw"]))
    if I.first_names and len(I.firsts) > 1 and rng.random() < 0.6:
        parts.append("prénoms dans l'ordre : %s" % I.first_names(rng, "all-comma"))
    prose = ", ".join(parts) + "."
    lines = []
    if I.ins:
        t = "%s %s" % (rng.choice(["Matricule INS de la personne :", "Immatriculation INS :", "INS du résident :" if not I.child else "INS de l'enfant :"]),
                       _ins(I, rng, I_ANY))
        if I.oid:
            t += "  –  OID %s" % M.TEST_OID
        lines.append(t)
    big = min(size + 3, 14)
    doc.need(doc.lead(big) + doc.lead(small) + doc.lead(size) * 4 + 10)
    doc.mark("identity")
    doc.line(kind.upper(), small, bold=True, gray=0.4)
    doc.line(_nb(head), big, bold=True)
    doc.line(stay, small, gray=0.35)
    doc.gap(2)
    doc.para(prose, size, after=0)
    for t in lines:
        doc.para(t, size, after=0)
    doc.unmark()
    doc.gap(size * 0.7)


_MEASURES = ["Soins psychiatriques à la demande d'un tiers (SDT)", "Soins psychiatriques en cas de péril imminent (SPI)",
             "Soins sur décision du représentant de l'État (SDRE)", "Soins psychiatriques libres",
             "SDT-U (procédure d'urgence)"]


def id_psy_measure(doc, I, rng):
    """A psychiatric hospital's header: a framed box whose dark head bar names the legal frame of
    the care, then the person two traits a line parted by a long dash, the unit and establishment
    numbers last in grey."""
    L = doc.letter
    size, small = _sz(I, 7.5, 10)
    x0, width = doc.left, doc.right - doc.left
    measure = rng.choice(_MEASURES[3:4] if I.child else _MEASURES)
    if I.child:
        measure = rng.choice(["Pédopsychiatrie – hospitalisation à temps plein", "Soins libres – unité pour adolescents"])
    lab = {"birth": ["Nom de naissance", "Nom (acte de naissance)"], "used": ["Nom marital (usage)" if I.sex == "F" else "Nom d'usage", "Nom en usage courant"],
           "firsts": ["Prénoms (acte de naissance)", "Prénoms inscrits"], "date": [I.born().capitalize() + " le", "Date de naissance"],
           "sex": ["Sexe"], "place": ["Lieu de naissance (code COG)", I.born().capitalize() + " à"],
           "ins": ["Identifiant national de santé (matricule)", "Matricule INS"], "oid": ["OID rattaché"]}
    rows = _traits(I, rng, lab, sexes=("w", "l"))
    pairs = []
    i = 0
    while i < len(rows):
        a = rows[i]
        b = rows[i + 1] if i + 1 < len(rows) else None
        t1 = "%s : %s" % (a[1], a[2])
        if b and a[0] not in ("ins",) and b[0] not in ("ins", "oid") and \
                doc.sw(t1 + " — %s : %s" % (b[1], b[2]), size) < width - 16:
            pairs.append(t1 + " — %s : %s" % (b[1], b[2]))
            i += 2
        else:
            pairs.append(t1)
            i += 1
    grey = "UF %d  ·  FINESS %s  ·  Secteur %s%02d" % (rng.randint(1000, 9999), L.hospital["finess"],
                                                     rng.choice(["G", "I", "P"]), rng.randint(1, 30))
    L.traps += ["finess", "unit-numbers"]
    lead = doc.lead(size)
    bar = doc.lead(small) + 5
    h = bar + lead * (len(pairs) + 1) + doc.lead(small) + 10
    doc.need(h + 10)
    top = doc.y + 2
    _fill(doc, x0, top, width, bar, rng.choice([0.2, 0.3]))
    doc.text(x0 + 6, top + bar - 4.5, measure, _fit(doc, [measure], width - 12, small, bold=True), bold=True, gray=1.0)
    _frame(doc, x0, top, width, h, lw=0.7)
    y = top + bar + 2
    doc.mark("identity")
    doc.text(x0 + 6, y + lead * 0.8, rng.choice(["Personne soignée dans l'unité", "Patient(e) admis(e) dans l'unité"]) + " :", small,
             italic=True, gray=0.35)
    y += lead
    for t in pairs:
        y += lead * 0.8
        doc.text(x0 + 8, y, t, _fit(doc, [t], width - 16, size))
        y += lead * 0.2
    doc.unmark()
    y += doc.lead(small) * 0.8
    doc.text(x0 + 8, y, grey, small, gray=0.45)
    doc.y = top + h + lead * 0.6 + 4
    doc.gap(size * 0.3)


def id_guardians_side(doc, I, rng):
    """Two sections side by side under underlined headings, a double vertical rule between: the
    person cared for on the left; on the right the parents of a child (the insured one with their
    number) or, for an adult, the person of trust and the one to warn, with phones."""
    L = doc.letter
    size, small = _sz(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    colw = width / 2 - 8
    f = I.sex == "F"
    left = [("%s %s" % (I.civ(rng, "long") if not I.child else ("Enfant :" if rng.random() < 0.5 else ""),
                        (I.used or I.birth) + " " + I.first_names(rng, "all")), True)]
    left[0] = (left[0][0].strip(), True)
    if I.used:
        left.append(("%s %s" % (rng.choice(["à l'état civil", "nom d'origine"]), I.birth), False))
    left.append(("%s le %s" % (I.born(), _date(I, rng, D_ANY)), False))
    left.append(("sexe déclaré %s" % _sex(I, rng, ["lw", "l"]), False))
    if I.place:
        left.append(("lieu natal %s" % _place(I, rng, P_ANY), False))
    if I.ins:
        left.append(("INS n° %s" % _ins(I, rng, I_ANY), False))
        if I.oid:
            left.append((_oid_txt(rng), False))
    right = []
    if I.child:
        h1 = rng.choice(["Titulaires de l'autorité parentale", "Parents (autorité parentale)"])
        ins = I.insured
        if ins:
            right.append(("%s %s %s" % (ins["civ"], ins["family"], ins["given"]), True))
            right.append(("assuré(e) social(e) – n° %s" % _nb(ins_forms(ins["nir"])[rng.choice(["groups", "plain", "body-key"])]), False))
            right.append(("tél. %s" % _phone(rng), False))
            L.traps.append("insured-in-guardians")
        cf = not (ins and ins["civ"] == "Mme")
        right.append(("%s %s %s" % ("Mme" if cf else "M.", I.birth if rng.random() < 0.5 else M.pick_surname(rng),
                                    rng.choice(M.GIVEN_F if cf else M.GIVEN_M)), True))
        right.append(("tél. %s" % _phone(rng), False))
        h0 = rng.choice(["Enfant soigné", "L'enfant hospitalisé%s" % _e(I)])
    else:
        h1 = rng.choice(["Personne de confiance désignée", "Entourage proche"])
        cf = rng.random() < 0.5
        right.append(("%s %s %s (%s)" % ("Mme" if cf else "M.", M.pick_surname(rng), rng.choice(M.GIVEN_F if cf else M.GIVEN_M),
                                         rng.choice(["fille aînée", "fils cadet", "époux ou épouse", "sœur cadette", "frère aîné", "amie de longue date", "neveu"])), True))
        right.append(("tél. %s" % _phone(rng), False))
        right.append(("À prévenir en cas d'urgence : elle-même" if rng.random() < 0.5 else
                      "À prévenir en cas d'urgence : %s" % _phone(rng, mobile=False), False))
        h0 = rng.choice(["Patient%s suivi%s" % (("e", "e") if f else ("", "")), "La personne soignée"])
    L.traps.append("phone")
    lead = doc.lead(size)
    wl = [(t, _fit(doc, [t], colw - 6, size, bold=b), b) for t, b in left]
    wr = [(t, _fit(doc, [t], colw - 10, size, bold=b), b) for t, b in right]
    h = lead * (max(len(wl), len(wr)) + 1.4)
    doc.need(h + 10)
    top = doc.y + 2
    doc.mark("identity")
    for x, head, items in ((x0, h0, wl), (x0 + width / 2 + 8, h1, wr)):
        doc.text(x, top + lead * 0.8, head, small + 0.5, bold=True)
        _rule(doc, x, x + doc.sw(head, small + 0.5, bold=True), top + lead * 0.8 + 2, 0.5)
        y = top + lead * 1.2
        for t, sz, b in items:
            y += lead * 0.8
            doc.text(x, y, t, sz, bold=b)
            y += lead * 0.2
        if x == x0:
            doc.unmark()
    _vrule(doc, x0 + width / 2 - 1.5, top, top + h, 0.4)
    _vrule(doc, x0 + width / 2 + 1.5, top, top + h, 0.4)
    doc.y = top + h + 4
    doc.gap(size * 0.4)


def _crop_marks(doc, x, top, w, h, k=7):
    c = doc.c
    c.saveState()
    c.setLineWidth(0.6)
    for cx, cy, dx, dy in ((x, top, 1, 1), (x + w, top, -1, 1), (x, top + h, 1, -1), (x + w, top + h, -1, -1)):
        c.line(cx, M.H - cy, cx + dx * k, M.H - cy)
        c.line(cx, M.H - cy, cx, M.H - cy - dy * k)
    c.restoreState()
    for b in ((x, top - 1, x + k, top + k), (x + w - k, top - 1, x + w, top + k), (x, top + h - k, x + k, top + h + 1),
              (x + w - k, top + h - k, x + w, top + h + 1)):
        doc.add_box(b)


def id_crop_sticker(doc, I, rng):
    """Opposite the letterhead, an admission label shown by four corner marks only (no frame), in
    a fixed five-line format: names in capitals with a slash between the name in use and the birth
    name, the first names, then sex, birth date and age in years packed, the place, the number;
    the unit and bed in small type at the bottom."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9))
    fam = "%s / %s" % (I.used, I.birth) if I.used else I.birth
    lines = [(fam, True)]
    if I.used:
        lines.insert(0, (rng.choice(["NOM D'USAGE / NOM DE NAISS.", "USAGE / NAISSANCE"]), False))
    lines.append((_firsts(I, rng, ("all", "all", "first")), False))
    a = M.age_on(I.iso)
    lines.append(("%s  %s  %s" % (_sex(I, rng, ["l"]), _date(I, rng, ["num", "dot"]), "%03dA" % a if a >= 1 else _age(I)), True))
    if I.place:
        lines.append((rng.choice(["%s à " % I.born().capitalize(), "L.N. "]) + _place(I, rng, ["paren", "bracket", "code"]), False))
    if I.ins:
        lines.append(("INS " + _ins(I, rng, ["plain", "groups", "slashkey"]), False))
        if I.oid:
            lines.append((_oid_txt(rng), False))
    small = max(5.5, size - 2)
    foot = "U.F. %04d  Lit n° %d%s" % (rng.randint(1000, 9999), rng.randint(1, 40), rng.choice(["", "A", "B"]))
    if I.ipp:
        foot = "IPP %s  " % I.ipp + foot
        I.uses.add("ipp")
    L.traps.append("label-unit-bed")
    lead = doc.lead(size)
    w = max(doc.sw(t, size, bold=b) for t, b in lines) + 18
    w = max(w, doc.sw(foot, small) + 18)
    x1 = M.W - rng.choice([32, 40, 48])
    x = max(M.W / 2 + 5, x1 - w)
    if x + w > x1:
        size = _fit(doc, [t for t, _ in lines], x1 - x - 18, size, bold=True)
        lead = doc.lead(size)
        w = x1 - x
    top = max(rng.choice([36, 44, 52]), 30)
    h = lead * len(lines) + doc.lead(small) + 10
    _crop_marks(doc, x, top, w, h)
    doc.add_box((x, top, x + w, top + h))  # the label's paper: nothing else is printed on it
    doc.mark("identity")
    y = top + 4
    for t, b in lines:
        y += lead * 0.8
        doc.text(x + 9, y, t, size if t != lines[0][0] or not I.used else small, bold=b)
        y += lead * 0.2
    doc.unmark()
    y += doc.lead(small) * 0.8
    doc.text(x + 9, y, foot, small, gray=0.3)
    return top + h + 6


def id_avatar_band(doc, I, rng):
    """At the top of every page, as a web record prints its patient header: a grey disc with the
    initials on the left, the names in bold on the first line, the other traits on a second line
    parted by middle dots, a hairline under the band."""
    size = max(7.5, min(I.size - 1, 9))
    name = _name_pair(I, rng)
    civ = I.civ(rng, "short")
    first = "%s %s" % (civ, name)
    if rng.random() < 0.5:
        first += "  (%s)" % _age(I)
    parts = ["%s %s" % (rng.choice([I.born() + " le", "naiss. :"]), _date(I, rng, D_NUM + ["words"])),
             _sex(I, rng, ["w", "p"])]
    if I.place:
        parts.append(rng.choice([I.born() + " ", ""]) + _in_place(I, rng) if rng.random() < 0.5 else
                     "origine " + _place(I, rng, P_ANY))
    if I.ins:
        parts.append("INS " + _ins(I, rng, I_ANY) + (("  " + _oid_txt(rng)) if I.oid else ""))
    second = "  ·  ".join(parts)
    initials = (I.firsts[0][0] + (I.used or I.birth)[0]).upper()
    gray = rng.choice([0.7, 0.78])
    right = rng.random() < 0.4

    def band(d):
        r = 13
        cx, cy = 40 + r, 18 + r
        txt_x = cx + r + 10
        width = M.W - 36 - txt_x
        s1 = _fit(d, [first], width, size + 1, bold=True)
        s2 = _fit(d, [second], width, size)
        if d.page == 1:
            d.mark("identity")
        c = d.c
        c.saveState()
        c.setFillGray(gray)
        c.circle(cx, M.H - cy, r, stroke=0, fill=1)
        c.restoreState()
        d.add_box((cx - r, cy - r, cx + r, cy + r))
        d.text(cx, cy + 3.5, initials, 10, bold=True, gray=1.0, align="centre")
        if right:
            d.text(M.W - 36, 30, first, s1, bold=True, align="right")
            d.text(M.W - 36, 43, second, s2, align="right")
        else:
            d.text(txt_x, 30, first, s1, bold=True)
            d.text(txt_x, 43, second, s2)
        d.unmark()
        _rule(d, 36, M.W - 36, 50, 0.3, 0.5)

    band(doc)
    doc.page_start.append(band)


def _fake_qr(doc, x, top, s, rng):
    """A QR-like square (three finder squares, random modules): a link to the patient portal."""
    n = 21
    m = s / n
    c = doc.c
    c.saveState()
    c.setFillGray(0)
    grid = [[rng.random() < 0.5 for _ in range(n)] for _ in range(n)]
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        for j in range(8):
            for i in range(8):
                if 0 <= fy + j < n and 0 <= fx + i < n:
                    grid[fy + j][fx + i] = False
        for j in range(7):
            for i in range(7):
                edge = i in (0, 6) or j in (0, 6)
                core = 2 <= i <= 4 and 2 <= j <= 4
                grid[fy + j][fx + i] = edge or core
    for j in range(n):
        for i in range(n):
            if grid[j][i]:
                c.rect(x + i * m, M.H - top - (j + 1) * m, m, m, stroke=0, fill=1)
    c.restoreState()
    doc.add_box((x, top, x + s, top + s))


def id_footer_qr(doc, I, rng):
    """At the foot of every page, above the page footer: a QR code of the patient portal on the
    left with a one-word caption, and beside it the person on two lines (names, then birth, sex,
    place and number), a short grey line of the portal's address under them."""
    L = doc.letter
    size = max(6.5, min(I.size - 2, 8))
    name = "%s  –  %s" % (_name_pair(I, rng, "fam"), _sex(I, rng, ["w", "l"]))
    parts = ["%s %s" % (rng.choice([I.born().capitalize() + " le", "Naiss. le :"]), _date(I, rng, D_NUM))]
    if I.place:
        parts.append(_place(I, rng, P_ANY))
    if I.ins:
        parts.append("INS n° %s" % _ins(I, rng, I_ANY))
        if I.oid:
            parts.append(_oid_txt(rng))
    second = "  |  ".join(parts)
    host = M.insi(L.hospital["short"]).lower().replace(" ", "").replace("'", "")[:18]
    third = rng.choice(["Vos comptes rendus en ligne : https://portail.%s.fr" % host,
                        "Espace patient : %s.fr/mon-dossier" % host])
    L.traps.append("qr-code")
    s = 34
    cap = rng.choice(["PORTAIL", "Scannez-moi", "Accès au portail"])
    qr_seed = rng.random()

    def foot(d):
        top = M.H - 104
        x = d.left
        if d.page == 1:
            d.mark("identity")
        tx = x + s + 10
        width = d.right - tx
        s1 = _fit(d, [name], width, size + 0.5, bold=True)
        s2 = _fit(d, [second], width, size)
        d.text(tx, top + 11, name, s1, bold=True)
        d.text(tx, top + 22, second, s2)
        d.unmark()
        d.text(tx, top + 32, third, _fit(d, [third], width, size - 1), gray=0.45)
        import random as _r
        _fake_qr(d, x, top, s, _r.Random(qr_seed))
        d.text(x + s / 2, top + s + 6, cap, 5, align="centre", gray=0.4)

    doc.page_end.insert(0, foot)


def _origin(I):
    """'de Rouen (76540)', 'du Maroc (99350)', "d'Algérie (99352)"."""
    name = I.place_name
    if I.abroad and _masc(name):
        art = "du "
    else:
        art = "d'" if M.insi(name[:1]) in "AEIOUY" else "de "
    return _nb("%s%s (%s)" % (art, name, I.place))


def id_body_prose(doc, I, rng, reason):
    """The body opens on the person in a long sentence of this software's wording: the civility
    and names ('de son nom de naissance …'), the age before the birth date, the birth place as
    'originaire de', the national number 'sous le numéro INS'; the reason follows."""
    size = doc.size
    f = I.sex == "F"
    given = _firsts(I, rng, ("first", "all", "all"))
    fam = I.used or I.birth
    if I.child:
        who = "%s %s %s" % ("notre jeune patiente" if f else "notre jeune patient", given, fam)
    else:
        who = "%s %s %s" % (I.civ(rng, rng.choice(["long", "short"])), given, fam)
    if I.used:
        who += rng.choice([", %s sous le nom de %s" % (I.born(), I.birth), " (%s %s à l'état civil)" % ("inscrite" if f else "inscrit", I.birth)])
    start = rng.choice(["J'ai eu le plaisir de voir en consultation", "Je fais suite à la consultation de",
                        "Vous m'avez demandé de revoir", "Nous avons reçu dans l'unité"])
    s = "%s %s, âgé%s de %s (%s le %s)" % (start, who, _e(I), _age(I), I.born(), _date(I, rng, D_ANY + ["full"]))
    if I.place:
        s += rng.choice([", originaire %s" % _origin(I), ", lieu de naissance codé %s" % _place(I, rng, P_ANY)])
    s += ", sexe à l'état civil : %s" % _sex(I, rng, ["lw"])
    if I.ins:
        s += ", %s sous le numéro INS %s" % ("immatriculée" if f else "immatriculé", _ins(I, rng, I_ANY))
        if I.oid:
            s += " (racine OID %s)" % M.TEST_OID
    s += ", " + reason + "."
    doc.mark("identity")
    doc.para(s, size, keep=True)
    doc.unmark()


def _pill(doc, x, y, text, size, gray=0.85):
    w = doc.sw(text, size, bold=True) + 10
    h = size + 5
    _fill(doc, x, y - size - 1, w, h, gray, radius=h / 2)
    doc.text(x + 5, y, text, size, bold=True)
    return w


def id_age_first(doc, I, rng):
    """A practice-software header: the age and sex first in small grey capitals, the names large
    under it, then 'Naissance' and 'INS' lines, the status of the identity in a rounded pill beside
    the number."""
    size, small = _sz(I, 8, 11)
    big = min(size + 2.5, 14)
    top_line = "%s  ·  %s" % (_age(I).upper(), _sex(I, rng, ["W", "p"]).upper())
    name = _name_pair(I, rng)
    born = "%s : %s" % (rng.choice(["Naissance (date, lieu)", "Venu%s au monde le" % _e(I), I.born().capitalize() + " le"]), _date(I, rng, D_ANY))
    if I.place:
        born += rng.choice([", ", " – "]) + _place(I, rng, P_ANY)
    ins = None
    if I.ins:
        ins = "%s %s" % (rng.choice(["INS de la personne :", "INS qualifié :", "Matricule INS récupéré :"]), _ins(I, rng, I_ANY))
        if I.oid:
            ins += "  (%s)" % M.TEST_OID
    pill = rng.choice(["Identité qualifiée (INSi)", "IQ", "Identité vérifiée et qualifiée"]) if I.ins else \
        rng.choice(["Identité à valider", "Identité non encore vérifiée"])
    lead = doc.lead(size)
    doc.need(doc.lead(small) + doc.lead(big) + lead * 3 + 8)
    doc.mark("identity")
    doc.line(top_line, small, bold=True, gray=0.45)
    doc.line(name, big, bold=True)
    doc.line(born, size)
    if ins:
        psz = max(6, small - 0.5)
        pw = doc.sw(pill, psz, bold=True) + 18
        doc.y += lead * 0.8
        isz = _fit(doc, [ins], doc.right - doc.left, size)
        w = doc.text(doc.left, doc.y, ins, isz)
        doc.unmark()
        if doc.left + w + pw > doc.right:
            doc.y += lead * 0.2 + psz + 6
            w = -8
        _pill(doc, doc.left + w + 8, doc.y, pill, psz)
        doc.y += lead * 0.2
    else:
        doc.unmark()
        doc.y += lead * 0.8
        _pill(doc, doc.left, doc.y, pill, max(6, small - 0.5))
        doc.y += lead * 0.2
    doc.gap(size * 0.8)


def id_ins_decomposed(doc, I, rng):
    """The national number explained: a ruled row of seven cells with what each group means in
    small grey type above (sex, year, month, place, order, key); the person on two lines under it
    with labels before the values. Without a number, only the two lines."""
    size, small = _sz(I, 7.5, 10)
    x0 = doc.left
    lead = doc.lead(size)
    name = "%s : %s" % (rng.choice(["Titulaire du matricule", "Personne identifiée", "Bénéficiaire de l'INS"]), _name_pair(I, rng, "fam"))
    rest = ["%s %s" % (rng.choice([I.born() + " le", "naissance"]), _date(I, rng, D_ANY)), _sex(I, rng, ["w", "p"])]
    if I.place:
        rest.append(rng.choice(["lieu : ", "à "]) + _place(I, rng, P_ANY))
    second = ", ".join(rest)
    doc.need(lead * 5 + 20)
    doc.mark("identity")
    if I.ins:
        m = I.ins
        groups = [m[0], m[1:3], m[3:5], m[5:10], m[10:13], m[13:15]]
        caps = ["Sexe (1/2)", "Année naiss.", "Mois naiss.", rng.choice(["Lieu (COG)", "Dépt + commune"]), "N° d'ordre", "Clé de contrôle"]
        cw = [max(doc.sw(g, size + 1, bold=True), doc.sw(c, small)) + 12 for g, c in zip(groups, caps)]
        title = rng.choice(["Composition du matricule INS", "Matricule INS (NIR) – lecture"])
        doc.line(title, small, bold=True)
        top = doc.y + 1
        x = x0
        for g, c, w in zip(groups, caps, cw):
            doc.text(x + 3, top + small, c, small - 0.5, gray=0.45)
            doc.rect(x, top + small + 3, w, lead + 4, lw=0.5)
            doc.text(x + w / 2, top + small + 3 + lead, g, size + 1, bold=True, align="centre")
            x += w
        doc.y = top + small + lead + 10
        if I.oid:
            doc.line(_oid_txt(rng), small, gray=0.35)
    doc.line(name, size, bold=True)
    doc.line(second, size)
    doc.unmark()
    doc.gap(size * 0.6)


LAB_K = {"birth": ["Nom de naissance", "Nom porté à la naissance", "Nom (état civil)"],
         "used": ["Nom d'usage", "Nom porté aujourd'hui", "Nom utilisé au quotidien"],
         "firsts": ["Prénoms (tous)", "Prénoms (dans l'ordre)", "Prénom(s) de naissance complets"],
         "date": ["Date de naissance", "Naissance (date)"],
         "sex": ["Sexe", "Sexe (F/M)"],
         "place": ["Lieu de naissance (code)", "Commune ou pays d'origine"],
         "ins": ["Matricule INS", "N° INS attribué"],
         "oid": ["Racine OID"]}


def id_hanging_dash(doc, I, rng):
    """A list of the traits, each behind a small square bullet, the label in bold followed by an en
    dash and the value; long values run on a hanging indent; a caption line above in italics."""
    size, small = _sz(I, 8, 10.5)
    rows = _traits(I, rng, LAB_K)
    if rng.random() < 0.3:
        ins = [r for r in rows if r[0] in ("ins", "oid")]
        rows = ins + [r for r in rows if r not in ins]
    cap = rng.choice(["Identité de la personne soignée", "Traits d'identité retenus", "Identité enregistrée au dossier"])
    lead = doc.lead(size)
    doc.need(lead * (len(rows) + 2))
    x = doc.left + rng.choice([4, 10])
    doc.mark("identity")
    doc.line(cap, small + 0.5, italic=True, gray=0.3)
    for _, lab, val in rows:
        doc.y += lead * 0.8
        _fill(doc, x, doc.y - size * 0.55, 3.2, 3.2, 0.2)
        w = doc.text(x + 8, doc.y, lab + " – ", size, bold=True)
        if x + 8 + w + doc.sw(val, size) > doc.right:
            doc.y += lead
            doc.text(x + 20, doc.y, val, size)
        else:
            doc.text(x + 8 + w, doc.y, val, size)
        doc.y += lead * 0.2
    doc.unmark()
    doc.gap(size * 0.7)


def id_double_frame(doc, I, rng):
    """A double-ruled frame across the text, a small caption centred on the top line, the names
    large and centred, the other traits centred on one or two lines under them, parted by double
    slashes."""
    size, small = _sz(I, 8, 11)
    big = min(size + 2, 13.5)
    x0, width = doc.left, doc.right - doc.left
    name = "%s %s" % (I.civ(rng, rng.choice(["long", "upper", "short"])), _name_pair(I, rng))
    parts = ["%s le %s" % (I.born() if rng.random() < 0.5 else I.born().capitalize(), _date(I, rng, D_ANY))]
    if I.place:
        parts.append(_in_place(I, rng) if rng.random() < 0.5 else _place(I, rng, P_ANY))
    parts.append(_sex(I, rng, ["w", "p", "l"]))
    if I.ins:
        parts.append("INS " + _ins(I, rng, I_ANY))
        if I.oid:
            parts.append(_oid_txt(rng))
    sep = rng.choice(["  //  ", "  ~  ", "  ::  "])
    one = sep.join(parts)
    lines = [one] if doc.sw(one, size) < width - 30 else [sep.join(parts[:2]), sep.join(parts[2:])]
    lead = doc.lead(size)
    h = doc.lead(big) + lead * len(lines) + 16
    doc.need(h + 12)
    top = doc.y + 6
    _frame(doc, x0, top, width, h, lw=0.5)
    _frame(doc, x0 + 2.5, top + 2.5, width - 5, h - 5, lw=0.5)
    cap = rng.choice(["DOSSIER DE", "Document établi pour", "PERSONNE CONCERNÉE"])
    cw = doc.sw(cap, small, bold=True) + 10
    _fill(doc, (x0 + width / 2) - cw / 2, top - small / 2 - 1, cw, small + 2, 1.0)
    doc.text(x0 + width / 2, top + small * 0.35, cap, small, bold=True, align="centre")
    doc.mark("identity")
    y = top + 6 + doc.lead(big) * 0.8
    doc.text(x0 + width / 2, y, name, _fit(doc, [name], width - 20, big, bold=True), bold=True, align="centre")
    y += doc.lead(big) * 0.2
    for t in lines:
        y += lead * 0.8
        doc.text(x0 + width / 2, y, t, _fit(doc, [t], width - 20, size), align="centre")
        y += lead * 0.2
    doc.unmark()
    doc.y = top + h + size


def id_suite_header(doc, I, rng):
    """A 'Concerne' block of capital labels on a tab stop with the values after them; every later
    page opens on an italic line 'Suite – name, birth date' with the page number, over a short
    rule."""
    size, small = _sz(I, 8, 10.5)
    lab = {"birth": ["NOM DE NAISSANCE", "NOM (NAISSANCE)"], "used": ["NOM D'USAGE DÉCLARÉ", "NOM PORTÉ"],
           "firsts": ["PRÉNOMS (ÉTAT CIVIL)", "PRÉNOM(S) DÉCLARÉ(S)"], "date": ["DATE DE NAISS. (J/M/A)", "NÉ(E) LE"], "sex": ["SEXE (F/M)"],
           "place": ["LIEU DE NAISS. (COG)", "CODE LIEU NAISS."], "ins": ["MATRICULE INS", "INS / MATRICULE"], "oid": ["OID ASSOCIÉ"]}
    rows = _traits(I, rng, lab)
    lab_size = max(6, small)
    tab = doc.left + max(doc.sw(a, lab_size, bold=True) for _, a, _ in rows) + rng.choice([14, 22])
    lead = doc.lead(size)
    doc.need(lead * (len(rows) + 1.5))
    doc.mark("identity")
    doc.line(rng.choice(["Concerne le dossier de :", "Personne concernée par ce courrier :", "Au sujet de :"]), size, bold=True)
    for _, a, b in rows:
        doc.y += lead * 0.8
        doc.text(doc.left, doc.y, a, lab_size, bold=True, gray=0.35)
        doc.text(tab, doc.y, b, _fit(doc, [b], doc.right - tab, size))
        doc.y += lead * 0.2
    doc.unmark()
    doc.gap(size * 0.6)
    short = "%s %s (%s le %s)" % (I.used or I.birth, I.firsts[0], I.born(),
                              _nb(date_forms(I.iso)["num"]))
    word = rng.choice(["Suite", "Suite du courrier", "(suite de la page précédente)"])

    def later(d):
        t = "%s – %s – page %d" % (word, short, d.page)
        d.text(d.left, d.y - 2, t, max(6.5, small), italic=True, gray=0.25)
        _rule(d, d.left, d.left + 80, d.y + 3, 0.4, 0.4)
        d.y += 12

    doc.page_start.append(later)


def id_two_col_rule(doc, I, rng):
    """The traits as 'label : value' lines in two columns side by side, the first half on the
    left and the rest on the right, a hairline between them; a bold caption above both."""
    size, small = _sz(I, 7.5, 10)
    rows = _traits(I, rng, LAB_A if rng.random() < 0.5 else LAB_K)
    half = (len(rows) + 1) // 2
    cols = [rows[:half], rows[half:]]
    x0, width = doc.left, doc.right - doc.left
    colw = width / 2 - 10
    lead = doc.lead(size)
    doc.need(lead * (half + 2))
    doc.mark("identity")
    doc.line(rng.choice(["Identité administrative", "Identification de la personne", "Données d'identité"]), small + 1, bold=True)
    top = doc.y
    for k, col in enumerate(cols):
        x = x0 + k * (width / 2 + 10)
        y = top
        for _, a, b in col:
            y += lead * 0.8
            w = doc.text(x, y, a + " : ", _fit(doc, [a + " : "], colw * 0.55, size), gray=0.2)
            doc.text(x + w, y, b, _fit(doc, [b], colw - w, size, bold=True), bold=True)
            y += lead * 0.2
    doc.unmark()
    _vrule(doc, x0 + width / 2, top + 2, top + lead * half, 0.3, 0.4)
    doc.y = top + lead * half + 4
    doc.gap(size * 0.6)


def id_first_page_foot(doc, I, rng):
    """Nothing in the flow but a line saying where the identity stands; the identity itself in a
    ruled two-row table at the foot of the first page (small captions over the values), the text
    of that page stopping above it."""
    L = doc.letter
    size, small = _sz(I, 7, 9)
    cells = [(rng.choice(["Nom de naissance", "NOM À LA NAISSANCE"]), I.birth)]
    if I.used:
        cells.append((rng.choice(["Nom d'usage", "NOM EN USAGE"]), I.used))
    cells.append((rng.choice(["Prénoms (ordre civil)", "PRÉNOMS (TOUS)"]), _firsts(I, rng, ("all", "all", "first"))))
    cells.append((rng.choice(["Naiss. le", "NAISS. LE"]), _date(I, rng, D_NUM)))
    cells.append((rng.choice(["Sexe", "SEXE F/M"]), _sex(I, rng, ["l", "w"])))
    if I.place:
        cells.append((rng.choice(["Lieu (INSEE)", "LIEU DE NAISS."]), _place(I, rng, ["code", "paren", "bracket"])))
    if I.ins:
        cells.append((rng.choice(["INS", "MATRICULE INS"]), _ins(I, rng, ["plain", "groups", "slashkey", "hyph"])))
        if I.oid:
            cells.append(("OID du domaine", M.TEST_OID))
    x0, width = doc.left, doc.right - doc.left
    widths = [max(doc.sw(a, small - 1), doc.sw(b, size, bold=True)) + 10 for a, b in cells]
    rows, cur = [], []
    for c, w in zip(cells, widths):
        if cur and sum(x[1] for x in cur) + w > width:
            rows.append(cur)
            cur = []
        cur.append((c, w))
    rows.append(cur)
    rh = small + size + 9
    total = rh * len(rows)
    orig = doc.st.bottom
    top = orig - total - 4
    doc.line(rng.choice(["Identité du patient : voir le cartouche en bas de page.",
                         "(Identité complète en pied de première page.)"]), small, italic=True, gray=0.35)
    doc.mark("identity")
    y = top
    for r in rows:
        extra = (width - sum(w for _, w in r)) / len(r)
        x = x0
        for (a, b), w in r:
            w += extra
            doc.rect(x, y, w, rh, lw=0.4)
            doc.text(x + 4, y + small + 1, a, small - 1, gray=0.4)
            doc.text(x + 4, y + small + size + 4, b, _fit(doc, [b], w - 8, size, bold=True), bold=True)
            x += w
        y += rh
    doc.unmark()
    doc.st.bottom = top - 10

    def restore(d):
        d.st.bottom = orig
    doc.page_start.insert(0, restore)
    L.traps.append("identity-at-foot")
    doc.gap(size * 0.4)


def id_lab_request(doc, I, rng):
    """A medical laboratory's head in two columns: the request on the left (its number, sampling
    and receipt times, the prescriber with their RPPS), the person on the right behind short
    capital labels with values after a colon column; a thick rule under both."""
    L = doc.letter
    size, small = _sz(I, 7.5, 9.5)
    a = L.author
    req = "%02d%02d%05d" % (rng.randint(20, 26), rng.randint(1, 12), rng.randint(1, 99999))
    left = [("Demande n°", req), ("Prélèvement du", "%02d/11/2026 %02d:%02d" % (rng.randint(2, 22), rng.randint(6, 11), rng.randint(0, 59))),
            ("Enregistrée le", "%02d/11/2026 %02d:%02d" % (rng.randint(2, 22), rng.randint(8, 14), rng.randint(0, 59))),
            ("Médecin prescripteur", "%s %s" % (a.display().split()[0], a.family)),
            ("N° RPPS prescr.", a.rpps)]
    L.traps += ["request-number", "author-rpps-identity"]
    lab = {"birth": ["NOM NAIS.", "N. NAISS."], "used": ["NOM US.", "N. USAGE"], "firsts": ["PRÉNOMS", "PRÉN."],
           "date": ["DATE NAIS.", "D. NAISS."], "sex": ["SEXE F/M", "S. (F/M)"], "place": ["LIEU NAIS.", "COG NAIS."],
           "ins": ["INS NIR", "MATR. INS"], "oid": ["OID INS-NIR"]}
    right = [(b, c) for _, b, c in _traits(I, rng, lab, sexes=("l",), places=("code", "paren", "bracket"))]
    ipp = _ipp(I, rng, ["N° PATIENT", "IPP LABO"])
    if ipp:
        right.insert(0, ipp)
    x0, width = doc.left, doc.right - doc.left
    mid = x0 + width * rng.choice([0.4, 0.44])
    lead = doc.lead(size)
    n = max(len(left), len(right))
    doc.need(lead * n + 14)
    top = doc.y + 2
    lt = x0 + max(doc.sw(k, small) for k, _ in left) + 8
    y = top
    for k, v in left:
        y += lead * 0.8
        doc.text(x0, y, k, small, gray=0.4)
        doc.text(lt, y, v, _fit(doc, [v], mid - lt - 8, size))
        y += lead * 0.2
    rt = mid + max(doc.sw(k, small, bold=True) for k, _ in right) + 6
    y = top
    doc.mark("identity")
    for k, v in right:
        y += lead * 0.8
        doc.text(mid, y, k, small, bold=True)
        doc.text(rt - 4, y, ":", small)
        doc.text(rt + 2, y, v, _fit(doc, [v], doc.right - rt - 2, size))
        y += lead * 0.2
    doc.unmark()
    _vrule(doc, mid - 8, top + 2, top + lead * n, 0.3, 0.5)
    doc.y = top + lead * n + 4
    _rule(doc, x0, doc.right, doc.y, 1.4)
    doc.gap(size * 0.9)


IDENTITY_FAMILIES = {
    "q-id-a": (id_admin_quad, "flow"),
    "q-id-b": (id_register_prose, "flow"),
    "q-id-c": (id_psy_measure, "flow"),
    "q-id-d": (id_guardians_side, "flow"),
    "q-id-e": (id_crop_sticker, "top-right"),
    "q-id-f": (id_avatar_band, "band"),
    "q-id-g": (id_footer_qr, "footer"),
    "q-id-h": (id_body_prose, "body"),
    "q-id-i": (id_age_first, "flow"),
    "q-id-j": (id_ins_decomposed, "flow"),
    "q-id-k": (id_hanging_dash, "flow"),
    "q-id-l": (id_double_frame, "flow"),
    "q-id-m": (id_suite_header, "flow"),
    "q-id-n": (id_two_col_rule, "flow"),
    "q-id-o": (id_first_page_foot, "flow"),
    "q-id-p": (id_lab_request, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Professionals as these families print them

def _pname(p, rng, form):
    """(printed name, given form) of a professional."""
    sh = p.display().split()[0]
    lg = M.prof_name(p, rng, "docteur-given-family")[0].split()[0]
    g, fam = p.given, p.family
    civ = _civ_p(p)
    if form == "s-gf":
        return "%s %s %s" % (sh, g, fam), "full"
    if form == "l-gf":
        return "%s %s %s" % (lg, g, fam), "full"
    if form == "s-fg":
        return "%s %s %s" % (sh, fam, g), "full"
    if form == "civ-s":
        return "%s le %s %s %s" % (civ, sh, g, fam), "full"
    if form == "s-i":
        return "%s %s %s" % (sh, M.initials(g), fam), "initial"
    if form == "l-i":
        return "%s %s %s" % (lg, M.initials(g), fam), "initial"
    if form == "s-f":
        return "%s %s" % (sh, fam), "none"
    raise ValueError(form)


FULL = ["s-gf", "s-gf", "l-gf", "s-fg", "civ-s"]


def _job(p, rng, lower=False):
    t = p.profession[1] if p.spec is None else rng.choice(p.spec[2])
    return t[0].lower() + t[1:] if lower and not t.isupper() else t


def _site(p, rng):
    s = p.site
    return s if rng.random() < 0.5 else s.title().replace(" De ", " de ").replace(" D'", " d'").replace(" Du ", " du ")


def _top(doc, rng, choices=(142, 150, 158, 166)):
    return max(rng.choice(list(choices)), getattr(doc, "header_bottom", 0) + 8)


def _place_right(doc, items, x, limit, floor_x):
    """Moves a right block left when it is too wide, then shrinks what still does not fit."""
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    if x + widest > limit:
        x = max(floor_x, limit - widest)
    items = [(t, _fit(doc, [t], limit - x, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in items]
    return x, items


def _dear(p, rng):
    f = p.sex == "F"
    if p.title == "PR":
        return rng.choice(["Madame le Professeur et chère Collègue," if f else "Monsieur le Professeur et cher Collègue,",
                           "Très cher Maître," if not f else "Chère Consœur et Maître,"])
    return rng.choice(["Ma chère Collègue," if f else "Mon cher Collègue,", "Bien chère Consœur," if f else
                       "Bien cher Confrère,", "Madame et chère Collègue," if f else "Monsieur et cher Collègue,"])


# ---------------------------------------------------------------------------------------------
# Addressees

def ad_two_stacked(doc, L, rng):
    """Right window for two addressees sent the same letter: a small grey caption, the first
    block, a dashed hairline, the second block; each block the name, what they do, the street and
    the town. With no other colleague on the letter, one block only."""
    p = L.to
    others = [q for q in L.copies][:1]
    L.q_extra_to = others
    size = min(doc.size, 10)
    items = [(rng.choice(["Envoi conjoint à :", "Adressé conjointement à :"]) if others else
              rng.choice(["Pour envoi à :", "À adresser à :"]), max(6, size - 2), False, True, 0.4)]
    blocks = []
    for q in [p] + others:
        name, gf = _pname(q, rng, rng.choice(FULL + ["s-i"]))
        city = M.city_text(q, rng)
        L.mentions.add(q, "to", name, gf, city, q.postcode)
        b = [(name, size, True, False, 0), (_job(q, rng), size - 0.5, False, True, 0)]
        if q.salaried:
            b.append((_site(q, rng), size - 0.5, False, False, 0))
        b += [(q.street_line(), size, False, False, 0), ("%s %s" % (q.postcode, city), size, False, False, 0)]
        blocks.append(b)
    x, flat = _place_right(doc, items + [it for b in blocks for it in b], rng.choice([310, 322]), M.W - 36, M.W / 2 - 30)
    top = _top(doc, rng, (132, 140, 148))
    y = _stack(doc, x, top, flat[:1])
    k = 1
    for n, b in enumerate(blocks):
        if n:
            _rule(doc, x, M.W - 40, y + 3, 0.4, 0.5, dash=(2, 2))
            y += 6
        y = _stack(doc, x, y, flat[k:k + len(b)])
        k += len(b)
    if others:
        f = p.sex == "F" or others[0].sex == "F"
        L.salutation = rng.choice(["Chers Collègues et amis,", "Chère Consœur, cher Confrère et ami," if f else "Mes chers Confrères,"])
    return y + 4


def ad_results_to(doc, L, rng):
    """No window: under the letterhead on the left, a two-row ruled table with shaded caption
    cells: who asked for the examination, and where the answer goes."""
    p = L.to
    size = min(doc.size, 10)
    small = max(6.5, size - 1.5)
    name, gf = _pname(p, rng, rng.choice(FULL + ["s-i", "l-i"]))
    city = M.city_text(p, rng)
    r1 = "%s – %s" % (name, _job(p, rng, lower=True))
    r2 = "%s, %s %s" % (p.street_line(), p.postcode, city)
    if p.salaried and rng.random() < 0.6:
        r2 = "%s – %s" % (M.service_of(p.service), r2)
    caps = rng.choice([("Demandé par", "Réponse à"), ("Médecin à l'origine de la demande", "Résultats transmis à"),
                       ("Prescripteur de l'examen", "Adresse de réponse")])
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x0 = doc.left
    x1 = doc.right
    cw = max(doc.sw(c, small, bold=True) for c in caps) + 12
    rh = doc.lead(size) + 5
    top = max(getattr(doc, "header_bottom", 100) + 10, 116)
    for k, (c, v) in enumerate(zip(caps, (r1, r2))):
        y = top + k * rh
        _fill(doc, x0, y, cw, rh, 0.86)
        _frame(doc, x0, y, x1 - x0, rh, lw=0.4)
        doc.text(x0 + 5, y + rh - 5, c, small, bold=True)
        doc.text(x0 + cw + 6, y + rh - 5, v, _fit(doc, [v], x1 - x0 - cw - 12, size, bold=(k == 0)), bold=(k == 0))
    L.salutation = _dear(p, rng) if rng.random() < 0.7 else None
    return top + 2 * rh + 6


def ad_parents_or_personal(doc, L, rng):
    """A letter to the patient at home: a child's parents named together ('M. et Mme …')
    with the child's name in brackets under them; an adult under 'À l'attention personnelle de'."""
    I = L.ident
    f = I.sex == "F"
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    street, pc, city = L.patient["home"]
    given = I.firsts[0]
    fam = I.used or I.birth
    if L.patient["child"]:
        items = [(rng.choice(["Mme et M. %s" % I.birth, "Madame et Monsieur %s" % I.birth]), size, True, False, 0),
                 ("(%s de %s %s)" % (rng.choice(["parents", "représentants légaux"]), given, fam), size - 1, False, True, 0)]
        L.salutation = "Madame, Monsieur, chers parents,"
    else:
        civ = I.civ(rng, "long")
        items = [(rng.choice(["À l'attention personnelle de", "Strictement personnel –"]), size - 1.5, False, True, 0.3),
                 ("%s %s %s" % (civ, given, fam) if rng.random() < 0.5 else "%s %s %s" % (civ, fam, given), size, True, False, 0)]
        L.salutation = rng.choice(["%s," % civ, "Bien chère Madame," if f else "Bien cher Monsieur,"])
    items += [(street, size, False, False, 0), ("%s %s" % (pc, city if rng.random() < 0.6 else M.title_city(city)), size, False, False, 0)]
    L.addressed_to_patient = True
    x, items = _place_right(doc, items, rng.choice([312, 326]), M.W - 36, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_unit_location(doc, L, rng):
    """Right window locating the addressee inside their building: the unit's code and name (or the
    practice's floor and door) between the name and the street."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FULL))
    city = M.city_text(p, rng)
    items = [(name, size, True, False, 0)]
    if p.salaried:
        items.append(("Unité fonctionnelle %04d – %s" % (rng.randint(1000, 9999), p.service), size - 0.5, False, False, 0))
        items.append(("Bâtiment %s, %s" % (rng.choice("ABCDEFH"), rng.choice(["rez-de-chaussée", "premier étage", "deuxième étage", "niveau 3"])),
                      size - 1, False, True, 0))
        items.append((_site(p, rng), size - 0.5, False, False, 0))
    else:
        items.append((_job(p, rng), size - 0.5, False, True, 0))
        items.append((rng.choice(["Cabinet de groupe, premier étage", "Maison médicale, porte B", "Pôle santé, aile nord"]),
                      size - 1, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.traps.append("unit-code")
    x, items = _place_right(doc, items, rng.choice([308, 320, 332]), M.W - 36, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_specialty_caps_left(doc, L, rng):
    """Left window opening on the addressee's field in spaced capitals, then the name, the street,
    the town, and the practice phone last."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FULL + ["s-i"]))
    city = M.city_text(p, rng)
    field = (p.spec[3] if p.spec else p.profession[1]).upper()
    items = [(" ".join(field) if len(field) < 14 and rng.random() < 0.5 else field, size - 1.5, True, False, 0.35),
             (name, size, True, False, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0),
              ("Tél. cabinet : %s" % M.phone_text(p.phone, rng), size - 1, False, False, 0.3)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.traps.append("phone")
    x = rng.choice([58, 66, 74])
    items = [(t, _fit(doc, [t], M.W / 2 - 20 - x, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in items]
    return _stack(doc, x, _top(doc, rng, (146, 154, 162)), items) + 4


def ad_reply_to_request(doc, L, rng):
    """No window: a line after the date answers the colleague's request, naming them with what they
    do and their town, and the date of their letter."""
    p = L.to
    name, gf = _pname(p, rng, rng.choice(FULL + ["s-i", "s-f"]))
    city = M.city_text(p, rng)
    when = "%02d/%02d/2026" % (rng.randint(1, 20), rng.choice([10, 11]))
    where = city if rng.random() < 0.7 or gf != "full" or p.force_place else None
    tail = " (%s, %s)" % (_job(p, rng, lower=True), where) if where else " (%s)" % _job(p, rng, lower=True)
    text = rng.choice(["En réponse à la demande du %s%s du %s." % (_nb(name), tail, when),
                       "Réponse à votre courrier du %s – %s%s." % (when, _nb(name), tail),
                       "Suite à la demande d'avis du %s%s, datée du %s :" % (_nb(name), tail, when)])
    L.mentions.add(p, "to", name, gf, where, None)
    L.flow_addressee = text
    L.salutation = _dear(p, rng)
    return None


def ad_foot_box_right(doc, L, rng):
    """No window: at the foot of the first page on the right, a small grey-edged box under a
    caption names the addressee with what they do and their address; that page's text stops above."""
    p = L.to
    size = max(7, min(doc.size - 1, 9))
    name, gf = _pname(p, rng, rng.choice(FULL + ["s-i"]))
    city = M.city_text(p, rng)
    items = [(rng.choice(["Destinataire du présent courrier", "Lettre adressée au"]), size - 1.5, False, True, 0.35),
             (name, size, True, False, 0), (_job(p, rng), size - 0.5, False, False, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    room = 220
    items = [(t, _fit(doc, [t], room - 14, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in items]
    w = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items) + 14
    h = _stack_h(doc, items) + 8
    orig = doc.st.bottom
    x = M.W - 44 - w
    top = orig - h - 2
    _frame(doc, x, top, w, h, lw=0.8, gray=0.55)
    _stack(doc, x + 7, top + 3, items)
    doc.st.bottom = top - 10

    def restore(d):
        d.st.bottom = orig
    doc.page_start.insert(0, restore)
    L.salutation = _dear(p, rng)
    return None


def ad_personal_attention(doc, L, rng):
    """Right window opening on the practice or the hospital, then 'à l'attention personnelle du'
    on a line of its own and the name under it, then the street and the town."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(["l-gf", "s-gf", "s-fg", "l-i"]))
    city = M.city_text(p, rng)
    head = _site(p, rng) if p.salaried else rng.choice(["Cabinet de consultations", "Centre médical %s" % M.title_city(p.city),
                                                        "Cabinet de %s" % (p.spec[3].lower() if p.spec else "groupe")])
    lead_in = rng.choice(["à l'attention personnelle du", "pour remise en main propre au", "à remettre en mains propres au"])
    if name.startswith(_civ_p(p)):
        lead_in = lead_in[:-3] + " de"
    items = [(head, size, True, False, 0), (lead_in, size - 1, False, True, 0.3), (name, size, True, False, 0),
             (p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x, items = _place_right(doc, items, rng.choice([312, 326]), M.W - 36, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_sender_receiver(doc, L, rng):
    """No window: a two-cell ruled row under the letterhead, a shaded caption at the top of each
    cell: the sender (the author and their department) and the receiver (name, what they do, town)."""
    a, p = L.author, L.to
    size = min(doc.size, 9.5)
    small = max(6, size - 2)
    name, gf = _pname(p, rng, rng.choice(FULL + ["s-i"]))
    city = M.city_text(p, rng)
    left = [a.display(), M.service_of(a.service)]
    right = [name, _job(p, rng), "%s – %s %s" % (p.street_line(), p.postcode, city)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    caps = rng.choice([("ÉMETTEUR", "DESTINATAIRE PRINCIPAL"), ("Rédaction", "Adressé au"), ("De la part de", "À l'intention du destinataire")])
    x0 = doc.left
    x1 = doc.right
    half = (x1 - x0) * rng.choice([0.42, 0.46])
    ch = doc.lead(small) + 3
    lead = doc.lead(size)
    h = ch + lead * 3 + 6
    top = max(getattr(doc, "header_bottom", 100) + 10, 116)
    for k, (cx, cw, cap, lines) in enumerate(((x0, half, caps[0], left), (x0 + half, x1 - x0 - half, caps[1], right))):
        _fill(doc, cx, top, cw, ch, 0.84)
        _frame(doc, cx, top, cw, h, lw=0.5)
        doc.text(cx + 5, top + ch - 3.5, cap, small, bold=True)
        y = top + ch + 2
        for i, t in enumerate(lines):
            y += lead * 0.8
            doc.text(cx + 6, y, t, _fit(doc, [t], cw - 12, size, bold=(i == 0)), bold=(i == 0))
            y += lead * 0.2
    L.salutation = _dear(p, rng)
    return top + h + 6


def ad_initials_named_salute(doc, L, rng):
    """Right window with the given name as initials, the town with its postcode, then the secure
    mailbox when the addressee has one; the salutation greets them by the family name."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(["s-i", "s-i", "l-i"]))
    city = M.city_text(p, rng)
    items = [(name, size, True, False, 0), (_job(p, rng), size - 0.5, False, True, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size - 0.5, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    if p.mssante and rng.random() < 0.6:
        items.append(("MSSanté : %s" % p.mssante, size - 1.5, False, False, 0.35))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    f = p.sex == "F"
    word = M.prof_name(p, rng, "docteur-given-family")[0].split()[0]
    L.salutation = rng.choice([("Chère %s %s," if f else "Cher %s %s,") % (word, p.family),
                               "%s le %s %s," % (_civ_p(p), word, p.family)])
    x, items = _place_right(doc, items, rng.choice([314, 328]), M.W - 34, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_patient_and_gp(doc, L, rng):
    """Right window to the patient at home; under it, after a blank line, 'et' and the doctor who
    receives the letter with them (name, what they do, town): two addressees, one of them the
    patient."""
    I = L.ident
    p = L.to
    size = min(doc.size, 10.5)
    street, pc, city = L.patient["home"]
    fam = I.used or I.birth
    if L.patient["child"]:
        first = "Famille de %s %s" % (I.firsts[0], fam)
    else:
        first = "%s %s %s" % (I.civ(rng, "long"), I.firsts[0], fam)
    name, gf = _pname(p, rng, rng.choice(FULL + ["s-i"]))
    pcity = M.city_text(p, rng)
    items = [(first, size, True, False, 0), (street, size, False, False, 0), ("%s %s" % (pc, city), size, False, False, 0),
             ("", size * 0.6, False, False, 0), (rng.choice(["et", "ainsi qu'à", "et au médecin"]), size - 1.5, False, True, 0.35),
             (name, size, True, False, 0), ("%s – %s %s" % (_job(p, rng), p.postcode, pcity), size - 0.5, False, False, 0)]
    L.mentions.add(p, "to", name, gf, pcity, p.postcode)
    L.addressed_to_patient = True
    L.salutation = rng.choice(["Madame, Monsieur, chers parents," if L.patient["child"] else I.civ(rng, "long") + ",",
                               "%s, %s," % (I.civ(rng, "long"), "et vous, chère Consœur" if p.sex == "F" else "et vous, cher Confrère")])
    x, items = _place_right(doc, items, rng.choice([310, 324]), M.W - 36, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng, (136, 144, 152)), items) + 4


# (draw, window: "right" | "left" | "none" | "flow", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "q-ad-a": (ad_two_stacked, "right", True),
    "q-ad-b": (ad_results_to, "flow", True),
    "q-ad-c": (ad_parents_or_personal, "right", False),
    "q-ad-d": (ad_unit_location, "right", True),
    "q-ad-e": (ad_specialty_caps_left, "left", True),
    "q-ad-f": (ad_reply_to_request, "flow", True),
    "q-ad-g": (ad_foot_box_right, "none", True),
    "q-ad-h": (ad_personal_attention, "right", True),
    "q-ad-i": (ad_sender_receiver, "flow", True),
    "q-ad-j": (ad_initials_named_salute, "right", True),
    "q-ad-k": (ad_patient_and_gp, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies

def _cc(L):
    """The colleagues in copy (those an addressee family has not already made addressees)."""
    taken = getattr(L, "q_extra_to", [])
    return [p for p in L.copies if p not in taken]


def _copy(L, p, rng, forms, p_place=0.75):
    """Records a copy; returns (name, what they do, town or None)."""
    name, gf = _pname(p, rng, rng.choice(forms))
    city = None
    if p.force_place or gf != "full" or rng.random() < p_place:
        city = M.city_text(p, rng, upper=rng.random() < 0.5)
    L.mentions.add(p, "cc", name, gf, city, None)
    return name, _job(p, rng, lower=True), city


def _patient_copy(L, rng):
    I = L.ident
    return rng.choice(["%s %s (exemplaire patient)" % (I.civ(rng, "short"), I.used or I.birth),
                       "l'intéressé%s en personne" % _e(I), "le patient directement" if I.sex == "M" else "la patiente directement"])


_CHANNELS = ["MSSanté (BAL nominative)", "MSSanté (BAL nominative)", "Voie postale simple", "Messagerie de Mon espace santé", "Remise en mains propres", "Fax sécurisé"]


def cp_channel_table(doc, L, rng):
    """After the signature, a ruled table of who receives the letter: the name, the channel, the
    date it went; a shaded head row; the addressee on the first row when there is one."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    rows = []
    if L.to is not None and rng.random() < 0.6:
        name, gf = _pname(L.to, rng, rng.choice(FULL))
        city = M.city_text(L.to, rng) if rng.random() < 0.5 else None
        L.mentions.add(L.to, "to", name, gf, city, None)
        rows.append((name + (" (%s)" % city if city else ""), rng.choice(["Exemplaire original", "Destinataire de l'original"]), rng.choice(_CHANNELS[:3])))
    for p in _cc(L):
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"])
        rows.append((name + (" (%s)" % city if city else ""), "Exemplaire en copie", rng.choice(_CHANNELS)))
    if L.copy_patient:
        rows.append((_patient_copy(L, rng), "Exemplaire en copie", rng.choice(_CHANNELS[3:5])))
    if not rows:
        return
    day = "%02d/11/2026" % rng.randint(2, 23)
    head = rng.choice([("Reçoit le document", "Titre de l'envoi", "Canal d'envoi (%s)" % day),
                       ("Envoyé à", "Nature de l'envoi", "Voie – envoi du %s" % day)])
    body = rows
    avail = doc.right - doc.left
    widths = [max(doc.sw(r[i], size, bold=(r is head)) for r in body + [head]) + 12 for i in range(3)]
    if sum(widths) > avail:  # the names keep their room; the other two columns are set smaller
        widths[1] = min(widths[1], avail * 0.22)
        widths[2] = min(widths[2], avail * 0.26)
        widths[0] = avail - widths[1] - widths[2]
    rh = doc.lead(size) + 3
    doc.need(rh * (len(body) + 1) + 12)
    doc.gap(size * 0.6)
    top = doc.y
    for j, r in enumerate([head] + body):
        x = doc.left
        for i, cell in enumerate(r):
            doc.rect(x, top + j * rh, widths[i], rh, lw=0.4, fill=0.88 if j == 0 else None)
            doc.text(x + 4, top + j * rh + rh - 4, cell, _fit(doc, [cell], widths[i] - 8, size, bold=(j == 0), floor=3.5),
                     bold=(j == 0))
            x += widths[i]
    doc.y = top + rh * (len(body) + 1) + 6


def cp_part_chez(doc, L, rng):
    """One sentence after the signature: a copy of the letter also goes to each colleague, 'chez le
    Dr …' with the town in brackets; the patient's own copy at the end."""
    size = max(7.5, doc.size - rng.choice([0, 0.5, 1]))
    names = []
    for p in _cc(L):
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"], 0.8)
        t = "chez le " + _nb(name)
        if city:
            t += " (%s)" % city
        names.append(t)
    if L.copy_patient:
        names.append("chez %s" % _patient_copy(L, rng))
    if not names:
        return
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]
    s = rng.choice(["Un exemplaire de cette lettre part également %s." % who,
                    "Un double de ce compte rendu est envoyé %s." % who,
                    "Je fais parvenir un exemplaire de ce courrier %s." % who])
    doc.gap(size * 0.5)
    doc.para(s, size, keep=True)


def cp_bracket_tags(doc, L, rng):
    """One line per receiver, each opening on a bracketed tag: '[Original]' for the addressee,
    '[Copie]' for the others, then the name, what they do and the town after dashes."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    lines = []
    if L.to is not None and rng.random() < 0.7:
        name, gf = _pname(L.to, rng, rng.choice(FULL))
        city = M.city_text(L.to, rng)
        L.mentions.add(L.to, "to", name, gf, city, None)
        lines.append("[Original]  %s – %s" % (_nb(name), city))
    tag = rng.choice(["[Copie]", "[Cc]", "[Double]"])
    for p in _cc(L):
        name, job, city = _copy(L, p, rng, FULL + ["s-i"], 0.8)
        lines.append("%s  %s – %s%s" % (tag, _nb(name), job, (" – " + city) if city else ""))
    if L.copy_patient:
        lines.append("%s  %s" % (tag, _patient_copy(L, rng)))
    if not lines:
        return
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.gap(size * 0.6)
    for t in lines:
        doc.para(t, size, x=doc.left + rng.choice([0, 6]), after=0)
    doc.gap(size * 0.4)


def cp_dmp_line(doc, L, rng):
    """A small grey paragraph under a short rule at the end: the document filed in the shared
    medical record, then 'copies transmises' and the colleagues with their towns, parted by long
    dashes."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    parts = []
    for p in _cc(L):
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"], 0.8)
        parts.append(_nb(name) + (" (%s)" % city if city else ""))
    if L.copy_patient:
        parts.append(_patient_copy(L, rng))
    head = rng.choice(["Document versé au DMP (Mon espace santé).", "Déposé dans le dossier médical partagé le %02d/11/2026." %
                       rng.randint(2, 23), "Alimentation DMP : effectuée."])
    if not parts:
        return
    s = head + " " + rng.choice(["Copies envoyées :", "Également destinataires :", "Transmis aussi à :"]) + " " + " — ".join(parts) + "."
    doc.gap(size * 0.6)
    _rule(doc, doc.left, doc.left + 50, doc.y, 0.5, 0.4)
    doc.gap(2)
    doc.para(s, size, keep=True)


def cp_no_copy_variant(doc, L, rng):
    """No colleague in copy, said as this software says it; the patient's copy when there is one."""
    size = max(7, doc.size - 1)
    I = L.ident
    if L.copy_patient:
        t = rng.choice(["Exemplaire remis en main propre à %s %s." % (I.civ(rng, "short"), I.used or I.birth),
                        "Un exemplaire a été remis à l'intéressé%s à l'issue de la consultation." % _e(I)])
    else:
        t = rng.choice(["Sans copie.", "Copie : aucune (exemplaire unique versé au dossier).",
                        "Pas d'autre destinataire que celui indiqué en tête."])
    doc.gap(size * 0.5)
    doc.para(t, size, italic=rng.random() < 0.5)


def cp_top_grid(doc, L, rng):
    """Under the date, before the title: a small caption, then the copies in a grid of two cells a
    row without rules, the name in bold and the town in grey after it."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    cells = []
    for p in _cc(L):
        name, job, city = _copy(L, p, rng, FULL + ["s-i"], 0.85)
        cells.append((name, city or job))
    if L.copy_patient:
        cells.append((_patient_copy(L, rng), ""))
    if not cells:
        return
    lead = doc.lead(size)
    half = (doc.right - doc.left) / 2
    doc.need(lead * ((len(cells) + 1) // 2 + 2))
    doc.line(rng.choice(["Copie(s) pour information", "Copie pour info", "Informé(s) en copie"]), size - 0.5, italic=True, gray=0.35)
    for r in range(0, len(cells), 2):
        doc.y += lead * 0.8
        for k, (a, b) in enumerate(cells[r:r + 2]):
            x = doc.left + k * half
            w = doc.text(x + 6, doc.y, a, _fit(doc, [a], half - 60, size, bold=True), bold=True)
            if b:
                doc.text(x + 6 + w + 5, doc.y, b, _fit(doc, [b], half - w - 16, size), gray=0.4)
        doc.y += lead * 0.2
    doc.gap(size * 0.5)


def cp_role_table(doc, L, rng):
    """After the signature, a two-column ruled table with no head: what the colleague is for this
    patient in italics on the left (the regular doctor, or their field), the name and town on the
    right."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    rows = []
    for p in _cc(L):
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"], 0.85)
        gp = p.spec is not None and p.spec[0] == M.GP
        role = rng.choice(["Médecin traitant de la personne", "Généraliste référent"]) if gp else (job[0].upper() + job[1:])
        rows.append(("%s en copie" % role if rng.random() < 0.3 else role, name + (", " + city if city else "")))
    if L.copy_patient:
        rows.append(("Personne soignée (copie)", _patient_copy(L, rng)))
    if not rows:
        return
    lead = doc.lead(size) + 3
    lw = max(doc.sw(a, size, italic=True) for a, _ in rows) + 12
    rw = max(doc.sw(b, size) for _, b in rows) + 12
    rw = min(rw, doc.right - doc.left - lw)
    doc.need(lead * (len(rows) + 1) + 10)
    doc.gap(size * 0.6)
    top = doc.y
    for j, (a, b) in enumerate(rows):
        y = top + j * lead
        doc.rect(doc.left, y, lw, lead, lw=0.4)
        doc.rect(doc.left + lw, y, rw, lead, lw=0.4)
        doc.text(doc.left + 5, y + lead - 4, a, size, italic=True, gray=0.3)
        doc.text(doc.left + lw + 5, y + lead - 4, b, _fit(doc, [b], rw - 10, size))
    doc.y = top + lead * len(rows) + 6


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "q-cc-a": (cp_channel_table, True, "end"),
    "q-cc-b": (cp_part_chez, True, "end"),
    "q-cc-c": (cp_bracket_tags, True, "end"),
    "q-cc-d": (cp_dmp_line, True, "end"),
    "q-cc-e": (cp_no_copy_variant, False, "end"),
    "q-cc-f": (cp_top_grid, True, "top"),
    "q-cc-g": (cp_role_table, True, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions of this set: in the gap between the letterhead and the text on the left,
# under the signature's lines, and high in the right margin of the footer zone.

DM_POSITIONS = ["q-head-gap", "q-head-gap", "q-under-signer", "q-under-signer", "q-foot-mid",
                "q-foot-mid"]


def dm_candidates(d, pos, s, W, H):
    if pos == "q-head-gap":
        if d.page != 1:
            return []
        y0 = int(getattr(d, "header_bottom", 0) or 0) + 4
        return [(x, y) for y in range(y0, y0 + 90, 6) for x in (40, 60, 90, 130, 170)]
    if pos == "q-under-signer":
        sig = getattr(d.letter, "sig", None)
        if not sig or sig[0] != d.page:
            return []
        _, y, x = sig
        return [(xx, y + k * 8) for k in range(4, 16) for xx in (x, x + 40, x + 90)]
    if pos == "q-foot-mid":
        return [(W * f - s / 2, H - 40 - s - k * 6) for k in range(10) for f in (0.62, 0.5, 0.38)]
    return []
