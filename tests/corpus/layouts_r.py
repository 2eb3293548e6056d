"""Tuning layout families, eighteenth set (see make_letters.py).

These were the held-out families of session 44 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families draw through the helpers of make_letters.py, which use() binds at import time.
"""

import datetime

M = None  # make_letters, bound by use()


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Running faces. Every cut of the installed families already runs some tuning letter; these
# are cuts paired with bold and italic companions that no tuning font pairs them with.

_DJ = "/usr/share/fonts/truetype/dejavu/"
_FR = "/usr/share/fonts/truetype/freefont/"
_LI = "/usr/share/fonts/truetype/liberation2/"


def fonts(register):
    """Registers this set's running faces (a face whose files are missing is left out)."""
    out = []
    for key, files in (("rFreeSansHeavySlant", (_FR + "FreeSansBoldOblique.ttf", _FR + "FreeSansBold.ttf",
                                                  _FR + "FreeSans.ttf")),
                       ("rLiberationSerifHeavySlant", (_LI + "LiberationSerif-BoldItalic.ttf",
                                                         _LI + "LiberationSerif-Bold.ttf",
                                                         _LI + "LiberationSerif-Regular.ttf")),
                       ("rSerifCondHeavySlant", (_DJ + "DejaVuSerifCondensed-BoldItalic.ttf",
                                                   _DJ + "DejaVuSerifCondensed-Bold.ttf",
                                                   _DJ + "DejaVuSerifCondensed.ttf")),
                       ("rLiberationSansSlantPlain", (_LI + "LiberationSans-Italic.ttf",
                                                        _LI + "LiberationSans-Bold.ttf",
                                                        _LI + "LiberationSans-Regular.ttf"))):
        if register(key, *files):
            out.append(key)
    for key, faces in (("rC059HeavySlant", ("C059-BdIta", "C059-Bold", "C059-Roman")),
                       ("rP052HeavySlant", ("P052-BoldItalic", "P052-Bold", "P052-Roman")),
                       ("rBookmanLightSlant", ("URWBookman-LightItalic", "URWBookman-Demi", "URWBookman-Light")),
                       ("rNarrowHeavySlant", ("NimbusSansNarrow-BoldOblique", "NimbusSansNarrow-Bold",
                                                "NimbusSansNarrow-Regular"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    return out


# ---------------------------------------------------------------------------------------------
# Traits as this set writes them.

def _nb(s):
    """Spaces that never break a line (drawn as plain spaces)."""
    return s.replace(" ", M.NBSP)


_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_MOIS3 = "JAN FEV MAR AVR MAI JUN JUL AOU SEP OCT NOV DEC".split()


def date_forms(iso):
    """Every form of a birth date this set prints."""
    y, m, d = iso.split("-")
    mois = M.MONTHS[int(m) - 1]
    day = "1er" if d == "01" else str(int(d))
    wd = _WEEKDAYS[datetime.date(int(y), int(m), int(d)).weekday()]
    return {
        "num": "%s/%s/%s" % (d, m, y),
        "dash": "%s-%s-%s" % (d, m, y),
        "dot": "%s.%s.%s" % (d, m, y),
        "words": "%s %s %s" % (day, mois, y),
        "upper": "%s %s %s" % (d, mois.upper(), y),
        "weekday": "%s %s %s %s" % (wd, day, mois, y),
        "mon3": "%s-%s-%s" % (d, _MOIS3[int(m) - 1], y),
        "compact": "%s %s %s" % (d, m, y),
    }


def _date(I, rng, styles):
    return _nb(date_forms(I.iso)[rng.choice(list(styles))])


D_ANY = ["num", "num", "num", "dash", "dot", "words", "upper", "mon3", "compact"]
D_NUM = ["num", "num", "dash", "dot", "compact"]


def ins_forms(m):
    g = [m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]
    return {
        "plain": m,
        "groups": " ".join(g + [m[13:]]),
        "groups-bar": "%s | %s" % (" ".join(g), m[13:]),
        "body-cle": "%s (clé %s)" % (m[:13], m[13:]),
        "groups-key": "%s – clé : %s" % (" ".join(g), m[13:]),
        "tight-key": "%s %s" % (m[:13], m[13:]),
        "dots-key": "%s-%s" % (".".join(g), m[13:]),
    }


def _ins(I, rng, styles):
    return _nb(ins_forms(I.ins)[rng.choice(list(styles))])


I_ANY = ["plain", "plain", "groups", "groups", "groups-bar", "body-cle", "groups-key", "tight-key", "dots-key"]


def _sex(I, rng, styles=("l", "w", "p")):
    st = rng.choice(list(styles))
    f = I.sex == "F"
    return {"l": "F" if f else "M", "w": "Féminin" if f else "Masculin", "p": "Femme" if f else "Homme",
            "lw": "féminin" if f else "masculin", "W": "FÉMININ" if f else "MASCULIN",
            "fh": "F (femme)" if f else "M (homme)"}[st]


def _place(I, rng, styles):
    code, name = I.place, I.place_name
    st = rng.choice(list(styles))
    return _nb({"paren": "%s (%s)" % (name, code), "code": code, "code-name": "%s %s" % (code, M.insi(name)),
                "slash": "%s / %s" % (name, code), "cog": "%s, code COG %s" % (name, code),
                "insee": "%s – INSEE %s" % (name, code)}[st])


P_ANY = ["paren", "paren", "code-name", "slash", "cog", "insee"]


def _masc(country):
    return not country.endswith(("e", "car"))


def _in_place(I):
    """'à Brest (29019)', 'au Maroc (99350)', 'en Algérie (99352)'."""
    name, code = I.place_name, I.place
    if I.abroad:
        art = "à" if name.endswith("car") else "au" if _masc(name) else "en"
        return _nb("%s %s (%s)" % (art, name, code))
    return _nb("à %s (%s)" % (name, code))


_OIDS = ["(OID %s)", "OID : %s", "autorité %s", "[racine %s]"]


def _oid(rng):
    return rng.choice(_OIDS) % M.TEST_OID


def _firsts(I, rng, styles=("all", "all", "all-comma", "first")):
    return I.first_names(rng, rng.choice(list(styles)))


def _e(I):
    return "e" if I.sex == "F" else ""


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


def _day_nov(rng, lo=2, hi=22):
    return "%02d/11/2026" % rng.randint(lo, hi)


def _used_phrase(I, rng):
    """How the name in use is tied to the birth name, this set's way."""
    f = I.sex == "F"
    return rng.choice(["%s, usage %s" % (I.birth, I.used),
                       "%s (%s %s)" % (I.birth, "ép." if f else "usage", I.used),
                       "%s, %s %s" % (I.birth, "veuve" if f and M.age_on(I.iso) > 60 else "nom d'usage", I.used)])


def _rows(I, rng, lab, dates=D_ANY, inss=I_ANY, places=P_ANY, sexes=("l", "w", "p"), firsts=None):
    """(what, label, value) of the traits, labels drawn from `lab`."""
    pick = lambda k: rng.choice(lab[k])  # noqa: E731
    rows = [("birth", pick("birth"), I.birth)]
    if I.used:
        rows.append(("used", pick("used"), I.used))
    rows.append(("firsts", pick("firsts"), _firsts(I, rng, firsts or ("all", "all", "all-comma"))))
    rows.append(("date", pick("date"), _date(I, rng, dates)))
    rows.append(("sex", pick("sex"), _sex(I, rng, sexes)))
    if I.place:
        rows.append(("place", pick("place"), _place(I, rng, places)))
    if I.ins:
        rows.append(("ins", pick("ins"), _ins(I, rng, inss)))
        if I.oid:
            rows.append(("oid", pick("oid"), M.TEST_OID))
    return rows


def _relative(I, rng, sex, family=None, older=20):
    """A relative of the patient with a birth date of their own (never the patient's)."""
    y = int(I.iso[:4]) - rng.randint(older, older + 14)
    y = min(max(y, 1925), 2004)
    iso = "%04d-%02d-%02d" % (y, rng.randint(1, 12), rng.randint(1, 28))
    if iso == I.iso:
        iso = "%04d-%s" % (y - 1, iso[5:])
    given = rng.choice(M.GIVEN_F if sex == "F" else M.GIVEN_M)
    return {"family": family or M.pick_surname(rng), "given": given, "sex": sex, "iso": iso}


# ---------------------------------------------------------------------------------------------
# Identity

_VOUS = {"birth": ["Votre nom à la naissance", "Nom de naissance (le vôtre)"],
         "used": ["Votre nom usuel", "Nom que vous utilisez"],
         "firsts": ["Vos prénoms, dans l'ordre", "Tous vos prénoms"],
         "date": ["Votre naissance", "Vous êtes né(e) le"],
         "sex": ["Votre sexe", "Sexe indiqué"],
         "place": ["Votre lieu de naissance", "Vous êtes né(e) à"],
         "ins": ["Votre identifiant national de santé (INS)", "Votre matricule INS"],
         "oid": ["Autorité de l'identifiant"]}
_ENFANT = {"birth": ["Nom de naissance de l'enfant", "Nom de l'enfant (naissance)"],
           "used": ["Nom d'usage de l'enfant"],
           "firsts": ["Prénoms de l'enfant", "Ses prénoms"],
           "date": ["Date de naissance de l'enfant", "Né(e) le"],
           "sex": ["Sexe de l'enfant"],
           "place": ["Lieu de naissance de l'enfant", "Né(e) à"],
           "ins": ["Matricule INS de l'enfant", "Identifiant national de santé de l'enfant"],
           "oid": ["Autorité de l'identifiant"]}


def id_vos_infos(doc, I, rng):
    """A convocation speaking to the person: a rounded grey box under a heading, the traits with
    labels in the second person (or about 'votre enfant'), then the appointment number and a line
    asking to report any error."""
    L = doc.letter
    size, small = _sz(I, 8, 10.5)
    lab = _ENFANT if I.child else _VOUS
    rows = [(b, c) for _, b, c in _rows(I, rng, lab, sexes=("w", "p", "lw"))]
    ipp = _ipp(I, rng, ["Votre numéro de dossier", "Référence de votre dossier"])
    if ipp:
        rows.append(ipp)
    rows.append((rng.choice(["N° de rendez-vous", "Numéro de convocation"]), "RDV-%06d" % rng.randint(1, 999999)))
    L.traps.append("appointment-number")
    head = rng.choice(["Informations vous concernant", "Vos informations administratives",
                       "Données enregistrées dans votre dossier"] if not I.child else
                      ["Informations concernant votre enfant", "Votre enfant"])
    x0 = doc.left + 4
    width = doc.right - doc.left - 8
    lw = min(max(doc.sw(a, small, italic=True) for a, _ in rows) + 10, width * 0.5)
    lead = doc.lead(size)
    h = lead * (len(rows) + 1.2) + doc.lead(small) * 1.4 + 10
    doc.need(h + 10)
    top = doc.y + 2
    _fill(doc, x0, top, width, h, 0.93, radius=6)
    doc.mark("identity")
    y = top + 4
    y += lead * 0.85
    doc.text(x0 + 8, y, head, size, bold=True)
    y += lead * 0.35
    for a, b in rows:
        y += lead * 0.8
        doc.text(x0 + 8, y, a, _fit(doc, [a], lw - 6, small, italic=True), italic=True, gray=0.25)
        doc.text(x0 + 8 + lw, y, b, _fit(doc, [b], width - lw - 16, size, bold=True), bold=True)
        y += lead * 0.2
    doc.unmark()
    y += doc.lead(small) * 0.9
    doc.text(x0 + 8, y, rng.choice(["Merci de nous signaler toute erreur dans ces informations.",
                                    "En cas d'erreur, prévenez le bureau des admissions avant votre venue."]),
             small, italic=True, gray=0.35)
    doc.y = top + h + size * 0.8


_DUP = {"birth": ["NOM (naissance)", "Nom de naissance"],
        "used": ["Nom d'usage actuel", "NOM (usage)"],
        "firsts": ["Prénoms complets", "Prénom(s) (tous)"],
        "date": ["Date de naissance (jj/mm/aaaa)", "Né(e) le"],
        "sex": ["Sexe"],
        "place": ["Lieu de naissance (réf. INSEE)", "Ville/pays de naissance"],
        "ins": ["N° INS-NIR attribué", "INS"],
        "oid": ["OID d'attribution"]}


def id_duplicata(doc, I, rng):
    """A document printed again: a large light grey word set askew behind a two-column grid of
    small-capital labels and values, a dotted rule between the columns."""
    size, small = _sz(I, 7.5, 10)
    rows = [(b, c) for _, b, c in _rows(I, rng, _DUP, sexes=("l",))]
    nda = _nda(I, rng, ["N° de séjour", "Séjour"])
    if nda:
        rows.append(nda)
    x0, width = doc.left, doc.right - doc.left
    half = width / 2
    nrow = (len(rows) + 1) // 2
    lead = doc.lead(size) * 1.15
    doc.need(lead * (nrow + 1) + 24)
    top = doc.y + 4
    word = rng.choice(["DUPLICATA", "COPIE", "RÉÉDITION"])
    c = doc.c
    c.saveState()
    c.setFillGray(0.86)
    c.setFont(doc.fontname(bold=True), 30)
    c.translate(x0 + width * 0.3, M.H - top - lead * nrow + 4)
    c.rotate(12)
    c.drawString(0, 0, word)
    c.restoreState()
    doc.mark("identity")
    doc.text(x0, top + small, rng.choice(["ÉTAT CIVIL DU PATIENT",
                                          "Identification – réédition du %s" % _day_nov(rng)]),
             small, bold=True, gray=0.3)
    y = top + small + 4
    for r in range(nrow):
        y += lead
        for k in range(2):
            i = r + k * nrow
            if i >= len(rows):
                continue
            a, b = rows[i]
            x = x0 + k * half
            a_sz = _fit(doc, [a.upper() + " :"], half * 0.5, small, floor=5.5)
            aw = doc.sw(a.upper() + " :", a_sz)
            doc.text(x, y, a.upper() + " :", a_sz, gray=0.3)
            doc.text(x + aw + 5, y, b, _fit(doc, [b], half - aw - 14, size, bold=True), bold=True)
    c.saveState()
    c.setDash(1, 2)
    c.setLineWidth(0.4)
    c.line(x0 + half - 6, M.H - top - small - 6, x0 + half - 6, M.H - y - 3)
    c.restoreState()
    doc.unmark()
    doc.y = y + size


def id_obstetric(doc, I, rng):
    """A follow-up sheet in one frame split by a rule: the person on the left a trait a line,
    clinical dates and measures on the right (the last periods and the expected term of a
    pregnancy, or the weight and height, or a child's birth weight and term)."""
    L = doc.letter
    size, small = _sz(I, 7.5, 10)
    f = I.sex == "F"
    adult_f = f and not I.child and 16 <= M.age_on(I.iso) <= 45
    if adult_f:
        title = rng.choice(["SUIVI DE GROSSESSE", "Consultation prénatale"])
        lab_birth = rng.choice(["Nom de naissance (jeune fille)", "Nom de naissance"])
        ddr = "%02d/%02d/2026" % (rng.randint(1, 28), rng.randint(3, 8))
        right = [("DDR", ddr), ("Terme prévu", "%02d/%02d/2027" % (rng.randint(1, 28), rng.randint(1, 4))),
                 ("Gestité-parité", "G%d P%d" % (rng.randint(1, 4), rng.randint(0, 2))),
                 ("Groupe / Rhésus", rng.choice(["A Rh+", "O Rh-", "B Rh+", "AB Rh+"]))]
    elif I.child:
        title = rng.choice(["SUIVI PÉDIATRIQUE", "Consultation de l'enfant"])
        lab_birth = "Nom de naissance"
        right = [("PN (poids de naissance)", "%d g" % rng.randint(2400, 4300)),
                 ("Terme à la naissance", "%d SA" % rng.randint(34, 41)),
                 ("Poids ce jour", "%d,%d kg" % (rng.randint(8, 60), rng.randint(0, 9))),
                 ("Vu le", _day_nov(rng))]
    else:
        title = rng.choice(["FICHE DE CONSULTATION", "Visite de contrôle"])
        lab_birth = "Nom de naissance"
        right = [("Poids", "%d kg" % rng.randint(48, 110)), ("Taille", "1,%02d m" % rng.randint(50, 95)),
                 ("Visite précédente", "%02d/%02d/2026" % (rng.randint(1, 28), rng.randint(1, 10))),
                 ("Prochaine visite", "%02d/%02d/2027" % (rng.randint(1, 28), rng.randint(1, 6)))]
    L.traps.append("clinical-dates")
    left = [(lab_birth, I.birth)]
    if I.used:
        left.append(("Nom d'usage actuel", I.used))
    left.append(("Prénom(s)", _firsts(I, rng)))
    left.append(("Née le" if f else "Né le", _date(I, rng, D_ANY) + " (%s)" % _age(I)))
    left.append(("Sexe", _sex(I, rng, ("l", "w"))))
    if I.place:
        left.append(("Lieu", _place(I, rng, P_ANY)))
    if I.ins:
        left.append(("INS", _ins(I, rng, I_ANY)))
        if I.oid:
            left.append(("OID", M.TEST_OID))
    x0, width = doc.left, doc.right - doc.left
    split = x0 + width * rng.choice([0.6, 0.64])
    lead = doc.lead(size)
    n = max(len(left), len(right))
    h = lead * (n + 1.3) + 8
    doc.need(h + 10)
    top = doc.y + 2
    _frame(doc, x0, top, width, h, lw=0.7)
    _fill(doc, x0 + 0.7, top + 0.7, width - 1.4, lead * 1.2, 0.85)
    doc.text(x0 + 6, top + lead * 0.9, title, size, bold=True)
    _vrule(doc, split, top + lead * 1.2, top + h, 0.4)
    doc.mark("identity")
    lw = max(doc.sw(a + " :", small) for a, _ in left) + 6
    y = top + lead * 1.3 + 2
    for a, b in left:
        y += lead * 0.8
        doc.text(x0 + 6, y, a + " :", small, gray=0.3)
        doc.text(x0 + 6 + lw, y, b, _fit(doc, [b], split - x0 - lw - 14, size, bold=True), bold=True)
        y += lead * 0.2
    doc.unmark()
    rw = max(doc.sw(a, small) for a, _ in right) + 6
    y = top + lead * 1.3 + 2
    for a, b in right:
        y += lead * 0.8
        doc.text(split + 6, y, a, _fit(doc, [a], rw, small), gray=0.3)
        doc.text(split + 6 + rw, y, b, _fit(doc, [b], x0 + width - split - rw - 12, size))
        y += lead * 0.2
    doc.y = top + h + size


def id_family_dates(doc, I, rng):
    """The person a trait a line as 'label — value', then the people around them with their own
    birth dates: a child's mother and father, an adult's spouse or person of trust."""
    L = doc.letter
    size, small = _sz(I, 8, 10.5)
    lab = {"birth": ["Nom de naissance", "NOM (naissance)"], "used": ["Nom d'usage actuel", "NOM (usage)"],
           "firsts": ["Prénoms complets", "Prénom(s) complets"], "date": ["Date de naissance", "Né(e) le"],
           "sex": ["Sexe"], "place": ["Lieu de naissance", "Ville/pays de naissance"],
           "ins": ["N° INS-NIR attribué", "Matricule INS"], "oid": ["OID"]}
    rows = [(b, c) for _, b, c in _rows(I, rng, lab, dates=D_NUM)]
    people = []
    if I.child:
        mother = _relative(I, rng, "F", None if rng.random() < 0.5 else I.birth)
        father = _relative(I, rng, "M", I.birth)
        for who, r in (("Mère", mother), ("Père", father)):
            people.append((who, "%s %s %s, %s le %s" % ("Mme" if r["sex"] == "F" else "M.", r["family"], r["given"],
                                                       "née" if r["sex"] == "F" else "né",
                                                       _nb(date_forms(r["iso"])["num"]))))
    else:
        r = _relative(I, rng, rng.choice("MF"), None, older=-6)
        kind = rng.choice(["Conjoint ou conjointe", "Personne de confiance (désignation écrite)",
                           "À prévenir en cas de besoin"])
        people.append((kind, "%s %s %s, %s le %s – tél. %s" % (
            "Mme" if r["sex"] == "F" else "M.", r["family"], r["given"], "née" if r["sex"] == "F" else "né",
            _nb(date_forms(r["iso"])["num"]), _phone(rng))))
    L.traps.append("relative-birth-date")
    lead = doc.lead(size)
    doc.need(lead * (len(rows) + len(people) + 2) + 8)
    doc.mark("identity")
    doc.line(rng.choice(["Usager", "Identité de l'usager"]), size, bold=True)
    lw = max(doc.sw(a, size) for a, _ in rows) + 4
    for a, b in rows:
        doc.y += lead * 0.8
        doc.text(doc.left + 8, doc.y, a, size)
        doc.text(doc.left + 8 + lw, doc.y, "— " + b, _fit(doc, ["— " + b], doc.right - doc.left - lw - 12, size))
        doc.y += lead * 0.2
    doc.unmark()
    doc.gap(3)
    doc.line(rng.choice(["Proches déclarés", "Parenté"]), small, bold=True, gray=0.3)
    for a, b in people:
        doc.para("%s — %s" % (a, b), small, x=doc.left + 8, after=0)
    doc.gap(size * 0.8)


def id_weekday_sentence(doc, I, rng, reason):
    """The body opens on the person received, the birth date with its weekday, the sex said as a
    word, the number with its key named; the reason follows in the same sentence."""
    size = doc.size
    f = I.sex == "F"
    civ = I.civ(rng, "long")
    given = _firsts(I, rng, ("first", "all"))
    if I.used:
        name = rng.choice(["%s %s %s, née %s" % (civ, given, I.used, I.birth) if f else
                           "%s %s %s, né %s" % (civ, given, I.used, I.birth),
                           "%s %s %s (nom d'usage %s)" % (civ, given, I.birth, I.used)])
    else:
        name = "%s %s %s" % (civ, given, I.birth)
    when = M.fr_date("2026-11-%02d" % rng.randint(2, 20), "words")
    start = rng.choice(["Nous avons accueilli le %s" % when, "J'ai eu le plaisir de recevoir le %s" % when,
                        "A été vu%s en consultation le %s" % (_e(I), when)])
    born = "%s le %s" % (I.born(), _nb(date_forms(I.iso)[rng.choice(["weekday", "weekday", "words"])]))
    if I.place:
        born += " " + _in_place(I)
    s = "%s %s, %s, de sexe %s" % (start, name, born, _sex(I, rng, ("lw",)))
    if I.ins:
        s += ", %s %s" % (rng.choice(["dont le matricule INS est le", "immatriculé%s à l'INS sous le n°" % _e(I),
                                      "identifiant national de santé"]), _ins(I, rng, ["plain", "groups", "body-cle"]))
        if I.oid:
            s += " (OID %s)" % M.TEST_OID
    s += ", %s." % reason
    doc.mark("identity")
    doc.para(s, size, keep=True)
    doc.unmark()


def id_flush_right_rule(doc, I, rng):
    """Opposite the letterhead: a block set flush right against a thick vertical rule on its
    right, a small caption, the names, then short unlabelled lines but the place and the number."""
    size = max(7.5, min(I.size - 0.5, 9.5))
    small = max(6, size - 1.8)
    right = M.W - 40
    f = I.sex == "F"
    items = [(rng.choice(["Réf. usager", "Au nom de", "Relatif à"]), small, False, True, 0.4)]
    name = "%s %s" % (I.birth, _firsts(I, rng, ("first", "all")))
    items.append((name, size + 0.5, True, False, 0))
    if I.used:
        items.append((("épouse " if f else "nom d'usage ") + I.used, size, False, False, 0))
    items.append(("%s – %s – %s" % (_sex(I, rng, ("l", "p")), _date(I, rng, D_NUM), _age(I)), size, False, False,
                  0))
    if I.place:
        items.append(("%s %s" % (I.born().capitalize(), _in_place(I)), size, False, False, 0))
    if I.ins:
        items.append(("INS " + _ins(I, rng, ["plain", "groups", "tight-key"]), size, True, False, 0))
        if I.oid:
            items.append((_oid(rng), small, False, False, 0.3))
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    room = right - 6 - (M.W / 2 + 10)
    if widest > room:
        items = [(t, _fit(doc, [t], room, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in items]
    top = rng.choice([44, 52, 60])
    doc.mark("identity")
    y = _stack(doc, right - 6, top, items, align="right")
    doc.unmark()
    _vrule(doc, right, top + 2, y + 2, 1.6)
    return y + size


def id_tabs_band(doc, I, rng):
    """At the top of every page, a row of folder tabs with rounded top corners: each tab a tiny
    caption and its value (the names, the birth and sex, the place, the number)."""
    size = max(7, min(I.size - 1, 9))
    cap = max(5.5, size - 2.5)
    tabs = []
    names = "%s %s" % (I.birth, _firsts(I, rng, ("first", "all")))
    if I.used:
        names += " – " + rng.choice(["usage : ", "dit(e) "]) + I.used
    tabs.append((rng.choice(["Patient(e)", "Nom Prénom(s)"]), names))
    tabs.append(("Né(e) le / sexe", "%s / %s" % (_date(I, rng, D_NUM), _sex(I, rng, ("l",)))))
    if I.place:
        tabs.append(("Lieu de naissance", _place(I, rng, ["paren", "code-name", "slash"])))
    if I.ins:
        t = _ins(I, rng, ["plain", "groups", "groups-bar"])
        if I.oid:
            t += "  " + _oid(rng)
        tabs.append(("INS", t))
    total = M.W - 56
    ws = [max(doc.sw(v, size, bold=True), doc.sw(c, cap)) + 14 for c, v in tabs]
    scale = min(1.0, (total - 4 * (len(tabs) - 1)) / sum(ws))
    ws = [w * scale for w in ws]
    spare = total - 4 * (len(tabs) - 1) - sum(ws)
    ws = [w + spare / len(ws) for w in ws]
    th = cap + size + 9

    def band(d):
        top = 18
        if d.page == 1:
            d.mark("identity")
        x = 28
        for (c, v), w in zip(tabs, ws):
            _fill(d, x, top, w, th, 0.9, radius=4)
            _fill(d, x, top + th - 4, w, 4, 0.9)
            d.text(x + 6, top + cap + 2, c, cap, gray=0.35)
            d.text(x + 6, top + cap + size + 4, v, _fit(d, [v], w - 10, size, bold=True), bold=True)
            x += w + 4
        _rule(d, 28, M.W - 28, top + th, 1.0)
        d.unmark()

    band(doc)
    doc.page_start.append(band)


def id_footer_ref(doc, I, rng):
    """At the foot of every page, over the page footer: 'Document établi pour' and the person on
    a first line, the place and the number on a second, the sheet number flush right, between
    two hairlines."""
    size = max(6.5, min(I.size - 2, 8))
    first = "%s %s %s – %s – %s %s" % (rng.choice(["Pièce relative à :", "Courrier relatif à :"]),
                                       I.birth, _firsts(I, rng, ("all", "first")), _sex(I, rng, ("w", "l")),
                                       I.born_label(rng).lower(), _date(I, rng, D_NUM))
    if I.used:
        first += " – usage " + I.used
    parts = []
    if I.place:
        parts.append("Lieu de naissance : " + _place(I, rng, P_ANY))
    if I.ins:
        parts.append("Matricule INS : " + _ins(I, rng, I_ANY))
        if I.oid:
            parts.append(_oid(rng))
    second = "  ·  ".join(parts)
    sheet = rng.choice(["Feuillet %d", "Folio %d", "F. %d"])

    def foot(d):
        y0 = M.H - 106
        if d.page == 1:
            d.mark("identity")
        width = d.right - d.left - 50
        _rule(d, d.left, d.right, y0, 0.3, 0.4)
        d.text(d.left, y0 + size + 3, first, _fit(d, [first], width, size))
        if second:
            d.text(d.left, y0 + 2 * size + 7, second, _fit(d, [second], width, size))
        d.unmark()
        d.text(d.right, y0 + size + 3, sheet % d.page, size, gray=0.4, align="right")
        _rule(d, d.left, d.right, y0 + 2 * size + 11, 0.3, 0.4)

    doc.page_end.insert(0, foot)


def id_bulletin_situation(doc, I, rng):
    """An attestation of stay as the admissions office fills it: a boxed caption, the 'malade'
    fields a line each with the value after dotted leaders, the stay under them and the insured
    person when it is someone else."""
    L = doc.letter
    size, small = _sz(I, 8, 10.5)
    f = I.sex == "F"
    rows = []
    fam = I.birth if not I.used else "%s (nom d'usage : %s)" % (I.birth, I.used)
    rows.append(("Nom et prénoms du malade", "%s %s" % (fam, _firsts(I, rng, ("all", "all-comma")))))
    rows.append(("Date de naissance", _date(I, rng, D_ANY)))
    rows.append(("Sexe", _sex(I, rng, ("w", "p"))))
    if I.place:
        rows.append(("Né%s à" % ("e" if f else "(e)"), _place(I, rng, P_ANY)))
    if I.ins:
        rows.append(("N° INS du bénéficiaire des soins", _ins(I, rng, I_ANY)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    nda = _nda(I, rng, ["N° d'admission", "N° de séjour"])
    if nda:
        rows.append(nda)
    rows.append(("Hospitalisé%s depuis le" % ("e" if f else ""),
                 "%s à %02dh%02d" % (_day_nov(rng, 1, 12), rng.randint(7, 22), rng.randint(0, 59))))
    L.traps.append("stay-dates")
    ins = I.insured
    if ins:
        rows.append(("Assuré(e)", "%s %s %s – n° %s" % (ins["civ"], ins["family"], ins["given"],
                                                        _nb(M.ins_format(ins["nir"], "grouped")))))
    lead = doc.lead(size) * 1.1
    x0, width = doc.left, doc.right - doc.left
    doc.need(lead * (len(rows) + 2) + 10)
    cap = rng.choice(["CERTIFICAT D'HOSPITALISATION", "Bulletin de présence – hospitalisation"])
    top = doc.y + 2
    cw = doc.sw(cap, size, bold=True) + 16
    _frame(doc, x0, top, cw, lead + 2, lw=0.8)
    doc.text(x0 + 8, top + lead - 2, cap, size, bold=True)
    y = top + lead + 6
    lw = max(doc.sw(a, size) for a, _ in rows) + 6
    lw = min(lw, width * 0.5)
    doc.mark("identity")
    for a, b in rows:
        y += lead
        doc.text(x0, y, a, _fit(doc, [a], lw - 4, size))
        bs = _fit(doc, [b], width - lw - 6, size, bold=True)
        c = doc.c
        c.saveState()
        c.setDash(0.5, 2)
        c.setLineWidth(0.5)
        c.line(x0 + doc.sw(a, size) + 3, M.H - y, x0 + lw - 2, M.H - y)
        c.restoreState()
        doc.text(x0 + lw, y, b, bs, bold=True)
    doc.unmark()
    doc.y = y + size


def id_sample_slip(doc, I, rng):
    """A slip sent with samples to another laboratory: a shaded bar with the slip number, the
    person in two columns of 'label : value', then a small ruled table of the tubes (number,
    nature, sampling time)."""
    L = doc.letter
    size, small = _sz(I, 7.5, 9.5)
    lab = {"birth": ["Nom naiss.", "Nom de naissance"], "used": ["Nom usuel", "Nom d'usage"],
           "firsts": ["Prénoms", "Prénom(s)"], "date": ["Date de naiss.", "Né(e) le"], "sex": ["Sexe"],
           "place": ["Lieu naiss.", "Lieu de naissance"], "ins": ["INS", "Matricule INS"], "oid": ["OID"]}
    rows = [(b, c) for _, b, c in _rows(I, rng, lab, dates=D_NUM, sexes=("l", "w"))]
    ipp = _ipp(I, rng, ["IPP", "N° patient"])
    if ipp:
        rows.append(ipp)
    x0, width = doc.left, doc.right - doc.left
    half = width / 2
    lead = doc.lead(size)
    nrow = (len(rows) + 1) // 2
    tubes = [("%010d" % rng.randint(10 ** 9, 10 ** 10 - 1), rng.choice(["Sang EDTA", "Sérum", "Citrate", "Urines"]),
              "%02d:%02d" % (rng.randint(6, 11), rng.randint(0, 59))) for _ in range(rng.randint(1, 3))]
    L.traps.append("tube-numbers")
    rh = doc.lead(small) + 3
    doc.need(lead * (nrow + 2) + rh * (len(tubes) + 1) + 16)
    top = doc.y + 2
    bar = "%s n° %s%06d – %s" % (rng.choice(["Fiche de transmission des prélèvements", "Bon de transmission"]),
                                 rng.choice(["B", "T"]),
                                 rng.randint(1, 999999), _day_nov(rng))
    _fill(doc, x0, top, width, lead + 3, 0.8)
    doc.text(x0 + 5, top + lead - 1, bar, size, bold=True)
    y = top + lead + 4
    doc.mark("identity")
    for r in range(nrow):
        y += lead
        for k in range(2):
            i = r + k * nrow
            if i >= len(rows):
                continue
            a, b = rows[i]
            x = x0 + k * half + 2
            t = "%s : " % a
            w = doc.text(x, y, t, small, gray=0.3)
            doc.text(x + w, y, b, _fit(doc, [b], half - w - 8, size, bold=True), bold=True)
    doc.unmark()
    y += 6
    heads = ("N° de tube", "Nature", "Prélevé à")
    ws = [width * 0.4, width * 0.35, width * 0.25]
    for j, row in enumerate([heads] + tubes):
        x = x0
        for i, cell in enumerate(row):
            doc.rect(x, y + j * rh, ws[i], rh, lw=0.4, fill=0.9 if j == 0 else None)
            doc.text(x + 4, y + j * rh + rh - 3.5, cell, small, bold=(j == 0))
            x += ws[i]
    doc.y = y + rh * (len(tubes) + 1) + size


def id_certify_fields(doc, I, rng):
    """A doctor's attestation: 'Je soussigné(e), Docteur …, certifie avoir examiné :' then the
    person as indented fields, labels in italics, and the sentence resuming under them."""
    L = doc.letter
    a = L.author
    size = doc.size
    soussigne = "Je soussigné%s, %s %s %s, atteste avoir reçu en consultation ce jour :" % (
        "e" if a.sex == "F" else "", "Professeur" if a.title == "PR" else "Docteur", a.given, a.family)
    rows = [("Nom", I.birth)]
    if I.used:
        rows.append(("Nom d'usage", I.used))
    rows.append(("Prénoms", _firsts(I, rng)))
    rows.append(("%s le" % I.born().capitalize(), _date(I, rng, D_ANY)))
    if I.place:
        rows.append(("à", _place(I, rng, ["paren", "slash", "cog"])))
    rows.append(("Sexe", _sex(I, rng, ("w", "p"))))
    if I.ins:
        rows.append(("Matricule INS", _ins(I, rng, I_ANY)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    lead = doc.lead(size)
    doc.need(lead * (len(rows) + 4))
    doc.para(soussigne, size, after=2)
    x = doc.left + rng.choice([30, 45, 60])
    lw = max(doc.sw(k + " :", size, italic=True) for k, _ in rows) + 8
    doc.mark("identity")
    for k, v in rows:
        doc.y += lead * 0.8
        doc.text(x, doc.y, k + " :", size, italic=True)
        doc.text(x + lw, doc.y, v, _fit(doc, [v], doc.right - x - lw, size, bold=True), bold=True)
        doc.y += lead * 0.2
    doc.unmark()
    doc.gap(3)
    doc.para(rng.choice(["et atteste que les renseignements ci-dessus ont été vérifiés sur une pièce d'identité.",
                         "dont l'identité a été contrôlée sur présentation d'un document officiel."]), size)


def id_nutrition(doc, I, rng):
    """The head of a dietetic assessment: a grid of cells, each value over its small caption
    (the person's traits first, then the weight, height, body-mass index and albumin), the
    number across the last row."""
    L = doc.letter
    size, small = _sz(I, 7.5, 10)
    cells = [("Nom de naissance", I.birth)]
    if I.used:
        cells.append(("Nom d'usage", I.used))
    cells.append(("Prénom(s)", _firsts(I, rng)))
    cells.append(("Date de naissance", _date(I, rng, D_NUM)))
    cells.append(("Sexe", _sex(I, rng, ("w", "l"))))
    if I.place:
        cells.append(("Lieu de naissance", _place(I, rng, ["paren", "code-name", "slash"])))
    w = rng.randint(38, 105)
    hgt = rng.randint(150, 192) if not I.child else rng.randint(80, 175)
    cells += [("Poids actuel", "%d kg" % w), ("Taille", "%d cm" % hgt),
              ("IMC", ("%.1f" % (w / (hgt / 100.0) ** 2)).replace(".", ",") + " kg/m²"),
              ("Albuminémie", "%d g/L" % rng.randint(25, 45))]
    L.traps.append("measures")
    x0, width = doc.left, doc.right - doc.left
    per = 3 if width > 400 else 2
    cw = width / per
    step = small + size + 10
    nrow = (len(cells) + per - 1) // per
    insrow = bool(I.ins)
    doc.need(step * (nrow + insrow) + doc.lead(size) + 12)
    doc.line(rng.choice(["Bilan diététique initial", "ÉVALUATION NUTRITIONNELLE"]), size, bold=True)
    top = doc.y + 2
    doc.mark("identity")
    for k, (a, b) in enumerate(cells):
        r, c = divmod(k, per)
        x = x0 + c * cw
        y = top + r * step
        doc.rect(x, y, cw, step, lw=0.4)
        doc.text(x + 4, y + small + 2, a, small, gray=0.4)
        doc.text(x + 4, y + small + size + 5, b, _fit(doc, [b], cw - 8, size, bold=True), bold=True)
    y = top + nrow * step
    if insrow:
        t = _ins(I, rng, I_ANY)
        if I.oid:
            t += "   " + _oid(rng)
        doc.rect(x0, y, width, step, lw=0.4)
        doc.text(x0 + 4, y + small + 2, rng.choice(["Identifiant national de santé (INS)", "Matricule INS"]),
                 small, gray=0.4)
        doc.text(x0 + 4, y + small + size + 5, t, _fit(doc, [t], width - 8, size, bold=True), bold=True)
        y += step
    doc.unmark()
    doc.y = y + size


def id_kardex(doc, I, rng):
    """A nursing card: a thick frame, the room and bed large in its top right corner, the name in
    bold capitals on the left of the same line, then the traits in two columns of small-caption
    lines, the diet and mobility in italics at the bottom."""
    L = doc.letter
    size, small = _sz(I, 7.5, 10)
    x0, width = doc.left, doc.right - doc.left
    room = "Ch. %d – lit %s" % (rng.randint(1, 60), rng.choice("AB"))
    L.traps.append("room-number")
    name = "%s %s" % (I.birth, _firsts(I, rng, ("first", "all")))
    left = []
    if I.used:
        left.append(("Nom d'usage", I.used))
    left.append(("Naissance", "%s (%s)" % (_date(I, rng, D_NUM), _age(I))))
    left.append(("Sexe", _sex(I, rng, ("w", "p", "l"))))
    right = []
    if I.place:
        right.append(("Lieu de naissance", _place(I, rng, P_ANY)))
    if I.ins:
        right.append(("INS", _ins(I, rng, I_ANY)))
        if I.oid:
            right.append(("OID", M.TEST_OID))
    ipp = _ipp(I, rng, ["IPP", "Dossier"])
    if ipp:
        (left if len(left) < len(right) else right).append(ipp)
    lead = doc.lead(size)
    n = max(len(left), len(right))
    big = min(size + 2.5, 13)
    h = doc.lead(big) + lead * n + doc.lead(small) + 16
    doc.need(h + 10)
    top = doc.y + 2
    _frame(doc, x0, top, width, h, lw=1.4)
    doc.mark("identity")
    y = top + doc.lead(big) * 0.9 + 3
    doc.text(x0 + 8, y, name,
             _fit(doc, [name], width * 0.62, big, bold=True), bold=True)
    doc.text(x0 + width - 8, y, room, big - 1, bold=True, align="right")
    half = width / 2
    for col, items in ((0, left), (1, right)):
        yy = y + 4
        for a, b in items:
            yy += lead
            t = a + " : "
            x = x0 + 8 + col * half
            w = doc.text(x, yy, t, small, gray=0.35)
            doc.text(x + w, yy, b, _fit(doc, [b], half - w - 14, size))
    doc.unmark()
    yy = y + 4 + lead * n + doc.lead(small)
    doc.text(x0 + 8, yy, rng.choice(["Régime : sans sel", "Régime : mixé", "Régime : diabétique",
                                     "Régime : normal"]) +
             "  ·  " + rng.choice(["Mobilité : aide d'une personne", "Mobilité : autonome", "Mobilité : fauteuil"]),
             small, italic=True, gray=0.3)
    doc.y = top + h + size


def id_portal_top_right(doc, I, rng):
    """Opposite the letterhead, as a patient portal prints its heading: a small grey caption
    'titulaire du dossier', the name in bold, then 'label : value' lines with short labels, the
    number last."""
    size = max(7.5, min(I.size - 0.5, 9.5))
    small = max(6, size - 1.5)
    items = [(rng.choice(["Compte patient de", "Espace patient – titulaire"]), small, False, False, 0.45)]
    name = "%s %s" % (I.birth, _firsts(I, rng, ("first", "all"))) if rng.random() < 0.6 else \
        "%s %s" % (_firsts(I, rng, ("first", "all")), I.birth)
    items.append((name, size + 0.5, True, False, 0))
    if I.used:
        items.append(("Nom d'usage actuel : " + I.used, size, False, False, 0))
    items.append(("Naissance : %s" % _date(I, rng, D_ANY), size, False, False, 0))
    items.append(("Sexe : %s" % _sex(I, rng, ("l", "w")), size, False, False, 0))
    if I.place:
        items.append(("Lieu : %s" % _place(I, rng, P_ANY), size, False, False, 0))
    if I.ins:
        items.append(("INS : %s" % _ins(I, rng, I_ANY), size, False, False, 0))
        if I.oid:
            items.append((_oid(rng), small, False, False, 0.35))
    x = rng.choice([322, 332, 342])
    limit = M.W - 32
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    if x + widest > limit:
        x = max(M.W / 2 + 8, limit - widest)
    items = [(t, _fit(doc, [t], limit - x, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in items]
    top = rng.choice([40, 48, 56])
    doc.mark("identity")
    y = _stack(doc, x, top, items)
    doc.unmark()
    _rule(doc, x, limit, y + 3, 0.4, 0.5)
    return y + size


def id_sleep_study(doc, I, rng):
    """The head of a sleep recording report: the recording (its number, start and end, duration,
    device) on a grey line, then the subject in a ruled two-column table whose left column holds
    the traits and the right one the measures of the night."""
    L = doc.letter
    size, small = _sz(I, 7.5, 9.5)
    start = rng.randint(20, 23)
    rec = "Enregistrement n° PSG-%05d – nuit du %s – %02dh%02d à %02dh%02d – appareil %s" % (
        rng.randint(1, 99999), _day_nov(rng), start, rng.randint(0, 59), rng.randint(5, 7), rng.randint(0, 59),
        rng.choice(["Nox A1", "Alice 6", "Embletta"]))
    L.traps.append("recording-times")
    left = [("Sujet", "%s %s" % (I.birth, _firsts(I, rng)))]
    if I.used:
        left.append(("Nom d'usage", I.used))
    left.append(("Date de naissance", _date(I, rng, D_ANY)))
    left.append(("Sexe", _sex(I, rng, ("w", "l"))))
    if I.place:
        left.append(("Lieu de naissance", _place(I, rng, P_ANY)))
    if I.ins:
        left.append(("N° INS", _ins(I, rng, I_ANY)))
        if I.oid:
            left.append(("OID", M.TEST_OID))
    right = [("IAH", "%d /h" % rng.randint(2, 60)), ("SpO2 min.", "%d %%" % rng.randint(78, 95)),
             ("Temps de sommeil", "%d min" % rng.randint(240, 460)), ("Efficacité", "%d %%" % rng.randint(60, 96))]
    x0, width = doc.left, doc.right - doc.left
    rh = doc.lead(size) + 3
    n = max(len(left), len(right))
    doc.need(rh * n + doc.lead(small) * 2 + 10)
    doc.line(rec, _fit(doc, [rec], width, small), gray=0.4)
    top = doc.y + 3
    lw1 = max(doc.sw(a, small, bold=True) for a, _ in left) + 8
    c1 = width * 0.66
    lw2 = max(doc.sw(a, small, bold=True) for a, _ in right) + 8
    doc.mark("identity")
    for j in range(n):
        y = top + j * rh
        doc.rect(x0, y, c1, rh, lw=0.4)
        doc.rect(x0 + c1, y, width - c1, rh, lw=0.4)
        if j < len(left):
            a, b = left[j]
            doc.text(x0 + 4, y + rh - 3.5, a, small, bold=True)
            doc.text(x0 + lw1, y + rh - 3.5, b, _fit(doc, [b], c1 - lw1 - 6, size))
        if j < len(right):
            a, b = right[j]
            doc.text(x0 + c1 + 4, y + rh - 3.5, a, small, bold=True)
            doc.text(x0 + c1 + lw2, y + rh - 3.5, b, _fit(doc, [b], width - c1 - lw2 - 4, size))
    doc.unmark()
    doc.y = top + n * rh + size


def id_pour_memoire(doc, I, rng, reason):
    """The body opens on the reason; a second sentence recalls the identity 'pour mémoire', the
    traits run on after their lower-case names, separated by semicolons."""
    size = doc.size
    f = I.sex == "F"
    who = "votre patiente" if f else "votre patient"
    if I.child:
        who = "votre jeune patiente" if f else "votre jeune patient"
    s1 = "Je vous écris au sujet de %s, %s %s, %s." % (who, I.civ(rng, "short"), I.used or I.birth, reason)
    parts = ["nom de naissance %s" % I.birth]
    if I.used:
        parts.append("nom d'usage %s" % I.used)
    parts.append("prénoms %s" % _firsts(I, rng, ("all",)))
    parts.append("née le %s" % _date(I, rng, D_ANY) if f else "né le %s" % _date(I, rng, D_ANY))
    if I.place:
        parts.append("lieu de naissance %s" % _place(I, rng, P_ANY))
    parts.append("sexe %s" % _sex(I, rng, ("lw", "l")))
    if I.ins:
        t = "INS %s" % _ins(I, rng, I_ANY)
        if I.oid:
            t += " (OID %s)" % M.TEST_OID
        parts.append(t)
    s2 = "%s : %s." % (rng.choice(["Son identité, telle qu'enregistrée", "Traits d'identité enregistrés"]),
                         " ; ".join(parts))
    doc.mark("identity")
    doc.para(s1, size, keep=True, after=1)
    doc.para(s2, size, keep=True)
    doc.unmark()


def id_physio_bilan(doc, I, rng):
    """The head of a physiotherapy assessment: a centred title, the person in 'label : value'
    lines on the left, the prescription on the right (its date, the prescriber, the number of
    sessions), a rule under both."""
    L = doc.letter
    a = L.author
    size, small = _sz(I, 8, 10)
    lab = {"birth": ["Nom de naissance", "NOM"], "used": ["Nom d'usage"], "firsts": ["Prénom(s)", "Prénoms"],
           "date": ["Date de naissance", "DDN"], "sex": ["Sexe"], "place": ["Lieu de naissance", "Né(e) à"],
           "ins": ["INS", "N° INS"], "oid": ["OID"]}
    left = [(b, c) for _, b, c in _rows(I, rng, lab, sexes=("l", "w"))]
    right = [("Prescription du", "%02d/%02d/2026" % (rng.randint(1, 28), rng.randint(8, 11))),
             ("Prescripteur", "%s %s" % (a.display().split()[0], a.family)),
             ("Séances prescrites", "%d" % rng.choice([10, 12, 15, 20, 30])),
             ("Indication", rng.choice(["lombalgie", "rééducation post-opératoire", "entorse de cheville",
                                        "capsulite"]))]
    L.traps += ["prescription-date", "author-identity"]
    x0, width = doc.left, doc.right - doc.left
    mid = x0 + width * 0.58
    lead = doc.lead(size)
    n = max(len(left), len(right))
    doc.need(lead * (n + 2) + 12)
    doc.line(rng.choice(["BILAN DIAGNOSTIQUE KINÉSITHÉRAPIQUE", "Bilan de rééducation – initial"]), size + 1,
             bold=True, align="centre")
    top = doc.y + 2
    lw = max(doc.sw(k + " : ", small) for k, _ in left)
    doc.mark("identity")
    y = top
    for k, v in left:
        y += lead * 0.8
        doc.text(x0, y, k + " : ", small)
        doc.text(x0 + lw, y, v, _fit(doc, [v], mid - x0 - lw - 8, size, bold=True), bold=True)
        y += lead * 0.2
    doc.unmark()
    rw = max(doc.sw(k + " : ", small, italic=True) for k, _ in right)
    y2 = top
    for k, v in right:
        y2 += lead * 0.8
        doc.text(mid, y2, k + " : ", small, italic=True, gray=0.3)
        doc.text(mid + rw, y2, v, _fit(doc, [v], doc.right - mid - rw, size))
        y2 += lead * 0.2
    doc.y = max(y, y2) + 4
    _rule(doc, x0, doc.right, doc.y, 0.8)
    doc.gap(size)


IDENTITY_FAMILIES = {
    "r-id-a": (id_vos_infos, "flow"),
    "r-id-b": (id_duplicata, "flow"),
    "r-id-c": (id_obstetric, "flow"),
    "r-id-d": (id_family_dates, "flow"),
    "r-id-e": (id_weekday_sentence, "body"),
    "r-id-f": (id_flush_right_rule, "top-right"),
    "r-id-g": (id_tabs_band, "band"),
    "r-id-h": (id_footer_ref, "footer"),
    "r-id-i": (id_bulletin_situation, "flow"),
    "r-id-j": (id_sample_slip, "flow"),
    "r-id-k": (id_certify_fields, "flow"),
    "r-id-l": (id_nutrition, "flow"),
    "r-id-m": (id_kardex, "flow"),
    "r-id-n": (id_portal_top_right, "top-right"),
    "r-id-o": (id_sleep_study, "flow"),
    "r-id-p": (id_pour_memoire, "body"),
    "r-id-q": (id_physio_bilan, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Professionals as these families print them

def _pname(p, rng, form):
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
    if form == "fg":
        return "%s %s" % (fam, g), "full"
    if form == "s-i":
        return "%s %s %s" % (sh, M.initials(g), fam), "initial"
    if form == "l-i":
        return "%s %s %s" % (lg, M.initials(g), fam), "initial"
    if form == "s-f":
        return "%s %s" % (sh, fam), "none"
    if form == "caps":
        return "%s %s %s" % (M.insi(lg), M.insi(g), M.insi(fam)), "full"
    raise ValueError(form)


FULL = ["s-gf", "s-gf", "l-gf", "s-fg"]


def _job(p, rng, lower=False):
    t = p.profession[1] if p.spec is None else rng.choice(p.spec[2])
    return t[0].lower() + t[1:] if lower and not t.isupper() else t


def _site(p, rng):
    s = p.site
    return s if rng.random() < 0.5 else s.title().replace(" De ", " de ").replace(" D'", " d'").replace(" Du ", " du ")


def _top(doc, rng, choices=(140, 148, 156, 164)):
    return max(rng.choice(list(choices)), getattr(doc, "header_bottom", 0) + 8)


def _place_right(doc, items, x, limit, floor_x):
    """Moves a right block left when it is too wide, then shrinks what still does not fit."""
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    if x + widest > limit:
        x = max(floor_x, limit - widest)
    items = [(t, _fit(doc, [t], limit - x, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in items]
    return x, items


def _civ_p(p):
    return "Madame" if p.sex == "F" else "Monsieur"


def _dear(p, rng):
    f = p.sex == "F"
    word = "Professeur" if p.title == "PR" else "Docteur"
    return rng.choice(["%s le %s," % ("Madame" if f else "Monsieur", word),
                       "Chère Consœur," if f else "Cher Confrère,",
                       "Chère Madame," if f else "Cher Monsieur,", "Chère amie," if f else "Cher ami,"])


def _cedex(p, rng):
    return "%s%d%02d" % (p.postcode[:2], rng.choice([6, 7, 9]), rng.randint(1, 99))


# ---------------------------------------------------------------------------------------------
# Addressees

def ad_title_own_line(doc, L, rng):
    """Right window with the courtesy title on a line of its own ('Madame le Docteur'), the given
    name and the name under it, what they do, the street and the town."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    word = "Professeur" if p.title == "PR" else "Docteur"
    title = rng.choice(["%s le %s" % (_civ_p(p), word), word])
    second = "%s %s" % (p.given, p.family) if rng.random() < 0.7 else "%s %s" % (p.family, p.given)
    city = M.city_text(p, rng)
    items = [(title, size, False, False, 0), (second, size, True, False, 0)]
    if rng.random() < 0.7:
        items.append((_job(p, rng), size - 0.5, False, True, 0))
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", "%s %s" % (title, second), "full", city, p.postcode)
    L.salutation = "%s," % title if title != word else _dear(p, rng)
    x, items = _place_right(doc, items, rng.choice([312, 324, 336]), M.W - 36, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_cedex(doc, L, rng):
    """Right window of an establishment's address: the name, the unit or practice, the street,
    a postal box line and the CEDEX town line (its own postcode, not the street's)."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FULL + ["s-i"]))
    items = [(name, size, True, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size - 0.5, False, False, 0))
        items.append((_site(p, rng), size - 0.5, False, False, 0))
    else:
        items.append((rng.choice(["Groupe médical", "Espace de santé", "Cabinet associé"]) + " " +
                      rng.choice(["des Acacias", "du Centre", "de la Gare", "Pasteur"]), size - 0.5, False, False, 0))
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %d" % (rng.choice(["CS", "BP", "CS"]), rng.randint(10, 99999)), size, False, False, 0))
    town = M.insi(p.city)
    items.append(("%s %s CEDEX%s" % (_cedex(p, rng), town, rng.choice(["", "", " 2", " 9"])), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, town, None)
    L.traps.append("cedex")
    L.salutation = _dear(p, rng) if rng.random() < 0.6 else None
    x, items = _place_right(doc, items, rng.choice([310, 322, 334]), M.W - 36, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_left_initial(doc, L, rng):
    """Left window: what the addressee does in small capitals first, the name with the given name
    as initials, the street and the town."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(["s-i", "s-i", "l-i", "s-gf"]))
    city = M.city_text(p, rng)
    items = [(_job(p, rng).upper(), size - 1.5, False, False, 0.35), (name, size, True, False, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([56, 64, 72])
    items = [(t, _fit(doc, [t], M.W / 2 - 20 - x, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in items]
    return _stack(doc, x, _top(doc, rng, (148, 156, 164)), items) + 4


def ad_patient_home(doc, L, rng):
    """Right window to the person at home (a child's legal representatives), 'Personnel et
    confidentiel' above the name."""
    I = L.ident
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    street, pc, city = L.patient["home"]
    fam = I.used or I.birth
    items = []
    if rng.random() < 0.6:
        items.append((rng.choice(["Strictement confidentiel", "Confidentiel – à ouvrir par le destinataire"]),
                      size - 1.5, True, False, 0.3))
    if L.patient["child"]:
        items.append((rng.choice(["À l'intention des parents de", "Aux responsables de l'enfant"]), size - 0.5,
                      False, True, 0))
        items.append(("%s %s" % (I.firsts[0], I.birth), size, True, False, 0))
        L.salutation = rng.choice(["Madame, Monsieur,", "Chers parents,"])
    else:
        civ = I.civ(rng, "long")
        items.append(("%s %s %s" % (civ, I.firsts[0], fam) if rng.random() < 0.5 else
                      "%s %s %s" % (civ, fam, I.firsts[0]),
                      size, True, False, 0))
        L.salutation = "%s," % civ
    items += [(street, size, False, False, 0), ("%s %s" % (pc, city), size, False, False, 0)]
    L.addressed_to_patient = True
    x, items = _place_right(doc, items, rng.choice([314, 328]), M.W - 36, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_confidential_head(doc, L, rng):
    """Right window under a boxed 'confidentiel – médecin' line: the name, the practice or the
    hospital, the street and the town."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    small = max(6.5, size - 2)
    name, gf = _pname(p, rng, rng.choice(FULL))
    city = M.city_text(p, rng)
    head = rng.choice(["Secret médical – pli fermé", "Réservé au médecin destinataire"])
    items = [(name, size, True, False, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x, items = _place_right(doc, items, rng.choice([312, 326]), M.W - 36, M.W / 2 - 30)
    top = _top(doc, rng)
    hw = doc.sw(head, small, bold=True) + 10
    _frame(doc, x - 4, top, hw, small + 6, lw=0.5)
    doc.text(x + 1, top + small + 2, head, small, bold=True)
    y = _stack(doc, x, top + small + 8, items)
    L.salutation = _dear(p, rng) if rng.random() < 0.5 else None
    return y + 4


def ad_flow_transmis(doc, L, rng):
    """No window: after the date, one line says to whom the letter goes and how (secure message
    or post), with what the colleague does and their town."""
    p = L.to
    name, gf = _pname(p, rng, rng.choice(FULL + ["s-i", "s-f"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.4)
    where = city if (p.force_place or gf != "full" or rng.random() < 0.7) else None
    how = rng.choice(["par messagerie sécurisée", "par voie postale", "via MSSanté"])
    tail = ", %s" % _job(p, rng, lower=True) + (", %s" % where if where else "")
    L.flow_addressee = rng.choice(["Courrier transmis au %s%s (%s)." % (_nb(name), tail, how),
                                   "Transmis %s au %s%s." % (how, _nb(name), tail)])
    L.mentions.add(p, "to", name, gf, where, None)
    L.salutation = _dear(p, rng)
    return None


def ad_bare_name(doc, L, rng):
    """Right window without a title: the name first, then the given name, as a directory export
    prints it; what they do under it, then the street and the town."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, "fg")
    city = M.city_text(p, rng)
    items = [(name, size, True, False, 0), (_job(p, rng), size - 0.5, False, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size - 0.5, False, False, 0))
        items.append((_site(p, rng), size - 0.5, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    x, items = _place_right(doc, items, rng.choice([312, 326, 338]), M.W - 36, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_message_head(doc, L, rng):
    """No window: under the letterhead, the head of a secure message: 'À :' with the name and
    the mailbox (or the town when the letter goes by post), 'De :' the department, 'Envoyé le'."""
    p, a = L.to, L.author
    size = min(doc.size, 9.5)
    small = max(6.5, size - 1.5)
    name, gf = _pname(p, rng, rng.choice(FULL + ["s-i"]))
    city = M.city_text(p, rng)
    if p.mssante:
        to = "%s <%s>" % (name, p.mssante)
        if gf != "full" or p.force_place or rng.random() < 0.5:
            to += " – %s" % city
        else:
            city = None
    else:
        to = "%s – %s %s (envoi papier)" % (name, p.postcode, city)
    L.mentions.add(p, "to", name, gf, city, None if p.mssante else p.postcode)
    rows = [("À :", to), ("De :", "%s – %s" % (M.service_of(a.service), L.hospital["short"])),
            ("Envoyé le :", "%s %02d:%02d" % (_day_nov(rng), rng.randint(8, 19), rng.randint(0, 59)))]
    top = max(getattr(doc, "header_bottom", 100) + 10, 116)
    x0 = doc.left
    lw = max(doc.sw(k, small, bold=True) for k, _ in rows) + 6
    y = top
    for k, v in rows:
        y += doc.lead(size)
        doc.text(x0, y, k, small, bold=True)
        doc.text(x0 + lw, y, v, _fit(doc, [v], doc.right - x0 - lw, size))
    _rule(doc, x0, doc.right, y + 5, 0.5, 0.4)
    L.salutation = _dear(p, rng)
    return y + 8


def ad_poste_caps(doc, L, rng):
    """Right window as the postal standard wants it: capitals without accents nor punctuation,
    the title in full, no line longer than the window."""
    p = L.to
    size = min(doc.size, 10.5)
    name, gf = _pname(p, rng, "caps")
    town = M.insi(p.city)
    items = [(name, size, False, False, 0)]
    if rng.random() < 0.5:
        items.append((M.insi(_job(p, rng)), size, False, False, 0))
    if p.salaried:
        items.append((M.insi(p.site), size, False, False, 0))
    items += [(M.insi(p.street_line()).replace(",", ""), size, False, False, 0),
              ("%s %s" % (p.postcode, town), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, town, p.postcode)
    L.salutation = _dear(p, rng)
    x, items = _place_right(doc, items, rng.choice([316, 328]), M.W - 36, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


def ad_return_line(doc, L, rng):
    """Right window of a window envelope: a tiny underlined return address of the sender on top,
    then the addressee: name, what they do, the street and the town."""
    p, h = L.to, L.hospital
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FULL + ["s-i"]))
    city = M.city_text(p, rng)
    ret = "%s – %s %s – %s %s" % (h["short"], h["street"][0], h["street"][3], h["city"][0],
                                  M.title_city(h["city"][2]))
    items = [(name, size, True, False, 0), (_job(p, rng), size - 0.5, False, True, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.traps.append("return-address")
    x, items = _place_right(doc, items, rng.choice([308, 320]), M.W - 36, M.W / 2 - 30)
    top = _top(doc, rng, (134, 142, 150))
    rs = _fit(doc, [ret], M.W - 36 - x, 6)
    doc.text(x, top, ret, rs, gray=0.3)
    _rule(doc, x, x + doc.sw(ret, rs), top + 2, 0.3, 0.3)
    y = _stack(doc, x, top + 6, items)
    L.salutation = _dear(p, rng) if rng.random() < 0.6 else None
    return y + 4


def ad_bp_hospital(doc, L, rng):
    """Right window with what the addressee is in the establishment under the name (hospital
    practitioner, or the practice's kind), the unit, the site, the street and the town."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(["l-gf", "s-gf", "s-fg"]))
    city = M.city_text(p, rng)
    items = [(name, size, True, False, 0)]
    if p.salaried:
        items.append((rng.choice(["Médecin hospitalier", "PH temps plein", "Responsable d'unité"]), size - 1, False,
                      True, 0))
        items.append((rng.choice([M.service_of(p.service), "Unité de " + M.lower_service(p.service)]), size - 0.5,
                      False, False, 0))
        items.append((_site(p, rng), size - 0.5, False, False, 0))
    else:
        items.append((_job(p, rng), size - 1, False, True, 0))
        items.append((rng.choice(["Groupe médical", "Espace de santé", "Cabinet associé"]), size - 0.5,
                      False, False, 0))
    items += [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.salutation = _dear(p, rng)
    x, items = _place_right(doc, items, rng.choice([310, 322, 334]), M.W - 36, M.W / 2 - 30)
    return _stack(doc, x, _top(doc, rng), items) + 4


# (draw, window: "right" | "left" | "none" | "flow", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "r-ad-a": (ad_title_own_line, "right", True),
    "r-ad-b": (ad_cedex, "right", True),
    "r-ad-c": (ad_left_initial, "left", True),
    "r-ad-d": (ad_patient_home, "right", False),
    "r-ad-e": (ad_confidential_head, "right", True),
    "r-ad-f": (ad_flow_transmis, "flow", True),
    "r-ad-g": (ad_bare_name, "right", True),
    "r-ad-h": (ad_message_head, "flow", True),
    "r-ad-i": (ad_poste_caps, "right", True),
    "r-ad-j": (ad_return_line, "right", True),
    "r-ad-k": (ad_bp_hospital, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies

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
    return rng.choice(["%s %s (son exemplaire)" % (I.civ(rng, "short"), I.used or I.birth),
                       "la personne elle-même", "un exemplaire à la personne"])


def cp_ampliation(doc, L, rng):
    """'Ampliation :' as administrations write it, then one line per colleague behind a dash:
    the name, what they do, the town in brackets."""
    size = max(7.5, doc.size - rng.choice([0.5, 1]))
    lines = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"])
        lines.append("– %s, %s%s" % (_nb(name), job, " (%s)" % city if city else ""))
    if L.copy_patient:
        lines.append("– " + _patient_copy(L, rng))
    if not lines:
        return
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Exemplaire transmis à :", "Copie(s) aussi à :"]), size, bold=True)
    for t in lines:
        doc.para(t, size, x=doc.left + 10, after=0)


def cp_pour_info(doc, L, rng):
    """One line after the signature: 'Pour information :' and the colleagues run on with their
    towns, separated by semicolons."""
    size = max(7.5, doc.size - rng.choice([0, 0.5, 1]))
    parts = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"], 0.8)
        parts.append(_nb(name) + (" (%s)" % city if city else ""))
    if L.copy_patient:
        parts.append(_patient_copy(L, rng))
    if not parts:
        return
    doc.gap(size * 0.5)
    doc.para("%s %s." % (rng.choice(["Information adressée à :", "Copie pour information à :"]),
                         " ; ".join(parts)), size, keep=True)


def cp_double_adresse(doc, L, rng):
    """'Double adressé à' then each colleague with the full address on one line: the street, the
    postcode and the town."""
    size = max(7, doc.size - rng.choice([0.5, 1, 1.5]))
    lines = []
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(FULL + ["s-i"]))
        city = M.city_text(p, rng)
        L.mentions.add(p, "cc", name, gf, city, p.postcode)
        lines.append("%s – %s – %s %s" % (_nb(name), p.street_line(), p.postcode, city))
    if L.copy_patient:
        lines.append(_patient_copy(L, rng))
    if not lines:
        return
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Duplicata envoyé à :", "Un second exemplaire part chez :"]), size, italic=True)
    for t in lines:
        doc.para(t, size, x=doc.left + rng.choice([6, 12]), after=0)


def cp_boxed_right(doc, L, rng):
    """A framed box set flush right after the signature, a caption on a grey strip, each
    colleague on two lines: the name in bold, then what they do and the town in grey."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    small = max(6, size - 1)
    entries = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i"], 0.85)
        entries.append((name, job + (" – %s" % city if city else "")))
    if L.copy_patient:
        entries.append((_patient_copy(L, rng), ""))
    if not entries:
        return
    cap = rng.choice(["Copies jointes", "Copie(s) aussi à"])
    lead = doc.lead(size)
    w = max([doc.sw(a, size, bold=True) for a, _ in entries] + [doc.sw(b, small) for _, b in entries] +
            [doc.sw(cap, small, bold=True)]) + 16
    w = min(w, doc.right - doc.left)
    h = lead * (1.2 + 2 * len(entries)) + 6
    doc.need(h + 10)
    doc.gap(size * 0.5)
    top = doc.y
    x = doc.right - w
    _frame(doc, x, top, w, h, lw=0.5)
    _fill(doc, x + 0.5, top + 0.5, w - 1, lead * 1.2, 0.88)
    doc.text(x + 6, top + lead * 0.9, cap, small, bold=True)
    y = top + lead * 1.2
    for a, b in entries:
        y += lead
        doc.text(x + 6, y - 2, a, _fit(doc, [a], w - 12, size, bold=True), bold=True)
        y += lead
        if b:
            doc.text(x + 6, y - 3, b, _fit(doc, [b], w - 12, small), gray=0.4)
    doc.y = top + h + 4


def cp_none_variant(doc, L, rng):
    """No colleague in copy, said as this software says it; the patient's copy when there is one."""
    size = max(7, doc.size - 1)
    I = L.ident
    if L.copy_patient:
        t = rng.choice(["Exemplaire donné à %s %s." % (I.civ(rng, "short"), I.used or I.birth),
                        "La personne repart avec son exemplaire."])
    else:
        t = rng.choice(["Aucune copie n'est adressée.", "Diffusion : néant."])
    doc.gap(size * 0.5)
    doc.para(t, size, italic=rng.random() < 0.5)


def cp_top_diffusion(doc, L, rng):
    """Under the date, before the title: 'Diffusion :' and the colleagues separated by long
    dashes, the regular doctor marked as such."""
    size = max(7, doc.size - rng.choice([0.5, 1]))
    parts = []
    for p in L.copies:
        name, job, city = _copy(L, p, rng, FULL + ["s-i", "s-f"], 0.8)
        gp = p.spec is not None and p.spec[0] == M.GP
        t = _nb(name)
        if gp and rng.random() < 0.6:
            t += " (médecin traitant%s)" % (", " + city if city else "")
        elif city:
            t += " (%s)" % city
        parts.append(t)
    if L.copy_patient:
        parts.append(_patient_copy(L, rng))
    if not parts:
        return
    doc.para("%s %s" % (rng.choice(["Circuit de diffusion :", "Copie simultanée à :"]),
                        " — ".join(parts)), size, keep=True)
    doc.gap(size * 0.3)


def cp_mss_cc(doc, L, rng):
    """'Cc (messagerie sécurisée)' and a line per colleague: the name, then the secure mailbox in
    angle brackets, or the town and 'par courrier' when they have none."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    lines = []
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(FULL + ["s-i"]))
        city = None
        if p.mssante:
            t = "%s <%s>" % (_nb(name), p.mssante)
            if p.force_place or gf != "full" or rng.random() < 0.4:
                city = M.city_text(p, rng)
                t += " – " + city
        else:
            city = M.city_text(p, rng)
            t = "%s – %s (expédition papier)" % (_nb(name), city)
        L.mentions.add(p, "cc", name, gf, city, None)
        lines.append(t)
    if L.copy_patient:
        lines.append(_patient_copy(L, rng) + " (Mon espace santé)")
    if not lines:
        return
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.gap(size * 0.5)
    doc.line(rng.choice(["Cc (messagerie sécurisée) :", "Copie électronique :"]), size, bold=True)
    for t in lines:
        doc.para(t, size, x=doc.left + 8, after=0)


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "r-cc-a": (cp_ampliation, True, "end"),
    "r-cc-b": (cp_pour_info, True, "end"),
    "r-cc-c": (cp_double_adresse, True, "end"),
    "r-cc-d": (cp_boxed_right, True, "end"),
    "r-cc-e": (cp_none_variant, False, "end"),
    "r-cc-f": (cp_top_diffusion, True, "top"),
    "r-cc-g": (cp_mss_cc, True, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions of this set: on the right level with the date under the address, high
# in the left margin of the footer zone, and under the last line of text.

DM_POSITIONS = ["r-by-date", "r-by-date", "r-left-foot", "r-left-foot", "r-under-text",
                "r-under-text"]


def dm_candidates(d, pos, s, W, H):
    if pos == "r-by-date":
        if d.page != 1:
            return []
        y0 = int(max(getattr(d, "win_bottom", 0) or 0, getattr(d, "header_bottom", 0) or 0)) + 2
        return [(W - m - s, y) for y in range(y0, y0 + 80, 6) for m in (36, 50, 70)]
    if pos == "r-left-foot":
        return [(m, H - 76 - s - k * 6) for k in range(12) for m in (34, 48, 62)]
    if pos == "r-under-text":
        y0 = int(d.y) + 6
        return [(x, y0 + k * 6) for k in range(8) for x in (d.left, (d.left + d.right - s) / 2, d.right - s)]
    return []
