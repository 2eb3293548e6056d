"""Tuning layout families, fifteenth set (see make_letters.py).

These were the held-out families of session 41 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families draw through the helpers of make_letters.py, which use() binds at import time.
"""

M = None  # make_letters, bound by use()


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Running faces of this set.

_DJ = "/usr/share/fonts/truetype/dejavu/"
_LI = "/usr/share/fonts/truetype/liberation2/"
_FR = "/usr/share/fonts/truetype/freefont/"


def fonts(register):
    """Registers this set's running faces through make_letters.py; a face whose files are not
    installed is left out."""
    out = []
    for key, files in (("oMathSerif", (_DJ + "DejaVuMathTeXGyre.ttf", _DJ + "DejaVuSerifCondensed-Bold.ttf",
                                         _DJ + "DejaVuSerif-Italic.ttf")),
                       ("oSansLightCond", (_DJ + "DejaVuSans-ExtraLight.ttf", _DJ + "DejaVuSansCondensed-Bold.ttf",
                                             _DJ + "DejaVuSansCondensed-Oblique.ttf")),
                       ("oSerifCondSlant", (_DJ + "DejaVuSerifCondensed-Italic.ttf", _DJ + "DejaVuSerif-Bold.ttf",
                                              _DJ + "DejaVuSerifCondensed.ttf")),
                       ("oFreeSansSlant", (_FR + "FreeSansOblique.ttf", _FR + "FreeSansBold.ttf",
                                             _FR + "FreeSans.ttf")),
                       ("oFreeSerifPlain", (_FR + "FreeSerif.ttf", _FR + "FreeSerifBoldItalic.ttf",
                                              _FR + "FreeSerifItalic.ttf"))):
        if register(key, *files):
            out.append(key)
    for key, faces in (("oChancery", ("Z003-MediumItalic", "URWBookman-Demi", "Z003-MediumItalic")),
                       ("oGothicDemi", ("URWGothic-Demi", "URWGothic-Demi", "URWGothic-DemiOblique")),
                       ("oBookmanDemi", ("URWBookman-Demi", "URWBookman-Demi", "URWBookman-LightItalic")),
                       ("oRomanSlant", ("NimbusRoman-Italic", "NimbusRoman-Bold", "NimbusRoman-Regular"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    return out


# ---------------------------------------------------------------------------------------------
# The traits as this set prints them.

_MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
         "novembre", "décembre"]
_MOIS_ABR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
_MASC_PAYS = ("Maroc", "Sénégal", "Portugal", "Cameroun", "Viêt Nam", "Royaume-Uni")


def _keep(s):
    """Spaces inside one trait never break a line (drawn as plain spaces)."""
    return s.replace(" ", M.NBSP)


def _date(I, rng, styles):
    y, m, d = I.iso.split("-")
    style = rng.choice(styles)
    if style == "two" and not (1935 <= int(y) <= 1999 and not I.child):
        style = "slash"
    day = "1er" if d == "01" else str(int(d))
    s = {"slash": "%s/%s/%s" % (d, m, y), "dot": "%s.%s.%s" % (d, m, y), "dash": "%s-%s-%s" % (d, m, y),
         "space": "%s %s %s" % (d, m, y), "two": "%s/%s/%s" % (d, m, y[2:]),
         "words": "%s %s %s" % (day, _MOIS[int(m) - 1], y),
         "abbr": "%s %s %s" % (day, _MOIS_ABR[int(m) - 1], y),
         "upper": "%s %s %s" % (day, M.insi(_MOIS[int(m) - 1]), y),
         "packed": "%s%s%s" % (d, m, y)}[style]
    return _keep(s)


D_NUM = ["slash", "slash", "dot", "dash", "space"]
D_ANY = ["slash", "slash", "dot", "dash", "space", "words", "words", "abbr", "upper", "two"]


def _ins(I, rng, styles):
    """The INS matricule in one of the ways software print it."""
    m = I.ins
    g = [m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]
    k = m[13:]
    style = rng.choice(styles)
    s = {"run": m,
         "groups": " ".join(g + [k]),
         "groups-dash": " ".join(g) + " – " + k,
         "dots": ".".join(g) + "." + k,
         "hyphens": "-".join(g + [k]),
         "key-word": "%s clé %s" % (m[:13], k),
         "key-bracket": "%s [%s]" % (m[:13], k),
         "key-slash": "%s/%s" % (m[:13], k),
         "threes": " ".join([m[0:3], m[3:6], m[6:9], m[9:12], m[12:15]]),
         "groups-key": "%s  clé %s" % (" ".join(g), k)}[style]
    return _keep(s)


I_ANY = ["run", "run", "groups", "groups", "groups-dash", "dots", "hyphens", "key-word", "key-bracket",
         "key-slash", "threes", "groups-key"]


def _sex(I, rng, styles):
    f = I.sex == "F"
    return rng.choice([{"l": "F" if f else "M", "w": "Féminin" if f else "Masculin",
                        "lw": "féminin" if f else "masculin", "W": "FÉMININ" if f else "MASCULIN",
                        "p": "Femme" if f else "Homme", "lp": "femme" if f else "homme",
                        "fm": "F – Femme" if f else "M – Homme"}[s] for s in styles])


def _place(I, rng, styles):
    """The birth place: its COG code always, the commune or the country sometimes."""
    code, name = I.place, I.place_name
    style = rng.choice(styles)
    if I.abroad:
        return _keep(rng.choice(["%s (%s)" % (name, code), "%s – %s" % (code, name), "%s, %s" % (name, code),
                                 "%s %s" % (code, M.insi(name))])) if style != "code" else code
    return {"code": code, "name-code": "%s (%s)" % (name, code), "code-name": "%s – %s" % (code, name),
            "code-caps": "%s %s" % (code, M.insi(name)), "insee": "INSEE %s – %s" % (code, name),
            "comma": "%s, %s" % (name, code)}[style]


P_ANY = ["name-code", "name-code", "code-name", "code-caps", "code", "insee", "comma"]


def _born_at(I, rng, styles=P_ANY):
    if I.abroad:
        return ("au " if I.place_name in _MASC_PAYS else "en ") + "%s (%s)" % (I.place_name, I.place)
    return "à " + _place(I, rng, styles)


def _firsts(I, rng, styles=("all", "all", "all-comma", "first")):
    return I.first_names(rng, rng.choice(list(styles)))


def _names(I, rng, conv=None):
    """The birth name, and the name in use tied to it by a word telling which is which."""
    if not I.used:
        return I.birth
    f = I.sex == "F"
    conv = conv or rng.choice(["nee", "ep", "usage", "naiss"])
    if conv == "nee":
        return "%s %s %s" % (I.used, "née" if f else "né", I.birth)
    if conv == "ep":
        return "%s %s %s" % (I.birth, "ép." if f else "époux", I.used)
    if conv == "usage":
        return "%s (usage : %s)" % (I.birth, I.used)
    return "%s (naiss. %s)" % (I.used, I.birth)


def _who(I, rng, civ=None, order=None, conv=None, given=None):
    given = given if given is not None else _firsts(I, rng, ("first", "all", "all"))
    fam = _names(I, rng, conv)
    order = order or rng.choice(["fam", "fam", "giv"])
    name = "%s %s" % (fam, given) if order == "fam" and "(" not in fam else "%s %s" % (given, fam)
    return "%s %s" % (civ, name) if civ else name


def _oid(rng):
    return rng.choice(["OID : " + M.TEST_OID, "(OID " + M.TEST_OID + ")", "autorité d'affectation " + M.TEST_OID])


def _years(I):
    return M.age_on(I.iso)


def _nov(rng, lo=2, hi=22):
    return "%02d/11/2026" % rng.randint(lo, hi)


def _tel(rng, prefix=None):
    prefix = prefix or rng.choice(["06", "07"])
    return "%s %02d %02d %02d %02d" % (prefix, rng.randint(10, 99), rng.randint(0, 99), rng.randint(0, 99),
                                       rng.randint(0, 99))


# ---------------------------------------------------------------------------------------------
# Drawing helpers. Frames record their edges only, so that what stands inside them stays free.

def _shrink(doc, texts, width, size, bold=False, italic=False, floor=5.0):
    while size > floor and max([doc.sw(t, size, bold=bold, italic=italic) for t in texts] or [0]) > width:
        size -= 0.25
    return size


def _frame(doc, x, top, w, h, lw=0.6, gray=0.0, radius=0, dash=None):
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


def _cell_text(doc, x, top, w, h, text, size, bold=False, italic=False, gray=0.0, pad=4):
    if not text:
        return
    sz = _shrink(doc, [text], w - 2 * pad, size, bold=bold, italic=italic, floor=4.5)
    doc.text(x + pad, top + h / 2 + sz * 0.33, text, sz, bold=bold, italic=italic, gray=gray)


def _stack(doc, x, top, items, k=1.0):
    """Sets (text, size, bold, italic, gray) lines downwards from `top`; gives back the y below them."""
    y = top
    for t, sz, b, i, g in items:
        lead = doc.lead(sz) * k
        y += lead * 0.8
        if t:
            doc.text(x, y, t, sz, bold=b, italic=i, gray=g)
        y += lead * 0.2
    return y


def _stack_h(doc, items, k=1.0):
    return sum(doc.lead(sz) * k for _, sz, _, _, _ in items)


def _wrap_items(doc, items, width):
    out = []
    for t, sz, b, i, g in items:
        if not t:
            out.append((t, sz, b, i, g))
            continue
        for part in doc.wrap(t, width, sz, bold=b, italic=i):
            out.append((part, sz, b, i, g))
    return out


def _rotated(doc, x, y, text, size, angle, bold=False, gray=0.0):
    """Text turned by `angle` degrees around (x, y) (page coordinates from the top); records the
    box it covers."""
    c = doc.c
    font = doc.fontname(bold)
    w = doc.sw(text, size, bold=bold)
    c.saveState()
    c.setFillGray(gray)
    c.translate(x, M.H - y)
    c.rotate(angle)
    c.setFont(font, size)
    c.drawString(0, 0, text.replace(M.NBSP, " "))
    c.restoreState()
    letter = getattr(doc, "letter", None)
    if letter is not None:
        letter.drawn.append(text)
    if angle == -90:  # reads top to bottom; the glyphs stand to the right of x
        doc.add_box((x - size * 0.25, y, x + size * 0.8, y + w))
    else:  # 90: reads bottom to top; the glyphs stand to the left of x
        doc.add_box((x - size * 0.8, y - w, x + size * 0.25, y))
    return w


def _sizes(I, lo=7.5, hi=10):
    size = max(lo, min(I.size, hi))
    return size, max(5.5, size - 2)


def _later_recall(doc, text, size=6.5):
    """A short italic recall of whom the document is about on later pages, under their header."""
    first = doc.page

    def recall(d):
        if d.page != first:
            d.text(d.left if d.left < 100 else 45, 70, text, size, italic=True, gray=0.3)
    doc.page_start.append(recall)


# ---------------------------------------------------------------------------------------------
# Identity

def _grid4(doc, pairs, x0, width, top, size, small, bold_values=True):
    """Ruled rows of two (label, value) pairs, a pair on a full row when its value is long."""
    lw, vw = width * 0.2, width * 0.3
    rh = doc.lead(size) + 5
    rows, pending = [], []
    for lb, v in pairs:
        if doc.sw(v, size, bold=bold_values) > vw - 8 or doc.sw(lb, small) > lw - 6:
            rows.append([(lb, v)])
        else:
            pending.append((lb, v))
            if len(pending) == 2:
                rows.append(pending)
                pending = []
    if pending:
        rows.append(pending)
    y = top
    for row in rows:
        if len(row) == 1:
            lb, v = row[0]
            fw = max(lw, doc.sw(lb, small) + 10)
            _fill(doc, x0, y, fw, rh, 0.92, record=False)
            _cell_text(doc, x0, y, fw, rh, lb, small, gray=0.25)
            _cell_text(doc, x0 + fw, y, width - fw, rh, v, size, bold=bold_values)
            _vrule(doc, x0 + fw, y, y + rh, 0.3)
        else:
            for k, (lb, v) in enumerate(row):
                x = x0 + k * (lw + vw)
                _fill(doc, x, y, lw, rh, 0.92, record=False)
                _cell_text(doc, x, y, lw, rh, lb, small, gray=0.25)
                _cell_text(doc, x + lw, y, vw, rh, v, size, bold=bold_values)
                _vrule(doc, x + lw, y, y + rh, 0.3)
                if k:
                    _vrule(doc, x, y, y + rh, 0.3)
        _frame(doc, x0, y, width, rh, lw=0.4)
        y += rh
    return y


_JOBS = ["Agent de service hospitalier", "Cariste", "Aide à domicile", "Technicien de maintenance",
         "Comptable", "Chauffeur poids lourd", "Cuisinier", "Ouvrier du bâtiment", "Vendeuse en boulangerie",
         "Agent d'accueil", "Conducteur de ligne", "Infographiste"]
_FIRMS = ["SAS Transports Le Bihan", "SARL Boulangerie du Port", "Association ADMR du canton", "SA Armor Emballages",
          "SCOP Bâti-Ouest", "Société Kerlann Logistique", "EURL Cuisines de l'Iroise"]
_NURSERIES = ["Multi-accueil Les Lutins", "Crèche parentale Pirouette", "Micro-crèche Les Petits Mousses",
              "École maternelle Jules Ferry", "Accueil de loisirs du Bourg"]


def _siret(rng):
    body = "%08d" % rng.randint(30000000, 99999999)
    siren = body + M.luhn_digit(body)
    nic = "%04d" % rng.randint(10, 999)
    return "%s %s %s %s" % (siren[:3], siren[3:6], siren[6:], nic + M.luhn_digit(siren + nic))


def id_work_health(doc, I, rng):
    """Occupational health (or, for a child, admission to a childcare setting): two ruled grids
    of two label-value pairs a row under bold section captions, the person, then the employer or
    the setting with its registration number and phone."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    f = I.sex == "F"
    pairs = [(rng.choice(["Nom de famille, naissance", "Nom de naissance", "Nom à l'état civil"]), I.birth)]
    if I.used:
        pairs.append((rng.choice(["Nom d'usage", "Nom utilisé (usage)"]), I.used))
    pairs.append((rng.choice(["Prénoms à l'état civil", "Prénom(s) de l'état civil"]), _firsts(I, rng, ("all", "all-comma"))))
    pairs.append((rng.choice(["Date de naissance", "Naissance"]), _date(I, rng, D_ANY)))
    pairs.append((rng.choice(["Sexe", "Sexe (INS)"]), _sex(I, rng, ["l", "w", "fm"])))
    if I.place:
        pairs.append((rng.choice(["Commune (ou pays) de naissance", "Lieu de naissance"]), _place(I, rng, P_ANY)))
    if I.ins:
        pairs.append((rng.choice(["N° INS (NIR)", "Matricule INS"]), _ins(I, rng, I_ANY)))
        if I.oid:
            pairs.append(("OID", M.TEST_OID))
    if I.child:
        head1 = rng.choice(["ENFANT ACCUEILLI", "Enfant accueilli"])
        extra = [("Structure", rng.choice(_NURSERIES)), ("SIRET", _siret(rng)),
                 ("Téléphone", _tel(rng, "02"))]
        head2 = rng.choice(["STRUCTURE D'ACCUEIL", "Structure d'accueil"])
    else:
        head1 = rng.choice(["SALARIÉ" + ("E" if f else ""), "Salarié(e)"])
        pairs.append(("Poste occupé", rng.choice(_JOBS)))
        extra = [("Raison sociale", rng.choice(_FIRMS)), ("SIRET", _siret(rng)),
                 ("Code NAF", "%02d%02d%s" % (rng.randint(10, 96), rng.randint(10, 99), rng.choice("ABCZ"))),
                 ("Téléphone", _tel(rng, "02"))]
        head2 = rng.choice(["EMPLOYEUR", "Employeur"])
    L.traps += ["siret", "third-party-phone"]
    rh = doc.lead(size) + 5
    doc.need(doc.lead(size) * 2 + rh * (len(pairs) + len(extra) + 2) / 1.5 + 20)
    doc.line(head1, size, bold=True)
    doc.mark("identity")
    doc.y = _grid4(doc, pairs, x0, width, doc.y + 2, size, small)
    doc.unmark()
    doc.gap(4)
    doc.line(head2, size, bold=True)
    doc.y = _grid4(doc, extra, x0, width, doc.y + 2, size, small, bold_values=False)
    doc.gap(size)


_ALD_LINES = ["Metformine 1000 mg : 1 cp matin et soir, QSP 3 mois", "Bisoprolol 5 mg : 1 cp le matin, QSP 3 mois",
              "Insuline glargine 100 UI/mL : 18 UI le soir", "Lévodopa/bensérazide 100/25 mg : 1 gélule 3 fois/jour",
              "Apixaban 5 mg : 1 cp matin et soir"]
_OTHER_LINES = ["Paracétamol 1 g : 1 cp si douleur, 4 fois par jour au plus", "Amoxicilline 1 g : 1 cp 3 fois/jour, 7 jours",
                "Sérum physiologique : lavages de nez, 1 boîte"]


def id_bizone(doc, I, rng):
    """The head of a two-zone prescription for a long-term illness: the person on two or three
    lines (the name in bold, the birth with age and weight, the place and the identifier), then
    the two zones under their printed captions, a line or two in each."""
    L = doc.letter
    size, small = _sizes(I, 8, 10.5)
    f = I.sex == "F"
    lead_in = rng.choice(["Malade : ", "Pour : ", ""])
    l1 = lead_in + _who(I, rng, civ=I.civ(rng, rng.choice(["short", "long"])), conv=rng.choice(["nee", "ep", "usage"]))
    kg = rng.randint(12, 45) if I.child else rng.randint(45, 110)
    l2 = "%s %s – %s – %d ans – %s" % (rng.choice(["Née le" if f else "Né le", "Date de naissance :"]),
                                      _date(I, rng, D_ANY), _sex(I, rng, ["w", "p", "lw"]), _years(I),
                                      rng.choice(["Poids : %d kg" % kg, "poids %d kg" % kg]))
    bits = []
    if I.place:
        if rng.random() < 0.5:
            bits.append("Lieu de naissance : " + _place(I, rng, P_ANY))
        else:
            bits.append("Né(e) " + _born_at(I, rng))
    if I.ins:
        bits.append(rng.choice(["Identité nationale de santé : ", "INS : ", "Matricule INS : "]) + _ins(I, rng, I_ANY))
        if I.oid:
            bits.append(_oid(rng))
    L.traps += ["weight", "drug-doses"]
    width = doc.right - doc.left
    doc.need(doc.lead(size) * 5 + doc.lead(small) * 8 + 20)
    doc.mark("identity")
    doc.para(l1, size + 0.5, bold=True, after=0)
    doc.para(l2, size, after=0)
    if bits:
        doc.para(" – ".join(bits), size, after=0)
    doc.unmark()
    doc.gap(4)
    for cap, sub, pool in (("Prescriptions relatives au traitement de l'affection de longue durée reconnue",
                            "(AFFECTION EXONÉRANTE)", _ALD_LINES),
                           ("Prescriptions SANS RAPPORT avec l'affection de longue durée", "(MALADIES INTERCURRENTES)",
                            _OTHER_LINES)):
        _rule(doc, doc.left, doc.right, doc.y + 1, 0.8)
        doc.gap(2)
        doc.line(cap, _shrink(doc, [cap], width, small, italic=True), italic=True, align="centre")
        doc.line(sub, small, bold=True, align="centre")
        for t in rng.sample(pool, rng.randint(1, 2)):
            doc.para("• " + t, small + 0.5, x=doc.left + 10, after=0)
        doc.gap(3)
    _rule(doc, doc.left, doc.right, doc.y + 1, 0.8)
    doc.gap(size)


def id_edge_strip(doc, I, rng):
    """Up the right edge of every page, turned to read from top to bottom: the person on two
    lines (name and sex; birth, place and identifier)."""
    W, H = M.W, M.H
    size = rng.choice([6.5, 7, 7.5])
    civ = I.civ(rng, rng.choice(["short", "long", "upper"]))
    l1 = "%s – %s" % (_who(I, rng, civ=civ, conv=rng.choice(["nee", "ep", "naiss"])),
                      rng.choice(["sexe ", "", "Sexe : "]) + _sex(I, rng, ["l", "w", "W"]))
    bits = ["%s %s" % (rng.choice(["né(e) le", "DDN", "naissance :"]), _date(I, rng, D_NUM + ["abbr"]))]
    if I.place:
        bits[-1] += " " + _born_at(I, rng, ["code", "name-code", "code-name"])
    if I.ins:
        bits.append("INS " + _ins(I, rng, I_ANY) + ((" " + _oid(rng)) if I.oid else ""))
    if I.ipp and rng.random() < 0.6:
        bits.append("IPP " + I.ipp)
        I.uses.add("ipp")
    l2 = " – ".join(bits)
    top = rng.choice([190, 210, 230])
    room = H - 130 - top
    sz = _shrink(doc, [l1, l2], room, size, bold=True, floor=5)
    xs = (W - 32, W - 32 + sz * 1.3)

    def strip(d):
        if d.page == 1:
            d.mark("identity")
        _rotated(d, xs[0], top, l1, sz, -90, bold=True)
        _rotated(d, xs[1], top, l2, sz, -90)
        d.unmark()
    doc.page_end.insert(0, strip)
    doc.letter.traps.append("edge-identity")


_SITES = ["Sein gauche", "Sein droit", "Prostate et vésicules séminales", "Pelvis", "Rectum", "Encéphale",
          "Poumon droit", "Sphère ORL", "Col utérin", "Rachis lombaire (antalgique)"]


def id_radiotherapy(doc, I, rng):
    """The head of a radiotherapy treatment summary: on the left a narrow shaded column where each
    trait stands under its small label; beside it a ruled table of the treatment (site, technique,
    dose, fractions, dates, file number); later pages recall the name."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    x0 = doc.left
    colw = rng.choice([150, 160, 170])
    items = [(rng.choice(["NOM DE NAISSANCE", "Nom de naissance"]), I.birth)]
    if I.used:
        items.append((rng.choice(["NOM D'USAGE", "Nom d'usage"]), I.used))
    items.append((rng.choice(["PRÉNOMS", "Prénom(s)"]), _firsts(I, rng, ("all", "all", "first"))))
    items.append((rng.choice(["NÉ(E) LE", "Date de naissance"]), _date(I, rng, D_ANY)))
    items.append((rng.choice(["SEXE", "Sexe"]), _sex(I, rng, ["w", "l", "p"])))
    if I.place:
        items.append((rng.choice(["LIEU DE NAISSANCE", "Lieu de naissance"]), _place(I, rng, P_ANY)))
    if I.ins:
        items.append((rng.choice(["MATRICULE INS", "INS"]), _ins(I, rng, I_ANY)))
        if I.oid:
            items.append(("OID", M.TEST_OID))
    lines = []
    for lb, v in items:
        lines.append((lb, small, False, False, 0.35))
        for part in doc.wrap(v, colw - 12, size, bold=True):
            lines.append((part, _shrink(doc, [part], colw - 12, size, bold=True), True, False, 0))
    gy = rng.randint(1, 35) * 2 if rng.random() < 0.8 else 30
    n = {70: 35, 60: 30, 50: 25, 66: 33, 30: 10}.get(gy, gy // 2)
    start = rng.randint(3, 12)
    treat = [("Localisation", rng.choice(_SITES)), ("Technique", rng.choice(["RCMI", "VMAT", "3D conformationnelle",
                                                                             "stéréotaxie"])),
             ("Dose totale", "%d Gy" % gy), ("Fractionnement", "%d × %s Gy" % (n, ("%.1f" % (gy / n)).replace(".", ","))),
             ("Début", "%02d/11/2026" % start), ("Fin prévue", "%02d/12/2026" % rng.randint(1, 28)),
             ("Dossier RT", "RT-%d-%05d" % (rng.choice([25, 26]), rng.randint(1, 99999)))]
    L.traps += ["radiotherapy-dose", "treatment-dates"]
    h = _stack_h(doc, lines) + 10
    tw = doc.right - x0 - colw - 12
    rh = doc.lead(small) + 5
    h = max(h, rh * len(treat))
    doc.need(h + 12)
    top = doc.y + 2
    doc.mark("identity")
    _fill(doc, x0, top, colw, h, 0.9, record=False)
    _stack(doc, x0 + 6, top + 4, lines)
    doc.unmark()
    tx = x0 + colw + 12
    lw = max(doc.sw(a, small, bold=True) for a, _ in treat) + 10
    for k, (a, b) in enumerate(treat):
        y = top + k * rh
        _frame(doc, tx, y, tw, rh, lw=0.4)
        _vrule(doc, tx + lw, y, y + rh, 0.3)
        _cell_text(doc, tx, y, lw, rh, a, small, bold=True)
        _cell_text(doc, tx + lw, y, tw - lw, rh, b, small)
    doc.y = top + h + 4
    _later_recall(doc, "%s %s – %s" % (rng.choice(["Radiothérapie –", "Suite du dossier RT –"]), I.used or I.birth,
                                      _date(I, rng, ["slash"])))
    doc.gap(size * 0.6)


def id_runin_after(doc, I, rng, reason):
    """The body opens on a run-in phrase, then each trait followed by what it is in brackets,
    the traits separated by middle dots; the reason of the letter in the next sentence."""
    size = doc.size
    f = I.sex == "F"
    head = rng.choice(["Identité vérifiée sur pièce d'identité :", "Identité contrôlée ce jour :",
                       "Pour mémoire, identité de " + ("la patiente :" if f else "du patient :")])
    parts = ["%s (nom de naissance)" % I.birth]
    if I.used:
        parts.append("%s (%s)" % (I.used, rng.choice(["nom d'usage", "nom utilisé"])))
    parts.append("%s (%s)" % (_firsts(I, rng, ("all", "all", "first")), rng.choice(["prénoms", "prénom(s)"])))
    parts.append("%s (date de naissance)" % _date(I, rng, D_ANY))
    parts.append("%s (sexe)" % _sex(I, rng, ["lw", "l", "lp"]))
    if I.place:
        parts.append("%s (%s)" % (_place(I, rng, ["code", "name-code", "code-name"]),
                                  rng.choice(["lieu de naissance", "code du lieu de naissance"])))
    if I.ins:
        parts.append("%s (%s)" % (_ins(I, rng, I_ANY), rng.choice(["matricule INS", "INS"])))
        if I.oid:
            parts.append("%s (OID)" % M.TEST_OID)
    sep = rng.choice([" · ", " ; "])
    s1 = head + " " + sep.join(parts) + "."
    s2 = rng.choice(["Je vous l'adresse", "Je l'ai reçu%s en consultation" % ("e" if f else ""),
                     "Elle nous a été adressée" if f else "Il nous a été adressé"]) + " " + reason + "."
    doc.mark("identity")
    doc.para(s1, size, keep=True, after=2)
    doc.unmark()
    doc.para(s2, size)


def id_right_band(doc, I, rng):
    """At the top of every page, set flush right over a thin rule: the name in bold, then the
    other traits run on a line with middle dots; a small grey caption on the left."""
    W = M.W
    size = rng.choice([7, 7.5, 8])
    civ = I.civ(rng, rng.choice(["short", "upper"]))
    l1 = _who(I, rng, civ=civ, order="fam", conv=rng.choice(["nee", "ep", "usage"]))
    bits = ["%s %s" % (I.born(), _date(I, rng, D_NUM + ["abbr", "words"])), _sex(I, rng, ["l", "w"])]
    if I.place:
        bits.append(rng.choice(["lieu ", "LN ", ""]) + _place(I, rng, ["code", "code-name", "name-code"]))
    if I.ins:
        bits.append("INS " + _ins(I, rng, I_ANY))
        if I.oid:
            bits.append(_oid(rng))
    l2 = " · ".join(bits)
    cap = rng.choice(["Se rapporte à", "Dossier", "Soins pour"])
    x1 = W - 30
    room = W - 60 - doc.sw(cap, 6, italic=True) - 20
    s1 = _shrink(doc, [l1], room, size + 0.5, bold=True)
    s2 = _shrink(doc, [l2], room, size)

    def band(d):
        if d.page == 1:
            d.mark("identity")
        d.text(x1, 24, l1, s1, bold=True, align="right")
        d.text(x1, 24 + s2 * 1.35, l2, s2, align="right")
        d.unmark()
        d.text(30, 24, cap, 6, italic=True, gray=0.4)
        _rule(d, 30, x1, 29 + s2 * 1.35, 0.4, 0.3)
    band(doc)
    doc.page_start.append(band)
    doc.letter.traps.append("page-band")


_CONTACTS_F = ["fille", "conjointe", "sœur", "voisine", "nièce"]
_CONTACTS_M = ["fils", "conjoint", "frère", "voisin", "neveu"]


def id_dotted_after(doc, I, rng):
    """In a rounded frame under a centred caption: 'label : value' a line, dots running from the
    value to the right edge of the frame, as a filled-in form; a contact person last."""
    L = doc.letter
    size, small = _sizes(I, 8, 10)
    x0 = doc.left + rng.choice([0, 10])
    width = min(doc.right - x0, rng.choice([330, 360, 390, 999]))
    if I.child:
        cap = rng.choice(["Extrait du carnet de santé", "Fiche de renseignements – enfant"])
        rows = [("Nom de l'enfant", I.birth)]
        rows.append(("Prénom(s) de l'enfant", _firsts(I, rng, ("all", "all-comma"))))
    else:
        cap = rng.choice(["Fiche de transmission", "Fiche administrative"])
        rows = [(rng.choice(["Nom de naissance", "Nom de naissance (NN)"]), I.birth)]
        if I.used:
            rows.append((rng.choice(["Nom d'usage", "Nom marital / d'usage"]), I.used))
        rows.append((rng.choice(["Prénom(s)", "Prénoms"]), _firsts(I, rng, ("all", "all-comma", "first"))))
    if I.child and I.used:
        rows.append(("Nom d'usage", I.used))
    rows.append((rng.choice(["Né(e) le", "Date de naissance"]), _date(I, rng, D_ANY)))
    rows.append(("Sexe", _sex(I, rng, ["l", "w"])))
    if I.place:
        rows.append((rng.choice(["Lieu de naissance", "Commune de naissance"]), _place(I, rng, P_ANY)))
    if I.ins:
        rows.append((rng.choice(["Matricule INS", "N° INS"]), _ins(I, rng, I_ANY)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    cf = rng.random() < 0.6
    civ, given = ("Mme", rng.choice(M.GIVEN_F)) if cf else ("M.", rng.choice(M.GIVEN_M))
    if I.child:
        rel = "mère" if cf else "père"
    else:
        rel = rng.choice(_CONTACTS_F if cf else _CONTACTS_M)
    rows.append(("Personne à prévenir", "%s %s %s (%s), %s" % (civ, given, M.pick_surname(rng), rel, _tel(rng))))
    L.traps += ["contact-person", "contact-phone"]
    lead = doc.lead(size) * 1.15
    h = lead * (len(rows) + 1.2) + 10
    doc.need(h + 8)
    top = doc.y + 2
    _frame(doc, x0, top, width, h, lw=0.6, radius=5)
    doc.text(x0 + width / 2, top + lead * 0.9, cap, size, bold=True, align="centre")
    dot = doc.sw(".", small)
    y = top + lead * 1.3
    doc.mark("identity")
    for lb, v in rows:
        y += lead * 0.8
        t = lb + " : "
        sz = _shrink(doc, [t + v], width - 30, size)
        w1 = doc.text(x0 + 8, y, t, sz)
        w2 = doc.text(x0 + 8 + w1, y, v, sz, bold=True)
        n = int((width - 16 - w1 - w2 - 6) / dot)
        if n > 2:
            doc.text(x0 + 8 + w1 + w2 + 4, y, "." * n, small, gray=0.5)
        y += lead * 0.2
    doc.unmark()
    doc.y = top + h + 4
    doc.gap(size * 0.6)


_MEASURES = ["curatelle renforcée", "curatelle simple", "tutelle", "habilitation familiale", "sauvegarde de justice"]
_MANDATES = ["UDAF", "ATP", "association de tutelle", "mandataire privé"]


def id_protected(doc, I, rng):
    """Two sections under captions in small capitals: the person (an italic label, a long dash,
    the value in bold, a line each), then the legal protection of an adult or the parental
    authority over a child, with the representative and their phone."""
    L = doc.letter
    size, small = _sizes(I, 8, 10)
    f = I.sex == "F"
    if I.child:
        cap1 = rng.choice(["MINEUR" + ("E" if f else "") + " CONCERNÉ" + ("E" if f else ""), "ENFANT"])
    else:
        cap1 = "PERSONNE PROTÉGÉE" if rng.random() < 0.6 else "MAJEUR" + ("E" if f else "") + " PROTÉGÉ" + ("E" if f else "")
    rows = [(rng.choice(["Nom de naissance", "Nom de famille"]), I.birth)]
    if I.used:
        rows.append((rng.choice(["Nom d'usage", "Nom en usage"]), I.used))
    rows.append((rng.choice(["Prénoms", "Prénom(s) de naissance"]), _firsts(I, rng, ("all", "all-comma"))))
    rows.append((rng.choice(["Date de naissance", "Né(e) le"]), _date(I, rng, D_ANY)))
    rows.append(("Sexe", _sex(I, rng, ["w", "l", "lw"])))
    if I.place:
        rows.append((rng.choice(["Lieu de naissance", "Naissance à"]), _place(I, rng, P_ANY)))
    if I.ins:
        rows.append((rng.choice(["Identité INS (matricule)", "Matricule INS"]), _ins(I, rng, I_ANY)))
        if I.oid:
            rows.append(("Autorité d'affectation (OID)", M.TEST_OID))
    rs = rng.choice("FM")
    rep = "%s %s %s" % ("Mme" if rs == "F" else "M.", rng.choice(M.GIVEN_F if rs == "F" else M.GIVEN_M),
                        M.pick_surname(rng))
    if I.child:
        cap2 = rng.choice(["AUTORITÉ PARENTALE", "REPRÉSENTANTS LÉGAUX"])
        rows2 = [("Exercice", rng.choice(["conjoint", "exclusif (%s)" % ("mère" if rs == "F" else "père")])),
                 ("Représentant légal", "%s (%s), %s" % (rep, "mère" if rs == "F" else "père", _tel(rng)))]
    else:
        cap2 = rng.choice(["PROTECTION JURIDIQUE", "MESURE DE PROTECTION"])
        rows2 = [("Mesure", "%s (jugement du %02d/%02d/%d)" % (rng.choice(_MEASURES), rng.randint(1, 28),
                                                              rng.randint(1, 12), rng.randint(2015, 2026))),
                 ("Mandataire", "%s, %s, %s" % (rep, rng.choice(_MANDATES), _tel(rng, "02")))]
    L.traps += ["representative", "judgment-date" if not I.child else "parent-phone"]
    lead = doc.lead(size)
    doc.need(lead * (len(rows) + len(rows2) + 4))
    x = doc.left + rng.choice([0, 8])

    def block(caption, rs_, mark):
        doc.line(caption, small + 0.5, bold=True, gray=0.3, x=x)
        if mark:
            doc.mark("identity")
        for lb, v in rs_:
            doc.y += lead * 0.8
            t = lb + " — "
            sz = _shrink(doc, [t + v], doc.right - x - 4, size)
            w = doc.text(x + 6, doc.y, t, sz, italic=True, gray=0.2)
            doc.text(x + 6 + w, doc.y, v, sz, bold=mark)
            doc.y += lead * 0.2
        if mark:
            doc.unmark()
        doc.gap(3)
    block(cap1, rows, True)
    block(cap2, rows2, False)
    doc.gap(size * 0.5)


def id_transplant(doc, I, rng):
    """A transplant summary in a frame of two columns: the recipient's traits ('label : value',
    values in bold) on the left, the graft on the right (organ, donor with their number and
    age, blood group, date, cold ischaemia)."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    f = I.sex == "F"
    x0, width = doc.left, doc.right - doc.left
    split = width * 0.6
    rows = [("Nom de naissance", I.birth)]
    if I.used:
        rows.append(("Nom d'usage", I.used))
    rows.append(("Prénoms", _firsts(I, rng, ("all", "all", "first"))))
    rows.append((rng.choice(["Né(e) le", "Date de naissance"]), _date(I, rng, D_ANY)))
    rows.append(("Sexe", _sex(I, rng, ["l", "w", "fm"])))
    if I.place:
        rows.append(("Lieu de naissance", _place(I, rng, P_ANY)))
    if I.ins:
        rows.append(("INS", _ins(I, rng, I_ANY)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    organ = rng.choice(["Rein", "Rein", "Foie", "Cœur", "Poumons", "Rein et pancréas"])
    living = organ == "Rein" and rng.random() < 0.35
    donor = ("vivant, apparenté (%s)" % rng.choice(["mère", "père", "sœur", "frère", "conjoint"])) if living else \
        "décédé, n° CRISTAL %06d" % rng.randint(100000, 999999)
    graft = [("Greffon", organ), ("Donneur", donor), ("Âge du donneur", "%d ans" % rng.randint(18, 72)),
             ("Groupe ABO", rng.choice(["O", "A", "B", "AB"]) + rng.choice(["+", "-"])),
             ("Date de greffe", "%02d/%02d/%d" % (rng.randint(1, 28), rng.randint(1, 12), rng.randint(2010, 2026))),
             ("Ischémie froide", "%d h %02d" % (rng.randint(1, 20), rng.randint(0, 59)))]
    L.traps += ["donor-age", "donor-number", "graft-date"]
    lead = doc.lead(size)
    head = rng.choice(["Receveuse" if f else "Receveur", "RECEVEUR / RECEVEUSE", "Patient" + ("e" if f else "") + " greffé" + ("e" if f else "")])
    h = lead * (max(len(rows), len(graft)) + 1.4) + 8
    doc.need(h + 10)
    top = doc.y + 2
    _frame(doc, x0, top, width, h, lw=0.7)
    _vrule(doc, x0 + split, top, top + h, 0.4)
    _fill(doc, x0, top, width, lead * 1.2, 0.88)
    doc.text(x0 + 5, top + lead * 0.9, head, small + 0.5, bold=True)
    doc.text(x0 + split + 5, top + lead * 0.9, rng.choice(["Transplantation", "GREFFE"]), small + 0.5, bold=True)
    lw = max(doc.sw(a + " :", small) for a, _ in rows) + 6
    y = top + lead * 1.2 + 4
    doc.mark("identity")
    for a, b in rows:
        y += lead * 0.8
        doc.text(x0 + 5, y, a + " :", small, gray=0.3)
        doc.text(x0 + 5 + lw, y, b, _shrink(doc, [b], split - lw - 12, size, bold=True), bold=True)
        y += lead * 0.2
    doc.unmark()
    gw = max(doc.sw(a + " :", small) for a, _ in graft) + 5
    y = top + lead * 1.2 + 4
    for a, b in graft:
        y += lead * 0.8
        doc.text(x0 + split + 5, y, a + " :", small, gray=0.3)
        doc.text(x0 + split + 5 + gw, y, b, _shrink(doc, [b], width - split - gw - 12, small))
        y += lead * 0.2
    doc.y = top + h + 4
    doc.gap(size * 0.6)


def id_corner_card(doc, I, rng):
    """Opposite the letterhead behind a thick grey bar: a small caption, the name in bold, then
    unlabelled lines (the name in use, the birth with the age, the sex, the place, the
    identifier and the file number)."""
    W = M.W
    L = doc.letter
    size = max(7.5, min(I.size - 0.5, 9))
    f = I.sex == "F"
    civ = I.civ(rng, rng.choice(["long", "short", "upper"]))
    lines = [(rng.choice(["Patient" + ("e" if f else ""), "Concerne", "Dossier de soins"]), size - 1.5, False, True, 0.45)]
    lines.append(("%s %s %s" % (civ, I.birth, _firsts(I, rng, ("all", "first"))), size + 0.5, True, False, 0))
    if I.used:
        lines.append((rng.choice(["dite", "nom d'usage"] if f else ["dit", "nom d'usage"]) + " " + I.used,
                      size, False, False, 0))
    lines.append(("%s %s (%d ans)" % (rng.choice(["née le" if f else "né le", "°"]), _date(I, rng, D_ANY),
                                     _years(I)), size, False, False, 0))
    sx = _sex(I, rng, ["w", "p", "l"])
    lines.append(("sexe " + sx if len(sx) == 1 else sx, size, False, False, 0))
    if I.place:
        lines.append((_place(I, rng, ["name-code", "code-name", "code-caps", "insee"]), size, False, False, 0))
    if I.ins:
        lines.append(("INS " + _ins(I, rng, I_ANY), size, True, False, 0))
        if I.oid:
            lines.append((_oid(rng), size - 1, False, False, 0.3))
    if I.ipp:
        lines.append(("Réf. interne " + I.ipp, size - 1, False, False, 0.3))
        I.uses.add("ipp")
    x1 = W - rng.choice([38, 44, 50])
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in lines)
    x = max(W / 2 + 15, x1 - max(widest, 150))
    lines = [(t, _shrink(doc, [t], x1 - x, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in lines]
    y = rng.choice([38, 46, 54])
    head = [b for b in doc.boxes[doc.page] if b[2] > x - 14 and b[1] < 150]
    if head:
        y = max(y, max(b[3] for b in head) + 10)
    doc.mark("identity")
    bottom = _stack(doc, x, y, lines)
    doc.unmark()
    _vrule(doc, x - 7, y + 2, bottom, 2.2, 0.6)
    L.traps.append("corner-card")
    return bottom + 4


def id_glycaemia(doc, I, rng):
    """The head of a diabetes follow-up sheet: the name large on the left with, level with it on
    the right, a small framed box holding the national identifier under its caption; a grey line
    of the other traits; then a short table of capillary glucose readings."""
    L = doc.letter
    size, small = _sizes(I, 8, 10)
    x0, x1 = doc.left, doc.right
    name = "%s %s" % (_names(I, rng, rng.choice(["nee", "ep", "usage"])), _firsts(I, rng, ("all", "first")))
    bits = ["%s %s" % (rng.choice(["Né(e) le", "né(e) le", "Naissance :"]), _date(I, rng, D_ANY)),
            "sexe : " + _sex(I, rng, ["l", "w", "lw"])]
    if I.place:
        bits.append(rng.choice(["lieu de naissance : " + _place(I, rng, ["code", "name-code", "code-name"]),
                                "né(e) " + _born_at(I, rng, ["code", "name-code", "code-name"])]))
    grey = " ; ".join(bits)
    box = None
    if I.ins:
        cap = rng.choice(["Matricule INS", "INS (identifiant national de santé)"])
        val = _ins(I, rng, I_ANY)
        extra = M.TEST_OID if I.oid else None
        bw = max(doc.sw(cap, small - 0.5), doc.sw(val, size, bold=True), doc.sw(extra or "", small - 0.5)) + 12
        box = (cap, val, extra, bw)
    big = size + rng.choice([2, 3])
    room = (x1 - x0) - (box[3] + 14 if box else 0)
    big = _shrink(doc, [name], room, big, bold=True)
    readings = []
    for k in range(rng.randint(3, 5)):
        readings.append(("%02d/11/2026" % (8 + k * 2), ("%.2f" % rng.uniform(0.8, 1.6)).replace(".", ","),
                         ("%.2f" % rng.uniform(1.2, 2.6)).replace(".", ","), ("%.2f" % rng.uniform(1.0, 2.0)).replace(".", ",")))
    heads = ("Date", "À jeun (g/L)", "Post-prandial (g/L)", "Coucher (g/L)")
    L.traps += ["glucose-values", "hba1c"]
    rh = doc.lead(small) + 3
    bh = doc.lead(small) * (3 if box and box[2] else 2) + doc.lead(size) if box else 0
    doc.need(doc.lead(big) + doc.lead(size) * 2 + bh + rh * (len(readings) + 2) + 20)
    top = doc.y
    doc.mark("identity")
    doc.text(x0, top + big, name, big, bold=True)
    yb = top + big * 1.3
    if box:
        cap, val, extra, bw = box
        bx = x1 - bw
        items = [(cap, small - 0.5, False, True, 0.35), (val, size, True, False, 0)]
        if extra:
            items.append(("OID " + extra, _shrink(doc, ["OID " + extra], bw - 10, small - 0.5), False, False, 0.35))
        hb = _stack_h(doc, items) + 6
        _frame(doc, bx, top, bw, hb, lw=0.6)
        _stack(doc, bx + 5, top + 2, items)
        yb = max(yb, top + hb + 2)
    lines = doc.wrap(grey, x1 - x0 - (box[3] + 14 if box else 0), size)
    y = top + big * 1.3
    for ln in lines:
        y += doc.lead(size) * 0.8
        doc.text(x0, y, ln, size, gray=0.35)
        y += doc.lead(size) * 0.2
    doc.unmark()
    y = max(y, yb) + 6
    ws = [max(doc.sw(r[i], small, bold=(r is heads)) for r in readings + [heads]) + 14 for i in range(4)]
    for r in [heads] + readings:
        x = x0
        for v, w in zip(r, ws):
            _frame(doc, x, y, w, rh, lw=0.3, gray=0.4)
            _cell_text(doc, x, y, w, rh, v, small, bold=(r is heads))
            x += w
        y += rh
    doc.y = y + 2
    doc.line("HbA1c du %s : %s %%" % (_nov(rng, 2, 20), ("%.1f" % rng.uniform(5.8, 9.5)).replace(".", ",")), small)
    doc.gap(size * 0.6)


_SCOPES = ["GIF-H190", "CF-HQ190L", "EG-760R", "EC-760ZP-V", "BF-H190", "GIF-1100"]


def id_endoscopy(doc, I, rng):
    """An endoscopy report head: a small grey line tracing the endoscope (model, serial number,
    disinfection cycle, washer), then the person in two columns of bold labels without colons
    and values after a gutter, then the indication."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    trace = "Endoscope %s – n° de série %07d – cycle de désinfection n° %05d – laveur n° %d – %s" % (
        rng.choice(_SCOPES), rng.randint(1000000, 9999999), rng.randint(10000, 99999), rng.randint(1, 6),
        _nov(rng, 10, 22))
    L.traps += ["endoscope-serial", "disinfection-cycle"]
    rows = [(rng.choice(["Nom (de naissance)", "Nom de naissance"]), I.birth)]
    if I.used:
        rows.append((rng.choice(["Nom usage", "Nom d'usage"]), I.used))
    rows.append(("Prénoms", _firsts(I, rng, ("all", "all-comma", "first"))))
    rows.append((rng.choice(["Né(e) le", "Naissance"]), _date(I, rng, D_ANY)))
    rows.append(("Sexe", _sex(I, rng, ["l", "w", "W"])))
    if I.place:
        rows.append((rng.choice(["Lieu de naissance", "Né(e) à"]), _place(I, rng, P_ANY)))
    if I.ins:
        rows.append(("INS", _ins(I, rng, I_ANY)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    if I.nda and rng.random() < 0.7:
        rows.append(("Venue", I.nda))
        I.uses.add("nda")
    half = (len(rows) + 1) // 2
    cols = [rows[:half], rows[half:]]
    cw = width / 2
    lead = doc.lead(size)
    doc.need(doc.lead(small) * 2 + lead * (half + 2))
    doc.para(trace, small, after=2)
    top = doc.y
    doc.mark("identity")
    for k, col in enumerate(cols):
        if not col:
            continue
        x = x0 + k * cw
        lw = max(doc.sw(a, small, bold=True) for a, _ in col) + rng.choice([10, 16])
        y = top
        for a, b in col:
            y += lead * 0.8
            doc.text(x, y, a, small, bold=True)
            doc.text(x + lw, y, b, _shrink(doc, [b], cw - lw - 10, size))
            y += lead * 0.2
    doc.unmark()
    doc.y = top + lead * half + 3
    _rule(doc, x0, doc.right, doc.y, 0.3, 0.5)
    doc.gap(3)
    doc.line("Indication : %s" % rng.choice(["anémie ferriprive", "épigastralgies persistantes", "dépistage (test FIT positif)",
                                             "surveillance de polypes", "dysphagie"]), size)
    doc.gap(size * 0.5)


def id_home_hospital(doc, I, rng):
    """A home hospitalisation admission: a framed block under a shaded caption, three columns of
    short abbreviated labels and values without rules (the traits, then the place of care: the
    address, door code, floor and phone)."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9)
    x0, width = doc.left, doc.right - doc.left
    cells = [("Nom nais.", I.birth)]
    if I.used:
        cells.append(("Nom usage", I.used))
    cells.append(("Prén.", _firsts(I, rng, ("all", "first", "all-comma"))))
    cells.append(("Né(e) le", _date(I, rng, D_NUM + ["two"])))
    cells.append(("Sexe", _sex(I, rng, ["l", "l", "w"])))
    if I.place:
        cells.append(("Lieu nais.", _place(I, rng, ["code", "code-name", "code-caps"])))
    if I.ins:
        cells.append(("Mat. INS", _ins(I, rng, I_ANY)))
        if I.oid:
            cells.append(("OID", M.TEST_OID))
    n_id = len(cells)
    street, pc, city = L.patient["home"]
    care = [("Adresse PEC", "%s, %s %s" % (street, pc, M.title_city(city))),
            ("Digicode", "%d%s" % (rng.randint(1000, 9999), rng.choice(["A", "B", "", ""]))),
            ("Étage", rng.choice(["RDC", "1er", "2e", "3e sans ascenseur"])), ("Tél. dom.", _tel(rng, "02"))]
    L.traps += ["patient-home", "door-code", "home-phone"]
    cols = 3
    cw = width / cols
    lead = doc.lead(size) * 1.1
    ids = [cells[i:i + cols] for i in range(0, n_id, cols)]
    long_ = [c for c in cells if doc.sw(c[1], size, bold=True) > cw - doc.sw(c[0], small) - 14]
    hb = doc.lead(small) * 1.5
    h = hb + lead * (len(ids) + len(long_) + 2) + 12
    doc.need(h + 8)
    top = doc.y + 2
    _frame(doc, x0, top, width, h, lw=0.5)
    _fill(doc, x0, top, width, hb, 0.85)
    doc.text(x0 + 5, top + hb * 0.7, rng.choice(["HAD – ADMISSION", "Hospitalisation à domicile – admission",
                                                 "HAD : fiche patient"]), small + 0.5, bold=True)
    y = top + hb + 2
    doc.mark("identity")
    row = []
    for c in cells:
        if c in long_:
            y += lead * 0.8
            w = doc.text(x0 + 5, y, c[0] + " ", small, gray=0.35)
            doc.text(x0 + 5 + w + 3, y, c[1], _shrink(doc, [c[1]], width - w - 16, size, bold=True), bold=True)
            y += lead * 0.2
            continue
        row.append(c)
        if len(row) == cols:
            y += lead * 0.8
            for j, (a, b) in enumerate(row):
                w = doc.text(x0 + 5 + j * cw, y, a + " ", small, gray=0.35)
                doc.text(x0 + 5 + j * cw + w + 3, y, b, size, bold=True)
            y += lead * 0.2
            row = []
    if row:
        y += lead * 0.8
        for j, (a, b) in enumerate(row):
            w = doc.text(x0 + 5 + j * cw, y, a + " ", small, gray=0.35)
            doc.text(x0 + 5 + j * cw + w + 3, y, b, size, bold=True)
        y += lead * 0.2
    doc.unmark()
    _rule(doc, x0 + 4, x0 + width - 4, y + 3, 0.3, 0.5)
    y += 4
    for a, b in care[:1]:
        y += lead * 0.8
        w = doc.text(x0 + 5, y, a + " ", small, gray=0.35)
        doc.text(x0 + 5 + w + 3, y, b, _shrink(doc, [b], width - w - 16, size))
        y += lead * 0.2
    y += lead * 0.8
    for j, (a, b) in enumerate(care[1:]):
        w = doc.text(x0 + 5 + j * cw, y, a + " ", small, gray=0.35)
        doc.text(x0 + 5 + j * cw + w + 3, y, b, _shrink(doc, [b], cw - w - 14, size))
    y += lead * 0.2
    doc.y = max(y, top + h - 6) + 8
    doc.gap(size * 0.4)


def id_reconciliation(doc, I, rng):
    """A medication reconciliation head in two halves split by a hairline: the person on the
    left (labels in small capitals on a tab stop), on the right what the doses depend on
    (weight, clearance, allergies, the sources consulted)."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    split = width * rng.choice([0.55, 0.6])
    left = [("NOM DE NAISSANCE", I.birth)]
    if I.used:
        left.append(("NOM UTILISÉ", I.used))
    left.append(("PRÉNOM(S)", _firsts(I, rng, ("all", "all-comma", "first"))))
    left.append(("NÉ(E) LE", _date(I, rng, D_ANY)))
    left.append(("SEXE", _sex(I, rng, ["l", "w"])))
    if I.place:
        left.append(("NÉ(E) À", _place(I, rng, P_ANY)))
    if I.ins:
        left.append(("INS", _ins(I, rng, I_ANY)))
        if I.oid:
            left.append(("OID", M.TEST_OID))
    kg = rng.randint(14, 50) if I.child else rng.randint(45, 105)
    right = [("Poids", "%d kg" % kg), ("Clairance (CKD-EPI)", "%d mL/min" % rng.randint(25, 110)),
             ("Allergies", rng.choice(["aucune connue", "pénicillines", "iode", "AINS"])),
             ("Sources", rng.choice(["DMP, pharmacie d'officine", "ordonnances, entretien", "DMP, famille, officine"]))]
    L.traps += ["weight", "clearance"]
    cap = rng.choice(["Conciliation médicamenteuse d'entrée", "CONCILIATION DES TRAITEMENTS"])
    lead = doc.lead(size)
    h = lead * max(len(left), len(right)) + 6
    doc.need(h + doc.lead(size) * 2 + 8)
    doc.line(cap, size, bold=True)
    top = doc.y + 2
    lab = small - 0.5
    tab = max(doc.sw(a, lab, bold=True) for a, _ in left) + 10
    doc.mark("identity")
    y = top
    for a, b in left:
        y += lead * 0.8
        doc.text(x0, y, a, lab, bold=True, gray=0.25)
        doc.text(x0 + tab, y, b, _shrink(doc, [b], split - tab - 10, size))
        y += lead * 0.2
    doc.unmark()
    _vrule(doc, x0 + split, top + 2, top + h, 0.3)
    tab2 = max(doc.sw(a + " :", small) for a, _ in right) + 6
    y = top
    for a, b in right:
        y += lead * 0.8
        doc.text(x0 + split + 8, y, a + " :", small, gray=0.3)
        doc.text(x0 + split + 8 + tab2, y, b, _shrink(doc, [b], width - split - tab2 - 12, small))
        y += lead * 0.2
    doc.y = top + h + 4
    doc.gap(size * 0.6)


def id_turned_heads(doc, I, rng):
    """A one-row table whose column headings are turned to read upwards, as a spreadsheet
    export prints narrow columns; the values under them, every cell ruled. Two tables when
    the row is too wide."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9)
    x0, width = doc.left, doc.right - doc.left
    cols = [(rng.choice(["Nom (de naissance)", "Nom de naissance"]), I.birth)]
    if I.used:
        cols.append(("Nom d'usage", I.used))
    cols.append(("Prénom(s)", _firsts(I, rng, ("all", "first"))))
    cols.append(("Né(e) le", _date(I, rng, D_NUM)))
    cols.append(("Sexe", _sex(I, rng, ["l"])))
    if I.place:
        cols.append(("Lieu naiss. (code)", I.place))
    if I.ins:
        cols.append(("Matricule INS", _ins(I, rng, ["run", "run", "key-slash", "groups"])))
        if I.oid:
            cols.append(("OID", M.TEST_OID))
    if I.ipp:
        cols.append(("IPP", I.ipp))
        I.uses.add("ipp")
    lab = small
    hh = max(doc.sw(a, lab) for a, _ in cols) + 10
    rh = doc.lead(size) + 5
    widths = [max(doc.sw(b, size), lab * 1.6) + 10 for _, b in cols]
    tables, cur, cw = [], [], 0
    for c, w in zip(cols, widths):
        if cur and cw + w > width:
            tables.append(cur)
            cur, cw = [], 0
        cur.append((c, w))
        cw += w
    tables.append(cur)
    doc.need(len(tables) * (hh + rh + 6) + 8)
    doc.mark("identity")
    for t in tables:
        top = doc.y + 2
        x = x0
        for (a, b), w in t:
            _fill(doc, x, top, w, hh, 0.9, record=False)
            _frame(doc, x, top, w, hh, lw=0.4)
            _frame(doc, x, top + hh, w, rh, lw=0.4)
            _rotated(doc, x + w / 2 + lab * 0.3, top + hh - 5, a, lab, 90)
            _cell_text(doc, x, top + hh, w, rh, b, size, bold=True)
            x += w
        doc.y = top + hh + rh + 4
    doc.unmark()
    L.traps.append("turned-headings")
    doc.gap(size * 0.6)


def id_platform_request(doc, I, rng):
    """A request printed from an orientation platform: a dark bar with the request number, its
    date and status in white, then a ruled table of two cells a row, each cell a bold label and
    its value; the wished date of admission under it."""
    L = doc.letter
    size, small = _sizes(I, 7.5, 9.5)
    x0, width = doc.left, doc.right - doc.left
    bar = "Demande n° %09d – créée le %s – statut : %s" % (rng.randint(100000000, 999999999), _nov(rng, 2, 15),
                                                           rng.choice(["envoyée", "en attente de réponse", "acceptée"]))
    L.traps += ["request-number"]
    cells = [("Nom de naissance : ", I.birth), ("Nom d'usage : ", I.used or "–")]
    cells.append(("Prénom(s) : ", _firsts(I, rng, ("all", "all-comma", "first"))))
    cells.append(("Date de naissance : ", _date(I, rng, D_ANY)))
    cells.append(("Sexe : ", _sex(I, rng, ["w", "l", "fm"])))
    cells.append(("Commune de naissance : ", _place(I, rng, P_ANY) if I.place else "non renseignée"))
    if I.ins:
        cells.append(("INS : ", _ins(I, rng, I_ANY)))
        if I.oid:
            cells.append(("OID : ", M.TEST_OID))
    rh = doc.lead(size) + 6
    half = width / 2
    rows, pend = [], []
    for c in cells:
        if doc.sw(c[0], small, bold=True) + doc.sw(c[1], size) > half - 10:
            if pend:
                rows.append(pend)
                pend = []
            rows.append([c])
        else:
            pend.append(c)
            if len(pend) == 2:
                rows.append(pend)
                pend = []
    if pend:
        rows.append(pend)
    bh = doc.lead(small) + 6
    doc.need(bh + rh * len(rows) + doc.lead(size) * 2 + 10)
    top = doc.y + 2
    _fill(doc, x0, top, width, bh, 0.25)
    doc.text(x0 + 5, top + bh * 0.68, bar, _shrink(doc, [bar], width - 10, small), gray=1.0)
    y = top + bh
    doc.mark("identity")
    for row in rows:
        for k, (a, b) in enumerate(row):
            w = width if len(row) == 1 else half
            x = x0 + k * half
            _frame(doc, x, y, w, rh, lw=0.4)
            sz = _shrink(doc, [b], w - doc.sw(a, small, bold=True) - 10, size)
            tw = doc.text(x + 4, y + rh / 2 + small * 0.33, a, small, bold=True)
            doc.text(x + 4 + tw, y + rh / 2 + sz * 0.33, b, sz)
        y += rh
    doc.unmark()
    doc.y = y + 2
    doc.line("Date d'admission souhaitée : %s" % ("%02d/12/2026" % rng.randint(1, 20)), small, italic=True)
    doc.gap(size * 0.5)


IDENTITY_FAMILIES = {
    "o-id-a": (id_work_health, "flow"),
    "o-id-b": (id_bizone, "flow"),
    "o-id-c": (id_edge_strip, "footer"),
    "o-id-d": (id_radiotherapy, "flow"),
    "o-id-e": (id_runin_after, "body"),
    "o-id-f": (id_right_band, "band"),
    "o-id-g": (id_dotted_after, "flow"),
    "o-id-h": (id_protected, "flow"),
    "o-id-i": (id_transplant, "flow"),
    "o-id-j": (id_corner_card, "top-right"),
    "o-id-k": (id_glycaemia, "flow"),
    "o-id-l": (id_endoscopy, "flow"),
    "o-id-m": (id_home_hospital, "flow"),
    "o-id-n": (id_reconciliation, "flow"),
    "o-id-o": (id_turned_heads, "flow"),
    "o-id-p": (id_platform_request, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Professionals as these families print them

def _title_words(p):
    """(short, spelt out) titles, in the feminine for women."""
    f = p.sex == "F"
    if p.title == "PR":
        return ("Pr", "Professeure" if f else "Professeur")
    return ("Dre" if f else "Dr", "Docteure" if f else "Docteur")


def _name(p, rng, form):
    """(printed name, given form)."""
    short, word = _title_words(p)
    g, fam = p.given, p.family
    if form == "short-gf":
        return "%s %s %s" % ("Pr" if p.title == "PR" else "Dr", g, fam), "full"
    if form == "short-fg":
        return "%s %s %s" % ("Pr" if p.title == "PR" else "Dr", fam, g), "full"
    if form == "fem-gf":
        return "%s %s %s" % (short, g, fam), "full"
    if form == "word-gf":
        return "%s %s %s" % (word, g, fam), "full"
    if form == "word-fg":
        return "%s %s %s" % (word, fam, g), "full"
    if form == "init":
        return "%s %s %s" % ("Pr" if p.title == "PR" else "Dr", M.initials(g), fam), "initial"
    if form == "word-init":
        return "%s %s %s" % (word, M.initials(g), fam), "initial"
    if form == "dot-comma":
        return "%s. %s, %s" % ("Pr" if p.title == "PR" else "Dr", fam, g), "full"
    if form == "civ-article":
        f = p.sex == "F"
        if p.title == "PR":
            art = rng.choice(["Madame la Professeure", "Madame le Professeur"]) if f else "Monsieur le Professeur"
        else:
            art = rng.choice(["Madame la Docteure", "Madame le Docteur"]) if f else "Monsieur le Docteur"
        return "%s %s %s" % (art, g, fam) if rng.random() < 0.6 else "%s %s %s" % (art, fam, g), "full"
    if form == "fam":
        return "%s %s" % ("Pr" if p.title == "PR" else "Dr", fam), "none"
    raise ValueError(form)


FULL = ["short-gf", "short-gf", "short-fg", "word-gf", "word-fg", "fem-gf"]


def _job(p, rng, lower=False):
    if p.spec is None:
        t = p.profession[1]
    elif p.spec[0] == M.GP:
        t = rng.choice(["Médecin généraliste", "Médecine générale"])
    else:
        t = rng.choice(p.spec[2])
    return t[0].lower() + t[1:] if lower and not t.isupper() else t


def _spec_phrase(p, rng):
    if p.spec is None or p.spec[0] == M.GP:
        return rng.choice(["Médecine générale", "Médecin généraliste"])
    return rng.choice(["Spécialiste en " + p.spec[3].lower() if not p.spec[3].isupper() else "Spécialiste " + p.spec[3],
                       "Qualifié%s en %s" % ("e" if p.sex == "F" else "", p.spec[3].lower() if not p.spec[3].isupper()
                                               else p.spec[3])])


def _place_of(p, rng, gf, p_place=0.75):
    """(city, postcode) printed with a name: always when the name alone may not tell who."""
    if not (p.force_place or gf != "full" or rng.random() < p_place):
        return None, None
    return M.city_text(p, rng, upper=rng.random() < 0.5), (p.postcode if rng.random() < 0.3 else None)


def _right_lines(doc, rng, x, top, items, limit=None):
    """Draws (text, size, bold, italic, gray) lines at x; the block moves left (not past the middle
    of the page) and then shrinks to stay left of `limit`. Returns the bottom."""
    W = M.W
    limit = limit or W - 40
    lo = W / 2 - 30
    items = [(t, _shrink(doc, [t], limit - lo, sz, bold=b, italic=i, floor=6), b, i, g) for t, sz, b, i, g in items]
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    if x + widest > limit:
        x = max(lo, limit - widest)
    return _stack(doc, x, top, items), x


def _win_top(doc, rng, choices=(146, 154, 162, 170)):
    return max(rng.choice(list(choices)), getattr(doc, "header_bottom", 0) + 8)


_COMPLEMENTS = ["Bâtiment C – 2e étage", "Résidence du Parc, entrée B", "Pôle santé – porte 3", "Immeuble Le Cap",
                "Espace médical des Halles", "1er étage, à gauche"]


# ---------------------------------------------------------------------------------------------
# Addressees

def ad_article_title(doc, L, rng):
    """Right window, set a little low: the civility with the title and its article ('Madame la
    Docteure', 'Monsieur le Professeur'), what they are qualified in, a building line, then the
    street and the town."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _name(p, rng, "civ-article")
    city = M.city_text(p, rng)
    items = [(name, size, rng.random() < 0.5, False, 0), (_spec_phrase(p, rng), size - 0.5, False, True, 0)]
    if p.salaried:
        items.append((p.site, size - 0.5, False, False, 0))
    elif rng.random() < 0.6:
        items.append((rng.choice(_COMPLEMENTS), size - 0.5, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    f = p.sex == "F"
    L.salutation = rng.choice([name.split(" ")[0] + " " + " ".join(name.split(" ")[1:3]) + ",",
                               "Chère Consœur," if f else "Cher Confrère,"])
    bottom, _ = _right_lines(doc, rng, rng.choice([306, 318, 330]), _win_top(doc, rng, (168, 176, 184)), items)
    return bottom + 4


def ad_left_title_alone(doc, L, rng):
    """Left window at mid height: the title alone on the first line, then the family name and
    the given name in bold, what they do in small letters, the street and the town."""
    W = M.W
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    short, word = _title_words(p)
    name = "%s %s" % (p.family, p.given)
    city = M.city_text(p, rng)
    att = ("À l'attention de la " if p.sex == "F" else "À l'attention du ") + word
    items = [(rng.choice([word, word, att]),
              size - 0.5, False, False, 0), (name, size, True, False, 0), (_job(p, rng, lower=True), size - 0.5, False, False, 0.2)]
    if p.salaried:
        items.append((M.service_of(p.service) + " – " + p.site, size - 1, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    items = [(t, _shrink(doc, [t], W / 2 - 80, sz, bold=b, floor=5.5), b, i, g) for t, sz, b, i, g in items]
    L.mentions.add(p, "to", name, "full", city, p.postcode)
    x = rng.choice([56, 64, 72])
    bottom = _stack(doc, x, _win_top(doc, rng, (150, 160, 170)), items)
    return bottom + 4


def ad_grey_panel(doc, L, rng):
    """Right window on a light grey rounded panel: the name (often with initials), what they do,
    the postcode and town without a street, and the practice phone."""
    W = M.W
    p = L.to
    size = min(doc.size, 10.5)
    form = rng.choice(["init", "init", "fem-gf", "short-fg", "word-init"])
    name, gf = _name(p, rng, form)
    city = M.city_text(p, rng)
    items = [(name, size + 0.5, True, False, 0), (_job(p, rng), size - 0.5, False, True, 0.2),
             ("%s %s" % (p.postcode, city), size, False, False, 0),
             (rng.choice(["Tél. : ", "Tél. ", "Téléphone "]) + p.phone, size - 1, False, False, 0.3)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.traps.append("addressee-phone")
    x1 = W - rng.choice([44, 50])
    inner = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items) + 20
    inner = min(inner, x1 - (W / 2 - 20))
    items = [(t, _shrink(doc, [t], inner - 16, sz, bold=b, italic=i, floor=6), b, i, g) for t, sz, b, i, g in items]
    x0 = x1 - inner
    top = _win_top(doc, rng)
    h = _stack_h(doc, items) + 12
    _fill(doc, x0, top, inner, h, 0.93, radius=6, record=False)
    for b in ((x0, top - 1, x1, top + 1), (x0, top + h - 1, x1, top + h + 1), (x0 - 1, top, x0 + 1, top + h),
              (x1 - 1, top, x1 + 1, top + h)):
        doc.add_box(b)
    _stack(doc, x0 + 8, top + 6, items)
    return top + h + 6


def ad_patient_spouse(doc, L, rng):
    """A letter to the patient at home: a married woman by her birth name then 'épouse' and
    the name in use; a man by his names; a child through 'Monsieur et Madame' and the child's
    given name on a line under them."""
    I = L.ident
    f = I.sex == "F"
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    street, pc, city = L.patient["home"]
    given = I.firsts[0]
    if L.patient["child"]:
        fam = I.used or I.birth
        lines = [(rng.choice(["Monsieur et Madame %s" % fam, "M. et Mme %s" % fam]), True),
                 ("(responsables légaux de %s)" % given, False)]
        L.salutation = "Madame, Monsieur,"
    elif f and I.used:
        lines = [("Madame %s épouse %s %s" % (I.birth, I.used, given), True)]
        L.salutation = "Madame,"
    else:
        civ = "Madame" if f else "Monsieur"
        lines = [("%s %s %s" % (civ, I.used or I.birth, given), True)]
        L.salutation = civ + ","
    if rng.random() < 0.35:
        lines.append((rng.choice(["Chez M. et Mme %s" % M.pick_surname(rng), "Boîte 12", "Escalier A, porte 5"]), False))
    lines += [(street, False), ("%s %s" % (pc, city if rng.random() < 0.5 else M.title_city(city)), False)]
    L.addressed_to_patient = True
    items = [(t, size, b, False, 0) for t, b in lines]
    bottom, _ = _right_lines(doc, rng, rng.choice([310, 322, 334]), _win_top(doc, rng), items)
    return bottom + 4


def ad_intention_tab(doc, L, rng):
    """No window: under the letterhead on the left, a small label 'À l'intention de' and, at a tab
    stop beside it, the addressee on two or three lines (name, what they do, the address run on)."""
    p = L.to
    size = min(doc.size, 10.5)
    small = max(6.5, size - 1.5)
    name, gf = _name(p, rng, rng.choice(FULL + ["init"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.5)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    label = rng.choice(["Destiné au", "Pour avis :", "Courrier à"])
    x0 = doc.left
    tab = x0 + doc.sw(label, small, italic=True) + 14
    room = doc.right - tab
    vals = [(name, size, True, False, 0),
            ((M.service_of(p.service) + ", " + p.site) if p.salaried else _job(p, rng), small, False, True, 0.2),
            ("%s, %s %s" % (p.street_line(), p.postcode, city), small, False, False, 0)]
    vals = [(t, _shrink(doc, [t], room, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in vals]
    top = max(getattr(doc, "header_bottom", 100) + 12, 116)
    doc.text(x0, top + doc.lead(size) * 0.8, label, small, italic=True, gray=0.4)
    y = _stack(doc, tab, top, vals)
    _vrule(doc, tab - 6, top + 2, y, 0.5, 0.5)
    L.salutation = rng.choice(["Chère Consœur," if p.sex == "F" else "Cher Confrère,", "Cher ami,", None])
    return y + 8


def ad_comma_name(doc, L, rng):
    """Right window: 'Dr. FAMILY, Given' with what they do in brackets on the same line, the
    street, the postcode and the town in title case."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _name(p, rng, "dot-comma")
    city = M.title_city(p.city)
    first = "%s (%s)" % (name, _job(p, rng, lower=True))
    items = [(first, size, rng.random() < 0.4, False, 0)]
    if p.salaried:
        items.append((p.site, size - 0.5, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    bottom, _ = _right_lines(doc, rng, rng.choice([312, 324, 336]), _win_top(doc, rng), items)
    return bottom + 4


def ad_function_fem(doc, L, rng):
    """Right window: the spelt-out title (in the feminine for a woman), the name, then the post
    they hold in italics ('Praticienne hospitalière', 'Cheffe de service', 'Médecin libéral'),
    the department and the site, the street and the town."""
    p = L.to
    f = p.sex == "F"
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _name(p, rng, rng.choice(["word-gf", "word-fg"]))
    if p.salaried:
        post = rng.choice(["Cheffe de service" if f else "Chef de service",
                           "Praticienne hospitalière" if f else "Praticien hospitalier",
                           "Professeure des universités" if (f and p.title == "PR") else
                           ("Professeur des universités" if p.title == "PR" else
                            ("Médecin responsable d'unité"))])
        rest = [(M.service_of(p.service), size - 0.5, False, False, 0), (p.site, size - 0.5, False, False, 0)]
    else:
        post = rng.choice(["Médecin libérale" if f else "Médecin libéral", _job(p, rng)])
        rest = []
    city = M.city_text(p, rng)
    items = [(name, size, True, False, 0), (post, size - 0.5, False, True, 0)] + rest + [
        (p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    bottom, _ = _right_lines(doc, rng, rng.choice([308, 320, 332]), _win_top(doc, rng), items)
    return bottom + 4


_PRACTICES = ["Cabinet médical du Vallon", "Maison médicale de l'Océan", "SELARL des Médecins du Port",
              "Centre médical Les Genêts", "Cabinet de groupe Saint-Exupéry"]


def ad_associates(doc, L, rng):
    """Right window to a doctor and their partners: '… et associés' after the name, the practice
    under it, then the street and the town."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _name(p, rng, rng.choice(["word-gf", "short-gf", "short-fg", "init"]))
    tail = rng.choice([" et associés", " et ses associés", " et ses associées" if p.sex == "F" else " et associés"])
    city = M.city_text(p, rng)
    items = [(name + tail, size, rng.random() < 0.5, False, 0)]
    items.append((p.site if p.salaried else rng.choice(_PRACTICES), size - 0.5, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    bottom, _ = _right_lines(doc, rng, rng.choice([310, 322, 334]), _win_top(doc, rng), items)
    return bottom + 4


def ad_opening_italic(doc, L, rng):
    """No window: an italic line under the letterhead, across the text, telling for whom the
    letter was written, with what they do and their address in brackets."""
    p = L.to
    size = min(doc.size, 10.5)
    name, gf = _name(p, rng, rng.choice(FULL + ["init", "civ-article"]))
    city = M.city_text(p, rng, upper=False)
    where = "%s, %s %s" % (p.street_line(), p.postcode, city)
    text = rng.choice(["Courrier rédigé à l'intention de %s (%s ; %s)." % (name, _job(p, rng, lower=True), where),
                       "Mot à l'attention de %s, %s – %s." % (name, _job(p, rng, lower=True), where)])
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x0 = doc.left
    top = max(getattr(doc, "header_bottom", 100) + 10, 114)
    lines = doc.wrap(text, doc.right - x0, size, italic=True)
    y = _stack(doc, x0, top, [(t, size, False, True, 0.15) for t in lines])
    L.salutation = rng.choice(["Chère Consœur," if p.sex == "F" else "Cher Confrère,", None, "Cher Collègue,"])
    return y + 8


def ad_short_fem(doc, L, rng):
    """Right window in the short titles a recent word processor writes ('Dre' for a woman), the
    family name first, what they do, the street and the town in capitals."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5, 1]), 11)
    short, _ = _title_words(p)
    name = "%s %s %s" % (short, p.family, p.given)
    city = p.city
    items = [(name, size, True, False, 0), (_job(p, rng), size - 0.5, False, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size - 0.5, False, False, 0))
        items.append((p.site, size - 0.5, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, "full", city, p.postcode)
    bottom, _ = _right_lines(doc, rng, rng.choice([300, 316, 330]), _win_top(doc, rng, (138, 146, 152)), items)
    return bottom + 4


# (draw, window: "right" | "left" | "none" | "flow", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "o-ad-a": (ad_article_title, "right", True),
    "o-ad-b": (ad_left_title_alone, "left", True),
    "o-ad-c": (ad_grey_panel, "right", True),
    "o-ad-d": (ad_patient_spouse, "right", False),
    "o-ad-e": (ad_intention_tab, "flow", True),
    "o-ad-f": (ad_comma_name, "right", True),
    "o-ad-g": (ad_function_fem, "right", True),
    "o-ad-h": (ad_associates, "right", True),
    "o-ad-i": (ad_opening_italic, "flow", True),
    "o-ad-j": (ad_short_fem, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies

def _cc(L, p, rng, forms, p_place=0.75):
    """Records a copy; returns (name, what they do, place or None)."""
    name, gf = _name(p, rng, rng.choice(forms))
    city, pc = _place_of(p, rng, gf, p_place)
    L.mentions.add(p, "cc", name, gf, city, pc)
    return name, _job(p, rng, lower=True), (("%s %s" % (pc, city)) if pc else city) if city else None


def _the_patient(L):
    return "la patiente" if L.ident.sex == "F" else "le patient"


def cp_ordinal(doc, L, rng):
    """'Copies transmises à :' then one copy a line behind '1°', '2°'…, the name, what they do and
    the town after commas."""
    size = max(7, doc.size - rng.choice([0, 0.5, 1]))
    lines = []
    for p in L.copies:
        name, job, where = _cc(L, p, rng, FULL + ["init", "fem-gf"], 0.8)
        lines.append("%s, %s%s" % (_keep(name), job, (", " + where) if where else ""))
    if L.copy_patient:
        lines.append(_the_patient(L).capitalize() + rng.choice(["", " (remise en main propre)"]))
    if not lines:
        return
    cap = rng.choice(["Copie transmise pour information à :", "Copie(s) expédiée(s) à :", "En copie, pour information :"])
    doc.need(doc.lead(size) * (len(lines) + 2))
    doc.gap(size * 0.5)
    doc.line(cap, size, bold=rng.random() < 0.6)
    for k, t in enumerate(lines):
        doc.para("%d° %s" % (k + 1, t), size, x=doc.left + rng.choice([6, 12]), after=0)
    doc.gap(size * 0.5)


def cp_accord_sentence(doc, L, rng):
    """A closing sentence: the report is passed on, with the patient's agreement, to the Dr …
    and to the Dr …, each with the town in brackets."""
    size = max(7.5, doc.size - rng.choice([0, 0.5]))
    names = []
    for p in L.copies:
        name, job, where = _cc(L, p, rng, FULL + ["init", "fam"], 0.85)
        t = "au " + _keep(name) if not name.startswith(("Docteure", "Professeure", "Dre")) else "à la " + _keep(name)
        if rng.random() < 0.4:
            t += ", " + job
        if where:
            t += " (%s)" % where
        names.append(t)
    f = L.ident.sex == "F"
    if not names:
        return
    if len(names) == 1:
        who = names[0]
    else:
        who = ", ".join(names[:-1]) + " ainsi qu'" + names[-1]
    s = "Ce compte rendu est communiqué, avec l'accord %s, %s." % ("de la patiente" if f else "du patient", who)
    if L.copy_patient:
        s += rng.choice([" Un exemplaire lui est remis.", " Une copie est également remise à %s." % _the_patient(L)])
    doc.gap(size * 0.4)
    doc.para(s, size, keep=True)


def cp_postcode_table(doc, L, rng):
    """A ruled table of the copies: the correspondent, what they do, the postcode and the town in
    columns of their own, under a shaded row of headings."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    rows = []
    for p in L.copies:
        name, gf = _name(p, rng, rng.choice(FULL + ["init"]))
        city = M.city_text(p, rng, upper=rng.random() < 0.6)
        L.mentions.add(p, "cc", name, gf, city, p.postcode)
        rows.append((name, _job(p, rng), p.postcode, city))
    if L.copy_patient:
        rows.append((_the_patient(L).capitalize(), "copie personnelle", "", ""))
    if not rows:
        return
    heads = ("Correspondant", "Spécialité", "Code postal", "Commune")
    width = doc.right - doc.left
    ws = [max(doc.sw(r[i], size, bold=(r is heads)) for r in rows + [heads]) + 12 for i in range(4)]
    k = min(1.0, width / sum(ws))
    ws = [w * k for w in ws]
    rh = doc.lead(size) + 4
    doc.need(rh * (len(rows) + 2) + 10)
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Correspondants en copie", "Copie(s) du courrier"]), size, bold=True)
    y = doc.y + 2
    for r in [heads] + rows:
        x = doc.left
        if r is heads:
            _fill(doc, x, y, sum(ws), rh, 0.88, record=False)
        for v, w in zip(r, ws):
            _frame(doc, x, y, w, rh, lw=0.4)
            _cell_text(doc, x, y, w, rh, v, size, bold=(r is heads))
            x += w
        y += rh
    doc.y = y + 4


def cp_pipes(doc, L, rng):
    """One paragraph after the signature: 'Diffusé à :' and the copies separated by vertical bars,
    the town in brackets."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    parts = []
    for p in L.copies:
        name, job, where = _cc(L, p, rng, FULL + ["init", "fam", "fem-gf"], 0.8)
        parts.append(_keep(name) + (" (%s)" % where if where else ""))
    if L.copy_patient:
        parts.append(rng.choice(["patient(e)", _the_patient(L)]))
    if not parts:
        return
    doc.gap(size * 0.5)
    doc.para(rng.choice(["Adressé en copie à : ", "Copie également adressée à : ", "Envoyé également à : "]) + " | ".join(parts), size,
             keep=True)


def cp_two_columns(doc, L, rng):
    """A caption, then the copies in two columns filled in turn (left, right, left…), each entry
    a name and the town after a dash, a hairline over them."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    entries = []
    for p in L.copies:
        name, job, where = _cc(L, p, rng, FULL + ["init"], 0.9)
        entries.append(_keep(name) + ((" – " + where) if where else ""))
    if L.copy_patient:
        entries.append(_the_patient(L).capitalize())
    if not entries:
        return
    cap = rng.choice(["Envoyé aussi à :", "Copies également adressées :"])
    width = doc.right - doc.left
    cw = width / 2
    entries = [(e, _shrink(doc, [e], cw - 12, size)) for e in entries]
    lead = doc.lead(size)
    nrows = (len(entries) + 1) // 2
    doc.need(lead * (nrows + 2) + 6)
    doc.gap(size * 0.5)
    doc.line(cap, size, italic=True)
    _rule(doc, doc.left, doc.left + width * 0.8, doc.y + 1, 0.3, 0.4)
    y = doc.y + 2
    for i in range(nrows):
        y += lead * 0.8
        for j in range(2):
            k = i * 2 + j
            if k < len(entries):
                doc.text(doc.left + j * cw, y, entries[k][0], entries[k][1])
        y += lead * 0.2
    doc.y = y + 4


def cp_no_copy(doc, L, rng):
    """No colleague in copy: a short line saying so, or saying the patient was given theirs."""
    size = max(7, doc.size - 1)
    if L.copy_patient:
        t = rng.choice(["Copie remise en main propre à l'intéressé%s." % ("e" if L.ident.sex == "F" else ""),
                        "Exemplaire remis à %s ; aucune autre copie." % _the_patient(L)])
    else:
        t = rng.choice(["Aucune copie.", "Document non diffusé en copie.", "Pas de copie à d'autres correspondants."])
    doc.gap(size * 0.4)
    doc.line(t, size, gray=0.2)


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "o-cp-a": (cp_ordinal, True, "end"),
    "o-cp-b": (cp_accord_sentence, True, "end"),
    "o-cp-c": (cp_postcode_table, True, "end"),
    "o-cp-d": (cp_pipes, True, "end"),
    "o-cp-e": (cp_two_columns, True, "end"),
    "o-cp-f": (cp_no_copy, False, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions of this set: on the left beside the address window, beside the
# signature, and under the end of the text on the right.

DM_POSITIONS = ["o-by-window", "o-by-window", "o-by-signature", "o-by-signature", "o-text-end",
                "o-text-end"]


def dm_candidates(d, pos, s, W, H):
    if pos == "o-by-window":
        top = getattr(d, "header_bottom", 90) + 6
        bottom = max(getattr(d, "win_bottom", None) or 0, top + s + 30)
        x0 = d.left if d.left < 100 else 40
        return [(x, y) for y in range(int(top), int(bottom - s) + 1, 6) for x in (x0, x0 + 20, x0 + 60)]
    if pos == "o-by-signature":
        sig = getattr(d.letter, "sig", None)
        if not sig or sig[0] != d.page:
            return []
        _, y, x = sig
        if x > W / 2 - 20:
            xs = [d.left, d.left + 30, x - s - 24]
        else:
            xs = [W - 60 - s, W - 80 - s, x + 200]
        return [(xx, y + k * 6) for k in range(-2, 8) for xx in xs]
    if pos == "o-text-end":
        if d.page != 1:
            return []
        return [(W - m - s, y) for y in range(int(d.y) + 10, int(H - 40 - s), 10) for m in (45, 70)]
    return []
