"""Tuning layout families, sixteenth set (see make_letters.py).

These were the held-out families of session 42 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families draw through the helpers of make_letters.py, which use() binds at import time.
"""

M = None  # make_letters, bound by use()


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Running faces of this set: cuts that no tuning set types a whole letter in.

_DJ = "/usr/share/fonts/truetype/dejavu/"
_LI = "/usr/share/fonts/truetype/liberation2/"
_FR = "/usr/share/fonts/truetype/freefont/"


def fonts(register):
    """Registers this set's running faces through make_letters.py (a face whose files are not
    installed is left out); the built-in PDF faces need no file."""
    out = []
    for key, files in (("pMonoHeavySlant", (_DJ + "DejaVuSansMono-BoldOblique.ttf", _DJ + "DejaVuSansMono-Bold.ttf",
                                              _DJ + "DejaVuSansMono-Oblique.ttf")),
                       ("pLiberationMonoHeavy", (_LI + "LiberationMono-Bold.ttf",
                                                   _LI + "LiberationMono-BoldItalic.ttf",
                                                   _LI + "LiberationMono-Italic.ttf")),
                       ("pFreeMonoHeavySlant", (_FR + "FreeMonoBoldOblique.ttf", _FR + "FreeMonoBold.ttf",
                                                  _FR + "FreeMonoOblique.ttf"))):
        if register(key, *files):
            out.append(key)
    if M.register_type1_family("pNimbusMonoHeavySlant", "NimbusMonoPS-BoldItalic", "NimbusMonoPS-Bold",
                               "NimbusMonoPS-Italic"):
        out.append("pNimbusMonoHeavySlant")
    for key, faces in (("pHelveticaSlant", ("Helvetica-Oblique", "Helvetica-BoldOblique", "Helvetica")),
                       ("pHelveticaHeavy", ("Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique")),
                       ("pTimesSlant", ("Times-Italic", "Times-BoldItalic", "Times-Roman")),
                       ("pTimesHeavy", ("Times-Bold", "Times-BoldItalic", "Times-Italic")),
                       ("pTimesHeavySlant", ("Times-BoldItalic", "Times-Bold", "Times-Roman"))):
        if key not in M.FONTS:
            M.FONTS[key] = faces
        out.append(key)
    return out


# ---------------------------------------------------------------------------------------------
# The traits as this set prints them.

# The labels of the national identity as the INS rules word them; this set varies everything else.
_NN, _NU, _NU2 = "Nom de naissance", "Nom d'usage", "Nom utilisé"
_PR, _PR2 = "Prénoms", "Prénom(s)"
_DN, _LN, _INS = "Date de naissance", "Lieu de naissance", "Matricule INS"


def _low(label):
    return label[0].lower() + label[1:]


def _country_in(name):
    """'au Maroc', 'en Algérie', 'à Madagascar'."""
    if name.startswith("Mada"):
        return "à " + name
    return ("en " if name.endswith("e") else "au ") + name


def _keep(s):
    """A trait never breaks across lines (its spaces are drawn as plain spaces)."""
    return s.replace(" ", M.NBSP)


def _date_text(iso, st):
    y, m, d = iso.split("-")
    day = "1er" if d == "01" else str(int(d))
    mois = M.MONTHS[int(m) - 1]
    return {"slash": "%s/%s/%s" % (d, m, y), "slash-np": "%d/%d/%s" % (int(d), int(m), y),
            "spaced": "%s / %s / %s" % (d, m, y), "words": "%s %s %s" % (day, mois, y),
            "words-cap": "%s %s %s" % (day, mois[0].upper() + mois[1:], y), "iso": "%s-%s-%s" % (y, m, d),
            "dash": "%s-%s-%s" % (d, m, y), "dot-short": "%s.%s.%s" % (d, m, y[2:]), "packed-iso": y + m + d}[st]


def _dn(I, rng, styles):
    """The birth date in one of this set's forms."""
    st = rng.choice(list(styles))
    if st == "dot-short" and not (1935 <= int(I.iso[:4]) <= 1999 and not I.child):
        st = "slash"
    return _keep(_date_text(I.iso, st))


DN_ALL = ["slash", "slash", "slash-np", "spaced", "words", "words-cap", "iso", "dash", "dot-short"]
DN_NUM = ["slash", "slash", "slash-np", "spaced", "dash", "iso"]


def _nir_text(m, st):
    g = [m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]
    return {"run": m, "groups": " ".join(g + [m[13:]]), "paren-key": "%s (%s)" % (" ".join(g), m[13:]),
            "fives": " ".join([m[:5], m[5:10], m[10:]]), "dash-key": "%s-%s" % (m[:13], m[13:])}[st]


def _nir(I, rng, styles):
    """The INS matricule."""
    return _keep(_nir_text(I.ins, rng.choice(list(styles))))


NIR_ALL = ["run", "run", "groups", "groups", "paren-key", "fives", "dash-key"]


def _sx(I, rng, styles):
    st = rng.choice(list(styles))
    if st == "ab":
        return "Fém." if I.sex == "F" else "Masc."
    if st == "W":
        return I.sex_text(rng, "word").upper()
    return I.sex_text(rng, {"l": "letter", "w": "word", "lw": "lower", "p": "person"}[st])


def _lieu(I, rng, styles):
    """The birth place: the COG code always, the commune or the country most of the time."""
    code, name = I.place, I.place_name
    st = rng.choice(list(styles))
    if st == "code":
        return code
    if I.abroad:
        return _keep(rng.choice(["%s (%s)" % (name, code), "%s / %s" % (M.insi(name), code),
                                 "%s – %s" % (code, name)]))
    return {"nc": "%s (%s)" % (name, code), "cn": "%s – %s" % (code, name), "cog": "%s – COG %s" % (name, code),
            "caps": "%s (%s)" % (M.insi(name), code), "slash": "%s / %s" % (name, code)}[st]


LIEU_ALL = ["nc", "nc", "cn", "cog", "caps", "slash", "code"]


def _born_in(I, rng, styles=LIEU_ALL):
    if I.abroad:
        return "%s (%s)" % (_country_in(I.place_name), I.place)
    return "à " + _lieu(I, rng, styles)


def _firsts(I, rng, styles=("all", "all", "all-comma", "first")):
    return I.first_names(rng, rng.choice(list(styles)))


def _fam(I, rng, conv=None):
    """The birth name, with the name in use tied to it by a word saying which is which."""
    if not I.used:
        return I.birth
    f = I.sex == "F"
    conv = conv or rng.choice(["nee", "ep", "usage", "nn"])
    if conv == "nee":
        return "%s %s %s" % (I.used, I.born(), I.birth)
    if conv == "ep":
        return "%s %s %s" % (I.birth, "épouse" if f else "époux", I.used)
    if conv == "usage":
        return "%s, usage %s" % (I.birth, I.used)
    return "%s (NN : %s)" % (I.used, I.birth)


def _who(I, rng, civ=None, order=None, conv=None, given=None):
    given = given if given is not None else _firsts(I, rng, ("first", "all", "all"))
    fam = _fam(I, rng, conv)
    order = order or rng.choice(["fam", "fam", "giv"])
    name = "%s %s" % (fam, given) if order == "fam" and "(" not in fam and "," not in fam else "%s %s" % (given, fam)
    return "%s %s" % (civ, name) if civ else name


def _e(I):
    return "e" if I.sex == "F" else ""


def _sz(I, lo=7.5, hi=10):
    size = max(lo, min(I.size, hi))
    return size, max(5.5, size - 2)


def _euros(v):
    return ("%.2f" % v).replace(".", ",") + " €"


def _mobile(rng, prefix=None):
    prefix = prefix or rng.choice(["06", "07"])
    return "%s %02d %02d %02d %02d" % (prefix, rng.randint(10, 99), rng.randint(0, 99), rng.randint(0, 99),
                                       rng.randint(0, 99))


# ---------------------------------------------------------------------------------------------
# Drawing helpers. Frames record their edges only, so that what stands inside them stays free.

def _fit(doc, texts, width, size, bold=False, italic=False, floor=5.0):
    while size > floor and max([doc.sw(t, size, bold=bold, italic=italic) for t in texts] or [0]) > width:
        size -= 0.25
    return size


def _edges(doc, x, top, w, h, lw):
    for b in ((x, top - lw, x + w, top + lw), (x, top + h - lw, x + w, top + h + lw),
              (x - lw, top, x + lw, top + h), (x + w - lw, top, x + w + lw, top + h)):
        doc.add_box(b)


def _box(doc, x, top, w, h, lw=0.6, gray=0.0, radius=0, dash=None):
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
    _edges(doc, x, top, w, h, lw)


def _shade(doc, x, top, w, h, gray, radius=0, record=True):
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


def _in_cell(doc, x, top, w, h, text, size, bold=False, italic=False, gray=0.0, pad=4, align="left"):
    if not text:
        return
    sz = _fit(doc, [text], w - 2 * pad, size, bold=bold, italic=italic, floor=4.5)
    base = top + h / 2 + sz * 0.33
    if align == "right":
        doc.text(x + w - pad, base, text, sz, bold=bold, italic=italic, gray=gray, align="right")
    elif align == "centre":
        doc.text(x + w / 2, base, text, sz, bold=bold, italic=italic, gray=gray, align="centre")
    else:
        doc.text(x + pad, base, text, sz, bold=bold, italic=italic, gray=gray)


def _lines(doc, x, top, items, k=1.0, align="left"):
    """Sets (text, size, bold, italic, gray) lines downwards from `top`; returns the y under them."""
    y = top
    for t, sz, b, i, g in items:
        lead = doc.lead(sz) * k
        y += lead * 0.8
        if t:
            doc.text(x, y, t, sz, bold=b, italic=i, gray=g, align=align)
        y += lead * 0.2
    return y


def _lines_h(doc, items, k=1.0):
    return sum(doc.lead(sz) * k for _, sz, _, _, _ in items)


def _other_face(doc, x, y, s, font, size, gray=0.0):
    """A line in a face other than the letter's (a program's printout pasted in the letter)."""
    c = doc.c
    w = M.pdfmetrics.stringWidth(s, font, size)
    c.setFillGray(gray)
    c.setFont(font, size)
    c.drawString(x, M.H - y, s.replace(M.NBSP, " "))
    c.setFillGray(0)
    letter = getattr(doc, "letter", None)
    if letter is not None:
        letter.drawn.append(s)
    box = (x, y - size * 0.8, x + w, y + size * 0.25)
    if M.CHECK_OVERLAP:
        doc.check_overlap(box, s)
    doc.add_box(box)
    return w


def _turned(doc, x, y, text, size, bold=False, gray=0.0):
    """Text reading upwards from (x, y) (page coordinates from the top); records its box."""
    c = doc.c
    w = doc.sw(text, size, bold=bold)
    c.saveState()
    c.setFillGray(gray)
    c.translate(x, M.H - y)
    c.rotate(90)
    c.setFont(doc.fontname(bold), size)
    c.drawString(0, 0, text.replace(M.NBSP, " "))
    c.restoreState()
    letter = getattr(doc, "letter", None)
    if letter is not None:
        letter.drawn.append(text)
    doc.add_box((x - size * 0.8, y - w, x + size * 0.25, y))
    return w


def _tick(doc, x, y, s):
    """A drawn tick mark whose lower-left corner is at (x, y)."""
    c = doc.c
    c.saveState()
    c.setLineWidth(max(0.6, s / 7))
    p = c.beginPath()
    p.moveTo(x, M.H - y + s * 0.45)
    p.lineTo(x + s * 0.35, M.H - y)
    p.lineTo(x + s, M.H - y + s)
    c.drawPath(p, stroke=1, fill=0)
    c.restoreState()
    doc.add_box((x, y - s, x + s, y))


def _square(doc, x, top, s, ticked):
    c = doc.c
    c.saveState()
    c.setLineWidth(0.5)
    c.rect(x, M.H - top - s, s, s, stroke=1, fill=0)
    if ticked:
        c.line(x + 1.5, M.H - top - 1.5, x + s - 1.5, M.H - top - s + 1.5)
        c.line(x + 1.5, M.H - top - s + 1.5, x + s - 1.5, M.H - top - 1.5)
    c.restoreState()
    doc.add_box((x, top, x + s, top + s))


# ---------------------------------------------------------------------------------------------
# Identity

_MUTUELLES = ["Mutuelle Armor Santé", "Mutuelle des Agents Territoriaux", "Mutuelle de l'Iroise", "Prévoyance Océane",
              "Mutuelle familiale du Ponant"]


def id_invoice(doc, I, rng):
    """An invoice of the hospital's revenue office: a title line with the invoice number flush
    right, the accounting references under it, then a ruled box of two zones under shaded
    captions (the person cared for with labels before bold values; the one who pays with their
    address), the lines of the invoice and the total, the due date last."""
    L = doc.letter
    size, small = _sz(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    num = "%02d%07d" % (rng.choice([25, 26]), rng.randint(1, 9999999))
    title = rng.choice(["AVIS DES SOMMES À PAYER", "Avis des sommes à payer", "FACTURE – FRAIS DE SÉJOUR"])
    ref = rng.choice(["Facture n° %s" % num, "N° de facture : %s" % num, "Avis n° %s" % num])
    sub = "Titre de recette n° %d – exercice 2026 – bordereau n° %d" % (rng.randint(1000, 99999), rng.randint(10, 999))
    rows = [(_NN, I.birth)]
    if I.used:
        rows.append((rng.choice([_NU, _NU2]), I.used))
    rows.append((rng.choice([_PR, _PR2]), _firsts(I, rng, ("all", "all-comma"))))
    rows.append((rng.choice([_DN, "Né%s le" % _e(I)]), _dn(I, rng, DN_ALL)))
    rows.append(("Sexe", _sx(I, rng, ["l", "w", "ab"])))
    if I.place:
        rows.append((rng.choice([_LN, "Commune/pays de naissance"]), _lieu(I, rng, LIEU_ALL)))
    if I.ins:
        rows.append((rng.choice([_INS, "Matricule INS-NIR"]), _nir(I, rng, NIR_ALL)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    street, pc, city = L.patient["home"]
    if I.child or rng.random() < 0.3:
        if I.insured:
            payer = "%s %s %s" % (I.insured["civ"], I.insured["family"], I.insured["given"])
        else:
            cf = rng.random() < 0.5
            payer = "%s %s %s" % ("Mme" if cf else "M.", I.birth, rng.choice(M.GIVEN_F if cf else M.GIVEN_M))
        debtor = [payer, street, "%s %s" % (pc, city)]
    elif rng.random() < 0.6:
        debtor = ["%s %s %s" % (I.civ(rng, "short"), I.used or I.birth, I.firsts[0]), street, "%s %s" % (pc, city)]
    else:
        debtor = [rng.choice(_MUTUELLES), "N° adhérent %08d" % rng.randint(1, 99999999),
                  "Service tiers payant", "CS %d" % rng.randint(10000, 99999)]
    nights = rng.randint(1, 12)
    lines = [("Forfait journalier (%d j × 20,00 €)" % nights, 20.0 * nights),
             ("Ticket modérateur (20 %)", rng.randint(500, 40000) / 100.0)]
    if rng.random() < 0.5:
        lines.append(("Chambre particulière (%d j)" % nights, 45.0 * nights))
    total = sum(v for _, v in lines)
    L.traps += ["invoice-number", "amounts", "debtor"]
    lead = doc.lead(size)
    cap_h = doc.lead(small) + 4
    h = cap_h + lead * max(len(rows), len(debtor)) + 8
    doc.need(lead * 2 + h + doc.lead(small) * (len(lines) + 3) + 16)
    doc.y += lead * 0.8
    tsz = _fit(doc, [title], width * 0.55, size + 1, bold=True)
    doc.text(x0, doc.y, title, tsz, bold=True)
    doc.text(doc.right, doc.y, ref, small + 0.5, align="right")
    doc.y += lead * 0.2
    doc.line(sub, small, gray=0.35)
    top = doc.y + 3
    split = width * 0.58
    _shade(doc, x0, top, width, cap_h, 0.86, record=False)
    _box(doc, x0, top, width, h, lw=0.6)
    _vr(doc, x0 + split, top, top + h, 0.4)
    doc.text(x0 + 5, top + cap_h - 4, rng.choice(["HOSPITALISÉ(E)", "Hospitalisé(e)", "BÉNÉFICIAIRE DES SOINS"]),
             small, bold=True)
    doc.text(x0 + split + 5, top + cap_h - 4, rng.choice(["DÉBITEUR", "Redevable", "À payer par"]), small, bold=True)
    tab = max(doc.sw(a, small) for a, _ in rows) + 12
    y = top + cap_h + 3
    doc.mark("identity")
    for a, b in rows:
        y += lead * 0.8
        doc.text(x0 + 5, y, a, small, gray=0.35)
        doc.text(x0 + 5 + tab, y, b, _fit(doc, [b], split - tab - 14, size, bold=True), bold=True)
        y += lead * 0.2
    doc.unmark()
    y = top + cap_h + 3
    for t in debtor:
        y += lead * 0.8
        doc.text(x0 + split + 6, y, t, _fit(doc, [t], width - split - 12, size))
        y += lead * 0.2
    doc.y = top + h + 4
    items = lines + [("Total à payer", total)]
    lx = min(x0 + split, doc.right - max(doc.sw(t, small, bold=True) + doc.sw(_euros(v), small, bold=True)
                                         for t, v in items) - 16)
    for t, v in items:
        bold = t.startswith("Total")
        doc.y += doc.lead(small) * 0.8
        doc.text(lx, doc.y, t, small, bold=bold)
        doc.text(doc.right - 4, doc.y, _euros(v), small, bold=bold, align="right")
        doc.y += doc.lead(small) * 0.2
    _hr(doc, lx, doc.right, doc.y + 1, 0.3, 0.4)
    doc.gap(3)
    doc.line("À régler avant le %02d/12/2026 auprès du Trésor public – référence à rappeler : %s" % (
        rng.randint(5, 31), num), small, italic=True)
    doc.gap(size * 0.5)


def id_transfusion(doc, I, rng):
    """A nominative delivery of blood products: a shaded bar with the request number, the
    recipient in a ruled table of three columns (what, the value in bold, a tick in a column of
    concordance), the blood group and antibody screen on a line, then the products delivered
    with their numbers, groups, expiry dates and times."""
    L = doc.letter
    size, small = _sz(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    rows = [(_NN, I.birth)]
    if I.used:
        rows.append((rng.choice([_NU2, _NU]), I.used))
    rows.append((rng.choice([_PR, _PR2]), _firsts(I, rng, ("all", "all-comma", "first"))))
    rows.append((_DN, _dn(I, rng, DN_NUM)))
    rows.append(("Sexe", _sx(I, rng, ["l", "w", "W"])))
    if I.place:
        rows.append((rng.choice([_LN, "Lieu de naissance – code COG"]), _lieu(I, rng, LIEU_ALL)))
    if I.ins:
        rows.append((rng.choice(["INS", _INS]), _nir(I, rng, NIR_ALL)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    grp = rng.choice(["O", "A", "A", "B", "AB"]) + " RH:" + rng.choice(["1", "1", "1", "-1"])
    products = []
    for _ in range(rng.randint(1, 3)):
        products.append(("%s%02d %06d %02d" % (rng.choice("ABCEFGH"), rng.choice([25, 26]), rng.randint(0, 999999),
                                               rng.randint(0, 99)),
                         rng.choice(["CGR déleucocyté", "PFC-SE", "MCP-IA", "CGR irradié"]), grp,
                         "%02d/12/2026" % rng.randint(1, 31), "%02dh%02d" % (rng.randint(7, 22), rng.randint(0, 59))))
    L.traps += ["product-numbers", "blood-group", "delivery-times"]
    rh = doc.lead(size) + 4
    heads = ("N° du produit", "Produit", "Groupe", "Péremption", "Délivré à")
    doc.need(rh * (len(rows) + len(products) + 5) + 20)
    top = doc.y + 2
    bh = doc.lead(small) + 6
    _shade(doc, x0, top, width, bh, 0.3)
    bar = rng.choice(["DÉPÔT DE SANG – DÉLIVRANCE NOMINATIVE", "Délivrance de produits sanguins labiles"])
    doc.text(x0 + 5, top + bh * 0.7, bar, small, bold=True, gray=1.0)
    doc.text(x0 + width - 5, top + bh * 0.7, "Demande n° %08d" % rng.randint(1, 99999999), small, gray=1.0,
             align="right")
    y = top + bh + 4
    c1 = max(doc.sw(a, small) for a, _ in rows) + 12
    c3 = max(doc.sw("Concordance", small - 0.5), 40) + 8
    c2 = min(width - c1 - c3, max(doc.sw(b, size, bold=True) for _, b in rows) + 40)
    doc.text(x0 + c1 + c2 + c3 / 2, y + small, "Concordance", small - 0.5, italic=True, gray=0.3, align="centre")
    doc.text(x0 + 4, y + small, rng.choice(["RECEVEUR", "Receveur du produit"]), small, bold=True)
    y += small + 3
    doc.mark("identity")
    for a, b in rows:
        _box(doc, x0, y, c1 + c2 + c3, rh, lw=0.4)
        _vr(doc, x0 + c1, y, y + rh, 0.3)
        _vr(doc, x0 + c1 + c2, y, y + rh, 0.3)
        _in_cell(doc, x0, y, c1, rh, a, small, gray=0.25)
        _in_cell(doc, x0 + c1, y, c2, rh, b, size, bold=True)
        _tick(doc, x0 + c1 + c2 + c3 / 2 - 4, y + rh - 3, 8)
        y += rh
    doc.unmark()
    doc.y = y + 2
    doc.para("Groupe ABO-RH1 : %s – phénotype RH-KEL1 : %s – RAI : négative (prélèvement du %02d/11/2026 "
             "à %02dh%02d)" % (
        grp, rng.choice(["RH:1,2,-3,-4,5 KEL:-1", "RH:1,-2,3,4,5 KEL:-1", "RH:-1,-2,-3,4,5 KEL:-1"]),
        rng.randint(10, 22), rng.randint(6, 20), rng.randint(0, 59)), small, after=2)
    ws = [max(doc.sw(r[i], small, bold=(r is heads)) for r in products + [heads]) + 10 for i in range(5)]
    k = min(1.0, width / sum(ws))
    ws = [w * k for w in ws]
    y = doc.y
    rh2 = doc.lead(small) + 4
    for r in [heads] + products:
        x = x0
        if r is heads:
            _shade(doc, x, y, sum(ws), rh2, 0.9, record=False)
        for v, w in zip(r, ws):
            _box(doc, x, y, w, rh2, lw=0.3)
            _in_cell(doc, x, y, w, rh2, v, small, bold=(r is heads))
            x += w
        y += rh2
    doc.y = y + 4
    doc.gap(size * 0.5)


def _teeth(child):
    if child:
        return [55, 54, 53, 52, 51, 61, 62, 63, 64, 65], [85, 84, 83, 82, 81, 71, 72, 73, 74, 75]
    return ([18, 17, 16, 15, 14, 13, 12, 11, 21, 22, 23, 24, 25, 26, 27, 28],
            [48, 47, 46, 45, 44, 43, 42, 41, 31, 32, 33, 34, 35, 36, 37, 38])


def id_dental(doc, I, rng):
    """The head of a dental chart: the person on the left (each label underlined, the value after
    it), the chart on the right (or under it in a narrow letter): the teeth by their two-digit
    numbers in two ruled rows, a letter under the treated ones, the legend under the chart."""
    L = doc.letter
    size, small = _sz(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    rows = [(rng.choice([_NN, "Nom"]), I.birth)]
    if I.used:
        rows.append((_NU, I.used))
    rows.append((rng.choice([_PR2, _PR]), _firsts(I, rng)))
    rows.append((rng.choice(["Né%s le" % _e(I), _DN]), _dn(I, rng, DN_ALL)))
    rows.append(("Sexe", _sx(I, rng, ["l", "w", "p"])))
    if I.place:
        rows.append((rng.choice(["Né%s à" % _e(I), _LN]), _lieu(I, rng, LIEU_ALL)))
    if I.ins:
        rows.append(("INS", _nir(I, rng, NIR_ALL)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    up, low = _teeth(I.child)
    marks = {}
    for t in up + low:
        if rng.random() < 0.18:
            marks[t] = rng.choice(["C", "X", "O", "Co", "I"] if not I.child else ["C", "X", "O"])
    L.traps.append("tooth-numbers")
    side = width >= 430
    lw = width * 0.44 if side else width
    chart_w = (width - lw - 14) if side else min(width, 16 * 24)
    cw = chart_w / len(up)
    rh = small + 8
    lead = doc.lead(size)
    id_h = lead * len(rows) + 4
    ch_h = small * 2 + rh * 4 + 20
    doc.need((max(id_h, ch_h) if side else id_h + ch_h) + 14)
    doc.line(rng.choice(["SCHÉMA DENTAIRE", "Bilan bucco-dentaire", "Examen odontologique"]), size, bold=True)
    top = doc.y + 2
    y = top
    doc.mark("identity")
    for a, b in rows:
        y += lead * 0.8
        w = doc.text(x0, y, a, small, gray=0.2)
        _hr(doc, x0, x0 + w, y + 1.2, 0.3, 0.2)
        doc.text(x0 + w + 6, y, b, _fit(doc, [b], lw - w - 14, size, bold=True), bold=True)
        y += lead * 0.2
    doc.unmark()
    cx = x0 + lw + 14 if side else x0
    cy = top + 2 if side else y + 8
    doc.text(cx, cy + small, rng.choice(["Numérotation FDI", "Denture %s" % ("temporaire" if I.child else "permanente")]),
             small, italic=True, gray=0.3)
    cy += small + 4
    for r, teeth in enumerate((up, low)):
        for i, t in enumerate(teeth):
            x = cx + i * cw
            yy = cy + r * 2 * rh
            _box(doc, x, yy, cw, rh, lw=0.3)
            _box(doc, x, yy + rh, cw, rh, lw=0.3)
            _in_cell(doc, x, yy, cw, rh, str(t), small, align="centre", pad=1)
            if t in marks:
                _in_cell(doc, x, yy + rh, cw, rh, marks[t], small, bold=True, align="centre", pad=1)
    _vr(doc, cx + cw * len(up) / 2, cy - 2, cy + 4 * rh + 2, 1.2)
    _hr(doc, cx - 2, cx + cw * len(up) + 2, cy + 2 * rh, 1.0)
    legend = "C carie – X absente – O obturation – Co couronne – I implant"
    ly = cy + 4 * rh + small + 3
    doc.text(cx, ly, legend, _fit(doc, [legend], chart_w, small - 0.5), gray=0.35)
    doc.y = max(y, ly + 3) + 4
    doc.gap(size * 0.5)


def id_inline_sentence(doc, I, rng, reason):
    """The body opens on one sentence giving the registered identity, each trait behind its name
    in lower case, without colons, the traits separated by commas; the reason follows."""
    size = doc.size
    f = I.sex == "F"
    who = ("l'enfant suivi" + _e(I)) if I.child else ("votre patient" + _e(I))
    opener = rng.choice(["%s est enregistré%s dans notre établissement sous l'identité suivante :" % (
                             who[0].upper() + who[1:], _e(I)),
                         "Identité enregistrée après contrôle d'une pièce officielle :",
                         "Pour l'identitovigilance, %s est identifié%s ainsi :" % (who, _e(I))])
    parts = [_low(_NN) + " " + I.birth]
    if I.used:
        parts.append(_low(rng.choice([_NU, _NU2])) + " " + I.used)
    if rng.random() < 0.25 and len(I.firsts) > 1:
        parts.append("premier prénom " + I.first_names(rng, "first"))
    else:
        parts.append(_low(rng.choice([_PR, _PR2])) + " " + I.first_names(rng, "all"))
    parts.append(_low(_DN) + " " + _dn(I, rng, DN_ALL))
    parts.append("sexe " + _sx(I, rng, ["lw", "l"]))
    if I.place:
        parts.append(_low(_LN) + " " + _lieu(I, rng, LIEU_ALL))
    if I.ins:
        parts.append(rng.choice([_low(_INS), "INS"]) + " " + _nir(I, rng, NIR_ALL))
        if I.oid:
            parts[-1] += " (OID %s)" % M.TEST_OID
    s1 = opener + " " + ", ".join(parts) + "."
    s2 = rng.choice(["Je vous l'adresse %s." % reason,
                     "%s nous a été confié%s %s." % ("Elle" if f else "Il", _e(I), reason),
                     "La consultation a eu lieu %s." % reason])
    doc.mark("identity")
    doc.para(s1, size, keep=True, after=2)
    doc.unmark()
    doc.para(s2, size)


_EXAMS = ["Scanner thoracique sans injection", "TDM abdomino-pelvienne avec injection", "Scanner cérébral",
          "Angioscanner des membres inférieurs", "Coroscanner", "Uroscanner"]


def id_dicom(doc, I, rng):
    """A dose report from the imaging modality pasted in the report: a line naming the
    examination and the person, then the study's attributes as the modality prints them (tag,
    keyword, value) in a fixed-width face on a grey ground: the name as FAMILY^GIVEN, the birth
    date as YYYYMMDD, the national identifier among the other identifiers, the birth place in
    the comments, the study's UID; the dose under it."""
    L = doc.letter
    size, small = _sz(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    civ = I.civ(rng, rng.choice(["short", "long"]))
    exam = rng.choice(_EXAMS)
    l1 = "%s – %s %s %s" % (exam, civ, I.firsts[0], I.used or I.birth)
    if rng.random() < 0.5:
        l1 += ", %s le %s" % (I.born(), _dn(I, rng, ["slash", "words"]))
    firsts = M.insi(I.first_names(rng, "all"))
    y, m, d = I.iso.split("-")
    tags = [("0008,0020", "Study Date", "202611%02d" % rng.randint(2, 22)),
            ("0008,0050", "Accession Number", "A%02d%07d" % (rng.choice([25, 26]), rng.randint(1, 9999999))),
            ("0010,0010", "Patient's Name", "%s^%s" % (M.insi(I.birth), firsts))]
    if I.used:
        tags.append(("0010,1001", "Other Patient Names", "%s^%s" % (M.insi(I.used), firsts.split(" ")[0])))
    if I.ipp:
        tags.append(("0010,0020", "Patient ID", I.ipp))
        I.uses.add("ipp")
    else:
        tags.append(("0010,0020", "Patient ID", "%08d" % rng.randint(1, 99999999)))
    tags.append(("0010,0030", "Patient's Birth Date", y + m + d))
    tags.append(("0010,0040", "Patient's Sex", I.sex))
    if I.ins:
        tail = ("^^^&%s&ISO" % M.TEST_OID) if I.oid else "^^^INS-NIR"
        tags.append(("0010,1000", "Other Patient IDs", I.ins + tail))
    if I.place:
        tags.append(("0010,4000", "Patient Comments", "Lieu de naissance %s" % _lieu(I, rng, ["nc", "cn", "code"])))
    uid = "1.2.250.1.%d.%d.%d.%d" % (rng.randint(10, 999), rng.randint(1, 9), rng.randint(10 ** 5, 10 ** 7),
                                     rng.randint(10 ** 8, 10 ** 10))
    tags.append(("0020,000D", "Study Instance UID", uid))
    ctdi = rng.uniform(2.5, 18)
    tags.append(("0018,9345", "CTDIvol", "%.2f mGy" % ctdi))
    L.traps += ["dicom-uid", "accession-number", "dose"]
    font = "Courier"
    fsz = max(6.0, small)
    kw = max(len(k) for _, k, _ in tags)
    texts = ["(%s) %s : %s" % (t, k.ljust(kw), v) for t, k, v in tags]
    while fsz > 5 and max(M.pdfmetrics.stringWidth(t, font, fsz) for t in texts) > width - 16:
        fsz -= 0.25
    lead = fsz * 1.3
    h = lead * len(texts) + 8
    doc.need(doc.lead(size) * 3 + h + 10)
    doc.mark("identity")
    doc.para(l1, size, bold=True, after=2)
    top = doc.y + 1
    _shade(doc, x0, top, width, h, 0.93, record=False)
    _edges(doc, x0, top, width, h, 0.3)
    y = top + 4
    for t in texts:
        y += lead * 0.8
        _other_face(doc, x0 + 6, y, t, font, fsz)
        y += lead * 0.2
    doc.unmark()
    doc.y = top + h + 2
    doc.line("Produit dose-longueur (PDL) : %d mGy.cm – %s" % (int(ctdi * rng.uniform(20, 45)),
                                                              rng.choice(["NRD respecté", "acquisition hélicoïdale"])),
             small, gray=0.3)
    doc.gap(size * 0.5)


_RETRO = ["Emtricitabine/Ténofovir disoproxil 200 mg/245 mg, cp", "Ribavirine 200 mg, gélule", "Valganciclovir 450 mg, cp",
          "Époétine alfa 10 000 UI/1 mL, seringue", "Adalimumab 40 mg, stylo prérempli", "Somatropine 10 mg/1,5 mL",
          "Ténofovir alafénamide 25 mg, cp"]


def id_retrocession(doc, I, rng):
    """A hospital pharmacy dispensing to an outpatient: a bold heading with the dispensing
    number and the prescriber with their RPPS, the person under a caption, each label then a
    right guillemet and the value, then the drugs in a ruled table with their 13-digit codes."""
    L = doc.letter
    size, small = _sz(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    a = L.author
    head = rng.choice(["PHARMACIE À USAGE INTÉRIEUR – RÉTROCESSION", "Pharmacie hospitalière – dispensation externe"])
    pres = "Dispensation n° %d du %02d/11/2026 – prescripteur : %s %s %s (RPPS %s)" % (
        rng.randint(10000, 999999), rng.randint(2, 22), "Pr" if a.title == "PR" else "Dr", a.given, a.family, a.rpps)
    sep = rng.choice([" » ", " » ", " › "])
    rows = [(_NN, I.birth)]
    if I.used:
        rows.append((_NU, I.used))
    rows.append((rng.choice([_PR, _PR2]), _firsts(I, rng, ("all", "all-comma", "first"))))
    rows.append((_DN, _dn(I, rng, DN_ALL)))
    rows.append(("Sexe", _sx(I, rng, ["l", "w", "ab"])))
    if I.place:
        rows.append((_LN, _lieu(I, rng, LIEU_ALL)))
    if I.ins:
        rows.append((rng.choice(["INS", _INS]), _nir(I, rng, NIR_ALL)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    drugs = []
    for name in rng.sample(_RETRO, rng.randint(1, 3)):
        cip = "34009" + "%08d" % rng.randint(30000000, 39999999)
        cip = cip if rng.random() < 0.5 else "%s %s %s %s" % (cip[:5], cip[5:8], cip[8:11], cip[11:])
        drugs.append((cip, name, str(rng.randint(1, 3)), _euros(rng.randint(2000, 150000) / 100.0)))
    L.traps += ["cip13-codes", "author-rpps", "amounts"]
    lead = doc.lead(size)
    rh = doc.lead(small) + 4
    doc.need(lead * (len(rows) + 4) + rh * (len(drugs) + 1) + 16)
    doc.line(head, _fit(doc, [head], width, size + 0.5, bold=True), bold=True)
    doc.para(pres, small, after=2)
    doc.line(rng.choice(["Patient ambulatoire", "Personne traitée", "Dispensé à"]), small, bold=True, gray=0.3)
    x = x0 + rng.choice([0, 8])
    doc.mark("identity")
    for lb, v in rows:
        doc.y += lead * 0.8
        w = doc.text(x, doc.y, lb + sep, small)
        doc.text(x + w, doc.y, v, _fit(doc, [v], doc.right - x - w, size, bold=True), bold=True)
        doc.y += lead * 0.2
    doc.unmark()
    doc.gap(4)
    heads = ("Code CIP", "Désignation", "Qté", "Prix unitaire")
    ws = [max(doc.sw(r[i], small, bold=(r is heads)) for r in drugs + [heads]) + 10 for i in range(4)]
    k = min(1.0, width / sum(ws))
    ws = [w * k for w in ws]
    y = doc.y
    for r in [heads] + drugs:
        xx = x0
        for i, (v, w) in enumerate(zip(r, ws)):
            _box(doc, xx, y, w, rh, lw=0.3)
            _in_cell(doc, xx, y, w, rh, v, small, bold=(r is heads), align="right" if i >= 2 and r is not heads else "left")
            xx += w
        y += rh
    doc.y = y + 4
    doc.gap(size * 0.5)


_CARDS = [("CARTE DE PATIENT ALLERGIQUE", ["Allergie documentée : %s" % a for a in
                                           ("amoxicilline (urticaire généralisée)", "produits de contraste iodés",
                                            "latex (réaction de grade II)", "venin d'hyménoptère (guêpe)")]),
          ("CARTE DE PORTEUR DE VALVE", ["Bioprothèse aortique n° de série %07d" % n for n in (4120033, 7781202, 5502917)]),
          ("CARTE ANTICOAGULANT", ["Traitement : %s – INR cible %s" % t for t in
                                   (("fluindione", "2 à 3"), ("warfarine", "2,5 à 3,5"), ("acénocoumarol", "2 à 3"))]),
          ("CARTE DE SOINS ET D'URGENCE", ["Pathologie : %s" % t for t in ("drépanocytose SS", "hémophilie A sévère",
                                                                           "insuffisance surrénale")])]


def id_card_pair(doc, I, rng):
    """A wallet card reproduced in the letter, both sides side by side under small captions: on
    the front a dark strip with the card's title in white, then the person a line each without
    labels but the birth and the identifier; on the back what the card is for, the emergency
    numbers and the department that issued it."""
    L = doc.letter
    size, small = _sz(I, 7, 9)
    x0, width = doc.left, doc.right - doc.left
    f = I.sex == "F"
    title, pool = rng.choice(_CARDS)
    cw = min((width - 16) / 2, 250)
    front = [(_fam(I, rng, rng.choice(["nee", "ep", "usage"])) + " " + _firsts(I, rng, ("all", "first")), size, True)]
    front.append(("%s le %s – %s" % ("Née" if f else "Né", _dn(I, rng, DN_ALL), _sx(I, rng, ["w", "p", "l"])),
                  size - 0.5, False))
    if I.place:
        front.append((_born_in(I, rng), size - 0.5, False))
    if I.ins:
        front.append(("INS " + _nir(I, rng, NIR_ALL), size - 0.5, True))
        if I.oid:
            front.append(("OID " + M.TEST_OID, small, False))
    h = L.hospital
    back = [(rng.choice(pool), size - 0.5, True),
            ("Carte délivrée le %02d/11/2026" % rng.randint(2, 22), small, False),
            ("En cas d'urgence : 15 ou 112", small, False),
            ("%s – %s" % (M.service_of(L.author.service), h["short"]), small, False),
            ("Tél. : %s" % h["phone"], small, False)]
    L.traps += ["card-numbers", "hospital-phone"]
    strip = doc.lead(small) + 5
    fr_items = [(t, _fit(doc, [t], cw - 14, sz, bold=b), b, False, 0) for t, sz, b in front]
    bk_items = [(t, _fit(doc, [t], cw - 14, sz, bold=b), b, False, 0) for t, sz, b in back]
    ch = max(cw * 0.6, strip + max(_lines_h(doc, fr_items), _lines_h(doc, bk_items)) + 12)
    doc.need(ch + small * 2 + 16)
    top = doc.y + small + 4
    for k, cap in enumerate(rng.choice([("Recto", "Verso"), ("RECTO", "VERSO"), ("Face avant", "Face arrière")])):
        doc.text(x0 + k * (cw + 16) + 2, top - 3, cap, small - 0.5, italic=True, gray=0.4)
    _shade(doc, x0, top, cw, strip, 0.25, radius=0, record=False)
    _box(doc, x0, top, cw, ch, lw=0.7, radius=7)
    doc.text(x0 + 7, top + strip * 0.7, title, _fit(doc, [title], cw - 14, small, bold=True), bold=True, gray=1.0)
    doc.mark("identity")
    _lines(doc, x0 + 7, top + strip + 3, fr_items)
    doc.unmark()
    bx = x0 + cw + 16
    _box(doc, bx, top, cw, ch, lw=0.7, radius=7)
    _lines(doc, bx + 7, top + 5, bk_items)
    doc.y = top + ch + 4
    doc.gap(size * 0.5)


def _companion(rng, I):
    """A second person: the partner of an adult, a parent of a child."""
    if I.child:
        sex = rng.choice("FM")
        fam = I.birth if rng.random() < 0.7 else None
        for _ in range(30):
            q = M.make_patient(rng, sex=sex, family=fam)
            if 1958 <= int(q["birth_date"][:4]) <= 2000:
                break
        return q, ("Mère" if sex == "F" else "Père")
    sex = ("M" if I.sex == "F" else "F") if rng.random() < 0.85 else I.sex
    year = int(I.iso[:4])
    for _ in range(40):
        q = M.make_patient(rng, sex=sex)
        if abs(int(q["birth_date"][:4]) - year) <= 12:
            break
    return q, "Conjoint(e)"


def id_persons_columns(doc, I, rng):
    """A couple's (or a child's and a parent's) file: one ruled table whose columns are the two
    people, under a shaded heading row, and whose rows are the traits; the person cared for in
    bold in the first column of values, the other one plain beside it."""
    L = doc.letter
    size, small = _sz(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    f = I.sex == "F"
    q, qcap = _companion(rng, I)
    if I.child:
        pcap = "Enfant suivi" + _e(I)
    else:
        pcap = "Titulaire du dossier" if rng.random() < 0.5 else "Demandeur" + ("se" if f else "") + " de soins"
    title = rng.choice(["Renseignements familiaux", "Filiation – représentants légaux"]) if I.child else \
        rng.choice(["Assistance médicale à la procréation – dossier du couple", "Consultation du couple"])
    dstyle = rng.choice(DN_NUM)
    nstyle = rng.choice(NIR_ALL)
    qf = q["sex"] == "F"
    qdate = _keep(_date_text(q["birth_date"], dstyle))
    qn = q["ins"]
    rows = [(_NN, I.birth, q["birth_name"]),
            (_NU, I.used or "–", q["used_name"] or "–"),
            (_PR, _firsts(I, rng, ("all", "all")), " ".join(q["first_names"])),
            (_DN, _dn(I, rng, [dstyle]), qdate),
            ("Sexe", _sx(I, rng, ["w"]), "Féminin" if qf else "Masculin")]
    if I.place:
        rows.append((_LN, _lieu(I, rng, ["nc"]), "%s (%s)" % (q["birth_town"], q["birth_place"])))
    else:
        rows.append((_LN, "–", "%s (%s)" % (q["birth_town"], q["birth_place"])))
    if I.ins:
        qins = _keep(_nir_text(qn, nstyle))
        rows.append((_INS, _nir(I, rng, [nstyle]), qins))
        if I.oid:
            rows.append(("OID", M.TEST_OID, M.TEST_OID))
    L.traps += ["second-person-identity", "second-ins"]
    rh = doc.lead(size) + 5
    c1 = max(doc.sw(a, small, bold=True) for a, _, _ in rows) + 12
    cv = (width - c1) / 2
    doc.need(rh * (len(rows) + 1) + doc.lead(size) * 2 + 10)
    doc.line(title, size, bold=True)
    top = doc.y + 2
    _shade(doc, x0 + c1, top, cv * 2, rh, 0.85, record=False)
    _in_cell(doc, x0 + c1, top, cv, rh, pcap, small, bold=True)
    _in_cell(doc, x0 + c1 + cv, top, cv, rh, qcap, small, bold=True)
    _box(doc, x0 + c1, top, cv * 2, rh, lw=0.4)
    y = top + rh
    doc.mark("identity")
    for a, b, c in rows:
        _box(doc, x0, y, width, rh, lw=0.4)
        _vr(doc, x0 + c1, y, y + rh, 0.3)
        _vr(doc, x0 + c1 + cv, y, y + rh, 0.3)
        _in_cell(doc, x0, y, c1, rh, a, small, bold=True, gray=0.2)
        _in_cell(doc, x0 + c1, y, cv, rh, b, size, bold=True)
        y += rh
    doc.unmark()
    y = top + rh
    for a, b, c in rows:
        _in_cell(doc, x0 + c1 + cv, y, cv, rh, c, size)
        y += rh
    doc.y = y + 4
    doc.gap(size * 0.5)


def id_broken_bar(doc, I, rng):
    """The head of a standardised assessment (of an elderly person, or of a child's development):
    the traits two a line as 'label : value', the pairs split by a broken bar, under a caption;
    then a one-row ruled table of the scores."""
    L = doc.letter
    size, small = _sz(I, 7.5, 10)
    sep = rng.choice(["  ¦  ", " ¦ "])
    pairs = []
    first = [(_NN, I.birth)] + ([(rng.choice([_NU, _NU2]), I.used)] if I.used else [])
    pairs.append(first)
    pairs.append([(rng.choice([_PR, _PR2]), _firsts(I, rng, ("all", "all-comma", "first"))),
                  ("Sexe", _sx(I, rng, ["l", "w", "ab"]))])
    born = [(rng.choice(["Né%s le" % _e(I), _DN]), _dn(I, rng, DN_ALL))]
    if I.place:
        born.append((rng.choice([_LN, "Commune/pays de naissance"]), _lieu(I, rng, LIEU_ALL)))
    pairs.append(born)
    if I.ins:
        pairs.append([("INS", _nir(I, rng, NIR_ALL))] + ([("OID", M.TEST_OID)] if I.oid else []))
    if I.child:
        cap = rng.choice(["BILAN DU DÉVELOPPEMENT PSYCHOMOTEUR", "Bilan de développement"])
        scores = [("QD global", str(rng.randint(70, 115))), ("Posture", str(rng.randint(70, 120))),
                  ("Coordination", str(rng.randint(70, 120))), ("Langage", str(rng.randint(60, 120))),
                  ("Sociabilité", str(rng.randint(70, 120)))]
    else:
        cap = rng.choice(["ÉVALUATION GÉRIATRIQUE STANDARDISÉE", "Évaluation gérontologique"])
        scores = [("MMSE", "%d/30" % rng.randint(12, 30)), ("ADL", "%s/6" % rng.choice(["3", "4", "4,5", "5", "6"])),
                  ("IADL", "%d/8" % rng.randint(1, 8)), ("MNA", "%s/30" % rng.choice(["17", "19,5", "21", "24"])),
                  ("Timed up and go", "%d s" % rng.randint(9, 35)), ("GIR", str(rng.randint(2, 6)))]
    L.traps += ["scores"]
    lead = doc.lead(size)
    rh = doc.lead(small) + 4
    doc.need(lead * (len(pairs) + 2) + rh * 2 + 14)
    doc.line(cap, size, bold=True)
    doc.mark("identity")
    for pr in pairs:
        text = sep.join("%s : %s" % (a, b) for a, b in pr)
        sz = _fit(doc, [text], doc.right - doc.left, size)
        if sz < size - 1.5 and len(pr) > 1:
            for a, b in pr:
                doc.line("%s : %s" % (a, b), size)
        else:
            doc.line(text, sz)
    doc.unmark()
    doc.gap(3)
    width = doc.right - doc.left
    cw = width / len(scores)
    top = doc.y
    for i, (a, b) in enumerate(scores):
        x = doc.left + i * cw
        _shade(doc, x, top, cw, rh, 0.9, record=False)
        _box(doc, x, top, cw, rh, lw=0.3)
        _box(doc, x, top + rh, cw, rh, lw=0.3)
        _in_cell(doc, x, top, cw, rh, a, small, bold=True, align="centre", pad=2)
        _in_cell(doc, x, top + rh, cw, rh, b, small, align="centre", pad=2)
    doc.y = top + 2 * rh + 4
    doc.gap(size * 0.5)


def _hatched(doc, x, top, w, h, band):
    """A frame made of a band of diagonal hatching (alerts, as infection control prints them)."""
    c = doc.c
    for bx, by, bw, bh in ((x, top, w, band), (x, top + h - band, w, band), (x, top, band, h),
                           (x + w - band, top, band, h)):
        c.saveState()
        p = c.beginPath()
        p.rect(bx, M.H - by - bh, bw, bh)
        c.clipPath(p, stroke=0, fill=0)
        c.setLineWidth(1.1)
        c.setStrokeGray(0.35)
        k = -bh
        while k < bw + bh:
            c.line(bx + k, M.H - by - bh, bx + k + bh, M.H - by)
            k += 4
        c.restoreState()
    _box(doc, x, top, w, h, lw=0.5)
    _box(doc, x + band, top + band, w - 2 * band, h - 2 * band, lw=0.5)


def id_alert(doc, I, rng):
    """An infection-control alert at the head of the letter, inside a hatched frame: the carried
    germ and the precautions in bold, then the person a line each, the value first and what it
    is after it in square brackets, then the sample that found it."""
    L = doc.letter
    size, small = _sz(I, 7.5, 9.5)
    x0 = doc.left
    width = doc.right - x0
    germ = rng.choice(["BHRe (entérobactérie productrice de carbapénémase)",
                       "SARM (Staphylococcus aureus résistant à la méticilline)",
                       "EBLSE (entérobactérie productrice de BLSE)", "ERV (entérocoque résistant à la vancomycine)"])
    title = rng.choice(["ALERTE – PATIENT%s PORTEUR%s DE " % ("E" if I.sex == "F" else "", "SE" if I.sex == "F" else ""),
                        "Signalement – portage de "]) + germ.split(" (")[0]
    lines = [(title, size + 0.5, True, False, 0), (germ.split(" (")[1].rstrip(")"), small, False, True, 0.3),
             ("Précautions complémentaires « contact » – chambre individuelle – signalement à l'EOH", small, False,
              False, 0)]
    rows = [(I.birth, _low(_NN))]
    if I.used:
        rows.append((I.used, _low(rng.choice([_NU, _NU2]))))
    rows.append((_firsts(I, rng, ("all", "all-comma", "first")), _low(rng.choice([_PR, _PR2]))))
    rows.append((_dn(I, rng, DN_ALL), _low(_DN)))
    rows.append((_sx(I, rng, ["w", "l", "p"]), "sexe"))
    if I.place:
        rows.append((_lieu(I, rng, LIEU_ALL), _low(_LN)))
    if I.ins:
        rows.append((_nir(I, rng, NIR_ALL), rng.choice([_low(_INS), "INS"])))
        if I.oid:
            rows.append((M.TEST_OID, "OID"))
    foot = "Prélèvement positif : %s du %02d/11/2026 (n° %d)" % (
        rng.choice(["écouvillon rectal", "hémoculture", "ECBU", "prélèvement nasal"]), rng.randint(2, 20),
        rng.randint(1000000, 9999999))
    L.traps += ["sample-number", "sample-date"]
    band = 6
    lead = doc.lead(size)
    inner = width - 2 * band - 16
    lines = [(t, _fit(doc, [t], inner, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in lines]
    h = _lines_h(doc, lines) + lead * len(rows) + doc.lead(small) + 2 * band + 18
    doc.need(h + 10)
    top = doc.y + 2
    _hatched(doc, x0, top, width, h, band)
    y = _lines(doc, x0 + band + 8, top + band + 4, lines)
    doc.mark("identity")
    y += 3
    for v, lb in rows:
        y += lead * 0.8
        w = doc.text(x0 + band + 14, y, v, _fit(doc, [v], inner - 90, size, bold=True), bold=True)
        doc.text(x0 + band + 14 + w + 6, y, "[%s]" % lb, small, italic=True, gray=0.35)
        y += lead * 0.2
    doc.unmark()
    y += doc.lead(small) * 0.8
    doc.text(x0 + band + 8, y, foot, _fit(doc, [foot], inner, small), gray=0.2)
    doc.y = top + h + 4
    doc.gap(size * 0.5)


def id_tab_band(doc, I, rng):
    """At the top of every page, a tab hanging from the edge of the sheet (its lower corners
    rounded), light grey: the name on its first line, the birth, the sex, the place and the
    identifier on the second, separated by bullets."""
    W = M.W
    size = rng.choice([7, 7.5, 8])
    civ = I.civ(rng, rng.choice(["short", "long", "upper"]))
    l1 = _who(I, rng, civ=civ, order=rng.choice(["fam", "giv"]), conv=rng.choice(["nee", "ep", "usage", "nn"]))
    bits = ["%s %s" % (rng.choice(["Né%s le" % _e(I), "DN", "°"]), _dn(I, rng, DN_ALL)),
            _sx(I, rng, ["w", "l", "p"])]
    if I.place:
        bits.append(_lieu(I, rng, LIEU_ALL))
    if I.ins:
        bits.append("INS " + _nir(I, rng, NIR_ALL))
        if I.oid:
            bits.append("OID " + M.TEST_OID)
    l2 = "  •  ".join(bits)
    s1 = _fit(doc, [l1], W - 90, size + 1, bold=True)
    s2 = _fit(doc, [l2], W - 90, size)
    tw = max(doc.sw(l1, s1, bold=True), doc.sw(l2, s2)) + 24
    where = rng.choice(["centre", "right", "left"])
    x = {"centre": (W - tw) / 2, "right": W - 34 - tw, "left": 34}[where]
    h = doc.lead(s1) + doc.lead(s2) + 12

    def band(d):
        c = d.c
        c.saveState()
        c.setFillGray(0.88)
        c.setStrokeGray(0.45)
        c.setLineWidth(0.5)
        c.roundRect(x, M.H - h, tw, h + 12, 6, stroke=1, fill=1)
        c.restoreState()
        d.add_box((x, 0, x + tw, h))
        if d.page == 1:
            d.mark("identity")
        y = 4 + doc.lead(s1) * 0.8
        d.text(x + 12, y, l1, s1, bold=True)
        y += doc.lead(s1) * 0.2 + doc.lead(s2) * 0.8
        d.text(x + 12, y, l2, s2)
        d.unmark()
    band(doc)
    doc.page_start.append(band)
    doc.letter.traps.append("page-tab")


def id_footer_cells(doc, I, rng):
    """At the foot of every page, over the page footer: a ruled strip of cells, a tiny caption in
    capitals at the top of each and the value under it; a second strip under the first when one
    is not wide enough."""
    size = rng.choice([6.5, 7, 7.5])
    cap = max(4.5, size - 2.5)
    cells = [(_NN.upper(), I.birth)]
    if I.used:
        cells.append((rng.choice([_NU, _NU2]).upper(), I.used))
    cells.append((_PR.upper(), _firsts(I, rng, ("all", "first"))))
    cells.append((rng.choice([_DN.upper(), "NÉ" + ("E" if I.sex == "F" else "") + " LE"]), _dn(I, rng, DN_NUM)))
    cells.append(("SEXE", _sx(I, rng, ["l", "w"])))
    if I.place:
        cells.append((rng.choice(["LIEU – CODE COG", _LN.upper()]), _lieu(I, rng, ["code", "nc", "cn", "caps"])))
    if I.ins:
        cells.append(("INS", _nir(I, rng, NIR_ALL)))
        if I.oid:
            cells.append(("OID", M.TEST_OID))
    x0, x1 = doc.left, doc.right
    width = x1 - x0
    nat = [max(doc.sw(a, cap), doc.sw(b, size, bold=True)) + 10 for a, b in cells]
    strips = [list(range(len(cells)))]
    if sum(nat) > width:
        k = max(2, len(cells) // 2)
        strips = [list(range(k)), list(range(k, len(cells)))]
    rh = cap + size + 6

    def foot(d):
        top = M.H - 56 - rh * len(strips)
        if d.page == 1:
            d.mark("identity")
        y = top
        for s in strips:
            tot = sum(nat[i] for i in s)
            x = x0
            for i in s:
                w = nat[i] * width / tot
                _box(d, x, y, w, rh, lw=0.3)
                d.text(x + 3, y + cap + 1, cells[i][0], cap, gray=0.4)
                v = cells[i][1]
                d.text(x + 3, y + cap + size + 2, v, _fit(d, [v], w - 6, size, bold=True), bold=True)
                x += w
            y += rh
        d.unmark()
    doc.page_end.insert(0, foot)
    doc.letter.traps.append("footer-identity")


def id_folded_note(doc, I, rng):
    """Opposite the letterhead, a grey note with its lower right corner folded: a small caption,
    then short labels set flush right against a hairline and the values flush left after it."""
    W = M.W
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9))
    small = max(5.5, size - 1.5)
    rows = [(rng.choice(["Nom (naiss.)", _NN]), I.birth)]
    if I.used:
        rows.append((rng.choice(["Nom (usage)", _NU2]), I.used))
    rows.append((_PR2, _firsts(I, rng, ("all", "first", "all-comma"))))
    rows.append(("Né%s le" % _e(I), _dn(I, rng, DN_ALL)))
    rows.append(("Sexe", _sx(I, rng, ["l", "w", "ab"])))
    if I.place:
        rows.append(("Lieu (naiss.)", _lieu(I, rng, ["code", "nc", "cn", "caps"])))
    if I.ins:
        rows.append(("INS", _nir(I, rng, NIR_ALL)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    cap = rng.choice(["Dossier au nom de", "Réf. patient%s" % _e(I), "Identité du dossier"])
    x1 = W - rng.choice([34, 40, 48])
    lw = max(doc.sw(a, small) for a, _ in rows) + 8
    vw = max(doc.sw(b, size, bold=True) for _, b in rows)
    bw = min(lw + vw + 24, x1 - (W / 2 + 10))
    x = x1 - bw
    vw = bw - lw - 20
    rows = [(a, b, _fit(doc, [b], vw, size, bold=True)) for a, b in rows]
    lead = doc.lead(size)
    bh = doc.lead(small) + lead * len(rows) + 14
    y0 = rng.choice([36, 44, 52])
    head = [b for b in doc.boxes[doc.page] if b[2] > x - 10 and b[1] < 160]
    if head:
        y0 = max(y0, max(b[3] for b in head) + 8)
    fold = 12
    c = doc.c
    c.saveState()
    c.setFillGray(0.92)
    p = c.beginPath()
    p.moveTo(x, M.H - y0)
    p.lineTo(x + bw, M.H - y0)
    p.lineTo(x + bw, M.H - y0 - bh + fold)
    p.lineTo(x + bw - fold, M.H - y0 - bh)
    p.lineTo(x, M.H - y0 - bh)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    c.setFillGray(0.75)
    q = c.beginPath()
    q.moveTo(x + bw, M.H - y0 - bh + fold)
    q.lineTo(x + bw - fold, M.H - y0 - bh + fold)
    q.lineTo(x + bw - fold, M.H - y0 - bh)
    q.close()
    c.drawPath(q, stroke=0, fill=1)
    c.restoreState()
    _edges(doc, x, y0, bw, bh, 0.3)
    doc.text(x + 6, y0 + doc.lead(small) * 0.85, cap, small, italic=True, gray=0.35)
    axis = x + 6 + lw
    y = y0 + doc.lead(small) + 4
    doc.mark("identity")
    for a, b, sz in rows:
        y += lead * 0.8
        doc.text(axis - 4, y, a, small, gray=0.3, align="right")
        doc.text(axis + 5, y, b, sz, bold=True)
        y += lead * 0.2
    doc.unmark()
    _vr(doc, axis, y0 + doc.lead(small) + 5, y, 0.3, 0.5)
    L.traps.append("folded-note")
    return y0 + bh + 4


def id_roman_sections(doc, I, rng, reason):
    """The body opens as an expert's report: a first section numbered 'I' on the administrative
    particulars, the traits in short sentences ended by full stops, then a section 'II' on the
    reason of the letter."""
    size = doc.size
    f = I.sex == "F"
    h1 = rng.choice(["I – RENSEIGNEMENTS ADMINISTRATIFS", "I. Identification", "I – IDENTITÉ DE LA PERSONNE EXAMINÉE"])
    h2 = rng.choice(["II – MOTIF", "II. Motif de la demande", "II – OBJET DE LA CONSULTATION"])
    bits = ["%s : %s." % (_NN, I.birth)]
    if I.used:
        bits.append("%s : %s." % (_NU, I.used))
    bits.append("%s : %s." % (rng.choice([_PR, _PR2]), I.first_names(rng, rng.choice(["all", "all-comma"]))))
    born = "%s le %s" % ("Née" if f else "Né", _dn(I, rng, DN_ALL))
    if I.place:
        born += " " + _born_in(I, rng)
    bits.append(born + ".")
    bits.append("Sexe : %s." % _sx(I, rng, ["lw", "w"]))
    if I.ins:
        bits.append("%s : %s." % (rng.choice([_INS, "Identité nationale de santé, matricule"]),
                                  _nir(I, rng, NIR_ALL)))
        if I.oid:
            bits.append("OID : %s." % M.TEST_OID)
    doc.need(doc.lead() * 6)
    doc.line(h1, size, bold=True)
    doc.mark("identity")
    doc.para(" ".join(bits), size, keep=True, after=2)
    doc.unmark()
    doc.line(h2, size, bold=True)
    doc.para("%s adressé%s %s." % ("Elle est" if f else "Il est", _e(I), reason), size)


def id_circled(doc, I, rng):
    """An admission form: each field behind its number in a small circle, its label in small
    capitals and the value in bold, two fields a line at a tab stop (a long one on a line of its
    own); the entry fields of the stay follow in the same way."""
    L = doc.letter
    size, small = _sz(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    fields = [(_NN.upper(), I.birth)]
    if I.used:
        fields.append((_NU.upper(), I.used))
    fields.append((_PR.upper(), _firsts(I, rng, ("all", "all-comma"))))
    fields.append(("NAISSANCE (JJ / MM / AAAA)", _dn(I, rng, ["spaced", "spaced", "slash"])))
    fields.append(("SEXE", _sx(I, rng, ["l", "W", "w"])))
    if I.place:
        fields.append((_LN.upper(), _lieu(I, rng, LIEU_ALL)))
    if I.ins:
        fields.append((_INS.upper(), _nir(I, rng, NIR_ALL)))
        if I.oid:
            fields.append(("OID", M.TEST_OID))
    n_id = len(fields)
    stay = [("DATE D'ENTRÉE", "%02d/11/2026 à %02d:%02d" % (rng.randint(2, 20), rng.randint(0, 23), rng.randint(0, 59))),
            ("MODE D'ENTRÉE", rng.choice(["domicile", "mutation", "transfert", "urgences"]))]
    if I.nda:
        stay.append(("N° DE VENUE", I.nda))
        I.uses.add("nda")
    L.traps += ["field-numbers", "entry-date"]
    title = rng.choice(["BULLETIN D'ADMISSION", "Fiche d'entrée administrative", "FICHE DE RENSEIGNEMENTS – ADMISSION"])
    r = small * 0.72
    half = width / 2
    lead = doc.lead(size) * 1.25
    doc.need(lead * (n_id + len(stay) + 2) + 10)
    doc.line(title, size + 0.5, bold=True)
    doc.gap(2)
    num = 0

    def field(x, y, n, lb, v, room):
        cx = x + r
        c = doc.c
        c.saveState()
        c.setLineWidth(0.5)
        c.circle(cx, M.H - y + small * 0.3, r, stroke=1, fill=0)
        c.restoreState()
        doc.text(cx, y + small * 0.05, str(n), small - 1.5, align="centre")
        w = doc.text(x + 2 * r + 4, y, lb + " : ", small - 0.5, gray=0.3)
        doc.text(x + 2 * r + 4 + w, y, v, _fit(doc, [v], room - 2 * r - 8 - w, size, bold=True), bold=True)

    def run(items, mark):
        nonlocal num
        if mark:
            doc.mark("identity")
        pend = []
        for lb, v in items:
            num += 1
            need = 2 * r + 8 + doc.sw(lb + " : ", small - 0.5) + doc.sw(v, size, bold=True)
            if need > half - 6:
                if pend:
                    doc.y += lead * 0.8
                    field(x0, doc.y, *pend[0], room=half)
                    doc.y += lead * 0.2
                    pend = []
                doc.y += lead * 0.8
                field(x0, doc.y, num, lb, v, width)
                doc.y += lead * 0.2
                continue
            pend.append((num, lb, v))
            if len(pend) == 2:
                doc.y += lead * 0.8
                field(x0, doc.y, *pend[0], room=half)
                field(x0 + half, doc.y, *pend[1], room=half)
                doc.y += lead * 0.2
                pend = []
        if pend:
            doc.y += lead * 0.8
            field(x0, doc.y, *pend[0], room=half)
            doc.y += lead * 0.2
        if mark:
            doc.unmark()
    run(fields, True)
    _hr(doc, x0, doc.right, doc.y + 2, 0.3, 0.5, dash=(2, 2))
    doc.gap(4)
    run(stay, False)
    doc.gap(size * 0.6)


def id_export(doc, I, rng):
    """A text export of the record pasted in the letter: a small grey line naming the export,
    then one 'KEY = value' a line in a fixed-width face behind a grey rule, the keys prefixed by
    the object they belong to, the date as the database stores it."""
    L = doc.letter
    size, small = _sz(I, 7.5, 9.5)
    x0 = doc.left + rng.choice([0, 6])
    pre = rng.choice(["PAT.", "patient.", "PATIENT_"])
    up = rng.random() < 0.5
    firsts = I.first_names(rng, "all")
    keys = [("NOM_NAISSANCE", I.birth)]
    if I.used:
        keys.append(("NOM_UTILISE", I.used))
    keys.append(("PRENOMS_ETAT_CIVIL", M.insi(firsts) if up else firsts))
    keys.append(("DATE_NAISSANCE", _dn(I, rng, ["iso", "iso", "slash"])))
    keys.append(("SEXE", I.sex))
    if I.place:
        keys.append(("LIEU_NAISSANCE", I.place))
        keys.append(("LIEU_NAISSANCE_LIB", M.insi(I.place_name)))
    if I.ins:
        keys.append(("INS", I.ins))
        if I.oid:
            keys.append(("INS_OID", M.TEST_OID))
    if I.ipp:
        keys.append(("IPP", I.ipp))
        I.uses.add("ipp")
    stay = [("SEJ.UF" if pre == "PAT." else "sejour.uf", str(rng.randint(1000, 9999))),
            ("SEJ.ENTREE" if pre == "PAT." else "sejour.entree", "2026-11-%02d" % rng.randint(2, 20))]
    if I.nda:
        stay.append(("SEJ.NUM" if pre == "PAT." else "sejour.num", I.nda))
        I.uses.add("nda")
    L.traps += ["unit-code", "export-keys"]
    if pre == "patient.":
        keys = [(k.lower(), v) for k, v in keys]
    kw = max(len(pre + k) for k, _ in keys)
    texts = ["%s = %s" % ((pre + k).ljust(kw), v) for k, v in keys]
    sk = max(len(k) for k, _ in stay)
    more = ["%s = %s" % (k.ljust(max(sk, kw)), v) for k, v in stay]
    font = "Courier"
    fsz = max(6.5, small + 0.5)
    while fsz > 5 and max(M.pdfmetrics.stringWidth(t, font, fsz) for t in texts + more) > doc.right - x0 - 12:
        fsz -= 0.25
    lead = fsz * 1.3
    doc.need(doc.lead(small) + lead * (len(texts) + len(more) + 1) + 12)
    doc.line(rng.choice(["Extraction du dossier patient (format texte)", "Données administratives exportées du DPI",
                         "Export DPI – identité et venue"]), small, italic=True, gray=0.4, x=x0)
    top = doc.y + 2
    y = top
    doc.mark("identity")
    for t in texts:
        y += lead * 0.8
        _other_face(doc, x0 + 8, y, t, font, fsz)
        y += lead * 0.2
    doc.unmark()
    y += lead * 0.4
    for t in more:
        y += lead * 0.8
        _other_face(doc, x0 + 8, y, t, font, fsz, gray=0.25)
        y += lead * 0.2
    _vr(doc, x0 + 2, top + 1, y, 1.6, 0.6)
    doc.y = y + 4
    doc.gap(size * 0.5)


IDENTITY_FAMILIES = {
    "p-id-a": (id_invoice, "flow"),
    "p-id-b": (id_transfusion, "flow"),
    "p-id-c": (id_dental, "flow"),
    "p-id-d": (id_inline_sentence, "body"),
    "p-id-e": (id_dicom, "flow"),
    "p-id-f": (id_retrocession, "flow"),
    "p-id-g": (id_card_pair, "flow"),
    "p-id-h": (id_persons_columns, "flow"),
    "p-id-i": (id_broken_bar, "flow"),
    "p-id-j": (id_alert, "flow"),
    "p-id-k": (id_tab_band, "band"),
    "p-id-l": (id_footer_cells, "footer"),
    "p-id-m": (id_folded_note, "top-right"),
    "p-id-n": (id_roman_sections, "body"),
    "p-id-o": (id_circled, "flow"),
    "p-id-p": (id_export, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Professionals as these families print them

def _titles(p):
    return ("Pr", "Professeur") if p.title == "PR" else ("Dr", "Docteur")


def _pn(p, rng, form):
    """(printed name, given form) of a professional."""
    sh, lg = _titles(p)
    g, fam = p.given, p.family
    if form == "s-gf":
        return "%s %s %s" % (sh, g, fam), "full"
    if form == "s-fg":
        return "%s %s %s" % (sh, fam, g), "full"
    if form == "l-gf":
        return "%s %s %s" % (lg, g, fam), "full"
    if form == "l-fg":
        return "%s %s %s" % (lg, fam, g), "full"
    if form == "s-i":
        return "%s %s %s" % (sh, M.initials(g), fam), "initial"
    if form == "l-i":
        return "%s %s %s" % (lg, M.initials(g), fam), "initial"
    if form == "s-f":
        return "%s %s" % (sh, fam), "none"
    if form == "civ":
        return "%s le %s %s %s" % ("Madame" if p.sex == "F" else "Monsieur", lg, g, fam), "full"
    if form == "fam-paren":
        return "%s %s (%s)" % (fam, g, sh), "full"
    raise ValueError(form)


PN_FULL = ["s-gf", "s-gf", "s-fg", "l-gf", "l-fg"]


def _job(p, rng, lower=False):
    t = p.profession[1] if p.spec is None else rng.choice(p.spec[2])
    return t[0].lower() + t[1:] if lower and not t.isupper() else t


def _where(p, rng, gf, p_place=0.7):
    """(city, postcode) printed with a copy: always when the name alone may not tell who."""
    if not (p.force_place or gf != "full" or rng.random() < p_place):
        return None, None
    return M.city_text(p, rng, upper=rng.random() < 0.5), (p.postcode if rng.random() < 0.25 else None)


def _win_y(doc, rng, choices=(144, 152, 160, 168)):
    return max(rng.choice(list(choices)), getattr(doc, "header_bottom", 0) + 8)


def _site_line(p, rng):
    site = p.site
    return site if rng.random() < 0.5 else site.title().replace(" De ", " de ").replace(" D'", " d'").replace(" Du ", " du ")


def _dear(p, rng):
    f = p.sex == "F"
    return rng.choice(["Ma chère Consœur," if f else "Mon cher Confrère,", None,
                       "Chère amie et consœur," if f else "Cher ami et confrère,"])


# ---------------------------------------------------------------------------------------------
# Addressees

def ad_routing_slip(doc, L, rng):
    """On the right, a small ruled routing slip: a shaded head with two boxes (internal mail, post)
    one of them ticked, then rows of a label cell and a value cell: the addressee, what they do,
    the department, the street, the town; an extension number for internal mail."""
    W = M.W
    p = L.to
    size = min(doc.size, 10)
    small = max(6, size - 2)
    internal = p.salaried and p.site == L.hospital["name"]
    name, gf = _pn(p, rng, rng.choice(PN_FULL + ["s-i"]))
    city = M.city_text(p, rng)
    rows = [("À remettre à", name), ("Fonction", _job(p, rng))]
    if p.salaried:
        rows.append(("Unité / service", M.service_of(p.service)))
        if not internal:
            rows.append(("Hôpital / site", _site_line(p, rng)))
    rows += [("Voie", p.street_line()), ("Code postal – localité", "%s %s" % (p.postcode, city))]
    if internal:
        rows.append(("Poste", "%d" % rng.randint(2000, 7999)))
        L.traps.append("extension-number")
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x1 = W - rng.choice([34, 40, 46])
    lw = max(doc.sw(a, small) for a, _ in rows) + 10
    vw = max(doc.sw(b, size, bold=(b == name)) for a, b in rows) + 12
    width = min(lw + vw, x1 - (W / 2 - 20))
    x = x1 - width
    rh = doc.lead(size) + 3
    top = _win_y(doc, rng, (136, 144, 152))
    hh = doc.lead(small) + 6
    _shade(doc, x, top, width, hh, 0.88, record=False)
    _box(doc, x, top, width, hh, lw=0.4)
    sq = small
    xx = x + 5
    for lab, on in (("Courrier interne", internal), ("Voie postale", not internal)):
        _square(doc, xx, top + (hh - sq) / 2, sq, on)
        xx += sq + 3 + doc.text(xx + sq + 3, top + hh / 2 + small * 0.33, lab, small) + 10
    y = top + hh
    for a, b in rows:
        _box(doc, x, y, width, rh, lw=0.4)
        _vr(doc, x + lw, y, y + rh, 0.3)
        _in_cell(doc, x, y, lw, rh, a, small, gray=0.3)
        _in_cell(doc, x + lw, y, width - lw, rh, b, size, bold=(b == name))
        y += rh
    return y + 6


def ad_reversed_name(doc, L, rng):
    """Right window whose first line, the addressee's name, is printed white on a dark bar; what
    they do in italics, the site, the street and the town under it in black."""
    W = M.W
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pn(p, rng, rng.choice(PN_FULL + ["civ", "s-i"]))
    city = M.city_text(p, rng)
    rest = [(_job(p, rng), size - 0.5, False, True, 0)]
    if p.salaried:
        rest.append((M.service_of(p.service), size - 0.5, False, False, 0))
        rest.append((_site_line(p, rng), size - 0.5, False, False, 0))
    rest += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([306, 318, 330])
    limit = W - 38
    room = limit - (W / 2 - 30)
    nsz = _fit(doc, [name], room - 12, size + 0.5, bold=True)
    rest = [(t, _fit(doc, [t], room, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in rest]
    widest = max([doc.sw(name, nsz, bold=True) + 12] + [doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in rest])
    if x + widest > limit:
        x = max(W / 2 - 30, limit - widest)
    top = _win_y(doc, rng)
    bh = doc.lead(nsz) + 4
    bw = doc.sw(name, nsz, bold=True) + 12
    _shade(doc, x - 6, top, bw, bh, rng.choice([0.15, 0.25, 0.35]))
    doc.text(x, top + bh / 2 + nsz * 0.33, name, nsz, bold=True, gray=1.0)
    y = _lines(doc, x, top + bh + 2, rest)
    return y + 4


def ad_turned_caption(doc, L, rng):
    """Left window with a caption turned to read upwards along its left side, a thin rule between
    the caption and the lines of the address."""
    W = M.W
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pn(p, rng, rng.choice(PN_FULL + ["civ", "l-i"]))
    city = M.city_text(p, rng)
    items = [(name, size, True, False, 0), (_job(p, rng), size - 0.5, False, rng.random() < 0.5, 0)]
    if p.salaried:
        items.append((M.service_of(p.service) + " – " + _site_line(p, rng), size - 1, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    x = rng.choice([74, 80, 86])
    items = [(t, _fit(doc, [t], W / 2 - 20 - x, sz, bold=b, italic=i, floor=5.5), b, i, g) for t, sz, b, i, g in items]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    top = _win_y(doc, rng, (148, 156, 164))
    y = _lines(doc, x, top, items)
    cap = rng.choice(["ADRESSÉ À", "EXPÉDIÉ À", "ENVOI"])
    capsz = 6
    if doc.sw(cap, capsz, bold=True) < y - top:
        _turned(doc, x - 9, y - 1, cap, capsz, bold=True, gray=0.4)
    _vr(doc, x - 5, top + 2, y, 0.5, 0.5)
    return y + 6


def ad_patient_both_names(doc, L, rng):
    """A letter to the patient at home: a married person under both names, the name in use then
    the birth name (run together or joined by a hyphen), the given name last; a child's legal
    representatives with the child's name under them; a building line at times."""
    I = L.ident
    f = I.sex == "F"
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    street, pc, city = L.patient["home"]
    given = I.firsts[0]
    civ = "Madame" if f else "Monsieur"
    if L.patient["child"]:
        lines = [(rng.choice(["Aux représentants légaux de l'enfant", "Responsables légaux de l'enfant"]), False),
                 ("%s %s" % (given, I.used or I.birth), True)]
        L.salutation = "Madame, Monsieur,"
    elif I.used:
        lines = [(rng.choice(["%s %s %s %s" % (civ, I.used, I.birth, given),
                              "%s %s-%s %s" % (civ, I.used, I.birth, given)]), True)]
        L.salutation = civ + ","
    else:
        lines = [(rng.choice(["%s %s %s" % (civ, I.birth, given), "%s %s %s" % (civ, given, I.birth)]), True)]
        L.salutation = civ + ","
    if rng.random() < 0.4:
        lines.append((rng.choice(["Résidence Les Mimosas, bât. %s" % rng.choice("ABCD"),
                                  "Appt %d, esc. %s" % (rng.randint(1, 60), rng.choice("ABC")),
                                  "Lieu-dit Ker Avel"]), False))
    lines += [(street, False), ("%s %s" % (pc, city if rng.random() < 0.6 else M.title_city(city)), False)]
    L.addressed_to_patient = True
    x = rng.choice([312, 324, 336])
    items = [(t, size, b, False, 0) for t, b in lines]
    widest = max(doc.sw(t, sz, bold=b) for t, sz, b, _, _ in items)
    if x + widest > M.W - 36:
        x = max(M.W / 2 - 30, M.W - 36 - widest)
    items = [(t, _fit(doc, [t], M.W - 36 - x, sz, bold=b), b, i, g) for t, sz, b, i, g in items]
    y = _lines(doc, x, _win_y(doc, rng), items)
    return y + 4


def ad_foot_original(doc, L, rng):
    """No window: a line in small type at the foot of the first page, over a short rule, telling
    to whom the original of the letter goes, with what they do and their address; the text of
    that page stops above it."""
    p = L.to
    size = max(7, min(doc.size - 1, 8.5))
    name, gf = _pn(p, rng, rng.choice(PN_FULL + ["civ"]))
    city = M.city_text(p, rng)
    where = "%s, %s %s" % (p.street_line(), p.postcode, city)
    if p.salaried and rng.random() < 0.6:
        where = "%s, %s, %s" % (M.service_of(p.service), _site_line(p, rng), where)
    text = rng.choice(["Original destiné à : %s – %s – %s" % (name, _job(p, rng, lower=True), where),
                       "Exemplaire original : %s (%s), %s" % (name, _job(p, rng, lower=True), where)])
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    lines = doc.wrap(text, doc.right - doc.left, size)
    lead = doc.lead(size)
    orig = doc.st.bottom
    top = orig - lead * len(lines) - 2
    _hr(doc, doc.left, doc.left + 60, top - 2, 0.5)
    y = top
    for ln in lines:
        y += lead * 0.8
        doc.text(doc.left, y, ln, size)
        y += lead * 0.2
    doc.st.bottom = top - 12

    def restore(d):
        d.st.bottom = orig
    doc.page_start.insert(0, restore)
    L.salutation = _dear(p, rng)
    return None


def ad_centred_frame(doc, L, rng):
    """Right window in a rounded frame, every line centred in it, a small tab above its left
    corner with a caption."""
    W = M.W
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pn(p, rng, rng.choice(PN_FULL + ["civ", "s-i"]))
    city = M.city_text(p, rng)
    items = [(name, size, True, False, 0), (_job(p, rng), size - 0.5, False, True, 0)]
    if p.salaried:
        items.append((_site_line(p, rng), size - 0.5, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x1 = W - rng.choice([36, 42])
    room = x1 - (W / 2 - 20) - 16
    items = [(t, _fit(doc, [t], room, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in items]
    bw = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items) + 24
    bw = max(bw, 170)
    x = x1 - bw
    top = _win_y(doc, rng, (150, 158, 166))
    cap = rng.choice(["Expédié à", "Envoi à", "Pour le confrère"])
    csz = 6.5
    cw = doc.sw(cap, csz, bold=True) + 10
    _shade(doc, x + 8, top - csz - 4, cw, csz + 4, 0.3)
    doc.text(x + 13, top - 2.5, cap, csz, bold=True, gray=1.0)
    bh = _lines_h(doc, items) + 10
    _box(doc, x, top, bw, bh, lw=0.6, radius=6)
    _lines(doc, x + bw / 2, top + 5, items, align="centre")
    return top + bh + 6


_ACR_SAL = {"PR": ["PU-PH"], "DR": ["PH", "PH", "CCA", "MCU-PH", "Praticien contractuel", "Assistant spécialiste"]}


def ad_status_suffix(doc, L, rng):
    """Right window: the name followed, after a comma, by the addressee's status in the hospital
    in its usual short form (PU-PH, PH, CCA) or by how they practise in town (agreement sector),
    then the department and site, the street and the town."""
    W = M.W
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pn(p, rng, rng.choice(PN_FULL))
    if p.salaried:
        status = rng.choice(_ACR_SAL["PR" if p.title == "PR" else "DR"])
        if status == "Assistant spécialiste" and p.sex == "F":
            status = "Assistante spécialiste"
        rest = [(M.service_of(p.service), size - 0.5, False, False, 0), (_site_line(p, rng), size - 0.5, False, False, 0)]
    else:
        status = rng.choice(["secteur 1", "secteur 2", "conventionné%s secteur 1" % ("e" if p.sex == "F" else ""),
                             "OPTAM"])
        rest = [(_job(p, rng), size - 0.5, False, True, 0)]
    city = M.city_text(p, rng)
    items = [("%s, %s" % (name, status), size, rng.random() < 0.6, False, 0)] + rest + [
        (p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([306, 318, 330])
    limit = W - 38
    items = [(t, _fit(doc, [t], limit - (W / 2 - 30), sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in items]
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    if x + widest > limit:
        x = max(W / 2 - 30, limit - widest)
    y = _lines(doc, x, _win_y(doc, rng), items)
    return y + 4


def ad_leaders_flow(doc, L, rng):
    """No window: two lines under the letterhead, each a caption on the left joined by dot
    leaders to a value set flush right: the addressee with what they do, then their address."""
    p = L.to
    size = min(doc.size, 10.5)
    small = max(6.5, size - 1.5)
    name, gf = _pn(p, rng, rng.choice(PN_FULL + ["s-i", "civ"]))
    city = M.city_text(p, rng)
    v1 = "%s – %s" % (name, _job(p, rng, lower=True))
    v2 = "%s, %s %s" % (p.street_line(), p.postcode, city)
    if p.salaried and rng.random() < 0.7:
        v2 = "%s, %s" % (_site_line(p, rng), v2)
    caps = rng.choice([("Destinataire principal", "Coordonnées postales"), ("Médecin destinataire", "Adresse du cabinet"),
                       ("Pour le confrère", "Cabinet / adresse")])
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x0, x1 = doc.left, doc.right
    top = max(getattr(doc, "header_bottom", 100) + 12, 118)
    dot = doc.sw(".", small)
    y = top
    for cap, v in zip(caps, (v1, v2)):
        y += doc.lead(size) * 0.8
        cw = doc.text(x0, y, cap, small, italic=True, gray=0.35)
        sz = _fit(doc, [v], x1 - x0 - cw - 30, size, bold=(v is v1))
        vw = doc.text(x1, y, v, sz, bold=(v is v1), align="right")
        n = int((x1 - vw - x0 - cw - 10) / dot)
        if n > 2:
            doc.text(x0 + cw + 4, y, "." * n, small, gray=0.5)
        y += doc.lead(size) * 0.2 + 2
    L.salutation = _dear(p, rng)
    return y + 8


def ad_cher_maitre(doc, L, rng):
    """Right window opening on the civility and the title alone ('Monsieur le Professeur',
    'Madame le Docteur'), the name under it without a title, then the post or what they do and
    the place; a salutation to match ('et cher Maître' to a professor)."""
    W = M.W
    p = L.to
    f = p.sex == "F"
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    _, lg = _titles(p)
    civ = "%s le %s" % ("Madame" if f else "Monsieur", lg)
    fam_first = rng.random() < 0.3
    name = "%s %s" % (p.family, p.given) if fam_first else "%s %s" % (p.given, p.family)
    items = [(civ, size, False, False, 0), (name, size, True, False, 0)]
    if p.salaried:
        items.append((rng.choice(["Chef%s de service" % ("fe" if f else ""), M.service_of(p.service)]), size - 0.5, False,
                      True, 0))
        items.append((_site_line(p, rng), size - 0.5, False, False, 0))
    else:
        items.append((_job(p, rng), size - 0.5, False, True, 0))
    city = M.city_text(p, rng)
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", "%s %s" % (lg, name), "full", city, p.postcode)
    if p.title == "PR":
        L.salutation = rng.choice(["%s le Professeur et cher Maître," % ("Madame" if f else "Monsieur"),
                                   "%s le Professeur," % ("Madame" if f else "Monsieur")])
    else:
        L.salutation = rng.choice(["Madame et chère Consœur," if f else "Monsieur et cher Confrère,",
                                   "%s le Docteur," % ("Madame" if f else "Monsieur")])
    x = rng.choice([306, 320, 334])
    limit = W - 38
    items = [(t, _fit(doc, [t], limit - (W / 2 - 30), sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in items]
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    if x + widest > limit:
        x = max(W / 2 - 30, limit - widest)
    y = _lines(doc, x, _win_y(doc, rng), items)
    return y + 4


def ad_sealed_handover(doc, L, rng):
    """On the right, in a dashed frame: an italic line saying the letter is handed to the patient
    in a sealed envelope for the addressee, then the addressee's name in bold, what they do and
    the place on one line."""
    W = M.W
    p = L.to
    size = min(doc.size, 10.5)
    small = max(6.5, size - 1.5)
    name, gf = _pn(p, rng, rng.choice(PN_FULL + ["civ", "s-i"]))
    city = M.city_text(p, rng)
    note = rng.choice(["Pli confidentiel remis au patient, à l'attention de :", "Sous pli fermé, remis en main propre, pour :",
                       "Courrier confié au patient pour :"])
    items = [(note, small, False, True, 0.3), (name, size + 0.5, True, False, 0), (_job(p, rng), size - 0.5, False, False, 0),
             ("%s – %s %s" % (p.street_line(), p.postcode, city), size - 0.5, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.traps.append("hand-delivered")
    x1 = W - rng.choice([36, 44])
    room = x1 - (W / 2 - 20) - 16
    items = [(t, _fit(doc, [t], room, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in items]
    bw = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items) + 18
    x = x1 - bw
    top = _win_y(doc, rng)
    bh = _lines_h(doc, items) + 10
    _box(doc, x, top, bw, bh, lw=0.6, dash=(3, 2))
    _lines(doc, x + 9, top + 5, items)
    L.salutation = _dear(p, rng)
    return top + bh + 6


def ad_narrow_window(doc, L, rng):
    """Right window of a narrow envelope template: every line wrapped to a short width, so that
    the name, the department and the street run over two lines each when they are long."""
    W = M.W
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pn(p, rng, rng.choice(["civ", "l-gf", "l-fg", "s-gf"]))
    city = M.city_text(p, rng)
    raw = [(name, True), (_job(p, rng), False)]
    if p.salaried:
        raw.append((M.service_of(p.service), False))
        raw.append((_site_line(p, rng), False))
    raw += [(p.street_line(), False), ("%s %s" % (p.postcode, city), False)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    width = rng.choice([118, 128, 140])
    x = W - rng.choice([40, 52, 64]) - width
    items = []
    for t, b in raw:
        for part in doc.wrap(t, width, size, bold=b):
            items.append((part, _fit(doc, [part], width + 10, size, bold=b), b, False, 0))
    y = _lines(doc, x, _win_y(doc, rng, (140, 148, 156)), items)
    return y + 4


# (draw, window: "right" | "left" | "none" | "flow", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "p-ad-a": (ad_routing_slip, "right", True),
    "p-ad-b": (ad_reversed_name, "right", True),
    "p-ad-c": (ad_turned_caption, "left", True),
    "p-ad-d": (ad_patient_both_names, "right", False),
    "p-ad-e": (ad_foot_original, "none", True),
    "p-ad-f": (ad_centred_frame, "right", True),
    "p-ad-g": (ad_status_suffix, "right", True),
    "p-ad-h": (ad_leaders_flow, "flow", True),
    "p-ad-i": (ad_cher_maitre, "right", True),
    "p-ad-j": (ad_sealed_handover, "right", True),
    "p-ad-k": (ad_narrow_window, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies

def _copy(L, p, rng, forms, p_place=0.7):
    """Records a copy; returns (name, what they do, place text or None, city or None)."""
    name, gf = _pn(p, rng, rng.choice(forms))
    city, pc = _where(p, rng, gf, p_place)
    L.mentions.add(p, "cc", name, gf, city, pc)
    return name, _job(p, rng, lower=True), ((("%s %s" % (pc, city)) if pc else city) if city else None), city


def _pat(L, rng):
    """The patient's own copy, by their civility and name."""
    I = L.ident
    return "%s %s (copie personnelle)" % (I.civ(rng, "short"), I.used or I.birth)


def cp_plus(doc, L, rng):
    """One line after the signature: a caption, then the copies joined by plus signs, the town in
    brackets; the patient last."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    parts = []
    for p in L.copies:
        name, job, where, _ = _copy(L, p, rng, PN_FULL + ["s-i", "s-f"], 0.75)
        parts.append(_keep(name) + (" (%s)" % where if where else ""))
    if L.copy_patient:
        parts.append(_pat(L, rng))
    if not parts:
        return
    doc.gap(size * 0.5)
    doc.para(rng.choice(["Doubles : ", "Copie – ", "Exemplaires adressés : "]) + " + ".join(parts), size, keep=True)


def cp_guillemets(doc, L, rng):
    """A caption, then one copy a line behind a right guillemet: the family name first, the given
    name, the title in brackets, then what they do and the town after dashes."""
    size = max(7, doc.size - rng.choice([0, 0.5, 1]))
    lines = []
    for p in L.copies:
        name, job, where, _ = _copy(L, p, rng, ["fam-paren", "fam-paren", "s-fg"], 0.8)
        lines.append("» %s – %s%s" % (_keep(name), job, (" – " + where) if where else ""))
    if L.copy_patient:
        lines.append("» %s" % _pat(L, rng))
    if not lines:
        return
    doc.need(doc.lead(size) * (len(lines) + 2))
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Également transmis à :", "Copie conforme adressée à :", "Envoyé en double à :"]), size,
             bold=rng.random() < 0.5)
    x = doc.left + rng.choice([4, 10])
    for t in lines:
        doc.para(t, size, x=x, after=0)
    doc.gap(size * 0.4)


def cp_by_town(doc, L, rng):
    """The copies grouped by town under a caption: the town in capitals, a dash, then the names
    with what they do in brackets, separated by semicolons; the patient's copy on its own line."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    towns = []
    groups = {}
    for p in L.copies:
        name, gf = _pn(p, rng, rng.choice(PN_FULL + ["s-i", "s-f"]))
        city = p.city
        L.mentions.add(p, "cc", name, gf, city, None)
        if city not in groups:
            groups[city] = []
            towns.append(city)
        groups[city].append("%s (%s)" % (_keep(name), _job(p, rng, lower=True)))
    lines = ["%s – %s" % (t, " ; ".join(groups[t])) for t in towns]
    if L.copy_patient:
        lines.append(rng.choice(["Domicile – %s" % _pat(L, rng), "Remise directe – %s" % _pat(L, rng)]))
    if not lines:
        return
    doc.need(doc.lead(size) * (len(lines) + 2))
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Copies par commune :", "Diffusion par localité :"]), size, italic=True)
    for t in lines:
        doc.para(t, size, x=doc.left + 8, after=0)
    doc.gap(size * 0.4)


def cp_top_sentence(doc, L, rng):
    """Under the date, before the title: one sentence in italics saying the letter also goes,
    for information, to the colleagues named with their towns."""
    size = max(7.5, doc.size - rng.choice([0, 0.5]))
    names = []
    for p in L.copies:
        name, job, where, _ = _copy(L, p, rng, PN_FULL + ["s-i", "s-f"], 0.8)
        art = "à la " if name.startswith(("Docteur", "Professeur", "Dr", "Pr")) and p.sex == "F" and rng.random() < 0.3 \
            else "au "
        t = art + _keep(name)
        if where:
            t += " (%s)" % where
        names.append(t)
    if L.copy_patient:
        names.append("à l'intéressé" + _e(L.ident))
    if not names:
        return
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]
    s = rng.choice(["Ce courrier est également adressé, pour information, %s." % who,
                    "Copie de la présente lettre est adressée %s." % who])
    doc.para(s, size, italic=True, keep=True)


_ROMAN = ["I", "II", "III", "IV", "V"]


def cp_roman(doc, L, rng):
    """A caption, then the copies numbered in Roman numerals, the name and what they do on one
    line and the full postal address under it in small italics."""
    size = max(7, doc.size - rng.choice([0, 0.5, 1]))
    small = max(6, size - 1.5)
    blocks = []
    for p in L.copies:
        name, gf = _pn(p, rng, rng.choice(PN_FULL + ["s-i"]))
        city = M.city_text(p, rng)
        L.mentions.add(p, "cc", name, gf, city, p.postcode)
        blocks.append(("%s – %s" % (_keep(name), _job(p, rng, lower=True)), "%s, %s %s" % (p.street_line(), p.postcode, city)))
    if L.copy_patient:
        blocks.append((_pat(L, rng), "à son domicile"))
    if not blocks:
        return
    doc.need(doc.lead(size) * (2 * len(blocks) + 2))
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Doubles numérotés :", "Ampliations numérotées :", "Liste des doubles :"]), size, bold=True)
    x = doc.left + 6
    for k, (a, b) in enumerate(blocks):
        doc.para("%s. %s" % (_ROMAN[k], a), size, x=x, after=0)
        doc.para(b, small, x=x + 16, italic=True, after=1)
    doc.gap(size * 0.4)


def cp_single_copy(doc, L, rng):
    """No colleague in copy, as this software says it; the patient's copy when there is one."""
    size = max(7, doc.size - 1)
    if L.copy_patient:
        t = rng.choice(["Un double a été remis à l'intéressé%s." % ("e" if L.ident.sex == "F" else ""),
                        "Diffusion : destinataire et %s %s (double remis en consultation)." % (
                            L.ident.civ(rng, "short"), L.ident.used or L.ident.birth)])
    else:
        t = rng.choice(["Diffusion limitée au destinataire.", "Aucun double n'a été adressé.",
                        "Ce courrier n'a pas fait l'objet d'autres envois."])
    doc.gap(size * 0.4)
    doc.para(t, size, italic=True)


def cp_cc_square(doc, L, rng):
    """After the signature, a two-cell box: a shaded square on the left with 'CC' in large bold
    letters, the copies one a line in the right cell (name, what they do, town)."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    lines = []
    for p in L.copies:
        name, job, where, _ = _copy(L, p, rng, PN_FULL + ["s-i", "s-f"], 0.8)
        lines.append("%s, %s%s" % (_keep(name), job, (", " + where) if where else ""))
    if L.copy_patient:
        lines.append(_pat(L, rng))
    if not lines:
        return
    lead = doc.lead(size)
    h = max(lead * len(lines) + 8, 30)
    sq = h
    width = min(doc.right - doc.left, max(doc.sw(t, size) for t in lines) + sq + 24)
    doc.need(h + 14)
    doc.gap(size * 0.5)
    top = doc.y
    x0 = doc.left
    _shade(doc, x0, top, sq, h, 0.82, record=False)
    _box(doc, x0, top, width, h, lw=0.5)
    _vr(doc, x0 + sq, top, top + h, 0.5)
    csz = min(16, sq * 0.45)
    doc.text(x0 + sq / 2, top + h / 2 + csz * 0.35, "CC", csz, bold=True, align="centre")
    y = top + (h - lead * len(lines)) / 2
    for t in lines:
        y += lead * 0.8
        doc.text(x0 + sq + 8, y, t, _fit(doc, [t], width - sq - 14, size))
        y += lead * 0.2
    doc.y = top + h + 6


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "p-cp-a": (cp_plus, True, "end"),
    "p-cp-b": (cp_guillemets, True, "end"),
    "p-cp-c": (cp_by_town, True, "end"),
    "p-cp-d": (cp_top_sentence, True, "top"),
    "p-cp-e": (cp_roman, True, "end"),
    "p-cp-f": (cp_single_copy, False, "end"),
    "p-cp-g": (cp_cc_square, True, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions of this set: under the address on the right, centred above the page
# footer, and on the right of the signature's lines.

DM_POSITIONS = ["p-under-address", "p-under-address", "p-foot-centre", "p-foot-centre", "p-by-signer",
                "p-by-signer"]


def dm_candidates(d, pos, s, W, H):
    if pos == "p-under-address":
        if d.page != 1:
            return []
        y0 = int(max(getattr(d, "win_bottom", None) or 0, getattr(d, "header_bottom", 0) or 0, 110)) + 6
        return [(W - m - s, y) for y in range(y0, y0 + 120, 8) for m in (40, 60, 90)]
    if pos == "p-foot-centre":
        return [((W - s) / 2 + dx, H - 36 - s - k * 8) for k in range(8) for dx in (0, -60, 60)]
    if pos == "p-by-signer":
        sig = getattr(d.letter, "sig", None)
        if not sig or sig[0] != d.page:
            return []
        _, y, x = sig
        xs = [W - 50 - s, W - 80 - s] if x < W / 2 else [d.left, d.left + 40, x - s - 30]
        return [(xx, y + k * 6) for k in range(-2, 10) for xx in xs]
    return []
