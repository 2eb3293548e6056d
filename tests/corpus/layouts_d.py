"""Tuning layout families, fourth set (see make_letters.py).

These were the held-out families of session 30 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families use the helpers of make_letters.py, bound at import time through use().
"""

M = None  # the make_letters module


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Fonts


def fonts(register):
    """The fonts of this set (registered through make_letters.py)."""
    out = []
    if M.register_type1_family("URWGothic", "URWGothic-Book", "URWGothic-Demi", "URWGothic-BookOblique"):
        out.append("URWGothic")
    if M.register_type1_family("P052", "P052-Roman", "P052-Bold", "P052-Italic"):
        out.append("P052")
    # Fonts the tuning part uses too, so that the held-out part does not hinge on fonts alone.
    dv = "/usr/share/fonts/truetype/dejavu/"
    if register("DejaVuSerif", dv + "DejaVuSerif.ttf", dv + "DejaVuSerif-Bold.ttf", dv + "DejaVuSerif-Italic.ttf"):
        out.append("DejaVuSerif")
    return out + ["Helvetica", "LiberationSans"]


# ---------------------------------------------------------------------------------------------
# Shared bits

DEPARTMENTS = {
    "01": "Ain", "06": "Alpes-Maritimes", "10": "Aube", "13": "Bouches-du-Rhône", "14": "Calvados",
    "17": "Charente-Maritime", "21": "Côte-d'Or", "22": "Côtes-d'Armor", "25": "Doubs", "26": "Drôme",
    "28": "Eure-et-Loir", "29": "Finistère", "2A": "Corse-du-Sud", "2B": "Haute-Corse", "30": "Gard",
    "31": "Haute-Garonne", "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine", "37": "Indre-et-Loire",
    "38": "Isère", "42": "Loire", "44": "Loire-Atlantique", "45": "Loiret", "49": "Maine-et-Loire", "51": "Marne",
    "53": "Mayenne", "54": "Meurthe-et-Moselle", "56": "Morbihan", "57": "Moselle", "59": "Nord",
    "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques", "66": "Pyrénées-Orientales", "67": "Bas-Rhin",
    "68": "Haut-Rhin", "69": "Rhône", "72": "Sarthe", "73": "Savoie", "74": "Haute-Savoie", "75": "Paris",
    "76": "Seine-Maritime", "80": "Somme", "83": "Var", "84": "Vaucluse", "86": "Vienne", "87": "Haute-Vienne",
    "971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion",
}


def _nb(s):
    """Kept on one line when a paragraph wraps (drawn as plain spaces)."""
    return s.replace(" ", M.NBSP)


def _dept(cog):
    return cog[:3] if cog.startswith("97") else cog[:2]


def _date(I, rng, styles):
    style = rng.choice(styles)
    if style.startswith("short") and not 1940 <= int(I.iso[:4]) <= 2005:
        style = "slash"
    if style == "iso":
        s = I.iso
    elif style == "words-upper":
        s = M.fr_date(I.iso, "words").upper()
    elif style == "words-zero":  # '05 mars 1951'
        s = "%s %s %s" % (I.iso[8:], M.MONTHS[int(I.iso[5:7]) - 1], I.iso[:4])
    else:
        s = M.fr_date(I.iso, style)
    return _nb(s)


def _ins(I, rng, styles):
    m = I.ins
    style = rng.choice(styles)
    if style == "slash-key":
        s = "%s/%s" % (m[:13], m[13:])
    elif style == "grouped-cle":
        s = " ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]) + " clé " + m[13:]
    elif style == "dots-key":
        s = ".".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]) + " " + m[13:]
    else:
        s = M.ins_format(m, style)
    return _nb(s)


def _sex(I, rng, styles):
    f = I.sex == "F"
    style = rng.choice(styles)
    return {"letter": "F" if f else "M", "hf": "F" if f else "H", "word": "Féminin" if f else "Masculin",
            "person": "Femme" if f else "Homme", "lower": "féminin" if f else "masculin",
            "upper": "FEMININ" if f else "MASCULIN"}[style]


def _place(I, rng, styles):
    """The birth place, always with its code: 'Brest (29) - INSEE 29019', 'Brest, Finistère (29019)'…"""
    code, name = I.place, I.place_name
    style = rng.choice(styles)
    if I.abroad:
        if style == "code":
            return code
        if style in ("code-NAME", "code-name"):
            return "%s %s" % (code, M.insi(name) if style == "code-NAME" else name)
        return rng.choice(["%s (code pays %s)", "%s - code pays %s", "%s (%s)"]) % (name, code)
    dept = _dept(code)
    if style == "code":
        return code
    if style == "code-NAME":
        return "%s %s" % (code, M.insi(name))
    if style == "code-name":
        return "%s - %s" % (code, name)
    if style == "name-dept-insee":
        return "%s (%s) - INSEE %s" % (name, dept, code)
    if style == "name-deptname-code":
        return "%s, %s (%s)" % (name, DEPARTMENTS.get(dept, dept), code)
    if style == "NAME-dept-code":
        return "%s (%s), code %s" % (M.insi(name), dept, code)
    if style == "name-bracket":
        return "%s [%s]" % (name, code)
    return "%s (%s)" % (name, code)  # "name-paren"


def _place_phrase(I, rng):
    """' à Brest (Finistère), code INSEE 29019', ' au Maroc (code pays 99350)'."""
    code, name = I.place, I.place_name
    if I.abroad:
        prep = "au" if name in ("Maroc", "Sénégal", "Portugal", "Cameroun", "Viêt Nam", "Royaume-Uni") else "en"
        return rng.choice([" %s %s (code pays %s)" % (prep, name, code),
                           " à l'étranger (%s, code %s)" % (name, code)])
    dept = _dept(code)
    return rng.choice([" à %s (%s), code INSEE %s" % (name, DEPARTMENTS.get(dept, dept), code),
                       " à %s (%s, INSEE %s)" % (name, dept, code),
                       " à %s - commune %s" % (name, code)])


def _mobile(rng):
    return "0%d %02d %02d %02d %02d" % (rng.choice([6, 6, 7, 2]), rng.randint(0, 99), rng.randint(0, 99),
                                        rng.randint(0, 99), rng.randint(0, 99))


def _age(I):
    n = M.age_on(I.iso)
    return "%d an%s" % (n, "s" if n > 1 else "")


def _fit(doc, texts, width, size, bold=False, floor=6.5):
    while size > floor and max(doc.sw(t, size, bold=bold) for t in texts) > width:
        size -= 0.5
    return size


class _Font:
    """Draws with another font family for a while (an admission label, a terminal printout)."""

    def __init__(self, doc, key):
        self.doc, self.key = doc, key

    def __enter__(self):
        self.old = self.doc.st.font
        self.doc.st.font = self.key

    def __exit__(self, *exc):
        self.doc.st.font = self.old


# ---------------------------------------------------------------------------------------------
# Identity


def id_cells_grid(doc, I, rng):
    """Labels and values in separate ruled cells, labels right-aligned and abbreviated."""
    size = I.size
    f = I.sex == "F"
    rows = [(rng.choice(["NOM", "Nom naiss.", "Nom de naissance", "NOM DE NAISSANCE"]), I.birth)]
    if I.used:
        rows.append((rng.choice(["Nom d'usage", "Nom utilisé", "NOM D'USAGE"] + (["Nom marital"] if f else [])),
                     I.used))
    rows.append((rng.choice(["Prénom(s)", "Prén.", "Prénoms"]),
                 I.first_names(rng, rng.choice(["all", "all-comma"]))))
    sex = (rng.choice(["Sexe", "Genre"]), _sex(I, rng, ["letter", "hf", "word"]))
    date = (rng.choice(["D.N.", "Né(e) le", "Date naiss."]), _date(I, rng, ["dot", "dash", "iso", "slash", "words"]))
    rows += [sex, date] if rng.random() < 0.5 else [date, sex]
    if I.place:
        label = rng.choice(["Commune naiss. (INSEE)", "Lieu naiss.", "Code lieu naiss."])
        styles = {"Commune naiss. (INSEE)": ["name-paren", "code-NAME"], "Code lieu naiss.": ["code", "code-name"]}
        rows.append((label, _place(I, rng, styles.get(label, ["name-dept-insee", "name-paren", "code-NAME"]))))
    if I.ins:
        rows.append((rng.choice(["Matricule INS", "N° INS", "INS (NIR)"]),
                     _ins(I, rng, ["grouped", "plain", "dots", "key-sep", "slash-key"])))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    if I.ipp and rng.random() < 0.7:
        rows.append((rng.choice(["IPP", "N° patient"]), I.ipp))
        I.uses.add("ipp")
    if I.nda and rng.random() < 0.7:
        rows.append((rng.choice(["N° séjour", "NDA", "N° venue"]), I.nda))
        I.uses.add("nda")
    if rng.random() < 0.25:
        a = doc.letter.author
        rows.append((rng.choice(["Médecin resp.", "Praticien"]), "%s %s %s (RPPS %s)" % (
            "Pr" if a.title == "PR" else "Dr", a.given, a.family, a.rpps)))
    colon = rng.choice(["", " :"])
    rows = [(label + colon, value) for label, value in rows]
    italic = rng.random() < 0.4
    bold = rng.random() < 0.6
    width = doc.right - doc.left

    def dims(sz):
        return (max(doc.sw(lb, sz - 0.5, italic=italic) for lb, _ in rows) + 10,
                max(doc.sw(v, sz, bold=bold) for _, v in rows) + 10)

    lw, vw = dims(size)
    while lw + vw > width and size > 7:
        size -= 0.5
        lw, vw = dims(size)
    per = 2 if 2 * (lw + vw) <= width and rng.random() < 0.75 else 1
    if per == 2:
        vw = (width - 2 * lw) / 2
    else:
        vw = max(vw, min(width - lw, rng.uniform(200, 300)))
    rh = doc.lead(size) + 5
    n = (len(rows) + per - 1) // per
    heading = rng.choice([None, None, "Identité patient", "IDENTIFICATION"])
    doc.need(rh * n + 10 + (doc.lead(size) if heading else 0))
    doc.mark("identity")
    if heading:
        doc.line(heading, size, bold=True)
        doc.gap(2)
    top = doc.y
    for i, (label, value) in enumerate(rows):
        r, k = divmod(i, per)
        x = doc.left + k * (lw + vw)
        y = top + r * rh
        doc.rect(x, y, lw, rh, lw=0.4)
        doc.rect(x + lw, y, vw, rh, lw=0.4)
        doc.text(x + lw - 5, y + rh - 5, label, size - 0.5, italic=italic, gray=0.25, align="right")
        doc.text(x + lw + 5, y + rh - 5, value, size, bold=bold)
    doc.y = top + n * rh
    doc.unmark()
    doc.gap(size)


def id_header_row(doc, I, rng):
    """A row of labels over a row of values, every cell ruled; the first given name apart."""
    size = I.size
    head = max(6.0, size - rng.choice([1.5, 2, 2.5]))
    I.first_names(rng, "all")  # recorded: every first name is printed, the first one apart
    names = list(I.firsts)
    cols = [(rng.choice(["Nom naiss.", "NOM DE NAISSANCE", "Nom de naissance"]), I.birth)]
    if I.used:
        cols.append((rng.choice(["Nom utilisé", "Nom d'usage"]), I.used))
    if len(names) > 1:
        cols.append((rng.choice(["Prénom 1", "1er prénom"]), names[0]))
        cols.append((rng.choice(["Autres prénoms", "Prénoms suivants"]),
                     rng.choice([" ", ", "]).join(names[1:])))
    else:
        cols.append(("Prénom", names[0]))
    cols.append((rng.choice(["Sexe", "Genre"]), _sex(I, rng, ["letter", "hf", "word"])))
    cols.append((rng.choice(["Né(e) le", "D.N.", "Date de naissance"]),
                 _date(I, rng, ["iso", "dash", "dot", "slash"])))
    if I.place:
        cols.append((rng.choice(["Lieu naiss.", "Commune naiss. (INSEE)", "Lieu de naissance"]),
                     _place(I, rng, ["name-paren", "code-NAME", "name-bracket", "code"])))
    second = []
    if I.ins:
        second.append((rng.choice(["Matricule INS", "INS (NIR)", "N° de sécurité sociale (INS)"]),
                       _ins(I, rng, ["grouped", "plain", "key-sep", "grouped-key", "grouped-cle"])))
        if I.oid:
            second.append(("OID", M.TEST_OID))
    if I.ipp and rng.random() < 0.6:
        second.append(("IPP", I.ipp))
        I.uses.add("ipp")
    if rng.random() < 0.5:
        cols += second
        second = []
    upper = rng.random() < 0.4
    if upper:
        cols = [(lb.upper(), v) for lb, v in cols]
        second = [(lb.upper(), v) for lb, v in second]
    width = doc.right - doc.left
    bold = rng.random() < 0.6
    size = _fit(doc, [v for _, v in cols + second], width - 14, size, bold=bold)

    def tables_of(items):
        out, cur = [], []
        for lb, v in items:
            w = max(doc.sw(lb, head), doc.sw(v, size, bold=bold)) + 14
            if cur and sum(c[2] for c in cur) + w > width:
                out.append(cur)
                cur = []
            cur.append((lb, v, w))
        if cur:
            out.append(cur)
        return out

    tables = tables_of(cols) + (tables_of(second) if second else [])
    hh = head + 6
    vh = doc.lead(size) + 5
    doc.need(len(tables) * (hh + vh + 6) + 8)
    doc.mark("identity")
    shade = rng.random() < 0.5
    spread = rng.random() < 0.5
    for t in tables:
        extra = (width - sum(c[2] for c in t)) / len(t) if spread else 0
        top = doc.y
        x = doc.left
        for lb, v, w in t:
            w += extra
            doc.rect(x, top, w, hh, lw=0.5, fill=0.88 if shade else None)
            doc.rect(x, top + hh, w, vh, lw=0.5)
            doc.text(x + w / 2, top + hh - 3.5, lb, head, gray=0.2, align="centre")
            doc.text(x + w / 2, top + hh + vh - 5, v, size, bold=bold, align="centre")
            x += w
        doc.y = top + hh + vh + 6
    doc.unmark()
    doc.gap(size * 0.6)


def id_colon_column(doc, I, rng):
    """A heading, then labels right-aligned on a colon column, values after it, a phone below."""
    size = I.size
    heading = rng.choice(["Identification du patient", "PATIENT", "Identité", "Renseignements administratifs"])
    rows = [(rng.choice(["Nom naiss.", "NOM", "Nom de naissance"]), I.birth)]
    if I.used:
        rows.append((rng.choice(["Nom d'usage", "Nom utilisé"]), I.used))
    rows.append((rng.choice(["Prén.", "Prénom(s)", "Prénoms"]), I.first_names(rng, rng.choice(["all", "all-comma",
                                                                                             "first"]))))
    rows.append((rng.choice(["D.N.", "Né(e) le", "Date de naiss."]), _date(I, rng, ["dot", "dash", "words", "iso"])))
    rows.append((rng.choice(["Sexe", "Genre"]), _sex(I, rng, ["hf", "letter", "word", "person"])))
    if I.place:
        label = rng.choice(["Lieu naiss.", "Commune naiss. (INSEE)", "Lieu de naissance"])
        rows.append((label, _place(I, rng, ["name-deptname-code", "name-dept-insee", "name-paren", "code-NAME"])))
    if I.ins:
        rows.append((rng.choice(["N° de sécurité sociale (INS)", "NIR", "Matricule INS", "INS"]),
                     _ins(I, rng, ["grouped", "plain", "dots", "key-sep", "cle", "dots-key"])))
        if I.oid:
            rows.append((rng.choice(["OID", "OID INS"]), M.TEST_OID))
    if rng.random() < 0.7:
        rows.append((rng.choice(["Tél.", "Téléphone", "Tél. portable"]), _nb(_mobile(rng))))
    bold_label = rng.random() < 0.6
    x0 = doc.left + rng.choice([0, 20, 40])
    lab_w = max(doc.sw(lb + " :", size, bold=bold_label) for lb, _ in rows)
    col = x0 + lab_w
    size = _fit(doc, [v for _, v in rows], doc.right - col - 8, size)
    lead = doc.lead(size) * rng.choice([1.0, 1.1])
    doc.need(lead * (len(rows) + 2) + 6)
    doc.mark("identity")
    doc.y += lead * 0.8
    w = doc.text(x0, doc.y, heading, size + 0.5, bold=True)
    doc.hline(x0, x0 + w, doc.y + 2, 0.5)
    doc.y += lead * 0.5
    for lb, v in rows:
        doc.y += lead * 0.8
        doc.text(col, doc.y, lb + " :", size, bold=bold_label, align="right")
        doc.text(col + 6, doc.y, v, size)
        doc.y += lead * 0.2
    doc.unmark()
    doc.gap(size)


def id_two_boxes(doc, I, rng):
    """Two framed boxes side by side: the names and birth on the left, the INS on the right."""
    size = I.size
    width = doc.right - doc.left
    gap = 8
    lw = width * rng.choice([0.55, 0.58, 0.6])
    rw = width - lw - gap
    left = [(rng.choice(["Nom de naissance", "Nom naiss.", "NOM"]), I.birth)]
    if I.used:
        left.append((rng.choice(["Nom d'usage", "Nom utilisé"]), I.used))
    left.append((rng.choice(["Prénoms", "Prénom(s)"]), I.first_names(rng, rng.choice(["all", "all-comma"]))))
    left.append((rng.choice(["Né(e) le", "Date de naissance"]),
                 _date(I, rng, ["slash", "dot", "words", "dash"])))
    left.append((rng.choice(["Sexe", "Genre"]), _sex(I, rng, ["letter", "word", "hf"])))
    if I.place:
        left.append((rng.choice(["Lieu de naissance", "Commune naiss."]),
                     _place(I, rng, ["name-dept-insee", "name-deptname-code", "name-paren"])))
    right = []
    if I.ins:
        right.append((rng.choice(["Matricule", "Matricule INS", "N° INS"]),
                      _ins(I, rng, ["grouped", "plain", "key-sep", "grouped-key"])))
        if I.oid:
            right.append(("OID", M.TEST_OID))
        right.append(("Statut", rng.choice(["Identité qualifiée", "qualifiée", "INS qualifiée"])))
    else:
        right.append(("Statut", rng.choice(["Identité provisoire", "non qualifiée"])))
    if I.ipp:
        right.append(("IPP", I.ipp))
        I.uses.add("ipp")
    if I.nda and rng.random() < 0.6:
        right.append(("N° séjour", I.nda))
        I.uses.add("nda")
    if rng.random() < 0.4:
        right.append(("FINESS", doc.letter.hospital["finess"]))
    titles = (rng.choice(["Patient", "PATIENT", "Identité du patient"]),
              rng.choice(["INS", "Identité nationale de santé", "Identifiant national de santé"]))
    sep = rng.choice([" : ", " : ", "  "])
    lead = doc.lead(size)

    def lines_of(rows, w, sz):
        out = []
        for lb, v in rows:
            parts = doc.wrap(lb + sep + v, w - 12, sz)
            out += [(p, i == 0 and len(lb) + len(sep) <= len(p), lb + sep) for i, p in enumerate(parts)]
        return out

    rsize = _fit(doc, [lb + sep + v for lb, v in right], rw - 12, size)
    lp, rp = lines_of(left, lw, size), lines_of(right, rw, rsize)
    tb = lead * 1.25
    h = tb + lead * max(len(lp), len(rp)) + 8
    doc.need(h + 8)
    doc.mark("identity")
    top = doc.y
    for x, w, title, lines, sz in ((doc.left, lw, titles[0], lp, size), (doc.left + lw + gap, rw, titles[1], rp,
                                                                          rsize)):
        doc.rect(x, top, w, h, lw=0.7)
        doc.hline(x, x + w, top + tb, 0.4)
        doc.text(x + 6, top + tb - 4, title, max(6.5, size - 1), bold=True)
        y = top + tb + 2
        for text, has_label, label in lines:
            y += doc.lead(sz) * 0.8
            if has_label:
                wl = doc.text(x + 6, y, label, sz, gray=0.3)
                doc.text(x + 6 + wl, y, text[len(label):], sz, bold=True)
            else:
                doc.text(x + 6, y, text, sz, bold=True)
            y += doc.lead(sz) * 0.2
    doc.y = top + h
    doc.unmark()
    doc.gap(size)


def id_je_vois(doc, I, rng, reason):
    """The patient in the opening sentence of a consultation letter."""
    size = doc.size
    f = I.sex == "F"
    e = "e" if f else ""
    given = I.first_names(rng, rng.choice(["first", "all", "all"]))
    if I.child:
        who = rng.choice(["l'enfant", "la petite" if f else "le petit", "la jeune" if f else "le jeune"])
        start = rng.choice(["Je vois ce jour en consultation", "Je reçois ce jour en consultation"]) + " " + who
    else:
        who = I.civ(rng, rng.choice(["long", "long", "short"]))
        start = rng.choice(["Je vois ce jour en consultation", "Je vois ce jour, à votre demande,",
                            "Je reçois ce jour en consultation", "J'ai vu ce jour en consultation"]) + " " + who
    date = I.date(rng, rng.choice(["words", "words", "dot", "slash"]))
    if I.used and rng.random() < 0.5:
        name = "%s %s" % (given, I.used)
        born = "%s %s le %s" % (I.born(), I.birth, date)
    elif I.used:
        name = rng.choice(["%s %s, %s %s" % (given, I.birth, "épouse" if f else "nom d'usage", I.used),
                           "%s %s (nom d'usage : %s)" % (given, I.birth, I.used)])
        born = "%s le %s" % (I.born(), date)
    else:
        name = rng.choice(["%s %s" % (given, I.birth), "%s %s" % (I.birth, given)])
        born = "%s le %s" % (I.born(), date)
    if I.place:
        born += _place_phrase(I, rng)
    sex = rng.choice([", de sexe %s" % I.sex_text(rng, "lower"), " (sexe : %s)" % _sex(I, rng, ["letter", "word"])])
    s = "%s %s, %s%s, %s, %s." % (start, name, born, sex, "âgé%s de %s" % (e, _age(I)), reason)
    parts = [s]
    if I.ins:
        oid = " (OID %s)" % M.TEST_OID if I.oid else ""
        parts.append(rng.choice([
            "Son matricule INS est le %s%s." % (I.ins_text(rng), oid),
            "Son numéro de sécurité sociale (INS) est le %s%s." % (I.ins_text(rng), oid),
            "%s est identifié%s par l'INS %s%s." % ("Elle" if f else "Il", e, I.ins_text(rng), oid)]))
    doc.mark("identity")
    if rng.random() < 0.5:
        doc.para(" ".join(parts), size, keep=True)
    else:
        for p in parts:
            doc.para(p, size, keep=True)
    doc.unmark()


def id_objet(doc, I, rng):
    """'Objet : hospitalisation de Mme …, née le … à …', then a line of the other traits."""
    size = I.size
    f = I.sex == "F"
    civ = I.civ(rng, rng.choice(["short", "short", "long"]))
    given = I.first_names(rng, rng.choice(["all", "first", "all-comma"]))
    what = rng.choice(["hospitalisation de", "séjour de", "consultation de", "compte rendu concernant",
                       "votre patiente" if f else "votre patient"])
    date = I.date(rng, rng.choice(["dot", "dot", "slash", "dash", "words"]))
    if I.used:
        fam = rng.choice(["%s %s, %s %s le %s" % (I.used, given, I.born(), I.birth, date),
                          "%s %s (nom d'usage : %s), %s le %s" % (I.birth, given, I.used, I.born(), date),
                          "%s %s %s %s, %s le %s" % (I.birth, "épouse" if f else "(nom d'usage :", I.used +
                                                     ("" if f else ")"), given, I.born(), date)])
    else:
        fam = "%s %s, %s le %s" % (I.birth, given, I.born(), date)
    if doc.letter.title_place == "objet":  # the title is the letter's object already
        label = rng.choice(["Concerne :", "Réf. patient :", "Pour :"])
    else:
        label = rng.choice(["Objet :", "OBJET :", "Objet :"])
    first = "%s %s %s %s" % (label, what, civ, fam)
    if I.place:
        first += rng.choice([_place_phrase(I, rng),
                             ", lieu de naissance : %s" % _place(I, rng, ["code", "code-name", "name-paren"])])
    if what.startswith(("hospitalisation", "séjour")):
        first += ", du %s au %s" % (_nb(M.fr_date("2026-11-%02d" % rng.randint(2, 9), "slash")),
                                    _nb(M.fr_date("2026-11-%02d" % rng.randint(10, 20), "slash")))
    parts = ["Sexe : " + _sex(I, rng, ["letter", "word", "hf"])]
    if I.ins:
        parts.append(rng.choice(["INS : ", "N° INS : ", "Matricule INS : ", "NIR (INS) : "]) +
                     _ins(I, rng, ["grouped", "plain", "dots", "key-sep"]))
        if I.oid:
            parts.append("OID : " + M.TEST_OID)
    if I.ipp and rng.random() < 0.6:
        parts.append("IPP : " + I.ipp)
        I.uses.add("ipp")
    if rng.random() < 0.3:
        a = doc.letter.author
        parts.append("Médecin responsable : %s %s %s (RPPS %s)" % ("Pr" if a.title == "PR" else "Dr", a.given,
                                                                   a.family, a.rpps))
    sep = rng.choice([" – ", " - ", "    "])
    bold = rng.random() < 0.5
    doc.need(doc.lead(size) * 5)
    doc.mark("identity")
    doc.para(first + ".", size, bold=bold, after=0)
    doc.para(sep.join(parts), size, x=doc.left + rng.choice([0, 0, 38]), after=0)
    doc.unmark()
    doc.gap(size)


def id_cartouche_repeat(doc, I, rng):
    """A three-line cartouche between double rules; later pages repeat the patient in their header."""
    size = I.size
    given = I.first_names(rng, rng.choice(["all", "all-comma"]))
    line1 = [("NOM", I.birth)]
    if I.used:
        line1.append((rng.choice(["Nom d'usage", "Nom utilisé"]), I.used))
    line1.append((rng.choice(["Prénom(s)", "Prénoms"]), given))
    line2 = [(rng.choice(["Né(e) le", "D.N."]), _date(I, rng, ["dash", "dot", "slash", "iso"])),
             ("Sexe", _sex(I, rng, ["hf", "letter", "word"]))]
    if I.place:
        line2.append((rng.choice(["Lieu", "Lieu naiss.", "Commune naiss."]),
                      _place(I, rng, ["name-dept-insee", "name-paren", "code-name"])))
    line3 = []
    if I.ins:
        line3.append((rng.choice(["INS", "Matricule INS", "NIR"]), _ins(I, rng, ["grouped", "plain", "key-sep"])))
        if I.oid:
            line3.append(("OID", M.TEST_OID))
    if I.ipp:
        line3.append(("IPP", I.ipp))
        I.uses.add("ipp")
    width = doc.right - doc.left
    gapw = rng.choice([14, 20, 26])
    bold_value = rng.random() < 0.6

    def cells_w(cells, sz):
        return sum(doc.sw(lb + " : ", sz) + doc.sw(v, sz, bold=bold_value) for lb, v in cells) + gapw * (
            len(cells) - 1)

    lines = []
    for cells in (line1, line2, line3):
        if not cells:
            continue
        if cells_w(cells, size) <= width:
            lines.append(cells)
        else:
            for c in cells:  # too long: one cell a line
                lines.append([c])
    size = _fit(doc, [lb + " : " + v for cells in lines for lb, v in cells], width, size)
    lead = doc.lead(size)
    doc.need(lead * (len(lines) + 1) + 12)
    doc.mark("identity")
    top = doc.y
    doc.hline(doc.left, doc.right, top, 0.4)
    doc.hline(doc.left, doc.right, top + 2, 0.4)
    doc.y = top + 3
    for cells in lines:
        doc.y += lead * 0.85
        x = doc.left + 2
        for lb, v in cells:
            w = doc.text(x, doc.y, lb + " : ", size)
            w += doc.text(x + w, doc.y, v, size, bold=bold_value)
            x += w + gapw
        doc.y += lead * 0.15
    doc.y += 3
    doc.hline(doc.left, doc.right, doc.y, 0.4)
    doc.hline(doc.left, doc.right, doc.y + 2, 0.4)
    doc.unmark()
    doc.gap(size + 2)

    # The header of pages 2 and later: under the running header, above the text.
    hsize = 7.5
    if I.used:
        name = "%s %s (nom d'usage %s)" % (I.birth, given, I.used)
    else:
        name = "%s %s" % (I.birth, given)
    parts = [rng.choice(["Patient(e) : ", "Suite du courrier concernant ", "Patient : "]) + name,
             "%s %s" % (rng.choice(["né(e) le", "DN"]), I.date(rng, "slash")), "sexe " + _sex(I, rng, ["letter"])]
    if I.ins:
        parts.append("INS " + I.ins_text(rng, rng.choice(["grouped", "plain"])))
    head = " – ".join(parts)
    first_header = doc.st.top_later
    doc.st.top_later = max(doc.st.top_later, 112)

    def later(d):
        x = d.left if d.left < 100 else 45
        lines_ = d.wrap(head, M.W - 45 - x, hsize)[:2]
        y = first_header - 8
        for ln in lines_:
            d.text(x, y, ln, hsize, bold=True)
            y += hsize * 1.3
        d.hline(x, M.W - 45, y - hsize * 0.6, 0.3)

    doc.page_start.append(later)


def id_etiquette(doc, I, rng):
    """An admission label opposite the letterhead: a monospace print in capitals, a bar code."""
    W = M.W
    size = rng.choice([7.5, 8, 8.5])
    rows = [("NOM NAISS", M.insi(I.birth))]
    if I.used:
        rows.append(("NOM USAGE", M.insi(I.used)))
    rows.append(("PRENOMS", M.insi(I.first_names(rng, rng.choice(["all", "all-comma"])))))
    date = ("NE(E) LE", _date(I, rng, ["slash", "dot", "iso"]))
    sex = ("SEXE", _sex(I, rng, ["letter", "hf"]))
    rows += [date, sex]
    if I.place:
        rows.append(("LIEU NAIS", M.insi(_place(I, rng, ["code-NAME", "code", "NAME-dept-code"]))))
    if I.ins:
        rows.append((rng.choice(["INS", "MATR INS", "NIR"]), _ins(I, rng, ["plain", "key-sep", "grouped"])))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    ids = []
    if I.ipp:
        ids.append("IPP %s" % I.ipp)
        I.uses.add("ipp")
    if I.nda:
        ids.append("NDA %s" % I.nda)
        I.uses.add("nda")
    colw = max(len(lb) for lb, _ in rows)
    texts = ["%s: %s" % (lb.ljust(colw), v) for lb, v in rows]
    # Date and sex share a line when it fits.
    i = [lb for lb, _ in rows].index("NE(E) LE")
    both = "%s: %s  %s: %s" % ("NE(E) LE".ljust(colw), rows[i][1], "SEXE", rows[i + 1][1])
    if len(both) <= 44:
        texts[i:i + 2] = [both]
    if ids:
        texts.append("  ".join(ids))
    room = W - 30 - (W / 2 + 8) - 12
    with _Font(doc, "Courier"):
        while size > 6.5 and max(doc.sw(t, size) for t in texts) > room:
            size -= 0.5
        wrapped = []
        for t in texts:
            if doc.sw(t, size) <= room:
                wrapped.append(t)
            else:
                wrapped += doc.wrap(t, room, size)
        lead = size * 1.22
        widest = max(doc.sw(t, size) for t in wrapped)
        x = max(W / 2 + 8, W - 30 - widest - 14)
        top = rng.choice([30, 38, 46])
        bars = rng.random() < 0.6
        h = lead * len(wrapped) + 8 + (18 if bars else 0)
        doc.mark("identity")
        doc.rect(x, top, W - 30 - x, h, lw=0.4)
        y = top + 3
        for t in wrapped:
            y += lead * 0.85
            doc.text(x + 7, y, t, size, bold=t.startswith("NOM"))
            y += lead * 0.15
        if bars:
            _bars(doc, x + 7, y + 4, min(130, W - 30 - x - 14), 12, rng)
        doc.unmark()
    return top + h + 4


def _bars(doc, x, top, w, h, rng):
    """A decorative linear bar code (it encodes nothing)."""
    xx = x
    doc.c.setFillGray(0)
    while xx < x + w - 2:
        bw = rng.choice([0.5, 0.5, 1.0, 1.5])
        if rng.random() < 0.5:
            doc.c.rect(xx, M.H - top - h, bw, h, stroke=0, fill=1)
        xx += bw + rng.choice([0.5, 1.0])
    doc.add_box((x, top, x + w, top + h))


def id_band_captions(doc, I, rng):
    """A band across the top of every page: cells with a tiny caption over each value."""
    W = M.W
    given = I.first_names(rng, rng.choice(["all", "all", "first"]))
    cells = [(rng.choice(["Nom de naissance", "NOM NAISS.", "Patient"]), I.birth, True)]
    if I.used:
        cells.append((rng.choice(["Nom d'usage", "Nom utilisé"]), I.used, True))
    cells.append((rng.choice(["Prénom(s)", "Prénoms"]), given, True))
    cells.append((rng.choice(["Né(e) le", "D.N."]), _date(I, rng, ["slash", "dot", "dash"]), False))
    cells.append(("Sexe", _sex(I, rng, ["letter", "hf"]), False))
    place_styles = ["name-paren", "code-name", "name-bracket"]
    if I.place:
        cells.append((rng.choice(["Lieu naiss.", "Commune naiss. (INSEE)"]), None, False))
    if I.ins:
        cells.append((rng.choice(["Matricule INS", "INS", "N° INS (NIR)"]),
                      _ins(I, rng, ["grouped", "plain", "key-sep"]), False))
        if I.oid:
            cells.append(("OID", M.TEST_OID, False))
    if I.ipp and rng.random() < 0.6:
        cells.append(("IPP", I.ipp, False))
        I.uses.add("ipp")
    x0, x1 = 30, W - 30
    pad = 10
    fill = rng.choice([None, 0.93, 0.9])
    place_texts = [_place(I, rng, [s]) for s in place_styles] + [I.place] if I.place else []

    def pack(vs, place_text):
        cs = [(c, v if v is not None else place_text, b) for c, v, b in cells]
        rows, cur, used = [], [], 0
        for c, v, b in cs:
            w = max(doc.sw(c, vs - 2), doc.sw(v, vs, bold=b)) + pad
            if cur and used + w > x1 - x0:
                rows.append(cur)
                cur, used = [], 0
            cur.append((c, v, b, w))
            used += w
        rows.append(cur)
        return rows

    chosen = None
    for vs in (8.5, 8, 7.5, 7, 6.5):
        for pt in (place_texts or [None]):
            rows = pack(vs, pt)
            if len(rows) <= 2:
                chosen = (vs, rows)
                break
        if chosen:
            break
    if chosen is None:
        vs = 6.5
        rows = pack(vs, place_texts[-1] if place_texts else None)
    else:
        vs, rows = chosen
    cs = max(5.5, vs - 2)
    rh = cs + vs + 5
    top = 10
    spread = rng.random() < 0.6

    def band(d):
        if d.page == 1:
            d.mark("identity")
        h = rh * len(rows) + 3
        if fill is not None:
            d.rect(28, top, W - 56, h, lw=0.3, fill=fill, stroke=False)
        d.hline(28, W - 28, top, 0.8)
        d.hline(28, W - 28, top + h, 0.8)
        y = top + 1
        for row in rows:
            extra = ((x1 - x0) - sum(c[3] for c in row)) / len(row) if spread else 0
            x = x0
            for c, v, b, w in row:
                d.text(x, y + cs, c, cs, gray=0.35)
                d.text(x, y + cs + vs + 1.5, v, vs, bold=b)
                x += w + extra
            y += rh
        d.unmark()

    band(doc)
    doc.page_start.append(band)


def id_mainframe(doc, I, rng):
    """A terminal-style printout: monospace capitals, labels padded with dots, two fields a line."""
    rows = [("NOM NAISSANCE", M.insi(I.birth))]
    if I.used:
        rows.append(("NOM USAGE", M.insi(I.used)))
    rows.append(("PRENOMS", M.insi(I.first_names(rng, rng.choice(["all", "all-comma"])))))
    rows.append(("SEXE", _sex(I, rng, ["letter", "upper"])))
    rows.append(("DATE NAISSANCE", _date(I, rng, ["dot", "slash", "iso"])))
    if I.place:
        rows.append(("LIEU NAISSANCE", M.insi(_place(I, rng, ["code-NAME", "code", "NAME-dept-code"]))))
    if I.ins:
        rows.append((rng.choice(["MATRICULE INS", "INS/NIR"]), _ins(I, rng, ["plain", "key-sep", "slash-key"])))
        if I.oid:
            rows.append(("OID INS", M.TEST_OID))
    if I.ipp:
        rows.append(("NUM. IPP", I.ipp))
        I.uses.add("ipp")
    if I.nda and rng.random() < 0.6:
        rows.append(("NUM. SEJOUR", I.nda))
        I.uses.add("nda")
    pad = max(len(lb) for lb, _ in rows) + 2
    fields = ["%s: %s" % (lb.ljust(pad, "."), v.replace(M.NBSP, " ")) for lb, v in rows]
    with _Font(doc, "Courier"):
        size = max(7.5, min(I.size, 9.5))
        width = doc.right - doc.left
        cw = doc.sw("M", size)
        colw = max(len(fl) for fl in fields) + 3
        two = 2 * colw * cw <= width and rng.random() < 0.8
        while not two and size > 7 and max(len(fl) for fl in fields) * cw > width:
            size -= 0.5
            cw = doc.sw("M", size)
        lines = []
        if two:
            for i in range(0, len(fields), 2):
                lines.append(fields[i].ljust(colw) + (fields[i + 1] if i + 1 < len(fields) else ""))
        else:
            lines = fields
        lead = size * 1.25
        frame = rng.random() < 0.5
        doc.need(lead * (len(lines) + 2) + 10)
        doc.mark("identity")
        top = doc.y
        if frame:
            doc.text(doc.left, top + lead * 0.8, "=" * int(min(width / cw, colw * (2 if two else 1))), size)
            doc.y = top + lead
        for ln in lines:
            doc.y += lead * 0.8
            doc.text(doc.left, doc.y, ln.rstrip(), size)
            doc.y += lead * 0.2
        if frame:
            doc.y += lead * 0.8
            doc.text(doc.left, doc.y, "=" * int(min(width / cw, colw * (2 if two else 1))), size)
            doc.y += lead * 0.2
        doc.unmark()
    doc.gap(I.size)


def id_gp_header(doc, I, rng):
    """A general practice record header: the name line, birth with age, social security number, contact."""
    size = I.size
    f = I.sex == "F"
    civ = I.civ(rng, rng.choice(["short", "short", "upper"]))
    given = I.first_names(rng, rng.choice(["all", "first", "all"]))
    if I.used:
        name = rng.choice(["%s %s %s %s %s" % (civ, I.used, given, I.born(), I.birth),
                           "%s %s %s, %s %s" % (civ, I.birth, given, "épouse" if f else "nom d'usage", I.used),
                           "%s %s %s (nom d'usage : %s)" % (civ, I.birth, given, I.used)])
    else:
        name = "%s %s %s" % (civ, I.birth, given)
    born = "%s le %s (%s)" % (I.born().capitalize(), I.date(rng, rng.choice(["words", "slash", "words-zero"])),
                              _age(I))
    if I.place:
        born += _place_phrase(I, rng)
    lines = [(name, True), (born, False)]
    third = ["Sexe : " + _sex(I, rng, ["word", "person", "letter"])]
    if I.ins:
        third.append(rng.choice(["N° de sécurité sociale (INS) : ", "NIR : ", "Matricule INS (NIR) : ",
                                 "N° SS / INS : "]) + _ins(I, rng, ["grouped", "grouped", "plain", "key-sep",
                                                                      "grouped-cle"]))
    lines.append(("    ".join(third), False))
    if I.ins and I.oid:
        lines.append(("OID de l'INS : " + M.TEST_OID, False))
    street, pc, city = doc.letter.patient["home"]
    contact = "Adresse : %s, %s %s" % (street, pc, city)
    if rng.random() < 0.8:
        contact += "    Tél. : " + _nb(_mobile(rng))
    lines.append((contact, False))
    if I.ipp and rng.random() < 0.5:
        lines.append(("Dossier n° " + I.ipp, False))
        I.uses.add("ipp")
    doc.need(doc.lead(size) * (len(lines) + 3))
    doc.mark("identity")
    for t, b in lines:
        doc.para(t, size + (1 if b else 0), bold=b, after=0)
    doc.unmark()
    doc.gap(size)


def id_with_guarantor(doc, I, rng):
    """Two columns: the patient, and beside it the insured person, legal guardian or contact."""
    size = I.size
    f = I.sex == "F"
    left = [(rng.choice(["Nom de naissance", "Nom naiss."]), I.birth)]
    if I.used:
        left.append((rng.choice(["Nom d'usage", "Nom utilisé"]), I.used))
    left.append((rng.choice(["Prénoms", "Prénom(s)"]), I.first_names(rng, rng.choice(["all", "all-comma"]))))
    left.append((rng.choice(["Né(e) le", "Date de naissance"]), _date(I, rng, ["slash", "dot", "iso", "words"])))
    left.append((rng.choice(["Sexe", "Genre"]), _sex(I, rng, ["letter", "word", "hf"])))
    if I.place:
        left.append(("Lieu de naissance", _place(I, rng, ["name-paren", "name-deptname-code", "code-name"])))
    if I.ins:
        left.append(((("INS de l'enfant" if I.child else "INS du patient") if rng.random() < 0.5 else
                      rng.choice(["Matricule INS", "N° de sécurité sociale (INS)"])),
                     _ins(I, rng, ["grouped", "plain", "key-sep", "dots"])))
        if I.oid:
            left.append(("OID", M.TEST_OID))
    right = []
    if I.insured:
        ins = I.insured
        who = "%s %s %s" % (ins["civ"], ins["family"], ins["given"])
        right.append((rng.choice(["Assuré(e)", "Assuré ouvrant droit", "Ouvrant droit"]), who))
        if I.child:
            right.append(("Qualité", "mère" if ins["civ"] == "Mme" else "père"))
        else:
            right.append(("Qualité", "conjoint(e)"))
        right.append((rng.choice(["N° d'immatriculation de l'assuré", "NIR de l'assuré", "N° SS assuré"]),
                      M.ins_format(ins["nir"], rng.choice(["grouped", "plain", "key-sep"])).replace(" ", M.NBSP)))
        right.append(("Caisse", "CPAM " + M.title_city(doc.letter.hospital["city"][2])))
        I.insured = None  # printed here, not again under the identity
        title = rng.choice(["Assuré / représentant légal", "Assurance maladie", "Ouvrant droit"])
    else:
        g = rng.choice(["F", "M"])
        person = "%s %s %s" % ("Mme" if g == "F" else "M.", M.pick_surname(rng) if not I.child else I.birth,
                               rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M))
        if I.child:
            right.append(("Représentant légal", person))
            right.append(("Lien", "mère" if g == "F" else "père"))
        else:
            right.append(("Personne de confiance", person))
            right.append(("Lien", rng.choice(["fille" if g == "F" else "fils", "conjoint(e)", "sœur" if g == "F"
                                              else "frère"])))
        right.append(("Tél.", _nb(_mobile(rng))))
        title = "Responsable légal" if I.child else rng.choice(["Entourage", "Contact", "À prévenir"])
    if I.nda and rng.random() < 0.5:
        right.append(("N° séjour", I.nda))
        I.uses.add("nda")
    width = doc.right - doc.left
    lw = width * 0.54
    rw = width - lw
    sep = " : "
    lead = doc.lead(size)
    size2 = max(7, size - 0.5)

    def lines_of(rows, w, sz):
        out = []
        for lb, v in rows:
            out += doc.wrap(lb + sep + v, w - 10, sz)
        return out

    lp = lines_of(left, lw, size)
    rp = lines_of(right, rw, size2)
    hh = lead * 1.3
    doc.need(hh + lead * max(len(lp), len(rp)) + 12)
    doc.mark("identity")
    top = doc.y
    ptitle = rng.choice(["Enfant" if I.child else ("Patiente" if f else "Patient"), "Patient(e)", "PATIENT"])
    doc.rect(doc.left, top, width, hh, lw=0.3, fill=0.9, stroke=False)
    doc.text(doc.left + 4, top + hh - 4, ptitle, size, bold=True)
    doc.text(doc.left + lw + 4, top + hh - 4, title, size, bold=True)
    y = top + hh + 1
    for t in lp:
        y += lead * 0.8
        doc.text(doc.left + 4, y, t, size)
        y += lead * 0.2
    yl = y
    y = top + hh + 1
    for t in rp:
        y += doc.lead(size2) * 0.8
        doc.text(doc.left + lw + 4, y, t, size2, gray=0.15)
        y += doc.lead(size2) * 0.2
    doc.vline(doc.left + lw - 2, top, max(y, yl) + 3, 0.4)
    doc.y = max(y, yl) + 4
    doc.hline(doc.left, doc.right, doc.y, 0.4)
    doc.unmark()
    doc.gap(size)


IDENTITY_FAMILIES = {
    "d-id-a": (id_cells_grid, "flow"),
    "d-id-b": (id_header_row, "flow"),
    "d-id-c": (id_colon_column, "flow"),
    "d-id-d": (id_two_boxes, "flow"),
    "d-id-e": (id_je_vois, "body"),
    "d-id-f": (id_objet, "flow"),
    "d-id-g": (id_cartouche_repeat, "flow"),
    "d-id-h": (id_etiquette, "top-right"),
    "d-id-i": (id_band_captions, "band"),
    "d-id-j": (id_mainframe, "flow"),
    "d-id-k": (id_gp_header, "flow"),
    "d-id-l": (id_with_guarantor, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Addressee


def _name(p, rng, form):
    """(text, given form) of a professional's name in the spellings of these families."""
    f = p.sex == "F"
    pr = p.title == "PR"
    word = "Professeur" if pr else "Docteur"
    short = "Pr" if pr else "Dr"
    civ = "Madame" if f else "Monsieur"
    if form == "mle":
        return "%s le %s %s %s" % (civ, word, p.given, p.family), "full"
    if form == "mle-family":
        return "%s le %s %s %s" % (civ, word, p.family, p.given), "full"
    if form == "la-docteure" and f and not pr:
        return "Madame la Docteure %s %s" % (p.given, p.family), "full"
    if form == "dr-dot-initials":
        return "%s. %s %s" % (short, M.initials(p.given), p.family), "initial"
    if form == "dr-dot-family-initials":
        return "%s. %s %s" % (short, p.family, M.initials(p.given)), "initial"
    if form == "word-family-given":
        return "%s %s %s" % (word, p.family, p.given), "full"
    if form == "short-family-given":
        return "%s %s %s" % (short, p.family, p.given), "full"
    return "%s %s %s" % (short, p.given, p.family), "full"  # short-given-family


def _specialty(p, rng):
    if p.spec is None:
        return p.profession[1]
    if p.spec[0] == M.GP:
        return rng.choice(["Médecine générale", "Médecin généraliste", "Médecin traitant"])
    return rng.choice(p.spec[2])


def _site(p, rng):
    return p.site.title().replace("De ", "de ").replace("D'", "d'").replace("Du ", "du ").replace("Des ", "des ") \
        if rng.random() < 0.5 else p.site


def _lines(doc, x, top, items, right_limit=None, min_x=None):
    """Draws (text, size, bold, italic) lines from `top`, moving left (not past min_x) and then
    shrinking and wrapping to stay left of right_limit. Returns the bottom."""
    right_limit = right_limit or M.W - 30

    def widest(sc):
        return max(doc.sw(t, sz - sc, bold=b, italic=i) for t, sz, b, i in items)

    if min_x is not None and x + widest(0) > right_limit:
        x = max(min_x, right_limit - widest(0))
    scale = 0
    smallest = min(it[1] for it in items)
    while x + widest(scale) > right_limit and scale < 2 and smallest - scale > 7:
        scale += 0.5
    y = top
    for t, sz, b, i in items:
        if not t:
            y += doc.lead(sz - scale) * 0.6
            continue
        sz -= scale
        for part in doc.wrap(t, right_limit - x, sz, b, i):
            y += doc.lead(sz) * 0.8
            doc.text(x, y, part, sz, bold=b, italic=i)
            y += doc.lead(sz) * 0.2
    return y + 4


def _top(doc, rng):
    return max(rng.choice([136, 144, 152, 160]), getattr(doc, "header_bottom", 0) + 8)


def _postal_items(p, rng, size, cedex=True):
    """Street (with a BP, a CS or a lieu-dit sometimes), then the postcode and city line."""
    items = []
    if p.salaried and cedex and rng.random() < 0.4:
        items.append((rng.choice(["BP %d" % rng.randint(10, 999), "CS %d" % rng.randint(20000, 99999)]), size,
                      False, False))
    if not p.salaried and rng.random() < 0.3:
        place = rng.choice(["Kerampuil", "Le Bourg", "La Croix Blanche", "Les Quatre Chemins", "Kervéguen",
                            "Le Moulin Neuf"])
        items.append((rng.choice(["Lieu-dit ", "Lieu-dit ", ""]) + place, size, False, False))
    items.append((p.street_line(), size, False, False))
    upper = rng.random() < 0.75
    city = M.city_text(p, rng, upper=upper)
    suffix = ""
    if p.salaried and cedex and rng.random() < 0.4:
        suffix = rng.choice([" CEDEX", " Cedex", " CEDEX %d" % rng.randint(1, 9)])
        if not upper:
            suffix = " Cedex"
    items.append(("%s %s%s" % (p.postcode, city, suffix), size, False, False))
    return items, city


def ad_formal_window(doc, L, rng):
    """Right window: the title spelt out or dotted initials, then specialty, service, hospital,
    street and the postcode with the city in capitals (CEDEX, BP)."""
    p = L.to
    forms = ["mle", "mle", "dr-dot-initials", "word-family-given", "mle-family"]
    if p.sex == "F":
        forms.append("la-docteure")
    name, gf = _name(p, rng, rng.choice(forms))
    size = min(doc.size + rng.choice([0, 0.5, 1]), 11.5)
    items = [(name, size, rng.random() < 0.5, False)]
    if not p.salaried or rng.random() < 0.5:
        items.append((_specialty(p, rng), size, False, rng.random() < 0.3))
    if p.salaried:
        items.append((rng.choice([M.service_of(p.service), "Service " + p.service, "Pôle " + M.lower_service(
            p.service)]), size, False, False))
        items.append((_site(p, rng), size, False, False))
    postal, city = _postal_items(p, rng, size)
    items += postal
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _lines(doc, rng.choice([300, 315, 330]), _top(doc, rng), items, min_x=M.W / 2 - 30)


def ad_attention_first(doc, L, rng):
    """Right window opening on 'À l'attention du Docteur …' in small italics, then the place."""
    p = L.to
    form = rng.choice(["mle", "short-given-family", "dr-dot-initials", "word-family-given"])
    name, gf = _name(p, rng, form)
    if form == "mle":
        lead_in = rng.choice(["À l'attention de ", "A l'attention de ", "Aux bons soins de "])
    else:
        lead_in = rng.choice(["À l'attention du ", "A l'attention du ", "Aux bons soins du ", "À l'att. du "])
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    items = [(lead_in + name, size - 0.5, False, True)]
    if p.salaried:
        items.append((p.site, size, True, False))
        items.append((M.service_of(p.service), size, False, False))
    else:
        items.append((rng.choice(["Cabinet médical", "Cabinet de " + (M.lower_service(p.spec[3]) if p.spec else
                                                                     "groupe"),
                                  "Maison médicale", "Pôle de santé " + M.title_city(p.city)]), size, True, False))
    postal, city = _postal_items(p, rng, size)
    items += postal
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _lines(doc, rng.choice([305, 318]), _top(doc, rng), items, min_x=M.W / 2 - 30)


def ad_destinataire_label(doc, L, rng):
    """'Destinataire : Dr. DUPONT J. – pneumologue – 29200 BREST' in the flow, before the title."""
    p = L.to
    name, gf = _name(p, rng, rng.choice(["dr-dot-family-initials", "short-family-given", "word-family-given",
                                         "dr-dot-initials"]))
    city = M.city_text(p, rng)
    sep = rng.choice([" – ", " / ", " - "])
    parts = [name, _specialty(p, rng).lower().replace("orl", "ORL")]
    if p.salaried:
        parts.append(p.site if rng.random() < 0.5 else M.service_of(p.service))
    postcode = None
    if rng.random() < 0.6:
        parts.append(_nb("%s %s" % (p.postcode, city)))
        postcode = p.postcode
    else:
        parts.append(_nb(city))
    label = rng.choice(["Destinataire :", "Destinataire :", "DESTINATAIRE :", "Dest. :"])
    L.mentions.add(p, "to", name, gf, city, postcode)
    L.flow_addressee = label + " " + sep.join(parts)
    return None


def ad_left_under_head(doc, L, rng):
    """The addressee on the left, right under the letterhead, in a smaller type."""
    p = L.to
    name, gf = _name(p, rng, rng.choice(["word-family-given", "short-given-family", "mle", "dr-dot-initials"]))
    size = max(8, min(doc.size - rng.choice([0, 0.5, 1]), 10.5))
    items = [(name, size, True, False)]
    if rng.random() < 0.7:
        items.append((_specialty(p, rng), size, False, True))
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False))
        items.append((_site(p, rng), size, False, False))
    postal, city = _postal_items(p, rng, size)
    items += postal
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    top = max(getattr(doc, "header_bottom", 0) + rng.choice([8, 14, 20]), 96)
    x = rng.choice([50, 58, 66])
    return _lines(doc, x, top, items, right_limit=M.W / 2 - 10)


def ad_two_addressees(doc, L, rng):
    """Two addressees stacked in the right window under 'Destinataires :'."""
    p = L.to
    others = [q for q in L.copies][:1]
    L.d_extra_to = others
    size = max(8, min(doc.size, 10.5))
    items = [("Destinataires :" if others else "Destinataire :", size - 1.5, True, False)]
    for k, q in enumerate([p] + others):
        name, gf = _name(q, rng, rng.choice(["short-given-family", "mle", "dr-dot-initials", "word-family-given"]))
        items.append((name, size, True, False))
        if q.salaried:
            items.append((_site(q, rng), size, False, False))
        elif rng.random() < 0.5:
            items.append((_specialty(q, rng), size, False, False))
        postal, city = _postal_items(q, rng, size, cedex=False)
        items += postal
        L.mentions.add(q, "to", name, gf, city, q.postcode)
        if k == 0 and others:
            items.append(("", size, False, False))
    return _lines(doc, rng.choice([305, 318]), max(_top(doc, rng) - 12, getattr(doc, "header_bottom", 0) + 8),
                  items, min_x=M.W / 2 - 30)


def ad_mssante_window(doc, L, rng):
    """Right window ending on the secure mailbox the letter was sent to (or the phone)."""
    p = L.to
    name, gf = _name(p, rng, rng.choice(["short-family-given", "short-given-family", "mle"]))
    size = min(doc.size + 0.5, 11)
    items = [(name, size, True, False)]
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False))
        items.append((_site(p, rng), size, False, False))
    else:
        items.append((_specialty(p, rng), size, False, False))
    postal, city = _postal_items(p, rng, size, cedex=False)
    items += postal
    if p.mssante:
        items.append((rng.choice(["MSSanté : ", "Messagerie sécurisée : ", "Envoi MSS : "]) + p.mssante, size - 1.5,
                      False, True))
    else:
        items.append(("Tél. " + M.phone_text(p.phone, rng), size - 1.5, False, False))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _lines(doc, rng.choice([300, 312, 325]), _top(doc, rng), items, min_x=M.W / 2 - 40)


ADDRESSEE_FAMILIES = {
    "d-ad-a": (ad_formal_window, "right", True),
    "d-ad-b": (ad_attention_first, "right", True),
    "d-ad-c": (ad_destinataire_label, "flow", True),
    "d-ad-d": (ad_left_under_head, "left", True),
    "d-ad-e": (ad_two_addressees, "right", True),
    "d-ad-f": (ad_mssante_window, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies


def _copies(L):
    """The copies still to print (a second addressee is not a copy)."""
    taken = getattr(L, "d_extra_to", [])
    return [p for p in L.copies if p not in taken]


def _patient_entry(L, rng):
    I = L.ident
    f = I.sex == "F"
    fam = I.used or I.birth
    return rng.choice(["%s %s (%s)" % ("Mme" if f else "M.", fam, "patiente" if f else "patient"),
                       "la patiente" if f else "le patient", "Patient(e)",
                       "%s %s %s, %s" % ("Mme" if f else "M.", fam, I.firsts[0], "patiente" if f else "patient")])


def _entry(p, rng, with_address):
    """(text, address line, name, given form, city, postcode) of one copy."""
    name, gf = _name(p, rng, rng.choice(["short-given-family", "short-family-given", "dr-dot-initials",
                                         "word-family-given"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.5)
    if with_address:
        return name, "%s, %s %s" % (p.street_line(), p.postcode, city), name, gf, city, p.postcode
    style = rng.choice(["paren-city", "paren-pc-city", "spec-city"])
    if style == "paren-city":
        return "%s (%s)" % (name, _nb(city)), None, name, gf, city, None
    if style == "paren-pc-city":
        return "%s (%s)" % (name, _nb("%s %s" % (p.postcode, city))), None, name, gf, city, p.postcode
    spec = _specialty(p, rng).lower().replace("orl", "ORL")
    return "%s, %s à %s" % (name, spec, _nb(city)), None, name, gf, city, None


def cp_bullets(doc, L, rng):
    """'Copie(s) :' and a bulleted list, an address under each name."""
    entries = []
    addressed = rng.random() < 0.6
    for p in _copies(L):
        text, addr, name, gf, city, pc = _entry(p, rng, addressed)
        L.mentions.add(p, "cc", name, gf, city, pc)
        entries.append((text, addr))
    if L.copy_patient:
        entries.append((_patient_entry(L, rng), None))
    if not entries:
        return
    size = max(7.5, doc.size - rng.choice([0.5, 1]))
    bullet = rng.choice(["• ", "– ", "- ", "> "])
    label = rng.choice(["Copie(s) :", "Copies :", "Copie(s) adressée(s) à :"])
    doc.need(doc.lead(size) * (2 * len(entries) + 1))
    doc.line(label, size, bold=True, italic=rng.random() < 0.3)
    x = doc.left + rng.choice([6, 12])
    for text, addr in entries:
        doc.para(bullet + text, size, x=x, after=0)
        if addr:
            doc.para(addr, size - 0.5, x=x + doc.sw(bullet, size), after=0)


def cp_cc_line(doc, L, rng):
    """'Cc :' on one line, the entries separated by commas or dashes."""
    entries = []
    for p in _copies(L):
        text, _, name, gf, city, pc = _entry(p, rng, False)
        L.mentions.add(p, "cc", name, gf, city, pc)
        entries.append(text)
    if L.copy_patient:
        entries.append(_patient_entry(L, rng))
    if not entries:
        return
    sep = rng.choice([" - ", " – ", ", ", " ; "])
    if sep == ", " and any("," in e for e in entries):
        sep = " ; "
    label = rng.choice(["Cc :", "CC :", "Cc. :", "Copie(s) :"])
    doc.para(label + " " + sep.join(entries), max(7.5, doc.size - 1), keep=True)


def cp_en_copie_top(doc, L, rng):
    """'Destinataires en copie :' under the date, before the title, on one or two lines."""
    entries = []
    for p in _copies(L):
        text, _, name, gf, city, pc = _entry(p, rng, False)
        L.mentions.add(p, "cc", name, gf, city, pc)
        entries.append(text)
    if L.copy_patient:
        entries.append(_patient_entry(L, rng))
    if not entries:
        return
    size = max(7.5, doc.size - 1.5)
    doc.para(rng.choice(["Destinataires en copie :", "En copie :", "Copie à :"]) + " " + " ; ".join(entries), size,
             italic=rng.random() < 0.5, after=3)


def cp_double(doc, L, rng):
    """'Double adressé à :' then one copy a line: name, specialty, city."""
    lines = []
    for p in _copies(L):
        name, gf = _name(p, rng, rng.choice(["word-family-given", "short-given-family", "dr-dot-initials"]))
        city = M.city_text(p, rng)
        sep = rng.choice([" — ", " - ", ", "])
        lines.append(sep.join([name, _specialty(p, rng), city]))
        L.mentions.add(p, "cc", name, gf, city, None)
    if L.copy_patient:
        lines.append(rng.choice(["l'intéressé(e)", "le patient", _patient_entry(L, rng)]))
    if not lines:
        return
    size = max(7.5, doc.size - 1)
    doc.need(doc.lead(size) * (len(lines) + 1))
    label = rng.choice(["Double adressé à :", "Double adressé à", "Un double est adressé à :"])
    if len(lines) == 1 and rng.random() < 0.5:
        doc.para(label.rstrip(" :") + " : " + lines[0], size, after=0)
        return
    doc.line(label, size, italic=True)
    for t in lines:
        doc.para(t, size, x=doc.left + 20, after=0)


def cp_patient_line(doc, L, rng):
    """No professional in copy; the patient's copy said in a line, when there is one."""
    if not L.copy_patient:
        return
    doc.line(rng.choice(["Copie : ", "Cc : ", "Exemplaire remis à : "]) + _patient_entry(L, rng),
             max(7.5, doc.size - 1))


COPIES_FAMILIES = {
    "d-cp-a": (cp_bullets, True, "end"),
    "d-cp-b": (cp_cc_line, True, "end"),
    "d-cp-c": (cp_en_copie_top, True, "top"),
    "d-cp-d": (cp_double, True, "end"),
    "d-cp-e": (cp_patient_line, False, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions

DM_POSITIONS = ["d-top-centre", "d-beside-window", "top-right", "footer-left", "below-window", "d-top-centre"]


def dm_candidates(d, pos, s, W, H):
    if pos == "d-top-centre":
        if d.page != 1:
            return [(W / 2 - s / 2 + dx, y) for y in (14, 20) for dx in (0, 40, -40)]
        return [(W / 2 - s / 2 + dx, y) for y in (16, 24, 34, 46) for dx in (0, 30, -30, 60)]
    if pos == "d-beside-window":
        bottom = getattr(d, "win_bottom", None)
        if not bottom or d.page != 1:
            return []
        xs = [d.left, d.left + 30, 150] if d.left < 100 else [M.W / 2 - s - 10]
        return [(x, y) for y in (132, 144, 158, 172) for x in xs if y + s < bottom + 20]
    return []
