"""Tuning layout families, fourteenth set (see make_letters.py).

These were the held-out families of session 40 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families use the helpers of make_letters.py, bound at import time through use().
"""

import datetime

M = None  # the make_letters module


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Fonts: the running faces of this set, cuts whose regular face no tuning set types a letter in.

_DV = "/usr/share/fonts/truetype/dejavu/"
_LB = "/usr/share/fonts/truetype/liberation2/"
_FF = "/usr/share/fonts/truetype/freefont/"


def fonts(register):
    """The fonts of this set, registered through make_letters.py; a face whose files are missing
    is simply not offered."""
    out = []
    for key, files in (("nCondensedHeavySlant", (_DV + "DejaVuSansCondensed-BoldOblique.ttf",
                                                     _DV + "DejaVuSansCondensed-BoldOblique.ttf",
                                                     _DV + "DejaVuSansCondensed-Bold.ttf")),
                       ("nDejaVuMonoSlant", (_DV + "DejaVuSansMono-Oblique.ttf", _DV + "DejaVuSansMono-Bold.ttf",
                                                _DV + "DejaVuSansMono.ttf")),
                       ("nDejaVuMonoHeavy", (_DV + "DejaVuSansMono-Bold.ttf", _DV + "DejaVuSansMono-Bold.ttf",
                                                _DV + "DejaVuSansMono-BoldOblique.ttf")),
                       ("nFreeMonoHeavy", (_FF + "FreeMonoBold.ttf", _FF + "FreeMonoBold.ttf",
                                              _FF + "FreeMonoBoldOblique.ttf")),
                       ("nFreeMonoSlant", (_FF + "FreeMonoOblique.ttf", _FF + "FreeMonoBold.ttf",
                                              _FF + "FreeMono.ttf")),
                       ("nLiberationMonoSlant", (_LB + "LiberationMono-Italic.ttf", _LB + "LiberationMono-Bold.ttf",
                                                    _LB + "LiberationMono-Regular.ttf")),
                       ("nLiberationMonoHeavySlant", (_LB + "LiberationMono-BoldItalic.ttf",
                                                         _LB + "LiberationMono-BoldItalic.ttf",
                                                         _LB + "LiberationMono-Bold.ttf"))):
        if register(key, *files):
            out.append(key)
    for key, faces in (("nNimbusMonoHeavy", ("NimbusMonoPS-Bold", "NimbusMonoPS-Bold", "NimbusMonoPS-BoldItalic")),
                       ("nNimbusMonoSlant", ("NimbusMonoPS-Italic", "NimbusMonoPS-Bold", "NimbusMonoPS-Regular"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    return out


# ---------------------------------------------------------------------------------------------
# Traits as these families print them

_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_MONTHS_SHORT = ["jan", "fév", "mar", "avr", "mai", "juin", "juil", "aoû", "sep", "oct", "nov", "déc"]
_AU_PAYS = ("Maroc", "Sénégal", "Portugal", "Cameroun", "Viêt Nam", "Royaume-Uni")


def _nb(s):
    return s.replace(" ", M.NBSP)


def _bdate(I, rng, styles):
    """The birth date in one of the given styles (always with the four-figure year but in
    'yy', kept for adults born in the twentieth century)."""
    y, m, d = I.iso.split("-")
    style = rng.choice(styles)
    if style == "yy" and not (1935 <= int(y) <= 1999 and not I.child):
        style = "slash"
    day = "1er" if d == "01" else str(int(d))
    if style == "dot":
        s = "%s.%s.%s" % (d, m, y)
    elif style == "dash":
        s = "%s-%s-%s" % (d, m, y)
    elif style == "space":
        s = "%s %s %s" % (d, m, y)
    elif style == "iso":
        s = "%s-%s-%s" % (y, m, d)
    elif style == "yy":
        s = "%s/%s/%s" % (d, m, y[2:])
    elif style == "words":
        s = "%s %s %s" % (day, M.MONTHS[int(m) - 1], y)
    elif style == "caps":
        s = "%s %s %s" % (day, M.insi(M.MONTHS[int(m) - 1]), y)
    elif style == "weekday":
        wd = _WEEKDAYS[datetime.date(int(y), int(m), int(d)).weekday()]
        s = "%s %s %s %s" % (wd, day, M.MONTHS[int(m) - 1], y)
    elif style == "short-month":
        s = "%s-%s-%s" % (d, _MONTHS_SHORT[int(m) - 1], y)
    else:  # slash
        s = "%s/%s/%s" % (d, m, y)
    return _nb(s)


DATE_ALL = ["slash", "slash", "slash", "dot", "dash", "space", "words", "caps", "weekday", "short-month", "iso", "yy"]
DATE_NUM = ["slash", "slash", "dot", "dash", "space"]


def _ins(I, rng, styles):
    """The INS matricule: run together, in the groups of its reading, with its key set apart in
    several ways."""
    m = I.ins
    groups = [m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]
    key = m[13:]
    style = rng.choice(styles)
    if style == "grouped":
        s = " ".join(groups + [key])
    elif style == "slash-key":
        s = "%s / %s" % (" ".join(groups), key)
    elif style == "paren-key":
        s = "%s (clé : %s)" % (m[:13], key)
    elif style == "dashes":
        s = "-".join(groups + [key])
    elif style == "dots-key":
        s = "%s – clé : %s" % (".".join(groups), key)
    elif style == "colon-key":
        s = "%s : %s" % (m[:13], key)
    else:  # plain
        s = m
    return _nb(s)


INS_ALL = ["plain", "plain", "grouped", "grouped", "slash-key", "paren-key", "dashes", "dots-key", "colon-key"]


def _sex(I, rng, styles):
    f = I.sex == "F"
    return {"letter": "F" if f else "M", "word": "Féminin" if f else "Masculin",
            "lower": "féminin" if f else "masculin", "person": "Femme" if f else "Homme",
            "letter-word": "F – féminin" if f else "M – masculin",
            "caps": "FÉMININ" if f else "MASCULIN"}[rng.choice(styles)]


SEX_ALL = ["letter", "letter", "word", "lower", "person", "letter-word", "caps"]


def _place(I, rng, styles):
    """The birth place, its code always printed."""
    code, name = I.place, I.place_name
    style = rng.choice(styles)
    if I.abroad:
        return rng.choice(["%s (%s)" % (name, code), "%s (pays %s)" % (name, code), "%s – %s" % (code, name)])
    if style == "code-first":
        return "%s %s" % (code, name)
    if style == "code-paren":
        return "%s (%s)" % (code, name)
    if style == "caps":
        return "%s (%s)" % (M.insi(name), code)
    if style == "code-only":
        return code
    if style == "comma":
        return "%s, %s" % (name, code)
    return "%s (%s)" % (name, code)


PLACE_ALL = ["paren", "paren", "code-first", "code-paren", "caps", "code-only", "comma"]


def _at(I, rng, styles=PLACE_ALL):
    """'à Brest (29019)', 'au Maroc (99350)', 'en Italie (99127)'."""
    if I.abroad:
        return ("au " if I.place_name in _AU_PAYS else "en ") + "%s (%s)" % (I.place_name, I.place)
    return "à " + _place(I, rng, styles)


def _cap1(s):
    return s[:1].upper() + s[1:]


def _firsts(I, rng, styles=("all", "all", "all-comma", "first")):
    return I.first_names(rng, rng.choice(list(styles)))


def _family(I, rng, conv=None):
    """The family names: the birth name alone, or tied to the name in use by a word that tells
    which is which."""
    if not I.used:
        return I.birth
    f = I.sex == "F"
    conv = conv or rng.choice(["nee", "epouse", "divorcee", "usage"])
    if conv == "divorcee" and not f:
        conv = "epouse"
    if conv == "nee":
        return "%s %s %s" % (I.used, I.born(), I.birth)
    if conv == "epouse":
        return "%s %s %s" % (I.birth, "épouse" if f else "époux", I.used)
    if conv == "divorcee":
        return "%s divorcée %s" % (I.birth, I.used)
    return "%s, usage %s" % (I.birth, I.used)


def _person(I, rng, given=None, order=None, conv=None, civ=None):
    given = given if given is not None else _firsts(I, rng, ("first", "all", "all"))
    fam = _family(I, rng, conv)
    order = order or rng.choice(["family", "family", "given"])
    name = "%s %s" % (fam, given) if order == "family" and "," not in fam else "%s %s" % (given, fam)
    return ("%s %s" % (civ, name)) if civ else name


def _age(I):
    n = M.age_on(I.iso)
    y, m, d = (int(v) for v in I.iso.split("-"))
    months = ((M.TODAY[0] - y) * 12 + M.TODAY[1] - m - (M.TODAY[2] < d)) % 12
    if I.child and months:
        return "%d ans %d mois" % (n, months)
    return "%d ans" % n


def _oid_text(rng):
    return rng.choice(["OID " + M.TEST_OID, "urn:oid:" + M.TEST_OID, "autorité " + M.TEST_OID])


def _day(rng, lo=2, hi=22, month=11):
    return "%02d/%02d/2026" % (rng.randint(lo, hi), month)


def _clock(rng, lo=7, hi=19):
    return "%02d h %02d" % (rng.randint(lo, hi), rng.randint(0, 59))


def _phone(rng, prefix=None):
    prefix = prefix or rng.choice(["06", "07"]) + " %02d" % rng.randint(10, 99)
    return "%s %02d %02d %02d" % (prefix, rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99))


def _other_person(rng, sex=None, family=None):
    """Someone who is neither the patient nor a professional of the directory."""
    g = sex or rng.choice("FM")
    return ("Mme" if g == "F" else "M."), rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M), \
        (family or M.pick_surname(rng))


def _other_doctor(rng):
    g = rng.choice("FM")
    return "Dr %s %s" % (rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M), M.pick_surname(rng))


# ---------------------------------------------------------------------------------------------
# Drawing helpers: frames and fills record their edges only, so that the inside stays free.


def _fit(doc, texts, width, size, bold=False, italic=False, floor=5.5):
    while size > floor and max([doc.sw(t, size, bold=bold, italic=italic) for t in texts] or [0]) > width:
        size -= 0.25
    return size


def _box(doc, x, top, w, h, lw=0.6, gray=0.0, dash=None, radius=0, fill=None):
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
    for b in ((x, top - lw, x + w, top + lw), (x, top + h - lw, x + w, top + h + lw),
              (x - lw, top, x + lw, top + h), (x + w - lw, top, x + w + lw, top + h)):
        doc.add_box(b)


def _shade(doc, x, top, w, h, gray, record=True):
    c = doc.c
    c.saveState()
    c.setFillGray(gray)
    c.rect(x, M.H - top - h, w, h, stroke=0, fill=1)
    c.restoreState()
    if record:
        doc.add_box((x, top, x + w, top + h))


def _hr(doc, x0, x1, y, lw=0.5, gray=0.0, dash=None):
    c = doc.c
    c.saveState()
    c.setLineWidth(lw)
    c.setStrokeGray(gray)
    if dash:
        c.setDash(*dash)
    c.line(x0, M.H - y, x1, M.H - y)
    c.restoreState()
    doc.add_box((x0, y - lw, x1, y + lw))


def _vr(doc, x, y0, y1, lw=0.5, gray=0.0, dash=None):
    c = doc.c
    c.saveState()
    c.setLineWidth(lw)
    c.setStrokeGray(gray)
    if dash:
        c.setDash(*dash)
    c.line(x, M.H - y0, x, M.H - y1)
    c.restoreState()
    doc.add_box((x - lw, y0, x + lw, y1))


def _tickbox(doc, x, base, size, ticked):
    b = size * 0.75
    c = doc.c
    c.saveState()
    c.setLineWidth(0.5)
    c.rect(x, M.H - base, b, b, stroke=1, fill=0)
    if ticked:
        c.setLineWidth(0.9)
        c.line(x + 1.3, M.H - base + b * 0.5, x + b * 0.42, M.H - base + 1.2)
        c.line(x + b * 0.42, M.H - base + 1.2, x + b - 0.8, M.H - base + b - 0.6)
    c.restoreState()
    doc.add_box((x, base - b, x + b, base))
    return b


def _incell(doc, x, top, w, h, text, size, bold=False, italic=False, gray=0.0, align="left", pad=4, floor=4.5):
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


def _lines_at(doc, x, top, items, lead_k=1.0):
    """Draws (text, size, bold, italic, gray) lines from `top`; returns the y under the last."""
    y = top
    for t, sz, b, i, g in items:
        lead = doc.lead(sz) * lead_k
        y += lead * 0.8
        if t:
            doc.text(x, y, t, sz, bold=b, italic=i, gray=g)
        y += lead * 0.2
    return y


def _wrapped(doc, items, width):
    """Wraps (text, size, bold, italic, gray) items to `width`."""
    out = []
    for t, sz, b, i, g in items:
        if not t:
            out.append((t, sz, b, i, g))
            continue
        for part in doc.wrap(t, width, sz, bold=b, italic=i):
            out.append((part, sz, b, i, g))
    return out


def _height(doc, items, lead_k=1.0):
    return sum(doc.lead(sz) * lead_k for _, sz, _, _, _ in items)


# ---------------------------------------------------------------------------------------------
# Room kept for the DataMatrix by some blocks (see DM_POSITIONS).


def _dm_room(doc, pos):
    """(width, height) to keep for the code when the letter places it at `pos`, else (0, 0)."""
    L = doc.letter
    if not (L.dm and L.dm_pos == pos) or doc.page != 1:
        return 0, 0
    s = L.dm_mm * 72 / 25.4
    m = max(5, s / 9) + 2.5
    return s + 2 * m + 2, s + (9 if L.dm_caption else 0) + 2 * m


def _dm_keep(doc, pos, x, top):
    """Records that the code of `pos` goes in the room whose top left corner is (x, top)."""
    L = doc.letter
    s = L.dm_mm * 72 / 25.4
    m = max(5, s / 9) + 2.5
    doc.__dict__.setdefault("n_rooms", {})[pos] = (doc.page, x + m + 1, top + m)


def _id_done(doc, x1=None):
    """After a flow identity block: room for the code right under it, at its right end."""
    w, h = _dm_room(doc, "n-id-under")
    if not w:
        return
    x1 = doc.right if x1 is None else x1
    doc.need(h + 4)
    _dm_keep(doc, "n-id-under", x1 - w, doc.y)
    doc.y += h


# ---------------------------------------------------------------------------------------------
# Identity


def _sizes(I, lo=7.5, hi=10):
    size = max(lo, min(I.size, hi))
    return size, max(5.5, size - 2)


def id_follow_grid(doc, I, rng):
    """The head of a follow-up record: three ruled cells under shaded captions (the person, the
    birth, what is being followed: the pregnancy, the growth, or the last visit), then one row
    across the width for the national identifier."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    f = I.sex == "F"
    cell1 = [("Nom de naissance", I.birth)]
    if I.used:
        cell1.append((rng.choice(["Nom utilisé", "Nom d'usage"]), I.used))
    cell1.append((rng.choice(["Prénoms", "Prénom(s)"]), _firsts(I, rng, ("all", "all", "all-comma"))))
    cell1.append(("Sexe", _sex(I, rng, ["letter", "word", "letter-word"])))
    cell2 = [("Le", _bdate(I, rng, DATE_ALL)), ("Âge", _age(I))]
    if I.place:
        cell2.append(("À", _place(I, rng, PLACE_ALL)))
    age = M.age_on(I.iso)
    if f and not I.child and 17 <= age <= 46:
        head3 = rng.choice(["Grossesse en cours", "Suivi de grossesse"])
        sa = rng.randint(9, 39)
        ddr = datetime.date(*M.TODAY) - datetime.timedelta(days=sa * 7 + rng.randint(0, 6))
        dpa = ddr + datetime.timedelta(days=287)
        cell3 = [("G / P", "G%d P%d" % (rng.randint(1, 4), rng.randint(0, 2))),
                 ("DDR", ddr.strftime("%d/%m/%Y")), ("Terme", "%d SA %d j" % (sa, rng.randint(0, 6))),
                 ("DPA", dpa.strftime("%d/%m/%Y"))]
        L.traps += ["pregnancy-dates"]
    elif I.child:
        head3 = rng.choice(["Croissance", "Courbes"])
        cell3 = [("Poids", ("%.1f kg" % rng.uniform(12, 60)).replace(".", ",")),
                 ("Taille", "%d cm" % rng.randint(85, 175)), ("PC", "%d cm" % rng.randint(47, 56)),
                 ("Mesuré le", _day(rng))]
        L.traps += ["growth-measures"]
    else:
        head3 = rng.choice(["Dernière visite", "Suivi"])
        cell3 = [("Visite du", _day(rng)), ("Poids", "%d kg" % rng.randint(48, 110)),
                 ("Taille", ("%.2f m" % rng.uniform(1.5, 1.92)).replace(".", ",")),
                 ("TA", "%d/%d" % (rng.randint(105, 160), rng.randint(60, 95)))]
        L.traps += ["visit-measures"]
    heads = [rng.choice(["Personne suivie", "PERSONNE SUIVIE"]), rng.choice(["Naissance", "NAISSANCE"]), head3]
    ws = [width * 0.42, width * 0.30, width * 0.28]
    cells = [cell1, cell2, cell3]
    lead = doc.lead(size)
    hh = small * 2
    rows_h = max(len(c) for c in cells) * lead + 8
    ins_h = lead + 8
    doc.need(hh + rows_h + ins_h + 10)
    top = doc.y
    x = x0
    doc.mark("identity")
    for k, (w, hd, cell) in enumerate(zip(ws, heads, cells)):
        _shade(doc, x, top, w, hh, 0.87)
        _box(doc, x, top, w, hh + rows_h, lw=0.5)
        _incell(doc, x, top, w, hh, hd, small + 0.5, bold=True)
        lw = max(doc.sw(lb, small, italic=True) for lb, _ in cell) + 6
        y = top + hh + 4
        for lb, v in cell:
            y += lead * 0.8
            doc.text(x + 4, y, lb, small, italic=True, gray=0.35)
            doc.text(x + 4 + lw, y, v, _fit(doc, [v], w - lw - 10, size, bold=(k == 0), floor=5), bold=(k == 0))
            y += lead * 0.2
        x += w
    y = top + hh + rows_h
    _box(doc, x0, y, width, ins_h, lw=0.5)
    if I.ins:
        t = "%s : %s" % (rng.choice(["Matricule INS", "INS"]), _ins(I, rng, INS_ALL))
        if I.oid:
            t += "   " + _oid_text(rng)
        if rng.random() < 0.5:
            t += "   (identité qualifiée)"
    else:
        t = rng.choice(["INS : non récupéré (identité provisoire)", "INS : identité non qualifiée"])
    _incell(doc, x0, y, width, ins_h, t, size, bold=rng.random() < 0.5)
    doc.unmark()
    doc.y = y + ins_h + 4
    _id_done(doc)
    doc.gap(size * 0.6)


_VACCINES = [("Infanrix hexa", "DTCaP-Hib-HepB"), ("Prevenar 20", "pneumocoque"), ("Priorix", "ROR"),
             ("Boostrix Tetra", "dTcaP"), ("Gardasil 9", "HPV"), ("Nimenrix", "méningocoque ACWY"),
             ("Comirnaty", "Covid-19"), ("Efluelda", "grippe"), ("Shingrix", "zona"), ("Revaxis", "dTP"),
             ("Bexsero", "méningocoque B"), ("Abrysvo", "VRS")]


def id_vaccination(doc, I, rng):
    """A record of vaccinations put in the letter: the vaccinated person on two lines (names in
    bold, then the birth, the sex, the place and the identifier run on), then a ruled table of
    the injections with their date, product, batch and who gave them."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 10)
    x0, width = doc.left, doc.right - doc.left
    f = I.sex == "F"
    cap = rng.choice(["Relevé des vaccinations", "RELEVÉ DES VACCINATIONS", "Historique vaccinal"])
    who = rng.choice(["Personne vaccinée : ", "Vacciné%s : " % ("e" if f else "")])
    l1 = who + _person(I, rng, order=rng.choice(["family", "given"]), civ=I.civ(rng, rng.choice(["short", "long"])))
    bits = ["%s le %s" % (I.born(), _bdate(I, rng, DATE_ALL))]
    if I.place:
        bits[-1] += " " + _at(I, rng)
    bits.append("sexe " + _sex(I, rng, ["letter", "lower"]))
    if I.ins:
        bits.append(rng.choice(["INS ", "matricule INS "]) + _ins(I, rng, INS_ALL))
        if I.oid:
            bits.append(_oid_text(rng))
    l2 = rng.choice([" ; ", ", ", " – "]).join(bits)
    rows = []
    year = int(I.iso[:4])
    for prod, kind in rng.sample(_VACCINES, rng.randint(2, 4)):
        vy = rng.randint(max(year + 1, 2012), 2026)
        rows.append(("%02d/%02d/%d" % (rng.randint(1, 28), rng.randint(1, 12), vy), "%s (%s)" % (prod, kind),
                     "%s%04d%s" % (rng.choice(["AB", "X", "T", "HK"]), rng.randint(0, 9999), rng.choice(["", "A", "B"])),
                     rng.choice(["1re dose", "2e dose", "rappel", "dose unique"]),
                     rng.choice(["IDE du service", "Dr %s" % M.pick_surname(rng), "pharmacie", "sage-femme"])))
    rows.sort(key=lambda r: (r[0][6:], r[0][3:5], r[0][:2]))
    L.traps += ["vaccine-batches", "vaccination-dates"]
    heads = ("Date", "Vaccin", "Lot", "Injection", "Par")
    ws = [max(doc.sw(r[i], small) for r in rows + [heads]) + 10 for i in range(5)]
    k = min(1.0, width / sum(ws))
    ws = [w * k for w in ws]
    ws[1] += width - sum(ws)
    rh = doc.lead(small) + 4
    lead = doc.lead(size)
    p1 = doc.wrap(l1, width, size, bold=True)
    p2 = doc.wrap(l2, width, size)
    doc.need(doc.lead(small) + lead * (len(p1) + len(p2)) + rh * (len(rows) + 1) + 12)
    doc.line(cap, small + 0.5, bold=True, gray=0.3)
    doc.mark("identity")
    for t in p1:
        doc.line(t, size, bold=True)
    for t in p2:
        doc.line(t, size)
    doc.unmark()
    y = doc.y + 4
    _shade(doc, x0, y, width, rh, 0.9)
    for r in [heads] + rows:
        x = x0
        for v, w in zip(r, ws):
            _box(doc, x, y, w, rh, lw=0.4)
            _incell(doc, x, y, w, rh, v, small, bold=(r is heads))
            x += w
        y += rh
    doc.y = y + 2
    _id_done(doc)
    doc.gap(size)


def id_decision_vu(doc, I, rng):
    """An extract of an admission decision copied at the head of the letter: the 'Vu …' clauses
    (the law, the request of a relative with their own birth date and address, the medical
    certificates), then the article naming the person admitted, in full, in one sentence."""
    L = doc.letter
    size = doc.size
    small = max(6.5, size - 1)
    f = I.sex == "F"
    e = "e" if f else ""
    rel_sex = rng.choice("FM")
    rel = _other_person(rng, rel_sex, family=(I.used or I.birth) if rng.random() < 0.6 else None)
    ry = rng.randint(1940, 1995) if not I.child else rng.randint(1970, 1992)
    rel_birth = "%02d/%02d/%d" % (rng.randint(1, 28), rng.randint(1, 12), ry)
    street, pc, city = L.patient["home"]
    if I.child:
        link = "mère" if rel_sex == "F" else "père"
    else:
        link = rng.choice(["sœur" if rel_sex == "F" else "frère", "fille" if rel_sex == "F" else "fils",
                           "épouse" if rel_sex == "F" else "époux", "amie proche" if rel_sex == "F" else "ami proche"])
    vu = ["Vu le code de la santé publique, et notamment ses articles L. 3211-1 et suivants ;",
          "Vu la demande d'admission présentée le %s par %s %s %s, %s le %s, demeurant %s, %s %s, "
          "en sa qualité %s ;" % (_day(rng, 2, 18), rel[0], rel[1], rel[2],
                                  "née" if rel_sex == "F" else "né", rel_birth, street, pc,
                                  M.title_city(city), M.de(link)),
          "Vu les certificats médicaux établis les %s et %s ;" % (_day(rng, 2, 10), _day(rng, 11, 20))]
    L.traps += ["third-party-birth", "third-party-address"]
    civ = I.civ(rng, rng.choice(["long", "upper"]))
    name = "%s %s" % (civ, _person(I, rng, order=rng.choice(["given", "family"]), conv=rng.choice(["nee", "epouse",
                                                                                                     "divorcee"])))
    tail = ", %s le %s" % (I.born(), _bdate(I, rng, ["words", "weekday", "slash", "caps"]))
    if I.place:
        tail += " " + _at(I, rng)
    tail += ", sexe %s" % _sex(I, rng, ["lower", "lower", "letter"])
    if I.ins:
        tail += ", immatriculé%s sous le matricule INS %s" % (e, _ins(I, rng, INS_ALL))
        if I.oid:
            tail += " (%s)" % _oid_text(rng)
    art = rng.choice(["Article 1er – ", "ARTICLE 1 : ", "Art. 1er. – "])
    end = ", est admis%s en soins psychiatriques à compter du %s." % (e, _day(rng, 12, 22))
    doc.need(doc.lead(small) * 6 + doc.lead(size) * 4)
    doc.line(rng.choice(["Extrait de la décision d'admission", "DÉCISION D'ADMISSION (extrait)"]), small, bold=True)
    for t in vu:
        doc.para(t, small, x=doc.left + 10, after=1)
    doc.line(rng.choice(["DÉCIDE", "Décide :"]), small, bold=True, align="centre")
    doc.mark("identity")
    lines = doc.wrap(art + name + tail + end, doc.right - doc.left, size)
    for t in lines:
        doc.line(t, size)
    doc.unmark()
    L.traps.append("admission-decision")
    _id_done(doc)
    doc.gap(size * 0.6)


def id_transport(doc, I, rng):
    """A medical transport order: a framed block whose left part names the person carried (their
    traits a line each, labels in small type), the right part the kind of transport as ticked
    boxes; the journey on a line under both."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    f = I.sex == "F"
    rows = [(rng.choice(["Personne transportée", "Patient%s transporté%s" % ("e" if f else "", "e" if f else "")]),
             _person(I, rng, given=_firsts(I, rng, ("all", "first")), order="family",
                     conv=rng.choice(["nee", "epouse", "usage"]), civ=I.civ(rng, "short")))]
    rows.append(("Née le" if f else "Né le", _bdate(I, rng, DATE_NUM + ["words"])))
    rows.append(("Sexe", _sex(I, rng, SEX_ALL)))
    if I.place:
        rows.append(("Lieu de naissance", _place(I, rng, PLACE_ALL)))
    if I.ins:
        rows.append(("INS", _ins(I, rng, INS_ALL)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    modes = ["Ambulance", "VSL", "Taxi conventionné", "Transport en commun"]
    pick = rng.choice([0, 1, 1, 2])
    pos = ["allongée", "assise", "semi-assise"]
    ppick = 0 if pick == 0 else rng.choice([1, 2])
    lead = doc.lead(size)
    lw = max(doc.sw(lb, small) for lb, _ in rows) + 8
    split = width * 0.66
    h = max(len(rows), len(modes) + 2) * lead + 12
    street, pc, city = L.patient["home"]
    trip = "Trajet : domicile (%s, %s %s) > %s, %s" % (street, pc, M.title_city(city), L.hospital["short"],
                                                    M.title_city(L.hospital["city"][2]))
    L.traps += ["patient-home", "transport-mode"]
    doc.need(small * 2 + h + lead * 2 + 10)
    doc.line(rng.choice(["PRESCRIPTION MÉDICALE DE TRANSPORT", "Prescription de transport"]), small + 1, bold=True)
    top = doc.y + 2
    _box(doc, x0, top, width, h, lw=0.7)
    _vr(doc, x0 + split, top, top + h, 0.4)
    doc.mark("identity")
    y = top + 4
    for lb, v in rows:
        y += lead * 0.8
        doc.text(x0 + 5, y, lb, small, gray=0.35)
        doc.text(x0 + 5 + lw, y, v, _fit(doc, [v], split - lw - 12, size, bold=True, floor=5), bold=True)
        y += lead * 0.2
    doc.unmark()
    y = top + 4
    xx = x0 + split + 6
    y += lead * 0.8
    doc.text(xx, y, "Mode :", small, bold=True)
    y += lead * 0.2
    for k, mo in enumerate(modes):
        y += lead * 0.8
        b = _tickbox(doc, xx, y, small, k == pick)
        doc.text(xx + b + 4, y, mo, _fit(doc, [mo], width - split - b - 16, small, floor=4.5))
        y += lead * 0.2
    y += lead * 0.8
    t = "Position : " + pos[ppick]
    doc.text(xx, y, t, _fit(doc, [t], width - split - 12, small, floor=4.5), italic=True)
    doc.y = top + h
    doc.para(trip, small, after=0)
    _id_done(doc)
    doc.gap(size * 0.6)


def id_stay_attestation(doc, I, rng):
    """An attestation of stay as the admissions office prints it: a sentence that points to the
    table under it, then a ruled table of two columns where the identity and the stay (dates,
    stay number, unit) follow one another, then the end of the sentence."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 10)
    x0, width = doc.left, doc.right - doc.left
    f = I.sex == "F"
    e = "e" if f else ""
    rows = [("Nom de naissance", I.birth)]
    if I.used:
        rows.append((rng.choice(["Nom utilisé", "Nom d'usage"]), I.used))
    rows.append(("Prénom(s)", _firsts(I, rng, ("all", "all-comma"))))
    rows.append(("Date de naissance", _bdate(I, rng, DATE_ALL)))
    if I.place:
        rows.append(("Lieu de naissance", _place(I, rng, PLACE_ALL)))
    rows.append(("Sexe", _sex(I, rng, SEX_ALL)))
    if I.ins:
        rows.append(("Matricule INS", _ins(I, rng, INS_ALL)))
        if I.oid:
            rows.append(("OID de l'autorité", M.TEST_OID))
    n_id = len(rows)
    entry = rng.randint(2, 15)
    rows.append(("Entrée", "%02d/11/2026 à %s" % (entry, _clock(rng))))
    rows.append(("Sortie", rng.choice(["%02d/11/2026" % rng.randint(entry + 1, 22), "toujours présent" + e])))
    if I.nda:
        rows.append(("Numéro de séjour", I.nda))
        I.uses.add("nda")
    rows.append(("Unité", M.service_of(L.author.service)))
    L.traps += ["stay-dates"]
    head = rng.choice(["BULLETIN DE SITUATION", "ATTESTATION DE PRÉSENCE"])
    office = "Le secrétariat" if L.hospital["kind"] in ("CABINET", "MSP", "CDS") else "Le bureau des admissions"
    s1 = "%s (%s) atteste que la personne désignée ci-dessous" % (office, L.hospital["short"])
    s2 = "a séjourné ou séjourne dans l'établissement aux dates indiquées."
    lw = max(doc.sw(lb, small, bold=True) for lb, _ in rows) + 14
    rh = doc.lead(size) + 3
    doc.need(size * 3 + doc.lead(small) * 3 + rh * len(rows) + 10)
    doc.line(head, size + 1, bold=True, align="centre")
    doc.para(s1, small, after=2)
    top = doc.y
    y = top
    for k, (lb, v) in enumerate(rows):
        if k == 0:
            doc.mark("identity")
        if k == n_id:
            doc.unmark()
        _box(doc, x0, y, lw, rh, lw=0.4)
        _box(doc, x0 + lw, y, width - lw, rh, lw=0.4)
        _incell(doc, x0, y, lw, rh, lb, small, bold=True)
        _incell(doc, x0 + lw, y, width - lw, rh, v, size, bold=(k == 0))
        y += rh
    doc.unmark()
    doc.y = y + 2
    doc.para(s2, small, after=0)
    _id_done(doc)
    doc.gap(size * 0.6)


def id_genetics(doc, I, rng):
    """The head of a genetics consultation: the index case in a framed block (the traits a line
    each, their place in the pedigree), then the relatives sampled for the family study in a
    small table (link, names, year of birth, result)."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    gen = rng.choice(["II", "III"])
    rank = rng.randint(1, 6)
    items = [(rng.choice(["Cas index", "CAS INDEX", "Proposant"]) + " (%s-%d)" % (gen, rank), small, True, False, 0.3)]
    items.append((_person(I, rng, order=rng.choice(["family", "given"]),
                          conv=rng.choice(["nee", "epouse", "usage"])), size + 0.5, True, False, 0))
    items.append(("%s le %s%s" % (I.born().capitalize(), _bdate(I, rng, DATE_ALL),
                                  (" " + _at(I, rng)) if I.place else ""), size, False, False, 0))
    items.append(("Sexe : " + _sex(I, rng, SEX_ALL), size, False, False, 0))
    if I.ins:
        t = "N° INS : " + _ins(I, rng, INS_ALL)
        if I.oid:
            t += " – " + _oid_text(rng)
        items.append((t, size, False, False, 0))
    fam = I.birth
    rel = []
    born = int(I.iso[:4])
    kin = [("Sœur", "F"), ("Frère", "M"), ("Tante paternelle", "F"), ("Oncle maternel", "M")]
    if born >= 1962:  # parents still alive to be sampled
        kin += [("Mère", "F"), ("Père", "M")]
    if born <= 1992:
        kin += [("Fils", "M"), ("Fille", "F")]
    for link, sex in rng.sample(kin, rng.randint(2, 4)):
        g = rng.choice(M.GIVEN_F if sex == "F" else M.GIVEN_M)
        fam_r = fam if link not in ("Mère", "Oncle maternel") else M.pick_surname(rng)
        y = int(I.iso[:4]) + {"Mère": -rng.randint(20, 38), "Père": -rng.randint(22, 42),
                              "Fils": rng.randint(18, 35), "Fille": rng.randint(18, 35)}.get(link, rng.randint(-12, 12))
        if y > 2025:
            continue
        rel.append((link, "%s %s" % (fam_r, g), str(y), rng.choice(["porteur", "non porteur", "en cours"])))
    L.traps += ["relatives", "pedigree-codes"]
    heads = ("Lien", "Apparenté", "Né(e) en", "Résultat")
    ws = [max(doc.sw(r[i], small) for r in rel + [heads]) + 12 for i in range(4)]
    bw = width * rng.choice([0.6, 0.66, 0.72])
    items = [(t, _fit(doc, [t], bw - 14, sz, bold=b, floor=5), b, i, g) for t, sz, b, i, g in items]
    h = _height(doc, items) + 10
    rh = doc.lead(small) + 4
    doc.need(h + rh * (len(rel) + 2) + 16)
    top = doc.y
    _box(doc, x0, top, bw, h, lw=0.9, radius=4)
    doc.mark("identity")
    _lines_at(doc, x0 + 7, top + 4, items)
    doc.unmark()
    y = top + h + 6
    if rel:
        doc.text(x0, y + small, rng.choice(["Apparentés prélevés", "Étude familiale"]), small, bold=True)
        y += small + 4
        x = x0
        for v, w in zip(heads, ws):
            _hr(doc, x, x + w - 4, y + rh, 0.6)
            _incell(doc, x, y, w, rh, v, small, bold=True)
            x += w
        y += rh
        for r in rel:
            x = x0
            for v, w in zip(r, ws):
                _incell(doc, x, y, w, rh, v, small)
                x += w
            y += rh
    doc.y = y + 2
    _id_done(doc)
    doc.gap(size * 0.6)


def id_refraction(doc, I, rng):
    """A prescription of glasses: the wearer on a first line, the rest of the identity on a
    second, then the correction of each eye in a small ruled table and the pupillary distance."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 10)
    x0 = doc.left
    l1 = rng.choice(["Porteur : ", "Porteur des verres : "]) + _person(
        I, rng, order=rng.choice(["family", "given"]), civ=I.civ(rng, rng.choice(["short", "long"])))
    bits = ["%s le %s (%s)" % (I.born(), _bdate(I, rng, DATE_ALL), _age(I))]
    if I.place:
        bits.append(_at(I, rng))
    bits.append("sexe : " + _sex(I, rng, ["letter", "lower"]))
    if I.ins:
        bits.append("INS : " + _ins(I, rng, INS_ALL) + ((" " + _oid_text(rng)) if I.oid else ""))
    l2 = rng.choice([" – ", ", ", " ; "]).join(bits)

    def corr():
        sph = rng.choice([-1, 1]) * rng.randint(0, 24) * 0.25
        cyl = -rng.randint(0, 10) * 0.25
        return ("%+.2f" % sph).replace(".", ","), ("%.2f" % cyl).replace(".", ","), "%d°" % rng.randrange(0, 180, 5)
    add = ("+%.2f" % (rng.randint(4, 12) * 0.25)).replace(".", ",") if M.age_on(I.iso) > 44 else "–"
    rows = [("OD",) + corr() + (add,), ("OG",) + corr() + (add,)]
    heads = ("Œil", "Sphère", "Cylindre", "Axe", "Addition")
    L.traps += ["refraction"]
    width = min(doc.right - x0, 330)
    ws = [width / 5] * 5
    rh = doc.lead(small) + 4
    lead = doc.lead(size)
    p1 = doc.wrap(l1, doc.right - x0, size, bold=True)
    p2 = doc.wrap(l2, doc.right - x0, size)
    doc.need(lead * (len(p1) + len(p2)) + rh * 3 + lead * 2 + 8)
    doc.mark("identity")
    for t in p1:
        doc.line(t, size, bold=True)
    for t in p2:
        doc.line(t, size)
    doc.unmark()
    y = doc.y + 4
    for r in [heads] + rows:
        x = x0
        for v, w in zip(r, ws):
            _box(doc, x, y, w, rh, lw=0.4)
            _incell(doc, x, y, w, rh, v, small, bold=(r is heads or v in ("OD", "OG")), align="centre")
            x += w
        y += rh
    doc.y = y
    doc.line("Écart pupillaire : %d mm – verres %s" % (rng.randint(56, 70), rng.choice(
        ["progressifs", "unifocaux de loin", "de près"])), small, italic=True)
    _id_done(doc)
    doc.gap(size * 0.6)


def id_zones_band(doc, I, rng):
    """At the top of every page, three zones side by side without a frame, separated by
    hairlines and closed by a thick rule: the names, the birth, the national identifier with the
    sex; two short lines each."""
    W = M.W
    size = rng.choice([7, 7.5, 8])
    given = _firsts(I, rng, ("all", "first", "all"))
    z1 = [(I.birth + ((" (" + rng.choice(["usage ", "nom utilisé "]) + I.used + ")") if I.used else ""), True),
          (given, False)]
    z2 = [("%s %s" % (rng.choice(["Naissance :", "Né(e) le"]), _bdate(I, rng, DATE_NUM + ["words", "short-month"])),
           False),
          ((_cap1(_at(I, rng)) if I.place else "Lieu de naissance non renseigné"), False)]
    z3 = []
    if I.ins:
        z3.append(("INS " + _ins(I, rng, ["plain", "grouped", "slash-key"]), True))
    z3.append(("Sexe : %s" % _sex(I, rng, ["letter", "word"]) + (("   " + _oid_text(rng)) if I.ins and I.oid else ""),
               False))
    zones = [z1, z2, z3]
    x0, x1 = 30, W - 30
    ws = [0.3, 0.3, 0.4]
    lead = size * 1.3
    top = 14
    h = lead * 2 + 6
    fitted = []
    for z, k in zip(zones, ws):
        wz = (x1 - x0) * k - 10
        fitted.append([(t, _fit(doc, [t], wz, size, bold=b, floor=5), b) for t, b in z])

    def band(d):
        if d.page == 1:
            d.mark("identity")
        x = x0
        for z, k in zip(fitted, ws):
            wz = (x1 - x0) * k
            y = top + 2
            for t, sz, b in z:
                y += lead * 0.8
                d.text(x + 5, y, t, sz, bold=b)
                y += lead * 0.2
            if x > x0:
                _vr(d, x, top + 2, top + h - 2, 0.4, 0.4)
            x += wz
        d.unmark()
        _hr(d, x0, x1, top + h + 1, 1.2)
        if d.page == 1 and not d.__dict__.get("n_band_room"):
            d.__dict__["n_band_room"] = True
            w_, h_ = _dm_room(d, "n-id-under")
            if w_:
                _dm_keep(d, "n-id-under", x1 - w_, top + h + 3)
    band(doc)
    doc.page_start.append(band)
    doc.letter.traps.append("page-band")


def id_foot_strip(doc, I, rng):
    """At the foot of every page, over the page footer: a thin rounded frame holding the person
    on two lines (the names and the sex, then the birth and the identifier), a small caption in
    the frame's top edge."""
    H = M.H
    size = rng.choice([6.5, 7, 7.5])
    civ = I.civ(rng, rng.choice(["short", "long"]))
    l1 = "%s %s – %s" % (civ, _person(I, rng, order=rng.choice(["family", "given"]),
                                      conv=rng.choice(["nee", "epouse", "usage"])),
                         _sex(I, rng, ["word", "person", "letter-word"]))
    bits = ["%s le %s" % (I.born(), _bdate(I, rng, DATE_ALL))]
    if I.place:
        bits[-1] += " " + _at(I, rng)
    if I.ins:
        bits.append("INS " + _ins(I, rng, INS_ALL) + ((" (" + _oid_text(rng) + ")") if I.oid else ""))
    l2 = " – ".join(bits)
    cap = "Personne concernée par ce document"
    state = {}

    def foot(d):
        x0 = d.left if d.left < 100 else 45
        x1 = d.right
        if "sz" not in state:
            state["sz"] = _fit(d, [l1, l2], x1 - x0 - 16, size, floor=5)
        sz = state["sz"]
        lead = sz * 1.3
        top = H - 106
        hh = lead * 2 + 8
        _box(d, x0, top, x1 - x0, hh, lw=0.4, gray=0.3, radius=3)
        cw = d.sw(cap, sz - 1, italic=True) + 8
        _shade(d, x0 + 10, top - 2, cw, 4, 1.0, record=False)
        d.text(x0 + 14, top + 1.5, cap, sz - 1, italic=True, gray=0.35)
        if d.page == 1:
            d.mark("identity")
        d.text(x0 + 8, top + 4 + lead * 0.9, l1, sz, bold=True)
        d.text(x0 + 8, top + 4 + lead * 1.9, l2, sz)
        d.unmark()

    doc.page_end.insert(0, foot)
    doc.letter.traps.append("foot-identity")


_ARRIVALS = ["amené%s par les sapeurs-pompiers", "adressé%s par son médecin traitant", "venu%s par ses propres moyens",
             "amené%s par le SMUR", "accompagné%s par sa famille"]


def id_er_narrative(doc, I, rng, reason):
    """The body opens on the arrival at the emergency department: the person with their age,
    birth and sex in the first sentence with the day and time they came; a second sentence tells
    which document the identity was checked on, and gives the national identifier."""
    L = doc.letter
    size = doc.size
    f = I.sex == "F"
    e = "e" if f else ""
    civ = I.civ(rng, rng.choice(["long", "short"]))
    name = "%s %s" % (civ, _person(I, rng, order=rng.choice(["given", "family"]),
                                   conv=rng.choice(["nee", "epouse", "divorcee"])))
    born = "%s le %s" % (I.born(), _bdate(I, rng, DATE_ALL))
    if I.place:
        born += " " + _at(I, rng)
    how = rng.choice(_ARRIVALS) % e
    s1 = "%s, %s, %s, de sexe %s, %s le %s à %s %s." % (
        name, _age(I), born, _sex(I, rng, ["lower"]), how, _day(rng, 2, 21), _clock(rng, 0, 23), reason)
    doc_kind = rng.choice(["carte nationale d'identité", "passeport", "titre de séjour", "carte Vitale et pièce "
                           "d'identité", "livret de famille" if I.child else "permis de conduire"])
    if I.ins:
        s2 = "Identité contrôlée à l'accueil sur %s ; matricule INS %s%s." % (
            doc_kind, _ins(I, rng, INS_ALL), (" (%s)" % _oid_text(rng)) if I.oid else "")
    else:
        s2 = "Identité contrôlée à l'accueil sur %s ; INS non obtenu à ce jour." % doc_kind
    L.traps += ["arrival-time"]
    doc.mark("identity")
    doc.para(s1, size, keep=True)
    doc.para(s2, size, keep=True)
    doc.unmark()
    _id_done(doc)


def id_corner_grid(doc, I, rng):
    """Opposite the letterhead: the name in a shaded strip, then a grid of two cells a row, each
    value under a tiny caption (born on, sex, born in, national identifier)."""
    W = M.W
    L = doc.letter
    size = max(7.5, min(I.size - 0.5, 9))
    tiny = max(5.5, size - 2.5)
    civ = I.civ(rng, rng.choice(["short", "upper"]))
    name = "%s %s" % (civ, _person(I, rng, order="family", conv=rng.choice(["nee", "epouse", "divorcee"])))
    cells = [("né(e) le", _bdate(I, rng, DATE_NUM + ["words"])), ("sexe", _sex(I, rng, ["letter", "word"]))]
    if I.place:
        cells.append(("lieu de naissance", _place(I, rng, PLACE_ALL)))
    if I.ins:
        cells.append(("matricule INS", _ins(I, rng, INS_ALL)))
        if I.oid:
            cells.append(("OID", M.TEST_OID))
    x1 = W - rng.choice([30, 36, 42])
    x0 = max(W / 2 + 10, x1 - rng.choice([220, 235, 250]))
    y = rng.choice([36, 44, 52])
    # Beside the letterhead, or under it where it reaches too far to the right.
    head = [b for b in doc.boxes[doc.page] if b[1] < 160 and b[2] > x0 - 8]
    if head:
        reach = max(b[2] for b in head)
        if x1 - (reach + 12) >= 170:
            x0 = reach + 12
        else:
            y = max(y, max(b[3] for b in head) + 8)
    width = x1 - x0
    ns = _fit(doc, [name], width - 10, size + 0.5, bold=True, floor=5.5)
    sh = ns * 1.9
    doc.mark("identity")
    _shade(doc, x0, y, width, sh, 0.88)
    doc.text(x0 + 5, y + sh * 0.68, name, ns, bold=True)
    y += sh + 2
    cw = width / 2
    rowh = tiny + size * 1.35 + 4
    for k in range(0, len(cells), 2):
        pair = cells[k:k + 2]
        if len(pair) == 1 or any(doc.sw(v, size) > cw - 8 for _, v in pair):
            for lb, v in pair:
                doc.text(x0 + 3, y + tiny, lb, tiny, italic=True, gray=0.4)
                doc.text(x0 + 3, y + tiny + size * 1.2, v, _fit(doc, [v], width - 8, size, floor=5))
                y += rowh
        else:
            for j, (lb, v) in enumerate(pair):
                doc.text(x0 + 3 + j * cw, y + tiny, lb, tiny, italic=True, gray=0.4)
                doc.text(x0 + 3 + j * cw, y + tiny + size * 1.2, v, size)
            y += rowh
        _hr(doc, x0, x1, y - 2, 0.3, 0.5)
    doc.unmark()
    L.traps.append("top-right-grid")
    return y + 2


def _recall_later(doc, I, rng):
    """On later pages, a short italic recall of whom the document is about, over the text."""
    text = "%s %s – %s le %s" % (rng.choice(["Suite –", "(suite)"]), I.used or I.birth, I.born(),
                                  _bdate(I, rng, ["slash"]))
    first = doc.page

    def recall(d):
        if d.page == first:
            return
        x = d.left if d.left < 100 else 45
        d.text(x, 72, text, 6.5, italic=True, gray=0.35)
    doc.page_start.append(recall)


_PROTOCOLS = ["FOLFOX 4", "FOLFIRI", "Carboplatine-Paclitaxel", "AC 60", "Gemcitabine", "R-CHOP 21", "Docétaxel",
              "XELOX"]


def id_chemo_sheet(doc, I, rng):
    """The head of a chemotherapy prescription: the protocol and cycle on a shaded line, the
    person on the left in label and value lines, the measures the doses are computed on in a
    framed column on the right (weight, height, body surface, clearance); later pages recall the
    name."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    cyc = rng.randint(1, 8)
    head = "Protocole %s – cycle %d/%d – J1 le %s" % (rng.choice(_PROTOCOLS), cyc, cyc + rng.randint(0, 6),
                                                      _day(rng, 12, 26))
    rows = [("Nom de naissance", I.birth)]
    if I.used:
        rows.append(("Nom utilisé", I.used))
    rows.append(("Prénoms", _firsts(I, rng, ("all", "all-comma", "all"))))
    rows.append(("Date de naissance", _bdate(I, rng, DATE_ALL) + "  (%s)" % _age(I)))
    rows.append(("Sexe", _sex(I, rng, SEX_ALL)))
    if I.place:
        rows.append(("Lieu de naissance", _place(I, rng, PLACE_ALL)))
    if I.ins:
        rows.append(("INS", _ins(I, rng, INS_ALL)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    kg = rng.uniform(45, 105)
    cm = rng.randint(150, 192)
    bsa = ((kg * cm) / 3600) ** 0.5
    meas = [("Poids", ("%.1f kg" % kg).replace(".", ",")), ("Taille", "%d cm" % cm),
            ("SC", ("%.2f m²" % bsa).replace(".", ",")), ("Clairance", "%d mL/min" % rng.randint(45, 120))]
    L.traps += ["chemo-cycle", "body-measures"]
    lead = doc.lead(size)
    mw = width * 0.3
    lw = max(doc.sw(lb, small) for lb, _ in rows) + 10
    hh = small * 2
    h = max(len(rows), len(meas)) * lead + 8
    doc.need(hh + h + 12)
    top = doc.y
    _shade(doc, x0, top, width, hh, 0.85)
    doc.text(x0 + 5, top + hh * 0.68, head, _fit(doc, [head], width - 10, small + 0.5, bold=True, floor=5), bold=True)
    y = top + hh + 4
    doc.mark("identity")
    for lb, v in rows:
        y += lead * 0.8
        doc.text(x0 + 2, y, lb, small, gray=0.3)
        doc.text(x0 + 2 + lw, y, v, _fit(doc, [v], width - mw - lw - 14, size, floor=5))
        y += lead * 0.2
    doc.unmark()
    mx = x0 + width - mw
    _box(doc, mx, top + hh + 3, mw, h - 2, lw=0.6)
    yy = top + hh + 6
    for lb, v in meas:
        yy += lead * 0.8
        doc.text(mx + 5, yy, lb, small, gray=0.3)
        doc.text(mx + mw - 5, yy, v, _fit(doc, [v], mw * 0.55, size, floor=5), align="right")
        yy += lead * 0.2
    doc.y = top + hh + h + 2
    _recall_later(doc, I, rng)
    _id_done(doc)
    doc.gap(size * 0.6)


def id_requisition(doc, I, rng):
    """The head of a forensic examination on requisition: the requisition (its number, date, the
    police station and the officer) in a framed caption, then the person examined in a sentence
    of bold values, and the identity document shown, with its own number."""
    L = doc.letter
    size = doc.size
    small = max(6.5, size - 1)
    x0, width = doc.left, doc.right - doc.left
    f = I.sex == "F"
    town = M.title_city(L.hospital["city"][2])
    req = "Réquisition n° 2026/%06d du %s – %s de %s – OPJ : %s %s" % (
        rng.randint(1, 999999), _day(rng, 2, 20), rng.choice(["commissariat", "brigade de gendarmerie"]), town,
        rng.choice(["brigadier", "lieutenant", "adjudant", "capitaine"]), M.pick_surname(rng))
    card = "%s%s%05d" % (rng.randint(10, 99), rng.choice(["AB", "CD", "KX", "RT"]), rng.randint(0, 99999))
    L.traps += ["requisition-number", "id-card-number", "officer"]
    civ = I.civ(rng, "long")
    runs = [(rng.choice(["Personne examinée : ", "Examen de : "]), False),
            ("%s %s" % (civ, _person(I, rng, order=rng.choice(["family", "given"]),
                                     conv=rng.choice(["nee", "epouse", "usage"]))), True),
            (", %s le " % I.born(), False), (_bdate(I, rng, DATE_ALL), True)]
    if I.place:
        runs += [(" ", False), (_at(I, rng), True)]
    runs += [(", sexe ", False), (_sex(I, rng, ["lower", "letter"]), True)]
    if I.ins:
        runs += [(", INS ", False), (_ins(I, rng, INS_ALL), True)]
        if I.oid:
            runs += [(" (%s)" % _oid_text(rng), False)]
    runs.append((".", False))
    # Lay the runs out word by word; words joined by no-break spaces stay together.
    words = []
    glued = False  # whether the next run goes on the last word (no space between them)
    for t, b in runs:
        for k, w in enumerate(t.split(" ")):
            if not w:
                continue
            if k == 0 and words and glued and not t.startswith(" "):
                words[-1][0].append((w, b))
            else:
                words.append([[(w, b)]])
        glued = not t.endswith(" ")
    lines, cur, xw = [], [], 0.0
    space = doc.sw(" ", size)
    for grp in words:
        ww = sum(doc.sw(w, size, bold=b) for w, b in grp[0])
        if cur and xw + ww > width:
            lines.append(cur)
            cur, xw = [], 0.0
        for w, b in grp[0]:
            cur.append((w, b, xw))
            xw += doc.sw(w, size, bold=b)
        xw += space
    if cur:
        lines.append(cur)
    reql = doc.wrap(req, width - 10, small)
    lead = doc.lead(size)
    hb = doc.lead(small) * len(reql) + 6
    piece = "Pièce d'identité présentée : carte nationale d'identité n° %s, délivrée le %s." % (
        card, "%02d/%02d/%d" % (rng.randint(1, 28), rng.randint(1, 12), rng.randint(2016, 2025)))
    if I.child:
        piece = "Accompagné%s de son représentant légal ; livret de famille présenté." % ("e" if f else "")
    doc.need(hb + lead * (len(lines) + 3) + 10)
    top = doc.y
    _box(doc, x0, top, width, hb, lw=0.5, dash=(2, 1.5))
    _lines_at(doc, x0 + 5, top + 2, [(t, small, False, True, 0.15) for t in reql])
    doc.y = top + hb + 4
    doc.mark("identity")
    for ln in lines:
        doc.y += lead * 0.8
        for w, b, dx in ln:
            doc.text(x0 + dx, doc.y, w, size, bold=b)
        doc.y += lead * 0.2
    doc.unmark()
    doc.para(piece, small, after=0)
    _id_done(doc)
    doc.gap(size * 0.6)


def id_appointment(doc, I, rng):
    """An appointment card set in the letter: on the left a framed block with the date, time and
    place of the appointment in large type, on the right the person expected, the identity a
    line each with small labels."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    day = rng.randint(24, 30)
    when = [("RENDEZ-VOUS", small + 1, True, False, 0),
            ("%s %d novembre 2026" % (_WEEKDAYS[datetime.date(2026, 11, day).weekday()], day), size + 1, True, False, 0),
            ("à %s" % _clock(rng, 8, 17), size + 1, True, False, 0),
            (rng.choice(["Hôpital de jour – niveau 2", "Consultations externes – porte C", "Plateau d'imagerie – accueil 1"]),
             small, False, False, 0),
            (rng.choice(["Se présenter 15 min avant", "Apporter les examens récents", "Se présenter à jeun"]), small, False, True, 0.3)]
    L.traps += ["appointment-date"]
    f = I.sex == "F"
    rows = [(rng.choice(["Attendu%s" % ("e" if f else ""), "Rendez-vous de"]),
             _person(I, rng, order=rng.choice(["family", "given"]), civ=I.civ(rng, "short")))]
    rows.append(("Naissance", _bdate(I, rng, DATE_ALL)))
    if I.place:
        rows.append(("Lieu de naissance", _place(I, rng, PLACE_ALL)))
    rows.append(("Sexe", _sex(I, rng, SEX_ALL)))
    if I.ins:
        rows.append(("INS", _ins(I, rng, INS_ALL)))
        if I.oid:
            rows.append(("", _oid_text(rng)))
    lw_ = width * rng.choice([0.36, 0.4])
    when = [(t, _fit(doc, [t], lw_ - 14, sz, bold=b, italic=i, floor=5), b, i, g) for t, sz, b, i, g in when]
    lead = doc.lead(size)
    lab = max(doc.sw(lb, small) for lb, _ in rows) + 8
    h = max(_height(doc, when) + 10, lead * len(rows) + 10)
    doc.need(h + 10)
    top = doc.y
    _box(doc, x0, top, lw_, h, lw=1.0, radius=5)
    _lines_at(doc, x0 + 7, top + 4, when)
    xr = x0 + lw_ + 14
    y = top + 4
    doc.mark("identity")
    for k, (lb, v) in enumerate(rows):
        y += lead * 0.8
        if lb:
            doc.text(xr, y, lb, small, gray=0.4)
        doc.text(xr + lab, y, v, _fit(doc, [v], doc.right - xr - lab - 2, size, bold=(k == 0), floor=5), bold=(k == 0))
        y += lead * 0.2
    doc.unmark()
    doc.y = top + h + 2
    _id_done(doc)
    doc.gap(size * 0.6)


_CARE = ["Pansement d'ulcère veineux de jambe droite", "Injection sous-cutanée d'anticoagulant", "Surveillance "
         "glycémique capillaire et injection d'insuline", "Soins de stomie", "Ablation des agrafes à J12",
         "Préparation et administration du pilulier hebdomadaire"]


def id_home_nursing(doc, I, rng):
    """A prescription of nursing care at home: where the care is given (the person, their home
    address and phone), then their identity in a second paragraph, then the care prescribed with
    its duration."""
    L = doc.letter
    size, small = _sizes(I, 8, 10)
    street, pc, city = L.patient["home"]
    civ = I.civ(rng, rng.choice(["long", "short"]))
    l1 = "%s %s" % (rng.choice(["Soins à domicile chez :", "Soins à réaliser au domicile de"]),
                    "%s %s" % (civ, _person(I, rng, order=rng.choice(["given", "family"]), conv=rng.choice(
                        ["nee", "epouse", "divorcee", "usage"]))))
    l2 = "%s, %s %s – tél. %s" % (street, pc, M.title_city(city), _phone(rng))
    bits = ["%s le %s" % (I.born().capitalize(), _bdate(I, rng, DATE_ALL))]
    if I.place:
        bits[-1] += " " + _at(I, rng)
    bits.append("sexe %s" % _sex(I, rng, ["lower", "letter"]))
    if I.ins:
        bits.append("INS %s" % _ins(I, rng, INS_ALL) + ((" – " + _oid_text(rng)) if I.oid else ""))
    l3 = " · ".join(bits)
    care = "%s, %s pendant %d jours, y compris dimanches et jours fériés." % (
        rng.choice(_CARE), rng.choice(["une fois par jour", "deux fois par jour", "tous les deux jours"]),
        rng.choice([10, 15, 21, 30]))
    L.traps += ["patient-home", "patient-phone"]
    lead = doc.lead(size)
    p1 = doc.wrap(l1, doc.right - doc.left, size, bold=True)
    p3 = doc.wrap(l3, doc.right - doc.left - 12, size)
    doc.need(lead * (len(p1) + len(p3) + 4) + 10)
    doc.line(rng.choice(["Prescription de soins infirmiers", "SOINS INFIRMIERS À DOMICILE"]), small + 1, bold=True,
             gray=0.3)
    doc.mark("identity")
    for t in p1:
        doc.line(t, size, bold=True)
    doc.line(l2, small)
    top = doc.y + 2
    doc.y = top
    for t in p3:
        doc.line(t, size, x=doc.left + 12)
    _vr(doc, doc.left + 4, top + 2, doc.y, 1.5, 0.5)
    doc.unmark()
    doc.gap(3)
    doc.para("Soins : " + care, size, after=0)
    _id_done(doc)
    doc.gap(size * 0.6)


def id_discharge_abstract(doc, I, rng):
    """The discharge abstract the medical information department prints: the stay summary (its
    number, entry and exit with their modes, the codes of the diagnoses) in a fixed grid of
    'label : value' pairs, the person in the same grid; later pages recall the name."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9)
    x0, width = doc.left, doc.right - doc.left
    f = I.sex == "F"
    entry = rng.randint(2, 14)
    pairs = [("N° RSS", "%07d" % rng.randint(1, 9999999)), ("Numéro de séjour", I.nda or "%09d" % rng.randint(1, 10 ** 9)),
             ("Nom de naissance", I.birth), ("Nom utilisé", I.used or "–"),
             ("Prénom(s)", _firsts(I, rng, ("all", "all-comma"))), ("Date de naissance", _bdate(I, rng, DATE_NUM)),
             ("Sexe", "%s (code %s)" % (_sex(I, rng, ["letter", "word"]), "2" if f else "1"))]
    if I.nda:
        I.uses.add("nda")
    if I.place:
        pairs.append(("Lieu de naissance", _place(I, rng, ["code-only", "code-first", "paren"])))
    if I.ins:
        pairs.append(("Matricule INS", _ins(I, rng, ["plain", "plain", "grouped"])))
        if I.oid:
            pairs.append(("OID", M.TEST_OID))
    pairs += [("Entrée", "%02d/11/2026 (mode %d)" % (entry, rng.choice([6, 7, 8]))),
              ("Sortie", "%02d/11/2026 (mode %d)" % (rng.randint(entry + 1, 22), rng.choice([6, 7, 8, 9]))),
              ("DP", rng.choice(["I50.1", "J18.9", "K80.0", "S52.5", "N39.0", "E11.9"])),
              ("DAS", ", ".join(rng.sample(["I10", "E78.0", "Z95.0", "N18.3", "F32.1", "J44.9"], 2)))]
    L.traps += ["rss-number", "diagnosis-codes", "stay-dates"]
    lead = doc.lead(size)
    cw = width / 2
    lw = max(doc.sw(lb + " :", small) for lb, _ in pairs) + 6
    two = all(doc.sw(v, size) <= cw - lw - 10 for _, v in pairs)
    rows = [pairs[k:k + 2] for k in range(0, len(pairs), 2)] if two else [[p] for p in pairs]
    title = rng.choice(["RÉSUMÉ DE SORTIE", "Résumé de sortie standardisé"])
    doc.need(lead * (len(rows) + 2) + 10)
    doc.line(title, small + 1, bold=True)
    _hr(doc, x0, doc.right, doc.y + 1, 0.8)
    doc.y += 3
    doc.mark("identity")
    for r in rows:
        doc.y += lead * 0.8
        for j, (lb, v) in enumerate(r):
            x = x0 + j * cw
            doc.text(x, doc.y, lb + " :", small, gray=0.3)
            doc.text(x + lw, doc.y, v, _fit(doc, [v], (cw if two else width) - lw - 8, size, floor=5))
        doc.y += lead * 0.2
    doc.unmark()
    _hr(doc, x0, doc.right, doc.y + 2, 0.4)
    doc.y += 4
    _recall_later(doc, I, rng)
    _id_done(doc)
    doc.gap(size * 0.6)


IDENTITY_FAMILIES = {
    "n-id-a": (id_follow_grid, "flow"),
    "n-id-b": (id_vaccination, "flow"),
    "n-id-c": (id_decision_vu, "flow"),
    "n-id-d": (id_transport, "flow"),
    "n-id-e": (id_stay_attestation, "flow"),
    "n-id-f": (id_genetics, "flow"),
    "n-id-g": (id_refraction, "flow"),
    "n-id-h": (id_zones_band, "band"),
    "n-id-i": (id_foot_strip, "footer"),
    "n-id-j": (id_er_narrative, "body"),
    "n-id-k": (id_corner_grid, "top-right"),
    "n-id-l": (id_chemo_sheet, "flow"),
    "n-id-m": (id_requisition, "flow"),
    "n-id-n": (id_appointment, "flow"),
    "n-id-o": (id_home_nursing, "flow"),
    "n-id-p": (id_discharge_abstract, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Professionals as these families print them


def _pro(p, rng, form):
    """(text, given form) of a professional's name."""
    if not p.title:
        civ = "Mme" if p.sex == "F" else "M."
        return "%s %s %s" % (civ, p.given, p.family), "full"
    short, word = ("Pr", "Professeur") if p.title == "PR" else ("Dr", "Docteur")
    if form == "sg":
        return "%s %s %s" % (short, p.given, p.family), "full"
    if form == "wg":
        return "%s %s %s" % (word, p.given, p.family), "full"
    if form == "sf":
        return "%s %s %s" % (short, p.family, p.given), "full"
    if form == "wf":
        return "%s %s %s" % (word, p.family, p.given), "full"
    if form == "si":
        return "%s %s %s" % (short, M.initials(p.given), p.family), "initial"
    if form == "s":
        return "%s %s" % (short, p.family), "none"
    raise ValueError(form)


NAMES_FULL = ["sg", "sg", "wg", "sf", "wf"]


def _what(p, rng):
    if p.spec is None:
        return p.profession[1]
    if p.spec[0] == M.GP:
        return rng.choice(["Médecin généraliste", "Médecine générale"])
    return rng.choice(p.spec[2])


def _where_of(p, rng, gf, p_place=0.7):
    """(city, postcode) printed beside a name: always when the name alone may not tell who."""
    if not (p.force_place or gf != "full" or rng.random() < p_place):
        return None, None
    city = M.city_text(p, rng, upper=rng.random() < 0.5)
    pc = p.postcode if rng.random() < 0.35 else None
    return city, pc


def _copy(L, p, rng, forms, p_place=0.75):
    name, gf = _pro(p, rng, rng.choice(forms))
    city, pc = _where_of(p, rng, gf, p_place)
    L.mentions.add(p, "cc", name, gf, city, pc)
    where = ("%s %s" % (pc, city) if pc else city) if city else None
    return name, _what(p, rng), where


def _post_lines(p, rng, job=True, upper=None):
    """What follows the name in an address: the department and the site, or what they do; the
    street; the postcode and town. Returns (lines, city)."""
    out = []
    if p.salaried:
        out.append((M.service_of(p.service), False))
        out.append((p.site, False))
    elif job and rng.random() < 0.65:
        out.append((_what(p, rng), True))
    city = M.city_text(p, rng, upper=upper)
    out.append((p.street_line(), False))
    out.append(("%s %s" % (p.postcode, city), False))
    return out, city


def _addr_block(doc, rng, x, top, items, right_limit=None):
    """Draws (text, size, bold, italic, gray) lines at x, shrunk to stay left of right_limit (the
    block moves left first, not past the middle of the page). Returns (x, bottom)."""
    W = M.W
    limit = right_limit or W - 32
    lo = W / 2 - 25 if x > W / 2 - 40 else x
    items = [(t, _fit(doc, [t], limit - lo, sz, bold=b, italic=i, floor=6), b, i, g) for t, sz, b, i, g in items]
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    if x + widest > limit:
        x = max(lo, limit - widest)
    y = _lines_at(doc, x, top, items)
    return x, y


def _win_y(doc, rng):
    return max(rng.choice([140, 148, 156, 164]), getattr(doc, "header_bottom", 0) + 8)


# ---------------------------------------------------------------------------------------------
# Addressees


def ad_high_left(doc, L, rng):
    """Left window set high, level with a letterhead set on the right (under it when the top is
    taken); the name with the title spelt out, what they do in italics."""
    W = M.W
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5, 1]), 11)
    name, gf = _pro(p, rng, rng.choice(["wg", "wg", "sg", "wf"]))
    lines, city = _post_lines(p, rng, upper=rng.random() < 0.6)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([50, 58, 66])
    taken = any(b[0] < W / 2 - 30 and b[1] < 135 for b in doc.boxes[doc.page])
    top = _win_y(doc, rng) if taken else rng.choice([40, 48, 58])
    items = [(name, size, rng.random() < 0.6, False, 0)] + [(t, size - (0.5 if i else 0), False, i, 0) for t, i in lines]
    _, bottom = _addr_block(doc, rng, x, top, items, right_limit=W / 2 - 20)
    if not taken:
        L.traps.append("window-level-with-letterhead")
    return bottom + 4


_FUNCTIONS = [("Médecin du travail", "Service de prévention et de santé au travail"),
              ("Médecin-conseil", "Service médical de l'Assurance Maladie"),
              ("Médecin coordonnateur", "EHPAD Les Hortensias"),
              ("Médecin de l'équipe mobile", "Réseau de soins palliatifs"),
              ("Médecin référent", "Dispositif d'appui à la coordination")]
_FUNCTIONS_CHILD = [("Médecin de PMI", "Centre de protection maternelle et infantile"),
                    ("Médecin scolaire", "Service de santé scolaire"),
                    ("Médecin référent", "Centre d'action médico-sociale précoce")]


def ad_function_org(doc, L, rng):
    """Right window to a doctor through the function they hold in an organisation: the name, the
    function, the organisation, then the street and the town."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    fn, org = rng.choice(_FUNCTIONS_CHILD if L.patient["child"] else _FUNCTIONS)
    name, gf = _pro(p, rng, rng.choice(NAMES_FULL))
    city = M.city_text(p, rng)
    items = [(name, size, rng.random() < 0.5, False, 0), (fn, size - 0.5, False, True, 0),
             (org, size - 0.5, False, False, 0), (p.street_line(), size, False, False, 0),
             ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.traps.append("addressee-function")
    _, bottom = _addr_block(doc, rng, rng.choice([312, 322, 334]), _win_y(doc, rng), items)
    return bottom + 4


def ad_patient_birthname(doc, L, rng):
    """A letter to the patient at home: an adult named with the given name first and, for a
    married woman, the birth name after 'née'; a child's family by its name, the child on the
    next line. A residence line at times."""
    I = L.ident
    f = I.sex == "F"
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    street, pc, city = L.patient["home"]
    given = I.firsts[0]
    if L.patient["child"]:
        fam = I.used or I.birth
        lines = [("Madame, Monsieur %s" % fam, True), ("parents de %s" % given, False)]
        L.salutation = "Madame, Monsieur,"
    else:
        civ = "Madame" if f else "Monsieur"
        if I.used and f:
            nm = "%s %s %s née %s" % (civ, given, I.used, I.birth)
        else:
            nm = "%s %s %s" % (civ, given, I.used or I.birth)
        lines = [(nm, rng.random() < 0.4)]
        L.salutation = rng.choice(["Chère Madame," if f else "Cher Monsieur,", "Madame," if f else "Monsieur,"])
    if rng.random() < 0.4:
        lines.append((rng.choice(["Résidence Les Tamaris – bât. B", "Appartement 14, 3e étage",
                                  "Lotissement du Moulin"]), False))
    lines += [(street, False), ("%s %s" % (pc, city if rng.random() < 0.6 else M.title_city(city)), False)]
    items = [(t, size, b, False, 0) for t, b in lines]
    L.addressed_to_patient = True
    _, bottom = _addr_block(doc, rng, rng.choice([314, 326, 338]), _win_y(doc, rng), items)
    return bottom + 4


def ad_followed_by(doc, L, rng):
    """Right window as usual; opposite it, on the left, the administrative lines of the sender
    ('file followed by', the secretary and her extension, our reference)."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    small = max(6.5, size - 2)
    name, gf = _pro(p, rng, rng.choice(NAMES_FULL + ["si"]))
    lines, city = _post_lines(p, rng)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    top = _win_y(doc, rng)
    items = [(name, size, rng.random() < 0.5, False, 0)] + [(t, size - (0.5 if i else 0), False, i, 0) for t, i in lines]
    wx, bottom = _addr_block(doc, rng, rng.choice([316, 326, 336]), top, items)
    sec = _other_person(rng, "F" if rng.random() < 0.85 else "M")
    left = [(rng.choice(["Votre interlocutrice :" if sec[0] == "Mme" else "Votre interlocuteur :", "Contact pour ce dossier :"]), small, True, False, 0.2),
            ("%s %s %s" % sec, small, False, False, 0.2),
            ("%s – poste %d" % (rng.choice(["Secrétariat de consultation", "Secrétaire médicale"]), rng.randint(2000, 8999)),
             small, False, False, 0.2),
            ("N/Réf. : %s-%05d" % (M.key_name(L.author.family).replace(" ", "")[:3], rng.randint(1, 99999)), small, False, False, 0.2)]
    x0 = doc.left if doc.left < 100 else 165
    room = wx - x0 - 16
    left = [(t, _fit(doc, [t], room, sz, bold=b, floor=5), b, i, g) for t, sz, b, i, g in left]
    if room > 60:
        bottom = max(bottom, _lines_at(doc, x0, top, left))
        L.traps += ["secretary", "extension"]
    return bottom + 4


def ad_mail_slip(doc, L, rng):
    """On the right, a ruled slip of two rows: a shaded row telling when and how the letter was
    sent, then the addressee and their address; a cell on the left of the second row is kept
    for the code when the letter carries it there."""
    W = M.W
    p = L.to
    size = min(doc.size, 10)
    small = max(6, size - 1.5)
    name, gf = _pro(p, rng, rng.choice(NAMES_FULL + ["si"]))
    lines, city = _post_lines(p, rng)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    head = "%s %s – %s" % (rng.choice(["Expédié le", "Envoi du"]), _day(rng, 12, 23),
                           rng.choice(["voie postale", "courrier simple", "messagerie sécurisée et courrier"]))
    items = [(name, size, True, False, 0)] + [(t, size - (0.5 if i else 0), False, i, 0) for t, i in lines]
    rw, rh_ = _dm_room(doc, "n-ad-room")
    x1 = W - rng.choice([32, 38, 44])
    inner = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items) + 14
    inner = max(inner, doc.sw(head, small) + 12)
    inner = min(inner, x1 - (W / 2 - 30) - rw)
    items = [(t, _fit(doc, [t], inner - 12, sz, bold=b, italic=i, floor=6), b, i, g) for t, sz, b, i, g in items]
    x0 = x1 - inner - rw
    top = _win_y(doc, rng)
    hb = small * 2
    h = max(_height(doc, items) + 10, rh_)
    _shade(doc, x0, top, x1 - x0, hb, 0.88)
    _box(doc, x0, top, x1 - x0, hb + h, lw=0.6)
    _hr(doc, x0, x1, top + hb, 0.5)
    doc.text(x0 + 5, top + hb * 0.68, head, _fit(doc, [head], x1 - x0 - 10, small, floor=5))
    if rw:
        _vr(doc, x0 + rw, top + hb, top + hb + h, 0.4)
        _dm_keep(doc, "n-ad-room", x0, top + hb + (h - rh_) / 2)
    _lines_at(doc, x0 + rw + 6, top + hb + 5, items)
    L.traps.append("sending-slip")
    return top + hb + h + 5


def ad_practice_card(doc, L, rng):
    """Right window laid out like the practice's own card: the name, what they do in italics, the
    conditions of the practice (agreement sector, appointments), the address, the practice phone."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    small = max(6.5, size - 1.5)
    name, gf = _pro(p, rng, rng.choice(NAMES_FULL))
    city = M.city_text(p, rng)
    items = [(name, size + 0.5, True, False, 0)]
    if p.salaried:
        items += [(M.service_of(p.service), small, False, True, 0), (p.site, small, False, False, 0)]
    else:
        items += [(_what(p, rng), small, False, True, 0),
                  (rng.choice(["Conventionné secteur 1", "Secteur 2 – OPTAM", "Sur rendez-vous uniquement"]),
                   small, False, False, 0.35)]
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0),
              ("Tél. %s" % p.phone, small, False, False, 0.2)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.traps += ["addressee-phone"]
    _, bottom = _addr_block(doc, rng, rng.choice([318, 330]), _win_y(doc, rng), items)
    return bottom + 4


def ad_shadow_card(doc, L, rng):
    """Right window in a white card with a grey drop shadow; the code, when the letter carries it
    there, inside the card on the right of the address."""
    W = M.W
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pro(p, rng, rng.choice(NAMES_FULL + ["si"]))
    lines, city = _post_lines(p, rng, upper=rng.random() < 0.7)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    items = [(name, size, rng.random() < 0.6, False, 0)] + [(t, size - (0.5 if i else 0), False, i, 0) for t, i in lines]
    rw, rh_ = _dm_room(doc, "n-ad-room")
    x1 = W - rng.choice([34, 40])
    inner = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items) + 16
    inner = min(inner, x1 - (W / 2 - 30) - rw)
    items = [(t, _fit(doc, [t], inner - 14, sz, bold=b, italic=i, floor=6), b, i, g) for t, sz, b, i, g in items]
    x0 = x1 - inner - rw
    top = _win_y(doc, rng)
    h = max(_height(doc, items) + 12, rh_)
    _shade(doc, x0 + 3, top + 3, x1 - x0, h, 0.75, record=False)
    _shade(doc, x0, top, x1 - x0, h, 1.0, record=False)
    _box(doc, x0, top, x1 - x0, h, lw=0.4, gray=0.4)
    doc.add_box((x0 + 3, top + h, x1 + 3, top + h + 3))
    doc.add_box((x1, top + 3, x1 + 3, top + h + 3))
    _lines_at(doc, x0 + 8, top + 6, items)
    if rw:
        _dm_keep(doc, "n-ad-room", x1 - rw, top + (h - rh_) / 2)
    return top + h + 8


def ad_left_bar(doc, L, rng):
    """Left window under the letterhead behind a thick grey bar: the name with the family name
    first after the title, what they do, the street and the town in small letters."""
    W = M.W
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pro(p, rng, rng.choice(["wf", "sf", "wf"]))
    city = M.title_city(p.city)
    items = [(name, size, True, False, 0)]
    if p.salaried:
        items += [(M.service_of(p.service), size - 0.5, False, True, 0), (p.site, size - 0.5, False, False, 0)]
    else:
        items.append((_what(p, rng), size - 0.5, False, True, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([60, 68, 76])
    top = _win_y(doc, rng)
    _, bottom = _addr_block(doc, rng, x, top, items, right_limit=W / 2 - 15)
    _vr(doc, x - 7, top + 2, bottom, 2.5, 0.55)
    return bottom + 4


def ad_vocative_heading(doc, L, rng):
    """No window: under the letterhead on the left, the addressee in a short heading (the name
    in bold, then what they do and the address on one line), a hairline under it."""
    p = L.to
    size = min(doc.size + 0.5, 11)
    small = max(6.5, size - 1.5)
    name, gf = _pro(p, rng, rng.choice(NAMES_FULL + ["si"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.4)
    job = M.service_of(p.service) if p.salaried else _what(p, rng)
    second = "%s – %s, %s %s" % (job, p.street_line(), p.postcode, city)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    cap = rng.choice([None, "Courrier destiné au", "Lettre pour le"])
    x0 = doc.left
    top = max(getattr(doc, "header_bottom", 100) + 10, 112)
    items = []
    if cap:
        items.append((cap, small, False, True, 0.4))
    items.append((name, size, True, False, 0))
    items.append((second, _fit(doc, [second], doc.right - x0, small, floor=5), False, False, 0))
    y = _lines_at(doc, x0, top, items)
    _hr(doc, x0, x0 + min(doc.right - x0, 260), y + 2, 0.5, 0.3)
    L.salutation = rng.choice(["Cher Confrère,", "Chère Consœur," if p.sex == "F" else "Cher Confrère,",
                               "Cher ami,", None])
    return y + 8


def ad_received_stamp(doc, L, rng):
    """Right window as usual, with the receiving practice's date stamp under it (a rounded grey
    frame: received on, the date, the initials of whoever opened it)."""
    W = M.W
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pro(p, rng, rng.choice(NAMES_FULL + ["si", "s"]))
    lines, city = _post_lines(p, rng)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    items = [(name, size, rng.random() < 0.5, False, 0)] + [(t, size - (0.5 if i else 0), False, i, 0) for t, i in lines]
    wx, bottom = _addr_block(doc, rng, rng.choice([314, 326, 336]), _win_y(doc, rng), items)
    stamp = [("REÇU LE", 6.5, True), ("%d NOV. 2026" % rng.randint(24, 30), 9, True),
             (rng.choice(["Secrétariat", "Courrier arrivé"]), 6, False)]
    w = max(doc.sw(t, sz, bold=b) for t, sz, b in stamp) + 14
    sx = min(W - 40 - w, wx + rng.choice([10, 30, 50]))
    sy = bottom + 6
    _box(doc, sx, sy, w, 34, lw=1.0, gray=0.45, radius=4)
    y = sy + 2
    for t, sz, b in stamp:
        y += sz * 1.12
        doc.text(sx + w / 2, y, t, sz, bold=b, gray=0.45, align="centre")
    L.traps.append("received-stamp")
    return sy + 40


# (draw, window: "right" | "left" | "none" | "flow" | "both", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "n-ad-a": (ad_high_left, "left", True),
    "n-ad-b": (ad_function_org, "right", True),
    "n-ad-c": (ad_patient_birthname, "right", False),
    "n-ad-d": (ad_followed_by, "right", True),
    "n-ad-e": (ad_mail_slip, "right", True),
    "n-ad-f": (ad_practice_card, "right", True),
    "n-ad-g": (ad_shadow_card, "right", True),
    "n-ad-h": (ad_left_bar, "left", True),
    "n-ad-i": (ad_vocative_heading, "flow", True),
    "n-ad-j": (ad_received_stamp, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies


def _patient_ref(L):
    return "la patiente" if L.ident.sex == "F" else "le patient"


def cp_beside_signature(doc, L, rng):
    """The copies in a column on the left, level with a signature set on the right: a caption,
    then each copy on two lines (the name, then what they do and the town in small grey type);
    under the signature when it stands on the left."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    small = max(6, size - 1.5)
    entries = []
    for p in L.copies:
        name, job, where = _copy(L, p, rng, NAMES_FULL + ["si"], 0.8)
        entries.append((name, "%s%s" % (job, (" – " + where) if where else "")))
    if L.copy_patient:
        entries.append((_patient_ref(L).capitalize(), rng.choice(["remis lors de la consultation", "à titre informatif"])))
    if not entries:
        return
    cap = rng.choice(["Copie à l'attention de :", "Informés :", "Exemplaires en copie :"])
    sig = getattr(L, "sig", None)
    items = [(cap, size, True, False, 0)]
    for a, b in entries:
        items += [(a, size, False, False, 0), (b, small, False, False, 0.35)]
    if sig and sig[0] == doc.page and sig[2] > M.W / 2 - 20:
        width = sig[2] - doc.left - 16
        items = [(t, _fit(doc, [t], width, sz, bold=b, floor=5), b, i, g) for t, sz, b, i, g in items]
        if sig[1] + _height(doc, items) < doc.st.bottom:
            bottom = _lines_at(doc, doc.left, sig[1], items)
            doc.y = max(doc.y, bottom + 4)
            return
    items = _wrapped(doc, items, doc.right - doc.left)
    doc.need(_height(doc, items) + 4)
    doc.y = _lines_at(doc, doc.left, doc.y, items) + 4


def cp_mis_en_copie(doc, L, rng):
    """One paragraph in small type after the signature: 'Mis en copie :' and the copies, each with
    the town in brackets, separated by long dashes."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    entries = []
    for p in L.copies:
        name, job, where = _copy(L, p, rng, NAMES_FULL + ["si", "s"], 0.75)
        t = _nb(name)
        if rng.random() < 0.4:
            t += ", " + job[0].lower() + job[1:] if not job.isupper() else ", " + job
        if where:
            t += " (%s)" % where
        entries.append(t)
    if L.copy_patient:
        entries.append(_patient_ref(L))
    if not entries:
        return
    doc.gap(size * 0.6)
    doc.para(rng.choice(["Mis en copie : ", "Mis(e)s en copie : "]) + " – ".join(entries), size, keep=True,
             italic=rng.random() < 0.4)


def cp_hairline_list(doc, L, rng):
    """A caption, then one copy a block of two lines (the name in bold, then what they do, the
    street and the town), hairlines between; the code, when the letter carries it there, kept on
    the left of the list."""
    size = max(7, doc.size - rng.choice([0, 0.5, 1]))
    small = max(6, size - 1.5)
    blocks = []
    for p in L.copies:
        name, gf = _pro(p, rng, rng.choice(NAMES_FULL + ["si"]))
        city = M.city_text(p, rng, upper=rng.random() < 0.5)
        L.mentions.add(p, "cc", name, gf, city, p.postcode)
        blocks.append([(name, size, True, False, 0),
                       ("%s · %s · %s %s" % (_what(p, rng), p.street_line(), p.postcode, city), small, False, False,
                        0.3)])
    if L.copy_patient:
        blocks.append([(_patient_ref(L).capitalize(), size, True, False, 0),
                       (rng.choice(["exemplaire remis à la sortie", "exemplaire adressé au domicile"]), small, False,
                        False, 0.3)])
    if not blocks:
        return
    cap = rng.choice(["CO-DESTINATAIRES", "Co-destinataires"])
    doc.gap(size * 0.6)
    rw, rh_ = _dm_room(doc, "n-cp-lead")
    x = doc.left + rw
    width = doc.right - x
    blocks = [_wrapped(doc, b, width) for b in blocks]
    total = doc.lead(size) + sum(_height(doc, b) + 4 for b in blocks)
    doc.need(max(total, rh_) + 4)
    if rw and doc.page == 1:
        _dm_keep(doc, "n-cp-lead", doc.left, doc.y)
    top = doc.y
    doc.line(cap, size, bold=True, x=x)
    for k, b in enumerate(blocks):
        doc.y = _lines_at(doc, x, doc.y, b)
        if k < len(blocks) - 1:
            _hr(doc, x, x + min(width, 240), doc.y + 2, 0.3, 0.5)
        doc.y += 4
    doc.y = max(doc.y, top + rh_)


def cp_borderless_table(doc, L, rng):
    """A table without rules but the one under its headings: the copy's number, who receives it
    (name, what they do, town) and how it travels; the code, when the letter carries it there,
    kept on its left."""
    size = max(7, doc.size - rng.choice([0.5, 1, 1.5]))
    rows = []
    for k, p in enumerate(L.copies):
        name, job, where = _copy(L, p, rng, NAMES_FULL + ["si"], 0.85)
        who = "%s, %s" % (_nb(name), job[0].lower() + job[1:] if not job.isupper() else job)
        if where:
            who += ", " + where
        rows.append((None, who, rng.choice(["messagerie sécurisée", "courrier", "courrier"])))
    if L.copy_patient:
        rows.append((None, _patient_ref(L), rng.choice(["remis directement", "Mon espace santé"])))
    if not rows:
        return
    total = len(rows) + 1  # the original is the first
    rows = [("%d/%d" % (k + 2, total),) + r[1:] for k, r in enumerate(rows)]
    heads = ("Exemplaire", "Remis à", "Par")
    rw, rh_ = _dm_room(doc, "n-cp-lead")
    x0 = doc.left + rw
    width = doc.right - x0
    w0 = max(doc.sw(r[0], size, bold=(r is heads)) for r in rows + [heads]) + 12
    w2 = max(doc.sw(r[2], size, bold=(r is heads)) for r in rows + [heads]) + 6
    w1 = min(width - w0 - w2, max(doc.sw(r[1], size) for r in rows) + 14)
    ws = [w0, w1, w2]
    lead = doc.lead(size) + 1
    cells = [doc.wrap(r[1], w1 - 12, size) for r in rows]
    size = _fit(doc, [t for c in cells for t in c], w1 - 8, size, floor=4.5)
    lead = doc.lead(size) + 1
    doc.gap(size * 0.6)
    doc.need(max(lead * (sum(len(c) for c in cells) + 1) + 6, rh_))
    if rw and doc.page == 1:
        _dm_keep(doc, "n-cp-lead", doc.left, doc.y)
    top = doc.y
    y = top + lead * 0.8
    x = x0
    for v, w in zip(heads, ws):
        doc.text(x, y, v, size, bold=True)
        x += w
    _hr(doc, x0, x0 + sum(ws), y + 3, 0.6)
    y += lead * 0.2 + 3
    for r, parts in zip(rows, cells):
        y += lead * 0.8
        doc.text(x0, y, r[0], size)
        doc.text(x0 + w0 + w1, y, r[2], size)
        for k, t in enumerate(parts):
            doc.text(x0 + w0, y + k * lead, t, size)
        y += lead * (len(parts) - 1) + lead * 0.2
    doc.y = max(y + 4, top + rh_)


def cp_footnote(doc, L, rng):
    """After the signature, one line saying copies went to the usual correspondents, with a call
    mark; who they are is told in the note at the foot of that page."""
    size = max(7, doc.size - 1)
    small = max(6, size - 1.5)
    entries = []
    for p in L.copies:
        name, job, where = _copy(L, p, rng, NAMES_FULL + ["si"], 0.9)
        entries.append(_nb(name) + (" (%s)" % where if where else ""))
    if L.copy_patient:
        entries.append(_patient_ref(L))
    if not entries:
        return
    mark = rng.choice(["(*)", "(1)", "*"])
    note = "%s %s" % (mark, "Destinataires de la copie : " if rng.random() < 0.5 else "") + " ; ".join(entries) + "."
    lines = doc.wrap(note, doc.right - doc.left, small)
    hn = doc.lead(small) * len(lines) + 6
    if doc.y + doc.lead(size) + hn + 8 > doc.st.bottom:
        doc.new_page()
    doc.line(rng.choice(["Copie de ce courrier à mes correspondants habituels %s.",
                         "Une copie est transmise aux confrères cités en note %s."]) % mark, size, italic=True)
    y = doc.st.bottom - hn + 2
    _hr(doc, doc.left, doc.left + 70, y, 0.4, 0.3)
    _lines_at(doc, doc.left, y + 1, [(t, small, False, False, 0.1) for t in lines])
    doc.y = doc.st.bottom
    L.traps.append("copies-in-note")


def cp_single_original(doc, L, rng):
    """No colleague in copy: a short line saying the document exists in one original, or that
    the patient's copy is the only one."""
    size = max(7, doc.size - 1)
    if L.copy_patient:
        t = rng.choice(["Un exemplaire remis en main propre à %s ; pas d'autre diffusion." % _patient_ref(L),
                        "Diffusion : original au destinataire, double remis à %s." % _patient_ref(L)])
    else:
        t = rng.choice(["Original unique, sans diffusion en copie.", "Diffusion : original au seul destinataire."])
    doc.gap(size * 0.5)
    doc.line(t, size, italic=True)


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "n-cp-a": (cp_beside_signature, True, "end"),
    "n-cp-b": (cp_mis_en_copie, True, "end"),
    "n-cp-c": (cp_hairline_list, True, "end"),
    "n-cp-d": (cp_borderless_table, True, "end"),
    "n-cp-e": (cp_footnote, True, "end"),
    "n-cp-f": (cp_single_original, False, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions: right under the identity block; a room kept in the addressee's slip or
# card; a room kept on the left of the copies.

DM_POSITIONS = ["n-id-under", "n-id-under", "n-ad-room", "n-ad-room", "n-cp-lead", "footer-left"]


def dm_candidates(d, pos, s, W, H):
    if pos in ("n-id-under", "n-ad-room", "n-cp-lead"):
        room = d.__dict__.get("n_rooms", {}).get(pos)
        if not room or room[0] != d.page:
            return []
        return [(room[1], room[2])]
    return []
